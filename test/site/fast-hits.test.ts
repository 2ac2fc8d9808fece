import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { pino } from 'pino';
import { EventBus } from '../../src/events/event-bus.js';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { createApp } from '../../src/server/app.js';
import { fastHits } from '../../src/server/fast-hits.js';
import { listen } from '../../src/server/http-server.js';
import { createAppMetrics } from '../../src/server/metrics.js';
import { PageCache } from '../../src/site/page-cache.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

const pglite = engines()[0]!;
const ARTICLE = '/politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** One request over a real socket, raw bytes kept (fetch would unpack them), with the raw target sent as given. */
function request(port: number, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h[k] = v;
        resolve({ status: res.statusCode!, headers: h, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** What two answers to the same request must agree on: everything but the clock and the connection. */
function comparable(a: Answer, head = false): Record<string, string> {
  const { date: _d, connection: _c, 'keep-alive': _k, ...rest } = a.headers;
  // The app's HEAD answer carries no Content-Length; the fast path states the GET's, as HTTP asks.
  if (head) delete rest['content-length'];
  return rest;
}

/** Two servers on one cache and one app: `fast` answers hits before the app, `slow` leaves every request to it. */
describe('fresh page-cache hits answered before the app (fast-hits.ts)', () => {
  let db: Database;
  let cache: PageCache;
  let events: EventBus;
  let now = Date.now();
  let appCalls = 0;
  const logged: Array<Record<string, unknown>> = [];
  const metrics = createAppMetrics();
  let fast: http.Server;
  let slow: http.Server;
  let fastPort = 0;
  let slowPort = 0;

  before(async () => {
    db = await pglite.open();
    await loadDemoContent(db);
    cache = new PageCache({ now: () => now });
    events = new EventBus();
    const app = createApp(db, { siteName: 'Lede', siteUrl: 'http://localhost', trustProxy: 1 }, { pageCache: cache, events });
    const fetch = (req: Request) => {
      appCalls++;
      return app.fetch(req);
    };
    const logger = pino({ level: 'info' }, new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        done();
      },
    }));
    fast = listen(fetch, { port: 0, host: '127.0.0.1', fastPath: fastHits(cache, { trustProxy: 1, logger, metrics }) });
    slow = listen(fetch, { port: 0, host: '127.0.0.1' });
    await Promise.all([fast, slow].map((s) => new Promise((r) => (s.listening ? r(undefined) : s.once('listening', r)))));
    fastPort = (fast.address() as AddressInfo).port;
    slowPort = (slow.address() as AddressInfo).port;
  });

  after(async () => {
    await Promise.all([fast, slow].map((s) => new Promise((r) => s.close(r))));
    await db.close();
  });

  test('a hit goes out as the app sends it, in every coding, as HEAD and as 304, without reaching the app', async () => {
    const miss = await request(fastPort, ARTICLE);
    assert.equal(miss.headers['x-cache'], 'MISS', 'the first request renders through the app');
    const asks: Array<{ headers: Record<string, string>; method?: string; coding?: string }> = [
      { headers: {} },
      { headers: { 'accept-encoding': 'gzip' }, coding: 'gzip' },
      { headers: { 'accept-encoding': 'gzip, deflate, br' }, coding: 'br' },
      { headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } },
      { headers: { 'accept-encoding': 'gzip, br' }, method: 'HEAD', coding: 'br' },
      { headers: { 'x-forwarded-proto': 'https' } },
    ];
    for (const ask of asks) {
      const calls = appCalls;
      const quick = await request(fastPort, ARTICLE, ask.headers, ask.method);
      assert.equal(appCalls, calls, `${JSON.stringify(ask)}: answered without the app`);
      const viaApp = await request(slowPort, ARTICLE, ask.headers, ask.method);
      assert.equal(appCalls, calls + 1);
      assert.equal(quick.status, 200);
      assert.equal(quick.headers['x-cache'], 'HIT');
      assert.deepEqual(comparable(quick, ask.method === 'HEAD'), comparable(viaApp, ask.method === 'HEAD'), JSON.stringify(ask));
      assert.deepEqual(quick.body, viaApp.body);
      assert.equal(quick.headers['content-encoding'], ask.coding);
      if (ask.method === 'HEAD') {
        assert.equal(quick.body.length, 0);
        const get = await request(fastPort, ARTICLE, ask.headers);
        assert.equal(quick.headers['content-length'], String(get.body.length), 'HEAD states the length GET sends');
      } else {
        const plain = ask.coding === 'br' ? zlib.brotliDecompressSync(quick.body) : ask.coding === 'gzip' ? zlib.gunzipSync(quick.body) : quick.body;
        assert.match(plain.toString(), /Haushalt für 2027/);
        assert.equal(quick.headers['content-length'], String(quick.body.length));
      }
      if (ask.headers['x-forwarded-proto']) assert.match(quick.headers['strict-transport-security'] ?? '', /max-age=/, 'HSTS behind a trusted proxy');
      else assert.equal(quick.headers['strict-transport-security'], undefined);
    }
    for (const accept of ['', 'gzip', 'gzip, br']) {
      const first = await request(fastPort, ARTICLE, { 'accept-encoding': accept });
      const calls = appCalls;
      const quick = await request(fastPort, ARTICLE, { 'accept-encoding': accept, 'if-none-match': first.headers.etag! });
      assert.equal(appCalls, calls);
      const viaApp = await request(slowPort, ARTICLE, { 'accept-encoding': accept, 'if-none-match': first.headers.etag! });
      assert.equal(quick.status, 304);
      assert.equal(quick.body.length, 0);
      assert.deepEqual(comparable(quick), comparable(viaApp), `304 for "${accept}"`);
    }
  });

  test('what is not a fresh plain hit goes to the app: stale, purged, odd paths, parameters a page reads, other methods', async () => {
    await request(fastPort, ARTICLE);
    await request(fastPort, '/suche?q=Haushalt');
    const viaApp = async (target: string, method = 'GET', want?: string) => {
      const calls = appCalls;
      const res = await request(fastPort, target, {}, method);
      assert.equal(appCalls, calls + 1, `${method} ${target} reached the app`);
      if (want) assert.equal(res.headers['x-cache'], want, `${method} ${target}`);
      return res;
    };
    // Paths the URL parser rewrites, and a route that keys its copies by parameters.
    await viaApp('/politik/../politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen', 'GET', 'HIT');
    await viaApp('/politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen%3F', 'GET');
    await viaApp('/suche?q=Haushalt', 'GET', 'HIT');
    await viaApp(ARTICLE, 'POST');
    // A parameter the article does not read shares its copy, straight from the fast path.
    const calls = appCalls;
    assert.equal((await request(fastPort, `${ARTICLE}?utm_source=x`)).headers['x-cache'], 'HIT');
    assert.equal(appCalls, calls);
    // Older than fresh: the app serves it stale and refreshes it.
    now += 31_000;
    await viaApp(ARTICLE, 'GET', 'STALE');
    await cache.settled();
    // A publication purges the page: the next request renders it again.
    assert.equal((await request(fastPort, ARTICLE)).headers['x-cache'], 'HIT');
    await events.emit({ type: 'story.updated', slug: 'haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen', sectionSlug: 'politik', topics: [] } as never);
    await viaApp(ARTICLE, 'GET', 'MISS');
  });

  test('a fast hit is logged and counted like any other', async () => {
    await request(fastPort, ARTICLE);
    logged.length = 0;
    const calls = appCalls;
    await request(fastPort, `${ARTICLE}?token=secret`);
    assert.equal(appCalls, calls);
    await new Promise((r) => setTimeout(r, 50)); // pino writes off the request path
    const line = logged.find((l) => l.msg === 'request');
    assert.ok(line, 'one line for the hit');
    assert.equal(line.path, ARTICLE, 'the query is never logged');
    assert.equal(line.cache, 'HIT');
    assert.equal(line.status, 200);
    assert.equal(line.route, '/:section/:slug');
    const text = metrics.registry.expose();
    assert.match(text, /lede_page_cache_results_total\{result="HIT"\} [1-9]/);
    assert.match(text, /lede_http_requests_total\{area="reader",route="\/:section\/:slug",method="GET",status="2xx"\} [1-9]/);
  });
});
