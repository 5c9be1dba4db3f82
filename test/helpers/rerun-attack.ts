/**
 * The re-run attacker on a single-row table (one area × its periods, the shape a municipality
 * actually reads), for several published versions of it. Independent of the protection module: it
 * is told only what the public rule says a published value may come from.
 *
 * The attacker knows the rule completely except its secrets. For every published number it asks
 * "which true counts could the rule have published this from?" (`cellPossible`, `totalPossible`),
 * intersected over every version it saw, and, when the rule is deterministic and public, it re-runs
 * the rule on every candidate table and keeps only those that give every version exactly
 * (`accept`). A cell is *pinned* when only one true value is left for it.
 *
 * Search: without `accept` the candidates are the box of per-cell possibilities cut by the total's
 * possibilities, decided exactly by reachable sums (no enumeration). With `accept` every candidate
 * is enumerated (depth first, bounded by the total). Values are searched up to `maxValue`; that bound
 * can only hide alternatives, never invent them, so "not pinned" is a proof.
 */
export interface RowVersion<P> {
  cells: readonly P[];
  total: P;
}

export interface RerunRule<P> {
  /** Whether the rule can publish `published` for a cell whose true count is `n`. */
  cellPossible: (published: P, n: number) => boolean;
  /** Whether the rule can publish `published` for the row total whose true value is `n`. */
  totalPossible: (published: P, n: number) => boolean;
  /** Re-runs a deterministic public rule on a candidate row: true when it gives every version. */
  accept?: (candidate: readonly number[]) => boolean;
}

export class AttackLimitExceeded extends Error {}

/** For every cell, every true value consistent with all versions (ascending). */
export function consistentValues<P>(
  versions: readonly RowVersion<P>[],
  rule: RerunRule<P>,
  maxValue: number,
  maxLeaves = 2_000_000,
): number[][] {
  const width = versions[0].cells.length;
  const allowed: number[][] = Array.from({ length: width }, (_, c) => {
    const values: number[] = [];
    for (let n = 0; n <= maxValue; n++) if (versions.every((v) => rule.cellPossible(v.cells[c], n))) values.push(n);
    return values;
  });
  const maxSum = maxValue * width;
  const totalOk: boolean[] = Array.from({ length: maxSum + 1 }, (_, n) =>
    versions.every((v) => rule.totalPossible(v.total, n)),
  );
  return rule.accept ? enumerate(allowed, totalOk, rule.accept, maxLeaves) : reachable(allowed, totalOk);
}

/** Indices of cells whose true value lies in 1…k−1 and is the only value left for them. */
export function pinnedSmallCells<P>(
  versions: readonly RowVersion<P>[],
  rule: RerunRule<P>,
  truth: readonly number[],
  threshold: number,
  maxValue: number,
  maxLeaves?: number,
): number[] {
  const values = consistentValues(versions, rule, maxValue, maxLeaves);
  return truth.flatMap((t, c) => (t >= 1 && t <= threshold - 1 && values[c].length === 1 ? [c] : []));
}

function reachable(allowed: number[][], totalOk: boolean[]): number[][] {
  const width = allowed.length;
  const maxSum = totalOk.length - 1;
  const step = (sums: boolean[], values: number[]): boolean[] => {
    const next = new Array<boolean>(maxSum + 1).fill(false);
    for (let s = 0; s <= maxSum; s++) if (sums[s]) for (const v of values) if (s + v <= maxSum) next[s + v] = true;
    return next;
  };
  const zero = (): boolean[] => Array.from({ length: maxSum + 1 }, (_, s) => s === 0);
  const prefix: boolean[][] = [zero()];
  for (let c = 0; c < width; c++) prefix.push(step(prefix[c], allowed[c]));
  const suffix: boolean[][] = new Array<boolean[]>(width + 1);
  suffix[width] = zero();
  for (let c = width - 1; c >= 0; c--) suffix[c] = step(suffix[c + 1], allowed[c]);
  return allowed.map((values, c) => {
    const others = new Array<boolean>(maxSum + 1).fill(false);
    for (let a = 0; a <= maxSum; a++) {
      if (!prefix[c][a]) continue;
      for (let b = 0; a + b <= maxSum; b++) if (suffix[c + 1][b]) others[a + b] = true;
    }
    return values.filter((v) => others.some((ok, s) => ok && s + v <= maxSum && totalOk[s + v]));
  });
}

function enumerate(
  allowed: number[][],
  totalOk: boolean[],
  accept: (candidate: readonly number[]) => boolean,
  maxLeaves: number,
): number[][] {
  const width = allowed.length;
  const maxSum = totalOk.length - 1;
  const lastOk = totalOk.lastIndexOf(true);
  const seen: Set<number>[] = allowed.map(() => new Set<number>());
  const candidate = new Array<number>(width).fill(0);
  let leaves = 0;
  const walk = (c: number, sum: number): void => {
    if (sum > Math.min(maxSum, lastOk)) return;
    if (c === width) {
      if (++leaves > maxLeaves) throw new AttackLimitExceeded(`more than ${maxLeaves} candidate tables`);
      if (totalOk[sum] && accept(candidate)) candidate.forEach((v, i) => seen[i].add(v));
      return;
    }
    for (const v of allowed[c]) {
      candidate[c] = v;
      walk(c + 1, sum + v);
    }
  };
  walk(0, 0);
  return seen.map((s) => [...s].sort((a, b) => a - b));
}
