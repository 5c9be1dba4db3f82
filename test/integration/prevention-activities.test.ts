import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResponse, type TestServer } from '../helpers/test-server';
import { spyOnStatements } from '../helpers/statement-spy';

/**
 * Prevention activities: the visibility matrix over the seeded demo data (checked against SQL
 * written independently of the application's scoping), validation, changes across organisations,
 * and the per-request DataLoaders.
 */

const POLICE = 'Polisen LPO Södra Roslagen';
const DANDERYD = 'Danderyds kommun socialtjänst';
const TABY = 'Täby kommun socialtjänst';

const LIST = `query List($first: Int, $after: String, $filter: PreventionActivityFilter) {
  preventionActivities(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title visibility owner { name } area { name } place { name } commitment { title } } }
  }
}`;

const CREATE = `mutation Create($input: CreatePreventionActivityInput!) {
  createPreventionActivity(input: $input) { id title type status visibility owner { name } area { id name } place { name } commitment { title } }
}`;

interface ListData {
  preventionActivities: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      cursor: string;
      node: { id: string; visibility: string; owner: { name: string }; area: { name: string } };
    }[];
  };
}

let server: TestServer;
const tokens: Record<string, string> = {};
const ids: {
  areas: Record<string, string>;
  orgs: Record<string, string>;
  places: Record<string, string>;
  commitments: Record<string, string>;
} = {
  areas: {},
  orgs: {},
  places: {},
  commitments: {},
};

async function token(email: string): Promise<string> {
  tokens[email] ??= await server.login(email);
  return tokens[email];
}

async function listAll(
  email: string,
  filter?: Record<string, unknown>,
): Promise<{ ids: string[]; totalCount: number; pages: number }> {
  const t = await token(email);
  const seen: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  let pages = 0;
  for (;;) {
    const res: GqlResponse<ListData> = await server.gql<ListData>(LIST, { first: 100, after, filter }, t);
    expect(res.errors).toBeUndefined();
    const conn: ListData['preventionActivities'] = res.data!.preventionActivities;
    totalCount = conn.totalCount;
    seen.push(...conn.edges.map((e) => e.node.id));
    pages++;
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  return { ids: seen, totalCount, pages };
}

/** The expected view, written as plain SQL from the rule in DESIGN.md, not from the app's code. */
async function expectedIds(viewerOrg: string): Promise<string[]> {
  const rows = await server.sql<{ id: string }>(
    `SELECT a.id FROM prevention_activity a
       JOIN organisation owner ON owner.id = a.organisation_id
       JOIN area ar ON ar.id = a.area_id
      WHERE owner.name = $1
         OR (a.visibility = 'PARTNERSHIP' AND EXISTS (
              SELECT 1 FROM partnership_area pa
                JOIN partnership_organisation viewer ON viewer.partnership_id = pa.partnership_id
                JOIN organisation vo ON vo.id = viewer.organisation_id AND vo.name = $1
                JOIN partnership_organisation own ON own.partnership_id = pa.partnership_id AND own.organisation_id = a.organisation_id
               WHERE pa.area_id = a.area_id))`,
    [viewerOrg],
  );
  return rows.map((r) => r.id).sort();
}

async function tableDigest(): Promise<string> {
  const [row] = await server.sql<{ digest: string }>(
    `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) AS digest FROM prevention_activity t`,
  );
  return row.digest;
}

async function deniedEventsSince(since: string): Promise<{ outcome: string; error_code: string | null }[]> {
  return server.sql(`SELECT outcome, error_code FROM audit_event WHERE id > $1 AND outcome = 'DENIED' ORDER BY id`, [
    since,
  ]);
}

async function lastEventId(): Promise<string> {
  const [row] = await server.sql<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`);
  return row.id;
}

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  for (const r of await server.sql<{ id: string; name: string }>(`SELECT id, name FROM area`)) ids.areas[r.name] = r.id;
  for (const r of await server.sql<{ id: string; name: string }>(`SELECT id, name FROM organisation`))
    ids.orgs[r.name] = r.id;
  for (const r of await server.sql<{ id: string; name: string }>(`SELECT id, name FROM place`))
    ids.places[r.name] = r.id;
  for (const r of await server.sql<{ id: string; title: string }>(`SELECT id, title FROM commitment`))
    ids.commitments[r.title] = r.id;
});

afterAll(async () => {
  await server?.stop();
});

describe('visibility matrix over the demo data', () => {
  it.each([
    ['socialsekreterare@danderyd.example', DANDERYD],
    ['socialsekreterare@taby.example', TABY],
    ['kommunpolis@polisen.example', POLICE],
  ])('%s sees exactly its own organisation and what partners share in common areas', async (email, org) => {
    const expected = await expectedIds(org);
    expect(expected.length).toBeGreaterThan(50);
    const got = await listAll(email);
    expect(got.ids.length).toBe(new Set(got.ids).size); // no duplicates across pages
    expect([...got.ids].sort()).toEqual(expected);
    expect(got.totalCount).toBe(expected.length);
    expect(got.pages).toBeGreaterThan(1);
  });

  it('Danderyd never sees anything of Täby, and Täby nothing of Danderyd', async () => {
    const danderyd = new Set((await listAll('socialsekreterare@danderyd.example')).ids);
    const taby = new Set((await listAll('socialsekreterare@taby.example')).ids);
    const tabyOwned = await server.sql<{ id: string }>(
      `SELECT a.id FROM prevention_activity a JOIN organisation o ON o.id = a.organisation_id WHERE o.name = $1`,
      [TABY],
    );
    const danderydOwned = await server.sql<{ id: string }>(
      `SELECT a.id FROM prevention_activity a JOIN organisation o ON o.id = a.organisation_id WHERE o.name = $1`,
      [DANDERYD],
    );
    expect(tabyOwned.some((r) => danderyd.has(r.id))).toBe(false);
    expect(danderydOwned.some((r) => taby.has(r.id))).toBe(false);
    // Police activities in Täby, shared or not, are not Danderyd's business.
    const policeInTaby = await server.sql<{ id: string }>(
      `SELECT a.id FROM prevention_activity a JOIN organisation o ON o.id = a.organisation_id WHERE o.name = $1 AND a.area_id = $2`,
      [POLICE, ids.areas['Täby']],
    );
    expect(policeInTaby.length).toBeGreaterThan(0);
    expect(policeInTaby.some((r) => danderyd.has(r.id))).toBe(false);
  });

  it.each([
    'utbildning@danderyd.example',
    'loggkontroll@danderyd.example',
    'admin@danderyd.example',
    'admin@polisen.example',
  ])('%s may not read activities: FORBIDDEN, audited as DENIED', async (email) => {
    const since = await lastEventId();
    const res = await server.gql(LIST, { first: 5 }, await token(email));
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.data ?? null).toBeNull();
    expect((await deniedEventsSince(since)).length).toBe(1);
  });

  it('a record of another organisation answers exactly like one that does not exist', async () => {
    const [tabyPrivate] = await server.sql<{ id: string }>(
      `SELECT a.id FROM prevention_activity a JOIN organisation o ON o.id = a.organisation_id WHERE o.name = $1 LIMIT 1`,
      [TABY],
    );
    const q = 'query One($id: ID!) { preventionActivity(id: $id) { id title } }';
    const t = await token('socialsekreterare@danderyd.example');
    const foreign = await server.gql(q, { id: tabyPrivate.id }, t);
    const absent = await server.gql(q, { id: randomUUID() }, t);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.errors?.[0]?.message).toBe(absent.errors?.[0]?.message);
    expect(foreign.data).toEqual(absent.data);
  });

  it('filters: type, status, area, owner, date range, and a forged cursor', async () => {
    const email = 'kommunpolis@polisen.example';
    const t = await token(email);
    const walks = await listAll(email, { types: ['SAFETY_WALK'] });
    const [{ n: walkCount }] = await server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM prevention_activity WHERE type = 'SAFETY_WALK' AND id = ANY($1::uuid[])`,
      [await expectedIds(POLICE)],
    );
    expect(walks.totalCount).toBe(walkCount);
    const range = await listAll(email, {
      from: '2024-01-01T00:00:00Z',
      to: '2025-01-01T00:00:00Z',
      organisationId: ids.orgs[DANDERYD],
    });
    const [{ n: rangeCount }] = await server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM prevention_activity WHERE organisation_id = $1 AND visibility = 'PARTNERSHIP'
          AND starts_at >= '2024-01-01Z' AND starts_at < '2025-01-01Z'`,
      [ids.orgs[DANDERYD]],
    );
    expect(range.totalCount).toBe(rangeCount);
    const forged = await server.gql(LIST, { first: 5, after: 'bm90LWEtY3Vyc29y' }, t);
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await server.gql(LIST, { first: 1000 }, t);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('recording and changing activities', () => {
  const base = () => ({
    title: 'Trygghetsvandring Mörby centrum',
    type: 'SAFETY_WALK',
    areaId: ids.areas['Danderyd'],
    placeId: ids.places['Mörby centrum'],
    commitmentId: ids.commitments['Trygghetsvandringar'],
    startsAt: '2026-05-12T17:00:00.000Z',
    endsAt: '2026-05-12T19:00:00.000Z',
    visibility: 'PARTNERSHIP',
    participatingActors: ['Polisen', 'Fastighetsägare'],
    peopleReached: 23,
  });

  it('creates an activity owned by the caller, visible to the partner only when shared', async () => {
    const sw = await token('socialsekreterare@danderyd.example');
    const shared = await server.gql<{
      createPreventionActivity: { id: string; owner: { name: string }; place: { name: string } };
    }>(CREATE, { input: base() }, sw);
    expect(shared.errors).toBeUndefined();
    expect(shared.data!.createPreventionActivity.owner.name).toBe(DANDERYD);
    expect(shared.data!.createPreventionActivity.place.name).toBe('Mörby centrum');
    const priv = await server.gql<{ createPreventionActivity: { id: string } }>(
      CREATE,
      { input: { ...base(), visibility: 'ORGANISATION' } },
      sw,
    );
    expect(priv.errors).toBeUndefined();
    const q = 'query One($id: ID!) { preventionActivity(id: $id) { id } }';
    const police = await token('kommunpolis@polisen.example');
    const taby = await token('socialsekreterare@taby.example');
    expect((await server.gql(q, { id: shared.data!.createPreventionActivity.id }, police)).errors).toBeUndefined();
    expect(
      (await server.gql(q, { id: priv.data!.createPreventionActivity.id }, police)).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await server.gql(q, { id: shared.data!.createPreventionActivity.id }, taby)).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    const [event] = await server.sql<{ action: string; entity_ids: string[] }>(
      `SELECT action, entity_ids FROM audit_event WHERE entity_type = 'PreventionActivity' AND action = 'CREATE' AND $1 = ANY(entity_ids)`,
      [shared.data!.createPreventionActivity.id],
    );
    expect(event.action).toBe('CREATE');
  });

  it.each([
    ['endsAt', { endsAt: '2026-05-12T16:00:00.000Z' }, 'RANGE_END_BEFORE_START'],
    ['areaId', { areaId: 'täby' }, 'UNKNOWN_AREA'],
    ['placeId', { placeId: 'vendevagen-of-taby' }, 'UNKNOWN_PLACE_IN_AREA'],
    ['commitmentId', { commitmentId: randomUUID() }, 'UNKNOWN_COMMITMENT_IN_AREA'],
    ['peopleReached', { peopleReached: -1 }, 'ARGUMENT_CONSTRAINT'],
    ['title', { title: '' }, 'TEXT_EMPTY'],
    ['title', { title: 'x'.repeat(201) }, 'ARGUMENT_CONSTRAINT'],
  ])('refuses a bad %s with BAD_USER_INPUT and changes nothing', async (field, patch, reason) => {
    const resolved: Record<string, unknown> = { ...patch };
    if (resolved.areaId === 'täby') resolved.areaId = ids.areas['Täby'];
    if (resolved.placeId === 'vendevagen-of-taby') resolved.placeId = ids.places['Täby centrum'];
    const before = await tableDigest();
    const res = await server.gql(
      CREATE,
      { input: { ...base(), ...resolved } },
      await token('socialsekreterare@danderyd.example'),
    );
    // The input type's decorators name their fields (`fields`); a service rule names one (`field`).
    const ext = res.errors?.[0]?.extensions ?? {};
    expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    expect((ext.fields as string[] | undefined) ?? [ext.field]).toContain(field);
    expect(await tableDigest()).toBe(before);
  });

  it('refuses an area outside the caller partnerships (Täby area for Danderyd) as unknown', async () => {
    const res = await server.gql(
      CREATE,
      { input: { ...base(), areaId: ids.areas['Täby'], placeId: null, commitmentId: null } },
      await token('socialsekreterare@danderyd.example'),
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'areaId',
      reason: 'UNKNOWN_AREA',
    });
  });

  it("changing or cancelling another organisation's activity is NOT_FOUND, changes nothing and is audited", async () => {
    const [policeShared] = await server.sql<{ id: string }>(
      `SELECT a.id FROM prevention_activity a WHERE a.organisation_id = $1 AND a.visibility = 'PARTNERSHIP' AND a.area_id = $2 LIMIT 1`,
      [ids.orgs[POLICE], ids.areas['Danderyd']],
    );
    const sw = await token('socialsekreterare@danderyd.example');
    const before = await tableDigest();
    const since = await lastEventId();
    const update = await server.gql(
      'mutation U($id: ID!) { updatePreventionActivity(id: $id, input: { title: "Kapad" }) { id } }',
      { id: policeShared.id },
      sw,
    );
    const cancel = await server.gql(
      'mutation C($id: ID!) { cancelPreventionActivity(id: $id) { id } }',
      { id: policeShared.id },
      sw,
    );
    expect(update.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(cancel.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await tableDigest()).toBe(before);
    expect((await deniedEventsSince(since)).map((e) => e.error_code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('updates and cancels an own activity', async () => {
    const sw = await token('socialsekreterare@danderyd.example');
    const created = await server.gql<{ createPreventionActivity: { id: string } }>(CREATE, { input: base() }, sw);
    const id = created.data!.createPreventionActivity.id;
    const updated = await server.gql<{ updatePreventionActivity: { title: string; peopleReached: number } }>(
      'mutation U($id: ID!) { updatePreventionActivity(id: $id, input: { title: "Ny titel", peopleReached: 40 }) { title peopleReached } }',
      { id },
      sw,
    );
    expect(updated.data?.updatePreventionActivity).toEqual({ title: 'Ny titel', peopleReached: 40 });
    const cancelled = await server.gql<{ cancelPreventionActivity: { status: string } }>(
      'mutation C($id: ID!) { cancelPreventionActivity(id: $id) { status } }',
      { id },
      sw,
    );
    expect(cancelled.data?.cancelPreventionActivity.status).toBe('CANCELLED');
  });
});

describe('relations resolve through per-request DataLoaders', () => {
  it('the number of SQL statements per request does not grow with the page size', async () => {
    const t = await token('kommunpolis@polisen.example');
    const spy = spyOnStatements(server.runtime.dataSource);
    // The spy sees every statement of the process, also the background sealer's and an occasional
    // last-seen touch: the fewest of three requests is the request's own count.
    const count = async (first: number): Promise<number> => {
      const counts: number[] = [];
      for (let i = 0; i < 3; i++) {
        spy.clear();
        const res = await server.gql<ListData>(LIST, { first }, t);
        expect(res.errors).toBeUndefined();
        expect(res.data!.preventionActivities.edges.length).toBe(first);
        counts.push(spy.count());
      }
      return Math.min(...counts);
    };
    try {
      const small = await count(2);
      const large = await count(60);
      expect(large).toBe(small);
      // session (+ an occasional last-seen touch) + topology + page + count + one per relation
      // (owner, area, place, commitment) + the audit insert
      expect(large).toBeLessThanOrEqual(10);
    } finally {
      spy.restore();
    }
  });
});

describe('follow-up of a commitment', () => {
  it('counts per quarter (Swedish local time) and year, by type and status, with people reached and places covered', async () => {
    const police = await token('kommunpolis@polisen.example');
    const sw = await token('socialsekreterare@danderyd.example');
    const created = await server.gql<{ createCommitment: { id: string } }>(
      `mutation C($input: CreateCommitmentInput!) { createCommitment(input: $input) { id } }`,
      {
        input: {
          partnershipId: (
            await server.sql<{ id: string }>(`SELECT id FROM partnership WHERE name LIKE 'Medborgarlöften Danderyd%'`)
          )[0].id,
          title: 'Testlöfte uppföljning',
          description: 'Fixtur för uppföljningstest',
          responsibleOrganisationIds: [ids.orgs[POLICE], ids.orgs[DANDERYD]],
          periodStart: '2025-01-01',
          periodEnd: '2025-12-31',
        },
      },
      sw,
    );
    expect(created.errors).toBeUndefined();
    const commitmentId = created.data!.createCommitment.id;
    const add = async (t: string, input: Record<string, unknown>): Promise<void> => {
      const res = await server.gql(
        CREATE,
        { input: { areaId: ids.areas['Danderyd'], commitmentId, visibility: 'PARTNERSHIP', ...input } },
        t,
      );
      expect(res.errors).toBeUndefined();
    };
    // Hand-counted fixture. 2025-03-31T22:30Z is 00:30 on 1 April in Stockholm (CEST): Q2.
    await add(police, {
      title: 'P1',
      type: 'SAFETY_PATROL',
      startsAt: '2025-01-10T18:00:00Z',
      status: 'DONE',
      peopleReached: 10,
      placeId: ids.places['Vendevägen'],
    });
    await add(police, {
      title: 'P2',
      type: 'SAFETY_PATROL',
      startsAt: '2025-03-31T22:30:00Z',
      status: 'DONE',
      peopleReached: 5,
      placeId: ids.places['Vendevägen'],
    });
    await add(sw, {
      title: 'W1',
      type: 'SAFETY_WALK',
      startsAt: '2025-03-31T21:30:00Z',
      status: 'DONE',
      peopleReached: 30,
      placeId: ids.places['Mörby centrum'],
    });
    await add(sw, { title: 'W2', type: 'SAFETY_WALK', startsAt: '2025-11-20T17:00:00Z', status: 'PLANNED' });
    await add(sw, {
      title: 'W3',
      type: 'SAFETY_WALK',
      startsAt: '2025-11-21T17:00:00Z',
      status: 'CANCELLED',
      placeId: ids.places['Mörby centrum'],
    });
    // Private to the police: the social worker's follow-up must not count it; the police's must.
    await add(police, {
      title: 'P3',
      type: 'SAFETY_PATROL',
      startsAt: '2025-06-01T18:00:00Z',
      status: 'DONE',
      peopleReached: 7,
      visibility: 'ORGANISATION',
    });
    // 22:30Z on 31 December is 23:30 in Stockholm (CET): still 2024, never counted for 2025.
    await add(police, {
      title: 'P4',
      type: 'SAFETY_PATROL',
      startsAt: '2024-12-31T22:30:00Z',
      status: 'DONE',
      peopleReached: 99,
    });

    const q = `query F($id: ID!) { commitmentFollowUp(commitmentId: $id, year: 2025) {
      year periods { period quarter activities peopleReached placesCovered byTypeAndStatus { type status activities peopleReached } } } }`;
    type F = {
      commitmentFollowUp: {
        periods: {
          period: string;
          activities: number;
          peopleReached: number;
          placesCovered: number;
          byTypeAndStatus: { type: string; status: string; activities: number; peopleReached: number }[];
        }[];
      };
    };
    const swView = await server.gql<F>(q, { id: commitmentId }, sw);
    expect(swView.errors).toBeUndefined();
    const byPeriod = Object.fromEntries(swView.data!.commitmentFollowUp.periods.map((p) => [p.period, p]));
    expect(byPeriod['2025-Q1']).toMatchObject({ activities: 2, peopleReached: 40, placesCovered: 2 });
    expect(byPeriod['2025-Q2']).toMatchObject({ activities: 1, peopleReached: 5, placesCovered: 1 });
    expect(byPeriod['2025-Q3']).toMatchObject({ activities: 0, peopleReached: 0, placesCovered: 0 });
    expect(byPeriod['2025-Q4']).toMatchObject({ activities: 2, peopleReached: 0, placesCovered: 1 });
    expect(byPeriod['2025']).toMatchObject({ activities: 5, peopleReached: 45, placesCovered: 2 });
    expect(byPeriod['2025'].byTypeAndStatus).toEqual([
      { type: 'SAFETY_PATROL', status: 'DONE', activities: 2, peopleReached: 15 },
      { type: 'SAFETY_WALK', status: 'CANCELLED', activities: 1, peopleReached: 0 },
      { type: 'SAFETY_WALK', status: 'DONE', activities: 1, peopleReached: 30 },
      { type: 'SAFETY_WALK', status: 'PLANNED', activities: 1, peopleReached: 0 },
    ]);
    const policeView = await server.gql<F>(q, { id: commitmentId }, police);
    const policeYear = policeView.data!.commitmentFollowUp.periods.find((p) => p.period === '2025')!;
    expect(policeYear).toMatchObject({ activities: 6, peopleReached: 52 });

    const since = await lastEventId();
    const csv = await server.gql<{ exportCommitmentFollowUp: { csv: string; filename: string } }>(
      'query E($id: ID!) { exportCommitmentFollowUp(commitmentId: $id, year: 2025) { filename csv } }',
      { id: commitmentId },
      sw,
    );
    expect(csv.errors).toBeUndefined();
    const lines = csv.data!.exportCommitmentFollowUp.csv.trim().split('\r\n');
    expect(lines[0]).toBe('commitment,period,type,status,activities,people_reached,places_covered');
    expect(lines).toContain('Testlöfte uppföljning,2025,ALL,ALL,5,45,2');
    const exported = await server.sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE id > $1 AND action = 'EXPORT'`,
      [since],
    );
    expect(exported.length).toBeGreaterThan(0);
  });
});
