import { LedeError } from '../content/index.js';
import { ensureExtensions } from './ensure-extensions.js';
import { migrate } from './migrate.js';
import { openEmbeddedDatabase } from './open-embedded-database.js';
import { openServerDatabase } from './open-server-database.js';
import type { Database, OpenOptions } from './types.js';

function stderrWarning(message: string): void {
  process.stderr.write(`lede: warning: ${message}\n`);
}

/**
 * Opens the database: PostgreSQL when `databaseUrl` is set, else the embedded
 * PGlite database in `dataDir`. Installs the optional extensions it can and
 * applies pending migrations (unless `migrate: false`).
 *
 * Every failure an operator can cause or fix (bad URL, server down, wrong
 * password, unwritable or locked data directory) is a LedeError with a one-line
 * message naming the host or directory: UNAVAILABLE or DATA_DIR_LOCKED.
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const warn = opts.onWarning ?? stderrWarning;
  let db: Database;
  if (opts.databaseUrl) {
    db = await openServerDatabase(opts.databaseUrl, {
      ...(opts.maxConnections && { maxConnections: opts.maxConnections }),
      ...(opts.readTimeoutMs !== undefined && { readTimeoutMs: opts.readTimeoutMs }),
      ...(opts.writeTimeoutMs !== undefined && { writeTimeoutMs: opts.writeTimeoutMs }),
      warn,
    });
  } else if (opts.dataDir) {
    db = await openEmbeddedDatabase(opts.dataDir, {
      policy: {
        ...(opts.checkpointIntervalMs !== undefined && { intervalMs: opts.checkpointIntervalMs }),
        ...(opts.checkpointWalBytes !== undefined && { walBytes: opts.checkpointWalBytes }),
      },
      warn,
    });
  } else {
    throw new LedeError('CONFIG', 'no database configured: set DATABASE_URL (PostgreSQL) or LEDE_DATA_DIR (embedded)', { reason: 'bad_config' });
  }
  try {
    const where = db.engine === 'pglite' ? `embedded database in ${db.location}` : `PostgreSQL ${db.location}`;
    (db as { extensions: readonly string[] }).extensions = await ensureExtensions(db, where, warn);
    if (opts.migrate !== false) await migrate(db, { onWarning: warn });
    if (db.engine === 'pglite') await analyzeIfNeverAnalyzed(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}

/**
 * PGlite has no autovacuum: a data directory filled by an older version, or
 * closed before the first timed ANALYZE, may have no planner statistics at all
 * (reltuples = -1). Gather them once at open; ANALYZE samples, so it is quick.
 */
async function analyzeIfNeverAnalyzed(db: Database): Promise<void> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
      WHERE ns.nspname = 'public' AND c.relkind = 'r' AND c.reltuples < 0`,
  );
  if ((rows[0]?.n ?? 0) > 0) await db.exec('ANALYZE');
}
