import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goSort } from './gosort';

describe('goSort (Go sort.Sort / sort.Slice)', () => {
  it('sorts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (xs) => {
        expect(goSort(xs, (a, b) => a < b)).toEqual([...xs].sort((a, b) => a - b));
      }),
    );
  });

  it('keeps equal elements in input order up to 12 elements (insertion sort)', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ key: i % 3, i }));
    const sorted = goSort(items, (a, b) => a.key < b.key);
    expect(sorted.map((x) => x.i)).toEqual([0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11]);
  });

  it('moves equal elements the way Go does beyond 12 (order seen from kubectl 1.33 describe)', () => {
    // 20 events: every fifth one is older; kubectl printed them in this order.
    const items = Array.from({ length: 20 }, (_, i) => ({ key: i % 5 === 0 ? 0 : 1, i }));
    const sorted = goSort(items, (a, b) => a.key < b.key);
    expect(sorted.map((x) => x.i)).toEqual([10, 5, 15, 0, 1, 11, 6, 7, 9, 8, 12, 4, 3, 13, 14, 2, 16, 17, 18, 19]);
  });

  it('does not change its input', () => {
    const xs = [3, 1, 2];
    goSort(xs, (a, b) => a < b);
    expect(xs).toEqual([3, 1, 2]);
  });
});
