import type { DataSource, EntityManager } from 'typeorm';

/** How long a key's first outcome is kept and answered again. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

/** The first outcome stored for a key. */
export interface StoredOutcome {
  requestHash: string;
  response: { data: unknown };
}

/** idempotency_record: one row per user and key, written in the mutation's own transaction. */
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(userId: string, key: string): Promise<StoredOutcome | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT request_hash, response FROM idempotency_record
        WHERE user_id = $1 AND key = $2 AND created_at > now() - make_interval(hours => $3)`,
      [userId, key, IDEMPOTENCY_RETENTION_HOURS],
    )) as { request_hash: string; response: { data: unknown } }[];
    const row = rows[0];
    return row ? { requestHash: row.request_hash, response: row.response } : undefined;
  }

  /**
   * Stores the outcome in the mutation's transaction; false when the user's key is already taken (a
   * concurrent request with the same key committed first — the insert waits for it). The user's
   * expired records go first, so an old key may be used again.
   */
  async store(manager: EntityManager, userId: string, key: string, outcome: StoredOutcome): Promise<boolean> {
    await manager.query(`DELETE FROM idempotency_record WHERE user_id = $1 AND created_at <= now() - make_interval(hours => $2)`, [
      userId,
      IDEMPOTENCY_RETENTION_HOURS,
    ]);
    const inserted = (await manager.query(
      `INSERT INTO idempotency_record (user_id, key, request_hash, response) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
      [userId, key, outcome.requestHash, JSON.stringify(outcome.response)],
    )) as unknown[];
    return inserted.length === 1;
  }
}
