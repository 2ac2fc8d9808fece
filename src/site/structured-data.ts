import { blocksToText, isoDuration, toZonedIso, type Figure, type Story, type TickerEntryBlock } from '../content/index.js';
import { isTickerEntry, tickerEntryIds } from './live/entry-ids.js';
import { absoluteUrl, imageType } from './feeds/xml.js';
import { shownImage } from './media-figures.js';
import { memoize } from './memo.js';

/**
 * What search engines and social networks read from an article page: a
 * schema.org JSON-LD graph, Open Graph and Twitter card tags. Built from the
 * published story only; the page's visible text stays the source of truth.
 */

export interface HeadMeta {
  /** Open Graph / article:* use `property`, Twitter uses `name`. */
  property?: string;
  name?: string;
  content: string;
}

export interface ArticleMetadata {
  jsonLd: Record<string, unknown>;
  meta: HeadMeta[];
}

export interface MetadataOptions {
  siteName: string;
  siteUrl: string;
  /** The article's canonical URL (absolute). */
  canonical: string;
}

/**
 * JSON for an inline `<script type="application/ld+json">`: `<`, `>` and `&`
 * become \u escapes, so text like `</script>` or `<!--` cannot end or change
 * the script element; U+2028/2029 are escaped for old JavaScript parsers.
 */
export function safeJsonForScript(value: unknown): string {
  // One pass over the JSON (it is a few KB on every article page), not one per character.
  return JSON.stringify(value).replace(UNSAFE_IN_SCRIPT, (c) => SCRIPT_ESCAPES[c]!);
}

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;
const SCRIPT_ESCAPES: Record<string, string> = {
  '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029',
};

const iso = memoize((value: string) => toZonedIso(new Date(value)));

function imageObject(figure: Figure, siteUrl: string): Record<string, unknown> | undefined {
  if (!figure.src) return undefined;
  const url = absoluteUrl(siteUrl, figure.src);
  return {
    '@type': 'ImageObject',
    url,
    contentUrl: url,
    encodingFormat: imageType(figure.src),
    ...(figure.width && { width: figure.width }),
    ...(figure.height && { height: figure.height }),
    ...(figure.caption && { caption: figure.caption }),
    ...(figure.alt && { description: figure.alt }),
    ...imageRights(figure),
  };
}

/**
 * creditText and copyrightHolder (schema.org, as Google's image licence
 * metadata reads them); for a media library picture from the asset's rights
 * now (credit line, copyright holder, creator, licence URL), else from the
 * figure's own credit.
 */
function imageRights(figure: Figure): Record<string, unknown> {
  const shown = shownImage(figure);
  const holder = shown?.copyrightHolder ?? figure.credit;
  return {
    ...(figure.credit && { creditText: figure.credit }),
    ...(holder && { copyrightHolder: { '@type': 'Organization', name: holder } }),
    ...(shown?.creator && { creator: { '@type': 'Person', name: shown.creator } }),
    ...(shown?.licence && /^https?:\/\//.test(shown.licence) && { license: shown.licence }),
  };
}

function tickerUpdate(entry: TickerEntryBlock, anchor: string, story: Story, canonical: string): Record<string, unknown> {
  const text = blocksToText(entry.body);
  const headline = entry.title ?? text.split('\n')[0]?.slice(0, 110) ?? story.headline;
  return {
    '@type': 'BlogPosting',
    headline,
    // The entry's anchor on the page: the same id the page gives it.
    url: `${canonical}#${anchor}`,
    ...(isValidTime(entry.time) && { datePublished: iso(entry.time) }),
    ...(entry.location && { contentLocation: { '@type': 'Place', name: entry.location } }),
    articleBody: text,
  };
}

function isValidTime(value: string | undefined): value is string {
  return value !== undefined && !Number.isNaN(Date.parse(value));
}

/** The JSON-LD graph and head meta tags of an article page. */
export function articleMetadata(story: Story, opts: MetadataOptions): ArticleMetadata {
  const published = story.firstPublishedAt ?? story.createdAt;
  const modified = story.updatedAt && Date.parse(story.updatedAt) > Date.parse(published) ? story.updatedAt : published;
  const lead = story.lead && imageObject(story.lead, opts.siteUrl);
  const authors = story.authors.length
    ? story.authors.map((a) => ({ '@type': 'Person', name: a.name, ...(a.affiliation && { affiliation: { '@type': 'Organization', name: a.affiliation } }) }))
    : [{ '@type': 'Organization', name: opts.siteName, url: absoluteUrl(opts.siteUrl, '/') }];
  const live = story.kind === 'liveticker';

  const jsonLd: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': live ? 'LiveBlogPosting' : 'NewsArticle',
    headline: story.headline.slice(0, 110) === story.headline ? story.headline : `${story.headline.slice(0, 109)}…`,
    ...(story.kicker && { alternativeHeadline: story.kicker }),
    ...(story.teaser && { description: story.teaser }),
    ...(lead && { image: [lead] }),
    datePublished: iso(published),
    dateModified: iso(modified),
    author: authors,
    publisher: { '@type': 'Organization', name: opts.siteName, url: absoluteUrl(opts.siteUrl, '/') },
    mainEntityOfPage: { '@type': 'WebPage', '@id': opts.canonical },
    url: opts.canonical,
    inLanguage: story.language,
    articleSection: story.section,
    ...(story.topics.length && { keywords: story.topics }),
    // schema.org NewsArticle.dateline: the place line as printed ("Berlin (dpa)").
    ...(story.dateline && { dateline: story.dateline }),
    // The agency behind the copy ("Quelle: dpa"). sourceOrganization is "the Organization on whose
    // behalf the creator was working" (from rNews, made for wire copy): the text is the agency's,
    // while publisher stays this site and author the people named. Not provider (the service that
    // hosts the page) and not isBasedOn (which names a work, and the agency's item has no public URL).
    ...(story.sourceLine && { sourceOrganization: { '@type': 'Organization', name: story.sourceLine } }),
    // schema.org's CreativeWork.correction: each public correction note with its time.
    ...(story.corrections?.length && {
      correction: story.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.note, datePublished: iso(c.at) })),
    }),
  };

  if (live) {
    const anchors = tickerEntryIds(story.body);
    jsonLd.coverageStartTime = iso(published);
    jsonLd.liveBlogUpdate = story.body.filter(isTickerEntry).map((e) => tickerUpdate(e, anchors.get(e)!, story, opts.canonical));
  }
  if ((story.kind === 'video' || story.kind === 'audio') && story.media) {
    const media: Record<string, unknown> = {
      '@type': story.kind === 'video' ? 'VideoObject' : 'AudioObject',
      name: story.headline,
      ...(story.teaser && { description: story.teaser }),
      uploadDate: iso(published),
      duration: isoDuration(story.media.durationSeconds),
      ...(story.media.src && { contentUrl: absoluteUrl(opts.siteUrl, story.media.src) }),
      ...(lead && story.kind === 'video' && { thumbnailUrl: lead.url }),
      inLanguage: story.language,
    };
    jsonLd[story.kind] = media;
  }

  const title = story.kicker ? `${story.kicker}: ${story.headline}` : story.headline;
  const meta: HeadMeta[] = [
    { property: 'og:type', content: 'article' },
    { property: 'og:site_name', content: opts.siteName },
    { property: 'og:title', content: title },
    ...(story.teaser ? [{ property: 'og:description', content: story.teaser }] : []),
    { property: 'og:url', content: opts.canonical },
    { property: 'og:locale', content: ogLocale(story.language) },
  ];
  if (lead) {
    meta.push({ property: 'og:image', content: String(lead.url) });
    if (story.lead?.width) meta.push({ property: 'og:image:width', content: String(story.lead.width) });
    if (story.lead?.height) meta.push({ property: 'og:image:height', content: String(story.lead.height) });
    if (story.lead?.alt) meta.push({ property: 'og:image:alt', content: story.lead.alt });
  }
  meta.push(
    { property: 'article:published_time', content: iso(published) },
    { property: 'article:modified_time', content: iso(modified) },
    { property: 'article:section', content: story.section },
    ...story.topics.map((t) => ({ property: 'article:tag', content: t })),
    { name: 'twitter:card', content: lead ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: title },
    ...(story.teaser ? [{ name: 'twitter:description', content: story.teaser }] : []),
  );
  if (lead) {
    meta.push({ name: 'twitter:image', content: String(lead.url) });
    if (story.lead?.alt) meta.push({ name: 'twitter:image:alt', content: story.lead.alt });
  }
  return { jsonLd, meta };
}

/** Open Graph wants language_TERRITORY. */
export function ogLocale(lang: string): string {
  const l = lang.toLowerCase();
  if (l.startsWith('de')) return 'de_DE';
  if (l.startsWith('en')) return 'en_GB';
  const [base, region] = l.split(/[-_]/);
  return region ? `${base}_${region.toUpperCase()}` : `${base}_${(base ?? '').toUpperCase()}`;
}
