import type { RouteObject } from 'react-router';
import { RequireArea } from '../access/RequireArea';
import { IndicatorsLayout } from './IndicatorsLayout';
import { IndicatorsPage } from './IndicatorsPage';
import { RecordPage } from './RecordPage';
import { TrendPage } from './TrendPage';

/** Indikatorer (social workers and police liaisons), under /indikatorer. */
export const indicatorRoutes: RouteObject = {
  path: '/indikatorer',
  element: (
    <RequireArea area="indicators">
      <IndicatorsLayout />
    </RequireArea>
  ),
  children: [
    { index: true, element: <IndicatorsPage /> },
    { path: 'trend', element: <TrendPage /> },
    { path: 'registrera', element: <RecordPage /> },
  ],
};
