/** Organisation kinds and roles: the vocabulary of the access policy. */
export enum OrganisationKind {
  POLICE = 'POLICE',
  SOCIAL_SERVICES = 'SOCIAL_SERVICES',
  /** The municipality's safety/security function (trygghet och säkerhet): cameras, guards, safety walks. */
  SAFETY_FUNCTION = 'SAFETY_FUNCTION',
  /** Any other partner of a partnership: region health care, school, women's shelter, Barnahus, … */
  PARTNER = 'PARTNER',
}

export enum Role {
  SOCIAL_WORKER = 'SOCIAL_WORKER',
  POLICE_LIAISON = 'POLICE_LIAISON',
  TRAINING_COORDINATOR = 'TRAINING_COORDINATOR',
  AUDITOR = 'AUDITOR',
  ADMIN = 'ADMIN',
  /** Trygghetssamordnare: plans and records the safety function's prevention work. */
  SAFETY_COORDINATOR = 'SAFETY_COORDINATOR',
  /** The contact person of a general partner: its own prevention work and the partnership's reference data. */
  PARTNER_CONTACT = 'PARTNER_CONTACT',
}

const ALL_KINDS: readonly OrganisationKind[] = Object.values(OrganisationKind);

/** Which organisation kinds may hold a role (docs/provisioning.md, "Organisation kinds"). */
export const ROLE_ORGANISATION_KINDS: Record<Role, readonly OrganisationKind[]> = {
  [Role.SOCIAL_WORKER]: [OrganisationKind.SOCIAL_SERVICES],
  [Role.POLICE_LIAISON]: [OrganisationKind.POLICE],
  [Role.SAFETY_COORDINATOR]: [OrganisationKind.SAFETY_FUNCTION],
  [Role.PARTNER_CONTACT]: [OrganisationKind.PARTNER],
  [Role.TRAINING_COORDINATOR]: ALL_KINDS,
  [Role.AUDITOR]: ALL_KINDS,
  [Role.ADMIN]: ALL_KINDS,
};

// Separation of duties (which roles may be held together): src/access/separation-of-duties.ts.
