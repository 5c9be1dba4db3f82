import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useUser } from '../auth/session';
import { graphql } from '../gql';
import type { IndicatorGranularity } from '../gql/graphql';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { SelectField } from '../ui/fields';
import { IndicatorChart } from './IndicatorChart';
import { IndicatorTableView } from './IndicatorTable';
import { useIndicators } from './queries';
import { ProtectionLegend } from './values';
import { usePageTitle } from '../ui/page-title';

const IndicatorTable = graphql(`
  query IndicatorTable($indicatorCode: String!, $year: Int!, $granularity: IndicatorGranularity!) {
    indicatorTable(indicatorCode: $indicatorCode, year: $year, granularity: $granularity) {
      ...IndicatorTableFields
    }
  }
`);

export const GRANULARITIES: IndicatorGranularity[] = ['MONTH', 'QUARTER', 'YEAR'];
export const FIRST_YEAR = 2023;

/** One indicator's table for a year: own figures exactly, partners' figures protected. */
export function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('indicators.title'));
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const list = useIndicators();
  const indicators = list.data?.indicators ?? [];
  const code = params.get('indikator') || indicators[0]?.code || '';
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('ar')) || thisYear;
  const granularity = (GRANULARITIES.find((g) => g === params.get('period')) ?? 'MONTH') as IndicatorGranularity;
  const { data, error, loading } = useQuery(IndicatorTable, {
    variables: { indicatorCode: code, year, granularity },
    skip: !code,
    fetchPolicy: 'cache-first',
  });
  const choose = (key: string) => (value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };
  const indicator = indicators.find((i) => i.code === code);
  const name = indicator ? (i18n.language === 'en' ? indicator.nameEn : indicator.nameSv) : '';
  const table = data?.indicatorTable;
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const own = indicator?.reportedBy === user.organisation.kind;

  return (
    <>
      <h1>{t('indicators.title')}</h1>
      <p className="lead">{t('indicators.intro')}</p>
      <div className="filters compact wide-first">
        <SelectField label={t('indicators.indicator')} name="indikator" value={code} onChange={choose('indikator')}>
          {indicators.map((i) => (
            <option key={i.code} value={i.code}>
              {i18n.language === 'en' ? i.nameEn : i.nameSv} ({t(`enums.OrganisationKind.${i.reportedBy}`)})
            </option>
          ))}
        </SelectField>
        <SelectField label={t('indicators.year')} name="ar" value={String(year)} onChange={choose('ar')}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('indicators.granularity')}
          name="period"
          value={granularity}
          onChange={choose('period')}
          description={t('indicators.granularityHint')}
        >
          {GRANULARITIES.map((g) => (
            <option key={g} value={g}>
              {t(`enums.IndicatorGranularity.${g}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {indicator && (
        <p>
          {indicator.description}{' '}
          <strong>{t(own ? 'indicators.ownExplained' : 'indicators.protectedExplained')}</strong>
        </p>
      )}
      {(list.error || error) && <ErrorMessage error={list.error ?? error} />}
      {loading && !table && <Loading />}
      {table && (
        <>
          <h2>
            {name} {table.year}
          </h2>
          {table.coarsened && (
            <div className="notice notice-warning" role="status">
              <p>
                {t('indicators.coarsened', {
                  asked: t(`enums.IndicatorGranularity.${table.requestedGranularity}`).toLocaleLowerCase(),
                  shown: t(`enums.IndicatorGranularity.${table.granularity}`).toLocaleLowerCase(),
                })}
              </p>
            </div>
          )}
          <IndicatorChart table={table} captionId="indicator-chart-caption" tableId="indicator-table-caption" />
          {table.protected && <ProtectionLegend threshold={table.threshold} roundingBase={table.roundingBase} />}
          <IndicatorTableView table={table} name={name} tableId="indicator-table-caption" />
        </>
      )}
    </>
  );
}
