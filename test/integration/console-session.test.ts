import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/web/session-cookie';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server';

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const LOGIN =
  'mutation SignIn($email: String!, $password: String!) { login(email: $email, password: $password) { expiresAt } }';
const ME = 'query CurrentUser { me { email } }';

/** The console's browser session: an httpOnly SameSite=Strict cookie set by login and read by /graphql. */
describe('console session cookie', () => {
  let server: TestServer;
  const post = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
  const signIn = async (
    email = 'kommunpolis@polisen.example',
  ): Promise<{ cookie: string; token: string; setCookie: string }> => {
    const res = await post(LOGIN, { email, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    const token = new RegExp(`^${SESSION_COOKIE}=([A-Za-z0-9_-]+);`).exec(setCookie)?.[1] ?? '';
    return { cookie: `${SESSION_COOKIE}=${token}`, token, setCookie };
  };

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('login sets an httpOnly, SameSite=Strict cookie for /graphql only (not Secure under NODE_ENV=test)', async () => {
    const { setCookie, token } = await signIn();
    expect(token.length).toBeGreaterThanOrEqual(40);
    const attributes = setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/graphql');
    expect(attributes).not.toContain('secure');
    const maxAge = Number(attributes.find((a) => a.startsWith('max-age='))?.slice(8));
    expect(maxAge).toBeGreaterThan(server.config.sessionAbsoluteTimeoutSeconds - 60);
    expect(maxAge).toBeLessThanOrEqual(server.config.sessionAbsoluteTimeoutSeconds);
    const stored = await server.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM user_session WHERE token_hash = $1 AND revoked_at IS NULL',
      [sha256(token)],
    );
    expect(stored[0].n).toBe(1);
  });

  it('a failed login sets no cookie', async () => {
    const res = await post(LOGIN, { email: 'kommunpolis@polisen.example', password: 'not-the-password-at-all' });
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('the cookie is accepted as the session, like the bearer token', async () => {
    const { cookie } = await signIn('socialsekreterare@danderyd.example');
    const res = await post(ME, {}, { cookie });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { me: { email: string } } }).data.me.email).toBe(
      'socialsekreterare@danderyd.example',
    );
    // Without it: not signed in.
    const anonymous = await post(ME);
    expect(anonymous.status).toBe(401);
  });

  it('a request with the cookie but a simple content type is refused by CSRF prevention', async () => {
    const { cookie } = await signIn();
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie },
      body: JSON.stringify({ query: ME }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { data?: unknown; errors: { extensions?: { code?: string } }[] };
    expect(body.data).toBeUndefined();
  });

  it('logout revokes the session and clears the cookie; the old cookie is no longer accepted', async () => {
    const { cookie, token } = await signIn();
    const res = await post('mutation SignOut { logout }', {}, { cookie });
    expect(res.status).toBe(200);
    const cleared = (res.headers.get('set-cookie') ?? '').toLowerCase();
    expect(cleared).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cleared).toContain('max-age=0');
    const revoked = await server.sql<{ revoked: boolean }>(
      'SELECT revoked_at IS NOT NULL AS revoked FROM user_session WHERE token_hash = $1',
      [sha256(token)],
    );
    expect(revoked[0].revoked).toBe(true);
    const after = await post(ME, {}, { cookie });
    expect(after.status).toBe(401);
  });

  it('an idle-expired session is not accepted through the cookie, and the answer clears the cookie', async () => {
    const { cookie, token } = await signIn();
    await server.sql(`UPDATE user_session SET last_seen_at = now() - make_interval(secs => $2) WHERE token_hash = $1`, [
      sha256(token),
      server.config.sessionIdleTimeoutSeconds + 60,
    ]);
    const res = await post(ME, {}, { cookie });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((res.headers.get('set-cookie') ?? '').toLowerCase()).toContain('max-age=0');
  });

  it('serves the console page at / and at client routes with a strict CSP, never in place of the API routes', async () => {
    for (const path of ['/', '/forebyggande', '/uppfoljning?lofte=x']) {
      const res = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
      expect(scriptSrc.trim()).toBe("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('lang="sv"');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    }
    const health = await fetch(`${server.url}/health`);
    expect(health.headers.get('content-type')).toContain('application/json');
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const graphql = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    expect(graphql.headers.get('content-type')).toContain('application/json');
    const missing = await fetch(`${server.url}/assets/not-there-123.js`);
    expect(missing.status).toBe(404);
  });
});
