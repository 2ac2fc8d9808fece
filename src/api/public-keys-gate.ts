import type { Context, MiddlewareHandler } from 'hono';
import { clientIp, type NewsroomContext } from '../http/context.js';
import type { ApiKeyProblem } from '../services/api-keys.js';
import type { Services } from '../services/index.js';

/**
 * The gate in front of the public content API (`/api/v1/*`): who is asking
 * and how much they may ask.
 *
 * Keys come in `Authorization: Bearer lede_…` only. A query parameter
 * (`?api_key=`) is not read: URLs end up in access logs, proxy and CDN
 * logs, browser history and Referer headers, and a cached answer would be
 * keyed by the secret. An unknown, revoked or expired key (or a header that
 * is not a Bearer key) answers 401 with the problem named — never whether
 * some other key exists — and costs one unit of the address's anonymous
 * quota, so guessing keys is throttled like any anonymous reading.
 * A request without a key reads on the anonymous quota of its address (the
 * address as src/http/context.ts `clientIp` finds it: the socket's peer, or
 * with LEDE_TRUST_PROXY the entry the outermost trusted proxy wrote).
 *
 * Limits are token buckets: a key with `q` requests per minute holds up to
 * `q` tokens and gets q/60 back per second, so a client may burst a minute's
 * worth and then goes at the steady rate. Buckets live in each node's memory
 * (at most `maxBuckets`; a full bucket is the same as none and is dropped
 * first, then the longest idle). With N nodes behind a balancer a client may
 * get up to N× its rate: accepted, because the limit protects each node's
 * capacity (which grows with N), not a contract to count exactly, and a
 * shared counter would cost a database write per read — more than the read
 * it guards.
 *
 * Headers (draft-ietf-httpapi-ratelimit-headers-09, structured fields), on
 * every answer the gate counts, 2xx, 4xx and 5xx alike:
 *   RateLimit-Policy: "key";q=600;w=60        (or "anonymous";q=60;w=60)
 *   RateLimit: "key";r=<tokens left>;t=<seconds until the bucket is full again>
 * and on 429 also `Retry-After: <seconds until one token is back>`.
 * OPTIONS (CORS preflight) is passed through uncounted and never refused:
 * a browser sends it without credentials, and refusing it breaks the
 * real request that follows.
 *
 * A key is judged by one indexed lookup of its SHA-256, remembered per node
 * for at most 5 s (ApiKeyService.check: that is also the revocation bound);
 * only well-formed secrets are looked up at all. When the database does not
 * answer, a keyed request gets 503 with Retry-After (never 401: the key may
 * be fine); anonymous reading needs no database here. Routes behind the gate
 * find the caller's key as `c.get('apiCaller')` (ApiCaller).
 */

export interface PublicApiGateOptions {
  /** LEDE_TRUST_PROXY, as for the login throttle. */
  trustProxy?: boolean | number | undefined;
  /** Requests per minute per address without a key (default 60). */
  anonymousPerMinute?: number;
  /** Most buckets a node keeps (default 50,000). */
  maxBuckets?: number;
  /** The clock (tests inject one). */
  now?: () => number;
}

/** What a request runs under, for the routes behind the gate (`c.get('apiKey')`). */
export interface ApiCaller {
  keyId: string | undefined;
  keyName: string | undefined;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets, per node, bounded. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly maxBuckets: number, private readonly now: () => number) {}

  get size(): number {
    return this.buckets.size;
  }

  /** Takes one token of `id` (a bucket of `perMinute`); says what is left and when it comes back. */
  take(id: string, perMinute: number): { allowed: boolean; remaining: number; fullInSeconds: number; retryAfterSeconds: number } {
    const now = this.now();
    const rate = perMinute / 60_000; // tokens per ms
    const old = this.buckets.get(id);
    // A clock that went backwards refills nothing rather than throwing the bucket away.
    const tokens = old ? Math.min(perMinute, old.tokens + Math.max(0, now - old.at) * rate) : perMinute;
    const allowed = tokens >= 1;
    const left = allowed ? tokens - 1 : tokens;
    if (old) this.buckets.delete(id); // re-inserted last: the map's order is the order of last use
    else if (this.buckets.size >= this.maxBuckets) this.evict(now, rate);
    this.buckets.set(id, { tokens: left, at: now });
    return {
      allowed,
      remaining: Math.floor(left),
      fullInSeconds: Math.ceil((perMinute - left) / rate / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - left) / rate / 1000)),
    };
  }

  // Drops every bucket that has refilled (it is the same as a new one), or else the longest idle.
  private evict(now: number, rate: number): void {
    const cap = rate * 60_000;
    for (const [id, b] of this.buckets) if (b.tokens + Math.max(0, now - b.at) * rate >= cap) this.buckets.delete(id);
    if (this.buckets.size >= this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
  }
}

const PROBLEM_TEXT: Record<ApiKeyProblem | 'not_bearer', string> = {
  not_bearer: 'the Authorization header is not "Bearer <API key>"; send Authorization: Bearer lede_…, or no Authorization header to read on the anonymous quota',
  malformed: 'this is not an API key of this site (keys look like lede_ followed by at least 22 letters, digits, "-" or "_"); check that it was copied whole',
  unknown: 'this API key is not known; check that it was copied whole, or ask the newsroom for a key',
  revoked: 'this API key was revoked; ask the newsroom for a new one',
  expired: 'this API key has expired; ask the newsroom for a new one',
};

// The longest Authorization header read at all; anything longer is no key of ours.
const MAX_HEADER = 200;

type Extra = Record<string, string>;

function refuse(c: Context, problem: ApiKeyProblem | 'not_bearer', extra: Extra): Response {
  return c.json({ error: { code: 'UNAUTHORIZED', reason: `api_key_${problem}`, message: PROBLEM_TEXT[problem] } }, 401, {
    ...extra, 'WWW-Authenticate': `Bearer realm="api", error="invalid_token"`, 'Cache-Control': 'no-store',
  });
}

function tooMany(c: Context, retryAfter: number, anonymous: boolean, extra: Extra): Response {
  const message = anonymous
    ? `too many requests without an API key from this address; try again in ${retryAfter} s, or ask the newsroom for a key`
    : `this API key is over its rate limit; try again in ${retryAfter} s`;
  return c.json({ error: { code: 'RATE_LIMITED', reason: 'rate_limited', message, params: { retryAfterSeconds: retryAfter } } }, 429, {
    ...extra, 'Retry-After': String(retryAfter), 'Cache-Control': 'no-store',
  });
}

export function publicApiGate(services: Pick<Services, 'apiKeys'>, opts: PublicApiGateOptions = {}): MiddlewareHandler {
  const now = opts.now ?? Date.now;
  const anonymousPerMinute = opts.anonymousPerMinute ?? 60;
  const buckets = new TokenBuckets(opts.maxBuckets ?? 50_000, now);

  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const address = (): string => {
      try {
        return clientIp(c as unknown as NewsroomContext, opts.trustProxy);
      } catch {
        return 'unknown';
      }
    };
    let header: string | undefined;
    try {
      header = c.req.header('authorization');
    } catch {
      header = '\u0000'; // unreadable: judged as no Bearer key below
    }

    let policy: string;
    let perMinute: number;
    let bucketId: string;
    let problem: ApiKeyProblem | 'not_bearer' | undefined;
    let keyId: string | undefined;
    let keyName: string | undefined;
    if (header === undefined || header.trim() === '') {
      [policy, perMinute, bucketId] = ['anonymous', anonymousPerMinute, `a:${address()}`];
    } else {
      const m = header.length <= MAX_HEADER ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
      let check: Awaited<ReturnType<typeof services.apiKeys.check>> | undefined;
      try {
        check = m ? await services.apiKeys.check(m[1]!) : undefined;
      } catch {
        // The database did not answer: the key cannot be judged, which is no fault of the caller's (not a 401, not a 500).
        return c.json({ error: { code: 'UNAVAILABLE', reason: 'unavailable', message: 'API keys cannot be checked right now; try again shortly' } }, 503, {
          'Retry-After': '5', 'Cache-Control': 'no-store',
        });
      }
      if (check?.ok) {
        [policy, perMinute, bucketId] = ['key', check.key.ratePerMinute, `k:${check.key.id}`];
        keyId = check.key.id;
        keyName = check.key.name;
      } else {
        problem = check ? check.problem : 'not_bearer';
        [policy, perMinute, bucketId] = ['anonymous', anonymousPerMinute, `a:${address()}`];
      }
    }

    const took = buckets.take(bucketId, perMinute);
    const limitHeaders = {
      'RateLimit-Policy': `"${policy}";q=${perMinute};w=60`,
      RateLimit: `"${policy}";r=${took.remaining};t=${took.fullInSeconds}`,
    };
    if (!took.allowed) return tooMany(c, took.retryAfterSeconds, policy === 'anonymous', limitHeaders);
    if (problem) return refuse(c, problem, limitHeaders);
    if (keyId) {
      // Not awaited: the read does not wait for the bookkeeping, and a failed write is only a stale "last used".
      services.apiKeys.noteUse(keyId).catch(() => undefined);
    }
    c.set('apiCaller' as never, { keyId, keyName } satisfies ApiCaller as never);
    // Set before the route runs, so they are part of the answer it builds (c.json, c.body …). Headers added to
    // a finished Response afterwards can be lost: @hono/node-server's Response keeps them apart from the
    // body it rebuilds when a later middleware (compression) wraps or reads the answer.
    for (const [k, v] of Object.entries(limitHeaders)) c.header(k, v);
    await next();
    if (c.res.headers.get('ratelimit') === null) {
      // A route that returned a Response of its own: rebuilt once with the headers in its init.
      const headers = new Headers(c.res.headers);
      for (const [k, v] of Object.entries(limitHeaders)) headers.set(k, v);
      c.res = new Response(c.res.body, { status: c.res.status, statusText: c.res.statusText, headers });
    }
  };
}
