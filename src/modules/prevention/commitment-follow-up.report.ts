import { csvCell } from '../../shared/csv';
import type { PreventionActivityStatus, PreventionActivityType } from './prevention-activity.entity';
import type { FollowUpRow } from './prevention-activity.repository';

export interface FollowUpCount {
  type: PreventionActivityType;
  status: PreventionActivityStatus;
  activities: number;
  peopleReached: number;
}

export interface FollowUpPeriod {
  /** "2025-Q1" … "2025-Q4", or "2025" for the whole year. */
  period: string;
  quarter: number | null;
  activities: number;
  peopleReached: number;
  placesCovered: number;
  byTypeAndStatus: FollowUpCount[];
  /** Findings raised in the period's activities, and how many of them are done or still open. */
  findingsRaised: number;
  findingsDone: number;
  findingsOpen: number;
}

export interface FindingCountRow {
  quarter: number;
  status: string;
  findings: number;
}

/** Folds the grouped rows into the four quarters and the year (every quarter present, zeros included). */
export function followUpPeriods(
  year: number,
  rows: readonly FollowUpRow[],
  findingRows: readonly FindingCountRow[] = [],
): FollowUpPeriod[] {
  const period = (quarter: number | null, subset: readonly FollowUpRow[]): FollowUpPeriod => {
    const findings = findingRows.filter((f) => quarter === null || f.quarter === quarter);
    const countOf = (statuses: readonly string[]): number =>
      findings.filter((f) => statuses.includes(f.status)).reduce((n, f) => n + f.findings, 0);
    const counts = new Map<string, FollowUpCount>();
    for (const r of subset) {
      const key = `${r.type}:${r.status}`;
      const c = counts.get(key) ?? { type: r.type, status: r.status, activities: 0, peopleReached: 0 };
      c.activities += r.activities;
      c.peopleReached += r.peopleReached;
      counts.set(key, c);
    }
    return {
      period: quarter === null ? String(year) : `${year}-Q${quarter}`,
      quarter,
      activities: subset.reduce((n, r) => n + r.activities, 0),
      peopleReached: subset.reduce((n, r) => n + r.peopleReached, 0),
      placesCovered: new Set(subset.flatMap((r) => r.placeIds)).size,
      byTypeAndStatus: [...counts.values()].sort(
        (a, b) => a.type.localeCompare(b.type) || a.status.localeCompare(b.status),
      ),
      findingsRaised: findings.reduce((n, f) => n + f.findings, 0),
      findingsDone: countOf(['DONE']),
      findingsOpen: countOf(['OPEN', 'IN_PROGRESS']),
    };
  };
  return [1, 2, 3, 4]
    .map((q) =>
      period(
        q,
        rows.filter((r) => r.quarter === q),
      ),
    )
    .concat(period(null, rows));
}

/** The follow-up as CSV: one row per period, type and status, then a total row per period. */
export function followUpCsv(commitmentTitle: string, periods: readonly FollowUpPeriod[]): string {
  const lines = [
    ['commitment', 'period', 'type', 'status', 'activities', 'people_reached', 'places_covered'].join(','),
  ];
  for (const p of periods) {
    for (const c of p.byTypeAndStatus)
      lines.push(
        [commitmentTitle, p.period, c.type, c.status, c.activities, c.peopleReached, ''].map(csvCell).join(','),
      );
    lines.push(
      [commitmentTitle, p.period, 'ALL', 'ALL', p.activities, p.peopleReached, p.placesCovered].map(csvCell).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
