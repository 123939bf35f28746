/**
 * The pod-template-hash (controller.ComputeHash): FNV-1a 32 of the template, then the
 * collisionCount as four little-endian bytes when set, printed in decimal and passed through
 * rand.SafeEncodeString so it never spells words (digits become characters of "456789bcdf").
 *
 * Upstream hashes the spew dump of the Go struct; kubesim hashes the template's canonical JSON
 * (sorted keys), which changes exactly when the template changes, so the same template always gives
 * the same name but not the very hash a real cluster would print.
 */
import { canonicalJSON } from '../meta';
import type { PodTemplateSpec } from '../apps';

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
const encoder = new TextEncoder();

export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each byte picks a character of the consonants-and-digits alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let h = fnv32a(encoder.encode(canonicalJSON(template ?? {})));
  if (collisionCount !== undefined) {
    const n = collisionCount >>> 0;
    h = fnv32a(new Uint8Array([n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255]), h);
  }
  return safeEncodeString(String(h));
}
