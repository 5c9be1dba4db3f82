import type { RouteObject } from 'react-router';
import { RequireArea } from '../access/RequireArea';
import { CoursesPage } from './CoursesPage';
import { CoveragePage } from './CoveragePage';
import { ExpiringPage } from './ExpiringPage';
import { ImportPage } from './ImportPage';
import { SessionPage } from './SessionPage';
import { SessionsPage } from './SessionsPage';
import { StaffMemberPage } from './StaffMemberPage';
import { StaffPage } from './StaffPage';
import { TrainingLayout } from './TrainingLayout';

/** Utbildning (training coordinators), under /utbildning. */
export const trainingRoutes: RouteObject = {
  path: '/utbildning',
  element: (
    <RequireArea area="training">
      <TrainingLayout />
    </RequireArea>
  ),
  children: [
    { index: true, element: <CoveragePage /> },
    { path: 'tillfallen', element: <SessionsPage /> },
    { path: 'tillfallen/:id', element: <SessionPage /> },
    { path: 'personal', element: <StaffPage /> },
    { path: 'personal/:id', element: <StaffMemberPage /> },
    { path: 'utgar', element: <ExpiringPage /> },
    { path: 'kurser', element: <CoursesPage /> },
    { path: 'import', element: <ImportPage /> },
  ],
};
