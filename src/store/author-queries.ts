import { slugify, type Author } from '../content/index.js';
import { PUBLIC_STORY, publishedClauses } from './published-filter.js';
import type { Queryable } from './types.js';

/** How an author page introduces its author. */
export interface AuthorProfile {
  slug: string;
  name: string;
  affiliation?: string;
}

/**
 * The author whose name has the slug `slug`, as their most recent public story
 * prints them (name and affiliation change over a career; the newest wins).
 * Undefined when no public story has this author: drafts, embargoed and
 * depublished stories do not make an author page.
 */
export async function authorProfile(db: Queryable, slug: string): Promise<AuthorProfile | undefined> {
  const params: unknown[] = [];
  const where = publishedClauses({ authorSlug: slug }, params).join(' AND ');
  const rows = await db.query<{ authors: Author[] | null }>(
    `SELECT doc->'authors' AS authors FROM stories WHERE ${where}
      ORDER BY first_published_at DESC, id DESC LIMIT 1`,
    params,
  );
  const author = rows[0]?.authors?.find((a) => slugify(a.name) === slug);
  if (!author) return undefined;
  return { slug, name: author.name, ...(author.affiliation && { affiliation: author.affiliation }) };
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
