/**
 * Sitemap benchmark: fills an embedded database with BENCH_SITEMAP_STORIES
 * published stories (default 100,000: BENCH_SITEMAP_SEED of them, default
 * 1,000, made by bulk-stories.ts, the rest copies of those with their own id,
 * slug and publish time, made in SQL because 100,000 inserts through the
 * repository take most of an hour), then fetches the sitemap index and
 * every story chunk through the app, reading each streamed body chunk by chunk,
 * and the author and programme sitemaps (aggregates over every public story).
 * Prints time per chunk and the process's peak memory while streaming
 * (RSS sampled every 5 ms, heap after GC before and after). Never passes or fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/server/app.js';
import { openDatabase } from '../src/store/index.js';
import { bulkStories } from './bulk-stories.js';

const STORIES = Number(process.env.BENCH_SITEMAP_STORIES ?? 100_000);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const dir = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-sitemap-'));
const db = await openDatabase({ dataDir: path.join(dir, 'data'), onWarning: () => undefined, checkpointIntervalMs: 0 });
try {
  let t0 = performance.now();
  const seed = Math.min(STORIES, Number(process.env.BENCH_SITEMAP_SEED ?? 1000));
  await bulkStories(db, seed);
  const columns = (await db.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_name = 'stories' ORDER BY ordinal_position",
  )).map((r) => r.column_name);
  const copy = (c: string) => c === 'id' ? 'gen_random_uuid()'
    : c === 'slug' ? "slug || '-k' || g"
    : c === 'first_published_at' ? "first_published_at - make_interval(mins => g)"
    : c;
  for (let done = seed, g = 1; done < STORIES; g++) {
    const n = Math.min(seed, STORIES - done);
    await db.query(
      `INSERT INTO stories (${columns.join(', ')})
       SELECT ${columns.map(copy).join(', ')} FROM (SELECT *, $1::int AS g FROM stories WHERE slug NOT LIKE '%-k%' ORDER BY slug LIMIT $2) s`,
      [g, n],
    );
    done += n;
  }
  // Planner statistics, as the embedded database's timer gathers them after writes (it is off here).
  await db.query('ANALYZE');
  await db.checkpoint();
  console.log(`filled ${STORIES} stories in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const app = createApp(db, { siteName: 'Lede Bench', siteUrl: 'https://news.example.org' });

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);

  t0 = performance.now();
  const index = await (await app.request('/sitemap.xml')).text();
  const chunks = [...index.matchAll(/<loc>[^<]*\/sitemaps\/(stories-\d+\.xml)<\/loc>/g)].map((m) => m[1]!);
  console.log(`index: ${chunks.length} story chunks in ${(performance.now() - t0).toFixed(0)} ms`);
  let urls = 0;
  let bytes = 0;
  const all = performance.now();
  for (const file of chunks) {
    const t = performance.now();
    const res = await app.request(`/sitemaps/${file}`);
    const first = performance.now() - t;
    const reader = res.body!.getReader();
    let n = 0;
    let size = 0;
    let tail = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      const text = tail + decoder.decode(value, { stream: true });
      n += text.split('<url>').length - 1;
      tail = text.slice(-4); // shorter than "<url>", so no tag is counted twice
    }
    urls += n;
    bytes += size;
    console.log(`${file}: ${n} URLs, ${mb(size)}, first byte ${first.toFixed(0)} ms, complete ${(performance.now() - t).toFixed(0)} ms`);
  }
  for (const file of ['authors.xml', 'programmes.xml']) {
    const t = performance.now();
    const res = await app.request(`/sitemaps/${file}`);
    const body = await res.text();
    console.log(`${file}: ${res.status}, ${body.split('<url>').length - 1} URLs, ${mb(body.length)} in ${(performance.now() - t).toFixed(0)} ms`);
  }
  clearInterval(sampler);
  gc();
  console.log(`all chunks: ${urls} URLs, ${mb(bytes)} in ${((performance.now() - all) / 1000).toFixed(2)} s`);
  console.log(`memory: RSS before ${mb(rssBefore)}, peak ${mb(peakRss)} (+${mb(peakRss - rssBefore)}); heap after GC ${mb(heapBefore)} -> ${mb(process.memoryUsage().heapUsed)}`);
} finally {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
