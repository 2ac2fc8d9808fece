import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LedeError } from '../content/index.js';
import type { Database, Transaction } from './types.js';

/**
 * Schema migrations: plain numbered SQL files in <package root>/migrations,
 * the same for both engines, applied in order, each in its own transaction,
 * recorded in schema_migrations. A file that was applied is never edited;
 * changes go into a new file.
 */

export interface Migration {
  /** File name without ".sql", e.g. "001_stories"; what schema_migrations records. */
  name: string;
  file: string;
}

export interface MigrationResult {
  /** Names applied by this call, in order (empty when the schema was up to date). */
  applied: string[];
}

// Any constant works; it only has to be the same on every app node.
const MIGRATION_LOCK_KEY = 4_206_133_007;

const MIGRATION_FILE = /^(\d+)_[A-Za-z0-9_-]+\.sql$/;

/**
 * The package root: the nearest folder above `from` with a package.json. Works
 * from src/store (tsx) and dist/store (compiled) alike.
 */
export function findPackageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export function migrationsDir(): string {
  return path.join(findPackageRoot(), 'migrations');
}

/** The migration files in the order they apply (by number). */
export function listMigrations(dir: string = migrationsDir()): Migration[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    throw new LedeError('CONFIG', `the migrations folder ${dir} is missing or unreadable (${(err as NodeJS.ErrnoException).code}); it ships with Lede`, { reason: 'migration_failed' });
  }
  const found = names.filter((n) => MIGRATION_FILE.test(n)).map((n) => ({
    number: Number(MIGRATION_FILE.exec(n)![1]),
    name: n.slice(0, -'.sql'.length),
    file: path.join(dir, n),
  }));
  found.sort((a, b) => a.number - b.number || a.name.localeCompare(b.name));
  for (let i = 1; i < found.length; i++) {
    if (found[i]!.number === found[i - 1]!.number) {
      throw new LedeError('CONFIG', `two migrations share the number ${found[i]!.number}: ${found[i - 1]!.name}, ${found[i]!.name}`, { reason: 'migration_failed' });
    }
  }
  return found.map(({ name, file }) => ({ name, file }));
}

/**
 * Serialises migrating nodes on PostgreSQL; released at commit. PGlite has one
 * connection, but taking it there too keeps the code path identical.
 */
async function lockMigrations(tx: Transaction): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
}

async function appliedNames(tx: Transaction): Promise<Set<string>> {
  const rows = await tx.query<{ name: string }>('SELECT name FROM schema_migrations');
  return new Set(rows.map((r) => r.name));
}

// A migration may wait on another node's (the advisory lock) and rebuild big tables: no write deadline.
const NO_DEADLINE = { timeoutMs: 0 };

/** One round trip: resolves when the database answers (readiness). */
export async function pingDatabase(db: Pick<Database, 'query'>): Promise<void> {
  await db.query('SELECT 1');
}

/**
 * The migrations this version of Lede has that the database has not applied, in
 * order (readiness: a node whose schema is behind must not take traffic). One
 * read, no lock: it never waits on a node that is migrating.
 */
export async function pendingMigrations(db: Pick<Database, 'query'>, dir?: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>('SELECT name FROM schema_migrations').catch(async (err: unknown) => {
    // No table at all: nothing was ever applied.
    if ((err as { code?: string }).code === '42P01') return [];
    throw err;
  });
  const applied = new Set(rows.map((r) => r.name));
  return listMigrations(dir).map((m) => m.name).filter((n) => !applied.has(n));
}

/**
 * Applies pending migrations and returns their names. Safe to run repeatedly
 * and from several app nodes at once: each migration re-checks, under the
 * advisory lock, whether another node applied it meanwhile.
 */
export async function migrate(
  db: Database,
  opts: { dir?: string; onWarning?: (message: string) => void } = {},
): Promise<MigrationResult> {
  const migrations = listMigrations(opts.dir);
  // Every start after the first finds nothing to do: one read, without the lock and the DDL below.
  const seen = await db.query<{ name: string }>('SELECT name FROM schema_migrations').catch((err: unknown) => {
    if ((err as { code?: string }).code === '42P01') return undefined;
    throw err;
  });
  if (seen) {
    const names = new Set(seen.map((r) => r.name));
    if (migrations.every((m) => names.has(m.name))) {
      warnUnknown(db, names, migrations, opts.onWarning);
      return { applied: [] };
    }
  }
  const before = await db.transaction(async (tx) => {
    await lockMigrations(tx);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    return appliedNames(tx);
  }, NO_DEADLINE);

  warnUnknown(db, before, migrations, opts.onWarning);

  const applied: string[] = [];
  for (const m of migrations) {
    if (before.has(m.name)) continue;
    const sql = fs.readFileSync(m.file, 'utf8');
    const didApply = await db.transaction(async (tx) => {
      await lockMigrations(tx);
      if ((await appliedNames(tx)).has(m.name)) return false;
      try {
        await tx.exec(sql);
      } catch (err) {
        throw new LedeError('UNAVAILABLE', `migration ${m.name} failed on ${db.location}: ${(err as Error).message}`, { reason: 'migration_failed', cause: err });
      }
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
      return true;
    }, NO_DEADLINE);
    if (didApply) applied.push(m.name);
  }
  return { applied };
}

function warnUnknown(db: Database, applied: Set<string>, migrations: Migration[], onWarning?: (message: string) => void): void {
  const known = new Set(migrations.map((m) => m.name));
  const unknown = [...applied].filter((n) => !known.has(n));
  if (unknown.length) {
    onWarning?.(`the database at ${db.location} has migrations this version of Lede does not know (${unknown.join(', ')}); it was migrated by a newer version`);
  }
}
