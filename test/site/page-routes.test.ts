import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { PageCache, surrogateKeysFor } from '../../src/site/page-cache.js';
import { PAGE_ROUTE_LIST, PAGE_ROUTES, type PageRoute } from '../../src/site/page-routes.js';
import { routeMatcher } from '../../src/site/route-matcher.js';
import type { SiteReader } from '../../src/site/read-model.js';
import { createSiteRoutes } from '../../src/site/site-routes.js';

test('the site registers exactly the declared routes, in the declared order', () => {
  // Registering reads nothing: a reader that is never called will do.
  const app = createSiteRoutes({} as SiteReader, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
  const registered = app.routes.filter((r) => r.method === 'GET').map((r) => r.path);
  assert.deepEqual(registered, PAGE_ROUTE_LIST.map((r) => r.path));
});

test('the cache picks the route Hono picks', async () => {
  const hono = new Hono();
  PAGE_ROUTE_LIST.forEach((route, i) => hono.get(route.path, (c) => c.text(String(i))));
  const match = routeMatcher(PAGE_ROUTE_LIST);
  const paths = [
    '/', '/healthz', '/favicon.ico', '/feed.xml', '/atom.xml', '/feed.json', '/feed.jsonx', '/politik/feed.xml', '/politik/atom.xml',
    '/politik/feed.json', '/thema/hochwasser/atom.xml', '/thema/feed.xml', '/robots.txt', '/sitemap.xml', '/sitemaps/sections.xml',
    '/sitemaps/authors.xml', '/sitemaps/programmes.xml', '/sitemaps/news.xml', '/sitemaps/stories-1.xml', '/sitemaps/stories-0.xml',
    '/sitemaps/stories-12345678.xml', '/demo-media/elbe.svg', '/demo-media/Elbe.svg', '/thema/hochwasser', '/autor/katrin-schaefer',
    '/suche', '/programm/2022-01-21/1300', '/programm/x', '/politik', '/assets/live-ticker.0a1b2c.js', '/assets/live-ticker.js',
    '/politik/ein-ticker/live.json', '/politik/ein-artikel', '/a/b/c/d', '/politik/', '/%C3%BCber', '/%C3%BCber/feed.xml',
    '/feed%2Exml', '/thema/%C3%BCber', '/politik/100%25-sicher',
  ];
  for (const path of paths) {
    const res = await hono.request(path);
    const hit = match(path);
    assert.equal(hit ? String(PAGE_ROUTE_LIST.indexOf(hit.route)) : '404', res.status === 404 ? '404' : await res.text(), path);
  }
  assert.deepEqual(match('/%C3%BCber/feed.xml')?.params, { section: 'über', file: 'feed.xml' });
  assert.deepEqual(match('/politik/100%25-sicher')?.params, { section: 'politik', slug: '100%-sicher' });
});

test('cached routes say how long browsers keep them; keys by page type', () => {
  for (const [name, route] of Object.entries(PAGE_ROUTES) as [string, PageRoute][]) {
    if ('keys' in route.cache) assert.ok(route.cacheControl, `${name} says how long browsers keep it`);
  }
  assert.deepEqual(surrogateKeysFor('/thema/hochwasser/feed.json'), ['topic:hochwasser', 'feeds']);
  assert.deepEqual(surrogateKeysFor('/feed.json'), ['feeds']);
  assert.deepEqual(surrogateKeysFor('/suche'), ['search']);
  assert.deepEqual(surrogateKeysFor('/sitemaps/stories-1.xml'), [], 'streamed: not cached');
  assert.deepEqual(surrogateKeysFor('/healthz'), []);
  assert.deepEqual(surrogateKeysFor('/a/b/c/d'), [], 'no route takes it');
});

/** A cache in front of a render that counts its calls and echoes the URL it rendered. */
function counted() {
  const cache = new PageCache();
  const seen: string[] = [];
  const render = async (req: Request) => {
    seen.push(new URL(req.url).pathname + new URL(req.url).search);
    return new Response(`<p>${seen.length}</p>`, { headers: { 'content-type': 'text/html' } });
  };
  const get = async (path: string) => {
    const res = await cache.handle(new Request(`http://localhost${path}`), render);
    return { cache: res.headers.get('x-cache'), body: await res.text(), keys: res.headers.get('surrogate-key') };
  };
  return { cache, seen, get };
}

test('a copy is kept per path and the query parameters its route reads; others share it', async () => {
  const { get, seen } = counted();
  assert.equal((await get('/politik/ein-artikel')).cache, 'MISS');
  const tracked = await get('/politik/ein-artikel?utm_source=social&fbclid=x');
  assert.equal(tracked.cache, 'HIT', 'a story page reads no query parameter');
  assert.equal(tracked.keys, 'story:ein-artikel section:politik');

  assert.equal((await get('/politik')).cache, 'MISS');
  assert.equal((await get('/politik?vor=abc')).cache, 'MISS', 'the next page of a listing is another page');
  assert.equal((await get('/politik?utm_medium=x&vor=abc')).cache, 'HIT');
  assert.equal((await get('/politik?vor=abd')).cache, 'MISS');
  assert.equal((await get('/politik?vor=abc&vor=abd')).cache, 'HIT', 'a repeated parameter counts once, by its first value, as c.req.query() reads it');

  assert.equal((await get('/suche?q=elbe')).cache, 'MISS');
  assert.equal((await get('/suche?q=elbe&ref=home')).cache, 'HIT');
  assert.equal((await get('/suche?q=elbe&seite=2')).cache, 'MISS');
  assert.equal((await get('/suche?q=elbe&sort=neu')).cache, 'MISS');
  assert.equal((await get('/suche?%71=elbe')).cache, 'HIT', 'an escaped name is the same parameter, the same copy');
  assert.equal((await get('/suche?sort=neu&q=elbe&rubrik=')).cache, 'HIT', 'order and empty parameters do not matter');

  assert.equal((await get('/politik/ein-ticker/live.json?nach=2026-11-20T10:00:00%2B01:00')).cache, 'MISS');
  assert.equal((await get('/politik/ein-ticker/live.json?nach=2026-11-20T10:00:00%2B01:00&_=1')).cache, 'HIT');
  // The render saw the address its copy is kept under: no parameter the page does not read.
  assert.ok(seen.includes('/politik?vor=abc'));
  assert.ok(!seen.some((p) => p.includes('utm') || p.includes('ref=') || p.includes('_=')), seen.join(' '));
});

test('bypassed routes and paths no route takes reach the site every time', async () => {
  const { get, seen, cache } = counted();
  for (const path of ['/healthz', '/sitemaps/stories-1.xml', '/assets/live-ticker.0a1b.js', '/a/b/c/d', '/favicon.ico']) {
    assert.equal((await get(path)).cache, null, path);
    assert.equal((await get(path)).cache, null, path);
  }
  assert.equal(seen.length, 10);
  assert.equal(cache.size, 0);
});
