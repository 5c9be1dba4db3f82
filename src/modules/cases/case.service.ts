import type { DataSource, EntityManager } from 'typeorm';
import { organisationScope, requireAccess, requireCapability } from '../../access/access';
import { breakGlassDecision, BreakGlassDecision, caseAccess, CaseAccessVia, CaseOperation, isOwnOrganisation, mayWorkCases, type CaseAccessGrant } from '../../access/case-access';
import { Capability } from '../../access/policy';
import type { Principal } from '../../access/principal';
import { decodeCursor, encodeCursor, isoInstantPart, uuidPart } from '../../shared/cursor';
import { AppError, badInput, ErrorCode, forbidden, notFound } from '../../shared/errors';
import { AuditAction, type AuditRecorder } from '../audit/audit.recorder';
import { addDays, isDate, todayInSweden } from '../training/certification-status';
import type { TrainingService } from '../training/training.service';
import {
  BreakGlassReason,
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
  type BreakGlassRow,
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
/** Break-the-glass lasts at most this long (DESIGN.md: "at most a few hours"; issue #7: 4 hours). */
export const MAX_BREAK_GLASS_MINUTES = 240;
/** A consent may be recorded for at most this long; it must be renewed after. */
const MAX_CONSENT_DAYS = 366;
/** An assessment may be recorded at most this many days after it was made. */
const MAX_ASSESSMENT_AGE_DAYS = 90;

/**
 * The course whose valid certificate a method needs (the training module's gate decides). The
 * titles name the course in the refusal; OTHER methods need none.
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
  if ((multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(v)) throw badInput(field, 'must not contain control characters');
  return v;
}

/** A calendar date from a `Date` scalar (UTC midnight) or text; BAD_USER_INPUT otherwise. */
function dateArg(field: string, value: Date | string | null | undefined): string {
  const text = value instanceof Date ? (Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)) : value;
  if (typeof text !== 'string' || !isDate(text)) throw badInput(field, 'must be a date YYYY-MM-DD');
  return text;
}

function id(field: string, value: string | null | undefined): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw badInput(field, 'must be an id');
  return value.toLowerCase();
}

/** Adds a purpose (legal basis or break-glass) to the request's audit record, once. */
function addPurpose(audit: AuditRecorder, purpose: string | null): void {
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
export function auditChildren(audit: AuditRecorder, action: AuditAction, entityType: string, owner: string, records: readonly { id: string }[]): void {
  audit.touch(action, entityType, records.map((r) => ({ id: r.id, organisationId: owner })));
}

/** A record inside a case the caller may not reach answers NOT_FOUND under its own name, like a missing one. */
async function notFoundAs<T>(what: string, access: Promise<T>): Promise<T> {
  try {
    return await access;
  } catch (error) {
    throw error instanceof AppError && error.code === ErrorCode.NOT_FOUND ? notFound(what) : error;
  }
}

const cursorOf = (c: CaseRow): string => encodeCursor(CURSOR_KIND, [new Date(c.openedAt).toISOString(), c.id]);

/**
 * Cases: coordination between organisations without names. Every decision about a case goes
 * through `caseAccess` (src/access); a case the caller may not see answers NOT_FOUND exactly like
 * a missing one. Changes run in the request's transaction and append to the case's history in it.
 */
export class CaseService {
  private readonly repo = new CaseRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly training: Pick<TrainingService, 'hasValidCertificate'>,
    private readonly today: () => string = () => todayInSweden(),
  ) {}

  // --- reading --------------------------------------------------------------------------------------

  async list(caller: CaseCaller, filter: CaseFilter, first: number | undefined, after: string | undefined): Promise<CasePage> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const principal = caller.principal!;
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badInput('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
    const key = after === undefined || after === null ? null : decodeCursor(CURSOR_KIND, after, [isoInstantPart, uuidPart]);
    const clean: CaseFilter = {};
    if (filter.statuses?.length) clean.statuses = [...new Set(filter.statuses)];
    if (filter.riskLevels?.length) clean.riskLevels = [...new Set(filter.riskLevels)];
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

  /** The case if the caller may do `operation` on it; NOT_FOUND otherwise (FORBIDDEN for roles without cases at all). */
  private async authorise(caller: CaseCaller, m: EntityManager, caseId: string, operation: CaseOperation, lock: boolean): Promise<CaseView> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const principal = caller.principal!;
    const [row] = typeof caseId === 'string' && UUID.test(caseId) ? await this.repo.byIds(m, readerOf(principal), [caseId], lock) : [];
    const grant = caseAccess(principal, row, operation);
    if (!row || !grant) throw notFound('Case');
    addPurpose(caller.audit, grant.purpose);
    return { ...row, grant };
  }

  /** For changes to the content of a case: it must be open. */
  private async workable(caller: CaseCaller, m: EntityManager, caseId: string): Promise<CaseView> {
    const view = await this.authorise(caller, m, caseId, CaseOperation.WORK, true);
    if (view.status !== CaseStatus.OPEN) throw badInput('caseId', 'the case is closed');
    return view;
  }

  // Relations of cases the caller has already been granted (the roots of the field resolvers).
  tasksOf = (caseIds: readonly string[]): Promise<CaseTask[]> => this.repo.tasksOf(this.dataSource.manager, caseIds);
  latestAssessmentsOf = (caseIds: readonly string[]): Promise<RiskAssessment[]> => this.repo.latestAssessments(this.dataSource.manager, caseIds);
  assessmentsOf = (caseIds: readonly string[]): Promise<RiskAssessment[]> => this.repo.assessmentsOf(this.dataSource.manager, caseIds);
  meetingsOf = (caseIds: readonly string[]): Promise<CaseMeeting[]> => this.repo.meetingsOf(this.dataSource.manager, caseIds);
  notesOf = (caseIds: readonly string[]): Promise<CaseNote[]> => this.repo.notesOf(this.dataSource.manager, caseIds);
  membersOf = (caseIds: readonly string[]): Promise<MemberRow[]> => this.repo.membersOf(this.dataSource.manager, caseIds);
  sharesOf = (caseIds: readonly string[]): Promise<ShareView[]> => this.repo.sharesOf(this.dataSource.manager, caseIds);
  historyOf = (caseIds: readonly string[]): Promise<HistoryRow[]> => this.repo.historyOf(this.dataSource.manager, caseIds);

  /** One organisation's own references on cases (the resolver asks only for cases the caller reaches as a member of that organisation). */
  externalReferencesOf = async (organisationId: string, caseIds: readonly string[]): Promise<Map<string, string>> => {
    if (caseIds.length === 0 || organisationId === '') return new Map();
    const rows = await this.repo.externalReferences(this.dataSource.manager, caseIds, organisationId);
    return new Map(rows.map((r) => [r.caseId, r.reference]));
  };

  async overdueTasks(caller: CaseCaller): Promise<CaseTask[]> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const tasks = await this.repo.overdueTasks(this.dataSource.manager, readerOf(caller.principal!), this.today());
    // The query keeps to cases the caller may work; confirm each through the access layer.
    const cases = await this.repo.byIds(this.dataSource.manager, readerOf(caller.principal!), [...new Set(tasks.map((t) => t.caseId))]);
    const granted = new Map(this.allowed(caller.principal!, cases, CaseOperation.READ).map((v) => [v.id, v]));
    const visible = tasks.filter((t) => granted.has(t.caseId));
    for (const v of granted.values()) addPurpose(caller.audit, v.grant.purpose);
    for (const v of granted.values()) auditChildren(caller.audit, AuditAction.READ, 'CaseTask', v.ownerOrganisationId, visible.filter((t) => t.caseId === v.id));
    return visible;
  }

  /** Active legal bases under which cases are shared with the caller's organisation: how its staff learn of a case to join. */
  async incomingShares(caller: CaseCaller): Promise<ShareView[]> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const shares = await this.repo.activeSharesWith(this.dataSource.manager, caller.principal!.organisationId);
    caller.audit.touch(AuditAction.READ, 'CaseShare', shares.map((s) => ({ id: s.id, organisationId: s.organisationId })));
    return shares;
  }

  // --- cases ----------------------------------------------------------------------------------------

  async create(caller: CaseCaller, m: EntityManager, input: { riskLevel: CaseRiskLevel; externalReference?: string | null }): Promise<CaseView> {
    organisationScope(caller.principal, Capability.CASE_CREATE); // OWN: a case of the caller's organisation
    const principal = caller.principal!;
    if (!Object.values(CaseRiskLevel).includes(input.riskLevel)) throw badInput('riskLevel', 'unknown risk level');
    const reference = input.externalReference === undefined || input.externalReference === null ? null : boundedText('externalReference', input.externalReference, 100);
    const caseId = await this.repo.insertCase(m, { ownerOrganisationId: principal.organisationId, riskLevel: input.riskLevel, createdBy: principal.userId });
    const self = await this.repo.userFacts(m, principal.userId);
    if (!self) throw notFound('User');
    await this.repo.insertMember(m, caseId, self, principal.userId);
    if (reference !== null) await this.repo.setExternalReference(m, caseId, principal.organisationId, reference, principal.userId);
    await this.repo.appendHistory(m, caseId, [
      this.entry(caller, 'Case', caseId, 'CREATE', 'riskLevel', null, input.riskLevel),
      this.entry(caller, 'CaseMember', principal.userId, 'CREATE', 'userId', null, principal.userId),
      ...(reference !== null ? [this.entry(caller, 'CaseExternalReference', principal.organisationId, 'CREATE', 'reference', null, null)] : []),
    ]);
    const view = await this.authorise(caller, m, caseId, CaseOperation.READ, false);
    caller.audit.touch(AuditAction.CREATE, 'Case', [{ id: caseId, organisationId: principal.organisationId }]);
    return view;
  }

  async update(caller: CaseCaller, m: EntityManager, caseId: string, input: { riskLevel?: CaseRiskLevel | null; status?: CaseStatus | null }): Promise<CaseView> {
    const view = await this.authorise(caller, m, caseId, CaseOperation.WORK, true);
    const riskLevel = input.riskLevel ?? view.riskLevel;
    const status = input.status ?? view.status;
    const entries: HistoryEntry[] = [];
    if (riskLevel !== view.riskLevel) entries.push(this.entry(caller, 'Case', view.id, 'UPDATE', 'riskLevel', view.riskLevel, riskLevel));
    if (status !== view.status) entries.push(this.entry(caller, 'Case', view.id, 'UPDATE', 'status', view.status, status));
    if (entries.length > 0) {
      await this.repo.updateCase(m, view.id, { riskLevel, status });
      await this.repo.appendHistory(m, view.id, entries);
    }
    caller.audit.touch(AuditAction.UPDATE, 'Case', [{ id: view.id, organisationId: view.ownerOrganisationId }]);
    return this.authorise(caller, m, view.id, CaseOperation.READ, false);
  }

  /** Sets (null: removes) the caller's organisation's own reference on a case it is a member of. */
  async setExternalReference(caller: CaseCaller, m: EntityManager, caseId: string, reference: string | null): Promise<boolean> {
    const view = await this.authorise(caller, m, caseId, CaseOperation.WORK, true);
    const value = reference === null || reference === undefined ? null : boundedText('reference', reference, 100);
    const principal = caller.principal!;
    if (await this.repo.setExternalReference(m, view.id, principal.organisationId, value, principal.userId)) {
      // The timeline says that the reference changed, never what it is.
      await this.repo.appendHistory(m, view.id, [this.entry(caller, 'CaseExternalReference', principal.organisationId, value === null ? 'DELETE' : 'UPDATE', 'reference', null, null)]);
    }
    caller.audit.touch(AuditAction.UPDATE, 'CaseExternalReference', [{ id: view.id, organisationId: principal.organisationId }]);
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
    if (user.disabled || !mayWorkCases(user.roles)) throw badInput('userId', 'the user does not work cases (social worker or police liaison)');
    const member = await this.repo.insertMember(m, view.id, user, principal.userId);
    if (!member) throw badInput('userId', 'is already a member of the case');
    await this.repo.appendHistory(m, view.id, [this.entry(caller, 'CaseMember', user.id, 'CREATE', 'userId', null, user.id)]);
    auditChildren(caller.audit, AuditAction.CREATE, 'CaseMember', view.ownerOrganisationId, [member]);
    return member;
  }

  /** A user of the caller's own organisation (members are managed per organisation); any other answers like an unknown one. */
  private async ownOrganisationUser(caller: CaseCaller, m: EntityManager, userId: string): Promise<UserFacts> {
    const user = UUID.test(userId ?? '') ? await this.repo.userFacts(m, userId) : null;
    if (!user || !isOwnOrganisation(caller.principal, user.organisationId)) throw badInput('userId', 'unknown user of your organisation');
    return user;
  }

  async removeMember(caller: CaseCaller, m: EntityManager, caseId: string, userId: string): Promise<boolean> {
    const view = await this.authorise(caller, m, caseId, CaseOperation.MANAGE_OWN_MEMBERS, true);
    const user = await this.ownOrganisationUser(caller, m, userId);
    if (user.organisationId === view.ownerOrganisationId && (await this.repo.memberCount(m, view.id, view.ownerOrganisationId)) <= 1) {
      throw badInput('userId', 'the last member of the owner organisation cannot be removed');
    }
    const removed = await this.repo.deleteMember(m, view.id, user.id);
    if (!removed) throw badInput('userId', 'is not a member of the case');
    await this.repo.appendHistory(m, view.id, [this.entry(caller, 'CaseMember', user.id, 'DELETE', 'userId', user.id, null)]);
    auditChildren(caller.audit, AuditAction.DELETE, 'CaseMember', view.ownerOrganisationId, [removed]);
    return true;
  }

  // --- sharing --------------------------------------------------------------------------------------

  /** Shares the case with an organisation of the owner's partnerships, on one recorded legal basis. */
  async share(caller: CaseCaller, m: EntityManager, caseId: string, organisationId: string, basis: LegalBasisInput): Promise<ShareView> {
    const view = await this.authorise(caller, m, caseId, CaseOperation.SHARE, true);
    if (view.status !== CaseStatus.OPEN) throw badInput('caseId', 'the case is closed');
    const principal = caller.principal!;
    const partner = id('organisationId', organisationId);
    // Only organisations of a partnership the owner is in (Täby never sees Danderyd's cases).
    if (partner === principal.organisationId || !principal.partnershipOrganisationIds.includes(partner)) {
      throw badInput('organisationId', 'not an organisation of your partnerships');
    }
    const existing = (await this.repo.sharesOf(m, [view.id])).filter((s) => s.organisationId === partner && s.active);
    if (existing.length > 0) throw badInput('organisationId', 'the case is already shared with this organisation on an active legal basis');
    const values = this.legalBasis(basis);
    const shareId = await this.repo.insertShare(m, { caseId: view.id, organisationId: partner, ...values, createdBy: principal.userId });
    await this.repo.appendHistory(m, view.id, [
      this.entry(caller, 'CaseShare', shareId, 'CREATE', 'organisationId', null, partner),
      this.entry(caller, 'CaseShare', shareId, 'CREATE', 'legalBasis', null, values.basisKind === LegalBasisKind.STATUTORY ? `STATUTORY:${values.statutoryGround}` : `CONSENT:${values.consentScope}`),
    ]);
    auditChildren(caller.audit, AuditAction.CREATE, 'CaseShare', view.ownerOrganisationId, [{ id: shareId }]);
    return (await this.repo.shareById(m, shareId))!;
  }

  private legalBasis(basis: LegalBasisInput): {
    basisKind: LegalBasisKind;
    statutoryGround: StatutoryGround | null;
    consentScope: ConsentScope | null;
    consentGivenOn: string | null;
    consentExpiresAt: Date | null;
  } {
    if (basis.kind === LegalBasisKind.STATUTORY) {
      if (!basis.statutoryGround || !Object.values(StatutoryGround).includes(basis.statutoryGround)) throw badInput('legalBasis.statutoryGround', 'a statutory ground is required');
      if (basis.consentScope || basis.consentGivenOn || basis.consentExpiresAt) throw badInput('legalBasis', 'a statutory basis takes no consent fields');
      return { basisKind: LegalBasisKind.STATUTORY, statutoryGround: basis.statutoryGround, consentScope: null, consentGivenOn: null, consentExpiresAt: null };
    }
    if (basis.kind !== LegalBasisKind.CONSENT) throw badInput('legalBasis.kind', 'must be CONSENT or STATUTORY');
    if (basis.statutoryGround) throw badInput('legalBasis.statutoryGround', 'a consent takes no statutory ground');
    if (!basis.consentScope || !Object.values(ConsentScope).includes(basis.consentScope)) throw badInput('legalBasis.consentScope', 'the scope of the consent is required');
    const givenOn = dateArg('legalBasis.consentGivenOn', basis.consentGivenOn);
    const today = this.today();
    if (givenOn > today) throw badInput('legalBasis.consentGivenOn', 'must not be in the future');
    const expiresAt = basis.consentExpiresAt;
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) throw badInput('legalBasis.consentExpiresAt', 'the expiry of the consent is required');
    if (expiresAt.getTime() <= Date.now()) throw badInput('legalBasis.consentExpiresAt', 'must be in the future');
    if (expiresAt.toISOString().slice(0, 10) > addDays(givenOn, MAX_CONSENT_DAYS)) throw badInput('legalBasis.consentExpiresAt', `must be at most ${MAX_CONSENT_DAYS} days after the consent was given`);
    return { basisKind: LegalBasisKind.CONSENT, statutoryGround: null, consentScope: basis.consentScope, consentGivenOn: givenOn, consentExpiresAt: expiresAt };
  }

  /** Records that the person withdrew consent: the partner's access ends with this transaction. */
  async withdrawConsent(caller: CaseCaller, m: EntityManager, shareId: string): Promise<ShareView> {
    return this.endShare(caller, m, shareId, 'withdraw');
  }

  /** Ends a share (e.g. the statutory ground no longer applies). */
  async revokeShare(caller: CaseCaller, m: EntityManager, shareId: string): Promise<ShareView> {
    return this.endShare(caller, m, shareId, 'revoke');
  }

  private async endShare(caller: CaseCaller, m: EntityManager, shareId: string, how: 'withdraw' | 'revoke'): Promise<ShareView> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const share = typeof shareId === 'string' && UUID.test(shareId) ? await this.repo.shareById(m, shareId, true) : null;
    if (!share) throw notFound('Legal basis');
    // The share answers like the case it belongs to: only the owner's members may end it.
    const view = await notFoundAs('Legal basis', this.authorise(caller, m, share.caseId, CaseOperation.SHARE, true));
    if (how === 'withdraw' && share.basisKind !== LegalBasisKind.CONSENT) throw badInput('shareId', 'only a consent can be withdrawn');
    if ((how === 'withdraw' ? share.consentWithdrawnAt : share.revokedAt) !== null) throw badInput('shareId', how === 'withdraw' ? 'the consent is already withdrawn' : 'the share is already ended');
    await this.repo.endShare(m, share.id, how);
    await this.repo.appendHistory(m, view.id, [this.entry(caller, 'CaseShare', share.id, 'UPDATE', how === 'withdraw' ? 'consentWithdrawnAt' : 'revokedAt', null, 'set')]);
    auditChildren(caller.audit, AuditAction.UPDATE, 'CaseShare', view.ownerOrganisationId, [share]);
    return (await this.repo.shareById(m, share.id))!;
  }

  // --- tasks, meetings, notes, assessments ----------------------------------------------------------

  /** The organisations that take part in a case now: the owner and those it is actively shared with. */
  private async participants(m: EntityManager, view: CaseView): Promise<Set<string>> {
    const shares = await this.repo.sharesOf(m, [view.id]);
    return new Set([view.ownerOrganisationId, ...shares.filter((s) => s.active).map((s) => s.organisationId)]);
  }

  private async checkAssignment(m: EntityManager, view: CaseView, organisationId: string, userId: string | null): Promise<void> {
    if (!(await this.participants(m, view)).has(organisationId)) throw badInput('assignedOrganisationId', 'not an organisation of the case');
    if (userId !== null) {
      const members = await this.repo.membersOf(m, [view.id]);
      if (!members.some((x) => x.userId === userId && x.organisationId === organisationId)) throw badInput('assignedUserId', 'not a member of the case in that organisation');
    }
  }

  async createTask(caller: CaseCaller, m: EntityManager, caseId: string, input: TaskInput): Promise<CaseTask> {
    const view = await this.workable(caller, m, caseId);
    const title = boundedText('title', input.title, 200);
    const organisationId = id('assignedOrganisationId', input.assignedOrganisationId);
    const userId = input.assignedUserId === undefined || input.assignedUserId === null ? null : id('assignedUserId', input.assignedUserId);
    const dueOn = dateArg('dueOn', input.dueOn);
    await this.checkAssignment(m, view, organisationId, userId);
    const taskId = await this.repo.insertTask(m, { caseId: view.id, title, assignedOrganisationId: organisationId, assignedUserId: userId, dueOn, createdBy: caller.principal!.userId });
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
    const next = {
      id: task.id,
      title: input.title === undefined || input.title === null ? task.title : boundedText('title', input.title, 200),
      assignedOrganisationId: input.assignedOrganisationId ? id('assignedOrganisationId', input.assignedOrganisationId) : task.assignedOrganisationId,
      assignedUserId: input.assignedUserId === undefined ? task.assignedUserId : input.assignedUserId === null ? null : id('assignedUserId', input.assignedUserId),
      dueOn: input.dueOn ? dateArg('dueOn', input.dueOn) : task.dueOn,
      status: input.status ?? task.status,
    };
    if (next.assignedOrganisationId !== task.assignedOrganisationId || next.assignedUserId !== task.assignedUserId) {
      await this.checkAssignment(m, view, next.assignedOrganisationId, next.assignedUserId);
    }
    const entries: HistoryEntry[] = [];
    if (next.title !== task.title) entries.push(this.entry(caller, 'CaseTask', task.id, 'UPDATE', 'title', null, null));
    for (const field of ['assignedOrganisationId', 'assignedUserId', 'dueOn', 'status'] as const) {
      if (next[field] !== task[field]) entries.push(this.entry(caller, 'CaseTask', task.id, 'UPDATE', field, task[field], next[field]));
    }
    if (entries.length > 0) {
      await this.repo.updateTask(m, next);
      await this.repo.appendHistory(m, view.id, entries);
    }
    auditChildren(caller.audit, AuditAction.UPDATE, 'CaseTask', view.ownerOrganisationId, [task]);
    return (await this.repo.taskById(m, task.id))!;
  }

  async recordMeeting(caller: CaseCaller, m: EntityManager, caseId: string, input: { heldOn: Date | string; participantOrganisationIds: string[]; decisions: string }): Promise<CaseMeeting> {
    const view = await this.workable(caller, m, caseId);
    const heldOn = dateArg('heldOn', input.heldOn);
    const participants = [...new Set((input.participantOrganisationIds ?? []).map((x) => id('participantOrganisationIds', x)))];
    if (participants.length === 0 || participants.length > 10) throw badInput('participantOrganisationIds', 'one to ten organisations');
    const allowed = await this.participants(m, view);
    if (participants.some((p) => !allowed.has(p))) throw badInput('participantOrganisationIds', 'not an organisation of the case');
    const decisions = boundedText('decisions', input.decisions, 4000, true);
    const meetingId = await this.repo.insertMeeting(m, { caseId: view.id, heldOn, participantOrganisationIds: participants, decisions, createdBy: caller.principal!.userId });
    await this.repo.appendHistory(m, view.id, [
      this.entry(caller, 'CaseMeeting', meetingId, 'CREATE', 'heldOn', null, heldOn),
      this.entry(caller, 'CaseMeeting', meetingId, 'CREATE', 'decisions', null, null),
    ]);
    auditChildren(caller.audit, AuditAction.CREATE, 'CaseMeeting', view.ownerOrganisationId, [{ id: meetingId }]);
    return (await this.repo.meetingsOf(m, [view.id])).find((x) => x.id === meetingId)!;
  }

  async addNote(caller: CaseCaller, m: EntityManager, caseId: string, text: string): Promise<CaseNote> {
    const view = await this.workable(caller, m, caseId);
    const principal = caller.principal!;
    const note = await this.repo.insertNote(m, { caseId: view.id, text: boundedText('text', text, 4000, true), authorId: principal.userId, authorOrganisationId: principal.organisationId });
    // Neither the timeline nor the audit log holds the text: only that a note was added.
    await this.repo.appendHistory(m, view.id, [this.entry(caller, 'CaseNote', note.id, 'CREATE', null, null, null)]);
    auditChildren(caller.audit, AuditAction.CREATE, 'CaseNote', view.ownerOrganisationId, [note]);
    return note;
  }

  /** Records a risk assessment made by the caller; a method with a course needs the caller's valid certificate (training's gate). */
  async recordAssessment(caller: CaseCaller, m: EntityManager, caseId: string, input: { method: RiskAssessmentMethod; assessedOn: Date | string; level: CaseRiskLevel }): Promise<RiskAssessment> {
    const view = await this.workable(caller, m, caseId);
    const principal = caller.principal!;
    if (!Object.values(RiskAssessmentMethod).includes(input.method)) throw badInput('method', 'unknown method');
    if (!Object.values(CaseRiskLevel).includes(input.level)) throw badInput('level', 'unknown risk level');
    const assessedOn = dateArg('assessedOn', input.assessedOn);
    const today = this.today();
    if (assessedOn > today) throw badInput('assessedOn', 'must not be in the future');
    if (assessedOn < addDays(today, -MAX_ASSESSMENT_AGE_DAYS)) throw badInput('assessedOn', `must be within the last ${MAX_ASSESSMENT_AGE_DAYS} days`);
    const course = COURSE_FOR_METHOD[input.method];
    if (course && !(await this.training.hasValidCertificate(principal.userId, course.code, today))) {
      throw forbidden(`Recording a ${input.method} risk assessment requires a valid certificate for the course ${course.code} (${course.title})`);
    }
    const assessment = await this.repo.insertAssessment(m, {
      caseId: view.id,
      method: input.method,
      assessedOn,
      level: input.level,
      assessorId: principal.userId,
      assessorOrganisationId: principal.organisationId,
    });
    await this.repo.appendHistory(m, view.id, [
      this.entry(caller, 'RiskAssessment', assessment.id, 'CREATE', 'method', null, input.method),
      this.entry(caller, 'RiskAssessment', assessment.id, 'CREATE', 'level', null, input.level),
      this.entry(caller, 'RiskAssessment', assessment.id, 'CREATE', 'assessedOn', null, assessedOn),
    ]);
    auditChildren(caller.audit, AuditAction.CREATE, 'RiskAssessment', view.ownerOrganisationId, [assessment]);
    return assessment;
  }

  // --- break-the-glass --------------------------------------------------------------------------------

  async breakGlass(caller: CaseCaller, m: EntityManager, caseId: string, input: { reasonCode: BreakGlassReason; reasonText: string; minutes?: number | null }): Promise<BreakGlassRow> {
    // Recorded as BREAK_GLASS even when refused.
    caller.audit.action = AuditAction.BREAK_GLASS;
    requireCapability(caller.principal, Capability.CASE_BREAK_GLASS);
    const principal = caller.principal!;
    const [row] = typeof caseId === 'string' && UUID.test(caseId) ? await this.repo.byIds(m, readerOf(principal), [caseId], true) : [];
    const decision = breakGlassDecision(principal, row);
    if (!row || decision === BreakGlassDecision.NOT_FOUND) throw notFound('Case');
    if (decision !== BreakGlassDecision.ALLOWED) throw badInput('caseId', 'you are a member of the case: no break-the-glass is needed');
    if (!Object.values(BreakGlassReason).includes(input.reasonCode)) throw badInput('reasonCode', 'unknown reason');
    const reasonText = boundedText('reasonText', input.reasonText, 500);
    const minutes = input.minutes ?? MAX_BREAK_GLASS_MINUTES;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_BREAK_GLASS_MINUTES) throw badInput('minutes', `must be 1 to ${MAX_BREAK_GLASS_MINUTES}`);
    const access = await this.repo.insertBreakGlass(m, { caseId: row.id, userId: principal.userId, organisationId: row.ownerOrganisationId, reasonCode: input.reasonCode, reasonText, minutes });
    await this.repo.appendHistory(m, row.id, [this.entry(caller, 'CaseBreakGlass', access.id, 'CREATE', 'reasonCode', null, input.reasonCode)]);
    addPurpose(caller.audit, `break-glass:${access.id}:${input.reasonCode}`);
    caller.audit.touch(AuditAction.BREAK_GLASS, 'Case', [{ id: row.id, organisationId: row.ownerOrganisationId }]);
    caller.audit.touch(AuditAction.BREAK_GLASS, 'CaseBreakGlass', [{ id: access.id, organisationId: row.ownerOrganisationId }]);
    return access;
  }

  /** The own organisation's break-the-glass accesses that no auditor has reviewed yet. */
  async reviewQueue(caller: CaseCaller): Promise<BreakGlassRow[]> {
    const scope = organisationScope(caller.principal, Capability.BREAK_GLASS_REVIEW);
    const rows = await this.repo.reviewQueue(this.dataSource.manager, scope.organisationIds[0]);
    const allowed = requireAccess(caller.principal, Capability.BREAK_GLASS_REVIEW, rows, 'Break-the-glass access');
    caller.audit.touch(AuditAction.READ, 'CaseBreakGlass', allowed);
    return allowed;
  }

  async review(caller: CaseCaller, m: EntityManager, breakGlassId: string, comment: string): Promise<BreakGlassRow> {
    requireCapability(caller.principal, Capability.BREAK_GLASS_REVIEW);
    const row = typeof breakGlassId === 'string' && UUID.test(breakGlassId) ? await this.repo.breakGlassById(m, breakGlassId, true) : null;
    const [access] = requireAccess(caller.principal, Capability.BREAK_GLASS_REVIEW, [row], 'Break-the-glass access');
    if (access.reviewedAt !== null) throw badInput('id', 'is already reviewed');
    await this.repo.review(m, access.id, caller.principal!.userId, boundedText('comment', comment, 1000, true));
    caller.audit.touch(AuditAction.UPDATE, 'CaseBreakGlass', [access]);
    return (await this.repo.breakGlassById(m, access.id))!;
  }

  // --- history ----------------------------------------------------------------------------------------

  private entry(caller: CaseCaller, entityType: string, entityId: string, action: string, field: string | null, oldValue: string | null, newValue: string | null): HistoryEntry {
    return { actorUserId: caller.principal!.userId, actorOrganisationId: caller.principal!.organisationId, entityType, entityId, action, field, oldValue, newValue };
  }

}
