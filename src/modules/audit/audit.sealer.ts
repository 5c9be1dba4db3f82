import type { DataSource, QueryRunner } from 'typeorm';
import type { Logger } from '../../config/logger';
import { checkpointHash, GENESIS_HASH } from './audit.hash';

/** Advisory lock key electing the one sealing process ("samverkan audit sealer"). */
export const SEALER_LOCK_KEY = 7_312_664_401;
const BATCH_LIMIT = 5_000;

interface PendingRow {
  id: string;
  hash: string;
  tx_id: string;
}

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

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly intervalMs: number,
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
      this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'audit sealing failed; retrying');
      await this.releaseLeadership();
    }
  }

  private async ensureLeader(): Promise<boolean> {
    if (this.leader && this.runner) return true;
    if (!this.runner) {
      this.runner = this.dataSource.createQueryRunner();
      await this.runner.connect();
    }
    const rows: { locked: boolean }[] = await this.runner.query('SELECT pg_try_advisory_lock($1) AS locked', [SEALER_LOCK_KEY]);
    this.leader = rows[0]?.locked === true;
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
    if (this.leader) await runner.query('SELECT pg_advisory_unlock($1)', [SEALER_LOCK_KEY]).catch(() => undefined);
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
    try {
      const [{ xmin }]: { xmin: string }[] = await runner.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
      const last: { hash: string; tx_horizon: string }[] = await runner.query(
        `SELECT hash, tx_horizon FROM audit_checkpoint ORDER BY id DESC LIMIT 1`,
      );
      const previousHash = last[0]?.hash ?? GENESIS_HASH;
      const fromHorizon = last[0]?.tx_horizon ?? '0';
      // Qualified ORDER BY: a bare `tx_id, id` would sort by the text aliases ('10' before '9').
      let rows: PendingRow[] = await runner.query(
        `SELECT id::text AS id, hash, tx_id::text AS tx_id FROM audit_event
          WHERE tx_id >= $1 AND tx_id < $2 ORDER BY audit_event.tx_id, audit_event.id LIMIT ${BATCH_LIMIT}`,
        [fromHorizon, xmin],
      );
      if (rows.length === 0) return { sealed: 0, more: false };
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
          rows = await runner.query(
            `SELECT id::text AS id, hash, tx_id::text AS tx_id FROM audit_event WHERE tx_id = $1 ORDER BY audit_event.id`,
            [lastTx],
          );
          horizon = (BigInt(lastTx) + 1n).toString();
        }
      }
      const hash = checkpointHash(previousHash, horizon, rows);
      // The unique previous_hash makes a concurrent second sealer (after a lost lock) fail, not fork.
      await runner.query(
        `INSERT INTO audit_checkpoint (sealed_at, tx_horizon, event_count, event_ids, previous_hash, hash)
         VALUES (now(), $1, $2, $3, $4, $5)`,
        [horizon, rows.length, rows.map((r) => r.id), previousHash, hash],
      );
      return { sealed: rows.length, more };
    } finally {
      if (ownRunner) await runner.release();
    }
  }
}
