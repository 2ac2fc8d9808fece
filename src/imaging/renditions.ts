import { createHash } from 'node:crypto';
import { loadSharp } from './sharp-loader.js';
import { FORMATS, type Crop, type RenditionFormat } from '../content/media-types.js';

/**
 * Renditions: the sizes and formats pages serve, cut from the original around
 * its focal point.
 *
 *  - Crops 16:9 (lead images, the article page), 4:3 (teasers) and 1:1
 *    (rails, author boxes); each the largest box of its ratio that fits, placed
 *    so the focal point is as close to its centre as the edges allow.
 *  - Widths 320…1920, never wider than the crop itself (no upscaling);
 *    AVIF, WebP and JPEG of each.
 *  - Memory stays bounded: one decode of the original per crop, scaled to the
 *    largest width needed and kept as raw pixels (1920 × 1080 × 3 ≈ 6 MB);
 *    every width and format is encoded from that, one at a time. Callers run
 *    one crop at a time (MediaLibrary queues them).
 *  - Output is sRGB: sharp converts from an embedded ICC profile (CMYK,
 *    Adobe RGB, Display P3) on decode, and strips all metadata on encode;
 *    EXIF orientation is applied first.
 */

export { CROPS, FORMATS, type Crop, type RenditionFormat } from '../content/media-types.js';

export const WIDTHS = [320, 640, 960, 1280, 1920] as const;

export const FORMAT_MIME: Record<RenditionFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };
export const FORMAT_EXTENSION: Record<RenditionFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/**
 * Bumped when encoder settings change, so every rendition URL changes with
 * them (the URLs are cached forever).
 */
export const RENDITION_VERSION = 1;

const RATIO: Record<Crop, [number, number]> = { '16:9': [16, 9], '4:3': [4, 3], '1:1': [1, 1] };

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface FocalPoint {
  /** 0 = left edge, 1 = right edge. */
  x: number;
  /** 0 = top edge, 1 = bottom edge. */
  y: number;
}

export const CENTRE: FocalPoint = { x: 0.5, y: 0.5 };

/**
 * The crop box of `crop` in a `width` × `height` picture: the largest box of
 * that ratio that fits, moved so that the focal point sits as near its centre
 * as the picture's edges allow. Integer pixels; always inside the picture.
 */
export function cropBox(width: number, height: number, crop: Crop, focal: FocalPoint = CENTRE): Box {
  const [rw, rh] = RATIO[crop];
  let w: number;
  let h: number;
  if (width * rh > height * rw) {
    h = height;
    w = Math.min(width, Math.max(1, Math.round((height * rw) / rh)));
  } else {
    w = width;
    h = Math.min(height, Math.max(1, Math.round((width * rh) / rw)));
  }
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const fx = clamp(focal.x, 1) * width;
  const fy = clamp(focal.y, 1) * height;
  return {
    left: Math.round(clamp(fx - w / 2, width - w)),
    top: Math.round(clamp(fy - h / 2, height - h)),
    width: w,
    height: h,
  };
}

/** The widths made of a crop `cropWidth` pixels wide: the standard ones up to it, or the crop's own width when smaller than all. */
export function renditionWidths(cropWidth: number): number[] {
  const widths = WIDTHS.filter((w) => w <= cropWidth);
  return widths.length ? widths : [cropWidth];
}

/** Height of a rendition `width` wide of a crop (its ratio, rounded). */
export function renditionHeight(crop: Crop, width: number, box?: Box): number {
  if (box && width === box.width) return box.height;
  const [rw, rh] = RATIO[crop];
  return Math.max(1, Math.round((width * rh) / rw));
}

export interface RenditionSettings {
  /** AVIF quality and effort (0–9; higher is smaller and slower). */
  avif: { quality: number; effort: number };
  webp: { quality: number; effort: number };
  jpeg: { quality: number };
  /** Largest input the decoder accepts (the intake limit). */
  limitInputPixels: number;
}

export const DEFAULT_RENDITION_SETTINGS: RenditionSettings = {
  avif: { quality: 55, effort: 2 },
  webp: { quality: 78, effort: 4 },
  jpeg: { quality: 80 },
  limitInputPixels: 100_000_000,
};

export interface RenditionOutput {
  crop: Crop;
  width: number;
  height: number;
  format: RenditionFormat;
  data: Buffer;
}

/**
 * Makes renditions of one crop: the given widths × formats, from one decode.
 * `widths` must come from renditionWidths(box.width).
 */
export async function renderCrop(
  original: Buffer,
  source: { width: number; height: number; focal: FocalPoint },
  crop: Crop,
  widths: readonly number[],
  formats: readonly RenditionFormat[],
  settings: RenditionSettings = DEFAULT_RENDITION_SETTINGS,
): Promise<RenditionOutput[]> {
  const sharp = await loadSharp();
  const box = cropBox(source.width, source.height, crop, source.focal);
  const largest = Math.max(...widths);
  // One decode: orient, crop, scale to the largest width, flatten to raw sRGB pixels.
  const { data: pixels, info } = await sharp(original, { limitInputPixels: settings.limitInputPixels, sequentialRead: true, failOn: 'error' })
    .autoOrient()
    .extract(box)
    .resize({ width: largest, height: renditionHeight(crop, largest, box), fit: 'fill' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  const out: RenditionOutput[] = [];
  for (const width of [...widths].sort((a, b) => b - a)) {
    const height = renditionHeight(crop, width, box);
    for (const format of formats) {
      let img = sharp(pixels, raw);
      if (width !== info.width) img = img.resize({ width, height, fit: 'fill' });
      if (format === 'jpeg' && info.channels === 4) img = img.flatten({ background: '#ffffff' });
      const data = await (format === 'avif'
        ? img.avif(settings.avif)
        : format === 'webp'
          ? img.webp(settings.webp)
          : img.jpeg({ ...settings.jpeg, mozjpeg: true, progressive: true })
      ).toBuffer();
      out.push({ crop, width, height, format, data });
    }
  }
  return out;
}

/**
 * The tag in a rendition's public URL: a hash of everything that decides its
 * pixels (the original's bytes, focal point, crop, width, format, encoder
 * version). Known before the rendition exists, so pages can link renditions
 * made on first request, and it changes whenever the picture would, which
 * makes the URL safe to cache forever.
 */
export function renditionTag(sha256: string, focal: FocalPoint, crop: Crop, width: number, format: RenditionFormat): string {
  return createHash('sha256')
    .update(`${RENDITION_VERSION}|${sha256}|${focal.x.toFixed(4)},${focal.y.toFixed(4)}|${crop}|${width}|${format}`)
    .digest('base64url')
    .slice(0, 16);
}

/** The fields of an asset rendition URLs need. */
export interface RenditionSource {
  id: string;
  sha256: string;
  width: number;
  height: number;
  focalX: number;
  focalY: number;
}

const CROP_SLUG: Record<Crop, string> = { '16:9': '16x9', '4:3': '4x3', '1:1': '1x1' };

/** The public path of one rendition: /media/<asset>/<crop>-<width>-<tag>.<ext>, under `base`. */
export function renditionPath(asset: RenditionSource, crop: Crop, width: number, format: RenditionFormat, base = '/media'): string {
  const tag = renditionTag(asset.sha256, { x: asset.focalX, y: asset.focalY }, crop, width, format);
  return `${base}/${asset.id}/${CROP_SLUG[crop]}-${width}-${tag}.${FORMAT_EXTENSION[format]}`;
}

/** Reads a path made by renditionPath (without the base); undefined for anything else. */
export function parseRenditionPath(p: string): { assetId: string; crop: Crop; width: number; tag: string; format: RenditionFormat } | undefined {
  const m = /^([0-9a-f-]{36})\/(16x9|4x3|1x1)-(\d{2,4})-([A-Za-z0-9_-]{16})\.(avif|webp|jpg)$/.exec(p.replace(/^\//, ''));
  if (!m) return undefined;
  const crop = (Object.keys(CROP_SLUG) as Crop[]).find((c) => CROP_SLUG[c] === m[2])!;
  const format = (FORMATS as readonly string[]).includes(m[5]!) ? (m[5] as RenditionFormat) : 'jpeg';
  return { assetId: m[1]!, crop, width: Number(m[3]), tag: m[4]!, format };
}

/** The typical layout: full width on phones, the 960 px article column on wide screens. */
export const DEFAULT_SIZES = '(min-width: 64em) 960px, 100vw';

export interface PictureMarkup {
  /** <source type srcset> entries, best format first (AVIF, WebP). */
  sources: { type: string; srcset: string }[];
  /** The <img>: JPEG fallback. */
  img: { src: string; srcset: string; sizes: string; width: number; height: number };
  sizes: string;
}

/**
 * srcset/sizes for one figure: a <picture> with AVIF and WebP sources and a
 * JPEG <img>, over the widths of `crop`; `width`/`height` of the img are the
 * crop's ratio (for layout without shifts). `src` is the 960 px JPEG or the
 * largest below it.
 */
export function pictureFor(asset: RenditionSource, crop: Crop, opts: { sizes?: string; base?: string } = {}): PictureMarkup {
  const box = cropBox(asset.width, asset.height, crop, { x: asset.focalX, y: asset.focalY });
  const widths = renditionWidths(box.width);
  const sizes = opts.sizes ?? DEFAULT_SIZES;
  const srcset = (format: RenditionFormat) => widths.map((w) => `${renditionPath(asset, crop, w, format, opts.base)} ${w}w`).join(', ');
  const fallback = [...widths].reverse().find((w) => w <= 960) ?? widths[0]!;
  return {
    sources: (['avif', 'webp'] as const).map((f) => ({ type: FORMAT_MIME[f], srcset: srcset(f) })),
    img: {
      src: renditionPath(asset, crop, fallback, 'jpeg', opts.base),
      srcset: srcset('jpeg'),
      sizes,
      width: fallback,
      height: renditionHeight(crop, fallback, box),
    },
    sizes,
  };
}
