import { checkDueOn, checkHeldOn, swedishDate } from '../../shared/date-rules';
import type { DataSource, EntityManager } from 'typeorm';
import { organisationScope, requireCapability } from '../../access/access';
import {
  caseAccess,
  CaseAccessVia,
  CaseOperation,
  isOwnOrganisation,
  mayWorkCases,
  type CaseAccessGrant,
} from '../../access/case-access';
import { CaseContentAudience, CaseContentCategory, contentVisible, type CaseEdges } from '../../access/case-content';
import { Capability } from '../../access/policy';
import type { Principal } from '../../access/principal';
import { decodeCursor, encodeCursor, isoInstantPart, uuidPart } from '../../shared/cursor';
import { AppError, badInput, ErrorCode, notFound } from '../../shared/errors';
import { AuditAction, type AuditRecorder } from '../audit/audit.recorder';
import { addDays, isDate, todayInSweden } from '../training/certification-status';
import type { TrainingService } from '../training/training.service';
import { BreakGlassService } from './case-break-glass.service';
import { refuseInSharedText } from './case-shared-text';
import { cleanCaseSearch } from './case-search.sql';
import { CaseSharingService } from './case-sharing.service';
import {
  CaseRiskLevel,
  CaseStatus,
  CaseTaskStatus,
  ConsentScope,
  LegalBasisKind,
  RiskAssessmentMethod,
  StatutoryGround,
  type CaseMeeting,
  type CaseNote,
  type CaseShare,
  type CaseTask,
  type RiskAssessment,
} from './case.entities';
import {
  CaseRepository,
  type UserFacts,
  readerOf,
  type CaseFilter,
  type CaseRow,
  type HistoryEntry,
  type HistoryRow,
  type MemberRow,
} from './case.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR_KIND = 'case';
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export { MAX_BREAK_GLASS_MINUTES } from './case-break-glass.service';
/** An assessment may be recorded at most this many days after it was made. */
const MAX_ASSESSMENT_AGE_DAYS = 90;

/**
 * The methods that need training, with the course each organisation's gate normally names (the
 * seed and the migration provision the gates from these codes; a gate itself names its course by
 * id, see RiskAssessmentGate). OTHER methods need none.
 */
export const COURSE_FOR_METHOD: Readonly<Record<RiskAssessmentMethod, { code: string; title: string } | null>> = {
  [RiskAssessmentMethod.FREDA_DANGER_ASSESSMENT]: { code: 'FREDA-FARLIG', title: 'FREDA farlighetsbedömning' },
  [RiskAssessmentMethod.SARA_SV]: { code: 'SARA:SV', title: 'SARA:SV' },
  [RiskAssessmentMethod.PATRIARK]: { code: 'PATRIARK', title: 'PATRIARK' },
  [RiskAssessmentMethod.OTHER]: null,
};

/** One request's caller. */
export interface CaseCaller {
  principal: Principal | undefined;
  audit: AuditRecorder;
}

/** A case the caller may read, with how it reaches it. */
export interface CaseView extends CaseRow {
  grant: CaseAccessGrant;
}

export interface CasePage {
  nodes: CaseView[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

export interface ShareView extends CaseShare {
  active: boolean;
}

export interface LegalBasisInput {
  kind: LegalBasisKind;
  statutoryGround?: StatutoryGround | null;
  consentScope?: ConsentScope | null;
  consentGivenOn?: Date | string | null;
  consentExpiresAt?: Date | null;
}

export interface TaskInput {
  title?: string | null;
  audience?: CaseContentAudience | null;
  assignedOrganisationId?: string | null;
  assignedUserId?: string | null;
  dueOn?: Date | string | null;
  status?: CaseTaskStatus | null;
}

// Control characters other than tab and newline never belong in a text; single-line texts take neither.
// (Matching control characters is the point of these expressions.)
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F]/;

/** A bounded, trimmed text without control characters; BAD_USER_INPUT naming the field otherwise (never quoting the value). */
export function boundedText(field: string, value: string | null | undefined, max: number, multiline = false): string {
  const v = (value ?? '').trim();
  if (v.length === 0 || v.length > max) throw badInput(field, `must be 1 to ${max} characters`);
  if ((multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(v))
    throw badInput(field, 'must not contain control characters');
  return v;
}

/** A calendar date from a `Date` scalar (UTC midnight) or text; BAD_USER_INPUT otherwise. */
function dateArg(field: string, value: Date | string | null | undefined): string {
  const text =
    value instanceof Date ? (Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)) : value;
  if (typeof text !== 'string' || !isDate(text)) throw badInput(field, 'must be a date YYYY-MM-DD');
  return text;
}

function id(field: string, value: string | null | undefined): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw badInput(field, 'must be an id');
  return value.toLowerCase();
}

/** Adds a purpose (legal basis or break-glass) to the request's audit record, once. */
export function addPurpose(audit: AuditRecorder, purpose: string | null): void {
  if (!purpose) return;
  const parts = new Set((audit.purpose ?? '').split(' ').filter((p) => p !== ''));
  for (const p of purpose.split(' ')) parts.add(p);
  audit.purpose = [...parts].sort().join(' ');
}

/** How a case read is audited: break-the-glass reads as BREAK_GLASS, everything else as READ; the purpose when a partner's or break-glass. */
export function auditCaseRead(audit: AuditRecorder, views: readonly CaseView[]): void {
  for (const v of views) addPurpose(audit, v.grant.purpose);
  const byAction = (action: AuditAction, via: (x: CaseAccessVia) => boolean): void =>
    audit.touch(
      action,
      'Case',
      views.filter((v) => via(v.grant.via)).map((v) => ({ id: v.id, organisationId: v.ownerOrganisationId })),
    );
  byAction(AuditAction.READ, (x) => x !== CaseAccessVia.BREAK_GLASS);
  byAction(AuditAction.BREAK_GLASS, (x) => x === CaseAccessVia.BREAK_GLASS);
}

/** Records of a case, for the audit log (ids only) with the case owner as owning organisation. */
export function auditChildren(
  audit: AuditRecorder,
  action: AuditAction,
  entityType: string,
  owner: string,
  records: readonly { id: string }[],
): void {
  audit.touch(
    action,
    entityType,
    records.map((r) => ({ id: r.id, organisationId: owner })),
  );
}

/** A record inside a case the caller may not reach answers NOT_FOUND under its own name, like a missing one. */
async function notFoundAs<T>(what: string, access: Promise<T>): Promise<T> {
  try {
    return await access;
  } catch (error) {
    throw error instanceof AppError && error.code === ErrorCode.NOT_FOUND ? notFound(what) : error;
  }
}

/** The audience of new content: stated, or the own organisation only (need-to-know by default). */
function audienceOf(value: CaseContentAudience | null | undefined): CaseContentAudience {
  if (value === undefined || value === null) return CaseContentAudience.OWN_ORGANISATION;
  if (!Object.values(CaseContentAudience).includes(value))
    throw badInput('audience', 'must be OWN_ORGANISATION or SHARED');
  return value;
}

const cursorOf = (c: CaseRow): string => encodeCursor(CURSOR_KIND, [new Date(c.openedAt).toISOString(), c.id]);

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

  constructor(
    private readonly dataSource: DataSource,
    private readonly training: Pick<TrainingService, 'hasValidCertificateOfCourse'>,
    private readonly today: () => string = () => todayInSweden(),
  ) {
    this.sharing = new CaseSharingService(dataSource, this, this.repo);
    this.breakGlass = new BreakGlassService(dataSource, this, this.repo);
  }

  todayIs(): string {
    return this.today();
  }

  // --- reading --------------------------------------------------------------------------------------

  async list(
    caller: CaseCaller,
    filter: CaseFilter,
    first: number | undefined,
    after: string | undefined,
  ): Promise<CasePage> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const principal = caller.principal!;
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
      throw badInput('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
    const key =
      after === undefined || after === null ? null : decodeCursor(CURSOR_KIND, after, [isoInstantPart, uuidPart]);
    const clean: CaseFilter = {};
    if (filter.statuses?.length) clean.statuses = [...new Set(filter.statuses)];
    if (filter.riskLevels?.length) clean.riskLevels = [...new Set(filter.riskLevels)];
    Object.assign(clean, cleanCaseSearch(filter));
    const m = this.dataSource.manager;
    const reader = readerOf(principal);
    const rows = await this.repo.page(m, reader, clean, size, key && { openedAt: key[0], id: key[1] });
    // The query already keeps to what the caller may see; the access layer has the second word on each row.
    const nodes = this.allowed(principal, rows.slice(0, size), CaseOperation.READ);
    auditCaseRead(caller.audit, nodes);
    return {
      nodes,
      cursors: nodes.map(cursorOf),
      hasNextPage: rows.length > size,
      totalCount: () => this.repo.count(m, reader, clean),
    };
  }

  async get(caller: CaseCaller, caseId: string): Promise<CaseView> {
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
    caller: CaseCaller,
    m: EntityManager,
    caseId: string,
    operation: CaseOperation,
    lock: boolean,
  ): Promise<CaseView> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const principal = caller.principal!;
    const [row] =
      typeof caseId === 'string' && UUID.test(caseId)
        ? await this.repo.byIds(m, readerOf(principal), [caseId], lock)
        : [];
    const grant = caseAccess(principal, row, operation);
    if (!row || !grant) {
      caller.audit.refused('Case', typeof caseId === 'string' ? caseId : '', row?.ownerOrganisationId ?? null);
      throw notFound('Case');
    }
    addPurpose(caller.audit, grant.purpose);
    return { ...row, grant };
  }

  /** `authorise` (locked, for a change) answering NOT_FOUND under the name of the record asked for. */
  authoriseAs(
    what: string,
    caller: CaseCaller,
    m: EntityManager,
    caseId: string,
    operation: CaseOperation,
  ): Promise<CaseView> {
    return notFoundAs(what, this.authorise(caller, m, caseId, operation, true));
  }

  /** Adds the purpose a member of the case has for it (used right after the caller became one). */
  addPurposeOf(caller: CaseCaller, row: CaseRow): void {
    addPurpose(
      caller.audit,
      caseAccess(caller.principal, { ...row, callerIsMember: true }, CaseOperation.READ)?.purpose ?? null,
    );
  }

  /** The case's owner and active shares, for `contentVisible`. */
  private async edges(m: EntityManager, view: CaseView): Promise<CaseEdges> {
    const shares = await this.repo.sharesOf(m, [view.id]);
    return { ownerOrganisationId: view.ownerOrganisationId, activeShares: shares.filter((s) => s.active) };
  }

  /** For changes to the content of a case: it must be open. */
  private async workable(caller: CaseCaller, m: EntityManager, caseId: string): Promise<CaseView> {
    const view = await this.authorise(caller, m, caseId, CaseOperation.WORK, true);
    if (view.status !== CaseStatus.OPEN) throw badInput('caseId', 'the case is closed');
    return view;
  }

  // Relations of cases the caller has already been granted (the roots of the field resolvers). A
  // mutation passes its transaction, so that its answer shows what it just stored.
  tasksOf = (caseIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<CaseTask[]> =>
    this.repo.tasksOf(m, caseIds);
  assessmentsOf = (caseIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<RiskAssessment[]> =>
    this.repo.assessmentsOf(m, caseIds);
  meetingsOf = (caseIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<CaseMeeting[]> =>
    this.repo.meetingsOf(m, caseIds);
  notesOf = (caseIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<CaseNote[]> =>
    this.repo.notesOf(m, caseIds);
  membersOf = (caseIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<MemberRow[]> =>
    this.repo.membersOf(m, caseIds);
  sharesOf = (caseIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<ShareView[]> =>
    this.repo.sharesOf(m, caseIds);
  historyOf = (caseIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<HistoryRow[]> =>
    this.repo.historyOf(m, caseIds);

  /** One organisation's own references on cases (the resolver asks only for cases the caller reaches as a member of that organisation). */
  externalReferencesOf = async (
    organisationId: string,
    caseIds: readonly string[],
    m: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> => {
    if (caseIds.length === 0 || organisationId === '') return new Map();
    const rows = await this.repo.externalReferences(m, caseIds, organisationId);
    return new Map(rows.map((r) => [r.caseId, r.reference]));
  };

  async overdueTasks(caller: CaseCaller): Promise<CaseTask[]> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const tasks = await this.repo.overdueTasks(this.dataSource.manager, readerOf(caller.principal!), this.today());
    // The query keeps to cases the caller may work; confirm each through the access layer.
    const cases = await this.repo.byIds(this.dataSource.manager, readerOf(caller.principal!), [
      ...new Set(tasks.map((t) => t.caseId)),
    ]);
    const granted = new Map(this.allowed(caller.principal!, cases, CaseOperation.READ).map((v) => [v.id, v]));
    const visible = tasks.filter((t) => granted.has(t.caseId));
    for (const v of granted.values()) addPurpose(caller.audit, v.grant.purpose);
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
    caller: CaseCaller,
    m: EntityManager,
    input: { riskLevel: CaseRiskLevel; externalReference?: string | null },
  ): Promise<CaseView> {
    organisationScope(caller.principal, Capability.CASE_CREATE); // OWN: a case of the caller's organisation
    const principal = caller.principal!;
    if (!Object.values(CaseRiskLevel).includes(input.riskLevel)) throw badInput('riskLevel', 'unknown risk level');
    const reference =
      input.externalReference === undefined || input.externalReference === null
        ? null
        : boundedText('externalReference', input.externalReference, 100);
    const caseId = await this.repo.insertCase(m, {
      ownerOrganisationId: principal.organisationId,
      riskLevel: input.riskLevel,
      createdBy: principal.userId,
    });
    const self = await this.repo.userFacts(m, principal.userId);
    if (!self) throw notFound('User');
    await this.repo.insertMember(m, caseId, self, principal.userId);
    if (reference !== null)
      await this.repo.setExternalReference(m, caseId, principal.organisationId, reference, principal.userId);
    await this.repo.appendHistory(m, caseId, [
      this.entry(caller, 'Case', caseId, 'CREATE', 'riskLevel', null, input.riskLevel),
      this.entry(caller, 'CaseMember', principal.userId, 'CREATE', 'userId', null, principal.userId),
      ...(reference !== null
        ? [this.entry(caller, 'CaseExternalReference', principal.organisationId, 'CREATE', 'reference', null, null)]
        : []),
    ]);
    const view = await this.authorise(caller, m, caseId, CaseOperation.READ, false);
    caller.audit.touch(AuditAction.CREATE, 'Case', [{ id: caseId, organisationId: principal.organisationId }]);
    return view;
  }

  async update(
    caller: CaseCaller,
    m: EntityManager,
    caseId: string,
    input: { riskLevel?: CaseRiskLevel | null; status?: CaseStatus | null },
  ): Promise<CaseView> {
    const view = await this.authorise(caller, m, caseId, CaseOperation.WORK, true);
    const riskLevel = input.riskLevel ?? view.riskLevel;
    const status = input.status ?? view.status;
    const entries: HistoryEntry[] = [];
    if (riskLevel !== view.riskLevel)
      entries.push(this.entry(caller, 'Case', view.id, 'UPDATE', 'riskLevel', view.riskLevel, riskLevel));
    if (status !== view.status)
      entries.push(this.entry(caller, 'Case', view.id, 'UPDATE', 'status', view.status, status));
    if (entries.length > 0) {
      await this.repo.updateCase(m, view.id, { riskLevel, status });
      await this.repo.appendHistory(m, view.id, entries);
    }
    caller.audit.touch(AuditAction.UPDATE, 'Case', [{ id: view.id, organisationId: view.ownerOrganisationId }]);
    return this.authorise(caller, m, view.id, CaseOperation.READ, false);
  }

  /** Sets (null: removes) the caller's organisation's own reference on a case it is a member of. */
  async setExternalReference(
    caller: CaseCaller,
    m: EntityManager,
    caseId: string,
    reference: string | null,
  ): Promise<boolean> {
    const view = await this.authorise(caller, m, caseId, CaseOperation.WORK, true);
    const value = reference === null || reference === undefined ? null : boundedText('reference', reference, 100);
    const principal = caller.principal!;
    if (await this.repo.setExternalReference(m, view.id, principal.organisationId, value, principal.userId)) {
      // The timeline says that the reference changed, never what it is.
      await this.repo.appendHistory(m, view.id, [
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

  // --- members --------------------------------------------------------------------------------------

  /**
   * The owner's members add users of the owner organisation; once sharing is active, a partner
   * organisation's case workers add their own colleagues. Only users who can work cases at all.
   */
  async addMember(caller: CaseCaller, m: EntityManager, caseId: string, userId: string): Promise<MemberRow> {
    const view = await this.authorise(caller, m, caseId, CaseOperation.MANAGE_OWN_MEMBERS, true);
    const principal = caller.principal!;
    const user = await this.ownOrganisationUser(caller, m, userId);
    // Nobody adds themselves (a member already is one; anyone else is refused above).
    if (user.id === principal.userId) throw badInput('userId', 'nobody adds themselves to a case');
    if (user.disabled || !mayWorkCases(user.roles))
      throw badInput('userId', 'the user does not work cases (social worker or police liaison)');
    const member = await this.repo.insertMember(m, view.id, user, principal.userId);
    if (!member) throw badInput('userId', 'is already a member of the case');
    await this.repo.appendHistory(m, view.id, [
      this.entry(caller, 'CaseMember', user.id, 'CREATE', 'userId', null, user.id),
    ]);
    auditChildren(caller.audit, AuditAction.CREATE, 'CaseMember', view.ownerOrganisationId, [member]);
    // A partner's member added by a colleague: the partner's auditors see it too.
    caller.audit.touch(AuditAction.CREATE, 'CaseMember', [{ id: member.id, organisationId: member.organisationId }]);
    return member;
  }

  /** A user of the caller's own organisation (members are managed per organisation); any other answers like an unknown one. */
  private async ownOrganisationUser(caller: CaseCaller, m: EntityManager, userId: string): Promise<UserFacts> {
    const user = UUID.test(userId ?? '') ? await this.repo.userFacts(m, userId) : null;
    if (!user || !isOwnOrganisation(caller.principal, user.organisationId))
      throw badInput('userId', 'unknown user of your organisation');
    return user;
  }

  async removeMember(caller: CaseCaller, m: EntityManager, caseId: string, userId: string): Promise<boolean> {
    const view = await this.authorise(caller, m, caseId, CaseOperation.MANAGE_OWN_MEMBERS, true);
    const user = await this.ownOrganisationUser(caller, m, userId);
    if (
      user.organisationId === view.ownerOrganisationId &&
      (await this.repo.memberCount(m, view.id, view.ownerOrganisationId)) <= 1
    ) {
      throw badInput('userId', 'the last member of the owner organisation cannot be removed');
    }
    const removed = await this.repo.deleteMember(m, view.id, user.id);
    if (!removed) throw badInput('userId', 'is not a member of the case');
    await this.repo.appendHistory(m, view.id, [
      this.entry(caller, 'CaseMember', user.id, 'DELETE', 'userId', user.id, null),
    ]);
    auditChildren(caller.audit, AuditAction.DELETE, 'CaseMember', view.ownerOrganisationId, [removed]);
    caller.audit.touch(AuditAction.DELETE, 'CaseMember', [{ id: removed.id, organisationId: removed.organisationId }]);
    return true;
  }

  // --- tasks, meetings, notes, assessments ----------------------------------------------------------

  /** The organisations that take part in a case now: the owner and those it is actively shared with. */
  private async participants(m: EntityManager, view: CaseView): Promise<Set<string>> {
    const shares = await this.repo.sharesOf(m, [view.id]);
    return new Set([view.ownerOrganisationId, ...shares.filter((s) => s.active).map((s) => s.organisationId)]);
  }

  private async checkAssignment(
    m: EntityManager,
    view: CaseView,
    organisationId: string,
    userId: string | null,
    task: { authorOrganisationId: string; audience: CaseContentAudience },
  ): Promise<void> {
    if (!(await this.participants(m, view)).has(organisationId))
      throw badInput('assignedOrganisationId', 'not an organisation of the case');
    // The assigned organisation must be able to see its task: its audience and the legal basis decide.
    if (!contentVisible(organisationId, await this.edges(m, view), { ...task, category: CaseContentCategory.TASK })) {
      throw badInput('audience', 'the assigned organisation could not see this task (audience or legal basis)');
    }
    if (userId !== null) {
      const members = await this.repo.membersOf(m, [view.id]);
      if (!members.some((x) => x.userId === userId && x.organisationId === organisationId))
        throw badInput('assignedUserId', 'not a member of the case in that organisation');
    }
  }

  async createTask(caller: CaseCaller, m: EntityManager, caseId: string, input: TaskInput): Promise<CaseTask> {
    const view = await this.workable(caller, m, caseId);
    const title = boundedText('title', input.title, 200);
    const organisationId = id('assignedOrganisationId', input.assignedOrganisationId);
    const userId =
      input.assignedUserId === undefined || input.assignedUserId === null
        ? null
        : id('assignedUserId', input.assignedUserId);
    const dueOn = dateArg('dueOn', input.dueOn);
    const authorOrganisationId = caller.principal!.organisationId;
    // A task for another organisation is for it to see unless stated otherwise.
    const audience =
      input.audience === undefined || input.audience === null
        ? organisationId === authorOrganisationId
          ? CaseContentAudience.OWN_ORGANISATION
          : CaseContentAudience.SHARED
        : audienceOf(input.audience);
    await this.checkAssignment(m, view, organisationId, userId, { authorOrganisationId, audience });
    checkDueOn('dueOn', dueOn, this.today());
    refuseInSharedText(audience, { title });
    const taskId = await this.repo.insertTask(m, {
      caseId: view.id,
      title,
      assignedOrganisationId: organisationId,
      assignedUserId: userId,
      dueOn,
      audience,
      authorOrganisationId,
      createdBy: caller.principal!.userId,
    });
    await this.repo.appendHistory(m, view.id, [
      this.entry(caller, 'CaseTask', taskId, 'CREATE', 'title', null, null),
      this.entry(caller, 'CaseTask', taskId, 'CREATE', 'assignedOrganisationId', null, organisationId),
      ...(userId ? [this.entry(caller, 'CaseTask', taskId, 'CREATE', 'assignedUserId', null, userId)] : []),
      this.entry(caller, 'CaseTask', taskId, 'CREATE', 'dueOn', null, dueOn),
    ]);
    auditChildren(caller.audit, AuditAction.CREATE, 'CaseTask', view.ownerOrganisationId, [{ id: taskId }]);
    return (await this.repo.taskById(m, taskId))!;
  }

  async updateTask(caller: CaseCaller, m: EntityManager, taskId: string, input: TaskInput): Promise<CaseTask> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const task = typeof taskId === 'string' && UUID.test(taskId) ? await this.repo.taskById(m, taskId, true) : null;
    if (!task) throw notFound('Task');
    const view = await notFoundAs('Task', this.workable(caller, m, task.caseId));
    // A task the caller's organisation cannot see answers like a missing one.
    if (
      !contentVisible(caller.principal!.organisationId, await this.edges(m, view), {
        ...task,
        category: CaseContentCategory.TASK,
      })
    )
      throw notFound('Task');
    const next = {
      id: task.id,
      title: input.title === undefined || input.title === null ? task.title : boundedText('title', input.title, 200),
      assignedOrganisationId: input.assignedOrganisationId
        ? id('assignedOrganisationId', input.assignedOrganisationId)
        : task.assignedOrganisationId,
      assignedUserId:
        input.assignedUserId === undefined
          ? task.assignedUserId
          : input.assignedUserId === null
            ? null
            : id('assignedUserId', input.assignedUserId),
      dueOn: input.dueOn ? dateArg('dueOn', input.dueOn) : task.dueOn,
      status: input.status ?? task.status,
    };
    if (next.dueOn !== task.dueOn) checkDueOn('dueOn', next.dueOn, swedishDate(new Date(task.createdAt)));
    if (next.title !== task.title) refuseInSharedText(task.audience, { title: next.title });
    if (next.assignedOrganisationId !== task.assignedOrganisationId || next.assignedUserId !== task.assignedUserId) {
      await this.checkAssignment(m, view, next.assignedOrganisationId, next.assignedUserId, task);
    }
    const entries: HistoryEntry[] = [];
    if (next.title !== task.title) entries.push(this.entry(caller, 'CaseTask', task.id, 'UPDATE', 'title', null, null));
    for (const field of ['assignedOrganisationId', 'assignedUserId', 'dueOn', 'status'] as const) {
      if (next[field] !== task[field])
        entries.push(this.entry(caller, 'CaseTask', task.id, 'UPDATE', field, task[field], next[field]));
    }
    if (entries.length > 0) {
      await this.repo.updateTask(m, next);
      await this.repo.appendHistory(m, view.id, entries);
    }
    auditChildren(caller.audit, AuditAction.UPDATE, 'CaseTask', view.ownerOrganisationId, [task]);
    return (await this.repo.taskById(m, task.id))!;
  }

  async recordMeeting(
    caller: CaseCaller,
    m: EntityManager,
    caseId: string,
    input: {
      heldOn: Date | string;
      participantOrganisationIds: string[];
      decisions: string;
      audience?: CaseContentAudience | null;
    },
  ): Promise<CaseMeeting> {
    const view = await this.workable(caller, m, caseId);
    const heldOn = dateArg('heldOn', input.heldOn);
    checkHeldOn('heldOn', heldOn, this.today());
    const participants = [
      ...new Set((input.participantOrganisationIds ?? []).map((x) => id('participantOrganisationIds', x))),
    ];
    if (participants.length === 0 || participants.length > 10)
      throw badInput('participantOrganisationIds', 'one to ten organisations');
    const allowed = await this.participants(m, view);
    if (participants.some((p) => !allowed.has(p)))
      throw badInput('participantOrganisationIds', 'not an organisation of the case');
    const decisions = boundedText('decisions', input.decisions, 4000, true);
    refuseInSharedText(audienceOf(input.audience), { decisions });
    const meetingId = await this.repo.insertMeeting(m, {
      caseId: view.id,
      heldOn,
      participantOrganisationIds: participants,
      decisions,
      audience: audienceOf(input.audience),
      authorOrganisationId: caller.principal!.organisationId,
      createdBy: caller.principal!.userId,
    });
    await this.repo.appendHistory(m, view.id, [
      this.entry(caller, 'CaseMeeting', meetingId, 'CREATE', 'heldOn', null, heldOn),
      this.entry(caller, 'CaseMeeting', meetingId, 'CREATE', 'decisions', null, null),
    ]);
    auditChildren(caller.audit, AuditAction.CREATE, 'CaseMeeting', view.ownerOrganisationId, [{ id: meetingId }]);
    return (await this.repo.meetingsOf(m, [view.id])).find((x) => x.id === meetingId)!;
  }

  async addNote(
    caller: CaseCaller,
    m: EntityManager,
    caseId: string,
    text: string,
    audience?: CaseContentAudience | null,
  ): Promise<CaseNote> {
    const view = await this.workable(caller, m, caseId);
    const principal = caller.principal!;
    const noteText = boundedText('text', text, 4000, true);
    refuseInSharedText(audienceOf(audience), { text: noteText });
    const note = await this.repo.insertNote(m, {
      caseId: view.id,
      text: noteText,
      audience: audienceOf(audience),
      authorId: principal.userId,
      authorOrganisationId: principal.organisationId,
    });
    // Neither the timeline nor the audit log holds the text: only that a note was added.
    await this.repo.appendHistory(m, view.id, [this.entry(caller, 'CaseNote', note.id, 'CREATE', null, null, null)]);
    auditChildren(caller.audit, AuditAction.CREATE, 'CaseNote', view.ownerOrganisationId, [note]);
    return note;
  }

  /** Records a risk assessment made by the caller; a method with a course needs the caller's valid certificate (training's gate). */
  async recordAssessment(
    caller: CaseCaller,
    m: EntityManager,
    caseId: string,
    input: {
      method: RiskAssessmentMethod;
      assessedOn: Date | string;
      level: CaseRiskLevel;
      audience?: CaseContentAudience | null;
    },
  ): Promise<RiskAssessment> {
    const view = await this.workable(caller, m, caseId);
    const principal = caller.principal!;
    if (!Object.values(RiskAssessmentMethod).includes(input.method)) throw badInput('method', 'unknown method');
    if (!Object.values(CaseRiskLevel).includes(input.level)) throw badInput('level', 'unknown risk level');
    const assessedOn = dateArg('assessedOn', input.assessedOn);
    const today = this.today();
    if (assessedOn > today) throw badInput('assessedOn', 'must not be in the future');
    if (assessedOn < addDays(today, -MAX_ASSESSMENT_AGE_DAYS))
      throw badInput('assessedOn', `must be within the last ${MAX_ASSESSMENT_AGE_DAYS} days`);
    const needed = COURSE_FOR_METHOD[input.method];
    if (needed) {
      // The caller's organisation's gate names the course by id; without a gate nobody records the method.
      const gate = await this.repo.gateFor(m, principal.organisationId, input.method);
      if (!gate) {
        throw new AppError(
          ErrorCode.FORBIDDEN,
          `Recording a ${input.method} risk assessment requires a valid certificate for the course ${needed.code} (${needed.title}) through your organisation's training gate, and it has none`,
          { reason: 'NO_TRAINING_GATE', course: `${needed.code} (${needed.title})` },
        );
      }
      if (!(await this.training.hasValidCertificateOfCourse(principal.userId, gate.courseId, today))) {
        throw new AppError(
          ErrorCode.FORBIDDEN,
          `Recording a ${input.method} risk assessment requires a valid certificate for the course ${gate.code} (${gate.title})`,
          { reason: 'CERTIFICATE_MISSING', course: `${gate.code} (${gate.title})` },
        );
      }
    }
    const assessment = await this.repo.insertAssessment(m, {
      caseId: view.id,
      method: input.method,
      assessedOn,
      level: input.level,
      assessorId: principal.userId,
      assessorOrganisationId: principal.organisationId,
      audience: audienceOf(input.audience),
    });
    await this.repo.appendHistory(m, view.id, [
      this.entry(caller, 'RiskAssessment', assessment.id, 'CREATE', 'method', null, input.method),
      this.entry(caller, 'RiskAssessment', assessment.id, 'CREATE', 'level', null, input.level),
      this.entry(caller, 'RiskAssessment', assessment.id, 'CREATE', 'assessedOn', null, assessedOn),
    ]);
    auditChildren(caller.audit, AuditAction.CREATE, 'RiskAssessment', view.ownerOrganisationId, [assessment]);
    return assessment;
  }

  // --- history ----------------------------------------------------------------------------------------

  entry(
    caller: CaseCaller,
    entityType: string,
    entityId: string,
    action: string,
    field: string | null,
    oldValue: string | null,
    newValue: string | null,
  ): HistoryEntry {
    return {
      actorUserId: caller.principal!.userId,
      actorOrganisationId: caller.principal!.organisationId,
      entityType,
      entityId,
      action,
      field,
      oldValue,
      newValue,
    };
  }
}
