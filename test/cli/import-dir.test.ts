/**
 * `lede import FOLDER`: the walk (order, hidden names, link loops), the
 * import journal written in the story's own transaction, and resuming after
 * the process is killed with SIGKILL in the middle of a batch. Real child
 * processes, as a user runs the command, on both engines.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AlreadyImportedError, ImportJournalWriter } from '../../src/cli/import-journal-writer.js';
import { emptyCounts, formatSummary, ImportProgress } from '../../src/cli/import-progress.js';
import { walkArguments } from '../../src/cli/import-walk.js';
import { StoryService } from '../../src/services/story-service.js';
import { journalSize } from '../../src/store/import-journal.js';
import type { Database } from '../../src/store/index.js';
import { ENGINE_NAMES, freshTarget, removeTarget, serverSkipReason, withDb, type Target } from '../helpers/db.js';
import { ROOT } from '../helpers/pglite-template.js';

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Starts `lede import …` against `target`; `killAfterLines` sends `signal` (SIGKILL) once stdout has that many lines. */
function ledeImport(target: Target, args: string[], opts: { killAfterLines?: number; signal?: NodeJS.Signals } = {}): Promise<Run> {
  const env = target.engine === 'pglite'
    ? { ...process.env, DATABASE_URL: '', LEDE_DATA_DIR: target.dataDir }
    : { ...process.env, DATABASE_URL: target.databaseUrl };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/run.ts'), 'import', ...args], {
    cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
    // Once: a second SIGINT is the user insisting (the process then ends at once).
    if (!sent && opts.killAfterLines !== undefined && stdout.split('\n').length > opts.killAfterLines) {
      sent = true;
      child.kill(opts.signal ?? 'SIGKILL');
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** An invented short news page; `n` makes its headline (and so its content) unique. */
function page(n: number): string {
  return `Sachsen\nNeue Brücke Nummer ${n} über die Mulde eröffnet\n\nNach zwei Jahren Bauzeit ist die Brücke ${n} in Grimma für den Verkehr freigegeben worden.\n\nDie Stadt feierte die Brücke ${n} mit einem Fest.\n`;
}

/** `count` good pages spread over nested folders, under `dir`. */
function writePages(dir: string, count: number, from = 0): void {
  for (let i = from; i < from + count; i++) {
    const sub = path.join(dir, `jahr-${i % 3}`, `monat-${i % 7}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `seite-${String(i).padStart(5, '0')}.txt`), page(i));
  }
}

interface Counts { stories: number; sources: number; journal: number; orphans: number }

function storyCounts(target: Target): Promise<Counts> {
  return withDb(target, countsIn);
}

async function countsIn(db: Database): Promise<Counts> {
  {
    const [row] = await db.query<{ stories: string | number; sources: string | number }>(
      "SELECT count(*) AS stories, count(DISTINCT doc->>'source') AS sources FROM stories",
    );
    const [orphan] = await db.query<{ n: string | number }>(
      // A journaled file's story must exist, and a story from a bulk run must have its row.
      `SELECT count(*) AS n FROM stories s WHERE s.doc->>'source' LIKE '%seite-%' AND NOT EXISTS (SELECT 1 FROM import_journal j WHERE j.story_id = s.id)`,
    );
    return { stories: Number(row!.stories), sources: Number(row!.sources), journal: await journalSize(db), orphans: Number(orphan!.n) };
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-import-dir-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('walking the folders', () => {
  test('regular files in name order at every level; hidden names skipped; a link loop walked once; missing paths kept for reporting', async () => {
    const dir = path.join(tmp, 'walk');
    mkdirSync(path.join(dir, 'b', 'c'), { recursive: true });
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    writeFileSync(path.join(dir, 'b', 'c', 'z.txt'), 'z');
    writeFileSync(path.join(dir, 'b', 'a.txt'), 'a');
    writeFileSync(path.join(dir, 'B.txt'), 'B');
    writeFileSync(path.join(dir, 'a.txt'), 'a');
    writeFileSync(path.join(dir, '.hidden.txt'), 'h');
    writeFileSync(path.join(dir, '.git', 'HEAD'), 'x');
    symlinkSync('..', path.join(dir, 'b', 'c', 'loop'));
    symlinkSync('a.txt', path.join(dir, 'same-as-a.txt'));
    const walked = await walkArguments([dir, path.join(tmp, 'fehlt.txt')]);
    assert.equal(walked.walkedFolder, true);
    assert.deepEqual(walked.files.map((f) => f.relative ?? f.path), ['B.txt', 'a.txt', 'b/a.txt', 'b/c/z.txt', path.join(tmp, 'fehlt.txt')]);
    assert.deepEqual(walked.problems, []);
    const plain = await walkArguments([path.join(dir, 'a.txt'), path.join(dir, 'a.txt')]);
    assert.equal(plain.walkedFolder, false);
    assert.equal(plain.files.length, 2, 'files named as arguments are taken as given, as before');
  });
});

describe('progress and summary', () => {
  test('without a terminal: one plain line per 10 s of the clock, not one per file; the summary names every count', () => {
    let clock = 1_000_000;
    const written: string[] = [];
    const counts = emptyCounts(10_000);
    const progress = new ImportProgress({ write: (s) => (written.push(s), true), isTTY: false }, counts, { plainLines: true, now: () => clock });
    for (let i = 0; i < 10_000; i++) {
      clock += 3; // 30 s for the lot
      counts.imported++;
      progress.tick(`seite-${i}.txt`);
    }
    // Lines at 10.002 s and 20.004 s; the run ends at 30.000 s, before a third is due.
    assert.equal(written.length, 2, written.join(''));
    assert.match(written[1]!, /^lede import: 6668\/10000 files read/);
    assert.match(written[0]!, /^lede import: 3334\/10000 files read, 3334 imported, 0 skipped, 0 failed, 333 files\/s\n$/);
    counts.imported = 9_000;
    counts.alreadyImported = 990;
    counts.duplicates = 4;
    counts.failed = 6;
    assert.equal(formatSummary(counts, progress.elapsedMs(), false),
      'imported 9,000, skipped 990 already imported, skipped 4 duplicates, failed 6; 10,000 files in 30.0 s (333 files/s)\n');
    assert.match(formatSummary({ ...counts, imported: 10 }, 2000, true), /; interrupted after 1,010 of 10,000 files in 2\.0 s .*\nrun the same command again/);
  });

  test('on a terminal: the bar, redrawn in place, with the failures so far', () => {
    const written: string[] = [];
    const counts = emptyCounts(3);
    const progress = new ImportProgress({ write: (s) => (written.push(s), true), isTTY: true, columns: 120 }, counts, { plainLines: true });
    progress.tick('a.txt');
    counts.failed = 1;
    progress.tick('b.txt');
    assert.match(written.at(-1)!, /^\r\x1b\[2K\[#+-+\] 2\/3 1 failed · b\.txt$/);
    assert.ok(written.every((w) => !w.includes('\n')), 'no plain lines on a terminal');
  });
});

for (const engine of ['pglite', 'postgres'] as const) {
  const skip = engine === 'postgres' ? serverSkipReason() : undefined;
  describe(`lede import FOLDER [${ENGINE_NAMES[engine]}]`, skip ? { skip } : {}, () => {
    let target: Target;
    before(async () => {
      target = await freshTarget(engine);
    });
    after(async () => {
      if (target) await removeTarget(target);
    });

    test('a journal row is written in its story\'s transaction: when the row cannot be written, the story is not stored', async () => {
      await withDb(target, async (db) => {
        const before = await countsIn(db);
        // Another run journaled this content first (pointing at some existing story).
        const existing = await new StoryService(db).create({ headline: 'Schon da', section: 'Sachsen', body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }] }, { status: 'draft' });
        const sha = 'a'.repeat(64);
        await db.query('INSERT INTO import_journal (content_sha256, path, story_id) VALUES ($1, $2, $3)', [sha, 'anderswo.txt', existing.id]);
        const journal = new ImportJournalWriter(db);
        const draft = { headline: 'Neu', section: 'Sachsen', source: 'ordner/neu.txt', body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }] };
        journal.expect(draft, sha, 'neu.txt');
        const service = new StoryService(db);
        const [outcome] = await service.createMany([draft], { status: 'draft', onStored: journal.onStored });
        assert.ok(outcome?.ok === false && outcome.error instanceof AlreadyImportedError, String(outcome!.ok || outcome!.error));
        const [row] = await db.query<{ n: string | number }>("SELECT count(*) AS n FROM stories WHERE doc->>'source' = 'ordner/neu.txt'");
        assert.equal(Number(row!.n), 0, 'the story went with the refused journal row');
        const [second] = await service.createMany([{ headline: 'Anders', section: 'Sachsen', source: 'ordner/anders.txt', body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }] }], { status: 'draft', onStored: journal.onStored });
        assert.equal(second!.ok, true, 'a story the run does not expect is stored without a row');
        assert.equal((await countsIn(db)).journal, before.journal + 1);
      });
    });

    test('imports a nested folder, reports failures by path, skips duplicates and hidden files; a second run imports nothing', async (t) => {
      const dir = path.join(tmp, `folder-${engine}`);
      const good = engine === 'pglite' ? 2000 : 600;
      writePages(dir, good);
      writeFileSync(path.join(dir, 'jahr-0', 'kopie.txt'), page(5)); // same content as seite-00005
      writeFileSync(path.join(dir, 'jahr-1', 'leer.txt'), '');
      writeFileSync(path.join(dir, 'jahr-2', 'bild.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1]));
      mkdirSync(path.join(dir, '.versteckt'));
      writeFileSync(path.join(dir, '.versteckt', 'seite.txt'), page(999_999));
      writeFileSync(path.join(dir, '.seite.txt'), page(999_998));
      symlinkSync('..', path.join(dir, 'jahr-0', 'zurueck'));
      const before = await storyCounts(target);

      const first = await ledeImport(target, [dir]);
      assert.equal(first.code, 1, first.stderr);
      const lines = first.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string });
      assert.equal(lines.length, good);
      assert.equal(new Set(lines.map((l) => l.file)).size, good);
      assert.match(first.stderr, /leer\.txt: .*empty/i);
      assert.match(first.stderr, /bild\.txt: .*binary/i);
      assert.doesNotMatch(first.stderr + first.stdout, /versteckt|\.seite\.txt/);
      assert.match(first.stderr, new RegExp(`imported ${good.toLocaleString('en')}, skipped 0 already imported, skipped 1 duplicates, failed 2; ${(good + 3).toLocaleString('en')} files in`));
      t.diagnostic(`${ENGINE_NAMES[engine]}: ${first.stderr.trim().split('\n').at(-1)}`);
      const afterFirst = await storyCounts(target);
      assert.equal(afterFirst.stories - before.stories, good);
      assert.equal(afterFirst.journal - before.journal, good);

      const second = await ledeImport(target, [dir]);
      assert.equal(second.code, 1, 'the two bad files still fail');
      assert.equal(second.stdout, '');
      assert.match(second.stderr, new RegExp(`imported 0, skipped ${good.toLocaleString('en')} already imported, skipped 1 duplicates, failed 2;`));
      assert.equal((await storyCounts(target)).stories, afterFirst.stories);
    });

    test('killed with SIGKILL in the middle of a run, the same command again imports each file once', async () => {
      const dir = path.join(tmp, `kill-${engine}`);
      const good = 1200;
      writePages(dir, good, 10_000);
      writeFileSync(path.join(dir, 'jahr-0', 'doppelt.txt'), page(10_001));
      const before = await storyCounts(target);

      // Past the first batch (200 lines), while the next ones are being stored.
      const killed = await ledeImport(target, [dir], { killAfterLines: 230 });
      assert.equal(killed.signal, 'SIGKILL', `the run finished before it could be killed: ${killed.stderr}`);
      const mid = await storyCounts(target);
      assert.ok(mid.stories - before.stories < good, 'the kill came before the end');
      assert.equal(mid.stories - before.stories, mid.journal - before.journal, 'every stored story has its row, every row its story');
      assert.equal(mid.orphans, 0);

      const resumed = await ledeImport(target, [dir]);
      assert.equal(resumed.code, 0, resumed.stderr);
      const done = mid.stories - before.stories;
      assert.ok(done >= 200, `the batches reported before the kill stay stored (${done})`);
      assert.match(resumed.stderr, new RegExp(`imported ${(good - done).toLocaleString('en')}, skipped ${done.toLocaleString('en')} already imported, skipped 1 duplicates, failed 0;`));
      const end = await storyCounts(target);
      assert.equal(end.stories - before.stories, good, 'one story per distinct good file');
      assert.equal(end.sources - before.sources, good, 'no file stored twice');
      assert.equal(end.journal - before.journal, good);
      assert.equal(end.orphans, 0);
    });

    test('Ctrl-C (SIGINT) stops after the batch being stored, says how far it got, and the same command finishes the rest', async () => {
      const dir = path.join(tmp, `sigint-${engine}`);
      const good = 1000;
      writePages(dir, good, 20_000);
      const before = await storyCounts(target);

      const stopped = await ledeImport(target, [dir], { killAfterLines: 10, signal: 'SIGINT' });
      assert.equal(stopped.code, 130, stopped.stderr);
      const done = stopped.stdout.trim().split('\n').length;
      assert.ok(done < good, 'stopped before the end');
      assert.match(stopped.stderr, new RegExp(`imported ${done.toLocaleString('en')}, .*; interrupted after ${done.toLocaleString('en')} of ${good.toLocaleString('en')} files`));
      assert.match(stopped.stderr, /run the same command again/);
      assert.equal((await storyCounts(target)).stories - before.stories, done, 'what was reported is what is stored');

      const rest = await ledeImport(target, [dir]);
      assert.equal(rest.code, 0, rest.stderr);
      assert.match(rest.stderr, new RegExp(`imported ${(good - done).toLocaleString('en')}, skipped ${done.toLocaleString('en')} already imported`));
      assert.equal((await storyCounts(target)).stories - before.stories, good);
    });
  });
}
