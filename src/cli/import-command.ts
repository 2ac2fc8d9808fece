import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LedeError, sectionSlug, storyPath, type Story, type StoryDraft } from '../content/index.js';
import { importPageText, importPageTextBuffer } from '../ingest/index.js';
import { CREATE_BATCH, StoryService, type StoredInput } from '../services/story-service.js';
import { storeImportWarnings } from '../services/import-warnings.js';
import type { CommandIO } from './command-support.js';
import { describeError, parseCommandArgs } from './command-support.js';
import type { Queryable } from '../store/index.js';
import { openForWriting } from './open-configured-database.js';
import { AlreadyImportedError, ImportJournalWriter } from './import-journal-writer.js';
import { emptyCounts, formatSummary, ImportProgress, PROGRESS_LINE_SECONDS } from './import-progress.js';
import { walkArguments } from './import-walk.js';

export const IMPORT_HELP = `Usage: lede import [--draft] [--section NAME] FILE|FOLDER...

Imports news pages saved as plain text (what a crawler or "save as text" gives)
and stores each as a story. Prints one JSON line per imported story to stdout:
  {"file":"…","id":"…","slug":"…","url":"/politik/…","headline":"…","status":"published","warnings":[]}
Errors go to stderr, prefixed with the file name; the exit code is 1 if any file
failed (the others are still imported). A progress bar is shown on a terminal.
The warnings are also stored with each story (same transaction); the editor
shows them as "Import notes" until someone marks them done.

Stories are stored ${CREATE_BATCH} to a transaction. A file that cannot be read,
parsed or validated is skipped and reported; the rest of its batch is stored.
Nothing of a skipped file is saved.

Folders (bulk import):
  A folder is walked recursively; every regular file in it is imported, in
  name order at every level (stable from run to run). Names starting with "."
  (hidden files, .git and the like) are skipped; symbolic links are followed,
  but a folder is never walked twice (no link loops).
  Each stored file is recorded in an import journal in the database, by the
  SHA-256 of its content, in the same transaction as its story. Running the
  same command again after an interruption (Ctrl-C, kill -9, a crash)
  imports only what is not yet stored: nothing twice. A file whose content
  was imported before (under any name) is skipped; so is a file with the same
  content as an earlier one of the same run. Deleting a story forgets its file.
  Ctrl-C lets the batch being stored commit, stores nothing more and prints
  the summary; a second Ctrl-C stops at once (safe as well: each batch is
  one transaction). Exit code 130 when interrupted.
  Progress: the bar on a terminal; otherwise one line every ${PROGRESS_LINE_SECONDS} s.
  At the end, a summary on stderr: imported, skipped as already imported,
  skipped as duplicates, failed, time and files per second.

Options:
  --draft          store as draft instead of publishing (drafts are not on the site)
  --section NAME   section for stories whose page names none (default: Nachrichten)
`;

/** Files larger than this are refused before reading them into memory. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export async function runImport(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    draft: { type: 'boolean' },
    section: { type: 'string' },
  });
  if (!positionals.length) {
    io.stderr.write('lede import: name at least one file or folder. See --help.\n');
    return 2;
  }
  const walked = await walkArguments(positionals);
  const bulk = walked.walkedFolder;
  const files = walked.files;
  const counts = emptyCounts(files.length + walked.problems.length);
  for (const problem of walked.problems) {
    counts.failed++;
    io.stderr.write(`${problem.path}: ${problem.reason}\n`);
  }
  const { db, events, close } = await openForWriting();
  const journal = bulk ? new ImportJournalWriter(db) : undefined;
  const service = new StoryService(db, events);
  const progress = new ImportProgress(io.stderr, counts, { plainLines: bulk });
  // Ctrl-C: finish the batch being stored, then stop and say how far the run got. A second Ctrl-C ends the process at once.
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    process.removeListener('SIGINT', onSigint);
  };
  if (bulk) process.on('SIGINT', onSigint);
  try {
    const sources: ImportSource[] = files.map((file) => ({ name: file.path, journalPath: file.relative ?? file.path, read: () => readLimited(file.path) }));
    await importSources(service, sources, {
      status: values.draft ? 'draft' : 'published',
      ...(values.section !== undefined && { section: values.section }),
      ...(journal && { journal }),
      shouldStop: () => interrupted,
      onRead: (source) => progress.tick(path.basename(source.name)),
    }, (source, outcome) => {
      if (outcome.ok === false && outcome.skipped) {
        if (outcome.skipped === 'duplicate') counts.duplicates++;
        else counts.alreadyImported++;
        return;
      }
      progress.clear();
      if (!outcome.ok) {
        counts.failed++;
        io.stderr.write(`${source.name}: ${describeError(outcome.error)}\n`);
        return;
      }
      counts.imported++;
      const { story, warnings } = outcome;
      const line = {
        file: source.name,
        id: story.id,
        slug: story.slug,
        url: storyPath({ sectionSlug: sectionSlug(story.section), slug: story.slug }),
        headline: story.headline,
        status: story.status,
        warnings,
      };
      io.stdout.write(`${JSON.stringify(line)}\n`);
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    progress.done();
    await close();
  }
  if (bulk) io.stderr.write(formatSummary(counts, progress.elapsedMs(), interrupted));
  else if (files.length > 1) io.stderr.write(`imported ${files.length - counts.failed} of ${files.length} files${counts.failed ? `, ${counts.failed} failed` : ''}\n`);
  if (interrupted) return 130;
  return counts.failed ? 1 : 0;
}

/** Something to import: a page text (a file's bytes, or a string) under a name errors are reported by. */
export interface ImportSource {
  name: string;
  /** The path the import journal records (bulk runs); defaults to `name`. */
  journalPath?: string;
  read(): Promise<Buffer | string>;
}

export type ImportOutcome =
  | { ok: true; story: Story; warnings: string[] }
  | { ok: false; error: unknown; skipped?: undefined }
  /** Not stored, and not a failure: imported by an earlier run, or the same content as an earlier source of this run. */
  | { ok: false; skipped: 'imported' | 'duplicate'; error?: undefined };

export interface ImportSourcesOptions {
  status: 'draft' | 'published';
  /** Section for stories whose page names none. */
  section?: string;
  batchSize?: number;
  /** Called as each source is read (progress). */
  onRead?: (source: ImportSource) => void;
  /**
   * Bulk runs: skip contents the journal holds, or met earlier in the run, and
   * journal each stored story with its content hash, in the story's own
   * transaction (through StoryService's `onStored`).
   */
  journal?: ImportJournalWriter;
  /** Asked before each batch is read: true stops the run there (the batch being stored is finished). */
  shouldStop?: () => boolean;
}

interface Parsed {
  source: ImportSource;
  draft?: StoryDraft;
  warnings?: string[];
  error?: unknown;
  skipped?: 'imported' | 'duplicate';
}

/**
 * Reads, parses and stores page texts in batches (StoryService.createMany):
 * `report` hears of every source once, in order, with its story or its
 * error. A source that fails (unreadable, not a news page, invalid) is
 * skipped; the rest of its batch is stored. While one batch is being stored,
 * the next is read and parsed: with PostgreSQL, the server works on one while
 * this process parses the other.
 */
export async function importSources(
  service: StoryService,
  sources: readonly ImportSource[],
  opts: ImportSourcesOptions,
  report: (source: ImportSource, outcome: ImportOutcome) => void,
): Promise<void> {
  const size = opts.batchSize ?? CREATE_BATCH;
  const journal = opts.journal;
  const seen = new Set<string>();
  let storing: Promise<void> = Promise.resolve();
  let broken: { error: unknown } | undefined;
  for (let start = 0; start < sources.length; start += size) {
    if (opts.shouldStop?.()) break;
    const batch = sources.slice(start, start + size);
    const parsed: Parsed[] = [];
    const raws = new Map<Parsed, Buffer | string>();
    const shas = new Map<Parsed, string>();
    for (const source of batch) {
      opts.onRead?.(source);
      const p: Parsed = { source };
      parsed.push(p);
      try {
        const raw = await source.read();
        raws.set(p, raw);
        if (journal) {
          const sha = createHash('sha256').update(raw).digest('hex');
          if (seen.has(sha)) {
            p.skipped = 'duplicate';
          } else {
            seen.add(sha);
            shas.set(p, sha);
          }
        }
      } catch (error) {
        p.error = error;
      }
    }
    if (journal) {
      // One query per batch: what an earlier run stored is neither parsed nor stored again.
      const known = await journal.imported([...shas.values()]);
      for (const [p, sha] of shas) if (known.has(sha)) p.skipped = 'imported';
    }
    for (const p of parsed) {
      const raw = raws.get(p);
      if (raw === undefined || p.skipped) continue;
      // A bulk run stores the file's path as the story's source (the journal finds each file's story by its draft).
      const name = journal ? p.source.name : path.basename(p.source.name);
      try {
        const { draft, warnings } = typeof raw === 'string' ? importPageText(raw, { source: name }) : importPageTextBuffer(raw, { source: name });
        if (!draft.section && opts.section) draft.section = opts.section;
        if (journal) draft.source = p.source.name;
        p.draft = draft;
        p.warnings = warnings;
      } catch (error) {
        p.error = error;
      }
      // Let the batch being stored take its turns (its replies are I/O) between two parses.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await storing;
    if (broken) throw broken.error;
    // Asked to stop while this batch was read: it is dropped unstored (a resume reads it again).
    if (opts.shouldStop?.()) break;
    if (journal) for (const p of parsed) if (p.draft) journal.expect(p.draft, shas.get(p)!, p.source.journalPath ?? p.source.name);
    storing = storeBatch(service, parsed, opts.status, journal, report).catch((error: unknown) => void (broken = { error }));
  }
  await storing;
  if (broken) throw broken.error;
}

async function storeBatch(
  service: StoryService,
  parsed: Parsed[],
  status: 'draft' | 'published',
  journal: ImportJournalWriter | undefined,
  report: (source: ImportSource, outcome: ImportOutcome) => void,
): Promise<void> {
  const readable = parsed.filter((p) => p.draft);
  // Each story's warnings go in with it, in its transaction (found by the draft the story was made from).
  const warningsOf = new Map<unknown, readonly string[]>(readable.map((p) => [p.draft, p.warnings ?? []]));
  const storeWarnings = storeImportWarnings((draft) => warningsOf.get(draft));
  // The journal row goes last: it may refuse the story (another run took the file meanwhile).
  const onStored = async (tx: Queryable, stored: readonly StoredInput[]) => {
    await storeWarnings(tx, stored);
    await journal?.onStored(tx, stored);
  };
  const outcomes = readable.length ? await service.createMany(readable.map((p) => p.draft), { status, batchSize: readable.length, onStored }) : [];
  const bySource = new Map(readable.map((p, i) => [p, outcomes[i]!]));
  for (const p of parsed) {
    const outcome = bySource.get(p);
    if (p.skipped) report(p.source, { ok: false, skipped: p.skipped });
    else if (!outcome) report(p.source, { ok: false, error: p.error });
    else if (outcome.ok) {
      journal?.assertJournaled(outcome.story);
      report(p.source, { ok: true, story: outcome.story, warnings: p.warnings ?? [] });
    } else if (outcome.error instanceof AlreadyImportedError) report(p.source, { ok: false, skipped: 'imported' });
    else report(p.source, outcome);
  }
}

async function readLimited(file: string): Promise<Buffer> {
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LedeError('IMPORT_FAILED', code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code})`, { reason: 'import_unreadable' });
  }
  if (info.isDirectory()) throw new LedeError('IMPORT_FAILED', 'is a directory; name the text files inside it', { reason: 'import_unreadable' });
  if (info.size > MAX_FILE_BYTES) {
    throw new LedeError('IMPORT_FAILED', `file is ${(info.size / 1024 / 1024).toFixed(1)} MB; a news page is far smaller (limit ${MAX_FILE_BYTES / 1024 / 1024} MB)`, { reason: 'import_unreadable' });
  }
  return readFile(file);
}
