import { requireCapability, requirePrincipal } from './access';
import { Capability } from './policy';
import type { Principal } from './principal';
import type { OrganisationKind } from './roles';

/** Which table of an indicator a caller reads. */
export enum IndicatorTableKind {
  /** The exact figures: the indicator is reported by the caller's own kind of organisation. */
  EXACT = 'EXACT',
  /** The protected table (cell-key method, publication rules, daily cap): the partners report it. */
  PROTECTED = 'PROTECTED',
}

/**
 * The exact-vs-protected rule of indicator tables: an indicator reported by the caller's own kind of
 * organisation is read as exact figures of the own organisation (INDICATOR_READ_OWN); one reported by the
 * other kind is read only as the protected table of the partner organisations (INDICATOR_READ_PROTECTED).
 * A caller without the capability the table needs gets FORBIDDEN (UNAUTHENTICATED without a principal).
 */
export function indicatorTableKind(principal: Principal | undefined, reportedBy: OrganisationKind): IndicatorTableKind {
  const caller = requirePrincipal(principal);
  const kind = reportedBy === caller.organisationKind ? IndicatorTableKind.EXACT : IndicatorTableKind.PROTECTED;
  requireCapability(
    caller,
    kind === IndicatorTableKind.EXACT ? Capability.INDICATOR_READ_OWN : Capability.INDICATOR_READ_PROTECTED,
  );
  return kind;
}
