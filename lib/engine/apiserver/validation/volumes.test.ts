import { describe, expect, it } from 'vitest';
import { errorString, type ErrorList } from './field';
import { goPathClean, validateLocalNonReservedPath } from './volumes';

describe('goPathClean (Go path.Clean)', () => {
  it.each<[string, string]>([
    ['', '.'],
    ['a/b', 'a/b'],
    ['./..data', '..data'],
    ['a//b/./c/', 'a/b/c'],
    ['a/../../b', '../b'],
    ['/../a', '/a'],
    ['x/..', '.'],
  ])('%j cleans to %j', (input, want) => {
    expect(goPathClean(input)).toBe(want);
  });
});

describe('ValidateLocalNonReservedPath', () => {
  it.each<[string, string, string[]]>([
    ['a relative file', 'config/app.yaml', []],
    ['an absolute path', '/etc/app', ['p: Invalid value: "/etc/app": must be a relative path']],
    ['a backstep', 'a/../../b', ["p: Invalid value: \"a/../../b\": must not contain '..'"]],
    ['the atomic writer\'s reserved names', '..data', ["p: Invalid value: \"..data\": must not start with '..'"]],
    ['a reserved name behind ./ (the path is cleaned first)', './..data', ["p: Invalid value: \"./..data\": must not start with '..'"]],
    ['a name that merely contains dots', 'a..b', []],
  ])('%s', (_name, path, want) => {
    const errs: ErrorList = [];
    validateLocalNonReservedPath(path, 'p', errs);
    expect(errs.map(errorString)).toEqual(want);
  });
});
