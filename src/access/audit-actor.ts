import { organisationScope } from './access';
import { Capability } from './policy';
import type { Principal } from './principal';

/**
 * Whose names an auditor may read in the audit log: the users of the organisations in their
 * AUDIT_READ scope (their own organisation). An actor of another organisation — a partner who read
 * one of the organisation's records — shows with their organisation only; that organisation's own
 * auditors can name them.
 */
export function auditActorOrganisations(principal: Principal | undefined): readonly string[] {
  return organisationScope(principal, Capability.AUDIT_READ).organisationIds;
}
