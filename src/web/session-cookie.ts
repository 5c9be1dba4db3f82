import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../graphql/context';

/**
 * The console's browser session: the login's token in an httpOnly, SameSite=Strict cookie that
 * only `/graphql` receives (`Secure` outside development and test). Page scripts never see the
 * token. Cross-site requests carry no SameSite=Strict cookie, and Apollo's CSRF prevention refuses
 * every "simple" request (form posts, GETs without a preflight header), so a forged request from
 * another site has neither the cookie nor a way to send the JSON content type without a CORS
 * preflight that this server does not grant.
 */
export const SESSION_COOKIE = 'samverkan_session';
export const SESSION_COOKIE_PATH = '/graphql';

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

/** The session cookie's value, when the request carries one. */
export function sessionCookieToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{20,200}$/.test(value) ? value : undefined;
  }
  return undefined;
}

/** The caller's token: the bearer header first (API clients), else the console's cookie. */
export function requestToken(request: FastifyRequest): string | undefined {
  return bearerToken(request) ?? sessionCookieToken(request);
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=${SESSION_COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=${SESSION_COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/**
 * Sets the cookie on a successful login and clears it on logout. A request that carried a cookie
 * no longer accepted (expired, revoked) gets it cleared as well.
 */
export function sessionCookiePlugin(secure: boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const ctx = rc.contextValue;
          const failed = (rc.errors?.length ?? 0) > 0;
          if (ctx.issuedSession && !failed) {
            rc.response.http.headers.set(
              'set-cookie',
              sessionCookie(ctx.issuedSession.token, ctx.issuedSession.expiresAt, secure),
            );
          } else if (ctx.sessionEnded || (ctx.cookieSession && !ctx.principal)) {
            rc.response.http.headers.set('set-cookie', clearedSessionCookie(secure));
          }
        },
      };
    },
  };
}
