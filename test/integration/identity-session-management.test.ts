import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

const MY_SESSIONS = '{ mySessions { id createdAt lastSeenAt expiresAt current } }';
const END_SESSION = 'mutation End($id: ID!) { endSession(id: $id) }';
const END_USER_SESSIONS = 'mutation EndAll($userId: ID!) { endUserSessions(userId: $userId) }';
const ME = '{ me { id } }';

interface Sessions {
  mySessions: { id: string; current: boolean; expiresAt: string }[];
}

describe('session management: mySessions, endSession, endUserSessions', () => {
  let server: TestServer;
  const live = async (userId: string): Promise<string[]> =>
    (
      await server.sql<{ id: string }>(
        `SELECT id FROM user_session WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id`,
        [userId],
      )
    ).map((r) => r.id);
  const userId = async (email: string): Promise<string> =>
    (await server.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id;

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists the caller's own live sessions, marking the current one, and never another user's", async () => {
    const laptop = await server.login('utbildning@danderyd.example');
    const phone = await server.login('utbildning@danderyd.example');
    await server.login('socialsekreterare@danderyd.example');
    const res = await server.gql<Sessions>(MY_SESSIONS, {}, laptop);
    expect(res.errors).toBeUndefined();
    const ids = res.data!.mySessions.map((s) => s.id).sort();
    expect(ids).toEqual(await live(await userId('utbildning@danderyd.example')));
    expect(res.data!.mySessions.filter((s) => s.current)).toHaveLength(1);
    // The other session is listed, not current.
    const fromPhone = await server.gql<Sessions>(MY_SESSIONS, {}, phone);
    expect(fromPhone.data!.mySessions.find((s) => s.current)!.id).not.toBe(
      res.data!.mySessions.find((s) => s.current)!.id,
    );
  });

  it("ends one of the caller's sessions: that token stops working, the current one does not", async () => {
    const keep = await server.login('loggkontroll@danderyd.example');
    const lost = await server.login('loggkontroll@danderyd.example');
    const lostId = (await server.gql<Sessions>(MY_SESSIONS, {}, lost)).data!.mySessions.find((s) => s.current)!.id;
    const res = await server.gql<{ endSession: boolean }>(END_SESSION, { id: lostId }, keep);
    expect(res.errors).toBeUndefined();
    expect(res.data!.endSession).toBe(true);
    expect((await server.gql(ME, {}, lost)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.gql(ME, {}, keep)).errors).toBeUndefined();
    const [event] = await server.sql<{ action: string; outcome: string; entity_ids: string[] }>(
      `SELECT action, outcome, entity_ids FROM audit_event WHERE 'Mutation.endSession' = ANY(fields) ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({ action: 'UPDATE', outcome: 'ALLOWED', entity_ids: [lostId] });
  });

  it("answers NOT_FOUND for another user's session and leaves it alive (denied, audited)", async () => {
    const victim = await server.login('socialsekreterare@taby.example');
    const victimId = (await server.gql<Sessions>(MY_SESSIONS, {}, victim)).data!.mySessions.find((s) => s.current)!.id;
    const attacker = await server.login('admin@danderyd.example');
    const res = await server.gql(END_SESSION, { id: victimId }, attacker);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await server.gql(ME, {}, victim)).errors).toBeUndefined();
    const [event] = await server.sql<{ outcome: string; error_code: string }>(
      `SELECT outcome, error_code FROM audit_event WHERE 'Mutation.endSession' = ANY(fields) ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({ outcome: 'DENIED', error_code: 'NOT_FOUND' });
  });

  it('lets an administrator end every session of a user of their organisation', async () => {
    const target = await userId('socialsekreterare@danderyd.example');
    const a = await server.login('socialsekreterare@danderyd.example');
    await server.login('socialsekreterare@danderyd.example');
    const admin = await server.login('admin@danderyd.example');
    const before = (await live(target)).length;
    expect(before).toBeGreaterThanOrEqual(2);
    const res = await server.gql<{ endUserSessions: number }>(END_USER_SESSIONS, { userId: target }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.endUserSessions).toBe(before);
    expect(await live(target)).toEqual([]);
    expect((await server.gql(ME, {}, a)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an administrator of another organisation (NOT_FOUND) and a non-administrator (FORBIDDEN), ending nothing', async () => {
    const target = await userId('kommunpolis@polisen.example');
    await server.login('kommunpolis@polisen.example');
    const before = await live(target);
    const otherAdmin = await server.login('admin@danderyd.example');
    const foreign = await server.gql(END_USER_SESSIONS, { userId: target }, otherAdmin);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const colleague = await server.login('utbildning@polisen.example');
    const notAdmin = await server.gql(END_USER_SESSIONS, { userId: target }, colleague);
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await live(target)).toEqual(before);
  });
});
