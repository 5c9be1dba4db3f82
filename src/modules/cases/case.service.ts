import { cleanCaseSearch } from './case-search.sql';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { organisationScope, requireCapability } from '../../access/access';
import { caseAccess, CaseOperation } from '../../access/case-access';
import { type CaseEdges } from '../../access/case-content';
import { Capability } from '../../access/policy';
import type { Principal } from '../../access/principal';
import { decodeCursor, isoInstantPart, uuidPart } from '../../shared/cursor';
import { badInput, InputReason, notFound } from '../../shared/errors';
import { CaseReason } from './cases.reasons';
import { AuditAction } from '../audit/audit.recorder';
import { todayInSweden } from '../training/certification-status';
import type { CertificateService } from '../training/certificate.service';
import { BreakGlassService } from './case-break-glass.service';
import { CaseMemberService } from './case-member.service';
import { CaseSharingService } from './case-sharing.service';
import {
  CaseRiskLevel,
  CaseStatus,
  type CaseMeeting,
  type CaseNote,
  type CaseTask,
  type RiskAssessment,
} from './case.entities';
import {
  CaseRepository,
  readerOf,
  type CaseFilter,
  type CaseRow,
  type HistoryEntry,
  type HistoryRow,
  type MemberRow,
} from './case.repository';
import { CaseWorkService } from './case-work.service';
import {
  UUID,
  CURSOR_KIND,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  CaseView,
  CasePage,
  ShareView,
  boundedText,
  auditCaseRead,
  auditChildren,
  notFoundAs,
  cursorOf,
} from './case.support';

export * from './case.support';
export { MAX_BREAK_GLASS_MINUTES } from './case-break-glass.service';

/**
 * Cases: coordination between organisations without names. Every decision about a case goes
 * through `caseAccess` (src/access); a case the caller may not see answers NOT_FOUND exactly like
 * a missing one. Changes run in the request's transaction and append to the case's history in it.
 */
export class CaseService {
  private readonly repo = new CaseRepository();
  /** Sharing: shares, their acceptance, partner memberships. */
  readonly sharing: CaseSharingService;
  /** Break-the-glass accesses and their review. */
  readonly breakGlass: BreakGlassService;
  /** Tasks, meetings, notes and risk assessments. */
  readonly work: CaseWorkService;
  /** Who may be made a member. */
  readonly members: CaseMemberService;

  constructor(
    private readonly dataSource: DataSource,
    training: Pick<CertificateService, 'hasValidCertificateOfCourse'>,
    readonly today: () => string = () => todayInSweden(),
  ) {
    this.sharing = new CaseSharingService(dataSource, this, this.repo);
    this.breakGlass = new BreakGlassService(dataSource, this, this.repo);
    this.work = new CaseWorkService(this, this.repo, training, today);
    this.members = new CaseMemberService(dataSource, this, this.repo);
  }

  todayIs(): string {
    return this.today();
  }

  // --- reading --------------------------------------------------------------------------------------

  async list(
    caller: Actor,
    filter: CaseFilter,
    first: number | undefined,
    after: string | undefined,
  ): Promise<CasePage> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const principal = caller.principal;
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
      throw badInput('first', InputReason.PAGE_SIZE_OUT_OF_RANGE, `must be between 1 and ${MAX_PAGE_SIZE}`);
    const key =
      after === undefined || after === null ? null : decodeCursor(CURSOR_KIND, after, [isoInstantPart, uuidPart]);
    const clean: CaseFilter = {};
    if (filter.statuses?.length) clean.statuses = [...new Set(filter.statuses)];
    if (filter.riskLevels?.length) clean.riskLevels = [...new Set(filter.riskLevels)];
    Object.assign(clean, cleanCaseSearch(filter));
    const manager = this.dataSource.manager;
    const reader = readerOf(principal);
    const rows = await this.repo.page(manager, reader, clean, size, key && { openedAt: key[0], id: key[1] });
    // The query already keeps to what the caller may see; the access layer has the second word on each row.
    const nodes = this.allowed(principal, rows.slice(0, size), CaseOperation.READ);
    auditCaseRead(caller.audit, nodes);
    return {
      nodes,
      cursors: nodes.map(cursorOf),
      hasNextPage: rows.length > size,
      totalCount: () => this.repo.count(manager, reader, clean),
    };
  }

  async get(caller: Actor, caseId: string): Promise<CaseView> {
    const view = await this.authorise(caller, this.dataSource.manager, caseId, CaseOperation.READ, false);
    auditCaseRead(caller.audit, [view]);
    return view;
  }

  private allowed(principal: Principal, rows: readonly CaseRow[], operation: CaseOperation): CaseView[] {
    return rows.flatMap((row) => {
      const grant = caseAccess(principal, row, operation);
      return grant ? [{ ...row, grant }] : [];
    });
  }

  /**
   * The case if the caller may do `operation` on it; NOT_FOUND otherwise (FORBIDDEN for roles without
   * cases at all). A refusal records the id asked for, with the owner when the case exists.
   */
  async authorise(
    caller: Actor,
    manager: EntityManager,
    caseId: string,
    operation: CaseOperation,
    lock: boolean,
  ): Promise<CaseView> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const principal = caller.principal;
    const [row] =
      typeof caseId === 'string' && UUID.test(caseId)
        ? await this.repo.byIds(manager, readerOf(principal), [caseId], lock)
        : [];
    const grant = caseAccess(principal, row, operation);
    if (!row || !grant) {
      caller.audit.refused('Case', typeof caseId === 'string' ? caseId : '', row?.ownerOrganisationId ?? null);
      throw notFound('Case');
    }
    caller.audit.addPurpose(grant.purpose, row.ownerOrganisationId);
    return { ...row, grant };
  }

  /** `authorise` (locked, for a change) answering NOT_FOUND under the name of the record asked for. */
  authoriseAs(
    what: string,
    caller: Actor,
    manager: EntityManager,
    caseId: string,
    operation: CaseOperation,
  ): Promise<CaseView> {
    return notFoundAs(what, this.authorise(caller, manager, caseId, operation, true));
  }

  /** Adds the purpose a member of the case has for it (used right after the caller became one). */
  addPurposeOf(caller: Actor, row: CaseRow): void {
    caller.audit.addPurpose(
      caseAccess(caller.principal, { ...row, callerIsMember: true }, CaseOperation.READ)?.purpose ?? null,
      row.ownerOrganisationId,
    );
  }

  /** The case's owner and active shares, for `contentVisible`. */
  async edges(manager: EntityManager, view: CaseView): Promise<CaseEdges> {
    const shares = await this.repo.sharing.sharesOf(manager, [view.id]);
    return { ownerOrganisationId: view.ownerOrganisationId, activeShares: shares.filter((s) => s.active) };
  }

  /** For changes to the content of a case: it must be open. */
  async workable(caller: Actor, manager: EntityManager, caseId: string): Promise<CaseView> {
    const view = await this.authorise(caller, manager, caseId, CaseOperation.WORK, true);
    if (view.status !== CaseStatus.OPEN) throw badInput('caseId', CaseReason.CASE_CLOSED, 'the case is closed');
    return view;
  }

  // Relations of cases the caller has already been granted (the roots of the field resolvers). A
  // mutation passes its transaction, so that its answer shows what it just stored.
  tasksOf = (caseIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<CaseTask[]> =>
    this.repo.work.tasksOf(manager, caseIds);
  assessmentsOf = (
    caseIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RiskAssessment[]> => this.repo.work.assessmentsOf(manager, caseIds);
  meetingsOf = (caseIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<CaseMeeting[]> =>
    this.repo.work.meetingsOf(manager, caseIds);
  notesOf = (caseIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<CaseNote[]> =>
    this.repo.work.notesOf(manager, caseIds);
  membersOf = (caseIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<MemberRow[]> =>
    this.repo.membersOf(manager, caseIds);
  sharesOf = (caseIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<ShareView[]> =>
    this.repo.sharing.sharesOf(manager, caseIds);
  historyOf = (caseIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<HistoryRow[]> =>
    this.repo.historyOf(manager, caseIds);

  /** One organisation's own references on cases (the resolver asks only for cases the caller reaches as a member of that organisation). */
  externalReferencesOf = async (
    organisationId: string,
    caseIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> => {
    if (caseIds.length === 0 || organisationId === '') return new Map();
    const rows = await this.repo.externalReferences(manager, caseIds, organisationId);
    return new Map(rows.map((r) => [r.caseId, r.reference]));
  };

  async overdueTasks(caller: Actor): Promise<CaseTask[]> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const tasks = await this.repo.work.overdueTasks(this.dataSource.manager, readerOf(caller.principal), this.today());
    // The query keeps to cases the caller may work; confirm each through the access layer.
    const cases = await this.repo.byIds(this.dataSource.manager, readerOf(caller.principal), [
      ...new Set(tasks.map((t) => t.caseId)),
    ]);
    const granted = new Map(this.allowed(caller.principal, cases, CaseOperation.READ).map((v) => [v.id, v]));
    const visible = tasks.filter((t) => granted.has(t.caseId));
    for (const v of granted.values()) caller.audit.addPurpose(v.grant.purpose, v.ownerOrganisationId);
    for (const v of granted.values())
      auditChildren(
        caller.audit,
        AuditAction.READ,
        'CaseTask',
        v.ownerOrganisationId,
        visible.filter((t) => t.caseId === v.id),
      );
    return visible;
  }

  // --- cases ----------------------------------------------------------------------------------------

  async create(
    caller: Actor,
    manager: EntityManager,
    input: { riskLevel: CaseRiskLevel; externalReference?: string | null },
  ): Promise<CaseView> {
    organisationScope(caller.principal, Capability.CASE_CREATE); // OWN: a case of the caller's organisation
    const principal = caller.principal;
    if (!Object.values(CaseRiskLevel).includes(input.riskLevel))
      throw badInput('riskLevel', InputReason.UNKNOWN_VALUE, 'unknown risk level');
    const reference =
      input.externalReference === undefined || input.externalReference === null
        ? null
        : boundedText('externalReference', input.externalReference, 100);
    const caseId = await this.repo.insertCase(manager, {
      ownerOrganisationId: principal.organisationId,
      riskLevel: input.riskLevel,
      createdBy: principal.userId,
    });
    const self = await this.repo.userFacts(manager, principal.userId);
    if (!self) throw notFound('User');
    await this.repo.insertMember(manager, caseId, self, principal.userId);
    if (reference !== null)
      await this.repo.setExternalReference(manager, caseId, principal.organisationId, reference, principal.userId);
    await this.repo.appendHistory(manager, caseId, [
      this.entry(caller, 'Case', caseId, 'CREATE', 'riskLevel', null, input.riskLevel),
      this.entry(caller, 'CaseMember', principal.userId, 'CREATE', 'userId', null, principal.userId),
      ...(reference !== null
        ? [this.entry(caller, 'CaseExternalReference', principal.organisationId, 'CREATE', 'reference', null, null)]
        : []),
    ]);
    const view = await this.authorise(caller, manager, caseId, CaseOperation.READ, false);
    caller.audit.touch(AuditAction.CREATE, 'Case', [{ id: caseId, organisationId: principal.organisationId }]);
    return view;
  }

  async update(
    caller: Actor,
    manager: EntityManager,
    caseId: string,
    input: { riskLevel?: CaseRiskLevel | null; status?: CaseStatus | null },
  ): Promise<CaseView> {
    const view = await this.authorise(caller, manager, caseId, CaseOperation.WORK, true);
    const riskLevel = input.riskLevel ?? view.riskLevel;
    const status = input.status ?? view.status;
    const entries: HistoryEntry[] = [];
    if (riskLevel !== view.riskLevel)
      entries.push(this.entry(caller, 'Case', view.id, 'UPDATE', 'riskLevel', view.riskLevel, riskLevel));
    if (status !== view.status)
      entries.push(this.entry(caller, 'Case', view.id, 'UPDATE', 'status', view.status, status));
    if (entries.length > 0) {
      await this.repo.updateCase(manager, view.id, { riskLevel, status });
      await this.repo.appendHistory(manager, view.id, entries);
    }
    caller.audit.touch(AuditAction.UPDATE, 'Case', [{ id: view.id, organisationId: view.ownerOrganisationId }]);
    return this.authorise(caller, manager, view.id, CaseOperation.READ, false);
  }

  /** Sets (null: removes) the caller's organisation's own reference on a case it is a member of. */
  async setExternalReference(
    caller: Actor,
    manager: EntityManager,
    caseId: string,
    reference: string | null,
  ): Promise<boolean> {
    const view = await this.authorise(caller, manager, caseId, CaseOperation.WORK, true);
    const value = reference === null || reference === undefined ? null : boundedText('reference', reference, 100);
    const principal = caller.principal;
    if (await this.repo.setExternalReference(manager, view.id, principal.organisationId, value, principal.userId)) {
      // The timeline says that the reference changed, never what it is.
      await this.repo.appendHistory(manager, view.id, [
        this.entry(
          caller,
          'CaseExternalReference',
          principal.organisationId,
          value === null ? 'DELETE' : 'UPDATE',
          'reference',
          null,
          null,
        ),
      ]);
    }
    caller.audit.touch(AuditAction.UPDATE, 'CaseExternalReference', [
      { id: view.id, organisationId: principal.organisationId },
    ]);
    return true;
  }

  // --- history ----------------------------------------------------------------------------------------

  entry(
    caller: Actor,
    entityType: string,
    entityId: string,
    action: string,
    field: string | null,
    oldValue: string | null,
    newValue: string | null,
  ): HistoryEntry {
    return {
      actorUserId: caller.principal.userId,
      actorOrganisationId: caller.principal.organisationId,
      entityType,
      entityId,
      action,
      field,
      oldValue,
      newValue,
    };
  }
}
