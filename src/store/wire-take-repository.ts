import type { Queryable } from './types.js';

/**
 * The editor's one write to a story's link with its agency item: after the
 * editor merged a newer agency version into the story, the link records that
 * version as the one taken (so "Neue Agenturfassung" goes away). The wire
 * desk (services/wire-desk.ts) owns everything else about takes.
 */
export class WireTakeRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Moves the story's taken version from `from` to `to`, only while it is
   * still `from` and `to` is a version the item has (the version check: a
   * second tab that merged meanwhile makes this a no-op). The item's id, or
   * undefined when nothing was changed.
   */
  async advance(storyId: string, from: number, to: number): Promise<string | undefined> {
    const rows = await this.db.query<{ item_id: string }>(
      `UPDATE wire_takes t SET taken_version = $3::int
        WHERE t.story_id = $1::uuid AND t.taken_version = $2::int
          AND EXISTS (SELECT 1 FROM wire_versions v WHERE v.item_id = t.item_id AND v.version = $3::int)
        RETURNING t.item_id`,
      [storyId, from, to],
    );
    return rows[0]?.item_id;
  }
}
