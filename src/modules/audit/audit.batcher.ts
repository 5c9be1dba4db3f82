import type { AuditEventDraft } from './audit.recorder';

interface PendingWrite {
  drafts: readonly AuditEventDraft[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Events in one coalesced INSERT at most; the repository prepares INSERTs up to this size. */
export const AUDIT_BATCH_EVENTS = 32;

export interface AuditBatcherOptions {
  /** Batch INSERTs in flight at once; a request arriving while all are busy joins the next batch. */
  concurrency: number;
  /** Events in one INSERT at most; a request with more is written alone. */
  maxEvents: number;
}

/**
 * The server's settings for a pool of `poolSize` connections: a quarter of the pool may be writing
 * audit batches, so the batches stay large under load and the rest of the pool serves the reads.
 */
export function standaloneBatchOptions(poolSize: number): AuditBatcherOptions {
  return { concurrency: Math.max(1, Math.floor(poolSize / 4)), maxEvents: AUDIT_BATCH_EVENTS };
}

/**
 * Coalesces the audit writes of requests that have no transaction of their own (reads, refusals)
 * into multi-row INSERTs. A write joins a batch only while `concurrency` INSERTs are already in
 * flight, so an idle server writes each request at once and a busy one commits many requests'
 * events with one statement and one WAL flush. Every write still resolves only after its own events
 * have committed; when a batch fails, each of its writes is retried on its own, so that one bad event
 * (or a passing failure) fails only its own request. (Should a batch commit and its answer then be
 * lost with the connection, the retries write those events twice: a duplicate in the audit log is
 * preferred to a read that is answered without its event.) Arrival order is kept.
 */
export class AuditBatcher {
  private readonly queue: PendingWrite[] = [];
  private inFlight = 0;

  constructor(
    private readonly insert: (drafts: readonly AuditEventDraft[]) => Promise<void>,
    private readonly options: AuditBatcherOptions,
  ) {
    if (!(options.concurrency >= 1) || !(options.maxEvents >= 1))
      throw new Error('AuditBatcher needs concurrency and maxEvents of at least 1');
  }

  write(drafts: readonly AuditEventDraft[]): Promise<void> {
    if (drafts.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ drafts, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The longest prefix of the queue within maxEvents (always at least one write). */
  private take(): PendingWrite[] {
    let events = this.queue[0].drafts.length;
    let n = 1;
    while (n < this.queue.length && events + this.queue[n].drafts.length <= this.options.maxEvents) {
      events += this.queue[n].drafts.length;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async run(batch: PendingWrite[]): Promise<void> {
    if (batch.length === 1) {
      await this.insert(batch[0].drafts).then(batch[0].resolve, batch[0].reject);
      return;
    }
    try {
      await this.insert(batch.flatMap((w) => w.drafts));
      for (const w of batch) w.resolve();
    } catch {
      for (const w of batch) await this.insert(w.drafts).then(w.resolve, w.reject);
    }
  }
}
