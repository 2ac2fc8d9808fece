import { Hono, type MiddlewareHandler } from 'hono';
import { LedeError } from '../../content/index.js';
import { EXPIRES_HEADER, KEYS_HEADER, pageAssetsMiddleware } from '../../site/page-assets.js';
import { isRenderShed } from '../../site/render-gate.js';
import type { Queryable } from '../../store/types.js';
import { AnswerCache, type AnswerCacheOptions } from './answer-cache.js';
import { DOCS_CSS, docsPage } from './docs-page.js';
import { openApiDocument } from './openapi.js';
import { PublicRegistry, corsHeaders, errorResponse } from './public-registry.js';
import { PublicApiError } from './public-route.js';
import { publicRoutes, type PublicRoutesOptions } from './public-routes.js';

export interface PublicApiOptions extends PublicRoutesOptions {
  /**
   * The API key gate (Authorization: Bearer <key>, optional; anonymous
   * quota; 429 with Retry-After and RateLimit headers; public-keys-gate.ts).
   * It runs before every /api/v1 route, the OpenAPI document and the docs
   * page included, but not before the CORS preflight (which carries no key).
   */
  apiKeyGuard?: MiddlewareHandler;
  /**
   * Keep answers in memory (answer-cache.ts). Only for an owner that purges
   * the returned `cache` on every domain event, as app.ts does with the
   * page cache's keys; else nothing is kept.
   */
  keepAnswers?: boolean | AnswerCacheOptions;
  /**
   * Runs each answer that is not kept through a bound shared with the
   * site's renders (PageCache.runGated): a flood of uncached API reads waits
   * for, or is refused, a slot like a flood of uncached pages, instead of
   * taking the event loop from cached pages and the database from the
   * newsroom. Without it answers are not bounded (tests of the API alone).
   */
  gate?: <T>(fn: () => Promise<T>) => Promise<T>;
}

export interface PublicApi {
  app: Hono;
  registry: PublicRegistry;
  /** The kept answers, with `keepAnswers`: the owner purges them by domain events. */
  cache?: AnswerCache;
}

/** Where the API lives; app.ts hands every request under it to this app. */
export const PUBLIC_API_BASE = '/api/v1';

/**
 * The public content API as one Hono app. app.ts mounts it before the page
 * cache: its answers carry their own ETag, Cache-Control and Surrogate-Key
 * (for a CDN that purges by the same keys as pages), and are not kept in
 * the app's page cache (see docs/content-api.md: they vary by Accept).
 */
export function createPublicApi(db: Queryable, opts: PublicApiOptions): PublicApi {
  const app = new Hono();
  // CORS preflight: any origin may read the public content with GET/HEAD (and send its key and validators).
  app.options('*', () => {
    const headers = new Headers({
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Accept, If-None-Match, If-Modified-Since',
      'Access-Control-Max-Age': '86400',
      'Cache-Control': 'public, max-age=86400',
    });
    corsHeaders(headers);
    return new Response(null, { status: 204, headers });
  });
  // Every answer may be read by a script on any origin, the gate's 401 and 429 too (their Retry-After tells the script when to come back).
  app.use('*', async (c, next) => {
    await next();
    if (c.res.headers.get('access-control-allow-origin')) return;
    const headers = new Headers(c.res.headers);
    corsHeaders(headers);
    const res = new Response(c.res.body, { status: c.res.status, statusText: c.res.statusText, headers });
    c.res = undefined;
    c.res = res;
  });
  // The asset keys and rights boundary the read model notes become Surrogate-Key and a shorter Cache-Control.
  app.use('*', assetHeaders(opts.clock ?? (() => new Date())));
  if (opts.apiKeyGuard) app.use('*', opts.apiKeyGuard);
  // Behind the gate (a kept answer still counts against the quota), before the routes.
  let cache: AnswerCache | undefined;
  if (opts.keepAnswers) {
    cache = new AnswerCache(opts.keepAnswers === true ? {} : opts.keepAnswers);
    app.use('*', cache.middleware());
  }
  if (opts.gate) app.use('*', bounded(opts.gate));
  app.use('*', pageAssetsMiddleware());
  const registry = new PublicRegistry(app);
  for (const route of publicRoutes(db, opts)) registry.add(route);

  const site = opts.siteUrl.replace(/\/+$/, '');
  let doc: string | undefined;
  app.get(`${PUBLIC_API_BASE}/openapi.json`, (c) => {
    doc ??= JSON.stringify(openApiDocument(registry.routes, { siteUrl: site, siteName: opts.siteName }));
    const headers = new Headers({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
    corsHeaders(headers);
    return c.body(doc, 200, Object.fromEntries(headers));
  });
  let html: string | undefined;
  app.get(`${PUBLIC_API_BASE}/docs`, (c) => {
    html ??= docsPage(registry.routes, { siteUrl: site, siteName: opts.siteName });
    return c.body(html, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });
  app.get(`${PUBLIC_API_BASE}/docs.css`, (c) => c.body(DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));

  app.notFound((c) => errorResponse(new PublicApiError(404, 'NOT_FOUND', 'no_route',
    `${c.req.method} ${new URL(c.req.url).pathname.slice(0, 200)} is not a resource of this API; see ${site}${PUBLIC_API_BASE}/docs`)));
  app.onError((err) => {
    if (err instanceof PublicApiError) return errorResponse(err);
    if (err instanceof LedeError && err.status < 500) return errorResponse(new PublicApiError(err.status === 422 ? 400 : err.status, err.code, err.reason, err.message));
    if (err instanceof LedeError && err.code === 'UNAVAILABLE') {
      const res = errorResponse(new PublicApiError(503, err.code, err.reason, 'the content is not available right now; try again in a few seconds'));
      res.headers.set('Retry-After', '5');
      return res;
    }
    console.error(err);
    return errorResponse(new PublicApiError(500, 'INTERNAL', 'internal', 'something went wrong on our side; try again'));
  });
  return { app, registry, ...(cache && { cache }) };
}

/** The reference (OpenAPI, docs page) is made once from memory: never held back by the bound. */
const REFERENCE = new Set([`${PUBLIC_API_BASE}/openapi.json`, `${PUBLIC_API_BASE}/docs`, `${PUBLIC_API_BASE}/docs.css`]);

function bounded(gate: NonNullable<PublicApiOptions['gate']>): MiddlewareHandler {
  return async (c, next) => {
    if (REFERENCE.has(c.req.path)) return next();
    try {
      await gate(() => next());
    } catch (err) {
      if (!isRenderShed(err)) throw err;
      const res = errorResponse(new PublicApiError(503, 'BUSY', 'busy', 'too many requests are being answered right now; try again in a few seconds'));
      res.headers.set('Retry-After', '5');
      c.res = res;
    }
  };
}

/**
 * Turns the read model's internal headers (asset keys, rights boundary) into
 * public ones: asset keys join Surrogate-Key, and no cache may keep the
 * answer past the instant a picture's rights begin or end.
 */
function assetHeaders(clock: () => Date): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const keys = c.res.headers.get(KEYS_HEADER);
    const expires = Number(c.res.headers.get(EXPIRES_HEADER));
    if (!keys && !c.res.headers.has(EXPIRES_HEADER)) return;
    const headers = new Headers(c.res.headers);
    headers.delete(KEYS_HEADER);
    headers.delete(EXPIRES_HEADER);
    if (keys) headers.set('Surrogate-Key', [headers.get('Surrogate-Key'), keys].filter(Boolean).join(' '));
    if (Number.isFinite(expires) && expires > 0) {
      const left = Math.max(0, Math.floor((expires - clock().getTime()) / 1000));
      const cc = headers.get('Cache-Control');
      if (cc) headers.set('Cache-Control', cc.replace(/(max-age|s-maxage|stale-while-revalidate|stale-if-error)=(\d+)/g, (_, k: string, v: string) => `${k}=${Math.min(Number(v), left)}`));
    }
    const res = new Response(c.res.body, { status: c.res.status, headers });
    c.res = undefined;
    c.res = res;
  };
}
