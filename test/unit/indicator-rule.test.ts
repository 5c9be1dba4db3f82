import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';
import { ruleForYear } from '../../src/modules/indicators/indicator-rule';

describe('ruleForYear: the version in force on 1 January of the year', () => {
  const versions = [
    { validFrom: '2026-01-01', threshold: 10, roundingBase: 10 },
    { validFrom: '2000-01-01', threshold: 5, roundingBase: 5 },
    { validFrom: '2025-03-01', threshold: 7, roundingBase: 1 },
  ];

  it('picks the latest version on or before 1 January, whatever the input order', () => {
    expect(ruleForYear(versions, 2024)?.threshold).toBe(5);
    expect(ruleForYear(versions, 2025)?.threshold).toBe(5); // the March change applies from 2026 on
    expect(ruleForYear(versions, 2026)?.threshold).toBe(10);
    expect(ruleForYear(versions, 2030)?.threshold).toBe(10);
  });

  it('before the first version: the first one; none at all: null', () => {
    expect(ruleForYear(versions.slice(0, 1), 2020)?.threshold).toBe(10);
    expect(ruleForYear([], 2020)).toBeNull();
  });
});

describe('INDICATOR_DAILY_READ_CAP', () => {
  it('defaults to 500 and accepts a whole number', () => {
    expect(loadConfig({}).indicatorDailyReadCap).toBe(500);
    expect(loadConfig({ INDICATOR_DAILY_READ_CAP: '3' }).indicatorDailyReadCap).toBe(3);
  });

  it('refuses zero and non-numbers, naming the variable', () => {
    for (const value of ['0', 'many', '-1']) {
      expect(() => loadConfig({ INDICATOR_DAILY_READ_CAP: value })).toThrow(ConfigError);
      expect(() => loadConfig({ INDICATOR_DAILY_READ_CAP: value })).toThrow(/INDICATOR_DAILY_READ_CAP/);
    }
  });
});
