import type { Context, Hono } from 'hono';
import { feedPaths, sectionSlug, toZonedIso, topicPath } from '../../content/index.js';
import { PAGE_ROUTES, type PageRoute } from '../page-routes.js';
import type { SiteReader } from '../read-model.js';
import { registerSitemapRoutes, type SitemapOptions } from '../sitemaps/index.js';
import { renderAtom } from './atom.js';
import { feedItem, type FeedDoc } from './feed-items.js';
import { renderJsonFeed } from './json-feed.js';
import { renderRss } from './rss.js';
import { absoluteUrl } from './xml.js';
import type { BannerItem } from '../banner.js';
import { EXPIRES_HEADER } from '../page-assets.js';

export interface FeedOptions extends SitemapOptions {
  siteName: string;
  siteUrl: string;
  lang?: string;
  /** Items per feed (default 50). */
  feedSize?: number;
  /** WebSub hubs every feed names (LEDE_WEBSUB_HUB); none: no hub link. */
  websubHubs?: readonly string[];
  /** The breaking news item up now: the item of its story is marked with the category "Eilmeldung". */
  breaking?: () => BannerItem | undefined;
}

const FEED_SIZE = 50;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const FEED_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const;

type Format = keyof typeof FEED_TYPES;
/** The files a feed route's `:file` takes (page-routes.ts), each one format. */
const FILES: Record<string, Format> = { 'feed.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json' };

export { feedPaths } from '../../content/index.js';

/**
 * Feeds (RSS 2.0, Atom, JSON Feed 1.1) for the site, each section and each
 * topic, plus sitemaps and robots.txt. Register before the `/:section`
 * catch-alls. Unknown sections and topics answer 404 through the app's
 * notFound page.
 */
export function registerFeedRoutes(app: Hono, reader: SiteReader, opts: FeedOptions): void {
  const lang = opts.lang ?? 'de';
  const size = opts.feedSize ?? FEED_SIZE;

  const send = async (c: Context, route: PageRoute, scope: { title: string; base: string; filter: { sectionSlug?: string; topic?: string } }) => {
    const format = FILES[c.req.param('file') ?? '']!;
    const stories = await reader.feedStories({ ...scope.filter, limit: size });
    const items = stories.map((s) => feedItem(s, sectionSlug(s.section), opts.siteUrl));
    // The breaking story carries the mark first among its categories while the banner is up (the copy is not kept past its end).
    const breaking = opts.breaking?.();
    const marked = breaking?.storyId ? items.find((i) => i.id === `urn:uuid:${breaking.storyId}`) : undefined;
    if (marked) {
      marked.categories = [lang.startsWith('de') ? 'Eilmeldung' : 'Breaking news', ...marked.categories];
      c.header(EXPIRES_HEADER, String(Date.parse(breaking!.endsAt)));
    }
    const paths = feedPaths(scope.base);
    const doc: FeedDoc = {
      title: scope.title,
      homeUrl: absoluteUrl(opts.siteUrl, scope.base || '/'),
      links: { rss: absoluteUrl(opts.siteUrl, paths.rss), atom: absoluteUrl(opts.siteUrl, paths.atom), json: absoluteUrl(opts.siteUrl, paths.json) },
      description: scope.base ? `${scope.title}: die neuesten Meldungen` : `Die neuesten Meldungen von ${opts.siteName}`,
      language: lang,
      siteName: opts.siteName,
      hubs: opts.websubHubs ?? [],
      updated: items.reduce((max, i) => (Date.parse(i.updated) > Date.parse(max) ? i.updated : max), items[0]?.updated ?? toZonedIso(new Date())),
      items,
    };
    if (!lang.startsWith('de')) doc.description = scope.base ? `${scope.title}: latest stories` : `Latest stories from ${opts.siteName}`;
    const body = format === 'rss' ? renderRss(doc) : format === 'atom' ? renderAtom(doc) : renderJsonFeed(doc);
    c.header('Content-Type', FEED_TYPES[format]);
    c.header('Cache-Control', route.cacheControl!);
    return c.body(body);
  };

  app.get(PAGE_ROUTES.feed.path, (c) => send(c, PAGE_ROUTES.feed, { title: opts.siteName, base: '', filter: {} }));
  app.get(PAGE_ROUTES.topicFeed.path, async (c) => {
    const slug = c.req.param('topic');
    const topic = SLUG.test(slug) ? await reader.topicBySlug(slug) : undefined;
    if (!topic) return c.notFound();
    return send(c, PAGE_ROUTES.topicFeed, { title: `${topic} – ${opts.siteName}`, base: topicPath(slug), filter: { topic } });
  });
  app.get(PAGE_ROUTES.sectionFeed.path, async (c) => {
    const slug = c.req.param('section');
    const section = SLUG.test(slug) ? (await reader.sections()).find((s) => s.slug === slug) : undefined;
    if (!section) return c.notFound();
    return send(c, PAGE_ROUTES.sectionFeed, { title: `${section.name} – ${opts.siteName}`, base: `/${slug}`, filter: { sectionSlug: slug } });
  });

  registerSitemapRoutes(app, reader, opts);
}
