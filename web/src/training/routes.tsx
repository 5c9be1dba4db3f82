import type { RouteObject } from 'react-router';
import { RequireArea } from '../access/RequireArea';
import { TrainingLayout } from './TrainingLayout';
import { lazyPage } from '../ui/lazy-page';

/** Utbildning (training coordinators), under /utbildning. */
export const trainingRoutes: RouteObject = {
  path: '/utbildning',
  element: (
    <RequireArea area="training">
      <TrainingLayout />
    </RequireArea>
  ),
  children: [
    { index: true, lazy: lazyPage(() => import('./CoveragePage'), 'CoveragePage') },
    { path: 'tillfallen', lazy: lazyPage(() => import('./SessionsPage'), 'SessionsPage') },
    { path: 'tillfallen/:id', lazy: lazyPage(() => import('./SessionPage'), 'SessionPage') },
    { path: 'personal', lazy: lazyPage(() => import('./StaffPage'), 'StaffPage') },
    { path: 'personal/:id', lazy: lazyPage(() => import('./StaffMemberPage'), 'StaffMemberPage') },
    { path: 'utgar', lazy: lazyPage(() => import('./ExpiringPage'), 'ExpiringPage') },
    { path: 'kurser', lazy: lazyPage(() => import('./CoursesPage'), 'CoursesPage') },
    { path: 'import', lazy: lazyPage(() => import('./ImportPage'), 'ImportPage') },
  ],
};
