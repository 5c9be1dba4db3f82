import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import {
  GraphQLError,
  Kind,
  getNamedType,
  isObjectType,
  isInterfaceType,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

/**
 * The request limits, in one place. Every refusal names the limit it hit, the number, and what to
 * do instead; docs/api.md lists them. They are not secrets: a client needs them to stay inside.
 */
export const LIMITS = {
  /** Nesting of selections. */
  depth: 10,
  aliases: 15,
  directives: 20,
  /** Tokens of the document (graphql-js's parser). */
  tokens: 2000,
  /** Estimated cost (see `operationCost`). */
  cost: 25_000,
  /** Page size assumed for a paginated field called without `first`/`last` (the largest default page). */
  defaultPageSize: 50,
  /** Nesting of a JSON request body or of GET's `variables`/`extensions`. */
  jsonDepth: 32,
} as const;

const refusal = (message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });

/** Armor's rejection names "found N" when exposeLimits is on; a refusal of ours replaces its text. */
function reject(build: (found: string) => string): GraphQLArmorRejectCallback[] {
  return [
    (context, error) => {
      const found = /found (\d+)/.exec(error.message)?.[1] ?? 'more';
      context?.reportError(refusal(build(found)));
    },
  ];
}

export const limitMessages = {
  depth: (found: string): string =>
    `Query is nested ${found} levels deep; the depth limit is ${LIMITS.depth}. Ask for fewer nested levels, or fetch the deeper records in a second request.`,
  aliases: (found: string): string =>
    `Query uses ${found} aliases; the alias limit is ${LIMITS.aliases}. Split it into several requests.`,
  directives: (found: string): string =>
    `Query uses ${found} directives; the directive limit is ${LIMITS.directives}. Split it into several requests.`,
  cost: (found: number): string =>
    `Query's estimated cost is ${found}; the cost limit is ${LIMITS.cost}. Ask for smaller pages (first), fewer nested lists or fewer fields, or split it into several requests.`,
  tokens: `Query has more than ${LIMITS.tokens} tokens; the token limit is ${LIMITS.tokens}. Send a shorter document (fewer fields and arguments), or split it into several requests.`,
};

/** Depth, alias and directive limits (graphql-armor) and suggestion blocking, as validation rules. */
export function armorRules(): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin[] } {
  const { validationRules, plugins } = new ApolloArmor({
    maxDepth: {
      n: LIMITS.depth,
      exposeLimits: true,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: reject(limitMessages.depth),
    },
    maxAliases: {
      n: LIMITS.aliases,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: reject(limitMessages.aliases),
    },
    maxDirectives: {
      n: LIMITS.directives,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: reject(limitMessages.directives),
    },
    // Token limit through graphql-js's own parser (parseOptions in server.ts), not armor's plugin: that
    // one throws from a plugin hook, which skips willSendResponse (no audit event) and answers 500.
    maxTokens: { enabled: false },
    // The cost limit is costLimitPlugin below: armor's counts only literal page sizes.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return { validationRules: validationRules as ValidationRule[], plugins: plugins as ApolloServerPlugin[] };
}

const PAGE_ARGUMENTS = new Set(['first', 'last']);

/**
 * The estimated cost of an operation: every field costs 1, and the selection under a field with a page
 * size (`first`/`last`, as a literal, a variable or the variable's default; `LIMITS.defaultPageSize`
 * when the field takes one and none is given) counts once per item of the page. So `$n = 100` counts
 * exactly like the literal `100`. Fragments are counted where they are spread (each fragment is
 * computed once). Introspection (`__schema`, `__type`) costs nothing.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const rootType =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const intOf = (value: ValueNode): number | undefined => {
    if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
    if (value.kind === Kind.VARIABLE) {
      const given = variables[value.name.value];
      if (typeof given === 'number' && Number.isInteger(given)) return given;
      const fallback = defaults.get(value.name.value);
      return fallback && fallback.kind === Kind.INT ? Number.parseInt(fallback.value, 10) : undefined;
    }
    return undefined;
  };
  const fragmentCosts = new Map<string, number>();

  const selectionCost = (set: SelectionSetNode, parent: GraphQLNamedType | null | undefined): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__schema' || name === '__type') continue;
        if (!selection.selectionSet) {
          total += 1;
          continue;
        }
        const definition =
          parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
        let pageSize = 1;
        const pageArgument = selection.arguments?.find((a) => PAGE_ARGUMENTS.has(a.name.value));
        if (pageArgument) pageSize = Math.max(1, intOf(pageArgument.value) ?? LIMITS.defaultPageSize);
        else if (definition?.args.some((a) => PAGE_ARGUMENTS.has(a.name))) pageSize = LIMITS.defaultPageSize;
        const child = definition ? getNamedType(definition.type) : undefined;
        total += 1 + pageSize * selectionCost(selection.selectionSet, child);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += selectionCost(selection.selectionSet, type);
      } else {
        const name = selection.name.value;
        let cost = fragmentCosts.get(name);
        if (cost === undefined) {
          const fragment = fragments[name];
          fragmentCosts.set(name, 0); // a cycle (refused by validation anyway) counts nothing twice
          cost = fragment ? selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value)) : 0;
          fragmentCosts.set(name, cost);
        }
        total += cost;
      }
    }
    return total;
  };
  return selectionCost(operation.selectionSet, rootType);
}

/** The cost limit, once the operation and its variables are known, before anything executes. */
export function costLimitPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const cost = operationCost(schema, operation, fragments, request.variables ?? {});
          if (cost > LIMITS.cost) throw refusal(limitMessages.cost(cost));
        },
      };
    },
  };
}
