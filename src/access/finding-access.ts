import type { Principal } from './principal';

/**
 * Findings of safety walks and patrols. A finding is raised by the organisation that owns the
 * activity; its action belongs to an owner organisation of the caller's partnerships. Who reads a
 * finding: whoever may read its activity (the activity's visibility decides), and the owner
 * organisation of its action. Who changes its status or records its follow-up: the activity's
 * organisation and the action's owner organisation. Pure and deny-by-default.
 */
export interface FindingFacts {
  activityOrganisationId: string;
  ownerOrganisationId: string;
}

export function findingReadable(
  principal: Principal | undefined,
  finding: FindingFacts,
  activityVisible: boolean,
): boolean {
  if (!principal) return false;
  return activityVisible || finding.ownerOrganisationId === principal.organisationId;
}

export function findingWritable(principal: Principal | undefined, finding: FindingFacts): boolean {
  if (!principal) return false;
  return (
    finding.activityOrganisationId === principal.organisationId ||
    finding.ownerOrganisationId === principal.organisationId
  );
}

/** The owner of a finding's action is an organisation of the caller's partnerships. */
export function findingOwnerAllowed(principal: Principal | undefined, ownerOrganisationId: string): boolean {
  return principal !== undefined && principal.partnershipOrganisationIds.includes(ownerOrganisationId);
}
