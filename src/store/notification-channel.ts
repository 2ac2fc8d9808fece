import pg from 'pg';
import type { Database } from './types.js';

/**
 * PostgreSQL's NOTIFY/LISTEN, as the event relay (src/events) uses it to carry
 * domain events between app nodes. Kept here with the rest of our SQL: the
 * relay decides what to send and when to reconnect; this file knows how.
 */

/** Sends `payload` on `channel` through the ordinary pool (delivered after the sender's transaction, if any, commits). */
export async function notify(db: Pick<Database, 'query'>, channel: string, payload: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [channel, payload]);
}

/** A dedicated connection LISTENing on one channel. */
export interface ChannelListener {
  /** The server's process id of the connection (diagnostics, tests). */
  readonly pid: number;
  /** One round trip; rejects when the connection is dead (or `timeoutMs` passes without an answer). */
  ping(timeoutMs: number): Promise<void>;
  /** Closes the connection; never throws. */
  end(): Promise<void>;
}

export interface ListenOptions {
  /** The server URL with credentials (not a pooled connection: the pool would hand it back and drop the LISTEN). */
  url: string;
  /** A lower-case SQL identifier. */
  channel: string;
  onMessage(payload: string): void;
  /** Called once when an established connection is lost (never for a failed setup, which rejects instead). */
  onLost(reason: string): void;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Connects, LISTENs and reports the connection's pid; rejects when any of that fails. */
export async function listenOn(opts: ListenOptions): Promise<ChannelListener> {
  const client = new pg.Client({
    connectionString: opts.url,
    application_name: 'lede-events',
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  let ready = false;
  let lost = false;
  const lose = (reason: string) => {
    if (lost) return;
    lost = true;
    if (ready) opts.onLost(reason);
  };
  // Without an 'error' listener a dropped connection would end the process.
  client.on('error', (err) => lose(message(err)));
  client.on('end', () => lose('connection closed'));
  client.on('notification', (n) => {
    if (n.channel === opts.channel) opts.onMessage(n.payload ?? '');
  });
  let pid: number;
  try {
    await client.connect();
    await client.query(`LISTEN ${client.escapeIdentifier(opts.channel)}`);
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    pid = rows[0]!.pid;
  } catch (err) {
    lost = true;
    client.end().catch(() => undefined);
    throw err;
  }
  if (lost) throw new Error('the connection closed while it was being set up');
  ready = true;
  return {
    pid,
    async ping(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([client.query('SELECT 1'), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    end: () => client.end().catch(() => undefined),
  };
}
