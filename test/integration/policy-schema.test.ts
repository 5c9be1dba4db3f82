import {
  getNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLNamedType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { Capability } from '../../src/access/policy';
import { buildAppSchema } from '../../src/graphql/schema';

/**
 * Every operation and every object type of the schema declares the capability it needs
 * (`@Policy(Capability.X)`, visible as `extensions.policy`). A new resolver or type without one
 * fails here, naming it.
 *
 * Exempt: only graphql-js's own introspection types (`__Schema`, `__Type`, …), which describe the
 * schema rather than data and are audited as introspection. Connection, edge and page-info types
 * are NOT exempt: they carry data (totalCount, cursors) and must declare a policy like any other.
 * Scalars, enums and input types are not object types: they return nothing by themselves.
 */
const CAPABILITIES = new Set<string>(Object.values(Capability));

function policyOf(holder: { extensions?: Readonly<Record<string, unknown>> | null }): unknown {
  return holder.extensions?.policy;
}

function rootTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
    (t): t is GraphQLObjectType => t !== null && t !== undefined,
  );
}

/** Every named type reachable from the root operation types through fields (and interfaces/unions). */
function reachableTypes(schema: GraphQLSchema): Map<string, GraphQLNamedType> {
  const seen = new Map<string, GraphQLNamedType>();
  const queue: GraphQLNamedType[] = [...rootTypes(schema)];
  while (queue.length > 0) {
    const type = queue.shift()!;
    if (seen.has(type.name) || isIntrospectionType(type)) continue;
    seen.set(type.name, type);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) queue.push(getNamedType(field.type));
      for (const iface of type.getInterfaces()) queue.push(iface);
    }
    if (isInterfaceType(type)) queue.push(...schema.getPossibleTypes(type));
    if (isUnionType(type)) queue.push(...type.getTypes());
  }
  return seen;
}

function describePolicy(name: string, policy: unknown, missing: string): string | null {
  if (policy === undefined) return `${name}: ${missing}`;
  if (typeof policy !== 'string' || !CAPABILITIES.has(policy))
    return `${name}: policy ${JSON.stringify(policy)} is not a Capability`;
  return null;
}

/** Root fields (operations) without a valid `@Policy`. */
function operationOffenders(schema: GraphQLSchema): string[] {
  const offenders: string[] = [];
  for (const root of rootTypes(schema)) {
    for (const field of Object.values(root.getFields()) as GraphQLField<unknown, unknown>[]) {
      const problem = describePolicy(`${root.name}.${field.name}`, policyOf(field), 'no @Policy');
      if (problem) offenders.push(problem);
    }
  }
  return offenders;
}

/** Reachable object and interface types with neither a valid type policy nor one on every field. */
function typeOffenders(schema: GraphQLSchema): string[] {
  const offenders: string[] = [];
  const roots = new Set(rootTypes(schema).map((t) => t.name));
  for (const type of reachableTypes(schema).values()) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue; // scalars, enums; union members are walked
    if (roots.has(type.name)) continue; // operations: checked by operationOffenders
    const typePolicy = policyOf(type);
    if (typePolicy !== undefined) {
      const problem = describePolicy(type.name, typePolicy, '');
      if (problem) offenders.push(problem.replace(': policy', ': type policy'));
      continue;
    }
    for (const field of Object.values(type.getFields())) {
      const problem = describePolicy(
        `${type.name}.${field.name}`,
        policyOf(field),
        'neither the type nor the field has @Policy',
      );
      if (problem) offenders.push(problem);
    }
  }
  return offenders;
}

describe('policy declarations in the schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  it('has the operations the contract fixes', () => {
    const query = Object.keys(schema.getQueryType()?.getFields() ?? {});
    const mutation = Object.keys(schema.getMutationType()?.getFields() ?? {});
    expect(query).toEqual(expect.arrayContaining(['me', 'areas']));
    expect(mutation).toEqual(expect.arrayContaining(['login', 'logout']));
  });

  it('every Query, Mutation and Subscription field declares a valid capability', () => {
    const offenders = operationOffenders(schema);
    expect(offenders, `operations without a valid declared policy:\n  ${offenders.join('\n  ')}`).toEqual([]);
  });

  it('every object type reachable from the schema declares a policy on the type or on each of its fields', () => {
    const offenders = typeOffenders(schema);
    expect(offenders, `object types without a declared policy:\n  ${offenders.join('\n  ')}`).toEqual([]);
  });

  it('the checks name offenders (run on a deliberately broken schema)', () => {
    const Thing = new GraphQLObjectType({
      name: 'Thing',
      fields: { id: { type: GraphQLString }, secret: { type: GraphQLString } },
    });
    const Half = new GraphQLObjectType({
      name: 'Half',
      fields: {
        ok: { type: GraphQLString, extensions: { policy: Capability.AUDIT_READ } },
        leak: { type: GraphQLString },
      },
    });
    const Typed = new GraphQLObjectType({
      name: 'Typed',
      extensions: { policy: 'made.up' },
      fields: { id: { type: GraphQLString } },
    });
    const broken = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          thing: { type: Thing },
          half: { type: Half, extensions: { policy: Capability.AUDIT_READ } },
          typed: { type: Typed, extensions: { policy: 'nonsense' } },
        },
      }),
    });
    expect(operationOffenders(broken)).toEqual([
      'Query.thing: no @Policy',
      'Query.typed: policy "nonsense" is not a Capability',
    ]);
    expect(typeOffenders(broken).sort()).toEqual(
      [
        'Half.leak: neither the type nor the field has @Policy',
        'Thing.id: neither the type nor the field has @Policy',
        'Thing.secret: neither the type nor the field has @Policy',
        'Typed: type policy "made.up" is not a Capability',
      ].sort(),
    );
  });

  it('no object type is left unreachable (an orphan type would escape the walk above)', () => {
    const reachable = reachableTypes(schema);
    const orphans = Object.values(schema.getTypeMap())
      .filter((t) => (isObjectType(t) || isInterfaceType(t)) && !isIntrospectionType(t) && !reachable.has(t.name))
      .map((t) => t.name);
    expect(orphans, `object types not reachable from Query/Mutation: ${orphans.join(', ')}`).toEqual([]);
  });

  it('the walk itself sees the types it must (guards against a walk that checks nothing)', () => {
    const names = [...reachableTypes(schema).keys()];
    expect(names).toEqual(expect.arrayContaining(['Query', 'Mutation', 'User', 'Organisation', 'Area', 'Session']));
    expect(policyOf(schema.getQueryType()!.getFields().me)).toBe(Capability.SESSION_SELF);
    expect(policyOf(schema.getMutationType()!.getFields().login)).toBe(Capability.PUBLIC);
  });
});
