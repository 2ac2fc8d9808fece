import { sectionSlug, slugify, topicSlug } from '../content/index.js';

/**
 * A pure function of one string, remembered. Rendering a page formats the
 * same few instants again and again (published, updated, broadcast, every
 * teaser's date), and each format asks Intl for the Berlin wall clock, which
 * cost more per article page than its database read. The answers depend on
 * the input alone, so they are kept; the map is emptied when it is full, so
 * it stays small whatever the archive.
 */
export function memoize<T>(fn: (key: string) => T, max = 10_000): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      value = fn(key);
      if (known.size >= max) known.clear();
      known.set(key, value);
    }
    return value;
  };
}

/** Slugs of section, author and topic names: the same few names on every page. */
export const sectionSlugOf = memoize(sectionSlug);
export const slugOf = memoize((name: string) => slugify(name));
export const topicSlugOf = memoize((name: string) => topicSlug(name));
