import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResponse, type TestServer } from '../helpers/test-server';

/**
 * Administration through the API for what changes during a partnership's life: the partnerships with
 * their ids, areas and organisations; closing one at its end date; an administrator's view of the
 * organisation's users; and what the safety function's and a general partner's roles may do.
 */

let server: TestServer;
const tokens = new Map<string, string>();
const token = async (email: string): Promise<string> => {
  if (!tokens.has(email)) tokens.set(email, await server.login(email));
  return tokens.get(email)!;
};
const as = async <T = Record<string, unknown>>(
  email: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlResponse<T>> => server.gql<T>(query, variables, await token(email));
const codes = (res: GqlResponse): (string | undefined)[] => (res.errors ?? []).map((e) => e.extensions?.code);
const one = async <T>(text: string, params: unknown[] = []): Promise<T> => (await server.sql<T>(text, params))[0];

const PARTNERSHIPS = `{ partnerships { id name validFrom validTo closedAt areas { id name } organisations { name kind } } }`;
const PARTNERSHIP = `query P($id: ID!) { partnership(id: $id) { id name areas { name } } }`;
const CLOSE = `mutation C($id: ID!) { closePartnership(id: $id) { id closedAt } }`;
const USERS = `query U($filter: UserFilter, $first: Int, $after: String) {
  users(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { email disabled roles } } }
}`;

interface PartnershipRow {
  id: string;
  name: string;
  validFrom: string;
  validTo: string;
  closedAt: string | null;
  areas: { id: string; name: string }[];
  organisations: { name: string; kind: string }[];
}
interface UsersPage {
  users: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { email: string; disabled: boolean; roles: string[] } }[];
  };
}

async function deniedEvents(operationName: string): Promise<{ outcome: string; error_code: string }[]> {
  return server.sql(`SELECT outcome, error_code FROM audit_event WHERE operation_name = $1`, [operationName]);
}

/** A partnership of Danderyd's social services and the police that ended yesterday, with an active commitment. */
async function endedPartnership(): Promise<{ id: string; commitmentId: string }> {
  const p = await one<{ id: string }>(
    `INSERT INTO partnership (name, valid_from, valid_to) VALUES ($1, current_date - 365, current_date - 1) RETURNING id`,
    [`Avslutad ${Date.now()}${Math.random()}`],
  );
  await server.sql(
    `INSERT INTO partnership_organisation (partnership_id, organisation_id) SELECT $1, id FROM organisation WHERE name IN ('Danderyds kommun socialtjänst', 'Polisen LPO Södra Roslagen')`,
    [p.id],
  );
  const c = await one<{ id: string }>(
    `INSERT INTO commitment (partnership_id, title, description, responsible_organisation_ids, period_start, period_end)
     SELECT $1, 'Avslutat löfte', '', ARRAY[id], current_date - 365, current_date - 1 FROM organisation WHERE name = 'Danderyds kommun socialtjänst' RETURNING id`,
    [p.id],
  );
  return { id: p.id, commitmentId: c.id };
}

beforeAll(async () => {
  server = await startTestServer({ seed: true });
});

afterAll(async () => {
  await server?.stop();
});

describe('partnerships and partnership(id)', () => {
  it("a social worker sees its partnership with ids, period, areas and organisations (the safety function among them), nothing of Täby's", async () => {
    const res = await as<{ partnerships: PartnershipRow[] }>('socialsekreterare@danderyd.example', PARTNERSHIPS);
    expect(res.errors).toBeUndefined();
    expect(res.data!.partnerships.map((p) => ({ ...p, id: typeof p.id, areas: p.areas.map((a) => a.name) }))).toEqual([
      {
        id: 'string',
        name: 'Medborgarlöften Danderyd 2023–2026',
        validFrom: '2023-01-01',
        validTo: '2026-12-31',
        closedAt: null,
        areas: ['Danderyd'],
        organisations: [
          { name: 'Danderyds kommun socialtjänst', kind: 'SOCIAL_SERVICES' },
          { name: 'Danderyds kommun trygghet och säkerhet', kind: 'SAFETY_FUNCTION' },
          { name: 'Polisen LPO Södra Roslagen', kind: 'POLICE' },
        ],
      },
    ]);
    const police = await as<{ partnerships: PartnershipRow[] }>('kommunpolis@polisen.example', PARTNERSHIPS);
    expect(police.data!.partnerships.map((p) => p.name).sort()).toEqual([
      'Medborgarlöften Danderyd 2023–2026',
      'Medborgarlöften Täby 2023–2026',
    ]);
  });

  it("partnership(id) answers the caller's own; another partnership's id is NOT_FOUND exactly like a missing one", async () => {
    const danderyd = (await as<{ partnerships: PartnershipRow[] }>('socialsekreterare@danderyd.example', PARTNERSHIPS))
      .data!.partnerships[0];
    const own = await as<{ partnership: { id: string; areas: { name: string }[] } }>(
      'admin@danderyd.example',
      PARTNERSHIP,
      { id: danderyd.id },
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!.partnership).toMatchObject({ id: danderyd.id, areas: [{ name: 'Danderyd' }] });
    const other = await as('socialsekreterare@taby.example', PARTNERSHIP, { id: danderyd.id });
    const missing = await as('socialsekreterare@taby.example', PARTNERSHIP, {
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(codes(other)).toEqual(['NOT_FOUND']);
    expect([other.errors![0].message, codes(other)]).toEqual([missing.errors![0].message, codes(missing)]);
    expect(other.data?.partnership ?? null).toBeNull();
  });

  it('createCommitment takes the id that partnerships returns; a partnership of others is refused', async () => {
    const danderyd = (await as<{ partnerships: PartnershipRow[] }>('socialsekreterare@danderyd.example', PARTNERSHIPS))
      .data!.partnerships[0];
    const safety = await one<{ id: string }>(
      `SELECT id FROM organisation WHERE name = 'Danderyds kommun trygghet och säkerhet'`,
    );
    const input = {
      partnershipId: danderyd.id,
      title: `Nytt löfte ${Date.now()}`,
      description: 'Belysning vid Mörby centrum',
      responsibleOrganisationIds: [safety.id],
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    };
    const create = `mutation C($input: CreateCommitmentInput!) { createCommitment(input: $input) { id title responsibleOrganisations { name } } }`;
    const created = await as<{ createCommitment: { title: string; responsibleOrganisations: { name: string }[] } }>(
      'socialsekreterare@danderyd.example',
      create,
      { input },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createCommitment.responsibleOrganisations).toEqual([
      { name: 'Danderyds kommun trygghet och säkerhet' },
    ]);
    const before = await one<{ n: number }>(`SELECT count(*)::int AS n FROM commitment`);
    const refused = await as('socialsekreterare@taby.example', create, { input: { ...input, title: 'Intrång' } });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(await one(`SELECT count(*)::int AS n FROM commitment`)).toEqual(before);
  });
});

describe('closePartnership', () => {
  it('an admin of a member organisation closes an ended partnership: closedAt set, active commitments completed, audited', async () => {
    const ended = await endedPartnership();
    const res = await server.gql<{ closePartnership: { id: string; closedAt: string } }>(
      CLOSE.replace('mutation C', 'mutation CloseEnded'),
      { id: ended.id },
      await token('admin@danderyd.example'),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.closePartnership.closedAt).toEqual(expect.any(String));
    expect(await one(`SELECT status FROM commitment WHERE id = $1`, [ended.commitmentId])).toEqual({
      status: 'COMPLETED',
    });
    const events = await server.sql<{ action: string; entity_type: string; entity_ids: string[]; outcome: string }>(
      `SELECT action, entity_type, entity_ids, outcome FROM audit_event WHERE operation_name = 'CloseEnded' ORDER BY entity_type`,
    );
    expect(events).toEqual([
      { action: 'UPDATE', entity_type: 'Commitment', entity_ids: [ended.commitmentId], outcome: 'ALLOWED' },
      { action: 'UPDATE', entity_type: 'Partnership', entity_ids: [ended.id], outcome: 'ALLOWED' },
    ]);
    const again = await as('admin@danderyd.example', CLOSE, { id: ended.id });
    expect(again.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PARTNERSHIP_ALREADY_CLOSED' });
    // A closed partnership takes no new commitments.
    const org = await one<{ id: string }>(`SELECT id FROM organisation WHERE name = 'Danderyds kommun socialtjänst'`);
    const late = await as(
      'socialsekreterare@danderyd.example',
      `mutation C($input: CreateCommitmentInput!) { createCommitment(input: $input) { id } }`,
      {
        input: {
          partnershipId: ended.id,
          title: 'För sent',
          description: '',
          responsibleOrganisationIds: [org.id],
          periodStart: '2026-01-01',
          periodEnd: '2026-12-31',
        },
      },
    );
    expect(late.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PARTNERSHIP_CLOSED' });
    expect(await server.sql(`SELECT 1 FROM commitment WHERE title = 'För sent'`)).toEqual([]);
  });

  it('before its end date: BAD_USER_INPUT and nothing changes', async () => {
    const danderyd = await one<{ id: string }>(
      `SELECT id FROM partnership WHERE name = 'Medborgarlöften Danderyd 2023–2026'`,
    );
    const before = await server.sql(
      `SELECT p.closed_at, (SELECT array_agg(status ORDER BY id) FROM commitment WHERE partnership_id = p.id) AS s FROM partnership p WHERE p.id = $1`,
      [danderyd.id],
    );
    const res = await as('admin@danderyd.example', CLOSE, { id: danderyd.id });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PARTNERSHIP_STILL_RUNNING' });
    expect(
      await server.sql(
        `SELECT p.closed_at, (SELECT array_agg(status ORDER BY id) FROM commitment WHERE partnership_id = p.id) AS s FROM partnership p WHERE p.id = $1`,
        [danderyd.id],
      ),
    ).toEqual(before);
  });

  it("denied: a social worker (FORBIDDEN, audited DENIED) and another organisation's admin (NOT_FOUND); nothing changes", async () => {
    const ended = await endedPartnership();
    const sw = await server.gql(
      CLOSE.replace('mutation C', 'mutation CloseAsWorker'),
      { id: ended.id },
      await token('socialsekreterare@danderyd.example'),
    );
    expect(codes(sw)).toEqual(['FORBIDDEN']);
    expect(await deniedEvents('CloseAsWorker')).toEqual([
      expect.objectContaining({ outcome: 'DENIED', error_code: 'FORBIDDEN' }),
    ]);
    const taby = await one<{ id: string }>(`SELECT id FROM organisation WHERE name = 'Täby kommun socialtjänst'`);
    await server.sql(
      `INSERT INTO app_user (organisation_id, email, display_name, password_hash) SELECT $1, 'admin@taby.example', 'Administratör Täby', password_hash FROM app_user WHERE email = 'admin@danderyd.example'`,
      [taby.id],
    );
    await server.sql(
      `INSERT INTO user_role (user_id, role) SELECT id, 'ADMIN' FROM app_user WHERE email = 'admin@taby.example'`,
    );
    const stranger = await as('admin@taby.example', CLOSE, { id: ended.id });
    expect(codes(stranger)).toEqual(['NOT_FOUND']);
    expect(await one(`SELECT closed_at FROM partnership WHERE id = $1`, [ended.id])).toEqual({ closed_at: null });
    expect(await one(`SELECT status FROM commitment WHERE id = $1`, [ended.commitmentId])).toEqual({
      status: 'ACTIVE',
    });
  });
});

describe("an administrator's view of the organisation's users", () => {
  it('lists only the own organisation, by email, paged, with search and state filters', async () => {
    const all = await as<UsersPage>('admin@danderyd.example', USERS, { first: 2 });
    expect(all.errors).toBeUndefined();
    expect(all.data!.users.totalCount).toBe(4);
    expect(all.data!.users.edges.map((e) => e.node.email)).toEqual([
      'admin@danderyd.example',
      'loggkontroll@danderyd.example',
    ]);
    expect(all.data!.users.pageInfo.hasNextPage).toBe(true);
    const rest = await as<UsersPage>('admin@danderyd.example', USERS, {
      first: 2,
      after: all.data!.users.pageInfo.endCursor,
    });
    expect(rest.data!.users.edges.map((e) => e.node.email)).toEqual([
      'socialsekreterare@danderyd.example',
      'utbildning@danderyd.example',
    ]);
    expect(rest.data!.users.pageInfo.hasNextPage).toBe(false);
    const search = await as<UsersPage>('admin@danderyd.example', USERS, { filter: { search: 'LOGG' } });
    expect(search.data!.users.edges.map((e) => [e.node.email, e.node.roles])).toEqual([
      ['loggkontroll@danderyd.example', ['AUDITOR']],
    ]);
    // LIKE's wildcards are plain characters in a search.
    expect(
      (await as<UsersPage>('admin@danderyd.example', USERS, { filter: { search: '%' } })).data!.users.totalCount,
    ).toBe(0);
    expect(
      (await as<UsersPage>('admin@danderyd.example', USERS, { filter: { search: 'taby' } })).data!.users.totalCount,
    ).toBe(0);
  });

  it('disable, find among the disabled, enable again: the user logs in again', async () => {
    const user = await one<{ id: string }>(`SELECT id FROM app_user WHERE email = 'utbildning@danderyd.example'`);
    const disable = await as(
      'admin@danderyd.example',
      `mutation D($id: ID!) { disableUser(userId: $id) { disabled } }`,
      { id: user.id },
    );
    expect(disable.errors).toBeUndefined();
    const disabled = await as<UsersPage>('admin@danderyd.example', USERS, { filter: { disabled: true } });
    expect(disabled.data!.users.edges.map((e) => e.node.email)).toEqual(['utbildning@danderyd.example']);
    expect(
      (await as<UsersPage>('admin@danderyd.example', USERS, { filter: { disabled: false } })).data!.users.totalCount,
    ).toBe(3);
    await expect(server.login('utbildning@danderyd.example')).rejects.toThrow();
    const enable = await as<{ enableUser: { email: string; disabled: boolean } }>(
      'admin@danderyd.example',
      `mutation E($id: ID!) { enableUser(userId: $id) { email disabled } }`,
      {
        id: user.id,
      },
    );
    expect(enable.errors).toBeUndefined();
    expect(enable.data!.enableUser).toEqual({ email: 'utbildning@danderyd.example', disabled: false });
    expect(await server.login('utbildning@danderyd.example')).toEqual(expect.any(String));
  });

  it("denied: users for a social worker (FORBIDDEN), enableUser on another organisation's user (NOT_FOUND, nothing changes)", async () => {
    const sw = await server.gql(
      USERS.replace('query U', 'query UsersAsWorker'),
      {},
      await token('socialsekreterare@danderyd.example'),
    );
    expect(codes(sw)).toEqual(['FORBIDDEN']);
    expect(sw.data?.users ?? null).toBeNull();
    expect(await deniedEvents('UsersAsWorker')).toEqual([
      expect.objectContaining({ outcome: 'DENIED', error_code: 'FORBIDDEN' }),
    ]);
    const victim = await one<{ id: string }>(
      `UPDATE app_user SET disabled_at = now() WHERE email = 'loggkontroll@danderyd.example' RETURNING id`,
    );
    const res = await as('admin@polisen.example', `mutation E($id: ID!) { enableUser(userId: $id) { disabled } }`, {
      id: victim.id,
    });
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(
      await one<{ disabled: boolean }>(`SELECT disabled_at IS NOT NULL AS disabled FROM app_user WHERE id = $1`, [
        victim.id,
      ]),
    ).toEqual({ disabled: true });
    await server.sql(`UPDATE app_user SET disabled_at = NULL WHERE id = $1`, [victim.id]);
  });
});

describe('the safety function and a general partner', () => {
  const ACTIVITIES = `{ preventionActivities(first: 50) { totalCount edges { node { id title type } } } }`;
  const CREATE = `mutation A($input: CreatePreventionActivityInput!) { createPreventionActivity(input: $input) { id } }`;

  it("the safety coordinator owns the demo's guard and safety-walk work in Danderyd (the cameras are a measure of their own) and records more of it", async () => {
    const owners = await server.sql<{ type: string; owner: string }>(
      `SELECT DISTINCT a.type::text AS type, o.name AS owner FROM prevention_activity a JOIN organisation o ON o.id = a.organisation_id JOIN area ar ON ar.id = a.area_id
        WHERE ar.name = 'Danderyd' AND a.type IN ('CAMERA_SURVEILLANCE', 'GUARD_PATROL', 'SAFETY_WALK') ORDER BY 1`,
    );
    expect(owners).toEqual([
      { type: 'GUARD_PATROL', owner: 'Danderyds kommun trygghet och säkerhet' },
      { type: 'SAFETY_WALK', owner: 'Danderyds kommun trygghet och säkerhet' },
    ]);
    const area = await one<{ id: string }>(`SELECT id FROM area WHERE name = 'Danderyd'`);
    const created = await as<{ createPreventionActivity: { id: string } }>('trygghet@danderyd.example', CREATE, {
      input: {
        title: 'Väktarrond Mörby centrum',
        type: 'GUARD_PATROL',
        areaId: area.id,
        startsAt: '2026-12-12T19:00:00.000Z',
        visibility: 'PARTNERSHIP',
      },
    });
    expect(created.errors).toBeUndefined();
    // Shared with the partnership: Danderyd's social worker reads it.
    const id = created.data!.createPreventionActivity.id;
    const sw = await as<{ preventionActivity: { id: string; type: string } }>(
      'socialsekreterare@danderyd.example',
      `query A($id: ID!) { preventionActivity(id: $id) { id type } }`,
      { id },
    );
    expect(sw.errors).toBeUndefined();
    expect(sw.data!.preventionActivity).toEqual({ id, type: 'GUARD_PATROL' });
  });

  it('the safety coordinator reads the reference data and the follow-up, but records no detection data and reads no indicator table', async () => {
    const res = await as<{ commitments: { id: string }[]; indicators: { code: string }[]; places: { name: string }[] }>(
      'trygghet@danderyd.example',
      `{ commitments { id } indicators { code } places { name } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.commitments.length).toBeGreaterThanOrEqual(6);
    expect(res.data!.indicators).toHaveLength(7);
    const commitment = await one<{ id: string }>(
      `SELECT id FROM commitment WHERE title = 'Kamerabevakning vid Vendevägen'`,
    );
    const followUp = await as<{ commitmentFollowUp: { cameras: { name: string }[] } }>(
      'trygghet@danderyd.example',
      `query F($id: ID!) { commitmentFollowUp(commitmentId: $id, year: 2025) { cameras { name } } }`,
      { id: commitment.id },
    );
    expect(followUp.errors).toBeUndefined();
    expect(followUp.data!.commitmentFollowUp.cameras).toHaveLength(2);
    const table = await as(
      'trygghet@danderyd.example',
      `{ indicatorTable(indicatorCode: "SOC_FREDA_SCREENINGS", year: 2025) { protected } }`,
    );
    expect(codes(table)).toEqual(['FORBIDDEN']);
  });

  it('a general partner contact records and reads only its own activities, and reads the reference data', async () => {
    const partner = await one<{ id: string }>(
      `INSERT INTO organisation (name, kind) VALUES ('Region Stockholm, Danderyds sjukhus', 'PARTNER') RETURNING id`,
    );
    await server.sql(
      `INSERT INTO partnership_organisation (partnership_id, organisation_id) SELECT id, $1 FROM partnership WHERE name = 'Medborgarlöften Danderyd 2023–2026'`,
      [partner.id],
    );
    await server.sql(
      `INSERT INTO app_user (organisation_id, email, display_name, password_hash) SELECT $1, 'kontakt@sjukhus.example', 'Kontaktperson', password_hash FROM app_user WHERE email = 'admin@danderyd.example'`,
      [partner.id],
    );
    await server.sql(
      `INSERT INTO user_role (user_id, role) SELECT id, 'PARTNER_CONTACT' FROM app_user WHERE email = 'kontakt@sjukhus.example'`,
    );
    const area = await one<{ id: string }>(`SELECT id FROM area WHERE name = 'Danderyd'`);
    const created = await as<{ createPreventionActivity: { id: string } }>('kontakt@sjukhus.example', CREATE, {
      input: {
        title: 'Personalutbildning om våld i nära relation',
        type: 'STAFF_CONSULTATION',
        areaId: area.id,
        startsAt: '2026-12-10T09:00:00.000Z',
        visibility: 'PARTNERSHIP',
      },
    });
    expect(created.errors).toBeUndefined();
    const own = await as<{ preventionActivities: { totalCount: number; edges: { node: { id: string } }[] } }>(
      'kontakt@sjukhus.example',
      ACTIVITIES,
    );
    expect(own.errors).toBeUndefined();
    // The partnership shares hundreds of activities; the partner sees its own one only.
    expect(own.data!.preventionActivities.edges.map((e) => e.node.id)).toEqual([
      created.data!.createPreventionActivity.id,
    ]);
    expect(own.data!.preventionActivities.totalCount).toBe(1);
    const reference = await as<{ partnerships: { name: string }[]; commitments: { id: string }[] }>(
      'kontakt@sjukhus.example',
      `{ partnerships { name } commitments { id } }`,
    );
    expect(reference.errors).toBeUndefined();
    expect(reference.data!.partnerships.map((p) => p.name)).toEqual(['Medborgarlöften Danderyd 2023–2026']);
    const place = await as(
      'kontakt@sjukhus.example',
      `mutation P($input: CreatePlaceInput!) { createPlace(input: $input) { id } }`,
      { input: { areaId: area.id, name: 'Sjukhusentrén' } },
    );
    expect(codes(place)).toEqual(['FORBIDDEN']);
    expect(await server.sql(`SELECT 1 FROM place WHERE name = 'Sjukhusentrén'`)).toEqual([]);
  });
});
