import { describe, expect, it } from 'vitest';
import { formatRFC1123Z, formatRFC3339, parseTimestamp, timestampSince } from './time';

describe('parseTimestamp', () => {
  it.each<[string | undefined, number | undefined, string]>([
    ['1970-01-01T00:00:12Z', 12, 'virtual time'],
    ['1970-01-01T00:05:00Z', 300, 'minutes'],
    ['2024-02-29T12:00:00Z', 1709208000, 'a leap day'],
    ['2024-02-29T14:00:00+02:00', 1709208000, 'an offset east of UTC'],
    ['1970-01-01T00:00:01.5Z', 1.5, 'RFC 3339 with fractional seconds (MicroTime)'],
    [undefined, undefined, 'missing: Go zero time'],
    ['', undefined, 'empty: Go zero time'],
    ['yesterday', undefined, 'unreadable'],
  ])('%j → %j (%s)', (text, want) => {
    expect(parseTimestamp(text)).toBe(want);
  });
});

describe('formatRFC1123Z (describe timestamps)', () => {
  it.each<[string | undefined, string]>([
    ['1970-01-01T00:00:12Z', 'Thu, 01 Jan 1970 00:00:12 +0000'],
    ['2024-02-29T23:59:59Z', 'Thu, 29 Feb 2024 23:59:59 +0000'],
    ['2026-11-24T04:09:06Z', 'Tue, 24 Nov 2026 04:09:06 +0000'],
    [undefined, 'Mon, 01 Jan 0001 00:00:00 +0000'],
  ])('%j → %s', (text, want) => {
    expect(formatRFC1123Z(text)).toBe(want);
  });
});

describe('formatRFC3339', () => {
  it.each<[number, string]>([
    [0, '1970-01-01T00:00:00Z'],
    [12, '1970-01-01T00:00:12Z'],
    [86400 * 365, '1971-01-01T00:00:00Z'],
    [1709208000, '2024-02-29T12:00:00Z'],
  ])('%d → %s', (t, want) => {
    expect(formatRFC3339(t)).toBe(want);
    expect(parseTimestamp(want)).toBe(t);
  });
});

describe('timestampSince (translateTimestampSince)', () => {
  it.each<[string | undefined, number, string]>([
    ['1970-01-01T00:00:00Z', 45, '45s'],
    ['1970-01-01T00:00:00Z', 150, '2m30s'],
    ['1970-01-01T00:00:10Z', 9, '0s'],
    [undefined, 100, '<unknown>'],
  ])('%j at %d → %s', (text, now, want) => {
    expect(timestampSince(text, now)).toBe(want);
  });
});
