import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Many concurrent mutations on a small pool: each holds its transaction's connection while its
 * resolvers read through the pool. Without a bound on open transactions they starve each other
 * until the pool's connection timeout (5 s) fails them (found by `npm run load`).
 */
describe('concurrent mutations on a small connection pool', () => {
  let server: TestServer;
  let token: string;
  let areaId: string;

  beforeAll(async () => {
    server = await startTestServer({ seed: true, env: { DB_POOL_SIZE: '4' } });
    token = await server.login('kommunpolis@polisen.example');
    const areas = await server.gql<{ areas: { id: string }[] }>('{ areas { id } }', {}, token);
    areaId = areas.data!.areas[0].id;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves 6× the pool size of concurrent mutations and reads without a pool timeout', async () => {
    const before = await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM prevention_activity`);
    const started = Date.now();
    const mutations = Array.from({ length: 24 }, (_, i) =>
      server.gql<{ createPreventionActivity: { id: string; area: { id: string }; owner: { id: string } } }>(
        'mutation C($input: CreatePreventionActivityInput!) { createPreventionActivity(input: $input) { id area { id } owner { id } } }',
        {
          input: {
            title: `Concurrent ${i}`,
            type: 'SAFETY_WALK',
            areaId,
            startsAt: '2026-06-01T10:00:00.000Z',
            visibility: 'PARTNERSHIP',
          },
        },
        token,
      ),
    );
    const reads = Array.from({ length: 12 }, () =>
      server.gql('{ preventionActivities(first: 5) { totalCount edges { node { id area { name } } } } }', {}, token),
    );
    const results = await Promise.all([...mutations, ...reads]);
    const elapsed = Date.now() - started;
    for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    // Far below the 5 s connection timeout that starvation runs into.
    expect(elapsed).toBeLessThan(4_000);
    const after = await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM prevention_activity`);
    expect(after[0].n - before[0].n).toBe(24);
  });
});
