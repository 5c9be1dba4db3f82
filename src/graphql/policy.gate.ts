import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { requireCapability } from '../access/access';
import type { Capability } from '../access/policy';
import type { AuditAction } from '../modules/audit/audit.recorder';
import { forbidden } from '../shared/errors';
import type { RequestContext } from './context';

/**
 * The runtime gate: the `@Policy` declaration of a root field (its schema extension `policy`) is its
 * enforcement. Each root field's resolver is wrapped once, when the schema is built, so the check runs
 * before type-graphql converts and validates the arguments: an anonymous or unauthorised caller gets
 * UNAUTHENTICATED or FORBIDDEN (audited as DENIED by the audit plugin) without the input ever being looked
 * at. A root field without a declaration is refused (the schema-walk test also fails for one).
 * Record-level decisions (NOT_FOUND for a record the caller may not see) stay in the services, through
 * `src/access`.
 *
 * Only root fields are wrapped, and synchronously: a type-graphql global middleware would run on every
 * field of every returned object and make each of them a promise (issue #26's profile).
 */
export function enforcePolicies(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const capability = field.extensions?.policy as Capability | undefined;
      const auditAction = field.extensions?.auditAction as AuditAction | undefined;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: RequestContext, info) => {
        if (auditAction !== undefined) context.audit.action = auditAction;
        if (capability === undefined) throw forbidden();
        requireCapability(context.principal, capability);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
