import type { Story } from '../content/index.js';
import type { StoredInput } from '../services/story-service.js';
import { addJournalRows, journaledShas, type JournalRow } from '../store/import-journal.js';
import type { Queryable } from '../store/index.js';

/** Thrown inside a story's transaction when another run journaled the same content first: the story is rolled back. */
export class AlreadyImportedError extends Error {
  constructor(readonly path: string) {
    super(`${path}: already imported by another run`);
  }
}

/**
 * Writes the import journal in the same transaction as the stories, through
 * StoryService's `onStored` hook (as the import warnings do): the hook gets
 * each stored story with the very draft object it was made from, so the run
 * says which draft is which file (`expect`) and nothing has to be matched by
 * name. The journal row is added before the commit; when another run took
 * the same content meanwhile, the hook throws and the story is rolled back
 * with it. If the commit fails, neither stays; if it succeeds, both do.
 *
 * `assertJournaled` stops the run should a stored story ever come back
 * without its row (a caller that forgot the hook), rather than let a later
 * resume import it twice.
 */
export class ImportJournalWriter {
  readonly #expected = new Map<unknown, { sha256: string; path: string }>();
  readonly #journaled = new Set<string>();

  constructor(private readonly db: Queryable) {}

  /** Of `shas`, those an earlier run stored. */
  imported(shas: readonly string[]): Promise<Set<string>> {
    return journaledShas(this.db, shas);
  }

  /** The story made from `draft` is the file with this content, at this path (relative, as shown). */
  expect(draft: unknown, sha256: string, path: string): void {
    this.#expected.set(draft, { sha256, path });
  }

  /** StoryService's `onStored`: a journal row for every stored story this run expects. */
  readonly onStored = async (tx: Queryable, stored: readonly StoredInput[]): Promise<void> => {
    const rows: JournalRow[] = [];
    for (const { story, input } of stored) {
      const want = this.#expected.get(input);
      if (want) rows.push({ sha256: want.sha256, path: want.path, storyId: story.id });
    }
    const added = await addJournalRows(tx, rows);
    const taken = rows.find((r) => !added.has(r.sha256));
    if (taken) throw new AlreadyImportedError(taken.path);
    // A story reported as stored was committed in this transaction, row and all.
    for (const row of rows) this.#journaled.add(row.storyId);
  };

  /** Throws when a story this run stored has no journal row (see the class comment). */
  assertJournaled(story: Story): void {
    if (!this.#journaled.has(story.id)) {
      throw new Error(`story ${story.id} (${story.source ?? '?'}) was stored without its import journal row; stopping so that a resume cannot import it twice`);
    }
  }
}
