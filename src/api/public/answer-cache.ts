import type { MiddlewareHandler } from 'hono';
import { etagFor, matchesIfNoneMatch } from '../../site/content-encoding.js';

/**
 * The content API's answers kept in memory, tagged with the same surrogate
 * keys as the site's pages and purged by the same domain events (public-api.ts
 * subscribes it like app.ts subscribes the page cache), so an answer is fresh
 * the moment a story, section, topic or picture on it changes, on every node
 * the event relay reaches.
 *
 * Why not the page cache itself: an API answer varies by Accept (the format)
 * and carries finer Surrogate-Keys (story, section, topics) than the page
 * cache's route table can derive from a path; its 400s depend on every query
 * parameter, which the page cache strips from its key. So the copy is kept
 * per path + whole query + Accept, with the keys the handler named.
 *
 * - kept `ttlMs` (30 s, the pages' freshness): also the bound for what no
 *   event announces (an embargo ending);
 * - never past the instant a picture's rights begin or end (X-Lede-Expires);
 * - a render that was running when a purge touched its keys is not kept;
 * - only 200s; bounded by bytes, least recently used dropped first.
 * It sits behind the key gate: a copy served still counts against the quota.
 */
export interface AnswerCacheOptions {
  ttlMs?: number;
  maxBytes?: number;
  now?: () => number;
}

interface Kept {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
  keys: Set<string>;
  storedAt: number;
  expiresAt: number;
  bytes: number;
}

/** Headers that belong to one request, never to a kept copy. */
const PER_REQUEST = /^(ratelimit|ratelimit-policy|retry-after|content-length|age|x-cache)$/i;

export class AnswerCache {
  readonly #entries = new Map<string, Kept>();
  readonly #ttl: number;
  readonly #maxBytes: number;
  readonly #now: () => number;
  #bytes = 0;
  #seq = 0;
  readonly #recent: { seq: number; keys: Set<string> | 'all' }[] = [];
  hits = 0;
  misses = 0;

  constructor(opts: AnswerCacheOptions = {}) {
    this.#ttl = opts.ttlMs ?? 30_000;
    this.#maxBytes = opts.maxBytes ?? 16 * 1024 * 1024;
    this.#now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  purge(keys: string[]): void {
    const wanted = new Set(keys);
    this.#note(wanted);
    for (const [k, e] of this.#entries) if ([...e.keys].some((key) => wanted.has(key))) this.#drop(k, e);
  }

  purgeAll(): void {
    this.#note('all');
    this.#entries.clear();
    this.#bytes = 0;
  }

  #note(keys: Set<string> | 'all'): void {
    this.#seq++;
    this.#recent.push({ seq: this.#seq, keys });
    if (this.#recent.length > 256) this.#recent.shift();
  }

  #purgedSince(seq: number, keys: Set<string>): boolean {
    if (seq === this.#seq) return false;
    const oldest = this.#recent[0];
    if (!oldest || oldest.seq > seq + 1) return true;
    return this.#recent.some((p) => p.seq > seq && (p.keys === 'all' || [...keys].some((k) => (p.keys as Set<string>).has(k))));
  }

  #drop(key: string, e: Kept): void {
    this.#entries.delete(key);
    this.#bytes -= e.bytes;
  }

  /** Hono middleware: answers GETs from a kept copy, keeps fresh 200s. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
      const url = new URL(c.req.url);
      const key = `${url.pathname}${url.search}\n${c.req.header('accept') ?? ''}`;
      if (key.length > 4096) return next();
      const now = this.#now();
      const kept = this.#entries.get(key);
      if (kept && now - kept.storedAt < this.#ttl && now < kept.expiresAt) {
        this.hits++;
        this.#entries.delete(key);
        this.#entries.set(key, kept);
        c.res = this.#respond(c.req.raw, kept, now);
        return;
      }
      if (kept) this.#drop(key, kept);
      this.misses++;
      const seq = this.#seq;
      await next();
      const res = c.res;
      if (res.status !== 200 || c.req.method !== 'GET' || /no-store|private/.test(res.headers.get('cache-control') ?? '')) return;
      // The handler's keys, and the pictures the read model noted (made public by the middleware outside this one).
      const keys = new Set(`${res.headers.get('surrogate-key') ?? ''} ${res.headers.get('x-lede-keys') ?? ''}`.split(' ').filter(Boolean));
      if (!keys.size || this.#purgedSince(seq, keys)) return;
      const body = new Uint8Array(await res.clone().arrayBuffer());
      const expires = Number(res.headers.get('x-lede-expires'));
      const headers = [...res.headers.entries()].filter(([k]) => !PER_REQUEST.test(k));
      const entry: Kept = {
        status: res.status, headers, body, keys, storedAt: now, expiresAt: expires > 0 ? expires : Infinity,
        bytes: body.byteLength + key.length + 512,
      };
      if (entry.bytes > this.#maxBytes / 8) return;
      const old = this.#entries.get(key);
      if (old) this.#drop(key, old);
      this.#entries.set(key, entry);
      this.#bytes += entry.bytes;
      for (const [k, e] of this.#entries) {
        if (this.#bytes <= this.#maxBytes) break;
        this.#drop(k, e);
      }
    };
  }

  #respond(req: Request, e: Kept, now: number): Response {
    const headers = new Headers(e.headers);
    headers.set('Age', String(Math.max(0, Math.floor((now - e.storedAt) / 1000))));
    headers.set('X-Cache', 'HIT');
    const etag = headers.get('etag');
    const inm = req.headers.get('if-none-match');
    if (etag && inm && (['identity', 'br', 'gzip'] as const).some((coding) => matchesIfNoneMatch(inm, etagFor(etag, coding)))) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(req.method === 'HEAD' ? null : (e.body.slice() as unknown as BodyInit), { status: e.status, headers });
  }
}
