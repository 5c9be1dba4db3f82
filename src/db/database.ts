import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
export { runMigrations } from './migrate';
import { ensureDatabase, startEmbeddedPostgres, type RunningEmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE = 'samverkan';

/** Where the database is: the configured server, or an embedded one started here. */
export interface DatabaseLocation {
  appUrl: string;
  migrationUrl: string;
  embedded: RunningEmbeddedPostgres | undefined;
  stop(): Promise<void>;
}

export async function locateDatabase(
  config: Config,
  log: (m: string) => void = () => undefined,
): Promise<DatabaseLocation> {
  if (config.databaseUrl) {
    return {
      appUrl: config.databaseUrl,
      migrationUrl: config.migrationDatabaseUrl ?? config.databaseUrl,
      embedded: undefined,
      stop: async () => undefined,
    };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(config.embeddedDataDir, 'pg'),
    port: config.embeddedPort,
    log,
  });
  await ensureDatabase(embedded.url('postgres'), EMBEDDED_DATABASE);
  const url = embedded.url(EMBEDDED_DATABASE);
  return { appUrl: url, migrationUrl: url, embedded, stop: () => embedded.stop() };
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function scratchName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

export type { DataSource };
