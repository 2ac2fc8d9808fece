import pg from 'pg';
import { LedeError } from '../content/index.js';
import { assertOutsideTransaction, inTransactionScope } from './transaction-scope.js';
import { HotReads } from './hot-reads.js';
import { isStalePlan } from './stale-plan.js';
import { TEXT_PARSERS } from './type-parsers.js';
import { DEFAULT_READ_TIMEOUT_MS, DEFAULT_WRITE_TIMEOUT_MS, type Database, type Transaction, type TransactionOptions } from './types.js';

/** Where the server is, for messages: never the password. */
export interface ServerTarget {
  /** postgres://user@host:port/db (no password) */
  location: string;
  /** host:port, or the socket directory */
  address: string;
  user: string;
  database: string;
}

export function describeServerUrl(url: string): ServerTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new LedeError('UNAVAILABLE', 'DATABASE_URL is not a valid URL; expected postgres://user:password@host:5432/database', { reason: 'bad_config' });
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new LedeError('UNAVAILABLE', `DATABASE_URL must start with postgres:// or postgresql://, got "${u.protocol}//…"`, { reason: 'bad_config' });
  }
  u.password = '';
  u.searchParams.delete('password');
  const socket = u.searchParams.get('host');
  const host = socket ?? (u.hostname || 'localhost');
  return {
    location: u.toString(),
    address: socket ? host : `${host}:${u.port || '5432'}`,
    user: decodeURIComponent(u.username) || process.env.PGUSER || process.env.USER || 'postgres',
    database: decodeURIComponent(u.pathname.slice(1)) || decodeURIComponent(u.username) || 'postgres',
  };
}

// Errors that mean "the server cannot be reached or dropped us", not "your SQL is wrong".
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006',
]);

function errorCode(err: unknown): string | undefined {
  const e = err instanceof AggregateError && err.errors.length ? err.errors[0] : err;
  return (e as { code?: string } | undefined)?.code;
}

function isConnectionError(err: unknown): boolean {
  const code = errorCode(err);
  if (code && CONNECTION_CODES.has(code)) return true;
  const message = err instanceof Error ? err.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message);
}

/** One line an operator can act on, for a failed connection attempt. */
export function connectionFailure(t: ServerTarget, err: unknown): LedeError {
  const code = errorCode(err);
  const at = `PostgreSQL at ${t.address}`;
  const detail = err instanceof AggregateError ? err.errors.map((e: Error) => e.message).join('; ') : (err as Error).message;
  const message =
    code === 'ECONNREFUSED' ? `cannot connect to ${at}: connection refused. Is the server running, and do the host and port in DATABASE_URL point to it?`
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `cannot connect to ${at}: host not found. Check the host name in DATABASE_URL.`
    : code === 'ETIMEDOUT' || /timeout/i.test(detail) ? `cannot connect to ${at}: timed out. Check the host, port and firewall.`
    : code === '28P01' ? `${at} refused the password for user "${t.user}". Check DATABASE_URL.`
    : code === '28000' ? `${at} does not let user "${t.user}" in: ${detail}`
    : code === '3D000' ? `database "${t.database}" does not exist on ${at}. Create it first (createdb ${t.database}).`
    : code === '57P03' ? `${at} is starting up or shutting down; try again in a moment.`
    : `cannot use ${at} (${t.location}): ${detail}`;
  return new LedeError('UNAVAILABLE', message, { reason: 'database_unavailable', cause: err });
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (format ?? 'text') === 'text' && TEXT_PARSERS[oid] ? TEXT_PARSERS[oid] : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A deadline passed: the server is reachable but silent (partition, stuck failover) or far too slow. */
export function deadlineFailure(t: ServerTarget, ms: number, what: string, cause?: unknown): LedeError {
  return new LedeError('UNAVAILABLE', `PostgreSQL at ${t.address} did not answer ${what} within ${ms} ms; the connection was dropped`, {
    reason: 'database_timeout',
    ...(cause !== undefined && { cause }),
  });
}

export interface ServerDatabaseOptions {
  maxConnections?: number;
  /** Deadline of a query outside a transaction (ms; 0 = none). */
  readTimeoutMs?: number;
  /** Deadline of a whole transaction and of `exec` (ms; 0 = none). */
  writeTimeoutMs?: number;
  warn: (message: string) => void;
}

export async function openServerDatabase(url: string, opts: ServerDatabaseOptions): Promise<Database> {
  const target = describeServerUrl(url);
  const readMs = opts.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const writeMs = opts.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: opts.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    application_name: 'lede',
    // Same session time zone as PGlite, so SQL date arithmetic matches on both
    // engines. (Timestamps come back in UTC whatever the zone: see type-parsers.)
    // statement_timeout is the server's half of the read deadline: a statement the
    // client gave up on stops there too instead of running on (transactions set their own).
    options: `-c TimeZone=UTC -c statement_timeout=${readMs}`,
  });
  // Idle connections can be dropped by the server (restart, failover); without a
  // listener the pool's 'error' event would end the process.
  pool.on('error', (err) => opts.warn(`lost an idle connection to PostgreSQL at ${target.address}: ${err.message}`));
  const db = new ServerDatabase(pool, target, { readMs, writeMs });
  try {
    const rows = await db.query<{ v: number }>("SELECT current_setting('server_version_num')::int AS v");
    const version = rows[0]?.v ?? 0;
    if (version < 130000) {
      throw new LedeError('UNAVAILABLE', `PostgreSQL at ${target.address} is version ${Math.floor(version / 10000)}; Lede needs 13 or newer`, { reason: 'database_unavailable' });
    }
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err instanceof LedeError ? err : connectionFailure(target, err);
  }
  return db;
}

const swallow = () => undefined;

interface ClientUse {
  /** The deadline's error once it passed: every later failure on the connection is reported as it. */
  expired(): LedeError | undefined;
  /** The connection is in an unknown state: close it instead of pooling it. */
  markBroken(): void;
}

/** Drops the connection at once: a silent server would answer neither a cancel nor a polite goodbye. */
function destroyConnection(client: pg.PoolClient): void {
  (client as unknown as pg.Client).connection?.stream?.destroy();
}

class ServerDatabase implements Database {
  readonly engine = 'postgres' as const;
  readonly location: string;
  extensions: readonly string[] = [];
  #closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly target: ServerTarget,
    private readonly deadlines: { readMs: number; writeMs: number },
  ) {
    this.location = target.location;
  }

  /** The pool's connections, for metrics (read by duck typing: the embedded engine has no pool): open, idle, callers waiting. */
  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  #check(what: string): void {
    if (this.#closed) throw new LedeError('UNAVAILABLE', `the connection pool to ${this.target.address} is closed`, { reason: 'database_closed' });
    assertOutsideTransaction(this, what);
  }

  #mapError(err: unknown): unknown {
    if (err instanceof LedeError) return err;
    // 57014: the server cancelled the statement (statement_timeout, our backstop).
    if (errorCode(err) === '57014') return deadlineFailure(this.target, this.deadlines.readMs, 'a statement', err);
    return isConnectionError(err) ? connectionFailure(this.target, err) : err;
  }

  /**
   * Runs `fn` on a pooled connection under a deadline counted from asking the pool
   * (a pool full of stuck connections counts too). When it passes, the caller gets
   * UNAVAILABLE/database_timeout at once and the connection is destroyed, not handed
   * back: the pool opens a fresh one for the next caller, and the server rolls back
   * whatever the connection had open when it notices.
   */
  async #withClient<T>(ms: number, what: string, fn: (client: pg.PoolClient, use: ClientUse) => Promise<T>): Promise<T> {
    let client: pg.PoolClient | undefined;
    let expired: LedeError | undefined;
    let timer: NodeJS.Timeout | undefined;
    const deadline = ms > 0
      ? new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          expired = deadlineFailure(this.target, ms, what);
          if (client) destroyConnection(client);
          reject(expired);
        }, ms);
      })
      : undefined;
    const work = (async () => {
      let c: pg.PoolClient;
      try {
        c = await this.pool.connect();
      } catch (err) {
        throw this.#mapError(err);
      }
      if (expired) {
        c.release(); // a late but healthy connection: back to the pool unused
        throw expired;
      }
      client = c;
      // A checked-out connection that dies (our destroy, a server restart) emits 'error';
      // unheard, that would end the process. The pending query rejects anyway.
      c.on('error', swallow);
      let broken = false;
      const use: ClientUse = { expired: () => expired, markBroken: () => (broken = true) };
      try {
        return await fn(c, use);
      } catch (err) {
        if (isConnectionError(err) || isConnectionError((err as { cause?: unknown }).cause)) broken = true;
        throw expired ?? err;
      } finally {
        c.removeListener('error', swallow);
        // true: the pool closes this connection instead of handing it out again.
        c.release(broken || expired !== undefined || undefined);
      }
    })();
    if (!deadline) return work;
    work.catch(swallow); // after the deadline its rejection has no listener
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /*
   * Hot reads (hot-reads.ts) go as named statements: each connection parses
   * and plans a statement once, and the server's plan cache skips planning
   * after a few runs. Planning a read of `stories` cost the server more than
   * running it, and the server shares the machine's cores with us. Only outside
   * a transaction; each connection keeps what it parsed.
   */
  readonly #hot = new HotReads();

  async #run<T>(client: pg.PoolClient, sql: string, params: unknown[] | undefined, use: ClientUse, name?: string): Promise<T[]> {
    try {
      const result = await (name ? client.query({ name, text: sql, values: params }) : client.query(sql, params));
      return result.rows as T[];
    } catch (err) {
      // A dropped or terminated connection must not go back to the pool.
      if (isConnectionError(err)) use.markBroken();
      throw use.expired() ?? this.#mapError(err);
    }
  }

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    this.#check('db.query()');
    const name = this.#hot.nameFor(sql)?.name;
    const run = (n?: string) => this.#withClient(this.deadlines.readMs, 'a query', (client, use) => this.#run<T>(client, sql, params, use, n));
    if (!name) return run();
    return run(name).catch((err) => {
      // A table changed under the named statement's plan (a migration while running): never name this text again.
      if (!isStalePlan(err)) throw err;
      this.#hot.forget(sql);
      return run();
    });
  }

  async exec(sql: string): Promise<void> {
    this.#check('db.exec()');
    const ms = this.deadlines.writeMs;
    await this.#withClient(ms, 'a script', async (client, use) => {
      try {
        // No parameters: the simple protocol runs every statement of the script.
        await this.#run(client, `SET statement_timeout = ${ms}; ${sql}`, undefined, use);
      } finally {
        // Back to the read deadline before the connection serves anyone else.
        if (!use.expired()) await client.query('RESET statement_timeout').catch(() => use.markBroken());
      }
    });
  }

  transaction<T>(fn: (tx: Transaction) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    this.#check('db.transaction()');
    const ms = Math.max(0, opts.timeoutMs ?? this.deadlines.writeMs);
    return inTransactionScope(this, () => this.#withClient(ms, 'a transaction', async (client, use) => {
      // BEGIN and the server's half of the deadline in one round trip. A partition can
      // leave the server holding this transaction's locks long after we dropped the
      // connection; idle_in_transaction_session_timeout ends it there too.
      await this.#run(client, `BEGIN; SET LOCAL statement_timeout = ${ms}; SET LOCAL idle_in_transaction_session_timeout = ${ms}`, undefined, use);
      try {
        const tx: Transaction = {
          query: <R = Record<string, unknown>>(sql: string, params?: unknown[]) => this.#run<R>(client, sql, params, use),
          exec: async (sql: string) => {
            await this.#run(client, sql, undefined, use);
          },
        };
        const result = await fn(tx);
        let commit: pg.QueryResult;
        try {
          commit = await client.query('COMMIT');
        } catch (err) {
          throw use.expired() ?? this.#mapError(err);
        }
        // After a failed statement (whose error the callback caught) PostgreSQL answers
        // COMMIT with ROLLBACK and no error. PGlite throws here; so do we: nothing was saved.
        if (commit.command === 'ROLLBACK') {
          throw new Error('the transaction was rolled back: a statement in it failed (and its error was caught), so nothing was saved');
        }
        return result;
      } catch (err) {
        // The connection is unusable when ROLLBACK fails: the pool discards it.
        if (!use.expired()) await client.query('ROLLBACK').catch(() => use.markBroken());
        throw err;
      }
    }));
  }

  async checkpoint(): Promise<void> {
    // The server checkpoints by itself.
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.pool.end();
  }
}
