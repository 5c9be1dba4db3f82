import { createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditKeyring } from './audit.hash';
import type { VerifiedHead } from './audit.verify';
import { EVENT_COLUMNS, type EventRow } from './audit.verify-walk';
import type { ArchiveCheckpoint } from './audit.archive-file';

/** A row of `audit_archive`: what one run of the archive procedure archived and dropped. */
export interface ArchiveRecord {
  id: string;
  fileName: string;
  fileSha256: string;
  partitions: string[];
  beforeMonth: string;
  firstCheckpointId: string | null;
  lastCheckpointId: string;
  lastCheckpointHash: string;
  txHorizon: string;
  eventCount: string;
  keyId: string;
  signature: string;
}

type Signed = Omit<ArchiveRecord, 'id' | 'signature'>;

/** HMAC-SHA-256 over an archive record's fields under `secret`: the owner cannot forge a starting point. */
export function archiveRecordSignature(r: Signed, secret: Buffer): string {
  return createHmac('sha256', secret)
    .update(
      JSON.stringify([
        'archive:v1',
        r.keyId,
        r.fileName,
        r.fileSha256,
        r.partitions,
        r.beforeMonth,
        r.firstCheckpointId,
        r.lastCheckpointId,
        r.lastCheckpointHash,
        r.txHorizon,
        r.eventCount,
      ]),
    )
    .digest('hex');
}

const RECORD_COLUMNS = `id::text AS "id", file_name AS "fileName", file_sha256 AS "fileSha256", partitions,
  to_char(before_month, 'YYYY-MM-DD') AS "beforeMonth", first_checkpoint_id::text AS "firstCheckpointId",
  last_checkpoint_id::text AS "lastCheckpointId", last_checkpoint_hash AS "lastCheckpointHash",
  tx_horizon::text AS "txHorizon", event_count::text AS "eventCount", key_id AS "keyId", signature`;

/**
 * The newest archive record whose signature verifies, and the newer ones that do not (forged or
 * signed with a key this process lacks): verification starts after the first and names the others.
 */
export async function latestArchive(
  manager: EntityManager,
  keyring: AuditKeyring,
): Promise<{ record: ArchiveRecord | null; unverifiable: ArchiveRecord[] }> {
  const rows: ArchiveRecord[] = await manager.query(
    `SELECT ${RECORD_COLUMNS} FROM audit_archive ORDER BY audit_archive.id DESC`,
  );
  const unverifiable: ArchiveRecord[] = [];
  for (const row of rows) {
    const key = keyring.key(row.keyId);
    if (key && archiveRecordSignature(row, key.secret) === row.signature) return { record: row, unverifiable };
    unverifiable.push(row);
  }
  return { record: null, unverifiable };
}

export function headOf(record: ArchiveRecord): VerifiedHead {
  return { checkpointId: record.lastCheckpointId, hash: record.lastCheckpointHash, txHorizon: record.txHorizon };
}

/** The database's name, which an archive file is named and stamped with. */
export async function databaseName(manager: EntityManager): Promise<string> {
  const [{ database }]: { database: string }[] = await manager.query('SELECT current_database() AS database');
  return database;
}

/** Partition names and their months (`audit_event_YYYY_MM`); the default partition is not among them. */
export async function monthlyPartitions(manager: EntityManager): Promise<{ name: string; month: string }[]> {
  const rows: { name: string }[] = await manager.query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'audit_event'::regclass AND c.relname ~ '^audit_event_[0-9]{4}_[0-9]{2}$' ORDER BY c.relname`,
  );
  return rows.map((r) => ({ name: r.name, month: `${r.name.slice(12, 16)}-${r.name.slice(17, 19)}-01` }));
}

export async function createPartitionsAhead(manager: EntityManager, months: number): Promise<void> {
  await manager.query(
    `SELECT audit_event_create_partition(m::date) FROM generate_series(date_trunc('month', now() AT TIME ZONE 'UTC'),
       date_trunc('month', (now() AT TIME ZONE 'UTC') + make_interval(months => $1)), interval '1 month') AS m`,
    [months],
  );
}

/** The first month kept: every partition of a month before it may be archived. */
export async function retentionCutoff(manager: EntityManager, months: number): Promise<string> {
  const [{ cutoff }]: { cutoff: string }[] = await manager.query(
    `SELECT to_char(date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => $1), 'YYYY-MM-DD') AS cutoff`,
    [months],
  );
  return cutoff;
}

/** Events of the partitions: how many, the newest transaction, and whether any bypassed the tx-id trigger. */
export async function partitionStats(
  manager: EntityManager,
  names: readonly string[],
): Promise<{ events: number; maxTx: string | null; withoutTx: number }> {
  const union = names.map((n) => `SELECT tx_id FROM "${n.replace(/"/g, '')}"`).join(' UNION ALL ');
  const [row]: { events: string; max_tx: string | null; without_tx: string }[] = await manager.query(
    `SELECT count(*)::text AS events, max(tx_id)::text AS max_tx, count(*) FILTER (WHERE tx_id IS NULL)::text AS without_tx
       FROM (${union}) AS e`,
  );
  return { events: Number(row.events), maxTx: row.max_tx, withoutTx: Number(row.without_tx) };
}

export async function eventsInDefaultBefore(manager: EntityManager, cutoff: string): Promise<number> {
  const [{ n }]: { n: string }[] = await manager.query(
    `SELECT count(*)::text AS n FROM audit_event_default WHERE occurred_at < ($1::date)::timestamp AT TIME ZONE 'UTC'`,
    [cutoff],
  );
  return Number(n);
}

export async function checkpointsAfter(manager: EntityManager, checkpointId: string): Promise<ArchiveCheckpoint[]> {
  return manager.query(
    `SELECT id::text AS id, tx_horizon::text AS tx_horizon, event_ids::text[] AS event_ids, previous_hash, hash,
            event_count, key_id, to_char(sealed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sealed_at
       FROM audit_checkpoint WHERE id > $1 ORDER BY audit_checkpoint.id`,
    [checkpointId],
  );
}

/** Streams the events of a transaction range in sealing order, in the verifier's encoding. */
export async function streamEvents(
  manager: EntityManager,
  fromTx: string,
  toTx: string,
  onRows: (rows: EventRow[]) => void,
): Promise<void> {
  await manager.query(
    `DECLARE audit_archive_events NO SCROLL CURSOR FOR SELECT ${EVENT_COLUMNS} FROM audit_event
      WHERE tx_id >= $1 AND tx_id < $2 ORDER BY audit_event.tx_id, audit_event.id`,
    [fromTx, toTx],
  );
  try {
    for (;;) {
      const rows: EventRow[] = await manager.query(`FETCH 10000 FROM audit_archive_events`);
      if (rows.length > 0) onRows(rows);
      if (rows.length < 10_000) break;
    }
  } finally {
    await manager.query(`CLOSE audit_archive_events`);
  }
}

export async function insertArchiveRecord(manager: EntityManager, r: Omit<ArchiveRecord, 'id'>): Promise<string> {
  const [{ id }]: { id: string }[] = await manager.query(
    `INSERT INTO audit_archive (archived_at, file_name, file_sha256, partitions, before_month, first_checkpoint_id,
       last_checkpoint_id, last_checkpoint_hash, tx_horizon, event_count, key_id, signature)
     VALUES (now(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id::text AS id`,
    [
      r.fileName,
      r.fileSha256,
      r.partitions,
      r.beforeMonth,
      r.firstCheckpointId,
      r.lastCheckpointId,
      r.lastCheckpointHash,
      r.txHorizon,
      r.eventCount,
      r.keyId,
      r.signature,
    ],
  );
  return id;
}

/** Detaches and drops one monthly partition (the owner's right; the append-only triggers are row triggers). */
export async function dropPartition(manager: EntityManager, name: string): Promise<void> {
  const quoted = `"${name.replace(/"/g, '')}"`;
  await manager.query(`ALTER TABLE audit_event DETACH PARTITION ${quoted}`);
  await manager.query(`DROP TABLE ${quoted}`);
}
