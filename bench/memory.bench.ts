/**
 * Memory under a long run (issue "Speed", goal 8): the resident set of one
 * `lede serve` process (the compiled CLI with glibc's malloc settings as
 * `npm start` and the workers have them, MALLOC_SETTINGS; one set in the
 * environment wins; LEDE_WORKERS=1, request log off) while it answers
 * BENCH_MEMORY_REQUESTS requests (1,000,000) across BENCH_MEMORY_STORIES
 * published stories (10,000), on PGlite and on a throwaway PostgreSQL.
 *
 * Readers do not ask for every story alike: story i (in a fixed shuffled order)
 * is asked for with weight 1/(i+1) (Zipf, s = 1), and one request in twenty is
 * the front page or a section page. With the default 64 MB page cache about a
 * third of the stories fit, so the run mixes hits, evictions and renders, and
 * every story is asked for many times over.
 *
 * Printed: RSS after the first 10,000 requests, at steps, and at the end, and
 * the growth of the end over the first figure; beside it, where the memory is:
 * the V8 heap (used of reserved), array buffers (the page cache's blocks among
 * them) and the cache's own count. Prints figures; never passes or fails.
 *
 *   BENCH_MEMORY_REQUESTS (1000000)  BENCH_MEMORY_STORIES (10000)
 *   BENCH_MEMORY_CONNECTIONS (10)    BENCH_ENGINES (pglite,postgresql)
 *   BENCH_MEMORY_VARIANTS (none: one run with the settings above)
 */
// @ts-expect-error autocannon ships no types; the little used here is typed below
import autocannonUntyped from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MALLOC_SETTINGS } from '../src/cli/serve-workers.js';
import { sectionSlug, storyPath } from '../src/content/index.js';
import type { Database } from '../src/store/index.js';
import { bulkStories } from './bulk-stories.js';
import { onEachEngine } from './each-engine.js';
import { freePort, stopChild, waitForLine } from './processes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 1_000_000);
const STORIES = Number(process.env.BENCH_MEMORY_STORIES ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_MEMORY_CONNECTIONS ?? 10);
const FIRST = 10_000;
/**
 * BENCH_MEMORY_VARIANTS, for experiments by hand: runs separated by ';', each a
 * space-separated list of NAME=value settings for the serve process (an empty
 * one is the default), all against the same filled database.
 */
const VARIANTS = (process.env.BENCH_MEMORY_VARIANTS ?? '').split(';').map((v) => {
  const env: Record<string, string> = {};
  for (const pair of v.trim().split(/\s+/).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`BENCH_MEMORY_VARIANTS: "${pair}" is not NAME=value`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { label: v.trim(), env };
});
const METRICS_TOKEN = 'memory-bench-metrics-token';

/** The page cache's answers so far, by X-Cache, and its bytes, from /metrics. */
async function cacheFigures(origin: string): Promise<{ results: Record<string, number>; heapMb: number; heapTotalMb: number; buffersMb: number; cacheMb: number; blocksMb: number; pages: number }> {
  const text = await (await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const results: Record<string, number> = {};
  for (const m of text.matchAll(/^lede_page_cache_results_total\{result="([A-Z-]+)"\} (\d+)/gm)) results[m[1]!] = Number(m[2]);
  const figure = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  const mb = (name: string) => figure(name) / 1048576;
  return { results, heapMb: mb('nodejs_heap_used_bytes'), heapTotalMb: mb('nodejs_heap_total_bytes'), buffersMb: mb('nodejs_array_buffers_bytes'), cacheMb: mb('lede_page_cache_bytes'), blocksMb: mb('lede_page_cache_reserved_bytes'), pages: figure('lede_page_cache_entries') };
}

interface LoadResult { requests: { average: number }; non2xx: number; errors: number; timeouts: number }
interface LoadRequest { method: string; path: string; headers?: Record<string, string> }
const autocannon = autocannonUntyped as (opts: {
  url: string; connections: number; amount: number; headers?: Record<string, string>;
  requests: Array<{ setupRequest: (req: LoadRequest) => LoadRequest }>;
}) => PromiseLike<LoadResult>;

/** Deterministic pseudo-random numbers, so both engines see the same sequence of pages. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** A sampler of pages: Zipf over the stories (in a shuffled order), plus the front and section pages. */
function pagePicker(stories: string[], others: string[]): () => string {
  const rnd = prng(7);
  const order = [...stories];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const cumulative = new Float64Array(order.length);
  let sum = 0;
  for (let i = 0; i < order.length; i++) cumulative[i] = sum += 1 / (i + 1);
  return () => {
    if (rnd() < 0.05) return others[Math.floor(rnd() * others.length)]!;
    const x = rnd() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return order[lo]!;
  };
}

/** Resident set and, from the process's own view, nothing else: /proc/<pid>/status VmRSS in MB. */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * Where the resident set lies, from /proc/<pid>/smaps, in MB: malloc's main heap
 * ([heap], grown by brk), anonymous mappings that start on a 64 MB boundary (how
 * glibc lays out its per-thread arenas), other anonymous mappings (V8's heap
 * pages, array buffers and malloc's large mmapped chunks), and file-backed
 * pages (code). Also the number of anonymous mappings with 1 MB or more resident.
 */
function residentParts(pid: number): { brk: number; arenas: number; arenaCount: number; anon: number; file: number; bigAnon: number } {
  const parts = { brk: 0, arenas: 0, arenaCount: 0, anon: 0, file: 0, bigAnon: 0 };
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return parts;
  }
  let kind: 'brk' | 'arenas' | 'anon' | 'file' = 'anon';
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (head) {
      const name = head[4]!;
      const start = BigInt(`0x${head[1]}`);
      if (name === '[heap]') kind = 'brk';
      else if (name && !name.startsWith('[anon')) kind = 'file';
      else if (start % 0x4000000n === 0n && head[3] === '0' && BigInt(`0x${head[2]}`) - start <= 0x4000000n) kind = 'arenas';
      else kind = 'anon';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) {
      const mb = Number(rss[1]) / 1024;
      parts[kind] += mb;
      if (kind === 'arenas' && mb > 0) parts.arenaCount++;
      if ((kind === 'anon' || kind === 'arenas') && mb >= 1) parts.bigAnon++;
    }
  }
  return parts;
}

async function fill(db: Database): Promise<{ stories: string[]; others: string[] }> {
  await bulkStories(db, STORIES);
  const rows = await db.query<{ slug: string; section: string }>("SELECT slug, section FROM stories WHERE status = 'published'");
  const stories = rows.map((r) => storyPath({ sectionSlug: sectionSlug(r.section), slug: r.slug }));
  const others = ['/', ...new Set(rows.map((r) => `/${sectionSlug(r.section)}`))];
  return { stories, others };
}

async function startServe(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; origin: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'bin/lede.js'), 'serve'], {
    cwd: root,
    env: { ...MALLOC_SETTINGS, ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LEDE_WORKERS: '1', LEDE_LOG: 'off', LEDE_METRICS_TOKEN: METRICS_TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForLine(child, /Lede is running/, 'lede serve', 120_000);
  return { child, origin: `http://127.0.0.1:${port}` };
}

async function run(engine: string, env: NodeJS.ProcessEnv, pages: { stories: string[]; others: string[] }): Promise<void> {
  const next = pagePicker(pages.stories, pages.others);
  const serve = await startServe(env);
  const pid = serve.child.pid!;
  try {
    let done = 0;
    let bad = 0;
    let first = NaN;
    let before: Record<string, number> = {};
    const steps = [FIRST, 50_000, 100_000, 250_000, 500_000, REQUESTS].filter((n, i, a) => n <= REQUESTS && a.indexOf(n) === i);
    const t0 = performance.now();
    for (const step of steps) {
      const result = await autocannon({
        url: serve.origin,
        connections: CONNECTIONS,
        amount: step - done,
        headers: { 'accept-encoding': 'gzip, br' },
        requests: [{ setupRequest: (req) => ({ ...req, path: next() }) }],
      });
      bad += result.non2xx + result.errors + result.timeouts;
      done = step;
      const rss = rssMb(pid);
      if (step === FIRST) first = rss;
      const growth = Number.isFinite(first) ? ` (${((rss / first - 1) * 100).toFixed(1)} % over the first ${FIRST.toLocaleString('en')})` : '';
      const { results, heapMb, heapTotalMb, buffersMb, cacheMb, blocksMb, pages: kept } = await cacheFigures(serve.origin);
      const inStep = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v - (before[k] ?? 0)]));
      before = results;
      const answered = Object.values(inStep).reduce((a, b) => a + b, 0);
      // A stale copy is answered from memory too (and refreshed behind it): both count as served from the cache.
      const fromCache = (inStep.HIT ?? 0) + (inStep.STALE ?? 0);
      const hits = answered ? `${((fromCache / answered) * 100).toFixed(0)} % from the cache (${(((inStep.HIT ?? 0) / answered) * 100).toFixed(0)} % fresh)` : 'no cache figures';
      console.log(`  ${engine}: after ${step.toLocaleString('en')} requests RSS ${rss.toFixed(1)} MB${growth}, heap ${heapMb.toFixed(1)} of ${heapTotalMb.toFixed(1)} MB, buffers ${buffersMb.toFixed(1)} MB, page cache ${cacheMb.toFixed(1)} MB in ${kept} copies (blocks ${blocksMb.toFixed(0)} MB), ${hits} in this step, ${((performance.now() - t0) / 1000).toFixed(0)} s so far`);
      const parts = residentParts(pid);
      console.log(`    resident: malloc main heap ${parts.brk.toFixed(1)} MB, malloc arenas ${parts.arenas.toFixed(1)} MB (${parts.arenaCount}), other anonymous ${parts.anon.toFixed(1)} MB (${parts.bigAnon} mappings of 1 MB or more), files ${parts.file.toFixed(1)} MB; outside V8's heap and array buffers ${(rss - heapTotalMb - buffersMb).toFixed(1)} MB`);
    }
    const last = rssMb(pid);
    console.log(`${engine}: RSS ${first.toFixed(1)} MB after ${FIRST.toLocaleString('en')}, ${last.toFixed(1)} MB after ${REQUESTS.toLocaleString('en')} requests: ${((last / first - 1) * 100).toFixed(1)} % growth${bad ? `; ${bad} answers were not 2xx or failed` : ''}`);
  } finally {
    await stopChild(serve.child);
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-memory-'));
console.log(`${REQUESTS.toLocaleString('en')} requests across ${STORIES.toLocaleString('en')} stories, ${CONNECTIONS} connections, Accept-Encoding: gzip, br; one lede serve process per engine`);
try {
  await onEachEngine(tmp, { checkpointIntervalMs: 0 }, async (engine, open) => {
    const db = await open();
    let pages: { stories: string[]; others: string[] };
    let env: NodeJS.ProcessEnv;
    try {
      pages = await fill(db);
      env = db.engine === 'pglite' ? { LEDE_DATA_DIR: db.location, DATABASE_URL: '' } : { DATABASE_URL: db.location };
    } finally {
      await db.close(); // lede serve opens it (PGlite: one process per data directory)
    }
    for (const variant of VARIANTS) {
      if (variant.label) console.log(`${engine} with ${variant.label}:`);
      await run(engine, { ...env, ...variant.env }, pages);
    }
  });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
