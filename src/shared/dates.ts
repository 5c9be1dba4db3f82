/**
 * Calendar dates (YYYY-MM-DD, no time of day or zone) and "today" in Swedish local time: the one place
 * these are parsed and computed. Pure; imports nothing from src.
 */

// sv-SE formats dates as YYYY-MM-DD. Formatters are costly to build: built once.
const STOCKHOLM_DATE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

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
  return STOCKHOLM_DATE.format(now);
}

/** YYYY-MM-DD of an instant in Swedish local time (`todayInSweden` of that instant). */
export const stockholmDate = (at: Date): string => todayInSweden(at);

/**
 * A calendar date given as a `Date` (its UTC day) or a YYYY-MM-DD text; null when absent or not a date.
 * (Loose on purpose: where it is used, a missing date means "today".)
 */
export function calendarDate(value: Date | string | undefined | null): string | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null;
}
