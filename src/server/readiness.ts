import { pendingMigrations, pingDatabase, type Database } from '../store/index.js';
import type { EventRelay } from '../events/event-relay.js';

/**
 * Readiness (`/readyz`): may this node take traffic now? Liveness (`/healthz`)
 * only says the process answers; a load balancer or orchestrator should route
 * by readiness, which asks the database every time:
 *
 *  - database: `SELECT 1` answers within a short deadline;
 *  - migrations: none of this version's migrations is missing from the schema;
 *  - events: the relay is LISTENing for other nodes' changes (PostgreSQL; on the
 *    embedded engine there is nothing to relay, which counts as ready).
 */
export interface ReadinessReport {
  ready: boolean;
  /** One entry per check: "ok", or what is wrong in a few words. */
  checks: Record<'database' | 'migrations' | 'events', string>;
}

export interface ReadinessOptions {
  db: Pick<Database, 'query'>;
  /** The node's event relay; without one (tests, tools) there is nothing to wait for. */
  relay?: Pick<EventRelay, 'active' | 'listening'> | undefined;
  /** How long the database may take to answer a check, in ms (default 1000). */
  timeoutMs?: number;
}

export const DEFAULT_READY_TIMEOUT_MS = 1000;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** `work` or, after `ms`, a rejection naming the deadline (the store's own deadline then tidies the connection up). */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => undefined); // once late, its own failure is nobody's business
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export async function checkReadiness(opts: ReadinessOptions): Promise<ReadinessReport> {
  const ms = opts.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const [database, migrations] = await Promise.all([
    within(ms, pingDatabase(opts.db)).then(() => 'ok', (err: unknown) => `not answering: ${message(err)}`),
    within(ms, pendingMigrations(opts.db)).then(
      (pending) => (pending.length ? `pending: ${pending.join(', ')}` : 'ok'),
      (err: unknown) => `cannot tell: ${message(err)}`,
    ),
  ]);
  const relay = opts.relay;
  const events = !relay || !relay.active ? 'ok' : relay.listening ? 'ok' : 'not listening for other nodes\' changes';
  const checks = { database, migrations, events };
  return { ready: Object.values(checks).every((v) => v === 'ok'), checks };
}
