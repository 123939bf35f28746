import { describe, expect, it } from 'vitest';
import { unmarshalMapError } from './gojson';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('unmarshalMapError (encoding/json into map[string]interface{})', () => {
  it.each<[string, string | undefined]>([
    ['{"auths":{"r.io":{"auth":"eDp5"}}}', undefined],
    ['  {}  ', undefined],
    ['null', undefined],
    ['', 'unexpected end of JSON input'],
    ['{"auths":', 'unexpected end of JSON input'],
    ['hello', "invalid character 'h' looking for beginning of value"],
    ["{'auths': 1}", "invalid character '\\'' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', 'invalid character \'"\' after object key:value pair'],
    ['[1 2]', "invalid character '2' after array element"],
    ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['{} x', "invalid character 'x' after top-level value"],
    ['{"a":"b\nc"}', "invalid character '\\n' in string literal"],
    ['[1,2]', 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['"text"', 'json: cannot unmarshal string into Go value of type map[string]interface {}'],
    ['42', 'json: cannot unmarshal number into Go value of type map[string]interface {}'],
  ])('%j', (input, want) => {
    expect(unmarshalMapError(bytes(input))).toBe(want);
  });
});
