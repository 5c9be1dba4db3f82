import type { DataSource, EntityManager } from 'typeorm';
import type { TouchedEntities } from '../audit/audit.recorder';

/** How long a key's first outcome is kept and answered again. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

/** The first outcome stored for a key. */
export interface StoredOutcome {
  requestHash: string;
  /** The answer's data, and the records it named (audited again when the answer is repeated). */
  response: { data: unknown; touched?: TouchedEntities[] };
}

/** idempotency_record: one row per user and key, written in the mutation's own transaction. */
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(userId: string, key: string): Promise<StoredOutcome | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT request_hash, response FROM idempotency_record
        WHERE user_id = $1 AND key = $2 AND created_at > now() - make_interval(hours => $3)`,
      [userId, key, IDEMPOTENCY_RETENTION_HOURS],
    )) as { request_hash: string; response: StoredOutcome['response'] }[];
    const row = rows[0];
    return row ? { requestHash: row.request_hash, response: row.response } : undefined;
  }

  /**
   * Claims the user's key at the start of the mutation's transaction; false when it is taken. The
   * primary key makes a concurrent request with the same key wait here until the first one commits
   * (then false: its outcome answers) or rolls back (then true: this one runs). The user's expired
   * records go first, so an old key may be used again.
   */
  async claim(manager: EntityManager, userId: string, key: string, requestHash: string): Promise<boolean> {
    await manager.query(
      `DELETE FROM idempotency_record WHERE user_id = $1 AND created_at <= now() - make_interval(hours => $2)`,
      [userId, IDEMPOTENCY_RETENTION_HOURS],
    );
    const inserted = (await manager.query(
      `INSERT INTO idempotency_record (user_id, key, request_hash, response) VALUES ($1, $2, $3, 'null'::jsonb)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
      [userId, key, requestHash],
    )) as unknown[];
    return inserted.length === 1;
  }

  /** Stores the outcome of a claimed key, in the same transaction as the claim and the changes. */
  async complete(
    manager: EntityManager,
    userId: string,
    key: string,
    response: StoredOutcome['response'],
  ): Promise<void> {
    await manager.query(`UPDATE idempotency_record SET response = $3 WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
      JSON.stringify(response),
    ]);
  }
}
