// Test databases: a fresh database of its own on the Postgres server for each run, dropped after.
import { randomBytes } from 'node:crypto';
// @ts-expect-error plain .mjs helpers shared with the db scripts
import { adminQuery, applyMigrations, withDatabaseName } from '../../scripts/db/engine.mjs';

/** The server tests use: $TEST_POSTGRES_URL, else the local one CI and developers have. */
export const serverUrl = process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `podlab_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url: string = withDatabaseName(serverUrl, name);
  return {
    url,
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export { applyMigrations };
