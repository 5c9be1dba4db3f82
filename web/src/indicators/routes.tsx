import type { RouteObject } from 'react-router';
import { RequireArea } from '../access/RequireArea';
import { IndicatorsLayout } from './IndicatorsLayout';
import { lazyPage } from '../ui/lazy-page';

/** Indikatorer (social workers and police liaisons), under /indikatorer. */
export const indicatorRoutes: RouteObject = {
  path: '/indikatorer',
  element: (
    <RequireArea area="indicators">
      <IndicatorsLayout />
    </RequireArea>
  ),
  children: [
    { index: true, lazy: lazyPage(() => import('./IndicatorsPage'), 'IndicatorsPage') },
    { path: 'trend', lazy: lazyPage(() => import('./TrendPage'), 'TrendPage') },
    { path: 'registrera', lazy: lazyPage(() => import('./RecordPage'), 'RecordPage') },
  ],
};
