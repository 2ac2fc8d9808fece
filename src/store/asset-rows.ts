import type { AssetRights, MediaType } from '../content/media-types.js';

/**
 * How a media_assets row reads as an asset: the columns, the row type and
 * the mapping, shared by the asset repository (writes) and the read queries
 * (library list, pages that show pictures).
 */

/** One picture of the media library (table media_assets, migrations 007 and 009). */
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
  /** 1 on upload, one more with every write of the rights, focal point or file (the ETag "v<n>"). */
  version: number;
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
  version: number;
}

/** The media_assets columns assetFromRow reads. */
export const ASSET_COLUMNS = `id, sha256, original_name, mime, width, height, bytes, storage_key, focal_x, focal_y, credit, copyright_holder,
  source, licence, usage_terms, creator, embedded_caption, valid_from, valid_until, created_by, created_at, updated_at, version`;

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
    version: Number(r.version),
  };
}

