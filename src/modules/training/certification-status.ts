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

export { addDays, addMonths, daysBetween, daysInMonth, isDate, parseDate, todayInSweden } from '../../shared/dates';
import { addMonths, daysBetween, parseDate } from '../../shared/dates';

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
