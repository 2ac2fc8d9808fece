/**
 * `lede serve` with LEDE_WORKERS=2 on PostgreSQL, as a real child process:
 * two worker processes answer on one port, a change made through one purges
 * the cached pages of both (over the event relay), the scheduler runs in
 * worker 1 only, a killed worker is replaced, and SIGTERM ends them all.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createServerDatabase, dropServerDatabase, serverSkipReason } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';
import { freePort, serveChild } from '../hardening/serve-child.js';
import { loadConfig } from '../../src/server/config.js';
import { MALLOC_SETTINGS, mallocSettingsFor, workerPoolSize } from '../../src/cli/serve-workers.js';
import { openConfiguredDatabase } from '../../src/cli/open-configured-database.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const skip = serverSkipReason();
const TOKEN = 'workers-test-metrics-token';

interface Answer { status: number; worker: string | undefined; cache: string | undefined; body: string }

/** A GET on a connection of its own: the primary hands each new connection to the next worker in turn. */
function get(base: string, p: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${p}`, { agent: false, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => resolve({
        status: res.statusCode!,
        worker: res.headers['x-lede-worker'] as string | undefined,
        cache: res.headers['x-cache'] as string | undefined,
        body,
      }));
    });
    req.on('error', reject);
  });
}

/** Asks until `done` holds for an answer of every worker (a bounded loop; the limit only stops a broken server). */
async function untilEachWorker(base: string, p: string, workers: string[], done: (a: Answer) => boolean, what: string, headers: Record<string, string> = {}): Promise<Map<string, Answer>> {
  const seen = new Map<string, Answer>();
  let last: Answer | undefined;
  for (let i = 0; i < 2000 && seen.size < workers.length; i++) {
    const a = last = await get(base, p, headers);
    if (a.worker && done(a)) seen.set(a.worker, a);
    if (seen.size < workers.length) await new Promise((r) => setTimeout(r, 10));
  }
  assert.deepEqual([...seen.keys()].sort(), workers, `${what}: workers that answered so (the last answer: ${last?.status} from worker ${last?.worker}, X-Cache ${last?.cache})`);
  return seen;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('lede serve with LEDE_WORKERS=2 on PostgreSQL', { skip }, () => {
  let databaseUrl: string;
  let child: ReturnType<typeof spawn>;
  let out = '';
  let err = '';
  let base: string;
  let exited: Promise<number | null>;
  let pids: number[];
  let login: { email: string; password: string };

  const waitFor = async (stream: () => string, re: RegExp, what: string): Promise<RegExpExecArray> => {
    for (let i = 0; i < 600; i++) {
      const m = re.exec(stream());
      if (m) return m;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${what} within 60 s:\n${out}\n${err}`);
  };

  before(async () => {
    databaseUrl = await createServerDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/run.ts'), 'serve', '--demo'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, LEDE_WORKERS: '2', PORT: String(port), HOST: '127.0.0.1', LEDE_SITE_URL: base, LEDE_METRICS_TOKEN: TOKEN, LEDE_LOG: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    exited = new Promise((r) => child.once('exit', (code) => r(code)));
    const running = await waitFor(() => out, /Lede is running at \S+ \(PostgreSQL at [^;]+; media in [^;]+; ready in \d+ ms; 2 workers, pids (\d+), (\d+)\)/, 'running line');
    pids = [Number(running[1]), Number(running[2])];
    const demo = /newsroom demo account[^:]*: (\S+) \/ (\S+) at/.exec(out);
    assert.ok(demo, `serve --demo printed no demo account: ${out}`);
    login = { email: demo[1]!, password: demo[2]! };
  });

  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      for (const pid of pids ?? []) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    if (databaseUrl) await dropServerDatabase(databaseUrl);
  });

  test('two worker processes answer on the port, each with its own metrics; the scheduler is in worker 1 only', async () => {
    assert.equal(new Set(pids).size, 2);
    assert.ok(!pids.includes(child.pid!), 'the primary serves nothing itself');
    const metrics = await untilEachWorker(base, '/metrics', ['1', '2'], (a) => a.status === 200, '/metrics', { authorization: `Bearer ${TOKEN}` });
    assert.match(metrics.get('1')!.body, /^lede_scheduler_lag_seconds /m);
    assert.doesNotMatch(metrics.get('2')!.body, /^lede_scheduler_lag_seconds /m);
    // One relay node per worker, each listening.
    for (const w of ['1', '2']) assert.match(metrics.get(w)!.body, /^lede_event_relay_listening 1$/m);
  });

  test('the workers start with the malloc settings, the operator\'s own values kept', () => {
    if (process.platform !== 'linux') return; // /proc/<pid>/environ
    for (const pid of pids) {
      const env = Object.fromEntries(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
      const expected = { ...MALLOC_SETTINGS, ...Object.fromEntries(Object.keys(MALLOC_SETTINGS).filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]])) };
      if (/glibc\.malloc\./.test(process.env.GLIBC_TUNABLES ?? '')) for (const k of Object.keys(MALLOC_SETTINGS)) assert.equal(env[k], process.env[k], `worker ${pid}: ${k}`);
      else for (const [k, v] of Object.entries(expected)) assert.equal(env[k], v, `worker ${pid}: ${k}`);
    }
  });

  test('a story published through one worker purges the cached front page in both', async () => {
    const b = new Browser({ request: (url, init) => fetch(url.replace(/^http:\/\/localhost/, base), init) });
    await b.apiLogin(login.email, login.password);
    const headline = `Arbeiter ${Date.now()} teilen sich den Port`;
    const created = await b.json<{ id: string }>('POST', '/newsroom/api/stories', {
      kind: 'article', language: 'de', headline, teaser: 'Zwei Prozesse, ein Cache je Prozess.', authors: [{ name: 'Rita Rad' }],
      section: 'Sachsen-Anhalt', topics: [], related: [], body: [{ type: 'paragraph', content: [{ text: 'Beide hören die Ereignisse.' }] }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    // Both workers hold the front page without the story.
    await untilEachWorker(base, '/', ['1', '2'], (a) => a.status === 200 && a.cache === 'HIT' && !a.body.includes(headline), 'cached front page');
    const published = await b.json('POST', `/newsroom/api/stories/${created.body.id}/transitions`, { to: 'published' }, { 'if-match': '"v1"' });
    assert.equal(published.status, 200, JSON.stringify(published.body));
    // The worker that did not publish heard it over the relay (pages are fresh for 30 s otherwise).
    await untilEachWorker(base, '/', ['1', '2'], (a) => a.status === 200 && a.body.includes(headline), 'front page with the new story');
  });

  test('a scheduled story is published once, by one scheduler', async () => {
    const b = new Browser({ request: (url, init) => fetch(url.replace(/^http:\/\/localhost/, base), init) });
    await b.apiLogin(login.email, login.password);
    const created = await b.json<{ id: string; slug: string }>('POST', '/newsroom/api/stories', {
      kind: 'article', language: 'de', headline: `Geplant ${Date.now()}`, teaser: 'Erscheint gleich.', authors: [{ name: 'Rita Rad' }],
      section: 'Sachsen-Anhalt', topics: [], related: [], body: [{ type: 'paragraph', content: [{ text: 'Gleich.' }] }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000).toISOString();
    const scheduled = await b.json('POST', `/newsroom/api/stories/${created.body.id}/transitions`, { to: 'scheduled', at }, { 'if-match': '"v1"' });
    assert.equal(scheduled.status, 200, JSON.stringify(scheduled.body));
    await waitFor(() => out, new RegExp(`scheduler: published ${created.body.slug}\\n`), 'scheduled publication');
    // Two more passes of the scheduler (every 5 s) would have found nothing left either way; the line is there once.
    assert.equal(out.split(`scheduler: published ${created.body.slug}\n`).length - 1, 1);
  });

  test('a killed worker is replaced in its slot', async () => {
    const [, second] = pids;
    process.kill(second!, 'SIGKILL');
    const back = await waitFor(() => err, /worker 2 is back \(pid (\d+)\)/, 'replacement of worker 2');
    assert.match(err, new RegExp(`worker 2 \\(pid ${second}\\) ended unexpectedly \\(signal SIGKILL\\)`));
    const replacement = Number(back[1]);
    assert.notEqual(replacement, second);
    pids = [pids[0]!, replacement];
    await untilEachWorker(base, '/healthz', ['1', '2'], (a) => a.status === 200, 'health after the replacement');
  });

  test('SIGTERM ends the workers and the primary cleanly', async () => {
    child.kill('SIGTERM');
    assert.equal(await exited, 0, err);
    assert.match(out, /SIGTERM: shutting down\n/);
    for (const pid of pids) assert.equal(alive(pid), false, `worker pid ${pid} still running`);
  });
});

describe('LEDE_WORKERS', () => {
  test('a bad value is named; unset leaves the choice to lede serve', () => {
    for (const bad of ['0', '-1', 'zwei', '2.5', '257']) {
      assert.throws(() => loadConfig({ LEDE_WORKERS: bad }), { message: `LEDE_WORKERS must be a whole number from 1 to 256 (the processes that serve; unset = one per core), got "${bad}"` });
    }
    assert.equal(loadConfig({ LEDE_WORKERS: ' 16 ' }).workers, 16);
    assert.equal(loadConfig({}).workers, undefined);
  });

  test('the embedded database stays one process, with a note when more were asked for', async () => {
    const server = await serveChild({ LEDE_WORKERS: '3', LEDE_LOG: 'off' });
    try {
      assert.match(server.stdout(), /Lede is running at \S+ \(embedded database in [^;]+; media in [^;]+; ready in \d+ ms; 1 worker\)/);
      assert.match(server.stderr(), /^lede serve: LEDE_WORKERS=3 ignored: the embedded database is served by one process \(set DATABASE_URL for PostgreSQL to use more\)$/m);
      const a = await get(server.base, '/healthz');
      assert.equal(a.status, 200);
      assert.equal(a.worker, undefined, 'no worker header from a single process');
    } finally {
      await server.stop();
    }
  });
});

describe('malloc settings for workers', () => {
  test('each setting is added unless the operator set it; GLIBC_TUNABLES with malloc tunables leaves all to the operator', () => {
    assert.deepEqual(mallocSettingsFor({}), { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' });
    assert.deepEqual(mallocSettingsFor({ MALLOC_ARENA_MAX: '4' }), { MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' });
    assert.deepEqual(mallocSettingsFor({ MALLOC_MMAP_THRESHOLD_: '65536', MALLOC_TRIM_THRESHOLD_: '0' }), { MALLOC_ARENA_MAX: '2' });
    assert.deepEqual(mallocSettingsFor({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=1' }), {});
    assert.deepEqual(mallocSettingsFor({ GLIBC_TUNABLES: 'glibc.rtld.optional_static_tls=2048' }), MALLOC_SETTINGS);
  });

  test('npm start runs lede serve with the same settings', () => {
    const start = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
    for (const [k, v] of Object.entries(MALLOC_SETTINGS)) assert.match(start, new RegExp(`(^| )${k}=${v} `), `npm start sets ${k}=${v}`);
  });
});

describe('LEDE_DB_POOL', () => {
  test('workers share PostgreSQL connections so one node of 16 stays within the default max_connections', () => {
    assert.equal(workerPoolSize(1), 10);
    assert.equal(workerPoolSize(2), 10);
    assert.equal(workerPoolSize(16), 4);
    assert.equal(workerPoolSize(256), 4);
    for (const n of [1, 2, 4, 8, 12, 16]) {
      // Each worker: its pool plus the relay's listening connection; PostgreSQL keeps 3 of 100 for superusers.
      assert.ok(n * (workerPoolSize(n) + 1) <= 97, `${n} workers need ${n * (workerPoolSize(n) + 1)} connections`);
    }
  });

  test('is read, checked and sizes the pool of the database lede opens', { skip }, async () => {
    assert.equal(loadConfig({ LEDE_DB_POOL: '3' }).dbPool, 3);
    assert.equal(loadConfig({}).dbPool, undefined);
    for (const bad of ['0', 'viele', '1001']) assert.throws(() => loadConfig({ LEDE_DB_POOL: bad }), /LEDE_DB_POOL/);
    const url = await createServerDatabase();
    const db = await openConfiguredDatabase(loadConfig({ DATABASE_URL: url, LEDE_DB_POOL: '2' }));
    try {
      // Four reads at once on a pool of two: never more than two connections.
      await Promise.all(Array.from({ length: 4 }, () => db.query('SELECT pg_sleep(0.05)')));
      assert.equal((db as unknown as { poolStats(): { total: number } }).poolStats().total, 2);
    } finally {
      await db.close();
      await dropServerDatabase(url);
    }
  });
});
