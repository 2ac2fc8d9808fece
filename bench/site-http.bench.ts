/**
 * Reader site over HTTP (issues "The reader site" and "Speed"): requests/s and
 * latency of one article page under load from autocannon on loopback,
 *  - cached: the app as `lede serve` runs it, page cache warm, asked for the
 *    plain page, for gzip (`Accept-Encoding: gzip`) and as a browser asks
 *    (`gzip, br`: the cache sends the brotli body it compressed once);
 *  - uncached: every request renders from the database;
 * on PGlite and on a throwaway PostgreSQL. Beside the cached app, nginx (one
 * worker, like one Node process) serves the same bytes as static files: the
 * page as index.html and Lede's own gzip body as index.html.gz with
 * `gzip_static on`, so "gzip" against "gzip_static" compares the same bytes on
 * the wire. The two servers are up together and their runs alternate, so a
 * neighbour's load on the machine touches both alike; "vs nginx" divides by
 * nginx's figure for the same coding and connections (brotli by gzip_static:
 * nginx-light has no brotli). Skipped with one line without nginx.
 * Prints figures; never passes or fails.
 *
 *   BENCH_HTTP_CONNECTIONS (10,100)  comma-separated; uncached runs at the first
 *   BENCH_HTTP_DURATION seconds per run (5)  BENCH_HTTP_ROUNDS (3): cached rows are
 *   the median of that many alternating runs  BENCH_HTTP_MODES (cached,uncached)
 *   BENCH_HTTP_ARCHIVE extra published stories beside the demo content (1000)
 *   BENCH_ENGINES (pglite,postgresql)  BENCH_NGINX (/usr/sbin/nginx)
 */
// @ts-expect-error autocannon ships no types; the little used here is typed below
import autocannonUntyped from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { slugify } from '../src/content/index.js';
import { loadDemoContent } from '../src/services/demo/load-demo.js';
import { StoryRepository, type Database } from '../src/store/index.js';
import { bulkStories } from './bulk-stories.js';
import { onEachEngine } from './each-engine.js';
import { freePort, stopChild, waitForLine } from './processes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONNECTIONS = (process.env.BENCH_HTTP_CONNECTIONS ?? '10,100').split(',').map(Number).filter((n) => n > 0);
const MODES = (process.env.BENCH_HTTP_MODES ?? 'cached,uncached').split(',');
const DURATION = Number(process.env.BENCH_HTTP_DURATION ?? 5);
const ROUNDS = Math.max(1, Number(process.env.BENCH_HTTP_ROUNDS ?? 3));
const ARCHIVE = Number(process.env.BENCH_HTTP_ARCHIVE ?? 1000);
/** Debian's nginx; BENCH_NGINX points elsewhere. */
const NGINX = process.env.BENCH_NGINX || '/usr/sbin/nginx';
/** The demo story most like the seed: kicker, lead image, authors, list, graphic, quote, broadcast line. */
const ARTICLE_HEADLINE = 'Haushalt für 2027 mit knapper Mehrheit beschlossen';

/** The part of autocannon's result this benchmark reads (latencies in ms). */
interface LoadResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Run = PromiseLike<LoadResult> & {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
const autocannon = autocannonUntyped as (opts: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Run;

interface Row {
  variant: string;
  engine: string;
  connections: number;
  /** What the client asked for: the nginx row with the same coding and connections is the yardstick. */
  coding: Coding;
  rps: number;
  bytes: number;
  p50: number;
  p99: number;
  note: string;
}

interface Measured {
  result: LoadResult;
  /** Latency of every 200 response in ms, sorted (autocannon's own histogram rounds to whole ms). */
  times: number[];
  /** Mean bytes on the wire per 200 response, headers included. */
  bytes: number;
}

/** Loads `url` for `seconds`; a short unmeasured run first warms JIT and caches. */
async function load(url: string, connections: number, seconds: number, headers?: Record<string, string>): Promise<Measured> {
  await autocannon({ url, connections, duration: 1, headers });
  const times: number[] = [];
  let bytes = 0;
  const run = autocannon({ url, connections, duration: seconds, headers });
  run.on('response', (_client, status, size, ms) => {
    if (status === 200) {
      times.push(ms);
      bytes += size;
    }
  });
  const result = await run;
  return { result, times: times.sort((a, b) => a - b), bytes: times.length ? bytes / times.length : NaN };
}

type Coding = 'identity' | 'gzip' | 'br';
/** The request headers per coding; "br" is what a browser sends (the cache answers brotli, compressed once when stored). */
const ASK: Record<Coding, Record<string, string> | undefined> = {
  identity: undefined,
  gzip: { 'accept-encoding': 'gzip' },
  br: { 'accept-encoding': 'gzip, br' },
};

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

function row(variant: string, engine: string, connections: number, coding: Coding, { result: r, times, bytes }: Measured): Row {
  const bad = [r.non2xx && `${r.non2xx} non-2xx`, r.errors && `${r.errors} errors`, r.timeouts && `${r.timeouts} timeouts`].filter(Boolean);
  return { variant, engine, connections, coding, rps: r.requests.average, bytes, p50: pct(times, 50), p99: pct(times, 99), note: bad.join(', ') };
}

async function startSite(mode: 'cached' | 'uncached', env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'site-server.ts'), mode], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await waitForLine(child, /^\{"port":\d+\}$/m, 'site server', 120_000);
  return { child, origin: `http://127.0.0.1:${JSON.parse(line).port}` };
}

/** The article as Lede sends it, plain and gzipped: nginx serves exactly these bytes. */
interface SavedPage { html: Buffer; gzip: Buffer; urlPath: string }

async function savePage(origin: string, urlPath: string): Promise<SavedPage> {
  const plain = await fetch(origin + urlPath);
  if (plain.status !== 200) throw new Error(`${urlPath} → ${plain.status}`);
  const html = Buffer.from(await plain.arrayBuffer());
  // Node's fetch would unpack the gzip body: ask through http for the raw bytes.
  const { request } = await import('node:http');
  const gzip = await new Promise<Buffer>((resolve, reject) => {
    request(origin + urlPath, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.headers['content-encoding'] === 'gzip' ? resolve(Buffer.concat(chunks)) : reject(new Error('the cache sent no gzip body'))));
    }).on('error', reject).end();
  });
  return { html, gzip, urlPath };
}

async function engineBench(engine: string, env: NodeJS.ProcessEnv, articlePath: string, tmp: string, rows: Row[]): Promise<void> {
  for (const mode of ['cached', 'uncached'] as const) {
    if (!MODES.includes(mode)) continue;
    const site = await startSite(mode, env);
    let nginx: Nginx | undefined;
    try {
      const lede = site.origin + articlePath;
      if (mode === 'uncached') {
        rows.push(row(mode, engine, CONNECTIONS[0]!, 'identity', await load(lede, CONNECTIONS[0]!, DURATION * 2)));
        continue;
      }
      await fetch(lede); // stored now (and compressed) before the page is saved for nginx
      nginx = await startNginx(path.join(tmp, `nginx-${engine}`), await savePage(site.origin, articlePath));
      for (const connections of CONNECTIONS) {
        // Rounds of alternating runs, the median kept: on a shared 2-core machine one run against the next drifts by a third.
        const runs = new Map<string, { row: (m: Measured) => Row; measured: Measured[] }>();
        const measure = async (key: string, url: string, coding: Coding, make: (m: Measured) => Row) => {
          const entry = runs.get(key) ?? { row: make, measured: [] };
          runs.set(key, entry);
          entry.measured.push(await load(url, connections, DURATION, ASK[coding]));
        };
        for (let round = 0; round < ROUNDS; round++) {
          for (const coding of ['identity', 'gzip', 'br'] as const) {
            const label = coding === 'identity' ? 'cached' : `cached, ${coding === 'br' ? 'gzip/br' : 'gzip'}`;
            await measure(`lede ${coding}`, lede, coding, (m) => row(label, engine, connections, coding, m));
            if (nginx && coding !== 'br') {
              await measure(`nginx ${coding}`, nginx.url, coding, (m) => row(coding === 'gzip' ? 'gzip_static' : 'static file', `nginx (${engine} page)`, connections, coding, m));
            }
          }
        }
        for (const { row: make, measured } of runs.values()) {
          const sorted = [...measured].sort((a, b) => a.result.requests.average - b.result.requests.average);
          rows.push(make(sorted[Math.floor(sorted.length / 2)]!));
        }
      }
    } finally {
      await stopChild(site.child);
      if (nginx) await stopChild(nginx.child, 'SIGQUIT'); // graceful stop
    }
    console.log(`  ${engine} ${mode}: done`);
  }
}

/** Fills a database with the demo stories and the archive; returns the article's path. */
async function fill(db: Database): Promise<string> {
  await loadDemoContent(db);
  if (ARCHIVE > 0) await bulkStories(db, ARCHIVE);
  const story = await new StoryRepository(db).getBySlug(slugify(ARTICLE_HEADLINE));
  if (!story) throw new Error(`demo story "${ARTICLE_HEADLINE}" not found`);
  return `/${slugify(story.section)}/${story.slug}`;
}

interface Nginx { child: ChildProcess; url: string }

/** The saved page as static files behind nginx (one worker, like one Node process), in its own temp dir; undefined without nginx. */
async function startNginx(dir: string, page: SavedPage): Promise<Nginx | undefined> {
  if (!existsSync(NGINX)) {
    console.log('nginx not found, skipping its rows (apt-get install nginx-light)');
    return undefined;
  }
  const www = path.join(dir, 'www');
  const file = path.join(www, ...page.urlPath.split('/').filter(Boolean), 'index.html');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, page.html);
  writeFileSync(`${file}.gz`, page.gzip);
  // Workers drop to an unprivileged user when we are root: they must be able to read the files.
  for (let d = path.dirname(file); d.startsWith(path.dirname(dir)); d = path.dirname(d)) chmodSync(d, 0o755);
  const port = await freePort();
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, `${name}-temp`)};`;
  writeFileSync(path.join(dir, 'nginx.conf'), `daemon off;
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  types { text/html html; }
  default_type application/octet-stream;
  charset utf-8;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  gzip_static on;
  gzip_vary on;
  server {
    listen 127.0.0.1:${port};
    root ${www};
    location / { try_files $uri $uri/index.html =404; }
  }
}
`);
  const args = ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf')];
  const test = spawnSync(NGINX, [...args, '-t'], { encoding: 'utf8' });
  if (test.status !== 0) {
    console.log(`nginx: configuration refused, skipping:\n${test.stderr}`);
    return undefined;
  }
  const child = spawn(NGINX, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}${page.urlPath}`;
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(url);
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status === 200 && body.equals(page.html)) return { child, url };
      throw new Error(`nginx answered ${res.status}`);
    } catch (err) {
      if (i > 100 || child.exitCode !== null) {
        await stopChild(child);
        throw new Error(`nginx did not serve the page: ${err instanceof Error ? err.message : err}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function printTable(rows: Row[]): void {
  console.log('\n"gzip" asks with Accept-Encoding: gzip, "gzip/br" with gzip, br; vs nginx: the same coding and connections from nginx (brotli against gzip_static)');
  const yardstick = (r: Row) => rows.find((n) => n.engine === `nginx (${r.engine} page)` && n.connections === r.connections && n.coding === (r.coding === 'br' ? 'gzip' : r.coding));
  const head = ['variant', 'engine', 'conns', 'req/s', 'bytes/resp', 'p50 ms', 'p99 ms', 'vs nginx'];
  const cells = rows.map((r) => {
    const n = r.engine.startsWith('nginx') ? undefined : yardstick(r);
    return [r.variant, r.engine, String(r.connections), r.rps.toFixed(0), r.bytes.toFixed(0), r.p50.toFixed(2), r.p99.toFixed(2), n ? `${(r.rps / n.rps).toFixed(3)}×` : '–'];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const fmt = (c: string[]) => c.map((x, i) => (i < 2 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  console.log(fmt(head));
  for (const [i, c] of cells.entries()) console.log(`${fmt(c)}${rows[i]!.note ? `  (${rows[i]!.note})` : ''}`);
}

const rows: Row[] = [];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-http-'));
console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at start (other work on the machine colours the figures)`);
console.log(`article page, ${CONNECTIONS.join(' and ')} connections, ${DURATION} s per run (after 1 s warm-up), cached rows the median of ${ROUNDS} alternating runs, demo stories + ${ARCHIVE} archive stories`);
try {
  await onEachEngine(tmp, { checkpointIntervalMs: 0 }, async (engine, open) => {
    const db = await open();
    let articlePath: string;
    let env: NodeJS.ProcessEnv;
    try {
      articlePath = await fill(db);
      // The throwaway cluster trusts local connections, so its location (password-free URL) is enough to connect.
      env = db.engine === 'pglite' ? { BENCH_DATA_DIR: db.location, BENCH_DATABASE_URL: '' } : { BENCH_DATABASE_URL: db.location };
    } finally {
      await db.close(); // the server process opens it (PGlite: one process per data directory)
    }
    await engineBench(engine, env, articlePath, tmp, rows);
  });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
printTable(rows);
