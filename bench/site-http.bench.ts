/**
 * Reader site over HTTP (issue "The reader site"): requests/s and latency of
 * one article page under load from autocannon on loopback,
 *  - cached: the app as `lede serve` runs it, page cache warm;
 *  - cached, gzip/br: the same with `Accept-Encoding: gzip, br` (the cache
 *    sends the brotli body it compressed once when it stored the page);
 *  - uncached: every request renders from the database;
 * on PGlite and on a throwaway PostgreSQL, and the same page saved as a static
 * file behind nginx as the yardstick (skipped with one line without nginx).
 * Every variant gets the same connections and duration. Prints figures; never
 * passes or fails.
 *
 *   BENCH_HTTP_CONNECTIONS (10)  BENCH_HTTP_DURATION seconds (10)
 *   BENCH_HTTP_ARCHIVE extra published stories beside the demo content (1000)
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
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_HTTP_DURATION ?? 10);
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
async function load(url: string, seconds: number, headers?: Record<string, string>): Promise<Measured> {
  await autocannon({ url, connections: CONNECTIONS, duration: 1, headers });
  const times: number[] = [];
  let bytes = 0;
  const run = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  run.on('response', (_client, status, size, ms) => {
    if (status === 200) {
      times.push(ms);
      bytes += size;
    }
  });
  const result = await run;
  return { result, times: times.sort((a, b) => a - b), bytes: times.length ? bytes / times.length : NaN };
}

/** What a browser sends: the cache answers brotli, compressed once when the page was stored. */
const COMPRESSED = { 'accept-encoding': 'gzip, br' };

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

function row(variant: string, engine: string, { result: r, times, bytes }: Measured): Row {
  const bad = [r.non2xx && `${r.non2xx} non-2xx`, r.errors && `${r.errors} errors`, r.timeouts && `${r.timeouts} timeouts`].filter(Boolean);
  return { variant, engine, rps: r.requests.average, bytes, p50: pct(times, 50), p99: pct(times, 99), note: bad.join(', ') };
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

let savedPage: { html: string; urlPath: string } | undefined;

async function engineBench(engine: string, env: NodeJS.ProcessEnv, articlePath: string, rows: Row[]): Promise<void> {
  for (const mode of ['cached', 'uncached'] as const) {
    const site = await startSite(mode, env);
    try {
      const res = await fetch(site.origin + articlePath);
      const html = await res.text();
      if (res.status !== 200) throw new Error(`${articlePath} → ${res.status}`);
      savedPage ??= { html, urlPath: articlePath };
      rows.push(row(mode, engine, await load(site.origin + articlePath, DURATION)));
      if (mode === 'cached') rows.push(row('cached, gzip/br', engine, await load(site.origin + articlePath, DURATION, COMPRESSED)));
      console.log(`  ${engine} ${mode}: done`);
    } finally {
      await stopChild(site.child);
    }
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

/** The saved page as a static file behind nginx (one worker, like one Node process), in its own temp dir. */
async function nginxBench(tmp: string, rows: Row[]): Promise<void> {
  if (!existsSync(NGINX)) {
    console.log('nginx not found, skipping (apt-get install nginx-light)');
    return;
  }
  if (!savedPage) return;
  const dir = path.join(tmp, 'nginx');
  const www = path.join(dir, 'www');
  const file = path.join(www, ...savedPage.urlPath.split('/').filter(Boolean), 'index.html');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, savedPage.html);
  // Workers drop to an unprivileged user when we are root: they must be able to read the files.
  for (let d = path.dirname(file); d.startsWith(tmp); d = path.dirname(d)) chmodSync(d, 0o755);
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
  server {
    listen 127.0.0.1:${port};
    root ${www};
    location / { try_files $uri $uri/index.html =404; }
  }
}
`);
  const test = spawnSync(NGINX, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf'), '-t'], { encoding: 'utf8' });
  if (test.status !== 0) {
    console.log(`nginx: configuration refused, skipping:\n${test.stderr}`);
    return;
  }
  const child = spawn(NGINX, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    const url = `http://127.0.0.1:${port}${savedPage.urlPath}`;
    for (let i = 0; ; i++) {
      try {
        const res = await fetch(url);
        const body = await res.text();
        if (res.status === 200 && body === savedPage.html) break;
        throw new Error(`nginx answered ${res.status}`);
      } catch (err) {
        if (i > 100 || child.exitCode !== null) throw new Error(`nginx did not serve the page: ${err instanceof Error ? err.message : err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    rows.push(row('static file', 'nginx', await load(url, DURATION)));
  } finally {
    await stopChild(child, 'SIGQUIT'); // graceful stop
  }
}

function printTable(rows: Row[]): void {
  if (savedPage) console.log(`\n${savedPage.urlPath}: ${(Buffer.byteLength(savedPage.html) / 1024).toFixed(1)} KiB of HTML, uncompressed, in the plain variants; "gzip/br" asks with Accept-Encoding: gzip, br`);
  const nginx = rows.find((r) => r.engine === 'nginx');
  const head = ['variant', 'engine', 'req/s', 'bytes/resp', 'p50 ms', 'p99 ms', 'vs nginx'];
  const cells = rows.map((r) => [
    r.variant, r.engine, r.rps.toFixed(0), r.bytes.toFixed(0), r.p50.toFixed(2), r.p99.toFixed(2),
    nginx ? `${(r.rps / nginx.rps).toFixed(3)}×` : '–',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const fmt = (c: string[]) => c.map((x, i) => (i < 2 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  console.log(fmt(head));
  for (const [i, c] of cells.entries()) console.log(`${fmt(c)}${rows[i]!.note ? `  (${rows[i]!.note})` : ''}`);
}

const rows: Row[] = [];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-http-'));
console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at start (other work on the machine colours the figures)`);
console.log(`article page, ${CONNECTIONS} connections, ${DURATION} s per variant (after 1 s warm-up), demo stories + ${ARCHIVE} archive stories`);
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
    await engineBench(engine, env, articlePath, rows);
  });
  await nginxBench(tmp, rows);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
printTable(rows);
