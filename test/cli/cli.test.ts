/**
 * The `lede` command as a user runs it: real child processes on a real data
 * directory (a clone of the migrated template, so no test pays the 10–15 s
 * a fresh embedded database costs).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cloneEmbeddedDataDir } from '../helpers/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = path.resolve(root, '..', 'shared', 'seed', '000_fca6cdd7775836e7.txt');
const FIXTURES = path.join(root, 'test', 'fixtures', 'page-text');

interface Run { code: number | null; stdout: string; stderr: string }

function lede(args: string[], env: Record<string, string>, opts: { until?: RegExp; input?: string } = {}): Promise<Run> & { stop: () => Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/run.ts'), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (opts.input !== undefined) child.stdin!.end(opts.input);
  let stdout = '';
  let stderr = '';
  const done = new Promise<Run>((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d;
      if (opts.until?.test(stdout)) resolve({ code: null, stdout, stderr });
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return Object.assign(done, {
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  });
}

describe('lede CLI', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-cli-'));
  let dataDir: string;
  let env: Record<string, string>;

  before(async () => {
    dataDir = await cloneEmbeddedDataDir(path.join(tmp, 'data'));
    env = { LEDE_DATA_DIR: dataDir };
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test('every command has --help', async () => {
    for (const cmd of ['serve', 'import', 'story', 'migrate', 'user']) {
      const r = await lede([cmd, '--help'], env);
      assert.equal(r.code, 0, cmd);
      assert.match(r.stdout, new RegExp(`^Usage: lede ${cmd}`), cmd);
    }
    const main = await lede(['--help'], env);
    assert.equal(main.code, 0);
    assert.match(main.stdout, /Commands:/);
    const unknown = await lede(['publish'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "publish"/);
    const badOption = await lede(['import', '--sektion', 'x', 'a.txt'], env);
    assert.equal(badOption.code, 1);
    assert.match(badOption.stderr, /Unknown option '--sektion'/);
  });

  test('import prints a JSON line per story; failures name the file; exit code 1', async () => {
    const empty = path.join(tmp, 'empty.txt');
    writeFileSync(empty, '');
    const binary = path.join(tmp, 'image.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]));
    const good = path.join(tmp, 'meldung.txt');
    writeFileSync(good, 'Sachsen\nNeue Brücke über die Mulde eröffnet\n\nNach zwei Jahren Bauzeit ist die neue Brücke in Grimma für den Verkehr freigegeben worden.\n\nDie Stadt feierte mit einem Fest.\n');
    const files = [good, empty, path.join(tmp, 'fehlt.txt'), binary];
    if (existsSync(SEED)) files.unshift(SEED);
    const r = await lede(['import', ...files], env);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    assert.equal(lines.length, existsSync(SEED) ? 2 : 1);
    for (const l of lines) {
      assert.match(l.id!, /^[0-9a-f-]{36}$/);
      assert.match(l.url!, new RegExp(`^/[a-z0-9-]+/${l.slug}$`));
    }
    if (existsSync(SEED)) assert.equal(lines[0]!.url, '/politik/blinken-und-lawrow-wollen-diplomatische-bemuehungen-fortsetzen');
    assert.match(r.stderr, new RegExp(`${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*empty`, 'i'));
    assert.match(r.stderr, /fehlt\.txt: no such file/);
    assert.match(r.stderr, /image\.txt: .*binary/i);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack traces');

    // The stored story comes back as JSON in the documented shape.
    const slug = lines[lines.length - 1]!.slug!;
    const shown = await lede(['story', slug, '--json'], env);
    assert.equal(shown.code, 0, shown.stderr);
    const story = JSON.parse(shown.stdout) as Record<string, unknown>;
    assert.equal(story.slug, slug);
    assert.equal(story.headline, 'Neue Brücke über die Mulde eröffnet');
    assert.equal(story.status, 'published');
    assert.ok(Array.isArray(story.body));
    const human = await lede(['story', lines[lines.length - 1]!.id!], env);
    assert.match(human.stdout, /Neue Brücke über die Mulde eröffnet/);
    const missing = await lede(['story', 'gibt-es-nicht'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no story with id or slug "gibt-es-nicht"/);
  });

  test('story actions publish, schedule and depublish; bad times are refused before anything changes', async () => {
    const page = path.join(tmp, 'aktion.txt');
    writeFileSync(page, 'Kultur\nStadtbibliothek verlängert Öffnungszeiten\n\nAb Dezember hat die Stadtbibliothek auch sonntags geöffnet.\n');
    const imported = await lede(['import', '--draft', page], env);
    assert.equal(imported.code, 0, imported.stderr);
    const { slug } = JSON.parse(imported.stdout.trim()) as { slug: string };
    const status = async () => (JSON.parse((await lede(['story', slug, '--json'], env)).stdout) as { status: string; scheduledPublishAt?: string });

    const bad = await lede(['story', slug, '--schedule', 'morgen früh'], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--schedule: "morgen früh" is not a time/);
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
    assert.equal((await status()).status, 'draft', 'a refused action changes nothing');

    const two = await lede(['story', slug, '--publish', '--depublish'], env);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /one action at a time/);

    const scheduled = await lede(['story', slug, '--schedule', '2031-03-01 18:30'], env);
    assert.equal(scheduled.code, 0, scheduled.stderr);
    assert.match(scheduled.stdout, /status: scheduled/);
    assert.match(scheduled.stdout, /scheduled: 1\. März 2031 \| 18:30 Uhr/);
    assert.equal((await status()).scheduledPublishAt, '2031-03-01T18:30:00+01:00');

    assert.match((await lede(['story', slug, '--publish'], env)).stdout, /status: published/);
    const down = await lede(['story', slug, '--depublish'], env);
    assert.equal(down.code, 0, down.stderr);
    assert.match(down.stdout, /status: depublished/);
    assert.equal((await status()).status, 'depublished');
  });

  test('import of the fixture collection succeeds file by file', async (t) => {
    if (!existsSync(FIXTURES)) return t.skip('no page-text fixtures');
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).map((f) => path.join(FIXTURES, f));
    const r = await lede(['import', '--draft', ...files], env);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; status: string; slug: string });
    assert.deepEqual(lines.map((l) => l.file), files);
    assert.ok(lines.every((l) => l.status === 'draft'));
    assert.equal(new Set(lines.map((l) => l.slug)).size, files.length, 'every story gets its own slug');
  });

  test('a second process on the same data directory stops at once and names the holder', async () => {
    const port = String(30000 + Math.floor(Math.random() * 20000));
    const server = lede(['serve'], { ...env, PORT: port, HOST: '127.0.0.1' }, { until: /Lede is running/ });
    const first = await server;
    assert.match(first.stdout, /Lede is running at http:\/\/localhost:\d+ \(embedded database in [^;]+; media in [^;]+media; ready in /);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(res.status, 200);
      const second = await lede(['import', path.join(tmp, 'any.txt')], env);
      assert.equal(second.code, 1);
      assert.match(second.stderr, new RegExp(`${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.* in use by process \\d+`));
    } finally {
      await server.stop();
    }
  });

  test('serve --demo on a fresh data directory makes one newsroom account and prints its login once', async () => {
    const fresh = await cloneEmbeddedDataDir(path.join(tmp, 'demo-data'));
    const port = String(30000 + Math.floor(Math.random() * 20000));
    const demoEnv = { LEDE_DATA_DIR: fresh, PORT: port, HOST: '127.0.0.1' };
    const first = lede(['serve', '--demo'], demoEnv, { until: /Lede is running/ });
    const out = await first;
    let login: RegExpExecArray | null;
    try {
      assert.match(out.stdout, /loaded \d+ demo stories/);
      login = /newsroom demo account \(shown once; lede user add makes others\): (\S+) \/ (\S+) at http:\/\/localhost:\d+\/newsroom/.exec(out.stdout);
      assert.ok(login, out.stdout);
      const res = await fetch(`http://127.0.0.1:${port}/newsroom/api/login`, { method: 'POST', body: JSON.stringify({ email: login[1], password: login[2] }), headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { user: { role: string } }).user.role, 'admin');
    } finally {
      await first.stop();
    }
    const second = lede(['serve', '--demo'], demoEnv, { until: /Lede is running/ });
    try {
      const again = await second;
      assert.doesNotMatch(again.stdout, /demo account|demo stories/, 'nothing is added twice, no password printed again');
    } finally {
      await second.stop();
    }
    const users = await lede(['user', 'list'], { LEDE_DATA_DIR: fresh });
    assert.equal(users.stdout.trim().split('\n').length, 1);
  });

  test('a running server publishes a scheduled story when its time comes', async () => {
    const page = path.join(tmp, 'termin.txt');
    writeFileSync(page, 'Welt\nRaumsonde erreicht den Jupiter\n\nNach sechs Jahren Flug ist die Sonde am Ziel angekommen.\n');
    const imported = await lede(['import', '--draft', page], env);
    const { slug, url } = JSON.parse(imported.stdout.trim()) as { slug: string; url: string };
    const at = new Date(Date.now() + 1500).toISOString();
    assert.equal((await lede(['story', slug, '--schedule', at], env)).code, 0);
    const port = String(30000 + Math.floor(Math.random() * 20000));
    const server = lede(['serve'], { ...env, PORT: port }, { until: new RegExp(`scheduler: published ${slug}`) });
    try {
      const out = await Promise.race([server, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the scheduler did not publish within 30 s')), 30_000))]);
      assert.match(out.stdout, new RegExp(`scheduler: published ${slug}`));
      assert.equal((await fetch(`http://127.0.0.1:${port}${url}`)).status, 200);
    } finally {
      await server.stop();
    }
  });

  test('lede user add creates the first admin from a password on stdin; mistakes are named', async () => {
    const noRole = await lede(['user', 'add', 'chefin@example.org'], env, { input: 'ein-langes-passwort\n' });
    assert.equal(noRole.code, 2);
    assert.match(noRole.stderr, /--role must be one of contributor, author, editor, admin/);
    const short = await lede(['user', 'add', '--role', 'admin', 'chefin@example.org'], env, { input: 'kurz\n' });
    assert.equal(short.code, 1);
    assert.match(short.stderr, /at least 10 characters/);
    const ok = await lede(['user', 'add', '--role', 'admin', 'chefin@example.org'], env, { input: 'ein-langes-passwort\n' });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^created admin chefin@example\.org \([0-9a-f-]{36}\)$/m);
    const dup = await lede(['user', 'add', '--role', 'editor', 'Chefin@example.org'], env, { input: 'ein-langes-passwort\n' });
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /already exists/);
    assert.doesNotMatch(dup.stderr, /\n\s+at /);
    const list = await lede(['user', 'list'], env);
    assert.match(list.stdout, /^chefin@example\.org\tadmin\tchefin$/m);
  });

  test('bad configuration stops with one line naming the variable', async () => {
    const r = await lede(['serve'], { ...env, PORT: 'achtzig' });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), 'lede serve: PORT must be a whole number from 1 to 65535, got "achtzig"');
    const u = await lede(['migrate'], { ...env, DATABASE_URL: 'mysql://x' });
    assert.equal(u.code, 1);
    assert.match(u.stderr, /DATABASE_URL must start with postgres:\/\//);
    const s3 = await lede(['serve'], { ...env, LEDE_MEDIA_STORAGE: 's3', LEDE_S3_ENDPOINT: 'http://minio.internal:9000' });
    assert.equal(s3.code, 1);
    assert.equal(s3.stderr.trim(), 'lede serve: LEDE_MEDIA_STORAGE=s3 needs LEDE_S3_BUCKET, LEDE_S3_ACCESS_KEY_ID, LEDE_S3_SECRET_ACCESS_KEY');
  });

  test('migrate reports an up-to-date database', async () => {
    const r = await lede(['migrate'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /up to date|applied/);
  });
});
