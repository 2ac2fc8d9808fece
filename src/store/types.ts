import type { Figure, StoryKind, StoryStatus } from '../content/index.js';

/**
 * Anything that runs SQL: the database itself or an open transaction.
 *
 * Values come back the same on both engines:
 *  - timestamptz → ISO 8601 string in UTC, microseconds kept ("2022-01-21T12:00:00.123456Z");
 *    timestamp → the same without "Z"; date → "2022-01-21". Strings, not Date objects,
 *    because a Date would drop microseconds and keyset cursors must round-trip exactly;
 *  - jsonb/json → parsed objects; int8 (count(*)) → number (string beyond 2^53);
 *    numeric → string; arrays → JS arrays.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** An open transaction. `exec` runs a script of several statements (migrations). */
export interface Transaction extends Queryable {
  exec(sql: string): Promise<void>;
}

export type Engine = 'pglite' | 'postgres';

export interface Database extends Queryable {
  readonly engine: Engine;
  /** Where the data lives: the embedded data directory, or the server URL without password. */
  readonly location: string;
  /** Optional extensions that are installed (pg_trgm, unaccent); search may use them when present. */
  readonly extensions: readonly string[];
  /**
   * Runs `fn` in one transaction; commits when it resolves, rolls back when it throws.
   * On PostgreSQL the whole transaction has the write deadline (`timeoutMs`, default the
   * database's; 0 = none, for migrations and bulk work), outside queries the read deadline.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  /** Runs a script of several statements outside a transaction. */
  exec(sql: string): Promise<void>;
  /** Embedded engine: CHECKPOINT now (bounds the WAL and crash-recovery time). Server: no-op. */
  checkpoint(): Promise<void>;
  /** Flushes (checkpoint on the embedded engine), releases the data-directory lock, closes. */
  close(): Promise<void>;
}

export interface TransactionOptions {
  /** Deadline for the whole transaction in ms (PostgreSQL); 0 = none. Default: the database's write deadline. */
  timeoutMs?: number;
}

/** Deadlines for PostgreSQL (LEDE_DB_READ_TIMEOUT_MS, LEDE_DB_WRITE_TIMEOUT_MS). */
export const DEFAULT_READ_TIMEOUT_MS = 2000;
export const DEFAULT_WRITE_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /** PostgreSQL server mode when set (postgres://…). */
  databaseUrl?: string;
  /** Embedded mode: the data directory (created when missing). */
  dataDir?: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** Embedded mode: how often to CHECKPOINT (default 30 s; 0 disables the timer). */
  checkpointIntervalMs?: number;
  /** Embedded mode: CHECKPOINT once this much WAL was written since the last one (default 16 MiB; 0 disables). */
  checkpointWalBytes?: number;
  /** Server mode: connection pool size (default 10). */
  maxConnections?: number;
  /**
   * Server mode: how long a query outside a transaction may take, in ms, from asking the
   * pool for a connection to the last row (default 2000; 0 = no deadline). A server that
   * stops answering then gives UNAVAILABLE (reason database_timeout) instead of a hang.
   */
  readTimeoutMs?: number;
  /** Server mode: the same for a whole transaction and for `exec` (default 5000; 0 = none). */
  writeTimeoutMs?: number;
  /** Where warnings go (missing extension, unknown migrations); default: one line on stderr. */
  onWarning?: (message: string) => void;
}

/** What lists, rails and teasers need of a story, without its body. */
export interface StorySummary {
  id: string;
  slug: string;
  kind: StoryKind;
  status: StoryStatus;
  language: string;
  section: string;
  sectionSlug: string;
  topics: string[];
  kicker?: string;
  headline: string;
  teaser?: string;
  lead?: Figure;
  /** As the story states it (with its offset); usable as a keyset cursor as is. */
  firstPublishedAt?: string;
  durationSeconds?: number;
}

/** Keyset cursor for deep pagination: the last row's publish time and id. */
export interface PageCursor {
  publishedAt: string;
  id: string;
}

export interface ListOptions {
  sectionSlug?: string;
  topic?: string;
  /** Stories by this author (slug of the author's name). */
  authorSlug?: string;
  limit: number;
  before?: PageCursor;
  excludeId?: string;
}
