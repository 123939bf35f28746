import { prisma } from './client';
import type { Role } from '../auth/roles';
import { roleChangeRefusal } from '../auth/roles';

// Any constant works: it only has to be the same number everywhere the first account is decided.
const FIRST_ACCOUNT_LOCK = 74_700_001;

/**
 * The first account made on an empty database becomes admin. Decided under a lock, and only for
 * the oldest account, so two sign-ups racing on a fresh site cannot both become admin.
 */
export async function promoteIfFirstAccount(userId: string): Promise<boolean> {
  return prisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`;
    if ((await tx.user.count({ where: { role: 'admin' } })) > 0) return false;
    const oldest = await tx.user.findFirst({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } });
    if (oldest?.id !== userId) return false;
    await tx.user.update({ where: { id: userId }, data: { role: 'admin' } });
    return true;
  });
}

export async function listUsers() {
  return prisma().user.findMany({
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, email: true, role: true, createdAt: true },
  });
}

export type RoleChangeResult = { ok: true } | { ok: false; error: string };

/** Changes a user's role if the actor may; the last admin cannot be demoted. */
export async function changeRole(actor: { id: string; role: Role }, targetId: string, to: Role): Promise<RoleChangeResult> {
  return prisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`;
    const target = await tx.user.findUnique({ where: { id: targetId }, select: { id: true, role: true } });
    if (!target) return { ok: false, error: 'No such user.' };
    const adminCount = await tx.user.count({ where: { role: 'admin' } });
    const refusal = roleChangeRefusal({ actor, target, to, adminCount });
    if (refusal) return { ok: false, error: refusal };
    await tx.user.update({ where: { id: targetId }, data: { role: to } });
    return { ok: true };
  });
}
