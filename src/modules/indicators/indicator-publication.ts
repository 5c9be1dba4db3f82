/**
 * When partners may read a month, and which version of it (docs/indicator-protection.md, "Time").
 * Pure date arithmetic on YYYY-MM-DD (Europe/Stockholm calendar days).
 *
 * - A month is first published on the day after it closes plus `delayDays` days.
 * - It is re-published at every re-publication point after that: the first day of every
 *   `republishEveryMonths`-th month (1 January, 1 April, 1 July, 1 October with the default 3).
 * - The version a partner reads at any day is the one of the latest of those dates on or before
 *   it; its value is frozen (stored) the first time it is read and never recomputed, so between two
 *   points every change of the records is invisible to partners.
 */

export interface PublicationPolicy {
  /** Days after a month closes before partners may read it (≥ 0). */
  delayDays: number;
  /** Months between re-publication points; a divisor of 12 (1, 2, 3, 4, 6 or 12). */
  republishEveryMonths: number;
}

export const DEFAULT_PUBLICATION_POLICY: PublicationPolicy = Object.freeze({ delayDays: 15, republishEveryMonths: 3 });

const iso = (d: Date): string => d.toISOString().slice(0, 10);

/** The day a month is first published. */
export function firstPublication(year: number, month: number, policy: PublicationPolicy): string {
  // Date.UTC(year, month, 1) is the first day of the next month (months are 0-based there).
  return iso(new Date(Date.UTC(year, month, 1 + policy.delayDays)));
}

/** The latest re-publication point on or before `today`. */
export function latestRepublication(today: string, policy: PublicationPolicy): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const pointMonth = month - ((month - 1) % policy.republishEveryMonths);
  return `${String(year).padStart(4, '0')}-${String(pointMonth).padStart(2, '0')}-01`;
}

/** The date of the version of `year`-`month` partners read on `today`; null: not published yet. */
export function publicationPoint(year: number, month: number, today: string, policy: PublicationPolicy): string | null {
  const first = firstPublication(year, month, policy);
  if (today < first) return null;
  const point = latestRepublication(today, policy);
  return point > first ? point : first;
}

export function validatePolicy(policy: PublicationPolicy): void {
  if (!Number.isInteger(policy.delayDays) || policy.delayDays < 0 || policy.delayDays > 366)
    throw new RangeError('delayDays must be 0 … 366');
  if (![1, 2, 3, 4, 6, 12].includes(policy.republishEveryMonths))
    throw new RangeError('republishEveryMonths must divide 12');
}
