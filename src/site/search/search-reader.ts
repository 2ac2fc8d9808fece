import type { TopicInfo } from '../../store/catalog-queries.js';
import type { TopicList } from '../topic-list.js';
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

/** Fewer hits than this and we look for a better spelling. */
const SUGGEST_BELOW = 3;

export async function runSearch(db: Queryable, topicList: TopicList, req: SearchRequest): Promise<SearchResponse> {
  const topic = req.topicSlug === undefined ? undefined : await topicList.bySlug(req.topicSlug);
  const topics = await topicList.all();
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
