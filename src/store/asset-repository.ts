import { LedeError, zonedIso } from '../content/index.js';
import { isUuid } from './story-repository.js';
import type { Queryable } from './types.js';
import type { MediaType } from '../imaging/intake.js';
import type { Crop, RenditionFormat } from '../imaging/renditions.js';

/** One picture of the media library (table media_assets, migration 007). */
export interface MediaAsset {
  id: string;
  sha256: string;
  originalName?: string;
  mime: MediaType;
  /** As displayed (after EXIF orientation). */
  width: number;
  height: number;
  bytes: number;
  storageKey: string;
  /** The point crops keep in view, 0..1 from the left / top. */
  focalX: number;
  focalY: number;
  rights: AssetRights;
  /** The file's own description (IPTC/XMP); a story's caption is its own. */
  embeddedCaption?: string;
  createdBy?: string;
  createdAt: string;
  updatedAt: string;
}

/** The rights of an asset: read from the file on upload, editable afterwards. */
export interface AssetRights {
  /** As printed after "Bildrechte:", e.g. "dpa". */
  credit?: string;
  copyrightHolder?: string;
  /** Source or agency. */
  source?: string;
  /** Licence name or URL. */
  licence?: string;
  /** e.g. "nur redaktionelle Nutzung". */
  usageTerms?: string;
  creator?: string;
  /** ISO 8601; unbounded when missing. */
  validFrom?: string;
  validUntil?: string;
}

export interface NewAsset {
  id: string;
  sha256: string;
  originalName?: string;
  mime: MediaType;
  width: number;
  height: number;
  bytes: number;
  storageKey: string;
  focalX?: number;
  focalY?: number;
  rights: AssetRights;
  embeddedCaption?: string;
  createdBy?: string;
}

export interface RenditionRecord {
  assetId: string;
  crop: Crop;
  width: number;
  height: number;
  format: RenditionFormat;
  storageKey: string;
  bytes: number;
}

export type RightsStatus = 'valid' | 'expiring' | 'lapsed' | 'not_yet_valid';

/** How far ahead "expiring" looks (7 days). */
export const EXPIRING_WITHIN_MS = 7 * 24 * 3600_000;

/**
 * Where an asset's rights stand at `now`: not yet valid before valid_from,
 * lapsed from valid_until on (the end is exclusive), expiring when
 * valid_until is within `withinMs` (7 days), else valid.
 */
export function rightsStatus(rights: Pick<AssetRights, 'validFrom' | 'validUntil'>, now: Date, withinMs = EXPIRING_WITHIN_MS): RightsStatus {
  const t = now.getTime();
  if (rights.validFrom && t < Date.parse(rights.validFrom)) return 'not_yet_valid';
  if (rights.validUntil) {
    const end = Date.parse(rights.validUntil);
    if (t >= end) return 'lapsed';
    if (end - t <= withinMs) return 'expiring';
  }
  return 'valid';
}

/** True when the asset may be shown at `now` (valid or expiring). */
export function isShowable(rights: Pick<AssetRights, 'validFrom' | 'validUntil'>, now: Date): boolean {
  const s = rightsStatus(rights, now);
  return s === 'valid' || s === 'expiring';
}

const LIMITS = { credit: 200, copyrightHolder: 200, source: 200, licence: 500, usageTerms: 2000, creator: 200, embeddedCaption: 2000, originalName: 255 };

/** Checks and normalises rights: trimmed, empty → undefined, lengths, ISO times, order. Throws VALIDATION. */
export function normaliseRights(input: AssetRights): AssetRights {
  const problems: string[] = [];
  const out: AssetRights = {};
  for (const key of ['credit', 'copyrightHolder', 'source', 'licence', 'usageTerms', 'creator'] as const) {
    const v = input[key]?.replace(/\s+/g, ' ').trim();
    if (!v) continue;
    if (v.length > LIMITS[key]) problems.push(`${key}: at most ${LIMITS[key]} characters`);
    out[key] = v;
  }
  for (const key of ['validFrom', 'validUntil'] as const) {
    const v = input[key]?.trim();
    if (!v) continue;
    const instant = rightsInstant(v, key === 'validUntil');
    if (instant) out[key] = instant;
    else problems.push(`${key}: an ISO 8601 date or time, e.g. 2026-12-31 or 2026-12-31T23:59:00+01:00`);
  }
  if (out.validFrom && out.validUntil && Date.parse(out.validUntil) <= Date.parse(out.validFrom)) {
    problems.push('validUntil: must be after validFrom');
  }
  if (problems.length) throw new LedeError('VALIDATION', `the image rights are invalid: ${problems.join('; ')}`);
  return out;
}

/**
 * A rights boundary as an instant. A date alone means the whole day in the
 * newsroom's zone (Europe/Berlin): "valid from 2026-12-01" starts at its
 * midnight, "valid until 2026-12-31" ends at the midnight after it (the end is
 * exclusive). A time without an offset is Berlin wall-clock time.
 */
function rightsInstant(v: string, isEnd: boolean): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (m[4] === undefined) {
    const day = isEnd ? new Date(Date.UTC(y, mo - 1, d + 1)) : new Date(Date.UTC(y, mo - 1, d));
    if (isEnd && zonedIso(y, mo, d) === undefined) return undefined;
    return zonedIso(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
  }
  if (m[7] !== undefined) return Number.isNaN(Date.parse(v.replace(' ', 'T'))) ? undefined : v.replace(' ', 'T');
  const local = zonedIso(y, mo, d, Number(m[4]), Number(m[5]));
  if (!local) return undefined;
  return m[6] && m[6] !== '00' ? new Date(Date.parse(local) + Number(m[6]) * 1000).toISOString() : local;
}

/** A media_assets row as selected with ASSET_COLUMNS. */
export interface AssetRow {
  id: string;
  sha256: string;
  original_name: string | null;
  mime: MediaType;
  width: number;
  height: number;
  bytes: number | string;
  storage_key: string;
  focal_x: number;
  focal_y: number;
  credit: string | null;
  copyright_holder: string | null;
  source: string | null;
  licence: string | null;
  usage_terms: string | null;
  creator: string | null;
  embedded_caption: string | null;
  valid_from: string | null;
  valid_until: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** The media_assets columns assetFromRow reads. */
export const ASSET_COLUMNS = `id, sha256, original_name, mime, width, height, bytes, storage_key, focal_x, focal_y, credit, copyright_holder,
  source, licence, usage_terms, creator, embedded_caption, valid_from, valid_until, created_by, created_at, updated_at`;

/** A media_assets row as an asset (rights left out where NULL). */
export function assetFromRow(r: AssetRow): MediaAsset {
  const opt = <K extends string>(key: K, v: string | null) => (v === null ? {} : ({ [key]: v } as Record<K, string>));
  return {
    id: r.id,
    sha256: r.sha256,
    ...opt('originalName', r.original_name),
    mime: r.mime,
    width: r.width,
    height: r.height,
    bytes: Number(r.bytes),
    storageKey: r.storage_key,
    focalX: Number(r.focal_x),
    focalY: Number(r.focal_y),
    rights: {
      ...opt('credit', r.credit),
      ...opt('copyrightHolder', r.copyright_holder),
      ...opt('source', r.source),
      ...opt('licence', r.licence),
      ...opt('usageTerms', r.usage_terms),
      ...opt('creator', r.creator),
      ...opt('validFrom', r.valid_from),
      ...opt('validUntil', r.valid_until),
    },
    ...opt('embeddedCaption', r.embedded_caption),
    ...opt('createdBy', r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

interface RenditionRow {
  asset_id: string;
  crop: Crop;
  width: number;
  height: number;
  format: RenditionFormat;
  storage_key: string;
  bytes: number;
}

const renditionFromRow = (r: RenditionRow): RenditionRecord => ({
  assetId: r.asset_id, crop: r.crop, width: r.width, height: r.height, format: r.format, storageKey: r.storage_key, bytes: r.bytes,
});

/** The media_assets and media_renditions tables. */
export class AssetRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Inserts the asset, or, when an asset with the same file (sha256) exists,
   * leaves it as it is. Returns the stored asset and whether it is new.
   */
  async insert(a: NewAsset): Promise<{ asset: MediaAsset; created: boolean }> {
    const rights = normaliseRights(a.rights);
    const rows = await this.db.query<AssetRow>(
      `INSERT INTO media_assets (id, sha256, original_name, mime, width, height, bytes, storage_key, focal_x, focal_y,
         credit, copyright_holder, source, licence, usage_terms, creator, embedded_caption, valid_from, valid_until, created_by)
       VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::timestamptz, $19::timestamptz, $20::uuid)
       ON CONFLICT (sha256) DO NOTHING
       RETURNING ${ASSET_COLUMNS}`,
      [a.id, a.sha256, a.originalName?.slice(0, LIMITS.originalName) ?? null, a.mime, a.width, a.height, a.bytes, a.storageKey,
        a.focalX ?? 0.5, a.focalY ?? 0.5, rights.credit ?? null, rights.copyrightHolder ?? null, rights.source ?? null,
        rights.licence ?? null, rights.usageTerms ?? null, rights.creator ?? null, a.embeddedCaption?.slice(0, LIMITS.embeddedCaption) ?? null,
        rights.validFrom ?? null, rights.validUntil ?? null, a.createdBy ?? null],
    );
    if (rows[0]) return { asset: assetFromRow(rows[0]), created: true };
    const existing = await this.bySha256(a.sha256);
    if (!existing) throw new LedeError('CONFLICT', 'the same file was being uploaded and removed at once; try again');
    return { asset: existing, created: false };
  }

  async get(id: string): Promise<MediaAsset | undefined> {
    if (!isUuid(id)) return undefined;
    const rows = await this.db.query<AssetRow>(`SELECT ${ASSET_COLUMNS} FROM media_assets WHERE id = $1::uuid`, [id]);
    return rows[0] && assetFromRow(rows[0]);
  }

  /** Several assets in one query (unknown and malformed ids are left out). */
  async getMany(ids: readonly string[]): Promise<Map<string, MediaAsset>> {
    const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const out = new Map<string, MediaAsset>();
    if (!wanted.length) return out;
    const rows = await this.db.query<AssetRow>(`SELECT ${ASSET_COLUMNS} FROM media_assets WHERE id = ANY($1::uuid[])`, [wanted]);
    for (const r of rows) out.set(r.id, assetFromRow(r));
    return out;
  }

  async bySha256(sha256: string): Promise<MediaAsset | undefined> {
    const rows = await this.db.query<AssetRow>(`SELECT ${ASSET_COLUMNS} FROM media_assets WHERE sha256 = $1`, [sha256]);
    return rows[0] && assetFromRow(rows[0]);
  }

  /** Replaces the asset's rights (all fields; missing ones are cleared). */
  async updateRights(id: string, input: AssetRights): Promise<MediaAsset> {
    const r = normaliseRights(input);
    const rows = await this.db.query<AssetRow>(
      `UPDATE media_assets SET credit = $2, copyright_holder = $3, source = $4, licence = $5, usage_terms = $6, creator = $7,
         valid_from = $8::timestamptz, valid_until = $9::timestamptz, updated_at = now()
       WHERE id = $1::uuid RETURNING ${ASSET_COLUMNS}`,
      [id, r.credit ?? null, r.copyrightHolder ?? null, r.source ?? null, r.licence ?? null, r.usageTerms ?? null, r.creator ?? null,
        r.validFrom ?? null, r.validUntil ?? null],
    );
    if (!rows[0]) throw new LedeError('NOT_FOUND', `no media asset ${id}`);
    return assetFromRow(rows[0]);
  }

  /**
   * Moves the focal point and drops the asset's renditions (they show the old
   * cut); returns the storage keys they had, for the caller to delete once no
   * other rendition uses them.
   */
  async setFocalPoint(id: string, x: number, y: number): Promise<{ asset: MediaAsset; droppedKeys: string[] }> {
    if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) throw new LedeError('VALIDATION', 'the focal point is two fractions between 0 and 1 (x from the left, y from the top)');
    const rows = await this.db.query<AssetRow>(
      `UPDATE media_assets SET focal_x = $2, focal_y = $3, updated_at = now() WHERE id = $1::uuid RETURNING ${ASSET_COLUMNS}`,
      [id, x, y],
    );
    if (!rows[0]) throw new LedeError('NOT_FOUND', `no media asset ${id}`);
    const dropped = await this.db.query<{ storage_key: string }>('DELETE FROM media_renditions WHERE asset_id = $1::uuid RETURNING storage_key', [id]);
    return { asset: assetFromRow(rows[0]), droppedKeys: dropped.map((d) => d.storage_key) };
  }

  /** Deletes the asset and its renditions; returns the asset (for its storage keys) or undefined. */
  async delete(id: string): Promise<{ asset: MediaAsset; renditionKeys: string[] } | undefined> {
    const asset = await this.get(id);
    if (!asset) return undefined;
    const keys = await this.db.query<{ storage_key: string }>('DELETE FROM media_renditions WHERE asset_id = $1::uuid RETURNING storage_key', [id]);
    await this.db.query('DELETE FROM media_assets WHERE id = $1::uuid', [id]);
    return { asset, renditionKeys: keys.map((k) => k.storage_key) };
  }

  /** Assets whose rights end within [now, now + withinMs): the "lapsing soon" list, soonest first. */
  async expiring(now: Date, withinMs = EXPIRING_WITHIN_MS, limit = 200): Promise<MediaAsset[]> {
    const rows = await this.db.query<AssetRow>(
      `SELECT ${ASSET_COLUMNS} FROM media_assets
        WHERE valid_until >= $1::timestamptz AND valid_until < $2::timestamptz
        ORDER BY valid_until, id LIMIT $3`,
      [now.toISOString(), new Date(now.getTime() + withinMs).toISOString(), limit],
    );
    return rows.map(assetFromRow);
  }

  /** Assets whose rights have ended by `now`, most recently lapsed first. */
  async lapsed(now: Date, limit = 200): Promise<MediaAsset[]> {
    const rows = await this.db.query<AssetRow>(
      `SELECT ${ASSET_COLUMNS} FROM media_assets WHERE valid_until <= $1::timestamptz ORDER BY valid_until DESC, id LIMIT $2`,
      [now.toISOString(), limit],
    );
    return rows.map(assetFromRow);
  }

  /**
   * Assets whose rights status changed in (from, to]: valid_until or
   * valid_from passed. What a periodic sweep hands to the page-cache purge
   * (by the asset's surrogate key), so a lapse shows on every page at once.
   */
  async rightsChangedBetween(from: Date, to: Date, limit = 1000): Promise<MediaAsset[]> {
    const rows = await this.db.query<AssetRow>(
      `SELECT ${ASSET_COLUMNS} FROM media_assets
        WHERE (valid_until > $1::timestamptz AND valid_until <= $2::timestamptz)
           OR (valid_from > $1::timestamptz AND valid_from <= $2::timestamptz)
        ORDER BY id LIMIT $3`,
      [from.toISOString(), to.toISOString(), limit],
    );
    return rows.map(assetFromRow);
  }

  /** Records a rendition; a concurrent twin of it wins quietly (returns false). */
  async addRendition(r: RenditionRecord): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO media_renditions (asset_id, crop, width, height, format, storage_key, bytes)
       VALUES ($1::uuid, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING asset_id`,
      [r.assetId, r.crop, r.width, r.height, r.format, r.storageKey, r.bytes],
    );
    return rows.length > 0;
  }

  async rendition(assetId: string, crop: Crop, width: number, format: RenditionFormat): Promise<RenditionRecord | undefined> {
    if (!isUuid(assetId)) return undefined;
    const rows = await this.db.query<RenditionRow>(
      'SELECT asset_id, crop, width, height, format, storage_key, bytes FROM media_renditions WHERE asset_id = $1::uuid AND crop = $2 AND width = $3 AND format = $4',
      [assetId, crop, width, format],
    );
    return rows[0] && renditionFromRow(rows[0]);
  }

  async renditions(assetId: string): Promise<RenditionRecord[]> {
    if (!isUuid(assetId)) return [];
    const rows = await this.db.query<RenditionRow>(
      'SELECT asset_id, crop, width, height, format, storage_key, bytes FROM media_renditions WHERE asset_id = $1::uuid ORDER BY crop, width, format',
      [assetId],
    );
    return rows.map(renditionFromRow);
  }

  /** True when any asset or rendition still refers to `key` (before deleting a shared file). */
  async keyInUse(key: string): Promise<boolean> {
    const rows = await this.db.query(
      'SELECT 1 FROM media_assets WHERE storage_key = $1 UNION ALL SELECT 1 FROM media_renditions WHERE storage_key = $1 LIMIT 1',
      [key],
    );
    return rows.length > 0;
  }
}
