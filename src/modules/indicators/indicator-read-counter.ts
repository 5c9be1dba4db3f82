import type { EntityManager } from 'typeorm';
import { IndicatorRepository } from './indicator.repository';

interface PendingRead {
  reads: number;
  resolve: (allowed: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Counts protected-table reads against the daily cap, coalescing the requests of one user and day
 * that arrive while that counter's previous statement is in flight into one atomic increment. The
 * counter row is locked until its transaction commits (a WAL flush), so one UPDATE per request made
 * concurrent reads of one user queue behind each other's commits. The cap stays exact: a batch is
 * counted whole only when all of it fits; otherwise its requests are counted one by one, in arrival
 * order, each exactly as alone. Every allowed request is counted before it is answered.
 */
export class ReadCounter {
  private readonly queues = new Map<string, PendingRead[]>();

  constructor(
    private readonly repo: IndicatorRepository,
    private readonly manager: EntityManager,
    private readonly cap: number,
  ) {}

  count(userId: string, day: string, reads: number): Promise<boolean> {
    const key = `${userId}|${day}`;
    return new Promise<boolean>((resolve, reject) => {
      const queue = this.queues.get(key);
      if (queue) {
        queue.push({ reads, resolve, reject });
        return;
      }
      this.queues.set(key, [{ reads, resolve, reject }]);
      void this.drain(key, userId, day);
    });
  }

  private async drain(key: string, userId: string, day: string): Promise<void> {
    for (;;) {
      const batch = this.queues.get(key) ?? [];
      if (batch.length === 0) {
        this.queues.delete(key);
        return;
      }
      // Arrivals from now on wait for the next round.
      this.queues.set(key, []);
      try {
        const total = batch.reduce((sum, p) => sum + p.reads, 0);
        if (batch.length > 1 && (await this.repo.countReads(this.manager, userId, day, total, this.cap))) {
          for (const p of batch) p.resolve(true);
          continue;
        }
        for (let i = 0; i < batch.length; i++) {
          try {
            batch[i].resolve(await this.repo.countReads(this.manager, userId, day, batch[i].reads, this.cap));
          } catch (error) {
            batch[i].reject(error);
          }
        }
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
  }
}
