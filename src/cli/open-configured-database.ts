import { EventBus } from '../events/event-bus.js';
import { startEventRelay } from '../events/event-relay.js';
import { openDatabase, type Database } from '../store/index.js';
import { loadConfig, type Config } from '../server/config.js';

/** Opens the database the environment points at: PostgreSQL when DATABASE_URL is set, else the embedded data directory. */
export async function openConfiguredDatabase(config: Config = loadConfig(), opts: { migrate?: boolean } = {}): Promise<Database> {
  return openDatabase({
    migrate: opts.migrate ?? true,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }),
    checkpointIntervalMs: config.checkpointIntervalMs,
    ...(config.dbPool !== undefined && { maxConnections: config.dbPool }),
    ...(config.dbReadTimeoutMs !== undefined && { readTimeoutMs: config.dbReadTimeoutMs }),
    ...(config.dbWriteTimeoutMs !== undefined && { writeTimeoutMs: config.dbWriteTimeoutMs }),
  });
}

/**
 * For commands that change stories: the database plus an event bus whose
 * events reach running `lede serve` nodes on PostgreSQL (send-only relay), so
 * their cached pages are purged at once. On the embedded engine no server can
 * run at the same time (the data directory is locked), so nothing is sent.
 */
export async function openForWriting(config: Config = loadConfig()): Promise<{ db: Database; events: EventBus; close(): Promise<void> }> {
  const db = await openConfiguredDatabase(config);
  const events = new EventBus();
  const relay = await startEventRelay({ db, databaseUrl: config.databaseUrl, bus: events, purgeAll: () => undefined, listen: false });
  return { db, events, close: async () => { await relay.close(); await db.close(); } };
}
