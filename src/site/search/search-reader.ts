import { slugify } from '../../content/index.js';
import { listTopics, type TopicInfo } from '../../store/catalog-queries.js';
import { searchStories, suggestQuery, type SearchOrder, type SearchResult } from '../../store/search-queries.js';
import type { Queryable } from '../../store/index.js';

/** What the search page asks of the database: checked parameters, see search-params.ts. */
export interface SearchRequest {
  /** Empty: show the form only. */
  query: string;
  sectionSlug?: string;
  topicSlug?: string;
  /** Instants (ISO 8601): published at or after `from`, before `until`. */
  from?: string;
  until?: string;
  order: SearchOrder;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface SearchResponse {
  /** Topics of published stories, for the form's topic filter. */
  topics: TopicInfo[];
  /** The topic name of `topicSlug`; undefined when there is no such topic. */
  topic?: string;
  /** Undefined when the query was empty or the topic unknown. */
  result?: SearchResult;
  /** "Meinten Sie: …" when the query found few stories and a close spelling finds more. */
  suggestion?: string;
}

/**
 * The topic list for the form costs a pass over all published stories' topics;
 * at 100,000 stories that is more than the search itself, and it changes
 * slowly. Kept per database for TOPICS_TTL_MS.
 */
const TOPICS_TTL_MS = 60_000;
const topicCache = new WeakMap<object, { at: number; topics: Promise<TopicInfo[]> }>();

function cachedTopics(db: Queryable): Promise<TopicInfo[]> {
  const hit = topicCache.get(db);
  if (hit && Date.now() - hit.at < TOPICS_TTL_MS) return hit.topics;
  const topics = listTopics(db);
  topicCache.set(db, { at: Date.now(), topics });
  // A failed read must not stick.
  topics.catch(() => topicCache.delete(db));
  return topics;
}

/** Fewer hits than this and we look for a better spelling. */
const SUGGEST_BELOW = 3;

export async function runSearch(db: Queryable, req: SearchRequest): Promise<SearchResponse> {
  let topics = await cachedTopics(db);
  const find = () => (req.topicSlug === undefined ? undefined : topics.find((t) => slugify(t.name) === req.topicSlug)?.name);
  let topic = find();
  if (req.topicSlug !== undefined && topic === undefined) {
    // Perhaps a topic newer than the cached list.
    topicCache.delete(db);
    topics = await cachedTopics(db);
    topic = find();
  }
  if (!req.query || (req.topicSlug !== undefined && topic === undefined)) return { topics, ...(topic && { topic }) };
  const filters = {
    ...(req.sectionSlug !== undefined && { sectionSlug: req.sectionSlug }),
    ...(topic !== undefined && { topic }),
    ...(req.from !== undefined && { from: req.from }),
    ...(req.until !== undefined && { until: req.until }),
  };
  const result = await searchStories(db, {
    query: req.query,
    ...filters,
    order: req.order,
    limit: req.pageSize,
    offset: (req.page - 1) * req.pageSize,
  });
  const suggestion = result.total < SUGGEST_BELOW && !result.unsearchable ? await suggestQuery(db, req.query, filters) : undefined;
  return { topics, ...(topic && { topic }), result, ...(suggestion && { suggestion }) };
}
