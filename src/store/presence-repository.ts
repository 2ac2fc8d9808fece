import type { Queryable } from './types.js';

/** Someone else who has the story open. */
export interface PresentUser {
  userId: string;
  name: string;
  /** Since when, in this stretch (a gap longer than the window starts a new one). */
  since: string;
}

/** Seen within this many seconds: still there. */
export const PRESENCE_WINDOW_SECONDS = 30;
/** Rows older than this are deleted on the next heartbeat of anyone. */
export const PRESENCE_KEEP_SECONDS = 300;

/**
 * "Also open by": who has which story open, in the `story_presence` table
 * (migration 006), so every app node sees every editor. Times are the
 * database's clock unless `now` is given (tests), so nodes whose clocks
 * differ still agree.
 */
export class PresenceRepository {
  constructor(private readonly db: Queryable) {}

  /** Records that `userId` has `storyId` open; returns the others seen on it within the window. Run in a transaction. */
  async beat(storyId: string, userId: string, now?: Date): Promise<PresentUser[]> {
    const at = now ? now.toISOString() : null;
    await this.db.query(
      `DELETE FROM story_presence WHERE seen_at < coalesce($1::timestamptz, now()) - make_interval(secs => $2)`,
      [at, PRESENCE_KEEP_SECONDS],
    );
    await this.db.query(
      `INSERT INTO story_presence AS p (story_id, user_id, since, seen_at)
       VALUES ($1::uuid, $2::uuid, coalesce($3::timestamptz, now()), coalesce($3::timestamptz, now()))
       ON CONFLICT (story_id, user_id) DO UPDATE SET
         since = CASE WHEN p.seen_at < EXCLUDED.seen_at - make_interval(secs => $4) THEN EXCLUDED.seen_at ELSE p.since END,
         seen_at = greatest(p.seen_at, EXCLUDED.seen_at)`,
      [storyId, userId, at, PRESENCE_WINDOW_SECONDS],
    );
    return this.others(storyId, userId, now);
  }

  /** Others seen on `storyId` within the window, longest there first. */
  async others(storyId: string, userId: string, now?: Date): Promise<PresentUser[]> {
    const rows = await this.db.query<{ user_id: string; name: string; since: string | Date }>(
      `SELECT p.user_id, u.name, p.since FROM story_presence p JOIN users u ON u.id = p.user_id
        WHERE p.story_id = $1::uuid AND p.user_id <> $2::uuid AND u.disabled_at IS NULL
          AND p.seen_at >= coalesce($3::timestamptz, now()) - make_interval(secs => $4)
        ORDER BY p.since, u.name`,
      [storyId, userId, now ? now.toISOString() : null, PRESENCE_WINDOW_SECONDS],
    );
    return rows.map((r) => ({ userId: r.user_id, name: r.name, since: typeof r.since === 'string' ? r.since : new Date(r.since).toISOString() }));
  }

  /** The user closed the story. */
  async leave(storyId: string, userId: string): Promise<void> {
    await this.db.query('DELETE FROM story_presence WHERE story_id = $1::uuid AND user_id = $2::uuid', [storyId, userId]);
  }
}
