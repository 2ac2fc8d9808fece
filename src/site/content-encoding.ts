import { Readable, Transform, pipeline } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * Content coding (gzip, brotli) for text answers: which coding a request
 * accepts, which answers are worth compressing, and the two settings used.
 *
 * Brotli quality, measured on the demo article page (11,988 bytes of HTML,
 * node 20, one core of the 2-core bench machine; ms per compression):
 *   q4 0.18 ms 3,964 B · q5 0.20 ms 3,732 B · q6 0.19 ms 3,728 B ·
 *   q9 40 ms 3,726 B · q10 4.6 ms 3,537 B · q11 12.5 ms 3,476 B;
 *   gzip level 6 0.12 ms 4,043 B, level 9 0.12 ms 4,041 B.
 * So a response compressed per request (newsroom, API, uncached renders) uses
 * brotli q5 and gzip 6: a fifth of a millisecond. A page the cache keeps is
 * compressed once and then sent many times, so it gets q11 (7 % smaller than
 * q5) and gzip 9; the 12 ms run on libuv's thread pool (async zlib), outside
 * the render gate, so hits never wait for them.
 */
export type Coding = 'br' | 'gzip' | 'identity';

/** Bodies smaller than this go out as they are: the saving is a few bytes, the cost a compression. */
export const MIN_COMPRESS_BYTES = 1024;

/** Brotli quality per request and for a cached page (see the figures above). */
export const BROTLI_QUALITY_FAST = 5;
export const BROTLI_QUALITY_STORED = 11;

/** How many bodies were compressed (every coding, every path): tests check a cached page is compressed once. */
export const encodeCount = { calls: 0 };

/** Accept-Encoding values seen, negotiated: browsers send a handful of distinct ones, and every cached answer asks. */
const negotiated = new Map<string, Coding>();

/**
 * The coding for a request's Accept-Encoding: the accepted coding with the
 * highest q-value, brotli on a tie; identity when the header is missing or
 * allows neither (`br;q=0, gzip;q=0`). `*` stands for a coding not named.
 */
export function negotiate(acceptEncoding: string | null | undefined): Coding {
  if (!acceptEncoding) return 'identity';
  let coding = negotiated.get(acceptEncoding);
  if (coding === undefined) {
    coding = parseAcceptEncoding(acceptEncoding);
    // Bounded: a client sending a new value each time only costs the parse.
    if (negotiated.size < 256 && acceptEncoding.length < 256) negotiated.set(acceptEncoding, coding);
  }
  return coding;
}

function parseAcceptEncoding(acceptEncoding: string): Coding {
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let value = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) value = Number(m[1]);
    }
    if (!Number.isFinite(value)) value = 0;
    if (!q.has(name)) q.set(name, value);
  }
  const star = q.get('*') ?? 0;
  const br = q.get('br') ?? star;
  const gzip = q.get('gzip') ?? q.get('x-gzip') ?? star;
  if (br <= 0 && gzip <= 0) return 'identity';
  return br >= gzip ? 'br' : 'gzip';
}

/** Whether Accept-Encoding allows gzip (for a copy that has gzip but not brotli to offer). */
export function acceptsGzip(acceptEncoding: string | null | undefined): boolean {
  if (!acceptEncoding) return false;
  const coding = negotiate(acceptEncoding);
  if (coding !== 'br') return coding === 'gzip';
  return parseAcceptEncoding(`${acceptEncoding}`.split(',').filter((p) => p.trim().toLowerCase().split(';')[0] !== 'br').join(',')) === 'gzip';
}

/** HTML, XML (feeds, sitemaps), JSON, CSS, JavaScript and plain text: what compresses well. Pictures are compressed already. */
export function isCompressibleType(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return /^text\/(html|xml|css|javascript|plain|csv)$/.test(type)
    || /^application\/(json|xml|javascript|x-javascript|manifest\+json|[a-z0-9.+-]*\+(xml|json))$/.test(type);
}

/** `Vary` with Accept-Encoding added once. */
export function varyWithAcceptEncoding(vary: string | null): string {
  if (!vary) return 'Accept-Encoding';
  if (/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) return vary;
  return `${vary}, Accept-Encoding`;
}

/** Whether a `Vary` already names Accept-Encoding: the answer's coding was chosen already. */
export function variesByEncoding(vary: string | null): boolean {
  return !!vary && /(^|,)\s*accept-encoding\s*(,|$)/i.test(vary);
}

/** The ETag of one coding of a body: `"abc"` → `"abc-br"`, W/ kept, so a cache never mixes codings. */
export function etagFor(etag: string, coding: Coding): string {
  if (coding === 'identity') return etag;
  const suffix = coding === 'br' ? '-br' : '-gz';
  return etag.endsWith('"') ? `${etag.slice(0, -1)}${suffix}"` : `${etag}${suffix}`;
}

/** Whether If-None-Match names `etag` (weak comparison: W/ ignored on both sides). */
export function matchesIfNoneMatch(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

function brotliParams(quality: number, size?: number): zlib.BrotliOptions {
  return {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      ...(size !== undefined && { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size }),
    },
  };
}

/** One body compressed per request, fast settings, on this thread (a fifth of a millisecond for a page). */
export function encodeFast(body: Uint8Array, coding: 'br' | 'gzip'): Buffer {
  encodeCount.calls++;
  return coding === 'br' ? zlib.brotliCompressSync(body, brotliParams(BROTLI_QUALITY_FAST, body.byteLength)) : zlib.gzipSync(body, { level: 6 });
}

const brotliAsync = promisify(zlib.brotliCompress);
const gzipAsync = promisify(zlib.gzip);

/** One body compressed to keep, best settings, on the thread pool (off the event loop). */
export function encodeStored(body: Uint8Array, coding: 'br' | 'gzip'): Promise<Buffer> {
  encodeCount.calls++;
  return coding === 'br' ? brotliAsync(body, brotliParams(BROTLI_QUALITY_STORED, body.byteLength)) : gzipAsync(body, { level: 9 });
}

/**
 * A streamed body compressed as it streams (fast settings), beginning with
 * the chunks already read from `reader`.
 */
export function encodeStream(first: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>, coding: 'br' | 'gzip'): ReadableStream<Uint8Array> {
  encodeCount.calls++;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield* first;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      // Ended early (the client went away): the source stops too. On a finished stream this does nothing.
      void reader.cancel().catch(() => undefined);
    }
  }
  const zip: Transform = coding === 'br' ? zlib.createBrotliCompress(brotliParams(BROTLI_QUALITY_FAST)) : zlib.createGzip({ level: 6 });
  const out = pipeline(Readable.from(chunks()), zip, () => undefined);
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
