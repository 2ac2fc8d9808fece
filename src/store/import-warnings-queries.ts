import type { Queryable } from './types.js';

/** The import warnings of a story, as the importer wrote them (empty when there are none or they were dismissed). */
export async function importWarningsOf(db: Queryable, storyId: string): Promise<string[]> {
  const rows = await db.query<{ warnings: unknown }>('SELECT warnings FROM import_warnings WHERE story_id = $1', [storyId]);
  const list = rows[0]?.warnings;
  return Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string') : [];
}
