import { Hono, type Context } from 'hono';
import { LedeError, isLedeError, type ValidationIssue } from '../content/index.js';
import { clientIp, type NewsroomContext } from '../http/context.js';
import { limitBody } from '../http/endpoints.js';
import { brokenTextIssues } from '../http/input.js';
import type { PushService } from '../services/push/push-service.js';
import { TokenBuckets } from './public-keys-gate.js';

/**
 * Readers' Web Push subscriptions (issue 14), for the opt-in control in the
 * page footer (src/site/push). No account and no cookie: the endpoint URL the
 * browser's push service handed out is the capability, so whoever knows it may
 * change or end that subscription, and nobody else can learn anything.
 *
 *   GET  /push/key          {"publicKey": "<VAPID public key, base64url>"}; 503 while none is configured
 *   POST /push/subscribe    PushSubscription.toJSON() plus "topics": 201 created, 200 updated (same endpoint)
 *   POST /push/unsubscribe  {"endpoint": …}: 200 whether or not it was subscribed (it tells nothing)
 *
 * Every answer is `Cache-Control: no-store`. The POSTs are for the site's own
 * pages only: the browser's Origin (or, without one, Sec-Fetch-Site) must be
 * this site, else 403 — a page elsewhere cannot subscribe or unsubscribe a
 * reader. Then, in this order, each refusal costing less than the next:
 * a token bucket per client address (429 with Retry-After; the address as the
 * content API's gate reads it, LEDE_TRUST_PROXY included), JSON only (415),
 * a body of at most MAX_BODY_BYTES counted while it streams in (413; a
 * gigabyte is never read), JSON that parses to an object (400), no NUL or lone
 * surrogate anywhere (400, naming the field), then PushService's checks (422,
 * naming every field). A database that does not answer in its deadline gives
 * 503 with Retry-After. Other methods: 405 with Allow.
 *
 * Nothing about the request is kept: not the address (the rate limit's
 * buckets live in the node's memory only, bounded, never written), not the
 * user agent; the row holds the endpoint, its two keys and the topics.
 */
export const MAX_BODY_BYTES = 8 * 1024;
/** POSTs per minute per client address (a reader changes their choices a few times at most). */
export const DEFAULT_PER_MINUTE = 30;

export interface ReaderPushApiOptions {
  vapidPublicKey?: string | undefined;
  /** LEDE_TRUST_PROXY: as the site reads client addresses (config.trustProxy). */
  trustProxy?: boolean | number | undefined;
  siteUrl: string;
  /** POSTs per minute per client address (default DEFAULT_PER_MINUTE). */
  perMinute?: number;
  /** Most addresses the rate limit remembers at once (default 50,000). */
  maxBuckets?: number;
  /** The rate limit's clock (tests). */
  now?: () => number;
}

const NO_STORE = { 'Cache-Control': 'no-store' } as const;
const JSON_TYPE = /^application\/json\s*(?:;|$)/i;

/** A refusal of malformed input: 400 (LedeError's VALIDATION is 422, which stays for the service's field checks). */
function malformed(message: string, reason: 'body_not_json' | 'input_invalid', issues?: ValidationIssue[]): LedeError {
  const err = new LedeError('VALIDATION', message, { reason, ...(issues && { issues }) });
  Object.defineProperty(err, 'status', { value: 400 });
  return err;
}

function answerError(c: Context, err: LedeError, headers: Record<string, string> = {}): Response {
  if (err.retryAfterSeconds) headers['Retry-After'] = String(err.retryAfterSeconds);
  return c.json(err.toJSON(), err.status as 400, { ...NO_STORE, ...headers });
}

/** A refusal whose reason is this endpoint's own (not one of the shared LedeError reasons). */
function refusal(c: Context, status: 405 | 429, code: string, reason: string, message: string, headers: Record<string, string>): Response {
  return c.json({ error: { code, reason, message } }, status, { ...NO_STORE, ...headers });
}

/** Connection failures and missed deadlines of the database: "try again shortly", not a bug of ours or the reader's. */
function isDatabaseDown(err: unknown): boolean {
  if (isLedeError(err)) return err.code === 'UNAVAILABLE' || err.reason === 'database_timeout' || err.reason === 'database_unavailable' || err.reason === 'database_closed';
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|57014)$/.test(code) || /^(08|57P)/.test(code))) return true;
  return err instanceof Error && /Connection terminated|connection timeout|Client has encountered a connection error|PGlite is closed|Query read timeout/i.test(err.message);
}

/** What PushSubscription.toJSON() holds, plus the reader's choices; nothing else is taken (or could be stored by mistake). */
const SUBSCRIBE_FIELDS = ['endpoint', 'expirationTime', 'keys', 'topics'];
const KEY_FIELDS = ['p256dh', 'auth'];

/** 422 naming every field the endpoint does not know (a typo would otherwise be dropped in silence). */
function refuseUnknown(input: Record<string, unknown>, fields: readonly string[], keyFields?: readonly string[]): void {
  const unknown = Object.keys(input).filter((k) => !fields.includes(k));
  const keys = input.keys;
  if (keyFields && keys && typeof keys === 'object' && !Array.isArray(keys)) {
    for (const k of Object.keys(keys)) if (!keyFields.includes(k)) unknown.push(`keys.${k}`);
  }
  if (!unknown.length) return;
  const issues: ValidationIssue[] = unknown.slice(0, 20).map((path) => ({ path: path.slice(0, 100), message: `is not a field of this request (known: ${fields.join(', ')})`, code: 'unknown_field' }));
  throw new LedeError('VALIDATION', `the request is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { reason: 'input_invalid', issues });
}

export function readerPushApi(push: PushService, opts: ReaderPushApiOptions): Hono {
  const app = new Hono();
  const perMinute = opts.perMinute ?? DEFAULT_PER_MINUTE;
  const buckets = new TokenBuckets(opts.maxBuckets ?? 50_000, opts.now ?? Date.now);
  let siteOrigin: string | undefined;
  try {
    siteOrigin = new URL(opts.siteUrl).origin;
  } catch {
    siteOrigin = undefined;
  }

  /** Why this POST is not from one of the site's own pages, or undefined. */
  const crossSite = (c: Context): string | undefined => {
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (origin === siteOrigin || origin === new URL(c.req.url).origin) return undefined;
      return `cross-site request from ${origin.slice(0, 200)} refused: push subscriptions are made from this site's own pages`;
    }
    const site = c.req.header('sec-fetch-site');
    if (site === 'same-origin') return undefined;
    return site === undefined
      ? 'the request names no Origin (nor Sec-Fetch-Site): push subscriptions are made from this site\'s own pages, whose browsers send one'
      : `Sec-Fetch-Site is "${site.slice(0, 40)}", not "same-origin": push subscriptions are made from this site's own pages`;
  };

  /** The checks every POST passes before its body is read: same origin, rate limit, JSON. */
  const gate = async (c: Context, next: () => Promise<void>): Promise<Response | void> => {
    const why = crossSite(c);
    if (why) return answerError(c, new LedeError('FORBIDDEN', why, { reason: 'cross_site' }));
    let address: string;
    try {
      address = clientIp(c as unknown as NewsroomContext, opts.trustProxy);
    } catch {
      address = 'unknown';
    }
    const took = buckets.take(address, perMinute);
    if (!took.allowed) {
      return refusal(c, 429, 'RATE_LIMITED', 'rate_limited', `too many push subscription requests from this address; try again in ${took.retryAfterSeconds} s`, {
        'Retry-After': String(took.retryAfterSeconds),
      });
    }
    const type = c.req.header('content-type') ?? '';
    if (!JSON_TYPE.test(type)) {
      return answerError(c, new LedeError('UNSUPPORTED_MEDIA_TYPE', `send the subscription as application/json (got ${type ? `"${type.split(';')[0]!.slice(0, 80)}"` : 'no Content-Type'})`, { reason: 'wrong_content_type' }));
    }
    await next();
  };

  /** The body as a JSON object without broken text; else a 400 naming the problem (and the fields). */
  const body = async (c: Context, what: string): Promise<Record<string, unknown>> => {
    const text = await c.req.text();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw malformed(`the body is not valid JSON (${(err as Error).message.slice(0, 120)}); send ${what}`, 'body_not_json');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw malformed(`the body must be a JSON object: ${what}`, 'body_not_json');
    }
    const issues = brokenTextIssues(value);
    if (issues.length) {
      throw malformed(`${what} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, 'input_invalid', issues);
    }
    return value as Record<string, unknown>;
  };

  app.get('/push/key', (c) => {
    if (!opts.vapidPublicKey) {
      return answerError(c, new LedeError('UNAVAILABLE', 'Web Push is not set up on this site: no VAPID public key is configured (lede serve makes one on start; see docs/web-push.md)', { reason: 'unavailable' }));
    }
    return c.json({ publicKey: opts.vapidPublicKey }, 200, NO_STORE);
  });

  app.post('/push/subscribe', gate, limitBody(MAX_BODY_BYTES), async (c) => {
    const input = await body(c, '{"endpoint": …, "keys": {"p256dh": …, "auth": …}, "topics": ["all" | "section:<slug>" | "topic:<slug>"]}');
    refuseUnknown(input, SUBSCRIBE_FIELDS, KEY_FIELDS);
    const row = await push.subscribe(input);
    return c.json({ topics: row.topics, created: row.created }, row.created ? 201 : 200, NO_STORE);
  });

  app.post('/push/unsubscribe', gate, limitBody(MAX_BODY_BYTES), async (c) => {
    const input = await body(c, '{"endpoint": "<the subscription\'s endpoint URL>"}');
    refuseUnknown(input, ['endpoint']);
    await push.unsubscribe(input.endpoint);
    return c.json({ unsubscribed: true }, 200, NO_STORE);
  });

  const allow = { '/push/key': 'GET, HEAD', '/push/subscribe': 'POST', '/push/unsubscribe': 'POST' } as const;
  for (const [path, methods] of Object.entries(allow)) {
    app.all(path, (c) => refusal(c, 405, 'METHOD_NOT_ALLOWED', 'method_not_allowed', `${c.req.method.slice(0, 20)} is not allowed on ${path}; use ${methods.split(',')[0]}`, { Allow: methods }));
  }
  app.notFound((c) => answerError(c, new LedeError('NOT_FOUND', `nothing at ${c.req.path.slice(0, 200)}; the push endpoints are /push/key, /push/subscribe and /push/unsubscribe`, { reason: 'not_found' })));

  app.onError((err, c) => {
    // A body over the limit fails its read with the 413 (limitBody); the read may wrap it.
    const e = isLedeError(err) ? err : isLedeError((err as { cause?: unknown }).cause) ? (err as { cause: LedeError }).cause : undefined;
    if (e && !isDatabaseDown(e)) return answerError(c, e);
    if (isDatabaseDown(err)) {
      return answerError(c, new LedeError('UNAVAILABLE', 'push subscriptions cannot be saved right now (the database does not answer); try again shortly', { reason: 'unavailable', retryAfterSeconds: 5 }));
    }
    console.error(`[reader push] ${c.req.method} ${c.req.path}:`, err);
    return answerError(c, new LedeError('INTERNAL', 'an unexpected error occurred; it has been logged. Try again later.', { reason: 'internal' }));
  });
  return app;
}
