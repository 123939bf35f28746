import { describe, expect, it } from 'vitest';
import { duplicate, errorBody, errorString, forbidden, GoLiteral, invalid, notFound, notSupported, required, tooLong, tooMany } from './field';
import { goQuote } from './gofmt';

describe('field.Error.ErrorBody', () => {
  it.each([
    [required('spec.x'), 'Required value'],
    [required('spec.x', 'must be set'), 'Required value: must be set'],
    [invalid('spec.x', 'Foo', 'bad'), 'Invalid value: "Foo": bad'],
    [invalid('spec.x', 5, 'must be 1'), 'Invalid value: 5: must be 1'],
    [invalid('spec.x', true, 'no'), 'Invalid value: true: no'],
    [invalid('spec.x', null, 'gone'), 'Invalid value: null: gone'],
    [invalid('spec.x', new GoLiteral('"500m"'), 'must be an integer'), 'Invalid value: "500m": must be an integer'],
    [notSupported('spec.x', 'Sometimes', ['Always', 'Never']), 'Unsupported value: "Sometimes": supported values: "Always", "Never"'],
    [duplicate('spec.x', 'web'), 'Duplicate value: "web"'],
    [notFound('spec.x', 'data'), 'Not found: "data"'],
    [forbidden('spec.x', 'nope'), 'Forbidden: nope'],
    [tooLong('metadata.annotations', 262144), 'Too long: may not be more than 262144 bytes'],
    [tooMany('spec.x', 300, 256), 'Too many: 300: must have at most 256 items'],
    [tooMany('spec.x', -1, 256), 'Too many: must have at most 256 items'],
    [tooLong('spec.x', 1), 'Too long: may not be more than 1 byte'],
    [tooMany('spec.x', 2, 1), 'Too many: 2: must have at most 1 item'],
  ])('%#: %s', (err, body) => {
    expect(errorBody(err)).toBe(body);
  });

  it('prefixes the field for Error()', () => {
    expect(errorString(required('spec.containers[0].image'))).toBe('spec.containers[0].image: Required value');
  });
});

describe('Go formatting', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['tab\there', '"tab\\there"'],
    ['nl\n', '"nl\\n"'],
    ['\x01', '"\\x01"'],
    ['\x7f', '"\\x7f"'],
    ['héllo', '"héllo"'],
    ['\u00a0', '"\\u00a0"'],
    ['😀', '"😀"'],
  ])('strconv.Quote(%j) = %s', (s, q) => {
    expect(goQuote(s)).toBe(q);
  });
});
