import { Extensions } from 'type-graphql';
import type { Capability } from '../access/policy';
import type { AuditAction } from '../modules/audit/audit.recorder';

/**
 * Declares the capability an operation or object type needs. The schema-walk test fails for any
 * operation or type without one. On a root field the declaration is the enforcement: the policy gate
 * (`policy.gate.ts`) checks it before the arguments are validated; record-level checks stay in `src/access`.
 */
export function Policy(capability: Capability): MethodDecorator & ClassDecorator & PropertyDecorator {
  return Extensions({ policy: capability });
}

/**
 * The audit action an operation is recorded under, refused or not (e.g. BREAK_GLASS): the policy gate
 * sets it before it checks the caller, so a refusal by the gate is recorded under it too.
 */
export function AuditAs(action: AuditAction): MethodDecorator {
  return Extensions({ auditAction: action });
}
