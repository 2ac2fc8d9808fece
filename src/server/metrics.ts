import { createHash, timingSafeEqual } from 'node:crypto';
import type { Handler } from 'hono';

/**
 * A small Prometheus registry: counters and histograms kept in memory, gauges
 * read when scraped, written out in the text exposition format (version
 * 0.0.4). Label values must come from bounded sets (route patterns, status
 * classes), never from raw URLs: every distinct set of values is a series
 * kept for the life of the process.
 */

export type Labels = Readonly<Record<string, string>>;

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  lines(): string[];
}

/** One sample of a gauge, read at scrape time. */
export interface Sample {
  labels?: Labels;
  value: number;
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function labelText(labels: Labels | undefined, extra?: [string, string]): string {
  const pairs = Object.entries(labels ?? {});
  if (extra) pairs.push(extra);
  return pairs.length ? `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
}

function formatValue(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

/** Series are keyed by their label values in the declared order. */
function keyOf(names: readonly string[], labels: Labels): string {
  return JSON.stringify(names.map((n) => labels[n] ?? ''));
}

function pick(names: readonly string[], labels: Labels): Labels {
  return Object.fromEntries(names.map((n) => [n, labels[n] ?? '']));
}

export class Counter implements Family {
  readonly type = 'counter' as const;
  readonly #series = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string, readonly labelNames: readonly string[] = []) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = keyOf(this.labelNames, labels);
    const s = this.#series.get(key);
    if (s) s.value += by;
    else this.#series.set(key, { labels: pick(this.labelNames, labels), value: by });
  }

  /** The current value of one series (0 if never counted). */
  get(labels: Labels = {}): number {
    return this.#series.get(keyOf(this.labelNames, labels))?.value ?? 0;
  }

  lines(): string[] {
    return [...this.#series.values()].map((s) => `${this.name}${labelText(s.labels)} ${formatValue(s.value)}`);
  }
}

/** Seconds: from 5 ms (a cache hit) to 10 s (a render waiting on a sick database). */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Histogram implements Family {
  readonly type = 'histogram' as const;
  readonly #series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string, readonly labelNames: readonly string[] = [], readonly buckets: readonly number[] = DEFAULT_BUCKETS) {}

  observe(labels: Labels, value: number): void {
    const key = keyOf(this.labelNames, labels);
    let s = this.#series.get(key);
    if (!s) this.#series.set(key, (s = { labels: pick(this.labelNames, labels), counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    // Counts per bucket are kept non-cumulative and added up when written.
    const i = this.buckets.findIndex((b) => value <= b);
    if (i >= 0) s.counts[i]!++;
    s.sum += value;
    s.count++;
  }

  lines(): string[] {
    const out: string[] = [];
    for (const s of this.#series.values()) {
      let cumulative = 0;
      this.buckets.forEach((b, i) => {
        cumulative += s.counts[i]!;
        out.push(`${this.name}_bucket${labelText(s.labels, ['le', formatValue(b)])} ${cumulative}`);
      });
      out.push(`${this.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}`);
      out.push(`${this.name}_sum${labelText(s.labels)} ${formatValue(s.sum)}`);
      out.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return out;
  }
}

/** Values read when scraped: a gauge, or a counter another part keeps (its running totals). */
class Collected implements Family {
  constructor(readonly name: string, readonly help: string, readonly type: 'gauge' | 'counter', private readonly read: () => readonly Sample[]) {}

  lines(): string[] {
    let samples: readonly Sample[];
    try {
      samples = this.read();
    } catch {
      // A part that cannot say (closed, not started) is left out rather than failing the scrape.
      return [];
    }
    return samples.filter((s) => Number.isFinite(s.value) || Number.isNaN(s.value)).map((s) => `${this.name}${labelText(s.labels)} ${formatValue(s.value)}`);
  }
}

function samplesOf(read: () => readonly Sample[] | number | undefined): () => readonly Sample[] {
  return () => {
    const v = read();
    return v === undefined ? [] : typeof v === 'number' ? [{ value: v }] : v;
  };
}

export class MetricsRegistry {
  readonly #families: Family[] = [];
  readonly #names = new Set<string>();

  #add<F extends Family>(f: F): F {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(f.name)) throw new Error(`metric name "${f.name}" is not valid`);
    if (this.#names.has(f.name)) throw new Error(`metric "${f.name}" is registered twice`);
    this.#names.add(f.name);
    this.#families.push(f);
    return f;
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.#add(new Counter(name, help, labelNames));
  }

  histogram(name: string, help: string, labelNames: readonly string[] = [], buckets?: readonly number[]): Histogram {
    return this.#add(new Histogram(name, help, labelNames, buckets));
  }

  /** A value read when scraped (`read` may return no samples: the part is absent). */
  gauge(name: string, help: string, read: () => readonly Sample[] | number | undefined): void {
    this.#add(new Collected(name, help, 'gauge', samplesOf(read)));
  }

  /** Running totals another part keeps, read when scraped (only ever grow, until the process restarts). */
  collectedCounter(name: string, help: string, read: () => readonly Sample[] | number | undefined): void {
    this.#add(new Collected(name, help, 'counter', samplesOf(read)));
  }

  /** The text exposition format: HELP, TYPE and the samples of every family that has any. */
  expose(): string {
    const out: string[] = [];
    for (const f of this.#families) {
      const lines = f.lines();
      if (!lines.length) continue;
      out.push(`# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${f.name} ${f.type}`, ...lines);
    }
    return `${out.join('\n')}\n`;
  }
}

/** The request metrics the app records itself; the rest are gauges registered by whoever owns the part. */
export interface AppMetrics {
  readonly registry: MetricsRegistry;
  readonly requests: Counter;
  readonly duration: Histogram;
  readonly render: Histogram;
  readonly cacheResults: Counter;
}

export function createAppMetrics(registry = new MetricsRegistry()): AppMetrics {
  return {
    registry,
    requests: registry.counter('lede_http_requests_total', 'HTTP requests answered, by area, route pattern, method and status class.', ['area', 'route', 'method', 'status']),
    duration: registry.histogram('lede_http_request_duration_seconds', 'Time from request to response headers, by area (reader, newsroom, media, other).', ['area']),
    render: registry.histogram('lede_page_render_seconds', 'Time the reader site took to render a page the page cache did not answer (misses, refreshes, uncached routes), by route pattern.', ['route']),
    cacheResults: registry.counter('lede_page_cache_results_total', 'Reader requests by what the page cache did (X-Cache: HIT, MISS, STALE, STALE-IF-ERROR).', ['result']),
  };
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * GET /metrics: the registry's text for a caller that shows the token as
 * `Authorization: Bearer <token>` (compared in constant time); 401 otherwise.
 * Never cached by anyone.
 */
export function metricsHandler(registry: MetricsRegistry, token: string): Handler {
  const expected = digest(token);
  return (c) => {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    // Both sides hashed first: equal lengths for timingSafeEqual, and no early exit on length.
    if (!given || !timingSafeEqual(digest(given), expected)) {
      return c.text('metrics need Authorization: Bearer <LEDE_METRICS_TOKEN>\n', 401, { 'WWW-Authenticate': 'Bearer realm="lede metrics"', 'Cache-Control': 'no-store' });
    }
    return c.body(registry.expose(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
  };
}
