import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/** One `SELECT 1` through the application's pool (/health: can this process reach its database?). */
export async function poolAnswers(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1');
}

/**
 * Whether the database answers, on a connection of its own: a pool whose connections are all busy
 * (a saturated API) is no reason to take the process out of the load balancer, and a readiness probe
 * must not queue behind requests for one. One `SELECT 1` at a time, whatever the number of callers;
 * its answer is kept for `cacheMs`, so an anonymous caller polling /readyz costs the database nothing.
 */
export class ReadinessProbe {
  private client: Client | undefined;
  private running: Promise<boolean> | undefined;
  private last: { at: number; ok: boolean } | undefined;

  constructor(
    private readonly url: string,
    private readonly timeoutMs = 2_000,
    private readonly cacheMs = 1_000,
  ) {}

  async databaseAnswers(): Promise<boolean> {
    if (this.last && Date.now() - this.last.at < this.cacheMs) return this.last.ok;
    this.running ??= this.check().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async check(): Promise<boolean> {
    let ok = false;
    try {
      this.client ??= await this.connect();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.client.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('readiness query timed out')), this.timeoutMs);
        }),
      ]).finally(() => clearTimeout(timer));
      ok = true;
    } catch {
      this.drop();
    }
    this.last = { at: Date.now(), ok };
    return ok;
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.url,
      connectionTimeoutMillis: this.timeoutMs,
      application_name: 'samverkan-readiness',
    });
    client.on('error', () => {
      if (this.client === client) this.drop();
    });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    void client?.end().catch(() => undefined);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.last = { at: Date.now(), ok: false };
    await client?.end().catch(() => undefined);
  }
}
