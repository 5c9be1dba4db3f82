import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The anonymous flood of the audit log, measured: one client (this process, on 127.0.0.1) sends
 * `query Q<255,000 random letters> { __typename }` without a session as fast as `FLOOD_CONNECTIONS`
 * connections allow for `FLOOD_SECONDS`, against the API at `FLOOD_URL`, and reports how much the
 * audit table (with its indexes and TOAST) and the rate-limit tables grew on the database at
 * `FLOOD_DATABASE_URL` (a superuser URL of the API's database).
 *
 *   FLOOD_URL=http://127.0.0.1:4000 FLOOD_DATABASE_URL=postgres://postgres@127.0.0.1/db node dist/bench/audit-flood.js
 */
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const TABLES = ['audit_event', 'request_rate_window', 'request_refusal_count'];

async function sizes(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const { rows } = await client.query<{ n: string | null }>(
        // Every partition with its indexes and TOAST (a partitioned table has no storage of its own).
        `SELECT sum(pg_total_relation_size(relid))::text AS n FROM pg_partition_tree(to_regclass($1))`,
        [table],
      );
      out[table] = rows[0].n === null ? 0 : Number(rows[0].n);
    }
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_event`);
    out.rows = Number(rows[0].n);
    return out;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const url = process.env.FLOOD_URL ?? 'http://127.0.0.1:4000';
  const db = process.env.FLOOD_DATABASE_URL;
  if (!db) throw new Error('FLOOD_DATABASE_URL is required');
  const seconds = Number(process.env.FLOOD_SECONDS ?? 10);
  const connections = Number(process.env.FLOOD_CONNECTIONS ?? 4);
  // Random letters, new for every request: PostgreSQL cannot compress them away (a repeated letter
  // would shrink to almost nothing in TOAST and hide the cost).
  const body = (): string => {
    const bytes = randomBytes(255_000);
    let name = 'Q';
    for (const b of bytes) name += LETTERS[b % LETTERS.length];
    return JSON.stringify({ query: `query ${name} { __typename }` });
  };
  const before = await sizes(db);
  const statuses = new Map<number, number>();
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body(),
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const after = await sizes(db);
  const requests = [...statuses.values()].reduce((a, b) => a + b, 0);
  const grown = TABLES.reduce((sum, t) => sum + after[t] - before[t], 0);
  const rows = after.rows - before.rows;
  console.log(
    JSON.stringify({
      seconds: Number(elapsed.toFixed(1)),
      requests,
      statuses: Object.fromEntries(statuses),
      auditRowsAdded: rows,
      bytesGrown: Object.fromEntries(TABLES.map((t) => [t, after[t] - before[t]])),
      bytesPerRequest: requests > 0 ? Math.round(grown / requests) : 0,
      bytesPerStoredEvent: rows > 0 ? Math.round((after.audit_event - before.audit_event) / rows) : 0,
      bytesPerSecond: Math.round(grown / elapsed),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
