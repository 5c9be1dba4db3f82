import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DANDERYD, POLICE, TABY } from '../../src/db/seed/demo-seed';
import { parseProviderFile } from '../../src/modules/identity/oidc/oidc-providers.file';
import { followFlow, startTestIdp, type FlowResult, type IdpUser, type TestIdp } from '../helpers/oidc-idp';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server';

const ME = `{ me { id email displayName roles organisation { name } } }`;

interface AuditRow {
  action: string;
  outcome: string;
  error_code: string | null;
  actor_user_id: string | null;
  row: string;
}

describe("sign-in through the organisation's identity provider (OpenID Connect)", () => {
  let idp: TestIdp;
  let server: TestServer;
  let secretDir: string;
  let seq = 0;

  const user = (over: Partial<IdpUser> = {}): IdpUser => {
    seq += 1;
    return {
      sub: `subject-${seq}-${Date.now()}`,
      email: `person${seq}@danderyd.example`,
      name: `Person ${seq}`,
      groups: ['sg-socialsekreterare'],
      amr: ['pwd', 'mfa'],
      ...over,
    };
  };
  const signIn = (
    who: IdpUser,
    options: Parameters<typeof followFlow>[1] = {},
    slug = 'danderyd',
  ): Promise<FlowResult> => {
    idp.nextUser = who;
    return followFlow(`${server.url}/auth/oidc/${slug}/start`, options);
  };
  const sessionToken = (flow: FlowResult): string | undefined => flow.jar.get(server.url, 'samverkan_session');
  const lastCallbackAudit = async (): Promise<AuditRow> =>
    (
      await server.sql<AuditRow>(
        `SELECT action, outcome, error_code, actor_user_id, row_to_json(a)::text AS row FROM audit_event a WHERE operation_name = 'oidcCallback' ORDER BY id DESC LIMIT 1`,
      )
    )[0];
  const count = async (table: string): Promise<number> =>
    Number((await server.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  /** A refusal: the reason on the page, no session, no user, and a LOGIN_FAILED event with the reason. */
  const expectRefused = async (
    flow: FlowResult,
    reason: string,
    before: { sessions: number; users: number },
  ): Promise<AuditRow> => {
    expect(flow.status).toBe(403);
    expect(flow.headers.get('x-oidc-refusal')).toBe(`OIDC_${reason}`);
    expect(flow.body).toContain('Inloggningen nekades');
    expect(flow.body).toContain(`OIDC_${reason}`);
    expect(sessionToken(flow)).toBeUndefined();
    expect(await count('user_session')).toBe(before.sessions);
    expect(await count('app_user')).toBe(before.users);
    const audit = await lastCallbackAudit();
    expect(audit).toMatchObject({ action: 'LOGIN_FAILED', outcome: 'DENIED', error_code: `OIDC_${reason}` });
    return audit;
  };
  const counts = async (): Promise<{ sessions: number; users: number }> => ({
    sessions: await count('user_session'),
    users: await count('app_user'),
  });

  beforeAll(async () => {
    idp = await startTestIdp();
    server = await startTestServer({ seed: true });
    idp.register([`${server.url}/auth/oidc/danderyd/callback`, `${server.url}/auth/oidc/polisen/callback`]);
    secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-oidc-'));
    const secretFile = path.join(secretDir, 'client-secret');
    fs.writeFileSync(secretFile, `${idp.clientSecret}\n`);
    const common = {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecretFile: secretFile,
      scopes: ['openid', 'email', 'profile', 'groups'],
      rolesClaim: 'groups',
      requiredAmr: ['mfa'],
    };
    const providers = parseProviderFile(
      JSON.stringify({
        providers: [
          {
            slug: 'danderyd',
            organisation: DANDERYD,
            ...common,
            roleMapping: {
              'sg-socialsekreterare': ['SOCIAL_WORKER'],
              'sg-utbildning': ['TRAINING_COORDINATOR'],
              'sg-granskare': ['AUDITOR'],
            },
          },
          { slug: 'polisen', organisation: POLICE, ...common, roleMapping: { 'sg-polis': ['POLICE_LIAISON'] } },
          // Nothing listens on port 1: a provider that is down.
          {
            slug: 'nere',
            organisation: TABY,
            ...common,
            issuer: 'http://127.0.0.1:1',
            roleMapping: { 'sg-socialsekreterare': ['SOCIAL_WORKER'] },
          },
        ],
      }),
      'test',
    );
    await server.runtime.app.services.oidc.applyProviders(providers);
  });
  afterEach(() => {
    idp.tamper = undefined;
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.stop();
    if (secretDir) fs.rmSync(secretDir, { recursive: true, force: true });
  });

  it('creates the user at the first sign-in in the organisation bound to the provider, with the mapped roles, and starts a browser session', async () => {
    const anna = user({ name: 'Anna Andersson' });
    const flow = await signIn(anna);
    // The way there: Samverkan → the provider (code flow with PKCE, state and nonce) → Samverkan.
    const authorization = new URL(flow.visited[1]);
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get('response_type')).toBe('code');
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('state')).toMatch(/^[\w-]{40,}$/);
    expect(authorization.searchParams.get('nonce')).toMatch(/^[\w-]{40,}$/);

    expect(flow.status).toBe(303);
    expect(flow.headers.get('location')).toBe('/');
    const cookie = flow.headers.getSetCookie().find((c) => c.startsWith('samverkan_session='))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    const token = sessionToken(flow)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const me = await server.gql<{
      me: { id: string; email: string; displayName: string; roles: string[]; organisation: { name: string } };
    }>(ME, {}, token);
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toMatchObject({
      email: anna.email,
      displayName: 'Anna Andersson',
      roles: ['SOCIAL_WORKER'],
      organisation: { name: DANDERYD },
    });
    const [identity] = await server.sql<{ issuer: string; user_id: string }>(
      `SELECT issuer, user_id FROM user_identity WHERE subject = $1`,
      [anna.sub],
    );
    expect(identity).toEqual({ issuer: idp.issuer, user_id: me.data!.me.id });

    const audit = await lastCallbackAudit();
    expect(audit).toMatchObject({
      action: 'LOGIN',
      outcome: 'ALLOWED',
      error_code: null,
      actor_user_id: me.data!.me.id,
    });
    expect(audit.row).not.toContain(token);
    // The user cannot log in with a password: there is none.
    const local = await server.gql(
      `mutation { login(email: "${anna.email}", password: "${DEMO_PASSWORD}") { token } }`,
    );
    expect(local.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('re-evaluates the roles at every sign-in, and the issuer and subject identify the user (not the e-mail)', async () => {
    const bo = user();
    const first = await signIn(bo);
    const firstMe = await server.gql<{ me: { id: string; roles: string[] } }>(ME, {}, sessionToken(first));
    expect(firstMe.data!.me.roles).toEqual(['SOCIAL_WORKER']);

    const second = await signIn({ ...bo, email: `renamed-${bo.email}`, groups: ['sg-utbildning'] });
    const secondMe = await server.gql<{ me: { id: string; email: string; roles: string[] } }>(
      ME,
      {},
      sessionToken(second),
    );
    expect(secondMe.data!.me).toMatchObject({
      id: firstMe.data!.me.id,
      email: `renamed-${bo.email}`,
      roles: ['TRAINING_COORDINATOR'],
    });
    // The first session now holds the new roles too: roles are read with the session.
    const again = await server.gql<{ me: { roles: string[] } }>(ME, {}, sessionToken(first));
    expect(again.data!.me.roles).toEqual(['TRAINING_COORDINATOR']);
  });

  it('refuses a sign-in without multi-factor authentication, with a clear reason, and audits it', async () => {
    const before = await counts();
    const flow = await signIn(user({ amr: ['pwd'] }));
    await expectRefused(flow, 'MFA_REQUIRED', before);
    expect(flow.body).toContain('flera faktorer');
  });

  it('refuses mapped roles that break separation of duties, and claims that map to no role', async () => {
    const before = await counts();
    await expectRefused(
      await signIn(user({ groups: ['sg-socialsekreterare', 'sg-granskare'] })),
      'SEPARATION_OF_DUTIES',
      before,
    );
    await expectRefused(await signIn(user({ groups: ['everyone'] })), 'NO_MAPPED_ROLE', before);
  });

  it('refuses a disabled user and audits the refusal under their id', async () => {
    const cecilia = user();
    const me = await server.gql<{ me: { id: string } }>(ME, {}, sessionToken(await signIn(cecilia)));
    await server.sql(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [me.data!.me.id]);
    const audit = await expectRefused(await signIn(cecilia), 'ACCOUNT_DISABLED', await counts());
    expect(audit.actor_user_id).toBe(me.data!.me.id);
  });

  it('does not take over a local account that has the same e-mail', async () => {
    const before = await counts();
    await expectRefused(await signIn(user({ email: 'admin@danderyd.example' })), 'EMAIL_IN_USE', before);
  });

  describe('refuses and audits a tampered or misdirected response', () => {
    const reSigned =
      (change: (claims: Record<string, unknown>) => Record<string, unknown>) => async (idToken: string) =>
        idp.sign(change({ ...idp.decode(idToken) }));

    it("a forged ID token (signed with another key under the provider's key id)", async () => {
      idp.tamper = async (idToken) => idp.forge({ ...idp.decode(idToken) });
      await expectRefused(await signIn(user()), 'ID_TOKEN_SIGNATURE_INVALID', await counts());
    });

    it('an expired ID token', async () => {
      const now = Math.floor(Date.now() / 1000);
      idp.tamper = reSigned((c) => ({ ...c, iat: now - 7200, exp: now - 3600 }));
      await expectRefused(await signIn(user()), 'ID_TOKEN_EXPIRED', await counts());
    });

    it('a wrong nonce', async () => {
      idp.tamper = reSigned((c) => ({ ...c, nonce: 'replayed-nonce-from-another-sign-in' }));
      await expectRefused(await signIn(user()), 'NONCE_MISMATCH', await counts());
    });

    it('a wrong issuer', async () => {
      idp.tamper = reSigned((c) => ({ ...c, iss: 'https://idp.attacker.example' }));
      await expectRefused(await signIn(user()), 'ISSUER_MISMATCH', await counts());
    });

    it('a wrong audience', async () => {
      idp.tamper = reSigned((c) => ({ ...c, aud: 'another-client', azp: undefined }));
      await expectRefused(await signIn(user()), 'AUDIENCE_MISMATCH', await counts());
    });

    it('a wrong state', async () => {
      const rewrite = (url: URL): URL => {
        if (url.pathname.endsWith('/callback')) url.searchParams.set('state', 'state-of-another-sign-in');
        return url;
      };
      await expectRefused(await signIn(user(), { rewrite }), 'STATE_MISMATCH', await counts());
    });

    it('a callback in a browser that did not start the sign-in (login CSRF), and a replayed callback', async () => {
      const before = await counts();
      const dropCookieAt = (url: URL): boolean => url.pathname.endsWith('/callback');
      await expectRefused(await signIn(user(), { dropCookieAt }), 'FLOW_NOT_FOUND', before);

      const ok = await signIn(user());
      expect(ok.status).toBe(303);
      const callback = ok.visited[ok.visited.length - 1];
      const after = await counts();
      const replay = await followFlow(callback);
      await expectRefused(replay, 'FLOW_NOT_FOUND', after);
    });

    it('a provider that cannot be reached: 503 with the reason, nothing started', async () => {
      const res = await fetch(`${server.url}/auth/oidc/nere/start`, { redirect: 'manual' });
      expect(res.status).toBe(503);
      expect(res.headers.get('x-oidc-refusal')).toBe('OIDC_PROVIDER_UNAVAILABLE');
      expect(res.headers.getSetCookie().some((c) => c.startsWith('samverkan_oidc='))).toBe(false);
    });

    it('a provider that is not configured', async () => {
      const res = await fetch(`${server.url}/auth/oidc/nowhere/start`, { redirect: 'manual' });
      expect(res.status).toBe(404);
      expect(res.headers.get('x-oidc-refusal')).toBe('OIDC_UNKNOWN_PROVIDER');
    });
  });

  it('a user is bound to the organisation of the provider they first signed in through', async () => {
    // The same issuer serves two organisations here; its subject belongs to the first.
    const dan = user({ groups: ['sg-socialsekreterare', 'sg-polis'] });
    expect((await signIn(dan)).status).toBe(303);
    await expectRefused(await signIn(dan, {}, 'polisen'), 'ORGANISATION_MISMATCH', await counts());
  });
});
