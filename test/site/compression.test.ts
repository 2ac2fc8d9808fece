import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { EventBus } from '../../src/events/event-bus.js';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { createApp } from '../../src/server/app.js';
import { createAppMetrics } from '../../src/server/metrics.js';
import type { NewsroomModule } from '../../src/server/newsroom-app.js';
import { NEWSROOM_MODULES } from '../../src/server/newsroom-modules.js';
import { compressResponse } from '../../src/server/compression.js';
import { encodeCount, negotiate } from '../../src/site/content-encoding.js';
import { PageCache } from '../../src/site/page-cache.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

const pglite = engines()[0]!;
const ARTICLE = '/politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen';
const TOKEN = 'metrics-token-for-the-compression-test';

function decode(body: Buffer, coding: string | null): Buffer {
  if (!body.length) return body;
  if (coding === 'br') return zlib.brotliDecompressSync(body);
  if (coding === 'gzip') return zlib.gunzipSync(body);
  return body;
}

async function get(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }, path: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await app.request(path, { method, headers });
  const raw = Buffer.from(await res.arrayBuffer());
  return { res, raw, body: decode(raw, res.headers.get('content-encoding')) };
}

const varies = (res: Response) => /accept-encoding/i.test(res.headers.get('vary') ?? '');

test('Accept-Encoding is negotiated by q-value, brotli on a tie, identity when neither is allowed', () => {
  assert.equal(negotiate(undefined), 'identity');
  assert.equal(negotiate(''), 'identity');
  assert.equal(negotiate('gzip, deflate, br'), 'br');
  assert.equal(negotiate('gzip'), 'gzip');
  assert.equal(negotiate('br;q=0, gzip;q=0'), 'identity');
  assert.equal(negotiate('br;q=0, gzip'), 'gzip');
  assert.equal(negotiate('gzip;q=1, br;q=0.5'), 'gzip');
  assert.equal(negotiate('*'), 'br');
  assert.equal(negotiate('*;q=0, gzip;q=0.2'), 'gzip');
  assert.equal(negotiate('identity, deflate'), 'identity');
});

test('a long streamed body is compressed as it streams, and decodes to the same bytes', async () => {
  const line = (i: number) => `<url><loc>http://localhost/politik/meldung-${i}</loc></url>\n`;
  const want = Buffer.from(Array.from({ length: 20_000 }, (_, i) => line(i)).join(''));
  assert.ok(want.length > 512 * 1024);
  let i = 0;
  const stream = () => new ReadableStream<Uint8Array>({
    pull(ctl) {
      if (i >= 20_000) return ctl.close();
      ctl.enqueue(Buffer.from(Array.from({ length: 100 }, () => line(i++)).join('')));
    },
  });
  for (const coding of ['br', 'gzip']) {
    i = 0;
    const res = await compressResponse(
      new Request('http://localhost/sitemaps/stories-1.xml', { headers: { 'accept-encoding': coding } }),
      new Response(stream(), { headers: { 'content-type': 'application/xml; charset=utf-8' } }),
    );
    assert.equal(res.headers.get('content-encoding'), coding);
    assert.ok(varies(res));
    const raw = Buffer.from(await res.arrayBuffer());
    assert.ok(raw.length < want.length / 5);
    assert.deepEqual(decode(raw, coding), want);
  }
});

test('a small cached page is kept and sent as it is, with Vary', async () => {
  const cache = new PageCache();
  const render = async () => new Response('<p>kurz</p>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
  for (let i = 0; i < 2; i++) {
    const res = await cache.handle(new Request('http://localhost/', { headers: { 'accept-encoding': 'gzip, br' } }), render);
    assert.equal(res.headers.get('content-encoding'), null);
    assert.ok(varies(res));
    assert.equal(await res.text(), '<p>kurz</p>');
  }
  assert.equal(cache.compressions, 0);
});

test('a flood of new copies is compressed with the fast settings beyond two at once, and every copy still decodes', async () => {
  const cache = new PageCache();
  const page = (n: number) => `<!doctype html><title>Meldung ${n}</title>${'<p>Der Landtag hat heute beraten. '.repeat(200)}${n}</p>`;
  const render = async (req: Request) => new Response(page(Number(new URL(req.url).pathname.replace(/^.*m-/, ''))), { headers: { 'content-type': 'text/html; charset=utf-8' } });
  // Twenty different articles missed at once (the render gate lets a few through at a time): while two copies get the
  // best settings, the others do not wait for them.
  await Promise.all(Array.from({ length: 20 }, (_, n) => cache.handle(new Request(`http://localhost/politik/m-${n}`), render)));
  assert.equal(cache.compressions, 40);
  assert.ok(cache.fastCompressions >= 20, `fast: ${cache.fastCompressions}`);
  for (let n = 0; n < 20; n++) {
    for (const coding of ['br', 'gzip']) {
      const res = await cache.handle(new Request(`http://localhost/politik/m-${n}`, { headers: { 'accept-encoding': coding } }), render);
      assert.equal(res.headers.get('x-cache'), 'HIT');
      assert.equal(decode(Buffer.from(await res.arrayBuffer()), coding).toString(), page(n));
    }
  }
  // One at a time, a copy gets the best settings again.
  const before = cache.fastCompressions;
  await cache.handle(new Request('http://localhost/politik/m-99'), render);
  assert.equal(cache.fastCompressions, before);
});

describe('compression of the reader site and the newsroom', () => {
  let db: Database;
  let cache: PageCache;
  let app: ReturnType<typeof createApp>;
  let plain: ReturnType<typeof createApp>;
  const bigJson: NewsroomModule = (registry) => {
    registry.add({
      method: 'GET', path: '/newsroom/api/compression-test', permission: 'public', kind: 'api',
      handler: (c) => c.json({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `Meldung Nummer ${i}` })) }),
    });
  };

  before(async () => {
    db = await pglite.open();
    await loadDemoContent(db, new Date('2026-11-20T12:00:00Z'));
    cache = new PageCache();
    const config = { siteName: 'Lede Test', siteUrl: 'http://localhost' };
    app = createApp(db, config, { pageCache: cache, events: new EventBus(), newsroomModules: [...NEWSROOM_MODULES, bigJson], metrics: createAppMetrics(), metricsToken: TOKEN });
    plain = createApp(db, config);
  });
  after(async () => {
    await db?.close().catch(() => undefined);
  });

  test('a cached page: brotli and gzip decode to the identity bytes, each with its own ETag, compressed once when stored', async () => {
    const identity = await get(app, ARTICLE);
    assert.equal(identity.res.status, 200);
    assert.equal(identity.res.headers.get('content-encoding'), null);
    assert.ok(varies(identity.res));
    assert.ok(identity.raw.length > 1024);
    const before = cache.compressions;
    const calls = encodeCount.calls;
    const etags = new Set([identity.res.headers.get('etag')]);
    for (const [accept, coding] of [['gzip, br', 'br'], ['gzip', 'gzip'], ['br', 'br'], ['gzip;q=1, br;q=0.5', 'gzip']] as const) {
      const { res, raw, body } = await get(app, ARTICLE, { 'accept-encoding': accept });
      assert.equal(res.headers.get('x-cache'), 'HIT');
      assert.equal(res.headers.get('content-encoding'), coding, accept);
      assert.ok(varies(res));
      assert.ok(raw.length < identity.raw.length / 2, `${coding}: ${raw.length} bytes`);
      assert.deepEqual(body, identity.raw);
      assert.match(res.headers.get('etag')!, coding === 'br' ? /-br"$/ : /-gz"$/);
      etags.add(res.headers.get('etag'));
    }
    assert.equal(etags.size, 3, 'identity, br and gzip each have their ETag');
    assert.equal(cache.compressions, before, 'hits compress nothing');
    assert.equal(encodeCount.calls, calls, 'neither does the middleware');
  });

  test('a page stored afresh is compressed once (gzip and brotli), however often it is asked for', async () => {
    const before = cache.compressions;
    for (let i = 0; i < 5; i++) assert.equal((await get(app, '/kultur', { 'accept-encoding': 'br' })).res.headers.get('content-encoding'), 'br');
    assert.equal(cache.compressions - before, 2);
  });

  test('identity without Accept-Encoding or with br;q=0, gzip;q=0, and Vary either way', async () => {
    const want = (await get(app, ARTICLE)).raw;
    for (const headers of [{}, { 'accept-encoding': 'br;q=0, gzip;q=0' }, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const { res, raw } = await get(app, ARTICLE, headers);
      assert.equal(res.headers.get('content-encoding'), null);
      assert.ok(varies(res));
      assert.deepEqual(raw, want);
    }
  });

  test('304 for the encoded ETag (strong or weak), only for its coding', async () => {
    const br = await get(app, ARTICLE, { 'accept-encoding': 'br' });
    const tag = br.res.headers.get('etag')!;
    for (const inm of [tag, `W/${tag}`]) {
      const res = await app.request(ARTICLE, { headers: { 'accept-encoding': 'br', 'if-none-match': inm } });
      assert.equal(res.status, 304);
      assert.equal(res.headers.get('etag'), tag);
      assert.equal(await res.text(), '');
    }
    // The brotli ETag does not validate the gzip or the plain copy.
    assert.equal((await app.request(ARTICLE, { headers: { 'accept-encoding': 'gzip', 'if-none-match': tag } })).status, 200);
    assert.equal((await app.request(ARTICLE, { headers: { 'if-none-match': tag } })).status, 200);
  });

  test('HEAD has the coding and no body', async () => {
    const { res, raw } = await get(app, ARTICLE, { 'accept-encoding': 'br' }, 'HEAD');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'br');
    assert.ok(varies(res));
    assert.equal(raw.length, 0);
  });

  test('uncached renders, feeds and the streamed stories sitemap are compressed per response', async () => {
    for (const path of [ARTICLE, '/feed.xml', '/sitemaps/stories-1.xml', '/sitemaps/sections.xml']) {
      const identity = await get(plain, path);
      assert.equal(identity.res.status, 200, path);
      for (const coding of ['br', 'gzip']) {
        const { res, raw, body } = await get(plain, path, { 'accept-encoding': coding });
        assert.ok(varies(res), path);
        if (identity.raw.length < 1024) {
          assert.equal(res.headers.get('content-encoding'), null, `${path} is small`);
          continue;
        }
        assert.equal(res.headers.get('content-encoding'), coding, path);
        assert.ok(raw.length < identity.raw.length, path);
        assert.deepEqual(body, identity.raw, path);
      }
    }
  });

  test('the newsroom JSON API and assets are compressed; its small answers are not', async () => {
    const identity = await get(app, '/newsroom/api/compression-test');
    const { res, body } = await get(app, '/newsroom/api/compression-test', { 'accept-encoding': 'gzip, br' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'br');
    assert.ok(varies(res));
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(body, identity.raw);
    assert.equal(JSON.parse(body.toString()).items.length, 200);

    const missing = await get(app, '/newsroom/api/nothing-here', { 'accept-encoding': 'br' });
    assert.equal(missing.res.status, 404);
    assert.equal(missing.res.headers.get('content-encoding'), null, 'a small error answer is left alone');

    const login = await get(app, '/newsroom/login');
    const css = /href="(\/newsroom\/assets\/newsroom\.[0-9a-f]+\.css)"/.exec(login.body.toString())?.[1];
    assert.ok(css, 'the login page names its stylesheet');
    const cssPlain = await get(app, css);
    for (const coding of ['br', 'gzip']) {
      const asset = await get(app, css, { 'accept-encoding': coding });
      assert.equal(asset.res.headers.get('content-encoding'), coding);
      assert.ok(varies(asset.res));
      assert.match(asset.res.headers.get('cache-control') ?? '', /immutable/);
      assert.deepEqual(asset.body, cssPlain.raw);
    }
  });

  test('/readyz, /healthz and /metrics still answer as before', async () => {
    const ready = await get(app, '/readyz', { 'accept-encoding': 'br' });
    assert.equal(ready.res.status, 200);
    assert.equal(ready.res.headers.get('content-encoding'), null, 'small: left alone');
    assert.equal((await get(app, '/healthz', { 'accept-encoding': 'br' })).res.status, 200);
    const metrics = await get(app, '/metrics', { authorization: `Bearer ${TOKEN}`, 'accept-encoding': 'gzip' });
    assert.equal(metrics.res.status, 200);
    assert.match(metrics.body.toString(), /# TYPE/);
    assert.equal((await app.request('/metrics')).status, 401);
  });
});
