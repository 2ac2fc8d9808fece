import { createHash } from 'node:crypto';
import { topicSlug } from '../content/index.js';
import { EXPIRES_HEADER, KEYS_HEADER, assetKey } from './page-assets.js';
import { PAGE_ROUTE_LIST, type PageRoute } from './page-routes.js';
import { routeMatcher, type RouteMatch } from './route-matcher.js';
import { PieceStore, type StoredBody } from './piece-store.js';
import { fillSlot, findSlot, withBanner, type BannerSource } from './banner.js';
import { deflatePiece, gzipSplit, gzipSplitSync, sliceViews, trailer } from './gzip-splice.js';
import zlib from 'node:zlib';
import { RenderGate, isRenderShed, type RenderGateOptions } from './render-gate.js';
import { SURROGATE } from './surrogate-keys.js';
import {
  MIN_COMPRESS_BYTES, acceptsGzip, encodeFast, encodeStored, etagFor, isCompressibleType, matchesIfNoneMatch, negotiate, varyWithAcceptEncoding, type Coding,
} from './content-encoding.js';

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
 * - renders go through a RenderGate (a few at once, a bounded queue): when it
 *   is full a request gets an old copy if one is kept (up to `errorMs`), else
 *   a small 503 with Retry-After; a hit never waits for it;
 * - 404/410 answers are kept for `negativeMs` under the route's keys, so the
 *   story:… purge of a publication clears a kept 404 of its address;
 * - bounded by bytes (`maxBytes`), least recently used evicted first;
 * - ETag on every cached response, 304 for a matching If-None-Match;
 * - a text page (HTML, XML, JSON…) of 1 KB or more is compressed once when
 *   stored, gzip and brotli at their best settings (content-encoding.ts), and
 *   each request gets the coding its Accept-Encoding prefers, with an ETag of
 *   its own (`"…-br"`, `"…-gz"`) and `Vary: Accept-Encoding`. All three bodies
 *   count against the byte bound.
 * The same policy goes out in Cache-Control and Surrogate-Key headers, so a CDN
 * in front can cache and purge the same way.
 *
 * What to cache and under which keys is declared by each route (page-routes.ts):
 * the cache finds a request's route in that table; a route marked `bypass`, or
 * a path no route takes, goes to the site untouched (through the render gate
 * when it may read the database). A copy is kept per path plus the query
 * parameters the route reads (cacheKey: so `?utm_source=…` and junk share the
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
  /** How long a 404/410 (or a refused search) is kept: a flood of the same missing page renders once per this (0: never kept). */
  negativeMs?: number;
  /** Most bytes the copies may take, bodies, keys and headers counted (LEDE_PAGE_CACHE_MB). */
  maxBytes?: number;
  /** The bound on concurrent renders, or its options (LEDE_MAX_RENDERS, LEDE_RENDER_QUEUE, LEDE_RENDER_WAIT_MS). */
  gate?: RenderGate | RenderGateOptions;
  /** Seconds a 503 for lack of capacity asks the client to wait (Retry-After). */
  retryAfterS?: number;
  now?: () => number;
  /** The routes whose declarations the cache follows (default: the reader site's, PAGE_ROUTES). */
  routes?: readonly PageRoute[];
  /**
   * The breaking banner (banner.ts). HTML pages are kept with the banner slot
   * empty and the banner is laid into the answer as it goes out (plain: one
   * more view; gzip: one more deflate piece and a new trailer, gzip-splice.ts),
   * so a change reaches every kept page at once, without a purge or a
   * re-render, and nothing is compressed again.
   */
  banner?: BannerSource;
}

export const DEFAULT_PAGE_CACHE_MB = 64;

interface Entry {
  status: number;
  headers: [string, string][];
  /** The body as rendered; empty in a kept copy, whose bytes are in `kept`. */
  body: ArrayBuffer;
  /** The body compressed, kept beside it (a text page of MIN_COMPRESS_BYTES or more). */
  gzip?: Buffer;
  br?: Buffer;
  /** A copy in the cache: its bodies in the piece store (piece-store.ts), per coding. */
  kept?: KeptBodies;
  /** A text answer: every copy of it goes out with `Vary: Accept-Encoding`, whichever coding it has. */
  varies?: true;
  etag: string;
  keys: string[];
  storedAt: number;
  /** Never served at or after this instant (a picture's rights begin or end then). */
  expiresAt: number;
  /** A 404/410/400 kept briefly: served only while younger than negativeMs, never stale, with the site's own Cache-Control. */
  negative?: string;
  /** What the copy costs in memory, roughly (body, key, headers, keys). */
  bytes: number;
  /** Purged, but only for something else on the page (hardPurgeKeysFor): never a hit, shown only while renders are saturated. */
  purged?: true;
  /** Per coding, the headers a fresh hit goes out with (all but Age), built on the first fast hit (wireHit). */
  wire?: Partial<Record<Coding, WireCopy>>;
  /** An HTML page's (empty) banner slot: its byte offset in the plain body and the page's language. */
  slot?: { start: number; lang: string };
  /** Its gzip body is split at the slot (gzip-splice.ts): where the second part begins, the CRC-32 before the slot. */
  gzSplit?: { at: number; crcPrefix: number };
  /** The copy with the current banner, per banner generation (views into its pieces plus the banner's own bytes). */
  withBanner?: BannerCopy;
}

/** A kept page as it goes out while a banner is up: no brotli (it cannot be spliced), gzip and plain. */
interface BannerCopy {
  generation: number;
  /** No banner for this page now: serve the kept bodies as they are. */
  none?: true;
  identity?: { views: Buffer[]; length: number };
  gzip?: { views: Buffer[]; length: number };
  etag?: string;
  wire?: Partial<Record<Coding, { headers: string[]; etag: string }>>;
}

/** A banner's bytes as every page shares them: plain, as a deflate piece, and a short hash for the ETag. */
interface BannerBytes {
  plain: Buffer;
  deflated: Buffer;
  tag: string;
}

interface KeptBodies {
  identity: StoredBody;
  gzip?: StoredBody;
  br?: StoredBody;
}

/** What the cache's map holds: every copy in it has its bodies in the piece store. */
type KeptEntry = Entry & { kept: KeptBodies };

/** `act` on each body a kept copy has (plain, and gzip and brotli when it has them). */
function eachBody(kept: KeptBodies, act: (body: StoredBody) => void): void {
  act(kept.identity);
  if (kept.gzip) act(kept.gzip);
  if (kept.br) act(kept.br);
}

interface WireCopy {
  headers: string[];
  body: StoredBody;
  etag: string;
}

/**
 * A fresh copy as it goes on the wire, for the server's fast path
 * (src/server/fast-hits.ts), which writes it without a Request, a Response or
 * the app's middleware. Everything the slow path's HIT carries is here except
 * what the server adds itself (security headers, Age is here).
 */
export interface WireHit {
  status: number;
  /** Flat name, value, name, value…, as ServerResponse.writeHead takes them; names in lower case. */
  headers: string[];
  /** The body, in pieces to write in order; undefined for HEAD and 304. */
  body: readonly Buffer[] | undefined;
  /** Bytes of the body a GET gets (Content-Length, also for HEAD). */
  length: number;
  /**
   * With a body: to call once the response has closed (sent or aborted). Until
   * then the cache does not reuse the pieces, even if it drops the copy.
   */
  release?: () => void;
}

/**
 * Paths the fast path may look up as they came: segments of unreserved
 * characters that do not begin with a dot. The URL parser leaves such a path
 * as it is, so the raw path is the key the slow path computes; anything else
 * (percent escapes, dot segments, `//`, backslashes) goes the slow way.
 */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*\/?$/;

/** Copies compressed with the best settings at once; more new copies meanwhile get the fast settings. */
const MAX_BEST_COMPRESSIONS = 2;

/** Answers kept briefly although the site marks them no-store: they are cheap to keep and a flood of them is not. */
const NEGATIVE_STATUSES = new Set([400, 404, 410]);
/** The body field of a kept copy: its bytes are in the piece store. */
const EMPTY_BODY = new ArrayBuffer(0);

/** A rough per-entry overhead (the Map slot, the objects) on top of the bytes counted. */
const ENTRY_OVERHEAD = 256;

type Render = (req: Request) => Promise<Response>;

/**
 * A render's outcome: a cache entry, or a response that is passed through.
 * Told apart by the wrapper, not by `instanceof Response`: @hono/node-server
 * replaces the global Response, so a clone can be of another class.
 */
type Outcome = { entry: Entry } | { pass: Response };

/** The reader site's route table as a matcher: one per process, shared by the cache and the request log (each keeps a memo). */
export const matchPageRoute = routeMatcher(PAGE_ROUTE_LIST);

/** Surrogate keys of a page, as its route declares them (none for a path that is not cached). */
export function surrogateKeysFor(pathname: string): string[] {
  return keysOf(matchPageRoute(pathname)) ?? [];
}

/** A match's surrogate keys, or undefined when the route is not cached. */
function keysOf(match: RouteMatch | undefined): string[] | undefined {
  if (!match || 'bypass' in match.route.cache) return undefined;
  return match.route.cache.keys(match.params);
}

/** Longest cache key kept (path plus the parameters the page reads); longer URLs are rendered but never stored. */
export const MAX_KEY_LENGTH = 2_048;

/**
 * Where a copy is kept, and the URL its render sees: the path plus those query
 * parameters the route reads, each once (the first value, as c.req.query()
 * reads it), empty ones left out, sorted by name. Any other parameter does not
 * change the page, so `?utm_source=…`, junk parameters and their order all
 * share one copy, and the page is rendered from exactly what its key says.
 */
export function cacheKey(pathname: string, params: URLSearchParams, query: readonly string[] | undefined): string {
  if (!query?.length || !params.size) return pathname;
  const kept = new URLSearchParams();
  for (const name of [...query].sort()) {
    const value = params.get(name);
    if (value) kept.append(name, value);
  }
  const search = kept.toString();
  return search ? `${pathname}?${search}` : pathname;
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
    ...event.topics.map((t) => SURROGATE.topic(topicSlug(t))), ...authors.map((a) => SURROGATE.author(a)),
  ];
}

/**
 * Of the pages an event purges, those that must never be shown again, not even
 * under overload: undefined means all of them (a takedown, a picture's rights,
 * a topic's own page). A story that is published or changed makes its own page
 * wrong; on every other page it is one teaser among many, and while renders are
 * saturated such a page may be shown as it was a moment ago rather than a 503
 * (the cache keeps it as "purged" and serves it only then).
 */
export function hardPurgeKeysFor(event: { type?: string; slug: string }): string[] | undefined {
  if (event.type === 'story.published' || event.type === 'story.updated') return [SURROGATE.story(event.slug)];
  return undefined;
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

/**
 * A key as a header token: keys come from path parameters, and a junk address
 * (`/thema/%00`, a kept 404) must not make a header Node refuses to send.
 */
function headerSafeKey(key: string): string {
  return /^[\x21-\x7e]+$/.test(key) ? key : encodeURIComponent(key);
}

/** The small page a request gets when no render slot is free and no copy is kept: no database, no template. */
const BUSY_PAGE = '<!doctype html><html lang="de"><meta charset="utf-8"><title>503 – Überlastet</title>'
  + '<h1>Gerade sehr viel los</h1><p>Die Seite kann im Moment nicht erstellt werden. Bitte in ein paar Sekunden noch einmal versuchen.</p></html>';

export class PageCache {
  /** Least recently used first: a hit moves its copy to the back, eviction takes from the front. */
  readonly #entries = new Map<string, KeptEntry>();
  readonly #inflight = new Map<string, { promise: Promise<Outcome>; keys: string[] }>();
  #purgeSeq = 0;
  readonly #recentPurges: Array<{ seq: number; keys: Set<string> | 'all' }> = [];
  readonly #fresh: number;
  readonly #stale: number;
  readonly #error: number;
  readonly #negative: number;
  readonly #maxBytes: number;
  readonly #gate: RenderGate;
  readonly #retryAfter: number;
  readonly #now: () => number;
  readonly #routes: (pathname: string) => RouteMatch | undefined;
  #bytes = 0;
  #hits = 0;
  #misses = 0;
  #staleServed = 0;
  #shed = 0;
  /** Renders actually performed (coalesced misses count once); for tests and diagnostics. */
  renders = 0;
  /** Compressions performed for copies (one per coding per stored copy); for tests and diagnostics. */
  compressions = 0;
  /** Of those, the ones done with the fast settings because best-settings compressions were already running. */
  fastCompressions = 0;
  /** Copies being compressed with the best settings right now. */
  #compressing = 0;
  readonly #pieces = new PieceStore();
  #banner: BannerSource | undefined;
  /** The banner's bytes per page language (cleared when the banner changes). */
  readonly #bannerBytes = new Map<string, BannerBytes>();
  #bannerBytesGeneration = -1;

  constructor(opts: PageCacheOptions = {}) {
    this.#banner = opts.banner;
    this.#fresh = opts.freshMs ?? 30_000;
    this.#stale = opts.staleMs ?? 600_000;
    this.#error = opts.errorMs ?? 86_400_000;
    this.#negative = opts.negativeMs ?? 15_000;
    this.#maxBytes = opts.maxBytes ?? DEFAULT_PAGE_CACHE_MB * 1024 * 1024;
    this.#gate = opts.gate instanceof RenderGate ? opts.gate : new RenderGate(opts.gate);
    this.#retryAfter = opts.retryAfterS ?? 5;
    this.#now = opts.now ?? Date.now;
    this.#routes = opts.routes ? routeMatcher(opts.routes) : matchPageRoute;
  }

  /** The banner to put into pages (createApp gives its own when the cache was made without one). */
  useBanner(banner: BannerSource): void {
    this.#banner ??= banner;
  }

  /** Copies kept. */
  get size(): number {
    return this.#entries.size;
  }

  /** Copies kept (the same as size; named for metrics). */
  get entries(): number {
    return this.#entries.size;
  }

  /** Bytes the copies take, as counted against maxBytes. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Bytes of the blocks the copies' bodies are cut from (allocated as needed, then kept and reused). */
  get reservedBytes(): number {
    return this.#pieces.reservedBytes;
  }

  /** Requests answered from a fresh copy. */
  get hits(): number {
    return this.#hits;
  }

  /** Requests that waited for a render (coalesced waiters each count). */
  get misses(): number {
    return this.#misses;
  }

  /** Requests answered from an old copy: while it refreshes, while the database fails, or while renders are saturated. */
  get stale(): number {
    return this.#staleServed;
  }

  /** Requests answered 503 because no render slot was free and no copy was kept. */
  get shed(): number {
    return this.#shed;
  }

  /**
   * Runs other database-bound work (the content API's uncached answers)
   * through the same render gate as pages: one bound on what a flood of
   * uncached requests may take from the database and the event loop.
   * Rejects with RenderShed when no slot comes in time.
   */
  runGated<T>(fn: () => Promise<T>): Promise<T> {
    return this.#gate.run(fn);
  }

  /** Renders running now. */
  get rendersInFlight(): number {
    return this.#gate.inFlight;
  }

  /** Renders waiting for a slot. */
  get rendersQueued(): number {
    return this.#gate.queued;
  }

  /**
   * Purges every page tagged with any of `keys`; returns how many. With
   * `hard`, a page tagged with none of those is kept as "purged": it is never
   * served as a hit again, only instead of a 503 while renders are saturated.
   */
  purge(keys: string[], opts: { hard?: readonly string[] } = {}): number {
    const wanted = new Set(keys);
    this.#notePurge(wanted);
    let n = 0;
    for (const [url, e] of this.#entries) {
      if (e.keys.some((k) => wanted.has(k))) {
        if (opts.hard && e.negative === undefined && !e.keys.some((k) => opts.hard!.includes(k))) e.purged = true;
        else this.#drop(url, e);
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
    for (const e of this.#entries.values()) eachBody(e.kept, (b) => this.#pieces.drop(b));
    this.#entries.clear();
    this.#bytes = 0;
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

  /**
   * Serves `req` from the cache or through `render`, following the policy above.
   * A copy is looked up before anything else happens, so a hit never waits for
   * a render or the database; renders go through the render gate.
   */
  async handle(req: Request, render: Render): Promise<Response> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return render(req);
    const url = new URL(req.url);
    const match = this.#routes(url.pathname);
    // A path no route takes is the 404 page: rendered through the gate, never kept (each junk path is new anyway).
    if (!match) return this.#gated(req, render);
    const policy = match.route.cache;
    if ('bypass' in policy) return policy.gate ? this.#gated(req, render) : render(req);
    const key = cacheKey(url.pathname, url.searchParams, policy.query);
    let entry = this.#entries.get(key);
    const now = this.#now();
    if (entry && (now >= entry.expiresAt || (entry.negative !== undefined && now - entry.storedAt >= this.#negative))) {
      // A picture's rights began or ended since it was rendered (this copy is wrong, not just old), or a kept 404 has had its time.
      this.#drop(key, entry);
      entry = undefined;
    }
    const age = entry ? now - entry.storedAt : Infinity;

    const current = entry && !entry.purged;
    if (entry && current && (age < this.#fresh || entry.negative !== undefined)) {
      this.#hits++;
      this.#gate.noteHit();
      return this.#respond(req, this.#touch(key, entry), 'HIT');
    }
    if (entry && current && age < this.#fresh + this.#stale) {
      // Serve at once; one background render brings the copy up to date.
      this.#staleServed++;
      void this.#renderOnce(key, match, url, req, render, true).catch(() => undefined);
      return this.#respond(req, this.#touch(key, entry), 'STALE');
    }
    if (entry && age < this.#error && this.#gate.saturated) {
      // Every render slot is taken: an old copy now beats waiting in the queue; it refreshes when a slot frees.
      this.#staleServed++;
      void this.#renderOnce(key, match, url, req, render, true).catch(() => undefined);
      return this.#respond(req, this.#touch(key, entry), 'STALE-IF-BUSY');
    }
    this.#misses++;
    // The old copy may be the answer after the render (it failed or was shed): its bytes stay put until then.
    const held = entry?.kept;
    if (held) eachBody(held, (b) => this.#pieces.hold(b));
    try {
      let result: Outcome;
      try {
        // A page with a copy (old or purged) is one readers ask for: it renders before never-seen URLs.
        result = await this.#renderOnce(key, match, url, req, render, entry !== undefined);
      } catch (err) {
        if (entry && age < this.#error) {
          this.#staleServed++;
          return this.#respond(req, entry, isRenderShed(err) ? 'STALE-IF-BUSY' : 'STALE-IF-ERROR');
        }
        if (isRenderShed(err)) return this.#busy();
        throw err;
      }
      if ('pass' in result) {
        if (result.pass.status >= 500 && entry && age < this.#error) {
          this.#staleServed++;
          return this.#respond(req, entry, 'STALE-IF-ERROR');
        }
        return withoutInternalHeaders(result.pass);
      }
      return this.#respond(req, result.entry, 'MISS');
    } finally {
      if (held) eachBody(held, (b) => this.#pieces.release(b));
    }
  }

  /**
   * The fresh copy a plain GET or HEAD would get as a HIT, ready to write;
   * undefined whenever handle() has more to decide (no copy, old, purged,
   * expired, a kept 404, a path or query the cache would normalise), and the
   * request must go the slow way. Counts as a hit and moves the copy to the
   * back of the eviction order, as handle() does.
   */
  wireHit(method: string, rawUrl: string, acceptEncoding: string | undefined, ifNoneMatch: string | undefined): WireHit | undefined {
    if (method !== 'GET' && method !== 'HEAD') return undefined;
    const q = rawUrl.indexOf('?');
    const pathname = q < 0 ? rawUrl : rawUrl.slice(0, q);
    if (!PLAIN_PATH.test(pathname)) return undefined;
    const match = this.#routes(pathname);
    if (!match || 'bypass' in match.route.cache) return undefined;
    // A route that reads parameters keys its copies by them: the slow path sorts them out.
    if (q >= 0 && match.route.cache.query?.length) return undefined;
    const entry = this.#entries.get(pathname);
    if (!entry || entry.purged || entry.negative !== undefined) return undefined;
    const now = this.#now();
    const age = now - entry.storedAt;
    if (now >= entry.expiresAt || !(age < this.#fresh)) return undefined;
    this.#hits++;
    this.#gate.noteHit();
    this.#touch(pathname, entry);
    const kept = entry.kept;
    const bannered = this.#bannerCopy(entry);
    const coding: Coding = bannered
      ? (entry.varies && bannered.gzip && acceptsGzip(acceptEncoding) ? 'gzip' : 'identity')
      : (entry.varies && (kept.br || kept.gzip) ? negotiate(acceptEncoding) : 'identity');
    const copy = bannered ? this.#bannerWireCopy(entry, bannered, coding) : this.#wireCopy(entry, kept, coding);
    const headers = [...copy.headers, 'age', String(Math.max(0, Math.floor(age / 1000)))];
    if (entry.expiresAt !== Infinity) headers.push('cache-control', cacheControlUntil(entry.expiresAt, now));
    if (ifNoneMatch && matchesIfNoneMatch(ifNoneMatch, copy.etag)) {
      // As handle() answers it: the headers of the copy without its coding, no body.
      const without: string[] = [];
      for (let i = 0; i < headers.length; i += 2) if (headers[i] !== 'content-encoding') without.push(headers[i]!, headers[i + 1]!);
      return { status: 304, headers: without, body: undefined, length: 0 };
    }
    if (bannered) {
      const out = coding === 'gzip' ? bannered.gzip! : bannered.identity!;
      if (method === 'HEAD') return { status: entry.status, headers, body: undefined, length: out.length };
      // The views are the kept pieces (and the banner's own bytes): held as the plain body would be.
      const source = coding === 'gzip' ? kept.gzip! : kept.identity;
      this.#pieces.hold(source);
      return { status: entry.status, headers, body: out.views, length: out.length, release: () => this.#pieces.release(source) };
    }
    const body = (copy as WireCopy).body;
    if (method === 'HEAD') return { status: entry.status, headers, body: undefined, length: body.length };
    this.#pieces.hold(body);
    return { status: entry.status, headers, body: body.views, length: body.length, release: () => this.#pieces.release(body) };
  }

  /** The headers of a fresh hit with the banner, in `coding` (gzip or plain), built once per copy, banner and coding. */
  #bannerWireCopy(entry: Entry, bannered: BannerCopy, coding: Coding): { headers: string[]; etag: string } {
    const wire = (bannered.wire ??= {});
    let copy = wire[coding];
    if (!copy) {
      const etag = etagFor(bannered.etag!, coding);
      const headers: string[] = [];
      for (const [k, v] of entry.headers) headers.push(k.toLowerCase(), v);
      if (coding !== 'identity') headers.push('content-encoding', coding);
      headers.push('surrogate-key', entry.keys.map(headerSafeKey).join(' '), 'x-cache', 'HIT', 'etag', etag);
      if (entry.expiresAt === Infinity) headers.push('cache-control', CACHE_CONTROL);
      copy = { headers, etag };
      wire[coding] = copy;
    }
    return copy;
  }

  /** The headers and body of a fresh hit in `coding`, built once per copy and coding. */
  #wireCopy(entry: Entry, kept: KeptBodies, coding: Coding): WireCopy {
    const wire = (entry.wire ??= {});
    let copy = wire[coding];
    if (!copy) {
      const encoded = coding === 'br' ? kept.br : coding === 'gzip' ? kept.gzip : undefined;
      const body = encoded ?? kept.identity;
      const etag = etagFor(entry.etag, encoded ? coding : 'identity');
      const headers: string[] = [];
      for (const [k, v] of entry.headers) headers.push(k.toLowerCase(), v);
      if (encoded) headers.push('content-encoding', coding);
      headers.push('surrogate-key', entry.keys.map(headerSafeKey).join(' '), 'x-cache', 'HIT', 'etag', etag);
      if (entry.expiresAt === Infinity) headers.push('cache-control', CACHE_CONTROL);
      copy = { headers, body, etag };
      wire[coding] = copy;
    }
    return copy;
  }

  /** A render outside the cache that still needs the database: through the gate, 503 when it is full. */
  async #gated(req: Request, render: Render): Promise<Response> {
    try {
      return await this.#gate.run(() => render(req));
    } catch (err) {
      if (isRenderShed(err)) return this.#busy();
      throw err;
    }
  }

  #busy(): Response {
    this.#shed++;
    return new Response(BUSY_PAGE, {
      status: 503,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': String(this.#retryAfter), 'X-Cache': 'SHED' },
    });
  }

  /** One render per URL at a time; every waiter gets the same outcome. */
  #renderOnce(key: string, match: RouteMatch, url: URL, req: Request, render: Render, first = false): Promise<Outcome> {
    let pending = this.#inflight.get(key);
    if (!pending) {
      const pathKeys = keysOf(match) ?? [];
      const startedAt = this.#purgeSeq;
      // The page sees the URL its key names: parameters it does not read never reach it.
      const normalised = new Request(url.origin + key, { method: 'GET', headers: req.headers });
      const promise = this.#gate.run(async (): Promise<Outcome | { entry: Entry; store: boolean }> => {
        this.renders++;
        const res = await render(normalised);
        const noStore = /no-store|private/.test(res.headers.get('cache-control') ?? '');
        const negative = NEGATIVE_STATUSES.has(res.status) && this.#negative > 0 ? res.headers.get('cache-control') ?? 'no-store' : undefined;
        if ((res.status !== 200 || noStore) && negative === undefined) {
          // Not cacheable (5xx, redirects): give each waiter its own copy of the body.
          const body = this.#filled(await res.arrayBuffer(), res.headers.get('content-type'));
          return { pass: new Response(body, { status: res.status, headers: res.headers }) };
        }
        const { body, slot } = this.#emptySlot(await res.arrayBuffer(), res.headers.get('content-type'));
        const added = (res.headers.get(KEYS_HEADER) ?? '').split(/\s+/).filter((k) => /^asset:[0-9a-f-]{36}$/.test(k));
        const keys = added.length ? [...pathKeys, ...added] : pathKeys;
        const expires = Number(res.headers.get(EXPIRES_HEADER));
        const headers = [...res.headers.entries()].filter(([k]) => !/^(cache-control|etag|age|surrogate-key|x-cache|content-length|x-lede-keys|x-lede-expires)$/i.test(k));
        const entry: Entry = {
          status: res.status,
          headers,
          body,
          etag: `"${createHash('sha1').update(new Uint8Array(body)).digest('base64url').slice(0, 22)}"`,
          keys,
          storedAt: this.#now(),
          expiresAt: expires > 0 ? expires : Infinity,
          ...(negative !== undefined && { negative }),
          ...(slot && { slot }),
          bytes: ENTRY_OVERHEAD + body.byteLength + key.length + keys.join(' ').length + headers.reduce((n, [k, v]) => n + k.length + v.length, 0),
        };
        return { entry, store: true };
      }, { first }).then(async (outcome): Promise<Outcome> => {
        if (!('store' in outcome)) return outcome;
        // Compressed after the render slot is given back: the best settings take a few ms, on the thread pool.
        const entry = await this.#encoded(outcome.entry);
        if (!this.#purgedSince(startedAt, entry.keys)) this.#store(key, entry);
        return { entry };
      }).finally(() => {
        if (this.#inflight.get(key)?.promise === promise) this.#inflight.delete(key);
      });
      pending = { promise, keys: pathKeys };
      this.#inflight.set(key, pending);
    }
    return pending.promise.then((r) => ('pass' in r ? { pass: r.pass.clone() } : r));
  }

  /** An HTML body with its banner slot emptied (kept copies get the banner as they go out), and where the slot is. */
  #emptySlot(body: ArrayBuffer, type: string | null): { body: ArrayBuffer; slot?: { start: number; lang: string } } {
    if (!this.#banner || !type?.startsWith('text/html')) return { body };
    const bytes = Buffer.from(body);
    const slot = findSlot(bytes);
    if (!slot) return { body };
    const emptied = fillSlot(bytes, slot, '').body;
    const out = emptied === bytes ? body : emptied.buffer.slice(emptied.byteOffset, emptied.byteOffset + emptied.byteLength) as ArrayBuffer;
    return { body: out, slot: { start: slot.start, lang: slot.lang } };
  }

  /** An answer that is not kept (an error page, a redirect's body) with the current banner in its slot. */
  #filled(body: ArrayBuffer, type: string | null): ArrayBuffer {
    if (!this.#banner || !type?.startsWith('text/html')) return body;
    const bytes = Buffer.from(body);
    const filled = withBanner(bytes, this.#banner);
    return filled === bytes ? body : filled.buffer.slice(filled.byteOffset, filled.byteOffset + filled.byteLength) as ArrayBuffer;
  }

  /** The banner's bytes for pages in `lang`, or undefined when none is up. */
  #bannerFor(lang: string, generation: number): BannerBytes | undefined {
    if (this.#bannerBytesGeneration !== generation) {
      this.#bannerBytes.clear();
      this.#bannerBytesGeneration = generation;
    }
    let bytes = this.#bannerBytes.get(lang);
    if (!bytes) {
      const html = this.#banner!.fragment(lang);
      if (!html) return undefined;
      const plain = Buffer.from(html, 'utf8');
      bytes = { plain, deflated: deflatePiece(plain), tag: createHash('sha1').update(plain).digest('base64url').slice(0, 8) };
      if (this.#bannerBytes.size < 32) this.#bannerBytes.set(lang, bytes);
    }
    return bytes;
  }

  /**
   * A kept HTML page as it goes out with the current banner, or undefined
   * when no banner is up (the kept bodies go out as they are). Made once per
   * copy and banner change: the plain body is its pieces with the banner's
   * bytes between them; the gzip body is its two deflate parts with the
   * banner's deflate piece between them and a new trailer (gzip-splice.ts).
   * Brotli cannot be joined like that, so while a banner is up a kept page
   * goes out as gzip to browsers that would take brotli.
   */
  #bannerCopy(entry: KeptEntry): BannerCopy | undefined {
    const banner = this.#banner;
    if (!banner || !entry.slot) return undefined;
    const generation = banner.generation;
    const memo = entry.withBanner;
    if (memo?.generation === generation) return memo.none ? undefined : memo;
    const bytes = this.#bannerFor(entry.slot.lang, generation);
    if (!bytes) {
      entry.withBanner = { generation, none: true };
      return undefined;
    }
    const kept = entry.kept;
    const at = entry.slot.start;
    const plain = kept.identity;
    const identity = {
      views: [...sliceViews(plain.views, 0, at), bytes.plain, ...sliceViews(plain.views, at, plain.length)],
      length: plain.length + bytes.plain.length,
    };
    let gzip: BannerCopy['gzip'];
    if (kept.gzip && entry.gzSplit) {
      const split = entry.gzSplit;
      // The CRC carried on over the banner and the rest of the page.
      let crc = zlib.crc32(bytes.plain, split.crcPrefix);
      for (const v of sliceViews(plain.views, at, plain.length)) crc = zlib.crc32(v, crc);
      const tail = trailer(crc, identity.length);
      gzip = {
        views: [...sliceViews(kept.gzip.views, 0, split.at), bytes.deflated, ...sliceViews(kept.gzip.views, split.at, kept.gzip.length - 8), tail],
        length: kept.gzip.length + bytes.deflated.length,
      };
    }
    const etag = entry.etag.endsWith('"') ? `${entry.etag.slice(0, -1)}-e${bytes.tag}"` : `${entry.etag}-e${bytes.tag}`;
    const copy: BannerCopy = { generation, identity, ...(gzip && { gzip }), etag };
    entry.withBanner = copy;
    return copy;
  }

  /** The entry with its compressed bodies, when it is text worth compressing. */
  async #encoded(entry: Entry): Promise<Entry> {
    const type = entry.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    if (!isCompressibleType(type) || entry.headers.some(([k]) => k.toLowerCase() === 'content-encoding')) return entry;
    entry.varies = true;
    // Every copy of a text answer varies by coding: the header is settled once here, not on each hit.
    const vary = varyWithAcceptEncoding(entry.headers.find(([k]) => k.toLowerCase() === 'vary')?.[1] ?? null);
    entry.headers = [...entry.headers.filter(([k]) => k.toLowerCase() !== 'vary'), ['vary', vary]];
    if (entry.body.byteLength < MIN_COMPRESS_BYTES) return entry;
    const body = new Uint8Array(entry.body);
    this.compressions += 2;
    let gzip: Buffer;
    let br: Buffer;
    if (this.#compressing >= MAX_BEST_COMPRESSIONS) {
      // Many new copies at once (a crawl of the archive, a flood of misses): brotli 11 takes ~12 ms a page, far more
      // than the render, and the thread pool would queue them without bound. The fast settings cost ~0.3 ms and 7 % in size.
      if (entry.slot) {
        const split = gzipSplitSync(body, entry.slot.start, 6);
        gzip = split.gzip;
        entry.gzSplit = { at: split.split, crcPrefix: split.crcPrefix };
      } else gzip = encodeFast(body, 'gzip');
      br = encodeFast(body, 'br');
      this.fastCompressions += 2;
    } else {
      this.#compressing++;
      try {
        if (entry.slot) {
          const [split, brotli] = await Promise.all([gzipSplit(body, entry.slot.start, 9), encodeStored(body, 'br')]);
          gzip = split.gzip;
          br = brotli;
          entry.gzSplit = { at: split.split, crcPrefix: split.crcPrefix };
        } else [gzip, br] = await Promise.all([encodeStored(body, 'gzip'), encodeStored(body, 'br')]);
      } finally {
        this.#compressing--;
      }
    }
    entry.gzip = gzip;
    entry.br = br;
    entry.bytes += gzip.byteLength + br.byteLength;
    return entry;
  }

  /**
   * Keeps a copy within the byte bound, evicting the least recently used. A
   * copy whose key is very long, or that would take more than an eighth of the
   * bound, is not kept: it would push out many pages for one URL.
   */
  #store(key: string, rendered: Entry): void {
    const old = this.#entries.get(key);
    if (old) this.#drop(key, old);
    // Counted as the pieces the bodies take (a piece is 2 KB), not their exact lengths.
    const raw = [rendered.body.byteLength, rendered.gzip?.byteLength, rendered.br?.byteLength];
    const bytes = raw.reduce<number>((n, len) => (len === undefined ? n : n - len + PieceStore.bytesFor(len)), rendered.bytes);
    if (key.length > MAX_KEY_LENGTH || bytes > this.#maxBytes / 8) return;
    // The copy kept is a new object: whoever waited for this render answers from the rendered bytes, which stay theirs.
    const { gzip, br, wire: _wire, ...rest } = rendered;
    const entry: KeptEntry = {
      ...rest,
      body: EMPTY_BODY,
      kept: {
        identity: this.#pieces.put(new Uint8Array(rendered.body)),
        ...(gzip && { gzip: this.#pieces.put(gzip) }),
        ...(br && { br: this.#pieces.put(br) }),
      },
      bytes,
    };
    this.#entries.set(key, entry);
    this.#bytes += entry.bytes;
    for (const [k, e] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#drop(k, e);
    }
  }

  /** A copy just used moves to the back of the eviction order. */
  #touch(key: string, entry: KeptEntry): KeptEntry {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  #drop(key: string, entry: KeptEntry): void {
    if (this.#entries.get(key) !== entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
    // Its pieces go back to the store once no response is writing them.
    eachBody(entry.kept, (b) => this.#pieces.drop(b));
  }

  /** The bytes of `e` in `coding` as a Buffer of their own (a kept copy's pieces are copied out: the Response may outlive them). */
  #bodyOf(e: Entry, coding: Coding): Buffer {
    if (e.kept) return this.#pieces.copy((coding !== 'identity' && e.kept[coding]) || e.kept.identity);
    const encoded = coding === 'br' ? e.br : coding === 'gzip' ? e.gzip : undefined;
    return encoded ?? Buffer.from(e.body);
  }

  /** A kept page with the banner, on the slow path: gzip or plain, the banner's ETag. */
  #respondWithBanner(req: Request, e: Entry, bannered: BannerCopy, headers: Headers): Response {
    const coding: Coding = e.varies && bannered.gzip && acceptsGzip(req.headers.get('accept-encoding')) ? 'gzip' : 'identity';
    if (coding === 'gzip') headers.set('Content-Encoding', 'gzip');
    const etag = etagFor(bannered.etag!, coding);
    if (e.negative !== undefined) headers.set('Cache-Control', e.negative);
    else {
      headers.set('ETag', etag);
      headers.set('Cache-Control', cacheControlUntil(e.expiresAt, this.#now()));
      if (matchesIfNoneMatch(req.headers.get('if-none-match'), etag)) {
        headers.delete('Content-Encoding');
        return new Response(null, { status: 304, headers });
      }
    }
    const out = coding === 'gzip' ? bannered.gzip! : bannered.identity!;
    return new Response(req.method === 'HEAD' ? null : (Buffer.concat(out.views) as unknown as BodyInit), { status: e.status, headers });
  }

  #respond(req: Request, e: Entry, state: string): Response {
    const headers = new Headers(e.headers);
    headers.set('Surrogate-Key', e.keys.map(headerSafeKey).join(' '));
    headers.set('Age', String(Math.max(0, Math.floor((this.#now() - e.storedAt) / 1000))));
    headers.set('X-Cache', state);
    let coding: Coding = 'identity';
    const bannered = e.kept ? this.#bannerCopy(e as KeptEntry) : undefined;
    if (bannered) return this.#respondWithBanner(req, e, bannered, headers);
    if (!e.kept && e.slot && this.#banner?.fragment(e.slot.lang)) {
      // A waiter's own copy of a render (not kept): the banner goes into its plain body.
      const filled = withBanner(Buffer.from(e.body), this.#banner);
      headers.set('ETag', `"${createHash('sha1').update(filled).digest('base64url').slice(0, 22)}"`);
      headers.set('Cache-Control', cacheControlUntil(e.expiresAt, this.#now()));
      return new Response(req.method === 'HEAD' ? null : (filled as unknown as BodyInit), { status: e.status, headers });
    }
    if (e.varies) {
      const kept = e.kept;
      const has = (c: Coding) => (kept ? kept[c] : c === 'br' ? e.br : c === 'gzip' ? e.gzip : undefined) !== undefined;
      coding = has('br') || has('gzip') ? negotiate(req.headers.get('accept-encoding')) : 'identity';
      if (coding !== 'identity' && has(coding)) headers.set('Content-Encoding', coding);
      else coding = 'identity';
    }
    // A Buffer is a valid body; the DOM typings do not say so.
    const body = (): BodyInit | null => (req.method === 'HEAD' ? null : (this.#bodyOf(e, coding) as unknown as BodyInit));
    if (e.negative !== undefined) {
      // A kept 404 goes out as the site sent it: no ETag, the site's own Cache-Control (browsers do not keep it).
      headers.set('Cache-Control', e.negative);
      return new Response(body(), { status: e.status, headers });
    }
    // One ETag per coding: a cache that stored the brotli body never revalidates it as the plain one.
    const etag = etagFor(e.etag, coding);
    headers.set('ETag', etag);
    headers.set('Cache-Control', cacheControlUntil(e.expiresAt, this.#now()));
    if (matchesIfNoneMatch(req.headers.get('if-none-match'), etag)) {
      headers.delete('Content-Encoding');
      return new Response(null, { status: 304, headers });
    }
    return new Response(body(), { status: e.status, headers });
  }
}
