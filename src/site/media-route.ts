import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { isLedeError } from '../content/index.js';
import type { RenditionFormat } from '../content/media-types.js';
import { FORMAT_MIME } from '../imaging/renditions.js';
import { assetKey } from './page-assets.js';

/**
 * What the site needs of the media library to serve a rendition (the
 * MediaLibrary service implements it; server/app.ts hands it in): the file
 * behind a public rendition path, made on first request. It rejects with
 * NOT_FOUND for unknown or outdated paths and GONE when the rights do not
 * allow showing the picture now.
 */
export interface RenditionOpener {
  openRendition(path: string): Promise<{
    record: { format: RenditionFormat; bytes: number };
    stream: Readable;
    asset: { id: string; rights: { validUntil?: string } };
  }>;
}

/** A year: how long an unbounded picture's rendition may be kept (its URL changes with its pixels). */
const YEAR_S = 31_536_000;

/**
 * How long a rendition of a picture whose rights end at `validUntil` may be
 * kept: never past that instant, so the picture's lapse takes effect in
 * browsers and CDNs too. Whole seconds, rounded down.
 */
export function renditionMaxAge(validUntil: string | undefined, now: Date): number {
  if (!validUntil) return YEAR_S;
  const left = Math.floor((Date.parse(validUntil) - now.getTime()) / 1000);
  return Math.max(0, Math.min(YEAR_S, left));
}

/**
 * GET /media/<asset>/<crop>-<width>-<tag>.<ext>: a public rendition, made on
 * first request. Immutable (the URL changes whenever the pixels would) but
 * `max-age` capped at the picture's valid_until; 410 when its rights do not
 * allow showing it now, 404 for unknown or outdated addresses. Surrogate-Key
 * `asset:<id>` lets a CDN drop it with the pages on a rights change.
 */
export function mediaHandler(library: RenditionOpener, clock: () => Date = () => new Date()) {
  return async (c: Context) => {
    const assetId = c.req.param('assetId') ?? '';
    const file = c.req.param('file') ?? '';
    try {
      const { record, stream, asset } = await library.openRendition(`${assetId}/${file}`);
      const maxAge = renditionMaxAge(asset.rights.validUntil, clock());
      const headers: Record<string, string> = {
        'Content-Type': FORMAT_MIME[record.format],
        'Content-Length': String(record.bytes),
        'Cache-Control': maxAge > 0 ? `public, max-age=${maxAge}, immutable` : 'no-store',
        'Surrogate-Key': assetKey(asset.id),
      };
      if (c.req.method === 'HEAD') {
        stream.destroy();
        return c.body(null, 200, headers);
      }
      return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, headers);
    } catch (err) {
      if (isLedeError(err) && (err.code === 'NOT_FOUND' || err.code === 'GONE')) {
        // Not cached: renewed rights bring the picture back at the same address.
        return c.text(err.code === 'GONE' ? 'The rights to this image do not allow showing it now.' : 'No such image.', err.code === 'GONE' ? 410 : 404, {
          'Cache-Control': 'no-store',
        });
      }
      throw err;
    }
  };
}
