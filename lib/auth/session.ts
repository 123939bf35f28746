import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { auth } from './server';
import { hasRole, isRole, type Role } from './roles';
import { isDatabaseUnreachable } from '../db/client';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** The signed-in user of this request, or null. Read once per request. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const requestHeaders = await headers(); // first: this is what makes the page dynamic
  const session = await auth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { id, name, email } = session.user;
  const role = (session.user as { role?: unknown }).role;
  return { id, name, email, role: isRole(role) ? role : 'learner' };
});

/** The signed-in user, or a redirect to sign in (coming back to `returnTo`). */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  return user;
}

/** The signed-in user when they hold `role`; otherwise sign in, or a 403 page. */
export async function requireRole(role: Role, returnTo: string): Promise<SessionUser> {
  const user = await requireUser(returnTo);
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

/**
 * For the site header: the user, or null — and whether the database could not be reached, so the
 * page still renders (browsing needs no database) with a banner instead of an error.
 */
export async function currentUserOrNull(): Promise<{ user: SessionUser | null; databaseDown: boolean }> {
  try {
    return { user: await currentUser(), databaseDown: false };
  } catch (error) {
    if (!isDatabaseUnreachable(error)) throw error;
    console.error(`[podlab] database unreachable: ${(error as Error).message}`);
    return { user: null, databaseDown: true };
  }
}
