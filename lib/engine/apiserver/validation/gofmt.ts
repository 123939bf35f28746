/**
 * strconv.Quote: how field.Error.ErrorBody prints a bad value of Go type `string` (%q). Other
 * values (structs, maps, slices, named string types) are JSON since v1.34: see gomarshal.ts.
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
