/**
 * `lede import` keeps the importer's warnings with each story it stores, in
 * the story's own transaction: for named files and for folders (bulk), each
 * file's own warnings on its own story, nothing for a clean file, and nothing
 * left behind by a story that was rolled back. Real child processes for the
 * command, as a user runs it; both engines.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importSources, type ImportOutcome } from '../../src/cli/import-command.js';
import { ImportJournalWriter } from '../../src/cli/import-journal-writer.js';
import { StoryService } from '../../src/services/story-service.js';
import { importWarningsOf } from '../../src/store/import-warnings-queries.js';
import type { Database } from '../../src/store/index.js';
import { ENGINE_NAMES, freshTarget, removeTarget, serverSkipReason, withDb, type Target } from '../helpers/db.js';
import { ROOT } from '../helpers/pglite-template.js';

interface Line { file: string; id: string; warnings: string[] }

function ledeImport(target: Target, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = target.engine === 'pglite'
    ? { ...process.env, DATABASE_URL: '', LEDE_DATA_DIR: target.dataDir }
    : { ...process.env, DATABASE_URL: target.databaseUrl };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/run.ts'), 'import', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Broken umlauts (U+FFFD, as a file saved in the wrong encoding has them): the importer says how many. `n` makes the content unique. */
const broken = (n: number, fffd: number) => `Sachsen\nNeue Br${'\uFFFD'.repeat(fffd)}cke Nummer ${n} eröffnet\n\nNach zwei Jahren Bauzeit ist die Brücke ${n} offen.\n\nDie Stadt feierte.\n`;
/** No line that reads as a headline: the importer derives one and says so. */
const noHeadline = (n: number) => `Die Stadt Grimma hat nach zwei Jahren Bauzeit die Brücke Nummer ${n} über die Mulde freigegeben, und viele Menschen kamen zum Fest am Ufer. Der Bürgermeister sprach von einem großen Tag.\n`;
/** A clean page: no warnings. */
const clean = (n: number) => `Sachsen\nNeue Brücke Nummer ${n} über die Mulde eröffnet\n\nNach zwei Jahren Bauzeit ist die Brücke ${n} in Grimma offen.\n\nDie Stadt feierte.\n`;

async function warningRows(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_warnings');
  return row!.n;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-import-warnings-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

for (const engine of ['pglite', 'postgres'] as const) {
  const skip = engine === 'postgres' ? serverSkipReason() : undefined;
  describe(`lede import stores each file's warnings [${ENGINE_NAMES[engine]}]`, skip ? { skip } : {}, () => {
    let target: Target;
    before(async () => {
      target = await freshTarget(engine);
    });
    after(async () => {
      if (target) await removeTarget(target);
    });

    /** Each printed story's stored warnings equal the ones printed for it; returns the lines. */
    async function checkStored(stdout: string): Promise<Line[]> {
      const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
      await withDb(target, async (db) => {
        for (const line of lines) assert.deepEqual(await importWarningsOf(db, line.id), line.warnings, line.file);
      });
      return lines;
    }

    test('lede import FOLDER: every file\'s warnings with its own story, none for a clean file', async () => {
      const dir = path.join(tmp, `bulk-${engine}`);
      // The same file name in two folders, with different warnings: each story must get its own.
      mkdirSync(path.join(dir, 'a'), { recursive: true });
      mkdirSync(path.join(dir, 'b'), { recursive: true });
      writeFileSync(path.join(dir, 'a', 'seite.txt'), broken(1, 1));
      writeFileSync(path.join(dir, 'b', 'seite.txt'), broken(2, 3));
      writeFileSync(path.join(dir, 'ohne-titel.txt'), noHeadline(3));
      writeFileSync(path.join(dir, 'sauber.txt'), clean(4));
      const before = await withDb(target, warningRows);
      const run = await ledeImport(target, [dir]);
      assert.equal(run.code, 0, run.stderr);
      const lines = await checkStored(run.stdout);
      assert.equal(lines.length, 4);
      const byFile = new Map(lines.map((l) => [path.relative(dir, l.file), l]));
      assert.match(byFile.get('a/seite.txt')!.warnings.join('\n'), /^1 character .*U\+FFFD/m);
      assert.match(byFile.get('b/seite.txt')!.warnings.join('\n'), /^3 characters .*U\+FFFD/m);
      assert.match(byFile.get('ohne-titel.txt')!.warnings.join('\n'), /headline/);
      assert.deepEqual(byFile.get('sauber.txt')!.warnings, []);
      assert.equal(await withDb(target, warningRows), before + 3, 'one row per story with warnings, none for the clean one');
    });

    test('lede import FILE FILE: the same, for files named one by one (same name, other folders)', async () => {
      const dir = path.join(tmp, `files-${engine}`);
      mkdirSync(path.join(dir, 'x'), { recursive: true });
      mkdirSync(path.join(dir, 'y'), { recursive: true });
      writeFileSync(path.join(dir, 'x', 'text.txt'), broken(11, 2));
      writeFileSync(path.join(dir, 'y', 'text.txt'), noHeadline(12));
      writeFileSync(path.join(dir, 'y', 'gut.txt'), clean(13));
      const before = await withDb(target, warningRows);
      const run = await ledeImport(target, ['--draft', path.join(dir, 'x', 'text.txt'), path.join(dir, 'y', 'text.txt'), path.join(dir, 'y', 'gut.txt')]);
      assert.equal(run.code, 0, run.stderr);
      const lines = await checkStored(run.stdout);
      assert.equal(lines.length, 3);
      assert.match(lines[0]!.warnings.join('\n'), /U\+FFFD/);
      assert.match(lines[1]!.warnings.join('\n'), /headline/);
      assert.deepEqual(lines[2]!.warnings, []);
      assert.equal(await withDb(target, warningRows), before + 2);
    });

    test('a story rolled back (its file journaled by another run meanwhile) leaves no warnings; the rest of its batch keeps theirs', async () => {
      await withDb(target, async (db) => {
        const taken = broken(21, 1);
        const other = noHeadline(22);
        const sha = createHash('sha256').update(taken).digest('hex');
        // "Another run" stored the same content after this run looked (the race the journal's unique key settles).
        const elsewhere = await new StoryService(db).create({ headline: 'Anderer Lauf', body: [] }, { status: 'draft' });
        await db.query('INSERT INTO import_journal (content_sha256, path, story_id) VALUES ($1, $2, $3)', [sha, 'anderer-lauf.txt', elsewhere.id]);
        class LateJournal extends ImportJournalWriter {
          // What this run saw when it looked: nothing stored yet.
          override imported(): Promise<Set<string>> {
            return Promise.resolve(new Set());
          }
        }
        const journal = new LateJournal(db);
        const before = await warningRows(db);
        const outcomes: Array<[string, ImportOutcome]> = [];
        await importSources(new StoryService(db), [
          { name: 'lauf/genommen.txt', read: () => Promise.resolve(taken) },
          { name: 'lauf/anders.txt', read: () => Promise.resolve(other) },
        ], { status: 'draft', journal }, (source, outcome) => outcomes.push([source.name, outcome]));
        const [first, second] = outcomes;
        assert.deepEqual([first![0], first![1].ok, first![1].ok ? undefined : first![1].skipped], ['lauf/genommen.txt', false, 'imported']);
        assert.ok(second![1].ok, String(second![1].ok || second![1].error));
        const [stored] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM stories WHERE doc->>'source' = 'lauf/genommen.txt'");
        assert.equal(stored!.n, 0, 'the story went with its refused journal row');
        // Only the other file's warnings stayed: written in the story-by-story retry of the batch, on its own story.
        assert.equal(await warningRows(db), before + 1);
        assert.deepEqual(await importWarningsOf(db, second![1].story.id), second![1].warnings);
        assert.match(second![1].warnings.join('\n'), /headline/);
      });
    });
  });
}
