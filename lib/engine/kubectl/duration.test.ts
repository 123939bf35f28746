import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration } from './duration';

// apimachinery pkg/util/duration/duration_test.go, in seconds (1 ms = 0.001).
const S = 1;
const M = 60;
const H = 3600;
const D = 86400;
const MS = 0.001;

describe('humanDuration (TestHumanDuration)', () => {
  it.each<[number, string]>([
    [S, '1s'],
    [70 * S, '70s'],
    [190 * S, '3m10s'],
    [70 * M, '70m'],
    [47 * H, '47h'],
    [49 * H, '2d1h'],
    [(8 * 24 + 2) * H, '8d'],
    [367 * 24 * H, '367d'],
    [(365 * 2 * 24 + 25) * H, '2y1d'],
    [(365 * 8 * 24 + 2) * H, '8y'],
  ])('%d s → %s', (d, want) => {
    expect(humanDuration(d)).toBe(want);
  });
});

describe('humanDuration boundaries (TestHumanDurationBoundaries)', () => {
  it.each<[string, number, string]>([
    ['two seconds in the future is invalid', -2 * S, '<invalid>'],
    ['less than two seconds in the future is now', -2 * S + 1e-9, '0s'],
    ['zero', 0, '0s'],
    ['under a second', S - MS, '0s'],
    ['seconds up to two minutes', 2 * M - MS, '119s'],
    ['two minutes', 2 * M, '2m'],
    ['minutes and seconds', 2 * M + S, '2m1s'],
    ['last minute with seconds', 10 * M - MS, '9m59s'],
    ['ten minutes', 10 * M, '10m'],
    ['seconds dropped from ten minutes', 10 * M + S, '10m'],
    ['minutes up to three hours', 3 * H - MS, '179m'],
    ['three hours', 3 * H, '3h'],
    ['hours and minutes', 3 * H + M, '3h1m'],
    ['last hour with minutes', 8 * H - MS, '7h59m'],
    ['eight hours', 8 * H, '8h'],
    ['minutes dropped from eight hours', 8 * H + 59 * M, '8h'],
    ['hours up to two days', 2 * D - MS, '47h'],
    ['two days', 2 * D, '2d'],
    ['days and hours', 2 * D + H, '2d1h'],
    ['last day with hours', 8 * D - MS, '7d23h'],
    ['eight days', 8 * D, '8d'],
    ['hours dropped from eight days', 8 * D + 23 * H, '8d'],
    ['days up to two years', 2 * 365 * D - MS, '729d'],
    ['two years', 2 * 365 * D, '2y'],
    ['two years and hours', 2 * 365 * D + 23 * H, '2y'],
    ['two years and 23h59m', 2 * 365 * D + 23 * H + 59 * M, '2y'],
    ['two years and a day minus a millisecond', 2 * 365 * D + D - MS, '2y'],
    ['years and days', 2 * 365 * D + D, '2y1d'],
    ['three years', 3 * 365 * D, '3y'],
    ['seven years', 7 * 365 * D, '7y'],
    ['last year with days', 8 * 365 * D - MS, '7y364d'],
    ['eight years', 8 * 365 * D, '8y'],
    ['days dropped from eight years', 8 * 365 * D + 364 * D, '8y'],
    ['nine years', 9 * 365 * D, '9y'],
  ])('%s', (_name, d, want) => {
    expect(humanDuration(d)).toBe(want);
  });
});

describe('shortHumanDuration (TestShortHumanDurationBoundaries)', () => {
  it.each<[number, string]>([
    [-2 * S, '<invalid>'],
    [-2 * S + 1e-9, '0s'],
    [0, '0s'],
    [S - MS, '0s'],
    [S, '1s'],
    [2 * S - MS, '1s'],
    [M - MS, '59s'],
    [M, '1m'],
    [2 * M - MS, '1m'],
    [H - MS, '59m'],
    [H, '1h'],
    [2 * H - MS, '1h'],
    [24 * H - MS, '23h'],
    [24 * H, '1d'],
    [2 * D - MS, '1d'],
    [365 * D - MS, '364d'],
    [365 * D, '1y'],
    [2 * 365 * D - MS, '1y'],
    [2 * 365 * D, '2y'],
  ])('%d s → %s', (d, want) => {
    expect(shortHumanDuration(d)).toBe(want);
  });
});
