/**
 * The few pieces of Go's fmt that reach API error messages: strconv.Quote for string values, and
 * %#v for the maps, slices and structs some validators report as their bad value.
 */

const NAMED_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    const named = NAMED_ESCAPES[ch];
    if (named) out += named;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code >= 0x80 && PRINTABLE.test(ch)) out += ch;
    else if (code < 0x80) out += '\\x' + hex(code, 2);
    else if (code <= 0xffff) out += '\\u' + hex(code, 4);
    else out += '\\U' + hex(code, 8);
  }
  return out + '"';
}

/** Go sorts map keys bytewise when it prints them; plain < on strings is close enough for keys seen here. */
function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m).sort();
}

/** %#v of a map[string]string: `map[string]string{"a":"b", "c":"d"}`, or `map[string]string(nil)`. */
export function goStringMap(m: Record<string, string> | undefined, type = 'map[string]string'): string {
  if (!m) return `${type}(nil)`;
  return `${type}{${sortedKeys(m).map((k) => `${goQuote(k)}:${goQuote(m[k])}`).join(', ')}}`;
}

/** %#v of a []string. */
export function goStringSlice(a: readonly string[] | undefined, type = '[]string'): string {
  if (!a) return `${type}(nil)`;
  return `${type}{${a.map(goQuote).join(', ')}}`;
}

interface SelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key?: string; operator?: string; values?: string[] }[];
}

/** %#v of a metav1.LabelSelector value (as field.Invalid prints a dereferenced *LabelSelector). */
export function goLabelSelector(sel: SelectorLike | undefined): string {
  if (!sel) return 'null';
  const exprs = sel.matchExpressions
    ? '[]v1.LabelSelectorRequirement{' +
      sel.matchExpressions
        .map(
          (e) =>
            `v1.LabelSelectorRequirement{Key:${goQuote(e.key ?? '')}, Operator:${goQuote(e.operator ?? '')}, ` +
            `Values:${goStringSlice(e.values)}}`,
        )
        .join(', ') +
      '}'
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprs}}`;
}

/** %#v of an intstr.IntOrString value. */
export function goIntOrString(v: number | string | undefined): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`;
}

/** IntOrString.String(): what a Stringer prints (no quotes). */
export function intOrStringText(v: number | string | undefined): string {
  return typeof v === 'string' ? v : String(v ?? 0);
}
