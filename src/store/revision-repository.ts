import type { Story } from '../content/index.js';
import { isUuid } from './story-repository.js';
import type { Queryable } from './types.js';

/** One saved version of a story, as listed (without the document). */
export interface RevisionInfo {
  version: number;
  savedAt: string;
  savedBy: string | null;
  savedByName: string | null;
  note: string;
}

/**
 * Every version of every story, whole. Written by StoryService in the same
 * transaction as the story itself, so a story never has a version without
 * its revision.
 */
export class RevisionRepository {
  constructor(private readonly db: Queryable) {}

  async add(story: Story, note: string): Promise<void> {
    await this.db.query(
      `INSERT INTO story_revisions (story_id, version, saved_at, saved_by, note, doc)
       VALUES ($1::uuid, $2::int, $3::timestamptz, $4::uuid, $5, $6::jsonb)`,
      [story.id, story.version, story.modifiedAt, story.modifiedBy ?? null, note, JSON.stringify(story)],
    );
  }

  /** The first revisions of many stories in one statement (the import's batch path); the same rows `add` writes. */
  async addMany(stories: Story[], note: string): Promise<void> {
    if (!stories.length) return;
    const rows = stories.map((_, r) => {
      const o = r * 5;
      return `($${o + 1}::uuid, $${o + 2}::int, $${o + 3}::timestamptz, $${o + 4}::uuid, $${stories.length * 5 + 1}, $${o + 5}::jsonb)`;
    });
    await this.db.query(
      `INSERT INTO story_revisions (story_id, version, saved_at, saved_by, note, doc) VALUES ${rows.join(', ')}`,
      [...stories.flatMap((s) => [s.id, s.version, s.modifiedAt, s.modifiedBy ?? null, JSON.stringify(s)]), note],
    );
  }

  async list(storyId: string, limit = 500): Promise<RevisionInfo[]> {
    if (!isUuid(storyId)) return [];
    const rows = await this.db.query<{ version: number; saved_at: string; saved_by: string | null; name: string | null; note: string }>(
      `SELECT r.version, r.saved_at, r.saved_by, u.name, r.note FROM story_revisions r LEFT JOIN users u ON u.id = r.saved_by
        WHERE r.story_id = $1::uuid ORDER BY r.version DESC LIMIT $2`,
      [storyId, limit],
    );
    return rows.map((r) => ({ version: r.version, savedAt: r.saved_at, savedBy: r.saved_by, savedByName: r.name, note: r.note }));
  }

  async get(storyId: string, version: number): Promise<Story | undefined> {
    if (!isUuid(storyId) || !Number.isInteger(version)) return undefined;
    const rows = await this.db.query<{ doc: Story }>('SELECT doc FROM story_revisions WHERE story_id = $1::uuid AND version = $2::int', [storyId, version]);
    return rows[0]?.doc;
  }
}
