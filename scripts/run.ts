// The launcher behind `npm start` and `npm run dev`: checks the configuration, brings up the
// database (the embedded one unless DATABASE_URL is set), applies pending migrations, then runs the
// given command (next start / next dev) with that database, and shuts everything down with it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { describeConfigProblems, envSchema } from '../lib/env';
// @ts-expect-error plain .mjs helpers shared with the db scripts
import { applyMigrations, engineErrorMessage, ensureDatabase, root } from './db/engine.mjs';
// @ts-expect-error plain .mjs helpers shared with the db scripts
import { startEmbedded } from './db/database.mjs';

const log = (line: string) => console.log(`[podlab] ${line}`);

function fail(line: string): never {
  console.error(`[podlab] ${line}`);
  process.exit(1);
}

/** In embedded mode the auth secret is made once and kept beside the data, so sessions survive restarts. */
async function embeddedSecret(): Promise<string> {
  const file = path.join(root, '.data/auth-secret');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

async function main() {
  const command = process.argv.slice(2);
  if (command.length === 0) fail('usage: tsx scripts/run.ts <command...>');

  // Check what the user set before touching anything; DATABASE_URL and the secret may come from us.
  const userEnv = envSchema.safeParse({
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || 'postgresql://placeholder@localhost/placeholder',
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET || 'x'.repeat(32),
  });
  if (!userEnv.success) fail(`configuration: ${describeConfigProblems(userEnv.error)}`);

  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  let stopDatabase = async () => {};
  if (process.env.DATABASE_URL) {
    if (!process.env.BETTER_AUTH_SECRET) {
      fail('configuration: BETTER_AUTH_SECRET: is required when DATABASE_URL is set (every instance must share it; try: openssl rand -base64 32)');
    }
    log(`database: ${redact(process.env.DATABASE_URL)}`);
    try {
      await ensureDatabase(process.env.DATABASE_URL);
    } catch (e) {
      fail(`database: cannot reach ${redact(process.env.DATABASE_URL)}: ${(e as Error).message}`);
    }
  } else {
    const dir = process.env.PGLITE_DIR || path.join(root, '.data/pglite');
    log(`database: embedded PostgreSQL (PGlite) in ${path.relative(process.cwd(), dir) || dir}`);
    const embedded = await startEmbedded(dir);
    childEnv.DATABASE_URL = embedded.url;
    childEnv.BETTER_AUTH_SECRET ||= await embeddedSecret();
    stopDatabase = embedded.stop;
  }

  try {
    const applied: string[] = await applyMigrations(childEnv.DATABASE_URL);
    log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: none pending');
  } catch (e) {
    await stopDatabase();
    fail(`migrations failed: ${engineErrorMessage(e)}`);
  }

  const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: childEnv, cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', async (code, signal) => {
    await stopDatabase();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

main().catch((e) => fail(e instanceof z.ZodError ? describeConfigProblems(e) : String(e?.stack ?? e)));
