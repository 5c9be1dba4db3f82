/** Dates and times as people in Sweden read them: Europe/Stockholm, Swedish formats. */
export const TIME_ZONE = 'Europe/Stockholm';

const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  dateStyle: 'medium',
  timeStyle: 'short',
});
const dateFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, dateStyle: 'medium' });
const partsFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export const formatDateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));
export const formatDate = (iso: string): string =>
  dateFormat.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));

/** The Stockholm wall-clock date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function stockholmParts(iso: string | Date): { date: string; time: string } {
  const parts = Object.fromEntries(partsFormat.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

export const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
export const TIME_PATTERN = /^([01]\d|2[0-3])[:.]([0-5]\d)$/;

export function isValidDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The instant (ISO, UTC) of a Stockholm wall-clock date and time. */
export function stockholmToIso(date: string, time = '00:00'): string {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.replace('.', ':').split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The offset at the guessed instant, then once more at the corrected one (daylight saving edges).
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant).toISOString();
}

function offsetAt(instant: number): number {
  const p = stockholmParts(new Date(instant));
  const [y, mo, d] = p.date.split('-').map(Number);
  const [h, mi] = p.time.split(':').map(Number);
  return Date.UTC(y, mo - 1, d, h, mi) - Math.floor(instant / 60_000) * 60_000;
}

/** The day after a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d + 1)).toISOString().slice(0, 10);
}

export const todayInStockholm = (): string => stockholmParts(new Date()).date;
