import type { Queryable } from './types.js';
import { BREAKING_COLUMNS as COLUMNS, type BreakingRow } from './breaking-queries.js';

export type { BreakingRow } from './breaking-queries.js';

/**
 * Writes of the breaking banner's rows (issue 14) and the newsroom's settings
 * table; the reads the site, the API and the newsroom use are in
 * breaking-queries.ts.
 */
/** The row holding the "one live" slot, whether or not its end has passed (what a new banner must close). */
export async function openBreaking(db: Queryable): Promise<BreakingRow | undefined> {
  const [row] = await db.query<BreakingRow>(`SELECT ${COLUMNS} FROM breaking_items WHERE ended_at IS NULL FOR UPDATE`);
  return row;
}

/** Closes the open row (if any) at `at`: its end becomes min(end, at). */
export async function closeOpenBreaking(db: Queryable, at: Date): Promise<BreakingRow | undefined> {
  const [row] = await db.query<BreakingRow>(
    `UPDATE breaking_items SET ended_at = $1, ends_at = CASE WHEN ends_at > $1 THEN $1 ELSE ends_at END, updated_at = $1
     WHERE ended_at IS NULL RETURNING ${COLUMNS}`,
    [at.toISOString()],
  );
  return row;
}

export async function insertBreaking(db: Queryable, b: { id: string; headline: string; url: string; storyId: string | null; startsAt: Date; endsAt: Date; createdBy: string }): Promise<BreakingRow> {
  const [row] = await db.query<BreakingRow>(
    `INSERT INTO breaking_items (id, headline, url, story_id, starts_at, ends_at, created_by, created_at, updated_at)
     VALUES ($1::uuid, $2, $3, $4::uuid, $5, $6, $7, $5, $5) RETURNING ${COLUMNS}`,
    [b.id, b.headline, b.url, b.storyId, b.startsAt.toISOString(), b.endsAt.toISOString(), b.createdBy],
  );
  return row!;
}

/** Changes the open row if it is at `version`; undefined when it moved on (or was taken down) meanwhile. */
export async function updateBreaking(db: Queryable, id: string, version: number, b: { headline: string; url: string; storyId: string | null; endsAt: Date }, at: Date): Promise<BreakingRow | undefined> {
  const [row] = await db.query<BreakingRow>(
    `UPDATE breaking_items SET headline = $3, url = $4, story_id = $5::uuid, ends_at = $6, version = version + 1, updated_at = $7
     WHERE id = $1::uuid AND version = $2 AND ended_at IS NULL RETURNING ${COLUMNS}`,
    [id, version, b.headline, b.url, b.storyId, b.endsAt.toISOString(), at.toISOString()],
  );
  return row;
}

/** A newsroom setting's stored value, or undefined when never set. */
export async function readSetting(db: Queryable, key: string): Promise<unknown> {
  const [row] = await db.query<{ value: unknown }>(`SELECT value FROM newsroom_settings WHERE key = $1`, [key]);
  return row?.value;
}

export async function writeSetting(db: Queryable, key: string, value: unknown, by: string): Promise<void> {
  await db.query(
    `INSERT INTO newsroom_settings (key, value, updated_by) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [key, JSON.stringify(value), by],
  );
}

/**
 * Holds `key` for the rest of the transaction (a transaction-scoped advisory
 * lock; the row may not exist yet, so FOR UPDATE would hold nothing): two
 * admins switching the same setting are served one after the other.
 */
export async function lockSetting(tx: Queryable, key: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('newsroom_settings:' || $1))`, [key]);
}
