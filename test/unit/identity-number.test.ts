import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import {
  containsIdentityNumber,
  findIdentityNumbers,
  IDENTITY_NUMBER_REASON,
  refuseIdentityNumber,
} from '../../src/shared/identity-number';

/** An independent Luhn check digit (weights 2,1,2,1,… from the left over YYMMDDNNN). */
function checkDigit(nine: string): string {
  const sum = [...nine]
    .map((c, i) => Number(c) * (i % 2 === 0 ? 2 : 1))
    .reduce((s, p) => s + Math.floor(p / 10) + (p % 10), 0);
  return String((10 - (sum % 10)) % 10);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

describe('identity numbers in text', () => {
  it.each([
    ['811218-9876', 'ten digits with a dash'],
    ['8112189876', 'ten digits without a separator'],
    ['811218 9876', 'ten digits with a space'],
    ['811218+9876', 'ten digits with plus (100 years or older)'],
    ['19811218-9876', 'twelve digits with a dash'],
    ['198112189876', 'twelve digits without a separator'],
    ['19811218 9876', 'twelve digits with a space'],
    ['811218\u20139876', 'an en dash'],
    ['701063-2391', 'a coordination number (day + 60)'],
    ['197010632391', 'a twelve-digit coordination number'],
  ])('finds %s (%s)', (number) => {
    expect(containsIdentityNumber(number)).toBe(true);
    expect(containsIdentityNumber(`Klient ${number}, Vendevägen 12`)).toBe(true);
    expect(containsIdentityNumber(`(${number})`)).toBe(true);
  });

  it('tells a coordination number from a personal identity number', () => {
    expect(findIdentityNumbers('a 701063-2391 b').map((m) => m.kind)).toEqual(['COORDINATION_NUMBER']);
    expect(findIdentityNumbers('a 811218-9876 b').map((m) => m.kind)).toEqual(['PERSONAL_IDENTITY_NUMBER']);
    expect(findIdentityNumbers('x 811218-9876 och 701063-2391')).toHaveLength(2);
  });

  it.each([
    ['811218-9877', 'a wrong check digit'],
    ['19811218-9877', 'a wrong check digit, twelve digits'],
    [`811318-123${checkDigit('811318123')}`, 'month 13'],
    [`810230-123${checkDigit('810230123')}`, 'the 30th of February'],
    [`810200-123${checkDigit('810200123')}`, 'day zero'],
    [`810132-123${checkDigit('810132123')}`, 'the 32nd'],
    [`810192-123${checkDigit('810192123')}`, 'a coordination day past 91'],
    [`17811218-987${checkDigit('811218987')}`, 'the 1700s'],
    ['2024-01-15', 'an ISO date'],
    ['20240115', 'a compact date'],
    ['2024-01-15 12:30', 'a date and a time'],
    ['15/01/2024', 'a Swedish-written date'],
    ['Mötet 2024-01-15, 9876 kr', 'a date followed by an amount'],
    ['811218-98760', 'a longer run of digits'],
    ['1811218-9876', 'a leading digit'],
    ['811218--9876', 'two separators'],
    ['Ärende K-2024-1234', 'a case reference'],
    ['', 'empty text'],
  ])('passes %s (%s)', (text) => {
    expect(containsIdentityNumber(text)).toBe(false);
  });

  it('knows leap days: 29 February exists in 2000 and 1984, not in 1983', () => {
    const leap = (yymmdd: string, century = ''): string => `${century}${yymmdd}-123${checkDigit(`${yymmdd}123`)}`;
    expect(containsIdentityNumber(leap('840229'))).toBe(true);
    expect(containsIdentityNumber(leap('000229', '20'))).toBe(true);
    expect(containsIdentityNumber(leap('830229'))).toBe(false);
    expect(containsIdentityNumber(leap('830229', '19'))).toBe(false);
  });

  it('refuses with the field, a reason code and both languages, never the number', () => {
    let error: unknown;
    try {
      refuseIdentityNumber('outcomeNotes', 'Samtal med Maria Svensson 19850101-1236');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.details).toEqual({ field: 'outcomeNotes', reason: IDENTITY_NUMBER_REASON });
    expect(e.message).toMatch(/^outcomeNotes: /);
    expect(e.message).toContain('personnummer');
    expect(e.message).toContain('personal identity');
    expect(e.message).not.toMatch(/\d{4}/);
    expect(refuseIdentityNumber('outcomeNotes', 'Inget nummer här')).toBe('Inget nummer här');
    expect(refuseIdentityNumber('description', null)).toBeNull();
  });

  // Every valid number — any date from 1900 to 2099, personal or coordination, any serial, any of the
  // written forms, anywhere in a text — is found: no false negatives.
  it('finds every valid number in every written form (property)', () => {
    const text = fc.string({ maxLength: 40 }).map((s) => s.replace(/\d/g, 'x'));
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.boolean(),
        fc.constantFrom('', '-', '+', ' ', '\u2013'),
        fc.boolean(),
        text,
        text,
        (date, serial, coordination, separator, withCentury, before, after) => {
          const yyyy = date.getUTCFullYear();
          const yy = pad(yyyy % 100);
          const mm = pad(date.getUTCMonth() + 1);
          const dd = pad(date.getUTCDate() + (coordination ? 60 : 0));
          const nine = `${yy}${mm}${dd}${pad(serial, 3)}`;
          const number = `${withCentury ? String(yyyy).slice(0, 2) : ''}${yy}${mm}${dd}${separator}${pad(serial, 3)}${checkDigit(nine)}`;
          const found = findIdentityNumbers(`${before} ${number} ${after}`);
          expect(found.length).toBeGreaterThanOrEqual(1);
          expect(
            found.some((f) => f.kind === (coordination ? 'COORDINATION_NUMBER' : 'PERSONAL_IDENTITY_NUMBER')),
          ).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never finds a number whose check digit is wrong (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 1, max: 9 }),
        (date, serial, offset) => {
          const nine = `${pad(date.getUTCFullYear() % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(serial, 3)}`;
          const wrong = String((Number(checkDigit(nine)) + offset) % 10);
          expect(containsIdentityNumber(`${nine.slice(0, 6)}-${nine.slice(6)}${wrong}`)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
