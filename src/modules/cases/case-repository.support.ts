import type { CaseAccessFacts } from '../../access/case-access';
import type { Principal } from '../../access/principal';
import { CaseBreakGlass, CaseFile, CaseRiskLevel, CaseShare, CaseStatus } from './case.entities';
import { caseSearchSql, type CaseSearchFilter } from './case-search.sql';

/**
 * The only place case data is queried. Every read of a case carries the caller (user and
 * organisation) and returns, with each case, the facts the access layer decides on
 * (`caseAccess`): membership, the legal bases active now for the caller's organisation, and the
 * caller's own active break-the-glass access. Activeness is evaluated here, with the database's
 * clock (`now()`: the start of the statement's transaction), so an expiry takes effect exactly at
 * its instant, whatever the application servers' clocks say.
 */

/** A share's legal basis is active at `at`: not revoked, and statutory, or a consent not withdrawn and not expired. */
export function activeShareSql(s: string, at = 'now()'): string {
  return `(${s}.revoked_at IS NULL AND (${s}.basis_kind = 'STATUTORY' OR (${s}.consent_expires_at > ${at} AND (${s}.consent_withdrawn_at IS NULL OR ${s}.consent_withdrawn_at > ${at}))))`;
}

/**
 * A case task or meeting action is for this person: assigned to them, or to their organisation
 * without a person. `user` and `organisation` are the item's assignee columns, `userId` and
 * `organisationId` the person's (columns or parameters).
 */
export function assignedToSql(user: string, organisation: string, userId: string, organisationId: string): string {
  return `(${user} = ${userId} OR (${user} IS NULL AND ${organisation} = ${organisationId}))`;
}

/** A break-the-glass access is active at `at`: opened and not yet expired. */
export function activeBreakGlassSql(b: string, at = 'now()'): string {
  return `(${b}.opened_at <= ${at} AND ${b}.expires_at > ${at} AND ${b}.ended_at IS NULL)`;
}

/** The caller's identity as the queries need it. */
export interface CaseReader {
  userId: string;
  organisationId: string;
}

export const readerOf = (principal: Principal): CaseReader => ({
  userId: principal.userId,
  organisationId: principal.organisationId,
});

/** A case row with the caller's access facts. */
export interface CaseRow extends CaseFile, CaseAccessFacts {}

export interface CaseFilter extends CaseSearchFilter {
  statuses?: CaseStatus[];
  riskLevels?: CaseRiskLevel[];
}

export interface CaseKey {
  openedAt: string;
  id: string;
}

export interface MemberRow {
  id: string;
  caseId: string;
  userId: string;
  displayName: string;
  organisationId: string;
  addedAt: Date;
}

export interface UserFacts {
  id: string;
  organisationId: string;
  roles: string[];
  disabled: boolean;
}

export interface HistoryRow {
  id: string;
  caseId: string;
  occurredAt: Date;
  actorUserId: string;
  actorOrganisationId: string;
  entityType: string;
  entityId: string;
  action: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
}

export type HistoryEntry = Omit<HistoryRow, 'id' | 'occurredAt' | 'caseId'>;

export interface BreakGlassRow extends CaseBreakGlass {
  active: boolean;
}

/** The review queue's filter: reviewed or not, opened within a time range. */
export interface BreakGlassReviewFilter {
  reviewed?: boolean | null;
  openedAfter?: Date | null;
  openedBefore?: Date | null;
}

export function reviewWhere(filter: BreakGlassReviewFilter, params: unknown[]): string {
  const parts = ['b.organisation_id = $1'];
  if (filter.reviewed === true) parts.push('b.reviewed_at IS NOT NULL');
  if (filter.reviewed === false) parts.push('b.reviewed_at IS NULL');
  if (filter.openedAfter) {
    params.push(filter.openedAfter);
    parts.push(`b.opened_at >= $${params.length}::timestamptz`);
  }
  if (filter.openedBefore) {
    params.push(filter.openedBefore);
    parts.push(`b.opened_at <= $${params.length}::timestamptz`);
  }
  return parts.join(' AND ');
}

/** A share in the receiving organisation's inbox: what it needs to decide, no content. */
export interface IncomingShareRow extends CaseShare {
  active: boolean;
  riskLevel: CaseRiskLevel;
  senderOrganisationId: string;
}

export const CASE_COLUMNS = `c.id, c.owner_organisation_id AS "ownerOrganisationId", c.risk_level AS "riskLevel", c.status, c.opened_at AS "openedAt",
  c.closed_at AS "closedAt", c.created_by AS "createdBy", c.updated_at AS "updatedAt", c.legal_hold AS "legalHold",
  c.legal_hold_reason AS "legalHoldReason", c.legal_hold_since AS "legalHoldSince", c.legal_hold_by AS "legalHoldBy"`;

/** `CASE_COLUMNS` plus the access facts of the caller ($1 user, $2 organisation). */
export const CASE_WITH_FACTS = `${CASE_COLUMNS}, c.id AS "caseId",
  EXISTS (SELECT 1 FROM case_member m WHERE m.case_id = c.id AND m.user_id = $1) AS "callerIsMember",
  COALESCE((SELECT json_agg(json_build_object('shareId', s.id, 'legalBasis', s.basis_kind || ':' || COALESCE(s.statutory_ground::text, s.consent_scope::text)) ORDER BY s.id)
              FROM case_share s WHERE s.case_id = c.id AND s.organisation_id = $2 AND ${activeShareSql('s')}), '[]'::json) AS "activeSharesWithCaller",
  (SELECT b.id FROM case_break_glass b WHERE b.case_id = c.id AND b.user_id = $1 AND ${activeBreakGlassSql('b')}
    ORDER BY b.expires_at DESC LIMIT 1) AS "activeBreakGlassId"`;

export const TASK_COLUMNS = `t.id, t.case_id AS "caseId", t.title, t.assigned_organisation_id AS "assignedOrganisationId", t.assigned_user_id AS "assignedUserId",
  t.due_on::text AS "dueOn", t.status, t.audience, t.author_organisation_id AS "authorOrganisationId", t.created_by AS "createdBy", t.created_at AS "createdAt",
  t.updated_at AS "updatedAt"`;
export const ASSESSMENT_COLUMNS = `r.id, r.case_id AS "caseId", r.method, r.assessed_on::text AS "assessedOn", r.level, r.assessor_id AS "assessorId",
  r.assessor_organisation_id AS "assessorOrganisationId", r.audience, r.created_at AS "createdAt"`;
export const SHARE_COLUMNS = `s.id, s.case_id AS "caseId", s.organisation_id AS "organisationId", s.basis_kind AS "basisKind", s.statutory_ground AS "statutoryGround",
  s.consent_scope AS "consentScope", s.consent_given_on::text AS "consentGivenOn", s.consent_expires_at AS "consentExpiresAt",
  s.consent_withdrawn_at AS "consentWithdrawnAt", s.revoked_at AS "revokedAt", s.contact_function AS "contactFunction", s.accepted_by AS "acceptedBy",
  s.accepted_at AS "acceptedAt", s.created_by AS "createdBy", s.created_at AS "createdAt",
  ${activeShareSql('s')} AS active`;
export const BREAK_GLASS_COLUMNS = `b.id, b.case_id AS "caseId", b.user_id AS "userId", b.organisation_id AS "organisationId", b.reason_code AS "reasonCode",
  b.reason_text AS "reasonText", b.opened_at AS "openedAt", b.expires_at AS "expiresAt", b.reviewed_by AS "reviewedBy", b.reviewed_at AS "reviewedAt",
  b.review_comment AS "reviewComment", b.ended_at AS "endedAt", b.ended_by AS "endedBy", ${activeBreakGlassSql('b')} AS active`;

/** Builds the filter conditions on `c` with numbered parameters after `params`. */
export function filterSql(filter: CaseFilter, params: unknown[]): string {
  const parts: string[] = [];
  if (filter.statuses?.length) {
    params.push(filter.statuses);
    parts.push(`c.status = ANY($${params.length}::case_status[])`);
  }
  if (filter.riskLevels?.length) {
    params.push(filter.riskLevels);
    parts.push(`c.risk_level = ANY($${params.length}::case_risk_level[])`);
  }
  return parts.map((p) => ` AND ${p}`).join('') + caseSearchSql(filter, params);
}

/**
 * The cases a caller may list: those it is a member of (another organisation's only while a legal
 * basis for its organisation is active), and those of its own organisation it holds an active
 * break-the-glass access to. Returns the SQL of the candidate (opened_at, case_id) pairs.
 */
export function visibleCasesSql(
  params: unknown[],
  filter: CaseFilter,
  after: CaseKey | null,
  limit: number | null,
): string {
  const filters = filterSql(filter, params);
  let memberKeyset = '';
  let caseKeyset = '';
  if (after) {
    params.push(after.openedAt, after.id);
    const a = `$${params.length - 1}::timestamptz`;
    const b = `$${params.length}::uuid`;
    memberKeyset = ` AND (m.case_opened_at, m.case_id) < (${a}, ${b})`;
    caseKeyset = ` AND (c.opened_at, c.id) < (${a}, ${b})`;
  }
  const memberLimit = limit === null ? '' : ` ORDER BY m.case_opened_at DESC, m.case_id DESC LIMIT ${limit}`;
  return `(SELECT m.case_opened_at AS opened_at, m.case_id FROM case_member m JOIN case_file c ON c.id = m.case_id
            WHERE m.user_id = $1${memberKeyset}${filters}
              AND (c.owner_organisation_id = $2 OR EXISTS (SELECT 1 FROM case_share s WHERE s.case_id = c.id AND s.organisation_id = $2 AND ${activeShareSql('s')}))
            ${memberLimit})
          UNION
          (SELECT c.opened_at, c.id FROM case_break_glass b JOIN case_file c ON c.id = b.case_id
            WHERE b.user_id = $1 AND c.owner_organisation_id = $2 AND ${activeBreakGlassSql('b')}${caseKeyset}${filters})`;
}

/** The page query of `CaseRepository.page` (exported for the benchmark's baseline, which runs the same SQL). */
export function casePageQuery(
  reader: CaseReader,
  filter: CaseFilter,
  first: number,
  after: CaseKey | null,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [reader.userId, reader.organisationId];
  const visible = visibleCasesSql(params, filter, after, first + 1);
  return {
    sql: `SELECT ${CASE_WITH_FACTS} FROM (${visible}) v JOIN case_file c ON c.id = v.case_id ORDER BY v.opened_at DESC, v.case_id DESC LIMIT ${first + 1}`,
    params,
  };
}

/** Tasks of a batch of cases ($1), by due date (the per-request loader's statement). */
export const TASKS_OF_CASES_SQL = `SELECT ${TASK_COLUMNS} FROM case_task t WHERE t.case_id = ANY($1::uuid[]) ORDER BY t.case_id, t.due_on, t.id`;

/**
 * The latest assessment of each case of a batch ($1): one backwards step along (case, assessed_on,
 * created_at, id) per case. Kept for the benchmark's baseline; the API now picks the newest
 * assessment the caller's organisation may see from all of a case's assessments (audience rule).
 */
export const LATEST_ASSESSMENTS_SQL = `SELECT r.* FROM unnest($1::uuid[]) AS k(case_id)
  CROSS JOIN LATERAL (SELECT ${ASSESSMENT_COLUMNS} FROM risk_assessment r WHERE r.case_id = k.case_id
                       ORDER BY r.assessed_on DESC, r.created_at DESC, r.id DESC LIMIT 1) r`;
