import type { EntityManager } from 'typeorm';
import { OrganisationKind } from '../../access/roles';
import { RetentionRecordType, type RetentionSchedule } from './retention.schedule';

export interface ExpiredRecord {
  id: string;
  ownerOrganisationId: string;
}

/** The months per owner kind as a SQL CASE over `o.kind` (values bound as parameters). */
function monthsCase(schedule: RetentionSchedule, type: RetentionRecordType, params: unknown[]): string {
  const arms = Object.values(OrganisationKind).map((kind) => {
    params.push(kind, schedule[type][kind].months);
    return `WHEN o.kind::text = $${params.length - 1} THEN $${params.length}::int`;
  });
  return `(CASE ${arms.join(' ')} END)`;
}

/** The records retention deletes; a case under legal hold and its shares are never among them. */
export class RetentionRepository {
  /** Closed cases whose last entry (closing, or the newest timeline entry) is older than the period. */
  expiredCases(
    manager: EntityManager,
    schedule: RetentionSchedule,
    now: Date,
    limit: number,
  ): Promise<ExpiredRecord[]> {
    const params: unknown[] = [now, limit];
    const months = monthsCase(schedule, RetentionRecordType.CLOSED_CASE, params);
    return manager.query(
      `SELECT c.id, c.owner_organisation_id AS "ownerOrganisationId"
         FROM case_file c JOIN organisation o ON o.id = c.owner_organisation_id
        WHERE c.status = 'CLOSED' AND NOT c.legal_hold
          AND GREATEST(c.closed_at, (SELECT max(h.occurred_at) FROM case_history h WHERE h.case_id = c.id))
              < $1::timestamptz - make_interval(months => ${months})
        ORDER BY c.closed_at, c.id LIMIT $2`,
      params,
    );
  }

  /** Ended shares (revoked) or consents ended (expired or withdrawn) longer ago than the period. */
  expiredShares(
    manager: EntityManager,
    schedule: RetentionSchedule,
    type: RetentionRecordType.ENDED_SHARE | RetentionRecordType.EXPIRED_CONSENT,
    now: Date,
    limit: number,
  ): Promise<ExpiredRecord[]> {
    const params: unknown[] = [now, limit];
    const months = monthsCase(schedule, type, params);
    const ended =
      type === RetentionRecordType.ENDED_SHARE
        ? `s.revoked_at`
        : `CASE WHEN s.revoked_at IS NULL AND s.basis_kind = 'CONSENT' THEN LEAST(s.consent_expires_at, s.consent_withdrawn_at) END`;
    return manager.query(
      `SELECT s.id, c.owner_organisation_id AS "ownerOrganisationId"
         FROM case_share s JOIN case_file c ON c.id = s.case_id JOIN organisation o ON o.id = c.owner_organisation_id
        WHERE NOT c.legal_hold AND ${ended} < $1::timestamptz - make_interval(months => ${months})
        ORDER BY s.created_at, s.id LIMIT $2`,
      params,
    );
  }

  /**
   * Deletes cases (everything in them goes by cascade) or shares by id through the retention
   * functions (the application role may not DELETE them directly); returns the ids deleted.
   */
  async delete(manager: EntityManager, what: 'cases' | 'shares', ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM ${what === 'cases' ? 'retention_delete_cases' : 'retention_delete_shares'}($1::uuid[]) AS id`,
      [[...ids]],
    );
    return rows.map((r) => r.id);
  }
}
