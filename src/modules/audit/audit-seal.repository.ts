import type { QueryRunner } from 'typeorm';

/**
 * The sealer's statements (audit.sealer.ts), on the connection it holds: the leader's advisory lock lives as long
 * as that session, and a seal is one transaction on it. Runs as the sealer's role, which alone may insert
 * checkpoints.
 */

export interface CheckpointHead {
  id: string;
  hash: string;
  tx_horizon: string;
  previous_hash: string;
  key_id: string | null;
  event_count: number;
  event_ids: string[];
}

export interface PendingRow {
  id: string;
  hash: string;
  tx_id: string;
}

/** Tries the session-level lock that elects the one sealing process; true when this session holds it. */
export async function tryAdvisoryLock(runner: QueryRunner, key: number): Promise<boolean> {
  const rows: { locked: boolean }[] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [key]);
  return rows[0]?.locked === true;
}

export async function advisoryUnlock(runner: QueryRunner, key: number): Promise<void> {
  await runner.query('SELECT pg_advisory_unlock($1)', [key]);
}

/** The transaction-level lock around reading the chain's head and appending to it. */
export async function lockChain(runner: QueryRunner, key: number): Promise<void> {
  await runner.query('SELECT pg_advisory_xact_lock($1)', [key]);
}

/** The oldest transaction still running (nothing below it can still commit) and the database's name. */
export async function snapshotHorizon(runner: QueryRunner): Promise<{ xmin: string; database: string }> {
  const [row]: { xmin: string; database: string }[] = await runner.query(
    `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, current_database() AS database`,
  );
  return row;
}

/** Events of transactions in [from, to), in sealing order, at most `limit`. */
export function pendingEvents(runner: QueryRunner, from: string, to: string, limit: number): Promise<PendingRow[]> {
  // Qualified ORDER BY: a bare `tx_id, id` would sort by the text aliases ('10' before '9').
  return runner.query(
    `SELECT id::text AS id, hash, tx_id::text AS tx_id FROM audit_event
      WHERE tx_id >= $1 AND tx_id < $2 ORDER BY audit_event.tx_id, audit_event.id LIMIT ${Number(limit)}`,
    [from, to],
  );
}

/** Every event of one transaction, in id order. */
export function eventsOfTransaction(runner: QueryRunner, txId: string): Promise<PendingRow[]> {
  return runner.query(
    `SELECT id::text AS id, hash, tx_id::text AS tx_id FROM audit_event WHERE tx_id = $1 ORDER BY audit_event.id`,
    [txId],
  );
}

export async function insertCheckpoint(
  runner: QueryRunner,
  cp: { horizon: string; eventIds: string[]; previousHash: string; hash: string; keyId: string },
): Promise<{ id: string; sealed_at: Date }> {
  const [inserted]: { id: string; sealed_at: Date }[] = await runner.query(
    `INSERT INTO audit_checkpoint (sealed_at, tx_horizon, event_count, event_ids, previous_hash, hash, key_id)
     VALUES (now(), $1, $2, $3, $4, $5, $6) RETURNING id::text AS id, sealed_at`,
    [cp.horizon, cp.eventIds.length, cp.eventIds, cp.previousHash, cp.hash, cp.keyId],
  );
  return inserted;
}

/** The newest checkpoints, light rows (id, hash, horizon), newest first. */
export function newestCheckpoints(
  runner: QueryRunner,
  depth: number,
): Promise<Pick<CheckpointHead, 'id' | 'hash' | 'tx_horizon'>[]> {
  return runner.query(
    `SELECT id::text AS id, hash, tx_horizon::text AS tx_horizon FROM audit_checkpoint ORDER BY audit_checkpoint.id DESC LIMIT ${Number(depth)}`,
  );
}

export async function checkpoint(runner: QueryRunner, id: string): Promise<CheckpointHead | undefined> {
  const [full]: CheckpointHead[] = await runner.query(
    `SELECT id::text AS id, hash, tx_horizon::text AS tx_horizon, previous_hash, key_id, event_count, event_ids::text[] AS event_ids
       FROM audit_checkpoint WHERE id = $1`,
    [id],
  );
  return full;
}

/** The stored hashes of the events with these ids. */
export function eventHashes(runner: QueryRunner, ids: readonly string[]): Promise<{ id: string; hash: string }[]> {
  return runner.query(`SELECT id::text AS id, hash FROM audit_event WHERE id = ANY($1::bigint[])`, [ids]);
}
