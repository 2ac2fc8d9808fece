/**
 * Cold start (issue 11, goal 7): with 100,000 stories in the database, the
 * time from spawning `lede serve` to its first 200 answer to /healthz, then
 * to the front page and then to an article (each counted from the spawn; the
 * pages uncached, as after any start). PGlite, and PostgreSQL with
 * LEDE_WORKERS=1 and with the default (one worker per core). Each figure is
 * the median of BENCH_COLD_RUNS starts (default 3). Prints figures; never
 * passes or fails.
 *
 * Runs the compiled CLI (bin/lede.js), as `npm start` does: `npm run bench`
 * builds it first; by hand, run `npm run build` before.
 *
 * Knobs: BENCH_COLD_STORIES (default 100000), BENCH_COLD_RUNS (3),
 * BENCH_ENGINES (pglite, postgresql).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../src/store/index.js';
import { onEachEngine } from './each-engine.js';
import { fastFill } from './search-archive.js';
import { freePort } from './processes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STORIES = Number(process.env.BENCH_COLD_STORIES ?? 100_000);
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);

interface Start { healthz: number; front: number; article: number; ready: number | undefined }

/** GET until the server answers (connection refused while it is not listening yet); the status. */
async function firstAnswer(url: string, deadline: number): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return res.status;
    } catch {
      if (performance.now() > deadline) throw new Error(`no answer from ${url}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}

/** Spawns `lede serve` and times its first 200s: /healthz, then the front page, then `article`. */
async function coldStart(env: Record<string, string>, article: string): Promise<Start> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/lede.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', LEDE_LOG: 'off', ...env, PORT: String(port), HOST: '127.0.0.1', LEDE_SITE_URL: base },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let ready: number | undefined;
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    if (ready === undefined && d.toString().includes('Lede is running')) ready = performance.now() - t0;
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    const deadline = t0 + 120_000;
    const at = async (p: string) => {
      for (;;) {
        if (child.exitCode !== null) throw new Error(`lede serve exited with ${child.exitCode}: ${stderr}`);
        const status = await firstAnswer(`${base}${p}`, deadline);
        if (status === 200) return performance.now() - t0;
        if (performance.now() > deadline) throw new Error(`${p} answered ${status}`);
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    const healthz = await at('/healthz');
    const front = await at('/');
    const art = await at(article);
    return { healthz, front, article: art, ready };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

async function report(label: string, env: Record<string, string>, article: string): Promise<void> {
  const runs: Start[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldStart(env, article));
  const m = (k: keyof Start) => median(runs.map((r) => r[k] ?? NaN)).toFixed(0);
  console.log(`cold start ${label}, ${STORIES} stories: /healthz ${m('healthz')} ms, front page ${m('front')} ms, article ${m('article')} ms`
    // With several workers the line comes when all are up, which may be after the article answered.
    + ` (median of ${RUNS}; ${runs.every((r) => r.ready !== undefined) ? `"Lede is running" printed at ${m('ready')} ms` : '"Lede is running" came after the article (all workers up)'}; each from the spawn)`);
}

/** Fills `db` and returns the path of one of its articles. */
async function fill(db: Database): Promise<string> {
  const t0 = performance.now();
  await fastFill(db, STORIES);
  console.log(`(${db.engine}: filled ${STORIES} stories in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const [row] = await db.query<{ section_slug: string; slug: string }>('SELECT section_slug, slug FROM stories ORDER BY first_published_at DESC LIMIT 1 OFFSET 500');
  return `/${row!.section_slug}/${row!.slug}`;
}

if (!existsSync(path.join(root, 'dist/cli/run.js'))) {
  console.log('cold start: skipped (no dist/; run "npm run build" first)');
  process.exit(0);
}
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-cold-'));
try {
  // The fill runs statements far longer than a serving deadline (2 s).
  const long = { readTimeoutMs: 600_000, writeTimeoutMs: 600_000 };
  await onEachEngine(tmp, { checkpointIntervalMs: 0 }, async (engine, open) => {
    const db = await open();
    let article: string;
    try {
      article = await fill(db);
    } finally {
      await db.close(); // lede serve opens it (PGlite: one process per data directory)
    }
    if (db.engine === 'pglite') {
      await report(engine, { LEDE_DATA_DIR: db.location }, article);
      return;
    }
    const env = { DATABASE_URL: db.location, LEDE_DATA_DIR: path.join(tmp, 'pg-media') };
    await report(`${engine}, LEDE_WORKERS=1`, { ...env, LEDE_WORKERS: '1' }, article);
    await report(`${engine}, default workers (${os.availableParallelism()})`, env, article);
  }, long);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
