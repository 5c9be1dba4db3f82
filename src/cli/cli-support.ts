import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type Config } from '../config/config';
import { createDataSource } from '../db/data-source';
import { locateDatabase, runMigrations } from '../db/database';

/** Runs a command-line tool: configuration errors and failures are one clear line, exit code 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

/** Opens the configured (or embedded) database, migrated, for a command-line tool. */
export async function withDatabase<T>(work: (ds: DataSource, config: Config) => Promise<T>, options: { asAppRole?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const location = await locateDatabase(config);
  try {
    await runMigrations(location.migrationUrl);
    const ds = createDataSource({
      url: options.asAppRole === false ? location.migrationUrl : location.appUrl,
      asAppRole: options.asAppRole ?? true,
      poolSize: 4,
      applicationName: 'samverkan-cli',
    });
    await ds.initialize();
    try {
      return await work(ds, config);
    } finally {
      await ds.destroy();
    }
  } finally {
    await location.stop();
  }
}
