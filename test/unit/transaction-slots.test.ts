import { describe, expect, it } from 'vitest';
import { transactionSlotCount } from '../../src/graphql/context';

describe('transactionSlotCount', () => {
  it('lets open transactions hold all but a quarter of the pool, always leaving a connection to reads', () => {
    expect([2, 3, 4, 6, 10, 20, 34].map(transactionSlotCount)).toEqual([1, 2, 3, 5, 8, 15, 26]);
    for (let pool = 2; pool <= 500; pool++) {
      const slots = transactionSlotCount(pool);
      expect(slots).toBeGreaterThanOrEqual(1);
      expect(slots).toBeLessThan(pool);
    }
  });
});
