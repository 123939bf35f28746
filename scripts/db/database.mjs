// The database a command runs against: $DATABASE_URL when set, else the embedded PGlite database
// (PostgreSQL compiled to wasm) persisted under .data/, served on a loopback socket so the app
// reaches it through the very same pg driver as a real server. One process owns the data folder.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { root } from './engine.mjs';

export const defaultDataDir = path.join(root, '.data/pglite');

/** Starts the embedded database; returns its URL and a stop function. `dir` null = in memory. */
export async function startEmbedded(dir = process.env.PGLITE_DIR || defaultDataDir) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  if (dir) await mkdir(dir, { recursive: true }); // PGlite's own mkdir is not recursive
  const db = await PGlite.create(dir ?? undefined);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 32 });
  const port = await new Promise((resolve, reject) => {
    server.addEventListener('listening', (e) => resolve(e.detail.port));
    server.start().catch(reject);
  });
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}

/** Runs fn(url) against $DATABASE_URL, or against the embedded database for its duration. */
export async function withDatabase(fn) {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const embedded = await startEmbedded();
  try {
    return await fn(embedded.url);
  } finally {
    await embedded.stop();
  }
}
