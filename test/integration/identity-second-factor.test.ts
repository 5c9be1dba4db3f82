import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/identity/second-factor/totp';
import {
  DEMO_PASSWORD,
  PRODUCTION_TEST_SECRETS,
  startTestServer,
  type GqlResponse,
  type TestServer,
} from '../helpers/test-server';

const LOGIN = `mutation Login($email: String!, $password: String!, $deviceToken: String) {
  login(email: $email, password: $password, deviceToken: $deviceToken) { token deviceToken user { id email roles } }
}`;
const LOGIN_2FA = `mutation L2($challenge: String!, $code: String!) {
  loginWithSecondFactor(challenge: $challenge, code: $code) { token user { id email } }
}`;
const ENROL = `mutation E($challenge: String) { enrolSecondFactor(challenge: $challenge) { otpauthUri secret } }`;
const CONFIRM = `mutation C($code: String!, $challenge: String) {
  confirmSecondFactor(code: $code, challenge: $challenge) { recoveryCodes session { token user { email } } }
}`;
const STATUS = `{ mySecondFactor { enrolled required recoveryCodesLeft } }`;
const RESET = `mutation R($userId: ID!) { resetSecondFactor(userId: $userId) }`;
const REGENERATE = `mutation G($code: String!) { regenerateRecoveryCodes(code: $code) }`;

interface LoginData {
  login: { token: string; deviceToken: string | null; user: { id: string; email: string; roles: string[] } };
}
type Ext = { code?: string; reason?: string; challenge?: string };

const ext = (res: GqlResponse<unknown>): Ext => (res.errors?.[0]?.extensions ?? {}) as Ext;
/** The code of the 30-second step `offsetSteps` from now. */
const codeAt = (secret: string, offsetSteps = 0): string => totpCode(secret, Date.now() + offsetSteps * 30_000);

async function lastEvents(server: TestServer, from: string) {
  return server.sql<{
    action: string;
    outcome: string;
    operation_name: string;
    actor_user_id: string | null;
    row: string;
  }>(
    `SELECT action, outcome, operation_name, actor_user_id, row_to_json(a)::text AS row FROM audit_event a WHERE id > $1 ORDER BY id`,
    [from],
  );
}
const maxEvent = async (server: TestServer): Promise<string> =>
  (await server.sql<{ max: string | null }>(`SELECT max(id)::text AS max FROM audit_event`))[0].max ?? '0';

describe('TOTP second factor (outside production: optional)', () => {
  let server: TestServer;
  const login = (email: string, password = DEMO_PASSWORD, deviceToken?: string) =>
    server.gql<LoginData>(LOGIN, { email, password, deviceToken });

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    await server.sql(`DELETE FROM login_throttle`);
  });

  it('enrols a signed-in user, then every login needs a code; a code is accepted once; recovery codes work once', async () => {
    const email = 'trygghet@danderyd.example';
    const from = await maxEvent(server);
    const token = await server.login(email);
    expect((await server.gql(STATUS, {}, token)).data).toEqual({
      mySecondFactor: { enrolled: false, required: false, recoveryCodesLeft: 0 },
    });

    const enrol = await server.gql<{ enrolSecondFactor: { otpauthUri: string; secret: string } }>(ENROL, {}, token);
    expect(enrol.errors).toBeUndefined();
    const { secret, otpauthUri } = enrol.data!.enrolSecondFactor;
    expect(otpauthUri).toContain(`secret=${secret}`);
    // Not yet confirmed: the login still needs no code.
    expect((await login(email)).data?.login.token).toBeTruthy();
    // A wrong first code does not confirm it.
    const wrongFirst = await server.gql(CONFIRM, { code: '000000' === codeAt(secret) ? '111111' : '000000' }, token);
    expect(ext(wrongFirst).code).toBe('UNAUTHENTICATED');

    const confirmed = await server.gql<{ confirmSecondFactor: { recoveryCodes: string[]; session: null } }>(
      CONFIRM,
      { code: codeAt(secret) },
      token,
    );
    expect(confirmed.errors).toBeUndefined();
    const recovery = confirmed.data!.confirmSecondFactor.recoveryCodes;
    expect(recovery).toHaveLength(10);
    expect(confirmed.data!.confirmSecondFactor.session).toBeNull();
    expect((await server.gql(STATUS, {}, token)).data).toEqual({
      mySecondFactor: { enrolled: true, required: false, recoveryCodesLeft: 10 },
    });
    // A second enrolment cannot replace a confirmed factor (an administrator resets it).
    expect(ext(await server.gql(ENROL, {}, token)).code).toBe('BAD_USER_INPUT');

    // The password alone no longer opens a session: the answer carries the reason and a challenge.
    const first = await login(email);
    expect(first.data).toBeNull();
    expect(ext(first).code).toBe('UNAUTHENTICATED');
    expect(ext(first).reason).toBe('SECOND_FACTOR_REQUIRED');
    const challenge = ext(first).challenge!;
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // A wrong code is refused; the code of the step just used to confirm is refused (replay).
    expect(ext(await server.gql(LOGIN_2FA, { challenge, code: codeAt(secret, -5) })).code).toBe('UNAUTHENTICATED');
    expect(ext(await server.gql(LOGIN_2FA, { challenge, code: codeAt(secret) })).code).toBe('UNAUTHENTICATED');
    // The next step's code goes through (one step of clock drift is allowed).
    const next = codeAt(secret, 1);
    const done = await server.gql<{ loginWithSecondFactor: { token: string; user: { email: string } } }>(LOGIN_2FA, {
      challenge,
      code: next,
    });
    expect(done.errors).toBeUndefined();
    expect(done.data!.loginWithSecondFactor.user.email).toBe(email);
    const me = await server.gql<{ me: { email: string } }>(
      '{ me { email } }',
      {},
      done.data!.loginWithSecondFactor.token,
    );
    expect(me.data?.me.email).toBe(email);

    // The challenge is single-use.
    expect(ext(await server.gql(LOGIN_2FA, { challenge, code: recovery[0] })).code).toBe('UNAUTHENTICATED');
    // The same code with a fresh challenge (a replay of an intercepted code) is refused.
    const again = ext(await login(email)).challenge!;
    expect(ext(await server.gql(LOGIN_2FA, { challenge: again, code: next })).code).toBe('UNAUTHENTICATED');
    // A recovery code completes it, once.
    const byRecovery = await server.gql<{ loginWithSecondFactor: { token: string } }>(LOGIN_2FA, {
      challenge: again,
      code: recovery[0].toUpperCase(),
    });
    expect(byRecovery.errors).toBeUndefined();
    const third = ext(await login(email)).challenge!;
    expect(ext(await server.gql(LOGIN_2FA, { challenge: third, code: recovery[0] })).code).toBe('UNAUTHENTICATED');
    expect((await server.gql(STATUS, {}, token)).data).toEqual({
      mySecondFactor: { enrolled: true, required: false, recoveryCodesLeft: 9 },
    });

    // Five codes per challenge, then the challenge is spent even for a right code.
    const fourth = ext(await login(email)).challenge!;
    for (let i = 0; i < 5; i++) await server.gql(LOGIN_2FA, { challenge: fourth, code: '000000' });
    await server.sql(`DELETE FROM login_throttle`);
    expect(ext(await server.gql(LOGIN_2FA, { challenge: fourth, code: recovery[1] })).code).toBe('UNAUTHENTICATED');

    // New recovery codes need a current code; the old ones stop working.
    await server.sql(`UPDATE user_second_factor SET last_used_step = last_used_step - 10`);
    const regenerated = await server.gql<{ regenerateRecoveryCodes: string[] }>(
      REGENERATE,
      { code: codeAt(secret) },
      token,
    );
    expect(regenerated.errors).toBeUndefined();
    expect(regenerated.data!.regenerateRecoveryCodes).toHaveLength(10);
    const fifth = ext(await login(email)).challenge!;
    expect(ext(await server.gql(LOGIN_2FA, { challenge: fifth, code: recovery[2] })).code).toBe('UNAUTHENTICATED');
    expect(
      (await server.gql(LOGIN_2FA, { challenge: fifth, code: regenerated.data!.regenerateRecoveryCodes[0] })).errors,
    ).toBeUndefined();

    // At rest: the secret encrypted, the recovery codes hashed, the challenges hashed.
    const [stored] = await server.sql<{ row: string }>(`SELECT row_to_json(f)::text AS row FROM user_second_factor f`);
    expect(stored.row).not.toContain(secret);
    const codes = await server.sql<{ code_hash: string }>(`SELECT code_hash FROM recovery_code`);
    for (const c of [...recovery, ...regenerated.data!.regenerateRecoveryCodes])
      expect(codes.map((r) => r.code_hash).join()).not.toContain(c.replace(/-/g, ''));
    // Never in the audit log: secret, codes, challenges.
    const events = await lastEvents(server, from);
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) {
      expect(e.row).not.toContain(secret);
      expect(e.row).not.toContain(challenge);
      expect(e.row).not.toContain(next);
      for (const c of recovery) expect(e.row).not.toContain(c);
    }
    const failed = events.filter((e) => e.operation_name === 'L2' && e.outcome === 'DENIED');
    expect(failed.length).toBeGreaterThan(3);
    expect(failed.every((e) => e.action === 'LOGIN_FAILED')).toBe(true);
    expect(events.filter((e) => e.operation_name === 'L2' && e.action === 'LOGIN').length).toBe(3);
  });

  it("lets an administrator reset a user's second factor in their own organisation only", async () => {
    const email = 'utbildning@danderyd.example';
    const token = await server.login(email);
    const { secret } = (await server.gql<{ enrolSecondFactor: { secret: string } }>(ENROL, {}, token)).data!
      .enrolSecondFactor;
    expect((await server.gql(CONFIRM, { code: codeAt(secret) }, token)).errors).toBeUndefined();
    const [{ id }] = await server.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [email]);

    // Denied: another organisation's administrator (NOT_FOUND), a user without USER_MANAGE, oneself. Nothing changes.
    const from = await maxEvent(server);
    const police = await server.login('admin@polisen.example');
    expect(ext(await server.gql(RESET, { userId: id }, police)).code).toBe('NOT_FOUND');
    const worker = await server.login('socialsekreterare@danderyd.example');
    expect(ext(await server.gql(RESET, { userId: id }, worker)).code).toBe('FORBIDDEN');
    const admin = await server.login('admin@danderyd.example');
    const [{ id: adminId }] = await server.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [
      'admin@danderyd.example',
    ]);
    expect(ext(await server.gql(RESET, { userId: adminId }, admin)).code).toBe('BAD_USER_INPUT');
    expect(await server.sql(`SELECT 1 FROM user_second_factor WHERE user_id = $1`, [id])).toHaveLength(1);
    expect(ext(await login(email)).reason).toBe('SECOND_FACTOR_REQUIRED');
    const denied = (await lastEvents(server, from)).filter((e) => e.operation_name === 'R');
    // Refused: another organisation's record and a missing capability; a business-rule error for oneself.
    expect(denied.map((e) => e.outcome)).toEqual(['DENIED', 'DENIED', 'ERROR']);

    // Allowed: the organisation's administrator; the user's sessions end and the next login needs no code.
    const reset = await server.gql<{ resetSecondFactor: boolean }>(RESET, { userId: id }, admin);
    expect(reset.data?.resetSecondFactor).toBe(true);
    expect((await server.gql('{ me { email } }', {}, token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await server.sql(`SELECT 1 FROM recovery_code WHERE user_id = $1`, [id])).toHaveLength(0);
    expect((await login(email)).data?.login.token).toBeTruthy();
    const allowed = (await lastEvents(server, from)).filter((e) => e.operation_name === 'R' && e.outcome === 'ALLOWED');
    expect(allowed).toHaveLength(1);
  });
});

describe('TOTP second factor in production: required for local ADMIN and AUDITOR accounts', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: true, env: { NODE_ENV: 'production', ...PRODUCTION_TEST_SECRETS } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lets a social worker in with the password and makes an administrator enrol before any session', async () => {
    const worker = await server.gql<LoginData>(LOGIN, {
      email: 'socialsekreterare@danderyd.example',
      password: DEMO_PASSWORD,
    });
    expect(worker.data?.login.token).toBeTruthy();

    for (const email of ['admin@danderyd.example', 'loggkontroll@danderyd.example']) {
      const res = await server.gql<LoginData>(LOGIN, { email, password: DEMO_PASSWORD });
      expect(res.data).toBeNull();
      expect(ext(res).reason).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
      expect(
        await server.sql(`SELECT 1 FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = $1`, [
          email,
        ]),
      ).toHaveLength(0);
    }
    // A wrong password never yields a challenge.
    const wrong = await server.gql(LOGIN, { email: 'admin@danderyd.example', password: 'fel-losenord-1234' });
    expect(ext(wrong)).toEqual({ code: 'UNAUTHENTICATED' });

    const challenge = ext(
      await server.gql(LOGIN, { email: 'admin@danderyd.example', password: DEMO_PASSWORD }),
    ).challenge!;
    // The challenge is no way past the code: it cannot be used as a login challenge.
    expect(ext(await server.gql(LOGIN_2FA, { challenge, code: '123456' })).code).toBe('UNAUTHENTICATED');
    const enrol = await server.gql<{ enrolSecondFactor: { secret: string } }>(ENROL, { challenge });
    expect(enrol.errors).toBeUndefined();
    const secret = enrol.data!.enrolSecondFactor.secret;
    const confirmed = await server.gql<{
      confirmSecondFactor: { recoveryCodes: string[]; session: { token: string; user: { email: string } } };
    }>(CONFIRM, { code: codeAt(secret), challenge });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmSecondFactor.recoveryCodes).toHaveLength(10);
    const session = confirmed.data!.confirmSecondFactor.session;
    expect(session.user.email).toBe('admin@danderyd.example');
    const status = await server.gql(STATUS, {}, session.token);
    expect(status.data).toEqual({ mySecondFactor: { enrolled: true, required: true, recoveryCodesLeft: 10 } });
    // The enrolment challenge is spent; the next login asks for the code.
    expect(ext(await server.gql(CONFIRM, { code: codeAt(secret, 1), challenge })).code).toBe('UNAUTHENTICATED');
    expect(ext(await server.gql(LOGIN, { email: 'admin@danderyd.example', password: DEMO_PASSWORD })).reason).toBe(
      'SECOND_FACTOR_REQUIRED',
    );
  });
});
