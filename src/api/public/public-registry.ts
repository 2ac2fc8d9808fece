import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { isBrokenText } from '../../http/input.js';
import { etagFor, matchesIfNoneMatch } from '../../site/content-encoding.js';
import { negotiateFormat } from './public-negotiation.js';
import { FORMAT_TYPES, PublicApiError, badParameter, type PublicFormat, type PublicRouteSpec } from './public-route.js';

/** Headers a browser script on another origin may read (CORS). */
export const EXPOSED_HEADERS = 'ETag, Link, Retry-After, RateLimit, RateLimit-Policy, Surrogate-Key';

/** Every answer of the API, errors included, may be read by a script on any origin: the content is public. */
export function corsHeaders(headers: Headers): void {
  headers.set('Access-Control-Allow-Origin', '*');
  headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

export function cacheControl(policy: { maxAge: number; sMaxAge: number }): string {
  return `public, max-age=${policy.maxAge}, s-maxage=${policy.sMaxAge}, stale-while-revalidate=60, stale-if-error=86400`;
}

/** The JSON error answer, the newsroom API's shape: `{error: {code, reason, message, …}}`. */
export function errorResponse(err: PublicApiError): Response {
  const body = { error: { code: err.code, reason: err.reason, message: err.message, ...err.extra }, ...err.body };
  const headers = new Headers({ 'Content-Type': 'application/json; charset=utf-8' });
  // A 404/410 may be kept briefly by a shared cache (a flood of one missing id); a refused request is not kept.
  headers.set('Cache-Control', err.status === 404 || err.status === 410 ? 'public, max-age=0, s-maxage=10' : 'no-store');
  if (err.keys.length) headers.set('Surrogate-Key', err.keys.map((k) => (/^[\x21-\x7e]+$/.test(k) ? k : encodeURIComponent(k))).join(' '));
  corsHeaders(headers);
  return new Response(JSON.stringify(body), { status: err.status, headers });
}

/** A route as registered: its declaration (for the OpenAPI document and the reference page). */
export type RegisteredRoute = PublicRouteSpec<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The names the query of `spec` accepts: its declared fields and `format`. */
export function queryNames(spec: RegisteredRoute): string[] {
  return [...Object.keys(spec.query?.shape ?? {}), 'format'];
}

/**
 * Registers public routes on a Hono app and enforces their declarations:
 * broken text (NUL, lone surrogates) and unknown or repeated query parameters
 * are refused with a 400 naming the parameter before any schema or handler
 * sees them; schemas then check each value (400 naming the first one that
 * fails); the format is negotiated (406 naming the formats offered). A
 * success goes out with its ETag (304 for a matching If-None-Match),
 * Cache-Control, Surrogate-Key, Vary: Accept and CORS headers.
 */
export class PublicRegistry {
  readonly routes: RegisteredRoute[] = [];

  constructor(private readonly app: Hono) {}

  add<P, Q>(spec: PublicRouteSpec<P, Q>): void {
    if (this.routes.some((r) => r.path === spec.path)) throw new Error(`public route ${spec.path} is registered twice`);
    if (!spec.formats.length) throw new Error(`public route ${spec.path} declares no format`);
    this.routes.push(spec as RegisteredRoute);
    const allowed = new Set(queryNames(spec as RegisteredRoute));
    // The API is read-only: a write method on a resource is 405 naming what is allowed (RFC 9110 §15.5.6), not a 404 that says the resource is missing.
    this.app.on(['POST', 'PUT', 'PATCH', 'DELETE'], spec.path, (c) => {
      const res = errorResponse(new PublicApiError(405, 'METHOD_NOT_ALLOWED', 'read_only', `${c.req.method} is not allowed: this API is read-only (GET, HEAD, OPTIONS)`));
      res.headers.set('Allow', 'GET, HEAD, OPTIONS');
      return res;
    });
    this.app.get(spec.path, async (c) => {
      try {
        return await this.#answer(c, spec, allowed);
      } catch (err) {
        if (err instanceof PublicApiError) return errorResponse(err);
        throw err;
      }
    });
  }

  async #answer<P, Q>(c: Context, spec: PublicRouteSpec<P, Q>, allowed: Set<string>): Promise<Response> {
    const url = new URL(c.req.url);
    const rawParams = c.req.param() as Record<string, string>;
    for (const [name, value] of Object.entries(rawParams)) {
      if (isBrokenText(name) || isBrokenText(value)) throw badParameter(name, 'holds a NUL or an unpaired surrogate', 'broken_text');
    }
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) {
      if (isBrokenText(name)) throw badParameter(JSON.stringify(name.replace(/\0/g, '\\0')), 'holds a NUL or an unpaired surrogate', 'broken_text');
      if (!allowed.has(name)) {
        throw badParameter(name.slice(0, 100), `unknown parameter; this resource takes ${[...allowed].join(', ')}`, 'unknown_parameter');
      }
      if (isBrokenText(value)) throw badParameter(name, 'holds a NUL or an unpaired surrogate', 'broken_text');
      if (name in query) throw badParameter(name, 'given more than once; give it once', 'repeated_parameter');
      query[name] = value;
    }
    const { format: formatParam, ...rest } = query;
    const params = spec.params ? parseOrBadRequest(spec.params, rawParams) : rawParams;
    const parsedQuery = spec.query ? parseOrBadRequest(spec.query, rest) : rest;
    const format = negotiateFormat(spec.formats, formatParam, c.req.header('accept') ?? null);
    const answer = await spec.handler({ params: params as P, query: parsedQuery as Q, format, url });
    return this.#success(c, spec, format, answer.body, answer.keys);
  }

  #success<P, Q>(c: Context, spec: PublicRouteSpec<P, Q>, format: PublicFormat, body: unknown, keys: string[]): Response {
    // Encoded once: the ETag is hashed over these bytes and they are the body (hashing the string encoded it a second time;
    // a 100-story ninjs page is about a megabyte).
    const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
    const type = `${FORMAT_TYPES[format]}${format === 'ninjs-2.2' ? '; version=2.2' : format === 'ninjs' ? '; version=3.1' : ''}; charset=utf-8`;
    const etag = `"${createHash('sha256').update(type).update('\n').update(bytes).digest('base64url').slice(0, 27)}"`;
    const headers = new Headers({ 'Content-Type': type, ETag: etag, 'Cache-Control': cacheControl(spec.cache), Vary: 'Accept' });
    const unique = [...new Set(keys)].map((k) => (/^[\x21-\x7e]+$/.test(k) ? k : encodeURIComponent(k)));
    if (unique.length) headers.set('Surrogate-Key', unique.join(' '));
    corsHeaders(headers);
    // The compression middleware gives a compressed body an ETag of its own ("…-br", "…-gz"): any of them revalidates.
    const inm = c.req.header('if-none-match') ?? null;
    if (inm && (['identity', 'br', 'gzip'] as const).some((coding) => matchesIfNoneMatch(inm, etagFor(etag, coding)))) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(bytes, { status: 200, headers });
  }
}

/** `value` through `schema`, or a 400 naming the first parameter that fails and why. */
function parseOrBadRequest<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const name = issue.path.map(String).join('.') || 'the request';
  throw badParameter(name, issue.message, issue.code === 'unrecognized_keys' ? 'unknown_parameter' : 'bad_parameter');
}
