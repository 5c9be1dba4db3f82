import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectTable, roundToBase, type PublishedCell } from '../../src/modules/indicators/indicator-protection';
import { AttackLimitExceeded, pinnedSmallCells, type RerunRule, type RowVersion } from '../helpers/rerun-attack';

/**
 * The re-run attack of the outside review, as a property: random sparse single-row 12-month tables
 * (monthly Poisson means 0.2–2.0), every published version of the table, an attacker who knows the
 * rule except its secrets. No true count in 1…k−1 may be left with one possible value.
 */
const K = 5;
const BASE = 5;
const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

/** Inverse Poisson CDF: a count with mean `mean` from a uniform `u`. */
function poisson(mean: number, u: number): number {
  let n = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && n < 50) {
    n++;
    p *= mean / n;
    cdf += p;
  }
  return n;
}

const sparseRow = fc
  .record({ mean: fc.constantFrom(0.2, 0.4, 0.7, 1.0, 1.5, 2.0), us: fc.array(fc.integer({ min: 0, max: 2 ** 30 - 1 }), { minLength: 12, maxLength: 12 }) })
  .map(({ mean, us }) => us.map((u) => poisson(mean, (u + 0.5) / 2 ** 30)));

// The rule in force before the cell-key method: suppression with rounding, deterministic and public.
const publishOld = (row: number[]): RowVersion<PublishedCell> => {
  const p = protectTable({ rowKeys: ['a'], columnKeys: MONTHS, cells: [row] }, { threshold: K, roundingBase: BASE });
  return { cells: p.cells[0], total: p.rowTotals[0] };
};
const possibleOld = (cell: PublishedCell, n: number): boolean => (cell.suppressed ? n >= 1 : (n === 0 || n >= K) && roundToBase(n, BASE) === cell.value);

describe('re-run attack on sparse single-row tables', () => {
  it('no true count in 1…k−1 is pinned to one value by every published version', () => {
    fc.assert(
      fc.property(sparseRow, (row) => {
        const versions = [publishOld(row)];
        const rule: RerunRule<PublishedCell> = {
          cellPossible: possibleOld,
          totalPossible: possibleOld,
          accept: (candidate) => JSON.stringify(publishOld([...candidate])) === JSON.stringify(versions[0]),
        };
        let pinned: number[];
        try {
          pinned = pinnedSmallCells(versions, rule, row, K, Math.max(...row) + 12, 20_000);
        } catch (error) {
          // Enumerating every candidate of a deterministic rule is bounded; a table beyond the bound is skipped.
          if (error instanceof AttackLimitExceeded) return fc.pre(false);
          throw error;
        }
        expect(pinned).toEqual([]);
      }),
      { numRuns: 300, endOnFailure: true },
    );
  });
});
