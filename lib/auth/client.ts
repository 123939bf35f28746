'use client';
import { createAuthClient } from 'better-auth/react';

/** Browser side of better-auth: sign up, sign in, sign out against /api/auth. */
export const authClient = createAuthClient();
