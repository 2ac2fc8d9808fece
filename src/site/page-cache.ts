import { createHash } from 'node:crypto';
import { slugify } from '../content/index.js';
import { EXPIRES_HEADER, KEYS_HEADER, assetKey } from './page-assets.js';
import { PAGE_ROUTE_LIST, type PageRoute } from './page-routes.js';
import { routeMatcher, type RouteMatch } from './route-matcher.js';
import { SURROGATE } from './surrogate-keys.js';

/**
 * The reader site's page cache: rendered responses kept in memory, tagged with
 * surrogate keys (home, section:…, story:…, topic:…, author:…, feeds) and purged by
 * domain events, so a page is fresh the moment a story on it changes.
 *
 * - fresh for `freshMs`; then served stale while one background render
 *   refreshes it (stale-while-revalidate), up to `staleMs`;
 * - when a render fails (database gone: 5xx), a stale copy up to `errorMs` old
 *   is served instead (stale-if-error), so the site stays up;
 * - concurrent misses for one URL render once (request coalescing);
 * - ETag on every cached response, 304 for a matching If-None-Match.
 * The same policy goes out in Cache-Control and Surrogate-Key headers, so a CDN
 * in front can cache and purge the same way.
 *
 * What to cache and under which keys is declared by each route (page-routes.ts):
 * the cache finds a request's route in that table; a route marked `bypass`, or
 * a path no route takes, goes to the site untouched. A copy is kept per path
 * plus the query parameters the route reads (so `?utm_source=…` shares the
 * page's copy), tagged with the surrogate keys the route declares.
 * More keys come from the rendered response:
 * the site adds `asset:<id>` for every media library picture a page names
 * (X-Lede-Keys) and the instant one of their rights begins or ends
 * (X-Lede-Expires), after which the copy is not served at all, not even
 * stale. Both headers are read and stripped here; Surrogate-Key carries all keys.
 */
export interface PageCacheOptions {
  freshMs?: number;
  staleMs?: number;
  errorMs?: number;
  maxEntries?: number;
  now?: () => number;
  /** The routes whose declarations the cache follows (default: the reader site's, PAGE_ROUTES). */
  routes?: readonly PageRoute[];
}

interface Entry {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
  etag: string;
  keys: string[];
  storedAt: number;
  /** Never served at or after this instant (a picture's rights begin or end then). */
  expiresAt: number;
}

type Render = (req: Request) => Promise<Response>;

/**
 * A render's outcome: a cache entry, or a response that is passed through.
 * Told apart by the wrapper, not by `instanceof Response`: @hono/node-server
 * replaces the global Response, so a clone can be of another class.
 */
type Outcome = { entry: Entry } | { pass: Response };

const siteRoutes = routeMatcher(PAGE_ROUTE_LIST);

/** Surrogate keys of a page, as its route declares them (none for a path that is not cached). */
export function surrogateKeysFor(pathname: string): string[] {
  return keysOf(siteRoutes(pathname)) ?? [];
}

/** A match's surrogate keys, or undefined when the route is not cached. */
function keysOf(match: RouteMatch | undefined): string[] | undefined {
  if (!match || 'bypass' in match.route.cache) return undefined;
  return match.route.cache.keys(match.params);
}

/**
 * Where a copy is kept: the path, plus those query parameters the route reads
 * (as sent, in their order; any other parameter does not change the page).
 */
function cacheKey(pathname: string, search: string, query: readonly string[] | undefined): string {
  if (!search || !query?.length) return pathname;
  const kept = search.slice(1).split('&').filter((part) => query.includes(parameterName(part)));
  return kept.length ? `${pathname}?${kept.join('&')}` : pathname;
}

/** A query part's name, decoded as c.req.query() reads it. */
function parameterName(part: string): string {
  const eq = part.indexOf('=');
  const raw = eq === -1 ? part : part.slice(0, eq);
  if (!/[%+]/.test(raw)) return raw;
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** The internal headers a rendered response hands the cache, removed before anything leaves the server. */
export function withoutInternalHeaders(res: Response): Response {
  if (!res.headers.has(KEYS_HEADER) && !res.headers.has(EXPIRES_HEADER)) return res;
  const headers = new Headers(res.headers);
  headers.delete(KEYS_HEADER);
  headers.delete(EXPIRES_HEADER);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

/**
 * Every page that can show a story: what a change to it must purge. A
 * picture's `asset.updated` purges exactly the pages that name it.
 */
export function purgeKeysFor(event: { type?: string; assetId?: unknown; slug: string; sectionSlug: string; topics: string[]; authors?: string[] }): string[] {
  if (event.type === 'asset.updated') return typeof event.assetId === 'string' && event.assetId ? [assetKey(event.assetId)] : [];
  // `authors` may be missing (events from a node older than author pages) or, relayed from another node, not what we expect.
  const authors = Array.isArray(event.authors) ? event.authors.filter((a): a is string => typeof a === 'string') : [];
  return [
    SURROGATE.home, SURROGATE.feeds, SURROGATE.search, SURROGATE.programme, SURROGATE.section(event.sectionSlug), SURROGATE.story(event.slug),
    ...event.topics.map((t) => SURROGATE.topic(slugify(t))), ...authors.map((a) => SURROGATE.author(a)),
  ];
}

/**
 * Browsers revalidate every time (max-age=0: a cheap 304 against the ETag), so
 * a returning reader never sees a page older than the last purge; shared
 * caches (a CDN purging by Surrogate-Key) keep it 30 s, then serve stale while
 * revalidating, and for a day while the origin is down.
 */
export const CACHE_CONTROL = 'public, max-age=0, s-maxage=30, stale-while-revalidate=600, stale-if-error=86400';

/**
 * CACHE_CONTROL, with every shared-cache lifetime (fresh, stale while
 * revalidating, stale on error) cut so none reaches past `expiresAt`: a CDN
 * never shows a picture past the end of its rights, even without a purge.
 */
export function cacheControlUntil(expiresAt: number, now: number): string {
  const left = Math.floor((expiresAt - now) / 1000);
  if (!(left < 30 + 86_400)) return CACHE_CONTROL;
  const fresh = Math.max(0, Math.min(30, left));
  const rest = Math.max(0, left - fresh);
  return `public, max-age=0, s-maxage=${fresh}, stale-while-revalidate=${Math.min(600, rest)}, stale-if-error=${Math.min(86_400, rest)}`;
}

export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #inflight = new Map<string, { promise: Promise<Outcome>; keys: string[] }>();
  #purgeSeq = 0;
  readonly #recentPurges: Array<{ seq: number; keys: Set<string> | 'all' }> = [];
  readonly #fresh: number;
  readonly #stale: number;
  readonly #error: number;
  readonly #max: number;
  readonly #now: () => number;
  readonly #routes: (pathname: string) => RouteMatch | undefined;
  /** Renders actually performed (coalesced misses count once); for tests and diagnostics. */
  renders = 0;

  constructor(opts: PageCacheOptions = {}) {
    this.#fresh = opts.freshMs ?? 30_000;
    this.#stale = opts.staleMs ?? 600_000;
    this.#error = opts.errorMs ?? 86_400_000;
    this.#max = opts.maxEntries ?? 5_000;
    this.#now = opts.now ?? Date.now;
    this.#routes = opts.routes ? routeMatcher(opts.routes) : siteRoutes;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Drops every page tagged with any of `keys`; returns how many. */
  purge(keys: string[]): number {
    const wanted = new Set(keys);
    this.#notePurge(wanted);
    let n = 0;
    for (const [url, e] of this.#entries) {
      if (e.keys.some((k) => wanted.has(k))) {
        this.#entries.delete(url);
        n++;
      }
    }
    return n;
  }

  /**
   * Drops every page; returns how many. For when purge events may have been
   * missed (another node's, while the connection that carries them was down).
   */
  purgeAll(): number {
    this.#notePurge('all');
    const n = this.#entries.size;
    this.#entries.clear();
    return n;
  }

  /**
   * Purges are numbered and the last few remembered, so a render that was
   * already running when its page was purged (it may have read the old
   * story) is handed out but not stored; renders that start after the purge
   * do not join it either.
   */
  #notePurge(keys: Set<string> | 'all'): void {
    this.#purgeSeq++;
    this.#recentPurges.push({ seq: this.#purgeSeq, keys });
    if (this.#recentPurges.length > 256) this.#recentPurges.shift();
    // A render's asset keys are known only when it ends: an asset purge lets no one join a running render.
    const assets = keys !== 'all' && [...keys].some((k) => k.startsWith('asset:'));
    for (const [url, p] of this.#inflight) if (keys === 'all' || assets || p.keys.some((k) => keys.has(k))) this.#inflight.delete(url);
  }

  /** Whether a purge since `seq` touched any of `keys` (or could have: too long ago to know). */
  #purgedSince(seq: number, keys: string[]): boolean {
    if (seq === this.#purgeSeq) return false;
    const oldest = this.#recentPurges[0];
    if (!oldest || oldest.seq > seq + 1) return true;
    return this.#recentPurges.some((p) => p.seq > seq && (p.keys === 'all' || keys.some((k) => (p.keys as Set<string>).has(k))));
  }

  /** Resolves when every render under way (background refreshes too) has finished, stored or not. */
  async settled(): Promise<void> {
    while (this.#inflight.size) await Promise.allSettled([...this.#inflight.values()].map((p) => p.promise));
  }

  /** Serves `req` from the cache or through `render`, following the policy above. */
  async handle(req: Request, render: Render): Promise<Response> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return render(req);
    const url = new URL(req.url);
    const match = this.#routes(url.pathname);
    if (!match || 'bypass' in match.route.cache) return render(req);
    const key = cacheKey(url.pathname, url.search, match.route.cache.query);
    let entry = this.#entries.get(key);
    if (entry && this.#now() >= entry.expiresAt) {
      // A picture's rights began or ended since it was rendered: this copy is wrong, not just old.
      this.#entries.delete(key);
      entry = undefined;
    }
    const age = entry ? this.#now() - entry.storedAt : Infinity;

    if (entry && age < this.#fresh) return this.#respond(req, entry, 'HIT');
    if (entry && age < this.#fresh + this.#stale) {
      // Serve at once; one background render brings the copy up to date.
      void this.#renderOnce(key, match, req, render).catch(() => undefined);
      return this.#respond(req, entry, 'STALE');
    }
    let result: Outcome;
    try {
      result = await this.#renderOnce(key, match, req, render);
    } catch (err) {
      if (entry && age < this.#error) return this.#respond(req, entry, 'STALE-IF-ERROR');
      throw err;
    }
    if ('pass' in result) {
      if (result.pass.status >= 500 && entry && age < this.#error) return this.#respond(req, entry, 'STALE-IF-ERROR');
      return withoutInternalHeaders(result.pass);
    }
    return this.#respond(req, result.entry, 'MISS');
  }

  /** One render per URL at a time; every waiter gets the same outcome. */
  #renderOnce(key: string, match: RouteMatch, req: Request, render: Render): Promise<Outcome> {
    let pending = this.#inflight.get(key);
    if (!pending) {
      const pathKeys = keysOf(match) ?? [];
      const startedAt = this.#purgeSeq;
      const promise = (async (): Promise<Outcome> => {
        this.renders++;
        const res = await render(new Request(req.url, { method: 'GET', headers: req.headers }));
        const noStore = /no-store|private/.test(res.headers.get('cache-control') ?? '');
        if (res.status !== 200 || noStore) {
          // Not cacheable (404, 5xx, redirects): give each waiter its own copy of the body.
          const body = await res.arrayBuffer();
          return { pass: new Response(body, { status: res.status, headers: res.headers }) };
        }
        const body = await res.arrayBuffer();
        const added = (res.headers.get(KEYS_HEADER) ?? '').split(/\s+/).filter((k) => /^asset:[0-9a-f-]{36}$/.test(k));
        const keys = added.length ? [...pathKeys, ...added] : pathKeys;
        const expires = Number(res.headers.get(EXPIRES_HEADER));
        const entry: Entry = {
          status: res.status,
          headers: [...res.headers.entries()].filter(([k]) => !/^(cache-control|etag|age|surrogate-key|x-cache|content-length|x-lede-keys|x-lede-expires)$/i.test(k)),
          body,
          etag: `"${createHash('sha1').update(new Uint8Array(body)).digest('base64url').slice(0, 22)}"`,
          keys,
          storedAt: this.#now(),
          expiresAt: expires > 0 ? expires : Infinity,
        };
        if (!this.#purgedSince(startedAt, keys)) this.#store(key, entry);
        return { entry };
      })().finally(() => {
        if (this.#inflight.get(key)?.promise === promise) this.#inflight.delete(key);
      });
      pending = { promise, keys: pathKeys };
      this.#inflight.set(key, pending);
    }
    return pending.promise.then((r) => ('pass' in r ? { pass: r.pass.clone() } : r));
  }

  #store(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    // Oldest-inserted first: a plain Map keeps insertion order, good enough as LRU-by-refresh.
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
  }

  #respond(req: Request, e: Entry, state: string): Response {
    const headers = new Headers(e.headers);
    headers.set('ETag', e.etag);
    headers.set('Cache-Control', cacheControlUntil(e.expiresAt, this.#now()));
    headers.set('Surrogate-Key', e.keys.join(' '));
    headers.set('Age', String(Math.max(0, Math.floor((this.#now() - e.storedAt) / 1000))));
    headers.set('X-Cache', state);
    const inm = req.headers.get('if-none-match');
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === e.etag)) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(req.method === 'HEAD' ? null : e.body, { status: e.status, headers });
  }
}
