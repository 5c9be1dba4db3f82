import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityRepository } from '../../src/modules/identity/identity.repository';
import { startTestServer, type GqlResponse, type TestServer } from '../helpers/test-server';

const ME = '{ me { id email displayName roles organisation { id name kind } } }';
const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

interface MeData {
  me: {
    id: string;
    email: string;
    displayName: string;
    roles: string[];
    organisation: { id: string; name: string; kind: string };
  };
}

describe('sessions', () => {
  let server: TestServer;
  const me = (token?: string, headers?: Record<string, string>): Promise<GqlResponse<MeData>> =>
    server.gql<MeData>(ME, {}, token, headers);
  const expectUnauthenticated = (res: GqlResponse<unknown>): void => {
    expect(res.status).toBe(401);
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
  };
  const userId = async (email: string): Promise<string> =>
    (await server.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id;
  const moveSession = (token: string, set: string): Promise<unknown> =>
    server.sql(`UPDATE user_session SET ${set} WHERE token_hash = $1`, [sha256(token)]);

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("reads the caller's partnerships with the session: each with its organisations and areas as stored", async () => {
    const repo = new IdentityRepository();
    const manager = server.runtime.dataSource.manager;
    const normal = (t: { partnershipId: string; organisationIds: readonly string[]; areaIds: readonly string[] }[]) =>
      t
        .map((p) => ({
          partnershipId: p.partnershipId,
          organisationIds: [...p.organisationIds].sort(),
          areaIds: [...p.areaIds].sort(),
        }))
        .sort((a, b) => (a.partnershipId < b.partnershipId ? -1 : 1));
    for (const email of [
      'socialsekreterare@danderyd.example',
      'kommunpolis@polisen.example',
      'socialsekreterare@taby.example',
    ]) {
      const token = await server.login(email);
      const row = await repo.findLiveSession(manager, sha256(token), 3600);
      expect(row).not.toBeNull();
      expect(row!.topology.length).toBeGreaterThan(0);
      const stored = await server.sql<{ partnershipId: string; organisationIds: string[]; areaIds: string[] }>(
        `SELECT mine.partnership_id::text AS "partnershipId",
                ARRAY(SELECT po.organisation_id::text FROM partnership_organisation po WHERE po.partnership_id = mine.partnership_id) AS "organisationIds",
                ARRAY(SELECT pa.area_id::text FROM partnership_area pa WHERE pa.partnership_id = mine.partnership_id) AS "areaIds"
           FROM partnership_organisation mine WHERE mine.organisation_id = $1`,
        [row!.organisationId],
      );
      expect(stored.length).toBeGreaterThan(0);
      expect(normal(row!.topology)).toEqual(normal(stored));
      const organisations = await server.sql<{ id: string }>(
        `SELECT DISTINCT po2.organisation_id::text AS id FROM partnership_organisation po JOIN partnership_organisation po2 USING (partnership_id)
          WHERE po.organisation_id = $1 ORDER BY 1`,
        [row!.organisationId],
      );
      expect(row!.partnershipOrganisationIds).toEqual(organisations.map((o) => o.id));
    }
  });

  it('answers me with exactly the contract shape', async () => {
    const token = await server.login('socialsekreterare@danderyd.example');
    const res = await me(token);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const [row] = await server.sql<{ id: string; organisation_id: string }>(
      `SELECT id, organisation_id FROM app_user WHERE email = 'socialsekreterare@danderyd.example'`,
    );
    expect(res.data).toEqual({
      me: {
        id: row.id,
        email: 'socialsekreterare@danderyd.example',
        displayName: 'Socialsekreterare Danderyd',
        roles: ['SOCIAL_WORKER'],
        organisation: { id: row.organisation_id, name: 'Danderyds kommun socialtjänst', kind: 'SOCIAL_SERVICES' },
      },
    });
  });

  it('refuses me without a token, with a forged token and with a malformed header', async () => {
    expectUnauthenticated(await me());
    expectUnauthenticated(await me(randomBytes(32).toString('base64url')));
    expectUnauthenticated(await me('x'));
    expectUnauthenticated(await me(undefined, { authorization: 'Basic dXNlcjpwYXNz' }));
    // A token's hash is not a token.
    const token = await server.login('socialsekreterare@danderyd.example');
    expectUnauthenticated(await me(sha256(token)));
    // A token that differs in one character.
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expectUnauthenticated(await me(flipped));
    expect((await me(token)).errors).toBeUndefined();
  });

  it('expires a session after 30 minutes idle, and keeps an active one alive', async () => {
    const idle = await server.login('kommunpolis@polisen.example');
    const active = await server.login('kommunpolis@polisen.example');

    // 29 minutes idle: still valid, and the call counts as activity.
    await moveSession(active, `last_seen_at = now() - interval '29 minutes'`);
    expect((await me(active)).errors).toBeUndefined();
    const [touched] = await server.sql<{ recent: boolean }>(
      `SELECT last_seen_at > now() - interval '1 minute' AS recent FROM user_session WHERE token_hash = $1`,
      [sha256(active)],
    );
    expect(touched.recent).toBe(true);

    await moveSession(idle, `last_seen_at = now() - interval '31 minutes'`);
    expectUnauthenticated(await me(idle));
    // Expired stays expired: it is not revived by the attempt.
    expectUnauthenticated(await me(idle));
    expect((await me(active)).errors).toBeUndefined();
  });

  it('expires a session at its absolute lifetime even while active', async () => {
    const token = await server.login('kommunpolis@polisen.example');
    const [row] = await server.sql<{ hours: number }>(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 3600) AS hours FROM user_session WHERE token_hash = $1`,
      [sha256(token)],
    );
    expect(Number(row.hours)).toBe(12);
    await moveSession(
      token,
      `created_at = now() - interval '12 hours', expires_at = now() - interval '1 second', last_seen_at = now()`,
    );
    expectUnauthenticated(await me(token));
  });

  it('logout revokes the session it is called with, and only that one', async () => {
    const token = await server.login('utbildning@polisen.example');
    const other = await server.login('utbildning@polisen.example');
    const res = await server.gql<{ logout: boolean }>('mutation { logout }', {}, token);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ logout: true });
    expectUnauthenticated(await me(token));
    expectUnauthenticated(await server.gql('mutation { logout }', {}, token));
    const [row] = await server.sql<{ revoked_at: Date | null; revoked_reason: string }>(
      `SELECT revoked_at, revoked_reason FROM user_session WHERE token_hash = $1`,
      [sha256(token)],
    );
    expect(row.revoked_at).not.toBeNull();
    expect(row.revoked_reason).toBe('logout');
    expect((await me(other)).errors).toBeUndefined();
  });

  it('logout without a session is UNAUTHENTICATED', async () => {
    expectUnauthenticated(await server.gql('mutation { logout }'));
  });

  it('disabling a user revokes all of its sessions and refuses its logins', async () => {
    const email = 'utbildning@danderyd.example';
    const sessions = [await server.login(email), await server.login(email)];
    const admin = await server.login('admin@danderyd.example');
    const res = await server.gql<{ disableUser: { id: string; disabled: boolean } }>(
      'mutation($id: ID!) { disableUser(userId: $id) { id disabled } }',
      { id: await userId(email) },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.disableUser.disabled).toBe(true);
    for (const token of sessions) expectUnauthenticated(await me(token));
    const live = await server.sql(`SELECT 1 FROM user_session WHERE user_id = $1 AND revoked_at IS NULL`, [
      await userId(email),
    ]);
    expect(live).toHaveLength(0);
    const again = await server.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
      e: email,
      p: 'samverkan-demo-2026',
    });
    expect(again.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // The administrator's own session is untouched.
    expect((await me(admin)).errors).toBeUndefined();
  });

  it("changing a user's roles revokes all of its sessions; a new login carries the new roles", async () => {
    const email = 'loggkontroll@danderyd.example';
    const sessions = [await server.login(email), await server.login(email)];
    for (const token of sessions) expect((await me(token)).data?.me.roles).toEqual(['AUDITOR']);
    const admin = await server.login('admin@danderyd.example');
    const res = await server.gql<{ setUserRoles: { roles: string[] } }>(
      'mutation($id: ID!) { setUserRoles(input: { userId: $id, roles: [TRAINING_COORDINATOR, AUDITOR] }) { roles } }',
      { id: await userId(email) },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect([...res.data!.setUserRoles.roles].sort()).toEqual(['AUDITOR', 'TRAINING_COORDINATOR']);
    for (const token of sessions) expectUnauthenticated(await me(token));
    const fresh = await server.login(email);
    expect([...(await me(fresh)).data!.me.roles].sort()).toEqual(['AUDITOR', 'TRAINING_COORDINATOR']);
  });

  it('a failed role change (rolled back) leaves the sessions alone', async () => {
    const email = 'socialsekreterare@danderyd.example';
    const token = await server.login(email);
    const admin = await server.login('admin@danderyd.example');
    const res = await server.gql(
      'mutation($id: ID!) { setUserRoles(input: { userId: $id, roles: [ADMIN, AUDITOR] }) { roles } }',
      { id: await userId(email) },
      admin,
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await me(token)).data?.me.roles).toEqual(['SOCIAL_WORKER']);
  });

  describe('areas', () => {
    const areas = async (email: string): Promise<{ id: string; name: string }[]> => {
      const res = await server.gql<{ areas: { id: string; name: string }[] }>(
        '{ areas { id name } }',
        {},
        await server.login(email),
      );
      expect(res.errors).toBeUndefined();
      return res.data!.areas;
    };
    let ids: Map<string, string>;
    beforeAll(async () => {
      ids = new Map(
        (await server.sql<{ id: string; name: string }>(`SELECT id, name FROM area`)).map((a) => [a.name, a.id]),
      );
    });

    it('gives a Danderyd social worker only Danderyd', async () => {
      expect(await areas('socialsekreterare@danderyd.example')).toEqual([
        { id: ids.get('Danderyd'), name: 'Danderyd' },
      ]);
    });

    it('gives a Täby social worker only Täby', async () => {
      expect(await areas('socialsekreterare@taby.example')).toEqual([{ id: ids.get('Täby'), name: 'Täby' }]);
    });

    it('gives the police liaison both', async () => {
      expect(await areas('kommunpolis@polisen.example')).toEqual([
        { id: ids.get('Danderyd'), name: 'Danderyd' },
        { id: ids.get('Täby'), name: 'Täby' },
      ]);
    });

    it('refuses areas without a session', async () => {
      expectUnauthenticated(await server.gql('{ areas { id name } }'));
    });
  });
});
