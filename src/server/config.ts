import path from 'node:path';
import { LedeError } from '../content/index.js';
import type { MediaStorageConfig } from '../storage/configured-storage.js';
import { DEFAULT_MAX_RENDERS } from '../site/render-gate.js';
import { websubHubs } from '../services/websub.js';

export interface Config {
  port: number;
  host: string;
  /** Embedded data directory (used when databaseUrl is unset). */
  dataDir: string;
  /** PostgreSQL server mode when set. */
  databaseUrl?: string;
  siteName: string;
  /** Public origin for canonical URLs, e.g. https://www.example.org (no trailing slash). */
  siteUrl: string;
  /** How often the embedded database checkpoints, in ms. */
  checkpointIntervalMs: number;
  /** Slow clients: all headers within this, ms (LEDE_HEADERS_TIMEOUT_MS, default 10000). */
  headersTimeoutMs?: number;
  /** Slow clients: the whole request, body included, within this, ms (LEDE_REQUEST_TIMEOUT_MS, default 300000: a 50 MB upload on a slow line). */
  requestTimeoutMs?: number;
  /** Slow clients: a connection with no traffic for this long is closed, ms (LEDE_IDLE_TIMEOUT_MS, default 30000). */
  idleTimeoutMs?: number;
  /**
   * Reverse proxies in front of the app whose X-Forwarded-Proto / X-Forwarded-For
   * are trusted (LEDE_TRUST_PROXY: a count; 1/true/yes = one, 0/false/no or unset = none).
   * The client's address is the one the outermost of them saw (src/http/context.ts clientIp).
   */
  trustProxy?: boolean | number;
  /** Refuse to publish a story with a media library picture that has no credit line (LEDE_REQUIRE_IMAGE_CREDIT, default on; 0 turns it off). */
  requireImageCredit: boolean;
  /** Where media files live: the data directory (default) or an S3-compatible bucket (LEDE_MEDIA_STORAGE=s3). */
  mediaStorage?: MediaStorageConfig;
  /** Reader pages rendered at once (LEDE_MAX_RENDERS, default: the cores, 2 to 8); the rest of the database stays free for the newsroom. */
  maxRenders?: number;
  /** Renders that may wait for a slot (LEDE_RENDER_QUEUE, default 256); beyond, 503 with Retry-After (or an old copy). */
  renderQueue?: number;
  /** Longest a render waits for a slot, ms (LEDE_RENDER_WAIT_MS, default 5000). */
  renderWaitMs?: number;
  /** Memory for the page cache, MB: bodies, keys and headers (LEDE_PAGE_CACHE_MB, default 64). */
  pageCacheMb?: number;
  /** PostgreSQL: deadline of a query outside a transaction, ms (LEDE_DB_READ_TIMEOUT_MS, default 2000; 0 = none). */
  dbReadTimeoutMs?: number;
  /** PostgreSQL: deadline of a whole transaction, ms (LEDE_DB_WRITE_TIMEOUT_MS, default 5000; 0 = none). */
  dbWriteTimeoutMs?: number;
  /** PostgreSQL: connections in this process's pool (LEDE_DB_POOL, 1 to 1000; default 10, fewer per worker when there are many). */
  dbPool?: number;
  /** The request log on stdout (LEDE_LOG: off, info or debug; default info). */
  log?: LogLevel;
  /** Turns /metrics on and is the bearer token it asks for (LEDE_METRICS_TOKEN; unset = no /metrics). */
  metricsToken?: string;
  /**
   * Worker processes of `lede serve` (LEDE_WORKERS, 1 to 256; unset = one per
   * core on PostgreSQL). The embedded database allows one process only.
   */
  workers?: number;
  /** Wire sources for headless setups (LEDE_WIRE_SOURCES, a JSON array): passed on as is; services.wire.configureFromEnv checks and saves it. */
  wireSources?: string;
  /** WebSub hubs the feeds announce and Lede pings when a feed changes (LEDE_WEBSUB_HUB, comma-separated URLs; unset = none). */
  websubHubs?: string[];
}

// The storage layer owns the shape of its configuration; read from the environment here.
export type { MediaStorageConfig } from '../storage/configured-storage.js';

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new LedeError('CONFIG', `${name} must be a whole number from ${min} to ${max}, got "${raw}"`, { reason: 'bad_config' });
  }
  return n;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/.test(raw)) return true;
  if (/^(0|false|no|off)$/.test(raw)) return false;
  throw new LedeError('CONFIG', `${name} must be 1 or 0 (on or off), got "${env[name]}"`, { reason: 'bad_config' });
}

/** LEDE_TRUST_PROXY: how many reverse proxies stand in front of the app (0 to 10); true/yes/on mean one. */
function proxyHops(env: NodeJS.ProcessEnv): number {
  const raw = env.LEDE_TRUST_PROXY?.trim().toLowerCase();
  if (raw === undefined || raw === '' || /^(false|no|off)$/.test(raw)) return 0;
  if (/^(true|yes|on)$/.test(raw)) return 1;
  if (/^\d{1,2}$/.test(raw) && Number(raw) <= 10) return Number(raw);
  throw new LedeError('CONFIG', `LEDE_TRUST_PROXY must be the number of reverse proxies in front of Lede (0 to 10; 1 or true for one), got "${env.LEDE_TRUST_PROXY}"`, { reason: 'bad_config' });
}

/** LEDE_MEDIA_STORAGE and, for `s3`, the LEDE_S3_* variables; every missing or malformed one is named. */
function mediaStorage(env: NodeJS.ProcessEnv): MediaStorageConfig {
  const kind = (env.LEDE_MEDIA_STORAGE ?? '').trim().toLowerCase() || 'disk';
  if (kind === 'disk') return { kind: 'disk' };
  if (kind !== 's3') throw new LedeError('CONFIG', `LEDE_MEDIA_STORAGE must be disk or s3, got "${env.LEDE_MEDIA_STORAGE}"`, { reason: 'bad_config' });
  const need = ['LEDE_S3_ENDPOINT', 'LEDE_S3_BUCKET', 'LEDE_S3_ACCESS_KEY_ID', 'LEDE_S3_SECRET_ACCESS_KEY'] as const;
  const missing = need.filter((n) => !env[n]?.trim());
  if (missing.length) throw new LedeError('CONFIG', `LEDE_MEDIA_STORAGE=s3 needs ${missing.join(', ')}`, { reason: 'bad_config' });
  const endpoint = env.LEDE_S3_ENDPOINT!.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new LedeError('CONFIG', `LEDE_S3_ENDPOINT must be an http(s) URL such as https://s3.eu-central-1.amazonaws.com, got "${endpoint}"`, { reason: 'bad_config' });
  }
  if (url.username || url.password) throw new LedeError('CONFIG', 'LEDE_S3_ENDPOINT must not carry credentials; use LEDE_S3_ACCESS_KEY_ID and LEDE_S3_SECRET_ACCESS_KEY', { reason: 'bad_config' });
  const bucket = env.LEDE_S3_BUCKET!.trim();
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new LedeError('CONFIG', `LEDE_S3_BUCKET must be a bucket name (3–63 lower-case letters, digits, dots, hyphens), got "${bucket}"`, { reason: 'bad_config' });
  }
  let prefix = env.LEDE_S3_PREFIX?.trim().replace(/^\/+/, '') || undefined;
  if (prefix && !prefix.endsWith('/')) prefix += '/';
  if (prefix && !/^[A-Za-z0-9._\-/]+$/.test(prefix)) throw new LedeError('CONFIG', `LEDE_S3_PREFIX may hold letters, digits, '.', '_', '-' and '/', got "${env.LEDE_S3_PREFIX}"`, { reason: 'bad_config' });
  return {
    kind: 's3',
    endpoint,
    region: env.LEDE_S3_REGION?.trim() || 'us-east-1',
    bucket,
    accessKeyId: env.LEDE_S3_ACCESS_KEY_ID!.trim(),
    secretAccessKey: env.LEDE_S3_SECRET_ACCESS_KEY!.trim(),
    ...(prefix && { prefix }),
    pathStyle: flag(env, 'LEDE_S3_PATH_STYLE', true),
  };
}

/** The HTTP server's deadlines for slow clients (src/server/http-server.ts); headers must be due before the whole request. */
function httpTimeouts(env: NodeJS.ProcessEnv): Pick<Config, 'headersTimeoutMs' | 'requestTimeoutMs' | 'idleTimeoutMs'> {
  const headersTimeoutMs = int(env, 'LEDE_HEADERS_TIMEOUT_MS', 10000, 100, 600000);
  const requestTimeoutMs = int(env, 'LEDE_REQUEST_TIMEOUT_MS', 300000, 100, 3600000);
  const idleTimeoutMs = int(env, 'LEDE_IDLE_TIMEOUT_MS', 30000, 100, 3600000);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new LedeError('CONFIG', `LEDE_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not be longer than LEDE_REQUEST_TIMEOUT_MS (${requestTimeoutMs})`, { reason: 'bad_config' });
  }
  return { headersTimeoutMs, requestTimeoutMs, idleTimeoutMs };
}

/** Reads and checks the environment once at start; a bad value stops the process with one clear line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env, 'PORT', 3000, 1, 65535);
  const host = env.HOST || '0.0.0.0';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new LedeError('CONFIG', `DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}"`, { reason: 'bad_config' });
  }
  const siteUrl = (env.LEDE_SITE_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    const u = new URL(siteUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new LedeError('CONFIG', `LEDE_SITE_URL must be an http(s) URL such as https://news.example.org, got "${siteUrl}"`, { reason: 'bad_config' });
  }
  const hubs = websubHubs(env);
  return {
    port,
    host,
    dataDir: path.resolve(env.LEDE_DATA_DIR || './data'),
    ...(databaseUrl && { databaseUrl }),
    siteName: env.LEDE_SITE_NAME || 'Lede Nachrichten',
    siteUrl,
    checkpointIntervalMs: int(env, 'LEDE_CHECKPOINT_INTERVAL_MS', 30000, 0, 3600000),
    ...httpTimeouts(env),
    trustProxy: proxyHops(env),
    requireImageCredit: flag(env, 'LEDE_REQUIRE_IMAGE_CREDIT', true),
    mediaStorage: mediaStorage(env),
    maxRenders: int(env, 'LEDE_MAX_RENDERS', DEFAULT_MAX_RENDERS, 1, 1000),
    renderQueue: int(env, 'LEDE_RENDER_QUEUE', 256, 0, 100000),
    renderWaitMs: int(env, 'LEDE_RENDER_WAIT_MS', 5000, 0, 600000),
    pageCacheMb: int(env, 'LEDE_PAGE_CACHE_MB', 64, 1, 65536),
    dbReadTimeoutMs: int(env, 'LEDE_DB_READ_TIMEOUT_MS', 2000, 0, 600000),
    dbWriteTimeoutMs: int(env, 'LEDE_DB_WRITE_TIMEOUT_MS', 5000, 0, 600000),
    ...(env.LEDE_DB_POOL?.trim() && { dbPool: int(env, 'LEDE_DB_POOL', 10, 1, 1000) }),
    log: logLevel(env),
    ...metricsToken(env),
    ...workers(env),
    ...(env.LEDE_WIRE_SOURCES?.trim() && { wireSources: env.LEDE_WIRE_SOURCES }),
    ...(hubs.length && { websubHubs: hubs }),
  };
}

/** LEDE_LOG: `off`, `info` (one line per request; the default of `lede serve`) or `debug` (also the names of query parameters). */
export type LogLevel = 'off' | 'info' | 'debug';
const LOG_LEVELS: readonly LogLevel[] = ['off', 'info', 'debug'];

function logLevel(env: NodeJS.ProcessEnv): LogLevel {
  const raw = (env.LEDE_LOG ?? '').trim().toLowerCase() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new LedeError('CONFIG', `LEDE_LOG must be off, info or debug, got "${env.LEDE_LOG}"`, { reason: 'bad_config' });
  return raw as LogLevel;
}

/** A guessable token would open the metrics to anyone: at least 16 characters, no spaces. */
function metricsToken(env: NodeJS.ProcessEnv): { metricsToken?: string } {
  const raw = env.LEDE_METRICS_TOKEN;
  if (raw === undefined || raw === '') return {};
  if (raw.length < 16 || /\s/.test(raw)) throw new LedeError('CONFIG', `LEDE_METRICS_TOKEN must be at least 16 characters without spaces (got ${raw.length} characters)`, { reason: 'bad_config' });
  return { metricsToken: raw };
}

/** LEDE_WORKERS: how many processes serve (each with its own page cache); unset leaves the choice to `lede serve`. */
function workers(env: NodeJS.ProcessEnv): { workers?: number } {
  const raw = env.LEDE_WORKERS?.trim();
  if (raw === undefined || raw === '') return {};
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 256) {
    throw new LedeError('CONFIG', `LEDE_WORKERS must be a whole number from 1 to 256 (the processes that serve; unset = one per core), got "${env.LEDE_WORKERS}"`, { reason: 'bad_config' });
  }
  return { workers: Number(raw) };
}
