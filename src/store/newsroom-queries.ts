import { LedeError, isIsoDateTime, type Author, type StoryKind, type StoryStatus } from '../content/index.js';
import { EXPIRING_WITHIN_MS } from './asset-repository.js';
import { isUuid } from './story-repository.js';
import type { Queryable } from './types.js';

/**
 * The newsroom's story list: every status, newest change first, with the
 * names of the owner and the last editor. Keyset pages over
 * (modified_at DESC, id DESC), the order of stories_modified_idx, so the
 * hundredth page costs what the first does.
 */

export interface NewsroomListFilter {
  /** One or more statuses. */
  statuses?: StoryStatus[];
  sectionSlug?: string;
  /** A topic name as stored in stories.topics. */
  topic?: string;
  /** Stories owned by this account. */
  ownerId?: string;
  /** Stories whose byline has this author (slug of the name, as on author pages). */
  authorSlug?: string;
  /** German full text (websearch syntax) over headline, kicker, teaser, topics and body. */
  q?: string;
  /** Last changed at or after this instant. */
  from?: string;
  /** Last changed before this instant. */
  to?: string;
  /** Stories using a library picture whose rights have lapsed, or lapse within 7 days (media_uses). */
  pictures?: PictureRights;
  /** The clock picture rights are judged by (default: now). */
  now?: Date;
  /** Where the previous page ended. */
  after?: NewsroomCursor;
  limit: number;
}

export const PICTURE_RIGHTS = ['lapsed', 'expiring'] as const;
/** A story's worst picture: one whose rights have lapsed (readers no longer see it), or one lapsing within 7 days. */
export type PictureRights = (typeof PICTURE_RIGHTS)[number];

export interface NewsroomCursor {
  modifiedAt: string;
  id: string;
}

export interface NewsroomSummary {
  id: string;
  slug: string;
  headline: string;
  kicker?: string;
  kind: StoryKind;
  status: StoryStatus;
  section: string;
  topics: string[];
  authors: Author[];
  ownerId: string | null;
  ownerName: string | null;
  version: number;
  modifiedAt: string;
  modifiedByName: string | null;
  firstPublishedAt?: string;
  scheduledPublishAt?: string;
  embargoUntil?: string;
  /** Set when a library picture of the story has lapsed or lapses within 7 days. */
  pictureRights?: PictureRights;
}

export const NEWSROOM_PAGE_MAX = 200;
export const NEWSROOM_QUERY_MAX = 200;

interface Row {
  id: string;
  slug: string;
  headline: string;
  kicker: string | null;
  kind: StoryKind;
  status: StoryStatus;
  section: string;
  topics: string[];
  authors: Author[] | null;
  owner_id: string | null;
  owner_name: string | null;
  version: number;
  modified_at: string;
  modified_at_text: string | null;
  modified_by_name: string | null;
  first_published_at: string | null;
  scheduled_publish_at: string | null;
  embargo_until: string | null;
}

export async function listNewsroomStories(db: Queryable, filter: NewsroomListFilter): Promise<{ items: NewsroomSummary[]; next?: NewsroomCursor }> {
  const limit = Math.min(Math.max(Math.floor(filter.limit), 1), NEWSROOM_PAGE_MAX);
  const params: unknown[] = [];
  const clauses: string[] = [];
  const add = (value: unknown, clause: (p: string) => string) => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  if (filter.statuses?.length) add(filter.statuses, (p) => `s.status = ANY(${p}::text[])`);
  if (filter.sectionSlug) add(filter.sectionSlug, (p) => `s.section_slug = ${p}`);
  if (filter.topic) add([filter.topic], (p) => `s.topics @> ${p}::text[]`);
  if (filter.ownerId) {
    // An owner id that is not a UUID owns nothing.
    if (!isUuid(filter.ownerId)) return { items: [] };
    add(filter.ownerId, (p) => `s.owner_id = ${p}::uuid`);
  }
  if (filter.authorSlug) add([filter.authorSlug], (p) => `s.author_slugs @> ${p}::text[]`);
  if (filter.q) add(filter.q, (p) => `s.search @@ websearch_to_tsquery('german', ${p})`);
  if (filter.from) add(filter.from, (p) => `s.modified_at >= ${p}::timestamptz`);
  if (filter.to) add(filter.to, (p) => `s.modified_at < ${p}::timestamptz`);
  const now = filter.now ?? new Date();
  if (filter.pictures) {
    const at = filter.pictures === 'lapsed' ? [now.toISOString()] : [now.toISOString(), new Date(now.getTime() + EXPIRING_WITHIN_MS).toISOString()];
    params.push(...at);
    const cond = filter.pictures === 'lapsed'
      ? `a.valid_until <= $${params.length}::timestamptz`
      : `a.valid_until > $${params.length - 1}::timestamptz AND a.valid_until <= $${params.length}::timestamptz`;
    clauses.push(`EXISTS (SELECT 1 FROM media_uses u JOIN media_assets a ON a.id = u.asset_id WHERE u.story_id = s.id AND ${cond})`);
  }
  if (filter.after) {
    const { modifiedAt, id } = filter.after;
    if (!isIsoDateTime(modifiedAt) || !isUuid(id)) throw new LedeError('VALIDATION', 'the page cursor is broken; start again from the first page', { reason: 'bad_cursor' });
    params.push(modifiedAt, id);
    clauses.push(`(s.modified_at, s.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(limit + 1);
  const rows = await db.query<Row>(
    `SELECT s.id, s.slug, s.headline, s.kicker, s.kind, s.status, s.section, s.topics, s.doc->'authors' AS authors,
            s.owner_id, o.name AS owner_name, s.version, s.modified_at, s.doc->>'modifiedAt' AS modified_at_text, m.name AS modified_by_name,
            s.doc->>'firstPublishedAt' AS first_published_at, s.doc->>'scheduledPublishAt' AS scheduled_publish_at,
            s.doc->>'embargoUntil' AS embargo_until
       FROM stories s
       LEFT JOIN users o ON o.id = s.owner_id
       LEFT JOIN users m ON m.id = s.modified_by
      ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
      ORDER BY s.modified_at DESC, s.id DESC
      LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const items = page.map((r): NewsroomSummary => ({
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    ...(r.kicker !== null && { kicker: r.kicker }),
    kind: r.kind,
    status: r.status,
    section: r.section,
    topics: r.topics,
    authors: r.authors ?? [],
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    version: r.version,
    // The story's own string (Berlin offset) for display; the cursor uses the column's exact value.
    modifiedAt: r.modified_at_text ?? r.modified_at,
    modifiedByName: r.modified_by_name,
    ...(r.first_published_at !== null && { firstPublishedAt: r.first_published_at }),
    ...(r.scheduled_publish_at !== null && { scheduledPublishAt: r.scheduled_publish_at }),
    ...(r.embargo_until !== null && { embargoUntil: r.embargo_until }),
  }));
  const rights = await pictureRightsOf(db, items.map((i) => i.id), now);
  for (const item of items) {
    const r = rights.get(item.id);
    if (r) item.pictureRights = r;
  }
  const last = page.at(-1);
  return rows.length > limit && last ? { items, next: { modifiedAt: last.modified_at, id: last.id } } : { items };
}

/** For each story that has one, its worst library picture: lapsed, or lapsing within 7 days of `now`. */
export async function pictureRightsOf(db: Queryable, storyIds: string[], now: Date): Promise<Map<string, PictureRights>> {
  const out = new Map<string, PictureRights>();
  if (!storyIds.length) return out;
  const rows = await db.query<{ story_id: string; lapsed: boolean }>(
    `SELECT u.story_id, bool_or(a.valid_until <= $2::timestamptz) AS lapsed
       FROM media_uses u JOIN media_assets a ON a.id = u.asset_id
      WHERE u.story_id = ANY($1::uuid[]) AND a.valid_until <= $3::timestamptz
      GROUP BY u.story_id`,
    [storyIds, now.toISOString(), new Date(now.getTime() + EXPIRING_WITHIN_MS).toISOString()],
  );
  for (const r of rows) out.set(r.story_id, r.lapsed ? 'lapsed' : 'expiring');
  return out;
}

/** Cursors travel as opaque strings. */
export function encodeCursor(c: NewsroomCursor): string {
  return Buffer.from(JSON.stringify([c.modifiedAt, c.id])).toString('base64url');
}

export function decodeCursor(raw: string): NewsroomCursor {
  try {
    const [modifiedAt, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    if (isIsoDateTime(modifiedAt) && typeof id === 'string' && isUuid(id)) return { modifiedAt, id };
  } catch {
    /* fall through */
  }
  throw new LedeError('VALIDATION', 'the page cursor is broken; start again from the first page', {
    reason: 'bad_cursor', issues: [{ path: 'cursor', message: 'not a cursor this API handed out', code: 'bad_cursor' }],
  });
}
