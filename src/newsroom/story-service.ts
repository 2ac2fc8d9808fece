import { randomUUID } from 'node:crypto';
import {
  LedeError, formatIssues, slugify, toZonedIso, validateDraft,
  type Story, type StoryDraft, type StoryStatus,
} from '../content/index.js';
import { StoryRepository } from '../store/index.js';
import type { Queryable } from '../store/index.js';
import type { EventBus } from './events.js';

/** What the service needs of the database: queries and transactions. */
export interface Transactional extends Queryable {
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** Runs a service inside a transaction the caller already holds (its own "transactions" join it). */
export function joinTransaction(tx: Queryable): Transactional {
  return { query: (sql, params) => tx.query(sql, params), transaction: (fn) => fn(tx) };
}

export interface CreateOptions {
  status?: StoryStatus;
  /** Injected clock, for tests and demo content with relative dates. */
  now?: Date;
}

/**
 * The write path for stories. Every create or update is validated here and runs
 * in one transaction; nothing reaches the store without passing `validateDraft`.
 */
export class StoryService {
  constructor(private readonly db: Transactional, private readonly events?: EventBus) {}

  /** Validates an untrusted draft and stores it as a new story. Throws LedeError('VALIDATION') naming each bad field. */
  async create(input: unknown, opts: CreateOptions = {}): Promise<Story> {
    const checked = validateDraft(input);
    if (!checked.ok) {
      throw new LedeError('VALIDATION', `story is invalid: ${formatIssues(checked.issues)}`, { issues: checked.issues });
    }
    const draft = checked.value;
    const now = opts.now ?? new Date();
    const status = opts.status ?? 'draft';
    const base = draft.slug ?? (slugify(draft.headline) || 'story');
    const story = await this.db.transaction(async (tx) => {
      const repo = new StoryRepository(tx);
      // Two writers can be handed the same free slug; the loser asks again (a chosen slug is never renamed).
      for (let attempt = 0; ; attempt++) {
        const slug = draft.slug ? draft.slug : await repo.uniqueSlug(base);
        try {
          return await repo.insert(buildStory(draft, { id: randomUUID(), slug, status, now }));
        } catch (err) {
          if (draft.slug || attempt >= 3 || !(err instanceof LedeError && err.code === 'CONFLICT')) throw err;
        }
      }
    });
    // Told only after the commit, so no listener ever sees a story that was rolled back.
    if (story.status === 'published') {
      await this.events?.emit({ type: 'story.published', storyId: story.id, slug: story.slug, sectionSlug: slugify(story.section), topics: story.topics });
    }
    return story;
  }

  async get(idOrSlug: string): Promise<Story> {
    const story = await new StoryRepository(this.db).findByIdOrSlug(idOrSlug);
    if (!story) throw new LedeError('NOT_FOUND', `no story with id or slug "${idOrSlug}"`);
    return story;
  }
}

/** Assembles a stored story from a validated draft. Publishing stamps firstPublishedAt when the draft has none. */
export function buildStory(draft: StoryDraft, meta: { id: string; slug: string; status: StoryStatus; now: Date }): Story {
  const nowIso = toZonedIso(meta.now);
  const story: Story = {
    ...draft,
    id: meta.id,
    slug: meta.slug,
    section: draft.section ?? 'Nachrichten',
    status: meta.status,
    version: 1,
    createdAt: nowIso,
    modifiedAt: nowIso,
  };
  if (meta.status === 'published' && !story.firstPublishedAt) story.firstPublishedAt = nowIso;
  return story;
}
