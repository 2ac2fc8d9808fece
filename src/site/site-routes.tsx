import { Hono, type Context } from 'hono';
import {
  LedeError, authorPath, formatGermanDateTime, isLedeError, parseProgrammePath, programmePath, safeLocalPath, sectionSlug, storyPath, topicPath, type Story,
} from '../content/index.js';
import type { PageCursor, StorySummary } from '../store/index.js';
import { demoMediaSvg } from './demo-media.js';
import { feedPaths, registerFeedRoutes } from './feeds/index.js';
import { articleMetadata } from './structured-data.js';
import type { SiteReader } from './read-model.js';
import { ArticleView } from './views/article.js';
import { Layout, renderPage, type NavSection } from './views/layout.js';
import { ErrorView, HomeView, ListingView } from './views/listing.js';
import { AuthorView, authorDescription } from './views/author.js';
import { TopicView, introDescription } from './views/topic.js';
import { searchPage } from './search/search-route.js';
import { registerLiveTickerRoutes } from './live/live-routes.js';
import { registerPushAssets } from './push/push-assets.js';
import { breakingJson } from './breaking-route.js';
import type { BannerItem } from './banner.js';
import { pageAssetsMiddleware } from './page-assets.js';
import { sectionSlugOf } from './memo.js';
import { PAGE_ROUTES, type PageRoute } from './page-routes.js';

export interface SiteOptions {
  siteName: string;
  siteUrl: string;
  /** Language of the site's own pages (home, sections); stories carry their own. */
  lang?: string;
  /** Most stories a topic page's timeline shows (default TIMELINE_LIMIT). */
  timelineLimit?: number;
  /** What `/readyz` reports (createApp passes the database, migration and relay checks); without it only the process is checked. */
  readiness?: () => Promise<{ ready: boolean; checks: Record<string, string> }>;
  /** WebSub hubs the feeds name (LEDE_WEBSUB_HUB). */
  websubHubs?: readonly string[];
  /** The breaking news item up now (banner.ts), for /eilmeldung.json and the feeds' marks. */
  breaking?: () => BannerItem | undefined;
}

const PAGE_SIZE = 20;
const RAIL_SIZE = 4;
const SECTION_BLOCK_SIZE = 4;
/**
 * A topic's timeline shows its first 200 stories, oldest first. A chronicle is
 * read from the beginning, and the newest stories stand above it on the same
 * page, so for a long-running topic the start is what the timeline adds;
 * beyond 200 a note points to the newest-first list, which pages through all.
 * 200 entries keep the page near 10 KB gzipped and the query one index range.
 */
const TIMELINE_LIMIT = 200;

const SECTION_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function parseCursor(raw: string | undefined): PageCursor | undefined {
  if (!raw) return undefined;
  try {
    const [publishedAt, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
    if (publishedAt && id && !Number.isNaN(Date.parse(publishedAt)) && /^[0-9a-f-]{36}$/.test(id)) return { publishedAt, id };
  } catch {
    /* fall through */
  }
  throw new LedeError('VALIDATION', 'the page link is broken (bad "vor" parameter); start again from the first page', { reason: 'bad_cursor' });
}

function nextCursor(stories: { firstPublishedAt?: string; id: string }[], limit: number): PageCursor | undefined {
  const last = stories[stories.length - 1];
  return stories.length === limit && last?.firstPublishedAt ? { publishedAt: last.firstPublishedAt, id: last.id } : undefined;
}

/**
 * Registers the public reader site on `app` (routes, the 404 page and the error
 * page, which must belong to the top-level app to catch every unmatched path).
 * Reads only, through `SiteReader`.
 */
export function createSiteRoutes(reader: SiteReader, opts: SiteOptions, app: Hono = new Hono()): Hono {
  const lang = opts.lang ?? 'de';

  const nav = async (): Promise<NavSection[]> => (await reader.sections()).map((s) => ({ name: s.name, slug: s.slug }));

  /** A page as its route declares it is cached. */
  const html = (c: Context, route: PageRoute, body: string) => {
    if (route.cacheControl) c.header('Cache-Control', route.cacheControl);
    return c.html(body);
  };

  const errorPage = async (c: Context, status: 404 | 410 | 422 | 500 | 503, goneFrom?: string) => {
    let sections: NavSection[] = [];
    let more: { section: NavSection; stories: StorySummary[] } | undefined;
    try {
      if (status !== 503) sections = await nav();
      // A reader who followed a link to a removed story is offered the newest of its section instead.
      const section = goneFrom === undefined ? undefined : sections.find((s) => s.slug === sectionSlug(goneFrom));
      if (section) more = { section, stories: await reader.list({ sectionSlug: section.slug, limit: RAIL_SIZE }) };
    } catch {
      /* the error page must render even when the database is gone */
    }
    const shown = status === 422 ? 404 : status;
    const page = renderPage(
      <Layout title={`${shown} – ${opts.siteName}`} siteName={opts.siteName} lang={lang} sections={sections}>
        <ErrorView status={shown} lang={lang} sections={sections} {...(more && { more })} />
      </Layout>,
    );
    c.header('Cache-Control', 'no-store');
    // A broken link parameter (422 inside) is, for a reader, a page that does not exist.
    return c.html(page, shown);
  };

  // Media library pictures a response names go to the page cache as surrogate keys (asset:<id>).
  app.use('*', pageAssetsMiddleware());
  // Liveness: the process answers. Readiness: it can serve (database, schema, event relay); 503 names what fails.
  app.get(PAGE_ROUTES.health.path, (c) => c.text('ok'));
  app.get(PAGE_ROUTES.ready.path, async (c) => {
    const report = opts.readiness ? await opts.readiness() : { ready: true, checks: {} };
    c.header('Cache-Control', 'no-store');
    const failing = Object.entries(report.checks).filter(([, v]) => v !== 'ok').map(([k]) => k);
    return c.json({ status: report.ready ? 'ready' : 'not ready', ...(failing.length && { failing }), checks: report.checks }, report.ready ? 200 : 503);
  });
  registerFeedRoutes(app, reader, opts);
  app.get(PAGE_ROUTES.favicon.path, (c) => c.body(null, 204));
  app.get(PAGE_ROUTES.demoMedia.path, (c) => {
    const svg = demoMediaSvg(c.req.param('file').replace(/\.svg$/, ''));
    if (!svg) return errorPage(c, 404);
    c.header('Content-Type', 'image/svg+xml');
    c.header('Cache-Control', PAGE_ROUTES.demoMedia.cacheControl);
    return c.body(svg);
  });

  registerPushAssets(app);
  app.get(PAGE_ROUTES.breaking.path, (c) => breakingJson(c, opts));
  app.get(PAGE_ROUTES.home.path, async (c) => {
    const sections = await reader.sections();
    const [lead] = await reader.list({ limit: 1 });
    const blocks = await Promise.all(
      sections.map(async (s) => ({
        name: s.name,
        slug: s.slug,
        stories: await reader.list({ sectionSlug: s.slug, limit: SECTION_BLOCK_SIZE, ...(lead && { excludeId: lead.id }) }),
      })),
    );
    const page = renderPage(
      <Layout title={opts.siteName} siteName={opts.siteName} lang={lang} canonical={`${opts.siteUrl}/`} sections={sections}>
        <HomeView siteName={opts.siteName} lead={lead} sections={blocks.filter((b) => b.stories.length)} lang={lang} />
      </Layout>,
    );
    return html(c, PAGE_ROUTES.home, page);
  });

  app.get(PAGE_ROUTES.topic.path, async (c) => {
    const topicSlug = c.req.param('topic');
    const topic = SECTION_SLUG.test(topicSlug) ? await reader.topicBySlug(topicSlug) : undefined;
    if (!topic) return errorPage(c, 404);
    const before = parseCursor(c.req.query('vor'));
    // Introduction and timeline belong to the first page; older pages are the list only.
    const [stories, sections, intro, timeline] = await Promise.all([
      reader.list({ topic, limit: PAGE_SIZE, ...(before && { before }) }),
      nav(),
      before ? undefined : reader.topicIntro(topicSlug),
      before ? undefined : reader.topicTimeline(topic, opts.timelineLimit ?? TIMELINE_LIMIT),
    ]);
    const page = renderPage(
      <Layout title={`${topic} – ${opts.siteName}`} siteName={opts.siteName} lang={lang} canonical={`${opts.siteUrl}${topicPath(topicSlug)}`} sections={sections} pushTopic={{ slug: topicSlug, name: topic }}
        description={introDescription(intro)}
        feeds={[{ title: `${topic} – ${opts.siteName}`, href: feedPaths(topicPath(topicSlug)).rss }, { title: opts.siteName, href: '/feed.xml' }]}>
        <TopicView title={topic} intro={intro} stories={stories} next={nextCursor(stories, PAGE_SIZE)} basePath={topicPath(topicSlug)} lang={lang}
          isFirstPage={!before} timeline={timeline} />
      </Layout>,
    );
    return html(c, PAGE_ROUTES.topic, page);
  });

  app.get(PAGE_ROUTES.author.path, async (c) => {
    const authorSlug = c.req.param('author');
    // Known only through a public story: an author of drafts alone has no page.
    const author = SECTION_SLUG.test(authorSlug) ? await reader.author(authorSlug) : undefined;
    if (!author) return errorPage(c, 404);
    const before = parseCursor(c.req.query('vor'));
    const [stories, sections] = await Promise.all([reader.list({ authorSlug, limit: PAGE_SIZE, ...(before && { before }) }), nav()]);
    const page = renderPage(
      <Layout title={`${author.name} – ${opts.siteName}`} siteName={opts.siteName} lang={lang} canonical={`${opts.siteUrl}${authorPath(authorSlug)}`}
        sections={sections} description={authorDescription(author, lang)}>
        <AuthorView author={author} stories={stories} next={nextCursor(stories, PAGE_SIZE)} lang={lang} isFirstPage={!before} />
      </Layout>,
    );
    return html(c, PAGE_ROUTES.author, page);
  });

  app.get(PAGE_ROUTES.search.path, (c) => searchPage(c, reader, { ...opts, lang }));

  app.get(PAGE_ROUTES.programme.path, async (c) => {
    const startsAt = parseProgrammePath(c.req.param('date'), c.req.param('time'));
    if (!startsAt) return errorPage(c, 404);
    const stories = await reader.broadcastSlot(startsAt);
    if (!stories.length) return errorPage(c, 404);
    const sections = await nav();
    const slot = formatGermanDateTime(startsAt);
    const programme = (await reader.publishedStory(stories[0]!.slug))?.broadcast?.programme;
    const title = `Im Programm: ${programme ? `${programme} | ` : ''}${slot}`;
    const page = renderPage(
      <Layout title={`${title} – ${opts.siteName}`} siteName={opts.siteName} lang={lang} canonical={`${opts.siteUrl}${programmePath(startsAt)}`} sections={sections}>
        <ListingView title={title} stories={stories} basePath={programmePath(startsAt)} lang={lang} isFirstPage={true} />
      </Layout>,
    );
    return html(c, PAGE_ROUTES.programme, page);
  });

  app.get(PAGE_ROUTES.section.path, async (c) => {
    const slug = c.req.param('section');
    if (!SECTION_SLUG.test(slug)) return errorPage(c, 404);
    const sections = await reader.sections();
    const section = sections.find((s) => s.slug === slug);
    if (!section) return errorPage(c, 404);
    const before = parseCursor(c.req.query('vor'));
    const stories = await reader.list({ sectionSlug: slug, limit: PAGE_SIZE, ...(before && { before }) });
    const page = renderPage(
      <Layout title={`${section.name} – ${opts.siteName}`} siteName={opts.siteName} lang={lang} canonical={`${opts.siteUrl}/${slug}`} sections={sections} currentSection={slug}
        feeds={[{ title: `${section.name} – ${opts.siteName}`, href: feedPaths(`/${slug}`).rss }, { title: opts.siteName, href: '/feed.xml' }]}>
        <ListingView title={section.name} stories={stories} next={nextCursor(stories, PAGE_SIZE)} basePath={`/${slug}`} lang={lang} isFirstPage={!before} />
      </Layout>,
    );
    return html(c, PAGE_ROUTES.section, page);
  });

  registerLiveTickerRoutes(app, reader);
  app.get(PAGE_ROUTES.story.path, async (c) => {
    const requested = c.req.param('section');
    const slug = c.req.param('slug');
    if (!SECTION_SLUG.test(slug)) return errorPage(c, 404);
    // The story with its rail; with an event bus the rail and the navigation come from lists the reader keeps.
    const found = await reader.articlePage(slug, RAIL_SIZE);
    if (!found) return errorPage(c, 404);
    if ('gone' in found) return errorPage(c, 410, found.gone.section);
    const { story, rail } = found;
    const actualSection = sectionSlugOf(story.section);
    // A story moved to another section keeps working under its old address.
    // safeLocalPath: a redirect never leaves the site, whatever a slug holds.
    if (actualSection !== requested) return c.redirect(safeLocalPath(storyPath({ sectionSlug: actualSection, slug: story.slug })), 301);
    return html(c, PAGE_ROUTES.story, await renderStoryPage(reader, opts, story, rail));
  });

  app.notFound((c) => errorPage(c, 404));

  app.onError((err, c) => {
    if (isLedeError(err)) {
      if (err.status === 503 || err.status === 410 || err.status === 404 || err.status === 422) return errorPage(c, err.status as 404);
    }
    // Unexpected: log for operators, show readers a friendly page without internals.
    console.error(`[site] ${c.req.method} ${c.req.path}:`, err);
    return errorPage(c, isDatabaseDown(err) ? 503 : 500);
  });

  return app;
}

/**
 * The whole reader page of one story, as readers get it. The newsroom's
 * preview calls this too, so a preview is the page, not an imitation.
 * `railRead`: the rail when the caller read it with the story (the article route); else it is read here.
 */
export async function renderStoryPage(reader: SiteReader, opts: SiteOptions, unresolved: Story, railRead?: StorySummary[]): Promise<string> {
  // A story read through the reader is resolved already (this returns it as is); a preview's is resolved here.
  const story = await reader.resolveStory(unresolved);
  const actualSection = sectionSlugOf(story.section);
  const [sections, rail] = await Promise.all([
    reader.sections(),
    railRead ?? reader.list({ sectionSlug: actualSection, limit: RAIL_SIZE, excludeId: story.id }),
  ]);
  const canonical = `${opts.siteUrl}${storyPath({ sectionSlug: actualSection, slug: story.slug })}`;
  const { jsonLd, meta } = articleMetadata(story, { siteName: opts.siteName, siteUrl: opts.siteUrl, canonical });
  return renderPage(
    <Layout
      title={articleTitle(story, opts.siteName)}
      siteName={opts.siteName}
      lang={story.language}
      description={story.teaser}
      canonical={canonical}
      sections={sections}
      currentSection={actualSection}
      meta={meta}
      jsonLd={jsonLd}
    >
      <ArticleView story={story} rail={rail} />
    </Layout>,
  );
}

/**
 * Connection-level failures (server gone, refused, shutting down) and missed
 * deadlines (server silent; 57014 = statement_timeout) are "try again later", not a bug.
 */
function isDatabaseDown(err: unknown): boolean {
  if (isLedeError(err) && (err.reason === 'database_unavailable' || err.reason === 'database_timeout')) return true;
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|57014)$/.test(code) || /^(08|57P)/.test(code))) return true;
  return err instanceof Error && /Connection terminated|connection timeout|Client has encountered a connection error|PGlite is closed|Query read timeout/i.test(err.message);
}

function articleTitle(story: Story, siteName: string): string {
  const head = story.kicker ? `${story.kicker}: ${story.headline}` : story.headline;
  return `${head} | ${siteName}`;
}
