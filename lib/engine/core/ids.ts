/**
 * Deterministic identifiers. Kubernetes draws UIDs, generated-name suffixes and container IDs at
 * random; kubesim draws them from a seeded generator so that the same scenario gives the same bytes.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A small seeded generator (mulberry32). */
export class Sequence {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0);
  }

  hex(chars: number): string {
    let out = '';
    while (out.length < chars) {
      const n = this.next();
      out += HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];
    }
    return out.length === chars ? out : out.slice(0, chars);
  }

  /** A version-4-shaped UUID, as the API server writes metadata.uid. */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** utilrand.String(n): the alphabet the API server uses for generateName suffixes. */
  nameSuffix(n = 5): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.next() % alphabet.length];
    return out;
  }
}

/** FNV-1a 32-bit, for stable digests of strings (image IDs, hashes). */
export function fnv32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A stable 64-hex-digit digest of a string (sha256-shaped, not sha256). */
export function digest64(text: string): string {
  let out = '';
  let seed = fnv32(text);
  const seq = new Sequence(seed);
  while (out.length < 64) {
    seed = seq.next();
    out += seed.toString(16).padStart(8, '0');
  }
  return out;
}
