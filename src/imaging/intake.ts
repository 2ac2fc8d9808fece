import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { Metadata } from 'sharp';
import { loadSharp } from './sharp-loader.js';
import { LedeError } from '../content/index.js';
import type { MediaType } from '../content/media-types.js';

/**
 * Upload intake: decides whether a file may enter the media library, before
 * anything is written. In order, cheapest first:
 *
 *  1. size in bytes (the caller should also stop reading a body early: readLimited);
 *  2. the type, from the bytes (magic numbers), never from the name; the
 *     declared name extension and Content-Type must agree with it;
 *  3. the pixel count, from the header only (sharp's metadata() does not
 *     decode), so a file claiming 64,000 × 64,000 pixels costs nothing;
 *  4. PNG: every chunk's CRC (libvips' PNG loader tolerates a damaged IDAT CRC);
 *  5. a full decode with libvips failing on warnings, so truncated or corrupt
 *     pixel data is refused now and not when a rendition is first made.
 *
 * SVG is refused: an SVG is a document, not a picture: scripts, event
 * handlers, external references and foreignObject make it stored cross-site
 * scripting when served from our origin, and sanitizers are a moving target.
 * Graphics come as PNG/WebP exports or as embeds.
 */

export { MEDIA_TYPES, type MediaType } from '../content/media-types.js';

/** The file name extension Lede gives each type. */
export const EXTENSION: Record<MediaType, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/avif': 'avif', 'image/gif': 'gif',
};

const NAME: Record<MediaType, string> = {
  'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'image/avif': 'AVIF', 'image/gif': 'GIF',
};

/** Extensions a declared file name may carry, by the type they promise. */
const EXTENSION_TYPES: Record<string, MediaType> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', jfif: 'image/jpeg',
  png: 'image/png', webp: 'image/webp', avif: 'image/avif', gif: 'image/gif',
};

/** Content-Type spellings seen in the wild, by the type they mean. */
const CONTENT_TYPES: Record<string, MediaType> = {
  'image/jpeg': 'image/jpeg', 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg',
  'image/png': 'image/png', 'image/x-png': 'image/png', 'image/webp': 'image/webp',
  'image/avif': 'image/avif', 'image/gif': 'image/gif',
};

export interface IntakeLimits {
  /** Largest file in bytes (default 50 MiB). */
  maxBytes: number;
  /** Most pixels, all frames of an animation together (default 100 megapixels). */
  maxPixels: number;
}

export const DEFAULT_LIMITS: IntakeLimits = { maxBytes: 50 * 1024 * 1024, maxPixels: 100_000_000 };

export interface UploadInput {
  bytes: Buffer;
  /** The name the file had on the uploader's machine. */
  fileName?: string;
  /** The Content-Type the client declared for the file. */
  contentType?: string;
}

/** A file that passed intake: its type, size and the metadata blocks the rights reader needs. */
export interface CheckedImage {
  bytes: Buffer;
  sha256: string;
  mime: MediaType;
  /** Displayed size: after EXIF orientation. */
  width: number;
  height: number;
  /** Frames of an animation (1 for a still image). */
  pages: number;
  hasAlpha: boolean;
  /** Raw embedded metadata blocks, when present. */
  exif?: Buffer;
  iptc?: Buffer;
  xmp?: Buffer;
}

/** What the bytes are, by their magic numbers: a supported type, 'svg', 'heic', or undefined. */
export function sniffType(b: Uint8Array): MediaType | 'svg' | 'heic' | undefined {
  const ascii = (from: number, to: number) => Buffer.from(b.subarray(from, to)).toString('latin1');
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (b.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'image/gif';
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 16 && ascii(4, 8) === 'ftyp') {
    // ISO base media file: the major brand, then compatible brands up to the box end.
    const boxSize = Math.min(Buffer.from(b).readUInt32BE(0), b.length, 256);
    const brands = [ascii(8, 12)];
    for (let o = 16; o + 4 <= boxSize; o += 4) brands.push(ascii(o, o + 4));
    if (brands.includes('avif') || brands.includes('avis')) return 'image/avif';
    if (brands.some((x) => ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'].includes(x))) return 'heic';
    return undefined;
  }
  const head = Buffer.from(b.subarray(0, 1024)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (/^<(\?xml|!DOCTYPE\s+svg|svg[\s>])/i.test(head) && /<svg[\s>]/i.test(head)) return 'svg';
  return undefined;
}

/** The declared name's extension in lower case, or undefined when the name has none. */
function extensionOf(fileName: string | undefined): string | undefined {
  const base = fileName?.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : undefined;
}

function tooLarge(bytes: number, limits: IntakeLimits): LedeError {
  return new LedeError('PAYLOAD_TOO_LARGE', `the file is ${formatBytes(bytes)}; the limit is ${formatBytes(limits.maxBytes)}`, {
    reason: 'upload_too_large', params: { max: limits.maxBytes },
  });
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(0)} KB` : `${n} bytes`;
}

/**
 * Collects a stream into one buffer, refusing (413) as soon as more than
 * `maxBytes` arrived, so an oversized upload is never held whole.
 */
export async function readLimited(stream: AsyncIterable<Uint8Array>, maxBytes: number = DEFAULT_LIMITS.maxBytes): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(total, { ...DEFAULT_LIMITS, maxBytes });
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts, total);
}

/** Checks the declared name and Content-Type against the type the bytes have. */
function checkDeclared(actual: MediaType, input: UploadInput): void {
  const name = input.fileName?.split(/[\\/]/).pop();
  const ext = extensionOf(name);
  if (ext !== undefined && EXTENSION_TYPES[ext] !== actual) {
    const promised = EXTENSION_TYPES[ext];
    throw new LedeError('VALIDATION',
      `${name} is named .${ext}${promised ? ` (${NAME[promised]})` : ''} but its content is ${NAME[actual]}; rename it to .${EXTENSION[actual]} or upload the right file`, { reason: 'image_type_mismatch' });
  }
  const declared = input.contentType?.split(';')[0]!.trim().toLowerCase();
  if (declared && declared !== 'application/octet-stream') {
    const promised = CONTENT_TYPES[declared];
    if (promised !== actual) {
      throw new LedeError('VALIDATION', `the upload was declared as ${declared} but its content is ${NAME[actual]} (${actual})`, { reason: 'image_type_mismatch' });
    }
  }
}

/**
 * Walks a PNG's chunks: each must fit in the file and carry a correct CRC,
 * and the file must end with IEND. Throws VALIDATION naming the damage.
 */
export function checkPngChunks(b: Buffer): void {
  let o = 8;
  for (;;) {
    if (o + 12 > b.length) throw new LedeError('VALIDATION', 'the PNG file is truncated (no IEND chunk)', { reason: 'image_damaged' });
    const length = b.readUInt32BE(o);
    const type = b.toString('latin1', o + 4, o + 8);
    if (length > 0x7fffffff || o + 12 + length > b.length) throw new LedeError('VALIDATION', `the PNG file is truncated or damaged (chunk ${JSON.stringify(type)} runs past the end)`, { reason: 'image_damaged' });
    const crc = crc32(b.subarray(o + 4, o + 8 + length));
    if (crc !== b.readUInt32BE(o + 8 + length)) throw new LedeError('VALIDATION', `the PNG file is damaged (checksum of its ${JSON.stringify(type)} chunk is wrong)`, { reason: 'image_damaged' });
    o += 12 + length;
    if (type === 'IEND') return;
  }
}

/**
 * Runs every intake check on an upload. Resolves with what the library stores;
 * rejects with LedeError: 413 PAYLOAD_TOO_LARGE (bytes or pixels), 415
 * UNSUPPORTED_MEDIA_TYPE (not one of the five types, SVG, HEIC), 422
 * VALIDATION (name or Content-Type disagree with the content, damaged file).
 */
export async function inspectUpload(input: UploadInput, limits: IntakeLimits = DEFAULT_LIMITS): Promise<CheckedImage> {
  const { bytes } = input;
  if (bytes.length > limits.maxBytes) throw tooLarge(bytes.length, limits);
  if (bytes.length === 0) throw new LedeError('VALIDATION', 'the file is empty', { reason: 'image_empty' });
  const sniffed = sniffType(bytes);
  if (sniffed === 'svg') {
    throw new LedeError('UNSUPPORTED_MEDIA_TYPE', 'SVG files are not accepted (an SVG can carry scripts); export the graphic as PNG or WebP', { reason: 'image_unsupported' });
  }
  if (sniffed === 'heic') {
    throw new LedeError('UNSUPPORTED_MEDIA_TYPE', 'HEIC/HEIF photos are not accepted; export as JPEG or AVIF', { reason: 'image_unsupported' });
  }
  if (sniffed === undefined) {
    throw new LedeError('UNSUPPORTED_MEDIA_TYPE', `${input.fileName ?? 'the file'} is not a JPEG, PNG, WebP, AVIF or GIF image`, { reason: 'image_unsupported' });
  }
  checkDeclared(sniffed, input);

  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new LedeError('VALIDATION', `the ${NAME[sniffed]} file is damaged: ${shortReason(err)}`, { reason: 'image_damaged', cause: err });
  }
  const decoder = meta.format === 'heif' ? (meta.compression === 'av1' ? 'image/avif' : 'heic') : `image/${meta.format}`;
  if (decoder !== sniffed) {
    throw new LedeError('VALIDATION', `the file looks like ${NAME[sniffed]} but decodes as ${meta.format ?? 'something else'}`, { reason: 'image_damaged' });
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0; // per frame for animations
  const pages = meta.pages ?? 1;
  if (!width || !height) throw new LedeError('VALIDATION', `the ${NAME[sniffed]} file has no image size in its header`, { reason: 'image_damaged' });
  const pixels = width * height * pages;
  if (pixels > limits.maxPixels) {
    throw new LedeError('PAYLOAD_TOO_LARGE',
      `the image has ${width} × ${height} pixels${pages > 1 ? ` in ${pages} frames` : ''} (${(pixels / 1e6).toFixed(1)} megapixels); the limit is ${(limits.maxPixels / 1e6).toFixed(0)} megapixels`,
      { reason: 'image_too_many_pixels', params: { max: limits.maxPixels } });
  }
  if (sniffed === 'image/png') checkPngChunks(bytes);
  try {
    // stats() pulls every pixel through the decoder in strips without keeping the image.
    await sharp(bytes, { failOn: 'warning', sequentialRead: true, limitInputPixels: limits.maxPixels, pages: -1 }).stats();
  } catch (err) {
    throw new LedeError('VALIDATION', `the ${NAME[sniffed]} file is damaged: ${shortReason(err)}`, { reason: 'image_damaged', cause: err });
  }

  const oriented = meta.autoOrient ?? { width, height };
  return {
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    mime: sniffed,
    width: oriented.width,
    height: oriented.height,
    pages,
    hasAlpha: meta.hasAlpha ?? false,
    ...(meta.exif && { exif: meta.exif }),
    ...(meta.iptc && { iptc: meta.iptc }),
    ...(meta.xmp && { xmp: meta.xmp }),
  };
}

/** libvips' first message line, without its "VipsForeignLoad…:" prefix noise. */
function shortReason(err: unknown): string {
  const line = (err instanceof Error ? err.message : String(err)).split('\n').find((l) => l.trim()) ?? 'unreadable';
  return line.replace(/^\w*load\w*:\s*/i, '').slice(0, 200);
}
