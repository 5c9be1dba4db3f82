/** Organisation kinds and roles: the vocabulary of the access policy. */
export enum OrganisationKind {
  POLICE = 'POLICE',
  SOCIAL_SERVICES = 'SOCIAL_SERVICES',
}

export enum Role {
  SOCIAL_WORKER = 'SOCIAL_WORKER',
  POLICE_LIAISON = 'POLICE_LIAISON',
  TRAINING_COORDINATOR = 'TRAINING_COORDINATOR',
  AUDITOR = 'AUDITOR',
  ADMIN = 'ADMIN',
}

/** Which organisation kinds may hold a role (DESIGN.md, "Users and roles"). */
export const ROLE_ORGANISATION_KINDS: Record<Role, readonly OrganisationKind[]> = {
  [Role.SOCIAL_WORKER]: [OrganisationKind.SOCIAL_SERVICES],
  [Role.POLICE_LIAISON]: [OrganisationKind.POLICE],
  [Role.TRAINING_COORDINATOR]: [OrganisationKind.POLICE, OrganisationKind.SOCIAL_SERVICES],
  [Role.AUDITOR]: [OrganisationKind.POLICE, OrganisationKind.SOCIAL_SERVICES],
  [Role.ADMIN]: [OrganisationKind.POLICE, OrganisationKind.SOCIAL_SERVICES],
};

// Separation of duties (which roles may be held together): src/access/separation-of-duties.ts.
