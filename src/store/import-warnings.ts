import type { Queryable } from './types.js';

/**
 * A story's import warnings (migration 022): what the page-text importer was
 * unsure about. Rows MUST be written in the transaction that creates their
 * story (StoryService's `onStored`), so a rolled-back story leaves none. The
 * read side takes them from import-warnings-queries.ts.
 */

export interface ImportWarningsRow {
  storyId: string;
  warnings: readonly string[];
}

/** Stores the warnings of new stories, one statement for all; rows without warnings are left out. */
export async function addImportWarnings(tx: Queryable, rows: readonly ImportWarningsRow[]): Promise<void> {
  const kept = rows.filter((r) => r.warnings.length);
  if (!kept.length) return;
  await tx.query(
    `INSERT INTO import_warnings (story_id, warnings)
     SELECT id, w::jsonb FROM unnest($1::uuid[], $2::text[]) AS t (id, w)`,
    [kept.map((r) => r.storyId), kept.map((r) => JSON.stringify(r.warnings))],
  );
}

/** Removes a story's warnings (dismissed in the editor); how many it had. */
export async function clearImportWarnings(tx: Queryable, storyId: string): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    'DELETE FROM import_warnings WHERE story_id = $1 RETURNING jsonb_array_length(warnings) AS n', [storyId],
  );
  return rows[0]?.n ?? 0;
}
