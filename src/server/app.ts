import { Hono, type MiddlewareHandler } from 'hono';
import { withDatabasePriority, type Database } from '../store/index.js';
import { createSiteReader } from '../site/read-model.js';
import { createSiteRoutes } from '../site/site-routes.js';
import { readerPushApi } from '../api/reader-push-api.js';
import { BannerState, withBanner } from '../site/banner.js';
import { SURROGATE } from '../site/surrogate-keys.js';
import { touchesReaders, type EventBus } from '../events/event-bus.js';
import { hardPurgeKeysFor, purgeKeysFor, withoutInternalHeaders, type PageCache } from '../site/page-cache.js';
import { mediaHandler } from '../site/media-route.js';
import { createServices, type Services } from '../services/index.js';
import type { Config } from './config.js';
import { createNewsroom, type NewsroomModule } from './newsroom-app.js';
import { NEWSROOM_MODULES } from './newsroom-modules.js';
import type { NewsroomMedia } from '../services/media-library.js';
import { securityHeaders } from './security-headers.js';
import { compression } from './compression.js';
import { metricsHandler, type AppMetrics } from './metrics.js';
import { observeRequests, timedRender } from './request-log.js';
import type { Logger } from 'pino';
import type { EventRelay } from '../events/event-relay.js';
import { checkReadiness } from './readiness.js';
import { wirePush } from './wire-push.js';
import { createPublicApi } from '../api/public/public-api.js';
import { publicApiGate, type PublicApiGateOptions } from '../api/public-keys-gate.js';

export interface AppOptions {
  /** Cache rendered pages; purged by `events`, so pass both (serve does). */
  pageCache?: PageCache;
  events?: EventBus;
  /** Newsroom modules to register (default: all of NEWSROOM_MODULES). */
  newsroomModules?: NewsroomModule[];
  /** The media library behind the newsroom's media endpoints (serve: LEDE_DATA_DIR/media). */
  media?: NewsroomMedia;
  /** The process's services (serve builds them once and shares them with the scheduler); default: built here from `config`, `events` and `media`. */
  services?: Services;
  /** The clock pictures' rights are checked against on reader pages (tests). */
  clock?: () => Date;
  /** The node's event relay: `/readyz` reports not ready while it is not listening (PostgreSQL). */
  relay?: Pick<EventRelay, 'active' | 'listening'>;
  /** How long `/readyz` waits for the database, in ms (default 1000). */
  readyTimeoutMs?: number;
  /** The operator's request log (lede serve, LEDE_LOG); without it nothing is logged. */
  logger?: Logger;
  /** The content API's key gate settings (anonymous quota, clock); the gate itself is src/api/public-keys-gate.ts. */
  apiGate?: PublicApiGateOptions;
  /** Replaces the content API's key gate altogether (tests of the API alone). */
  apiKeyGuard?: MiddlewareHandler;
  /** Request metrics; served at /metrics when `metricsToken` is set too (LEDE_METRICS_TOKEN). */
  metrics?: AppMetrics;
  metricsToken?: string;
  /** The breaking banner as this process shows it (default: one read from `db`, refreshed by `events`). */
  banner?: BannerState;
  /** The VAPID public key readers' browsers subscribe with (serve: loadVapidIdentity); without it the push endpoints answer 503. */
  vapidPublicKey?: string;
}

/** Assembles the HTTP app. In-process tests call `app.request(...)` on it; `serve` binds it to a port. */
export function createApp(db: Database, config: Pick<Config, 'siteName' | 'siteUrl' | 'trustProxy'> & Partial<Pick<Config, 'requireImageCredit' | 'websubHubs'>>, opts: AppOptions = {}): Hono {
  const app = new Hono();
  const services = opts.services ?? createServices(db, config, { events: opts.events, media: opts.media });
  // Outermost: one log line and the request metrics per answer, whatever answered it.
  if (opts.logger || opts.metrics) app.use('*', observeRequests({ logger: opts.logger, metrics: opts.metrics }));
  // Security headers on every answer: the reader's policy or the newsroom's stricter one (security-headers.ts), HSTS over HTTPS.
  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(securityHeaders(c.req.raw, c.req.path, config.trustProxy))) c.res.headers.set(k, v);
  });
  // Text answers in the coding the client prefers (gzip, brotli); cached pages and newsroom assets come compressed already.
  app.use('*', compression());
  // The newsroom answers before the page cache: nothing of it is ever cached or shared.
  const newsroom = createNewsroom(services, config, { modules: opts.newsroomModules ?? NEWSROOM_MODULES });
  app.all('/newsroom', (c) => withDatabasePriority(() => newsroom.app.fetch(c.req.raw, c.env as object)));
  app.all('/newsroom/*', (c) => withDatabasePriority(() => newsroom.app.fetch(c.req.raw, c.env as object)));
  // Agency pushes (POST /ingest/{source}): HMAC-signed, no session, never cached; other methods fall through to the site.
  const push = wirePush(services.wire);
  app.post('/ingest/:source', (c) => push.fetch(c.req.raw, c.env as object));
  // Readers' Web Push subscriptions (POST /push/subscribe, /push/unsubscribe, GET /push/key): writes, never cached.
  const readerPush = readerPushApi(services.push, { vapidPublicKey: opts.vapidPublicKey, trustProxy: config.trustProxy, siteUrl: config.siteUrl });
  // Only its three paths: a section may still be called "push" (its stories live at /push/<slug>).
  for (const path of ['/push/key', '/push/subscribe', '/push/unsubscribe']) app.all(path, (c) => readerPush.fetch(c.req.raw, c.env as object));
  // Metrics answer before the page cache (never kept there); without a token the path is the site's like any other (404).
  if (opts.metrics && opts.metricsToken) app.get('/metrics', metricsHandler(opts.metrics.registry, opts.metricsToken));
  // Public renditions carry their own caching (immutable, capped at the rights' end): not for the page cache.
  if (services.media) {
    const serveMedia = mediaHandler(services.media.library, opts.clock);
    app.on(['GET', 'HEAD'], '/media/:assetId/:file', serveMedia);
  }
  // The public content API (/api/v1): before the page cache, with its own ETag, Cache-Control and Surrogate-Key (src/api/public).
  const publicApi = createPublicApi(db, {
    siteUrl: config.siteUrl, siteName: config.siteName, ...(opts.clock && { clock: opts.clock }),
    // Answers are kept only where events purge them (below, with the page cache's keys).
    keepAnswers: opts.events !== undefined,
    // Uncached answers share the render gate with pages: one bound on what a flood may take.
    ...(opts.pageCache && { gate: <T>(fn: () => Promise<T>) => opts.pageCache!.runGated(fn) }),
    // Keys are optional: without one a request reads on its address's anonymous quota.
    apiKeyGuard: opts.apiKeyGuard ?? publicApiGate(services, { trustProxy: config.trustProxy, ...opts.apiGate }),
  });
  app.all('/api/v1', (c) => publicApi.app.fetch(c.req.raw, c.env as object));
  app.all('/api/v1/*', (c) => publicApi.app.fetch(c.req.raw, c.env as object));
  const reader = createSiteReader(db, { ...(opts.clock && { clock: opts.clock }), cacheSections: opts.events !== undefined });
  const readiness = () => checkReadiness({ db, relay: opts.relay, ...(opts.readyTimeoutMs !== undefined && { timeoutMs: opts.readyTimeoutMs }) });
  // The breaking banner: read now and on every breaking.changed (from this node or, through the relay, another).
  const banner = opts.banner ?? new BannerState(db);
  void banner.refresh().catch(() => undefined);
  opts.pageCache?.useBanner(banner);
  const site = createSiteRoutes(reader, {
    siteName: config.siteName, siteUrl: config.siteUrl, readiness, ...(config.websubHubs && { websubHubs: config.websubHubs }), breaking: () => banner.current,
  });
  opts.events?.subscribe(async (event) => {
    if (event.type !== 'breaking.changed') return;
    // Pages take the new banner from the cache without a purge; the item's own answers and the feeds' marks are purged.
    await banner.refresh().catch(() => undefined);
    opts.pageCache?.purge([SURROGATE.breaking, SURROGATE.feeds]);
    publicApi.cache?.purge([SURROGATE.breaking, SURROGATE.feeds]);
  });
  // A story event may add or empty a section: the navigation is read again (before any page re-renders).
  opts.events?.subscribe((event) => {
    if (event.type !== 'asset.updated' && touchesReaders(event)) reader.invalidate();
    // The content API's kept answers carry the pages' keys: the same purge reaches them.
    if (publicApi.cache && touchesReaders(event)) {
      const keys = purgeKeysFor(event);
      if (keys.length) publicApi.cache.purge(keys);
      else publicApi.cache.purgeAll();
    }
  });
  const cache = opts.pageCache;
  if (cache && opts.events) {
    opts.events.subscribe((event) => {
      // The agency desk's events change no reader page: without this, an empty key list would purge everything.
      if (!touchesReaders(event)) return;
      const keys = purgeKeysFor(event);
      // An asset event without a readable asset id (another node's, garbled): everything, to be safe.
      if (keys.length) cache.purge(keys, { hard: hardPurgeKeysFor(event) });
      else cache.purgeAll();
    });
  }
  const renderSite = timedRender(opts.metrics, (req) => site.fetch(req));
  // Without a page cache (tests, tools) each HTML page gets the banner as it is rendered; the cache does that itself.
  const renderWithBanner = async (req: Request): Promise<Response> => {
    const res = await renderSite(req);
    if (!banner.current || !res.headers.get('content-type')?.startsWith('text/html')) return res;
    const filled = withBanner(Buffer.from(await res.arrayBuffer()), banner);
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    return new Response(filled as unknown as BodyInit, { status: res.status, headers });
  };
  app.all('*', async (c) => (cache ? cache.handle(c.req.raw, renderSite) : withoutInternalHeaders(await renderWithBanner(c.req.raw))));
  return app;
}
