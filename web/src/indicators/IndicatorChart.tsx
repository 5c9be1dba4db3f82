import { useTranslation } from 'react-i18next';
import type { IndicatorTableFieldsFragment } from '../gql/graphql';
import { niceScale } from './scale';
import { usePeriodName } from './values';

/** Colours with at least 3:1 contrast against white, one per area. */
export const COLOURS = ['#1f5f9e', '#b0451c', '#2e7d32', '#6a3d9a', '#8a6d00', '#00707a'];

const W = 720;
const H = 260;
const PAD = { left: 44, right: 10, top: 14, bottom: 32 };

/**
 * The table's cells as grouped bars, one colour per area. Protected values are drawn hatched (they
 * are perturbed), unpublished periods have no bar but a dash. The same figures stand in the table.
 */
export function IndicatorChart({
  table,
  captionId,
  tableId,
}: {
  table: IndicatorTableFieldsFragment;
  captionId: string;
  tableId: string;
}) {
  const { t } = useTranslation();
  const periodName = usePeriodName();
  const periods = table.columnTotals.map((c) => c.period);
  const max = Math.max(1, ...table.rows.flatMap((r) => r.cells.map((c) => c.value ?? 0)));
  const { top, ticks } = niceScale(max);
  const plotH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH * (1 - v / top);
  const step = (W - PAD.left - PAD.right) / Math.max(1, periods.length);
  const groupW = step * 0.75;
  const barW = groupW / Math.max(1, table.rows.length);
  return (
    <figure className="chart">
      <figcaption id={captionId}>
        {t(table.protected ? 'indicators.chartProtected' : 'indicators.chartOwn', { year: table.year })}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={captionId} aria-describedby={tableId}>
        <defs>
          {table.rows.map((_, i) => (
            <pattern
              key={i}
              id={`hatch-${i}`}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill={COLOURS[i % COLOURS.length]} />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="2" />
            </pattern>
          ))}
        </defs>
        <g aria-hidden="true" className="axes">
          {ticks.map((v) => (
            <g key={v}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
              <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
                {Number.isInteger(v) ? v : v.toFixed(1)}
              </text>
            </g>
          ))}
          {periods.map((p, i) => (
            <text key={p} x={PAD.left + step * i + step / 2} y={H - 10} textAnchor="middle">
              {periodName(table.granularity, p, table.year)}
            </text>
          ))}
        </g>
        {table.rows.map((row, ri) =>
          row.cells.map((c, ci) => {
            const x = PAD.left + step * ci + (step - groupW) / 2 + barW * ri;
            if (c.suppressed || c.value === null || c.value === undefined)
              return (
                <text
                  key={`${ri}-${c.period}`}
                  x={x + barW / 2}
                  y={y(0) - 4}
                  textAnchor="middle"
                  className="unpublished-mark"
                >
                  –
                </text>
              );
            const h = (c.value / top) * plotH;
            return (
              <rect
                key={`${ri}-${c.period}`}
                x={x}
                y={y(0) - h}
                width={Math.max(1, barW - 2)}
                height={h}
                fill={table.protected ? `url(#hatch-${ri})` : COLOURS[ri % COLOURS.length]}
              />
            );
          }),
        )}
      </svg>
      <ul className="legend">
        {table.rows.map((row, i) => (
          <li key={row.area.id}>
            <span className="swatch" style={{ background: COLOURS[i % COLOURS.length] }} aria-hidden="true" />
            {row.area.name}
          </li>
        ))}
        {table.protected && <li>{t('indicators.chartHatched')}</li>}
      </ul>
    </figure>
  );
}
