import type { Context, Hono } from 'hono';
import { authorPath, programmePath, topicSlug, storyPath, toZonedIso, topicPath } from '../../content/index.js';
import type { PageCursor, SitemapStory, StorySummary } from '../../store/index.js';
import { absoluteUrl, el, rfc3339 } from '../feeds/xml.js';
import { PAGE_ROUTES, type PageRoute } from '../page-routes.js';
import type { SiteReader } from '../read-model.js';
import { creditLabel } from '../views/figure.js';
import { shownImage } from '../media-figures.js';
import type { Figure } from '../../content/index.js';

export interface SitemapOptions {
  siteName: string;
  siteUrl: string;
  lang?: string;
  /** Story URLs per sitemap chunk (default and maximum 50,000, the protocol's limit). */
  sitemapChunkSize?: number;
  /** Rows per database read while streaming a chunk (default 1000). */
  sitemapPageSize?: number;
  /** Clock for the news sitemap's 48-hour window (tests). */
  now?: () => Date;
}

export const SITEMAP_MAX_URLS = 50_000;
const NEWS_WINDOW_MS = 48 * 3600_000;
const NEWS_MAX = 1000;
const LIST_PAGE = 500;

const NS = {
  sitemap: 'http://www.sitemaps.org/schemas/sitemap/0.9',
  image: 'http://www.google.com/schemas/sitemap-image/1.1',
  news: 'http://www.google.com/schemas/sitemap-news/0.9',
};
const XML_TYPE = 'application/xml; charset=utf-8';
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Google News wants ISO 639 codes, lower case; zh-cn and zh-tw are the only regional ones. */
export function newsLanguage(lang: string): string {
  const l = lang.toLowerCase();
  if (l === 'zh-cn' || l === 'zh-tw') return l;
  const base = l.split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(base) ? base : 'de';
}

/** An image sitemap's caption: the figure's caption and its rights line, "Bildrechte: dpa". */
export function imageCaption(f: Figure, lang: string): string | undefined {
  const credit = f.credit ? `${creditLabel(lang)}: ${f.credit}` : undefined;
  if (!f.caption) return credit;
  return credit ? `${f.caption} (${credit})` : f.caption;
}

function storyEntry(siteUrl: string, s: SitemapStory, lang: string): string {
  const lastmod = s.updatedAt && Date.parse(s.updatedAt) > Date.parse(s.firstPublishedAt) ? s.updatedAt : s.firstPublishedAt;
  // Figures when the read model gave them (resolved: never a lapsed picture), else the bare sources.
  const figures: Figure[] = s.images ?? s.imageSources.map((src) => ({ kind: 'image', alt: '', src }));
  const seen = new Set<string>();
  const images = figures
    .filter((f) => f.src && !seen.has(absoluteUrl(siteUrl, f.src)) && seen.add(absoluteUrl(siteUrl, f.src)))
    .slice(0, 1000)
    .map((f) => {
      const licence = shownImage(f)?.licence;
      // Order as the image sitemap schema wants it: loc, caption, (geo_location, title,) license.
      return `<image:image>${el('image:loc', absoluteUrl(siteUrl, f.src!))}${el('image:caption', imageCaption(f, lang))}`
        + `${licence && /^https?:\/\//.test(licence) ? el('image:license', licence) : ''}</image:image>`;
    })
    .join('');
  return `<url>${el('loc', absoluteUrl(siteUrl, storyPath(s)))}${el('lastmod', rfc3339(lastmod))}${images}</url>\n`;
}

/**
 * `/robots.txt`, `/sitemap.xml` (index), `/sitemaps/sections.xml`,
 * `/sitemaps/authors.xml` and `/sitemaps/programmes.xml` (author pages and
 * broadcast slots with public stories),
 * `/sitemaps/stories-<n>.xml` (streamed, keyset-paged, oldest stories in
 * chunk 1 so earlier chunks stay stable) and `/sitemaps/news.xml`.
 */
export function registerSitemapRoutes(app: Hono, reader: SiteReader, opts: SitemapOptions): void {
  const chunkSize = Math.min(Math.max(1, Math.floor(opts.sitemapChunkSize ?? SITEMAP_MAX_URLS)), SITEMAP_MAX_URLS);
  const pageSize = Math.max(1, Math.floor(opts.sitemapPageSize ?? 1000));
  const now = opts.now ?? (() => new Date());
  const url = (p: string) => absoluteUrl(opts.siteUrl, p);

  /** Up to `max` stories first published in the last 48 hours (not scheduled ones), newest first. */
  const freshStories = async (max: number): Promise<StorySummary[]> => {
    const at = now().getTime();
    const since = at - NEWS_WINDOW_MS;
    const fresh: StorySummary[] = [];
    let before: PageCursor | undefined;
    for (;;) {
      const page = await reader.list({ limit: LIST_PAGE, ...(before && { before }) });
      for (const s of page) {
        const t = s.firstPublishedAt ? Date.parse(s.firstPublishedAt) : NaN;
        if (!(t >= since)) return fresh;
        if (t <= at + 60_000) fresh.push(s);
        if (fresh.length >= max) return fresh;
      }
      const last = page[page.length - 1];
      if (page.length < LIST_PAGE || !last?.firstPublishedAt) return fresh;
      before = { publishedAt: last.firstPublishedAt, id: last.id };
    }
  };

  const xmlResponse = (c: Context, route: PageRoute, body: string | ReadableStream<Uint8Array>) => {
    c.header('Content-Type', XML_TYPE);
    c.header('Cache-Control', route.cacheControl!);
    return c.body(body);
  };

  app.get(PAGE_ROUTES.robots.path, (c) => {
    c.header('Cache-Control', PAGE_ROUTES.robots.cacheControl);
    return c.text(`User-agent: *\nAllow: /\n\nSitemap: ${url('/sitemap.xml')}\n`);
  });

  app.get(PAGE_ROUTES.sitemapIndex.path, async (c) => {
    const [count, news, listed] = await Promise.all([reader.countPublished(), freshStories(1), reader.hasListedPages()]);
    const chunks = Math.ceil(count / chunkSize);
    const entries = [url('/sitemaps/sections.xml')];
    // Listed only while they have a URL (a urlset needs one).
    if (listed.authors) entries.push(url('/sitemaps/authors.xml'));
    if (listed.programmes) entries.push(url('/sitemaps/programmes.xml'));
    // A urlset needs at least one URL: the news sitemap is listed only while it has one.
    if (news.length) entries.push(url('/sitemaps/news.xml'));
    for (let n = 1; n <= chunks; n++) entries.push(url(`/sitemaps/stories-${n}.xml`));
    const body = `${HEAD}<sitemapindex xmlns="${NS.sitemap}">\n${entries.map((u) => `<sitemap>${el('loc', u)}</sitemap>\n`).join('')}</sitemapindex>\n`;
    return xmlResponse(c, PAGE_ROUTES.sitemapIndex, body);
  });

  app.get(PAGE_ROUTES.sectionsSitemap.path, async (c) => {
    const [sections, topics] = await Promise.all([reader.sections(), reader.topics()]);
    const paths = ['/', ...sections.map((s) => `/${s.slug}`), ...topics.map((t) => topicSlug(t.name)).map(topicPath)];
    const body = `${HEAD}<urlset xmlns="${NS.sitemap}">\n${[...new Set(paths)].map((p) => `<url>${el('loc', url(p))}</url>\n`).join('')}</urlset>\n`;
    return xmlResponse(c, PAGE_ROUTES.sectionsSitemap, body);
  });

  // Author pages and broadcast slots: one sitemap each, the most recently active 50,000.
  const listedPages = (route: PageRoute, list: (limit: number) => Promise<{ key: string; lastmod: string }[]>, pathOf: (key: string) => string) => {
    app.get(route.path, async (c) => {
      const pages = await list(SITEMAP_MAX_URLS);
      if (!pages.length) return c.notFound();
      const body = `${HEAD}<urlset xmlns="${NS.sitemap}">\n${pages.map((p) => `<url>${el('loc', url(pathOf(p.key)))}${el('lastmod', rfc3339(p.lastmod))}</url>\n`).join('')}</urlset>\n`;
      return xmlResponse(c, route, body);
    });
  };
  listedPages(PAGE_ROUTES.authorsSitemap, (n) => reader.authorPages(n), authorPath);
  listedPages(PAGE_ROUTES.programmesSitemap, (n) => reader.programmeSlots(n), programmePath);

  app.get(PAGE_ROUTES.storiesSitemap.path, async (c) => {
    const n = Number(/\d+/.exec(c.req.param('file'))![0]);
    let after: PageCursor | undefined;
    if (n > 1) {
      after = await reader.sitemapCursorAt((n - 1) * chunkSize - 1);
      if (!after) return c.notFound();
    }
    // The first page is read before answering, so a database failure is still a proper error page.
    let page = await reader.sitemapPage({ ...(after && { after }), limit: Math.min(pageSize, chunkSize) });
    if (!page.length) return c.notFound();
    let left = chunkSize;
    const encoder = new TextEncoder();
    let started = false;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            controller.enqueue(encoder.encode(`${HEAD}<urlset xmlns="${NS.sitemap}" xmlns:image="${NS.image}">\n`));
          }
          if (!page.length || left <= 0) {
            controller.enqueue(encoder.encode('</urlset>\n'));
            controller.close();
            return;
          }
          const rows = page.slice(0, left);
          left -= rows.length;
          controller.enqueue(encoder.encode(rows.map((s) => storyEntry(opts.siteUrl, s, opts.lang ?? 'de')).join('')));
          const last = rows[rows.length - 1]!;
          page = left > 0 && rows.length === Math.min(pageSize, chunkSize)
            ? await reader.sitemapPage({ after: { publishedAt: last.firstPublishedAt, id: last.id }, limit: Math.min(pageSize, left) })
            : [];
        } catch (err) {
          // Headers are gone; cut the document short so crawlers see it as broken rather than complete.
          console.error(`[site] sitemap ${c.req.path}:`, err);
          controller.error(err);
        }
      },
    });
    return xmlResponse(c, PAGE_ROUTES.storiesSitemap, stream);
  });

  app.get(PAGE_ROUTES.newsSitemap.path, async (c) => {
    const fresh = await freshStories(NEWS_MAX);
    if (!fresh.length) return c.notFound();
    const entries = fresh.map((s) => {
      const title = s.kicker ? `${s.kicker}: ${s.headline}` : s.headline;
      return `<url>${el('loc', url(storyPath(s)))}<news:news><news:publication>${el('news:name', opts.siteName)}${el('news:language', newsLanguage(s.language))}</news:publication>`
        + `${el('news:publication_date', toZonedIso(new Date(s.firstPublishedAt!)))}${el('news:title', title)}</news:news></url>\n`;
    });
    const body = `${HEAD}<urlset xmlns="${NS.sitemap}" xmlns:news="${NS.news}">\n${entries.join('')}</urlset>\n`;
    return xmlResponse(c, PAGE_ROUTES.newsSitemap, body);
  });
}
