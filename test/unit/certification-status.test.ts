import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  certificationStatus,
  CertificationStatus,
  daysBetween,
  isDate,
  todayInSweden,
} from '../../src/modules/training/certification-status';

const status = (completions: string[], on: string, validityMonths: number | null = 12, renewalWindowDays = 30) =>
  certificationStatus({ completions, validityMonths, renewalWindowDays, on });

describe('month arithmetic (day clamped to the target month)', () => {
  it.each([
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2023-08-31', 6, '2024-02-29'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-12-15', 1, '2025-01-15'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2024-05-10', 36, '2027-05-10'],
    ['2024-05-10', 0, '2024-05-10'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('days across a leap day and the turn of a year', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
  });

  it('rejects dates that do not exist', () => {
    expect(isDate('2025-02-29')).toBe(false);
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2024-13-01')).toBe(false);
    expect(isDate('2024-1-01')).toBe(false);
    expect(() => status(['2025-02-30'], '2025-03-01')).toThrow(RangeError);
  });

  it("today's date is Swedish local time", () => {
    expect(todayInSweden(new Date('2025-06-30T22:30:00Z'))).toBe('2025-07-01'); // 00:30 CEST
    expect(todayInSweden(new Date('2025-12-31T22:59:00Z'))).toBe('2025-12-31'); // 23:59 CET
  });
});

describe('certification status', () => {
  it('MISSING without completions, or with only future ones', () => {
    expect(status([], '2025-01-01')).toEqual({
      status: CertificationStatus.MISSING,
      completedOn: null,
      expiresOn: null,
      daysLeft: null,
    });
    expect(status(['2025-01-02'], '2025-01-01').status).toBe(CertificationStatus.MISSING);
  });

  it('a completion counts from its own day', () => {
    expect(status(['2025-01-01'], '2025-01-01')).toEqual({
      status: CertificationStatus.VALID,
      completedOn: '2025-01-01',
      expiresOn: '2026-01-01',
      daysLeft: 365,
    });
  });

  it('is still valid on its expiry date and expired the day after', () => {
    expect(status(['2024-06-15'], '2025-06-15')).toMatchObject({
      status: CertificationStatus.EXPIRING,
      expiresOn: '2025-06-15',
      daysLeft: 0,
    });
    expect(status(['2024-06-15'], '2025-06-16')).toMatchObject({
      status: CertificationStatus.EXPIRED,
      expiresOn: '2025-06-15',
      daysLeft: -1,
    });
  });

  it('renewal window: the last N days of validity, the expiry day included', () => {
    // expires 2025-06-15, window 30 days: EXPIRING from 2025-05-17 (29 days left) to 2025-06-15
    expect(status(['2024-06-15'], '2025-05-16')).toMatchObject({ status: CertificationStatus.VALID, daysLeft: 30 });
    expect(status(['2024-06-15'], '2025-05-17')).toMatchObject({ status: CertificationStatus.EXPIRING, daysLeft: 29 });
    expect(status(['2024-06-15'], '2025-06-14')).toMatchObject({ status: CertificationStatus.EXPIRING, daysLeft: 1 });
  });

  it('a window of 0 days never makes anything EXPIRING', () => {
    expect(status(['2024-06-15'], '2025-06-15', 12, 0)).toMatchObject({
      status: CertificationStatus.VALID,
      daysLeft: 0,
    });
    expect(status(['2024-06-15'], '2025-06-16', 12, 0).status).toBe(CertificationStatus.EXPIRED);
  });

  it('leap day: completed 2024-02-29, 12 months, expires 2025-02-28', () => {
    expect(status(['2024-02-29'], '2025-02-28')).toMatchObject({
      status: CertificationStatus.EXPIRING,
      expiresOn: '2025-02-28',
      daysLeft: 0,
    });
    expect(status(['2024-02-29'], '2025-03-01')).toMatchObject({ status: CertificationStatus.EXPIRED, daysLeft: -1 });
    expect(status(['2024-02-29'], '2025-01-30', 12, 30)).toMatchObject({
      status: CertificationStatus.EXPIRING,
      daysLeft: 29,
    });
    expect(status(['2024-02-29'], '2025-01-29', 12, 30)).toMatchObject({
      status: CertificationStatus.VALID,
      daysLeft: 30,
    });
  });

  it('the latest completion on or before the date decides, in any order', () => {
    expect(status(['2025-03-01', '2022-01-01', '2024-05-01'], '2025-04-01')).toMatchObject({
      status: CertificationStatus.VALID,
      completedOn: '2025-03-01',
      expiresOn: '2026-03-01',
    });
    // a renewal ends an expiry
    expect(status(['2023-01-10', '2024-01-05'], '2024-02-01')).toMatchObject({
      status: CertificationStatus.VALID,
      completedOn: '2024-01-05',
    });
    // a renewal dated after the reference date does not count yet
    expect(status(['2023-01-10', '2024-03-01'], '2024-02-01')).toMatchObject({
      status: CertificationStatus.EXPIRED,
      completedOn: '2023-01-10',
    });
  });

  it('a course without validity never expires', () => {
    expect(status(['1999-01-01'], '2099-12-31', null)).toEqual({
      status: CertificationStatus.VALID,
      completedOn: '1999-01-01',
      expiresOn: null,
      daysLeft: null,
    });
  });
});
