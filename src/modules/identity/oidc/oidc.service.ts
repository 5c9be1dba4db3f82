import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import type { DataSource, EntityManager } from 'typeorm';
import { decideSignIn, SignInRefusal } from '../../../access/oidc-sign-in';
import { AuditAction, AuditOutcome, type AuditRecorder } from '../../audit/audit.recorder';
import type { AuditService } from '../../audit/audit.service';
import { IdentityRepository } from '../identity.repository';
import { tokenHash } from '../identity.service';
import {
  insecureIssuerAllowed,
  ProviderFileError,
  readClientSecret,
  type ProviderDefinition,
} from './oidc-providers.file';
import { OidcRepository, type ProviderRow } from './oidc.repository';

/** How long a sign-in may take between the redirect to the provider and its callback. */
export const FLOW_LIFETIME_SECONDS = 10 * 60;
/** Stored as the password hash of users created through a provider: no password verifies against it. */
export const NO_LOCAL_PASSWORD = '!oidc';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface OidcSettings {
  nodeEnv: string;
  /** The public origin of Samverkan (PUBLIC_URL); else the request's own origin (development and tests). */
  publicUrl: string | undefined;
  absoluteTimeoutSeconds: number;
}

/** A refused sign-in; already audited when thrown by `callback`. */
export class OidcRefused extends Error {
  constructor(readonly reason: SignInRefusal) {
    super(`sign-in refused: ${reason}`);
    this.name = 'OidcRefused';
  }
}

export interface StartedSignIn {
  authorizationUrl: string;
  /** The value of the flow cookie that ties the callback to this browser. */
  browserKey: string;
}

export interface SignedIn {
  token: string;
  expiresAt: Date;
  userId: string;
}

const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a));
  const y = Buffer.from(sha256(b));
  return timingSafeEqual(x, y);
}

/**
 * The reason for a failed token exchange or ID-token validation. openid-client wraps the error of
 * oauth4webapi, whose message and `cause.claim` say which check failed.
 */
export function refusalOfTokenError(error: unknown): SignInRefusal {
  const outer = error as { code?: unknown; cause?: unknown };
  const inner = (outer?.cause instanceof Error ? outer.cause : outer) as {
    code?: unknown;
    message?: unknown;
    cause?: { claim?: unknown };
  };
  const code = typeof outer?.code === 'string' ? outer.code : typeof inner?.code === 'string' ? inner.code : '';
  const message = typeof inner?.message === 'string' ? inner.message : '';
  const claim = typeof inner?.cause?.claim === 'string' ? inner.cause.claim : '';
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
    if (claim === 'nonce') return SignInRefusal.NONCE_MISMATCH;
    if (claim === 'iss') return SignInRefusal.ISSUER_MISMATCH;
    if (claim === 'aud' || claim === 'azp') return SignInRefusal.AUDIENCE_MISMATCH;
  }
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return SignInRefusal.ID_TOKEN_EXPIRED;
  if (/signature verification failed/i.test(message) || code === 'OAUTH_KEY_SELECTION_FAILED')
    return SignInRefusal.ID_TOKEN_SIGNATURE_INVALID;
  return SignInRefusal.TOKEN_REJECTED;
}

/** OpenID Connect sign-in: authorization code flow with PKCE, state and nonce (openid-client). */
export class OidcService {
  private readonly repo = new OidcRepository();
  private readonly identity = new IdentityRepository();
  /** Discovered provider metadata and keys, per provider configuration. */
  private readonly configurations = new Map<string, Promise<client.Configuration>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly settings: OidcSettings,
  ) {}

  /** Writes the providers of the OIDC_PROVIDERS_FILE into the table; an unknown organisation fails the start. */
  async applyProviders(definitions: readonly ProviderDefinition[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const ids = await this.repo.organisationIdsByName(
        manager,
        definitions.map((d) => d.organisation),
      );
      const missing = definitions.filter((d) => !ids.has(d.organisation));
      if (missing.length > 0)
        throw new ProviderFileError(
          missing.map((d) => `provider "${d.slug}" names an organisation that does not exist`),
        );
      await this.repo.applyProviders(
        manager,
        definitions.map((d) => ({ ...d, organisationId: ids.get(d.organisation)! })),
      );
    });
    this.configurations.clear();
  }

  /** Of these organisation names, those that exist (the demo identity provider serves only those). */
  async existingOrganisations(names: readonly string[]): Promise<Set<string>> {
    return new Set((await this.repo.organisationIdsByName(this.dataSource.manager, names)).keys());
  }

  /** Disables these providers (the demo ones when the demo identity provider does not run). */
  async disableProviders(slugs: readonly string[]): Promise<void> {
    await this.repo.disableProviders(this.dataSource.manager, slugs);
  }

  /** The enabled providers as the sign-in page shows them: a name and where the sign-in starts. */
  async signInProviders(): Promise<{ name: string; startUrl: string }[]> {
    return (await this.repo.listEnabledProviders(this.dataSource.manager)).map((p) => ({
      name: p.displayName,
      startUrl: `/auth/oidc/${encodeURIComponent(p.slug)}/start`,
    }));
  }

  redirectUri(slug: string, requestOrigin: string): string {
    return `${this.settings.publicUrl ?? requestOrigin}/auth/oidc/${encodeURIComponent(slug)}/callback`;
  }

  async start(slug: string, requestOrigin: string): Promise<StartedSignIn> {
    const provider = await this.repo.findProvider(this.dataSource.manager, slug);
    if (!provider) throw new OidcRefused(SignInRefusal.UNKNOWN_PROVIDER);
    const config = await this.configuration(provider);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const redirectUri = this.redirectUri(slug, requestOrigin);
    const browserKey = randomBytes(32).toString('base64url');
    await this.repo.insertAuthorization(
      this.dataSource.manager,
      sha256(browserKey),
      { providerId: provider.id, state, nonce, codeVerifier, redirectUri },
      FLOW_LIFETIME_SECONDS,
    );
    const parameters: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: provider.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    };
    if (provider.requiredAcr.length > 0) parameters.acr_values = provider.requiredAcr.join(' ');
    return { authorizationUrl: client.buildAuthorizationUrl(config, parameters).href, browserKey };
  }

  /**
   * Completes a sign-in: checks the flow cookie and `state`, exchanges the code (PKCE), validates the
   * ID token (signature, issuer, audience, expiry, nonce), then decides from its claims. Every outcome
   * is audited: LOGIN with the new session, or LOGIN_FAILED with the reason as error code (OIDC_…).
   * Tokens never reach the log.
   */
  async callback(
    slug: string,
    browserKey: string | undefined,
    query: URLSearchParams,
    audit: AuditRecorder,
  ): Promise<SignedIn> {
    try {
      return await this.completeSignIn(slug, browserKey, query, audit);
    } catch (error) {
      if (!(error instanceof OidcRefused)) throw error;
      audit.action = AuditAction.LOGIN_FAILED;
      await this.audit.write(
        audit.drafts({
          principal: undefined,
          operationType: 'oidc',
          operationName: 'oidcCallback',
          outcome: AuditOutcome.DENIED,
          errorCode: `OIDC_${error.reason}`,
          defaultAction: AuditAction.LOGIN_FAILED,
        }),
      );
      throw error;
    }
  }

  private async completeSignIn(
    slug: string,
    browserKey: string | undefined,
    query: URLSearchParams,
    audit: AuditRecorder,
  ): Promise<SignedIn> {
    const manager = this.dataSource.manager;
    const provider = await this.repo.findProvider(manager, slug);
    if (!provider) throw new OidcRefused(SignInRefusal.UNKNOWN_PROVIDER);
    const pending =
      browserKey && browserKey.length <= 100 ? await this.repo.takeAuthorization(manager, sha256(browserKey)) : null;
    if (!pending || pending.providerId !== provider.id) throw new OidcRefused(SignInRefusal.FLOW_NOT_FOUND);
    if (!sameText(query.get('state') ?? '', pending.state)) throw new OidcRefused(SignInRefusal.STATE_MISMATCH);
    if (query.has('error')) throw new OidcRefused(SignInRefusal.PROVIDER_ERROR);

    const config = await this.configuration(provider);
    const currentUrl = new URL(pending.redirectUri);
    currentUrl.search = query.toString();
    let claims: Record<string, unknown>;
    let idToken: string | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = { ...(tokens.claims() ?? {}) };
      idToken = tokens.id_token;
    } catch (error) {
      throw new OidcRefused(refusalOfTokenError(error));
    }
    const issuer = String(claims.iss);
    const subject = String(claims.sub);

    const linked = await this.repo.findLinkedUser(manager, issuer, subject);
    if (linked) {
      const roles = (await this.identity.rolesOf(manager, [linked.userId])).get(linked.userId) ?? [];
      audit.actor = { userId: linked.userId, organisationId: linked.organisationId, roles };
      if (linked.organisationId !== provider.organisationId) throw new OidcRefused(SignInRefusal.ORGANISATION_MISMATCH);
      if (linked.disabled) throw new OidcRefused(SignInRefusal.ACCOUNT_DISABLED);
    }
    const decision = decideSignIn(claims, { ...provider });
    if (!decision.allowed) throw new OidcRefused(decision.refusal);

    const email =
      typeof claims.email === 'string' && EMAIL.test(claims.email) && claims.email.length <= 320
        ? claims.email.trim().toLowerCase()
        : `${sha256(`${issuer}\n${subject}`).slice(0, 24)}@oidc.invalid`;
    const displayName = profileName(claims, email);
    const holder = await this.repo.userIdByEmail(manager, email);
    if (holder && holder !== linked?.userId) throw new OidcRefused(SignInRefusal.EMAIL_IN_USE);

    const token = randomBytes(32).toString('base64url');
    return this.dataSource.transaction(async (manager: EntityManager) => {
      let userId: string;
      if (linked) {
        userId = linked.userId;
        await this.identity.replaceRoles(manager, userId, decision.roles);
        await this.repo.updateProfile(manager, userId, email, displayName);
        await this.repo.touchIdentity(manager, issuer, subject);
      } else {
        const user = await this.identity.insertUser(manager, {
          organisationId: provider.organisationId,
          email,
          displayName,
          passwordHash: NO_LOCAL_PASSWORD,
          roles: decision.roles,
        });
        userId = user.id;
        await this.repo.linkIdentity(manager, issuer, subject, userId, provider.id);
        audit.touch(AuditAction.CREATE, 'User', [{ id: userId, organisationId: provider.organisationId }]);
      }
      const session = await this.identity.createSession(
        manager,
        userId,
        tokenHash(token),
        this.settings.absoluteTimeoutSeconds,
      );
      // Logout hands the ID token back to the provider's end-session endpoint (id_token_hint).
      await this.repo.markProviderSession(manager, session.id, provider.id, idToken ?? null);
      audit.action = AuditAction.LOGIN;
      audit.actor = { userId, organisationId: provider.organisationId, roles: decision.roles };
      audit.sessionHash = tokenHash(token);
      audit.touch(AuditAction.LOGIN, 'User', [{ id: userId, organisationId: provider.organisationId }]);
      // The session commits with its audit events: if they cannot be written, no session exists.
      await this.audit.write(
        audit.drafts({
          principal: undefined,
          operationType: 'oidc',
          operationName: 'oidcCallback',
          outcome: AuditOutcome.ALLOWED,
          errorCode: null,
          defaultAction: AuditAction.LOGIN,
        }),
        manager,
      );
      return { token, expiresAt: session.expiresAt, userId };
    });
  }

  /**
   * Where to send the browser after `sessionId` ended: the end-session endpoint (RP-initiated logout)
   * of the provider the session was started through, with `id_token_hint` and
   * `post_logout_redirect_uri` (`<PUBLIC_URL or the request's origin>/`), or null for a local session,
   * a provider without one, or one that cannot be reached now.
   */
  async providerLogoutUrl(sessionId: string, requestOrigin: string): Promise<string | null> {
    const manager = this.dataSource.manager;
    const session = await this.repo.providerSession(manager, sessionId);
    if (!session) return null;
    const provider = await this.repo.findProviderById(manager, session.providerId);
    if (!provider) return null;
    let config: client.Configuration;
    try {
      config = await this.discover(provider);
    } catch {
      return null;
    }
    if (!config.serverMetadata().end_session_endpoint) return null;
    const parameters: Record<string, string> = {
      post_logout_redirect_uri: `${this.settings.publicUrl ?? requestOrigin}/`,
      client_id: provider.clientId,
    };
    if (session.idTokenHint) parameters.id_token_hint = session.idTokenHint;
    return client.buildEndSessionUrl(config, parameters).href;
  }

  /** The provider's configuration; a provider that cannot be reached refuses the sign-in (503). */
  private async configuration(provider: ProviderRow): Promise<client.Configuration> {
    try {
      return await this.discover(provider);
    } catch {
      throw new OidcRefused(SignInRefusal.PROVIDER_UNAVAILABLE);
    }
  }

  private discover(provider: ProviderRow): Promise<client.Configuration> {
    const key = JSON.stringify([provider.id, provider.issuer, provider.clientId, provider.clientSecretFile]);
    let config = this.configurations.get(key);
    if (!config) {
      const insecure = insecureIssuerAllowed(provider.issuer, this.settings.nodeEnv);
      config = client.discovery(
        new URL(provider.issuer),
        provider.clientId,
        readClientSecret(provider.clientSecretFile),
        undefined,
        {
          // Verify the ID token's signature against the provider's keys even though it comes straight
          // from the token endpoint (OIDC Core allows relying on TLS instead): a defence in depth.
          execute: insecure
            ? [client.allowInsecureRequests, client.enableNonRepudiationChecks]
            : [client.enableNonRepudiationChecks],
        },
      );
      // A failed discovery (provider down) is retried by the next sign-in.
      config.catch(() => this.configurations.delete(key));
      this.configurations.set(key, config);
    }
    return config;
  }
}

function profileName(claims: Record<string, unknown>, email: string): string {
  const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
  const name =
    text(claims.name) ||
    [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') ||
    text(claims.preferred_username) ||
    email;
  return name.slice(0, 200);
}
