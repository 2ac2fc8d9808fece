import { Readable } from 'node:stream';
import { LedeError, isIsoDateTime, zonedIso } from '../content/index.js';
import { CROPS, FORMATS, type Crop, type RenditionFormat } from '../imaging/renditions.js';
import { countAssetUses, storiesUsingAsset } from '../store/media-uses.js';
import { normaliseRights, type AssetRights, type MediaAsset } from '../store/asset-repository.js';
import { replaceAssetEverywhere, type ReplaceEverywhereResult } from '../services/replace-everywhere.js';
import { ROLE_GRANTS } from '../services/roles.js';
import { assetUpdated } from '../events/event-bus.js';
import { actorOf, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { api, readJson } from './api-support.js';
import { MEDIA_USAGES, decodeMediaCursor, encodeMediaCursor, listMediaAssets, type MediaListFilter, type MediaUsage } from '../store/media-queries.js';
import { replaceAssetFile } from './media-replace.js';
import { RIGHTS_FIELDS, RIGHTS_MAX, STATUS_FROM_PARAM, assetView, mediaOf, readUpload } from './media-support.js';
import type { NewsroomMedia } from '../services/media-library.js';

/**
 * The media library's part of the newsroom API (docs/newsroom-api.md,
 * "Media"): upload, list and search, one asset, rights and focal point,
 * replacing the file, the "lapsing within 7 days" list; and the newsroom's
 * own previews of originals and renditions (the public, cacheable rendition
 * URLs are the reader site's).
 */

const BASE = '/newsroom/api/media';
const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

export interface MediaApiOptions {
  /** Largest upload read from a request, in bytes (default: the library's intake limit). */
  maxUploadBytes?: number;
}

type Issue = { path: string; message: string };

function invalid(message: string, issues: Issue[]): LedeError {
  return new LedeError('VALIDATION', message, { issues });
}

/** A day (YYYY-MM-DD, Berlin; `to` counts the whole day) or an ISO date-time with offset. */
function dateBound(value: string | undefined, field: 'from' | 'to'): string | undefined {
  if (!value) return undefined;
  if (isIsoDateTime(value)) return value;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m && zonedIso(Number(m[1]), Number(m[2]), Number(m[3]))) {
    const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (field === 'to' ? 1 : 0)));
    const iso = zonedIso(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
    if (iso) return iso;
  }
  throw invalid(`${field} must be a day (2026-11-25) or a date and time with offset (2026-11-25T14:00:00+01:00)`, [{ path: field, message: 'not a date' }]);
}

/** The list filter from query parameters (shared by the API and the library page). Throws VALIDATION. */
export function mediaFilterFrom(q: (name: string) => string | undefined, limit = DEFAULT_PAGE): MediaListFilter {
  const filter: MediaListFilter = { limit };
  const text = q('q');
  if (text) filter.q = text.slice(0, 200);
  const credit = q('credit');
  if (credit) filter.credit = credit.slice(0, 200);
  const from = dateBound(q('from'), 'from');
  const to = dateBound(q('to'), 'to');
  if (from) filter.from = from;
  if (to) filter.to = to;
  const status = q('status');
  if (status) {
    const s = STATUS_FROM_PARAM[status];
    if (!s) throw invalid(`status "${status}" is not one of valid, expiring, lapsed, not-yet-valid`, [{ path: 'status', message: 'one of valid, expiring, lapsed, not-yet-valid' }]);
    filter.status = s;
  }
  const usage = q('usage');
  if (usage) {
    if (!(MEDIA_USAGES as readonly string[]).includes(usage)) {
      throw invalid(`usage "${usage}" is not one of ${MEDIA_USAGES.join(', ')}`, [{ path: 'usage', message: `one of ${MEDIA_USAGES.join(', ')}` }]);
    }
    filter.usage = usage as MediaUsage;
  }
  const cursor = q('cursor');
  if (cursor) filter.after = decodeMediaCursor(cursor);
  return filter;
}

/** One page of the library with usage counts, as the API answers it. */
export async function mediaPage(deps: NewsroomDeps, media: NewsroomMedia, filter: MediaListFilter) {
  const now = media.clock();
  const page = await listMediaAssets(deps.db, filter, now);
  const counts = await countAssetUses(deps.db, page.items.map((a) => a.id));
  return {
    items: page.items.map((a) => assetView(a, now, counts.get(a.id) ?? 0)),
    ...(page.next && { next: encodeMediaCursor(page.next) }),
  };
}

/** Assets whose rights lapse within 7 days (soonest first), with usage counts. */
export async function expiringAssets(deps: NewsroomDeps, media: NewsroomMedia) {
  const now = media.clock();
  const assets = await media.library.assets.expiring(now);
  const counts = await countAssetUses(deps.db, assets.map((a) => a.id));
  return assets.map((a) => assetView(a, now, counts.get(a.id) ?? 0));
}

export async function loadAsset(media: NewsroomMedia, id: string): Promise<MediaAsset> {
  const asset = await media.library.assets.get(id);
  if (!asset) throw new LedeError('NOT_FOUND', `no media asset with id "${id}"`);
  return asset;
}

/** The asset with its usage count and the stories that use it. */
export async function assetDetail(deps: NewsroomDeps, media: NewsroomMedia, asset: MediaAsset) {
  const uses = await storiesUsingAsset(deps.db, asset.id);
  return { ...assetView(asset, media.clock(), uses.length), stories: uses };
}

export interface MediaChange {
  rights?: AssetRights;
  focal?: { x: number; y: number };
}

/**
 * Checks a rights/focal change against the asset's current rights: only known
 * fields, strings (null or "" clears), lengths, dates, valid-until after
 * valid-from, a focal point of two fractions. Every problem is reported with
 * its field. Returns the complete new rights (or undefined when none were sent).
 */
export function checkMediaChange(body: Record<string, unknown>, current: AssetRights): MediaChange {
  const issues: Issue[] = [];
  const known = new Set<string>([...RIGHTS_FIELDS, 'focal']);
  for (const key of Object.keys(body)) if (!known.has(key)) issues.push({ path: key, message: `unknown field; send any of ${[...known].join(', ')}` });
  let rights: AssetRights | undefined;
  for (const key of RIGHTS_FIELDS) {
    if (!(key in body)) continue;
    rights ??= { ...current };
    const v = body[key];
    if (v === null || v === '') {
      delete rights[key];
      continue;
    }
    if (typeof v !== 'string') {
      issues.push({ path: key, message: 'must be text (or null to clear)' });
      continue;
    }
    const trimmed = v.replace(/\s+/g, ' ').trim();
    if (trimmed.length > RIGHTS_MAX[key]) {
      issues.push({ path: key, message: `at most ${RIGHTS_MAX[key]} characters (got ${trimmed.length})` });
      continue;
    }
    if (key === 'validFrom' || key === 'validUntil') {
      try {
        normaliseRights({ [key]: trimmed });
      } catch {
        issues.push({ path: key, message: 'a date (2026-12-31) or date and time (2026-12-31T23:59 or with offset +01:00)' });
        continue;
      }
    }
    if (trimmed) rights[key] = trimmed;
    else delete rights[key];
  }
  let focal: MediaChange['focal'];
  if ('focal' in body) {
    const f = body.focal as { x?: unknown; y?: unknown } | null;
    const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1;
    if (f && typeof f === 'object' && ok(f.x) && ok(f.y)) focal = { x: f.x as number, y: f.y as number };
    else issues.push({ path: 'focal', message: 'two fractions from 0 to 1: {"x": from the left, "y": from the top}' });
  }
  if (!issues.length && rights) {
    try {
      rights = normaliseRights(rights);
    } catch (err) {
      if (!(err instanceof LedeError)) throw err;
      issues.push(/validUntil: must be after/.test(err.message) ? { path: 'validUntil', message: 'must be after valid from' } : { path: 'rights', message: err.message });
    }
  }
  if (issues.length) throw invalid(`the image rights are invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  return { ...(rights && { rights }), ...(focal && { focal }) };
}

const sameRights = (a: AssetRights, b: AssetRights) => RIGHTS_FIELDS.every((k) => (k === 'validFrom' || k === 'validUntil'
  ? (a[k] ? Date.parse(a[k]) : NaN).toString() === (b[k] ? Date.parse(b[k]) : NaN).toString()
  : (a[k] ?? '') === (b[k] ?? '')));

/**
 * Applies a checked change: rights, then the focal point (which drops the
 * renditions of the old cut). Tells the event bus that the asset changed, so
 * pages that show it are purged.
 */
export async function applyMediaChange(deps: NewsroomDeps, media: NewsroomMedia, asset: MediaAsset, change: MediaChange): Promise<MediaAsset> {
  let out = asset;
  let changed = false;
  if (change.rights && !sameRights(change.rights, asset.rights)) {
    out = await media.library.assets.updateRights(asset.id, change.rights);
    changed = true;
  }
  if (change.focal && (change.focal.x !== asset.focalX || change.focal.y !== asset.focalY)) {
    out = await media.library.setFocalPoint(asset.id, change.focal.x, change.focal.y);
    changed = true;
  }
  if (changed) await assetChanged(deps, asset.id);
  return out;
}

/**
 * Tells listeners an asset's rights, focal point or file changed
 * (`asset.updated`): the page cache purges every page showing it, on every
 * node through the event relay.
 */
export async function assetChanged(deps: NewsroomDeps, assetId: string): Promise<void> {
  await deps.events?.emit(assetUpdated(assetId));
}

/**
 * Puts another picture in place of this one in every story that uses it
 * (replaceAssetEverywhere: one versioned save per story, alt text and caption
 * kept). Rewriting stories of any owner, published ones too, needs the right
 * to edit and publish any story, on top of media.manage.
 */
export async function replaceEverywhere(deps: NewsroomDeps, c: NewsroomContext, fromId: string, withId: unknown): Promise<ReplaceEverywhereResult> {
  const role = c.get('session')!.user.role;
  const grants = ROLE_GRANTS[role].story;
  if (grants['story.edit'] !== 'any' || grants['story.publish'] !== 'any') {
    throw new LedeError('FORBIDDEN', `your role (${role}) may not change every story that uses this picture (needs story.edit and story.publish on any story)`);
  }
  if (typeof withId !== 'string' || !/^[0-9a-f-]{36}$/i.test(withId.trim())) {
    throw invalid('name the replacement picture by its id: {"with": "<asset id>"}', [{ path: 'with', message: 'the id of a picture in the media library' }]);
  }
  return replaceAssetEverywhere(deps.db, deps.stories, fromId, withId.trim(), actorOf(c));
}

/** Renditions the newsroom previews: "16x9-640.webp" etc. */
const PREVIEW = /^(16x9|4x3|1x1)-(\d{2,4})\.(avif|webp|jpg)$/;
const CROP_OF: Record<string, Crop> = { '16x9': '16:9', '4x3': '4:3', '1x1': '1:1' };
const FORMAT_OF: Record<string, RenditionFormat> = { avif: 'avif', webp: 'webp', jpg: 'jpeg' };
const MIME_OF: Record<RenditionFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };

export function registerMediaApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  createMediaApi()(registry, deps);
}

/** The media endpoints, with options (tests lower the upload limit). */
export function createMediaApi(opts: MediaApiOptions = {}): (registry: EndpointRegistry, deps: NewsroomDeps) => void {
  return (registry, deps) => {
    registry.add({
      method: 'POST', path: BASE, permission: 'media.upload', kind: 'api',
      handler: api(async (c) => {
        const media = mediaOf(deps);
        const { input, rights } = await readUpload(c, Math.min(opts.maxUploadBytes ?? media.limits.maxBytes, media.limits.maxBytes));
        const stated = Object.keys(rights).length ? checkMediaChange(rights as Record<string, unknown>, {}).rights : undefined;
        const result = await media.library.upload(input, { createdBy: actorOf(c).id, ...(stated && { rights: stated }) });
        const usedIn = result.created ? 0 : (await countAssetUses(deps.db, [result.asset.id])).get(result.asset.id) ?? 0;
        c.header('Location', `${BASE}/${result.asset.id}`);
        return c.json({ ...assetView(result.asset, media.clock(), usedIn), created: result.created, embedded: result.embedded }, result.created ? 201 : 200);
      }),
    });

    registry.add({
      method: 'GET', path: BASE, permission: 'newsroom.use', kind: 'api',
      handler: api(async (c) => {
        const media = mediaOf(deps);
        const q = (name: string) => c.req.query(name)?.trim() || undefined;
        const limitRaw = q('limit');
        const limit = limitRaw === undefined ? DEFAULT_PAGE : Number(limitRaw);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw invalid(`limit must be a whole number from 1 to ${MAX_PAGE}`, [{ path: 'limit', message: `1–${MAX_PAGE}` }]);
        return c.json(await mediaPage(deps, media, mediaFilterFrom(q, limit)));
      }),
    });

    registry.add({
      method: 'GET', path: `${BASE}/expiring`, permission: 'newsroom.use', kind: 'api',
      handler: api(async (c) => c.json({ items: await expiringAssets(deps, mediaOf(deps)) })),
    });

    registry.add({
      method: 'GET', path: `${BASE}/:id`, permission: 'newsroom.use', kind: 'api',
      handler: api(async (c) => {
        const media = mediaOf(deps);
        return c.json(await assetDetail(deps, media, await loadAsset(media, c.req.param('id') ?? '')));
      }),
    });

    registry.add({
      method: 'PATCH', path: `${BASE}/:id`, permission: 'media.manage', kind: 'api',
      handler: api(async (c) => {
        const media = mediaOf(deps);
        const asset = await loadAsset(media, c.req.param('id') ?? '');
        const body = await readJson(c, 'the rights to change, e.g. {"credit": "dpa", "validUntil": "2026-12-31"}', 64 * 1024);
        const updated = await applyMediaChange(deps, media, asset, checkMediaChange(body, asset.rights));
        return c.json(await assetDetail(deps, media, updated));
      }),
    });

    registry.add({
      method: 'PUT', path: `${BASE}/:id/file`, permission: 'media.manage', kind: 'api',
      handler: api(async (c) => {
        const media = mediaOf(deps);
        const asset = await loadAsset(media, c.req.param('id') ?? '');
        const { input } = await readUpload(c, Math.min(opts.maxUploadBytes ?? media.limits.maxBytes, media.limits.maxBytes));
        const result = await replaceAssetFile(deps.db, media, asset.id, input);
        if (result.asset.sha256 !== asset.sha256) await assetChanged(deps, asset.id);
        return c.json({ ...(await assetDetail(deps, media, result.asset)), embedded: result.embedded });
      }),
    });

    registry.add({
      method: 'POST', path: `${BASE}/:id/replace-everywhere`, permission: 'media.manage', kind: 'api',
      handler: api(async (c) => {
        const media = mediaOf(deps);
        const asset = await loadAsset(media, c.req.param('id') ?? '');
        const body = await readJson(c, '{"with": "<id of the replacement picture>"}', 16 * 1024);
        const result = await replaceEverywhere(deps, c, asset.id, body.with);
        return c.json({
          replaced: result.replaced.map((s) => ({ storyId: s.id, headline: s.headline, version: s.version })),
          failed: result.failed,
        });
      }),
    });

    // Previews for the newsroom: the original, or one rendition (made on first request). Lapsed assets too: editors must see them.
    registry.add({
      method: 'GET', path: '/newsroom/media/:id/:file', permission: 'newsroom.use', kind: 'api',
      handler: api(async (c) => {
        const media = mediaOf(deps);
        const asset = await loadAsset(media, c.req.param('id') ?? '');
        const file = c.req.param('file') ?? '';
        let key: string;
        let type: string;
        if (file === 'original') {
          key = asset.storageKey;
          type = asset.mime;
        } else {
          const m = PREVIEW.exec(file);
          if (!m || !(CROPS as readonly string[]).includes(CROP_OF[m[1]!]!) || !(FORMATS as readonly string[]).includes(FORMAT_OF[m[3]!]!)) {
            throw new LedeError('NOT_FOUND', `no preview "${file}"; ask for "original" or e.g. "16x9-640.webp"`);
          }
          const record = await media.library.ensureRendition(asset.id, CROP_OF[m[1]!]!, Number(m[2]), FORMAT_OF[m[3]!]!);
          key = record.storageKey;
          type = MIME_OF[record.format];
        }
        const etag = `"${key.replace(/^.*\//, '').slice(0, 40)}"`;
        const headers = { 'Content-Type': type, 'Cache-Control': 'private, no-cache', ETag: etag, 'X-Content-Type-Options': 'nosniff' };
        if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
        const stream = await media.storage.read(key);
        if (!stream) throw new LedeError('UNAVAILABLE', `the file of media asset ${asset.id} is missing from storage`);
        return c.body(Readable.toWeb(stream) as unknown as ReadableStream, 200, headers);
      }),
    });
  };
}

