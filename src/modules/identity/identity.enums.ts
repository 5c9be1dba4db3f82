import { registerEnumType } from 'type-graphql';

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

registerEnumType(OrganisationKind, { name: 'OrganisationKind' });
registerEnumType(Role, { name: 'Role' });
