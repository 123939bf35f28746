import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, createTestDatabase } from './database';

const migrationNames = readdirSync('prisma/migrations', { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('migrations on a real Postgres server', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('apply from an empty database', async () => {
    expect(await applyMigrations(db.url)).toEqual(migrationNames);
    const { rows } = await client.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['user', 'session', 'account', 'verification', 'rateLimit', 'LessonProgress', 'ExerciseAttempt', 'QuizResponse', '_prisma_migrations']),
    );
  });

  it("record Prisma's own history, so `prisma migrate deploy` accepts it", async () => {
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const sql = readFileSync(`prisma/migrations/${row.migration_name}/migration.sql`);
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it('applying again is a no-op', async () => {
    expect(await applyMigrations(db.url)).toEqual([]);
    const { rows } = await client.query('SELECT count(*)::int AS n FROM _prisma_migrations');
    expect(rows[0].n).toBe(migrationNames.length);
  });
});
