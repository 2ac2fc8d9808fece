import type { Queryable } from './types.js';

/**
 * Reads of the breaking banner (issue 14), for the site's banner state, the
 * content API and the newsroom: they never write.
 */
export interface BreakingRow {
  id: string;
  headline: string;
  url: string;
  storyId: string | null;
  startsAt: string;
  endsAt: string;
  endedAt: string | null;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** What readers, apps and feeds get of a banner: the row without its bookkeeping. */
export type BreakingItem = Pick<BreakingRow, 'id' | 'headline' | 'url' | 'storyId' | 'startsAt' | 'endsAt' | 'version'>;

export function breakingItem(row: BreakingRow): BreakingItem {
  return { id: row.id, headline: row.headline, url: row.url, storyId: row.storyId, startsAt: row.startsAt, endsAt: row.endsAt, version: row.version };
}

export const BREAKING_COLUMNS = `id, headline, url, story_id AS "storyId", starts_at AS "startsAt", ends_at AS "endsAt", ended_at AS "endedAt",
  version, created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The banner that is up at `now`: not taken down, started, not yet ended. */
export async function liveBreaking(db: Queryable, now: Date): Promise<BreakingRow | undefined> {
  const [row] = await db.query<BreakingRow>(
    `SELECT ${BREAKING_COLUMNS} FROM breaking_items WHERE ended_at IS NULL AND starts_at <= $1 AND ends_at > $1 ORDER BY created_at DESC LIMIT 1`,
    [now.toISOString()],
  );
  return row;
}

export async function breakingById(db: Queryable, id: string): Promise<BreakingRow | undefined> {
  const [row] = await db.query<BreakingRow>(`SELECT ${BREAKING_COLUMNS} FROM breaking_items WHERE id = $1::uuid`, [id]);
  return row;
}

export async function recentBreaking(db: Queryable, limit: number): Promise<BreakingRow[]> {
  return db.query<BreakingRow>(`SELECT ${BREAKING_COLUMNS} FROM breaking_items ORDER BY created_at DESC LIMIT $1`, [limit]);
}


/** The newest published stories, for the banner form's choice (slug and headline only). */
export async function recentPublishedHeadlines(db: Queryable, limit: number): Promise<Array<{ slug: string; headline: string }>> {
  return db.query<{ slug: string; headline: string }>(
    `SELECT slug, headline FROM stories WHERE status = 'published' ORDER BY first_published_at DESC NULLS LAST, id DESC LIMIT $1`,
    [limit],
  );
}
