import type { Story } from '../content/index.js';
import { sectionSlugOf } from './memo.js';
import { isPublic } from '../store/published-filter.js';
import { hasListedPages, listFeedStories, publicAuthors, publicBroadcastSlots, sitemapCursorAt, sitemapPage, type FeedFilter, type SitemapStory, type ListedPage } from '../store/feed-queries.js';
import type { TimelineEntry } from '../store/topic-repository.js';
import type { PageCursor, Queryable, ListOptions, StorySummary } from '../store/types.js';
import { countPublished, getStoryBySlug, getTopic, listPublished, topicTimeline } from '../store/story-queries.js';
import { cachedTopicList } from './topic-list.js';
import { runSearch, type SearchRequest, type SearchResponse } from './search/search-reader.js';
import { listByBroadcast, listSections, type SectionInfo, type TopicInfo } from '../store/catalog-queries.js';
import { authorProfile, type AuthorProfile } from '../store/author-queries.js';
import { FigureResolver } from './media-figures.js';

/** The first stories of a topic, oldest first, and how many public stories it has in all. */
export interface TopicTimeline {
  entries: TimelineEntry[];
  total: number;
}

/**
 * The reader site's whole view of the database: a small typed interface, read
 * only. Every method returns published stories only, so a draft can never leak
 * into a page, a rail or a list by forgetting a filter in a route; and every
 * figure that names a media library picture comes back resolved against the
 * picture's rights now (see media-figures.ts), so a lapsed picture can never
 * reach a page, feed, sitemap or JSON-LD block by forgetting a check.
 */
export interface SiteReader {
  sections(): Promise<SectionInfo[]>;
  publishedStory(slug: string): Promise<Story | undefined>;
  /** What a story URL shows: the story when public, "gone" (410) when depublished, else nothing (404; drafts, scheduled and embargoed stories are not revealed). */
  storyPage(slug: string): Promise<{ story: Story } | { gone: { section: string } } | undefined>;
  /** storyPage with the article page's rail: the `railSize` newest public stories of the story's section, itself excluded (kept per section with cacheSections). */
  articlePage(slug: string, railSize: number): Promise<{ story: Story; rail: StorySummary[] } | { gone: { section: string } } | undefined>;
  list(opts: ListOptions): Promise<StorySummary[]>;
  topicBySlug(slug: string): Promise<string | undefined>;
  /** Full-text search over published stories, with the topics for the search form. */
  search(req: SearchRequest): Promise<SearchResponse>;
  /** Topics of published stories (sitemaps). */
  topics(): Promise<TopicInfo[]>;
  /** Newest published stories, whole (feeds). */
  feedStories(filter: FeedFilter): Promise<Story[]>;
  /** Published stories oldest first, after `after` (sitemaps). */
  sitemapPage(opts: { after?: PageCursor; limit: number }): Promise<SitemapStory[]>;
  /** Cursor of the index-th published story, oldest first (where a sitemap chunk starts). */
  sitemapCursorAt(index: number): Promise<PageCursor | undefined>;
  countPublished(): Promise<number>;
  /** Stories tied to the broadcast slot starting at this instant. */
  broadcastSlot(startsAt: string): Promise<StorySummary[]>;
  /** The author of an author page (from their newest public story), or undefined when they have none. */
  author(slug: string): Promise<AuthorProfile | undefined>;
  /** Forget what is kept between requests (the section list): a story changed. */
  invalidate(): void;
  /** Author pages and broadcast slots that have public stories, with their last change (sitemaps). */
  authorPages(limit: number): Promise<ListedPage[]>;
  programmeSlots(limit: number): Promise<ListedPage[]>;
  hasListedPages(): Promise<{ authors: boolean; programmes: boolean }>;
  /** The newsroom's introduction to a topic page, when it wrote one. */
  topicIntro(slug: string): Promise<string | undefined>;
  /** The topic's first `limit` public stories, oldest first, and the count of all. */
  topicTimeline(topic: string, limit: number): Promise<TopicTimeline>;
  /** A story's media library figures resolved as every other read does it (for a story not read here: the newsroom's preview). */
  resolveStory(story: Story): Promise<Story>;
}

export interface SiteReaderOptions {
  /** The clock rights are checked against (tests). */
  clock?: () => Date;
  /**
   * Keep the section list (every page's navigation) and each section's newest
   * stories (the article pages' rail) between requests, until `invalidate()`
   * or 60 s. Only for a reader whose owner calls invalidate on every story
   * event (createApp with an event bus), or a new, changed or removed story
   * would wait a minute for navigation and rails. The 60 s also bound what no
   * event announces: an embargo that ends.
   */
  cacheSections?: boolean;
}

const KEPT_TTL_MS = 60_000;
/** Sections whose rails are kept at most; beyond, the oldest is dropped (sections come from stories, not from requests, but stay bounded). */
const MAX_KEPT_RAILS = 1_000;

/** A read kept for KEPT_TTL_MS; a failed read is not kept. */
interface Kept<T> {
  at: number;
  value: Promise<T>;
}

function keep<T>(read: () => Promise<T>, store: (entry: Kept<T> | undefined) => void, isCurrent: (entry: Kept<T>) => boolean): Promise<T> {
  const entry = { at: Date.now(), value: read() };
  store(entry);
  entry.value.catch(() => {
    if (isCurrent(entry)) store(undefined);
  });
  return entry.value;
}

const fresh = (entry: Kept<unknown> | undefined): boolean => entry !== undefined && Date.now() - entry.at < KEPT_TTL_MS;

/** A story URL whose story is not public: "gone" (410) when depublished, else nothing (404; drafts, scheduled and embargoed stories are not revealed). */
function notShown(found: Story | undefined): { gone: { section: string } } | undefined {
  return found?.status === 'depublished' ? { gone: { section: found.section } } : undefined;
}

export function createSiteReader(db: Queryable, opts: SiteReaderOptions = {}): SiteReader {
  const figures = new FigureResolver(db, opts.clock);
  const topicList = cachedTopicList(db);
  let sectionsCache: Kept<SectionInfo[]> | undefined;
  // Per section: its newest public stories as read (figures unresolved: rights are checked per request against the clock).
  const rails = new Map<string, Kept<StorySummary[]>>();
  /** The `size` newest public stories of a section other than `excludeId`, figures unresolved. */
  const rail = async (sectionSlug: string, size: number, excludeId: string): Promise<StorySummary[]> => {
    if (!opts.cacheSections) return listPublished(db, { sectionSlug, limit: size, excludeId });
    // One more than shown, so the list kept for the whole section still has `size` beside the page's own story.
    const key = `${size}:${sectionSlug}`;
    const entry = rails.get(key);
    let list: StorySummary[];
    if (fresh(entry)) list = await entry!.value;
    else {
      if (rails.size >= MAX_KEPT_RAILS && !rails.has(key)) rails.delete(rails.keys().next().value!);
      list = await keep(() => listPublished(db, { sectionSlug, limit: size + 1 }), (e) => (e ? rails.set(key, e) : rails.delete(key)), (e) => rails.get(key) === e);
    }
    return list.filter((s) => s.id !== excludeId).slice(0, size);
  };
  return {
    sections() {
      if (!opts.cacheSections) return listSections(db);
      if (fresh(sectionsCache)) return sectionsCache!.value;
      return keep(() => listSections(db), (e) => (sectionsCache = e), (e) => sectionsCache === e);
    },
    invalidate() {
      sectionsCache = undefined;
      rails.clear();
    },
    async publishedStory(slug) {
      const story = await getStoryBySlug(db, slug);
      return story && isPublic(story) ? figures.story(story) : undefined;
    },
    async storyPage(slug) {
      const found = await getStoryBySlug(db, slug);
      if (!found || !isPublic(found)) return notShown(found);
      return { story: await figures.story(found) };
    },
    async articlePage(slug, railSize) {
      const found = await getStoryBySlug(db, slug);
      if (!found || !isPublic(found)) return notShown(found);
      // Story and rail figures resolved with one asset lookup.
      const { story, list } = await figures.storyAndSummaries(found, await rail(sectionSlugOf(found.section), railSize, found.id));
      return { story, rail: list };
    },
    list: async (opts) => figures.summaries(await listPublished(db, opts)),
    topicBySlug: (slug) => topicList.bySlug(slug),
    async search(req) {
      const res = await runSearch(db, topicList, req);
      if (!res.result?.hits.length) return res;
      const stories = await figures.summaries(res.result.hits.map((h) => h.story));
      return { ...res, result: { ...res.result, hits: res.result.hits.map((h, i) => ({ ...h, story: stories[i]! })) } };
    },
    topics: () => topicList.all(),
    feedStories: async (filter) => figures.stories(await listFeedStories(db, filter)),
    sitemapPage: async (opts) => figures.sitemap(await sitemapPage(db, opts)),
    sitemapCursorAt: (index) => sitemapCursorAt(db, index),
    countPublished: () => countPublished(db),
    broadcastSlot: async (startsAt) => figures.summaries(await listByBroadcast(db, startsAt)),
    author: (slug) => authorProfile(db, slug),
    authorPages: (limit) => publicAuthors(db, limit),
    programmeSlots: (limit) => publicBroadcastSlots(db, limit),
    hasListedPages: () => hasListedPages(db),
    topicIntro: async (slug) => (await getTopic(db, slug))?.intro,
    async topicTimeline(topic, limit) {
      // One row more than shown tells whether counting is needed at all.
      const entries = await topicTimeline(db, topic, limit + 1);
      if (entries.length <= limit) return { entries, total: entries.length };
      return { entries: entries.slice(0, limit), total: await countPublished(db, { topic }) };
    },
    resolveStory: (story) => figures.story(story),
  };
}
