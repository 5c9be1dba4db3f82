import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';

const SECTIONS = [
  { to: '/utbildning', key: 'training.nav.coverage', end: true },
  { to: '/utbildning/tillfallen', key: 'training.nav.sessions', end: false },
  { to: '/utbildning/personal', key: 'training.nav.staff', end: false },
  { to: '/utbildning/utgar', key: 'training.nav.expiring', end: false },
  { to: '/utbildning/kurser', key: 'training.nav.courses', end: false },
  { to: '/utbildning/import', key: 'training.nav.import', end: false },
] as const;

/** Utbildning: its own sections under the main menu. */
export function TrainingLayout() {
  const { t } = useTranslation();
  return (
    <>
      <nav aria-label={t('training.nav.label')} className="subnav">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.to}>
              <NavLink to={s.to} end={s.end}>
                {t(s.key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
