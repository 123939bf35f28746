import { prisma } from './client';

/** Marks a lesson done for a learner; doing it twice keeps the first completion time. */
export async function completeLesson(userId: string, lessonId: string) {
  return prisma().lessonProgress.upsert({
    where: { userId_lessonId: { userId, lessonId } },
    create: { userId, lessonId },
    update: {},
  });
}

export async function completedLessons(userId: string) {
  return prisma().lessonProgress.findMany({ where: { userId }, orderBy: { completedAt: 'asc' } });
}
