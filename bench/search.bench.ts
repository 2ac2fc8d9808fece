/**
 * Search benchmark: German full-text search at BENCH_SEARCH_STORIES (default
 * 100,000) published stories on PGlite and PostgreSQL. Prints latency p50/p99
 * of the reader's search path (SiteReader.search: count, ranked page,
 * snippets, "Meinten Sie" when few hits) per kind of query, the whole /suche
 * page for one query, and the query plans. Prints figures; never passes or fails.
 *
 * The archive is filled in batches of INSERT … SELECT FROM jsonb_to_recordset:
 * the story rows come from storyParams (the repository's own column values),
 * and the search vector is built with the repository's expression over the
 * same three texts, so rows look exactly as StoryRepository.insert writes them,
 * at a fraction of the cost of 100,000 single inserts.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Block, Story } from '../src/content/index.js';
import { createApp } from '../src/server/app.js';
import { runSearch, type SearchRequest } from '../src/site/search/search-reader.js';
import { cachedTopicList } from '../src/site/topic-list.js';
import type { Database } from '../src/store/index.js';
import { STORY_COLUMNS, storyParams } from '../src/store/story-rows.js';
import { onEachEngine } from './each-engine.js';

const STORIES = Number(process.env.BENCH_SEARCH_STORIES ?? 100_000);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 40);
const BATCH = 1000;

const SECTIONS = ['Politik', 'Welt', 'Sachsen', 'Sachsen-Anhalt', 'Thüringen', 'Wirtschaft', 'Kultur', 'Sport'];
const TOPICS = ['Hochwasser an der Elbe', 'Landeshaushalt', 'Energiepreise', 'Nahverkehr', 'Schule'];
const BASE = ('Landtag Regierung Minister Bürger Stadt Gemeinde Haushalt Schule Verkehr Bahn Straße Wasser Hochwasser '
  + 'Polizei Gericht Klinik Energie Preise Wirtschaft Unternehmen Arbeit Kultur Museum Theater Sport Verein Wahl Partei '
  + 'Umwelt Klima Wald Landwirtschaft Forschung Universität Studenten Familien Kinder Rente Gesundheit Außenminister').split(' ');
const PREFIX = 'Landes Stadt Bundes Kreis Wasser Energie Schul Verkehrs Kultur Sport Gesundheits Umwelt Finanz Justiz Bau Wald Klima Miet Strom Bahn'.split(' ');
const STEM = 'amt gericht haushalt politik preis verband ministerium wahl bericht streit gesetz plan förderung reform konzept projekt ausschuss behörde netz rat'.split(' ');
const FILLER = 'der die das und mit für auf nach bei über gegen wegen soll will hat ist wird werden haben sagte heute gestern am im'.split(' ');
const PHRASES = ['Hochwasser an der Elbe', 'Streit um den Landeshaushalt', 'Ausbau der Bahnstrecke', 'Bürger in der Stadt'];
const MIDDLE = ['', 'haupt', 'neben', 'sonder', 'ober', 'unter', 'vor', 'nach', 'zwischen', 'gross'];
// About 4,000 distinct content words (common base words, rarer compounds, by a skewed pick) plus filler and set phrases.
const WORDS = [...BASE, ...PREFIX.flatMap((p) => MIDDLE.flatMap((m) => STEM.map((s) => `${p}${m}${s}`)))];

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function makeArchiveStory(i: number, rnd: () => number, now: number): Story {
  // Skewed: low indexes (the base words) are common, compounds rarer.
  const word = () => WORDS[Math.floor(rnd() ** 2.2 * WORDS.length)]!;
  const sentence = () => {
    const n = 8 + Math.floor(rnd() * 10);
    const w = Array.from({ length: n }, () => (rnd() < 0.45 ? FILLER[Math.floor(rnd() * FILLER.length)]! : word()));
    if (rnd() < 0.05) w.splice(3, 0, PHRASES[Math.floor(rnd() * PHRASES.length)]!);
    const s = w.join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const at = new Date(now - rnd() * 2 * 365 * 86400_000).toISOString();
  const body: Block[] = Array.from({ length: 8 }, (_, k) => (k === 3
    ? { type: 'heading', level: 2, text: sentence().slice(0, -1) }
    : { type: 'paragraph', content: [{ text: Array.from({ length: 4 }, sentence).join(' ') }] }));
  return {
    id: randomUUID(),
    slug: `search-bench-${i}`,
    kind: 'article',
    language: 'de',
    headline: `${word()} ${sentence()}`.slice(0, 190),
    kicker: word(),
    teaser: `${sentence()} ${sentence()}`,
    authors: [],
    section: SECTIONS[Math.floor(rnd() * SECTIONS.length)]!,
    topics: rnd() < 0.3 ? [TOPICS[Math.floor(rnd() * TOPICS.length)]!] : [],
    related: [],
    body,
    status: 'published',
    version: 1,
    createdAt: at,
    modifiedAt: at,
    firstPublishedAt: at,
  };
}

const SQL_TYPES: Partial<Record<(typeof STORY_COLUMNS)[number], string>> = {
  id: 'uuid', topics: 'text[]', first_published_at: 'timestamptz', updated_at: 'timestamptz', broadcast_at: 'timestamptz',
  doc: 'jsonb', version: 'int', created_at: 'timestamptz', modified_at: 'timestamptz',
};

/** The same rows StoryRepository.insert writes, many per statement. */
async function fastFill(db: Database, count: number): Promise<void> {
  const rnd = prng(7);
  const now = Date.now();
  const recordType = [...STORY_COLUMNS.map((c) => `${c} ${SQL_TYPES[c] ?? 'text'}`), 'search_secondary text', 'search_body text'].join(', ');
  // The repository's expression (story-rows.ts searchExpression) over the record's columns.
  const search = `setweight(to_tsvector('german', r.headline::text), 'A') || `
    + `setweight(to_tsvector('german', r.search_secondary::text), 'B') || `
    + `setweight(to_tsvector('german', r.search_body::text), 'C')`;
  const sql = `INSERT INTO stories (${STORY_COLUMNS.join(', ')}, search)
    SELECT ${STORY_COLUMNS.map((c) => `r.${c}`).join(', ')}, ${search}
      FROM jsonb_to_recordset($1::jsonb) AS r(${recordType})`;
  // The word list for suggestions: filled once at the end, as migration 002 does for
  // existing stories, instead of by its trigger row by row (the same rows, faster).
  await db.query('ALTER TABLE stories DISABLE TRIGGER stories_search_words');
  for (let start = 0; start < count; start += BATCH) {
    const records = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const params = storyParams(makeArchiveStory(i, rnd, now));
      const rec: Record<string, unknown> = {};
      STORY_COLUMNS.forEach((c, k) => (rec[c] = c === 'doc' ? JSON.parse(params[k] as string) : params[k]));
      rec.search_secondary = params[STORY_COLUMNS.length];
      rec.search_body = params[STORY_COLUMNS.length + 1];
      records.push(rec);
    }
    await db.query(sql, [JSON.stringify(records)]);
  }
  await db.query('ALTER TABLE stories ENABLE TRIGGER stories_search_words');
  await db.query(`INSERT INTO search_words (key, word)
    SELECT DISTINCT ON (lower(w)) lower(w), w
      FROM stories, regexp_split_to_table(concat_ws(' ', headline, kicker, teaser), '[^A-Za-zÀ-ÖØ-öø-ɏ]+') AS w
     WHERE status = 'published' AND char_length(w) BETWEEN 4 AND 40
    ON CONFLICT (key) DO NOTHING`);
  await db.query('ANALYZE stories');
  await db.query('ANALYZE search_words');
  await db.checkpoint();
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
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
    times.sort((a, b) => a - b);
    const r = last?.result;
    const hits = r ? `${r.more ? '>' : ''}${r.total} hits` : 'no result';
    lines.push(`  ${name.padEnd(38)} p50 ${pct(times, 50).toFixed(1).padStart(7)} ms   p99 ${pct(times, 99).toFixed(1).padStart(7)} ms   (${hits}${last?.suggestion ? `, suggests "${last.suggestion}"` : ''})`);
  }
  console.log(`search ${label}, ${STORIES} stories, ${RUNS} runs per query (SiteReader.search: count, page of 20, snippets, suggestion):`);
  for (const l of lines) console.log(l);

  const app = createApp(db, { siteName: 'Bench', siteUrl: 'http://localhost' });
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    const res = await app.request('/suche?q=Hochwasser+Elbe');
    await res.text();
    if (i >= 3) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`  whole page /suche?q=Hochwasser+Elbe         p50 ${pct(times, 50).toFixed(1).padStart(7)} ms   p99 ${pct(times, 99).toFixed(1).padStart(7)} ms`);

  const plan = async (sql: string) => (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`)).map((r) => `    ${r['QUERY PLAN']}`).join('\n');
  console.log(`  plan, rare word (window):\n${await plan(`SELECT id FROM stories WHERE status = 'published' AND search @@ websearch_to_tsquery('german', 'Mietreform') ORDER BY first_published_at DESC, id DESC LIMIT 1001`)}`);
  console.log(`  plan, phrase (window):\n${await plan(`SELECT id FROM stories WHERE status = 'published' AND search @@ websearch_to_tsquery('german', '"Streit um den Landeshaushalt"') ORDER BY first_published_at DESC, id DESC LIMIT 1001`)}`);
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
  await onEachEngine(tmp, { checkpointIntervalMs: 0 }, engineBench);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
