import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useUser } from '../auth/session';
import { mayUse, type Area } from './areas';
import { MENU } from './menu';

/** "Inte tillåtet": the page of an area the person's roles may not use (the API refuses it too). */
export function NotAllowedPage() {
  const { t } = useTranslation();
  const user = useUser();
  const home = MENU.find((m) => mayUse(user.roles, m.area));
  useEffect(() => {
    document.title = `${t('access.notAllowedTitle')} – Samverkan`;
  }, [t]);
  return (
    <>
      <h1>{t('access.notAllowedTitle')}</h1>
      <div className="notice notice-warning" role="alert">
        <p>{t('access.notAllowed')}</p>
      </div>
      {home && (
        <p>
          <Link to={home.to}>{t('access.backTo', { page: t(home.key) })}</Link>
        </p>
      )}
    </>
  );
}

/** The page when the person may use the area, otherwise "Inte tillåtet". */
export function RequireArea({ area, children }: { area: Area; children: ReactNode }) {
  const user = useUser();
  return mayUse(user.roles, area) ? <>{children}</> : <NotAllowedPage />;
}

/**
 * The start page "/": the overview for those who may use it, otherwise the first area the person may
 * use, or a page saying that no area of the console is theirs (e.g. administrators).
 */
export function StartPage({ overview }: { overview: ReactNode }) {
  const { t } = useTranslation();
  const user = useUser();
  if (mayUse(user.roles, 'prevention')) return <>{overview}</>;
  const first = MENU.find((m) => mayUse(user.roles, m.area));
  if (first) return <Navigate to={first.to} replace />;
  return (
    <>
      <h1>{t('access.nothingTitle')}</h1>
      <p>{t('access.nothing')}</p>
    </>
  );
}
