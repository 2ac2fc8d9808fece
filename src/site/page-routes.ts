import { SEARCH_FIELDS } from './search/search-params.js';
import { SURROGATE } from './surrogate-keys.js';

/**
 * Every GET route of the reader site, declared as data: its path (a Hono
 * pattern), the Cache-Control its answers carry, and what the page cache does
 * with it — either nothing (`bypass`, with the reason), or keep one copy per
 * path and the query parameters the page reads (`query`), tagged with the
 * surrogate keys it shows (`keys`, from the path's parameters), so the domain
 * events that change those (purgeKeysFor) purge it.
 *
 * The route modules register their handlers under these paths, in this order
 * (test/site/page-routes.test.ts checks both against the site app), and the
 * page cache finds a request's route in this same table, first match wins, as
 * in Hono. A custom parameter pattern is written as one group, `{(?:a|b)}`:
 * Hono does not wrap `{a|b}` in one, so its alternation would leak out of the
 * parameter.
 */
export type RouteParams = Readonly<Record<string, string>>;

export type RouteCache =
  /** Kept by the page cache. */
  | { readonly keys: (params: RouteParams) => string[]; readonly query?: readonly string[] }
  /** Handed to the site every time: the reason says why not cached; `gate` when it reads the database (so it waits for a render slot). */
  | { readonly bypass: string; readonly gate?: boolean };

export interface PageRoute {
  readonly path: string;
  /** Cache-Control of a successful answer as the route sends it (the page cache sets its own on what it serves). */
  readonly cacheControl?: string;
  readonly cache: RouteCache;
}

const FEED_FILE = '{(?:feed\\.xml|atom\\.xml|feed\\.json)}';
/** Listings page with `?vor=` (a keyset cursor); nothing else in the query changes them. */
const PAGED = ['vor'] as const;
const PAGE_TTL = 'public, max-age=30';
const SITEMAP_TTL = 'public, max-age=300';
const feeds = () => [SURROGATE.feeds];

export const PAGE_ROUTES = {
  health: { path: '/healthz', cache: { bypass: 'liveness: the process answers itself, the database is not asked' } },
  ready: { path: '/readyz', cache: { bypass: 'readiness asks the database every time' } },
  feed: { path: `/:file${FEED_FILE}`, cacheControl: 'public, max-age=120', cache: { keys: feeds } },
  topicFeed: { path: `/thema/:topic/:file${FEED_FILE}`, cacheControl: 'public, max-age=120', cache: { keys: (p) => [SURROGATE.topic(p.topic!), SURROGATE.feeds] } },
  sectionFeed: { path: `/:section/:file${FEED_FILE}`, cacheControl: 'public, max-age=120', cache: { keys: (p) => [SURROGATE.section(p.section!), SURROGATE.feeds] } },
  robots: { path: '/robots.txt', cacheControl: 'public, max-age=3600', cache: { keys: feeds } },
  sitemapIndex: { path: '/sitemap.xml', cacheControl: SITEMAP_TTL, cache: { keys: feeds } },
  sectionsSitemap: { path: '/sitemaps/sections.xml', cacheControl: SITEMAP_TTL, cache: { keys: feeds } },
  authorsSitemap: { path: '/sitemaps/authors.xml', cacheControl: SITEMAP_TTL, cache: { keys: feeds } },
  programmesSitemap: { path: '/sitemaps/programmes.xml', cacheControl: SITEMAP_TTL, cache: { keys: feeds } },
  storiesSitemap: {
    path: '/sitemaps/:file{stories-[1-9][0-9]{0,6}\\.xml}', cacheControl: SITEMAP_TTL,
    cache: { bypass: 'streamed, up to 6 MB a chunk: it would crowd out pages', gate: true },
  },
  newsSitemap: { path: '/sitemaps/news.xml', cacheControl: SITEMAP_TTL, cache: { keys: feeds } },
  favicon: { path: '/favicon.ico', cache: { bypass: 'an empty answer, nothing to keep' } },
  demoMedia: { path: '/demo-media/:file{[a-z0-9-]+\\.svg}', cacheControl: 'public, max-age=86400', cache: { bypass: 'fixed pictures, cached by browsers a day' } },
  // Web Push for readers: the opt-in script (named by its content hash) and the service worker, which must sit at
  // the site's root to control every page and is checked for updates on each visit (no-cache).
  pushScript: {
    path: '/assets/:file{push\\.[0-9a-f]+\\.js}', cacheControl: 'public, max-age=31536000, immutable',
    cache: { bypass: 'named by its content hash, cached by browsers for a year' },
  },
  serviceWorker: { path: '/sw.js', cacheControl: 'no-cache', cache: { bypass: 'a fixed script; browsers revalidate it on each visit' } },
  // The current breaking news item for apps and scripts; its key is purged when the banner changes.
  breaking: { path: '/eilmeldung.json', cacheControl: 'public, max-age=5', cache: { keys: () => [SURROGATE.breaking] } },
  home: { path: '/', cacheControl: PAGE_TTL, cache: { keys: () => [SURROGATE.home] } },
  topic: { path: '/thema/:topic', cacheControl: PAGE_TTL, cache: { keys: (p) => [SURROGATE.topic(p.topic!)], query: PAGED } },
  author: { path: '/autor/:author', cacheControl: PAGE_TTL, cache: { keys: (p) => [SURROGATE.author(p.author!)], query: PAGED } },
  search: { path: '/suche', cacheControl: PAGE_TTL, cache: { keys: () => [SURROGATE.search], query: SEARCH_FIELDS } },
  programme: { path: '/programm/:date/:time', cacheControl: PAGE_TTL, cache: { keys: () => [SURROGATE.programme] } },
  section: { path: '/:section', cacheControl: PAGE_TTL, cache: { keys: (p) => [SURROGATE.section(p.section!)], query: PAGED } },
  liveScript: {
    path: '/assets/:file{live-ticker\\.[0-9a-f]+\\.js}', cacheControl: 'public, max-age=31536000, immutable',
    cache: { bypass: 'named by its content hash, cached by browsers for a year' },
  },
  // A live ticker's update fragment changes exactly when its story does.
  liveFragment: { path: '/:section/:slug/live.json', cacheControl: 'public, max-age=15', cache: { keys: (p) => [SURROGATE.story(p.slug!)], query: ['nach'] } },
  story: { path: '/:section/:slug', cacheControl: PAGE_TTL, cache: { keys: (p) => [SURROGATE.story(p.slug!), SURROGATE.section(p.section!)] } },
} as const satisfies Record<string, PageRoute>;

/** The table in precedence order (the order the site registers its routes). */
export const PAGE_ROUTE_LIST: readonly PageRoute[] = Object.values(PAGE_ROUTES);
