/**
 * The search benchmark's archive: German-looking stories with a skewed word
 * distribution (common base words, rarer compounds, set phrases), filled in
 * batches of INSERT … SELECT FROM jsonb_to_recordset. The story rows come from
 * storyParams (the repository's own column values) and the search vector is
 * built with the repository's expression over the same three texts, so rows
 * look exactly as StoryRepository.insert writes them, at a fraction of the
 * cost of 100,000 single inserts.
 */
import { randomUUID } from 'node:crypto';
import type { Block, Story } from '../src/content/index.js';
import type { Database } from '../src/store/index.js';
import { STORY_COLUMNS, storyParams } from '../src/store/story-rows.js';

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

export function makeArchiveStory(i: number, rnd: () => number, now: number): Story {
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

// Every column that is not text. A column added to STORY_COLUMNS later must be
// named here (or be text): it made the fill fail when embargo_until came in.
const SQL_TYPES: Partial<Record<(typeof STORY_COLUMNS)[number], string>> = {
  id: 'uuid', topics: 'text[]', first_published_at: 'timestamptz', updated_at: 'timestamptz', broadcast_at: 'timestamptz',
  doc: 'jsonb', version: 'int', created_at: 'timestamptz', modified_at: 'timestamptz',
  embargo_until: 'timestamptz', publish_at: 'timestamptz', depublish_at: 'timestamptz', depublished_at: 'timestamptz',
  author_slugs: 'text[]', owner_id: 'uuid', modified_by: 'uuid',
};

/** The same rows StoryRepository.insert writes, many per statement. */
export async function fastFill(db: Database, count: number): Promise<void> {
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

