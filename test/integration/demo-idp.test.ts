import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { startRuntime } from '../../src/runtime';
import { DANDERYD, POLICE, TABY } from '../../src/db/seed/demo-seed';
import { DEMO_IDP_USERS, DemoIdpRefused, startDemoIdp } from '../../src/modules/identity/oidc/demo-idp';
import { DEMO_MARK } from '../../src/modules/identity/oidc/demo-idp.pages';
import { CookieJar, followFlow, type FlowResult } from '../helpers/oidc-idp';
import {
  DEMO_PASSWORD,
  PRODUCTION_TEST_SECRETS,
  startTestServer,
  TEST_AUDIT_HMAC_KEY,
  TEST_CELL_KEY_SECRET,
  type TestServer,
} from '../helpers/test-server';

const PROVIDERS = `{ signInProviders { name startUrl } }`;
const ME = `{ me { email displayName roles organisation { name } } }`;

describe('the demo identity provider is for development only', () => {
  it('is on by default in development on the embedded PostgreSQL, off with DATABASE_URL and in tests', () => {
    expect(loadConfig({ NODE_ENV: 'development', EMBEDDED_DATA_DIR: '.data-test-config' }).demoIdp).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'postgres://x@127.0.0.1/db' }).demoIdp).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://x@127.0.0.1/db' }).demoIdp).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'postgres://x@127.0.0.1/db', DEMO_IDP: 'false' }).demoIdp,
    ).toBe(false);
  });

  it('is refused by the configuration in production, and off there by default', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://x@127.0.0.1/db',
      ...PRODUCTION_TEST_SECRETS,
    };
    expect(loadConfig(production).demoIdp).toBe(false);
    expect(() => loadConfig({ ...production, DEMO_IDP: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, DEMO_IDP: 'true' })).toThrow(
      /DEMO_IDP cannot be used with NODE_ENV=production/,
    );
  });

  it('refuses to start in production even when asked directly', async () => {
    await expect(
      startDemoIdp({ nodeEnv: 'production', port: 0, password: DEMO_PASSWORD, logger: createLogger('silent') }),
    ).rejects.toBeInstanceOf(DemoIdpRefused);
  });
});

describe('sign-in through the demo identity provider (development)', () => {
  let server: TestServer;

  /** Samverkan → the demo IdP's login page. */
  const toLoginPage = async (slug: string, jar: CookieJar): Promise<FlowResult> => {
    const flow = await followFlow(`${server.url}/auth/oidc/${slug}/start`, { jar });
    expect(flow.status).toBe(200);
    return flow;
  };
  /** Fills in the demo IdP's form, then follows the redirects back to Samverkan's callback. */
  const submit = async (page: FlowResult, jar: CookieJar, form: Record<string, string>): Promise<FlowResult> => {
    const action = /<form method="post" action="([^"]+\/login)"/.exec(page.body)![1];
    const url = new URL(action, page.visited.at(-1)).href;
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header(url) },
      body: new URLSearchParams(form).toString(),
    });
    jar.store(url, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (!location)
      return { status: response.status, body: await response.text(), headers: response.headers, visited: [url], jar };
    return followFlow(new URL(location, url).href, { jar });
  };

  beforeAll(async () => {
    server = await startTestServer({ seedAtStart: true, env: { DEMO_IDP: 'true', DEMO_IDP_PORT: '0' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('is configured as the identity provider of the demo organisations, listed by signInProviders (names and start paths only)', async () => {
    expect(server.runtime.demoIdp).toBeDefined();
    const res = await server.gql<{ signInProviders: { name: string; startUrl: string }[] }>(PROVIDERS);
    expect(res.errors).toBeUndefined();
    expect(res.data!.signInProviders).toEqual([
      { name: 'Danderyds kommun (demo-IdP)', startUrl: '/auth/oidc/demo-danderyd/start' },
      { name: 'Polisen (demo-IdP)', startUrl: '/auth/oidc/demo-polisen/start' },
      { name: 'Täby kommun (demo-IdP)', startUrl: '/auth/oidc/demo-taby/start' },
    ]);
    const rows = await server.sql<{ organisation: string; issuer: string }>(
      `SELECT o.name AS organisation, p.issuer FROM identity_provider p JOIN organisation o ON o.id = p.organisation_id WHERE p.enabled ORDER BY p.slug`,
    );
    expect(rows.map((r) => r.organisation)).toEqual([DANDERYD, POLICE, TABY]);
    expect(new Set(rows.map((r) => r.issuer))).toEqual(new Set([server.runtime.demoIdp!.issuer]));
    // Even the anonymous listing is in the audit log.
    const [audit] = await server.sql<{ outcome: string; actor_user_id: string | null }>(
      `SELECT outcome, actor_user_id FROM audit_event WHERE fields @> ARRAY['Query.signInProviders'] ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ outcome: 'ALLOWED', actor_user_id: null });
  });

  it('shows a login page clearly marked as a demo, refuses a wrong password, and signs a demo user in with the mapped role', async () => {
    const jar = new CookieJar();
    const page = await toLoginPage('demo-danderyd', jar);
    expect(page.visited[1].startsWith(server.runtime.demoIdp!.issuer)).toBe(true);
    expect(page.body).toContain(DEMO_MARK);
    expect(page.body).toContain('Demo – inte för verklig användning');
    const sara = DEMO_IDP_USERS.find((u) => u.sub === 'demo-sara')!;

    const wrong = await submit(page, jar, { email: sara.email, password: 'not-the-password', mfa: 'yes' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('Fel e-postadress eller lösenord');

    const done = await submit(wrong, jar, { email: sara.email, password: DEMO_PASSWORD, mfa: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    const token = jar.get(server.url, 'samverkan_session')!;
    expect(token).toBeTruthy();
    const me = await server.gql<{ me: { email: string; roles: string[]; organisation: { name: string } } }>(
      ME,
      {},
      token,
    );
    expect(me.data!.me).toMatchObject({
      email: sara.email,
      roles: ['SOCIAL_WORKER'],
      organisation: { name: DANDERYD },
    });
  });

  it('refuses the sign-in when the demo second factor is not ticked (OIDC_MFA_REQUIRED)', async () => {
    const jar = new CookieJar();
    const page = await toLoginPage('demo-polisen', jar);
    const klas = DEMO_IDP_USERS.find((u) => u.sub === 'demo-klas')!;
    const refused = await submit(page, jar, { email: klas.email, password: DEMO_PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-oidc-refusal')).toBe('OIDC_MFA_REQUIRED');
    expect(jar.get(server.url, 'samverkan_session')).toBeUndefined();
  });

  it('is not started, and its providers are disabled, when the API starts again with DEMO_IDP off', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: server.db.url,
      INDICATOR_CELL_KEY_SECRET: TEST_CELL_KEY_SECRET,
      AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
      AUDIT_ANCHOR_FILE: server.anchorFile,
      DEMO_IDP: 'false',
    });
    const again = await startRuntime(config, createLogger('silent'), {
      location: {
        appUrl: server.db.url,
        migrationUrl: server.db.url,
        embedded: undefined,
        stop: async () => undefined,
      },
      runSealer: false,
    });
    try {
      expect(again.demoIdp).toBeUndefined();
      const res = await server.gql<{ signInProviders: unknown[] }>(PROVIDERS);
      expect(res.data!.signInProviders).toEqual([]);
      const flow = await followFlow(`${server.url}/auth/oidc/demo-danderyd/start`);
      expect(flow.headers.get('x-oidc-refusal')).toBe('OIDC_UNKNOWN_PROVIDER');
    } finally {
      await again.stop();
    }
  });
});
