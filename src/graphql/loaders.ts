import DataLoader from 'dataloader';
import type { Area, Organisation } from '../modules/identity/identity.entities';
import type { Commitment, Place } from '../modules/prevention/prevention.entities';
import type { RequestContext } from './context';

/**
 * How to make one relation's loader for a request. Modules declare theirs next to the field resolvers
 * that use them (`defineLoader(...)` at module level) and ask the request's registry for it.
 */
export type LoaderDefinition<K, V, C = K> = (ctx: RequestContext) => DataLoader<K, V, C>;

/** Declares a relation loader; the definition itself is the registry key, so declare it once, at module level. */
export function defineLoader<K, V, C = K>(make: LoaderDefinition<K, V, C>): LoaderDefinition<K, V, C> {
  return make;
}

/** A per-request loader of rows by id: one query per batch of ids, whatever the page size. */
export function byIdLoader<T extends { id: string }>(
  load: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await load(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

const organisationLoader = defineLoader((ctx) => byIdLoader((ids) => ctx.services.identity.organisationsByIds(ids)));
const areaLoader = defineLoader((ctx) => byIdLoader((ids) => ctx.services.identity.areasByIds(ids)));
const placeLoader = defineLoader((ctx) => byIdLoader((ids) => ctx.services.preventionActivity.placesByIds(ids)));
const commitmentLoader = defineLoader((ctx) =>
  byIdLoader((ids) => ctx.services.preventionActivity.commitmentsByIds(ids)),
);

/**
 * The request's relation loaders, made on first use and living exactly as long as the request: the
 * one mechanism by which field resolvers batch their statements (no query per parent).
 */
export class LoaderRegistry {
  private readonly made = new Map<LoaderDefinition<never, unknown, unknown>, DataLoader<never, unknown, unknown>>();

  /** The request's loader of a definition, made on first use with the context that asks for it. */
  get<K, V, C = K>(definition: LoaderDefinition<K, V, C>, ctx: RequestContext): DataLoader<K, V, C> {
    const key = definition as unknown as LoaderDefinition<never, unknown, unknown>;
    let loader = this.made.get(key) as DataLoader<K, V, C> | undefined;
    if (!loader) {
      loader = definition(ctx);
      this.made.set(key, loader as unknown as DataLoader<never, unknown, unknown>);
    }
    return loader;
  }
}

/**
 * What `ctx.loaders` answers: the registry seen from one context. Apollo runs the resolvers on a shallow
 * copy of the context, which opens a mutation's transaction on itself; a loader made by a resolver so
 * reads through that copy's `manager` (a mutation answers with what it stored), while all copies share
 * the one registry (the organisation the session lookup primed is not read again).
 */
export class RequestLoaders {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly ctx: RequestContext,
  ) {}

  get<K, V, C = K>(definition: LoaderDefinition<K, V, C>): DataLoader<K, V, C> {
    return this.registry.get(definition, this.ctx);
  }

  get organisation(): DataLoader<string, Organisation | null> {
    return this.get(organisationLoader);
  }

  get area(): DataLoader<string, Area | null> {
    return this.get(areaLoader);
  }

  get place(): DataLoader<string, Place | null> {
    return this.get(placeLoader);
  }

  get commitment(): DataLoader<string, Commitment | null> {
    return this.get(commitmentLoader);
  }
}
