import { LedeError, STORY_KINDS, formatIssues, isSlug, type StoryKind, type ValidationIssue } from '../content/index.js';
import type { Queryable } from './types.js';

/** Every section or every kind. */
export const ANY = '*';

/**
 * A retention rule: published stories of `section` (a section slug or '*')
 * and `kind` (or '*') come down `months` after their first publication.
 * `months` null keeps them forever (an exception to a broader rule).
 */
export interface RetentionRule {
  section: string;
  kind: StoryKind | typeof ANY;
  months: number | null;
  updatedAt?: string;
}

/** Longest retention a rule may name: a century. */
export const MAX_RETENTION_MONTHS = 1200;

/** A published story past its rule, for the retention pass. */
export interface ExpiredStory {
  id: string;
  version: number;
  firstPublishedAt: string;
  rule: { section: string; kind: string; months: number };
}

interface RuleRow {
  section_slug: string;
  kind: StoryKind | typeof ANY;
  months: number | null;
  updated_at: string;
}

const fromRow = (r: RuleRow): RetentionRule => ({ section: r.section_slug, kind: r.kind, months: r.months === null ? null : Number(r.months), updatedAt: r.updated_at });

/** Checks rules from an untrusted source; throws VALIDATION naming each problem (with its code). */
export function checkRetentionRules(section: string, rules: unknown): Array<{ kind: StoryKind | typeof ANY; months: number | null }> {
  const problems: ValidationIssue[] = [];
  if (section !== ANY && !isSlug(section)) problems.push({ path: 'section', message: 'a section slug (lower-case letters, digits, hyphens) or "*" for every section', code: 'bad_slug' });
  if (!Array.isArray(rules)) {
    problems.push({ path: 'rules', message: 'a list of {"kind", "months"}', code: 'not_list' });
  } else {
    const kinds = new Set<string>();
    rules.forEach((r: unknown, i) => {
      const { kind = ANY, months } = (r ?? {}) as { kind?: unknown; months?: unknown };
      if (kind !== ANY && !(STORY_KINDS as readonly unknown[]).includes(kind)) {
        problems.push({ path: `rules.${i}.kind`, message: `"*" or one of ${STORY_KINDS.join(', ')}`, code: 'one_of', params: { allowed: [ANY, ...STORY_KINDS] } });
      } else if (kinds.has(kind as string)) {
        problems.push({ path: `rules.${i}.kind`, message: `"${String(kind)}" is named twice`, code: 'named_twice', params: { value: String(kind) } });
      }
      kinds.add(kind as string);
      if (months !== null && !(Number.isInteger(months) && (months as number) >= 1 && (months as number) <= MAX_RETENTION_MONTHS)) {
        problems.push({ path: `rules.${i}.months`, message: `whole months from 1 to ${MAX_RETENTION_MONTHS}, or null to keep forever`, code: 'number_range', params: { min: 1, max: MAX_RETENTION_MONTHS } });
      }
    });
  }
  if (problems.length) throw new LedeError('VALIDATION', `retention rules are invalid: ${formatIssues(problems)}`, { reason: 'input_invalid', issues: problems });
  return (rules as Array<{ kind?: StoryKind | typeof ANY; months: number | null }>).map((r) => ({ kind: r.kind ?? ANY, months: r.months }));
}

/** Every section stories use: its slug, its newest name and how many stories (of any status) are in it. */
export async function sectionUsage(db: Queryable): Promise<Array<{ slug: string; name: string; stories: number }>> {
  const rows = await db.query<{ section_slug: string; section: string; n: number | string }>(
    `SELECT section_slug, (array_agg(section ORDER BY modified_at DESC))[1] AS section, count(*) AS n
       FROM stories GROUP BY section_slug ORDER BY section_slug`,
  );
  return rows.map((r) => ({ slug: r.section_slug, name: r.section, stories: Number(r.n) }));
}

/** The `retention_rules` table (migration 006) and the question the retention pass asks. */
export class RetentionRepository {
  constructor(private readonly db: Queryable) {}

  async list(): Promise<RetentionRule[]> {
    const rows = await this.db.query<RuleRow>('SELECT section_slug, kind, months, updated_at FROM retention_rules ORDER BY section_slug, kind');
    return rows.map(fromRow);
  }

  /** Replaces the rules of one section (or of '*'); run it in a transaction. */
  async replaceSection(section: string, rules: unknown, updatedBy?: string): Promise<RetentionRule[]> {
    const checked = checkRetentionRules(section, rules);
    await this.db.query('DELETE FROM retention_rules WHERE section_slug = $1', [section]);
    for (const r of checked) {
      await this.db.query(
        'INSERT INTO retention_rules (section_slug, kind, months, updated_by) VALUES ($1, $2, $3::int, $4::uuid)',
        [section, r.kind, r.months, updatedBy ?? null],
      );
    }
    return (await this.list()).filter((r) => r.section === section);
  }

  /**
   * Published stories past the most specific rule that matches them, oldest
   * first, at most `limit`. Age counts from the first publication, or from
   * the last time someone put the story back online after it was taken down
   * (otherwise a story republished on purpose would come down again at once). The outer bound (older than the shortest rule)
   * lets the scan use the index on first publication.
   */
  async expired(nowIso: string, limit: number): Promise<ExpiredStory[]> {
    const rows = await this.db.query<{ id: string; version: number; first_published_at: string; section_slug: string; kind: string; months: number }>(
      `SELECT s.id, s.version, s.first_published_at, r.section_slug, r.kind, r.months
         FROM stories s
         CROSS JOIN LATERAL (
           SELECT section_slug, kind, months FROM retention_rules
            WHERE section_slug IN (s.section_slug, '*') AND kind IN (s.kind, '*')
            ORDER BY section_slug = '*', kind = '*' LIMIT 1) r
        WHERE s.status = 'published' AND r.months IS NOT NULL
          AND s.first_published_at < $1::timestamptz - make_interval(months => (SELECT min(months) FROM retention_rules))
          AND s.first_published_at < $1::timestamptz - make_interval(months => r.months)
          -- Put back online on purpose (depublished → published) within the period: the clock restarts then.
          AND NOT EXISTS (
            SELECT 1 FROM audit_log a
             WHERE a.story_id = s.id AND a.action = 'story.published' AND a.detail->>'from' = 'depublished'
               AND a.at >= $1::timestamptz - make_interval(months => r.months))
        ORDER BY s.first_published_at, s.id LIMIT $2`,
      [nowIso, Math.max(0, Math.floor(limit))],
    );
    return rows.map((r) => ({
      id: r.id, version: Number(r.version), firstPublishedAt: r.first_published_at,
      rule: { section: r.section_slug, kind: r.kind, months: Number(r.months) },
    }));
  }
}
