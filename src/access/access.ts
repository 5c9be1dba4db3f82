import { AppError, ErrorCode, forbidden, notFound, unauthenticated } from '../shared/errors';
import { Capability, scopeOf, Scope } from './policy';
import type { Principal } from './principal';

/** What a record must expose for a scope check. */
export interface Owned {
  id: string;
  /** The organisation that owns the record. */
  organisationId: string;
  /** The user a personal record belongs to (SELF scope). */
  userId?: string | null;
  /** Organisations the record is shared with beyond its owner (e.g. partnership visibility). */
  sharedWithOrganisationIds?: readonly string[];
  /** Users who are members of the record (MEMBERSHIP scope). */
  memberUserIds?: readonly string[];
}

/**
 * Organisation scope for queries: repositories that read organisation-owned data require one and
 * refuse to run without it. Built only here, from the policy table.
 */
export interface OrganisationScope {
  readonly capability: Capability;
  readonly scope: Scope;
  readonly organisationIds: readonly string[];
  /** The caller's own partnerships (reference data such as areas is scoped by these). */
  readonly partnershipIds: readonly string[];
  readonly userId: string;
}

export function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw unauthenticated();
  return principal;
}

/**
 * Coarse gate for an operation: the caller is authenticated and one of its roles holds the
 * capability. Returns the scope the caller has. Throws UNAUTHENTICATED or FORBIDDEN.
 */
export function requireCapability(principal: Principal | undefined, capability: Capability): Scope {
  if (capability === Capability.PUBLIC) return Scope.ANY;
  const caller = requirePrincipal(principal);
  const scope = safeScope(caller, capability);
  if (scope === null) throw forbidden();
  return scope;
}

export function hasCapability(principal: Principal | undefined, capability: Capability): boolean {
  if (capability === Capability.PUBLIC) return true;
  return principal !== undefined && safeScope(principal, capability) !== null;
}

/** The organisations whose records the caller may query under a capability. */
export function organisationScope(principal: Principal | undefined, capability: Capability): OrganisationScope {
  const caller = requirePrincipal(principal);
  const scope = requireCapability(caller, capability);
  const organisationIds =
    scope === Scope.PARTNERSHIP || scope === Scope.ANY ? caller.partnershipOrganisationIds : [caller.organisationId];
  return Object.freeze({
    capability,
    scope,
    organisationIds: Object.freeze([...organisationIds]),
    partnershipIds: Object.freeze([...caller.partnershipIds]),
    userId: caller.userId,
  });
}

/**
 * The subset of `records` the caller may access under `capability`. An exception inside a check
 * denies that record.
 */
export function allowedSubset<T extends Owned>(principal: Principal | undefined, capability: Capability, records: readonly T[]): T[] {
  if (!principal) return [];
  const scope = safeScope(principal, capability);
  if (scope === null) return [];
  return records.filter((record) => {
    try {
      return recordAllowed(principal, scope, record);
    } catch {
      return false; // deny on any failure inside a check
    }
  });
}

/**
 * Throws unless the caller may access every record. A record the caller may not see fails exactly
 * like one that does not exist: NOT_FOUND.
 */
export function requireAccess<T extends Owned>(
  principal: Principal | undefined,
  capability: Capability,
  records: readonly (T | null | undefined)[],
  what = 'Record',
): T[] {
  requireCapability(principal, capability);
  const present = records.filter((r): r is T => r !== null && r !== undefined);
  if (present.length !== records.length) throw notFound(what);
  const allowed = allowedSubset(principal, capability, present);
  if (allowed.length !== present.length) throw notFound(what);
  return allowed;
}

function recordAllowed(principal: Principal, scope: Scope, record: Owned): boolean {
  switch (scope) {
    case Scope.ANY:
      return true;
    case Scope.OWN:
      return record.organisationId === principal.organisationId;
    case Scope.PARTNERSHIP:
      if (record.organisationId === principal.organisationId) return true;
      if (record.sharedWithOrganisationIds !== undefined) {
        return record.sharedWithOrganisationIds.includes(principal.organisationId);
      }
      return principal.partnershipOrganisationIds.includes(record.organisationId);
    case Scope.SELF:
      return record.userId === principal.userId;
    case Scope.MEMBERSHIP:
      return record.memberUserIds?.includes(principal.userId) ?? false;
  }
}

function safeScope(principal: Principal, capability: Capability): Scope | null {
  try {
    return scopeOf(principal.roles, capability);
  } catch {
    return null;
  }
}

export { Capability, Scope, AppError, ErrorCode };
