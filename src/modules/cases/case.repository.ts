import type { EntityManager } from 'typeorm';
import type { CaseAccessFacts } from '../../access/case-access';
import type { Principal } from '../../access/principal';
import { caseSearchSql, type CaseSearchFilter } from './case-search.sql';
import {
  BreakGlassReason,
  CaseBreakGlass,
  CaseFile,
  CaseMeeting,
  CaseNote,
  CaseRiskLevel,
  CaseShare,
  CaseStatus,
  CaseTask,
  ConsentScope,
  LegalBasisKind,
  RiskAssessment,
  StatutoryGround,
} from './case.entities';

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

function reviewWhere(filter: BreakGlassReviewFilter, params: unknown[]): string {
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

const CASE_COLUMNS = `c.id, c.owner_organisation_id AS "ownerOrganisationId", c.risk_level AS "riskLevel", c.status, c.opened_at AS "openedAt",
  c.closed_at AS "closedAt", c.created_by AS "createdBy", c.updated_at AS "updatedAt"`;

/** `CASE_COLUMNS` plus the access facts of the caller ($1 user, $2 organisation). */
const CASE_WITH_FACTS = `${CASE_COLUMNS}, c.id AS "caseId",
  EXISTS (SELECT 1 FROM case_member m WHERE m.case_id = c.id AND m.user_id = $1) AS "callerIsMember",
  COALESCE((SELECT json_agg(json_build_object('shareId', s.id, 'legalBasis', s.basis_kind || ':' || COALESCE(s.statutory_ground::text, s.consent_scope::text)) ORDER BY s.id)
              FROM case_share s WHERE s.case_id = c.id AND s.organisation_id = $2 AND ${activeShareSql('s')}), '[]'::json) AS "activeSharesWithCaller",
  (SELECT b.id FROM case_break_glass b WHERE b.case_id = c.id AND b.user_id = $1 AND ${activeBreakGlassSql('b')}
    ORDER BY b.expires_at DESC LIMIT 1) AS "activeBreakGlassId"`;

const TASK_COLUMNS = `t.id, t.case_id AS "caseId", t.title, t.assigned_organisation_id AS "assignedOrganisationId", t.assigned_user_id AS "assignedUserId",
  t.due_on::text AS "dueOn", t.status, t.audience, t.author_organisation_id AS "authorOrganisationId", t.created_by AS "createdBy", t.created_at AS "createdAt",
  t.updated_at AS "updatedAt"`;
const ASSESSMENT_COLUMNS = `r.id, r.case_id AS "caseId", r.method, r.assessed_on::text AS "assessedOn", r.level, r.assessor_id AS "assessorId",
  r.assessor_organisation_id AS "assessorOrganisationId", r.audience, r.created_at AS "createdAt"`;
const SHARE_COLUMNS = `s.id, s.case_id AS "caseId", s.organisation_id AS "organisationId", s.basis_kind AS "basisKind", s.statutory_ground AS "statutoryGround",
  s.consent_scope AS "consentScope", s.consent_given_on::text AS "consentGivenOn", s.consent_expires_at AS "consentExpiresAt",
  s.consent_withdrawn_at AS "consentWithdrawnAt", s.revoked_at AS "revokedAt", s.contact_function AS "contactFunction", s.accepted_by AS "acceptedBy",
  s.accepted_at AS "acceptedAt", s.created_by AS "createdBy", s.created_at AS "createdAt",
  ${activeShareSql('s')} AS active`;
const BREAK_GLASS_COLUMNS = `b.id, b.case_id AS "caseId", b.user_id AS "userId", b.organisation_id AS "organisationId", b.reason_code AS "reasonCode",
  b.reason_text AS "reasonText", b.opened_at AS "openedAt", b.expires_at AS "expiresAt", b.reviewed_by AS "reviewedBy", b.reviewed_at AS "reviewedAt",
  b.review_comment AS "reviewComment", b.ended_at AS "endedAt", b.ended_by AS "endedBy", ${activeBreakGlassSql('b')} AS active`;

/** Builds the filter conditions on `c` with numbered parameters after `params`. */
function filterSql(filter: CaseFilter, params: unknown[]): string {
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
function visibleCasesSql(params: unknown[], filter: CaseFilter, after: CaseKey | null, limit: number | null): string {
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

export class CaseRepository {
  // --- cases and the caller's access facts ------------------------------------------------------

  /** One page of the caller's cases, newest first; `first + 1` rows to know whether more follow. */
  page(
    m: EntityManager,
    reader: CaseReader,
    filter: CaseFilter,
    first: number,
    after: CaseKey | null,
  ): Promise<CaseRow[]> {
    const q = casePageQuery(reader, filter, first, after);
    return m.query(q.sql, q.params);
  }

  async count(m: EntityManager, reader: CaseReader, filter: CaseFilter): Promise<number> {
    const params: unknown[] = [reader.userId, reader.organisationId];
    const rows: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM (${visibleCasesSql(params, filter, null, null)}) v`,
      params,
    );
    return rows[0]?.n ?? 0;
  }

  /** Cases by id with the caller's facts, whoever owns them (the access layer decides); `lock` for a change. */
  byIds(m: EntityManager, reader: CaseReader, ids: readonly string[], lock = false): Promise<CaseRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return m.query(
      `SELECT ${CASE_WITH_FACTS} FROM case_file c WHERE c.id = ANY($3::uuid[]) ${lock ? 'FOR UPDATE OF c' : ''}`,
      [reader.userId, reader.organisationId, [...ids]],
    );
  }

  async insertCase(
    m: EntityManager,
    c: { ownerOrganisationId: string; riskLevel: CaseRiskLevel; createdBy: string },
  ): Promise<string> {
    // Opened at millisecond precision: the list's cursor carries the instant as ISO text with milliseconds.
    const rows: { id: string }[] = await m.query(
      `INSERT INTO case_file (owner_organisation_id, risk_level, status, opened_at, created_by)
       VALUES ($1, $2, 'OPEN', date_trunc('milliseconds', now()), $3) RETURNING id`,
      [c.ownerOrganisationId, c.riskLevel, c.createdBy],
    );
    return rows[0].id;
  }

  async updateCase(
    m: EntityManager,
    id: string,
    values: { riskLevel: CaseRiskLevel; status: CaseStatus },
  ): Promise<void> {
    await m.query(
      `UPDATE case_file SET risk_level = $2, status = $3::case_status,
              closed_at = CASE WHEN $3::case_status = 'CLOSED' THEN COALESCE(closed_at, now()) ELSE NULL END, updated_at = now()
        WHERE id = $1`,
      [id, values.riskLevel, values.status],
    );
  }

  // --- members ----------------------------------------------------------------------------------

  membersOf(m: EntityManager, caseIds: readonly string[]): Promise<MemberRow[]> {
    return m.query(
      `SELECT cm.id, cm.case_id AS "caseId", cm.user_id AS "userId", u.display_name AS "displayName", cm.organisation_id AS "organisationId", cm.added_at AS "addedAt"
         FROM case_member cm JOIN app_user u ON u.id = cm.user_id WHERE cm.case_id = ANY($1::uuid[]) ORDER BY cm.case_id, cm.added_at, cm.id`,
      [[...caseIds]],
    );
  }

  async userFacts(m: EntityManager, userId: string): Promise<UserFacts | null> {
    const rows: UserFacts[] = await m.query(
      `SELECT u.id, u.organisation_id AS "organisationId", u.disabled_at IS NOT NULL AS disabled,
              COALESCE(array_agg(r.role::text) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
         FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id WHERE u.id = $1 GROUP BY u.id`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async insertMember(m: EntityManager, caseId: string, user: UserFacts, addedBy: string): Promise<MemberRow | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO case_member (case_id, user_id, organisation_id, case_opened_at, added_by)
       SELECT c.id, $2, $3, c.opened_at, $4 FROM case_file c WHERE c.id = $1
       ON CONFLICT (case_id, user_id) DO NOTHING RETURNING id`,
      [caseId, user.id, user.organisationId, addedBy],
    );
    if (rows.length === 0) return null;
    return (await this.membersOf(m, [caseId])).find((r) => r.id === rows[0].id) ?? null;
  }

  async deleteMember(m: EntityManager, caseId: string, userId: string): Promise<MemberRow | null> {
    const [row] = (await this.membersOf(m, [caseId])).filter((r) => r.userId === userId);
    if (!row) return null;
    await m.query(`DELETE FROM case_member WHERE id = $1`, [row.id]);
    return row;
  }

  async memberCount(m: EntityManager, caseId: string, organisationId: string): Promise<number> {
    const rows: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM case_member WHERE case_id = $1 AND organisation_id = $2`,
      [caseId, organisationId],
    );
    return rows[0]?.n ?? 0;
  }

  // --- external references (one per case and organisation) -------------------------------------

  async externalReferences(
    m: EntityManager,
    caseIds: readonly string[],
    organisationId: string,
  ): Promise<{ caseId: string; reference: string }[]> {
    return m.query(
      `SELECT case_id AS "caseId", reference FROM case_external_reference WHERE case_id = ANY($1::uuid[]) AND organisation_id = $2`,
      [[...caseIds], organisationId],
    );
  }

  /** Sets (or with null removes) an organisation's reference; whether it changed. */
  async setExternalReference(
    m: EntityManager,
    caseId: string,
    organisationId: string,
    reference: string | null,
    by: string,
  ): Promise<boolean> {
    if (reference === null) {
      const rows: unknown[] = await m.query(
        `DELETE FROM case_external_reference WHERE case_id = $1 AND organisation_id = $2 RETURNING 1`,
        [caseId, organisationId],
      );
      return rows.length > 0;
    }
    const rows: unknown[] = await m.query(
      `INSERT INTO case_external_reference (case_id, organisation_id, reference, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id, organisation_id) DO UPDATE SET reference = EXCLUDED.reference, updated_by = EXCLUDED.updated_by, updated_at = now()
         WHERE case_external_reference.reference IS DISTINCT FROM EXCLUDED.reference
       RETURNING 1`,
      [caseId, organisationId, reference, by],
    );
    return rows.length > 0;
  }

  // --- sharing ----------------------------------------------------------------------------------

  sharesOf(m: EntityManager, caseIds: readonly string[]): Promise<(CaseShare & { active: boolean })[]> {
    return m.query(
      `SELECT ${SHARE_COLUMNS} FROM case_share s WHERE s.case_id = ANY($1::uuid[]) ORDER BY s.case_id, s.created_at, s.id`,
      [[...caseIds]],
    );
  }

  async shareById(m: EntityManager, id: string, lock = false): Promise<(CaseShare & { active: boolean }) | null> {
    const rows: (CaseShare & { active: boolean })[] = await m.query(
      `SELECT ${SHARE_COLUMNS} FROM case_share s WHERE s.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Active shares with the caller's organisation (the partner's inbox), newest first. */
  activeSharesWith(m: EntityManager, organisationId: string): Promise<(CaseShare & { active: boolean })[]> {
    return m.query(
      `SELECT ${SHARE_COLUMNS} FROM case_share s WHERE s.organisation_id = $1 AND ${activeShareSql('s')} ORDER BY s.created_at DESC, s.id LIMIT 500`,
      [organisationId],
    );
  }

  async insertShare(
    m: EntityManager,
    share: {
      caseId: string;
      organisationId: string;
      basisKind: LegalBasisKind;
      statutoryGround: StatutoryGround | null;
      consentScope: ConsentScope | null;
      consentGivenOn: string | null;
      consentExpiresAt: Date | null;
      contactFunction: string | null;
      createdBy: string;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO case_share (case_id, organisation_id, basis_kind, statutory_ground, consent_scope, consent_given_on, consent_expires_at, contact_function, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        share.caseId,
        share.organisationId,
        share.basisKind,
        share.statutoryGround,
        share.consentScope,
        share.consentGivenOn,
        share.consentExpiresAt,
        share.contactFunction,
        share.createdBy,
      ],
    );
    return rows[0].id;
  }

  /** Records who took the share (its organisation's first member). */
  async acceptShare(m: EntityManager, id: string, userId: string): Promise<void> {
    await m.query(`UPDATE case_share SET accepted_by = $2, accepted_at = now() WHERE id = $1`, [id, userId]);
  }

  /** The partner's inbox: active shares with the organisation, with what it needs to decide (risk level, sender), newest first. */
  incomingShares(m: EntityManager, organisationId: string): Promise<IncomingShareRow[]> {
    return m.query(
      `SELECT ${SHARE_COLUMNS}, c.risk_level AS "riskLevel", c.owner_organisation_id AS "senderOrganisationId"
         FROM case_share s JOIN case_file c ON c.id = s.case_id
        WHERE s.organisation_id = $1 AND c.status = 'OPEN' AND ${activeShareSql('s')} ORDER BY s.created_at DESC, s.id LIMIT 500`,
      [organisationId],
    );
  }

  async endShare(m: EntityManager, id: string, how: 'withdraw' | 'revoke'): Promise<void> {
    const column = how === 'withdraw' ? 'consent_withdrawn_at' : 'revoked_at';
    await m.query(`UPDATE case_share SET ${column} = now() WHERE id = $1 AND ${column} IS NULL`, [id]);
  }

  // --- tasks, meetings, notes, assessments ----------------------------------------------------------

  tasksOf(m: EntityManager, caseIds: readonly string[]): Promise<CaseTask[]> {
    return m.query(TASKS_OF_CASES_SQL, [[...caseIds]]);
  }

  async taskById(m: EntityManager, id: string, lock = false): Promise<CaseTask | null> {
    const rows: CaseTask[] = await m.query(
      `SELECT ${TASK_COLUMNS} FROM case_task t WHERE t.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Open tasks assigned to the user that were due before `today`, on cases the user may work now:
   * a member, of the owner organisation or of one with an active legal basis.
   */
  overdueTasks(m: EntityManager, reader: CaseReader, today: string): Promise<CaseTask[]> {
    return m.query(
      `SELECT ${TASK_COLUMNS} FROM case_task t JOIN case_file c ON c.id = t.case_id
        WHERE t.assigned_user_id = $1 AND t.status IN ('OPEN', 'IN_PROGRESS') AND t.due_on < $3::date
          AND EXISTS (SELECT 1 FROM case_member m WHERE m.case_id = c.id AND m.user_id = $1)
          AND (c.owner_organisation_id = $2 OR EXISTS (SELECT 1 FROM case_share s WHERE s.case_id = c.id AND s.organisation_id = $2 AND ${activeShareSql('s')}))
        ORDER BY t.due_on, t.id LIMIT 500`,
      [reader.userId, reader.organisationId, today],
    );
  }

  async insertTask(
    m: EntityManager,
    t: Pick<
      CaseTask,
      | 'caseId'
      | 'title'
      | 'assignedOrganisationId'
      | 'assignedUserId'
      | 'dueOn'
      | 'audience'
      | 'authorOrganisationId'
      | 'createdBy'
    >,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO case_task (case_id, title, assigned_organisation_id, assigned_user_id, due_on, audience, author_organisation_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        t.caseId,
        t.title,
        t.assignedOrganisationId,
        t.assignedUserId,
        t.dueOn,
        t.audience,
        t.authorOrganisationId,
        t.createdBy,
      ],
    );
    return rows[0].id;
  }

  async updateTask(
    m: EntityManager,
    t: Pick<CaseTask, 'id' | 'title' | 'assignedOrganisationId' | 'assignedUserId' | 'dueOn' | 'status'>,
  ): Promise<void> {
    await m.query(
      `UPDATE case_task SET title = $2, assigned_organisation_id = $3, assigned_user_id = $4, due_on = $5, status = $6, updated_at = now() WHERE id = $1`,
      [t.id, t.title, t.assignedOrganisationId, t.assignedUserId, t.dueOn, t.status],
    );
  }

  meetingsOf(m: EntityManager, caseIds: readonly string[]): Promise<CaseMeeting[]> {
    return m.query(
      `SELECT id, case_id AS "caseId", held_on::text AS "heldOn", participant_organisation_ids AS "participantOrganisationIds", decisions,
              audience, author_organisation_id AS "authorOrganisationId", created_by AS "createdBy", created_at AS "createdAt"
         FROM case_meeting WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, held_on DESC, id`,
      [[...caseIds]],
    );
  }

  async insertMeeting(
    m: EntityManager,
    x: Pick<
      CaseMeeting,
      | 'caseId'
      | 'heldOn'
      | 'participantOrganisationIds'
      | 'decisions'
      | 'audience'
      | 'authorOrganisationId'
      | 'createdBy'
    >,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO case_meeting (case_id, held_on, participant_organisation_ids, decisions, audience, author_organisation_id, created_by)
       VALUES ($1, $2, $3::uuid[], $4, $5, $6, $7) RETURNING id`,
      [x.caseId, x.heldOn, x.participantOrganisationIds, x.decisions, x.audience, x.authorOrganisationId, x.createdBy],
    );
    return rows[0].id;
  }

  notesOf(m: EntityManager, caseIds: readonly string[]): Promise<CaseNote[]> {
    return m.query(
      `SELECT id, case_id AS "caseId", text, audience, author_id AS "authorId", author_organisation_id AS "authorOrganisationId", created_at AS "createdAt"
         FROM case_note WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, created_at DESC, id`,
      [[...caseIds]],
    );
  }

  async insertNote(
    m: EntityManager,
    x: Pick<CaseNote, 'caseId' | 'text' | 'audience' | 'authorId' | 'authorOrganisationId'>,
  ): Promise<CaseNote> {
    const rows: CaseNote[] = await m.query(
      `INSERT INTO case_note (case_id, text, audience, author_id, author_organisation_id) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, case_id AS "caseId", text, audience, author_id AS "authorId", author_organisation_id AS "authorOrganisationId", created_at AS "createdAt"`,
      [x.caseId, x.text, x.audience, x.authorId, x.authorOrganisationId],
    );
    return rows[0];
  }

  assessmentsOf(m: EntityManager, caseIds: readonly string[]): Promise<RiskAssessment[]> {
    return m.query(
      `SELECT ${ASSESSMENT_COLUMNS} FROM risk_assessment r WHERE r.case_id = ANY($1::uuid[]) ORDER BY r.case_id, r.assessed_on DESC, r.created_at DESC, r.id DESC`,
      [[...caseIds]],
    );
  }

  async insertAssessment(
    m: EntityManager,
    x: Pick<
      RiskAssessment,
      'caseId' | 'method' | 'assessedOn' | 'level' | 'assessorId' | 'assessorOrganisationId' | 'audience'
    >,
  ): Promise<RiskAssessment> {
    const rows: RiskAssessment[] = await m.query(
      `INSERT INTO risk_assessment AS r (case_id, method, assessed_on, level, assessor_id, assessor_organisation_id, audience) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${ASSESSMENT_COLUMNS}`,
      [x.caseId, x.method, x.assessedOn, x.level, x.assessorId, x.assessorOrganisationId, x.audience],
    );
    return rows[0];
  }

  /** The organisation's training gate of a method: the course (by id) whose certificate it needs. */
  async gateFor(
    m: EntityManager,
    organisationId: string,
    method: string,
  ): Promise<{ courseId: string; code: string; title: string } | null> {
    const rows: { courseId: string; code: string; title: string }[] = await m.query(
      `SELECT g.course_id AS "courseId", c.code, c.title FROM risk_assessment_gate g JOIN course c ON c.id = g.course_id WHERE g.organisation_id = $1 AND g.method = $2`,
      [organisationId, method],
    );
    return rows[0] ?? null;
  }

  // --- break-the-glass ----------------------------------------------------------------------------

  async insertBreakGlass(
    m: EntityManager,
    x: {
      caseId: string;
      userId: string;
      organisationId: string;
      reasonCode: BreakGlassReason;
      reasonText: string;
      minutes: number;
    },
  ): Promise<BreakGlassRow> {
    const rows: BreakGlassRow[] = await m.query(
      `INSERT INTO case_break_glass AS b (case_id, user_id, organisation_id, reason_code, reason_text, opened_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, now(), now() + make_interval(mins => $6)) RETURNING ${BREAK_GLASS_COLUMNS}`,
      [x.caseId, x.userId, x.organisationId, x.reasonCode, x.reasonText, x.minutes],
    );
    return rows[0];
  }

  /** The caller's own active access to the case, if any (the case row is locked by the caller: one at a time). */
  async activeBreakGlass(m: EntityManager, caseId: string, userId: string): Promise<BreakGlassRow | null> {
    const rows: BreakGlassRow[] = await m.query(
      `SELECT ${BREAK_GLASS_COLUMNS} FROM case_break_glass b WHERE b.case_id = $1 AND b.user_id = $2 AND ${activeBreakGlassSql('b')} ORDER BY b.expires_at DESC LIMIT 1`,
      [caseId, userId],
    );
    return rows[0] ?? null;
  }

  /** One page of the organisation's break-the-glass accesses, oldest first (keyset on opened_at, id), and their count. */
  async reviewPage(
    m: EntityManager,
    organisationId: string,
    filter: BreakGlassReviewFilter,
    after: { openedAt: string; id: string } | null,
    limit: number,
  ): Promise<BreakGlassRow[]> {
    const params: unknown[] = [organisationId];
    let where = reviewWhere(filter, params);
    if (after) {
      params.push(after.openedAt, after.id);
      where += ` AND (b.opened_at, b.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit);
    return m.query(
      `SELECT ${BREAK_GLASS_COLUMNS} FROM case_break_glass b WHERE ${where} ORDER BY b.opened_at, b.id LIMIT $${params.length}`,
      params,
    );
  }

  async reviewCount(m: EntityManager, organisationId: string, filter: BreakGlassReviewFilter): Promise<number> {
    const params: unknown[] = [organisationId];
    const rows: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM case_break_glass b WHERE ${reviewWhere(filter, params)}`,
      params,
    );
    return rows[0]?.n ?? 0;
  }

  async endBreakGlass(m: EntityManager, id: string, by: string): Promise<void> {
    await m.query(
      `UPDATE case_break_glass SET ended_at = now(), ended_by = $2 WHERE id = $1 AND ended_at IS NULL AND expires_at > now()`,
      [id, by],
    );
  }

  async breakGlassById(m: EntityManager, id: string, lock = false): Promise<BreakGlassRow | null> {
    const rows: BreakGlassRow[] = await m.query(
      `SELECT ${BREAK_GLASS_COLUMNS} FROM case_break_glass b WHERE b.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async review(m: EntityManager, id: string, by: string, comment: string): Promise<void> {
    await m.query(
      `UPDATE case_break_glass SET reviewed_by = $2, reviewed_at = now(), review_comment = $3 WHERE id = $1 AND reviewed_at IS NULL`,
      [id, by, comment],
    );
  }

  // --- history ------------------------------------------------------------------------------------

  async appendHistory(m: EntityManager, caseId: string, entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await m.query(
      `INSERT INTO case_history (case_id, actor_user_id, actor_organisation_id, entity_type, entity_id, action, field, old_value, new_value)
       SELECT $1, x.actor_user_id, x.actor_organisation_id, x.entity_type, x.entity_id, x.action, x.field, x.old_value, x.new_value
         FROM json_to_recordset($2::json) AS x(actor_user_id uuid, actor_organisation_id uuid, entity_type text, entity_id uuid, action text, field text, old_value text, new_value text)`,
      [
        caseId,
        JSON.stringify(
          entries.map((e) => ({
            actor_user_id: e.actorUserId,
            actor_organisation_id: e.actorOrganisationId,
            entity_type: e.entityType,
            entity_id: e.entityId,
            action: e.action,
            field: e.field,
            old_value: e.oldValue,
            new_value: e.newValue,
          })),
        ),
      ],
    );
  }

  historyOf(m: EntityManager, caseIds: readonly string[]): Promise<HistoryRow[]> {
    return m.query(
      `SELECT id::text, case_id AS "caseId", occurred_at AS "occurredAt", actor_user_id AS "actorUserId", actor_organisation_id AS "actorOrganisationId",
              entity_type AS "entityType", entity_id AS "entityId", action, field, old_value AS "oldValue", new_value AS "newValue"
         FROM case_history WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, id`,
      [[...caseIds]],
    );
  }
}
