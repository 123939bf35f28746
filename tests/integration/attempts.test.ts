import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attemptsOf, completeLesson, completedLessons, prisma, recordAttempt } from '@/lib/db';

async function makeUser(name: string) {
  return prisma().user.create({ data: { id: randomUUID(), name, email: `${name}-${randomUUID()}@example.com` } });
}

const attempt = (userId: string, exerciseId: string, passed: boolean) => ({
  userId,
  exerciseId,
  manifest: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n',
  result: { checks: [{ name: 'pod is Running', passed }] },
  score: passed ? 1 : 0.5,
  passed,
  engineVersion: 'kubesim-test',
  contentVersion: 'test',
});

describe('exercise attempts', () => {
  it('an attempt written is read back as it was written', async () => {
    const ada = await makeUser('ada');
    const written = await recordAttempt(attempt(ada.id, 'first-pod', true));
    const stored = await prisma().exerciseAttempt.findUniqueOrThrow({ where: { id: written.id } });
    expect(stored).toMatchObject({
      exerciseId: 'first-pod',
      manifest: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n',
      result: { checks: [{ name: 'pod is Running', passed: true }] },
      score: 1,
      passed: true,
      engineVersion: 'kubesim-test',
    });
  });

  it('lists only the learner’s own attempts, newest first', async () => {
    const ada = await makeUser('ada');
    const bob = await makeUser('bob');
    await recordAttempt(attempt(ada.id, 'first-pod', false));
    await recordAttempt(attempt(bob.id, 'first-pod', true));
    await recordAttempt(attempt(ada.id, 'probes', true));
    const mine = await attemptsOf(ada.id);
    expect(mine.map((a) => a.exerciseId)).toEqual(['probes', 'first-pod']);
    expect(await attemptsOf(bob.id)).toHaveLength(1);
  });

  it('refuses to rewrite an attempt (append-only)', async () => {
    const ada = await makeUser('ada');
    const written = await recordAttempt(attempt(ada.id, 'first-pod', false));
    await expect(
      prisma().exerciseAttempt.update({ where: { id: written.id }, data: { passed: true } }),
    ).rejects.toThrow(/append-only/);
  });
});

describe('lesson progress', () => {
  it('completing a lesson twice keeps the first completion', async () => {
    const ada = await makeUser('ada');
    const first = await completeLesson(ada.id, 'what-is-a-pod');
    const again = await completeLesson(ada.id, 'what-is-a-pod');
    expect(again.completedAt).toEqual(first.completedAt);
    expect(await completedLessons(ada.id)).toHaveLength(1);
  });
});
