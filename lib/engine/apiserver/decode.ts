/**
 * The API server's strict decoding of a request body into the kind's Go struct (kubectl apply
 * sends fieldValidation=Strict). It reports what Go reports: the first wrong JSON type as
 * encoding/json words it (`json: cannot unmarshal string into Go struct field
 * ContainerPort.spec.containers.ports.containerPort of type int32`), a Quantity or base64 parse
 * error, or else every unknown field (`strict decoding error: unknown field "spec.foo", ...`).
 *
 * kubectl marshals the object from a Go map before sending it, so fields arrive sorted by name;
 * the walk below visits them in that order, which decides which error comes first.
 *
 * The result is the object as the API server holds it after the round trip: only known fields,
 * zero values of non-pointer fields and empty lists and maps dropped, quantities canonical.
 */
import { formatQuantity, parseQuantity, QUANTITY_FORMAT_MESSAGE } from '../api/quantity';
import { type FieldType, structType, type StructType } from './schema';
import { clone, isPlainObject } from './json';

export type DecodeResult = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

interface State {
  error?: string;
  unknown: string[];
}

const DROP = Symbol('drop');

const SUFFIX_CHARS = 'eEinumkKMGTP';
const SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);

/**
 * resource.ParseQuantity's error for a string, or undefined when it parses: its own scan
 * (parseQuantityString) decides between a malformed number and an unknown suffix.
 */
export function quantityError(text: string): string | undefined {
  const str = text.trim();
  if (str.length === 0) return QUANTITY_FORMAT_MESSAGE;
  if (str === '0') return undefined;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-' || str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return undefined;
  while (pos < end && str[pos] >= '0' && str[pos] <= '9') pos++;
  if (pos >= end) return undefined;
  if (str[pos] === '.') {
    pos++;
    while (pos < end && str[pos] >= '0' && str[pos] <= '9') pos++;
    if (pos >= end) return undefined;
  }
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (pos < end) {
    if (str[pos] === '-' || str[pos] === '+') pos++;
    while (pos < end && str[pos] >= '0' && str[pos] <= '9') pos++;
    if (pos < end) return QUANTITY_FORMAT_MESSAGE;
  }
  const suffix = str.slice(suffixStart);
  if (SUFFIXES.has(suffix)) return undefined;
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) return undefined;
  return "unable to parse quantity's suffix";
}

const decoded = new Map<string, { value?: string; error?: string }>();

/** A quantity from JSON, canonical, or the parse error. `milli` rounds up to milli-units (ResourceList). */
export function decodeQuantity(v: unknown, milli: boolean): { value?: string; error?: string } {
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
  // The same few spellings recur in every manifest; parsing them exactly is not free.
  const key = (milli ? 'm' : 'x') + text;
  let hit = decoded.get(key);
  if (!hit) {
    hit = parseAndFormat(text, milli);
    if (decoded.size >= 4096) decoded.clear();
    decoded.set(key, hit);
  }
  return hit;
}

function parseAndFormat(text: string, milli: boolean): { value?: string; error?: string } {
  const err = quantityError(text);
  if (err) return { error: err };
  let q;
  try {
    q = parseQuantity(text);
  } catch {
    return { error: QUANTITY_FORMAT_MESSAGE };
  }
  if (milli) {
    const r = q.nanos % 1_000_000n;
    if (r !== 0n) q = { ...q, nanos: q.nanos - r + (q.nanos > 0n ? 1_000_000n : 0n) };
  }
  return { value: formatQuantity(q) };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64.StdEncoding.Decode's CorruptInputError offset, or -1 when the text decodes. */
export function base64ErrorOffset(src: string): number {
  let si = 0;
  const n = src.length;
  for (;;) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === n) {
        if (j === 0) return -1;
        return si - j;
      }
      const ch = src[si++];
      if (B64.includes(ch)) continue;
      if (ch === '\n' || ch === '\r') {
        j--;
        continue;
      }
      if (ch !== '=') return si - 1;
      if (j === 0 || j === 1) return si - 1;
      if (j === 2) {
        while (si < n && (src[si] === '\n' || src[si] === '\r')) si++;
        if (si === n) return n;
        if (src[si] !== '=') return si - 1;
        si++;
      }
      while (si < n && (src[si] === '\n' || src[si] === '\r')) si++;
      return si < n ? si : -1;
    }
  }
}

function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function typeError(state: State, value: string, struct: string, field: string, go: string): void {
  state.error ??= `json: cannot unmarshal ${value} into Go struct field ${struct}.${field} of type ${go}`;
}

function isIntIn(v: number, base: 'int32' | 'int64'): boolean {
  if (!Number.isInteger(v)) return false;
  return base === 'int32' ? v >= -2147483648 && v <= 2147483647 : Number.isSafeInteger(v);
}

function zeroOf(t: FieldType): unknown {
  if (t.t === 'struct') return {};
  if (t.t === 'scalar') return t.base === 'string' ? '' : t.base === 'bool' ? false : 0;
  return undefined;
}

/** One value of type `t`, found in struct `struct` at Go field path `goPath` (JSON path `path`). */
function decodeValue(t: FieldType, v: unknown, struct: string, goPath: string, path: string, state: State, milli = false): unknown {
  switch (t.t) {
    case 'scalar':
      if (t.base === 'string') {
        if (typeof v !== 'string') return typeError(state, jsonKind(v), struct, goPath, t.go), DROP;
        return v === '' && !t.keep ? DROP : v;
      }
      if (t.base === 'bool') {
        if (typeof v !== 'boolean') return typeError(state, jsonKind(v), struct, goPath, t.go), DROP;
        return v === false && !t.keep ? DROP : v;
      }
      if (typeof v !== 'number') return typeError(state, jsonKind(v), struct, goPath, t.go), DROP;
      if (!isIntIn(v, t.base)) return typeError(state, `number ${v}`, struct, goPath, t.go), DROP;
      return v === 0 && !t.keep ? DROP : v;
    case 'quantity': {
      const q = decodeQuantity(v, milli);
      if (q.error) {
        state.error ??= q.error;
        return DROP;
      }
      return q.value;
    }
    case 'intOrString':
      if (typeof v === 'string') return v;
      if (typeof v === 'number' && isIntIn(v, 'int32')) return v;
      state.error ??= `json: cannot unmarshal ${typeof v === 'number' ? `number ${v}` : jsonKind(v)} into Go value of type int32`;
      return DROP;
    case 'time':
      if (typeof v !== 'string') {
        state.error ??= `json: cannot unmarshal ${jsonKind(v)} into Go value of type string`;
        return DROP;
      }
      return v;
    case 'bytes': {
      if (typeof v !== 'string') return typeError(state, jsonKind(v), struct, goPath, '[]uint8'), DROP;
      const at = base64ErrorOffset(v);
      if (at >= 0) {
        state.error ??= `illegal base64 data at input byte ${at}`;
        return DROP;
      }
      return v;
    }
    case 'any':
      return clone(v);
    case 'array': {
      if (!Array.isArray(v)) return typeError(state, jsonKind(v), struct, goPath, t.go), DROP;
      if (v.length === 0 && !t.keep) return DROP;
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        const el = v[i];
        if (el === null || el === undefined) {
          out.push(zeroOf(t.elem));
          continue;
        }
        const r = decodeValue(t.elem, el, struct, goPath, `${path}[${i}]`, state);
        out.push(r === DROP ? zeroOf(t.elem) : r);
      }
      return out;
    }
    case 'map': {
      if (!isPlainObject(v)) return typeError(state, jsonKind(v), struct, goPath, t.go), DROP;
      const out: Record<string, unknown> = {};
      let n = 0;
      const isResourceList = t.go === 'v1.ResourceList';
      for (const k of Object.keys(v).sort()) {
        const el = v[k];
        if (el === null || el === undefined) {
          out[k] = t.elem.t === 'quantity' ? '0' : zeroOf(t.elem);
          n++;
          continue;
        }
        const r = decodeValue(t.elem, el, struct, goPath, `${path}[${k}]`, state, isResourceList);
        if (r !== DROP || t.elem.t === 'scalar') {
          out[k] = r === DROP ? zeroOf(t.elem) : r;
          n++;
        }
      }
      return n === 0 && !t.keep ? DROP : out;
    }
    case 'struct':
      if (!isPlainObject(v)) return typeError(state, jsonKind(v), struct, goPath, t.go), DROP;
      return decodeStruct(structType(t.name), v, goPath, path, state);
  }
}

function decodeStruct(st: StructType, obj: Record<string, unknown>, goPath: string, path: string, state: State): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    const t = st.fields.get(key);
    const p = path ? `${path}.${key}` : key;
    if (!t) {
      state.unknown.push(p);
      continue;
    }
    if (v === null || v === undefined) continue;
    const r = decodeValue(t, v, st.name, goPath ? `${goPath}.${key}` : key, p, state);
    if (r !== DROP) out[key] = r;
  }
  return out;
}

/** Decodes `raw` as the Go struct of `kind`; the error text is what follows "cannot be handled as a <Kind>: ". */
export function decodeStrict(kind: string, raw: Record<string, unknown>): DecodeResult {
  const state: State = { unknown: [] };
  const value = decodeStruct(structType(kind), raw, '', '', state);
  if (state.error) return { ok: false, error: state.error };
  if (state.unknown.length) {
    return { ok: false, error: 'strict decoding error: ' + state.unknown.map((f) => `unknown field "${f}"`).join(', ') };
  }
  return { ok: true, value };
}
