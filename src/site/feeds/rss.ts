import type { FeedDoc, FeedItem } from './feed-items.js';
import { mediaContent } from './media-rss.js';
import { attributes, el, htmlText, rfc822 } from './xml.js';

/**
 * RSS 2.0 with Media RSS (lead image, caption, credit), Dublin Core (authors) and Atom (self link).
 * RSS has no way to say "this is plain text", and readers show `title` and
 * `description` as HTML: both carry HTML-escaped text (htmlText), XML-escaped again.
 */
export function renderRss(feed: FeedDoc): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
    '<channel>',
    el('title', htmlText(feed.title)),
    el('link', feed.homeUrl),
    el('description', htmlText(feed.description)),
    el('language', feed.language),
    el('lastBuildDate', rfc822(feed.updated)),
    el('generator', 'Lede'),
    `<atom:link${attributes({ href: feed.links.rss, rel: 'self', type: 'application/rss+xml' })}/>`,
    ...feed.hubs.map((hub) => `<atom:link${attributes({ href: hub, rel: 'hub' })}/>`),
  ];
  for (const item of feed.items) out.push(rssItem(item));
  out.push('</channel>', '</rss>', '');
  return out.filter(Boolean).join('\n');
}

function rssItem(item: FeedItem): string {
  const parts = [
    el('title', htmlText(item.title)),
    el('link', item.url),
    el('guid', item.id, { isPermaLink: 'false' }),
    el('pubDate', rfc822(item.published)),
    el('description', htmlText(item.summary)),
    ...item.authors.map((a) => el('dc:creator', a)),
    ...item.categories.map((c) => el('category', c)),
  ];
  const img = item.image;
  if (img) {
    // Length is unknown without fetching the asset; 0 is the accepted "unknown".
    parts.push(`<enclosure${attributes({ url: img.url, length: 0, type: img.type })}/>`);
    parts.push(mediaContent(img));
  }
  if (item.updated !== item.published) parts.push(el('atom:updated', item.updated));
  return `<item>${parts.filter(Boolean).join('')}</item>`;
}
