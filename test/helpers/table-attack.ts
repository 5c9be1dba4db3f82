/**
 * An exact attacker on a published (protected) table, for the property tests of
 * src/modules/indicators/indicator-protection.ts. Deliberately independent of that module: it sees
 * only the published table and the public rule (threshold, rounding base), and redoes the rounding
 * itself.
 *
 * What the attacker knows about the true table, for every number of the grid (cells, row totals,
 * column totals, grand total):
 * - cells are non-negative integers and every total is the sum of its cells;
 * - a shown number v is the true value t rounded to the base (halves up), and t is 0 or ≥ k
 *   (counts 1…k−1 are never shown);
 * - a suppressed number is ≥ `suppressedLowerBound` (1 under our rule, which never suppresses 0; pass 0
 *   for the weaker attacker that does not know this). Nothing else: a suppressed number may be a
 *   small count or a larger one suppressed to protect another.
 * Optionally `accept` filters candidate tables further (e.g. "re-running the protection on the
 * candidate gives exactly the published table" — an attacker who knows the whole algorithm).
 *
 * A suppressed number is *recoverable* when it takes a single value over all true tables consistent
 * with that knowledge. The search is exact: constraint propagation (bounds of every line sum) plus
 * branching, for each suppressed number once on "below its true value" and once on "above it". The
 * only bound is `headroom` on how far above the true grand total a suppressed number is searched;
 * that bound can only hide alternatives, never invent them, so a "not recoverable" answer is proof.
 */
import type { ProtectedTable, PublishedCell } from '../../src/modules/indicators/indicator-protection';

export interface AttackRule {
  threshold: number;
  roundingBase: number;
}

export interface AttackOptions {
  /** Lower bound the attacker may assume for a suppressed number (default 1). */
  suppressedLowerBound?: number;
  /** Search suppressed numbers up to the true grand total plus this (default 2·base + k + 2). */
  headroom?: number;
  /** Further condition on a candidate interior (rows × columns, in the published order). */
  accept?: (cells: number[][]) => boolean;
  /** Abort (throw) after this many search nodes per question, so a slow case fails loudly. */
  maxNodes?: number;
}

/** A number of the grid: rows = the table's rows then the totals row; likewise columns. */
export interface GridPosition {
  row: number;
  column: number;
  label: string;
}

export class SearchLimitExceeded extends Error {}

/** Rounding as the rule states it: nearest multiple of `base`, halves up. */
export function roundHalfUp(value: number, base: number): number {
  return Math.floor(value / base + 0.5) * base;
}

/** The suppressed numbers of `published` that an attacker can determine exactly. */
export function recoverableNumbers(
  published: ProtectedTable,
  rule: AttackRule,
  truth: readonly (readonly number[])[],
  options: AttackOptions = {},
): GridPosition[] {
  const problem = new Problem(published, rule, truth, options);
  const recoverable: GridPosition[] = [];
  for (let v = 0; v < problem.size; v++) {
    if (!problem.suppressed[v]) continue;
    const t = problem.truthValues[v];
    const below = t - 1 >= problem.lo0[v] && problem.solvable(v, problem.lo0[v], t - 1);
    if (below) continue;
    const above = problem.solvable(v, t + 1, problem.hi0[v]);
    if (!above) recoverable.push(problem.position(v));
  }
  return recoverable;
}

/** Every value each suppressed number can take (small tables only: enumerates all solutions). */
export function possibleValues(
  published: ProtectedTable,
  rule: AttackRule,
  truth: readonly (readonly number[])[],
  options: AttackOptions = {},
): Map<string, number[]> {
  const problem = new Problem(published, rule, truth, options);
  const result = new Map<string, number[]>();
  for (let v = 0; v < problem.size; v++) {
    if (!problem.suppressed[v]) continue;
    const values: number[] = [];
    for (let x = problem.lo0[v]; x <= problem.hi0[v]; x++) if (problem.solvable(v, x, x)) values.push(x);
    result.set(problem.position(v).label, values);
  }
  return result;
}

/** Variables: the (R+1)·(C+1) grid numbers, row-major. Constraints: every line sums to its total. */
class Problem {
  readonly rows: number;
  readonly columns: number;
  readonly width: number;
  readonly size: number;
  readonly suppressed: boolean[] = [];
  readonly truthValues: number[] = [];
  /** Explicit allowed values of shown numbers; undefined for suppressed ones (any integer in bounds). */
  readonly allowed: (ReadonlySet<number> | undefined)[] = [];
  readonly lo0: number[] = [];
  readonly hi0: number[] = [];
  /** Each line: the member variables (coefficient +1) and the total variable (coefficient −1). */
  readonly lines: { members: number[]; total: number }[] = [];
  private readonly accept?: (cells: number[][]) => boolean;
  private readonly maxNodes: number;
  private nodes = 0;

  constructor(
    published: ProtectedTable,
    rule: AttackRule,
    truth: readonly (readonly number[])[],
    options: AttackOptions,
  ) {
    const { threshold: k, roundingBase: base } = rule;
    this.rows = published.rowKeys.length;
    this.columns = published.columnKeys.length;
    this.width = this.columns + 1;
    this.size = (this.rows + 1) * this.width;
    this.accept = options.accept;
    this.maxNodes = options.maxNodes ?? 2_000_000;
    const lowerBound = options.suppressedLowerBound ?? 1;

    const trueGrid: number[] = new Array<number>(this.size).fill(0);
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.columns; c++) {
        const t = truth[r][c];
        trueGrid[this.at(r, c)] += t;
        trueGrid[this.at(r, this.columns)] += t;
        trueGrid[this.at(this.rows, c)] += t;
        trueGrid[this.at(this.rows, this.columns)] += t;
      }
    }
    const cap = trueGrid[this.at(this.rows, this.columns)] + (options.headroom ?? 2 * base + k + 2);

    const cellOf = (r: number, c: number): PublishedCell => {
      if (r < this.rows && c < this.columns) return published.cells[r][c];
      if (r < this.rows) return published.rowTotals[r];
      if (c < this.columns) return published.columnTotals[c];
      return published.grandTotal;
    };
    for (let r = 0; r <= this.rows; r++) {
      for (let c = 0; c <= this.columns; c++) {
        const cell = cellOf(r, c);
        const v = this.at(r, c);
        this.truthValues[v] = trueGrid[v];
        this.suppressed[v] = cell.suppressed;
        if (cell.suppressed) {
          if (cell.value !== null) throw new Error(`suppressed ${this.position(v).label} has a value`);
          this.allowed[v] = undefined;
          this.lo0[v] = lowerBound;
          this.hi0[v] = Math.max(cap, lowerBound);
        } else {
          if (cell.value === null) throw new Error(`shown ${this.position(v).label} has no value`);
          const shown = cell.value;
          const values = new Set<number>();
          for (let t = Math.max(0, shown - base); t <= shown + base; t++) {
            if (roundHalfUp(t, base) === shown && !(t >= 1 && t <= k - 1)) values.add(t);
          }
          this.allowed[v] = values;
          this.lo0[v] = values.size > 0 ? Math.min(...values) : 1;
          this.hi0[v] = values.size > 0 ? Math.max(...values) : 0;
        }
      }
    }
    for (let r = 0; r <= this.rows; r++) {
      this.lines.push({ members: range(this.columns).map((c) => this.at(r, c)), total: this.at(r, this.columns) });
    }
    for (let c = 0; c <= this.columns; c++) {
      this.lines.push({ members: range(this.rows).map((r) => this.at(r, c)), total: this.at(this.rows, c) });
    }
  }

  at(row: number, column: number): number {
    return row * this.width + column;
  }

  position(v: number): GridPosition {
    const row = Math.floor(v / this.width);
    const column = v % this.width;
    const rowName = row === this.rows ? 'total' : `r${row}`;
    const columnName = column === this.columns ? 'total' : `c${column}`;
    return { row, column, label: `${rowName}/${columnName}` };
  }

  /** Whether some consistent table has variable `v` within [from, to]. */
  solvable(v: number, from: number, to: number): boolean {
    if (from > to) return false;
    const lo = [...this.lo0];
    const hi = [...this.hi0];
    lo[v] = Math.max(lo[v], from);
    hi[v] = Math.min(hi[v], to);
    this.nodes = 0;
    return this.search(lo, hi);
  }

  private search(lo: number[], hi: number[]): boolean {
    if (++this.nodes > this.maxNodes) throw new SearchLimitExceeded(`search exceeded ${this.maxNodes} nodes`);
    if (!this.propagate(lo, hi)) return false;
    // Branch on the open variable with the narrowest range; try values nearest the truth first.
    let pick = -1;
    for (let v = 0; v < this.size; v++) {
      if (lo[v] < hi[v] && (pick < 0 || hi[v] - lo[v] < hi[pick] - lo[pick])) pick = v;
    }
    if (pick < 0) {
      if (!this.accept) return true;
      const cells = range(this.rows).map((r) => range(this.columns).map((c) => lo[this.at(r, c)]));
      return this.accept(cells);
    }
    const candidates: number[] = [];
    for (let x = lo[pick]; x <= hi[pick]; x++) if (this.permits(pick, x)) candidates.push(x);
    const t = this.truthValues[pick];
    candidates.sort((a, b) => Math.abs(a - t) - Math.abs(b - t) || a - b);
    for (const x of candidates) {
      const lo2 = [...lo];
      const hi2 = [...hi];
      lo2[pick] = x;
      hi2[pick] = x;
      if (this.search(lo2, hi2)) return true;
    }
    return false;
  }

  private permits(v: number, x: number): boolean {
    const allowed = this.allowed[v];
    return allowed === undefined || allowed.has(x);
  }

  /** Tightens bounds to a fixed point of all line sums; false when some range becomes empty. */
  private propagate(lo: number[], hi: number[]): boolean {
    for (let changed = true; changed; ) {
      changed = false;
      for (const { members, total } of this.lines) {
        let sumLo = 0;
        let sumHi = 0;
        for (const m of members) {
          sumLo += lo[m];
          sumHi += hi[m];
        }
        // total = Σ members
        const tighten = (v: number, newLo: number, newHi: number): boolean => {
          let l = Math.max(lo[v], newLo);
          let h = Math.min(hi[v], newHi);
          while (l <= h && !this.permits(v, l)) l++;
          while (h >= l && !this.permits(v, h)) h--;
          if (l > h) return false;
          if (l !== lo[v] || h !== hi[v]) {
            lo[v] = l;
            hi[v] = h;
            changed = true;
          }
          return true;
        };
        if (!tighten(total, sumLo, sumHi)) return false;
        for (const m of members) {
          // m = total − Σ others
          const othersLo = sumLo - lo[m];
          const othersHi = sumHi - hi[m];
          const oldLo = lo[m];
          const oldHi = hi[m];
          if (!tighten(m, lo[total] - othersHi, hi[total] - othersLo)) return false;
          sumLo += lo[m] - oldLo;
          sumHi += hi[m] - oldHi;
        }
      }
    }
    return true;
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
