import type { Queryable } from '../store/index.js';
import { addImportWarnings, clearImportWarnings } from '../store/import-warnings.js';
import type { StoredInput } from './story-service.js';

/**
 * A story's import warnings: what the page-text importer was unsure about,
 * kept beside the story (not in its content or revisions) until someone in
 * the newsroom marks them as done. Every path that turns page text into a
 * story (the newsroom import, `lede import FILE`, `lede import FOLDER`) hands
 * StoryService the `onStored` made here, so the warnings are written in the
 * stories' own transaction: both stay, or neither.
 */

/**
 * The `onStored` option for StoryService.create/createMany: stores, for each
 * new story, the warnings `warningsOf` gives for the input it was made from
 * (none: nothing is stored).
 */
export function storeImportWarnings(warningsOf: (input: unknown) => readonly string[] | undefined) {
  return (tx: Queryable, stored: readonly StoredInput[]): Promise<void> =>
    addImportWarnings(tx, stored.map(({ story, input }) => ({ storyId: story.id, warnings: warningsOf(input) ?? [] })));
}

/** The `onStored` for one import: the new story gets `warnings`. */
export const withImportWarnings = (warnings: readonly string[]) => storeImportWarnings(() => warnings);

/**
 * Marks a story's import warnings as done (the editor's "Erledigt"): they are
 * deleted. Returns how many there were (0: none, or already dismissed — the
 * call is idempotent). Whether the caller may edit the story is checked by
 * the endpoint before.
 */
export function dismissImportWarnings(db: Queryable, storyId: string): Promise<number> {
  return clearImportWarnings(db, storyId);
}
