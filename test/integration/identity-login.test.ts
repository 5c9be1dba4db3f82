import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BACKOFF_AFTER_FAILURES, LOCK_AT_FAILURES } from '../../src/modules/identity/identity.service';
import { DEMO_PASSWORD, startTestServer, type GqlResponse, type TestServer } from '../helpers/test-server';

const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt user { id email roles } }
}`;
const WRONG_PASSWORD = 'fel-losenord-1234';

interface LoginData {
  login: { token: string; expiresAt: string; user: { id: string; email: string; roles: string[] } };
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const accountKey = (email: string): string => `account:${sha256(email.trim().toLowerCase())}`;

describe('login', () => {
  let server: TestServer;
  const login = (email: string, password: string): Promise<GqlResponse<LoginData>> =>
    server.gql<LoginData>(LOGIN, { email, password });
  const codeOf = (res: GqlResponse<unknown>): string | undefined => res.errors?.[0]?.extensions?.code;
  const throttleOf = async (key: string): Promise<{ failures: number; locked_until: Date | null } | undefined> =>
    (
      await server.sql<{ failures: number; locked_until: Date | null }>(
        `SELECT failures, locked_until FROM login_throttle WHERE key = $1`,
        [key],
      )
    )[0];

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    // Every request comes from 127.0.0.1: start each test with a clean slate for account and address.
    await server.sql(`DELETE FROM login_throttle`);
    await server.sql(`UPDATE app_user SET disabled_at = NULL`);
  });

  it('issues an opaque token of 256 bits and stores only its SHA-256', async () => {
    const before = Date.now();
    const res = await login('socialsekreterare@danderyd.example', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const session = res.data!.login;
    expect(session.user.email).toBe('socialsekreterare@danderyd.example');
    expect(session.user.roles).toEqual(['SOCIAL_WORKER']);
    // base64url of 32 random bytes: 43 characters, no padding.
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(session.token, 'base64url')).toHaveLength(32);
    // Absolute lifetime: 12 h by default.
    const expiresAt = new Date(session.expiresAt).getTime();
    expect(expiresAt - before).toBeGreaterThan(12 * 3600_000 - 60_000);
    expect(expiresAt - before).toBeLessThan(12 * 3600_000 + 60_000);

    const rows = await server.sql<{ token_hash: string; user_id: string; row: string }>(
      `SELECT token_hash, user_id, row_to_json(s)::text AS row FROM user_session s`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(sha256(session.token));
    expect(rows[0].user_id).toBe(session.user.id);
    expect(rows[0].row).not.toContain(session.token);

    // A second login opens a second, different session.
    const again = await login('socialsekreterare@danderyd.example', DEMO_PASSWORD);
    expect(again.data!.login.token).not.toBe(session.token);
    const me = await server.gql<{ me: { email: string } }>('{ me { email } }', {}, session.token);
    expect(me.data?.me.email).toBe('socialsekreterare@danderyd.example');
  });

  it('accepts the email in any case and with surrounding spaces', async () => {
    const res = await login('  SocialSekreterare@Danderyd.EXAMPLE ', DEMO_PASSWORD);
    expect(res.errors).toBeUndefined();
    expect(res.data!.login.user.email).toBe('socialsekreterare@danderyd.example');
  });

  it('answers a wrong password, an unknown email and a disabled account identically', async () => {
    await server.sql(`UPDATE app_user SET disabled_at = now() WHERE email = 'utbildning@danderyd.example'`);
    const sessionsBefore = await server.sql(`SELECT id FROM user_session`);
    const wrongPassword = await login('socialsekreterare@danderyd.example', WRONG_PASSWORD);
    const unknownEmail = await login('ingen-alls@danderyd.example', WRONG_PASSWORD);
    const disabled = await login('utbildning@danderyd.example', DEMO_PASSWORD);
    const empty = await login('', '');

    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.data ?? null).toBeNull();
    expect(wrongPassword.errors).toHaveLength(1);
    expect(wrongPassword.errors![0].message).toBe('Invalid email or password');
    expect(codeOf(wrongPassword)).toBe('UNAUTHENTICATED');
    expect(unknownEmail).toEqual(wrongPassword);
    expect(disabled).toEqual(wrongPassword);
    expect(empty).toEqual(wrongPassword);
    expect(await server.sql(`SELECT id FROM user_session`)).toEqual(sessionsBefore);
  });

  it('backs off after 5 failures for one account, even for the right password, then lets it try again', async () => {
    const email = 'kommunpolis@polisen.example';
    const sessionsOf = (): Promise<unknown[]> =>
      server.sql(`SELECT s.id FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = $1`, [email]);
    expect(BACKOFF_AFTER_FAILURES.account).toBe(5);
    for (let i = 0; i < 5; i++) {
      const res = await login(email, WRONG_PASSWORD);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
    expect((await throttleOf(accountKey(email)))?.failures).toBe(5);
    // Pin the last failure to "now" so that the 1 s wait has certainly not passed.
    await server.sql(`UPDATE login_throttle SET last_failure_at = now() WHERE key = $1`, [accountKey(email)]);

    const throttled = await login(email, DEMO_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.data ?? null).toBeNull();
    expect(codeOf(throttled)).toBe('RATE_LIMITED');
    expect(throttled.errors![0].message).not.toMatch(/\d/); // no counts or wait times to probe with
    // A throttled attempt is not counted as a failure and opens no session.
    expect((await throttleOf(accountKey(email)))?.failures).toBe(5);
    expect(await sessionsOf()).toHaveLength(0);

    // The same for other spellings of the account's email.
    expect(codeOf(await login(email.toUpperCase(), DEMO_PASSWORD))).toBe('RATE_LIMITED');

    // Once the 1 s back-off has passed, the right password works and clears the account's counter.
    await server.sql(`UPDATE login_throttle SET last_failure_at = now() - interval '2 seconds' WHERE key = $1`, [
      accountKey(email),
    ]);
    const ok = await login(email, DEMO_PASSWORD);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.login.token).toBeTruthy();
    expect(await throttleOf(accountKey(email))).toBeUndefined();
  });

  it('doubles the wait with each further failure', async () => {
    const email = 'utbildning@polisen.example';
    const key = accountKey(email);
    // 7 failures: 2^(7-5) = 4 s.
    await server.sql(
      `INSERT INTO login_throttle (key, failures, window_started_at, last_failure_at) VALUES ($1, 7, now() - interval '5 minutes', now() - interval '3 seconds')`,
      [key],
    );
    expect(codeOf(await login(email, DEMO_PASSWORD))).toBe('RATE_LIMITED');
    await server.sql(`UPDATE login_throttle SET last_failure_at = now() - interval '5 seconds' WHERE key = $1`, [key]);
    expect(codeOf(await login(email, WRONG_PASSWORD))).toBe('UNAUTHENTICATED');
    // 8 failures now: 8 s; 5 s later is still too early.
    await server.sql(`UPDATE login_throttle SET last_failure_at = now() - interval '5 seconds' WHERE key = $1`, [key]);
    expect((await throttleOf(key))?.failures).toBe(8);
    expect(codeOf(await login(email, DEMO_PASSWORD))).toBe('RATE_LIMITED');
    await server.sql(`UPDATE login_throttle SET last_failure_at = now() - interval '9 seconds' WHERE key = $1`, [key]);
    expect((await login(email, DEMO_PASSWORD)).errors).toBeUndefined();
  });

  it('throttles an unknown email exactly like a known one', async () => {
    const email = 'finns-inte@polisen.example';
    for (let i = 0; i < 5; i++) expect(codeOf(await login(email, WRONG_PASSWORD))).toBe('UNAUTHENTICATED');
    await server.sql(`UPDATE login_throttle SET last_failure_at = now() WHERE key = $1`, [accountKey(email)]);
    const unknown = await login(email, WRONG_PASSWORD);

    for (let i = 0; i < 5; i++)
      expect(codeOf(await login('admin@polisen.example', WRONG_PASSWORD))).toBe('UNAUTHENTICATED');
    await server.sql(`UPDATE login_throttle SET last_failure_at = now() WHERE key = $1`, [
      accountKey('admin@polisen.example'),
    ]);
    const known = await login('admin@polisen.example', WRONG_PASSWORD);

    expect(codeOf(unknown)).toBe('RATE_LIMITED');
    expect(unknown).toEqual(known);
  });

  it('locks an account at 100 failures within the hour until the hour has passed', async () => {
    const email = 'loggkontroll@polisen.example';
    const key = accountKey(email);
    expect(LOCK_AT_FAILURES.account).toBe(100);
    // 99 failures in the window; the back-off (capped at 15 min) has passed.
    await server.sql(
      `INSERT INTO login_throttle (key, failures, window_started_at, last_failure_at)
       VALUES ($1, 99, now() - interval '30 minutes', now() - interval '16 minutes')`,
      [key],
    );
    expect(codeOf(await login(email, WRONG_PASSWORD))).toBe('UNAUTHENTICATED');
    const locked = await server.sql<{ failures: number; locked: boolean }>(
      `SELECT failures, locked_until BETWEEN window_started_at + interval '59 minutes' AND window_started_at + interval '61 minutes' AS locked
         FROM login_throttle WHERE key = $1`,
      [key],
    );
    expect(locked).toEqual([{ failures: 100, locked: true }]);

    // However long the back-off: locked means locked, whatever the password.
    await server.sql(`UPDATE login_throttle SET last_failure_at = now() - interval '20 minutes' WHERE key = $1`, [key]);
    expect(codeOf(await login(email, DEMO_PASSWORD))).toBe('RATE_LIMITED');
    expect(codeOf(await login(email, WRONG_PASSWORD))).toBe('RATE_LIMITED');
    expect((await throttleOf(key))?.failures).toBe(100);

    // The hour is over: the lock lifts and the right password works.
    await server.sql(
      `UPDATE login_throttle SET window_started_at = now() - interval '61 minutes', locked_until = now() - interval '1 minute' WHERE key = $1`,
      [key],
    );
    expect((await login(email, DEMO_PASSWORD)).errors).toBeUndefined();
  });

  it('starts a new window after an hour: old failures do not count', async () => {
    const email = 'loggkontroll@danderyd.example';
    const key = accountKey(email);
    await server.sql(
      `INSERT INTO login_throttle (key, failures, window_started_at, last_failure_at)
       VALUES ($1, 50, now() - interval '2 hours', now() - interval '61 minutes')`,
      [key],
    );
    expect(codeOf(await login(email, WRONG_PASSWORD))).toBe('UNAUTHENTICATED');
    expect((await throttleOf(key))?.failures).toBe(1);
  });

  it('counts concurrent failures one at a time: parallel guesses do not slip past the back-off', async () => {
    const email = 'admin@danderyd.example';
    const key = accountKey(email);
    // 5 failures, the 1 s back-off has passed: exactly one more attempt may be tried now.
    await server.sql(
      `INSERT INTO login_throttle (key, failures, window_started_at, last_failure_at) VALUES ($1, 5, now() - interval '1 minute', now() - interval '10 seconds')`,
      [key],
    );
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => login(email, `${WRONG_PASSWORD}-${i}`)));
    const codes = results.map(codeOf).sort();
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(1);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(7);
    expect((await throttleOf(key))?.failures).toBe(6);
  });

  it('throttles one client address across accounts', async () => {
    const after = BACKOFF_AFTER_FAILURES.address;
    // Different accounts (each below its own threshold), all from 127.0.0.1.
    for (let i = 0; i < after; i++) {
      expect(codeOf(await login(`okand-${i}@example.org`, WRONG_PASSWORD))).toBe('UNAUTHENTICATED');
    }
    const [address] = await server.sql<{ key: string; failures: number }>(
      `SELECT key, failures FROM login_throttle WHERE key LIKE 'address:%'`,
    );
    expect(address.failures).toBe(after);
    expect(address.key).toMatch(/^address:.*127\.0\.0\.1$/);
    await server.sql(`UPDATE login_throttle SET last_failure_at = now() WHERE key = $1`, [address.key]);

    // An account that never failed, with its right password, is refused from this address.
    const res = await login('socialsekreterare@taby.example', DEMO_PASSWORD);
    expect(codeOf(res)).toBe('RATE_LIMITED');

    await server.sql(`UPDATE login_throttle SET last_failure_at = now() - interval '2 seconds' WHERE key = $1`, [
      address.key,
    ]);
    expect((await login('socialsekreterare@taby.example', DEMO_PASSWORD)).errors).toBeUndefined();
    // A success clears the account's counter, not the address's.
    expect((await throttleOf(address.key))?.failures).toBe(after);
  });

  it('audits logins and failed logins without the password or the token', async () => {
    const [{ max }] = await server.sql<{ max: string | null }>(`SELECT max(id)::text AS max FROM audit_event`);
    const from = max ?? '0';
    const secretWrong = 'Hemligt-fel-l0senord-XYZ';
    const failed = await login('socialsekreterare@danderyd.example', secretWrong);
    expect(codeOf(failed)).toBe('UNAUTHENTICATED');
    const unknown = await login('okand-person@danderyd.example', secretWrong);
    expect(codeOf(unknown)).toBe('UNAUTHENTICATED');
    const ok = await login('socialsekreterare@danderyd.example', DEMO_PASSWORD);
    const token = ok.data!.login.token;

    const events = await server.sql<{
      action: string;
      outcome: string;
      actor_user_id: string | null;
      session_hash: string | null;
      operation_name: string;
      row: string;
    }>(
      `SELECT action, outcome, actor_user_id, session_hash, operation_name, row_to_json(a)::text AS row FROM audit_event a WHERE id > $1 ORDER BY id`,
      [from],
    );
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ['LOGIN_FAILED', 'DENIED'],
      ['LOGIN_FAILED', 'DENIED'],
      ['LOGIN', 'ALLOWED'],
    ]);
    expect(events.every((e) => e.operation_name === 'Login')).toBe(true);
    // A failure for a known account names the account; an unknown email names nobody.
    expect(events[0].actor_user_id).toBe(ok.data!.login.user.id);
    expect(events[1].actor_user_id).toBeNull();
    expect(events[2].actor_user_id).toBe(ok.data!.login.user.id);
    expect(events[2].session_hash).toBe(sha256(token));

    for (const e of events) {
      expect(e.row).not.toContain(secretWrong);
      expect(e.row).not.toContain(DEMO_PASSWORD);
      expect(e.row).not.toContain(token);
    }
  });
});
