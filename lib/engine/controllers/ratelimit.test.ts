import { describe, expect, it } from 'vitest';
import { TokenBucket } from './ratelimit';

describe('TokenBucket (client-go flowcontrol, qps 20, burst 30)', () => {
  it.each([
    ['the burst goes at once', [[0, 30]], 50],
    ['then one token every 50 ms', [[0, 30], [50, 1]], 50],
    ['a second refills 20', [[0, 30], [1000, 20]], 50],
    ['never more than the burst', [[0, 30], [10_000, 30]], 50],
  ] as [string, [number, number][], number][])('%s', (_n, steps, wait) => {
    const b = new TokenBucket();
    let now = 0;
    for (const [at, count] of steps) {
      now = at;
      for (let i = 0; i < count; i++) expect(b.take(now)).toBe(true);
      expect(b.take(now)).toBe(false);
    }
    expect(b.wait(now)).toBe(wait);
  });
});
