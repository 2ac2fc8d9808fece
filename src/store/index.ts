export * from './types.js';
export { openDatabase } from './open-database.js';
export { withDatabasePriority } from './database-priority.js';
export { migrate, pendingMigrations, pingDatabase, listMigrations, migrationsDir, findPackageRoot, type Migration, type MigrationResult } from './migrate.js';
export { StoryRepository, isUuid, MAX_PAGE } from './story-repository.js';
export { acquireDataDirLock, LOCK_FILE, type DataDirLock, type LockInfo } from './data-dir-lock.js';
export { PG_SUBDIR } from './open-embedded-database.js';
export { DEFAULT_CHECKPOINT_POLICY, type CheckpointPolicy } from './checkpointer.js';
export { OPTIONAL_EXTENSIONS } from './ensure-extensions.js';
export { listSections, listTopics, listByBroadcast, type SectionInfo, type TopicInfo } from './catalog-queries.js';
export {
  listFeedStories, sitemapPage, sitemapCursorAt, publicAuthors, publicBroadcastSlots, hasListedPages, MAX_FEED_ITEMS, MAX_SITEMAP_PAGE,
  type FeedFilter, type SitemapStory, type ListedPage,
} from './feed-queries.js';
export { searchStories, suggestQuery, snippetParts, MARK_START, MARK_END, MAX_QUERY_LENGTH, type SearchOptions, type SearchResult, type SearchHit, type SearchOrder } from './search-queries.js';
export { PUBLIC_STORY, isPublic } from './published-filter.js';
export { authorSlugs } from './story-rows.js';
export { TopicRepository, topicTimeline, MAX_TOPIC_INTRO, type Topic, type TopicInput, type TimelineEntry } from './topic-repository.js';
export { RevisionRepository, type RevisionInfo } from './revision-repository.js';
