import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EventBus } from '../../src/events/event-bus.js';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { PageCache, surrogateKeysFor } from '../../src/site/page-cache.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

const pglite = engines()[0]!;

test('surrogate keys follow the page type', () => {
  assert.deepEqual(surrogateKeysFor('/'), ['home']);
  assert.deepEqual(surrogateKeysFor('/politik'), ['section:politik']);
  assert.deepEqual(surrogateKeysFor('/politik/ein-artikel'), ['story:ein-artikel', 'section:politik']);
  assert.deepEqual(surrogateKeysFor('/thema/hochwasser'), ['topic:hochwasser']);
  assert.deepEqual(surrogateKeysFor('/politik/feed.xml'), ['section:politik', 'feeds']);
  assert.deepEqual(surrogateKeysFor('/sitemaps/news.xml'), ['feeds']);
  assert.deepEqual(surrogateKeysFor('/programm/2022-01-21/1300'), ['programme']);
});

test('through a real HTTP server, uncacheable answers keep their status (404, 410, redirects)', async () => {
  // @hono/node-server swaps the global Response class; the cache must not rely on instanceof.
  const { serve } = await import('@hono/node-server');
  const { Hono } = await import('hono');
  const site = new Hono();
  site.get('/', (c) => c.html('<p>home</p>'));
  site.get('/weg', (c) => c.html('<p>weg</p>', 410));
  site.get('/alt', (c) => c.redirect('/', 301));
  const cache = new PageCache();
  const app = new Hono();
  app.all('*', (c) => cache.handle(c.req.raw, async (req) => site.fetch(req)));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const { port } = server.address() as { port: number };
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 2; i++) {
      assert.equal((await fetch(`${base}/nirgends`)).status, 404);
      assert.equal((await fetch(`${base}/weg`)).status, 410);
      assert.equal((await fetch(`${base}/alt`, { redirect: 'manual' })).status, 301);
      const home = await fetch(`${base}/`);
      assert.equal(home.status, 200);
      assert.equal(home.headers.get('x-cache'), i === 0 ? 'MISS' : 'HIT');
    }
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('a render that was running when its page was purged is served but not kept', async () => {
  const cache = new PageCache();
  let version = 'alt';
  let release: () => void = () => undefined;
  const slow = async () => {
    const seen = version; // reads the story before the write commits
    await new Promise<void>((r) => (release = r));
    return new Response(`<p>${seen}</p>`, { headers: { 'content-type': 'text/html' } });
  };
  const url = 'http://localhost/politik/eine-meldung';
  const first = cache.handle(new Request(url), slow);
  await new Promise((r) => setImmediate(r));
  // The write commits and purges while the render is still running.
  version = 'neu';
  cache.purge(['story:eine-meldung']);
  // A request after the purge does not join the stale render.
  const second = cache.handle(new Request(url), async () => new Response(`<p>${version}</p>`, { headers: { 'content-type': 'text/html' } }));
  assert.equal(await (await second).text(), '<p>neu</p>');
  release();
  assert.equal(await (await first).text(), '<p>alt</p>');
  const third = await cache.handle(new Request(url), async () => new Response('<p>nie</p>'));
  assert.equal(await third.text(), '<p>neu</p>', 'the fresh render is what the cache keeps');
  assert.equal(third.headers.get('x-cache'), 'HIT');
  // A purge of an unrelated page does not stop a render from being kept.
  let release2: () => void = () => undefined;
  const other = cache.handle(new Request('http://localhost/kultur'), async () => {
    await new Promise<void>((r) => (release2 = r));
    return new Response('<p>kultur</p>');
  });
  await new Promise((r) => setImmediate(r));
  cache.purge(['section:politik']);
  release2();
  await other;
  assert.equal((await cache.handle(new Request('http://localhost/kultur'), async () => new Response('x'))).headers.get('x-cache'), 'HIT');
});

describe('page cache in front of the reader site', () => {
  let db: Database;
  let clock = 1_000_000;
  let cache: PageCache;
  let events: EventBus;
  let app: ReturnType<typeof createApp>;
  let service: StoryService;

  before(async () => {
    db = await pglite.open();
    await loadDemoContent(db, new Date('2026-11-20T12:00:00Z'));
    cache = new PageCache({ freshMs: 30_000, staleMs: 60_000, errorMs: 3_600_000, now: () => clock });
    events = new EventBus();
    app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { pageCache: cache, events });
    service = new StoryService(db, events);
  });
  after(async () => {
    await db?.close().catch(() => undefined);
  });

  test('hits carry ETag, Surrogate-Key and the stale policy; a matching If-None-Match gets 304', async () => {
    const first = await app.request('/politik');
    assert.equal(first.headers.get('x-cache'), 'MISS');
    const body = await first.text();
    const second = await app.request('/politik');
    assert.equal(second.headers.get('x-cache'), 'HIT');
    assert.equal(await second.text(), body);
    assert.equal(second.headers.get('etag'), first.headers.get('etag'));
    assert.equal(second.headers.get('surrogate-key'), 'section:politik');
    assert.match(second.headers.get('cache-control')!, /stale-while-revalidate=\d+, stale-if-error=\d+/);
    assert.equal(second.headers.get('content-security-policy')?.includes("object-src 'none'"), true);
    const revalidated = await app.request('/politik', { headers: { 'If-None-Match': first.headers.get('etag')! } });
    assert.equal(revalidated.status, 304);
    assert.equal(await revalidated.text(), '');
  });

  test('publishing purges exactly the pages that show the story', async () => {
    const paths = ['/', '/politik', '/politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen', '/kultur', '/thema/hochwasser-an-der-elbe'];
    for (const p of paths) await (await app.request(p)).text();
    for (const p of paths) assert.equal((await app.request(p)).headers.get('x-cache'), 'HIT', p);

    await service.create({ headline: 'Eilmeldung aus dem Landtag', section: 'Politik', topics: ['Landeshaushalt'] }, { status: 'published' });

    const home = await app.request('/');
    assert.equal(home.headers.get('x-cache'), 'MISS');
    assert.match(await home.text(), /Eilmeldung aus dem Landtag/);
    const section = await app.request('/politik');
    assert.match(await section.text(), /Eilmeldung aus dem Landtag/);
    // The rail of another Politik story shows it at once.
    const rail = await app.request('/politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen');
    assert.equal(rail.headers.get('x-cache'), 'MISS');
    assert.match(await rail.text(), /Eilmeldung aus dem Landtag/);
    // Pages that cannot show it stay cached.
    assert.equal((await app.request('/kultur')).headers.get('x-cache'), 'HIT');
    assert.equal((await app.request('/thema/hochwasser-an-der-elbe')).headers.get('x-cache'), 'HIT');
    // Drafts purge nothing and show nowhere.
    await service.create({ headline: 'Entwurf bleibt intern', section: 'Kultur' });
    const kultur = await app.request('/kultur');
    assert.equal(kultur.headers.get('x-cache'), 'HIT');
    assert.doesNotMatch(await kultur.text(), /Entwurf bleibt intern/);
  });

  test('concurrent misses for one page render it once', async () => {
    const before = cache.renders;
    const responses = await Promise.all(Array.from({ length: 12 }, () => app.request('/welt')));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    assert.equal(cache.renders - before, 1);
    assert.ok(bodies.every((b) => b === bodies[0] && b.includes('<h1>Welt</h1>')));
  });

  test('after freshness runs out a stale copy is served while one render refreshes it', async () => {
    await (await app.request('/welt')).text();
    clock += 31_000;
    const before = cache.renders;
    const stale = await app.request('/welt');
    assert.equal(stale.headers.get('x-cache'), 'STALE');
    await stale.text();
    await cache.settled();
    assert.equal(cache.renders - before, 1, 'one background render');
    assert.equal((await app.request('/welt')).headers.get('x-cache'), 'HIT');
  });

  test('with the database gone, cached pages are served stale and uncached ones get a friendly 503', async () => {
    await (await app.request('/kultur')).text();
    await cache.settled(); // a background refresh must not land after the clock moves on
    clock += 120_000; // past fresh and stale-while-revalidate, within stale-if-error
    await db.close();
    const original = console.error;
    console.error = () => undefined;
    try {
      const cached = await app.request('/kultur');
      assert.equal(cached.status, 200);
      assert.equal(cached.headers.get('x-cache'), 'STALE-IF-ERROR');
      assert.match(await cached.text(), /<h1>Kultur<\/h1>/);
      const uncached = await app.request('/sachsen-anhalt/ein-tag-im-krisenstab');
      assert.equal(uncached.status, 503);
      assert.match(await uncached.text(), /Vorübergehend nicht erreichbar/);
    } finally {
      console.error = original;
    }
  });
});
