import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Outlet, RouterProvider, useLocation, useRouteError } from 'react-router';
import { RequireArea, StartPage } from './access/RequireArea';
import { RequireSession, SessionProvider } from './auth/session';
import { SignInPage } from './auth/SignInPage';
import { indicatorRoutes } from './indicators/routes';
import { OverviewPage } from './overview/OverviewPage';
import { trainingRoutes } from './training/routes';
import { ErrorMessage } from './ui/ErrorMessage';
import { Layout } from './ui/Layout';
import { lazyPage } from './ui/lazy-page';

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

/**
 * A page that could not be shown, inside the layout: most often its script could not be fetched (the network
 * is gone), so the person gets the Swedish network message and a way to try again, never a raw error.
 */
function PageError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <>
      <h1>{t('errors.pageFailedTitle')}</h1>
      <ErrorMessage error={error} retry={() => window.location.reload()} />
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
          {
            // A page that fails (its chunk cannot be fetched, or it throws) shows inside the layout.
            errorElement: <PageError />,
            children: [
              { path: '/', element: <StartPage overview={<OverviewPage />} /> },
              {
                element: (
                  <RequireArea area="prevention">
                    <Outlet />
                  </RequireArea>
                ),
                children: [
                  {
                    path: '/forebyggande',
                    lazy: lazyPage(() => import('./prevention/ActivitiesPage'), 'ActivitiesPage'),
                  },
                  {
                    path: '/forebyggande/ny',
                    lazy: lazyPage(() => import('./prevention/ActivityForm'), 'ActivityFormPage'),
                  },
                  {
                    path: '/forebyggande/platser',
                    lazy: lazyPage(() => import('./prevention/PlacesPage'), 'PlacesPage'),
                  },
                  {
                    path: '/forebyggande/loften',
                    lazy: lazyPage(() => import('./prevention/CommitmentsPage'), 'CommitmentsPage'),
                  },
                  {
                    path: '/forebyggande/:id',
                    lazy: lazyPage(() => import('./prevention/ActivityPage'), 'ActivityPage'),
                  },
                  {
                    path: '/forebyggande/:id/andra',
                    lazy: lazyPage(() => import('./prevention/ActivityForm'), 'ActivityFormPage'),
                  },
                  { path: '/uppfoljning', lazy: lazyPage(() => import('./followup/FollowUpPage'), 'FollowUpPage') },
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
                  { path: '/arenden', lazy: lazyPage(() => import('./pages/cases/CasesPage'), 'CasesPage') },
                  {
                    path: '/arenden/inkorg',
                    lazy: lazyPage(() => import('./pages/cases/CaseInboxPage'), 'CaseInboxPage'),
                  },
                  { path: '/arenden/:id', lazy: lazyPage(() => import('./pages/cases/CasePage'), 'CasePage') },
                ],
              },
              {
                element: (
                  <RequireArea area="audit">
                    <Outlet />
                  </RequireArea>
                ),
                children: [
                  { path: '/loggkontroll', lazy: lazyPage(() => import('./pages/audit/AuditLogPage'), 'AuditLogPage') },
                  {
                    path: '/loggkontroll/spar',
                    lazy: lazyPage(() => import('./pages/audit/AuditTrailPage'), 'AuditTrailPage'),
                  },
                  {
                    path: '/loggkontroll/nodatkomst',
                    lazy: lazyPage(() => import('./pages/audit/BreakGlassReviewsPage'), 'BreakGlassReviewsPage'),
                  },
                ],
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
