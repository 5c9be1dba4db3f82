import { notFound } from '../shared/errors';
import { organisationScope, requirePrincipal, type OrganisationScope, type PartnershipTopology } from './access';
import { Capability } from './policy';
import type { Principal } from './principal';

/**
 * The one rule of the joint partnership report and its effect measures (issue #23): a caller whose
 * role holds the capability, of an organisation of the partnership, reads or records for the whole
 * partnership — every organisation of it, every area it covers. Any other partnership, or one that
 * does not exist, answers NOT_FOUND; an exception inside the check denies.
 *
 * The scope it returns names all the partnership's organisations: the report counts their records
 * (organisation-only ones too, as numbers without details), so that every partner reads the same.
 */
export interface PartnershipReportScope {
  readonly partnership: PartnershipTopology;
  /** For repositories: the partnership's organisations. */
  readonly scope: OrganisationScope;
}

export function partnershipReportScope(
  principal: Principal | undefined,
  capability: Capability.PARTNERSHIP_REPORT_READ | Capability.EFFECT_RECORD,
  partnershipId: string,
  topology: readonly PartnershipTopology[],
): PartnershipReportScope {
  const base = organisationScope(principal, capability); // UNAUTHENTICATED / FORBIDDEN first
  const caller = requirePrincipal(principal);
  let partnership: PartnershipTopology | undefined;
  try {
    partnership = topology.find(
      (p) =>
        typeof partnershipId === 'string' &&
        p.partnershipId === partnershipId &&
        base.partnershipIds.includes(p.partnershipId) &&
        p.organisationIds.includes(caller.organisationId),
    );
  } catch {
    partnership = undefined; // deny on any failure inside a check
  }
  if (!partnership || partnership.organisationIds.length === 0) throw notFound('Partnership');
  return Object.freeze({
    partnership,
    scope: Object.freeze({ ...base, organisationIds: Object.freeze([...partnership.organisationIds]) }),
  });
}
