import { Client } from 'pg';
import { Logger, runMigrations as installGraphileWorker } from 'graphile-worker';
import { APP_ROLE } from '../db/data-source';

/** The schema graphile-worker keeps its jobs, queues and crontab state in. */
export const JOB_QUEUE_SCHEMA = 'graphile_worker';

/**
 * Installs or upgrades the job queue's schema as the migration user (the schema owner), then grants
 * samverkan_app what a worker needs and nothing more: use of the schema, the rows of its tables and
 * its functions. The API's role never creates or alters anything there: at start the worker only
 * reads graphile_worker.migrations and finds nothing to do. Idempotent; called by every migration run
 * (src/db/migrate.ts), under the migration lock, so a new graphile-worker version is installed by the
 * next migration job.
 */
export async function installJobQueue(migrationUrl: string): Promise<void> {
  await installGraphileWorker({ connectionString: migrationUrl, schema: JOB_QUEUE_SCHEMA, logger: silentLogger() });
  const client = new Client({ connectionString: migrationUrl, application_name: 'samverkan-migrate-jobs' });
  await client.connect();
  try {
    const s = `"${JOB_QUEUE_SCHEMA}"`;
    await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${APP_ROLE}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${APP_ROLE}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${APP_ROLE}`);
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${APP_ROLE}`);
    // graphile-worker turns row-level security on for its tables (no policy: only the owner sees rows).
    // samverkan_app works every row of the queue, so it gets one policy per table.
    const secured = await client.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relrowsecurity
          AND NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname AND p.policyname = 'samverkan_app_worker')`,
      [JOB_QUEUE_SCHEMA],
    );
    for (const { table } of secured.rows)
      await client.query(
        `CREATE POLICY samverkan_app_worker ON ${s}."${table}" TO ${APP_ROLE} USING (true) WITH CHECK (true)`,
      );
    // Nobody else: the schema's functions are not for PUBLIC.
    await client.query(`REVOKE ALL ON SCHEMA ${s} FROM PUBLIC`);
  } finally {
    await client.end();
  }
}

/** graphile-worker's own log lines are not ours to print during a migration. */
function silentLogger(): Logger {
  return new Logger(() => () => undefined);
}
