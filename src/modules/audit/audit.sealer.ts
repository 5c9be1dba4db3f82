import type { DataSource, QueryRunner } from 'typeorm';
import type { Logger } from '../../config/logger';
import type { AnchorWriter, AuditAnchor } from './audit.anchor';
import {
  advisoryUnlock,
  checkpoint,
  eventHashes,
  eventsOfTransaction,
  insertCheckpoint,
  lockChain,
  newestCheckpoints,
  pendingEvents,
  snapshotHorizon,
  tryAdvisoryLock,
  type CheckpointHead,
  type PendingRow,
} from './audit-seal.repository';
import { auditKeyring, checkpointHash, GENESIS_HASH } from './audit.hash';

/** Advisory lock key electing the one sealing process ("samverkan audit sealer"). */
export const SEALER_LOCK_KEY = 7_312_664_401;
/** Transaction-level lock around reading the chain's head and appending to it: no fork, ever. */
const CHAIN_LOCK_KEY = 7_312_664_402;
const BATCH_LIMIT = 5_000;
/** How far back the sealer looks for the newest genuine checkpoint past forged ones. */
const HEAD_SEARCH_DEPTH = 50;

/**
 * Seals audit events into a hash chain of checkpoints in commit-safe order, in the background.
 *
 * Every event carries the id of the transaction that inserted it. A checkpoint covers exactly the
 * events whose transaction id lies in [previous horizon, new horizon), where the new horizon is
 * at most the oldest transaction still running (`pg_snapshot_xmin`): no transaction below it can
 * still commit, so an event that commits late is never skipped, and the order (tx id, event id)
 * is fixed. The request path takes no lock; exactly one process seals, elected through a
 * PostgreSQL advisory lock held on a dedicated connection, and another takes over if it dies.
 */
export class AuditSealer {
  private timer: NodeJS.Timeout | undefined;
  private runner: QueryRunner | undefined;
  private leader = false;
  private running: Promise<void> | undefined;
  private stopped = false;

  /** The checkpoint this process last wrote or found genuine: no need to check it again. */
  private knownHead: { id: string; hash: string } | undefined;
  /** Checkpoints found not to match their digest: skipped without being checked again. */
  private readonly rejected = new Set<string>();

  /**
   * `dataSource` acts as the sealer's role (samverkan_sealer), which alone may insert checkpoints;
   * each checkpoint's digest is also written to `anchors`.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly intervalMs: number,
    private readonly anchors?: AnchorWriter,
  ) {}

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    this.stopped = false;
    const tick = (): void => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.releaseLeadership();
  }

  private async tick(): Promise<void> {
    try {
      if (!(await this.ensureLeader())) return;
      while (!this.stopped && (await this.sealBatch()).more) {
        // keep going while the batch hit the limit: catching up after a burst
      }
    } catch (error) {
      this.logger.error(
        { err: error instanceof Error ? error.message : String(error) },
        'audit sealing failed; retrying',
      );
      await this.releaseLeadership();
    }
  }

  private async ensureLeader(): Promise<boolean> {
    if (this.leader && this.runner) return true;
    if (!this.runner) {
      this.runner = this.dataSource.createQueryRunner();
      await this.runner.connect();
    }
    this.leader = await tryAdvisoryLock(this.runner, SEALER_LOCK_KEY);
    if (this.leader) this.logger.info('this process now seals the audit log');
    else {
      await this.runner.release();
      this.runner = undefined;
    }
    return this.leader;
  }

  private async releaseLeadership(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (!runner) return;
    if (this.leader) await advisoryUnlock(runner, SEALER_LOCK_KEY).catch(() => undefined);
    this.leader = false;
    await runner.release().catch(() => undefined);
  }

  /** Seals what is final now; returns the number of events sealed. Exposed for tests and tools. */
  async sealOnce(): Promise<number> {
    return (await this.sealBatch()).sealed;
  }

  /**
   * One checkpoint of at most about BATCH_LIMIT events. `more` tells that the batch hit the limit
   * (it may have been cut at a transaction boundary, so `sealed` can be below the limit).
   */
  private async sealBatch(): Promise<{ sealed: number; more: boolean }> {
    const runner = this.runner ?? this.dataSource.createQueryRunner();
    const ownRunner = runner !== this.runner;
    if (ownRunner) await runner.connect();
    const key = auditKeyring().current;
    let anchor: AuditAnchor | undefined;
    let result: { sealed: number; more: boolean };
    try {
      await runner.startTransaction('READ COMMITTED');
      await lockChain(runner, CHAIN_LOCK_KEY);
      const { xmin, database } = await snapshotHorizon(runner);
      const head = await this.genuineHead(runner);
      const previousHash = head?.hash ?? GENESIS_HASH;
      const fromHorizon = head?.tx_horizon ?? '0';
      let rows: PendingRow[] = await pendingEvents(runner, fromHorizon, xmin, BATCH_LIMIT);
      if (rows.length === 0) {
        await runner.commitTransaction();
        return { sealed: 0, more: false };
      }
      let horizon = xmin;
      const more = rows.length === BATCH_LIMIT;
      if (more) {
        // Cut at a transaction boundary: the last transaction may continue past the limit.
        const lastTx = rows[rows.length - 1].tx_id;
        const complete = rows.filter((r) => r.tx_id !== lastTx);
        if (complete.length > 0) {
          rows = complete;
          horizon = lastTx;
        } else {
          rows = await eventsOfTransaction(runner, lastTx);
          horizon = (BigInt(lastTx) + 1n).toString();
        }
      }
      const hash = checkpointHash(previousHash, horizon, rows, key);
      const inserted = await insertCheckpoint(runner, {
        horizon,
        eventIds: rows.map((r) => r.id),
        previousHash,
        hash,
        keyId: key.id,
      });
      await runner.commitTransaction();
      this.knownHead = { id: inserted.id, hash };
      anchor = {
        v: 1,
        database,
        checkpointId: inserted.id,
        hash,
        previousHash,
        keyId: key.id,
        txHorizon: horizon,
        eventCount: rows.length,
        lastEventId: rows[rows.length - 1]?.id ?? null,
        sealedAt: new Date(inserted.sealed_at).toISOString(),
      };
      result = { sealed: rows.length, more };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      if (ownRunner) await runner.release();
    }
    if (anchor) this.anchors?.append(anchor);
    return result;
  }

  /**
   * The newest checkpoint whose digest its key confirms. Someone who may write the table (not the
   * application role) could add a checkpoint with a far-future horizon: it is skipped, reported, and
   * sealing continues from the genuine head; verification names it.
   */
  private async genuineHead(
    runner: QueryRunner,
  ): Promise<Pick<CheckpointHead, 'id' | 'hash' | 'tx_horizon'> | undefined> {
    // Light rows first: the newest is nearly always the one this process wrote or checked already.
    const heads = await newestCheckpoints(runner, HEAD_SEARCH_DEPTH);
    for (const head of heads) {
      if (this.rejected.has(head.id)) continue;
      if (this.knownHead && this.knownHead.id === head.id && this.knownHead.hash === head.hash) return head;
      const full = await checkpoint(runner, head.id);
      if (full && (await this.isGenuine(runner, full))) {
        this.knownHead = { id: head.id, hash: head.hash };
        return head;
      }
      this.rejected.add(head.id);
      this.logger.error(
        { checkpointId: head.id },
        'audit checkpoint does not match its digest (forged?); sealing continues from an earlier one',
      );
    }
    if (heads.length === 0) return undefined;
    throw new Error(
      `none of the newest ${heads.length} audit checkpoints matches its digest; sealing stopped (run audit:verify)`,
    );
  }

  private async isGenuine(runner: QueryRunner, cp: CheckpointHead): Promise<boolean> {
    const keyring = auditKeyring();
    const key = cp.key_id === null ? null : keyring.key(cp.key_id);
    if (key === undefined) return false;
    const rows = await eventHashes(runner, cp.event_ids);
    const byId = new Map(rows.map((r) => [r.id, r.hash]));
    const events: { id: string; hash: string }[] = [];
    for (const id of cp.event_ids) {
      const hash = byId.get(id);
      if (hash === undefined) return false;
      events.push({ id, hash });
    }
    return cp.event_count === events.length && checkpointHash(cp.previous_hash, cp.tx_horizon, events, key) === cp.hash;
  }
}
