import { LedeError } from '../content/index.js';
import { RIGHTS_FIELDS, rightsStatus, type AssetRights } from '../content/media-types.js';
import { readLimited, type UploadInput } from '../imaging/intake.js';
import { cropBox, renditionWidths } from '../imaging/renditions.js';
import type { MediaAsset } from '../store/asset-repository.js';
import type { NewsroomMedia } from '../services/media-library.js';
import type { NewsroomContext, NewsroomDeps } from '../http/context.js';
import { etagOf } from './api-support.js';
import { MULTIPART_OVERHEAD, STATUS_PARAM } from './media-input.js';

/** The configured media library, or 503 naming what is missing. */
export function mediaOf(deps: Pick<NewsroomDeps, 'media'>): NewsroomMedia {
  if (!deps.media) throw new LedeError('UNAVAILABLE', 'the media library is not configured on this server (no media storage)', { reason: 'media_unconfigured' });
  return deps.media;
}

/** The ETag of an asset's version. */
export const assetEtag = (asset: Pick<MediaAsset, 'version'>): string => etagOf(asset.version);

/** Newsroom preview URLs of an asset (not the public, cacheable rendition URLs). */
export function previewUrls(asset: Pick<MediaAsset, 'id' | 'width' | 'height' | 'focalX' | 'focalY'>): { thumbnail: string; preview: string; original: string } {
  const widths = renditionWidths(cropBox(asset.width, asset.height, '16:9', { x: asset.focalX, y: asset.focalY }).width);
  const small = widths[0]!;
  const medium = [...widths].reverse().find((w) => w <= 960) ?? small;
  return {
    thumbnail: `/newsroom/media/${asset.id}/16x9-${small}.webp`,
    preview: `/newsroom/media/${asset.id}/16x9-${medium}.webp`,
    original: `/newsroom/media/${asset.id}/original`,
  };
}

/** An asset as the API answers it: no storage key; rights status against the clock; usage; preview URLs. */
export function assetView(asset: MediaAsset, now: Date, usedIn: number) {
  return {
    id: asset.id,
    originalName: asset.originalName ?? null,
    mime: asset.mime,
    width: asset.width,
    height: asset.height,
    bytes: asset.bytes,
    sha256: asset.sha256,
    focal: { x: asset.focalX, y: asset.focalY },
    rights: asset.rights,
    rightsStatus: STATUS_PARAM[rightsStatus(asset.rights, now)],
    embeddedCaption: asset.embeddedCaption ?? null,
    usedIn,
    createdBy: asset.createdBy ?? null,
    createdAt: asset.createdAt,
    updatedAt: asset.updatedAt,
    version: asset.version,
    urls: previewUrls(asset),
  };
}
export type AssetView = ReturnType<typeof assetView>;

function tooLarge(limit: number): LedeError {
  return new LedeError('PAYLOAD_TOO_LARGE', `the file is larger than the limit of ${Math.round(limit / 1024 / 1024)} MB`, { reason: 'upload_too_large', params: { max: limit } });
}

/** A file name from the X-File-Name header (percent-encoded UTF-8), ?name=, or Content-Disposition. */
function declaredName(c: NewsroomContext): string | undefined {
  const header = c.req.header('x-file-name');
  if (header) {
    try {
      return decodeURIComponent(header);
    } catch {
      return header;
    }
  }
  const q = c.req.query('name');
  if (q) return q;
  const cd = c.req.header('content-disposition') ?? '';
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch { /* fall through */ }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(cd)?.[1];
}

export interface ReadUpload {
  input: UploadInput;
  /** Rights the uploader stated in form fields (multipart only). */
  rights: AssetRights;
}

/**
 * The uploaded file, from multipart/form-data (field "file", optional rights
 * fields) or a raw body (Content-Type of the image, name in X-File-Name or
 * ?name=). Reading stops with 413 as soon as more than the limit arrived
 * (Content-Length is checked first), so an oversized upload is never held.
 */
export async function readUpload(c: NewsroomContext, maxBytes: number): Promise<ReadUpload> {
  const type = c.req.header('content-type') ?? '';
  const multipart = /^multipart\/form-data/i.test(type);
  const limit = multipart ? maxBytes + MULTIPART_OVERHEAD : maxBytes;
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(maxBytes);

  if (!multipart) {
    const body = c.req.raw.body;
    if (!body || /^(application\/json|application\/x-www-form-urlencoded|text\/)/i.test(type)) {
      throw new LedeError('VALIDATION', 'send the image as multipart/form-data (field "file") or as the raw body with its Content-Type and the name in X-File-Name', { reason: 'upload_wrong_type' });
    }
    const bytes = await readLimited(body as unknown as AsyncIterable<Uint8Array>, maxBytes).catch((err) => {
      if (err instanceof LedeError && err.code === 'PAYLOAD_TOO_LARGE') throw tooLarge(maxBytes);
      throw err;
    });
    const fileName = declaredName(c);
    return { input: { bytes, ...(fileName && { fileName }), ...(type && { contentType: type }) }, rights: {} };
  }

  let form: FormData;
  if (c.req.raw.bodyUsed) {
    // The CSRF check already parsed the form (a form field instead of the header): use what it read.
    const parsed = await c.req.parseBody();
    form = new FormData();
    for (const [k, v] of Object.entries(parsed)) form.append(k, v as string | Blob);
  } else {
    const raw = c.req.raw.body;
    if (!raw) throw new LedeError('VALIDATION', 'the form has no file (field "file")', { reason: 'upload_no_file' });
    let bytes: Buffer;
    try {
      bytes = await readLimited(raw as unknown as AsyncIterable<Uint8Array>, limit);
    } catch (err) {
      if (err instanceof LedeError && err.code === 'PAYLOAD_TOO_LARGE') throw tooLarge(maxBytes);
      throw err;
    }
    try {
      form = await new Request('http://upload.invalid/', { method: 'POST', body: new Blob([new Uint8Array(bytes)]), headers: { 'content-type': type } }).formData();
    } catch {
      throw new LedeError('VALIDATION', 'the multipart form could not be read; send the image in a field named "file"', { reason: 'upload_unreadable' });
    }
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') throw new LedeError('VALIDATION', 'the form has no file (field "file")', { reason: 'upload_no_file' });
  if (file.size > maxBytes) throw tooLarge(maxBytes);
  const bytes = Buffer.from(await file.arrayBuffer());
  const rights: AssetRights = {};
  for (const key of RIGHTS_FIELDS) {
    const v = form.get(key);
    if (typeof v === 'string' && v.trim()) rights[key] = v;
  }
  return { input: { bytes, ...(file.name && { fileName: file.name }), ...(file.type && { contentType: file.type }) }, rights };
}
