// Prisma's schema engine (the same Rust code as the native binary, compiled to wasm) driven through
// a pg driver adapter. These machines cannot download the native engine, so migrations are made and
// applied here; the files and the `_prisma_migrations` history are Prisma's own, so a native
// `prisma migrate deploy` accepts them elsewhere. See docs/decisions/2026-11-24-wasm-schema-engine.md.
import { readFile, readdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const schemaPath = path.join(root, 'prisma/schema.prisma');
export const migrationsDir = path.join(root, 'prisma/migrations');

const CHAR_OID = 18; // Postgres' one-byte "char" (pg_constraint.contype): adapter-pg 7.10 cannot map it
const TEXT_OID = 25;
const CHARACTER_COLUMN = 6; // ColumnTypeEnum.Character

/** Makes an adapter (or transaction) report "char" columns as Character instead of failing. */
function mendCharColumns(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  const charColumns = new WeakMap();
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    const marked = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        marked.push(i);
      }
    });
    if (marked.length) charColumns.set(result.rows, marked);
    return result;
  };
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = CHARACTER_COLUMN;
    return result;
  };
  if (queryable.executeScript) {
    // adapter-pg splits scripts on ";", which breaks dollar-quoted function bodies in migrations;
    // send the script whole, as one simple query, as the native engine does.
    queryable.executeScript = async (script) => {
      try {
        await queryable.client.query(script);
      } catch (error) {
        queryable.onError(error);
      }
    };
  }
  if (queryable.startTransaction) {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...args) => mendCharColumns(await startTransaction(...args));
  }
  return queryable;
}

async function isPGlite(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select version() as v');
    return String(rows[0].v).includes('PGlite');
  } finally {
    await client.end();
  }
}

/** A migration-aware adapter factory with our own shadow database handling. */
export async function adapterFactory(url) {
  const pglite = await isPGlite(url);
  const opened = [];
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async connect() {
      const adapter = mendCharColumns(await new PrismaPg({ connectionString: url }).connect());
      opened.push(adapter);
      return adapter;
    },
    /** The engine never disposes its main connection: close it so the process can exit at once. */
    async close() {
      await Promise.all(opened.splice(0).map((a) => a.dispose()));
    },
    async connectToShadowDb() {
      if (pglite) {
        // PGlite serves one database whatever name is asked for: replay history in memory instead.
        const { PGlite } = await import('@electric-sql/pglite');
        const { PrismaPGlite } = await import('pglite-prisma-adapter');
        const db = await PGlite.create();
        const adapter = await new PrismaPGlite(db).connect();
        const dispose = adapter.dispose?.bind(adapter);
        adapter.dispose = async () => {
          await dispose?.();
          await db.close();
        };
        return adapter;
      }
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await adminQuery(url, `CREATE DATABASE "${name}"`);
      const shadowUrl = withDatabaseName(url, name);
      const adapter = mendCharColumns(await new PrismaPg({ connectionString: shadowUrl }).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      return adapter;
    },
  };
}

export function withDatabaseName(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs one statement on the server's maintenance database (for CREATE/DROP DATABASE). */
export async function adminQuery(url, sql) {
  const client = new pg.Client({ connectionString: withDatabaseName(url, 'postgres') });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates the URL's database when the server does not have it yet (as `migrate deploy` does). */
export async function ensureDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
  const { rowCount } = await adminQuery(url, `SELECT 1 FROM pg_database WHERE datname = '${name.replace(/'/g, "''")}'`);
  if (!rowCount) await adminQuery(url, `CREATE DATABASE "${name.replace(/"/g, '""')}"`);
}

let wasmReady;
async function loadWasm() {
  wasmReady ??= (async () => {
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message) {
        globalThis.PRISMA_WASM_PANIC_MESSAGE = message;
      },
    };
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    // The package exports no path to its .wasm file: find it beside the package's main module.
    const main = require.resolve('@prisma/schema-engine-wasm');
    const bytes = await readFile(path.join(path.dirname(main), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return bg;
  })();
  return wasmReady;
}

/** Runs fn(engine) with a schema engine connected to url, and closes everything after. */
export async function withSchemaEngine(url, fn) {
  const bg = await loadWasm();
  const schema = await readFile(schemaPath, 'utf8');
  const factory = await adapterFactory(url);
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await factory.close();
  }
}

export async function migrationsList() {
  let entries = [];
  try {
    entries = await readdir(migrationsDir, { withFileTypes: true });
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (dir) => {
      const file = path.join(migrationsDir, dir, 'migration.sql');
      const content = await readFile(file, 'utf8').then(
        (value) => ({ tag: 'ok', value }),
        (e) => ({ tag: 'error', value: String(e.message) }),
      );
      return { path: dir, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lock = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lock },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

export const noFilters = { externalTables: [], externalEnums: [] };

/** Applies every pending migration; returns the names applied (empty when none were pending). */
export async function applyMigrations(url) {
  const migrations = await migrationsList();
  return withSchemaEngine(url, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: migrations, filters: noFilters });
    return appliedMigrationNames;
  });
}

/** The error a failed engine call carries, without wasm-bindgen's wrapping. */
export function engineErrorMessage(e) {
  return globalThis.PRISMA_WASM_PANIC_MESSAGE ?? e?.message ?? String(e);
}
