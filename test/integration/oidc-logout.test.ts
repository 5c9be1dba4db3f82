import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANDERYD } from '../../src/db/seed/demo-seed';
import { parseProviderFile } from '../../src/modules/identity/oidc/oidc-providers.file';
import { CookieJar, followFlow, startTestIdp, type TestIdp } from '../helpers/oidc-idp';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SIGN_OUT = `mutation { signOut { ended providerLogoutUrl } }`;

describe("logout offers the identity provider's end-session", () => {
  let idp: TestIdp;
  let server: TestServer;
  let secretDir: string;

  beforeAll(async () => {
    idp = await startTestIdp();
    server = await startTestServer({ seed: true });
    idp.register([`${server.url}/auth/oidc/danderyd/callback`], [`${server.url}/`]);
    secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-oidc-logout-'));
    const secretFile = path.join(secretDir, 'client-secret');
    fs.writeFileSync(secretFile, `${idp.clientSecret}\n`);
    const providers = parseProviderFile(
      JSON.stringify({
        providers: [
          {
            slug: 'danderyd',
            organisation: DANDERYD,
            issuer: idp.issuer,
            clientId: idp.clientId,
            clientSecretFile: secretFile,
            scopes: ['openid', 'email', 'profile', 'groups'],
            rolesClaim: 'groups',
            requiredAmr: ['mfa'],
            roleMapping: { 'sg-socialsekreterare': ['SOCIAL_WORKER'] },
          },
        ],
      }),
      'test',
    );
    await server.runtime.app.services.oidc.applyProviders(providers);
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.stop();
    if (secretDir) fs.rmSync(secretDir, { recursive: true, force: true });
  });

  it("ends an OIDC session and answers the provider's end-session URL, which ends the provider's session too", async () => {
    idp.nextUser = {
      sub: `logout-${Date.now()}`,
      email: 'utloggning@danderyd.example',
      name: 'Ulla Utloggning',
      groups: ['sg-socialsekreterare'],
      amr: ['pwd', 'mfa'],
    };
    const jar = new CookieJar();
    const flow = await followFlow(`${server.url}/auth/oidc/danderyd/start`, { jar });
    expect(flow.status).toBe(303);
    const token = jar.get(server.url, 'samverkan_session')!;
    expect(token).toBeTruthy();
    const [stored] = await server.sql<{ id_token_hint: string | null; provider_id: string | null }>(
      `SELECT id_token_hint, provider_id FROM user_session WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
      [token],
    );
    expect(stored.provider_id).toBeTruthy();
    const idToken = stored.id_token_hint!;
    expect(idp.decode(idToken).sub).toBe(idp.nextUser.sub);

    const res = await server.gql<{ signOut: { ended: boolean; providerLogoutUrl: string | null } }>(
      SIGN_OUT,
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.signOut.ended).toBe(true);
    const url = new URL(res.data!.signOut.providerLogoutUrl!);
    const discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as {
      end_session_endpoint: string;
    };
    expect(`${url.origin}${url.pathname}`).toBe(discovery.end_session_endpoint);
    expect(url.searchParams.get('id_token_hint')).toBe(idToken);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${server.url}/`);
    expect(url.searchParams.get('client_id')).toBe(idp.clientId);
    // The session has ended in Samverkan.
    expect((await server.gql('{ me { email } }', {}, token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // The provider accepts it: its logout page (a confirmation form) for this client, not an error.
    const idpCookies = jar.header(idp.issuer);
    expect(idpCookies).toContain('_session');
    const page = await fetch(url, { redirect: 'manual', headers: { cookie: idpCookies } });
    const body = await page.text();
    expect(page.status).toBe(200);
    expect(body).toContain('logout');
    expect(body).not.toMatch(/invalid_request|error/i);
  });

  it('answers no provider URL for a local session', async () => {
    const token = await server.login('socialsekreterare@danderyd.example');
    const res = await server.gql<{ signOut: { ended: boolean; providerLogoutUrl: string | null } }>(
      SIGN_OUT,
      {},
      token,
    );
    expect(res.data!.signOut).toEqual({ ended: true, providerLogoutUrl: null });
    expect((await server.gql('{ me { email } }', {}, token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses signOut without a session, and changes nothing', async () => {
    const res = await server.gql(SIGN_OUT);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
