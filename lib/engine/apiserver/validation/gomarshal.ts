/**
 * encoding/json's Marshal, as field.Error.ErrorBody uses it for every bad value that is not a
 * plain string, int32/int64, float or bool since apimachinery c58e197e ("Nicer value rendering in
 * API errors", Kubernetes v1.34). Before that the body printed such values with %#v.
 *
 * A value to marshal is a tree of JSON-like pieces: a plain object is a Go struct (its keys are
 * written in insertion order, which callers make the Go declaration order; internal API types have
 * no json tags, so the keys are the Go field names and nothing is omitted), a GoMap is a Go map
 * (json sorts its keys), an array is a slice, null is a nil pointer, map or slice.
 */
import { GoLiteral } from './field';

export class GoMap {
  constructor(readonly entries: Readonly<Record<string, GoValue>>) {}
}

export type GoValue = null | boolean | number | string | GoMap | readonly GoValue[] | { readonly [field: string]: GoValue };

/** A Go map of the given entries; undefined (a nil map) becomes null. */
export function goMap<T extends GoValue>(m: Readonly<Record<string, T>> | undefined): GoMap | null {
  return m ? new GoMap(m) : null;
}

/** A Go slice; undefined (a nil slice) becomes null. */
export function goSlice<T extends GoValue>(a: readonly T[] | undefined): readonly T[] | null {
  return a ?? null;
}

const HEX = '0123456789abcdef';

/**
 * encoding/json's string encoding with HTML escaping on (json.Marshal's default): <, > and & as
 * \u003c \u003e \u0026, U+2028 and U+2029 escaped, control characters as \b \f \n \r \t or \u00XX,
 * and a lone surrogate (what invalid UTF-8 becomes in a JS string) as \ufffd.
 */
export function jsonQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
    }
    if (c < 0x20 || ch === '<' || ch === '>' || ch === '&') out += '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16);
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

/** Go orders map keys by their UTF-8 bytes, which is code point order (not UTF-16 unit order). */
function compareKeys(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < x.length && i < y.length; i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** json.Marshal of a Go value. */
export function goJSON(v: GoValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return jsonQuote(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + (v as readonly GoValue[]).map(goJSON).join(',') + ']';
  if (v instanceof GoMap) {
    const keys = Object.keys(v.entries).sort(compareKeys);
    return '{' + keys.map((k) => jsonQuote(k) + ':' + goJSON(v.entries[k])).join(',') + '}';
  }
  const struct = v as { readonly [field: string]: GoValue };
  return '{' + Object.keys(struct).map((k) => jsonQuote(k) + ':' + goJSON(struct[k])).join(',') + '}';
}

/** A bad value as ErrorBody renders a composite (or named-string) Go value: its JSON. */
export function marshalled(v: GoValue): GoLiteral {
  return new GoLiteral(goJSON(v));
}
