import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { installJobQueue } from '../jobs/job-queue.schema';
import { MIGRATIONS } from './migrations';

/**
 * Key of the session-level advisory lock every migration run holds (advisory locks are per
 * database). Any fixed number works; this one is the ASCII of "samverka" read as a number.
 */
export const MIGRATION_LOCK_KEY = '8314046742378212193';

/** Names of every migration this build knows, in order. */
export function knownMigrationNames(): string[] {
  return MIGRATIONS.map((m) => new m().name ?? m.name);
}

/**
 * Applies pending migrations as the migration user; returns the names applied. Runs under a
 * PostgreSQL advisory lock: a second process migrating the same database at the same time (two
 * replicas starting, a job and a developer) waits for the first and then finds nothing pending,
 * instead of racing it into "duplicate key value violates unique constraint". The lock is held by
 * a connection of its own and released when that connection closes, even if this process dies.
 */
export async function runMigrations(migrationUrl: string, options: { onWait?: () => void } = {}): Promise<string[]> {
  const lock = new Client({ connectionString: migrationUrl, application_name: 'samverkan-migrate-lock' });
  await lock.connect();
  try {
    const tried = await lock.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(${MIGRATION_LOCK_KEY}::bigint) AS locked`,
    );
    if (!tried.rows[0]?.locked) {
      options.onWait?.();
      await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY}::bigint)`);
    }
    const ds = createDataSource({
      url: migrationUrl,
      asAppRole: false,
      poolSize: 2,
      applicationName: 'samverkan-migrate',
    });
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      // The job queue's schema (graphile-worker's own migrations) and samverkan_app's grants on it.
      await installJobQueue(migrationUrl);
      return applied.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    // Closing the session releases the lock.
    await lock.end();
  }
}

/** Thrown at start when the database lacks migrations and this process may not apply them. */
export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `the database lacks ${pending.length} migration(s) (${pending.slice(0, 3).join(', ')}${pending.length > 3 ? ', …' : ''}): ` +
        'run the migration job first (node dist/src/cli/migrate.js with MIGRATION_DATABASE_URL set to the schema owner; see docs/operations.md), ' +
        'or set MIGRATE_ON_START=true where this process may migrate',
    );
    this.name = 'PendingMigrationsError';
  }
}

/**
 * The migrations this build knows that the database has not applied, read with the application's
 * own connection (the role may read the migrations table, nothing more). A database whose
 * migrations table is missing, or not yet readable by the role, lacks them all.
 */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  let applied: Set<string>;
  try {
    const rows = (await dataSource.query(`SELECT name FROM migrations`)) as { name: string }[];
    applied = new Set(rows.map((r) => r.name));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // 42P01: no migrations table yet; 42501: the grant that lets the role read it is not applied yet.
    if (code === '42P01' || code === '42501') applied = new Set();
    else throw error;
  }
  return knownMigrationNames().filter((name) => !applied.has(name));
}
