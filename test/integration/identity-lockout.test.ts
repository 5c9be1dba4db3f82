import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BACKOFF_AFTER_FAILURES } from '../../src/modules/identity/login/login.rules';
import { totpCode } from '../../src/modules/identity/second-factor/totp';
import { DEMO_PASSWORD, startTestServer, type GqlResponse, type TestServer } from '../helpers/test-server';

const LOGIN = `mutation Login($email: String!, $password: String!, $deviceToken: String) {
  login(email: $email, password: $password, deviceToken: $deviceToken) { token deviceToken user { email } }
}`;
const LOGIN_2FA = `mutation L2($challenge: String!, $code: String!) {
  loginWithSecondFactor(challenge: $challenge, code: $code) { token deviceToken }
}`;
const WRONG = 'fel-losenord-1234';

interface LoginData {
  login: { token: string; deviceToken: string | null; user: { email: string } };
}
type Ext = { code?: string; reason?: string; challenge?: string };
const ext = (res: GqlResponse<unknown>): Ext => (res.errors?.[0]?.extensions ?? {}) as Ext;

/**
 * An attacker guessing one account's password cannot keep its owner out: the owner's correct password
 * from a known device, or with the second factor, still gets through. (Every request here comes from
 * 127.0.0.1, so the attacker's guesses stay below the address's own back-off of 20.)
 */
describe('lockout that cannot keep the real owner out', () => {
  let server: TestServer;
  const login = (email: string, password: string, deviceToken?: string | null) =>
    server.gql<LoginData>(LOGIN, { email, password, deviceToken });
  const attack = async (email: string): Promise<void> => {
    for (let i = 0; i < BACKOFF_AFTER_FAILURES.account + 2; i++) await login(email, WRONG);
    // A longer attack, without spending minutes on it: the account's back-off at its cap (15 min).
    await server.sql(`UPDATE login_throttle SET failures = 60, last_failure_at = now() WHERE key LIKE 'account:%'`);
  };

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    await server.sql(`DELETE FROM login_throttle`);
  });

  it('lets the correct password from a known device through while the account is under attack', async () => {
    const email = 'socialsekreterare@danderyd.example';
    const first = await login(email, DEMO_PASSWORD);
    const device = first.data!.login.deviceToken!;
    expect(device).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(
      await server.sql(`SELECT 1 FROM known_device WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [device]),
    ).toHaveLength(1);
    // Presenting it again keeps it (no new token).
    expect((await login(email, DEMO_PASSWORD, device)).data!.login.deviceToken).toBeNull();

    await attack(email);
    // The attacker (no device token) is held back, even with the right password.
    expect(ext(await login(email, DEMO_PASSWORD)).code).toBe('RATE_LIMITED');
    // The owner's device gets through with the right password...
    const owner = await login(email, DEMO_PASSWORD, device);
    expect(owner.errors).toBeUndefined();
    expect(owner.data!.login.user.email).toBe(email);
    // ...and the attacker's count on the account stays.
    expect(ext(await login(email, DEMO_PASSWORD)).code).toBe('RATE_LIMITED');
    // A wrong password from the device is still a failure, counted on the device.
    expect(ext(await login(email, WRONG, device)).code).toBe('UNAUTHENTICATED');
    const [row] = await server.sql<{ failures: number }>(
      `SELECT failures FROM login_throttle WHERE key = 'device:' || encode(sha256($1::bytea), 'hex')`,
      [device],
    );
    expect(row.failures).toBe(1);
    // Another account's device token is no key to this one.
    const other = (await login('socialsekreterare@taby.example', DEMO_PASSWORD)).data!.login.deviceToken!;
    expect(ext(await login(email, DEMO_PASSWORD, other)).code).toBe('RATE_LIMITED');
    // A made-up token neither.
    expect(ext(await login(email, DEMO_PASSWORD, 'x'.repeat(43))).code).toBe('RATE_LIMITED');
  });

  it('lets the correct password with the second factor through while the account is under attack', async () => {
    const email = 'trygghet@danderyd.example';
    const token = await server.login(email);
    const enrol = await server.gql<{ enrolSecondFactor: { secret: string } }>(
      `mutation { enrolSecondFactor { secret } }`,
      {},
      token,
    );
    const secret = enrol.data!.enrolSecondFactor.secret;
    const confirm = await server.gql(
      `mutation C($code: String!) { confirmSecondFactor(code: $code) { recoveryCodes } }`,
      { code: totpCode(secret, Date.now()) },
      token,
    );
    expect(confirm.errors).toBeUndefined();

    await attack(email);
    // A wrong password is still refused...
    expect(ext(await login(email, WRONG)).code).toBe('UNAUTHENTICATED');
    // ...the right one, from a new device, leads to the code step, and the code to a session.
    const step = await login(email, DEMO_PASSWORD);
    expect(ext(step).reason).toBe('SECOND_FACTOR_REQUIRED');
    const done = await server.gql<{ loginWithSecondFactor: { token: string } }>(LOGIN_2FA, {
      challenge: ext(step).challenge,
      code: totpCode(secret, Date.now() + 30_000),
    });
    expect(done.errors).toBeUndefined();
    expect((await server.gql('{ me { email } }', {}, done.data!.loginWithSecondFactor.token)).data).toEqual({
      me: { email },
    });
    // The second factor proved the owner: the account's count is cleared.
    expect(
      await server.sql(`SELECT 1 FROM login_throttle WHERE key LIKE 'account:%' AND failures >= $1`, [
        BACKOFF_AFTER_FAILURES.account,
      ]),
    ).toHaveLength(0);
  });
});
