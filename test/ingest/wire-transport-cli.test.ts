/**
 * `lede ingest` on both engines, in process (main() with captured output):
 * one JSON line per item like `lede import`, refusals named on stderr with
 * their dead letter, unreadable paths named and skipped, a summary at the
 * end, exit code 1 when anything failed; the `cli` source made on first
 * use; a second run gives duplicates, never a second item.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { openDatabase } from '../../src/store/index.js';
import { createServices } from '../../src/services/index.js';
import { ENGINE_NAMES, freshTarget, openOptions, removeTarget, serverSkipReason, type Target } from '../helpers/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DPA = path.resolve(root, '../shared/conformance/agency/dpa-digitalwires/input');

const invented = (n: number) => JSON.stringify({
  format: 'digitalwires@0.9.1', urn: `urn:newsml:test.example:20261205:cli-${n}`, version: 1, pubstatus: 'usable',
  headline: `Kommandozeile ${n}`, article_html: `<section class="main"><p>Text ${n}.</p></section>`,
});

async function run(args: string[], target: Target): Promise<{ code: number; stdout: string; stderr: string; lines: Array<Record<string, unknown>> }> {
  let stdout = '';
  let stderr = '';
  const saved = { dir: process.env.LEDE_DATA_DIR, url: process.env.DATABASE_URL };
  if (target.engine === 'pglite') {
    process.env.LEDE_DATA_DIR = target.dataDir;
    delete process.env.DATABASE_URL;
  } else process.env.DATABASE_URL = target.databaseUrl;
  try {
    const code = await main(['ingest', ...args], { stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: (s: string) => ((stderr += s), true) } });
    return { code, stdout, stderr, lines: stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
  } finally {
    if (saved.dir === undefined) delete process.env.LEDE_DATA_DIR;
    else process.env.LEDE_DATA_DIR = saved.dir;
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
  }
}

for (const engine of ['pglite', 'postgres'] as const) {
  const skip = engine === 'postgres' ? serverSkipReason() : undefined;
  describe(`lede ingest [${ENGINE_NAMES[engine]}]`, skip ? { skip } : {}, () => {
    let target: Target;
    let dir: string;
    before(async () => {
      target = await freshTarget(engine);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-ingest-cli-'));
      fs.mkdirSync(path.join(dir, 'mappe'));
      fs.writeFileSync(path.join(dir, 'mappe', 'a.json'), invented(1));
      fs.writeFileSync(path.join(dir, 'mappe', 'b.json'), invented(2));
      fs.writeFileSync(path.join(dir, 'mappe', '.versteckt.json'), invented(3));
      fs.writeFileSync(path.join(dir, 'mappe', 'halb.json.part'), invented(4));
      fs.writeFileSync(path.join(dir, 'kaputt.txt'), 'Das ist keine Agenturmeldung.');
    });
    after(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await removeTarget(target);
    });

    test('a folder and files: one JSON line per item, refusals and missing files named, summary, exit 1', async () => {
      const r = await run([path.join(dir, 'mappe'), path.join(dir, 'kaputt.txt'), path.join(dir, 'fehlt.json')], target);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(r.lines.map((l) => [path.basename(String(l.file)), l.result]), [['a.json', 'new'], ['b.json', 'new'], ['kaputt.txt', 'refused']]);
      assert.equal(r.lines[0]!.guid, 'urn:newsml:test.example:20261205:cli-1');
      assert.equal(r.lines[0]!.version, 1);
      assert.match(String(r.lines[0]!.itemId), /^[0-9a-f-]{36}$/);
      assert.deepEqual(r.lines[0]!.warnings, []);
      assert.equal(typeof r.lines[2]!.reason, 'string');
      assert.match(r.stderr, /fehlt\.json: no such file or folder/);
      assert.match(r.stderr, new RegExp(`kaputt\\.txt: refused: .* \\(dead letter ${r.lines[2]!.deadLetterId}\\)`));
      assert.match(r.stderr, /ingested 3 files: 2 new, 1 refused; 2 files failed\n$/);

      const db = await openDatabase(openOptions(target, { onWarning: () => undefined }));
      try {
        const wire = createServices(db).wire;
        const source = await wire.source('cli');
        assert.equal(source.transport, 'manual');
        const { items } = await wire.list({ source: 'cli' });
        assert.equal(items.length, 2);
        const letters = await wire.deadLetters({ source: 'cli' });
        assert.deepEqual(letters.map((l) => [l.name, l.via]), [['kaputt.txt', 'cli']]);
      } finally {
        await db.close();
      }
    });

    test('the same files again are duplicates (exit 0); an unknown --source is one line, exit 1', async () => {
      const again = await run([path.join(dir, 'mappe')], target);
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual(again.lines.map((l) => l.result), ['duplicate', 'duplicate']);
      assert.match(again.stderr, /^ingested 2 files: 2 duplicate\n$/);
      const unknown = await run(['--source', 'gibtsnicht', path.join(dir, 'mappe')], target);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /^lede ingest: no wire source "gibtsnicht"/);
      assert.equal(unknown.stdout, '');
      process.env.LEDE_WIRE_SOURCES = JSON.stringify([{ id: 'afp-env', name: 'AFP (Umgebung)', transport: 'manual' }]);
      try {
        const fromEnv = await run(['--source', 'afp-env', path.join(dir, 'mappe', 'a.json')], target);
        assert.equal(fromEnv.code, 0, fromEnv.stderr);
        assert.deepEqual(fromEnv.lines.map((l) => l.result), ['new'], 'a new item: another source');
      } finally {
        delete process.env.LEDE_WIRE_SOURCES;
      }
      const none = await run([], target);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /name at least one file or folder/);
    });

    test('dpa digitalwires samples from the shared folder each become an item', async (t) => {
      if (!fs.existsSync(DPA)) return t.skip('../shared/conformance/agency/dpa-digitalwires absent');
      const files = fs.readdirSync(DPA).filter((f) => f.endsWith('.json'));
      const r = await run([DPA], target);
      const results = r.lines.map((l) => l.result);
      assert.equal(r.lines.length, files.length, r.stderr);
      assert.ok(results.every((x) => x === 'new' || x === 'version' || x === 'ignored' || x === 'duplicate'), `${JSON.stringify(r.lines.filter((l) => l.result === 'refused'))}`);
      // Each line names the urn its file carries.
      for (const l of r.lines) {
        const urn = (JSON.parse(fs.readFileSync(String(l.file), 'utf8')) as { urn: string }).urn;
        assert.equal(l.guid, urn, String(l.file));
      }
      assert.equal(r.code, 0);
    });
  });
}
