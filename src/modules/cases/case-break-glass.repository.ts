import type { EntityManager } from 'typeorm';
import { BreakGlassReason } from './case.entities';
import {
  activeBreakGlassSql,
  BreakGlassRow,
  BreakGlassReviewFilter,
  reviewWhere,
  BREAK_GLASS_COLUMNS,
} from './case-repository.support';

/** Break-the-glass accesses and their review. */
export class BreakGlassRepository {
  // --- break-the-glass ----------------------------------------------------------------------------

  async insertBreakGlass(
    manager: EntityManager,
    x: {
      caseId: string;
      userId: string;
      organisationId: string;
      reasonCode: BreakGlassReason;
      reasonText: string;
      minutes: number;
    },
  ): Promise<BreakGlassRow> {
    const rows: BreakGlassRow[] = await manager.query(
      `INSERT INTO case_break_glass AS b (case_id, user_id, organisation_id, reason_code, reason_text, opened_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, now(), now() + make_interval(mins => $6)) RETURNING ${BREAK_GLASS_COLUMNS}`,
      [x.caseId, x.userId, x.organisationId, x.reasonCode, x.reasonText, x.minutes],
    );
    return rows[0];
  }

  /** The caller's own active access to the case, if any (the case row is locked by the caller: one at a time). */
  async activeBreakGlass(manager: EntityManager, caseId: string, userId: string): Promise<BreakGlassRow | null> {
    const rows: BreakGlassRow[] = await manager.query(
      `SELECT ${BREAK_GLASS_COLUMNS} FROM case_break_glass b WHERE b.case_id = $1 AND b.user_id = $2 AND ${activeBreakGlassSql('b')} ORDER BY b.expires_at DESC LIMIT 1`,
      [caseId, userId],
    );
    return rows[0] ?? null;
  }

  /** One page of the organisation's break-the-glass accesses, oldest first (keyset on opened_at, id), and their count. */
  async reviewPage(
    manager: EntityManager,
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
    return manager.query(
      `SELECT ${BREAK_GLASS_COLUMNS} FROM case_break_glass b WHERE ${where} ORDER BY b.opened_at, b.id LIMIT $${params.length}`,
      params,
    );
  }

  async reviewCount(manager: EntityManager, organisationId: string, filter: BreakGlassReviewFilter): Promise<number> {
    const params: unknown[] = [organisationId];
    const rows: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM case_break_glass b WHERE ${reviewWhere(filter, params)}`,
      params,
    );
    return rows[0]?.n ?? 0;
  }

  async endBreakGlass(manager: EntityManager, id: string, by: string): Promise<void> {
    await manager.query(
      `UPDATE case_break_glass SET ended_at = now(), ended_by = $2 WHERE id = $1 AND ended_at IS NULL AND expires_at > now()`,
      [id, by],
    );
  }

  async breakGlassById(manager: EntityManager, id: string, lock = false): Promise<BreakGlassRow | null> {
    const rows: BreakGlassRow[] = await manager.query(
      `SELECT ${BREAK_GLASS_COLUMNS} FROM case_break_glass b WHERE b.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async review(manager: EntityManager, id: string, by: string, comment: string): Promise<void> {
    await manager.query(
      `UPDATE case_break_glass SET reviewed_by = $2, reviewed_at = now(), review_comment = $3 WHERE id = $1 AND reviewed_at IS NULL`,
      [id, by, comment],
    );
  }
}
