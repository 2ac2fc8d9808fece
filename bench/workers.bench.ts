/**
 * Every core (issue 11, goal 3): requests/s of one cached article page from
 * the real `lede serve` on a throwaway PostgreSQL with LEDE_WORKERS=1 and
 * then 2, measured side by side (both servers up, runs alternating, the
 * median of the rounds) with autocannon on loopback, at
 * 10 and at 100 connections, plain and as a browser asks
 * (Accept-Encoding: gzip, br). The load generator shares the machine's
 * cores with the workers: on a 2-core machine two workers and autocannon
 * compete, so read the ratio as a floor. Prints figures; never passes or
 * fails. Skipped with one line without PostgreSQL binaries.
 *
 *   BENCH_WORKERS_DURATION seconds per run (5)  BENCH_WORKERS_ROUNDS (3)  BENCH_WORKERS (1,2)
 */
// @ts-expect-error autocannon ships no types; the little used here is typed below
import autocannonUntyped from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain ESM helper without types
import { startCluster } from '../scripts/pg-cluster.mjs';
import { slugify } from '../src/content/index.js';
import { openDatabase, StoryRepository } from '../src/store/index.js';
import { freePort, stopChild, waitForLine } from './processes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = Number(process.env.BENCH_WORKERS_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_WORKERS_ROUNDS ?? 3);
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
const ARTICLE_HEADLINE = 'Haushalt für 2027 mit knapper Mehrheit beschlossen';

interface LoadResult { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }
const autocannon = autocannonUntyped as (opts: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => PromiseLike<LoadResult>;

async function serve(databaseUrl: string, workers: number): Promise<{ child: ChildProcess; origin: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/run.ts'), 'serve', '--demo'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, LEDE_WORKERS: String(workers), PORT: String(port), HOST: '127.0.0.1', LEDE_SITE_URL: `http://127.0.0.1:${port}`, LEDE_LOG: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForLine(child, /Lede is running[^\n]*\n/, `lede serve with ${workers} workers`, 120_000);
  return { child, origin: `http://127.0.0.1:${port}` };
}

async function main(): Promise<void> {
  let cluster: { url: string; stop: () => Promise<void> };
  try {
    cluster = await startCluster();
  } catch (err) {
    console.log(`PostgreSQL: skipped (${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  const rows: { workers: number; connections: number; variant: string; rps: number; p50: number; p99: number; note: string }[] = [];
  // Every server runs at once (idle ones cost nothing) and the runs alternate between them, round after round, so a
  // busy spell of the machine hits both sides alike; the median round counts.
  const sites: { workers: number; child: ChildProcess; origin: string }[] = [];
  try {
    for (const workers of WORKERS) sites.push({ workers, ...await serve(cluster.url, workers) });
    const db = await openDatabase({ databaseUrl: cluster.url, migrate: false });
    const story = await new StoryRepository(db).getBySlug(slugify(ARTICLE_HEADLINE));
    await db.close();
    if (!story) throw new Error(`demo story "${ARTICLE_HEADLINE}" not found`);
    const articlePath = `/${slugify(story.section)}/${story.slug}`;
    for (const connections of [10, 100]) {
      for (const [variant, headers] of [['plain', undefined], ['gzip, br', { 'accept-encoding': 'gzip, br' }]] as const) {
        const runs = new Map<number, LoadResult[]>(sites.map((s) => [s.workers, []]));
        // Warm: every worker renders and stores the page, and the JIT settles.
        for (const site of sites) await autocannon({ url: site.origin + articlePath, connections, duration: 2, ...(headers && { headers }) });
        for (let round = 0; round < ROUNDS; round++) {
          for (const site of sites) runs.get(site.workers)!.push(await autocannon({ url: site.origin + articlePath, connections, duration: DURATION, ...(headers && { headers }) }));
        }
        for (const site of sites) {
          const all = runs.get(site.workers)!.sort((a, b) => a.requests.average - b.requests.average);
          const r = all[Math.floor(all.length / 2)]!;
          const non2xx = all.reduce((n, x) => n + x.non2xx, 0);
          const errors = all.reduce((n, x) => n + x.errors, 0);
          const bad = [non2xx && `${non2xx} non-2xx`, errors && `${errors} errors`].filter(Boolean).join(', ');
          const spread = `rounds ${all.map((x) => x.requests.average.toFixed(0)).join('/')}`;
          rows.push({ workers: site.workers, connections, variant, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, note: [spread, bad].filter(Boolean).join('; ') });
        }
      }
    }
  } finally {
    for (const site of sites) await stopChild(site.child);
    await cluster.stop();
  }
  console.log(`cached article from lede serve on PostgreSQL, ${DURATION} s per run, median of ${ROUNDS} alternating rounds, ${os.availableParallelism()} cores (autocannon on the same machine)`);
  console.log('workers  conns  variant    req/s     p50 ms  p99 ms  vs 1 worker');
  for (const r of rows) {
    const base = rows.find((b) => b.workers === WORKERS[0] && b.connections === r.connections && b.variant === r.variant);
    const ratio = base && base !== r ? `${(r.rps / base.rps).toFixed(2)}×` : '';
    console.log(`${String(r.workers).padStart(7)}  ${String(r.connections).padStart(5)}  ${r.variant.padEnd(9)}  ${r.rps.toFixed(0).padStart(7)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ${ratio.padEnd(6)}  (${r.note})`);
  }
}

await main();
