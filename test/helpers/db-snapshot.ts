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

/** Per watched table that was written: the number of committed row writes since the watcher was installed. */
export type Snapshot = Record<string, number>;

type Query = <T>(text: string, params?: unknown[]) => Promise<T[]>;

/** Watched: every table of the schema but the audit tables and the bookkeeping above (partitions by their parent). */
async function watchedTables(query: Query): Promise<string[]> {
  const tables = await query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
  );
  const watched = tables
    .map((t) => t.name)
    .filter((name) => !name.startsWith('audit_') && !BOOKKEEPING_TABLES.has(name) && name !== WRITE_LOG);
  if (!['app_user', 'user_role', 'organisation'].every((t) => watched.includes(t)))
    throw new Error('the database is not migrated');
  return watched;
}

const WRITE_LOG = 'test_write_log';

/**
 * Counts every committed row write to the watched tables from now on, in this test database only:
 * row triggers (an UPDATE only when the row's values change) and a TRUNCATE trigger append to a
 * log table in the writer's transaction, so a write that is rolled back leaves no trace and one that
 * is committed always does. Equal snapshots before and after a request mean it wrote nothing. This
 * is stricter than comparing table contents (a write undone by a later one is still seen) and costs
 * one small query instead of hashing every row of every table. Needs a superuser connection (the
 * test harness's); call it after migrations and seeding.
 */
export async function databaseWriteWatcher(query: Query): Promise<() => Promise<Snapshot>> {
  const watched = await watchedTables(query);
  await query(
    `CREATE TABLE IF NOT EXISTS ${WRITE_LOG} (id bigserial PRIMARY KEY, table_name text NOT NULL, op text NOT NULL)`,
  );
  await query(
    `CREATE OR REPLACE FUNCTION ${WRITE_LOG}_append() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
     BEGIN INSERT INTO ${WRITE_LOG} (table_name, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$`,
  );
  for (const name of watched) {
    await query(
      `DROP TRIGGER IF EXISTS ${WRITE_LOG}_row ON "${name}";
       DROP TRIGGER IF EXISTS ${WRITE_LOG}_update ON "${name}";
       DROP TRIGGER IF EXISTS ${WRITE_LOG}_truncate ON "${name}";
       CREATE TRIGGER ${WRITE_LOG}_row AFTER INSERT OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION ${WRITE_LOG}_append();
       CREATE TRIGGER ${WRITE_LOG}_update AFTER UPDATE ON "${name}" FOR EACH ROW
         WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION ${WRITE_LOG}_append();
       CREATE TRIGGER ${WRITE_LOG}_truncate AFTER TRUNCATE ON "${name}" FOR EACH STATEMENT EXECUTE FUNCTION ${WRITE_LOG}_append();`,
    );
  }
  return async () => {
    const rows = await query<{ name: string; writes: number }>(
      `SELECT table_name AS name, count(*)::int AS writes FROM ${WRITE_LOG} GROUP BY table_name`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.writes]));
  };
}
