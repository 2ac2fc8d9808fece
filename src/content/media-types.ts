import { zonedIso } from './time.js';

/**
 * The media library's pure model: the picture types it takes, the crops and
 * formats of renditions, and an asset's rights with the rules that read them
 * (status against a clock, what a rights boundary means). Shared by the
 * store, the imaging code, the services, the newsroom API and the site, so
 * none of them has to import another for a type.
 */

export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export const CROPS = ['16:9', '4:3', '1:1'] as const;
export type Crop = (typeof CROPS)[number];

export const FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type RenditionFormat = (typeof FORMATS)[number];

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

/** The rights fields, in the order forms show them. */
export const RIGHTS_FIELDS = ['credit', 'copyrightHolder', 'source', 'licence', 'usageTerms', 'creator', 'validFrom', 'validUntil'] as const;
export type RightsField = (typeof RIGHTS_FIELDS)[number];

/** The most characters each rights field keeps (the columns' limits; dates as typed). */
export const RIGHTS_MAX: Record<RightsField, number> = {
  credit: 200, copyrightHolder: 200, source: 200, licence: 500, usageTerms: 2000, creator: 200, validFrom: 40, validUntil: 40,
};

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

/** How a rights date must be written, as an issue says it. */
export const RIGHTS_DATE_RULE = 'a date (2026-12-31) or date and time (2026-12-31T23:59 or with offset +01:00)';

/**
 * A rights boundary as an instant, or undefined when `v` is not one. A date
 * alone means the whole day in the newsroom's zone (Europe/Berlin): "valid
 * from 2026-12-01" starts at its midnight, "valid until 2026-12-31" ends at
 * the midnight after it (the end is exclusive). A time without an offset is
 * Berlin wall-clock time.
 */
export function rightsInstant(v: string, isEnd: boolean): string | undefined {
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
