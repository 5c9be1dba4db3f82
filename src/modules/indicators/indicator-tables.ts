/**
 * Building the tables a reader gets, from monthly figures: the owner's exact table and the partners'
 * protected one, per month, quarter or year. Pure (the cell keys need the secret, passed in).
 */
import { addKeys, cellKey, perturb, protectTable, type PublishedCell, type TrueCell } from './indicator-protection';
import { publicationPoint, type PublicationPolicy } from './indicator-publication';
import type { RuleVersion } from './indicator-rule';
import type { OwnerArea, PublishedMonth, WantedMonth } from './indicator.repository';

export enum IndicatorGranularity {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

/** Finest first. */
const ORDER = [IndicatorGranularity.MONTH, IndicatorGranularity.QUARTER, IndicatorGranularity.YEAR] as const;
const PERIODS: Record<IndicatorGranularity, number> = { MONTH: 12, QUARTER: 4, YEAR: 1 };

export interface PeriodCell extends PublishedCell {
  /** 1 … 12, 1 … 4 or 1. */
  period: number;
  /** The first month of the period. */
  month: number;
  /** false: not yet published to partners (value null, suppressed). Own tables: always true. */
  published: boolean;
}

export interface IndicatorTableRow {
  area: { id: string; name: string };
  cells: PeriodCell[];
  total: PublishedCell;
}

export interface IndicatorTable {
  indicatorCode: string;
  year: number;
  /** false: the caller's own organisation's figures, exact. */
  protected: boolean;
  /** The rule the table was protected with (the one in force on 1 January of the year). */
  rule: RuleVersion;
  /** The granularity of the cells: the one asked for, or a coarser one (`coarsened`). */
  granularity: IndicatorGranularity;
  requestedGranularity: IndicatorGranularity;
  coarsened: boolean;
  rows: IndicatorTableRow[];
  columnTotals: PeriodCell[];
  grandTotal: PublishedCell;
}

type Area = { id: string; name: string };

const monthsOf = (granularity: IndicatorGranularity, period: number): number[] => {
  const size = 12 / PERIODS[granularity];
  return Array.from({ length: size }, (_, i) => (period - 1) * size + i + 1);
};
const periods = (granularity: IndicatorGranularity): number[] =>
  Array.from({ length: PERIODS[granularity] }, (_, i) => i + 1);

/** The owner's exact table: `counts[row][month-1]`. */
export function exactTable(
  code: string,
  year: number,
  rule: RuleVersion,
  areas: readonly Area[],
  counts: number[][],
  granularity: IndicatorGranularity,
): IndicatorTable {
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const periodCounts = counts.map((row) =>
    periods(granularity).map((p) => sum(monthsOf(granularity, p).map((m) => row[m - 1]))),
  );
  const cell = (period: number, value: number): PeriodCell => ({
    period,
    month: monthsOf(granularity, period)[0],
    value,
    suppressed: false,
    published: true,
  });
  return {
    indicatorCode: code,
    year,
    protected: false,
    rule,
    granularity,
    requestedGranularity: granularity,
    coarsened: false,
    rows: areas.map((area, r) => ({
      area,
      cells: periodCounts[r].map((v, i) => cell(i + 1, v)),
      total: { value: sum(periodCounts[r]), suppressed: false },
    })),
    columnTotals: periods(granularity).map((p) => cell(p, sum(periodCounts.map((row) => row[p - 1])))),
    grandTotal: { value: sum(periodCounts.map(sum)), suppressed: false },
  };
}

/** Sums months into one cell; null (not published) when any of them is. */
function combine(cells: readonly (TrueCell | null)[]): TrueCell | null {
  let count = 0;
  let keySum = 0;
  for (const c of cells) {
    if (c === null) return null;
    count += c.count;
    keySum = addKeys(keySum, c.keySum);
  }
  return { count, keySum };
}

/**
 * The finest granularity from `requested` on whose expected count per cell is at least k in every
 * row: the expected count is estimated from the row's published months as the partners could read
 * them (the perturbed count of all of them together, per month, times the months of a period), so
 * the choice says nothing the published figures do not. A year is always served.
 */
export function chooseGranularity(
  requested: IndicatorGranularity,
  months: readonly (readonly (TrueCell | null)[])[],
  rule: RuleVersion,
  secret: Buffer,
): IndicatorGranularity {
  const estimates = months.flatMap((row) => {
    const published = row.filter((c): c is TrueCell => c !== null);
    if (published.length === 0) return [];
    const all = combine(published)!;
    return [perturb(all.count, cellKey(secret, all.keySum), rule) / published.length];
  });
  if (estimates.length === 0) return requested;
  for (const g of ORDER.slice(ORDER.indexOf(requested))) {
    if (
      g === IndicatorGranularity.YEAR ||
      estimates.every((perMonth) => perMonth * (12 / PERIODS[g]) >= rule.threshold)
    )
      return g;
  }
  return IndicatorGranularity.YEAR;
}

/**
 * The partners' table: `months[row][month-1]` the frozen true cell of each month (null: not
 * published yet), protected by the cell-key method at the chosen granularity.
 */
export function protectedTable(
  code: string,
  year: number,
  rule: RuleVersion,
  areas: readonly Area[],
  months: readonly (readonly (TrueCell | null)[])[],
  requested: IndicatorGranularity,
  secret: Buffer,
): IndicatorTable {
  const granularity = chooseGranularity(requested, months, rule, secret);
  const cells = months.map((row) =>
    periods(granularity).map((p) => combine(monthsOf(granularity, p).map((m) => row[m - 1]))),
  );
  const published = protectTable({ cells }, { threshold: rule.threshold, roundingBase: rule.roundingBase }, secret);
  const withPeriod = (period: number, value: PublishedCell): PeriodCell => ({
    period,
    month: monthsOf(granularity, period)[0],
    ...value,
    published: !value.suppressed,
  });
  return {
    indicatorCode: code,
    year,
    protected: true,
    rule,
    granularity,
    requestedGranularity: requested,
    coarsened: granularity !== requested,
    rows: areas.map((area, r) => ({
      area,
      cells: published.cells[r].map((v, i) => withPeriod(i + 1, v)),
      total: published.rowTotals[r],
    })),
    columnTotals: periods(granularity).map((p) =>
      withPeriod(p, published.columnTotals[p - 1] ?? { value: 0, suppressed: false }),
    ),
    grandTotal: published.grandTotal,
  };
}

/** The months of `fromYear`..`toYear` partners may read on `today`, and each month's point (null: not yet). */
export function wantedMonths(
  fromYear: number,
  toYear: number,
  today: string,
  policy: PublicationPolicy,
): { wanted: WantedMonth[]; points: Map<number, (string | null)[]> } {
  const wanted: WantedMonth[] = [];
  const points = new Map<number, (string | null)[]>();
  for (let year = fromYear; year <= toYear; year++) {
    const ofYear = Array.from({ length: 12 }, (_, i) => publicationPoint(year, i + 1, today, policy));
    ofYear.forEach((publishedOn, i) => publishedOn && wanted.push({ year, month: i + 1, publishedOn }));
    points.set(year, ofYear);
  }
  return { wanted, points };
}

export function uniquePairs(pairs: readonly OwnerArea[]): OwnerArea[] {
  return [...new Map(pairs.map((p) => [`${p.organisationId}:${p.areaId}`, p])).values()];
}

/** cells[row][month-1] of `year`: the frozen true cell of each published month, summed over owners (null: not yet published). */
export function frozenCells(
  areas: readonly { id: string }[],
  published: readonly PublishedMonth[],
  points: Map<number, (string | null)[]>,
  year: number,
): (TrueCell | null)[][] {
  const ofYear = points.get(year) ?? [];
  const rowOf = new Map(areas.map((a, i) => [a.id, i]));
  const cells = areas.map(() =>
    Array.from({ length: 12 }, (_, m): TrueCell | null => (ofYear[m] ? { count: 0, keySum: 0 } : null)),
  );
  for (const m of published) {
    if (m.year !== year) continue;
    const row = rowOf.get(m.areaId);
    const cell = row === undefined ? null : cells[row][m.month - 1];
    if (cell) {
      cell.count += m.total;
      cell.keySum = addKeys(cell.keySum, m.keySum);
    }
  }
  return cells;
}
