import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

/**
 * A route whose page is loaded when first visited (its own script chunk), so the first load carries only the
 * sign-in page, the layout and the start page. The router waits for the chunk before it navigates, so no
 * half-drawn page shows.
 */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): NonNullable<RouteObject['lazy']> {
  return async () => ({ Component: (await load())[name] });
}
