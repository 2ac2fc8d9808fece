/**
 * Issue 10, items 3 and 4: the page cache under a flood of uncached URLs.
 * Renders are bounded (a gate with a bounded queue; beyond it 503 with
 * Retry-After, or an old copy), a hit never waits for a render, 404s are kept
 * briefly and purged with their story, copies are bounded by bytes and
 * evicted least recently used, and parameters a page does not read never make
 * a copy of their own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { slugify } from '../../src/content/index.js';
import { EventBus } from '../../src/events/event-bus.js';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { PageCache, type PageCacheOptions } from '../../src/site/page-cache.js';
import { DEFAULT_MAX_RENDERS } from '../../src/site/render-gate.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

const pglite = engines()[0]!;
const page = (text: string) => new Response(`<p>${text}</p>`, { headers: { 'content-type': 'text/html', 'cache-control': 'public, max-age=30' } });

/** Renders that never end until released: a database that stopped answering. */
function hangingRenders() {
  const releases: Array<() => void> = [];
  let started = 0;
  const render = async (req: Request) => {
    started++;
    await new Promise<void>((r) => releases.push(r));
    return page(new URL(req.url).pathname);
  };
  return { render, started: () => started, releaseAll: () => releases.splice(0).forEach((r) => r()) };
}

/** Whether `p` has settled after a few turns of the event loop (nothing timed: a shed answer needs no I/O at all). */
async function settledSoon<T>(p: Promise<T>): Promise<{ value: T } | 'pending'> {
  let out: { value: T } | 'pending' = 'pending';
  void p.then((value) => (out = { value }), () => undefined);
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return out;
}

const get = (cache: PageCache, path: string, render: (req: Request) => Promise<Response>) => cache.handle(new Request(`http://localhost${path}`), render);

test('with every render slot taken and the queue full: hits are served, the next miss gets 503 with Retry-After', async () => {
  const cache = new PageCache({ gate: { maxRenders: 1, maxQueue: 1 } } as PageCacheOptions);
  await (await get(cache, '/politik/heisse-meldung', async () => page('heiß'))).text();
  const db = hangingRenders();
  const first = get(cache, '/kultur', db.render); // takes the one slot
  const second = get(cache, '/welt', db.render); // waits in the queue
  await new Promise((r) => setImmediate(r));

  const third = await settledSoon(get(cache, '/sport', db.render));
  assert.notEqual(third, 'pending', 'a render beyond the queue is refused at once, not left waiting');
  const shed = (third as { value: Response }).value;
  assert.equal(shed.status, 503);
  assert.match(shed.headers.get('retry-after') ?? '', /^\d+$/);
  assert.equal(shed.headers.get('cache-control'), 'no-store');
  assert.match(await shed.text(), /noch einmal versuchen/);
  assert.equal(db.started(), 1, 'only one render ran: the gate holds the rest');

  const hit = await settledSoon(get(cache, '/politik/heisse-meldung?utm_source=x', async () => assert.fail('a hit must not render')));
  assert.notEqual(hit, 'pending', 'a hit does not wait behind the renders');
  assert.equal((hit as { value: Response }).value.headers.get('x-cache'), 'HIT');
  assert.equal(await (hit as { value: Response }).value.text(), '<p>heiß</p>');
  assert.equal(cache.shed, 1);
  assert.equal(cache.rendersInFlight, 1);
  assert.equal(cache.rendersQueued, 1);

  db.releaseAll();
  assert.equal((await first).status, 200);
  // The queued render starts once the slot frees; release it too.
  while (db.started() < 2) await new Promise((r) => setImmediate(r));
  db.releaseAll();
  assert.equal((await second).status, 200);
});

test('with every render slot taken, an old copy is served instead of waiting (stale if busy)', async () => {
  let clock = 1_000_000;
  const cache = new PageCache({ freshMs: 1_000, staleMs: 1_000, errorMs: 3_600_000, now: () => clock, gate: { maxRenders: 1, maxQueue: 10 } } as PageCacheOptions);
  await (await get(cache, '/politik', async () => page('alt'))).text();
  clock += 60_000; // past fresh and stale-while-revalidate: normally a render the reader waits for
  const db = hangingRenders();
  const blocker = get(cache, '/kultur', db.render);
  await new Promise((r) => setImmediate(r));

  const old = await settledSoon(get(cache, '/politik', db.render));
  assert.notEqual(old, 'pending', 'the reader is not queued behind the renders');
  const res = (old as { value: Response }).value;
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-cache'), 'STALE-IF-BUSY');
  assert.equal(await res.text(), '<p>alt</p>');
  db.releaseAll();
  await blocker;
  // The refresh it queued runs when the slot frees.
  while (db.started() < 2) await new Promise((r) => setImmediate(r));
  db.releaseAll();
  await cache.settled();
  assert.equal(await (await get(cache, '/politik', db.render)).text(), '<p>/politik</p>');
});

test('a page readers already asked for renders before never-seen URLs; a full queue gives up a never-seen one for it', async () => {
  let clock = 0;
  const timed = new PageCache({ freshMs: 10, staleMs: 0, errorMs: 3_600_000, now: () => clock, gate: { maxRenders: 1, maxQueue: 2 } } as PageCacheOptions);
  await (await get(timed, '/politik', async () => page('alt'))).text();
  clock = 100; // too old to serve while it refreshes
  const db = hangingRenders();
  const order: string[] = [];
  const render = async (req: Request) => {
    order.push(new URL(req.url).pathname);
    return db.render(req);
  };
  const blocker = get(timed, '/kultur', render); // takes the slot
  await new Promise((r) => setImmediate(r));
  const junk1 = get(timed, '/suche?q=a1', render);
  const junk2 = get(timed, '/suche?q=a2', render); // the queue is full now
  await new Promise((r) => setImmediate(r));
  // The known page does not wait: with the slot taken, its old copy goes out, and its refresh goes ahead of the junk.
  const known = await settledSoon(get(timed, '/politik', render));
  assert.notEqual(known, 'pending');
  assert.equal((known as { value: Response }).value.headers.get('x-cache'), 'STALE-IF-BUSY');
  const dropped = await settledSoon(junk2);
  assert.notEqual(dropped, 'pending', 'the newest never-seen URL gave its place up');
  assert.equal((dropped as { value: Response }).value.status, 503);
  for (let round = 0; round < 3; round++) {
    db.releaseAll();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  }
  db.releaseAll();
  await Promise.all([blocker, junk1]);
  await timed.settled();
  assert.deepEqual(order, ['/kultur', '/politik', '/suche'], 'the known page rendered before the never-seen one');
});

test('a change to one story on a page purges the page softly: never a hit again, but shown instead of a 503 while renders are saturated', async () => {
  const cache = new PageCache({ gate: { maxRenders: 1, maxQueue: 0 } } as PageCacheOptions);
  await (await get(cache, '/politik/andere-meldung', async () => page('Rail alt'))).text();
  await (await get(cache, '/politik/geaenderte-meldung', async () => page('Text alt'))).text();
  // Another story of the section changed: its own page must go, the rail around other pages may wait.
  cache.purge(['section:politik', 'story:geaenderte-meldung'], { hard: ['story:geaenderte-meldung'] });
  const fresh = await get(cache, '/politik/andere-meldung', async () => page('Rail neu'));
  assert.equal(fresh.headers.get('x-cache'), 'MISS', 'a softly purged copy is not a hit');
  assert.equal(await fresh.text(), '<p>Rail neu</p>');

  cache.purge(['section:politik', 'story:geaenderte-meldung'], { hard: ['story:geaenderte-meldung'] });
  const db = hangingRenders();
  const blocker = get(cache, '/kultur', db.render);
  await new Promise((r) => setImmediate(r));
  const busy = await settledSoon(get(cache, '/politik/andere-meldung', db.render));
  assert.notEqual(busy, 'pending');
  assert.equal((busy as { value: Response }).value.headers.get('x-cache'), 'STALE-IF-BUSY');
  assert.equal(await (busy as { value: Response }).value.text(), '<p>Rail neu</p>');
  // The changed story's own page was dropped: nothing old of it is ever shown.
  const own = await settledSoon(get(cache, '/politik/geaenderte-meldung', db.render));
  assert.notEqual(own, 'pending');
  assert.equal((own as { value: Response }).value.status, 503);
  // A purge without `hard` (a takedown) drops every page it names.
  cache.purge(['section:politik']);
  const gone = await settledSoon(get(cache, '/politik/andere-meldung', db.render));
  assert.equal((gone as { value: Response }).value.status, 503);
  db.releaseAll();
  await blocker;
  await cache.settled();
});

test('a hot page stays cached under a flood of junk (least recently used goes first)', async () => {
  // Room for about 100 of these pages, by bytes and (for the old code's bound) by entries.
  const body = 'x'.repeat(10_000);
  const cache = new PageCache({ maxBytes: 100 * 10_000, maxEntries: 100 } as PageCacheOptions);
  const render = async (req: Request) => page(`${new URL(req.url).pathname} ${body}`);
  await (await get(cache, '/politik/heisse-meldung', render)).text();
  let misses = 0;
  for (let i = 0; i < 2_000; i++) {
    await (await get(cache, `/politik/unsinn-${i}`, render)).text();
    if (i % 20 === 0) {
      const hot = await get(cache, '/politik/heisse-meldung', render);
      await hot.text();
      if (hot.headers.get('x-cache') !== 'HIT') misses++;
    }
  }
  assert.equal(misses, 0, 'the page read every 20 requests was never evicted');
  assert.ok(cache.size <= 100, `${cache.size} copies`);
});

test('copies are bounded by bytes, not by their number', async () => {
  const cache = new PageCache({ maxBytes: 1024 * 1024 } as PageCacheOptions);
  const body = 'y'.repeat(20_000);
  for (let i = 0; i < 200; i++) await (await get(cache, `/politik/seite-${i}`, async () => page(body))).text();
  assert.ok(cache.bytes <= 1024 * 1024, `${cache.bytes} bytes kept`);
  assert.ok(cache.bytes > 512 * 1024, 'the bound is used, not left empty');
  assert.ok(cache.entries <= 52 && cache.entries >= 25, `${cache.entries} copies of 20 KB in 1 MB`);
  // A page bigger than an eighth of the bound would push out many: it is served but not kept.
  const before = cache.entries;
  const big = await get(cache, '/politik/riesig', async () => page('z'.repeat(200_000)));
  assert.equal(big.status, 200);
  assert.equal((await big.text()).length, 200_007);
  assert.equal(cache.entries, before);
});

test('parameters a page does not read, their order and empty ones share one copy; the render sees only what the key says', async () => {
  const cache = new PageCache();
  const seen: string[] = [];
  const render = async (req: Request) => {
    const u = new URL(req.url);
    seen.push(u.pathname + u.search);
    return page(String(seen.length));
  };
  for (const path of ['/suche?q=elbe&sort=neu', '/suche?sort=neu&q=elbe', '/suche?q=elbe&rubrik=&sort=neu&utm=abc', '/suche?junk=1&q=elbe&sort=neu&junk=2']) {
    await (await get(cache, path, render)).text();
  }
  for (let i = 0; i < 50; i++) await (await get(cache, `/?utm=${i}&page=${i}`, render)).text();
  for (let i = 0; i < 50; i++) await (await get(cache, `/politik?page=${i}&ref=${'j'.repeat(1_000)}`, render)).text();
  assert.deepEqual(seen, ['/suche?q=elbe&sort=neu', '/', '/politik']);
  assert.equal(cache.entries, 3);

  // A very long key (a search of 3,000 characters) is answered but not kept.
  const long = `/suche?q=${'w'.repeat(3_000)}`;
  assert.equal((await get(cache, long, render)).status, 200);
  assert.equal((await get(cache, long, render)).headers.get('x-cache'), 'MISS');
  assert.equal(cache.entries, 3);
});

test('LEDE_MAX_RENDERS, LEDE_RENDER_QUEUE, LEDE_RENDER_WAIT_MS and LEDE_PAGE_CACHE_MB are read and checked', () => {
  const c = loadConfig({ LEDE_MAX_RENDERS: '2', LEDE_RENDER_QUEUE: '10', LEDE_RENDER_WAIT_MS: '1000', LEDE_PAGE_CACHE_MB: '16' }) as unknown as Record<string, unknown>;
  assert.deepEqual([c.maxRenders, c.renderQueue, c.renderWaitMs, c.pageCacheMb], [2, 10, 1000, 16]);
  const d = loadConfig({}) as unknown as Record<string, unknown>;
  assert.deepEqual([d.maxRenders, d.renderQueue, d.renderWaitMs, d.pageCacheMb], [DEFAULT_MAX_RENDERS, 256, 5000, 64]);
  for (const [name, value] of [['LEDE_MAX_RENDERS', '0'], ['LEDE_RENDER_QUEUE', '-1'], ['LEDE_PAGE_CACHE_MB', 'viel']]) {
    assert.throws(() => loadConfig({ [name!]: value }), (err: Error) => err.message.includes(name!), name);
  }
});

describe('a kept 404 in front of the reader site', () => {
  let db: Database;
  let cache: PageCache;
  let app: ReturnType<typeof createApp>;
  let service: StoryService;

  before(async () => {
    db = await pglite.open();
    await loadDemoContent(db, new Date('2026-11-20T12:00:00Z'));
    const events = new EventBus();
    cache = new PageCache();
    app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { pageCache: cache, events });
    service = new StoryService(db, events);
  });
  after(async () => {
    await db?.close().catch(() => undefined);
  });

  test('is served without a render, and purged when the story is published under that address', async () => {
    const headline = 'Neue Brücke über die Elbe freigegeben';
    const slug = slugify(headline);
    const first = await app.request(`/politik/${slug}`);
    assert.equal(first.status, 404);
    await first.text();
    const renders = cache.renders;
    const again = await app.request(`/politik/${slug}?utm_source=x`);
    assert.equal(again.status, 404);
    assert.equal(again.headers.get('x-cache'), 'HIT');
    assert.equal(again.headers.get('cache-control'), 'no-store', 'browsers do not keep a 404');
    assert.equal(again.headers.get('etag'), null);
    await again.text();
    // Under another section's address too.
    assert.equal((await app.request(`/kultur/${slug}`)).status, 404);
    assert.equal(cache.renders, renders + 1);

    await service.create({ headline, section: 'Politik', topics: [] }, { status: 'published' });
    const published = await app.request(`/politik/${slug}`);
    assert.equal(published.status, 200);
    assert.match(await published.text(), /Neue Brücke über die Elbe freigegeben/);
    const moved = await app.request(`/kultur/${slug}`);
    assert.equal(moved.status, 301, 'the kept 404 of the other address went with the purge');
    assert.equal(moved.headers.get('location'), `/politik/${slug}`);
  });
});
