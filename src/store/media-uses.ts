import type { Block, Figure, StoryDraft } from '../content/index.js';
import type { Queryable } from './types.js';

/**
 * Where media library pictures are used (table media_uses, migration 008):
 * derived from a story's figures and rewritten by StoryService in the same
 * transaction as every story write. The story document stays the source of
 * truth; this is its index by asset.
 */

export const USE_PLACES = ['lead', 'body', 'related', 'author'] as const;
export type UsePlace = (typeof USE_PLACES)[number];

/** One figure of a story, with its path as validation names it ("lead", "body[3]", "related[0].image"). */
export interface FigureAt {
  path: string;
  place: UsePlace;
  figure: Figure;
}

/**
 * Every figure of a story, in reading order: the lead, body figures (ticker
 * entries' bodies included), related teasers' images, authors' images.
 */
export function figuresOf(story: Pick<StoryDraft, 'lead' | 'body' | 'related' | 'authors'>): FigureAt[] {
  const out: FigureAt[] = [];
  if (story.lead) out.push({ path: 'lead', place: 'lead', figure: story.lead });
  const walk = (blocks: Block[], base: string) => {
    blocks.forEach((b, i) => {
      if (b.type === 'figure') out.push({ path: `${base}[${i}]`, place: 'body', figure: b });
      else if (b.type === 'ticker-entry') walk(b.body, `${base}[${i}].body`);
    });
  };
  walk(story.body ?? [], 'body');
  (story.related ?? []).forEach((r, i) => r.image && out.push({ path: `related[${i}].image`, place: 'related', figure: r.image }));
  (story.authors ?? []).forEach((a, i) => a.image && out.push({ path: `authors[${i}].image`, place: 'author', figure: a.image }));
  return out;
}

/** The distinct (asset, place) pairs of a story: its rows in media_uses. */
export function mediaUsesOf(story: Pick<StoryDraft, 'lead' | 'body' | 'related' | 'authors'>): { assetId: string; place: UsePlace }[] {
  const seen = new Set<string>();
  const out: { assetId: string; place: UsePlace }[] = [];
  for (const { figure, place } of figuresOf(story)) {
    if (!figure.assetId || seen.has(`${figure.assetId}|${place}`)) continue;
    seen.add(`${figure.assetId}|${place}`);
    out.push({ assetId: figure.assetId, place });
  }
  return out;
}

/** Replaces a story's rows in media_uses (call inside the transaction that writes the story). */
export async function writeMediaUses(tx: Queryable, storyId: string, uses: { assetId: string; place: UsePlace }[]): Promise<void> {
  await tx.query('DELETE FROM media_uses WHERE story_id = $1::uuid', [storyId]);
  if (!uses.length) return;
  await tx.query(
    `INSERT INTO media_uses (story_id, asset_id, place)
     SELECT $1::uuid, u.asset_id, u.place FROM unnest($2::uuid[], $3::text[]) AS u(asset_id, place)
     ON CONFLICT DO NOTHING`,
    [storyId, uses.map((u) => u.assetId), uses.map((u) => u.place)],
  );
}

/** A story that uses an asset, as the library's "used in" list shows it. */
export interface AssetUse {
  storyId: string;
  slug: string;
  sectionSlug: string;
  headline: string;
  status: string;
  /** Where in the story: lead, body, related, author (sorted). */
  places: UsePlace[];
  modifiedAt: string;
}

/**
 * The stories that use an asset ("used in 3 stories"), every status, most
 * recently changed first, with where each uses it.
 */
export async function storiesUsingAsset(db: Queryable, assetId: string, limit = 500): Promise<AssetUse[]> {
  const rows = await db.query<{ id: string; slug: string; section_slug: string; headline: string; status: string; places: string[]; modified_at: string }>(
    `SELECT s.id, s.slug, s.section_slug, s.headline, s.status, s.modified_at::text AS modified_at,
            array_agg(u.place ORDER BY u.place) AS places
       FROM media_uses u JOIN stories s ON s.id = u.story_id
      WHERE u.asset_id = $1::uuid
      GROUP BY s.id
      ORDER BY s.modified_at DESC, s.id LIMIT $2`,
    [assetId, limit],
  );
  return rows.map((r) => ({
    storyId: r.id, slug: r.slug, sectionSlug: r.section_slug, headline: r.headline, status: r.status,
    places: (Array.isArray(r.places) ? r.places : []) as UsePlace[], modifiedAt: r.modified_at,
  }));
}

/** How many stories use each asset (0 for unused ones). */
export async function countAssetUses(db: Queryable, assetIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(assetIds.map((id) => [id, 0]));
  if (!assetIds.length) return counts;
  const rows = await db.query<{ asset_id: string; n: number }>(
    'SELECT asset_id, count(DISTINCT story_id)::int AS n FROM media_uses WHERE asset_id = ANY($1::uuid[]) GROUP BY asset_id',
    [assetIds],
  );
  for (const r of rows) counts.set(r.asset_id, Number(r.n));
  return counts;
}

/** What publishing needs to know of the assets a story names: which exist, and their credit line. */
export async function assetCredits(db: Queryable, assetIds: string[]): Promise<Map<string, { credit?: string }>> {
  const out = new Map<string, { credit?: string }>();
  if (!assetIds.length) return out;
  const rows = await db.query<{ id: string; credit: string | null }>('SELECT id, credit FROM media_assets WHERE id = ANY($1::uuid[])', [assetIds]);
  for (const r of rows) out.set(r.id, r.credit ? { credit: r.credit } : {});
  return out;
}
