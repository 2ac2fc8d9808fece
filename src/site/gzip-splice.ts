import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * A gzip member whose deflate data can take a piece of text at one place
 * without compressing the page again (the breaking banner, banner.ts).
 *
 * Deflate (RFC 1951) is a sequence of blocks; a sync flush ends one on a byte
 * boundary without marking it the last. A compressor started afresh never
 * refers back past its own input, so raw deflate data made separately can be
 * laid end to end, and an inflater reads them as one stream as long as only
 * the very last block is marked final. The page is kept as
 *
 *   header · deflate(text before the slot, sync flush) · deflate(the rest, finish) · CRC-32 · length
 *
 * and served with a banner as
 *
 *   header · first part · deflate(banner, sync flush) · second part · new CRC-32 · new length.
 *
 * The CRC (RFC 1952) is carried on over the banner and the rest of the page,
 * which costs a pass of zlib's CRC over the page's plain bytes (microseconds)
 * instead of a compression. The price is that the rest of the page cannot
 * refer back to the head: about 2–4 % more bytes.
 */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);

export interface SplitGzip {
  /** The whole member: header, both parts, trailer. */
  gzip: Buffer;
  /** Where the second part begins in `gzip`. */
  split: number;
  /** CRC-32 of the plain text before the slot. */
  crcPrefix: number;
}

const deflateRawAsync = promisify(zlib.deflateRaw);

export function trailer(crc: number, length: number): Buffer {
  const t = Buffer.allocUnsafe(8);
  t.writeUInt32LE(crc >>> 0, 0);
  t.writeUInt32LE(length >>> 0, 4);
  return t;
}

function assemble(body: Uint8Array, at: number, head: Buffer, rest: Buffer): SplitGzip {
  const crcPrefix = zlib.crc32(body.subarray(0, at));
  const crc = zlib.crc32(body.subarray(at), crcPrefix);
  return { gzip: Buffer.concat([HEADER, head, rest, trailer(crc, body.byteLength)]), split: HEADER.length + head.length, crcPrefix };
}

/** `body` as a gzip member split at byte `at`, compressed on this thread. */
export function gzipSplitSync(body: Uint8Array, at: number, level: number): SplitGzip {
  const head = zlib.deflateRawSync(body.subarray(0, at), { level, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const rest = zlib.deflateRawSync(body.subarray(at), { level });
  return assemble(body, at, head, rest);
}

/** The same on libuv's thread pool. */
export async function gzipSplit(body: Uint8Array, at: number, level: number): Promise<SplitGzip> {
  const [head, rest] = await Promise.all([
    deflateRawAsync(body.subarray(0, at), { level, finishFlush: zlib.constants.Z_SYNC_FLUSH }),
    deflateRawAsync(body.subarray(at), { level }),
  ]);
  return assemble(body, at, head, rest);
}

/** Text to put between the two parts: raw deflate ending on a byte boundary, not final. */
export function deflatePiece(text: Uint8Array): Buffer {
  return zlib.deflateRawSync(text, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
}

/** Views of bytes [from, to) of a body kept as consecutive views, without copying. */
export function sliceViews(views: readonly Buffer[], from: number, to: number): Buffer[] {
  const out: Buffer[] = [];
  let offset = 0;
  for (const v of views) {
    const end = offset + v.length;
    if (end > from && offset < to) out.push(v.subarray(Math.max(0, from - offset), Math.min(v.length, to - offset)));
    offset = end;
    if (offset >= to) break;
  }
  return out;
}
