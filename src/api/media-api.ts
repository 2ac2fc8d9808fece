import { Readable } from 'node:stream';
import { z } from 'zod';
import { LedeError } from '../content/index.js';
import { CROPS, FORMATS, type Crop, type RenditionFormat } from '../content/media-types.js';
import type { MediaAsset } from '../store/asset-repository.js';
import { encodeMediaCursor, type MediaListFilter } from '../store/media-queries.js';
import { DEFAULT_LIMITS } from '../imaging/intake.js';
import { mergeRights, type NewsroomMedia } from '../services/media-library.js';
import { assertMayReplaceEverywhere, replaceAssetEverywhere } from '../services/replace-everywhere.js';
import { actorOf, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { assertTextSound, idParams, parseInput, pathParam } from '../http/input.js';
import {
  MULTIPART_OVERHEAD, REPLACE_BODY_BYTES, RIGHTS_BODY_BYTES, assetChangeBody, assetChangeOf, mediaFilter, mediaListQuery, replaceEverywhereBody,
} from './media-input.js';
import { assetEtag, assetView, mediaOf, readUpload } from './media-support.js';
import { ifMatchVersion } from './api-support.js';

/**
 * The media library's part of the newsroom API (docs/newsroom-api.md,
 * "Media"): upload, list and search, one asset, rights and focal point,
 * replacing the file, the "lapsing within 7 days" list; and the newsroom's
 * own previews of originals and renditions (the public, cacheable rendition
 * URLs are the reader site's). Each handler parses, calls the MediaLibrary,
 * answers; writes of an asset name the version they were made against
 * (If-Match), as a story's do.
 */

const BASE = '/newsroom/api/media';

export interface MediaApiOptions {
  /** Largest upload read from a request, in bytes (default: the library's intake limit). */
  maxUploadBytes?: number;
}

/** One page of the library with usage counts, as the API answers it. */
export async function mediaPage(media: NewsroomMedia, filter: MediaListFilter) {
  const now = media.clock();
  const page = await media.library.list(filter);
  return { items: page.items.map((x) => assetView(x.asset, now, x.usedIn)), ...(page.next && { next: encodeMediaCursor(page.next) }) };
}

/** Assets whose rights lapse within 7 days (soonest first), with usage counts. */
export async function expiringAssets(media: NewsroomMedia) {
  const now = media.clock();
  return (await media.library.expiring()).map((x) => assetView(x.asset, now, x.usedIn));
}

/** The asset with its usage count and the stories that use it. */
export async function assetDetail(media: NewsroomMedia, asset: MediaAsset) {
  const uses = await media.library.uses(asset.id);
  return { ...assetView(asset, media.clock(), uses.length), stories: uses };
}

/** An asset's detail as the API answers it, with its version as ETag. */
async function answerAsset(c: NewsroomContext, media: NewsroomMedia, asset: MediaAsset, extra: Record<string, unknown> = {}) {
  c.header('ETag', assetEtag(asset));
  return c.json({ ...(await assetDetail(media, asset)), ...extra });
}

/** Replaces a picture everywhere for the signed-in user (who must be allowed to rewrite any story). */
export async function replaceEverywhereFor(deps: NewsroomDeps, c: NewsroomContext, fromId: string, withId: string) {
  assertMayReplaceEverywhere(c.get('session')!.user.role);
  const from = await mediaOf(deps).library.find(fromId);
  return replaceAssetEverywhere(deps.db, deps.stories, from.id, withId, actorOf(c));
}

/** Renditions the newsroom previews: "16x9-640.webp" etc. */
const PREVIEW = /^(16x9|4x3|1x1)-(\d{2,4})\.(avif|webp|jpg)$/;
const CROP_OF: Record<string, Crop> = { '16x9': '16:9', '4x3': '4:3', '1x1': '1:1' };
const FORMAT_OF: Record<string, RenditionFormat> = { avif: 'avif', webp: 'webp', jpg: 'jpeg' };
const MIME_OF: Record<RenditionFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };

const previewParams = z.object({ id: pathParam, file: pathParam });

export function registerMediaApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  createMediaApi()(registry, deps);
}

/** The media endpoints, with options (tests lower the upload limit). */
export function createMediaApi(opts: MediaApiOptions = {}): (registry: EndpointRegistry, deps: NewsroomDeps) => void {
  return (registry, deps) => {
    // The most of a file read from a request; without a library the endpoints answer 503 before reading anything.
    const intakeMax = deps.media?.limits.maxBytes ?? DEFAULT_LIMITS.maxBytes;
    const maxUpload = Math.min(opts.maxUploadBytes ?? intakeMax, intakeMax);
    const uploadBody = maxUpload + MULTIPART_OVERHEAD;

    registry.add({
      method: 'POST', path: BASE, permission: 'media.upload', kind: 'api', status: 201, maxBodyBytes: uploadBody,
      summary: 'Upload a picture (multipart field "file" with optional rights fields, or the raw body); the same file again is the same asset (200)',
      handler: async (c) => {
        const media = mediaOf(deps);
        const { input, rights } = await readUpload(c, maxUpload);
        // Rights fields of a multipart upload are form text: checked like every body's (no NUL, no lone surrogate).
        assertTextSound(rights, 'the rights');
        const stated = Object.keys(rights).length ? assetChangeOf(parseInput(assetChangeBody, rights, 'the rights')).rights : undefined;
        const result = await media.library.upload(input, { createdBy: actorOf(c).id, ...(stated && { rights: mergeRights({}, stated) }) });
        const usedIn = result.created ? 0 : await media.library.usedIn(result.asset.id);
        c.header('Location', `${BASE}/${result.asset.id}`);
        c.header('ETag', assetEtag(result.asset));
        return c.json({ ...assetView(result.asset, media.clock(), usedIn), created: result.created, embedded: result.embedded }, result.created ? 201 : 200);
      },
    });

    registry.add({
      method: 'GET', path: BASE, permission: 'newsroom.use', kind: 'api', summary: 'The library, newest first: search, credit, upload dates, rights status, usage; keyset pages',
      input: { query: mediaListQuery },
      handler: async (c, { query }) => c.json(await mediaPage(mediaOf(deps), mediaFilter(query))),
    });

    registry.add({
      method: 'GET', path: `${BASE}/expiring`, permission: 'newsroom.use', kind: 'api', summary: 'Pictures whose rights lapse within 7 days',
      handler: async (c) => c.json({ items: await expiringAssets(mediaOf(deps)) }),
    });

    registry.add({
      method: 'GET', path: `${BASE}/:id`, permission: 'newsroom.use', kind: 'api', summary: 'One picture with the stories that use it; its version as ETag',
      input: { params: idParams },
      handler: async (c, { params }) => {
        const media = mediaOf(deps);
        return answerAsset(c, media, await media.library.find(params.id));
      },
    });

    registry.add({
      method: 'PATCH', path: `${BASE}/:id`, permission: 'media.manage', kind: 'api', maxBodyBytes: RIGHTS_BODY_BYTES,
      summary: 'Change rights fields (null clears one) and the focal point; If-Match: "v<n>" required (428 without, 412 when stale)',
      input: { params: idParams, body: assetChangeBody, bodyName: 'the rights to change, e.g. {"credit": "dpa", "validUntil": "2026-12-31"}' },
      handler: async (c, { params, body }) => {
        const media = mediaOf(deps);
        await media.library.find(params.id);
        const expectedVersion = ifMatchVersion(c, 'picture');
        const asset = await media.library.change(params.id, assetChangeOf(body), { expectedVersion, yours: body });
        return answerAsset(c, media, asset);
      },
    });

    registry.add({
      method: 'PUT', path: `${BASE}/:id/file`, permission: 'media.manage', kind: 'api', maxBodyBytes: uploadBody,
      summary: 'Replace the picture\'s file, keeping its id, rights and focal point; If-Match: "v<n>" required',
      input: { params: idParams },
      handler: async (c, { params }) => {
        const media = mediaOf(deps);
        await media.library.find(params.id);
        const expectedVersion = ifMatchVersion(c, 'picture');
        const { input } = await readUpload(c, maxUpload);
        const result = await media.library.replaceFile(params.id, input, { expectedVersion });
        return answerAsset(c, media, result.asset, { embedded: result.embedded });
      },
    });

    registry.add({
      method: 'POST', path: `${BASE}/:id/replace-everywhere`, permission: 'media.manage', kind: 'api', maxBodyBytes: REPLACE_BODY_BYTES,
      summary: 'Put another picture in place of this one in every story that uses it (one new version per story)',
      input: { params: idParams, body: replaceEverywhereBody, bodyName: 'the replacement picture, named by its id: {"with": "<asset id>"}' },
      handler: async (c, { params, body }) => {
        const result = await replaceEverywhereFor(deps, c, params.id, body.with);
        return c.json({
          replaced: result.replaced.map((s) => ({ storyId: s.id, headline: s.headline, version: s.version })),
          failed: result.failed,
        });
      },
    });

    // Previews for the newsroom: the original, or one rendition (made on first request). Lapsed assets too: editors must see them.
    registry.add({
      method: 'GET', path: '/newsroom/media/:id/:file', permission: 'newsroom.use', kind: 'api', cache: 'private, no-cache',
      summary: 'The newsroom\'s preview of a picture: "original" or a rendition like "16x9-640.webp"',
      input: { params: previewParams },
      handler: async (c, { params }) => {
        const media = mediaOf(deps);
        const asset = await media.library.find(params.id);
        let key: string;
        let type: string;
        if (params.file === 'original') {
          key = asset.storageKey;
          type = asset.mime;
        } else {
          const m = PREVIEW.exec(params.file);
          const crop = m && CROP_OF[m[1]!];
          const format = m && FORMAT_OF[m[3]!];
          if (!m || !crop || !format || !CROPS.includes(crop) || !FORMATS.includes(format)) {
            throw new LedeError('NOT_FOUND', `no preview "${params.file}"; ask for "original" or e.g. "16x9-640.webp"`, { reason: 'no_preview' });
          }
          const record = await media.library.ensureRendition(asset.id, crop, Number(m[2]), format);
          key = record.storageKey;
          type = MIME_OF[record.format];
        }
        const etag = `"${key.replace(/^.*\//, '').slice(0, 40)}"`;
        const headers = { 'Content-Type': type, 'Cache-Control': 'private, no-cache', ETag: etag, 'X-Content-Type-Options': 'nosniff' };
        if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
        const stream = await media.storage.read(key);
        if (!stream) throw new LedeError('UNAVAILABLE', `the file of media asset ${asset.id} is missing from storage`, { reason: 'media_file_missing' });
        return c.body(Readable.toWeb(stream) as unknown as ReadableStream, 200, headers);
      },
    });
  };
}
