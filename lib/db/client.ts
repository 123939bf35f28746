import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { env } from '../env';

// One client per process; in development Next.js reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export function prisma(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 });
    globalForPrisma.prisma = new PrismaClient({ adapter });
  }
  return globalForPrisma.prisma;
}

/** Whether an error means the database could not be reached at all (not a query's own failure). */
export function isDatabaseUnreachable(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? error);
  return /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|Connection terminated|Can't reach database|DatabaseNotReachable|connect ECONN/i.test(text);
}
