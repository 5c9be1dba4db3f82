import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  protectTable,
  roundToBase,
  type ProtectedTable,
  type ProtectionRule,
  type PublishedCell,
  type TrueTable,
} from '../../src/modules/indicators/indicator-protection';
import { possibleValues, recoverableNumbers } from '../helpers/table-attack';

const S: PublishedCell = { value: null, suppressed: true };
const v = (value: number): PublishedCell => ({ value, suppressed: false });

function table(cells: number[][]): TrueTable {
  return {
    rowKeys: cells.map((_, r) => `r${r}`),
    columnKeys: cells[0].map((_, c) => `c${c}`),
    cells,
  };
}

/** The published grid with its margins, one string per line ("." = suppressed), for readable asserts. */
function render(p: ProtectedTable): string[] {
  const show = (cell: PublishedCell): string => (cell.suppressed ? '.' : String(cell.value));
  return [
    ...p.cells.map((row, r) => [...row, p.rowTotals[r]].map(show).join(' ')),
    [...p.columnTotals, p.grandTotal].map(show).join(' '),
  ];
}

/** True grid with margins, rows then the totals row, each row ending with its total. */
function trueGrid(cells: readonly (readonly number[])[]): number[][] {
  const columns = cells[0].length;
  const withTotals = cells.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totals = Array.from({ length: columns + 1 }, (_, c) => withTotals.reduce((a, row) => a + row[c], 0));
  return [...withTotals, totals];
}

/** A published table written like `render`'s output, with the keys of `like`. */
function fromRendered(like: ProtectedTable, lines: string[]): ProtectedTable {
  const grid = lines.map((line) => line.split(' ').map((x) => (x === '.' ? S : v(Number(x)))));
  const rows = grid.length - 1;
  return {
    rowKeys: like.rowKeys,
    columnKeys: like.columnKeys,
    cells: grid.slice(0, rows).map((row) => row.slice(0, -1)),
    rowTotals: grid.slice(0, rows).map((row) => row[row.length - 1]),
    columnTotals: grid[rows].slice(0, -1),
    grandTotal: grid[rows][grid[rows].length - 1],
  };
}

function publishedGrid(p: ProtectedTable): PublishedCell[][] {
  return [...p.cells.map((row, r) => [...row, p.rowTotals[r]]), [...p.columnTotals, p.grandTotal]];
}

describe('roundToBase', () => {
  it('rounds to the nearest multiple, halves up', () => {
    expect([0, 2, 3, 7, 8, 12, 13, 53].map((x) => roundToBase(x, 5))).toEqual([0, 0, 5, 5, 10, 10, 15, 55]);
    expect([4, 5, 14, 15, 25].map((x) => roundToBase(x, 10))).toEqual([0, 10, 10, 20, 30]);
    expect([0, 1, 7, 123].map((x) => roundToBase(x, 1))).toEqual([0, 1, 7, 123]);
  });
});

describe('protectTable — hand-computed examples', () => {
  const rule: ProtectionRule = { threshold: 5, roundingBase: 5 };

  it('2×3: one small count cascades through both rows, both margins and three columns', () => {
    // True grid with totals:          Suppression, in order:
    //   3  10  12 | 25                (r0,c0)=3 primary; row r0 → 10; column c0 → 8; row r1 → 20;
    //   8   0  20 | 28                column c1 has only 0 left → its total 10; totals row → 11;
    //  11  10  32 | 53                column c2 → 12. Then every line has 0 or ≥ 2 and every
    //                                 suppressed number lies on a closed path.
    const p = protectTable(table([[3, 10, 12], [8, 0, 20]]), rule);
    expect(render(p)).toEqual(['. . . 25', '. 0 . 30', '. . 30 55']);
    expect(p.cells[1][1]).toEqual(v(0));
    expect(p.grandTotal).toEqual(v(55));
    expect(p.rowKeys).toEqual(['r0', 'r1']);
    expect(p.columnKeys).toEqual(['c0', 'c1', 'c2']);
    expect(recoverableNumbers(p, rule, [[3, 10, 12], [8, 0, 20]])).toEqual([]);
  });

  it('suppresses nothing when there are no small counts, and rounds every number', () => {
    const p = protectTable(table([[12, 27], [33, 48]]), rule);
    // True: 12 27 | 39 / 33 48 | 81 / 45 75 | 120
    expect(render(p)).toEqual(['10 25 40', '35 50 80', '45 75 120']);
  });

  it('shows an all-zero table as zeros, nothing suppressed', () => {
    const p = protectTable(table([[0, 0, 0], [0, 0, 0]]), rule);
    expect(render(p)).toEqual(['0 0 0 0', '0 0 0 0', '0 0 0 0']);
  });

  it('suppresses small totals too (totals are computed from true values)', () => {
    // Row r0 sums to 3 and column c0 to 3: both totals are small counts themselves.
    const p = protectTable(table([[1, 2, 0], [0, 20, 30]]), rule);
    expect(p.rowTotals[0]).toEqual(S);
    expect(p.columnTotals[0]).toEqual(S);
    expect(p.cells[0][0]).toEqual(S);
    expect(p.cells[0][1]).toEqual(S);
    expect(recoverableNumbers(p, rule, [[1, 2, 0], [0, 20, 30]])).toEqual([]);
  });

  it('cascades across rows and columns (3×3, no rounding)', () => {
    const exact: ProtectionRule = { threshold: 5, roundingBase: 1 };
    const cells = [
      [2, 50, 60],
      [40, 70, 9],
      [80, 6, 90],
    ];
    // (r0,c0)=2 primary; row r0 → 50; column c0 → 40; row r1 → 9; column c1 → 6; row r2 → 80;
    // column c2 → 60. Totals: 112 119 176 / 122 126 159 / 407.
    const p = protectTable(table(cells), exact);
    expect(render(p)).toEqual(['. . . 112', '. 70 . 119', '. . 90 176', '122 126 159 407']);
    expect(recoverableNumbers(p, exact, cells)).toEqual([]);
  });

  it('does not stop at "two per line" when a suppressed cell is still computable (closed-path rule)', () => {
    // Primary: (r0,c0)=1, (r0,c1)=1, (r1,c0)=1, (r1,c1)=1 and every total of r0, r1, c0, c1 is 2 — all
    // small. Every line then holds 0 or ≥ 2 suppressed numbers, but with the grand total 4 shown, and
    // suppressed numbers known to be ≥ 1, an attacker gets all four cells = 1 exactly. The closed-path
    // rule suppresses the grand total as well.
    const exact: ProtectionRule = { threshold: 3, roundingBase: 1 };
    const p = protectTable(table([[1, 1], [1, 1]]), exact);
    expect(render(p)).toEqual(['. . .', '. . .', '. . .']);
    expect(recoverableNumbers(p, exact, [[1, 1], [1, 1]])).toEqual([]);
  });

  it('closed-path rule: breaks a "bridge" that two-per-line leaves computable', () => {
    //   2 0  6 |  8     The line rule alone suppresses 2, 6, 8 / 6, 6 / 3, 4 / 5, 4 and shows 11, 18,
    //   0 0  6 |  6     23, 32. Then (r0,c0) = (r0 + r1 total) − (c2 cells of r0, r1) = 14 − 12 = 2:
    //   3 4 11 | 18     its row and its column are connected only through it. The rule also suppresses
    //   5 4 23 | 32     11, the smallest number that closes a path through (r0,c0).
    const exact: ProtectionRule = { threshold: 5, roundingBase: 1 };
    const cells = [
      [2, 0, 6],
      [0, 0, 6],
      [3, 4, 11],
    ];
    const p = protectTable(table(cells), exact);
    expect(render(p)).toEqual(['. 0 . .', '0 0 . .', '. . . 18', '. . 23 32']);
    expect(recoverableNumbers(p, exact, cells, { suppressedLowerBound: 0 })).toEqual([]);
    expect(recoverableNumbers(p, exact, cells)).toEqual([]);
    // What the line rule alone would have published leaks (r0,c0) even to the weakest attacker.
    const lineRuleOnly = fromRendered(p, ['. 0 . .', '0 0 . .', '. . 11 18', '. . 23 32']);
    expect(recoverableNumbers(lineRuleOnly, exact, cells, { suppressedLowerBound: 0 }).map((x) => x.label)).toEqual([
      'r0/c0',
    ]);
  });

  it('closed-path rule: a path that cannot shift because two of its cells are 1', () => {
    //  11 4  4 | 19     Primary: the two 1s; the line rule adds 11 and 4 above them. Row r1 then says
    //   1 1 11 | 13     "two suppressed cells summing to 2", and suppressed numbers are never 0, so both
    //  12 5 15 | 32     are 1. The rule suppresses the rest of both rows (4, then 11).
    const exact: ProtectionRule = { threshold: 3, roundingBase: 1 };
    const cells = [
      [11, 4, 4],
      [1, 1, 11],
    ];
    const p = protectTable(table(cells), exact);
    expect(render(p)).toEqual(['. . . 19', '. . . 13', '12 5 15 32']);
    expect(recoverableNumbers(p, exact, cells)).toEqual([]);
    const lineRuleOnly = fromRendered(p, ['. . 4 19', '. . 11 13', '12 5 15 32']);
    expect(recoverableNumbers(lineRuleOnly, exact, cells).map((x) => x.label)).toEqual([
      'r0/c0',
      'r0/c1',
      'r1/c0',
      'r1/c1',
    ]);
  });

  it('does not depend on the order of rows and columns in the input', () => {
    const a = protectTable(
      { rowKeys: ['täby', 'danderyd'], columnKeys: ['2025-02', '2025-01', '2025-03'], cells: [[3, 10, 12], [8, 0, 20]] },
      rule,
    );
    const b = protectTable(
      { rowKeys: ['danderyd', 'täby'], columnKeys: ['2025-01', '2025-02', '2025-03'], cells: [[0, 8, 20], [10, 3, 12]] },
      rule,
    );
    expect(a.cells[0][0]).toEqual(b.cells[1][1]);
    expect(a.cells[1][1]).toEqual(b.cells[0][0]);
    expect(a.rowTotals).toEqual([...b.rowTotals].reverse());
    expect(a.grandTotal).toEqual(b.grandTotal);
  });

  it('rejects invalid input', () => {
    expect(() => protectTable(table([[1]]), { threshold: 2, roundingBase: 5 })).toThrow(RangeError);
    expect(() => protectTable(table([[1]]), { threshold: 5, roundingBase: 0 })).toThrow(RangeError);
    expect(() => protectTable(table([[1.5]]), rule)).toThrow(RangeError);
    expect(() => protectTable(table([[-1]]), rule)).toThrow(RangeError);
    expect(() => protectTable({ rowKeys: ['a', 'a'], columnKeys: ['x'], cells: [[1], [2]] }, rule)).toThrow(RangeError);
    expect(() => protectTable({ rowKeys: ['a'], columnKeys: ['x', 'y'], cells: [[1]] }, rule)).toThrow(RangeError);
  });
});

describe('table attacker (test helper) — it does find leaks', () => {
  it('recovers a lone suppressed cell from an unprotected-looking publication', () => {
    // Primary suppression only: (r0,c0) = 12 − 10 is computable from its row.
    const naive: ProtectedTable = {
      rowKeys: ['r0', 'r1'],
      columnKeys: ['c0', 'c1'],
      cells: [
        [S, v(10)],
        [v(10), v(10)],
      ],
      rowTotals: [v(12), v(20)],
      columnTotals: [v(12), v(20)],
      grandTotal: v(32),
    };
    const rule = { threshold: 5, roundingBase: 1 };
    expect(recoverableNumbers(naive, rule, [[2, 10], [10, 10]]).map((p) => p.label)).toEqual(['r0/c0']);
    expect(possibleValues(naive, rule, [[2, 10], [10, 10]]).get('r0/c0')).toEqual([2]);
  });

  it('knows a shown 0 is exactly 0 and that suppressed numbers are not 0', () => {
    // Two suppressed cells in a row whose sum is 2, both ≥ 1: each is exactly 1.
    const p: ProtectedTable = {
      rowKeys: ['r0', 'r1'],
      columnKeys: ['c0', 'c1'],
      cells: [
        [S, S],
        [S, S],
      ],
      rowTotals: [S, S],
      columnTotals: [S, S],
      grandTotal: v(4),
    };
    const rule = { threshold: 3, roundingBase: 1 };
    expect(recoverableNumbers(p, rule, [[1, 1], [1, 1]])).toHaveLength(8);
    // The weaker attacker who allows 0 for a suppressed number cannot.
    expect(recoverableNumbers(p, rule, [[1, 1], [1, 1]], { suppressedLowerBound: 0 })).toEqual([]);
  });

  it('uses rounding intervals: a rounded total leaves a lone cell ambiguous only within its interval', () => {
    const p: ProtectedTable = {
      rowKeys: ['r0'],
      columnKeys: ['c0', 'c1'],
      cells: [[S, v(0)]],
      rowTotals: [S],
      columnTotals: [S, v(0)],
      grandTotal: v(5),
    };
    // Grand total 5 means a true 5…7 (3, 4 would be small counts), and it is all in (r0,c0).
    expect(possibleValues(p, { threshold: 5, roundingBase: 5 }, [[6, 0]]).get('r0/c0')).toEqual([5, 6, 7]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random small tables.

interface Case {
  cells: number[][];
  rule: ProtectionRule;
}

const count = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 6 }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 20 }) },
);

const smallTable = (maxRows: number, maxColumns: number): fc.Arbitrary<number[][]> =>
  fc
    .record({ rows: fc.integer({ min: 2, max: maxRows }), columns: fc.integer({ min: 2, max: maxColumns }) })
    .chain(({ rows, columns }) =>
      fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
    );

const caseArb = (bases: number[]): fc.Arbitrary<Case> =>
  fc.record({
    cells: smallTable(3, 4),
    rule: fc.record({ threshold: fc.constantFrom(3, 5), roundingBase: fc.constantFrom(...bases) }),
  });

/** Runs per property; raise for a deeper search, e.g. PROTECTION_RUNS=5000 npx vitest run <this file>. */
const RUNS = Number(process.env.PROTECTION_RUNS ?? 200);

describe('protectTable — properties', () => {
  it('no suppressed number can be determined exactly from the published numbers', () => {
    fc.assert(
      fc.property(caseArb([1, 5]), ({ cells, rule }) => {
        const p = protectTable(table(cells), rule);
        expect(recoverableNumbers(p, rule, cells).map((x) => x.label)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('…also for other rounding bases (2, 3, 10)', () => {
    fc.assert(
      fc.property(caseArb([2, 3, 10]), ({ cells, rule }) => {
        const p = protectTable(table(cells), rule);
        expect(recoverableNumbers(p, rule, cells).map((x) => x.label)).toEqual([]);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('…also on the real shape: 1–4 areas × 12 months', () => {
    const arb = fc.record({
      cells: fc.integer({ min: 1, max: 4 }).chain((rows) =>
        fc.array(fc.array(count, { minLength: 12, maxLength: 12 }), { minLength: rows, maxLength: rows }),
      ),
      rule: fc.record({ threshold: fc.constantFrom(3, 5), roundingBase: fc.constantFrom(1, 5) }),
    });
    fc.assert(
      fc.property(arb, ({ cells, rule }) => {
        const p = protectTable(table(cells), rule);
        expect(recoverableNumbers(p, rule, cells).map((x) => x.label)).toEqual([]);
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });

  it('every shown number is within half a rounding base of the truth and a multiple of the base', () => {
    fc.assert(
      fc.property(caseArb([1, 2, 5, 10]), ({ cells, rule }) => {
        const p = protectTable(table(cells), rule);
        const truth = trueGrid(cells);
        publishedGrid(p).forEach((row, r) =>
          row.forEach((cell, c) => {
            expect(cell.suppressed).toBe(cell.value === null);
            if (cell.value === null) return;
            expect(Math.abs(cell.value - truth[r][c])).toBeLessThanOrEqual(rule.roundingBase / 2);
            expect(cell.value % rule.roundingBase).toBe(0);
          }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('no shown number has a true value of 1…k−1; zeros are shown; no line has exactly one suppression', () => {
    fc.assert(
      fc.property(caseArb([1, 5]), ({ cells, rule }) => {
        const p = protectTable(table(cells), rule);
        const truth = trueGrid(cells);
        const grid = publishedGrid(p);
        grid.forEach((row, r) =>
          row.forEach((cell, c) => {
            const t = truth[r][c];
            if (t >= 1 && t < rule.threshold) expect(cell.suppressed).toBe(true);
            if (t === 0) expect(cell).toEqual(v(0));
          }),
        );
        const lines = [...grid, ...grid[0].map((_, c) => grid.map((row) => row[c]))];
        for (const line of lines) expect(line.filter((cell) => cell.suppressed).length).not.toBe(1);
      }),
      { numRuns: RUNS },
    );
  });

  it('identical input gives identical output, whatever the order of rows and columns', () => {
    const arb = caseArb([1, 5]).chain((c) =>
      fc.record({
        c: fc.constant(c),
        rowPerm: fc.shuffledSubarray(
          c.cells.map((_, i) => i),
          { minLength: c.cells.length, maxLength: c.cells.length },
        ),
        columnPerm: fc.shuffledSubarray(
          c.cells[0].map((_, i) => i),
          { minLength: c.cells[0].length, maxLength: c.cells[0].length },
        ),
      }),
    );
    fc.assert(
      fc.property(arb, ({ c: { cells, rule }, rowPerm, columnPerm }) => {
        const input = table(cells);
        const frozen = JSON.stringify(input);
        const first = protectTable(input, rule);
        expect(JSON.stringify(input)).toBe(frozen); // input not mutated
        expect(protectTable(table(cells.map((row) => [...row])), rule)).toEqual(first);

        const permuted = protectTable(
          {
            rowKeys: rowPerm.map((r) => input.rowKeys[r]),
            columnKeys: columnPerm.map((c) => input.columnKeys[c]),
            cells: rowPerm.map((r) => columnPerm.map((c) => cells[r][c])),
          },
          rule,
        );
        rowPerm.forEach((r, i) => {
          expect(permuted.rowTotals[i]).toEqual(first.rowTotals[r]);
          columnPerm.forEach((c, j) => expect(permuted.cells[i][j]).toEqual(first.cells[r][c]));
        });
        columnPerm.forEach((c, j) => expect(permuted.columnTotals[j]).toEqual(first.columnTotals[c]));
        expect(permuted.grandTotal).toEqual(first.grandTotal);
      }),
      { numRuns: RUNS },
    );
  });
});
