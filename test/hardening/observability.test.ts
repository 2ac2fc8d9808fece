/**
 * Logs and metrics for operators (issue 10, item 13): one JSON line per
 * request (method, path, status, duration, cache result, route, the
 * newsroom user's id; never cookies, passwords or query values), and
 * /metrics in the Prometheus text format: absent without LEDE_METRICS_TOKEN,
 * 401 without the right bearer token, counters that move with requests,
 * bounded route labels, the runtime parts (page cache, DB pool on
 * PostgreSQL, relay, scheduler) — and `lede serve` wires both.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { EventBus } from '../../src/events/event-bus.js';
import { AccountService } from '../../src/services/account-service.js';
import { StoryService } from '../../src/services/story-service.js';
import { Scheduler } from '../../src/services/scheduler.js';
import { createApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createAppMetrics, type AppMetrics } from '../../src/server/metrics.js';
import { createLogger } from '../../src/server/request-log.js';
import { registerRuntimeMetrics } from '../../src/server/runtime-metrics.js';
import { PageCache } from '../../src/site/page-cache.js';
import { forEachEngine } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';
import { serveChild, type ServedChild } from './serve-child.js';

const PASSWORD = 'protokoll-passwort-geheim-1';
const TOKEN = 'metrics-token-0123456789abcdef';

interface Family { type: string; samples: Array<{ name: string; labels: Record<string, string>; value: number }> }

/**
 * A strict reader of the text exposition format: every line is a HELP, a
 * TYPE or a sample of a declared family (histograms: _bucket with le, _sum,
 * _count), label values quoted and escaped, values numbers; histogram
 * buckets cumulative and ending in +Inf = _count. Throws on anything else.
 */
function parseExposition(text: string): Map<string, Family> {
  assert.ok(text.endsWith('\n'), 'ends with a newline');
  const families = new Map<string, Family>();
  const helped = new Set<string>();
  const owner = (name: string) => {
    if (families.has(name)) return name;
    const base = name.replace(/_(bucket|sum|count)$/, '');
    if (base !== name && families.get(base)?.type === 'histogram') return base;
    throw new Error(`sample ${name} has no # TYPE line before it`);
  };
  for (const line of text.slice(0, -1).split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line))) {
      helped.add(m[1]!);
      continue;
    }
    if ((m = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line))) {
      assert.ok(!families.has(m[1]!), `${m[1]} declared twice`);
      assert.ok(helped.has(m[1]!), `${m[1]}: HELP before TYPE`);
      families.set(m[1]!, { type: m[2]!, samples: [] });
      continue;
    }
    m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|\+Inf|-Inf|NaN))$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!.replace(/\\n/g, '\n').replace(/\\(.)/g, '$1');
    const value = m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : Number(m[3]);
    families.get(owner(m[1]!))!.samples.push({ name: m[1]!, labels, value });
  }
  for (const [name, f] of families) {
    if (f.type !== 'histogram') continue;
    const series = new Map<string, { buckets: number[]; inf?: number; count?: number }>();
    for (const s of f.samples) {
      const { le, ...rest } = s.labels;
      const key = JSON.stringify(rest);
      const e = series.get(key) ?? { buckets: [] };
      series.set(key, e);
      if (s.name.endsWith('_bucket')) {
        if (le === '+Inf') e.inf = s.value;
        else e.buckets.push(s.value);
      } else if (s.name.endsWith('_count')) e.count = s.value;
    }
    for (const [key, e] of series) {
      for (let i = 1; i < e.buckets.length; i++) assert.ok(e.buckets[i]! >= e.buckets[i - 1]!, `${name}${key}: buckets cumulative`);
      assert.equal(e.inf, e.count, `${name}${key}: +Inf bucket equals _count`);
    }
  }
  return families;
}

/** The value of one sample, by family and exact labels (0 if absent). */
function valueOf(families: Map<string, Family>, family: string, labels: Record<string, string>, sample = family): number {
  const f = families.get(family);
  return f?.samples.find((s) => s.name === sample && JSON.stringify(Object.entries(s.labels).sort()) === JSON.stringify(Object.entries(labels).sort()))?.value ?? 0;
}

forEachEngine('request log and /metrics', (ctx) => {
  let app: Hono;
  let metrics: AppMetrics;
  let lines: string[];
  let adminId: string;
  let storyPath: string;
  const scrape = async (token = TOKEN) => app.request('/metrics', { headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    const admin = await new AccountService(ctx.db).createUser({ email: `ops-${ctx.engine}@example.org`, name: 'Olga Ops', role: 'admin', password: PASSWORD }, { name: 'test' });
    adminId = admin.id;
    const story = await new StoryService(ctx.db).create({
      kind: 'article', language: 'de', headline: 'Protokolle im Test', teaser: 'Zeilen.', section: 'Politik', topics: [], related: [],
      body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }],
    }, { status: 'published' });
    storyPath = `/politik/${story.slug}`;
    lines = [];
    const logger = createLogger('info', { write: (s: string) => void lines.push(s) })!;
    metrics = createAppMetrics();
    const events = new EventBus();
    const pageCache = new PageCache();
    app = createApp(ctx.db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { pageCache, events, logger, metrics, metricsToken: TOKEN });
    const scheduler = new Scheduler({ runDue: async () => [], runRetention: async () => [] } as never, {});
    await scheduler.tick();
    registerRuntimeMetrics(metrics.registry, { pageCache, db: ctx.db, relay: { active: false, listening: false, stats: { sent: 0, delivered: 0 } }, scheduler });
  });

  test('one JSON line per request: method, path, status, ms, cache result, route; the newsroom user by id; nothing secret', async () => {
    lines.length = 0;
    await app.request(storyPath);
    await app.request(storyPath);
    await app.request('/suche?q=streng-geheimes-suchwort&token=abcdef0123456789');
    const b = new Browser(app);
    await b.login(`ops-${ctx.engine}@example.org`, PASSWORD);
    await b.request('/newsroom');
    await b.request('/newsroom/api/me');
    await b.request('/newsroom/gibt-es-nicht');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(parsed.length, lines.length);
    for (const l of lines) assert.ok(l.endsWith('\n') && !l.slice(0, -1).includes('\n'), 'one line each');
    const [miss, hit, search] = parsed;
    assert.equal(miss!.level, 'info');
    assert.equal(miss!.msg, 'request');
    assert.match(String(miss!.time), /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual({ method: miss!.method, path: miss!.path, status: miss!.status, cache: miss!.cache, route: miss!.route }, { method: 'GET', path: storyPath, status: 200, cache: 'MISS', route: '/:section/:slug' });
    assert.equal(typeof miss!.ms, 'number');
    assert.ok((miss!.ms as number) >= 0);
    assert.equal(hit!.cache, 'HIT');
    assert.equal(search!.path, '/suche', 'the path without its query');
    assert.equal(search!.route, '/suche');
    const me = parsed.find((p) => p.path === '/newsroom/api/me')!;
    assert.deepEqual({ status: me.status, route: me.route, user: me.user }, { status: 200, route: '/newsroom/api/me', user: adminId });
    const list = parsed.find((p) => p.path === '/newsroom' && p.method === 'GET')!;
    assert.deepEqual({ route: list.route, user: list.user }, { route: '/newsroom', user: adminId });
    const login = parsed.find((p) => p.path === '/newsroom/login' && p.method === 'POST')!;
    assert.equal(login.route, '/newsroom/login');
    assert.equal(parsed.find((p) => p.path === '/newsroom/gibt-es-nicht')!.route, 'unmatched');
    const all = lines.join('');
    for (const secret of [PASSWORD, 'streng-geheimes-suchwort', 'abcdef0123456789', ...b.cookies.values()]) assert.ok(!all.includes(secret), `not logged: ${secret.slice(0, 8)}…`);
    assert.doesNotMatch(all, /cookie|authorization|password/i);
  });

  test('/metrics: 401 without or with a wrong token, never cached; 200 with the right one, in the text format', async () => {
    assert.equal((await app.request('/metrics')).status, 401);
    assert.equal((await scrape('metrics-token-0123456789abcdeX')).status, 401);
    assert.equal((await scrape('kurz')).status, 401);
    const res = await scrape();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('x-cache'), null, 'not answered by the page cache');
    parseExposition(await res.text());
  });

  test('counters move with requests; labels are route patterns and status classes', async () => {
    const before = parseExposition(await (await scrape()).text());
    const route = { area: 'reader', route: '/:section/:slug', method: 'GET', status: '2xx' };
    await app.request(storyPath);
    await app.request(storyPath);
    await app.request('/politik/eine-geschichte-die-es-nicht-gibt-1');
    await app.request('/politik/eine-geschichte-die-es-nicht-gibt-2');
    const text = await (await scrape()).text();
    const now = parseExposition(text);
    assert.equal(valueOf(now, 'lede_http_requests_total', route) - valueOf(before, 'lede_http_requests_total', route), 2);
    const missing = { ...route, status: '4xx' };
    assert.equal(valueOf(now, 'lede_http_requests_total', missing) - valueOf(before, 'lede_http_requests_total', missing), 2, 'two paths, one series');
    assert.ok(!text.includes('eine-geschichte'), 'no raw paths as labels');
    assert.ok(valueOf(now, 'lede_page_cache_results_total', { result: 'HIT' }) >= valueOf(before, 'lede_page_cache_results_total', { result: 'HIT' }) + 2);
    assert.ok(valueOf(now, 'lede_page_render_seconds', { route: '/:section/:slug' }, 'lede_page_render_seconds_count') >= 1, 'the first render of the story was timed');
    assert.ok(valueOf(now, 'lede_http_request_duration_seconds', { area: 'reader' }, 'lede_http_request_duration_seconds_count') >= 4);
    // The scrapes themselves are counted under their own fixed route.
    assert.ok(valueOf(now, 'lede_http_requests_total', { area: 'other', route: '/metrics', method: 'GET', status: '2xx' }) >= 1);
  });

  test('runtime parts: page cache, scheduler lag, relay, process; the connection pool on PostgreSQL only', async () => {
    const now = parseExposition(await (await scrape()).text());
    assert.ok(valueOf(now, 'lede_page_cache_entries', {}) >= 1);
    assert.ok(now.has('lede_scheduler_lag_seconds'));
    assert.ok(valueOf(now, 'lede_scheduler_lag_seconds', {}) < 3600);
    assert.equal(valueOf(now, 'lede_event_relay_listening', {}), 0);
    assert.ok(valueOf(now, 'process_resident_memory_bytes', {}) > 0);
    if (ctx.engine === 'postgres') {
      const total = valueOf(now, 'lede_db_pool_connections', { state: 'total' });
      assert.ok(total >= 1, `open connections: ${total}`);
      assert.ok(now.get('lede_db_pool_connections')!.samples.some((s) => s.labels.state === 'waiting'));
    } else {
      assert.equal(now.has('lede_db_pool_connections'), false, 'the embedded engine has no pool');
    }
  });
});

describe('/metrics is off by default', () => {
  test('without a token the path is an ordinary 404, even with metrics collected', async () => {
    const { engines } = await import('../helpers/db.js');
    const db = await engines()[0]!.open();
    try {
      for (const app of [createApp(db, { siteName: 'T', siteUrl: 'http://localhost' }), createApp(db, { siteName: 'T', siteUrl: 'http://localhost' }, { metrics: createAppMetrics() })]) {
        const res = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
        assert.equal(res.status, 404);
        assert.doesNotMatch(await res.text(), /lede_http_requests_total/);
      }
    } finally {
      await db.close();
    }
  });

  test('LEDE_LOG and LEDE_METRICS_TOKEN: defaults, and bad values named', () => {
    assert.equal(loadConfig({}).log, 'info');
    assert.equal(loadConfig({}).metricsToken, undefined);
    assert.equal(loadConfig({ LEDE_LOG: 'OFF' }).log, 'off');
    assert.equal(loadConfig({ LEDE_METRICS_TOKEN: TOKEN }).metricsToken, TOKEN);
    assert.throws(() => loadConfig({ LEDE_LOG: 'verbose' }), /LEDE_LOG must be off, info or debug, got "verbose"/);
    assert.throws(() => loadConfig({ LEDE_METRICS_TOKEN: 'kurz' }), /LEDE_METRICS_TOKEN must be at least 16 characters/);
  });
});

describe('lede serve logs to stdout and serves /metrics with LEDE_METRICS_TOKEN', () => {
  let server: ServedChild;
  before(async () => {
    server = await serveChild({ LEDE_LOG: 'info', LEDE_METRICS_TOKEN: TOKEN });
  });
  after(async () => {
    await server?.stop();
  });

  test('a request gives a JSON line on stdout; /metrics has the request, the scheduler and the page cache', async () => {
    assert.equal((await fetch(`${server.base}/`)).status, 200);
    const res = await fetch(`${server.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 200);
    const families = parseExposition(await res.text());
    assert.ok(valueOf(families, 'lede_http_requests_total', { area: 'reader', route: '/', method: 'GET', status: '2xx' }) >= 1);
    for (const name of ['lede_scheduler_lag_seconds', 'lede_page_cache_entries', 'lede_event_relay_active', 'process_resident_memory_bytes']) assert.ok(families.has(name), name);
    // The home page was just rendered and kept: its bodies sit in the cache's first block.
    assert.ok(valueOf(families, 'lede_page_cache_reserved_bytes', {}) >= 1024 * 1024, 'the cache has cut its first block');
    assert.ok(valueOf(families, 'nodejs_array_buffers_bytes', {}) >= valueOf(families, 'lede_page_cache_reserved_bytes', {}), 'the blocks are array buffers');
    assert.ok(valueOf(families, 'nodejs_heap_total_bytes', {}) >= valueOf(families, 'nodejs_heap_used_bytes', {}));
    // Log lines may be written a moment after the answer (buffered off the request path).
    const until = Date.now() + 10_000;
    let line: Record<string, unknown> | undefined;
    while (!line && Date.now() < until) {
      line = server.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.path === '/' && l.method === 'GET');
      if (!line) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(line, `a log line for GET / in: ${server.stdout()}`);
    assert.equal(line.status, 200);
    assert.equal(line.route, '/');
  });
});
