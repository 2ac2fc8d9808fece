import { slugify, type Story } from '../content/index.js';
import { PUBLIC_STORY, publishedClauses } from './published-filter.js';
import { storyFromRow, SUMMARY_SELECT, summaryFromRow, type StoryRow, type SummaryRow } from './story-rows.js';
import { assetsByIds } from './media-queries.js';
import type { MediaAsset } from './asset-rows.js';
import type { Queryable, StorySummary } from './types.js';

/**
 * Reads of the public content API (/api/v1). Every one goes through
 * PUBLIC_STORY / publishedClauses, the one visibility rule the reader site
 * uses: a draft, a story in review, a scheduled, embargoed or depublished
 * story is never returned.
 */

/** Where a page of the story list starts: after this row in (modified_at DESC, id DESC) order. */
export interface ModifiedCursor {
  modifiedAt: string;
  id: string;
}

export interface PublicStoryFilter {
  sectionSlug?: string;
  /** Topic name as stored (the caller resolves a slug). */
  topic?: string;
  authorSlug?: string;
  kind?: string;
  language?: string;
  /** Changed at or after this instant (ISO 8601). */
  updatedSince?: string;
  /** First published at or after this instant (ISO 8601). */
  publishedSince?: string;
  /** Only these stories (the ids a full-text search matched). */
  ids?: readonly string[];
  after?: ModifiedCursor;
  limit: number;
}

/**
 * Public stories, whole, most recently changed first, in keyset pages over
 * (modified_at, id): a stable order in which a page never repeats or skips a
 * row of the previous one (stories_modified_idx serves it). Returns one row
 * more than `limit` when there is a next page; the caller cuts it.
 */
export async function listPublicStories(db: Queryable, f: PublicStoryFilter): Promise<{ stories: Story[]; cursors: ModifiedCursor[] }> {
  const params: unknown[] = [];
  const clauses = publishedClauses({
    ...(f.sectionSlug !== undefined && { sectionSlug: f.sectionSlug }),
    ...(f.topic !== undefined && { topic: f.topic }),
    ...(f.authorSlug !== undefined && { authorSlug: f.authorSlug }),
  }, params);
  const add = (value: unknown, clause: (n: number) => string) => {
    params.push(value);
    clauses.push(clause(params.length));
  };
  if (f.kind !== undefined) add(f.kind, (n) => `kind = $${n}`);
  if (f.language !== undefined) add(f.language, (n) => `language = $${n}`);
  if (f.updatedSince !== undefined) add(f.updatedSince, (n) => `modified_at >= $${n}::timestamptz`);
  if (f.publishedSince !== undefined) add(f.publishedSince, (n) => `first_published_at >= $${n}::timestamptz`);
  if (f.ids !== undefined) add(f.ids, (n) => `id = ANY($${n}::uuid[])`);
  if (f.after) {
    params.push(f.after.modifiedAt, f.after.id);
    clauses.push(`(modified_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(f.limit + 1);
  const rows = await db.query<StoryRow & { modified_at: string; id: string }>(
    `SELECT doc, version, status, slug, id, modified_at FROM stories WHERE ${clauses.join(' AND ')}
      ORDER BY modified_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  return { stories: rows.map(storyFromRow), cursors: rows.map((r) => ({ modifiedAt: r.modified_at, id: r.id })) };
}

/** An author of public stories: slug, the name as their newest story spells it, how many stories, the newest change. */
export interface PublicAuthor {
  slug: string;
  name: string;
  stories: number;
  lastModified: string;
}

/** Every author with public stories, by slug. */
export async function listPublicAuthors(db: Queryable, limit = 1000): Promise<PublicAuthor[]> {
  const rows = await db.query<{ slug: string; n: number | string; lastmod: string; authors: { name?: string }[] | null }>(
    `SELECT a.slug, count(*) AS n, max(s.modified_at) AS lastmod,
            (array_agg(s.doc->'authors' ORDER BY s.first_published_at DESC, s.id DESC))[1] AS authors
       FROM stories s CROSS JOIN LATERAL unnest(s.author_slugs) AS a(slug)
      WHERE ${PUBLIC_STORY.replace(/\b(status|embargo_until)\b/g, 's.$1')} AND a.slug <> ''
      GROUP BY a.slug ORDER BY a.slug LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ slug: r.slug, name: r.authors ?? [], stories: Number(r.n), lastModified: r.lastmod }))
    .map(({ name, ...rest }) => ({ ...rest, name: pickName(name, rest.slug) }));
}

/** The author's name as their newest story writes it, found by slug the way author_slugs was made. */
function pickName(authors: { name?: string }[], slug: string): string {
  const names = authors.map((a) => a?.name).filter((n): n is string => typeof n === 'string');
  return names.find((n) => slugify(n) === slug) ?? slug;
}

/** A broadcast slot with public stories (newest slots first) and its stories, newest first. */
export interface PublicSlot {
  startsAt: string;
  programme?: string;
  stories: StorySummary[];
}

/** The newest `limit` broadcast slots that have public stories, each with its stories (one query). */
export async function listPublicSlots(db: Queryable, limit: number, before?: string): Promise<PublicSlot[]> {
  const params: unknown[] = [limit];
  const cut = before ? `AND date_trunc('minute', broadcast_at) < $${params.push(before)}::timestamptz` : '';
  const rows = await db.query<SummaryRow & { slot: string; broadcast_programme: string | null }>(
    `WITH slots AS (
       SELECT DISTINCT date_trunc('minute', broadcast_at) AS slot FROM stories
        WHERE ${PUBLIC_STORY} AND broadcast_at IS NOT NULL ${cut}
        ORDER BY slot DESC LIMIT $1)
     SELECT ${SUMMARY_SELECT}, date_trunc('minute', broadcast_at) AS slot, broadcast_programme
       FROM stories WHERE ${PUBLIC_STORY} AND date_trunc('minute', broadcast_at) IN (SELECT slot FROM slots)
      ORDER BY slot DESC, first_published_at DESC, id DESC`,
    params,
  );
  const slots: PublicSlot[] = [];
  for (const r of rows) {
    let slot = slots.at(-1);
    if (!slot || slot.startsAt !== r.slot) {
      slot = { startsAt: r.slot, stories: [] };
      slots.push(slot);
    }
    if (!slot.programme && r.broadcast_programme) slot.programme = r.broadcast_programme;
    slot.stories.push(summaryFromRow(r));
  }
  return slots;
}

/**
 * A media library picture, when at least one public story uses it; its rights
 * are the caller's to check against the clock (the site's rule, isShowable).
 */
export async function publicAsset(db: Queryable, assetId: string): Promise<MediaAsset | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(assetId)) return undefined;
  const used = await db.query<{ one: number }>(
    `SELECT 1 AS one FROM media_uses u JOIN stories s ON s.id = u.story_id
      WHERE u.asset_id = $1 AND ${PUBLIC_STORY.replace(/\b(status|embargo_until)\b/g, 's.$1')} LIMIT 1`,
    [assetId],
  );
  if (!used.length) return undefined;
  return (await assetsByIds(db, [assetId])).get(assetId);
}

/** The public ones of `ids`, whole, in the order of `ids` (search hits keep their rank). */
export async function publicStoriesByIds(db: Queryable, ids: readonly string[]): Promise<Story[]> {
  if (!ids.length) return [];
  const rows = await db.query<StoryRow & { id: string }>(
    `SELECT doc, version, status, slug, id FROM stories WHERE id = ANY($1::uuid[]) AND ${PUBLIC_STORY}`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, storyFromRow(r)]));
  return ids.map((id) => byId.get(id)).filter((s): s is Story => s !== undefined);
}
