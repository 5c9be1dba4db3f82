import type { OrganisationKind, Role } from './roles';

/** The authenticated caller, as established from a valid session for one request. */
export interface Principal {
  userId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  roles: readonly Role[];
  sessionId: string;
  /** SHA-256 of the session token, hex (what the audit log records). */
  sessionHash: string;
  /** Partnerships the caller's organisation belongs to. */
  partnershipIds: readonly string[];
  /** Organisations of those partnerships, the caller's own included. */
  partnershipOrganisationIds: readonly string[];
}
