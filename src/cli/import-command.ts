import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LedeError, sectionSlug, storyPath, type Story, type StoryDraft } from '../content/index.js';
import { importPageText, importPageTextBuffer } from '../ingest/index.js';
import { CREATE_BATCH, StoryService } from '../services/story-service.js';
import type { CommandIO } from './command-support.js';
import { describeError, parseCommandArgs } from './command-support.js';
import { openForWriting } from './open-configured-database.js';
import { ProgressBar } from './progress-bar.js';

export const IMPORT_HELP = `Usage: lede import [--draft] [--section NAME] FILE...

Imports news pages saved as plain text (what a crawler or "save as text" gives)
and stores each as a story. Prints one JSON line per imported story to stdout:
  {"file":"…","id":"…","slug":"…","url":"/politik/…","headline":"…","status":"published","warnings":[]}
Errors go to stderr, prefixed with the file name; the exit code is 1 if any file
failed (the others are still imported). A progress bar is shown on a terminal.

Stories are stored ${CREATE_BATCH} to a transaction. A file that cannot be read,
parsed or validated is skipped and reported; the rest of its batch is stored.
Nothing of a skipped file is saved.

Options:
  --draft          store as draft instead of publishing (drafts are not on the site)
  --section NAME   section for stories whose page names none (default: Nachrichten)
`;

/** Files larger than this are refused before reading them into memory. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export async function runImport(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals: files } = parseCommandArgs(args, {
    draft: { type: 'boolean' },
    section: { type: 'string' },
  });
  if (!files.length) {
    io.stderr.write('lede import: name at least one file. See --help.\n');
    return 2;
  }
  const { db, events, close } = await openForWriting();
  const service = new StoryService(db, events);
  const bar = files.length > 1 && io.stderr.isTTY ? new ProgressBar(io.stderr, files.length) : undefined;
  let failed = 0;
  try {
    const sources = files.map((file) => ({ name: file, read: () => readLimited(file) }));
    await importSources(service, sources, {
      status: values.draft ? 'draft' : 'published',
      ...(values.section !== undefined && { section: values.section }),
      onRead: (source) => bar?.tick(path.basename(source.name)),
    }, (source, outcome) => {
      bar?.clear();
      if (!outcome.ok) {
        failed++;
        io.stderr.write(`${source.name}: ${describeError(outcome.error)}\n`);
        return;
      }
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
    bar?.done();
    await close();
  }
  if (files.length > 1) io.stderr.write(`imported ${files.length - failed} of ${files.length} files${failed ? `, ${failed} failed` : ''}\n`);
  return failed ? 1 : 0;
}

/** Something to import: a page text (a file's bytes, or a string) under a name errors are reported by. */
export interface ImportSource {
  name: string;
  read(): Promise<Buffer | string>;
}

export type ImportOutcome = { ok: true; story: Story; warnings: string[] } | { ok: false; error: unknown };

export interface ImportSourcesOptions {
  status: 'draft' | 'published';
  /** Section for stories whose page names none. */
  section?: string;
  batchSize?: number;
  /** Called as each source is read (progress). */
  onRead?: (source: ImportSource) => void;
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
  let storing: Promise<void> = Promise.resolve();
  let broken: { error: unknown } | undefined;
  for (let start = 0; start < sources.length; start += size) {
    const parsed: Array<{ source: ImportSource; draft?: StoryDraft; warnings?: string[]; error?: unknown }> = [];
    for (const source of sources.slice(start, start + size)) {
      opts.onRead?.(source);
      try {
        const raw = await source.read();
        const { draft, warnings } = typeof raw === 'string'
          ? importPageText(raw, { source: path.basename(source.name) })
          : importPageTextBuffer(raw, { source: path.basename(source.name) });
        if (!draft.section && opts.section) draft.section = opts.section;
        parsed.push({ source, draft, warnings });
      } catch (error) {
        parsed.push({ source, error });
      }
      // Let the batch being stored take its turns (its replies are I/O) between two parses.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await storing;
    if (broken) throw broken.error;
    storing = storeBatch(service, parsed, opts.status, report).catch((error: unknown) => void (broken = { error }));
  }
  await storing;
  if (broken) throw broken.error;
}

async function storeBatch(
  service: StoryService,
  parsed: Array<{ source: ImportSource; draft?: StoryDraft; warnings?: string[]; error?: unknown }>,
  status: 'draft' | 'published',
  report: (source: ImportSource, outcome: ImportOutcome) => void,
): Promise<void> {
  const readable = parsed.filter((p) => p.draft);
  const outcomes = await service.createMany(readable.map((p) => p.draft), { status, batchSize: readable.length || 1 });
  const bySource = new Map(readable.map((p, i) => [p, outcomes[i]!]));
  for (const p of parsed) {
    const outcome = bySource.get(p);
    if (!outcome) report(p.source, { ok: false, error: p.error });
    else report(p.source, outcome.ok ? { ok: true, story: outcome.story, warnings: p.warnings ?? [] } : outcome);
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
