import { PUBLIC_STORY, publishedClauses } from './published-filter.js';
import type { Figure, Story } from '../content/index.js';
import { isUuid } from './story-repository.js';
import { storyFromRow, type StoryRow } from './story-rows.js';
import type { PageCursor, Queryable } from './types.js';

/**
 * Reads for feeds and sitemaps. Published stories only, like everything the
 * reader site sees. Sitemaps walk the archive oldest first in keyset pages, so
 * a chunk's contents stay put while new stories arrive at the end.
 */

export interface FeedFilter {
  sectionSlug?: string;
  topic?: string;
  limit: number;
}

/** Longest feed we build; feeds carry whole stories, so keep them short. */
export const MAX_FEED_ITEMS = 100;

/** Newest published stories, whole (feeds need authors, dates and the lead figure). */
export async function listFeedStories(db: Queryable, filter: FeedFilter): Promise<Story[]> {
  const limit = Math.min(Math.max(Math.floor(filter.limit), 0), MAX_FEED_ITEMS);
  if (!limit) return [];
  const params: unknown[] = [];
  const clauses = publishedClauses(filter, params);
  params.push(limit);
  const rows = await db.query<StoryRow>(
    `SELECT doc, version, status, slug FROM stories WHERE ${clauses.join(' AND ')}
      ORDER BY first_published_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(storyFromRow);
}

/** What a sitemap needs of a story: its address, dates and image sources. */
export interface SitemapStory {
  id: string;
  slug: string;
  sectionSlug: string;
  /** The stored instant (UTC, exact); with `id` the keyset cursor of the next page. */
  firstPublishedAt: string;
  updatedAt?: string;
  /** Sources of the lead figure and of body figures (ticker entries included), in order; may repeat. */
  imageSources: string[];
  /**
   * The lead and body figures themselves (with caption, credit and media
   * library asset), in the same order; the read model resolves their assets
   * and rebuilds `imageSources` from what may be shown.
   */
  images?: Figure[];
}

interface SitemapRow {
  id: string;
  slug: string;
  section_slug: string;
  published_text: string;
  updated_text: string | null;
  lead_src: string | null;
  body_srcs: unknown;
  lead: Figure | null;
  body_figures: unknown;
}

/** Longest page of sitemapPage; a chunk is read in many of these. */
export const MAX_SITEMAP_PAGE = 5000;

/** Published stories oldest first, after `after` (exclusive). */
export async function sitemapPage(db: Queryable, opts: { after?: PageCursor; limit: number }): Promise<SitemapStory[]> {
  const limit = Math.min(Math.max(Math.floor(opts.limit), 0), MAX_SITEMAP_PAGE);
  if (!limit) return [];
  const params: unknown[] = [];
  let cursor = '';
  if (opts.after) {
    if (!isUuid(opts.after.id)) throw new Error('sitemap cursor: bad id');
    params.push(opts.after.publishedAt, opts.after.id);
    cursor = 'AND (first_published_at, id) > ($1::timestamptz, $2::uuid)';
  }
  params.push(limit);
  const rows = await db.query<SitemapRow>(
    `SELECT id, slug, section_slug, first_published_at AS published_text, updated_at AS updated_text,
            doc->'lead'->>'src' AS lead_src,
            -- Body figures at any depth (ticker entries have bodies); strict, so ** yields each once;
            -- silent, so a figure without a file is skipped rather than an error.
            jsonb_path_query_array(doc, 'strict $.** ? (@.type == "figure").src', '{}', true) AS body_srcs,
            doc->'lead' AS lead,
            jsonb_path_query_array(doc, 'strict $.** ? (@.type == "figure")', '{}', true) AS body_figures
       FROM stories WHERE ${PUBLIC_STORY} ${cursor}
      ORDER BY first_published_at, id LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => {
    const body = Array.isArray(r.body_srcs) ? r.body_srcs.filter((s): s is string => typeof s === 'string' && s !== '') : [];
    const s: SitemapStory = {
      id: r.id,
      slug: r.slug,
      sectionSlug: r.section_slug,
      firstPublishedAt: r.published_text,
      imageSources: r.lead_src ? [r.lead_src, ...body] : body,
    };
    const figures = Array.isArray(r.body_figures) ? r.body_figures.filter((f): f is Figure => typeof f === 'object' && f !== null) : [];
    s.images = r.lead ? [r.lead, ...figures] : figures;
    if (r.updated_text) s.updatedAt = r.updated_text;
    return s;
  });
}

/**
 * The cursor of the `index`-th published story (0-based, oldest first), or
 * undefined past the end: where a sitemap chunk starts. An index-only walk of
 * `index` rows, cheap even for deep chunks.
 */
export async function sitemapCursorAt(db: Queryable, index: number): Promise<PageCursor | undefined> {
  const rows = await db.query<{ published_text: string; id: string }>(
    `SELECT first_published_at AS published_text, id FROM stories WHERE ${PUBLIC_STORY}
      ORDER BY first_published_at, id OFFSET $1 LIMIT 1`,
    [Math.max(0, Math.floor(index))],
  );
  const r = rows[0];
  return r && { publishedAt: r.published_text, id: r.id };
}

/** An author page or programme slot with public stories, and when its newest one changed (sitemaps). */
export interface ListedPage {
  key: string;
  lastmod: string;
}

/**
 * Every author with at least one public story (their slug) and the newest
 * change among those stories, at most `limit`, most recently active first.
 */
export async function publicAuthors(db: Queryable, limit: number): Promise<ListedPage[]> {
  const rows = await db.query<{ slug: string; lastmod: string }>(
    `SELECT a.slug, max(coalesce(s.updated_at, s.first_published_at)) AS lastmod
       FROM stories s CROSS JOIN LATERAL unnest(s.author_slugs) AS a(slug)
      WHERE ${PUBLIC_STORY} AND a.slug <> ''
      GROUP BY a.slug ORDER BY lastmod DESC, a.slug LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ key: r.slug, lastmod: r.lastmod }));
}

/** Broadcast slots (start minutes, as slot pages address them) with public stories, the newest `limit` slots first. */
export async function publicBroadcastSlots(db: Queryable, limit: number): Promise<ListedPage[]> {
  const rows = await db.query<{ at: string; lastmod: string }>(
    `SELECT date_trunc('minute', broadcast_at) AS at, max(coalesce(updated_at, first_published_at)) AS lastmod
       FROM stories WHERE ${PUBLIC_STORY} AND broadcast_at IS NOT NULL
      GROUP BY 1 ORDER BY 1 DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ key: r.at, lastmod: r.lastmod }));
}

/** Whether any public story has an author, and whether any has a broadcast slot (the sitemap index, without aggregating). */
export async function hasListedPages(db: Queryable): Promise<{ authors: boolean; programmes: boolean }> {
  const rows = await db.query<{ authors: boolean; programmes: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM stories WHERE ${PUBLIC_STORY} AND cardinality(author_slugs) > 0) AS authors,
            EXISTS (SELECT 1 FROM stories WHERE ${PUBLIC_STORY} AND broadcast_at IS NOT NULL) AS programmes`,
  );
  return { authors: rows[0]?.authors === true, programmes: rows[0]?.programmes === true };
}
