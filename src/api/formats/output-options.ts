import { authorPath, sectionSlug as sectionSlugOfName, slugify, topicSlug, storyPath, toZonedIso, topicPath, type Story } from '../../content/index.js';
import { isPublic } from '../../store/published-filter.js';
import { absoluteUrl, stripControls } from '../../site/feeds/xml.js';

/**
 * What the output formats need besides the story: where the site lives and
 * what it is called. Everything else (canonical URL, the story's URI) is
 * derived here, once, so ninjs and NewsML-G2 name the same things the same way.
 */
export interface OutputOptions {
  /** The reader site's address, e.g. "https://www.example.org" (no trailing slash needed). */
  siteUrl: string;
  /** The publisher's name (provider, copyright holder of the text); the site's host name when absent. */
  siteName?: string;
  /** The slug of the story's section, when the caller has it; else derived from the section name as the site does. */
  sectionSlug?: string;
  /** The instant the story must be public at (embargo check); now when absent. */
  now?: Date;
}

/** The names every format derives from a story and its options. */
export interface OutputContext {
  siteUrl: string;
  siteName: string;
  /** The story's stable identifier: its API address, by id (a slug may change, the id never). */
  uri: string;
  /** The reader page, as the site's canonical link gives it. */
  canonical: string;
  sectionUrl: string;
  /** Where media library pictures are described (the API's media resource). */
  mediaUri: (assetId: string) => string;
  topicUrl: (topic: string) => string;
  authorUrl: (name: string) => string | undefined;
}

/** Thrown for a story that readers may not see: no format ever describes one. */
export class NotPublicError extends Error {
  constructor(id: string) {
    super(`story ${id} is not public (not published, or still under embargo): it has no public format`);
    this.name = 'NotPublicError';
  }
}

export function outputContext(story: Story, opts: OutputOptions): OutputContext {
  // Only what readers see is ever formatted: the same rule the site applies.
  if (!isPublic(story, (opts.now ?? new Date()).getTime())) throw new NotPublicError(story.id);
  const site = typeof opts.siteUrl === 'string' ? webUrl(opts.siteUrl) : undefined;
  if (!site) throw new Error(`siteUrl ${JSON.stringify(opts.siteUrl)} is not an absolute http(s) URL (e.g. "https://www.example.org")`);
  const siteUrl = site.replace(/\/+$/, '');
  const siteName = clean(opts.siteName ?? '') || new URL(siteUrl).hostname;
  const sectionSlug = opts.sectionSlug ?? sectionSlugOfName(story.section);
  const url = (path: string) => webUrl(absoluteUrl(siteUrl, path)) ?? absoluteUrl(siteUrl, path);
  return {
    siteUrl,
    siteName,
    uri: url(`/api/v1/stories/${encodeURIComponent(story.id)}`),
    canonical: url(storyPath({ sectionSlug, slug: story.slug })),
    sectionUrl: url(`/${sectionSlug}`),
    mediaUri: (id) => url(`/api/v1/media/${encodeURIComponent(id)}`),
    topicUrl: (topic) => url(topicPath(topicSlug(topic))),
    authorUrl: (name) => {
      const slug = slugify(name);
      return slug ? url(authorPath(slug)) : undefined;
    },
  };
}

/**
 * Text for any output field: characters XML forbids (NUL and other controls,
 * lone surrogates, U+FFFE/U+FFFF) dropped, so neither the JSON nor the XML
 * carries something a consumer's parser chokes on.
 */
export function clean(text: string): string {
  return stripControls(text);
}

/** RFC 3339 with seconds and the newsroom's offset, or undefined for a time that does not parse. */
export function dateTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : toZonedIso(new Date(t));
}

/** A link a consumer may follow: http(s) and mailto, site paths made absolute; anything else (javascript:, data:, a broken URL) none. */
export function safeHref(href: string | undefined, siteUrl: string): string | undefined {
  if (!href) return undefined;
  const h = clean(href).trim();
  if (/^mailto:[^\s]+$/i.test(h)) return h;
  if (/^https?:/i.test(h) || /^\/(?![/\\])/.test(h)) return webUrl(absoluteUrl(siteUrl, h));
  return undefined;
}

/** An absolute http(s) URL in its normalised, percent-encoded form (what the schemas' "uri" format accepts), or undefined. */
export function webUrl(value: string): string | undefined {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
