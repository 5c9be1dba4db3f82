import type { EntityManager } from 'typeorm';
import { CaseRiskLevel, CaseStatus } from './case.entities';
import { BreakGlassRepository } from './case-break-glass.repository';
import { CaseSharingRepository } from './case-sharing.repository';
import { CaseWorkRepository } from './case-work.repository';
import {
  CaseReader,
  CaseRow,
  CaseFilter,
  CaseKey,
  MemberRow,
  UserFacts,
  HistoryRow,
  HistoryEntry,
  CASE_WITH_FACTS,
  visibleCasesSql,
  casePageQuery,
} from './case-repository.support';

export * from './case-repository.support';

/**
 * Cases, their members, external references and history; the other parts of a case through `sharing`,
 * `work` and `breakGlass`.
 */
export class CaseRepository {
  readonly sharing = new CaseSharingRepository();
  readonly work = new CaseWorkRepository();
  readonly breakGlass = new BreakGlassRepository();

  // --- cases and the caller's access facts ------------------------------------------------------

  /** One page of the caller's cases, newest first; `first + 1` rows to know whether more follow. */
  page(
    manager: EntityManager,
    reader: CaseReader,
    filter: CaseFilter,
    first: number,
    after: CaseKey | null,
  ): Promise<CaseRow[]> {
    const q = casePageQuery(reader, filter, first, after);
    return manager.query(q.sql, q.params);
  }

  async count(manager: EntityManager, reader: CaseReader, filter: CaseFilter): Promise<number> {
    const params: unknown[] = [reader.userId, reader.organisationId];
    const rows: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM (${visibleCasesSql(params, filter, null, null)}) v`,
      params,
    );
    return rows[0]?.n ?? 0;
  }

  /** Cases by id with the caller's facts, whoever owns them (the access layer decides); `lock` for a change. */
  byIds(manager: EntityManager, reader: CaseReader, ids: readonly string[], lock = false): Promise<CaseRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT ${CASE_WITH_FACTS} FROM case_file c WHERE c.id = ANY($3::uuid[]) ${lock ? 'FOR UPDATE OF c' : ''}`,
      [reader.userId, reader.organisationId, [...ids]],
    );
  }

  async insertCase(
    manager: EntityManager,
    c: { ownerOrganisationId: string; riskLevel: CaseRiskLevel; createdBy: string },
  ): Promise<string> {
    // Opened at millisecond precision: the list's cursor carries the instant as ISO text with milliseconds.
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO case_file (owner_organisation_id, risk_level, status, opened_at, created_by)
       VALUES ($1, $2, 'OPEN', date_trunc('milliseconds', now()), $3) RETURNING id`,
      [c.ownerOrganisationId, c.riskLevel, c.createdBy],
    );
    return rows[0].id;
  }

  async updateCase(
    manager: EntityManager,
    id: string,
    values: { riskLevel: CaseRiskLevel; status: CaseStatus },
  ): Promise<void> {
    await manager.query(
      `UPDATE case_file SET risk_level = $2, status = $3::case_status,
              closed_at = CASE WHEN $3::case_status = 'CLOSED' THEN COALESCE(closed_at, now()) ELSE NULL END, updated_at = now()
        WHERE id = $1`,
      [id, values.riskLevel, values.status],
    );
  }

  // --- members ----------------------------------------------------------------------------------

  membersOf(manager: EntityManager, caseIds: readonly string[]): Promise<MemberRow[]> {
    return manager.query(
      `SELECT cm.id, cm.case_id AS "caseId", cm.user_id AS "userId", u.display_name AS "displayName", cm.organisation_id AS "organisationId", cm.added_at AS "addedAt"
         FROM case_member cm JOIN app_user u ON u.id = cm.user_id WHERE cm.case_id = ANY($1::uuid[]) ORDER BY cm.case_id, cm.added_at, cm.id`,
      [[...caseIds]],
    );
  }

  async userFacts(manager: EntityManager, userId: string): Promise<UserFacts | null> {
    const rows: UserFacts[] = await manager.query(
      `SELECT u.id, u.organisation_id AS "organisationId", u.disabled_at IS NOT NULL AS disabled,
              COALESCE(array_agg(r.role::text) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
         FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id WHERE u.id = $1 GROUP BY u.id`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /**
   * Enabled users of `organisationId` holding one of `roles` who are not members of the case, by
   * name; with `words`, only those whose display name holds every word (ignoring case). At most `limit`.
   */
  async memberCandidates(
    manager: EntityManager,
    caseId: string,
    organisationId: string,
    roles: readonly string[],
    words: readonly string[],
    limit: number,
  ): Promise<(UserFacts & { displayName: string })[]> {
    const params: unknown[] = [caseId, organisationId, [...roles]];
    const search = words
      .map((w) => {
        params.push(w);
        return `AND strpos(lower(u.display_name), lower($${params.length}::text)) > 0`;
      })
      .join(' ');
    return manager.query(
      `SELECT u.id, u.organisation_id AS "organisationId", u.display_name AS "displayName", false AS disabled,
              array_agg(r.role::text) AS roles
         FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role::text = ANY($3::text[])
        WHERE u.organisation_id = $2 AND u.disabled_at IS NULL ${search}
          AND NOT EXISTS (SELECT 1 FROM case_member cm WHERE cm.case_id = $1 AND cm.user_id = u.id)
        GROUP BY u.id ORDER BY u.display_name, u.id LIMIT ${limit}`,
      params,
    );
  }

  async insertMember(
    manager: EntityManager,
    caseId: string,
    user: UserFacts,
    addedBy: string,
  ): Promise<MemberRow | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO case_member (case_id, user_id, organisation_id, case_opened_at, added_by)
       SELECT c.id, $2, $3, c.opened_at, $4 FROM case_file c WHERE c.id = $1
       ON CONFLICT (case_id, user_id) DO NOTHING RETURNING id`,
      [caseId, user.id, user.organisationId, addedBy],
    );
    if (rows.length === 0) return null;
    return (await this.membersOf(manager, [caseId])).find((r) => r.id === rows[0].id) ?? null;
  }

  async deleteMember(manager: EntityManager, caseId: string, userId: string): Promise<MemberRow | null> {
    const [row] = (await this.membersOf(manager, [caseId])).filter((r) => r.userId === userId);
    if (!row) return null;
    await manager.query(`DELETE FROM case_member WHERE id = $1`, [row.id]);
    return row;
  }

  async memberCount(manager: EntityManager, caseId: string, organisationId: string): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM case_member WHERE case_id = $1 AND organisation_id = $2`,
      [caseId, organisationId],
    );
    return rows[0]?.n ?? 0;
  }

  // --- external references (one per case and organisation) -------------------------------------

  async externalReferences(
    manager: EntityManager,
    caseIds: readonly string[],
    organisationId: string,
  ): Promise<{ caseId: string; reference: string }[]> {
    return manager.query(
      `SELECT case_id AS "caseId", reference FROM case_external_reference WHERE case_id = ANY($1::uuid[]) AND organisation_id = $2`,
      [[...caseIds], organisationId],
    );
  }

  /** Sets (or with null removes) an organisation's reference; whether it changed. */
  async setExternalReference(
    manager: EntityManager,
    caseId: string,
    organisationId: string,
    reference: string | null,
    by: string,
  ): Promise<boolean> {
    if (reference === null) {
      const rows: unknown[] = await manager.query(
        `DELETE FROM case_external_reference WHERE case_id = $1 AND organisation_id = $2 RETURNING 1`,
        [caseId, organisationId],
      );
      return rows.length > 0;
    }
    const rows: unknown[] = await manager.query(
      `INSERT INTO case_external_reference (case_id, organisation_id, reference, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id, organisation_id) DO UPDATE SET reference = EXCLUDED.reference, updated_by = EXCLUDED.updated_by, updated_at = now()
         WHERE case_external_reference.reference IS DISTINCT FROM EXCLUDED.reference
       RETURNING 1`,
      [caseId, organisationId, reference, by],
    );
    return rows.length > 0;
  }

  // --- history ------------------------------------------------------------------------------------

  async appendHistory(manager: EntityManager, caseId: string, entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
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

  historyOf(manager: EntityManager, caseIds: readonly string[]): Promise<HistoryRow[]> {
    return manager.query(
      `SELECT id::text, case_id AS "caseId", occurred_at AS "occurredAt", actor_user_id AS "actorUserId", actor_organisation_id AS "actorOrganisationId",
              entity_type AS "entityType", entity_id AS "entityId", action, field, old_value AS "oldValue", new_value AS "newValue"
         FROM case_history WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, id`,
      [[...caseIds]],
    );
  }
}
