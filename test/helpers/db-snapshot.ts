/**
 * Tables a request may change whatever its outcome: sessions (last seen), login throttling, the
 * devices a login made known (a login's own bookkeeping), and the rate limit of requests without a
 * valid session (its counters).
 */
export const BOOKKEEPING_TABLES = new Set([
  'user_session',
  'known_device',
  'login_throttle',
  'request_rate_window',
  'request_refusal_count',
]);

export type Snapshot = Record<string, { rows: number; checksum: string }>;

type Query = <T>(text: string) => Promise<T[]>;

/**
 * Row count and checksum of every table but the audit tables and the bookkeeping above, in one
 * query: equal snapshots before and after a request mean it changed nothing. Tables are listed
 * once, when this is called (after migrations).
 */
export async function databaseSnapshotter(query: Query): Promise<() => Promise<Snapshot>> {
  const tables = await query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const watched = tables
    .map((t) => t.name)
    .filter((name) => !name.startsWith('audit_') && !BOOKKEEPING_TABLES.has(name));
  if (!['app_user', 'user_role', 'organisation'].every((t) => watched.includes(t)))
    throw new Error('the database is not migrated');
  const snapshotSql = watched
    .map(
      (name) => `SELECT '${name}' AS name, count(*)::int AS rows,
        coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') AS checksum FROM "${name}" t`,
    )
    .join('\nUNION ALL\n');
  return async () => {
    const rows = await query<{ name: string; rows: number; checksum: string }>(snapshotSql);
    return Object.fromEntries(rows.map((r) => [r.name, { rows: r.rows, checksum: r.checksum }]));
  };
}
