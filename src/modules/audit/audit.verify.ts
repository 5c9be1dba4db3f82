import os from 'node:os';
import type { EntityManager } from 'typeorm';
import { readAnchors, type AuditAnchor } from './audit.anchor';
import { headOf, latestArchive } from './audit.archive.repository';
import { auditKeyring, GENESIS_HASH } from './audit.hash';
import { SegmentWalker, type ChainCheckpoint, type CheckpointRow } from './audit.verify-walk';

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
  /** Where verification started, in words (an archive, an earlier run); null: the genesis (complete). */
  startedFrom: string | null;
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
  /** Connections reading at once (default: one per 250,000 sealed events, at most the cores and at most 4). */
  parallel?: number;
}

const MAX_PROBLEMS = 20;
const EVENTS_PER_CONNECTION = 250_000;
const MAX_PARALLEL = 4;

function defaultParallelism(chain: readonly ChainCheckpoint[]): number {
  const events = chain.reduce((n, cp) => n + cp.event_ids.length, 0);
  return Math.min(MAX_PARALLEL, os.availableParallelism(), Math.max(1, Math.ceil(events / EVENTS_PER_CONNECTION)));
}

/** Contiguous stretches of the chain with about equal numbers of events; the last one also takes what is unsealed. */
function splitChain(
  chain: readonly ChainCheckpoint[],
  parts: number,
  startHorizon: bigint,
): { checkpoints: ChainCheckpoint[]; fromHorizon: bigint }[] {
  const n = Math.min(parts, Math.max(1, chain.length));
  if (n === 1) return [{ checkpoints: [...chain], fromHorizon: startHorizon }];
  const total = chain.reduce((sum, cp) => sum + cp.event_ids.length, 0);
  const out: { checkpoints: ChainCheckpoint[]; fromHorizon: bigint }[] = [];
  let current: ChainCheckpoint[] = [];
  let events = 0;
  for (const cp of chain) {
    current.push(cp);
    events += cp.event_ids.length;
    if (out.length < n - 1 && events >= (total * (out.length + 1)) / n) {
      out.push({ checkpoints: current, fromHorizon: current[0].fromHorizon });
      current = [];
    }
  }
  out.push({ checkpoints: current, fromHorizon: current[0]?.fromHorizon ?? chain[chain.length - 1].horizon });
  return out;
}

/** Runs `work` inside a read-only REPEATABLE READ transaction (one snapshot), reusing one already open. */
async function inSnapshot<T>(manager: EntityManager, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (manager.queryRunner?.isTransactionActive) return work(manager);
  return manager.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    return work(manager);
  });
}

/**
 * Verifies the audit log on one snapshot, in one pass over the events in sealing order (binary COPY
 * streams, so memory stays flat): every event's HMAC under its key generation; every checkpoint's HMAC
 * over exactly the events of its transaction range; the chain of checkpoints; events inserted into a
 * sealed range or missing from it; and, given anchors, that no anchored checkpoint is gone or changed
 * (a deleted head) and that the chain starts where it should (a deleted tail). Names the first event
 * that no longer matches; collects every problem, so that one forged row does not hide later ones.
 */
export async function verifyAuditLog(
  manager: EntityManager,
  options: VerifyOptions | ((checked: number) => void) = {},
): Promise<AuditVerificationResult> {
  const opts: VerifyOptions = typeof options === 'function' ? { onProgress: options } : options;
  return inSnapshot(manager, (manager) => verifyInSnapshot(manager, opts));
}

async function verifyInSnapshot(manager: EntityManager, opts: VerifyOptions): Promise<AuditVerificationResult> {
  const keyring = auditKeyring();
  const problems: string[] = [];
  let firstInvalidEventId: string | null = null;
  const problem = (eventId: string | null, text: string): void => {
    firstInvalidEventId ??= eventId;
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };

  // After an archive the chain starts at its last checkpoint (signed record); older events are gone.
  const archive = await latestArchive(manager, keyring);
  for (const r of archive.unverifiable)
    problem(null, `archive record ${r.id} does not verify under the held keys (forged?); ignored`);
  let from = opts.from;
  let startedFrom: string | null = from ? `checkpoint ${from.checkpointId} (verified by an earlier run)` : null;
  if (archive.record && (!from || BigInt(from.checkpointId) < BigInt(archive.record.lastCheckpointId))) {
    from = headOf(archive.record);
    startedFrom =
      `archive ${archive.record.id} (${archive.record.fileName}): checkpoint ${archive.record.lastCheckpointId}; ` +
      `${archive.record.eventCount} older events were archived and dropped (verify the file with npm run audit:archive-verify)`;
  }
  opts = { ...opts, from };
  const startHash = opts.from?.hash ?? GENESIS_HASH;
  const startHorizon = opts.from?.txHorizon ?? '0';
  const [{ xmax, database }]: { xmax: string; database: string }[] = await manager.query(
    `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax, current_database() AS database`,
  );
  // ORDER BY names table columns qualified throughout: the bare names would sort by the text aliases.
  // The event ids come as one comma-separated text (split natively, not parsed element by element as
  // a text[]), unless the array holds a NULL or has more dimensions: then as the array itself.
  const rows: (Omit<CheckpointRow, 'event_ids'> & { event_list: string | null; event_ids: string[] | null })[] =
    await manager.query(
      `SELECT id::text AS id, tx_horizon::text AS tx_horizon, list AS event_list,
              CASE WHEN list IS NULL THEN event_ids::text[] END AS event_ids, previous_hash, hash, event_count, key_id
         FROM audit_checkpoint, LATERAL (SELECT CASE
           WHEN array_ndims(event_ids) = 1 THEN
             CASE WHEN array_position(event_ids, NULL) IS NULL THEN array_to_string(event_ids, ',') END
           WHEN event_ids = '{}' THEN '' END AS list) l
        WHERE id > $1 ORDER BY audit_checkpoint.id`,
      [opts.from?.checkpointId ?? '0'],
    );
  const all: CheckpointRow[] = rows.map(({ event_list, event_ids, ...cp }) => ({
    ...cp,
    event_ids: event_list === null ? event_ids! : event_list === '' ? [] : event_list.split(','),
  }));

  // The chain: each checkpoint continues its predecessor, within a possible transaction range.
  const chain: ChainCheckpoint[] = [];
  let expected = startHash;
  let horizon = startHorizon;
  let keyedSeen = false;
  for (const cp of all) {
    const key = cp.key_id === null ? null : keyring.key(cp.key_id);
    if (BigInt(cp.tx_horizon) <= BigInt(horizon) || BigInt(cp.tx_horizon) > BigInt(xmax)) {
      problem(
        cp.event_ids[0] ?? null,
        `checkpoint ${cp.id} has an impossible transaction horizon ${cp.tx_horizon} (forged?); skipped`,
      );
      continue;
    }
    if (key === undefined) {
      problem(
        cp.event_ids[0] ?? null,
        `checkpoint ${cp.id} names key ${cp.key_id ?? ''}, which this verifier does not hold`,
      );
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
    chain.push({ ...cp, key, horizon: BigInt(cp.tx_horizon), fromHorizon: BigInt(horizon), index: chain.length });
    expected = cp.hash;
    horizon = cp.tx_horizon;
  }
  // Events written before keyed digests may carry the unkeyed hash: in unkeyed checkpoints, and in
  // the first keyed one after them (which sealed what was pending when keys came in).
  const firstKeyed = chain.findIndex((c) => c.key !== null);
  const legacyAllowedThrough = opts.from ? -1 : firstKeyed === -1 ? chain.length - 1 : firstKeyed > 0 ? firstKeyed : -1;

  // Stretches of about equal numbers of events, each on its own connection, all in this snapshot.
  const segments = splitChain(chain, Math.max(1, opts.parallel ?? defaultParallelism(chain)), BigInt(startHorizon));
  const walkers = segments.map(
    (seg, i) =>
      new SegmentWalker(seg.checkpoints, seg.fromHorizon, i === segments.length - 1, keyring, legacyAllowedThrough),
  );
  let progress = 0;
  const onRows = (rows: number): void => {
    progress += rows;
    opts.onProgress?.(progress);
  };
  const snapshot =
    walkers.length > 1
      ? ((await manager.query('SELECT pg_export_snapshot() AS s')) as { s: string }[])[0].s
      : undefined;
  await Promise.all(
    walkers.map(async (walker, i) => {
      if (i === 0) return walker.run(manager, onRows);
      const runner = manager.connection.createQueryRunner();
      try {
        await runner.connect();
        await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await runner.query(`SET TRANSACTION SNAPSHOT '${snapshot!.replace(/'/g, '')}'`);
        await walker.run(runner.manager, onRows);
        await runner.query('COMMIT');
      } finally {
        await runner.release();
      }
    }),
  );
  for (const walker of walkers) for (const p of walker.problems) problem(p.eventId, p.text);
  const checkedEvents = walkers.reduce((n, w) => n + w.checkedEvents, 0);
  const unsealedEvents = walkers.reduce((n, w) => n + w.unsealedEvents, 0);

  // An event without a transaction id bypassed the insert trigger: not written by the application.
  const orphan: { id: string }[] = await manager.query(
    `SELECT id::text AS id FROM audit_event WHERE tx_id IS NULL ORDER BY audit_event.id LIMIT 1`,
  );
  if (orphan[0]) problem(orphan[0].id, `event ${orphan[0].id} was not sealed in order (inserted out of band?)`);
  if (opts.from) {
    const start: { hash: string }[] = await manager.query(`SELECT hash FROM audit_checkpoint WHERE id = $1`, [
      opts.from.checkpointId,
    ]);
    if (start[0]?.hash !== opts.from.hash)
      problem(null, `checkpoint ${opts.from.checkpointId}, where this verification starts, is gone or changed`);
  }

  const head = chain.length > 0 ? chain[chain.length - 1] : undefined;
  let checkedAnchors: number | null = null;
  if (opts.anchorFile) {
    const { anchors, malformedLines } = readAnchors(opts.anchorFile, database);
    if (malformedLines > 0)
      problem(null, `the anchor file has ${malformedLines} line(s) that are not anchors (cut short or edited)`);
    // The API goes on sealing while this runs: an anchor newer than the snapshot names a checkpoint
    // committed after it. Such a checkpoint is looked up outside the snapshot (it is checked in full
    // by the next verification); only one that is not there at all is deleted.
    const after = BigInt(opts.from?.checkpointId ?? '0');
    const inView = new Set(all.map((cp) => cp.id));
    const missing = anchors.filter((a) => BigInt(a.checkpointId) > after && !inView.has(a.checkpointId));
    const committedSince = new Map<string, string>(
      missing.length === 0
        ? []
        : (
            (await manager.connection.query(
              `SELECT id::text AS id, hash FROM audit_checkpoint WHERE id = ANY($1::bigint[])`,
              [missing.map((a) => a.checkpointId)],
            )) as { id: string; hash: string }[]
          ).map((r) => [r.id, r.hash]),
    );
    const laterDiffering = missing.filter(
      (a) => committedSince.has(a.checkpointId) && committedSince.get(a.checkpointId) !== a.hash,
    );
    for (const a of laterDiffering)
      problem(null, `checkpoint ${a.checkpointId} differs from its anchor (altered or replaced)`);
    const inSnapshotOrGone = anchors.filter((a) => !committedSince.has(a.checkpointId));
    checkedAnchors =
      compareAnchors(inSnapshotOrGone, all, head, opts.from, (text) => problem(null, text)) +
      (anchors.length - inSnapshotOrGone.length);
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
    startedFrom,
  };
}

/**
 * Every anchor newer than the starting point must name a checkpoint that is still there, unchanged.
 * The newest anchor missing from the database means the head of the chain was deleted.
 */
function compareAnchors(
  anchors: readonly AuditAnchor[],
  checkpoints: readonly CheckpointRow[],
  head: { id: string } | undefined,
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
