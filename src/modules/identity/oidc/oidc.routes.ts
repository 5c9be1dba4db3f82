import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SignInRefusal } from '../../../access/oidc-sign-in';
import { sessionCookie } from '../../../web/session-cookie';
import { AuditRecorder } from '../../audit/audit.recorder';
import { FLOW_LIFETIME_SECONDS, OidcRefused, type OidcService } from './oidc.service';

/** The browser session cookie (httpOnly, SameSite=Strict); API clients send a bearer token instead. */
export { SESSION_COOKIE } from '../../../web/session-cookie';
/**
 * Ties a callback to the browser that started the sign-in. SameSite=Lax, not Strict: the provider's
 * redirect back is a cross-site navigation, on which a Strict cookie would not be sent.
 */
export const FLOW_COOKIE = 'samverkan_oidc';
const FLOW_PATH = '/auth/oidc/';

interface CookieOptions {
  maxAgeSeconds: number;
  path: string;
  sameSite: 'Strict' | 'Lax';
  secure: boolean;
}

function cookie(name: string, value: string, o: CookieOptions): string {
  return `${name}=${value}; Path=${o.path}; Max-Age=${o.maxAgeSeconds}; HttpOnly; SameSite=${o.sameSite}${o.secure ? '; Secure' : ''}`;
}

/** One cookie's value from the request's Cookie header. */
export function cookieValue(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * Starts a browser session: the session token in an httpOnly, SameSite=Strict cookie, Secure outside
 * development, expiring with the session. (The web console's local login sets the same cookie.)
 */
export function startBrowserSession(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  // The console's session cookie (src/web/session-cookie.ts): one cookie for password and OIDC sign-ins.
  void reply.header('set-cookie', sessionCookie(token, expiresAt, secure));
}

/** What the person signing in reads when a sign-in is refused: Swedish first, the reason code for support. */
const REFUSAL_TEXT: Record<SignInRefusal, string> = {
  [SignInRefusal.UNKNOWN_PROVIDER]: 'Inloggningstjänsten finns inte eller är avstängd.',
  [SignInRefusal.FLOW_NOT_FOUND]: 'Inloggningen har gått ut eller startades i en annan webbläsare. Börja om.',
  [SignInRefusal.STATE_MISMATCH]: 'Inloggningssvaret hör inte till den här inloggningen. Börja om.',
  [SignInRefusal.PROVIDER_ERROR]: 'Identitetsleverantören avbröt inloggningen.',
  [SignInRefusal.PROVIDER_UNAVAILABLE]: 'Identitetsleverantören svarar inte just nu. Försök igen om en stund.',
  [SignInRefusal.NONCE_MISMATCH]: 'Identitetsleverantörens svar kunde inte verifieras.',
  [SignInRefusal.ISSUER_MISMATCH]: 'Identitetsleverantörens svar kunde inte verifieras.',
  [SignInRefusal.AUDIENCE_MISMATCH]: 'Identitetsleverantörens svar kunde inte verifieras.',
  [SignInRefusal.ID_TOKEN_EXPIRED]: 'Identitetsleverantörens svar har gått ut. Börja om.',
  [SignInRefusal.ID_TOKEN_SIGNATURE_INVALID]: 'Identitetsleverantörens svar kunde inte verifieras.',
  [SignInRefusal.TOKEN_REJECTED]: 'Identitetsleverantörens svar kunde inte verifieras.',
  [SignInRefusal.MFA_REQUIRED]:
    'Samverkan kräver inloggning med flera faktorer (MFA). Logga in hos din organisation med en andra faktor och försök igen.',
  [SignInRefusal.NO_MAPPED_ROLE]:
    'Ditt konto har ingen behörighet i Samverkan. Kontakta din organisations administratör.',
  [SignInRefusal.SEPARATION_OF_DUTIES]:
    'Ditt konto har roller som inte får kombineras (t.ex. granskare och handläggare). Kontakta din organisations administratör.',
  [SignInRefusal.ORGANISATION_MISMATCH]: 'Ditt konto hör till en annan organisation i Samverkan.',
  [SignInRefusal.EMAIL_IN_USE]:
    'E-postadressen används redan av ett annat konto i Samverkan. Kontakta din organisations administratör.',
  [SignInRefusal.ACCOUNT_DISABLED]: 'Ditt konto är avstängt i Samverkan.',
};

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function refusalPage(reply: FastifyReply, reason: SignInRefusal): FastifyReply {
  const status =
    reason === SignInRefusal.UNKNOWN_PROVIDER ? 404 : reason === SignInRefusal.PROVIDER_UNAVAILABLE ? 503 : 403;
  const body = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Inloggningen nekades – Samverkan</title></head>
<body><main><h1>Inloggningen nekades</h1><p>${escapeHtml(REFUSAL_TEXT[reason])}</p>
<p>Orsakskod (uppge vid kontakt med support): <code>OIDC_${reason}</code></p><p><a href="/">Till startsidan</a></p></main></body></html>`;
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'")
    .header('x-oidc-refusal', `OIDC_${reason}`)
    .send(body);
}

/** GET /auth/oidc/:provider/start and /callback: the browser's way in through its organisation's provider. */
export function registerOidcRoutes(
  fastify: FastifyInstance,
  oidc: OidcService,
  options: { secureCookies: boolean },
): void {
  const flowCookie = (value: string, maxAgeSeconds: number): string =>
    cookie(FLOW_COOKIE, value, { maxAgeSeconds, path: FLOW_PATH, sameSite: 'Lax', secure: options.secureCookies });

  fastify.get<{ Params: { provider: string } }>('/auth/oidc/:provider/start', async (request, reply) => {
    try {
      const started = await oidc.start(request.params.provider, `${request.protocol}://${request.host}`);
      return reply
        .header('cache-control', 'no-store')
        .header('set-cookie', flowCookie(started.browserKey, FLOW_LIFETIME_SECONDS))
        .redirect(started.authorizationUrl, 303);
    } catch (error) {
      if (error instanceof OidcRefused) return refusalPage(reply, error.reason);
      throw error;
    }
  });

  fastify.get<{ Params: { provider: string } }>('/auth/oidc/:provider/callback', async (request, reply) => {
    const audit = new AuditRecorder(request.id, request.ip ?? null);
    const query = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
    // The flow cookie is single-use: cleared whatever the outcome.
    void reply.header('set-cookie', flowCookie('', 0));
    try {
      const signedIn = await oidc.callback(request.params.provider, cookieValue(request, FLOW_COOKIE), query, audit);
      startBrowserSession(reply, signedIn.token, signedIn.expiresAt, options.secureCookies);
      return reply.header('cache-control', 'no-store').redirect('/', 303);
    } catch (error) {
      if (error instanceof OidcRefused) return refusalPage(reply, error.reason);
      throw error;
    }
  });
}
