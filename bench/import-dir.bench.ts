/**
 * `lede import FOLDER` throughput, in-process, on both engines: a first run
 * over BENCH_DIR_FILES generated pages in nested folders (walk, read, hash,
 * journal look-up, parse, store with the journal row in the story's
 * transaction), then the same folder again, which a resume does (every file
 * read, hashed and found in the journal). Prints figures; never passes or fails.
 *   node --import tsx bench/import-dir.bench.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importSources, type ImportSource } from '../src/cli/import-command.js';
import { ImportJournalWriter } from '../src/cli/import-journal-writer.js';
import { walkArguments } from '../src/cli/import-walk.js';
import { StoryService } from '../src/services/story-service.js';
import type { Database } from '../src/store/index.js';
import { onEachEngine } from './each-engine.js';

const FILES = Number(process.env.BENCH_DIR_FILES ?? 2000);

function writeFolder(dir: string): void {
  for (let i = 0; i < FILES; i++) {
    const sub = path.join(dir, `jahr-${i % 4}`, `monat-${i % 12}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `seite-${i}.txt`),
      `Thüringen\nNeues Stellwerk Nummer ${i} in Erfurt in Betrieb\n\nDas Stellwerk ${i} steuert ab heute die Weichen im Norden der Stadt.\n\nDie Bahn hatte es zwei Jahre lang gebaut.\n`);
  }
}

async function pass(db: Database, dir: string): Promise<{ seconds: number; imported: number; skipped: number; failed: number }> {
  const walked = await walkArguments([dir]);
  const journal = new ImportJournalWriter(db);
  const service = new StoryService(db);
  const sources: ImportSource[] = walked.files.map((f) => ({ name: f.path, journalPath: f.relative ?? f.path, read: () => readFile(f.path) }));
  const tally = { imported: 0, skipped: 0, failed: 0 };
  const t0 = performance.now();
  await importSources(service, sources, { status: 'published', journal }, (_s, outcome) => {
    if (outcome.ok) tally.imported++;
    else if (outcome.skipped) tally.skipped++;
    else tally.failed++;
  });
  return { seconds: (performance.now() - t0) / 1000, ...tally };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-import-dir-'));
try {
  const dir = path.join(tmp, 'pages');
  writeFolder(dir);
  await onEachEngine(tmp, {}, async (label, open) => {
    const db = await open();
    try {
      for (const what of ['first run', 'again (resume)']) {
        const r = await pass(db, dir);
        console.log(`import-dir ${label} ${what}: ${FILES} files in ${r.seconds.toFixed(2)} s = ${(FILES / r.seconds).toFixed(0)} files/s (imported ${r.imported}, skipped ${r.skipped}, failed ${r.failed})`);
      }
    } finally {
      await db.close();
    }
  });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
