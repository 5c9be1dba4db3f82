/**
 * Certification status, derived from completions every time it is asked for (never stored).
 *
 * The rule, in calendar dates (YYYY-MM-DD, no time of day or time zone):
 *
 * - Only completions on or before the reference date count; the latest of them decides.
 * - No such completion: MISSING.
 * - A course without validity never expires: VALID, `expiresOn` null.
 * - Otherwise `expiresOn` = completion date + validityMonths calendar months. When the target month
 *   is shorter than the completion's day of month, the day is clamped to that month's last day:
 *   2024-02-29 + 12 months = 2025-02-28, 2024-01-31 + 1 month = 2024-02-29, 2023-08-31 + 6 months =
 *   2024-02-29. `expiresOn` is the LAST day the certificate is valid ("giltig t.o.m."): on its
 *   expiry date a certificate still counts, from the next day it is EXPIRED.
 * - The renewal window is the last `renewalWindowDays` days of validity, the expiry day included:
 *   EXPIRING when 0 <= daysLeft < renewalWindowDays, where daysLeft = expiresOn − reference date.
 *   With a window of 30 days a certificate is EXPIRING from 29 days before its expiry date up to
 *   and including the expiry date; a window of 0 days never makes anything EXPIRING.
 */
export enum CertificationStatus {
  VALID = 'VALID',
  EXPIRING = 'EXPIRING',
  EXPIRED = 'EXPIRED',
  MISSING = 'MISSING',
}

export interface CertificationInput {
  /** Completion dates, YYYY-MM-DD, in any order. */
  completions: readonly string[];
  /** Months a completion stays valid; null or undefined: it never expires. */
  validityMonths: number | null | undefined;
  renewalWindowDays: number;
  /** The date the status is asked for, YYYY-MM-DD. */
  on: string;
}

export interface Certification {
  status: CertificationStatus;
  /** The completion that decides, or null when MISSING. */
  completedOn: string | null;
  /** Last day of validity; null when MISSING or never expiring. */
  expiresOn: string | null;
  /** expiresOn − on in days (negative once expired); null without expiry. */
  daysLeft: number | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a calendar date strictly; throws on anything that is not a real YYYY-MM-DD date. */
export function parseDate(text: string): { year: number; month: number; day: number } {
  const m = DATE.exec(text);
  if (!m) throw new RangeError(`not a date: ${text}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new RangeError(`not a date: ${text}`);
  return { year, month, day };
}

export function isDate(text: unknown): text is string {
  try {
    return typeof text === 'string' && parseDate(text) !== undefined;
  } catch {
    return false;
  }
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const format = (year: number, month: number, day: number): string => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** Calendar months later, the day clamped to the target month's last day (see the rule above). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return format(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** b − a in whole days. */
export function daysBetween(a: string, b: string): number {
  const x = parseDate(a);
  const y = parseDate(b);
  return Math.round((Date.UTC(y.year, y.month - 1, y.day) - Date.UTC(x.year, x.month - 1, x.day)) / 86_400_000);
}

/** Today's calendar date in Swedish local time (the date a report "on today" means). */
export function todayInSweden(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function certificationStatus(input: CertificationInput): Certification {
  parseDate(input.on);
  let latest: string | null = null;
  for (const c of input.completions) {
    parseDate(c);
    if (c <= input.on && (latest === null || c > latest)) latest = c; // YYYY-MM-DD compares as text
  }
  if (latest === null)
    return { status: CertificationStatus.MISSING, completedOn: null, expiresOn: null, daysLeft: null };
  if (input.validityMonths === null || input.validityMonths === undefined) {
    return { status: CertificationStatus.VALID, completedOn: latest, expiresOn: null, daysLeft: null };
  }
  const expiresOn = addMonths(latest, input.validityMonths);
  const daysLeft = daysBetween(input.on, expiresOn);
  const status =
    daysLeft < 0
      ? CertificationStatus.EXPIRED
      : daysLeft < input.renewalWindowDays
        ? CertificationStatus.EXPIRING
        : CertificationStatus.VALID;
  return { status, completedOn: latest, expiresOn, daysLeft };
}

/** VALID and EXPIRING both mean the person holds the certificate today. */
export const holdsCertificate = (status: CertificationStatus): boolean =>
  status === CertificationStatus.VALID || status === CertificationStatus.EXPIRING;
