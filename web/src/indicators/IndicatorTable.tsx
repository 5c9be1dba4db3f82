import { useTranslation } from 'react-i18next';
import type { IndicatorTableFieldsFragment } from '../gql/graphql';
import { Figure, usePeriodName } from './values';

/** The chart's figures as a table: areas × periods with row and column totals. */
export function IndicatorTableView({
  table,
  name,
  tableId,
}: {
  table: IndicatorTableFieldsFragment;
  name: string;
  tableId: string;
}) {
  const { t } = useTranslation();
  const periodName = usePeriodName();
  const p = table.protected;
  return (
    <div className="table-wrap">
      <table className="numbers figures" aria-describedby={p ? 'indicator-legend' : undefined}>
        <caption id={tableId}>
          {t(p ? 'indicators.captionProtected' : 'indicators.captionOwn', {
            name,
            year: table.year,
            granularity: t(`enums.IndicatorGranularity.${table.granularity}`).toLocaleLowerCase(),
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('indicators.area')}</th>
            {table.columnTotals.map((c) => (
              <th scope="col" key={c.period}>
                {periodName(table.granularity, c.period, table.year)}
              </th>
            ))}
            {table.granularity !== 'YEAR' && <th scope="col">{t('indicators.wholeYear')}</th>}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.area.id}>
              <th scope="row">{row.area.name}</th>
              {row.cells.map((c) => (
                <td key={c.period}>
                  <Figure value={c.value} suppressed={c.suppressed} protectedTable={p} />
                </td>
              ))}
              {table.granularity !== 'YEAR' && (
                <td>
                  <Figure value={row.total.value} suppressed={row.total.suppressed} protectedTable={p} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
        {table.rows.length > 1 && (
          <tfoot>
            <tr>
              <th scope="row">{t('indicators.total')}</th>
              {table.columnTotals.map((c) => (
                <td key={c.period}>
                  <Figure value={c.value} suppressed={c.suppressed} protectedTable={p} />
                </td>
              ))}
              {table.granularity !== 'YEAR' && (
                <td>
                  <Figure value={table.grandTotal.value} suppressed={table.grandTotal.suppressed} protectedTable={p} />
                </td>
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
