import { LIMITS, LedeError, formatIssues, isSlug, topicSlug, type ValidationIssue } from '../content/index.js';
import { publishedClauses } from './published-filter.js';
import type { Queryable } from './types.js';

/** A topic (dossier) as the newsroom describes it: the name stories use, and an introduction. */
export interface Topic {
  slug: string;
  name: string;
  /** Plain text; a blank line separates paragraphs. */
  intro?: string;
  /** Bumped by every write; an editor's save names the version it edited (migration 010). */
  version: number;
  updatedAt: string;
}

export interface TopicInput {
  name: string;
  /** Defaults to the slug of `name` (the slug the topic's page has). */
  slug?: string;
  /** Empty or missing: no introduction. */
  intro?: string;
}

/** A topic as it is written: checked and normalised. */
export interface CheckedTopic {
  slug: string;
  name: string;
  intro: string | undefined;
}

/** Longest introduction: a few paragraphs, not an article. */
export const MAX_TOPIC_INTRO = 4000;

interface TopicRow {
  slug: string;
  name: string;
  intro: string | null;
  version: number;
  updated_at: string;
}

const COLUMNS = 'slug, name, intro, version, updated_at';
const fromRow = (r: TopicRow): Topic => ({ slug: r.slug, name: r.name, ...(r.intro && { intro: r.intro }), version: Number(r.version), updatedAt: r.updated_at });

/** Checks and normalises a topic; throws VALIDATION naming every problem. */
export function checkTopic(input: TopicInput): CheckedTopic {
  const name = input.name?.trim() ?? '';
  const slug = input.slug ?? topicSlug(name);
  const intro = normaliseIntro(input.intro);
  const issues: ValidationIssue[] = [];
  if (!name) issues.push({ path: 'name', message: `required, at most ${LIMITS.topic} characters`, code: 'required', params: { max: LIMITS.topic } });
  else if (name.length > LIMITS.topic) issues.push({ path: 'name', message: `at most ${LIMITS.topic} characters, got ${name.length}`, code: 'too_long', params: { max: LIMITS.topic, got: name.length } });
  // A slug made from a missing name says nothing new.
  if ((name || input.slug !== undefined) && !isSlug(slug)) issues.push({ path: 'slug', message: 'lower-case letters, digits and single hyphens, at most 120 characters', code: 'bad_slug' });
  if (intro && intro.length > MAX_TOPIC_INTRO) issues.push({ path: 'intro', message: `at most ${MAX_TOPIC_INTRO} characters, got ${intro.length}`, code: 'too_long', params: { max: MAX_TOPIC_INTRO, got: intro.length } });
  if (issues.length) throw new LedeError('VALIDATION', `topic is invalid: ${formatIssues(issues)}`, { reason: 'input_invalid', issues });
  return { slug, name, intro };
}

/** The `topics` table (migration 004, versioned since 010): names and introductions of topic pages. */
export class TopicRepository {
  constructor(private readonly db: Queryable) {}

  async get(slug: string): Promise<Topic | undefined> {
    if (!isSlug(slug)) return undefined;
    const rows = await this.db.query<TopicRow>(`SELECT ${COLUMNS} FROM topics WHERE slug = $1`, [slug]);
    return rows[0] && fromRow(rows[0]);
  }

  /**
   * Creates the topic or replaces its name and introduction, whatever version
   * is stored (last write wins: for the demo content and one-shot commands,
   * never for editors, who use create/update). Throws VALIDATION naming what is wrong.
   */
  async upsert(input: TopicInput): Promise<Topic> {
    const t = checkTopic(input);
    const rows = await this.db.query<TopicRow>(
      `INSERT INTO topics (slug, name, intro, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, intro = EXCLUDED.intro, version = topics.version + 1, updated_at = now()
       RETURNING ${COLUMNS}`,
      [t.slug, t.name, t.intro ?? null],
    );
    return fromRow(rows[0]!);
  }

  /** Creates a topic at version 1; undefined when one with this slug exists already (nothing is changed then). */
  async create(t: CheckedTopic): Promise<Topic | undefined> {
    const rows = await this.db.query<TopicRow>(
      `INSERT INTO topics (slug, name, intro, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (slug) DO NOTHING RETURNING ${COLUMNS}`,
      [t.slug, t.name, t.intro ?? null],
    );
    return rows[0] && fromRow(rows[0]);
  }

  /**
   * Replaces the name and introduction if the stored version is still
   * `expectedVersion` (checked in the UPDATE itself, so two saves racing
   * cannot both win); undefined when it is not (or the topic does not exist).
   */
  async update(t: CheckedTopic, expectedVersion: number): Promise<Topic | undefined> {
    const rows = await this.db.query<TopicRow>(
      `UPDATE topics SET name = $2, intro = $3, version = version + 1, updated_at = now()
        WHERE slug = $1 AND version = $4::int RETURNING ${COLUMNS}`,
      [t.slug, t.name, t.intro ?? null, expectedVersion],
    );
    return rows[0] && fromRow(rows[0]);
  }

  /** Every described topic, by name. */
  async list(): Promise<Topic[]> {
    const rows = await this.db.query<TopicRow>(`SELECT ${COLUMNS} FROM topics ORDER BY name, slug`);
    return rows.map(fromRow);
  }
}

/** How many stories (of any status) name each topic, by the name they use. */
export async function topicUsage(db: Queryable): Promise<Array<{ name: string; stories: number }>> {
  const rows = await db.query<{ name: string; n: number | string }>('SELECT t AS name, count(*) AS n FROM stories, unnest(topics) AS t GROUP BY t ORDER BY t');
  return rows.map((r) => ({ name: r.name, stories: Number(r.n) }));
}

/** Line ends unified, spaces at paragraph edges trimmed, runs of blank lines made one; empty → undefined. */
function normaliseIntro(intro: string | undefined): string | undefined {
  if (intro === undefined) return undefined;
  const text = intro.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).join('\n\n');
  return text || undefined;
}

/** One entry of a topic's timeline. */
export interface TimelineEntry {
  id: string;
  slug: string;
  sectionSlug: string;
  language: string;
  kicker?: string;
  headline: string;
  /** First publication (UTC, from the column). */
  publishedAt: string;
}

interface TimelineRow {
  id: string;
  slug: string;
  section_slug: string;
  language: string;
  kicker: string | null;
  headline: string;
  first_published_at: string;
}

/**
 * A topic's public stories oldest first: the first `limit` of them. Reads
 * columns only (no `doc`), so a long timeline costs no story decompression.
 */
export async function topicTimeline(db: Queryable, topic: string, limit: number): Promise<TimelineEntry[]> {
  const params: unknown[] = [];
  const where = publishedClauses({ topic }, params).join(' AND ');
  params.push(Math.max(0, Math.floor(limit)));
  const rows = await db.query<TimelineRow>(
    `SELECT id, slug, section_slug, language, kicker, headline, first_published_at FROM stories
      WHERE ${where}
      ORDER BY first_published_at ASC, id ASC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id, slug: r.slug, sectionSlug: r.section_slug, language: r.language,
    ...(r.kicker !== null && { kicker: r.kicker }), headline: r.headline, publishedAt: r.first_published_at,
  }));
}
