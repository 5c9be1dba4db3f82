import { badInput } from './errors';

/**
 * Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer) in
 * free text. A text that can be read outside its author's organisation must not hold one: the
 * partner reads a case or an activity on a legal basis that never covers a named person's number.
 *
 * Recognised: `YYMMDD-NNNN`, `YYMMDD+NNNN` (100 years or older), `YYMMDD NNNN`, `YYMMDDNNNN`,
 * `YYYYMMDD-NNNN`, `YYYYMMDD NNNN`, `YYYYMMDDNNNN` (also with an en dash, a minus sign or a
 * no-break space as separator), standing alone (not inside a longer run of digits). A match needs a
 * plausible date (a coordination number adds 60 to the day) and a valid Luhn check digit over the
 * ten digits `YYMMDDNNNN`. A ten-digit telephone number can match by chance (one in ten that
 * look like a date); shared text holds no telephone numbers of people either.
 */

/** The error's `extensions.reason` when a shared text holds an identity number. */
export enum IdentityNumberReason {
  IDENTITY_NUMBER_IN_SHARED_TEXT = 'IDENTITY_NUMBER_IN_SHARED_TEXT',
}
export const IDENTITY_NUMBER_REASON = IdentityNumberReason.IDENTITY_NUMBER_IN_SHARED_TEXT;

declare module './errors' {
  interface InputReasons {
    identityNumber: IdentityNumberReason;
  }
}

const SEPARATOR = '[-+\\u2010-\\u2015\\u2212 \\u00A0]';
/** (century)? YY MM DD separator? NNNN, not preceded or followed by a digit. */
const CANDIDATE = new RegExp(`(?<!\\d)(\\d{2})?(\\d{2})(\\d{2})(\\d{2})(${SEPARATOR})?(\\d{3})(\\d)(?!\\d)`, 'g');

/** Luhn over the digits, doubling from the left (the personnummer convention for ten digits). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The check digit that completes nine digits `YYMMDDNNN`. */
export function luhnCheckDigit(nineDigits: string): number {
  for (let d = 0; d <= 9; d += 1) if (luhnValid(nineDigits + String(d))) return d;
  /* c8 ignore next */
  throw new Error('unreachable');
}

function isDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** A plausible birth date: with a century when given, otherwise in either the 1900s or 2000s. */
function plausibleDate(century: string | undefined, yy: number, month: number, rawDay: number): boolean {
  const day = rawDay > 60 ? rawDay - 60 : rawDay; // coordination number
  if (century !== undefined) {
    const c = Number(century);
    if (c < 18 || c > 20) return false;
    return isDate(c * 100 + yy, month, day);
  }
  return isDate(1900 + yy, month, day) || isDate(2000 + yy, month, day);
}

export interface IdentityNumberMatch {
  /** Where the number starts in the text (never the number itself: callers must not echo it). */
  index: number;
  length: number;
  kind: 'PERSONAL_IDENTITY_NUMBER' | 'COORDINATION_NUMBER';
}

/** Every Swedish personal identity or coordination number in the text. */
export function findIdentityNumbers(text: string): IdentityNumberMatch[] {
  const found: IdentityNumberMatch[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const [whole, century, yy, mm, dd, , serial, check] = m;
    const day = Number(dd);
    if (!plausibleDate(century, Number(yy), Number(mm), day)) continue;
    if (!luhnValid(`${yy}${mm}${dd}${serial}${check}`)) continue;
    found.push({
      index: m.index ?? 0,
      length: whole.length,
      kind: day > 60 ? 'COORDINATION_NUMBER' : 'PERSONAL_IDENTITY_NUMBER',
    });
  }
  return found;
}

/** True when the text holds a Swedish personal identity or coordination number. */
export function containsIdentityNumber(text: string | null | undefined): boolean {
  return typeof text === 'string' && findIdentityNumbers(text).length > 0;
}

/**
 * The guard for every free-text field that can be read outside the author's organisation: one line
 * in the service, before storing, e.g. `refuseIdentityNumber('decisions', decisions)`. Throws
 * BAD_USER_INPUT with `extensions.field` and `extensions.reason` = IDENTITY_NUMBER_IN_SHARED_TEXT,
 * a message in Swedish and English naming the field, and never the number. Null and undefined pass.
 */
export function refuseIdentityNumber<T extends string | null | undefined>(field: string, text: T): T {
  if (containsIdentityNumber(text)) {
    throw badInput(
      field,
      IDENTITY_NUMBER_REASON,
      `får inte innehålla personnummer eller samordningsnummer i text som andra organisationer läser / ` +
        'must not contain a Swedish personal identity or coordination number in text shared with other organisations',
    );
  }
  return text;
}

/** `refuseIdentityNumber` for each of several fields (name → text). */
export function refuseIdentityNumbers(fields: Readonly<Record<string, string | null | undefined>>): void {
  for (const [field, text] of Object.entries(fields)) refuseIdentityNumber(field, text);
}
