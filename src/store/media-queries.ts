import { LedeError, isIsoDateTime } from '../content/index.js';
import { EXPIRING_WITHIN_MS, type RightsStatus } from '../content/media-types.js';
import { ASSET_COLUMNS, assetFromRow, type AssetRow, type MediaAsset } from './asset-rows.js';
import { isUuid } from './story-repository.js';
import type { Queryable } from './types.js';

/**
 * The media library's list and usage queries for the newsroom: search by
 * caption, credit and name, upload date, rights status against a clock, keyset
 * pages newest first. "Used in N stories" comes from media_uses
 * (media-uses.ts, migration 008), which every story save rewrites.
 */

export interface MediaListFilter {
  /** Words in the file's caption, credit, name, copyright holder, source or creator. */
  q?: string;
  /** Part of the credit line. */
  credit?: string;
  /** Uploaded at or after / before these instants. */
  from?: string;
  to?: string;
  status?: RightsStatus;
  /** Used by some story, by none, or by a published or scheduled one (what readers see or will see). */
  usage?: MediaUsage;
  after?: MediaCursor;
  limit: number;
}

export const MEDIA_USAGES = ['used', 'unused', 'public'] as const;
export type MediaUsage = (typeof MEDIA_USAGES)[number];

export interface MediaCursor {
  createdAt: string;
  id: string;
}

export function encodeMediaCursor(c: MediaCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');
}

export function decodeMediaCursor(raw: string): MediaCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    if (isIsoDateTime(createdAt) && typeof id === 'string' && isUuid(id)) return { createdAt, id };
  } catch {
    /* fall through */
  }
  throw new LedeError('VALIDATION', 'the page cursor is broken; start again from the first page', {
    reason: 'input_invalid', issues: [{ path: 'cursor', message: 'not a cursor this API handed out', code: 'bad_cursor' }],
  });
}

/** Several assets in one query, by id (unknown and malformed ids are left out): what pages showing pictures read. */
export async function assetsByIds(db: Queryable, ids: readonly string[]): Promise<Map<string, MediaAsset>> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  const out = new Map<string, MediaAsset>();
  if (!wanted.length) return out;
  const rows = await db.query<AssetRow>(`SELECT ${ASSET_COLUMNS} FROM media_assets WHERE id = ANY($1::uuid[])`, [wanted]);
  for (const r of rows) out.set(r.id, assetFromRow(r));
  return out;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** One page of the library, newest upload first, and the cursor of the next page. */
export async function listMediaAssets(db: Queryable, filter: MediaListFilter, now: Date): Promise<{ items: MediaAsset[]; next?: MediaCursor }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (filter.q) {
    // Every word must occur in one of the searchable fields.
    for (const word of filter.q.split(/\s+/).filter(Boolean).slice(0, 8)) {
      const w = p(like(word));
      where.push(`(coalesce(embedded_caption, '') || ' ' || coalesce(credit, '') || ' ' || coalesce(original_name, '') || ' '
        || coalesce(copyright_holder, '') || ' ' || coalesce(source, '') || ' ' || coalesce(creator, '')) ILIKE ${w}`);
    }
  }
  if (filter.credit) where.push(`credit ILIKE ${p(like(filter.credit))}`);
  if (filter.from) where.push(`created_at >= ${p(filter.from)}::timestamptz`);
  if (filter.to) where.push(`created_at < ${p(filter.to)}::timestamptz`);
  if (filter.status) {
    const t = p(now.toISOString());
    const started = `(valid_from IS NULL OR valid_from <= ${t}::timestamptz)`;
    const soon = () => p(new Date(now.getTime() + EXPIRING_WITHIN_MS).toISOString());
    where.push(
      filter.status === 'not_yet_valid' ? `valid_from > ${t}::timestamptz`
        : filter.status === 'lapsed' ? `${started} AND valid_until <= ${t}::timestamptz`
          : filter.status === 'expiring' ? `${started} AND valid_until > ${t}::timestamptz AND valid_until <= ${soon()}::timestamptz`
            : `${started} AND (valid_until IS NULL OR valid_until > ${soon()}::timestamptz)`,
    );
  }
  if (filter.usage) {
    const uses = filter.usage === 'public'
      ? `SELECT 1 FROM media_uses u JOIN stories s ON s.id = u.story_id WHERE u.asset_id = media_assets.id AND s.status IN ('published', 'scheduled')`
      : 'SELECT 1 FROM media_uses u WHERE u.asset_id = media_assets.id';
    where.push(`${filter.usage === 'unused' ? 'NOT ' : ''}EXISTS (${uses})`);
  }
  if (filter.after) where.push(`(created_at, id) < (${p(filter.after.createdAt)}::timestamptz, ${p(filter.after.id)}::uuid)`);
  const rows = await db.query<AssetRow>(
    `SELECT ${ASSET_COLUMNS} FROM media_assets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, id DESC LIMIT ${p(filter.limit + 1)}`,
    params,
  );
  const items = rows.slice(0, filter.limit).map(assetFromRow);
  const last = items[items.length - 1];
  return rows.length > filter.limit && last ? { items, next: { createdAt: last.createdAt, id: last.id } } : { items };
}
