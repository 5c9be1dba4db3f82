import type { OrganisationScope } from '../access/access';

/**
 * Guards every repository of organisation-owned rows calls: a query needs the caller's scope (built by the access
 * layer) and refuses to run without it. TypeORM silently drops `undefined` from a `where`, which turns a scoped
 * query into an unscoped one, so any undefined value is refused as well.
 */
export function assertScope(scope: OrganisationScope | undefined): asserts scope is OrganisationScope {
  if (!scope || !Array.isArray(scope.organisationIds) || scope.organisationIds.length === 0) {
    throw new Error('refusing an unscoped query: no organisation scope given');
  }
  if (scope.organisationIds.some((id) => typeof id !== 'string' || id === '')) {
    throw new Error('refusing a query with an invalid organisation scope');
  }
}

export function assertNoUndefined(where: object, path = 'where'): void {
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined)
      throw new Error(`refusing a query whose ${path}.${key} is undefined (TypeORM would drop it)`);
    if (value === null || typeof value !== 'object') continue;
    // Plain objects (nested relations), null-prototype objects and arrays (OR lists) are walked;
    // operators such as In() and Dates are values, not conditions.
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null || Array.isArray(value)) {
      assertNoUndefined(value as object, `${path}.${key}`);
    }
  }
}
