import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import {
  CROPS, cropBox, parseRenditionPath, pictureFor, renderCrop, renditionPath, renditionTag, renditionWidths, type Crop,
} from '../../src/imaging/renditions.js';
import { gradient } from './images.js';

const RATIO: Record<Crop, number> = { '16:9': 16 / 9, '4:3': 4 / 3, '1:1': 1 };

describe('renditions', () => {
  test('crop box: the largest box of the ratio, centred on the focal point as far as the edges allow', () => {
    assert.deepEqual(cropBox(6000, 4000, '16:9'), { left: 0, top: 313, width: 6000, height: 3375 });
    assert.deepEqual(cropBox(6000, 4000, '1:1'), { left: 1000, top: 0, width: 4000, height: 4000 });
    assert.deepEqual(cropBox(6000, 4000, '1:1', { x: 0, y: 0 }), { left: 0, top: 0, width: 4000, height: 4000 });
    assert.deepEqual(cropBox(6000, 4000, '1:1', { x: 1, y: 0.5 }), { left: 2000, top: 0, width: 4000, height: 4000 });
    assert.deepEqual(cropBox(6000, 4000, '1:1', { x: 0.4, y: 0.9 }), { left: 400, top: 0, width: 4000, height: 4000 });
    // portrait: full width, height cut around the point
    assert.deepEqual(cropBox(1000, 3000, '16:9', { x: 0.5, y: 0.1 }), { left: 0, top: 19, width: 1000, height: 563 });
    // exact ratio: the whole picture
    assert.deepEqual(cropBox(1600, 900, '16:9', { x: 0.9, y: 0.9 }), { left: 0, top: 0, width: 1600, height: 900 });
    // tiny pictures still give a box inside them
    assert.deepEqual(cropBox(1, 1, '16:9'), { left: 0, top: 0, width: 1, height: 1 });
  });

  test('crop box properties over many sizes and focal points', () => {
    for (let i = 0; i < 500; i++) {
      const w = 1 + ((i * 7919) % 5000);
      const h = 1 + ((i * 104729) % 5000);
      const focal = { x: (i % 11) / 10, y: (i % 7) / 6 };
      for (const crop of CROPS) {
        const b = cropBox(w, h, crop, focal);
        assert.ok(b.left >= 0 && b.top >= 0 && b.left + b.width <= w && b.top + b.height <= h, `${w}x${h} ${crop}: inside`);
        assert.ok(b.width === w || b.height === h, 'largest: touches two opposite edges');
        if (b.width > 20 && b.height > 20) assert.ok(Math.abs(b.width / b.height - RATIO[crop]) < 0.05, `${w}x${h} ${crop}: ratio`);
        const fx = focal.x * w;
        const fy = focal.y * h;
        assert.ok(fx >= b.left - 1 && fx <= b.left + b.width + 1 && fy >= b.top - 1 && fy <= b.top + b.height + 1, 'contains the focal point');
      }
    }
  });

  test('widths: the standard ones up to the crop width, never upscaled', () => {
    assert.deepEqual(renditionWidths(6000), [320, 640, 960, 1280, 1920]);
    assert.deepEqual(renditionWidths(1000), [320, 640, 960]);
    assert.deepEqual(renditionWidths(200), [200]);
  });

  test('renders AVIF, WebP and JPEG of a crop, sRGB, without metadata, at the right sizes', async () => {
    const original = await sharp(await gradient(700, 500, 'jpeg')).withExif({ IFD0: { Artist: 'Fotograf' } }).jpeg().toBuffer();
    const out = await renderCrop(original, { width: 700, height: 500, focal: { x: 0.2, y: 0.5 } }, '16:9', renditionWidths(700), ['avif', 'webp', 'jpeg']);
    assert.deepEqual(out.map((o) => `${o.width}x${o.height} ${o.format}`).sort(), [
      '320x180 avif', '320x180 jpeg', '320x180 webp', '640x360 avif', '640x360 jpeg', '640x360 webp',
    ]);
    for (const o of out) {
      const m = await sharp(o.data).metadata();
      assert.equal(m.format, o.format === 'avif' ? 'heif' : o.format);
      assert.deepEqual([m.width, m.height], [o.width, o.height]);
      assert.equal(m.exif, undefined, 'no EXIF');
      assert.equal(m.space, 'srgb');
    }
  });

  test('converts an embedded colour profile (Display P3) to sRGB and drops the profile', async () => {
    // sharp stores the sRGB colour (200, 100, 50) as P3 values with a P3 profile
    const p3 = await sharp({ create: { width: 64, height: 36, channels: 3, background: { r: 200, g: 100, b: 50 } } })
      .withIccProfile('p3').jpeg({ quality: 100 }).toBuffer();
    const stored = await sharp(p3).keepIccProfile().raw().toBuffer();
    assert.ok(Math.abs(stored[0]! - 200) > 5, 'the file holds P3 values, not sRGB');
    const [o] = await renderCrop(p3, { width: 64, height: 36, focal: { x: 0.5, y: 0.5 } }, '16:9', [64], ['webp']);
    const m = await sharp(o!.data).metadata();
    assert.equal(m.icc, undefined);
    const px = await sharp(o!.data).raw().toBuffer();
    assert.ok([200, 100, 50].every((v, i) => Math.abs(px[i]! - v) <= 8), `sRGB pixel ${[...px.subarray(0, 3)]}`);
  });

  test('applies EXIF orientation before cropping', async () => {
    // stored 80×40, orientation 6 (rotate 90°): displayed 40×80
    const stored = await sharp(await gradient(80, 40)).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const [o] = await renderCrop(stored, { width: 40, height: 80, focal: { x: 0.5, y: 0.5 } }, '1:1', [40], ['jpeg']);
    assert.deepEqual([o!.width, o!.height], [40, 40]);
  });

  test('URLs: tag from everything that decides the pixels; srcset/sizes for a figure', () => {
    const asset = { id: '0d6c5f1e-1111-4222-8333-944445555666', sha256: 'a'.repeat(64), width: 3000, height: 2000, focalX: 0.5, focalY: 0.5 };
    const p = renditionPath(asset, '16:9', 640, 'avif');
    assert.match(p, /^\/media\/0d6c5f1e-1111-4222-8333-944445555666\/16x9-640-[A-Za-z0-9_-]{16}\.avif$/);
    assert.deepEqual(parseRenditionPath(p.slice('/media'.length)), {
      assetId: asset.id, crop: '16:9', width: 640, format: 'avif', tag: renditionTag(asset.sha256, { x: 0.5, y: 0.5 }, '16:9', 640, 'avif'),
    });
    assert.notEqual(renditionPath({ ...asset, focalX: 0.3 }, '16:9', 640, 'avif'), p, 'a new focal point makes new URLs');
    assert.equal(parseRenditionPath('../../etc/passwd'), undefined);

    const pic = pictureFor(asset, '16:9');
    assert.deepEqual(pic.sources.map((s) => s.type), ['image/avif', 'image/webp']);
    assert.equal(pic.sources[0]!.srcset.split(', ').length, 5);
    assert.match(pic.sources[0]!.srcset, /-320-[\w-]+\.avif 320w, .*-1920-[\w-]+\.avif 1920w$/);
    assert.match(pic.img.src, /16x9-960-[\w-]+\.jpg$/);
    assert.deepEqual([pic.img.width, pic.img.height], [960, 540]);
    assert.equal(pic.img.sizes, '(min-width: 64em) 960px, 100vw');
    const small = pictureFor({ ...asset, width: 500, height: 500 }, '4:3', { sizes: '300px' });
    assert.match(small.img.srcset, /-320-[\w-]+\.jpg 320w$/);
    assert.deepEqual([small.img.width, small.img.height, small.sizes], [320, 240, '300px']);
  });
});
