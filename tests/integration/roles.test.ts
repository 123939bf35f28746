import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { changeRole, prisma, promoteIfFirstAccount } from '@/lib/db';

async function signUp(name: string, createdAt?: Date) {
  const user = await prisma().user.create({
    data: { id: randomUUID(), name, email: `${name}-${randomUUID()}@example.com`, ...(createdAt ? { createdAt } : {}) },
  });
  await promoteIfFirstAccount(user.id);
  return prisma().user.findUniqueOrThrow({ where: { id: user.id } });
}

describe('roles', () => {
  beforeEach(async () => {
    await prisma().user.deleteMany();
  });

  it('the first account on an empty database becomes admin; later ones are learners', async () => {
    expect((await signUp('first')).role).toBe('admin');
    expect((await signUp('second')).role).toBe('learner');
  });

  it('two sign-ups racing on an empty database make exactly one admin', async () => {
    const base = Date.now();
    const users = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        prisma().user.create({ data: { id: randomUUID(), name: `u${i}`, email: `u${i}-${randomUUID()}@x.io`, createdAt: new Date(base + i) } }),
      ),
    );
    await Promise.all(users.map((u) => promoteIfFirstAccount(u.id)));
    const admins = await prisma().user.findMany({ where: { role: 'admin' } });
    expect(admins.map((a) => a.name)).toEqual(['u0']);
  });

  it('an admin changes roles; a learner or instructor cannot', async () => {
    const admin = await signUp('admin');
    const learner = await signUp('learner');
    const instructor = await signUp('teacher');
    expect(await changeRole(admin, instructor.id, 'instructor')).toEqual({ ok: true });
    expect(await changeRole(learner, learner.id, 'admin')).toMatchObject({ ok: false });
    expect(await changeRole({ id: instructor.id, role: 'instructor' }, learner.id, 'instructor')).toMatchObject({ ok: false });
    const roles = await prisma().user.findMany({ orderBy: { createdAt: 'asc' }, select: { role: true } });
    expect(roles.map((r) => r.role)).toEqual(['admin', 'learner', 'instructor']);
  });

  it('the last admin cannot be demoted', async () => {
    const admin = await signUp('admin');
    expect(await changeRole(admin, admin.id, 'learner')).toMatchObject({ ok: false, error: expect.stringContaining('last admin') });
    expect((await prisma().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe('admin');
  });
});
