import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellKey,
  noiseBound,
  NOISE,
  perturb,
  protectTable,
  publishedSupport,
  RECORD_KEY_MODULUS,
  smallPublished,
  type ProtectionRule,
  type TrueCell,
} from '../../src/modules/indicators/indicator-protection';
import {
  firstPublication,
  publicationPoint,
  type PublicationPolicy,
} from '../../src/modules/indicators/indicator-publication';
import {
  chooseGranularity,
  exactTable,
  IndicatorGranularity,
  protectedTable,
} from '../../src/modules/indicators/indicator-tables';
import { pinnedSmallCells } from '../helpers/rerun-attack';

const SECRET = Buffer.from('unit-test-cell-key-secret-0123456789');
const RULE: ProtectionRule = { threshold: 5, roundingBase: 5 };
const RULE_VERSION = { ...RULE, validFrom: '2000-01-01' };

const rules = fc.record({ threshold: fc.integer({ min: 3, max: 10 }), roundingBase: fc.constantFrom(1, 2, 3, 5, 10) });
const counts = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 10_000 }));
const unit = fc.integer({ min: 0, max: RECORD_KEY_MODULUS - 1 }).map((i) => i / RECORD_KEY_MODULUS);
const keySums = fc.integer({ min: 0, max: RECORD_KEY_MODULUS - 1 });

describe('the ptable (perturb)', () => {
  it('zeros stay zero; no published value lies in 1 … k−1; every value is in the published support', () => {
    fc.assert(
      fc.property(rules, counts, unit, (rule, n, u) => {
        const p = perturb(n, u, rule);
        if (n === 0) expect(p).toBe(0);
        expect(p === 0 || p >= rule.threshold).toBe(true);
        expect(publishedSupport(n, rule)).toContain(p);
        if (n >= rule.threshold) expect(p).toBeGreaterThanOrEqual(rule.threshold);
      }),
      { numRuns: 2000 },
    );
  });

  it('the noise is bounded: never further from the truth than noiseBound', () => {
    fc.assert(
      fc.property(rules, counts, unit, (rule, n, u) => {
        expect(Math.abs(perturb(n, u, rule) - n)).toBeLessThanOrEqual(noiseBound(rule));
      }),
      { numRuns: 2000 },
    );
    expect(noiseBound(RULE)).toBe(7);
  });

  it('small counts are published as 0 or K, on average exactly n; counts ≥ k on average within ±1', () => {
    const grid = Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000);
    const mean = (n: number): number =>
      grid.reduce((a, u) => a + perturb(n, u, { threshold: 5, roundingBase: 1 }), 0) / grid.length;
    for (const n of [1, 2, 3, 4]) {
      expect(publishedSupport(n, RULE)).toEqual([0, 5]);
      expect(mean(n)).toBeCloseTo(n, 5);
    }
    expect(mean(5)).toBeCloseTo(5.4, 5); // 3 and 4 are raised to 5
    for (const n of [7, 12, 100]) expect(mean(n)).toBeCloseTo(n, 5);
    expect(NOISE.reduce((a, x) => a + x.p, 0)).toBeCloseTo(1, 10);
    expect(smallPublished({ threshold: 5, roundingBase: 10 })).toBe(10);
  });

  it('the support of a count ≥ k is what the noise table says (base 1)', () => {
    expect(publishedSupport(10, { threshold: 5, roundingBase: 1 })).toEqual([8, 9, 10, 11, 12]);
    expect(publishedSupport(5, { threshold: 5, roundingBase: 1 })).toEqual([5, 6, 7]);
    expect(publishedSupport(5, RULE)).toEqual([5]);
    expect(publishedSupport(8, RULE)).toEqual([5, 10]);
  });

  it('rejects a bad rule, count or cell key', () => {
    expect(() => perturb(1, 0.5, { threshold: 2, roundingBase: 5 })).toThrow(RangeError);
    expect(() => perturb(1, 0.5, { threshold: 5, roundingBase: 0 })).toThrow(RangeError);
    expect(() => perturb(-1, 0.5, RULE)).toThrow(RangeError);
    expect(() => perturb(1, 1, RULE)).toThrow(RangeError);
  });
});

describe('cell keys', () => {
  it('the same key sum and secret always give the same cell key; another secret another one', () => {
    fc.assert(
      fc.property(keySums, (s) => {
        const u = cellKey(SECRET, s);
        expect(u).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThan(1);
        expect(cellKey(SECRET, s)).toBe(u);
      }),
      { numRuns: 500 },
    );
    const differ = Array.from(
      { length: 50 },
      (_, s) => cellKey(SECRET, s) !== cellKey(Buffer.from('another-secret-of-the-same-length!!!!'), s),
    );
    expect(differ.filter(Boolean).length).toBeGreaterThan(45);
  });

  it('cell keys are spread evenly over [0, 1) (no quarter holds under 20 % of 4000 key sums)', () => {
    const quarters = [0, 0, 0, 0];
    for (let s = 0; s < 4000; s++) quarters[Math.floor(cellKey(SECRET, s * 7919) * 4)]++;
    for (const q of quarters) expect(q).toBeGreaterThan(800);
  });
});

describe('protectTable', () => {
  const tables = fc.array(
    fc.array(fc.option(fc.record({ count: fc.integer({ min: 0, max: 30 }), keySum: keySums }), { freq: 6 }), {
      minLength: 12,
      maxLength: 12,
    }),
    {
      minLength: 1,
      maxLength: 4,
    },
  );

  it('every total is the sum of the published cells it covers; unpublished cells are null and suppressed', () => {
    fc.assert(
      fc.property(tables, (cells) => {
        const p = protectTable({ cells }, RULE, SECRET);
        const sum = (xs: { value: number | null }[]): number => xs.reduce((a, x) => a + (x.value ?? 0), 0);
        p.cells.forEach((row, r) => {
          row.forEach((c, m) => {
            expect(c.suppressed).toBe(cells[r][m] === null);
            expect(c.value === null).toBe(c.suppressed);
            if (c.value !== null) expect(c.value === 0 || c.value >= RULE.threshold).toBe(true);
          });
          if (!p.rowTotals[r].suppressed) expect(p.rowTotals[r].value).toBe(sum(row));
        });
        p.columnTotals.forEach((t, m) => !t.suppressed && expect(t.value).toBe(sum(p.cells.map((row) => row[m]))));
        expect(p.grandTotal.value).toBe(p.grandTotal.suppressed ? null : sum(p.cells.flat()));
        for (const t of [...p.rowTotals, ...p.columnTotals, p.grandTotal])
          if (t.value !== null) expect(t.value === 0 || t.value >= RULE.threshold).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same records give the same table, repeat reads give nothing new', () => {
    fc.assert(
      fc.property(tables, (cells) => {
        expect(protectTable({ cells }, RULE, SECRET)).toEqual(
          protectTable({ cells: cells.map((row) => row.map((c) => (c ? { ...c } : null))) }, RULE, SECRET),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('an all-zero table is published as zeros', () => {
    const p = protectTable({ cells: [Array.from({ length: 12 }, () => ({ count: 0, keySum: 0 }))] }, RULE, SECRET);
    expect(p.cells[0].map((c) => c.value)).toEqual(Array.from({ length: 12 }, () => 0));
    expect(p.grandTotal).toEqual({ value: 0, suppressed: false });
  });

  it('why totals are sums: a total perturbed as a cell of its own would pin four months of 1', () => {
    // Four months of 1, each published as 5 (cell key below 1/5), and their total 4 published as 0:
    // with that total the attacker's only table is 1, 1, 1, 1.
    const truth = [1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0];
    const cells = truth.map((n) => (n === 1 ? 5 : 0));
    const supportHas = (published: number, n: number): boolean => publishedSupport(n, RULE).includes(published);
    const independent = pinnedSmallCells(
      [{ cells, total: 0 }],
      { cellPossible: supportHas, totalPossible: supportHas },
      truth,
      5,
      20,
    );
    expect(independent).toEqual([0, 2, 5, 9]);
    // The published sum (20) adds nothing: nothing is pinned.
    const summed = pinnedSmallCells(
      [{ cells, total: 20 }],
      { cellPossible: supportHas, totalPossible: () => true },
      truth,
      5,
      20,
    );
    expect(summed).toEqual([]);
  });
});

describe('publication over time', () => {
  const policy: PublicationPolicy = { delayDays: 15, republishEveryMonths: 3 };

  it('a month is first published the day after it closes plus the delay', () => {
    expect(firstPublication(2026, 1, policy)).toBe('2026-02-16');
    expect(firstPublication(2026, 12, policy)).toBe('2027-01-16');
    expect(firstPublication(2024, 2, { ...policy, delayDays: 0 })).toBe('2024-03-01');
  });

  it('then at every re-publication point; in between the version stays the same', () => {
    expect(publicationPoint(2026, 10, '2026-11-15', policy)).toBeNull();
    expect(publicationPoint(2026, 10, '2026-11-16', policy)).toBe('2026-11-16');
    expect(publicationPoint(2026, 10, '2026-12-31', policy)).toBe('2026-11-16');
    expect(publicationPoint(2026, 10, '2027-01-01', policy)).toBe('2027-01-01');
    expect(publicationPoint(2026, 10, '2027-03-31', policy)).toBe('2027-01-01');
    expect(publicationPoint(2026, 10, '2027-04-01', policy)).toBe('2027-04-01');
    expect(publicationPoint(2026, 3, '2026-04-10', policy)).toBeNull();
    expect(publicationPoint(2026, 3, '2026-04-16', policy)).toBe('2026-04-16');
    expect(publicationPoint(2026, 3, '2026-07-01', { delayDays: 15, republishEveryMonths: 1 })).toBe('2026-07-01');
    // Every day of two years: the point never lies after the day, and changes at most at points.
    let previous: string | null = null;
    const changes: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const point = publicationPoint(2026, 5, day, policy);
      if (point !== null) expect(point <= day).toBe(true);
      if (point !== previous) changes.push(day);
      previous = point;
    }
    expect(changes).toEqual([
      '2026-06-16',
      '2026-07-01',
      '2026-10-01',
      '2027-01-01',
      '2027-04-01',
      '2027-07-01',
      '2027-10-01',
    ]);
  });
});

describe('granularity', () => {
  const area = { id: 'a', name: 'A' };
  const monthsOf = (counts: number[], keyBase = 1): TrueCell[] =>
    counts.map((count, i) => ({ count, keySum: (keyBase * 2_654_435_761 * (i + 1)) % RECORD_KEY_MODULUS }));

  it('the owner gets exact quarters and years', () => {
    const counts = [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]];
    const q = exactTable('X', 2026, RULE_VERSION, [area], counts, IndicatorGranularity.QUARTER);
    expect(q.rows[0].cells.map((c) => [c.period, c.month, c.value])).toEqual([
      [1, 1, 6],
      [2, 4, 15],
      [3, 7, 24],
      [4, 10, 33],
    ]);
    expect(q.grandTotal.value).toBe(78);
    const y = exactTable('X', 2026, RULE_VERSION, [area], counts, IndicatorGranularity.YEAR);
    expect(y.rows[0].cells.map((c) => c.value)).toEqual([78]);
  });

  it('a sparse row is coarsened to the year, and the response says so; a dense one keeps its months', () => {
    const sparse = [monthsOf([1, 0, 0, 2, 0, 1, 0, 0, 1, 0, 0, 1])];
    const t = protectedTable('X', 2025, RULE_VERSION, [area], sparse, IndicatorGranularity.MONTH, SECRET);
    expect([t.granularity, t.requestedGranularity, t.coarsened]).toEqual([
      IndicatorGranularity.YEAR,
      IndicatorGranularity.MONTH,
      true,
    ]);
    expect(t.rows[0].cells).toHaveLength(1);
    expect(t.rows[0].cells[0].value === 0 || t.rows[0].cells[0].value! >= 5).toBe(true);
    const dense = [monthsOf([9, 12, 8, 10, 15, 11, 9, 10, 12, 14, 8, 11])];
    const d = protectedTable('X', 2025, RULE_VERSION, [area], dense, IndicatorGranularity.MONTH, SECRET);
    expect([d.granularity, d.coarsened]).toEqual([IndicatorGranularity.MONTH, false]);
    expect(d.rows[0].cells).toHaveLength(12);
    const mid = [monthsOf([2, 3, 2, 2, 3, 2, 3, 2, 2, 3, 2, 2])];
    expect(chooseGranularity(IndicatorGranularity.MONTH, mid, RULE_VERSION, SECRET)).toBe(IndicatorGranularity.QUARTER);
    expect(chooseGranularity(IndicatorGranularity.YEAR, dense, RULE_VERSION, SECRET)).toBe(IndicatorGranularity.YEAR);
  });

  it('a quarter or year is published only when all its months are; totals cover the published ones', () => {
    const months: (TrueCell | null)[] = [...monthsOf([9, 12, 8, 10, 15, 11, 9, 10, 12]), null, null, null];
    const q = protectedTable('X', 2026, RULE_VERSION, [area], [months], IndicatorGranularity.QUARTER, SECRET);
    expect(q.rows[0].cells.map((c) => c.published)).toEqual([true, true, true, false]);
    expect(q.rows[0].cells[3]).toMatchObject({ value: null, suppressed: true });
    expect(q.rows[0].total.value).toBe(q.rows[0].cells.slice(0, 3).reduce((a, c) => a + c.value!, 0));
  });
});
