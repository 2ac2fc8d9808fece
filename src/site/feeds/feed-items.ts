import { storyPath, type Story } from '../../content/index.js';
import { absoluteUrl, imageType, rfc3339 } from './xml.js';

/** A feed as the three formats need it, built once from stories. */
export interface FeedDoc {
  title: string;
  /** The HTML page the feed mirrors (home, section, topic). */
  homeUrl: string;
  /** This feed's own address in each format. */
  links: { rss: string; atom: string; json: string };
  description: string;
  language: string;
  siteName: string;
  /** WebSub hubs to announce (rel="hub"); the self link is the topic they know the feed by. */
  hubs: readonly string[];
  /** Newest item's update time (RFC 3339), or now for an empty feed. */
  updated: string;
  items: FeedItem[];
}

export interface FeedImage {
  url: string;
  type: string;
  width?: number;
  height?: number;
  alt: string;
  caption?: string;
  credit?: string;
}

export interface FeedItem {
  /** Stable: `urn:uuid:<story id>`, unchanged when the story moves or is renamed. */
  id: string;
  url: string;
  title: string;
  summary?: string;
  language: string;
  authors: string[];
  categories: string[];
  /** RFC 3339. */
  published: string;
  updated: string;
  image?: FeedImage;
}

/** "Kicker: Headline", as the page title reads. */
export function itemTitle(s: { kicker?: string; headline: string }): string {
  return s.kicker ? `${s.kicker}: ${s.headline}` : s.headline;
}

export function storyUrl(siteUrl: string, s: { sectionSlug: string; slug: string }): string {
  return absoluteUrl(siteUrl, storyPath(s));
}

export function feedItem(story: Story, sectionSlug: string, siteUrl: string): FeedItem {
  const published = rfc3339(story.firstPublishedAt ?? story.createdAt);
  const updated = story.updatedAt && Date.parse(story.updatedAt) > Date.parse(published) ? rfc3339(story.updatedAt) : published;
  const item: FeedItem = {
    id: `urn:uuid:${story.id}`,
    url: storyUrl(siteUrl, { sectionSlug, slug: story.slug }),
    title: itemTitle(story),
    language: story.language,
    authors: story.authors.map((a) => a.name).filter(Boolean),
    categories: [story.section, ...story.topics.filter((t) => t !== story.section)],
    published,
    updated,
  };
  if (story.teaser) item.summary = story.teaser;
  const lead = story.lead;
  if (lead?.src) {
    const url = absoluteUrl(siteUrl, lead.src);
    item.image = { url, type: imageType(lead.src), alt: lead.alt };
    if (lead.width) item.image.width = lead.width;
    if (lead.height) item.image.height = lead.height;
    if (lead.caption) item.image.caption = lead.caption;
    if (lead.credit) item.image.credit = lead.credit;
  }
  return item;
}
