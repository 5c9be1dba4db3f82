import type { EntityManager } from 'typeorm';
import type { OrganisationKind } from '../identity.enums';
import type { ProviderDefinition } from './oidc-providers.file';

/** A provider as stored: its definition, with the organisation resolved to its id and kind. */
export interface ProviderRow extends Omit<ProviderDefinition, 'organisation'> {
  id: string;
  organisationId: string;
  organisationKind: OrganisationKind;
}

export interface PendingAuthorization {
  providerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

export interface LinkedUser {
  userId: string;
  organisationId: string;
  disabled: boolean;
}

const PROVIDER_COLUMNS = `p.id, p.slug, p.organisation_id AS "organisationId", o.kind AS "organisationKind", p.display_name AS "displayName",
  p.issuer, p.client_id AS "clientId", p.client_secret_file AS "clientSecretFile", p.scopes, p.roles_claim AS "rolesClaim",
  p.role_mapping AS "roleMapping", p.required_acr AS "requiredAcr", p.required_amr AS "requiredAmr"`;

/**
 * The only place the OIDC tables are read or written. Sign-in runs before anyone is authenticated:
 * these lookups are unscoped by necessity, each by a key the caller cannot choose freely (the
 * provider in the URL, the hash of the browser's flow cookie, the verified issuer and subject).
 */
export class OidcRepository {
  async findProvider(manager: EntityManager, slug: string): Promise<ProviderRow | null> {
    const rows: ProviderRow[] = await manager.query(
      `SELECT ${PROVIDER_COLUMNS} FROM identity_provider p JOIN organisation o ON o.id = p.organisation_id WHERE p.slug = $1 AND p.enabled`,
      [slug],
    );
    return rows[0] ?? null;
  }

  async findProviderById(manager: EntityManager, id: string): Promise<ProviderRow | null> {
    const rows: ProviderRow[] = await manager.query(
      `SELECT ${PROVIDER_COLUMNS} FROM identity_provider p JOIN organisation o ON o.id = p.organisation_id WHERE p.id = $1 AND p.enabled`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Writes the file's providers (by slug) and disables every provider the file no longer names. */
  async applyProviders(
    manager: EntityManager,
    definitions: readonly (ProviderDefinition & { organisationId: string })[],
  ): Promise<void> {
    for (const d of definitions) {
      await manager.query(
        `INSERT INTO identity_provider (slug, organisation_id, display_name, issuer, client_id, client_secret_file, scopes, roles_claim,
                                        role_mapping, required_acr, required_amr, enabled)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true)
         ON CONFLICT (slug) DO UPDATE SET organisation_id = EXCLUDED.organisation_id, display_name = EXCLUDED.display_name,
           issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id, client_secret_file = EXCLUDED.client_secret_file,
           scopes = EXCLUDED.scopes, roles_claim = EXCLUDED.roles_claim, role_mapping = EXCLUDED.role_mapping,
           required_acr = EXCLUDED.required_acr, required_amr = EXCLUDED.required_amr, enabled = true`,
        [
          d.slug,
          d.organisationId,
          d.displayName,
          d.issuer,
          d.clientId,
          d.clientSecretFile,
          d.scopes,
          d.rolesClaim,
          JSON.stringify(d.roleMapping),
          d.requiredAcr,
          d.requiredAmr,
        ],
      );
    }
    await manager.query(`UPDATE identity_provider SET enabled = false WHERE NOT (slug = ANY($1::text[]))`, [
      definitions.map((d) => d.slug),
    ]);
  }

  /** The enabled providers' slugs and names, for the sign-in page (nothing else of theirs is public). */
  async listEnabledProviders(manager: EntityManager): Promise<{ slug: string; displayName: string }[]> {
    return manager.query(
      `SELECT slug, display_name AS "displayName" FROM identity_provider WHERE enabled ORDER BY display_name, slug`,
    );
  }

  async disableProviders(manager: EntityManager, slugs: readonly string[]): Promise<void> {
    await manager.query(`UPDATE identity_provider SET enabled = false WHERE slug = ANY($1::text[])`, [[...slugs]]);
  }

  async organisationIdsByName(manager: EntityManager, names: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await manager.query(
      `SELECT id, name FROM organisation WHERE name = ANY($1::text[])`,
      [[...names]],
    );
    return new Map(rows.map((r) => [r.name, r.id]));
  }

  async insertAuthorization(
    manager: EntityManager,
    browserKeyHash: string,
    pending: PendingAuthorization,
    lifetimeSeconds: number,
  ): Promise<void> {
    // Abandoned sign-ins are removed as new ones start, so the table stays small without a job.
    await manager.query(`DELETE FROM oidc_authorization WHERE expires_at < now()`);
    await manager.query(
      `INSERT INTO oidc_authorization (browser_key_hash, provider_id, state, nonce, code_verifier, redirect_uri, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
      [
        browserKeyHash,
        pending.providerId,
        pending.state,
        pending.nonce,
        pending.codeVerifier,
        pending.redirectUri,
        lifetimeSeconds,
      ],
    );
  }

  /** Takes (deletes) the pending sign-in: a callback can use it once, and only before it expires. */
  async takeAuthorization(manager: EntityManager, browserKeyHash: string): Promise<PendingAuthorization | null> {
    // TypeORM answers a DELETE … RETURNING with [rows, affected].
    const [rows]: [(PendingAuthorization & { live: boolean })[], number] = await manager.query(
      `DELETE FROM oidc_authorization WHERE browser_key_hash = $1
       RETURNING provider_id AS "providerId", state, nonce, code_verifier AS "codeVerifier", redirect_uri AS "redirectUri", expires_at > now() AS live`,
      [browserKeyHash],
    );
    const row = rows[0];
    if (!row?.live) return null;
    return {
      providerId: row.providerId,
      state: row.state,
      nonce: row.nonce,
      codeVerifier: row.codeVerifier,
      redirectUri: row.redirectUri,
    };
  }

  async findLinkedUser(manager: EntityManager, issuer: string, subject: string): Promise<LinkedUser | null> {
    const rows: LinkedUser[] = await manager.query(
      `SELECT u.id AS "userId", u.organisation_id AS "organisationId", u.disabled_at IS NOT NULL AS disabled
         FROM user_identity i JOIN app_user u ON u.id = i.user_id
        WHERE i.issuer = $1 AND i.subject = $2`,
      [issuer, subject],
    );
    return rows[0] ?? null;
  }

  async linkIdentity(
    manager: EntityManager,
    issuer: string,
    subject: string,
    userId: string,
    providerId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO user_identity (issuer, subject, user_id, provider_id, last_sign_in_at) VALUES ($1, $2, $3, $4, now())`,
      [issuer, subject, userId, providerId],
    );
  }

  async touchIdentity(manager: EntityManager, issuer: string, subject: string): Promise<void> {
    await manager.query(`UPDATE user_identity SET last_sign_in_at = now() WHERE issuer = $1 AND subject = $2`, [
      issuer,
      subject,
    ]);
  }

  /** The user holding this e-mail, if any (e-mail is unique across the installation). */
  async userIdByEmail(manager: EntityManager, email: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM app_user WHERE email = $1`, [email]);
    return rows[0]?.id ?? null;
  }

  async updateProfile(manager: EntityManager, userId: string, email: string, displayName: string): Promise<void> {
    await manager.query(`UPDATE app_user SET email = $2, display_name = $3 WHERE id = $1`, [
      userId,
      email,
      displayName,
    ]);
  }

  /** Marks a new session as started through `providerId`, keeping the ID token for the provider's logout. */
  async markProviderSession(
    manager: EntityManager,
    sessionId: string,
    providerId: string,
    idToken: string | null,
  ): Promise<void> {
    await manager.query(`UPDATE user_session SET provider_id = $2, id_token_hint = $3 WHERE id = $1`, [
      sessionId,
      providerId,
      idToken,
    ]);
  }

  /** The provider and ID token of a session started through a provider; null for a local session. */
  async providerSession(
    manager: EntityManager,
    sessionId: string,
  ): Promise<{ providerId: string; idTokenHint: string | null } | null> {
    const rows: { provider_id: string; id_token_hint: string | null }[] = await manager.query(
      `SELECT provider_id, id_token_hint FROM user_session WHERE id = $1 AND provider_id IS NOT NULL`,
      [sessionId],
    );
    return rows[0] ? { providerId: rows[0].provider_id, idTokenHint: rows[0].id_token_hint } : null;
  }
}
