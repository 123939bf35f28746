import { prisma } from './client';
import type { Prisma } from '../generated/prisma/client';

export interface NewAttempt {
  userId: string;
  exerciseId: string;
  manifest: string;
  result: Prisma.InputJsonValue;
  score: number;
  passed: boolean;
  engineVersion: string;
  contentVersion: string;
}

/** Attempts are append-only: this module offers recording and reading, nothing else. */
export async function recordAttempt(attempt: NewAttempt) {
  return prisma().exerciseAttempt.create({ data: attempt });
}

/** A learner's own attempts, newest first. Callers pass the signed-in user's id, never a param. */
export async function attemptsOf(userId: string, take = 50) {
  return prisma().exerciseAttempt.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, exerciseId: true, score: true, passed: true, createdAt: true, engineVersion: true },
  });
}
