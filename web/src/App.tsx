import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Outlet, RouterProvider, useLocation } from 'react-router';
import { RequireArea, StartPage } from './access/RequireArea';
import { RequireSession, SessionProvider } from './auth/session';
import { SignInPage } from './auth/SignInPage';
import { FollowUpPage } from './followup/FollowUpPage';
import { indicatorRoutes } from './indicators/routes';
import { OverviewPage } from './overview/OverviewPage';
import { AuditLogPage } from './pages/audit/AuditLogPage';
import { AuditTrailPage } from './pages/audit/AuditTrailPage';
import { BreakGlassReviewsPage } from './pages/audit/BreakGlassReviewsPage';
import { CaseInboxPage } from './pages/cases/CaseInboxPage';
import { CasePage } from './pages/cases/CasePage';
import { CasesPage } from './pages/cases/CasesPage';
import { ActivitiesPage } from './prevention/ActivitiesPage';
import { ActivityFormPage } from './prevention/ActivityForm';
import { ActivityPage } from './prevention/ActivityPage';
import { CommitmentsPage } from './prevention/CommitmentsPage';
import { PlacesPage } from './prevention/PlacesPage';
import { trainingRoutes } from './training/routes';
import { ErrorMessage } from './ui/ErrorMessage';
import { Layout } from './ui/Layout';

function Root() {
  return (
    <SessionProvider>
      <FocusOnNavigate />
      <Outlet />
    </SessionProvider>
  );
}

/** After a client-side navigation, focus moves to the new page's main region (as a page load would). */
function FocusOnNavigate() {
  const location = useLocation();
  useEffect(() => {
    if (location.key === 'default') return;
    document.getElementById('main')?.focus({ preventScroll: false });
  }, [location.pathname, location.key]);
  return null;
}

function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('errors.pageNotFoundTitle')}</h1>
      <ErrorMessage kind="notFound" />
    </>
  );
}

const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/logga-in', element: <SignInPage /> },
      {
        element: (
          <RequireSession>
            <Layout />
          </RequireSession>
        ),
        children: [
          { path: '/', element: <StartPage overview={<OverviewPage />} /> },
          {
            element: (
              <RequireArea area="prevention">
                <Outlet />
              </RequireArea>
            ),
            children: [
              { path: '/forebyggande', element: <ActivitiesPage /> },
              { path: '/forebyggande/ny', element: <ActivityFormPage /> },
              { path: '/forebyggande/platser', element: <PlacesPage /> },
              { path: '/forebyggande/loften', element: <CommitmentsPage /> },
              { path: '/forebyggande/:id', element: <ActivityPage /> },
              { path: '/forebyggande/:id/andra', element: <ActivityFormPage /> },
              { path: '/uppfoljning', element: <FollowUpPage /> },
            ],
          },
          // Each area's routes come from its folder, wrapped in <RequireArea> there.
          trainingRoutes,
          indicatorRoutes,
          {
            element: (
              <RequireArea area="cases">
                <Outlet />
              </RequireArea>
            ),
            children: [
              { path: '/arenden', element: <CasesPage /> },
              { path: '/arenden/inkorg', element: <CaseInboxPage /> },
              { path: '/arenden/:id', element: <CasePage /> },
            ],
          },
          {
            element: (
              <RequireArea area="audit">
                <Outlet />
              </RequireArea>
            ),
            children: [
              { path: '/loggkontroll', element: <AuditLogPage /> },
              { path: '/loggkontroll/spar', element: <AuditTrailPage /> },
              { path: '/loggkontroll/nodatkomst', element: <BreakGlassReviewsPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
