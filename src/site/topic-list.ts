import { topicSlug } from '../content/index.js';
import { listTopics, type TopicInfo } from '../store/catalog-queries.js';
import type { Queryable } from '../store/index.js';

/**
 * The list of topics costs a pass over every published story's topics; at
 * 100,000 stories that costs more than a search, and topic pages, topic feeds,
 * sitemaps and the search form all need it. It changes slowly, so it is read
 * at most once per TTL_MS per database, and a slug that is not in the list
 * forces one fresh read (a topic newer than the cached list still resolves).
 */
const TTL_MS = 60_000;

export interface TopicList {
  all(): Promise<TopicInfo[]>;
  /** The topic name whose slug is `slug`, or undefined. */
  bySlug(slug: string): Promise<string | undefined>;
}

export function cachedTopicList(db: Queryable, now: () => number = Date.now): TopicList {
  let cached: { at: number; topics: Promise<TopicInfo[]> } | undefined;
  const read = (): Promise<TopicInfo[]> => {
    const topics = listTopics(db);
    cached = { at: now(), topics };
    // A failed read must not stick.
    topics.catch(() => {
      if (cached?.topics === topics) cached = undefined;
    });
    return topics;
  };
  const all = () => (cached && now() - cached.at < TTL_MS ? cached.topics : read());
  const find = (topics: TopicInfo[], slug: string) => topics.find((t) => topicSlug(t.name) === slug)?.name;
  return {
    all,
    async bySlug(slug) {
      return find(await all(), slug) ?? find(await read(), slug);
    },
  };
}
