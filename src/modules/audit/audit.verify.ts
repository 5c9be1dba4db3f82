import type { EntityManager } from 'typeorm';
import { readAnchors, type AuditAnchor } from './audit.anchor';
import { createHash } from 'node:crypto';
import { auditKeyring, checkpointDigest, GENESIS_HASH, preparedHmac, type AuditKey } from './audit.hash';

export interface AuditVerificationResult {
  ok: boolean;
  checkedEvents: number;
  checkedCheckpoints: number;
  /** The first event (in sealing order) that no longer matches, or that is missing or unsealed out of order. */
  firstInvalidEventId: string | null;
  /** Why verification failed, in words; null when it passed. The first of `problems`. */
  problem: string | null;
  /** Every problem found (at most MAX_PROBLEMS): one forged row does not hide later tampering. */
  problems: string[];
  unsealedEvents: number;
  /** Anchors (checkpoint digests kept outside the database) compared; null: no anchor file was given. */
  checkedAnchors: number | null;
  /** The newest checkpoint of the genuine chain: where an incremental verification continues. */
  head: VerifiedHead | null;
}

/** A checkpoint verification trusts as the start of the chain (an earlier verification, an archive). */
export interface VerifiedHead {
  checkpointId: string;
  hash: string;
  txHorizon: string;
}

export interface VerifyOptions {
  /** The anchor file to compare with; omitted: no comparison (and a deleted head goes unseen). */
  anchorFile?: string;
  /** Continue from here (incremental); omitted: from the genesis (complete). */
  from?: VerifiedHead;
  onProgress?: (checked: number) => void;
}

const MAX_PROBLEMS = 20;
const FETCH_ROWS = 10_000;

/** An event as verification reads it: its content as one JSON array, in the canonical field order. */
interface EventRow {
  id: string;
  tx_id: string;
  key_id: string | null;
  hash: string;
  content: string;
}

interface CheckpointRow {
  id: string;
  tx_horizon: string;
  event_ids: string[];
  previous_hash: string;
  hash: string;
  event_count: number;
  key_id: string | null;
}

/**
 * The content fields in the order of `canonicalAuditEncoding`, built by PostgreSQL as one JSON array:
 * the verifier parses it and encodes it again (JSON.parse/JSON.stringify, both native), so the digest
 * is computed over exactly what the writer encoded, without parsing four array columns per row.
 */
const EVENT_COLUMNS = `id::text AS id, tx_id::text AS tx_id, key_id, hash, json_build_array(
  (extract(epoch FROM occurred_at) * 1000000)::bigint::text, request_id, actor_user_id, actor_organisation_id, actor_roles,
  session_hash, client_address, operation_type, operation_name, fields, action, outcome, error_code, entity_type,
  entity_ids, entity_organisation_ids, purpose)::text AS content`;

/** Runs `work` inside a read-only REPEATABLE READ transaction (one snapshot), reusing one already open. */
async function inSnapshot<T>(manager: EntityManager, work: (m: EntityManager) => Promise<T>): Promise<T> {
  if (manager.queryRunner?.isTransactionActive) return work(manager);
  return manager.transaction('REPEATABLE READ', async (m) => {
    await m.query('SET TRANSACTION READ ONLY');
    return work(m);
  });
}

/**
 * Verifies the audit log on one snapshot, in one pass over the events in sealing order (a server-side
 * cursor, so memory stays flat): every event's HMAC under its key generation; every checkpoint's HMAC
 * over exactly the events of its transaction range; the chain of checkpoints; events inserted into a
 * sealed range or missing from it; and, given anchors, that no anchored checkpoint is gone or changed
 * (a deleted head) and that the chain starts where it should (a deleted tail). Names the first event
 * that no longer matches; collects every problem, so that one forged row does not hide later ones.
 */
export async function verifyAuditLog(manager: EntityManager, options: VerifyOptions | ((checked: number) => void) = {}): Promise<AuditVerificationResult> {
  const opts: VerifyOptions = typeof options === 'function' ? { onProgress: options } : options;
  return inSnapshot(manager, (m) => verifyInSnapshot(m, opts));
}

async function verifyInSnapshot(manager: EntityManager, opts: VerifyOptions): Promise<AuditVerificationResult> {
  const keyring = auditKeyring();
  const problems: string[] = [];
  let firstInvalidEventId: string | null = null;
  const problem = (eventId: string | null, text: string): void => {
    firstInvalidEventId ??= eventId;
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };

  const startHash = opts.from?.hash ?? GENESIS_HASH;
  const startHorizon = opts.from?.txHorizon ?? '0';
  const [{ xmax, database }]: { xmax: string; database: string }[] = await manager.query(
    `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax, current_database() AS database`,
  );
  // ORDER BY names table columns qualified throughout: the bare names would sort by the text aliases.
  const all: CheckpointRow[] = await manager.query(
    `SELECT id::text AS id, tx_horizon::text AS tx_horizon, event_ids::text[] AS event_ids, previous_hash, hash, event_count, key_id
       FROM audit_checkpoint WHERE id > $1 ORDER BY audit_checkpoint.id`,
    [opts.from?.checkpointId ?? '0'],
  );

  // The chain: each checkpoint continues its predecessor, within a possible transaction range.
  const chain: (CheckpointRow & { key: AuditKey | null; horizon: bigint; fromHorizon: bigint })[] = [];
  let expected = startHash;
  let horizon = startHorizon;
  let keyedSeen = false;
  for (const cp of all) {
    const key = cp.key_id === null ? null : keyring.key(cp.key_id);
    if (BigInt(cp.tx_horizon) <= BigInt(horizon) || BigInt(cp.tx_horizon) > BigInt(xmax)) {
      problem(cp.event_ids[0] ?? null, `checkpoint ${cp.id} has an impossible transaction horizon ${cp.tx_horizon} (forged?); skipped`);
      continue;
    }
    if (key === undefined) {
      problem(cp.event_ids[0] ?? null, `checkpoint ${cp.id} names key ${cp.key_id ?? ''}, which this verifier does not hold`);
      continue;
    }
    if (key === null && keyedSeen) {
      problem(cp.event_ids[0] ?? null, `checkpoint ${cp.id} is unkeyed after keyed checkpoints (forged?); skipped`);
      continue;
    }
    if (cp.previous_hash !== expected) {
      problem(
        cp.event_ids[0] ?? null,
        chain.length === 0 && !opts.from
          ? `checkpoint ${cp.id} does not start the chain: older checkpoints are missing (deleted tail)`
          : `checkpoint ${cp.id} does not continue the chain (a checkpoint before it is missing or forged)`,
      );
    }
    keyedSeen ||= key !== null;
    chain.push({ ...cp, key, horizon: BigInt(cp.tx_horizon), fromHorizon: BigInt(horizon) });
    expected = cp.hash;
    horizon = cp.tx_horizon;
  }
  // Events written before keyed digests may carry the unkeyed hash: in unkeyed checkpoints, and in
  // the first keyed one after them (which sealed what was pending when keys came in).
  const firstKeyed = chain.findIndex((c) => c.key !== null);
  const legacyAllowedThrough = opts.from ? -1 : firstKeyed === -1 ? chain.length - 1 : firstKeyed > 0 ? firstKeyed : -1;

  let checkedEvents = 0;
  let unsealedEvents = 0;
  let c = 0;
  let position = 0;
  let digest = chain[0] ? checkpointDigest(chain[0].key, chain[0].previous_hash, chain[0].tx_horizon, chain[0].event_ids.length) : undefined;
  let remaining = new Set(chain[0]?.event_ids ?? []);
  let checkpointBroken = false;

  const closeCheckpoint = (): void => {
    const cp = chain[c];
    if (position < cp.event_ids.length) {
      const missing = cp.event_ids[position];
      problem(missing, `event ${missing} is listed in checkpoint ${cp.id} but missing`);
    } else if (!checkpointBroken && (digest!.digest() !== cp.hash || cp.event_count !== cp.event_ids.length)) {
      problem(cp.event_ids[0] ?? null, `checkpoint ${cp.id} no longer matches its events`);
    }
    c++;
    position = 0;
    checkpointBroken = false;
    const next = chain[c];
    digest = next ? checkpointDigest(next.key, next.previous_hash, next.tx_horizon, next.event_ids.length) : undefined;
    remaining = new Set(next?.event_ids ?? []);
  };

  const macs = new Map<string, ((message: string) => string) | undefined>();
  const macOf = (keyId: string): ((message: string) => string) | undefined => {
    if (!macs.has(keyId)) {
      const key = keyring.key(keyId);
      macs.set(keyId, key ? preparedHmac(key.secret) : undefined);
    }
    return macs.get(keyId);
  };
  const checkEvent = (row: EventRow, sealedIn: number | null): void => {
    let matches: boolean;
    const fields = JSON.parse(row.content) as unknown[];
    if (row.key_id === null) {
      matches =
        sealedIn !== null && sealedIn <= legacyAllowedThrough && createHash('sha256').update(JSON.stringify(['v1', ...fields]), 'utf8').digest('hex') === row.hash;
    } else {
      const mac = macOf(row.key_id);
      matches = mac !== undefined && mac(JSON.stringify(['v2', row.key_id, ...fields])) === row.hash;
    }
    if (!matches) problem(row.id, `event ${row.id} no longer matches its hash`);
  };

  const onRow = (row: EventRow): void => {
    const tx = BigInt(row.tx_id);
    while (c < chain.length && tx >= chain[c].horizon) closeCheckpoint();
    checkedEvents++;
    if (c >= chain.length) {
      checkEvent(row, null);
      unsealedEvents++;
      return;
    }
    const cp = chain[c];
    if (tx < cp.fromHorizon) {
      problem(row.id, `event ${row.id} lies in a sealed range before checkpoint ${cp.id} but is in no checkpoint`);
      return;
    }
    if (!remaining.has(row.id)) {
      problem(row.id, `event ${row.id} lies in sealed range of checkpoint ${cp.id} but is not in it`);
      return;
    }
    while (position < cp.event_ids.length && cp.event_ids[position] !== row.id) {
      const missing = cp.event_ids[position];
      problem(missing, `event ${missing} is listed in checkpoint ${cp.id} but missing`);
      checkpointBroken = true;
      remaining.delete(missing);
      position++;
    }
    remaining.delete(row.id);
    position++;
    checkEvent(row, c);
    digest!.add(row.id, row.hash);
  };

  // One pass in sealing order (tx_id, id) through a server-side cursor.
  await manager.query(
    `DECLARE audit_verify_events NO SCROLL CURSOR FOR SELECT ${EVENT_COLUMNS} FROM audit_event
      WHERE tx_id >= $1 ORDER BY audit_event.tx_id, audit_event.id`,
    [startHorizon],
  );
  try {
    // The next batch is on its way (PostgreSQL reads and encodes it) while this one is checked.
    let next: Promise<EventRow[]> | undefined = manager.query(`FETCH ${FETCH_ROWS} FROM audit_verify_events`);
    while (next) {
      const rows: EventRow[] = await next;
      next = rows.length === FETCH_ROWS ? manager.query(`FETCH ${FETCH_ROWS} FROM audit_verify_events`) : undefined;
      for (const row of rows) onRow(row);
      opts.onProgress?.(checkedEvents);
    }
  } finally {
    await manager.query('CLOSE audit_verify_events');
  }
  while (c < chain.length) closeCheckpoint();

  // An event without a transaction id bypassed the insert trigger: not written by the application.
  const orphan: { id: string }[] = await manager.query(`SELECT id::text AS id FROM audit_event WHERE tx_id IS NULL ORDER BY audit_event.id LIMIT 1`);
  if (orphan[0]) problem(orphan[0].id, `event ${orphan[0].id} was not sealed in order (inserted out of band?)`);
  if (opts.from) {
    const start: { hash: string }[] = await manager.query(`SELECT hash FROM audit_checkpoint WHERE id = $1`, [opts.from.checkpointId]);
    if (start[0]?.hash !== opts.from.hash) problem(null, `checkpoint ${opts.from.checkpointId}, where this verification starts, is gone or changed`);
  }

  const head = chain.length > 0 ? chain[chain.length - 1] : undefined;
  let checkedAnchors: number | null = null;
  if (opts.anchorFile) {
    const { anchors, malformedLines } = readAnchors(opts.anchorFile, database);
    if (malformedLines > 0) problem(null, `the anchor file has ${malformedLines} line(s) that are not anchors (cut short or edited)`);
    checkedAnchors = compareAnchors(anchors, all, head, opts.from, (text) => problem(null, text));
  }

  return {
    ok: problems.length === 0,
    checkedEvents,
    checkedCheckpoints: chain.length,
    firstInvalidEventId,
    problem: problems[0] ?? null,
    problems,
    unsealedEvents,
    checkedAnchors,
    head: head ? { checkpointId: head.id, hash: head.hash, txHorizon: head.tx_horizon } : (opts.from ?? null),
  };
}

/**
 * Every anchor newer than the starting point must name a checkpoint that is still there, unchanged.
 * The newest anchor missing from the database means the head of the chain was deleted.
 */
function compareAnchors(
  anchors: readonly AuditAnchor[],
  checkpoints: readonly CheckpointRow[],
  head: CheckpointRow | undefined,
  from: VerifiedHead | undefined,
  report: (text: string) => void,
): number {
  const byId = new Map(checkpoints.map((cp) => [cp.id, cp]));
  const after = BigInt(from?.checkpointId ?? '0');
  let checked = 0;
  let newestMissing: AuditAnchor | undefined;
  for (const anchor of anchors) {
    if (BigInt(anchor.checkpointId) <= after) continue;
    checked++;
    const cp = byId.get(anchor.checkpointId);
    if (!cp) {
      if (!head || BigInt(anchor.checkpointId) > BigInt(head.id)) newestMissing = anchor;
      else report(`checkpoint ${anchor.checkpointId} is anchored but missing from the database (deleted)`);
    } else if (cp.hash !== anchor.hash) {
      report(`checkpoint ${anchor.checkpointId} differs from its anchor (altered or replaced)`);
    }
  }
  if (newestMissing) {
    report(
      `the head of the chain was deleted: anchored checkpoint ${newestMissing.checkpointId} (events up to ${newestMissing.lastEventId ?? '?'}) ` +
        `is missing; the newest checkpoint in the database is ${head?.id ?? 'none'}`,
    );
  }
  return checked;
}
