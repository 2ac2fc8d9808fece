/**
 * The surrogate keys of the reader site's pages, built in one place: the
 * route table (page-routes.ts) tags pages with them, purgeKeysFor names them
 * for a domain event, and a CDN purges by the same words.
 */
export const SURROGATE = {
  home: 'home',
  feeds: 'feeds',
  search: 'search',
  programme: 'programme',
  /** The breaking news item's own answers (/eilmeldung.json, the API's, feeds' marks); pages take the banner without a purge. */
  breaking: 'breaking',
  section: (slug: string) => `section:${slug}`,
  story: (slug: string) => `story:${slug}`,
  topic: (slug: string) => `topic:${slug}`,
  author: (slug: string) => `author:${slug}`,
} as const;
