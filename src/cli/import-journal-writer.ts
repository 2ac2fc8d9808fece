import type { Story } from '../content/index.js';
import type { Transactional } from '../services/story-service.js';
import { addJournalRows, journaledShas, type JournalRow } from '../store/import-journal.js';
import type { Queryable } from '../store/index.js';

/** Thrown inside a story's transaction when another run journaled the same content first: the story is rolled back. */
export class AlreadyImportedError extends Error {
  constructor(readonly path: string) {
    super(`${path}: already imported by another run`);
  }
}

/**
 * Writes the import journal in the same transaction as the stories.
 *
 * It is a Transactional wrapper rather than StoryService's `onStored` hook
 * (which the import warnings use) because its row is the last write of the
 * transaction and may refuse the whole batch. createMany stores every
 * batch through `db.transaction(fn)`, and `fn` resolves to the stories it
 * stored (an array for a batch, one Story when a failed batch is retried
 * story by story through `create`). `database` is a Transactional that runs
 * `fn` and then, still inside the transaction and before the commit, adds a
 * journal row for each returned story this run expects (matched by the
 * story's `source`, which the importer sets to the file's path, unique in a
 * run). If the commit fails, neither stays; if it succeeds, both do.
 *
 * Should the service ever stop returning its stories from the transaction,
 * `assertJournaled` notices (a stored story without a row) and stops the run
 * rather than let a later resume import it twice.
 */
export class ImportJournalWriter {
  readonly #expected = new Map<string, { sha256: string; path: string }>();
  readonly #journaled = new Set<string>();

  constructor(private readonly db: Transactional) {}

  /** Of `shas`, those an earlier run stored. */
  imported(shas: readonly string[]): Promise<Set<string>> {
    return journaledShas(this.db, shas);
  }

  /** The story whose `source` is `source` is the file with this content, at this path (relative, as shown). */
  expect(source: string, sha256: string, path: string): void {
    this.#expected.set(source, { sha256, path });
  }

  /** Throws when a story this run stored has no journal row (see the class comment). */
  assertJournaled(story: Story): void {
    if (!this.#journaled.has(story.id)) {
      throw new Error(`story ${story.id} (${story.source ?? '?'}) was stored without its import journal row; stopping so that a resume cannot import it twice`);
    }
  }

  get database(): Transactional {
    return {
      query: (sql, params) => this.db.query(sql, params),
      transaction: async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
        const rows: JournalRow[] = [];
        const result = await this.db.transaction(async (tx) => {
          const value = await fn(tx);
          rows.length = 0;
          for (const story of storiesIn(value)) {
            const want = story.source === undefined ? undefined : this.#expected.get(story.source);
            if (want) rows.push({ sha256: want.sha256, path: want.path, storyId: story.id });
          }
          const added = await addJournalRows(tx, rows);
          const taken = rows.find((r) => !added.has(r.sha256));
          if (taken) throw new AlreadyImportedError(taken.path);
          return value;
        });
        // Committed: both the stories and their rows are there.
        for (const row of rows) this.#journaled.add(row.storyId);
        return result;
      },
    };
  }
}

function isStory(value: unknown): value is Story {
  return typeof value === 'object' && value !== null && typeof (value as Story).id === 'string' && typeof (value as Story).slug === 'string' && 'body' in value;
}

function storiesIn(value: unknown): Story[] {
  if (Array.isArray(value)) return value.filter(isStory);
  return isStory(value) ? [value] : [];
}
