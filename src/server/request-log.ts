import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import { pino, type DestinationStream, type Logger } from 'pino';
import { matchPageRoute as siteRoute } from '../site/page-cache.js';
import type { AppMetrics } from './metrics.js';
import type { LogLevel } from './config.js';


/**
 * The operator's log: JSON lines (pino) on stdout, or on `destination`
 * (tests). Writes are buffered off the request path; call flush() before the
 * process exits. Undefined for `off`.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger | undefined {
  if (level === 'off') return undefined;
  return pino({
    level,
    // Level as a word and the time as ISO 8601: readable by people and by log shippers alike.
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  }, destination ?? pino.destination({ dest: 1, sync: false }));
}

/** What parts of the app tell about the request they answer (the newsroom: its route pattern and the user). */
interface RequestNote {
  route?: string;
  userId?: string;
}

const current = new AsyncLocalStorage<RequestNote>();

/** Adds to the note of the request being answered (no-op outside an observed request). */
export function noteRequest(note: RequestNote): void {
  const n = current.getStore();
  if (n) Object.assign(n, note);
}

type Area = 'reader' | 'newsroom' | 'media' | 'other';

function areaOf(path: string): Area {
  if (path === '/newsroom' || path.startsWith('/newsroom/')) return 'newsroom';
  if (path.startsWith('/media/')) return 'media';
  if (path === '/metrics') return 'other';
  return 'reader';
}

/** A request's route pattern (never the raw path: a bounded set of label values). */
function routeOf(area: Area, path: string, noted: string | undefined): string {
  if (area === 'newsroom') return noted && noted !== '*' && noted !== '/*' ? noted : 'unmatched';
  if (area === 'media') return '/media/:assetId/:file';
  if (area === 'other') return path;
  return siteRoute(path)?.route.path ?? 'unmatched';
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Every X-Cache the page cache answers with (page-cache.ts), the load-shedding ones included. */
const CACHE_RESULTS = new Set(['HIT', 'MISS', 'STALE', 'STALE-IF-ERROR', 'STALE-IF-BUSY', 'SHED']);
/** Long enough for any real path; junk URLs do not blow up the log. */
const MAX_LOGGED_PATH = 512;

export interface ObserveOptions {
  logger?: Logger | undefined;
  metrics?: AppMetrics | undefined;
}

/**
 * The outermost middleware: one log line and the request metrics per answer.
 * Logged: method, path (never the query: it may carry tokens), status,
 * duration in ms (until the response headers; a streamed body may take
 * longer), the page cache's X-Cache, the route pattern, and for the
 * newsroom the user's id. Never cookies, headers, bodies or query values.
 */
export function observeRequests(opts: ObserveOptions): MiddlewareHandler {
  const { logger } = opts;
  return async (c, next) => {
    const started = performance.now();
    const note: RequestNote = {};
    await current.run(note, next);
    const seconds = (performance.now() - started) / 1000;
    const path = c.req.path;
    const area = areaOf(path);
    const xCache = c.res.headers.get('x-cache') ?? undefined;
    const line = record(opts, {
      method: c.req.method, path, area, route: routeOf(area, path, note.route), status: c.res.status, seconds,
      cache: xCache && CACHE_RESULTS.has(xCache) ? xCache : undefined,
    });
    if (line) {
      if (note.userId) line.user = note.userId;
      if (logger!.isLevelEnabled('debug')) {
        // Names only: values may be search words, tokens or anything else a reader typed.
        const names = [...new Set(new URL(c.req.url).searchParams.keys())];
        if (names.length) line.query = names.slice(0, 20);
      }
      logger!.info(line, 'request');
    }
  };
}

/**
 * The same line and metrics for a fresh hit the server answered before the
 * app (fast-hits.ts): a reader page, X-Cache HIT. `rawUrl` is the request
 * line's target; its query is never logged.
 */
export function observeFastHit(opts: ObserveOptions, method: string, rawUrl: string, status: number, seconds: number): void {
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const line = record(opts, { method, path, area: 'reader', route: routeOf('reader', path, undefined), status, seconds, cache: 'HIT' });
  if (line) opts.logger!.info(line, 'request');
}

interface Observed {
  method: string;
  path: string;
  area: Area;
  route: string;
  status: number;
  seconds: number;
  cache: string | undefined;
}

/** Counts the answer in the metrics; returns the log line to write, when there is a logger. */
function record({ logger, metrics }: ObserveOptions, o: Observed): Record<string, unknown> | undefined {
  if (metrics) {
    metrics.requests.inc({ area: o.area, route: o.route, method: METHODS.has(o.method) ? o.method : 'OTHER', status: `${Math.floor(o.status / 100)}xx` });
    metrics.duration.observe({ area: o.area }, o.seconds);
    if (o.cache) metrics.cacheResults.inc({ result: o.cache });
  }
  if (!logger) return undefined;
  const line: Record<string, unknown> = {
    method: o.method,
    path: o.path.length > MAX_LOGGED_PATH ? `${o.path.slice(0, MAX_LOGGED_PATH)}…` : o.path,
    status: o.status,
    ms: Math.round(o.seconds * 10_000) / 10,
    route: o.route,
  };
  if (o.cache) line.cache = o.cache;
  return line;
}

/** Wraps the reader site's render (what the page cache calls on a miss) to time it per route. */
export function timedRender(metrics: AppMetrics | undefined, render: (req: Request) => Response | Promise<Response>): (req: Request) => Promise<Response> {
  if (!metrics) return async (req) => render(req);
  return async (req) => {
    const started = performance.now();
    try {
      return await render(req);
    } finally {
      metrics.render.observe({ route: siteRoute(new URL(req.url).pathname)?.route.path ?? 'unmatched' }, (performance.now() - started) / 1000);
    }
  };
}
