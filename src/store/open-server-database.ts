import pg from 'pg';
import { LedeError } from '../content/index.js';
import { assertOutsideTransaction, inTransactionScope } from './transaction-scope.js';
import { TEXT_PARSERS } from './type-parsers.js';
import type { Database, Transaction } from './types.js';

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

export async function openServerDatabase(url: string, opts: { maxConnections?: number; warn: (message: string) => void }): Promise<Database> {
  const target = describeServerUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: opts.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    application_name: 'lede',
    // Same session time zone as PGlite, so SQL date arithmetic matches on both
    // engines. (Timestamps come back in UTC whatever the zone: see type-parsers.)
    options: '-c TimeZone=UTC',
  });
  // Idle connections can be dropped by the server (restart, failover); without a
  // listener the pool's 'error' event would end the process.
  pool.on('error', (err) => opts.warn(`lost an idle connection to PostgreSQL at ${target.address}: ${err.message}`));
  try {
    const rows = await pool.query<{ v: number }>("SELECT current_setting('server_version_num')::int AS v");
    const version = rows.rows[0]?.v ?? 0;
    if (version < 130000) {
      throw new LedeError('UNAVAILABLE', `PostgreSQL at ${target.address} is version ${Math.floor(version / 10000)}; Lede needs 13 or newer`, { reason: 'database_unavailable' });
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err instanceof LedeError ? err : connectionFailure(target, err);
  }
  return new ServerDatabase(pool, target);
}

class ServerDatabase implements Database {
  readonly engine = 'postgres' as const;
  readonly location: string;
  extensions: readonly string[] = [];
  #closed = false;

  constructor(private readonly pool: pg.Pool, private readonly target: ServerTarget) {
    this.location = target.location;
  }

  #check(what: string): void {
    if (this.#closed) throw new LedeError('UNAVAILABLE', `the connection pool to ${this.target.address} is closed`, { reason: 'database_closed' });
    assertOutsideTransaction(this, what);
  }

  #mapError(err: unknown): unknown {
    return isConnectionError(err) ? connectionFailure(this.target, err) : err;
  }

  async #run<T>(client: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]): Promise<T[]> {
    try {
      const result = await client.query(sql, params);
      return result.rows as T[];
    } catch (err) {
      throw this.#mapError(err);
    }
  }

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    this.#check('db.query()');
    return this.#run<T>(this.pool, sql, params);
  }

  async exec(sql: string): Promise<void> {
    this.#check('db.exec()');
    await this.#run(this.pool, sql); // no parameters: the simple protocol runs every statement
  }

  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    this.#check('db.transaction()');
    return inTransactionScope(this, async () => {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (err) {
        throw this.#mapError(err);
      }
      let broken: Error | undefined;
      try {
        await this.#run(client, 'BEGIN');
        const tx: Transaction = {
          query: <R = Record<string, unknown>>(sql: string, params?: unknown[]) => this.#run<R>(client, sql, params),
          exec: async (sql: string) => {
            await this.#run(client, sql);
          },
        };
        const result = await fn(tx);
        let commit: pg.QueryResult;
        try {
          commit = await client.query('COMMIT');
        } catch (err) {
          throw this.#mapError(err);
        }
        // After a failed statement (whose error the callback caught) PostgreSQL answers
        // COMMIT with ROLLBACK and no error. PGlite throws here; so do we: nothing was saved.
        if (commit.command === 'ROLLBACK') {
          throw new Error('the transaction was rolled back: a statement in it failed (and its error was caught), so nothing was saved');
        }
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error; // the connection is unusable: the pool discards it
        }
        throw err;
      } finally {
        client.release(broken);
      }
    });
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
