import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_LOGIN_DISABLED_MESSAGE, LOGIN_FAILED_MESSAGE } from '../../src/modules/identity/identity.service';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server';

const LOGIN = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;

describe('LOCAL_LOGIN=flagged: passwords only for accounts flagged for it', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: true, env: { LOCAL_LOGIN: 'flagged' } });
    await server.sql(`UPDATE app_user SET local_login_allowed = true WHERE email = 'admin@danderyd.example'`);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lets the flagged account in and refuses the others exactly like a wrong password, audited', async () => {
    const admin = await server.gql<{ login: { token: string } }>(LOGIN, {
      email: 'admin@danderyd.example',
      password: DEMO_PASSWORD,
    });
    expect(admin.errors).toBeUndefined();
    expect(admin.data!.login.token).toMatch(/^[\w-]{43}$/);

    const correct = await server.gql(LOGIN, { email: 'socialsekreterare@danderyd.example', password: DEMO_PASSWORD });
    const wrong = await server.gql(LOGIN, {
      email: 'socialsekreterare@danderyd.example',
      password: 'fel-losenord-1234',
    });
    expect(correct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(correct.errors?.[0]?.message).toBe(LOGIN_FAILED_MESSAGE);
    expect({ ...correct.errors![0] }).toEqual({ ...wrong.errors![0] });
    const sessions = await server.sql(
      `SELECT 1 FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = 'socialsekreterare@danderyd.example'`,
    );
    expect(sessions).toEqual([]);
    const [event] = await server.sql<{ action: string; outcome: string; actor_user_id: string | null }>(
      `SELECT action, outcome, actor_user_id FROM audit_event WHERE 'Mutation.login' = ANY(fields) ORDER BY id DESC LIMIT 2`,
    );
    expect(event).toMatchObject({ action: 'LOGIN_FAILED', outcome: 'DENIED' });
    expect(event.actor_user_id).not.toBeNull();
  });
});

describe('LOCAL_LOGIN=false: no password login at all', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: true, env: { LOCAL_LOGIN: 'false' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses every password login with one answer that points to the identity provider', async () => {
    for (const email of ['admin@danderyd.example', 'nobody@example.invalid']) {
      const res = await server.gql(LOGIN, { email, password: DEMO_PASSWORD });
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0]?.message).toBe(LOCAL_LOGIN_DISABLED_MESSAGE);
    }
    expect(await server.sql(`SELECT 1 FROM user_session`)).toEqual([]);
  });
});
