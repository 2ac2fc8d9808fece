/**
 * The WHERE clauses every reader-facing list shares: published stories only,
 * optionally of one section and one topic. Appends its values to `params` (so
 * callers may have pushed their own first) and returns the clauses to AND.
 */
export function publishedClauses(opts: { sectionSlug?: string; topic?: string }, params: unknown[]): string[] {
  const clauses = ["status = 'published'"];
  if (opts.sectionSlug !== undefined) {
    params.push(opts.sectionSlug);
    clauses.push(`section_slug = $${params.length}`);
  }
  if (opts.topic !== undefined) {
    params.push(opts.topic);
    clauses.push(`topics @> ARRAY[$${params.length}::text]`);
  }
  return clauses;
}
