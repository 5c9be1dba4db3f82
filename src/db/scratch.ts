import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { createDataSource } from './data-source';
import path from 'node:path';
import {
  adminQuery,
  dropDatabase,
  locateDatabase,
  runMigrations,
  scratchName,
  withDatabase,
  type DatabaseLocation,
} from './database';
import { startEmbeddedPostgres } from './embedded-postgres';

async function ephemeralLocation(config: Config): Promise<DatabaseLocation> {
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(config.embeddedDataDir, scratchName('scratch-pg')),
    ephemeral: true,
  });
  const url = embedded.url('postgres');
  return { appUrl: url, migrationUrl: url, embedded, stop: () => embedded.stop() };
}

/**
 * Runs `work` against a fresh database with every migration applied, on the configured server (or
 * an embedded one), and drops the database afterwards whatever happens.
 */
export async function withMigratedScratchDatabase<T>(config: Config, work: (ds: DataSource) => Promise<T>): Promise<T> {
  // Without DATABASE_URL: a throw-away embedded cluster, removed afterwards (not the kept .data/pg).
  const location = config.databaseUrl ? await locateDatabase(config) : await ephemeralLocation(config);
  const adminUrl = withDatabase(location.migrationUrl, 'postgres');
  const name = scratchName('samverkan_scratch');
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  try {
    const url = withDatabase(location.migrationUrl, name);
    await runMigrations(url);
    const ds = createDataSource({ url, asAppRole: false, poolSize: 2 });
    await ds.initialize();
    try {
      return await work(ds);
    } finally {
      await ds.destroy();
    }
  } finally {
    await dropDatabase(adminUrl, name);
    await location.stop();
  }
}
