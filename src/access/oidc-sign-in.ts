import { ROLE_ORGANISATION_KINDS, Role, type OrganisationKind } from './roles';
import { separationOfDutiesConflict } from './separation-of-duties';

/** Why a sign-in through an identity provider was refused: the audit log's error code (prefixed OIDC_). */
export enum SignInRefusal {
  UNKNOWN_PROVIDER = 'UNKNOWN_PROVIDER',
  FLOW_NOT_FOUND = 'FLOW_NOT_FOUND',
  STATE_MISMATCH = 'STATE_MISMATCH',
  PROVIDER_ERROR = 'PROVIDER_ERROR',
  /** The provider's discovery document or keys could not be fetched. */
  PROVIDER_UNAVAILABLE = 'PROVIDER_UNAVAILABLE',
  NONCE_MISMATCH = 'NONCE_MISMATCH',
  ISSUER_MISMATCH = 'ISSUER_MISMATCH',
  AUDIENCE_MISMATCH = 'AUDIENCE_MISMATCH',
  ID_TOKEN_EXPIRED = 'ID_TOKEN_EXPIRED',
  ID_TOKEN_SIGNATURE_INVALID = 'ID_TOKEN_SIGNATURE_INVALID',
  TOKEN_REJECTED = 'TOKEN_REJECTED',
  MFA_REQUIRED = 'MFA_REQUIRED',
  NO_MAPPED_ROLE = 'NO_MAPPED_ROLE',
  SEPARATION_OF_DUTIES = 'SEPARATION_OF_DUTIES',
  ORGANISATION_MISMATCH = 'ORGANISATION_MISMATCH',
  EMAIL_IN_USE = 'EMAIL_IN_USE',
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
}

/** What the provider's configuration asks of a sign-in. */
export interface ProviderRules {
  organisationKind: OrganisationKind;
  rolesClaim: string;
  roleMapping: Readonly<Record<string, readonly Role[]>>;
  requiredAcr: readonly string[];
  requiredAmr: readonly string[];
}

/** Whether the ID token's `acr`/`amr` meet the required authentication level (any listed value). */
export function authenticationLevelMet(
  claims: Readonly<Record<string, unknown>>,
  rules: Pick<ProviderRules, 'requiredAcr' | 'requiredAmr'>,
): boolean {
  // A provider without a requirement is refused when it is configured (oidc-providers.file.ts).
  if (rules.requiredAcr.length === 0 && rules.requiredAmr.length === 0) return false;
  const acr = typeof claims.acr === 'string' ? claims.acr : undefined;
  if (acr !== undefined && rules.requiredAcr.includes(acr)) return true;
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === 'string') : [];
  return amr.some((method) => rules.requiredAmr.includes(method));
}

/** The Samverkan roles the mapping gives the values of the roles claim (a string or an array of strings). */
export function mappedRoles(
  claims: Readonly<Record<string, unknown>>,
  rules: Pick<ProviderRules, 'rolesClaim' | 'roleMapping'>,
): Role[] {
  const raw = Object.prototype.hasOwnProperty.call(claims, rules.rolesClaim) ? claims[rules.rolesClaim] : undefined;
  const values =
    typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
  const roles = new Set<Role>();
  for (const value of values) {
    // Own properties only: a group named "constructor" maps to nothing.
    if (!Object.prototype.hasOwnProperty.call(rules.roleMapping, value)) continue;
    for (const role of rules.roleMapping[value]) if ((Object.values(Role) as string[]).includes(role)) roles.add(role);
  }
  return [...roles].sort();
}

export type SignInDecision = { allowed: true; roles: Role[] } | { allowed: false; refusal: SignInRefusal };

/**
 * One pure decision from the verified ID token's claims: the required authentication level first,
 * then the roles the mapping gives, which must suit the organisation's kind and pass separation of
 * duties (a mapping that breaks it refuses the sign-in rather than dropping a role silently).
 */
export function decideSignIn(claims: Readonly<Record<string, unknown>>, rules: ProviderRules): SignInDecision {
  if (!authenticationLevelMet(claims, rules)) return { allowed: false, refusal: SignInRefusal.MFA_REQUIRED };
  const roles = mappedRoles(claims, rules).filter((role) =>
    ROLE_ORGANISATION_KINDS[role].includes(rules.organisationKind),
  );
  if (roles.length === 0) return { allowed: false, refusal: SignInRefusal.NO_MAPPED_ROLE };
  if (separationOfDutiesConflict(roles)) return { allowed: false, refusal: SignInRefusal.SEPARATION_OF_DUTIES };
  return { allowed: true, roles };
}
