import { Kind, parse, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../../src/graphql/schema';
import { LIMITS, operationCost } from '../../src/graphql/limits';
import { jsonNestedDeeperThan } from '../../src/http/hardening';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return operationCost(schema, operation, fragments, variables);
}

const ACTIVITY_PAGE =
  'edges { cursor node { id title type status startsAt owner { id name kind } area { id name } place { id name } commitment { id title } } }';

describe('the cost limit', () => {
  it('counts a page size the same as a literal, a variable or a variable default', () => {
    const literal = cost(`{ preventionActivities(first: 100) { ${ACTIVITY_PAGE} } }`);
    expect(cost(`query Q($n: Int) { preventionActivities(first: $n) { ${ACTIVITY_PAGE} } }`, { n: 100 })).toBe(literal);
    expect(cost(`query Q($n: Int = 100) { preventionActivities(first: $n) { ${ACTIVITY_PAGE} } }`)).toBe(literal);
    expect(cost(`query Q($n: Int = 5) { preventionActivities(first: $n) { ${ACTIVITY_PAGE} } }`, { n: 100 })).toBe(
      literal,
    );
    expect(cost(`{ preventionActivities(first: 10) { ${ACTIVITY_PAGE} } }`)).toBeLessThan(literal / 9);
  });

  it('is coherent with the documented page sizes: the largest pages with their relations fit', () => {
    expect(
      cost(`{ preventionActivities(first: 100) { totalCount pageInfo { hasNextPage endCursor } ${ACTIVITY_PAGE} } }`),
    ).toBe(2_501);
    const auditFields = `id occurredAt requestId actorId actorOrganisationId actorRoles clientAddress operationType operationName fields
      entityType entityIds entityOrganisationIds action outcome errorCode purpose`;
    const audit = cost(
      `{ auditEvents(first: 500) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${auditFields} } } } }`,
    );
    expect(audit).toBe(12_001);
    expect(audit).toBeLessThan(LIMITS.cost);
    expect(
      cost(
        '{ cases(first: 100) { edges { node { id riskLevel status tasks { id title status dueOn } latestAssessment { id assessedOn } } } } }',
      ),
    ).toBeLessThan(LIMITS.cost);
    expect(cost('{ staffMembers(first: 200) { edges { node { id name unit title } } } }')).toBeLessThan(LIMITS.cost);
  });

  it('refuses what multiplies: many large pages in one document', () => {
    const aliases = Array.from(
      { length: 15 },
      (_, i) => `a${i}: auditEvents(first: 500) { edges { node { id fields entityIds } } }`,
    ).join(' ');
    expect(cost(`{ ${aliases} }`)).toBeGreaterThan(LIMITS.cost);
  });

  it('counts a paginated field without first at the largest default page, fragments where spread, and no introspection', () => {
    expect(cost('{ preventionActivities { edges { node { id } } } }')).toBe(
      cost('{ preventionActivities(first: 50) { edges { node { id } } } }'),
    );
    const spread = cost(
      'query { preventionActivities(first: 20) { ...P } } fragment P on PreventionActivityConnection { edges { node { id title } } }',
    );
    expect(spread).toBe(cost('{ preventionActivities(first: 20) { edges { node { id title } } } }'));
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(0);
  });

  it('computes each fragment once, so nested spreads cannot make the count itself expensive', () => {
    const fragments = Array.from(
      { length: 9 },
      (_, i) => `fragment F${i} on Query { ${Array.from({ length: 10 }, () => `...F${i + 1}`).join(' ')} }`,
    ).join(' ');
    const started = Date.now();
    const n = cost(`query { ...F0 } ${fragments} fragment F9 on Query { __typename }`);
    expect(n).toBe(1e9);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('the JSON depth scan', () => {
  it('measures nesting outside strings only', () => {
    expect(jsonNestedDeeperThan('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonNestedDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(jsonNestedDeeperThan(`{"a":"${'['.repeat(100)}"}`, 2)).toBe(false);
    expect(jsonNestedDeeperThan('{"a":"\\"[[[[["}', 1)).toBe(false);
    expect(jsonNestedDeeperThan(`${'['.repeat(5000)}${']'.repeat(5000)}`, 32)).toBe(true);
  });
});
