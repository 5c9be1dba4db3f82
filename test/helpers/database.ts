import { Client } from 'pg';
import { inject } from 'vitest';
import { adminQuery, dropDatabase, scratchName, withDatabase } from '../../src/db/database';

export interface TestDatabase {
  name: string;
  /** Superuser URL of this database (for assertions and setup that bypass the app role). */
  url: string;
  adminUrl: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database copied from the run's template; drop it in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const template = inject('templateDatabase');
  const name = scratchName('samverkan_test');
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      break;
    } catch (error) {
      // Two files copying the template at the same moment: PostgreSQL refuses one; try again.
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  return { name, url: withDatabase(adminUrl, name), adminUrl, drop: () => dropDatabase(adminUrl, name) };
}

/** Runs SQL as the superuser on a test database. */
export async function sql<T = Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
