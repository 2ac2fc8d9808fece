import { publishedClauses } from './published-filter.js';
import { blocksToText, type Story } from '../content/index.js';
import { SUMMARY_SELECT, summaryFromRow, type SummaryRow } from './story-rows.js';
import type { Queryable, StorySummary } from './types.js';

/**
 * German full-text search over published stories (headline, kicker, teaser,
 * topics and body: the `search` column the repository fills).
 *
 * The query language is PostgreSQL's websearch syntax with the German
 * configuration: words are stemmed ("Außenminister" finds "Außenministers"),
 * "quoted words" are a phrase, -word excludes, OR is an alternative.
 *
 * Cost at 100,000 stories: every request reads at most the newest
 * MAX_SEARCH_RESULTS + 1 matches, once, through the GIN index on `search` (or,
 * for a word in most stories, the newest-first index, stopping early). That one
 * window gives the count (exact up to the cap, else "more than"), the relevance
 * order (ts_rank within the window: the best of the newest 1,000 matches, which
 * is what a news reader wants) and the page. ts_headline, which re-parses the
 * text, runs for the 20 stories of the page only.
 */

/** Marks around highlighted words in snippets; never in stored text (we strip them). */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** Longest query we accept (characters). */
export const MAX_QUERY_LENGTH = 200;
/**
 * Most words (after stemming and dropping stopwords) one search may hold. Every
 * word is one more index scan and one more term to rank in each of up to 1,000
 * matches: at 10,000 stories, 24 common words took 330 ms against 50 ms for one
 * (bench/search.bench.ts measures the ordinary kinds). On the embedded engine
 * that time blocks the whole process, and PGlite ignores statement_timeout (it
 * has no timer signal), so the bound is on the input instead.
 */
export const MAX_QUERY_TERMS = 8;
/** Deepest result we show, and the most matches we count and rank. */
export const MAX_SEARCH_RESULTS = 1000;
/** Snippets are made from at most this much of teaser and body text. */
const SNIPPET_SOURCE_MAX = 30_000;

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

export type SearchOrder = 'relevance' | 'newest';

export interface SearchOptions {
  /** What the reader typed (websearch syntax). */
  query: string;
  sectionSlug?: string;
  /** Topic name (as stored in stories.topics). */
  topic?: string;
  /** Published at or after this instant (ISO 8601). */
  from?: string;
  /** Published before this instant (ISO 8601). */
  until?: string;
  order?: SearchOrder;
  limit: number;
  offset?: number;
}

export interface SearchHit {
  story: StorySummary;
  /** Teaser/body excerpt with the matched words between MARK_START and MARK_END. Plain text otherwise: escape it. */
  snippet: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Matching published stories (at most MAX_SEARCH_RESULTS; see `more`). */
  total: number;
  /** True when there are more than MAX_SEARCH_RESULTS matches. */
  more: boolean;
  /**
   * Why nothing could be searched, when the query has no searchable word:
   * 'stopwords' (only words like "der", "und"), 'only-exclusions' (only -words),
   * 'too-many-words' (more than MAX_QUERY_TERMS searchable words).
   */
  unsearchable?: 'stopwords' | 'only-exclusions' | 'too-many-words';
}

interface Filter {
  where: string;
  params: unknown[];
}

/** WHERE over published stories matching tsquery $1 and the filters. */
function searchFilter(tsquery: string, opts: SearchOptions): Filter {
  const params: unknown[] = [tsquery];
  const clauses = [...publishedClauses(opts, params), 'search @@ $1::tsquery'];
  if (opts.from !== undefined) {
    params.push(opts.from);
    clauses.push(`first_published_at >= $${params.length}::timestamptz`);
  }
  if (opts.until !== undefined) {
    params.push(opts.until);
    clauses.push(`first_published_at < $${params.length}::timestamptz`);
  }
  return { where: clauses.join(' AND '), params };
}

/** Removes our marker characters (and other C0 controls but tab/newline) from text we highlight. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ');
}

/**
 * ts_headline's parser drops what looks like markup (tags, entities): a story
 * quoting "<script>" would lose those words from its snippet. So < > & go in as
 * control characters the parser treats as blanks, and come back out after.
 */
const HIDE: Record<string, string> = { '<': '\u0004', '>': '\u0005', '&': '\u0006' };
const SHOW: Record<string, string> = { '\u0004': '<', '\u0005': '>', '\u0006': '&' };
function hideMarkup(text: string): string {
  return clean(text).replace(/[<>&]/g, (ch) => HIDE[ch]!);
}
function showMarkup(text: string): string {
  return text.replace(/[\u0004-\u0006]/g, (ch) => SHOW[ch]!);
}

/** Parses the reader's query once; the tsquery text is then passed on as a parameter. */
async function parseQuery(db: Queryable, query: string): Promise<{ tsquery: string; tree: string }> {
  const rows = await db.query<{ q: string; tree: string }>(
    `SELECT q::text AS q, querytree(q) AS tree FROM websearch_to_tsquery('german', $1) AS q`,
    [clean(query)],
  );
  return { tsquery: rows[0]?.q ?? '', tree: rows[0]?.tree ?? '' };
}

/** Lexemes in a tsquery's text ('a' & 'b' <-> 'c''s'), repeats included: each costs its own scan. */
function countTerms(tsquery: string): number {
  return tsquery.match(/'(?:[^']|'')*'/g)?.length ?? 0;
}

export async function searchStories(db: Queryable, opts: SearchOptions): Promise<SearchResult> {
  const limit = Math.max(0, Math.floor(opts.limit));
  const offset = Math.max(0, Math.floor(opts.offset ?? 0));
  const { tsquery, tree } = await parseQuery(db, opts.query);
  if (!tsquery) return { hits: [], total: 0, more: false, unsearchable: 'stopwords' };
  // querytree gives 'T' when nothing in the query can use the index: only negations.
  if (tree === 'T') return { hits: [], total: 0, more: false, unsearchable: 'only-exclusions' };
  if (countTerms(tsquery) > MAX_QUERY_TERMS) return { hits: [], total: 0, more: false, unsearchable: 'too-many-words' };

  const { where, params } = searchFilter(tsquery, opts);
  const end = Math.min(offset + limit, MAX_SEARCH_RESULTS);
  const pageParams = [...params, Math.max(0, end - offset), offset];
  const lim = `$${pageParams.length - 1}`;
  const off = `$${pageParams.length}`;
  const rank = opts.order === 'newest' ? '0::real' : 'ts_rank(search, $1::tsquery, 1)';
  // One pass over the newest matches (lean rows: no doc), then the page's rows in full.
  const rows = await db.query<SummaryRow & { body: Story['body'] | null; n: number | string }>(
    `WITH w AS MATERIALIZED (
       SELECT id, first_published_at, ${rank} AS rank FROM stories WHERE ${where}
        ORDER BY first_published_at DESC, id DESC LIMIT ${MAX_SEARCH_RESULTS + 1}
     ), p AS (
       SELECT id AS p_id, first_published_at AS p_at, rank AS p_rank FROM w
        ORDER BY rank DESC, first_published_at DESC, id DESC LIMIT ${lim} OFFSET ${off}
     )
     SELECT c.n, ${SUMMARY_SELECT}, doc->'body' AS body
       FROM (SELECT count(*) AS n FROM w) AS c
       LEFT JOIN (p JOIN stories ON id = p_id) ON true
      ORDER BY p_rank DESC, p_at DESC, p_id DESC`,
    pageParams,
  );
  const counted = Number(rows[0]?.n ?? 0);
  const total = Math.min(counted, MAX_SEARCH_RESULTS);
  const more = counted > MAX_SEARCH_RESULTS;
  const found = rows.filter((r) => r.id !== null);
  if (!found.length) return { hits: [], total, more };

  // Snippets for this page only: teaser and body text, highlighted by ts_headline.
  const texts = found.map((r) => hideMarkup([r.teaser ?? '', blocksToText(r.body ?? [])].filter(Boolean).join('\n').slice(0, SNIPPET_SOURCE_MAX)));
  const heads = await db.query<{ i: number; h: string }>(
    `SELECT t.i::int AS i, ts_headline('german', t.text, $1::tsquery, $3) AS h
       FROM unnest($2::text[]) WITH ORDINALITY AS t(text, i)`,
    [tsquery, texts, HEADLINE_OPTIONS],
  );
  const snippets = new Map(heads.map((h) => [Number(h.i), h.h]));
  return {
    hits: found.map((r, k) => ({ story: summaryFromRow(r), snippet: showMarkup(snippets.get(k + 1) ?? '').replace(/\s+/g, ' ').trim() })),
    total,
    more,
  };
}

/** A snippet split into plain and highlighted parts, for a view to render (escaping each part). */
export function snippetParts(snippet: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let rest = snippet;
  while (rest) {
    const start = rest.indexOf(MARK_START);
    if (start < 0) {
      parts.push({ text: rest.replaceAll(MARK_END, ''), marked: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start).replaceAll(MARK_END, ''), marked: false });
    const stop = rest.indexOf(MARK_END, start + 1);
    const inner = rest.slice(start + 1, stop < 0 ? undefined : stop).replaceAll(MARK_START, '');
    if (inner) parts.push({ text: inner, marked: true });
    rest = stop < 0 ? '' : rest.slice(stop + 1);
  }
  // Adjacent highlighted words ("Hochwasser an der Elbe" as a phrase) read better as one mark.
  const merged: typeof parts = [];
  for (const p of parts) {
    const prev = merged[merged.length - 1];
    if (prev && prev.marked === p.marked) prev.text += p.text;
    else merged.push({ ...p });
  }
  return merged;
}

const WORD = /[A-Za-zÀ-ÖØ-öø-ɏ]+/g;
/** Similarity a replacement word needs (pg_trgm, 0…1). */
const MIN_SIMILARITY = 0.35;

/**
 * "Meinten Sie: …": the query with each unknown word replaced by the closest
 * word of published headlines, kickers and teasers (pg_trgm), when that finds
 * more published stories than the query itself. Undefined when there is
 * nothing better, or without pg_trgm.
 */
export async function suggestQuery(
  db: Queryable & { extensions?: readonly string[] },
  query: string,
  opts: Omit<SearchOptions, 'query' | 'limit' | 'offset' | 'order'> = {},
): Promise<string | undefined> {
  if (!(await hasTrigrams(db))) return undefined;
  const words = [...new Set([...query.matchAll(WORD)].map((m) => m[0]).filter((w) => w.length >= 4 && w !== 'OR'))].slice(0, 8);
  if (!words.length) return undefined;
  const rows = await db.query<{ w: string; known: boolean; best: string | null }>(
    `SELECT q.w,
            EXISTS (SELECT 1 FROM search_words WHERE key = lower(q.w)) AS known,
            (SELECT s.word FROM search_words s
              WHERE s.key % lower(q.w) AND similarity(s.key, lower(q.w)) >= $2
              ORDER BY s.key <-> lower(q.w) LIMIT 1) AS best
       FROM unnest($1::text[]) AS q(w)`,
    [words, MIN_SIMILARITY],
  );
  const replace = new Map<string, string>();
  for (const r of rows) if (!r.known && r.best && r.best.toLowerCase() !== r.w.toLowerCase()) replace.set(r.w, r.best);
  if (!replace.size) return undefined;
  const suggestion = query.replace(WORD, (w) => replace.get(w) ?? w);
  const [now, then] = await Promise.all([countMatches(db, query, opts), countMatches(db, suggestion, opts)]);
  return then > now ? suggestion : undefined;
}

async function countMatches(db: Queryable, query: string, opts: Omit<SearchOptions, 'query' | 'limit'>): Promise<number> {
  const { tsquery, tree } = await parseQuery(db, query);
  if (!tsquery || tree === 'T' || countTerms(tsquery) > MAX_QUERY_TERMS) return 0;
  const { where, params } = searchFilter(tsquery, { ...opts, query, limit: 0 });
  const rows = await db.query<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM stories WHERE ${where} LIMIT 100) AS m`, params);
  return Number(rows[0]?.n ?? 0);
}

const trigramCache = new WeakMap<object, Promise<boolean>>();

/** pg_trgm present? From the database's extension list when it has one, else asked once. */
function hasTrigrams(db: Queryable & { extensions?: readonly string[] }): Promise<boolean> {
  if (Array.isArray(db.extensions)) return Promise.resolve(db.extensions.includes('pg_trgm'));
  let known = trigramCache.get(db);
  if (!known) {
    known = db.query<{ ok: boolean }>("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS ok")
      .then((r) => Boolean(r[0]?.ok))
      .catch(() => false);
    trigramCache.set(db, known);
  }
  return known;
}
