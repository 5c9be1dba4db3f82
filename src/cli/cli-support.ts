import { setAuditKeyring } from '../modules/audit/audit.hash';
import { loadAuditKeyring } from '../modules/audit/audit.keys';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type Config } from '../config/config';
import { createDataSource } from '../db/data-source';
import { locateDatabase } from '../db/database';
import { PendingMigrationsError, pendingMigrations, runMigrations } from '../db/migrate';

/** Runs a command-line tool: configuration errors and failures are one clear line, exit code 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

/**
 * Opens the configured (or embedded) database for a command-line tool: migrated first when
 * MIGRATE_ON_START is on (development), else refused while migrations are pending (production,
 * where the migration job migrates).
 */
export async function withDatabase<T>(
  work: (ds: DataSource, config: Config) => Promise<T>,
  options: { asAppRole?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  // Commands write audit events (provisioning, create-admin): they sign with the same keys as the API.
  setAuditKeyring(loadAuditKeyring(config).keyring);
  const location = await locateDatabase(config);
  try {
    if (config.migrateOnStart) await runMigrations(location.migrationUrl);
    const ds = createDataSource({
      url: options.asAppRole === false ? location.migrationUrl : location.appUrl,
      asAppRole: options.asAppRole ?? true,
      poolSize: 4,
      applicationName: 'samverkan-cli',
    });
    await ds.initialize();
    try {
      if (!config.migrateOnStart) {
        const pending = await pendingMigrations(ds);
        if (pending.length > 0) throw new PendingMigrationsError(pending);
      }
      return await work(ds, config);
    } finally {
      await ds.destroy();
    }
  } finally {
    await location.stop();
  }
}
