import { generateKeyPairSync } from 'node:crypto';
import type { Configuration, JWK, KoaContextWithOIDC } from 'oidc-provider';
import { opMemoryAdapter } from './op-memory-adapter';

/**
 * The OpenID Provider (`oidc-provider`) that stands in for an organisation's identity provider: the
 * test suite's (test/helpers/oidc-idp.ts) and the demo one `npm start` runs in development
 * (demo-idp.ts). Only types are imported here: `oidc-provider` is a development dependency, loaded
 * by the demo at run time and never in a production install.
 */

/** Samverkan as the provider's only client. */
export interface OpClient {
  clientId: string;
  /** Absent: a public client (PKCE only, `token_endpoint_auth_method: none`). */
  clientSecret?: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

/** A person at the provider: the claims its ID token carries (besides `acr`/`amr` of the sign-in). */
export interface OpAccount {
  sub: string;
  email?: string;
  name?: string;
  groups: string[];
}

export interface OpOptions {
  client: OpClient;
  jwk: JWK;
  /** The account with this `sub`, if any. */
  account: (sub: string) => OpAccount | undefined;
  acrValues?: string[];
  /** Pages of RP-initiated logout (confirmation and done); the library's defaults when absent. */
  logoutPages?: {
    confirm: (ctx: KoaContextWithOIDC, form: string) => void;
    done: (ctx: KoaContextWithOIDC) => void;
  };
}

/** A fresh RS256 signing key of the provider, as a private JWK. */
export function newSigningJwk(kid: string): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid, alg: 'RS256', use: 'sig' };
}

/**
 * The provider's configuration: code flow with PKCE required, the scopes' claims in the ID token
 * (as Entra ID puts its groups claim there), the login interaction at `/interaction/<uid>` (answered
 * by the caller's HTTP server), no consent screen for this first-party client, and its state in this
 * process's memory (op-memory-adapter.ts says why that is right for both).
 */
export function opConfiguration(o: OpOptions): Configuration {
  return {
    adapter: opMemoryAdapter(),
    clients: [
      {
        client_id: o.client.clientId,
        ...(o.client.clientSecret ? { client_secret: o.client.clientSecret } : { token_endpoint_auth_method: 'none' }),
        redirect_uris: o.client.redirectUris,
        post_logout_redirect_uris: o.client.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [o.jwk] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: { openid: ['sub', 'acr', 'amr', 'auth_time'], email: ['email'], profile: ['name'], groups: ['groups'] },
    conformIdTokenClaims: false,
    ...(o.acrValues ? { acrValues: o.acrValues } : {}),
    features: {
      devInteractions: { enabled: false },
      ...(o.logoutPages
        ? {
            rpInitiatedLogout: {
              enabled: true,
              logoutSource: o.logoutPages.confirm,
              postLogoutSuccessSource: o.logoutPages.done,
            },
          }
        : {}),
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    // Lifetimes of a sign-in at the provider (in seconds); short, as for a test or demo.
    ttl: {
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
    },
    findAccount: (_ctx, id) => {
      const account = o.account(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.email, name: account.name, groups: account.groups }),
      };
    },
    // First-party client: the grant covers what was asked (no consent screen).
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  };
}
