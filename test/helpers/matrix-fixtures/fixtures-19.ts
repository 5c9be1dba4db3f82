import { randomBytes } from 'node:crypto';
import { tokenHash } from '../../../src/modules/identity/login/login.rules';
import { newTotpSecret, SecretBox, totpCode } from '../../../src/modules/identity/second-factor/totp';
import type { TestServer } from '../test-server';
import type { Fixture, FixtureContext } from './types';

/**
 * Demo users whose second factor a fixture below set up (or let the caller enrol): removed again by
 * the next case's `args`, so that no demo user keeps a factor (a confirmed one would make their next
 * password login answer SECOND_FACTOR_REQUIRED). Every operation's last caller is the anonymous one,
 * whose `args` clears what the last demo user's case left.
 */
const demoFactors = new Set<string>();

async function forgetDemoFactors(server: TestServer): Promise<void> {
  if (demoFactors.size === 0) return;
  const ids = [...demoFactors];
  await server.sql(`DELETE FROM recovery_code WHERE user_id = ANY($1::uuid[])`, [ids]);
  await server.sql(`DELETE FROM user_second_factor WHERE user_id = ANY($1::uuid[])`, [ids]);
  await server.sql(`DELETE FROM login_challenge WHERE user_id = ANY($1::uuid[])`, [ids]);
  demoFactors.clear();
}

/** A TOTP factor of the user with a known secret (sealed as the server seals it), confirmed or awaiting its first code. */
async function factorOf(server: TestServer, userId: string, confirmed: boolean): Promise<string> {
  const secret = newTotpSecret();
  const sealed = new SecretBox(server.config.indicatorCellKeySecret!).seal(secret, userId);
  await server.sql(
    `INSERT INTO user_second_factor (user_id, secret_encrypted, confirmed_at, last_used_step)
     VALUES ($1, $2, CASE WHEN $3::boolean THEN now() END, NULL)
     ON CONFLICT (user_id) DO UPDATE SET secret_encrypted = EXCLUDED.secret_encrypted,
       confirmed_at = EXCLUDED.confirmed_at, last_used_step = NULL`,
    [userId, sealed, confirmed],
  );
  return secret;
}

/** A live login challenge of the user, as a correct password answers it. */
async function challengeOf(server: TestServer, userId: string, purpose: 'verify' | 'enrol'): Promise<string> {
  const challenge = randomBytes(32).toString('base64url');
  await server.sql(
    `INSERT INTO login_challenge (token_hash, user_id, purpose, attempts_left, expires_at)
     VALUES ($1, $2, $3, 5, now() + interval '5 minutes')`,
    [tokenHash(challenge), userId, purpose],
  );
  return challenge;
}

/** A fresh user of the caller's organisation (Danderyd's social services when anonymous) halfway through a login. */
async function freshLogin(
  { caller, server, freshUser }: FixtureContext,
  purpose: 'verify' | 'enrol',
): Promise<{ userId: string; challenge: string }> {
  const userId = await freshUser(caller.organisationId);
  return { userId, challenge: await challengeOf(server, userId, purpose) };
}

/** Access-matrix fixtures of issue #19's operations (TOTP second factor, sign-out through the identity provider). */
export const FIXTURES_19: Record<string, Fixture> = {
  mySecondFactor: {},
  // PUBLIC: a signed-in caller enrols themselves (removed again by the next case); the anonymous
  // caller continues the login of a fresh user that must enrol.
  enrolSecondFactor: {
    args: async (ctx) => {
      await forgetDemoFactors(ctx.server);
      if (ctx.caller.userId) {
        demoFactors.add(ctx.caller.userId);
        return {};
      }
      return { challenge: (await freshLogin(ctx, 'enrol')).challenge };
    },
  },
  // PUBLIC: the login of a fresh user that must enrol: its enrolment awaiting the first code, and that code.
  // (Without a challenge the caller's own enrolment would be confirmed, and the demo user's next login need a code.)
  confirmSecondFactor: {
    args: async (ctx) => {
      const { userId, challenge } = await freshLogin(ctx, 'enrol');
      const secret = await factorOf(ctx.server, userId, false);
      return { challenge, code: totpCode(secret, Date.now()) };
    },
  },
  // PUBLIC: the login of a fresh user with a confirmed factor, and a current code.
  loginWithSecondFactor: {
    args: async (ctx) => {
      const { userId, challenge } = await freshLogin(ctx, 'verify');
      const secret = await factorOf(ctx.server, userId, true);
      return { challenge, code: totpCode(secret, Date.now()) };
    },
  },
  // SESSION_SELF: only the caller's own factor will do; it is confirmed here and removed by the next case.
  regenerateRecoveryCodes: {
    args: async ({ caller, server }) => {
      await forgetDemoFactors(server);
      if (!caller.userId) return { code: '000000' };
      demoFactors.add(caller.userId);
      const secret = await factorOf(server, caller.userId, true);
      return { code: totpCode(secret, Date.now()) };
    },
  },
  // USER_MANAGE (own organisation, not oneself): a fresh user of the caller's organisation with a confirmed factor.
  resetSecondFactor: {
    args: async ({ caller, server, freshUser }) => {
      const userId = await freshUser(caller.organisationId);
      await factorOf(server, userId, true);
      return { userId };
    },
  },
  signOut: { endsSession: true },
  // PUBLIC: the sign-in page's provider buttons (none configured in the matrix's server: an empty list).
  signInProviders: {},
};
