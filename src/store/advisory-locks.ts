import pg from 'pg';

/**
 * Named, cluster-wide locks on PostgreSQL: session-level advisory locks held
 * on one connection of their own (not from the pool, which would hand the
 * connection back with the lock still on it). When the node dies or its
 * connection drops, the server lets go of its locks, so another node takes
 * over; `holds` proves the connection (and so the lock) is still there with
 * one round trip.
 *
 * Names are hashed into the lock's second key (hashtext); the first is a
 * constant that keeps these apart from other advisory locks (migrations use
 * the one-key form). Two names with the same hash share a lock, which at worst
 * makes one node poll both sources.
 */
export interface AdvisoryLocks {
  /** True when `owner` holds (or now took) the lock `name`; false while another session or owner holds it. */
  tryLock(name: string, owner: object): Promise<boolean>;
  /** True while `owner` holds `name` and the connection answers. */
  holds(name: string, owner: object): Promise<boolean>;
  unlock(name: string, owner: object): Promise<void>;
  /** Ends the connection (and with it every lock it held). */
  close(): Promise<void>;
}

const NAMESPACE = 0x57495245; // "WIRE"

export interface AdvisoryLockOptions {
  /** The server URL with credentials. */
  url: string;
  /** Deadline of each lock query, ms (default 5 s). */
  timeoutMs?: number;
  /** One line when the connection is lost; default stderr. */
  log?: (line: string) => void;
}

export function advisoryLocks(opts: AdvisoryLockOptions): AdvisoryLocks {
  const held = new Map<string, object>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const timeoutMs = opts.timeoutMs ?? 5_000;

  const lose = (c: pg.Client, why: string) => {
    if (client !== c) return;
    client = undefined;
    if (held.size) log(`poll locks: the lock connection was lost (${why}); ${held.size} source(s) may now be polled by another node`);
    held.clear();
    c.end().catch(() => undefined);
  };

  const connect = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: opts.url, application_name: 'lede-wire-locks', connectionTimeoutMillis: timeoutMs, keepAlive: true });
      // Without an 'error' listener a dropped connection would end the process.
      c.on('error', (err) => lose(c, err.message));
      c.on('end', () => lose(c, 'connection closed'));
      try {
        await c.connect();
      } catch (err) {
        c.end().catch(() => undefined);
        throw err;
      }
      if (closed) {
        await c.end().catch(() => undefined);
        throw new Error('the poll locks are closed');
      }
      client = c;
      return c;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  const query = async <T extends pg.QueryResultRow>(c: pg.Client, sql: string, params: unknown[]): Promise<T[]> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`PostgreSQL did not answer a lock query within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return (await Promise.race([c.query<T>(sql, params), deadline])).rows;
    } catch (err) {
      // A connection in an unknown state cannot vouch for its locks: drop it (the server releases them).
      lose(c, err instanceof Error ? err.message : String(err));
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async tryLock(name, owner) {
      const current = held.get(name);
      if (current) return current === owner;
      const c = await connect();
      const rows = await query<{ ok: boolean }>(c, 'SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS ok', [NAMESPACE, name]);
      if (!rows[0]?.ok) return false;
      // Two owners in this process raced for the same name: the second keeps nothing (and the session's count stays at one).
      if (held.has(name)) {
        await query(c, 'SELECT pg_advisory_unlock($1::int, hashtext($2))', [NAMESPACE, name]);
        return held.get(name) === owner;
      }
      held.set(name, owner);
      return true;
    },
    async holds(name, owner) {
      if (held.get(name) !== owner || !client) return false;
      try {
        await query(client, 'SELECT 1', []);
      } catch {
        return false;
      }
      return held.get(name) === owner;
    },
    async unlock(name, owner) {
      if (held.get(name) !== owner) return;
      held.delete(name);
      if (client) await query(client, 'SELECT pg_advisory_unlock($1::int, hashtext($2))', [NAMESPACE, name]).catch(() => undefined);
    },
    async close() {
      closed = true;
      held.clear();
      const c = client;
      client = undefined;
      await connecting?.catch(() => undefined);
      await c?.end().catch(() => undefined);
    },
  };
}
