import { describe, expect, it } from 'vitest';
import { canonicalQuantity, milliValue, parseQuantity, QuantityError, value } from './quantity';

describe('parseQuantity', () => {
  it.each([
    // [input, milli-value, canonical form, behaviour pinned]
    ['500m', 500, '500m', 'milli suffix'],
    ['0.5', 500, '500m', 'a decimal fraction prints as milli'],
    ['1', 1000, '1', 'a plain integer'],
    ['2', 2000, '2', 'a plain integer'],
    ['1.5', 1500, '1500m', 'a fraction keeps milli precision'],
    ['0.0001', 1, '100u', 'finer than milli rounds the milli value up'],
    ['1Ki', 1024_000, '1Ki', 'binary suffix'],
    ['1024Mi', 1024 ** 3 * 1000, '1Gi', 'binary canonicalises to the largest exact suffix'],
    ['1536Mi', 1536 * 1024 ** 2 * 1000, '1536Mi', 'not a whole Gi stays in Mi'],
    ['1000M', 1e9 * 1000, '1G', 'decimal canonicalises to the largest exact suffix'],
    ['128974848', 128974848000, '128974848', 'plain bytes'],
    ['1e3', 1_000_000, '1e3', 'exponent format is kept'],
    ['12E6', 12e6 * 1000, '12e6', 'capital exponent'],
    ['0.5Gi', 512 * 1024 ** 2 * 1000, '512Mi', 'fractional binary amount'],
  ])('%s → %d milli, prints %s (%s)', (input, milli, canonical) => {
    expect(milliValue(input)).toBe(milli);
    expect(canonicalQuantity(input)).toBe(canonical);
  });

  it.each(['', 'abc', '1.2.3', '5 Gi', 'Gi', '1gi', '1KB', '--1'])('refuses %j', (input) => {
    expect(() => parseQuantity(input)).toThrow(QuantityError);
  });

  it('rounds whole values up', () => {
    expect(value('1500m')).toBe(2);
    expect(value('4Gi')).toBe(4 * 1024 ** 3);
  });

  it('takes JSON numbers as written', () => {
    expect(milliValue(2)).toBe(2000);
    expect(canonicalQuantity(0.25)).toBe('250m');
  });
});
