import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { graphql } from '../gql';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { SelectField } from '../ui/fields';
import { usePageTitle } from '../ui/page-title';
import { COLOURS } from './IndicatorChart';
import { FIRST_YEAR } from './IndicatorsPage';
import { useIndicators } from './queries';
import { niceScale } from './scale';
import { Figure, ProtectionLegend } from './values';

const IndicatorTrend = graphql(`
  query IndicatorTrend($indicatorCode: String!, $fromYear: Int!, $toYear: Int!) {
    indicatorTrend(indicatorCode: $indicatorCode, fromYear: $fromYear, toYear: $toYear, granularity: YEAR) {
      ...IndicatorTableFields
    }
  }
`);

const W = 720;
const H = 260;
const PAD = { left: 44, right: 16, top: 14, bottom: 32 };

/** One indicator over the years: a yearly figure per area (one perturbed cell per year when protected). */
export function TrendPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('indicators.trend.title'));
  const [params, setParams] = useSearchParams();
  const list = useIndicators();
  const indicators = list.data?.indicators ?? [];
  const code = params.get('indikator') || indicators[0]?.code || '';
  const toYear = new Date().getFullYear();
  const { data, error, loading } = useQuery(IndicatorTrend, {
    variables: { indicatorCode: code, fromYear: FIRST_YEAR, toYear },
    skip: !code,
    fetchPolicy: 'cache-first',
  });
  const indicator = indicators.find((i) => i.code === code);
  const name = indicator ? (i18n.language === 'en' ? indicator.nameEn : indicator.nameSv) : '';
  const tables = data?.indicatorTrend ?? [];
  const areas = tables[0]?.rows.map((r) => r.area) ?? [];
  const value = (year: number, areaId: string) =>
    tables.find((tb) => tb.year === year)?.rows.find((r) => r.area.id === areaId)?.total;
  const isProtected = tables.some((tb) => tb.protected);
  const max = Math.max(1, ...tables.flatMap((tb) => tb.rows.map((r) => r.total.value ?? 0)));
  const { top, ticks } = niceScale(max);
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + ((W - PAD.left - PAD.right) * (i + 0.5)) / Math.max(1, tables.length);
  const y = (v: number) => PAD.top + plotH * (1 - v / top);

  return (
    <>
      <h1>{t('indicators.trend.title')}</h1>
      <p className="lead">{t('indicators.trend.intro')}</p>
      <div className="filters compact wide-first">
        <SelectField
          label={t('indicators.indicator')}
          name="indikator"
          value={code}
          onChange={(v) => setParams({ indikator: v }, { replace: true })}
        >
          {indicators.map((i) => (
            <option key={i.code} value={i.code}>
              {i18n.language === 'en' ? i.nameEn : i.nameSv} ({t(`enums.OrganisationKind.${i.reportedBy}`)})
            </option>
          ))}
        </SelectField>
      </div>
      {(list.error || error) && <ErrorMessage error={list.error ?? error} />}
      {loading && tables.length === 0 && <Loading />}
      {tables.length > 0 && (
        <>
          <h2>
            {name} {FIRST_YEAR}–{toYear}
          </h2>
          <figure className="chart">
            <figcaption id="trend-chart-caption">{t('indicators.trend.chart')}</figcaption>
            <svg
              viewBox={`0 0 ${W} ${H}`}
              role="img"
              aria-labelledby="trend-chart-caption"
              aria-describedby="trend-table-caption"
            >
              <g aria-hidden="true" className="axes">
                {ticks.map((v) => (
                  <g key={v}>
                    <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
                    <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
                      {Number.isInteger(v) ? v : v.toFixed(1)}
                    </text>
                  </g>
                ))}
                {tables.map((tb, i) => (
                  <text key={tb.year} x={x(i)} y={H - 10} textAnchor="middle">
                    {tb.year}
                  </text>
                ))}
              </g>
              {areas.map((a, ai) => {
                const points = tables
                  .map((tb, i) => ({ i, v: value(tb.year, a.id) }))
                  .filter((p) => p.v && !p.v.suppressed && p.v.value !== null && p.v.value !== undefined);
                return (
                  <g key={a.id}>
                    <polyline
                      fill="none"
                      stroke={COLOURS[ai % COLOURS.length]}
                      strokeWidth="2.5"
                      strokeDasharray={isProtected ? '6 4' : undefined}
                      points={points.map((p) => `${x(p.i)},${y(p.v!.value!)}`).join(' ')}
                    />
                    {points.map((p) => (
                      <circle key={p.i} cx={x(p.i)} cy={y(p.v!.value!)} r="4" fill={COLOURS[ai % COLOURS.length]} />
                    ))}
                  </g>
                );
              })}
            </svg>
            <ul className="legend">
              {areas.map((a, i) => (
                <li key={a.id}>
                  <span className="swatch" style={{ background: COLOURS[i % COLOURS.length] }} aria-hidden="true" />
                  {a.name}
                </li>
              ))}
              {isProtected && <li>{t('indicators.trend.dashed')}</li>}
            </ul>
          </figure>
          {isProtected && <ProtectionLegend threshold={tables[0].threshold} roundingBase={tables[0].roundingBase} />}
          <div className="table-wrap">
            <table className="numbers figures" aria-describedby={isProtected ? 'indicator-legend' : undefined}>
              <caption id="trend-table-caption">
                {t(isProtected ? 'indicators.trend.captionProtected' : 'indicators.trend.captionOwn', { name })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('indicators.area')}</th>
                  {tables.map((tb) => (
                    <th scope="col" key={tb.year}>
                      {tb.year}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {areas.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.name}</th>
                    {tables.map((tb) => {
                      const v = value(tb.year, a.id);
                      return (
                        <td key={tb.year}>
                          {v ? <Figure value={v.value} suppressed={v.suppressed} protectedTable={tb.protected} /> : '–'}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
