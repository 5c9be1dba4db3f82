import { Extensions } from 'type-graphql';
import type { Capability } from '../access/policy';

/**
 * Declares the capability an operation or object type needs. The schema-walk test fails for any
 * operation or type without one; the access layer enforces it inside the services.
 */
export function Policy(capability: Capability): MethodDecorator & ClassDecorator & PropertyDecorator {
  return Extensions({ policy: capability });
}
