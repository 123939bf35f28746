/**
 * resource.Quantity, as apimachinery parses and prints it: "500m", "1.5", "2Gi", "1e3".
 * Held exactly as a count of nano-units (bigint) so that sums and comparisons never drift.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The amount in nano-units (1 = 1e-9 of the base unit). */
  nanos: bigint;
  format: QuantityFormat;
}

const NANO = 1_000_000_000n;

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

// apimachinery's grammar: <sign><digits>[.<digits>]<suffix>, suffix one of the SI forms or e<int>.
const QUANTITY_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

export class QuantityError extends Error {}

/** The message the API server gives for an unparsable quantity. */
export const QUANTITY_FORMAT_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function pow10(exp: number): bigint {
  return 10n ** BigInt(exp);
}

// Manifests repeat a handful of quantities ("100m", "128Mi", "2"), and the scheduler, kubelet and
// printers each parse them again; a bounded memo keeps that off the hot path. A Quantity is frozen,
// so sharing one is safe, and the memo never changes what a parse returns.
const MEMO_LIMIT = 4096;
const memo = new Map<string | number, Quantity>();

/** Parses a quantity, or throws QuantityError. Numbers are taken as they are written in JSON. */
export function parseQuantity(input: string | number): Quantity {
  const known = memo.get(input);
  if (known) return known;
  const q = Object.freeze(parseUncached(input));
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(input, q);
  return q;
}

function parseUncached(input: string | number): Quantity {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const m = QUANTITY_RE.exec(text);
  if (!m || text.length === 0) throw new QuantityError(QUANTITY_FORMAT_MESSAGE);
  const [, sign, number, suffix = ''] = m;
  const [whole, frac = ''] = number.split('.');
  const digits = BigInt((whole || '0') + frac);
  let scale = -frac.length; // value = digits * 10^scale * multiplier
  let format: QuantityFormat = 'DecimalSI';
  let binaryShift = 0;
  if (suffix in BINARY_SUFFIXES) {
    format = 'BinarySI';
    binaryShift = BINARY_SUFFIXES[suffix];
  } else if (suffix in DECIMAL_SUFFIXES) {
    scale += DECIMAL_SUFFIXES[suffix];
  } else {
    format = 'DecimalExponent';
    const exp = Number(suffix.slice(1));
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 40) throw new QuantityError(QUANTITY_FORMAT_MESSAGE);
    scale += exp;
  }
  // Convert to nano-units, rounding up any finer remainder as apimachinery does.
  const numerator = digits * (1n << BigInt(binaryShift));
  const shift = scale + 9;
  let nanos: bigint;
  if (shift >= 0) nanos = numerator * pow10(shift);
  else {
    const div = pow10(-shift);
    nanos = numerator / div + (numerator % div === 0n ? 0n : 1n);
  }
  if (sign === '-') nanos = -nanos;
  return { nanos, format };
}

export function isQuantity(input: unknown): boolean {
  if (typeof input !== 'string' && typeof input !== 'number') return false;
  try {
    parseQuantity(input);
    return true;
  } catch {
    return false;
  }
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

/** Quantity.Value(): whole units, rounded up. */
export function quantityValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, NANO));
}

/** Quantity.MilliValue(): milli-units, rounded up (how cpu is counted). */
export function quantityMilliValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, 1_000_000n));
}

/** Milli-units of a quantity string; the scheduler's and kubelet's unit for cpu. */
export function milliValue(input: string | number): number {
  return quantityMilliValue(parseQuantity(input));
}

/** Whole units of a quantity string; bytes for memory, a count for pods. */
export function value(input: string | number): number {
  return quantityValue(parseQuantity(input));
}

/** Quantity.String(): the canonical form the API server stores and kubectl prints. */
export function formatQuantity(q: Quantity): string {
  const negative = q.nanos < 0n;
  const abs = negative ? -q.nanos : q.nanos;
  const sign = negative ? '-' : '';
  if (abs === 0n) return '0';
  let format = q.format;
  // Binary suffixes only describe whole amounts of at least 1Ki; anything else prints as decimal.
  if (format === 'BinarySI' && (abs % NANO !== 0n || abs < 1024n * NANO)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let units = abs / NANO;
    let suffixIndex = 0;
    const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
    while (suffixIndex < suffixes.length - 1 && units % 1024n === 0n) {
      units /= 1024n;
      suffixIndex++;
    }
    return sign + units.toString() + suffixes[suffixIndex];
  }
  // Decimal: the largest exponent (multiple of 3) that keeps the mantissa whole.
  let mantissa = abs;
  let exp = -9;
  while (exp < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exp += 3;
  }
  if (format === 'DecimalExponent') {
    return sign + mantissa.toString() + (exp === 0 ? '' : `e${exp}`);
  }
  const suffix = Object.keys(DECIMAL_SUFFIXES).find((s) => DECIMAL_SUFFIXES[s] === exp) ?? '';
  return sign + mantissa.toString() + suffix;
}

/** Canonical form of a quantity string (throws QuantityError when it does not parse). */
export function canonicalQuantity(input: string | number): string {
  return formatQuantity(parseQuantity(input));
}
