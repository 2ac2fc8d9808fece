import { LedeError } from '../content/index.js';
import { RIGHTS_FIELDS, type AssetRights, type RightsField } from '../content/media-types.js';
import type { MediaAsset } from '../store/asset-repository.js';

/**
 * A change of an asset's rights and focal point, as an editor sends it:
 * rights fields present are set (null or "" clears one), absent ones stay.
 */
export interface AssetChange {
  rights?: Partial<Record<RightsField, string | null>>;
  focal?: { x: number; y: number };
}

/** An asset as answers outside the library may show it (the storage key stays inside). */
export type PublicAsset = Omit<MediaAsset, 'storageKey'>;

export function publicAsset(asset: MediaAsset): PublicAsset {
  const { storageKey: _key, ...rest } = asset;
  return rest;
}

/**
 * The 412 of a write made against an older version of the asset: what is
 * stored now and what the caller sent, so nothing is lost and the client can
 * merge (the same contract as a story's).
 */
export function assetVersionConflict(current: MediaAsset, yours: unknown, edited: number): LedeError {
  return new LedeError('VERSION_CONFLICT',
    `the picture was changed meanwhile: you edited version ${edited}, the current version is ${current.version}. `
    + 'Nothing was saved; apply your changes to the current version and save again against it.',
    { reason: 'version_conflict', params: { edited, current: current.version }, extra: { current: publicAsset(current), yours } });
}

/** The rights after a change: fields sent replace (null or "" clears), the rest stay. */
export function mergeRights(current: AssetRights, change: NonNullable<AssetChange['rights']>): AssetRights {
  const out: AssetRights = { ...current };
  for (const key of RIGHTS_FIELDS) {
    if (!(key in change)) continue;
    const v = change[key];
    if (v === null || v === undefined || v === '') delete out[key];
    else out[key] = v;
  }
  return out;
}

/** Same rights, dates compared as instants (a stored "+01:00" and a sent "Z" may name the same moment). */
export function sameRights(a: AssetRights, b: AssetRights): boolean {
  return RIGHTS_FIELDS.every((k) => (k === 'validFrom' || k === 'validUntil'
    ? (a[k] ? Date.parse(a[k]) : NaN).toString() === (b[k] ? Date.parse(b[k]) : NaN).toString()
    : (a[k] ?? '') === (b[k] ?? '')));
}
