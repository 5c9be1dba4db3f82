/**
 * Protection of shared indicator tables: the cell-key method (docs/indicator-protection.md states the
 * threat model, the guarantees and the parameters). Pure functions: no database, no clock; the
 * only randomness is the record keys, drawn by the database when a record is stored.
 *
 * 1. Every detection record carries a random record key, an integer in [0, 2^32) (a fraction of
 *    2^32). A cell's key sum is the sum of the record keys of the records it counts, mod 2^32: the
 *    fractional part of the sum of the record keys as fractions.
 * 2. The cell key is HMAC-SHA256(secret, key sum), its first 32 bits read as a fraction in [0, 1).
 *    The same records always give the same cell key; a reader who lacks the secret cannot compute it,
 *    even knowing every record key.
 * 3. The published value is looked up in the published perturbation table (ptable) with the true
 *    count n and the cell key u (k = threshold, K = the smallest multiple of the rounding base ≥ k):
 *    - n = 0 → 0 (zeros stay zeros);
 *    - 1 ≤ n ≤ k−1 → K when u < n/K, otherwise 0 (on average n, never a value in 1 … k−1);
 *    - n ≥ k → n + d with d = −2, −1, 0, +1, +2 for u in [0, .1), [.1, .3), [.3, .7), [.7, .9),
 *      [.9, 1); raised to k if below it; then rounded to the rounding base (halves up) and raised to
 *      K if that fell below k.
 * 4. Margins: a total is the sum of the published values it covers (row totals, column totals and
 *    the grand total alike), so every table adds up and no total says more than its cells.
 *
 * Why a total is not perturbed as a cell of its own: then it adds a sum constraint that pins cells.
 * Four months of 1 each published as 5, with the row total 4 published as 0 (so the total is 0 … 4),
 * leave exactly one table: each month 1 (test/unit/indicator-protection.test.ts shows it).
 */
import { createHmac } from 'node:crypto';

/** Record keys and key sums are integers mod 2^32. */
export const RECORD_KEY_MODULUS = 2 ** 32;

/** Lowest threshold accepted (never below 3). */
export const MIN_THRESHOLD = 3;

/** The noise of counts ≥ k: d with the probability of each, in cell-key order (the published ptable). */
export const NOISE: readonly { d: number; p: number }[] = Object.freeze([
  { d: -2, p: 0.1 },
  { d: -1, p: 0.2 },
  { d: 0, p: 0.4 },
  { d: 1, p: 0.2 },
  { d: 2, p: 0.1 },
]);
const NOISE_BOUNDS = NOISE.reduce<number[]>((acc, n) => [...acc, (acc.at(-1) ?? 0) + n.p], []);

export interface ProtectionRule {
  /** The threshold k (≥ 3): no published value is in 1 … k−1. */
  threshold: number;
  /** Published values of counts ≥ k are rounded to a multiple of this (1 = no rounding). */
  roundingBase: number;
}

export interface PublishedCell {
  /** The published value; `null` exactly when `suppressed` (not yet published). */
  value: number | null;
  suppressed: boolean;
}

/** The true state of one cell: its count and the key sum of the records counted. */
export interface TrueCell {
  count: number;
  keySum: number;
}

/** True cells of a table, `cells[row][column]`. */
export interface TrueTable {
  cells: readonly (readonly (TrueCell | null)[])[];
}

/** The published table; a `null` true cell (not yet published) is published as suppressed. */
export interface ProtectedTable {
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  columnTotals: PublishedCell[];
  grandTotal: PublishedCell;
}

/** `value` rounded to the nearest multiple of `base`, halves up. */
export function roundToBase(value: number, base: number): number {
  return Math.floor((2 * value + base) / (2 * base)) * base;
}

/** K: what a small count is published as when it is not published as 0. */
export function smallPublished(rule: ProtectionRule): number {
  return Math.ceil(rule.threshold / rule.roundingBase) * rule.roundingBase;
}

/** The cell key in [0, 1) of a key sum under the secret. */
export function cellKey(secret: Buffer, keySum: number): number {
  const digest = createHmac('sha256', secret).update(String(keySum)).digest();
  return digest.readUInt32BE(0) / RECORD_KEY_MODULUS;
}

/** The ptable: the published value of a true count `count` with cell key `u`. */
export function perturb(count: number, u: number, rule: ProtectionRule): number {
  validateRule(rule);
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('counts must be non-negative integers');
  if (!(u >= 0 && u < 1)) throw new RangeError('a cell key lies in [0, 1)');
  const k = rule.threshold;
  const K = smallPublished(rule);
  if (count === 0) return 0;
  if (count < k) return u < count / K ? K : 0;
  const d = NOISE[NOISE_BOUNDS.findIndex((bound) => u < bound)]?.d ?? NOISE[NOISE.length - 1].d;
  const rounded = roundToBase(Math.max(k, count + d), rule.roundingBase);
  return rounded < k ? K : rounded;
}

/** Every value the ptable can publish for `count` (ascending): the public part of the rule. */
export function publishedSupport(count: number, rule: ProtectionRule): number[] {
  if (count === 0) return [0];
  if (count < rule.threshold) return [0, smallPublished(rule)];
  const values = NOISE.map(({ d }) => {
    const rounded = roundToBase(Math.max(rule.threshold, count + d), rule.roundingBase);
    return rounded < rule.threshold ? smallPublished(rule) : rounded;
  });
  return [...new Set(values)].sort((a, b) => a - b);
}

/** The largest distance between a count and any value the ptable may publish for it. */
export function noiseBound(rule: ProtectionRule): number {
  const maxD = Math.max(...NOISE.map((n) => Math.abs(n.d)));
  return Math.max(smallPublished(rule) - 1, maxD + rule.roundingBase);
}

/** Protects `table` with the cell keys of `secret` (see the method at the top of this file). */
export function protectTable(table: TrueTable, rule: ProtectionRule, secret: Buffer): ProtectedTable {
  validateRule(rule);
  const cells = table.cells.map((row) =>
    row.map((cell): PublishedCell =>
      cell === null
        ? { value: null, suppressed: true }
        : { value: perturb(cell.count, cellKey(secret, cell.keySum), rule), suppressed: false },
    ),
  );
  const sum = (values: readonly PublishedCell[]): PublishedCell => {
    const shown = values.filter((v) => !v.suppressed);
    if (values.length > 0 && shown.length === 0) return { value: null, suppressed: true };
    return { value: shown.reduce((a, v) => a + (v.value ?? 0), 0), suppressed: false };
  };
  const width = cells[0]?.length ?? 0;
  const columnTotals = Array.from({ length: width }, (_, c) => sum(cells.map((row) => row[c])));
  return {
    cells,
    rowTotals: cells.map(sum),
    columnTotals,
    grandTotal: sum(cells.flat()),
  };
}

/** Adds key sums mod 2^32. */
export function addKeys(a: number, b: number): number {
  return (a + b) % RECORD_KEY_MODULUS;
}

function validateRule(rule: ProtectionRule): void {
  if (!Number.isInteger(rule.threshold) || rule.threshold < MIN_THRESHOLD)
    throw new RangeError(`threshold must be an integer ≥ ${MIN_THRESHOLD}`);
  if (!Number.isInteger(rule.roundingBase) || rule.roundingBase < 1)
    throw new RangeError('roundingBase must be an integer ≥ 1');
}
