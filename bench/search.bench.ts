/**
 * Search benchmark: German full-text search at BENCH_SEARCH_STORIES (default
 * 100,000) published stories on PGlite and PostgreSQL. Prints latency p50/p95/p99
 * of the reader's search path (SiteReader.search: count, ranked page,
 * snippets, "Meinten Sie" when few hits) per kind of query, the whole /suche
 * page for one query, and the query plans. Prints figures; never passes or fails.
 * The archive is made and filled by search-archive.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/server/app.js';
import { runSearch, type SearchRequest } from '../src/site/search/search-reader.js';
import { cachedTopicList } from '../src/site/topic-list.js';
import type { Database } from '../src/store/index.js';
import { fastFill } from './search-archive.js';
import { onEachEngine } from './each-engine.js';

const STORIES = Number(process.env.BENCH_SEARCH_STORIES ?? 100_000);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 40);
function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function figures(sorted: number[]): string {
  return [50, 95, 99].map((p) => `p${p} ${pct(sorted, p).toFixed(1).padStart(7)} ms`).join('   ');
}

const base = { order: 'relevance' as const, page: 1, pageSize: 20 };
const QUERIES: [string, SearchRequest][] = [
  ['single word, common', { ...base, query: 'Hochwasser' }],
  ['single word, rare', { ...base, query: 'Mietreform' }],
  ['two words', { ...base, query: 'Landtag Haushalt' }],
  ['stemmed form', { ...base, query: 'Außenministers' }],
  ['phrase', { ...base, query: '"Streit um den Landeshaushalt"' }],
  ['exclusion', { ...base, query: 'Polizei -Gericht' }],
  ['OR', { ...base, query: 'Museum OR Theater' }],
  ['filtered (section, topic, 3 months)', {
    ...base, query: 'Wasser', sectionSlug: 'sachsen-anhalt', topicSlug: 'hochwasser-an-der-elbe',
    from: new Date(Date.now() - 180 * 86400_000).toISOString(), until: new Date(Date.now() - 90 * 86400_000).toISOString(),
  }],
  ['newest first', { ...base, query: 'Energie', order: 'newest' }],
  ['page 10', { ...base, query: 'Kultur', page: 10 }],
  ['typo (with suggestion)', { ...base, query: 'Hochwaser' }],
  ['typo, compound', { ...base, query: 'Finanzministerum' }],
];

async function measure(db: Database, label: string): Promise<void> {
  const lines: string[] = [];
  const all: number[] = [];
  const topicList = cachedTopicList(db);
  for (const [name, req] of QUERIES) {
    for (let i = 0; i < 3; i++) await runSearch(db, topicList, req); // warm-up
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof runSearch>> | undefined;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      last = await runSearch(db, topicList, req);
      times.push(performance.now() - t0);
    }
    all.push(...times);
    times.sort((a, b) => a - b);
    const r = last?.result;
    const hits = r ? `${r.more ? '>' : ''}${r.total} hits` : 'no result';
    lines.push(`  ${name.padEnd(38)} ${figures(times)}   (${hits}${last?.suggestion ? `, suggests "${last.suggestion}"` : ''})`);
  }
  all.sort((a, b) => a - b);
  console.log(`search ${label}, ${STORIES} stories, ${RUNS} runs per query (SiteReader.search: count, page of 20, snippets, suggestion):`);
  for (const l of lines) console.log(l);
  // The goal's figure (issue 11): p95 of the whole mix, every kind of query equally often.
  console.log(`  ${'query mix (all of the above)'.padEnd(38)} ${figures(all)}   (goal: p95 < 50 ms)`);

  const app = createApp(db, { siteName: 'Bench', siteUrl: 'http://localhost' });
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    const res = await app.request('/suche?q=Hochwasser+Elbe');
    await res.text();
    if (i >= 3) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${'whole page /suche?q=Hochwasser+Elbe'.padEnd(38)} ${figures(times)}`);

  // The window query's plan with real timings, for a rare word, a common word and a phrase.
  const plan = async (q: string) => (await db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) SELECT id, ts_rank(search, websearch_to_tsquery('german', $1), 1) FROM stories
      WHERE status = 'published' AND search @@ websearch_to_tsquery('german', $1)
      ORDER BY first_published_at DESC, id DESC LIMIT 1001`, [q])).map((r) => `    ${r['QUERY PLAN']}`).join('\n');
  for (const q of ['Mietreform', 'Hochwasser', '"Streit um den Landeshaushalt"']) console.log(`  plan, window for ${q}:\n${await plan(q)}`);
}

async function engineBench(label: string, open: () => Promise<Database>): Promise<void> {
  const db = await open();
  try {
    const t0 = performance.now();
    await fastFill(db, STORIES);
    console.log(`(${label}: filled ${STORIES} stories in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    await measure(db, label);
  } finally {
    await db.close();
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-search-bench-'));
try {
  // A fill batch of 1,000 stories (and the word list over all of them) takes longer than the default 2 s deadline.
  const slow = { readTimeoutMs: 600_000, writeTimeoutMs: 600_000 };
  await onEachEngine(tmp, { checkpointIntervalMs: 0, ...slow }, engineBench, slow);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
