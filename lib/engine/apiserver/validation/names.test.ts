import { describe, expect, it } from 'vitest';
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidLabelValue,
  isValidPortName,
  nameIsDNSSubdomain,
  regexError,
} from './names';

describe('util/validation', () => {
  it('RegexError leaves two spaces between examples, as Go does', () => {
    expect(regexError('msg', 'fmt', 'a', 'b')).toBe("msg (e.g. 'a',  or 'b', regex used for validation is 'fmt')");
    expect(regexError('msg', 'fmt')).toBe("msg (regex used for validation is 'fmt')");
  });

  it.each<[string, (v: string) => string[], string, number]>([
    ['label: valid', isDNS1123Label, 'web-1', 0],
    ['label: leading dash', isDNS1123Label, '-web', 1],
    ['label: 64 characters', isDNS1123Label, 'a'.repeat(64), 1],
    ['label: 64 characters ending in a dash', isDNS1123Label, 'a'.repeat(63) + '-', 2],
    ['subdomain: dots allowed', isDNS1123Subdomain, 'web.example.com', 0],
    ['subdomain: upper case', isDNS1123Subdomain, 'Web', 1],
    ['subdomain: 254 characters', isDNS1123Subdomain, 'a'.repeat(254), 1],
    ['1035: leading digit', isDNS1035Label, '1web', 1],
    ['qualified: prefix and name', isQualifiedName, 'example.com/app', 0],
    ['qualified: two slashes', isQualifiedName, 'a/b/c', 1],
    ['qualified: empty prefix', isQualifiedName, '/app', 1],
    ['qualified: empty name', isQualifiedName, 'example.com/', 2],
    ['label value: empty is fine', isValidLabelValue, '', 0],
    ['label value: space', isValidLabelValue, 'a b', 1],
    ['port name: 16 characters', isValidPortName, 'abcdefghijklmnop', 1],
    ['port name: consecutive and trailing hyphens', isValidPortName, 'a--b-', 2],
    ['env: any printable ASCII but =', isRelaxedEnvVarName, '1st.var-name:x', 0],
    ['env: tab', isRelaxedEnvVarName, 'A\tB', 1],
    ['config key: ..', isConfigMapKey, '..', 1],
    ['config key: dotfile', isConfigMapKey, '.env', 0],
  ])('%s', (_name, fn, value, count) => {
    expect(fn(value)).toHaveLength(count);
  });

  it('lets a generateName prefix end in a dash', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toHaveLength(1);
  });

  it('words the prefix errors of a qualified name', () => {
    expect(isQualifiedName('Example.com/app')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
    expect(isQualifiedName('example.com/')).toEqual([
      'name part must be non-empty',
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });
});
