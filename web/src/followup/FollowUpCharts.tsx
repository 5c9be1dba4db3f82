import { useTranslation } from 'react-i18next';
import type { PreventionActivityType } from '../gql/graphql';
import type { FollowUpData } from './FollowUpPage';

/** Colours with at least 3:1 contrast against white, one per activity type in the chart. */
const COLOURS = [
  '#1f5f9e',
  '#b0451c',
  '#2e7d32',
  '#6a3d9a',
  '#8a6d00',
  '#00707a',
  '#a3174a',
  '#4e5a65',
  '#7b4f00',
  '#2d4a8a',
  '#5b6b00',
];

const quarters = (f: FollowUpData) =>
  f.periods
    .filter((p) => p.quarter !== null && p.quarter !== undefined)
    .sort((a, b) => (a.quarter ?? 0) - (b.quarter ?? 0));

export function typesIn(f: FollowUpData): PreventionActivityType[] {
  return [...new Set(f.periods.flatMap((p) => p.byTypeAndStatus.map((c) => c.type)))].sort();
}

const W = 420;
const H = 220;
const PAD = { left: 40, right: 10, top: 12, bottom: 30 };

function scale(max: number): { top: number; ticks: number[] } {
  const top = Math.max(1, Math.ceil(max / 4) * 4);
  return { top, ticks: [0, top / 4, top / 2, (3 * top) / 4, top] };
}

function Axes({ ticks, top, labels }: { ticks: number[]; top: number; labels: string[] }) {
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / top);
  const step = (W - PAD.left - PAD.right) / labels.length;
  return (
    <g aria-hidden="true" className="axes">
      {ticks.map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
          <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
            {Number.isInteger(v) ? v : v.toFixed(1)}
          </text>
        </g>
      ))}
      {labels.map((l, i) => (
        <text key={l} x={PAD.left + step * i + step / 2} y={H - 8} textAnchor="middle">
          {l}
        </text>
      ))}
    </g>
  );
}

/** Activities per quarter, stacked by type. The same figures stand in the table below. */
export function ActivitiesChart({ followUp }: { followUp: FollowUpData }) {
  const { t } = useTranslation();
  const qs = quarters(followUp);
  const types = typesIn(followUp);
  const { top, ticks } = scale(Math.max(0, ...qs.map((q) => q.activities)));
  const plotH = H - PAD.top - PAD.bottom;
  const step = (W - PAD.left - PAD.right) / Math.max(1, qs.length);
  const barW = step * 0.55;
  const labels = qs.map((q) => t('followUp.quarter', { quarter: q.quarter }));
  return (
    <figure className="chart">
      <figcaption id="chart-activities">{t('followUp.chartActivities')}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="chart-activities"
        aria-describedby="followup-table-caption"
      >
        <Axes ticks={ticks} top={top} labels={labels} />
        {qs.map((q, i) => {
          let y = PAD.top + plotH;
          return (
            <g key={q.period}>
              {types.map((type, ti) => {
                const n = q.byTypeAndStatus.filter((c) => c.type === type).reduce((s, c) => s + c.activities, 0);
                if (n === 0) return null;
                const h = (n / top) * plotH;
                y -= h;
                return (
                  <rect
                    key={type}
                    x={PAD.left + step * i + (step - barW) / 2}
                    y={y}
                    width={barW}
                    height={h}
                    fill={COLOURS[ti % COLOURS.length]}
                  />
                );
              })}
            </g>
          );
        })}
      </svg>
      <ul className="legend">
        {types.map((type, ti) => (
          <li key={type}>
            <span className="swatch" style={{ background: COLOURS[ti % COLOURS.length] }} aria-hidden="true" />
            {t(`enums.PreventionActivityType.${type}`)}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** People reached per quarter. */
export function PeopleChart({ followUp }: { followUp: FollowUpData }) {
  const { t } = useTranslation();
  const qs = quarters(followUp);
  const { top, ticks } = scale(Math.max(0, ...qs.map((q) => q.peopleReached)));
  const plotH = H - PAD.top - PAD.bottom;
  const step = (W - PAD.left - PAD.right) / Math.max(1, qs.length);
  const barW = step * 0.55;
  return (
    <figure className="chart">
      <figcaption id="chart-people">{t('followUp.chartPeople')}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="chart-people"
        aria-describedby="followup-table-caption"
      >
        <Axes ticks={ticks} top={top} labels={qs.map((q) => t('followUp.quarter', { quarter: q.quarter }))} />
        {qs.map((q, i) => {
          const h = (q.peopleReached / top) * plotH;
          return (
            <rect
              key={q.period}
              x={PAD.left + step * i + (step - barW) / 2}
              y={PAD.top + plotH - h}
              width={barW}
              height={h}
              fill={COLOURS[0]}
            />
          );
        })}
      </svg>
    </figure>
  );
}
