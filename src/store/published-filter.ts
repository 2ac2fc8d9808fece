/**
 * What makes a story public: published, and its embargo (if any) has passed.
 * Every reader-facing query uses this one expression; its first term matches
 * the partial indexes on `status = 'published'`.
 */
export const PUBLIC_STORY = "status = 'published' AND (embargo_until IS NULL OR embargo_until <= now())";

/** True when a story read in full may be shown to readers (the same rule as PUBLIC_STORY). */
export function isPublic(story: { status: string; embargoUntil?: string }, now: number = Date.now()): boolean {
  return story.status === 'published' && (!story.embargoUntil || Date.parse(story.embargoUntil) <= now);
}

/**
 * The WHERE clauses every reader-facing list shares: published stories only,
 * optionally of one section and one topic. Appends its values to `params` (so
 * callers may have pushed their own first) and returns the clauses to AND.
 */
export function publishedClauses(opts: { sectionSlug?: string; topic?: string; authorSlug?: string }, params: unknown[]): string[] {
  const clauses = [PUBLIC_STORY];
  if (opts.sectionSlug !== undefined) {
    params.push(opts.sectionSlug);
    clauses.push(`section_slug = $${params.length}`);
  }
  if (opts.topic !== undefined) {
    params.push(opts.topic);
    clauses.push(`topics @> ARRAY[$${params.length}::text]`);
  }
  if (opts.authorSlug !== undefined) {
    params.push(opts.authorSlug);
    clauses.push(`author_slugs @> ARRAY[$${params.length}::text]`);
  }
  return clauses;
}
