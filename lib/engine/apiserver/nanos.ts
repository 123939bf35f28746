/**
 * Quantity amounts for comparisons, memoised: the same few strings ("100m", "64Mi") come back for
 * every pod, and parsing them exactly (bigint) is the costliest step of validating a pod.
 */
import { parseQuantity } from '../api/quantity';

const cache = new Map<string, bigint>();
const LIMIT = 4096;

/** The amount of a quantity string in nano-units; throws QuantityError like parseQuantity. */
export function quantityNanos(text: string): bigint {
  let v = cache.get(text);
  if (v === undefined) {
    v = parseQuantity(text).nanos;
    if (cache.size >= LIMIT) cache.clear();
    cache.set(text, v);
  }
  return v;
}
