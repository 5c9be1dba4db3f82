import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { IdentityResolver } from '../modules/identity/identity.resolver';
import { PartnershipResolver } from '../modules/identity/partnership.resolver';
import { enforcePolicies } from './policy.gate';
import { useDefaultResolversForPlainFields } from './simple-fields';
import { SessionResolver } from '../modules/identity/sessions/session.resolver';
import { OidcLogoutResolver } from '../modules/identity/oidc/oidc-logout.resolver';
import { SignInProvidersResolver } from '../modules/identity/oidc/sign-in-providers.resolver';
import { SecondFactorResolver } from '../modules/identity/second-factor/second-factor.resolver';
import { RESOLVERS as AUDIT_RESOLVERS } from '../modules/audit';
import { RESOLVERS as PREVENTION_RESOLVERS } from '../modules/prevention';
import { RESOLVERS as TRAINING_RESOLVERS } from '../modules/training';
import { RESOLVERS as INDICATOR_RESOLVERS } from '../modules/indicators';
import { RESOLVERS as CASE_RESOLVERS } from '../modules/cases';
import { RESOLVERS as CAMERA_RESOLVERS } from '../modules/cameras';
import { RESOLVERS as WORK_RESOLVERS } from '../modules/work';
import { RESOLVERS as MEETING_RESOLVERS } from '../modules/meetings';
import { RESOLVERS as REPORT_RESOLVERS } from '../modules/reports';
import { RESOLVERS as RECORDS_RESOLVERS } from '../modules/records';
import { RESOLVERS as NOTIFICATION_RESOLVERS } from '../modules/notifications';

export const RESOLVERS = [
  IdentityResolver,
  PartnershipResolver,
  SessionResolver,
  SecondFactorResolver,
  OidcLogoutResolver,
  SignInProvidersResolver,
  ...AUDIT_RESOLVERS,
  ...PREVENTION_RESOLVERS,
  ...TRAINING_RESOLVERS,
  ...INDICATOR_RESOLVERS,
  ...CASE_RESOLVERS,
  ...CAMERA_RESOLVERS,
  ...WORK_RESOLVERS,
  ...MEETING_RESOLVERS,
  ...REPORT_RESOLVERS,
  ...RECORDS_RESOLVERS,
  ...NOTIFICATION_RESOLVERS,
] as const;

/** `Date` (YYYY-MM-DD) for calendar dates; `DateTime` (ISO 8601, UTC) for instants. */
export { DateScalar } from './date.scalar';

let cached: Promise<GraphQLSchema> | undefined;

/** Builds the schema once per process (type-graphql metadata is global). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: [...RESOLVERS] as unknown as [Function, ...Function[]], // type-graphql's NonEmptyArray<Function>
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: { forbidUnknownValues: true, stopAtFirstError: false },
    emitSchemaFile: false,
    // The @Policy gate wraps each root field, before type-graphql validates its arguments (policy.gate.ts).
  })
    .then(useDefaultResolversForPlainFields)
    .then(enforcePolicies);
  return cached;
}
