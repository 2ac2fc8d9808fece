import type { FeedDoc, FeedItem } from './feed-items.js';
import { mediaContent } from './media-rss.js';
import { attributes, el } from './xml.js';

/** Atom 1.0 (RFC 4287) with Media RSS for the lead image's caption and credit. */
export function renderAtom(feed: FeedDoc): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"${attributes({ 'xml:lang': feed.language })}>`,
    el('id', feed.links.atom),
    el('title', feed.title),
    el('subtitle', feed.description),
    el('updated', feed.updated),
    `<link${attributes({ rel: 'self', type: 'application/atom+xml', href: feed.links.atom })}/>`,
    `<link${attributes({ rel: 'alternate', type: 'text/html', href: feed.homeUrl })}/>`,
    ...feed.hubs.map((hub) => `<link${attributes({ rel: 'hub', href: hub })}/>`),
    // Entries without their own authors fall back to the site (Atom wants an author for every entry).
    `<author>${el('name', feed.siteName)}</author>`,
    el('generator', 'Lede'),
  ];
  for (const item of feed.items) out.push(atomEntry(item));
  out.push('</feed>', '');
  return out.filter(Boolean).join('\n');
}

function atomEntry(item: FeedItem): string {
  const parts = [
    el('id', item.id),
    el('title', item.title, { type: 'text' }),
    `<link${attributes({ rel: 'alternate', type: 'text/html', href: item.url })}/>`,
    el('published', item.published),
    el('updated', item.updated),
    el('summary', item.summary, { type: 'text' }),
    ...item.authors.map((a) => `<author>${el('name', a)}</author>`),
    ...item.categories.map((c) => `<category${attributes({ term: c })}/>`),
  ];
  const img = item.image;
  if (img) {
    parts.push(`<link${attributes({ rel: 'enclosure', type: img.type, href: img.url })}/>`);
    parts.push(mediaContent(img));
  }
  return `<entry${attributes({ 'xml:lang': item.language })}>${parts.filter(Boolean).join('')}</entry>`;
}
