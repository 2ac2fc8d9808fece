/**
 * Databases for tests, on both engines.
 *
 *   import { forEachEngine } from './db.js';
 *   forEachEngine('story repository', (ctx) => {
 *     test('stores a story', async () => {
 *       const repo = new StoryRepository(ctx.db);   // fresh, migrated, per file and engine
 *     });
 *   });
 *
 * Or, for a suite that manages its own handle: `for (const e of engines())
 * describe(e.name, { skip: e.skip }, …)` with `db = await e.open()` (its
 * close() deletes the database).
 *
 * PGlite: a copy of the migrated template (see pglite-template.ts). PostgreSQL:
 * a new database on the server LEDE_TEST_DATABASE_URL points at (npm test
 * starts a throwaway one); without it the PostgreSQL half is skipped with one line.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { openDatabase, type Database, type Engine, type OpenOptions } from '../../src/store/index.js';
import { cloneTemplate } from './pglite-template.js';

export const ENGINE_NAMES: Record<Engine, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

/** Why server-mode tests cannot run here, or undefined when they can. */
export function serverSkipReason(): string | undefined {
  if (process.env.LEDE_TEST_DATABASE_URL) return undefined;
  return process.env.LEDE_TEST_PG_SKIP
    ?? 'LEDE_TEST_DATABASE_URL is not set (npm test starts a throwaway PostgreSQL when it is installed): server-mode tests skipped';
}

/** Where a test database lives: what openDatabase and child processes need to reach it. */
export type Target = { engine: 'pglite'; dataDir: string } | { engine: 'postgres'; databaseUrl: string };

/**
 * Tests share two cores between many files: a read that waits behind them is not the silent
 * server the deadlines are for, so test databases get roomy ones unless a test sets its own.
 */
const TEST_DEADLINES = { readTimeoutMs: 30_000, writeTimeoutMs: 60_000 };

export function openOptions(target: Target, extra: Partial<OpenOptions> = {}): OpenOptions {
  return target.engine === 'pglite' ? { dataDir: target.dataDir, ...extra } : { databaseUrl: target.databaseUrl, ...TEST_DEADLINES, ...extra };
}

/** Opens the target's database (warnings silenced), runs fn, and closes it again: for checks between CLI runs. */
export async function withDb<T>(target: Target, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(openOptions(target, { onWarning: () => undefined }));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

// Temp folders made here go away even when a run is interrupted (Ctrl-C skips after() hooks).
const tempRoots = new Set<string>();
let cleanupInstalled = false;
function trackTempRoot(dir: string): void {
  tempRoots.add(dir);
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', () => {
    for (const d of tempRoots) fs.rmSync(d, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
}

/** A ready embedded data directory (a template copy): at `dest`, or in a fresh temp folder. */
export async function cloneEmbeddedDataDir(dest?: string): Promise<string> {
  if (dest) return cloneTemplate(dest);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-test-'));
  trackTempRoot(root);
  return cloneTemplate(path.join(root, 'data'));
}

function serverUrl(database: string): string {
  const u = new URL(process.env.LEDE_TEST_DATABASE_URL!);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.LEDE_TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server (migrations run when it is opened: fast on a real server). */
export async function createServerDatabase(): Promise<string> {
  const name = `lede_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer((c) => c.query(`CREATE DATABASE ${name}`));
  return serverUrl(name);
}

export async function dropServerDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^lede_t_\w+$/.test(name)) throw new Error(`refusing to drop ${name}: not a test database`);
  await onServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** A fresh, empty (not yet migrated on PostgreSQL, migrated on PGlite) target for `engine`. */
export async function freshTarget(engine: Engine): Promise<Target> {
  return engine === 'pglite'
    ? { engine, dataDir: await cloneEmbeddedDataDir() }
    : { engine, databaseUrl: await createServerDatabase() };
}

/** Deletes what freshTarget made. The database must be closed. */
export async function removeTarget(target: Target): Promise<void> {
  if (target.engine === 'pglite') {
    fs.rmSync(path.dirname(target.dataDir), { recursive: true, force: true });
    tempRoots.delete(path.dirname(target.dataDir));
  } else {
    await dropServerDatabase(target.databaseUrl);
  }
}

export interface TestEngine {
  name: string;
  engine: Engine;
  /** Set when this engine cannot run here; pass to describe(…, { skip }). */
  skip?: string;
  /** A fresh migrated database; its close() also deletes it. */
  open(opts?: Partial<OpenOptions>): Promise<Database>;
}

/** Both engines, each with a way to open a fresh database that cleans up after itself. */
export function engines(): TestEngine[] {
  return (['pglite', 'postgres'] as const).map((engine) => {
    const skip = engine === 'postgres' ? serverSkipReason() : undefined;
    return {
      name: ENGINE_NAMES[engine],
      engine,
      ...(skip && { skip }),
      async open(opts = {}) {
        const target = await freshTarget(engine);
        const db = await openDatabase(openOptions(target, { onWarning: () => undefined, ...opts }));
        return disposable(db, target);
      },
    };
  });
}

/** `db` whose close() also deletes its data directory or database. */
function disposable(db: Database, target: Target): Database {
  return {
    engine: db.engine,
    location: db.location,
    extensions: db.extensions,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    transaction: (fn, opts) => db.transaction(fn, opts),
    checkpoint: () => db.checkpoint(),
    close: async () => {
      await db.close();
      await removeTarget(target);
    },
  };
}

export interface EngineContext {
  engine: Engine;
  name: string;
  /** The file's database for this engine (opened in before(), closed and deleted in after()). */
  readonly db: Database;
  /** Where it lives, for child processes and reopening. */
  readonly target: Target;
  /** Closes `db` and opens the same database again (e.g. after a child process wrote to it). */
  reopen(opts?: Partial<OpenOptions>): Promise<Database>;
}

/**
 * Declares the suite `body` once per engine, as `title [PGlite]` and
 * `title [PostgreSQL]`, each with a fresh migrated database in `ctx.db`.
 * Tests inside share that database, so give stories unique slugs (makeStory does).
 */
export function forEachEngine(title: string, body: (ctx: EngineContext) => void, opts: Partial<OpenOptions> = {}): void {
  for (const engine of ['pglite', 'postgres'] as const) {
    const skip = engine === 'postgres' ? serverSkipReason() : undefined;
    describe(`${title} [${ENGINE_NAMES[engine]}]`, skip ? { skip } : {}, () => {
      let db: Database | undefined;
      let target: Target | undefined;
      const ctx: EngineContext = {
        engine,
        name: ENGINE_NAMES[engine],
        get db() {
          if (!db) throw new Error('the test database is not open (use ctx.db inside tests, not at declaration time)');
          return db;
        },
        get target() {
          if (!target) throw new Error('the test database is not ready yet');
          return target;
        },
        async reopen(more = {}) {
          await db?.close();
          db = await openDatabase(openOptions(target!, { onWarning: () => undefined, ...opts, ...more }));
          return db;
        },
      };
      before(async () => {
        target = await freshTarget(engine);
        db = await openDatabase(openOptions(target, { onWarning: () => undefined, ...opts }));
      });
      after(async () => {
        await db?.close();
        if (target) await removeTarget(target);
      });
      body(ctx);
    });
  }
}

/**
 * `db` with a tally: every query whose text matches `pattern` adds one to
 * `reads` (set it to 0 between steps). For tests that a read is kept, not repeated.
 */
export function countingReads(db: Database, pattern: RegExp): { db: Database; reads: number } {
  const counter = { db, reads: 0 };
  counter.db = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== 'query') return typeof value === 'function' ? value.bind(target) : value;
      return (sql: string, params?: unknown[]) => {
        if (pattern.test(sql)) counter.reads++;
        return target.query(sql, params as never);
      };
    },
  });
  return counter;
}
