/**
 * What Go's json.Unmarshal(data, &map[string]interface{}{}) says about bytes that are not a JSON
 * object: encoding/json's scanner errors ("invalid character 'x' looking for beginning of value",
 * "unexpected end of JSON input") or the type mismatch of a valid non-object. ValidateSecret puts
 * this text into its refusal of a bad .dockerconfigjson / .dockercfg.
 */
import { goQuote } from './gofmt';

const MAP_TYPE = 'map[string]interface {}';

function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  const q = goQuote(String.fromCharCode(c));
  return "'" + q.slice(1, -1) + "'";
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

class SyntaxError_ extends Error {}

function fail(c: number, context: string): never {
  throw new SyntaxError_(`invalid character ${quoteChar(c)} ${context}`);
}

type Step = (c: number) => Step | 'end';

/** encoding/json's scanner (checkValid), as a table of states. */
function scan(bytes: Uint8Array): void {
  const stack: ('key' | 'value' | 'array')[] = [];
  let ended = false;

  const endTop: Step = (c) => {
    if (!isSpace(c)) fail(c, 'after top-level value');
    return endTop;
  };
  const endValue: Step = (c) => {
    if (stack.length === 0) {
      ended = true;
      return endTop(c);
    }
    if (isSpace(c)) return endValue;
    const top = stack[stack.length - 1];
    if (top === 'key') {
      if (c === 0x3a) {
        stack[stack.length - 1] = 'value';
        return beginValue;
      }
      fail(c, 'after object key');
    }
    if (top === 'value') {
      if (c === 0x2c) {
        stack[stack.length - 1] = 'key';
        return beginString;
      }
      if (c === 0x7d) {
        stack.pop();
        return stack.length === 0 ? ((ended = true), endTop) : endValue;
      }
      fail(c, 'after object key:value pair');
    }
    if (c === 0x2c) return beginValue;
    if (c === 0x5d) {
      stack.pop();
      return stack.length === 0 ? ((ended = true), endTop) : endValue;
    }
    return fail(c, 'after array element');
  };
  const literal = (word: string, i: number): Step => (c) => {
    if (c !== word.charCodeAt(i)) fail(c, `in literal ${word} (expecting '${word[i]}')`);
    return i + 1 === word.length ? endValue : literal(word, i + 1);
  };
  const inString: Step = (c) => {
    if (c === 0x22) return endValue;
    if (c === 0x5c) return inStringEsc;
    if (c < 0x20) fail(c, 'in string literal');
    return inString;
  };
  const escU = (n: number): Step => (c) => {
    if (!isHex(c)) fail(c, 'in \\u hexadecimal character escape');
    return n === 3 ? inString : escU(n + 1);
  };
  const inStringEsc: Step = (c) => {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) return inString;
    if (c === 0x75) return escU(0);
    return fail(c, 'in string escape code');
  };
  const e0: Step = (c) => (isDigit(c) ? e0 : endValue(c));
  const eSign: Step = (c) => (isDigit(c) ? e0 : fail(c, 'in exponent of numeric literal'));
  const e: Step = (c) => (c === 0x2b || c === 0x2d ? eSign : eSign(c));
  const dot0: Step = (c) => (isDigit(c) ? dot0 : c === 0x65 || c === 0x45 ? e : endValue(c));
  const dot: Step = (c) => (isDigit(c) ? dot0 : fail(c, 'after decimal point in numeric literal'));
  const zero: Step = (c) => (c === 0x2e ? dot : c === 0x65 || c === 0x45 ? e : endValue(c));
  const one: Step = (c) => (isDigit(c) ? one : zero(c));
  const neg: Step = (c) => (c === 0x30 ? zero : c >= 0x31 && c <= 0x39 ? one : fail(c, 'in numeric literal'));
  const beginString: Step = (c) => {
    if (isSpace(c)) return beginString;
    if (c === 0x22) return inString;
    return fail(c, 'looking for beginning of object key string');
  };
  const beginStringOrEmpty: Step = (c) => {
    if (isSpace(c)) return beginStringOrEmpty;
    if (c === 0x7d) {
      stack.pop();
      return stack.length === 0 ? ((ended = true), endTop) : endValue;
    }
    return beginString(c);
  };
  const beginValueOrEmpty: Step = (c) => {
    if (isSpace(c)) return beginValueOrEmpty;
    if (c === 0x5d) {
      stack.pop();
      return stack.length === 0 ? ((ended = true), endTop) : endValue;
    }
    return beginValue(c);
  };
  const beginValue: Step = (c) => {
    if (isSpace(c)) return beginValue;
    switch (c) {
      case 0x7b:
        stack.push('key');
        return beginStringOrEmpty;
      case 0x5b:
        stack.push('array');
        return beginValueOrEmpty;
      case 0x22:
        return inString;
      case 0x2d:
        return neg;
      case 0x30:
        return zero;
      case 0x74:
        return literal('true', 1);
      case 0x66:
        return literal('false', 1);
      case 0x6e:
        return literal('null', 1);
    }
    if (c >= 0x31 && c <= 0x39) return one;
    return fail(c, 'looking for beginning of value');
  };

  let step: Step = beginValue;
  for (const c of bytes) step = step(c) as Step;
  if (ended) return;
  // eof: a number or literal may end the input; feeding a space settles it.
  if (stack.length === 0) {
    try {
      step(0x20);
    } catch {
      // fall through to the end-of-input error
    }
    if (ended) return;
  }
  throw new SyntaxError_('unexpected end of JSON input');
}

/** The error text of unmarshalling `bytes` into a map[string]interface{}, or undefined when it works. */
export function unmarshalMapError(bytes: Uint8Array): string | undefined {
  try {
    scan(bytes);
  } catch (e) {
    return (e as Error).message;
  }
  let i = 0;
  while (i < bytes.length && isSpace(bytes[i])) i++;
  const c = bytes[i];
  if (c === 0x7b || c === 0x6e) return undefined;
  const kind = c === 0x5b ? 'array' : c === 0x22 ? 'string' : c === 0x74 || c === 0x66 ? 'bool' : 'number';
  return `json: cannot unmarshal ${kind} into Go value of type ${MAP_TYPE}`;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (already checked by decoding) to bytes. */
export function base64Bytes(text: string): Uint8Array {
  const clean = text.replace(/[\r\n=]/g, '');
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}
