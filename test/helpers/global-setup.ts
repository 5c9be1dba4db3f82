import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { adminQuery, dropDatabase, runMigrations, scratchName, withDatabase } from '../../src/db/database';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from '../../src/db/embedded-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the `postgres` database on the test server. */
    adminUrl: string;
    /** A migrated database that each test file copies (CREATE DATABASE … TEMPLATE). */
    templateDatabase: string;
  }
}

/**
 * With DATABASE_URL: tests run on that server, in databases of their own. Without it: on an
 * embedded PostgreSQL started for this run and removed afterwards. Migrations are applied once, to
 * a template database; every test file gets a fresh copy.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: RunningEmbeddedPostgres | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(process.cwd(), '.data', scratchName('test-pg')),
      ephemeral: true,
    });
    adminUrl = embedded.url('postgres');
  }
  const template = scratchName('samverkan_test_tpl');
  await adminQuery(adminUrl, `CREATE DATABASE "${template}"`);
  try {
    await runMigrations(withDatabase(adminUrl, template));
  } catch (error) {
    await dropDatabase(adminUrl, template);
    await embedded?.stop();
    throw error;
  }
  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', template);
  return async () => {
    await dropDatabase(adminUrl, template);
    await embedded?.stop();
  };
}
