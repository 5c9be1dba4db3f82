import type { Area } from './areas';

export interface MenuEntry {
  to: string;
  /** i18n key of the label. */
  key: string;
  /** true: active only on exactly this address. */
  end: boolean;
  area: Area;
}

/** The main menu, in order; each person sees the entries of the areas their roles may use. */
export const MENU: readonly MenuEntry[] = [
  { to: '/', key: 'nav.overview', end: true, area: 'prevention' },
  { to: '/forebyggande', key: 'nav.activities', end: true, area: 'prevention' },
  { to: '/forebyggande/platser', key: 'nav.places', end: false, area: 'prevention' },
  { to: '/forebyggande/loften', key: 'nav.commitments', end: false, area: 'prevention' },
  { to: '/uppfoljning', key: 'nav.followUp', end: false, area: 'prevention' },
  { to: '/arenden', key: 'cases.nav', end: false, area: 'cases' },
  { to: '/indikatorer', key: 'nav.indicators', end: false, area: 'indicators' },
  { to: '/utbildning', key: 'nav.training', end: false, area: 'training' },
  { to: '/loggkontroll', key: 'auditLog.nav', end: false, area: 'audit' },
];
