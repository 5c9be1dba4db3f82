import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';
import { opConfiguration } from '../../src/modules/identity/oidc/op-configuration';

/** A person at the test identity provider, and how they authenticate this time. */
export interface IdpUser {
  sub: string;
  email?: string;
  name?: string;
  groups: string[];
  /** Authentication methods of this sign-in (`amr`), e.g. ['pwd', 'mfa']. */
  amr: string[];
  acr?: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next interaction (the login form a person would fill in). */
  nextUser: IdpUser | undefined;
  /** Rewrites the ID token the token endpoint returns, for the attacks: set per test, cleared after. */
  tamper: ((idToken: string) => Promise<string>) | undefined;
  /** Registers Samverkan's redirect URIs (known once Samverkan listens), and where logout may return to. */
  register(redirectUris: string[], postLogoutRedirectUris?: string[]): void;
  /** Signs a token with the provider's own key (a valid signature over chosen claims). */
  sign(payload: JWTPayload): Promise<string>;
  /** Signs a token with a different key that claims the provider's key id (a forgery). */
  forge(payload: JWTPayload): Promise<string>;
  decode(token: string): JWTPayload;
  stop(): Promise<void>;
}

const KID = 'test-idp-key-1';

/**
 * `oidc-provider` (a certified OpenID Provider) in this process on a loopback port. The login
 * interaction is answered by the test (`nextUser`); consent is granted for the requested scopes.
 */
export async function startTestIdp(): Promise<TestIdp> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const forger = (await generateKeyPair('RS256', { extractable: true })).privateKey;

  let provider: Provider | undefined;
  const server = http.createServer((req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end();
      return;
    }
    if (req.url?.startsWith('/interaction/')) {
      void interact(provider, req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    void provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const idp: TestIdp = {
    issuer,
    clientId: 'samverkan-test',
    clientSecret: 'test-client-secret-of-32-characters!',
    nextUser: undefined,
    tamper: undefined,
    register(redirectUris, postLogoutRedirectUris = []) {
      provider = new Provider(
        issuer,
        opConfiguration({
          client: {
            clientId: idp.clientId,
            clientSecret: idp.clientSecret,
            redirectUris,
            postLogoutRedirectUris,
          },
          jwk: privateJwk,
          acrValues: ['urn:test:loa:2', 'urn:test:loa:3'],
          account: (sub) => (idp.nextUser?.sub === sub ? idp.nextUser : undefined),
        }),
      );
      provider.use(async (ctx, next) => {
        await next();
        const body = ctx.body as { id_token?: string } | undefined;
        if (ctx.path === '/token' && idp.tamper && body?.id_token)
          ctx.body = { ...body, id_token: await idp.tamper(body.id_token) };
      });
    },
    sign: (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(privateKey),
    forge: (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(forger),
    decode: (token) => decodeJwt(token),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  async function interact(p: Provider, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const details = await p.interactionDetails(req, res);
    const user = idp.nextUser;
    if (details.prompt.name === 'login') {
      if (!user) {
        await p.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'no test user' },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      await p.interactionFinished(
        req,
        res,
        { login: { accountId: user.sub, amr: user.amr, acr: user.acr } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new p.Grant({ clientId: String(details.params.client_id), accountId: details.session!.accountId });
    grant.addOIDCScope(String(details.params.scope));
    await p.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  }

  return idp;
}

/** A browser's cookies, per origin; enough for the redirect flow (paths and expiry are not needed). */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  store(url: string, setCookies: string[]): void {
    const origin = new URL(url).origin;
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    this.cookies.set(origin, jar);
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))) jar.delete(name);
      else jar.set(name, value);
    }
  }

  get(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).origin)?.get(name);
  }

  header(url: string): string {
    return [...(this.cookies.get(new URL(url).origin) ?? new Map<string, string>()).entries()]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }
}

export interface FlowResult {
  status: number;
  body: string;
  headers: Headers;
  /** Every URL the browser visited, in order. */
  visited: string[];
  jar: CookieJar;
}

/**
 * A browser following redirects from `startUrl` until Samverkan's callback has answered (or a page
 * that is not a redirect). `rewrite` may change any URL before the browser goes there (an attacker
 * editing a link).
 */
export async function followFlow(
  startUrl: string,
  options: { jar?: CookieJar; rewrite?: (url: URL) => URL; dropCookieAt?: (url: URL) => boolean } = {},
): Promise<FlowResult> {
  const jar = options.jar ?? new CookieJar();
  const visited: string[] = [];
  let url = startUrl;
  for (let hop = 0; hop < 20; hop++) {
    const target = options.rewrite ? options.rewrite(new URL(url)).href : url;
    visited.push(target);
    const cookie = options.dropCookieAt?.(new URL(target)) ? '' : jar.header(target);
    const response = await fetch(target, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    jar.store(target, response.headers.getSetCookie());
    const location = response.headers.get('location');
    const isCallback = new URL(target).pathname.endsWith('/callback');
    if (response.status >= 300 && response.status < 400 && location && !isCallback) {
      await response.arrayBuffer();
      url = new URL(location, target).href;
      continue;
    }
    return { status: response.status, body: await response.text(), headers: response.headers, visited, jar };
  }
  throw new Error(`too many redirects: ${visited.join(' → ')}`);
}
