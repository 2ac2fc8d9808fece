import type { Queryable } from './types.js';

/**
 * The import journal (migration 021): which file contents `lede import DIR`
 * has stored as which story. Rows MUST be written in the transaction that
 * stores their stories (see src/cli/import-journal-writer.ts), so a story
 * never exists without its row or the other way round.
 */

export interface JournalRow {
  sha256: string;
  path: string;
  storyId: string;
}

/** Of `shas`, those already in the journal. */
export async function journaledShas(db: Queryable, shas: readonly string[]): Promise<Set<string>> {
  if (!shas.length) return new Set();
  const rows = await db.query<{ content_sha256: string }>(
    'SELECT content_sha256 FROM import_journal WHERE content_sha256 = ANY($1::text[])', [[...shas]],
  );
  return new Set(rows.map((r) => r.content_sha256));
}

/**
 * Adds rows; returns the shas that were new. A sha another run recorded
 * meanwhile is left as it is (and not returned): the caller rolls back.
 */
export async function addJournalRows(tx: Queryable, rows: readonly JournalRow[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const inserted = await tx.query<{ content_sha256: string }>(
    `INSERT INTO import_journal (content_sha256, path, story_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[])
     ON CONFLICT (content_sha256) DO NOTHING
     RETURNING content_sha256`,
    [rows.map((r) => r.sha256), rows.map((r) => r.path), rows.map((r) => r.storyId)],
  );
  return new Set(inserted.map((r) => r.content_sha256));
}

/** How many files the journal holds (tests, `lede import` summary). */
export async function journalSize(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM import_journal');
  return Number(row?.n ?? 0);
}
