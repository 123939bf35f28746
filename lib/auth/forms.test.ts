import { describe, expect, it } from 'vitest';
import { authErrorMessage, safeNextPath, signInSchema, signUpSchema } from './forms';

describe('safeNextPath', () => {
  it.each([
    ['/dashboard', '/dashboard'],
    ['/admin?tab=roles', '/admin?tab=roles'],
    [null, '/dashboard'],
    ['', '/dashboard'],
    ['https://evil.example/', '/dashboard'],
    ['//evil.example/', '/dashboard'],
    ['/\\evil.example', '/dashboard'],
  ])('%j → %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});

describe('sign-up form', () => {
  it.each([
    ['a complete form', { name: 'Ada', email: 'ada@example.com', password: 'correct-horse' }, null],
    ['a blank name', { name: '  ', email: 'ada@example.com', password: 'correct-horse' }, 'Enter your name.'],
    ['a malformed email', { name: 'Ada', email: 'ada@', password: 'correct-horse' }, 'Enter an email address'],
    ['a short password', { name: 'Ada', email: 'ada@example.com', password: 'short' }, 'at least 8 characters'],
  ])('%s', (_name, values, message) => {
    const result = signUpSchema.safeParse(values);
    if (message === null) expect(result.success).toBe(true);
    else expect(result.error?.issues[0].message).toContain(message);
  });

  it('sign-in needs a password but not its length', () => {
    expect(signInSchema.safeParse({ email: 'a@b.co', password: 'x' }).success).toBe(true);
    expect(signInSchema.safeParse({ email: 'a@b.co', password: '' }).success).toBe(false);
  });
});

describe('authErrorMessage', () => {
  it.each([
    [{ status: 429, message: 'Too many requests' }, 'Too many attempts'],
    [{ status: 401, code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' }, 'do not match an account'],
    [{ status: 422, code: 'USER_ALREADY_EXISTS', message: 'User already exists' }, 'already exists. Sign in instead.'],
    [{ status: 400, message: 'Password too long' }, 'Password too long'],
    [null, 'Something went wrong'],
  ])('%j', (error, expected) => {
    expect(authErrorMessage(error)).toContain(expected);
  });
});
