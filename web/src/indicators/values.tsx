import { useTranslation } from 'react-i18next';
import type { IndicatorGranularity } from '../gql/graphql';

/** A table's figure as a person reads it: exact, protected (≈, perturbed) or not published yet (–). */
export function Figure({
  value,
  suppressed,
  protectedTable,
}: {
  value?: number | null;
  suppressed: boolean;
  protectedTable: boolean;
}) {
  const { t } = useTranslation();
  if (suppressed || value === null || value === undefined)
    return (
      <span className="figure unpublished">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{t('indicators.legend.unpublishedShort')}</span>
      </span>
    );
  if (!protectedTable) return <span className="figure">{value}</span>;
  return (
    <span className="figure protected">
      <span aria-hidden="true">≈ </span>
      <span className="visually-hidden">{t('indicators.legend.approxShort')} </span>
      {value}
    </span>
  );
}

const MONTHS_SV = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The name of a period of a table: a month, a quarter or the year. */
export function usePeriodName(): (granularity: IndicatorGranularity, period: number, year: number) => string {
  const { t, i18n } = useTranslation();
  return (granularity, period, year) => {
    if (granularity === 'MONTH') return (i18n.language === 'en' ? MONTHS_EN : MONTHS_SV)[period - 1] ?? String(period);
    if (granularity === 'QUARTER') return t('indicators.quarter', { quarter: period });
    return String(year);
  };
}

/** What ≈ and – mean in a protected table, with the rule's numbers; never a raw figure. */
export function ProtectionLegend({ threshold, roundingBase }: { threshold: number; roundingBase: number }) {
  const { t } = useTranslation();
  const shownSmall = Math.ceil(threshold / roundingBase) * roundingBase;
  return (
    <div className="notice notice-info legend-box" id="indicator-legend">
      <h3>{t('indicators.legend.title')}</h3>
      <dl>
        <div>
          <dt>≈</dt>
          <dd>{t('indicators.legend.approx', { base: roundingBase })}</dd>
        </div>
        <div>
          <dt>0 / {shownSmall}</dt>
          <dd>{t('indicators.legend.small', { max: threshold - 1, shown: shownSmall })}</dd>
        </div>
        <div>
          <dt>–</dt>
          <dd>{t('indicators.legend.unpublished')}</dd>
        </div>
      </dl>
      <p>{t('indicators.legend.totals')}</p>
    </div>
  );
}
