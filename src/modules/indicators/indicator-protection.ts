/**
 * Protection of shared indicator tables (DESIGN.md "indicators", issue 6 item 4). Pure functions:
 * no database, no clock, no randomness.
 *
 * THE RULE, in plain words (this paragraph is meant for docs/indicators.md):
 *
 * A shared table is areas × months with a total for every row, every column and the whole table.
 * The table and its totals are treated as one grid and protected as a whole, from the true counts,
 * before any number of it is shown.
 * 1. Small counts. Every number of the grid — cells and totals alike — whose true value is 1 … k−1
 *    (k is the indicator's threshold, never below 3) is suppressed: shown as "suppressed", no number.
 *    A true 0 is shown as 0: it says only that nothing was recorded, and is never suppressed.
 * 2. No lone suppression. While some row or column of the grid (the totals row and totals column
 *    included) has exactly one suppressed number, the smallest non-zero number of that line is
 *    suppressed as well. Lines are examined rows first, then columns; ties go to the first in key
 *    order; the totals row and column come last.
 * 3. No arithmetic recovery. A suppressed number must not be computable by adding and subtracting
 *    rows and columns. So every suppressed number must lie on a closed path of suppressed numbers
 *    (alternating between a row and a column) along which the numbers can be shifted by one, up on
 *    one step and down on the next, which changes no total and leaves every suppressed number at 1 or
 *    more; that is what leaves an outsider at least two possible values for it. While some
 *    suppressed number fails this, the smallest non-zero shown number whose suppression repairs it
 *    is suppressed too (ties in key order, totals last); if no single number repairs it, the smallest
 *    non-zero shown number in its row or column. Steps 2 and 3 repeat until neither finds anything.
 *    Zeros are never suppressed; "suppressed" therefore also tells an outsider "not zero", and the
 *    shift by one in step 3 is required to respect that.
 * 4. Rounding. Every number that is shown, totals included, is the true value rounded to the nearest
 *    multiple of the rounding base, halves rounded up (base 5: 7 → 5, 8 → 10; base 10: 15 → 20).
 *    Totals are computed from the true counts and then rounded, so shown cells need not add up to the
 *    shown totals. A shown number is never more than half the base away from the truth. Only with a
 *    base larger than 2k could a count of k or more be shown as 0; with the defaults (k = 5, base 5)
 *    a shown 0 always means "none".
 * 5. Determinism. Rows and columns are ordered by key (plain code-unit order) before any choice is
 *    made, so the same counts always give the same published table, whatever order the rows and
 *    columns arrive in.
 *
 * Why this is safe: by step 3 every suppressed number can be moved one up or one down together with
 * the other numbers of its closed path while every shown number stays exactly what it is and every
 * suppressed number stays ≥ 1; so each suppressed number has at least two values consistent with all
 * an outsider knows — every shown number and total, that a shown number is 0 or ≥ k before rounding,
 * and that a suppressed number is not 0. The property tests (test/unit/indicator-protection.test.ts)
 * check this by exhaustive search on random small tables.
 *
 * Limits (not covered by the argument above):
 * - The guarantee is for one published table. Two different protected versions of overlapping data —
 *   the same year before and after a late or voided record, or under two rule versions — can be
 *   subtracted from each other. Protecting each table on its own cannot prevent that; it needs a
 *   publication policy (e.g. share a month only once it is closed, or keep old versions unseen).
 * - An outsider who re-runs this whole procedure on every candidate table (using that secondary
 *   suppressions go to the *smallest* number of a line) can sometimes narrow a suppressed number to
 *   one value; on random small tables this happens for a few per cent of tables. The same holds for
 *   choosing by position instead of size. Guarding against that is not part of this rule.
 */

/** True counts of one table: `cells[row][column]`, non-negative integers. Keys must be unique. */
export interface TrueTable {
  rowKeys: readonly string[];
  columnKeys: readonly string[];
  cells: readonly (readonly number[])[];
}

export interface ProtectionRule {
  /** The suppression threshold k (≥ 3): true counts 1 … k−1 are never shown. */
  threshold: number;
  /** Every shown number is rounded to a multiple of this (≥ 1; 1 = no rounding). */
  roundingBase: number;
}

export interface PublishedCell {
  /** The rounded true value; `null` exactly when `suppressed`. */
  value: number | null;
  suppressed: boolean;
}

/** The published table, rows and columns in the order of the input. */
export interface ProtectedTable {
  rowKeys: string[];
  columnKeys: string[];
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  columnTotals: PublishedCell[];
  grandTotal: PublishedCell;
}

/** Lowest threshold the rule accepts (DESIGN.md: "never below 3"). */
export const MIN_THRESHOLD = 3;

/** Largest grand total accepted, so that rounding arithmetic stays exact in doubles. */
const MAX_TOTAL = Math.floor(Number.MAX_SAFE_INTEGER / 4);

/** `value` rounded to the nearest multiple of `base`, halves up. Exact for non-negative integers. */
export function roundToBase(value: number, base: number): number {
  return Math.floor((2 * value + base) / (2 * base)) * base;
}

/** Protects `table` under `rule` (see the rule at the top of this file). Throws RangeError on bad input. */
export function protectTable(table: TrueTable, rule: ProtectionRule): ProtectedTable {
  validate(table, rule);
  const rows = table.rowKeys.length;
  const columns = table.columnKeys.length;
  // Canonical order: rows and columns sorted by key (code units, not locale), so that every choice
  // below depends on keys and counts only.
  const rowOrder = sortedIndices(table.rowKeys);
  const columnOrder = sortedIndices(table.columnKeys);
  const interior = rowOrder.map((r) => columnOrder.map((c) => table.cells[r][c]));

  const grid = new Grid(interior, rows, columns);
  const suppressed = suppress(grid, rule.threshold);

  // Back to the input order.
  const canonicalRow = inversePermutation(rowOrder);
  const canonicalColumn = inversePermutation(columnOrder);
  const publish = (row: number, column: number): PublishedCell => {
    const at = grid.index(row, column);
    return suppressed[at]
      ? { value: null, suppressed: true }
      : { value: roundToBase(grid.values[at], rule.roundingBase), suppressed: false };
  };
  return {
    rowKeys: [...table.rowKeys],
    columnKeys: [...table.columnKeys],
    cells: table.rowKeys.map((_, r) => table.columnKeys.map((__, c) => publish(canonicalRow[r], canonicalColumn[c]))),
    rowTotals: table.rowKeys.map((_, r) => publish(canonicalRow[r], columns)),
    columnTotals: table.columnKeys.map((_, c) => publish(rows, canonicalColumn[c])),
    grandTotal: publish(rows, columns),
  };
}

/**
 * The table with its margins as one (R+1) × (C+1) grid, stored row-major: row R is the totals row,
 * column C the totals column, (R, C) the grand total.
 */
class Grid {
  readonly height: number;
  readonly width: number;
  readonly values: number[];

  constructor(interior: number[][], rows: number, columns: number) {
    this.height = rows + 1;
    this.width = columns + 1;
    this.values = new Array<number>(this.height * this.width).fill(0);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const v = interior[r][c];
        this.values[this.index(r, c)] += v;
        this.values[this.index(r, columns)] += v;
        this.values[this.index(rows, c)] += v;
        this.values[this.index(rows, columns)] += v;
      }
    }
  }

  index(row: number, column: number): number {
    return row * this.width + column;
  }

  rowOf(at: number): number {
    return Math.floor(at / this.width);
  }

  columnOf(at: number): number {
    return at % this.width;
  }

  /** +1 for interior cells and the grand total, −1 for row and column totals: with this sign every
   * line of the grid sums to zero (cells minus their total). */
  sign(at: number): 1 | -1 {
    const interiorRow = this.rowOf(at) < this.height - 1;
    const interiorColumn = this.columnOf(at) < this.width - 1;
    return interiorRow === interiorColumn ? 1 : -1;
  }

  /** The grid indices of every line: rows first (totals row last), then columns (totals column last). */
  lines(): number[][] {
    const lines: number[][] = [];
    for (let r = 0; r < this.height; r++) lines.push(range(this.width).map((c) => this.index(r, c)));
    for (let c = 0; c < this.width; c++) lines.push(range(this.height).map((r) => this.index(r, c)));
    return lines;
  }
}

/** Runs steps 1–3 of the rule; returns the suppression flag of every grid index. */
function suppress(grid: Grid, threshold: number): boolean[] {
  const { values } = grid;
  const suppressed = values.map((v) => v >= 1 && v <= threshold - 1);
  const lines = grid.lines();
  // Order of preference among candidates: smallest true value, then grid position. Row-major grid
  // positions put interior cells in key order and totals after them.
  const smallest = (candidates: number[]): number | undefined => {
    let best: number | undefined;
    for (const at of candidates) {
      if (suppressed[at] || values[at] === 0) continue;
      if (best === undefined || values[at] < values[best] || (values[at] === values[best] && at < best)) best = at;
    }
    return best;
  };

  for (;;) {
    // Step 2: a line with exactly one suppressed number.
    const lonely = lines.find((line) => line.filter((at) => suppressed[at]).length === 1);
    if (lonely) {
      const pick = smallest(lonely);
      // A line sums to zero with signs, so a line whose only suppressed number is non-zero has
      // another non-zero number; suppressed numbers are never zero.
      if (pick === undefined) throw new Error('indicator protection: no partner for a lone suppression');
      suppressed[pick] = true;
      continue;
    }
    // Step 3: a suppressed number that cannot be moved.
    const stuck = range(values.length).find((at) => suppressed[at] && !isMovable(grid, suppressed, at));
    if (stuck === undefined) return suppressed;
    const repairs = range(values.length).filter((at) => {
      if (suppressed[at] || values[at] === 0) return false;
      suppressed[at] = true;
      const repaired = isMovable(grid, suppressed, stuck);
      suppressed[at] = false;
      return repaired;
    });
    const sameLine = range(values.length).filter(
      (at) => grid.rowOf(at) === grid.rowOf(stuck) || grid.columnOf(at) === grid.columnOf(stuck),
    );
    // Suppressing every non-zero number makes every one of them movable (each cell with its row
    // total, column total and the grand total forms a closed path that can be shifted up), so while
    // one is stuck some non-zero number is still published and the loop ends.
    const pick = smallest(repairs) ?? smallest(sameLine) ?? smallest(range(values.length));
    if (pick === undefined) throw new Error('indicator protection: nothing left to suppress');
    suppressed[pick] = true;
  }
}

/**
 * Whether the suppressed number at `at` lies on a closed path of suppressed numbers that can be
 * shifted by one (in one of the two directions) keeping every line sum and every suppressed number
 * ≥ 1. Lines are graph vertices (rows 0…H−1, columns H…H+W−1) and every suppressed number an edge.
 * Going row → column adds one to the signed value, column → row subtracts one; a step is allowed
 * when the number stays ≥ 1. A shift exists exactly when a directed cycle uses one of the number's
 * own steps, i.e. when the far end of that step can reach its near end without using this number.
 */
function isMovable(grid: Grid, suppressed: readonly boolean[], at: number): boolean {
  const { values, height, width } = grid;
  const adjacency: number[][] = range(height + width).map(() => []);
  for (let other = 0; other < values.length; other++) {
    if (!suppressed[other] || other === at) continue;
    const row = grid.rowOf(other);
    const column = height + grid.columnOf(other);
    const sign = grid.sign(other);
    if (values[other] + sign >= 1) adjacency[row].push(column);
    if (values[other] - sign >= 1) adjacency[column].push(row);
  }
  const reaches = (from: number, to: number): boolean => {
    const seen = new Array<boolean>(height + width).fill(false);
    const stack = [from];
    seen[from] = true;
    while (stack.length > 0) {
      const vertex = stack.pop() as number;
      if (vertex === to) return true;
      for (const next of adjacency[vertex]) {
        if (!seen[next]) {
          seen[next] = true;
          stack.push(next);
        }
      }
    }
    return false;
  };
  const row = grid.rowOf(at);
  const column = height + grid.columnOf(at);
  const sign = grid.sign(at);
  return (
    (values[at] + sign >= 1 && reaches(column, row)) || // this number steps row → column
    (values[at] - sign >= 1 && reaches(row, column)) // this number steps column → row
  );
}

function validate(table: TrueTable, rule: ProtectionRule): void {
  if (!Number.isInteger(rule.threshold) || rule.threshold < MIN_THRESHOLD) {
    throw new RangeError(`threshold must be an integer ≥ ${MIN_THRESHOLD}`);
  }
  if (!Number.isInteger(rule.roundingBase) || rule.roundingBase < 1) {
    throw new RangeError('roundingBase must be an integer ≥ 1');
  }
  for (const [name, keys] of [
    ['rowKeys', table.rowKeys],
    ['columnKeys', table.columnKeys],
  ] as const) {
    if (new Set(keys).size !== keys.length) throw new RangeError(`${name} must be unique`);
  }
  if (table.cells.length !== table.rowKeys.length) throw new RangeError('cells must have one row per row key');
  let total = 0;
  for (const row of table.cells) {
    if (row.length !== table.columnKeys.length) throw new RangeError('cells must have one column per column key');
    for (const v of row) {
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError('counts must be non-negative integers');
      total += v;
    }
  }
  if (total > MAX_TOTAL) throw new RangeError('table total too large');
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Indices of `keys` in ascending code-unit order of the keys. */
function sortedIndices(keys: readonly string[]): number[] {
  return range(keys.length).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
}

/** `result[original] = position in canonical order`. */
function inversePermutation(order: readonly number[]): number[] {
  const inverse = new Array<number>(order.length);
  order.forEach((original, position) => (inverse[original] = position));
  return inverse;
}
