import { z } from 'zod';

/** What the sign-up and sign-in forms accept, checked in the browser before anything is sent. */
export const signUpSchema = z.object({
  name: z.string().trim().min(1, { message: 'Enter your name.' }).max(100, { message: 'Keep your name under 100 characters.' }),
  email: z.email({ message: 'Enter an email address like you@example.com.' }),
  password: z
    .string()
    .min(8, { message: 'Use at least 8 characters for your password.' })
    .max(128, { message: 'Use at most 128 characters for your password.' }),
});

export const signInSchema = z.object({
  email: z.email({ message: 'Enter an email address like you@example.com.' }),
  password: z.string().min(1, { message: 'Enter your password.' }),
});

/** A safe place to go after signing in: only paths on this site. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/dashboard';
  return next;
}

/** better-auth's error for a failed request, in words a person can act on. */
export function authErrorMessage(error: { status?: number; message?: string; code?: string } | null | undefined): string {
  if (!error) return 'Something went wrong. Please try again.';
  if (error.status === 429) return 'Too many attempts. Wait a minute, then try again.';
  if (error.code === 'INVALID_EMAIL_OR_PASSWORD') return 'That email and password do not match an account.';
  if (error.code === 'USER_ALREADY_EXISTS' || error.code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL') {
    return 'An account with this email already exists. Sign in instead.';
  }
  return error.message || 'Something went wrong. Please try again.';
}
