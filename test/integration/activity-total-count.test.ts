import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOTAL_COUNT_LIMIT } from '../../src/modules/prevention/prevention-activity.service';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * `totalCount` of the activity list counts at most TOTAL_COUNT_LIMIT activities: exact below it,
 * the limit with `totalCountIsExact: false` above it. And the unfiltered page, the list's hot
 * path, runs as a named prepared statement.
 */

const POLICE_LIAISON = 'kommunpolis@polisen.example';
const SOCIAL_WORKER = 'socialsekreterare@danderyd.example';
const COUNT = `query Count($filter: PreventionActivityFilter) {
  preventionActivities(first: 5, filter: $filter) { totalCount totalCountIsExact edges { node { id } } }
}`;

interface CountData {
  preventionActivities: { totalCount: number; totalCountIsExact: boolean; edges: { node: { id: string } }[] };
}

let server: TestServer;

/** How many activities the whole list has, walked page by page. */
async function listLength(filter: Record<string, unknown>, token: string): Promise<number> {
  let n = 0;
  let after: string | null = null;
  for (;;) {
    const page: {
      data?: {
        preventionActivities: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: unknown[] };
      } | null;
    } = await server.gql(
      `query All($filter: PreventionActivityFilter, $after: String) { preventionActivities(first: 100, filter: $filter, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
      { filter, after },
      token,
    );
    const connection = page.data!.preventionActivities;
    n += connection.edges.length;
    if (!connection.pageInfo.hasNextPage) return n;
    after = connection.pageInfo.endCursor;
  }
}

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  // More police activities than the limit, all of one type no demo activity has.
  const [user] = await server.sql<{ id: string; organisation_id: string }>(
    `SELECT id, organisation_id FROM app_user WHERE email = $1`,
    [POLICE_LIAISON],
  );
  await server.sql(
    `INSERT INTO prevention_activity (organisation_id, type, title, area_id, starts_at, created_by)
     SELECT $1, 'STAFF_CONSULTATION', 'Count probe ' || g, (SELECT pa.area_id FROM partnership_area pa
              JOIN partnership_organisation po ON po.partnership_id = pa.partnership_id AND po.organisation_id = $1 LIMIT 1),
            now() - g * interval '1 hour', $2
       FROM generate_series(1, $3::int) g`,
    [user.organisation_id, user.id, TOTAL_COUNT_LIMIT + 5],
  );
});

afterAll(async () => {
  await server?.stop();
});

describe('totalCount of preventionActivities', () => {
  it('is capped at the limit and marked as not exact when more activities match', async () => {
    const token = await server.login(POLICE_LIAISON);
    const r = await server.gql<CountData>(COUNT, {}, token);
    expect(r.errors).toBeUndefined();
    expect(r.data?.preventionActivities.totalCount).toBe(TOTAL_COUNT_LIMIT);
    expect(r.data?.preventionActivities.totalCountIsExact).toBe(false);
    expect(r.data?.preventionActivities.edges).toHaveLength(5);
  });

  it('is exact at or below the limit', async () => {
    const token = await server.login(POLICE_LIAISON);
    const filter = { types: ['SAFETY_WALK', 'SAFETY_PATROL'] };
    const r = await server.gql<CountData>(COUNT, { filter }, token);
    // The same filter's whole list, page by page: its length is the exact count.
    const expected = await listLength(filter, token);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThanOrEqual(TOTAL_COUNT_LIMIT);
    expect(r.data?.preventionActivities).toMatchObject({ totalCount: expected, totalCountIsExact: true });
  });

  it("does not count another organisation's private activities", async () => {
    // The police's probes are private (ORGANISATION): Danderyd's social worker counts none of them.
    const token = await server.login(SOCIAL_WORKER);
    const filter = { types: ['STAFF_CONSULTATION'] };
    const r = await server.gql<CountData>(COUNT, { filter }, token);
    expect(r.data?.preventionActivities).toMatchObject({
      totalCount: await listLength(filter, token),
      totalCountIsExact: true,
    });
  });

  it('reads the unfiltered page through a named prepared statement', async () => {
    const token = await server.login(POLICE_LIAISON);
    for (let i = 0; i < 3; i++) expect((await server.gql(COUNT, {}, token)).errors).toBeUndefined();
    const poolSize = (server.runtime.dataSource.options as { poolSize?: number }).poolSize ?? 10;
    const runners = Array.from({ length: poolSize }, () => server.runtime.dataSource.createQueryRunner());
    try {
      const found = await Promise.all(
        runners.map(async (r) => {
          await r.connect();
          const rows: { n: number }[] = await r.query(
            `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'sv\\_%' AND statement LIKE '%FROM prevention_activity a WHERE%LIMIT $%'`,
          );
          return rows[0].n;
        }),
      );
      expect(found.some((n) => n > 0)).toBe(true);
    } finally {
      await Promise.all(runners.map((r) => r.release()));
    }
  });
});
