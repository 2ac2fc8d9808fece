import type { MetricsRegistry, Sample } from './metrics.js';

/**
 * The parts of a running node whose state /metrics shows, each read when
 * scraped. Every part is optional and read by what it has, so a part that
 * lacks a figure (the embedded engine has no connection pool) only leaves
 * its lines out.
 */
export interface RuntimeParts {
  /** The page cache: entries, bytes, hits, misses, stale, shed, rendersInFlight, rendersQueued where it has them. */
  pageCache?: object;
  /** The database: `poolStats()` on PostgreSQL. */
  db?: object;
  /** The event relay: active, listening, stats. */
  relay?: { readonly active?: boolean; readonly listening?: boolean; readonly stats?: object };
  /** The scheduler: `lastPassAt` (epoch ms of the last pass that ended without error). */
  scheduler?: { readonly lastPassAt?: number | undefined };
  /** When the scheduler started (epoch ms): its lag counts from here until a first pass ends. */
  startedAt?: number;
  now?: () => number;
}

/** A number the object has under `name` (own field or getter), else undefined. */
function numberOf(obj: object | undefined, name: string): number | undefined {
  if (!obj) return undefined;
  const v = (obj as Record<string, unknown>)[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

const bool = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);

export function registerRuntimeMetrics(registry: MetricsRegistry, parts: RuntimeParts): void {
  const now = parts.now ?? Date.now;
  const cache = parts.pageCache;
  registry.gauge('lede_page_cache_entries', 'Pages held by the page cache.', () => numberOf(cache, 'entries') ?? numberOf(cache, 'size'));
  registry.gauge('lede_page_cache_bytes', 'Memory held by the page cache (bodies, keys, headers).', () => numberOf(cache, 'bytes'));
  registry.gauge('lede_page_cache_reserved_bytes', 'Memory of the blocks the page cache cuts its bodies from (allocated as needed up to about the byte bound, then reused).', () => numberOf(cache, 'reservedBytes'));
  const counts: Array<[string, string]> = [['hits', 'hit'], ['misses', 'miss'], ['stale', 'stale'], ['shed', 'shed']];
  registry.collectedCounter('lede_page_cache_lookups_total', 'Page cache lookups since start, by outcome (hit, miss, stale; shed: refused because the render queue was full).', () =>
    counts.flatMap(([field, outcome]) => {
      const v = numberOf(cache, field);
      return v === undefined ? [] : [{ labels: { outcome }, value: v }];
    }));
  registry.gauge('lede_page_renders_in_flight', 'Reader renders running now.', () => numberOf(cache, 'rendersInFlight'));
  registry.gauge('lede_page_renders_queued', 'Reader renders waiting for a slot.', () => numberOf(cache, 'rendersQueued'));

  registry.gauge('lede_db_pool_connections', 'PostgreSQL pool: connections by state (total open, idle) and callers waiting for one.', () => {
    const read = (parts.db as { poolStats?: () => { total: number; idle: number; waiting: number } } | undefined)?.poolStats;
    if (typeof read !== 'function') return undefined;
    const s = read.call(parts.db);
    return [{ labels: { state: 'total' }, value: s.total }, { labels: { state: 'idle' }, value: s.idle }, { labels: { state: 'waiting' }, value: s.waiting }] satisfies Sample[];
  });

  const relay = parts.relay;
  registry.gauge('lede_event_relay_active', 'Whether the event relay runs (1 on PostgreSQL, 0 on the embedded engine).', () => bool(relay?.active));
  registry.gauge('lede_event_relay_listening', 'Whether the relay\'s listening connection is up (0 while it reconnects: other nodes\' purges are missed).', () => bool(relay?.listening));
  registry.collectedCounter('lede_event_relay_events_total', 'Event relay counts since start, by kind (sent, delivered, reconnects, purgedAll, …).', () => {
    const stats = relay?.stats;
    if (!stats) return undefined;
    return Object.keys(stats).flatMap((kind) => {
      const v = numberOf(stats, kind);
      return v === undefined ? [] : [{ labels: { kind }, value: v }];
    });
  });

  registry.gauge('lede_scheduler_lag_seconds', 'Seconds since the scheduler last finished a pass without error (it runs every 5 s; growing means scheduled stories are late).', () => {
    if (!parts.scheduler) return undefined;
    const since = parts.scheduler.lastPassAt ?? parts.startedAt;
    return since === undefined ? undefined : Math.max(0, (now() - since) / 1000);
  });

  registry.gauge('process_resident_memory_bytes', 'Resident memory of the process.', () => process.memoryUsage.rss());
  registry.gauge('nodejs_heap_used_bytes', 'V8 heap in use (RSS beyond it is buffers, code and the allocator\'s slack).', () => process.memoryUsage().heapUsed);
  registry.gauge('nodejs_heap_total_bytes', 'V8 heap reserved: in use plus the free room V8 keeps.', () => process.memoryUsage().heapTotal);
  registry.gauge('nodejs_external_bytes', 'Memory held outside the V8 heap by JavaScript objects (buffers among them).', () => process.memoryUsage().external);
  registry.gauge('nodejs_array_buffers_bytes', 'Of that, the bytes of ArrayBuffers and Buffers (page bodies and their compressed copies).', () => process.memoryUsage().arrayBuffers);
  registry.gauge('process_start_time_seconds', 'When the process started, in seconds since the epoch.', () => Math.round((Date.now() - process.uptime() * 1000) / 1000));
}
