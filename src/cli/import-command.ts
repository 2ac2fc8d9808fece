import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LedeError, sectionSlug, storyPath } from '../content/index.js';
import { importPageTextBuffer } from '../ingest/index.js';
import { StoryService } from '../services/story-service.js';
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
    for (const file of files) {
      bar?.tick(path.basename(file));
      try {
        const buf = await readLimited(file);
        const { draft, warnings } = importPageTextBuffer(buf, { source: path.basename(file) });
        if (!draft.section && values.section) draft.section = values.section;
        const story = await service.create(draft, { status: values.draft ? 'draft' : 'published' });
        const line = {
          file,
          id: story.id,
          slug: story.slug,
          url: storyPath({ sectionSlug: sectionSlug(story.section), slug: story.slug }),
          headline: story.headline,
          status: story.status,
          warnings,
        };
        bar?.clear();
        io.stdout.write(`${JSON.stringify(line)}\n`);
      } catch (err) {
        failed++;
        bar?.clear();
        io.stderr.write(`${file}: ${describeError(err)}\n`);
      }
    }
  } finally {
    bar?.done();
    await close();
  }
  if (files.length > 1) io.stderr.write(`imported ${files.length - failed} of ${files.length} files${failed ? `, ${failed} failed` : ''}\n`);
  return failed ? 1 : 0;
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
