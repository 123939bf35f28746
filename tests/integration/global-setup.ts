import type { TestProject } from 'vitest/node';
import { applyMigrations, createTestDatabase } from './database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One fresh, migrated database for the whole integration run; dropped at the end. */
export default async function setup(project: TestProject) {
  const db = await createTestDatabase();
  await applyMigrations(db.url);
  project.provide('databaseUrl', db.url);
  return db.drop;
}
