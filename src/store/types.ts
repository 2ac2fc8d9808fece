import type { Figure, StoryKind, StoryStatus } from '../content/index.js';

/** Anything that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export type Engine = 'pglite' | 'postgres';

export interface Database extends Queryable {
  readonly engine: Engine;
  /** Where the data lives: the embedded data directory, or the server URL without password. */
  readonly location: string;
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Flushes (checkpoint on the embedded engine), releases the data-directory lock, closes. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL server mode when set (postgres://…). */
  databaseUrl?: string;
  /** Embedded mode: the data directory (created when missing). */
  dataDir?: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** Embedded mode: how often to CHECKPOINT (default 30 s; 0 disables the timer). */
  checkpointIntervalMs?: number;
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
  limit: number;
  before?: PageCursor;
  excludeId?: string;
}
