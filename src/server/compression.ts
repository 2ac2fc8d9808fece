import type { MiddlewareHandler } from 'hono';
import {
  MIN_COMPRESS_BYTES, encodeFast, encodeStream, etagFor, isCompressibleType, negotiate, varyWithAcceptEncoding, variesByEncoding,
} from '../site/content-encoding.js';

/**
 * A body longer than this is not waited for: what was read so far and the rest
 * are compressed as they stream (the stories sitemap streams megabytes).
 */
const BUFFER_LIMIT = 256 * 1024;

/**
 * Compresses text answers per response (newsroom pages and API, uncached
 * renders, sitemaps, feeds) with the fast settings of content-encoding.ts,
 * in the coding the request's Accept-Encoding prefers. Hono's own
 * `hono/compress` does gzip and deflate only; this one does brotli too.
 *
 * Left alone: an answer that has a Content-Encoding or already varies by
 * Accept-Encoding (the page cache and the newsroom assets choose their coding
 * themselves, from bodies compressed once), HEAD, 1xx/204/206/304, anything
 * marked `no-transform`, pictures and other non-text types, and bodies under
 * MIN_COMPRESS_BYTES. Every text answer gets `Vary: Accept-Encoding`,
 * compressed or not, so a shared cache keeps one copy per coding.
 */
export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = await compressResponse(c.req.raw, c.res);
    if (res !== c.res) {
      // Hono merges headers it was given into a new c.res; clearing it first keeps the answer as built here.
      c.res = undefined;
      c.res = res;
    }
  };
}

/** `res` in the coding `req` prefers (or `res` itself, when it is to be left alone). */
export async function compressResponse(req: Request, res: Response): Promise<Response> {
  const headers = res.headers;
  if (!isCompressibleType(headers.get('content-type')) || headers.has('content-encoding') || variesByEncoding(headers.get('vary'))) return res;
  const vary = varyWithAcceptEncoding(headers.get('vary'));
  const untouched = req.method === 'HEAD' || !res.body || res.status < 200 || res.status === 204 || res.status === 206 || res.status === 304
    || /no-transform/i.test(headers.get('cache-control') ?? '');
  const coding = negotiate(req.headers.get('accept-encoding'));
  if (untouched || coding === 'identity') return withVary(res, vary);

  // Read up to BUFFER_LIMIT: a body that ends before it is compressed in one go (or left alone when small).
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
    if (length > BUFFER_LIMIT) {
      return withHeaders(res, encodeStream(chunks, reader, coding), { vary, coding });
    }
  }
  const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
  // Buffers and byte arrays are valid bodies; the DOM typings do not say so.
  if (length < MIN_COMPRESS_BYTES) return withHeaders(res, body as unknown as BodyInit, { vary });
  return withHeaders(res, encodeFast(body, coding) as unknown as BodyInit, { vary, coding });
}

/**
 * `res` as it is, with its Vary set: an answer that goes out uncompressed is
 * not rebuilt (a new Response around its body made @hono/node-server stream
 * what it would otherwise write in one go: a tenth of an uncached render).
 */
function withVary(res: Response, vary: string): Response {
  try {
    res.headers.set('Vary', vary);
    return res;
  } catch {
    // Headers of a fetched answer are immutable: build it anew.
    return withHeaders(res, res.body, { vary });
  }
}

function withHeaders(res: Response, body: BodyInit | null, opts: { vary: string; coding?: 'br' | 'gzip' }): Response {
  const headers = new Headers(res.headers);
  headers.set('Vary', opts.vary);
  if (opts.coding) {
    headers.set('Content-Encoding', opts.coding);
    headers.delete('Content-Length');
    const etag = headers.get('etag');
    if (etag) headers.set('ETag', etagFor(etag, opts.coding));
  }
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}
