/**
 * Foundation benchmarks (issue "The seed story, end to end"):
 *  - page-text import throughput (stories/s) on PGlite and PostgreSQL, in batches as
 *    `lede import` stores them and one by one for comparison;
 *  - article page render time, uncached, p50/p99, on both engines;
 *  - start-up time of `lede serve` on an empty and on a 10,000-story data directory.
 * Prints figures; never passes or fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { slugify } from '../src/content/index.js';
import { importPageText } from '../src/ingest/index.js';
import { importSources } from '../src/cli/import-command.js';
import { CREATE_BATCH, StoryService } from '../src/services/story-service.js';
import { createApp } from '../src/server/app.js';
import { openDatabase, StoryRepository, type Database } from '../src/store/index.js';
import { bulkStories } from './bulk-stories.js';
import { onEachEngine } from './each-engine.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const IMPORTS = Number(process.env.BENCH_IMPORTS ?? 300);
const RENDERS = Number(process.env.BENCH_RENDERS ?? 400);
const STARTUP_STORIES = Number(process.env.BENCH_STARTUP_STORIES ?? 10000);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function pageTexts(): string[] {
  const texts: string[] = [];
  const seed = path.resolve(root, '..', 'shared', 'seed', '000_fca6cdd7775836e7.txt');
  if (existsSync(seed)) texts.push(readFileSync(seed, 'utf8'));
  const dir = path.join(root, 'test', 'fixtures', 'page-text');
  if (existsSync(dir)) for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) texts.push(readFileSync(path.join(dir, f), 'utf8'));
  return texts;
}

async function importThroughput(db: Database, label: string): Promise<string[]> {
  const texts = pageTexts();
  const service = new StoryService(db);
  // The batch path, as `lede import` runs it (read, parse, createMany per batch); first, so it gets no warm-up from the other row.
  const slugs: string[] = [];
  let failed = 0;
  const sources = Array.from({ length: IMPORTS }, (_, i) => ({ name: `bench-${i}`, read: async () => texts[i % texts.length]! }));
  let t0 = performance.now();
  await importSources(service, sources, { status: 'published' }, (_source, outcome) => {
    if (outcome.ok) slugs.push(outcome.story.slug);
    else failed++;
  });
  let s = (performance.now() - t0) / 1000;
  console.log(`import ${label}: ${IMPORTS} page texts (${texts.length} distinct) in ${s.toFixed(2)} s = ${(IMPORTS / s).toFixed(1)} stories/s, batches of ${CREATE_BATCH}${failed ? ` (${failed} refused)` : ''}`);
  // The one-by-one path (StoryService.create per story), for comparison.
  failed = 0;
  t0 = performance.now();
  for (let i = 0; i < IMPORTS; i++) {
    try {
      const { draft } = importPageText(texts[i % texts.length]!, { source: `bench-single-${i}` });
      await service.create(draft, { status: 'published' });
    } catch {
      failed++;
    }
  }
  s = (performance.now() - t0) / 1000;
  console.log(`import ${label}, one by one: ${IMPORTS} page texts in ${s.toFixed(2)} s = ${(IMPORTS / s).toFixed(1)} stories/s${failed ? ` (${failed} refused)` : ''}`);
  return slugs;
}

async function renderTimes(db: Database, slugs: string[], label: string): Promise<void> {
  const app = createApp(db, { siteName: 'Bench', siteUrl: 'http://localhost' });
  const repo = new StoryRepository(db);
  const paths: string[] = [];
  for (const slug of slugs.slice(0, 50)) {
    const s = await repo.getBySlug(slug);
    if (s) paths.push(`/${slugify(s.section)}/${s.slug}`);
  }
  for (let i = 0; i < 20; i++) await (await app.request(paths[i % paths.length]!)).text(); // warm-up (JIT), not counted
  const times: number[] = [];
  for (let i = 0; i < RENDERS; i++) {
    const t0 = performance.now();
    const res = await app.request(paths[i % paths.length]!);
    await res.text();
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`render ${paths[i % paths.length]} → ${res.status}`);
  }
  times.sort((a, b) => a - b);
  console.log(`article render ${label} (uncached, in-process): p50 ${pct(times, 50).toFixed(2)} ms, p99 ${pct(times, 99).toFixed(2)} ms over ${RENDERS} requests`);
}

async function engineBench(label: string, open: () => Promise<Database>): Promise<void> {
  const db = await open();
  try {
    const slugs = await importThroughput(db, label);
    if (RENDERS > 0) await renderTimes(db, slugs, label);
  } finally {
    await db.close();
  }
}

/** Time from spawning `lede serve` until it answers its first request. */
async function startupTime(dataDir: string): Promise<number> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const t0 = performance.now();
  // The compiled CLI, as `npm start` runs it (scripts/bench.mjs builds first).
  const child = spawn(process.execPath, [path.join(root, 'bin/lede.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, LEDE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => { if (d.toString().includes('Lede is running')) resolve(); });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const res = await fetch(`http://127.0.0.1:${port}/`);
    await res.text();
    return performance.now() - t0;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function startupBench(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-start-'));
  try {
    const empty = path.join(tmp, 'empty');
    console.log(`start-up, empty data directory (creates the database): ${(await startupTime(empty)).toFixed(0)} ms`);
    console.log(`start-up, same directory again (existing, empty): ${(await startupTime(empty)).toFixed(0)} ms`);
    const big = path.join(tmp, 'big');
    const db = await openDatabase({ dataDir: big, checkpointIntervalMs: 0 });
    const t0 = performance.now();
    await bulkStories(db, STARTUP_STORIES);
    await db.close();
    console.log(`(filled ${STARTUP_STORIES} stories in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    console.log(`start-up, ${STARTUP_STORIES}-story data directory: ${(await startupTime(big)).toFixed(0)} ms`);
    const full = await openDatabase({ dataDir: big });
    try {
      const slugs = (await full.query<{ slug: string }>('SELECT slug FROM stories ORDER BY random() LIMIT 50')).map((r) => r.slug);
      await renderTimes(full, slugs, `PGlite, ${STARTUP_STORIES} stories`);
    } finally {
      await full.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-'));
try {
  await onEachEngine(tmp, { checkpointIntervalMs: 30000 }, engineBench);
  // BENCH_STARTUP=0 leaves out the start-up part (for quick import or render runs).
  if (process.env.BENCH_STARTUP !== '0') await startupBench();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
