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

/** One partnership: its organisations and the areas it covers. */
export interface PartnershipTopology {
  partnershipId: string;
  organisationIds: readonly string[];
  areaIds: readonly string[];
}

/**
 * What a caller may read of records that are either private to their owner or shared with the
 * partnership: everything of the own organisation, and of each partner organisation the records in
 * the areas of a partnership the caller shares with it.
 */
export interface VisibilityScope extends OrganisationScope {
  readonly ownOrganisationId: string;
  readonly sharedPairs: readonly { readonly organisationId: string; readonly areaId: string }[];
}

export function visibilityScope(
  principal: Principal | undefined,
  capability: Capability,
  topology: readonly PartnershipTopology[],
): VisibilityScope {
  const base = organisationScope(principal, capability);
  const caller = requirePrincipal(principal);
  const pairs = new Map<string, { organisationId: string; areaId: string }>();
  if (base.scope === Scope.PARTNERSHIP || base.scope === Scope.ANY) {
    for (const p of topology) {
      if (!p.organisationIds.includes(caller.organisationId) || !caller.partnershipIds.includes(p.partnershipId))
        continue;
      for (const organisationId of p.organisationIds) {
        if (organisationId === caller.organisationId) continue;
        for (const areaId of p.areaIds) pairs.set(`${organisationId}:${areaId}`, { organisationId, areaId });
      }
    }
  }
  return Object.freeze({
    ...base,
    ownOrganisationId: caller.organisationId,
    sharedPairs: Object.freeze([...pairs.values()]),
  });
}

/** The organisations a partnership-visible record of `ownerId` in `areaId` is shared with. */
export function sharedWithOrganisations(
  topology: readonly PartnershipTopology[],
  ownerId: string,
  areaId: string,
): string[] {
  const result = new Set<string>();
  for (const p of topology) {
    if (p.organisationIds.includes(ownerId) && p.areaIds.includes(areaId)) {
      for (const o of p.organisationIds) if (o !== ownerId) result.add(o);
    }
  }
  return [...result];
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
  // The caller's own organisation is always inside its partnership scope, even in no partnership.
  const organisationIds =
    scope === Scope.PARTNERSHIP || scope === Scope.ANY
      ? [...new Set([caller.organisationId, ...caller.partnershipOrganisationIds])]
      : [caller.organisationId];
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
export function allowedSubset<T extends Owned>(
  principal: Principal | undefined,
  capability: Capability,
  records: readonly T[],
): T[] {
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

/** Ids compare equal only when both are real ids: `undefined === undefined` must not grant access. */
function sameId(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && a !== '' && a === b;
}

/** Reference data that belongs to partnerships rather than to one organisation (commitments, places). */
export interface PartnershipOwned {
  id: string;
  /** The partnerships the record belongs to (for a place: those covering its area). */
  partnershipIds: readonly string[];
}

/**
 * Throws NOT_FOUND unless every record belongs to a partnership of the caller's own organisation
 * (both OWN and PARTNERSHIP scopes read reference data of the caller's partnerships).
 */
export function requirePartnershipAccess<T extends PartnershipOwned>(
  principal: Principal | undefined,
  capability: Capability,
  records: readonly (T | null | undefined)[],
  what = 'Record',
): T[] {
  const scope = requireCapability(principal, capability);
  const caller = requirePrincipal(principal);
  return records.map((record) => {
    let ok = false;
    try {
      ok =
        record !== null &&
        record !== undefined &&
        scope !== Scope.SELF &&
        scope !== Scope.MEMBERSHIP &&
        record.partnershipIds.some((p) => caller.partnershipIds.includes(p));
    } catch {
      ok = false; // deny on any failure inside a check
    }
    if (!ok) throw notFound(what);
    return record!;
  });
}

function recordAllowed(principal: Principal, scope: Scope, record: Owned): boolean {
  switch (scope) {
    case Scope.ANY:
      return true;
    case Scope.OWN:
      return sameId(record.organisationId, principal.organisationId);
    case Scope.PARTNERSHIP: {
      const owner = record.organisationId;
      if (sameId(owner, principal.organisationId)) return true;
      if (record.sharedWithOrganisationIds !== undefined) {
        return record.sharedWithOrganisationIds.some((id) => sameId(id, principal.organisationId));
      }
      return principal.partnershipOrganisationIds.some((id) => sameId(id, owner));
    }
    case Scope.SELF:
      return sameId(record.userId, principal.userId);
    case Scope.MEMBERSHIP:
      return record.memberUserIds?.some((id) => sameId(id, principal.userId)) ?? false;
    default:
      return false; // an unknown scope grants nothing
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
