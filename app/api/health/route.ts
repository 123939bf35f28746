import { prisma } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** For load balancers: 200 when this instance can reach the database, 503 when it cannot. */
export async function GET() {
  try {
    await prisma().$queryRaw`SELECT 1`;
    return Response.json({ status: 'ok' });
  } catch (error) {
    console.error(`[podlab] health check: database unreachable: ${(error as Error).message}`);
    return Response.json({ status: 'database unreachable' }, { status: 503 });
  }
}
