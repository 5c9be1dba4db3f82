import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from '../../../config/logger';
import { DANDERYD, POLICE, TABY } from '../../../db/seed/demo-seed';
import { Role } from '../identity.enums';
import { loggedOutPage, loginPage, logoutPage } from './demo-idp.pages';
import type { ProviderDefinition } from './oidc-providers.file';
import { newSigningJwk, opConfiguration, type OpAccount } from './op-configuration';

/**
 * The demo identity provider: `oidc-provider` in the API's process on a loopback port, started by
 * `npm start` in development (embedded PostgreSQL with the demo data) so that the sign-in through an
 * organisation's provider can be tried without one. Never in production: the configuration refuses
 * DEMO_IDP there, `startDemoIdp` refuses it again, and a production install has no `oidc-provider`.
 */

/** A person at the demo provider, and the demo organisation its provider belongs to. */
export interface DemoIdpUser extends OpAccount {
  email: string;
  name: string;
  organisation: string;
  /** The Samverkan role the groups map to (shown on the login page). */
  role: Role;
}

/** One demo provider per demo organisation; users are created at their first sign-in (just in time). */
const PROVIDERS: readonly {
  slug: string;
  organisation: string;
  displayName: string;
  mapping: Record<string, Role[]>;
}[] = [
  {
    slug: 'demo-danderyd',
    organisation: DANDERYD,
    displayName: 'Danderyds kommun (demo-IdP)',
    mapping: {
      'Samverkan.Socialsekreterare': [Role.SOCIAL_WORKER],
      'Samverkan.Loggkontroll': [Role.AUDITOR],
      'Samverkan.Administrator': [Role.ADMIN],
    },
  },
  {
    slug: 'demo-polisen',
    organisation: POLICE,
    displayName: 'Polisen (demo-IdP)',
    mapping: { 'Samverkan.Kommunpolis': [Role.POLICE_LIAISON] },
  },
  {
    slug: 'demo-taby',
    organisation: TABY,
    displayName: 'Täby kommun (demo-IdP)',
    mapping: { 'Samverkan.Socialsekreterare': [Role.SOCIAL_WORKER] },
  },
];

/** E-mail addresses of their own (`@idp.…`): the seeded local demo accounts keep theirs. */
export const DEMO_IDP_USERS: readonly DemoIdpUser[] = [
  {
    sub: 'demo-sara',
    email: 'sara.socialsekreterare@idp.danderyd.example',
    name: 'Sara Socialsekreterare (demo-IdP)',
    organisation: DANDERYD,
    groups: ['Samverkan.Socialsekreterare'],
    role: Role.SOCIAL_WORKER,
  },
  {
    sub: 'demo-greta',
    email: 'greta.granskare@idp.danderyd.example',
    name: 'Greta Granskare (demo-IdP)',
    organisation: DANDERYD,
    groups: ['Samverkan.Loggkontroll'],
    role: Role.AUDITOR,
  },
  {
    sub: 'demo-adam',
    email: 'adam.admin@idp.danderyd.example',
    name: 'Adam Administratör (demo-IdP)',
    organisation: DANDERYD,
    groups: ['Samverkan.Administrator'],
    role: Role.ADMIN,
  },
  {
    sub: 'demo-klas',
    email: 'klas.kommunpolis@idp.polisen.example',
    name: 'Klas Kommunpolis (demo-IdP)',
    organisation: POLICE,
    groups: ['Samverkan.Kommunpolis'],
    role: Role.POLICE_LIAISON,
  },
  {
    sub: 'demo-tove',
    email: 'tove.socialsekreterare@idp.taby.example',
    name: 'Tove Socialsekreterare (demo-IdP)',
    organisation: TABY,
    groups: ['Samverkan.Socialsekreterare'],
    role: Role.SOCIAL_WORKER,
  },
];

export const DEMO_IDP_SLUGS: readonly string[] = PROVIDERS.map((p) => p.slug);
export const DEMO_IDP_ORGANISATIONS: readonly string[] = PROVIDERS.map((p) => p.organisation);
export const DEMO_IDP_CLIENT_ID = 'samverkan-demo';

const ROLE_TEXT: Record<string, string> = {
  [Role.SOCIAL_WORKER]: 'Socialsekreterare',
  [Role.AUDITOR]: 'Loggkontroll (granskare)',
  [Role.ADMIN]: 'Administratör',
  [Role.POLICE_LIAISON]: 'Kommunpolis',
};

export class DemoIdpRefused extends Error {}

export interface DemoIdp {
  issuer: string;
  /** The demo providers of the organisations given (those present in the database). */
  definitions(organisations: ReadonlySet<string>): ProviderDefinition[];
  /** Lets the client return to these Samverkan origins (known once Samverkan listens). */
  register(origins: readonly string[]): void;
  stop(): Promise<void>;
}

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 10_000) break;
  }
  return new URLSearchParams(text);
}

/**
 * Starts the demo provider on 127.0.0.1:`port` (0: any free port). Its people sign in with
 * `password` (the demo seed's) and a checkbox standing for the second factor.
 */
export async function startDemoIdp(options: {
  nodeEnv: string;
  port: number;
  password: string;
  logger: Logger;
}): Promise<DemoIdp> {
  if (options.nodeEnv === 'production') throw new DemoIdpRefused('the demo identity provider never runs in production');
  const { default: ProviderClass } = await import('oidc-provider');
  const jwk = newSigningJwk('demo-idp-key');
  let provider: Provider | undefined;

  const server = http.createServer((req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end();
      return;
    }
    const p = provider;
    const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec((req.url ?? '').split('?')[0]);
    if (match) {
      void interact(p, req, res, match[2]).catch(() => {
        if (res.headersSent) return void res.end();
        res.statusCode = 400;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(loggedOutPage());
      });
      return;
    }
    void p.callback()(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const send = (res: http.ServerResponse, status: number, html: string): void => {
    res.statusCode = status;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.end(html);
  };

  async function interact(
    p: Provider,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    action: string | undefined,
  ): Promise<void> {
    const details = await p.interactionDetails(req, res);
    if (details.prompt.name !== 'login') {
      // First-party client: consent is granted for what was asked.
      const grant = new p.Grant({ clientId: String(details.params.client_id), accountId: details.session!.accountId });
      grant.addOIDCScope(String(details.params.scope));
      await p.interactionFinished(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    const people = DEMO_IDP_USERS.map((u) => ({ ...u, role: ROLE_TEXT[u.role] ?? u.role }));
    if (req.method === 'GET' && !action) return send(res, 200, loginPage(details.uid, people));
    if (req.method !== 'POST') return send(res, 405, loginPage(details.uid, people));
    if (action === 'abort') {
      await p.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'cancelled at the demo IdP' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const form = await formBody(req);
    const email = (form.get('email') ?? '').trim().toLowerCase();
    const user = DEMO_IDP_USERS.find((u) => u.email === email);
    const passwordOk = timingSafeEqual(sha256(form.get('password') ?? ''), sha256(options.password));
    if (!user || !passwordOk)
      return send(
        res,
        401,
        loginPage(details.uid, people, 'Fel e-postadress eller lösenord (se demoanvändarna nedan).'),
      );
    const amr = form.get('mfa') === 'yes' ? ['pwd', 'mfa'] : ['pwd'];
    await p.interactionFinished(req, res, { login: { accountId: user.sub, amr } }, { mergeWithLastSubmission: false });
  }

  const idp: DemoIdp = {
    issuer,
    definitions: (organisations) =>
      PROVIDERS.filter((p) => organisations.has(p.organisation)).map((p) => ({
        slug: p.slug,
        organisation: p.organisation,
        displayName: p.displayName,
        issuer,
        clientId: DEMO_IDP_CLIENT_ID,
        clientSecretFile: null,
        scopes: ['openid', 'profile', 'email', 'groups'],
        rolesClaim: 'groups',
        roleMapping: p.mapping,
        requiredAcr: [],
        requiredAmr: ['mfa'],
      })),
    register(origins) {
      provider = new ProviderClass(
        issuer,
        opConfiguration({
          client: {
            clientId: DEMO_IDP_CLIENT_ID,
            redirectUris: origins.flatMap((o) => PROVIDERS.map((p) => `${o}/auth/oidc/${p.slug}/callback`)),
            postLogoutRedirectUris: origins.map((o) => `${o}/`),
          },
          jwk,
          account: (sub) => DEMO_IDP_USERS.find((u) => u.sub === sub),
          logoutPages: {
            confirm: (ctx: KoaContextWithOIDC, form: string) => {
              ctx.type = 'html';
              ctx.body = logoutPage(form);
            },
            done: (ctx: KoaContextWithOIDC) => {
              ctx.type = 'html';
              ctx.body = loggedOutPage();
            },
          },
        }),
      );
      // Only the error's name: never a token or a code.
      provider.on('server_error', (_ctx, error) => options.logger.warn({ err: error.name }, 'demo IdP: server error'));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return idp;
}
