import { LedeError, type ValidationIssue } from '../content/index.js';
import {
  EXPIRING_WITHIN_MS, RIGHTS_DATE_RULE, RIGHTS_MAX, rightsInstant, type AssetRights, type Crop, type RenditionFormat,
} from '../content/media-types.js';
import { isUuid } from './story-repository.js';
import type { Queryable } from './types.js';
import { assetsByIds } from './media-queries.js';
import { ASSET_COLUMNS, assetFromRow, type AssetRow, type MediaAsset } from './asset-rows.js';

// The row mapping lives in asset-rows.ts (shared with the read queries); re-exported for the modules that read assets from here.
export { ASSET_COLUMNS, assetFromRow, type AssetRow, type MediaAsset } from './asset-rows.js';

// The rights rules live with the model; re-exported for the modules that read assets from here.
export { EXPIRING_WITHIN_MS, isShowable, rightsStatus, type AssetRights, type RightsStatus } from '../content/media-types.js';

/** A new file for an existing asset (replacing its file keeps id, rights and focal point). */
export type AssetFile = Pick<MediaAsset, 'sha256' | 'originalName' | 'mime' | 'width' | 'height' | 'bytes' | 'storageKey' | 'embeddedCaption'>;

/** A new asset: its file, rights and (optionally) focal point and uploader. */
export interface NewAsset extends AssetFile {
  id: string;
  focalX?: number;
  focalY?: number;
  rights: AssetRights;
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

const LIMITS = { ...RIGHTS_MAX, embeddedCaption: 2000, originalName: 255 };

/**
 * Checks and normalises rights: trimmed, empty → undefined, lengths, ISO
 * times, order. Throws VALIDATION (reason rights_invalid) with an issue per
 * field, each with its code.
 */
export function normaliseRights(input: AssetRights): AssetRights {
  const problems: string[] = [];
  const issues: ValidationIssue[] = [];
  const out: AssetRights = {};
  for (const key of ['credit', 'copyrightHolder', 'source', 'licence', 'usageTerms', 'creator'] as const) {
    const v = input[key]?.replace(/\s+/g, ' ').trim();
    if (!v) continue;
    if (v.length > LIMITS[key]) {
      problems.push(`${key}: at most ${LIMITS[key]} characters`);
      issues.push({ path: key, message: `at most ${LIMITS[key]} characters (got ${v.length})`, code: 'too_long', params: { max: LIMITS[key], got: v.length } });
    }
    out[key] = v;
  }
  for (const key of ['validFrom', 'validUntil'] as const) {
    const v = input[key]?.trim();
    if (!v) continue;
    const instant = rightsInstant(v, key === 'validUntil');
    if (instant) out[key] = instant;
    else {
      problems.push(`${key}: an ISO 8601 date or time, e.g. 2026-12-31 or 2026-12-31T23:59:00+01:00`);
      issues.push({ path: key, message: RIGHTS_DATE_RULE, code: 'rights_date' });
    }
  }
  if (out.validFrom && out.validUntil && Date.parse(out.validUntil) <= Date.parse(out.validFrom)) {
    problems.push('validUntil: must be after validFrom');
    issues.push({ path: 'validUntil', message: 'must be after valid from', code: 'after_valid_from' });
  }
  if (problems.length) throw new LedeError('VALIDATION', `the image rights are invalid: ${problems.join('; ')}`, { reason: 'rights_invalid', issues });
  return out;
}

/** How a rights date must be written, as an issue says it. */
export { RIGHTS_DATE_RULE } from '../content/media-types.js';

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
    if (!existing) throw new LedeError('CONFLICT', 'the same file was being uploaded and removed at once; try again', { reason: 'upload_raced' });
    return { asset: existing, created: false };
  }

  async get(id: string): Promise<MediaAsset | undefined> {
    if (!isUuid(id)) return undefined;
    const rows = await this.db.query<AssetRow>(`SELECT ${ASSET_COLUMNS} FROM media_assets WHERE id = $1::uuid`, [id]);
    return rows[0] && assetFromRow(rows[0]);
  }

  /** Several assets in one query (unknown and malformed ids are left out). */
  getMany(ids: readonly string[]): Promise<Map<string, MediaAsset>> {
    return assetsByIds(this.db, ids);
  }

  async bySha256(sha256: string): Promise<MediaAsset | undefined> {
    const rows = await this.db.query<AssetRow>(`SELECT ${ASSET_COLUMNS} FROM media_assets WHERE sha256 = $1`, [sha256]);
    return rows[0] && assetFromRow(rows[0]);
  }

  /**
   * The asset, locked until the transaction `db` is in ends: what a write
   * reads to check the version it was made against before changing it.
   */
  async getForUpdate(id: string): Promise<MediaAsset | undefined> {
    if (!isUuid(id)) return undefined;
    const rows = await this.db.query<AssetRow>(`SELECT ${ASSET_COLUMNS} FROM media_assets WHERE id = $1::uuid FOR UPDATE`, [id]);
    return rows[0] && assetFromRow(rows[0]);
  }

  /** Replaces the asset's rights (all fields; missing ones are cleared); one version more. */
  async updateRights(id: string, input: AssetRights): Promise<MediaAsset> {
    return (await this.update(id, { rights: input })).asset;
  }

  /**
   * Moves the focal point and drops the asset's renditions (they show the old
   * cut); returns the storage keys they had, for the caller to delete once no
   * other rendition uses them. One version more.
   */
  async setFocalPoint(id: string, x: number, y: number): Promise<{ asset: MediaAsset; droppedKeys: string[] }> {
    return this.update(id, { focal: { x, y } });
  }

  /**
   * One write of the asset's rights (all fields; missing ones are cleared)
   * and/or focal point, as one new version. A new focal point drops the
   * renditions (they show the old cut); their storage keys are returned for
   * the caller to delete once nothing else uses them. Run it in a
   * transaction when `droppedKeys` matter together with the row.
   */
  async update(id: string, change: { rights?: AssetRights; focal?: { x: number; y: number } }): Promise<{ asset: MediaAsset; droppedKeys: string[] }> {
    const { focal } = change;
    if (focal && !(focal.x >= 0 && focal.x <= 1 && focal.y >= 0 && focal.y <= 1)) {
      throw new LedeError('VALIDATION', 'the focal point is two fractions between 0 and 1 (x from the left, y from the top)', {
        reason: 'input_invalid', issues: [{ path: 'focal', message: 'two fractions from 0 to 1', code: 'focal_range' }],
      });
    }
    const sets: string[] = [];
    const params: unknown[] = [id];
    const p = (v: unknown, cast = '') => {
      params.push(v);
      return `$${params.length}${cast}`;
    };
    if (change.rights) {
      const r = normaliseRights(change.rights);
      sets.push(`credit = ${p(r.credit ?? null)}`, `copyright_holder = ${p(r.copyrightHolder ?? null)}`, `source = ${p(r.source ?? null)}`,
        `licence = ${p(r.licence ?? null)}`, `usage_terms = ${p(r.usageTerms ?? null)}`, `creator = ${p(r.creator ?? null)}`,
        `valid_from = ${p(r.validFrom ?? null, '::timestamptz')}`, `valid_until = ${p(r.validUntil ?? null, '::timestamptz')}`);
    }
    if (focal) sets.push(`focal_x = ${p(focal.x)}`, `focal_y = ${p(focal.y)}`);
    const rows = await this.db.query<AssetRow>(
      `UPDATE media_assets SET ${[...sets, 'updated_at = now()', 'version = version + 1'].join(', ')} WHERE id = $1::uuid RETURNING ${ASSET_COLUMNS}`,
      params,
    );
    if (!rows[0]) throw new LedeError('NOT_FOUND', `no media asset ${id}`, { reason: 'no_picture' });
    const dropped = focal ? await this.dropRenditions(id) : [];
    return { asset: assetFromRow(rows[0]), droppedKeys: dropped };
  }

  /**
   * Puts another file behind the asset (same id, rights and focal point) as
   * one new version, with its renditions in place of the old ones. Returns
   * the storage keys no longer recorded for it (the old renditions), for the
   * caller to delete once nothing else uses them. Run it in a transaction.
   */
  async replaceFile(id: string, file: AssetFile, renditions: RenditionRecord[]): Promise<{ asset: MediaAsset; droppedKeys: string[] }> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE media_assets SET sha256 = $2, original_name = $3, mime = $4, width = $5, height = $6, bytes = $7, storage_key = $8,
         embedded_caption = $9, updated_at = now(), version = version + 1
       WHERE id = $1::uuid RETURNING id`,
      [id, file.sha256, file.originalName?.slice(0, LIMITS.originalName) ?? null, file.mime, file.width, file.height, file.bytes, file.storageKey,
        file.embeddedCaption?.slice(0, LIMITS.embeddedCaption) ?? null],
    );
    if (!rows[0]) throw new LedeError('NOT_FOUND', `no media asset ${id}`, { reason: 'no_picture' });
    const droppedKeys = await this.dropRenditions(id);
    for (const r of renditions) await this.addRendition(r);
    return { asset: (await this.get(id))!, droppedKeys };
  }

  /** Deletes the asset's renditions; the storage keys they had. */
  private async dropRenditions(id: string): Promise<string[]> {
    const rows = await this.db.query<{ storage_key: string }>('DELETE FROM media_renditions WHERE asset_id = $1::uuid RETURNING storage_key', [id]);
    return rows.map((r) => r.storage_key);
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
