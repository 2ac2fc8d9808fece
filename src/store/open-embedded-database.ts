import fs from 'node:fs';
import path from 'node:path';
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { LedeError } from '../content/index.js';
import { Checkpointer, DEFAULT_CHECKPOINT_POLICY, type CheckpointPolicy } from './checkpointer.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { hasDatabasePriority } from './database-priority.js';
import { assertOutsideTransaction, inTransactionScope } from './transaction-scope.js';
import { HotReads } from './hot-reads.js';
import { isStalePlan } from './stale-plan.js';
import { TEXT_PARSERS } from './type-parsers.js';
import type { Database, Transaction } from './types.js';

/** The PostgreSQL data folder inside LEDE_DATA_DIR (the lock file sits next to it). */
export const PG_SUBDIR = 'pg';

/**
 * Settings for new data directories. 1 MB WAL segments instead of 16 MB, and no
 * recycling of old segments: pg_wal then holds about as much as was written
 * since the last checkpoint, which the Checkpointer bounds — a small site does
 * not carry 16 MB files or a pool of recycled ones. Both are recorded when the
 * directory is created; existing directories keep what they were created with.
 */
const INITDB_ARGS = ['--wal-segsize=1', '--set', 'wal_recycle=off', '--set', 'full_page_writes=off'];
/**
 * shared_buffers 32 MB instead of 128 MB: PGlite's buffer pool lives in the
 * WebAssembly heap, is touched when it starts and fills as pages are read, so
 * it is resident memory the process grows into over hours, while the data
 * files are in the OS page cache anyway. Measured on 10,000 stories (108 MB on
 * disk), reading every story three times: RSS 229 MB after opening and 318 MB
 * after the reads, against 338 and 429 MB at 128 MB, at the same speed.
 */
const SERVER_ARGS = ['-c', 'wal_recycle=off', '-c', 'full_page_writes=off', '-c', 'shared_buffers=32MB'];

const READ_ONLY = /^\s*(select|show|explain|values|table)\b/i;

/**
 * What a statement does, decided once per statement: `read` writes nothing;
 * `dml` changes rows (INSERT, UPDATE, DELETE, MERGE, or a WITH with one of
 * them inside); `other` is everything else (DDL, CHECKPOINT, …). A WITH query
 * reads unless one of its parts modifies data ("WITH gone AS (DELETE …)"): the
 * site's navigation is a recursive WITH run on every render, and counting it
 * as a write made the checkpoint timer CHECKPOINT and ANALYZE every table
 * under pure read traffic (ANALYZE alone grew PGlite's WebAssembly memory by
 * about 60 MB, for good). "FOR UPDATE" counts as a write: cautious, and
 * nothing here reads that way. Brackets in front are looked through: the
 * scheduler's due-work query is "(SELECT …) UNION ALL (SELECT …)".
 */
function classifySql(sql: string): 'read' | 'dml' | 'other' {
  const head = sql.replace(/^[\s(]+/, '');
  if (READ_ONLY.test(head)) return 'read';
  if (/^with\b/i.test(head)) return /\b(?:insert|update|delete|merge|truncate|copy|call)\b/i.test(sql) ? 'dml' : 'read';
  return /^(?:insert|update|delete|merge)\b/i.test(head) ? 'dml' : 'other';
}

/** True for a statement that writes nothing (see classifySql). */
export function isReadOnlySql(sql: string): boolean {
  return classifySql(sql) === 'read';
}

/**
 * A statement worth counting as a write once it ran: DDL and the like always;
 * DML only when it changed or returned rows. A poller's claim that found
 * nothing ("WITH claimed AS (UPDATE push_deliveries …) SELECT …", every two
 * seconds) or an UPDATE whose WHERE matched nothing wrote no WAL worth a
 * checkpoint and no rows worth new statistics; counted as writes, idle pollers
 * alone ran ANALYZE of every table a few minutes after start. A WITH … UPDATE
 * reports no affected rows (its tag is the final SELECT's): only rows returned
 * tell.
 */
function countsAsWrite(kind: 'read' | 'dml' | 'other', result: { rows: unknown[]; affectedRows?: number }): boolean {
  if (kind !== 'dml') return kind === 'other';
  return result.rows.length > 0 || !!(result.affectedRows && result.affectedRows > 0);
}

/** A data-modifying statement that changed no row (see countsAsWrite). */
export function changedNothing(sql: string, result: { rows: unknown[]; affectedRows?: number }): boolean {
  const kind = classifySql(sql);
  return kind === 'dml' && !countsAsWrite(kind, result);
}

/**
 * `(E'…', NULL, …)`: EXECUTE's argument list for parameters that are all
 * strings, numbers, booleans or null, or undefined when one is anything else.
 * E-strings with backslash and quote doubled read back as exactly the text.
 */
function literals(params: unknown[] | undefined): string | undefined {
  if (!params?.length) return '';
  let out = '';
  for (const p of params) {
    let text: string;
    if (p === null || p === undefined) {
      out += out ? ', NULL' : 'NULL';
      continue;
    }
    if (typeof p === 'string') text = p;
    else if ((typeof p === 'number' && Number.isFinite(p)) || typeof p === 'boolean' || typeof p === 'bigint') text = String(p);
    else return undefined;
    // PGlite reads the statement as a C string: a NUL would cut it short. The usual way refuses it with the usual error.
    if (text.includes('\u0000')) return undefined;
    const lit = `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
    out += out ? `, ${lit}` : lit;
  }
  return `(${out})`;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Creates `dir` (and parents) or explains in one line why it cannot be used. */
function prepareDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied (not writable by this user)'
      : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way (not a directory)'
      : code === 'EROFS' ? 'read-only file system'
      : code === 'ENOSPC' ? 'disk full' : describe(err);
    throw new LedeError('UNAVAILABLE', `cannot use data directory ${dir}: ${reason}. Set LEDE_DATA_DIR to a writable directory.`, { reason: 'data_dir_unusable', cause: err });
  }
}

async function startPGlite(pgDir: string): Promise<PGlite> {
  const [{ PGlite }, { NodeFS }, { pg_trgm }, { unaccent }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/nodefs'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
  ]);
  return PGlite.create({
    fs: new NodeFS(pgDir),
    extensions: { pg_trgm, unaccent },
    parsers: TEXT_PARSERS,
    initDbStartParams: INITDB_ARGS,
    startParams: [...PGlite.defaultStartParams, ...SERVER_ARGS],
  });
}

/**
 * Opens (creating on first use) the PGlite database in `${dataDir}/pg`. A new
 * database is made in a side folder and renamed into place when complete, so
 * an interrupted first start leaves nothing half-made behind.
 */
async function openPGlite(dataDir: string): Promise<PGlite> {
  const pgDir = path.join(dataDir, PG_SUBDIR);
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    if (fs.existsSync(pgDir) && fs.readdirSync(pgDir).length) {
      throw new LedeError('UNAVAILABLE', `${pgDir} exists but holds no database (PG_VERSION is missing). Move it away, or set LEDE_DATA_DIR to another directory.`, { reason: 'data_dir_unusable' });
    }
    const staging = `${pgDir}.new`;
    fs.rmSync(staging, { recursive: true, force: true }); // left by an interrupted first start
    fs.rmSync(pgDir, { recursive: true, force: true }); // empty
    const created = await startPGlite(staging);
    await created.close();
    fs.renameSync(staging, pgDir);
  }
  return startPGlite(pgDir);
}

export async function openEmbeddedDatabase(
  dataDirOption: string,
  opts: { policy?: Partial<CheckpointPolicy>; warn: (message: string) => void },
): Promise<Database> {
  const dataDir = path.resolve(dataDirOption);
  prepareDataDir(dataDir);
  const lock = acquireDataDirLock(dataDir);
  let pg: PGlite;
  try {
    pg = await openPGlite(dataDir);
  } catch (err) {
    lock.release();
    if (err instanceof LedeError) throw err;
    throw new LedeError('UNAVAILABLE', `cannot open the embedded database in ${path.join(dataDir, PG_SUBDIR)}: ${describe(err)}`, { reason: 'database_unavailable', cause: err });
  }
  return new EmbeddedDatabase(pg, dataDir, lock, { ...DEFAULT_CHECKPOINT_POLICY, ...opts.policy }, opts.warn);
}

class EmbeddedDatabase implements Database {
  readonly engine = 'pglite' as const;
  extensions: readonly string[] = [];
  readonly checkpointer: Checkpointer;
  #closing: Promise<void> | undefined;

  constructor(
    private readonly pg: PGlite,
    readonly location: string,
    private readonly lock: DataDirLock,
    policy: CheckpointPolicy,
    private readonly warn: (message: string) => void,
  ) {
    this.checkpointer = new Checkpointer(
      async <T>(sql: string) => (await pg.query<T>(sql)).rows,
      policy,
      (err) => warn(`checkpoint of the embedded database in ${location} failed: ${describe(err)}`),
    );
  }

  #check(what: string): void {
    if (this.#closing) throw new LedeError('UNAVAILABLE', `the embedded database in ${this.location} is closed`, { reason: 'database_closed' });
    assertOutsideTransaction(this, what);
  }


  /*
   * PGlite runs each statement synchronously on this thread, and one query's
   * end resolves the next waiting one in the same microtask run: with a few
   * renders queueing queries, the event loop saw no I/O for seconds (cached
   * pages and the newsroom starved under a flood of uncached requests). So
   * statements take turns here: one at a time, the next on a later turn of the
   * event loop (I/O in between), writes and the newsroom's lane
   * (withDatabasePriority) before reader reads.
   */
  readonly #waiting: { first: Array<() => void>; rest: Array<() => void> } = { first: [], rest: [] };
  #running = false;

  async #inTurn<T>(first: boolean, op: () => Promise<T>): Promise<T> {
    if (this.#running || this.#waiting.first.length || this.#waiting.rest.length) {
      await new Promise<void>((resolve) => (first ? this.#waiting.first : this.#waiting.rest).push(resolve));
    } else {
      this.#running = true;
    }
    try {
      return await op();
    } finally {
      const next = this.#waiting.first.shift() ?? this.#waiting.rest.shift();
      if (next) setImmediate(next);
      else this.#running = false;
    }
  }

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    this.#check('db.query()');
    const kind = classifySql(sql);
    const write = kind !== 'read';
    const result = await this.#inTurn(write || hasDatabasePriority(), () => (write ? this.pg.query<T>(sql, params) : this.#read<T>(sql, params)));
    if (countsAsWrite(kind, result)) this.checkpointer.noteWrite();
    return result.rows;
  }

  /*
   * Hot reads (hot-reads.ts) run as prepared statements. PGlite plans every
   * statement it is sent, and planning asks the file system for the size of
   * every index of every table touched: that was half the cost of reading a
   * story by slug for its page. A hot SELECT is prepared once and then
   * EXECUTEd with its parameters written as string literals, when they are all
   * strings, numbers or booleans (PGlite sends those as text too, to the same
   * inferred types); anything else, and any statement PostgreSQL will not
   * prepare, goes the usual way.
   */
  readonly #hot = new HotReads();

  async #read<T>(sql: string, params: unknown[] | undefined): Promise<{ rows: T[] }> {
    const hot = this.#hot.nameFor(sql);
    if (hot) {
      if (hot.fresh) {
        try {
          await this.pg.exec(`PREPARE ${hot.name} AS ${sql}`);
        } catch {
          this.#hot.forget(sql);
          return this.pg.query<T>(sql, params);
        }
      }
      const args = literals(params);
      if (args !== undefined) {
        try {
          return await this.pg.query<T>(`EXECUTE ${hot.name}${args}`);
        } catch (err) {
          // A table changed under the prepared plan (a migration while running): forget it, go the usual way.
          if (!isStalePlan(err)) throw err;
          this.#hot.forget(sql);
          await this.pg.exec(`DEALLOCATE ${hot.name}`).catch(() => undefined);
        }
      }
    }
    return this.pg.query<T>(sql, params);
  }

  async exec(sql: string): Promise<void> {
    this.#check('db.exec()');
    await this.#inTurn(true, () => this.pg.exec(sql));
    this.checkpointer.noteWrite();
  }

  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    this.#check('db.transaction()');
    return inTransactionScope(this, () => this.#inTurn(true, () => this.pg.transaction((tx) => fn(this.#wrap(tx)))));
  }

  #wrap(tx: PGliteTransaction): Transaction {
    return {
      query: async <T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> => {
        const result = await tx.query<T>(sql, params);
        if (countsAsWrite(classifySql(sql), result)) this.checkpointer.noteWrite();
        return result.rows;
      },
      exec: async (sql: string): Promise<void> => {
        await tx.exec(sql);
        this.checkpointer.noteWrite();
      },
    };
  }

  checkpoint(): Promise<void> {
    this.#check('db.checkpoint()');
    return this.checkpointer.checkpoint();
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      try {
        await this.checkpointer.stop();
        try {
          await this.pg.query('CHECKPOINT');
        } catch (err) {
          this.warn(`final checkpoint of ${this.location} failed: ${describe(err)}`);
        }
        await this.pg.close();
      } finally {
        this.lock.release();
      }
    })();
    return this.#closing;
  }
}
