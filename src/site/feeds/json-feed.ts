import type { FeedDoc } from './feed-items.js';
import { stripControls } from './xml.js';

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function renderJsonFeed(feed: FeedDoc): string {
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.links.json,
    ...(feed.hubs.length && { hubs: feed.hubs.map((url) => ({ type: 'WebSub', url })) }),
    description: feed.description,
    language: feed.language,
    authors: [{ name: feed.siteName }],
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      // Every item needs content; a teaser-only feed carries the teaser (or the title).
      content_text: item.summary ?? item.title,
      ...(item.summary && { summary: item.summary }),
      ...(item.image && { image: item.image.url }),
      date_published: item.published,
      date_modified: item.updated,
      ...(item.authors.length && { authors: item.authors.map((name) => ({ name })) }),
      tags: item.categories,
      language: item.language,
      ...(item.image && {
        _lede_image: { url: item.image.url, alt: item.image.alt, caption: item.image.caption, credit: item.image.credit },
      }),
    })),
  };
  return JSON.stringify(doc, (_key, value: unknown) => (typeof value === 'string' ? stripControls(value) : value));
}
