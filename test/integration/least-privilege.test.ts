import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { createDataSource } from '../../src/db/data-source';
import { adminQuery, dropDatabase, scratchName, withDatabase } from '../../src/db/database';
import { knownMigrationNames, PendingMigrationsError, runMigrations } from '../../src/db/migrate';
import { DEMO_USERS, seedDemoData } from '../../src/db/seed/demo-seed';
import { startRuntime, type Runtime } from '../../src/runtime';
import { sql } from '../helpers/database';
import { DEMO_PASSWORD, PRODUCTION_TEST_SECRETS } from '../helpers/test-server';

/**
 * The documented least-privilege deployment on a real server: a superuser creates the roles, the
 * schema owner (no CREATEROLE, no superuser) migrates, and the API logs in as a role that holds
 * nothing but samverkan_app's rights.
 */

/** A login role's URL on the test server (a password, so that it also works where auth is scram). */
function urlAs(adminUrl: string, role: string, password: string, database: string): string {
  const u = new URL(withDatabase(adminUrl, database));
  u.username = role;
  u.password = encodeURIComponent(password);
  return u.toString();
}

async function startApi(appUrl: string, env: Record<string, string> = {}): Promise<Runtime> {
  const config = loadConfig({
    ...PRODUCTION_TEST_SECRETS,
    NODE_ENV: 'production',
    DATABASE_URL: appUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ...env,
  });
  return startRuntime(config, createLogger('silent'), {
    location: {
      appUrl,
      migrationUrl: config.migrationDatabaseUrl ?? appUrl,
      embedded: undefined,
      stop: async () => undefined,
    },
    runSealer: false,
  });
}

async function gql(
  runtime: Runtime,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
}> {
  const response = await fetch(`${runtime.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null } };
}

describe('least privilege: an owner without CREATEROLE migrates, an API role with only samverkan_app rights serves', () => {
  const adminUrl = inject('adminUrl');
  const suffix = randomBytes(4).toString('hex');
  const owner = `sv_owner_${suffix}`;
  const api = `sv_api_${suffix}`;
  const ownerPassword = randomBytes(12).toString('hex');
  const apiPassword = `${randomBytes(8).toString('hex')}@/:#%`; // URL-hostile characters, encoded by URL
  const database = scratchName('samverkan_lp');
  let ownerUrl: string;
  let apiUrl: string;

  beforeAll(async () => {
    // What a superuser does once (docs/operations.md): the role, the two logins, the database.
    await adminQuery(
      adminUrl,
      `DO $$ BEGIN CREATE ROLE samverkan_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    );
    await adminQuery(
      adminUrl,
      `CREATE ROLE ${owner} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD '${ownerPassword}'`,
    );
    await adminQuery(
      adminUrl,
      `CREATE ROLE ${api} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD '${apiPassword}'`,
    );
    await adminQuery(
      adminUrl,
      `DO $$ BEGIN CREATE ROLE samverkan_sealer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    );
    await adminQuery(adminUrl, `GRANT samverkan_app TO ${api}`);
    // The audit sealer acts as samverkan_sealer on the API's login (no AUDIT_SEALER_DATABASE_URL here).
    await adminQuery(adminUrl, `GRANT samverkan_sealer TO ${api}`);
    await adminQuery(adminUrl, `CREATE DATABASE "${database}" OWNER ${owner}`);
    ownerUrl = urlAs(adminUrl, owner, ownerPassword, database);
    apiUrl = urlAs(adminUrl, api, apiPassword, database);
  });

  afterAll(async () => {
    await dropDatabase(adminUrl, database);
    await adminQuery(adminUrl, `DROP ROLE IF EXISTS ${api}`);
    await adminQuery(adminUrl, `DROP ROLE IF EXISTS ${owner}`);
  });

  it('refuses to start the API before the migration job ran, naming the job', async () => {
    await expect(startApi(apiUrl)).rejects.toThrow(/run the migration job/);
    await expect(startApi(apiUrl)).rejects.toBeInstanceOf(PendingMigrationsError);
  });

  it('the owner has no CREATEROLE, yet migrates the empty database', async () => {
    const [role] = await sql<{ rolcreaterole: boolean; rolsuper: boolean }>(
      adminUrl,
      `SELECT rolcreaterole, rolsuper FROM pg_roles WHERE rolname = $1`,
      [owner],
    );
    expect(role).toEqual({ rolcreaterole: false, rolsuper: false });
    const applied = await runMigrations(ownerUrl);
    expect(applied).toEqual(knownMigrationNames());
    expect(await runMigrations(ownerUrl)).toEqual([]);
  });

  it('the API role cannot migrate or create tables', async () => {
    await expect(adminQuery(apiUrl, 'CREATE TABLE sv_probe (id int)')).rejects.toThrow(/permission denied/);
    const rows = await sql<{ tableowner: string }>(
      withDatabase(adminUrl, database),
      `SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(rows.map((r) => r.tableowner)).toEqual([owner]);
  });

  it('the API starts as the API role (MIGRATE_ON_START off in production), a login works, and audit stays append-only', async () => {
    const seeding = createDataSource({ url: ownerUrl, asAppRole: false, poolSize: 2 });
    await seeding.initialize();
    try {
      await seedDemoData(seeding, { nodeEnv: 'test', password: DEMO_PASSWORD });
    } finally {
      await seeding.destroy();
    }
    const runtime = await startApi(apiUrl);
    try {
      const login = await gql(
        runtime,
        'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: DEMO_USERS[0].email, p: DEMO_PASSWORD },
      );
      expect(login.body.errors).toBeUndefined();
      const token = (login.body.data?.login as { token: string }).token;
      const me = await gql(runtime, '{ me { email } }', {}, token);
      expect(me.body.data).toEqual({ me: { email: DEMO_USERS[0].email } });
      const [{ sessions }] = await sql<{ sessions: string }>(
        withDatabase(adminUrl, database),
        `SELECT count(*)::text AS sessions FROM user_session`,
      );
      expect(sessions).toBe('1');
    } finally {
      await runtime.stop();
    }
    await expect(adminQuery(apiUrl, 'DELETE FROM audit_event')).rejects.toThrow(/permission denied|append-only/);
  });
});

describe('migrations under an advisory lock', () => {
  const adminUrl = inject('adminUrl');
  const database = scratchName('samverkan_lock');

  beforeAll(async () => {
    await adminQuery(adminUrl, `CREATE DATABASE "${database}"`);
  });
  afterAll(async () => {
    await dropDatabase(adminUrl, database);
  });

  it('two processes migrating one empty database at once: one waits, then finds nothing pending', async () => {
    const url = withDatabase(adminUrl, database);
    let waited = 0;
    const results = await Promise.all([
      runMigrations(url, { onWait: () => waited++ }),
      runMigrations(url, { onWait: () => waited++ }),
    ]);
    expect(waited).toBe(1);
    expect(results.map((r) => r.length).sort((a, b) => a - b)).toEqual([0, knownMigrationNames().length]);
    const rows = await sql<{ name: string }>(url, 'SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(knownMigrationNames());
  });

  it('MIGRATE_ON_START defaults to on outside production; off, an API starts on a migrated database', async () => {
    const url = withDatabase(adminUrl, database);
    const runtime = await startApi(url, { MIGRATE_ON_START: 'false' });
    await runtime.stop();
    expect(loadConfig({ ...PRODUCTION_TEST_SECRETS, NODE_ENV: 'production', DATABASE_URL: url }).migrateOnStart).toBe(
      false,
    );
    expect(loadConfig({ NODE_ENV: 'development' }).migrateOnStart).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).migrateOnStart).toBe(true);
    expect(
      loadConfig({ ...PRODUCTION_TEST_SECRETS, NODE_ENV: 'production', DATABASE_URL: url, MIGRATE_ON_START: 'true' })
        .migrateOnStart,
    ).toBe(true);
  });
});
