import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData, SeedRefusedError } from '../../src/db/seed/demo-seed';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server';

/** Metrics content, the demo seed's idempotence and refusal, and production's closed introspection. */
describe('metrics and seed', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('/metrics counts requests per operation, errors by code and the database pool', async () => {
    const token = await server.login('socialsekreterare@danderyd.example');
    await server.gql('{ me { id } }', {}, token);
    await server.gql('{ me { id } }'); // UNAUTHENTICATED
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/samverkan_graphql_requests_total\{type="query",operation="Query\.me",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/samverkan_graphql_errors_total\{code="UNAUTHENTICATED"\} [1-9]/);
    expect(text).toMatch(/samverkan_graphql_request_duration_seconds_bucket\{[^}]*operation="Query\.me"/);
    expect(text).toMatch(/samverkan_db_pool_connections\{state="total"\} [1-9]/);
    // Labels come from the schema, never from client text such as operation names.
    await server.gql('query SomeClientChosenName { areas { id } }', {}, token);
    expect(await (await fetch(`${server.url}/metrics`)).text()).not.toContain('SomeClientChosenName');
  });

  it('seeding again changes nothing', async () => {
    const counts = async (): Promise<Record<string, number>> => {
      const rows = await server.sql<{ t: string; n: number }>(
        `SELECT 'org' AS t, count(*)::int AS n FROM organisation UNION ALL SELECT 'user', count(*)::int FROM app_user
         UNION ALL SELECT 'role', count(*)::int FROM user_role UNION ALL SELECT 'partnership', count(*)::int FROM partnership
         UNION ALL SELECT 'commitment', count(*)::int FROM commitment UNION ALL SELECT 'place', count(*)::int FROM place
         UNION ALL SELECT 'activity', count(*)::int FROM prevention_activity
         UNION ALL SELECT 'provisioning audit', count(*)::int FROM audit_event WHERE operation_type = 'provision'`,
      );
      return Object.fromEntries(rows.map((r) => [r.t, r.n]));
    };
    const before = await counts();
    // Four organisations since the Danderyd safety function (trygghet och säkerhet) joined, with its
    // safety coordinator as the tenth demo user.
    expect(before).toMatchObject({ org: 4, user: 10, role: 10, partnership: 2, commitment: 6, place: 7 });
    expect(before['provisioning audit']).toBeGreaterThan(0);
    const result = await seedDemoData(server.runtime.dataSource, { nodeEnv: 'test', password: DEMO_PASSWORD });
    expect(result.created).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('refuses to seed with NODE_ENV=production, writing nothing', async () => {
    const before = await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM app_user`);
    await expect(
      seedDemoData(server.runtime.dataSource, { nodeEnv: 'production', password: DEMO_PASSWORD }),
    ).rejects.toBeInstanceOf(SeedRefusedError);
    expect(await server.sql(`SELECT count(*)::int AS n FROM app_user`)).toEqual(before);
  });
});

describe('production mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: true, env: { NODE_ENV: 'production' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses introspection and hides schema hints', async () => {
    const res = await server.gql('{ __schema { queryType { name } } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.data ?? null).toBeNull();
    const typo = await server.gql('{ mee { id } }');
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const events = await server.sql<{ outcome: string }>(
      `SELECT outcome FROM audit_event WHERE 'Query.__schema' = ANY(fields) OR operation_type = 'invalid'`,
    );
    expect(events.length).toBeGreaterThan(0);
  });

  it('still serves ordinary operations', async () => {
    const token = await server.login('kommunpolis@polisen.example');
    const res = await server.gql<{ me: { email: string } }>('{ me { email } }', {}, token);
    expect(res.data?.me.email).toBe('kommunpolis@polisen.example');
  });
});
