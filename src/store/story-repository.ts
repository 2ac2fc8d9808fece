import { publishedClauses } from './published-filter.js';
import { LedeError, isIsoDateTime, type Story } from '../content/index.js';
import {
  STORY_COLUMNS, SUMMARY_SELECT, placeholder, searchExpression, storyFromRow, storyParams, summaryFromRow,
  type StoryRow, type SummaryRow,
} from './story-rows.js';
import type { ListOptions, Queryable, StorySummary } from './types.js';
import { isUuid } from '../content/ids.js';

export { isUuid };

/** Longest page a caller may ask for; more is a bug or an abuse, not a page. */
export const MAX_PAGE = 500;

const SLUG_MAX = 120;
/** Slug candidates looked up per round (base, base-2, … base-20, then base-21 …). */
const SLUG_ROUND = 20;

/** The n-th candidate for `base`: base itself, then base-2, base-3, … cut to the slug limit. */
function slugCandidate(base: string, n: number): string {
  if (n === 1) return base.slice(0, SLUG_MAX);
  const suffix = `-${n}`;
  return `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
}

interface DbError {
  code?: string;
  constraint?: string;
}

const STORY_SELECT = 'SELECT doc, version, status, slug FROM stories';

/**
 * Stories in the database. Works on the database or inside a transaction (pass
 * `tx`); validation is the caller's job (StoryService), this class only stores
 * and reads what it is given.
 */
export class StoryRepository {
  constructor(private readonly db: Queryable) {}

  /** Stores a new story. Throws LedeError('CONFLICT') when its slug or id is taken. */
  async insert(story: Story): Promise<Story> {
    const n = STORY_COLUMNS.length;
    const values = STORY_COLUMNS.map((c, i) => placeholder(c, i + 1));
    // ON CONFLICT DO NOTHING instead of catching the error: inside a PostgreSQL
    // transaction a failed statement aborts it, and we still want to ask who owns the slug.
    const sql = `INSERT INTO stories (${STORY_COLUMNS.join(', ')}, search)
      VALUES (${values.join(', ')}, ${searchExpression(9, n + 1, n + 2)})
      ON CONFLICT (slug) DO NOTHING RETURNING id`;
    let rows: unknown[];
    try {
      rows = await this.db.query(sql, storyParams(story));
    } catch (err) {
      if ((err as DbError).code === '23505') throw new LedeError('CONFLICT', `story ${story.id} already exists`, { reason: 'story_exists', cause: err });
      throw err;
    }
    if (!rows.length) throw await this.#slugConflict(story.slug, story.id);
    return { ...story };
  }

  /**
   * Stores new stories in one statement (the import's batch path). Returns the
   * ids that were stored; a story whose slug was taken meanwhile is left out
   * (ON CONFLICT, so the transaction survives and the caller decides), and
   * CONFLICT is thrown when an id is taken.
   */
  async insertMany(stories: Story[]): Promise<Set<string>> {
    if (!stories.length) return new Set();
    const n = STORY_COLUMNS.length;
    const per = n + 2;
    const rows = stories.map((_, r) => {
      const o = r * per;
      return `(${STORY_COLUMNS.map((c, i) => placeholder(c, o + i + 1)).join(', ')}, ${searchExpression(o + 9, o + n + 1, o + n + 2)})`;
    });
    const sql = `INSERT INTO stories (${STORY_COLUMNS.join(', ')}, search)
      VALUES ${rows.join(',\n')}
      ON CONFLICT (slug) DO NOTHING RETURNING id`;
    try {
      const stored = await this.db.query<{ id: string }>(sql, stories.flatMap(storyParams));
      return new Set(stored.map((r) => r.id));
    } catch (err) {
      if ((err as DbError).code === '23505') throw new LedeError('CONFLICT', 'a story id of the batch already exists', { reason: 'story_exists', cause: err });
      throw err;
    }
  }

  /** The CONFLICT of a slug that is taken, naming its owner (for callers that stored with insertMany). */
  slugConflict(slug: string, id: string): Promise<LedeError> {
    return this.#slugConflict(slug, id);
  }

  /**
   * Replaces a story when it is still at `expectedVersion`, in one statement
   * (UPDATE … WHERE id AND version), so two editors saving the same version
   * cannot both win. Returns the story with its new version.
   */
  async update(story: Story, expectedVersion: number): Promise<Story> {
    const owner = await this.#slugOwner(story.slug);
    if (owner && owner !== story.id) throw await this.#slugConflict(story.slug, story.id);
    const next: Story = { ...story, version: expectedVersion + 1 };
    const params = storyParams(next);
    const n = STORY_COLUMNS.length;
    const sets = STORY_COLUMNS.map((c, i) => (c === 'id' ? undefined : `${c} = ${placeholder(c, i + 1)}`)).filter(Boolean);
    const sql = `UPDATE stories SET ${sets.join(', ')}, search = ${searchExpression(9, n + 1, n + 2)}
      WHERE id = $1::uuid AND version = $${n + 3}::int RETURNING version`;
    let rows: unknown[];
    try {
      rows = await this.db.query(sql, [...params, expectedVersion]);
    } catch (err) {
      if ((err as DbError).code === '23505') throw await this.#slugConflict(story.slug, story.id);
      throw err;
    }
    if (rows.length) return next;
    const current = await this.db.query<{ version: number }>('SELECT version FROM stories WHERE id = $1::uuid', [story.id]);
    if (!current[0]) throw new LedeError('NOT_FOUND', `no story with id ${story.id}`, { reason: 'no_story' });
    throw new LedeError(
      'VERSION_CONFLICT',
      `story ${story.id} was changed meanwhile: you edited version ${expectedVersion}, the current version is ${current[0].version}. Reload it and apply your changes again.`,
      { reason: 'version_conflict', params: { edited: expectedVersion, current: current[0].version } },
    );
  }

  /** Scheduled stories due to go live and published ones due to come down at `nowIso`, oldest first. */
  async listDue(nowIso: string, limit = 100): Promise<Array<{ id: string; version: number; action: 'publish' | 'depublish' }>> {
    return this.db.query(
      `(SELECT id, version, 'publish' AS action, publish_at AS due FROM stories
         WHERE status = 'scheduled' AND publish_at <= $1::timestamptz ORDER BY publish_at LIMIT $2)
       UNION ALL
       (SELECT id, version, 'depublish' AS action, depublish_at AS due FROM stories
         WHERE status = 'published' AND depublish_at IS NOT NULL AND depublish_at <= $1::timestamptz ORDER BY depublish_at LIMIT $2)
       ORDER BY due`,
      [nowIso, limit],
    );
  }

  async get(id: string): Promise<Story | undefined> {
    if (!isUuid(id)) return undefined;
    const rows = await this.db.query<StoryRow>(`${STORY_SELECT} WHERE id = $1::uuid`, [id]);
    return rows[0] && storyFromRow(rows[0]);
  }

  async getBySlug(slug: string): Promise<Story | undefined> {
    const rows = await this.db.query<StoryRow>(`${STORY_SELECT} WHERE slug = $1`, [slug]);
    return rows[0] && storyFromRow(rows[0]);
  }

  /** An id when it looks like one (falling back to the slug, which may look like an id too), else a slug. */
  async findByIdOrSlug(idOrSlug: string): Promise<Story | undefined> {
    if (isUuid(idOrSlug)) return (await this.get(idOrSlug)) ?? this.getBySlug(idOrSlug);
    return this.getBySlug(idOrSlug);
  }

  /**
   * Published stories, newest first, in pages: pass the last row's
   * firstPublishedAt and id as `before` to get the next page. Keyset, so deep
   * pages cost the same as the first.
   */
  async listPublished(opts: ListOptions): Promise<StorySummary[]> {
    const limit = Math.min(Math.max(Math.floor(opts.limit), 0), MAX_PAGE);
    if (!limit) return [];
    const { where, params } = publishedFilter(opts, true);
    params.push(limit);
    const rows = await this.db.query<SummaryRow>(
      `SELECT ${SUMMARY_SELECT} FROM stories WHERE ${where}
       ORDER BY first_published_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(summaryFromRow);
  }

  /** How many published stories match the filters (the cursor and limit are ignored). */
  async countPublished(opts: Omit<ListOptions, 'limit' | 'before'> & Partial<ListOptions> = {}): Promise<number> {
    const { where, params } = publishedFilter({ ...opts, limit: 0 }, false);
    const rows = await this.db.query<{ n: number }>(`SELECT count(*) AS n FROM stories WHERE ${where}`, params);
    return Number(rows[0]?.n ?? 0);
  }

  async slugExists(slug: string): Promise<boolean> {
    return (await this.#slugOwner(slug)) !== undefined;
  }

  /**
   * `base` when free, else the first free of base-2, base-3, … (cut to the slug
   * limit). Looked up in batches through the unique index. Two writers may
   * still pick the same slug at the same moment; the second insert then gets CONFLICT.
   */
  async uniqueSlug(base: string): Promise<string> {
    return (await this.uniqueSlugs([base]))[0]!;
  }

  /**
   * uniqueSlug for many bases at once, in one lookup per round of 20
   * candidates: each gets the first slug that is free in the table and not
   * handed to an earlier base of the same call or named in `reserved`.
   */
  async uniqueSlugs(bases: string[], reserved: Iterable<string> = []): Promise<string[]> {
    const out: string[] = new Array(bases.length);
    const handed = new Set(reserved);
    let pending = bases.map((_, i) => i);
    for (let start = 1; pending.length; start += SLUG_ROUND) {
      const round = (base: string) => Array.from({ length: SLUG_ROUND }, (_, k) => slugCandidate(base, start + k));
      const asked = [...new Set(pending.flatMap((i) => round(bases[i]!)))];
      const taken = new Set(
        (await this.db.query<{ slug: string }>('SELECT slug FROM stories WHERE slug = ANY($1::text[])', [asked])).map((r) => r.slug),
      );
      const left: number[] = [];
      for (const i of pending) {
        const free = round(bases[i]!).find((s) => !taken.has(s) && !handed.has(s));
        if (free === undefined) {
          left.push(i);
        } else {
          out[i] = free;
          handed.add(free);
        }
      }
      pending = left;
    }
    return out;
  }

  /** All stories, drafts included. */
  async count(): Promise<number> {
    const rows = await this.db.query<{ n: number }>('SELECT count(*) AS n FROM stories');
    return Number(rows[0]?.n ?? 0);
  }

  async #slugOwner(slug: string): Promise<string | undefined> {
    const rows = await this.db.query<{ id: string }>('SELECT id FROM stories WHERE slug = $1', [slug]);
    return rows[0]?.id;
  }

  async #slugConflict(slug: string, id: string): Promise<LedeError> {
    const owner = await this.#slugOwner(slug);
    return new LedeError('CONFLICT', owner && owner !== id
      ? `slug "${slug}" is already used by story ${owner}`
      : `slug "${slug}" is already used by another story`, { reason: 'slug_taken', params: { slug } });
  }
}

/** WHERE clause and parameters shared by listPublished and countPublished. */
function publishedFilter(opts: ListOptions, withCursor: boolean): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const clauses = publishedClauses(opts, params);
  // An id that is not a UUID cannot be in the table: nothing to exclude.
  if (opts.excludeId !== undefined && isUuid(opts.excludeId)) {
    params.push(opts.excludeId);
    clauses.push(`id <> $${params.length}::uuid`);
  }
  if (withCursor && opts.before) {
    const { publishedAt, id } = opts.before;
    if (!isIsoDateTime(publishedAt) || !isUuid(id)) {
      throw new LedeError('VALIDATION', 'the page cursor is broken; start again from the first page', { reason: 'bad_cursor' });
    }
    params.push(publishedAt, id);
    clauses.push(`(first_published_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  return { where: clauses.join(' AND '), params };
}
