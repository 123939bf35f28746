import { describe, expect, it } from 'vitest';
import { errorString, type ErrorList } from './field';
import { validateLocalNonReservedPath } from './volumes';

describe('ValidateLocalNonReservedPath', () => {
  it.each<[string, string, string[]]>([
    ['a relative file', 'config/app.yaml', []],
    ['an absolute path', '/etc/app', ['p: Invalid value: "/etc/app": must be a relative path']],
    ['a backstep', 'a/../../b', ["p: Invalid value: \"a/../../b\": must not contain '..'"]],
    ['the atomic writer\'s reserved names', '..data', ["p: Invalid value: \"..data\": must not start with '..'"]],
    ['a reserved name behind ./ passes: v1.34 checks the path as written, not cleaned', './..data', []],
    ['a name that merely contains dots', 'a..b', []],
  ])('%s', (_name, path, want) => {
    const errs: ErrorList = [];
    validateLocalNonReservedPath(path, 'p', errs);
    expect(errs.map(errorString)).toEqual(want);
  });
});
