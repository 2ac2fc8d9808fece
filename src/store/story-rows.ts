import { blocksToText, sectionSlug, slugify, type Figure, type Story, type StoryKind, type StoryStatus } from '../content/index.js';
import type { StorySummary } from './types.js';

/**
 * Mapping between Story objects and rows of `stories`. The row keeps the whole
 * story in `doc`; the columns are derived from it here and nowhere else.
 */

/** Columns in the order of the parameters produced by storyParams. */
export const STORY_COLUMNS = [
  'id', 'slug', 'kind', 'status', 'language', 'section', 'section_slug', 'topics', 'headline', 'kicker', 'teaser',
  'first_published_at', 'updated_at', 'broadcast_at', 'broadcast_programme', 'doc', 'version', 'created_at', 'modified_at',
  'embargo_until', 'publish_at', 'depublish_at', 'depublished_at', 'author_slugs', 'owner_id', 'modified_by',
] as const;

/** SQL types of those parameters, so both engines read the strings the same way. */
const CASTS: Partial<Record<(typeof STORY_COLUMNS)[number], string>> = {
  id: 'uuid', topics: 'text[]', first_published_at: 'timestamptz', updated_at: 'timestamptz',
  broadcast_at: 'timestamptz', doc: 'jsonb', version: 'int', created_at: 'timestamptz', modified_at: 'timestamptz',
  embargo_until: 'timestamptz', publish_at: 'timestamptz', depublish_at: 'timestamptz', depublished_at: 'timestamptz',
  author_slugs: 'text[]', owner_id: 'uuid', modified_by: 'uuid',
};

export function placeholder(column: (typeof STORY_COLUMNS)[number], index: number): string {
  const cast = CASTS[column];
  return cast ? `$${index}::${cast}` : `$${index}`;
}

/**
 * Body text beyond this is left out of the search vector: PostgreSQL limits a
 * tsvector to 1 MB, and the first 200,000 characters describe any story.
 */
const MAX_SEARCH_BODY = 200_000;

/**
 * The search vector as an SQL expression over three text parameters:
 * headline (weight A), kicker + teaser + topics (B), body text (C).
 */
export function searchExpression(headline: number, secondary: number, body: number): string {
  return `setweight(to_tsvector('german', $${headline}::text), 'A') || `
    + `setweight(to_tsvector('german', $${secondary}::text), 'B') || `
    + `setweight(to_tsvector('german', $${body}::text), 'C')`;
}

/** Parameters for STORY_COLUMNS, then the two extra search texts (secondary, body). */
export function storyParams(story: Story): unknown[] {
  const doc = JSON.stringify(story);
  return [
    story.id, story.slug, story.kind, story.status, story.language, story.section, sectionSlug(story.section),
    story.topics, story.headline, story.kicker ?? null, story.teaser ?? null,
    story.firstPublishedAt ?? null, story.updatedAt ?? null, story.broadcast?.startsAt ?? null, story.broadcast?.programme ?? null,
    doc, story.version, story.createdAt, story.modifiedAt,
    story.embargoUntil ?? null, story.scheduledPublishAt ?? null, story.scheduledDepublishAt ?? null, story.depublishedAt ?? null,
    authorSlugs(story), story.ownerId ?? null, story.modifiedBy ?? null,
    [story.kicker, story.teaser, ...story.topics].filter(Boolean).join('\n'),
    blocksToText(story.body).slice(0, MAX_SEARCH_BODY),
  ];
}

/** Slugs of the story's author names (author pages), without duplicates. */
export function authorSlugs(story: Pick<Story, 'authors'>): string[] {
  return [...new Set(story.authors.map((a) => slugify(a.name)).filter(Boolean))];
}

export interface StoryRow {
  doc: Story;
  version: number;
  status: StoryStatus;
  slug: string;
}

/** `doc` as written, with the columns the database owns laid over it. */
export function storyFromRow(row: StoryRow): Story {
  return { ...row.doc, slug: row.slug, status: row.status, version: row.version };
}

export const SUMMARY_SELECT = `id, slug, kind, status, language, section, section_slug, topics, kicker, headline, teaser,
  doc->'lead' AS lead, doc->>'firstPublishedAt' AS first_published_at_text,
  (doc->'media'->>'durationSeconds')::int AS duration_seconds`;

export interface SummaryRow {
  id: string;
  slug: string;
  kind: StoryKind;
  status: StoryStatus;
  language: string;
  section: string;
  section_slug: string;
  topics: string[];
  kicker: string | null;
  headline: string;
  teaser: string | null;
  lead: Figure | null;
  first_published_at_text: string | null;
  duration_seconds: number | null;
}

export function summaryFromRow(r: SummaryRow): StorySummary {
  const s: StorySummary = {
    id: r.id,
    slug: r.slug,
    kind: r.kind,
    status: r.status,
    language: r.language,
    section: r.section,
    sectionSlug: r.section_slug,
    topics: r.topics,
    headline: r.headline,
  };
  if (r.kicker !== null) s.kicker = r.kicker;
  if (r.teaser !== null) s.teaser = r.teaser;
  if (r.lead !== null) s.lead = r.lead;
  // The story's own string (with its offset), so the cursor built from it matches the column exactly.
  if (r.first_published_at_text !== null) s.firstPublishedAt = r.first_published_at_text;
  if (r.duration_seconds !== null) s.durationSeconds = r.duration_seconds;
  return s;
}
