import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '@/lib/generated/prisma/client';
// @ts-expect-error plain .mjs helpers shared with the db scripts
import { startEmbedded } from '../../scripts/db/database.mjs';
import { applyMigrations } from './database';

describe('the embedded default database (PGlite)', () => {
  let embedded: { url: string; stop: () => Promise<void> };
  let client: PrismaClient;
  beforeAll(async () => {
    embedded = await startEmbedded(null); // in memory
  });
  afterAll(async () => {
    await client?.$disconnect();
    await embedded?.stop();
  });

  it('takes the same migrations, and applying them twice is a no-op', async () => {
    expect((await applyMigrations(embedded.url)).length).toBeGreaterThan(0);
    expect(await applyMigrations(embedded.url)).toEqual([]);
  });

  it('answers the app’s queries through the same driver', async () => {
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString: embedded.url }) });
    const user = await client.user.create({
      data: { id: 'u1', name: 'Ada', email: 'ada@example.com', exerciseAttempts: { create: { exerciseId: 'first-pod', manifest: 'kind: Pod', result: { ok: true }, score: 1, passed: true, engineVersion: 'e', contentVersion: 'c' } } },
      include: { exerciseAttempts: true },
    });
    expect(user.exerciseAttempts).toHaveLength(1);
    const found = await client.user.findUnique({ where: { email: 'ada@example.com' }, include: { exerciseAttempts: true } });
    expect(found?.exerciseAttempts[0]).toMatchObject({ exerciseId: 'first-pod', result: { ok: true } });
  });
});
