import type { GraphQLObjectType } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { requireCapability } from '../access/access';
import type { Capability } from '../access/policy';
import type { AuditAction } from '../modules/audit/audit.recorder';
import { forbidden } from '../shared/errors';
import type { RequestContext } from './context';

/** The capability a field declares with `@Policy` (its schema extension), if any. */
function declaredCapability(parent: GraphQLObjectType, fieldName: string): Capability | undefined {
  return parent.getFields()[fieldName]?.extensions?.policy as Capability | undefined;
}

/**
 * The runtime gate: the `@Policy` declaration of a root field is its enforcement. It runs as a global
 * middleware, which type-graphql calls before it converts and validates the arguments, so an anonymous or
 * unauthorised caller gets UNAUTHENTICATED or FORBIDDEN (audited as DENIED by the audit plugin) without the
 * input ever being looked at. Record-level decisions (NOT_FOUND for a record the caller may not see) stay
 * in the services, through `src/access`.
 */
export const policyGate: MiddlewareFn<RequestContext> = async ({ context, info }, next) => {
  const root = info.schema.getRootType(info.operation.operation);
  if (info.parentType === root) {
    const auditAction = info.parentType.getFields()[info.fieldName]?.extensions?.auditAction as AuditAction | undefined;
    if (auditAction !== undefined) context.audit.action = auditAction;
    const capability = declaredCapability(info.parentType, info.fieldName);
    // The schema-walk test fails for a root field without a declaration; at runtime one is refused.
    if (capability === undefined) throw forbidden();
    requireCapability(context.principal, capability);
  }
  return next();
};
