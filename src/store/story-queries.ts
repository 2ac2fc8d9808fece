import type { Story } from '../content/index.js';
import { RevisionRepository, type RevisionInfo } from './revision-repository.js';
import { StoryRepository } from './story-repository.js';
import { TopicRepository, type Topic } from './topic-repository.js';

export { topicTimeline } from './topic-repository.js';
import type { ListOptions, Queryable, StorySummary } from './types.js';

/**
 * The read side's way to stories, their revisions and topics (the reader
 * site, the newsroom's endpoints and pages). Only reads are exported here:
 * the repositories behind them also write, and writing is the services' job.
 * The SQL stays in the repositories, so each query has one home.
 */

export const getStory = (db: Queryable, id: string): Promise<Story | undefined> => new StoryRepository(db).get(id);
export const getStoryBySlug = (db: Queryable, slug: string): Promise<Story | undefined> => new StoryRepository(db).getBySlug(slug);
export const findStory = (db: Queryable, idOrSlug: string): Promise<Story | undefined> => new StoryRepository(db).findByIdOrSlug(idOrSlug);
export const listPublished = (db: Queryable, opts: ListOptions): Promise<StorySummary[]> => new StoryRepository(db).listPublished(opts);
export const countPublished = (db: Queryable, opts: Parameters<StoryRepository['countPublished']>[0] = {}): Promise<number> =>
  new StoryRepository(db).countPublished(opts);

export const listRevisions = (db: Queryable, storyId: string, limit?: number): Promise<RevisionInfo[]> => new RevisionRepository(db).list(storyId, limit);
export const getRevision = (db: Queryable, storyId: string, version: number): Promise<Story | undefined> => new RevisionRepository(db).get(storyId, version);

export const getTopic = (db: Queryable, slug: string): Promise<Topic | undefined> => new TopicRepository(db).get(slug);
