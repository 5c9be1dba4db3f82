import 'reflect-metadata';
import { GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { IdentityResolver } from '../modules/identity/identity.resolver';
import { RESOLVERS as AUDIT_RESOLVERS } from '../modules/audit';
import { RESOLVERS as PREVENTION_RESOLVERS } from '../modules/prevention';

export const RESOLVERS = [IdentityResolver, ...AUDIT_RESOLVERS, ...PREVENTION_RESOLVERS] as const;

/** `Date` (YYYY-MM-DD) for calendar dates; `DateTime` (ISO 8601, UTC) for instants. */
export const DateScalar = new GraphQLScalarType({ ...DateResolver.toConfig(), name: 'Date' });

let cached: Promise<GraphQLSchema> | undefined;

/** Builds the schema once per process (type-graphql metadata is global). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: [...RESOLVERS] as unknown as [Function, ...Function[]], // type-graphql's NonEmptyArray<Function>
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: { forbidUnknownValues: true, stopAtFirstError: false },
    emitSchemaFile: false,
  });
  return cached;
}
