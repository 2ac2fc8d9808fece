import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LedeError, isLedeError } from '../content/index.js';
import { loadConfig } from '../server/config.js';
import { createServices } from '../services/index.js';
import type { IngestOutcome } from '../services/wire-desk.js';
import { mediaStorageFor } from '../storage/configured-storage.js';
import type { CommandIO } from './command-support.js';
import { describeError, parseCommandArgs } from './command-support.js';
import { openForWriting } from './open-configured-database.js';
import { ProgressBar } from './progress-bar.js';

export const INGEST_HELP = `Usage: lede ingest [--source ID] FILE|DIR...

Reads agency documents (dpa digitalwires, ninjs, NewsML-G2; the format is
found from the content) into the wire desk. A folder is read with everything
in it (hidden files, *.tmp and *.part left out). Prints one JSON line per
item to stdout:
  {"file":"…","result":"new","itemId":"…","guid":"urn:…","version":1,"warnings":[]}
result is new, version (a newer version of an item on the desk), duplicate
(this version is there already), ignored (older than the desk's) or refused
(with "reason" and the "deadLetterId" it is kept under in the desk's dead
letters). Problems also go to stderr, prefixed with the file name, then a
summary; the exit code is 1 if any file was refused or could not be read
(the others are still stored).

Options:
  --source ID   the wire source the documents come from (as set up in the
                newsroom or LEDE_WIRE_SOURCES); default "cli", made on first use
`;

/** Files larger than this are refused before reading them into memory. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const SKIPPED = /^\.|\.(tmp|part)$/i;
const CLI_SOURCE = { id: 'cli', name: 'Kommandozeile (lede ingest)', transport: 'manual' };

export async function runIngest(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { source: { type: 'string' } });
  if (!positionals.length) {
    io.stderr.write('lede ingest: name at least one file or folder. See --help.\n');
    return 2;
  }
  const config = loadConfig();
  const { db, events, close } = await openForWriting(config);
  const counts: Record<string, number> = { new: 0, version: 0, duplicate: 0, ignored: 0, refused: 0 };
  let failedFiles = 0;
  let files: string[] = [];
  try {
    // With the media library, an auto-publish rule of the source can bring the item's pictures along.
    const services = createServices(db, config, { events, media: { db, storage: mediaStorageFor(config) } });
    // Sources set up by environment (LEDE_WIRE_SOURCES) are there for --source even before a server applied them.
    if (config.wireSources) await services.wire.configureFromEnv(config.wireSources);
    const sourceId = values.source ?? CLI_SOURCE.id;
    await services.wire.source(sourceId).catch(async (err: unknown) => {
      if (values.source !== undefined || !isLedeError(err) || err.status !== 404) throw err;
      await services.wire.saveSource(CLI_SOURCE);
    });
    const unreadable: Array<{ name: string; error: unknown }> = [];
    for (const p of positionals) files.push(...await expand(p, unreadable));
    for (const u of unreadable) {
      failedFiles++;
      io.stderr.write(`${u.name}: ${describeError(u.error)}\n`);
    }
    const bar = files.length > 1 && io.stderr.isTTY ? new ProgressBar(io.stderr, files.length) : undefined;
    try {
      for (const file of files) {
        bar?.tick(path.basename(file));
        let outcomes: IngestOutcome[];
        try {
          const bytes = await readLimited(file);
          outcomes = await services.wire.ingest(sourceId, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { name: path.basename(file), via: 'cli' });
        } catch (err) {
          bar?.clear();
          failedFiles++;
          io.stderr.write(`${file}: ${describeError(err)}\n`);
          continue;
        }
        bar?.clear();
        let refused = false;
        for (const o of outcomes) {
          counts[o.result] = (counts[o.result] ?? 0) + 1;
          if (o.result === 'refused') {
            refused = true;
            io.stdout.write(`${JSON.stringify({ file, result: o.result, reason: o.reason, deadLetterId: o.deadLetterId })}\n`);
            io.stderr.write(`${file}: refused: ${o.reason} (dead letter ${o.deadLetterId})\n`);
          } else {
            io.stdout.write(`${JSON.stringify({ file, result: o.result, itemId: o.itemId, guid: o.guid, version: o.version, withdrawn: o.withdrawn, warnings: o.warnings })}\n`);
          }
        }
        if (refused) failedFiles++;
      }
    } finally {
      bar?.done();
    }
  } finally {
    await close();
  }
  files = [...new Set(files)];
  const tally = Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ') || 'no items';
  io.stderr.write(`ingested ${files.length} file${files.length === 1 ? '' : 's'}: ${tally}${failedFiles ? `; ${failedFiles} file${failedFiles === 1 ? '' : 's'} failed` : ''}\n`);
  return failedFiles ? 1 : 0;
}

/** A file as is; a folder as every file inside it, sorted (what cannot be looked at goes to `unreadable`). */
async function expand(p: string, unreadable: Array<{ name: string; error: unknown }>): Promise<string[]> {
  let info;
  try {
    info = await stat(p);
  } catch (err) {
    unreadable.push({ name: p, error: unreadableError(err) });
    return [];
  }
  if (!info.isDirectory()) return [p];
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(p, { withFileTypes: true });
  } catch (err) {
    unreadable.push({ name: p, error: unreadableError(err) });
    return [];
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (SKIPPED.test(e.name)) continue;
    const full = path.join(p, e.name);
    if (e.isDirectory()) out.push(...await expand(full, unreadable));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

function unreadableError(err: unknown): LedeError {
  const code = (err as NodeJS.ErrnoException).code;
  return new LedeError('IMPORT_FAILED', code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : `cannot read (${code})`, { reason: 'import_unreadable' });
}

async function readLimited(file: string): Promise<Buffer> {
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    throw unreadableError(err);
  }
  if (info.size > MAX_FILE_BYTES) {
    throw new LedeError('IMPORT_FAILED', `file is ${(info.size / 1024 / 1024).toFixed(1)} MB; an agency document is far smaller (limit ${MAX_FILE_BYTES / 1024 / 1024} MB)`, { reason: 'import_too_large' });
  }
  try {
    return await readFile(file);
  } catch (err) {
    throw unreadableError(err);
  }
}
