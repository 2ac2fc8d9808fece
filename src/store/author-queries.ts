import { slugify, type Author } from '../content/index.js';
import { publishedClauses } from './published-filter.js';
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

