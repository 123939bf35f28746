/**
 * Plain-JSON helpers for API objects: structural equality (nil and empty treated alike, as
 * apimachinery's semantic DeepEqual does), cloning, and Go's encoding/json output (sorted keys,
 * HTML-safe escapes), which kubectl uses for the last-applied-configuration annotation.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) {
    for (const k in v) if (v[k] !== undefined) return false;
    return true;
  }
  return false;
}

/** Equality of JSON values where a missing, null, empty list and empty map are all "unset". */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const k in a) if (!deepEqual(a[k], b[k])) return false;
    for (const k in b) if (!(k in a) && !isEmpty(b[k])) return false;
    return true;
  }
  // A missing map or list equals an empty one; scalars must match exactly.
  return (a === undefined || a === null || typeof a === 'object') &&
    (b === undefined || b === null || typeof b === 'object')
    ? isEmpty(a) && isEmpty(b)
    : false;
}

export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k in v) out[k] = clone(v[k]);
    return out as T;
  }
  return v;
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

const NEEDS_ESCAPE = /["\\\u0000-\u001f<>&\u2028\u2029]/;

function goString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    const esc = ESCAPES[ch];
    if (esc) out += esc;
    else if (code < 0x20) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** json.Marshal of an unstructured object: compact, map keys in byte order, HTML characters escaped. */
export function goJSON(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(goJSON).join(',') + ']';
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return '{' + keys.map((k) => goString(k) + ':' + goJSON(obj[k])).join(',') + '}';
}
