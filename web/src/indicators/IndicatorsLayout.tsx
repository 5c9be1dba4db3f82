import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';

const SECTIONS = [
  { to: '/indikatorer', key: 'indicators.nav.tables', end: true },
  { to: '/indikatorer/trend', key: 'indicators.nav.trend', end: false },
  { to: '/indikatorer/registrera', key: 'indicators.nav.record', end: false },
] as const;

export function IndicatorsLayout() {
  const { t } = useTranslation();
  return (
    <>
      <nav aria-label={t('indicators.nav.label')} className="subnav">
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
