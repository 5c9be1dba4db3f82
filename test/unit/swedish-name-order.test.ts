import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { swedish, SwedishNameOrder } from '../../src/modules/training/swedish-name-order';

/** Names from a small alphabet with Swedish letters, case and a decomposed Å (equal to Å for the collator). */
const name = fc
  .array(fc.constantFrom('a', 'A', 'å', 'Å', 'A\u030A', 'ä', 'Ä', 'ö', 'Ö', 'o', 'z', 'v', 'w', ' ', 'é', 'e'), {
    minLength: 0,
    maxLength: 4,
  })
  .map((letters) => letters.join(''));
/** Lists of (id, name): ids tell apart equal names, so that the order of ties is checked too. */
const report = fc.array(fc.array(name, { maxLength: 12 }), { maxLength: 6 });

function reference(lists: string[][]): string[][] {
  return lists.map((list) =>
    list
      .map((n, i) => ({ i, n }))
      .sort((a, b) => swedish(a.n, b.n))
      .map((x) => `${x.i}:${x.n}`),
  );
}

describe('SwedishNameOrder', () => {
  it('sorts like a stable sort with the Swedish collator, report after report', () => {
    fc.assert(
      fc.property(fc.array(report, { minLength: 1, maxLength: 6 }), (reports) => {
        const order = new SwedishNameOrder();
        for (const lists of reports) {
          const items = lists.map((list) => list.map((n, i) => ({ i, n })));
          const sorted = order.sortAll(items, (x) => x.n).map((list) => list.map((x) => `${x.i}:${x.n}`));
          expect(sorted).toEqual(reference(lists));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps equal names (Å composed and decomposed) in the order given, also when ranked before', () => {
    const order = new SwedishNameOrder();
    // Ranked in one order by a first report...
    order.sortAll([[{ n: 'Åsa' }, { n: 'A\u030Asa' }, { n: 'Örjan' }, { n: 'Zlatan' }]], (x) => x.n);
    // ...and given in the other by the next: the tie keeps the order given.
    const list = [
      { n: 'Örjan', k: 1 },
      { n: 'A\u030Asa', k: 2 },
      { n: 'Zlatan', k: 3 },
      { n: 'Åsa', k: 4 },
    ];
    order.sortAll([list], (x) => x.n);
    // Swedish: Z before Å before Ö.
    expect(list.map((x) => x.k)).toEqual([3, 2, 4, 1]);
  });
});
