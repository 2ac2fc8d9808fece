import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { LedeError } from '../../src/content/index.js';
import { DEFAULT_LIMITS, checkPngChunks, inspectUpload, readLimited, sniffType } from '../../src/imaging/intake.js';
import { claimedHugePng, gradient } from './images.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PNGSUITE = path.resolve(root, '../shared/conformance/images/pngsuite');

async function refusal(p: Promise<unknown>): Promise<LedeError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof LedeError, `expected a LedeError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the upload to be refused');
}

describe('upload intake', () => {
  test('accepts JPEG, PNG, WebP, AVIF and GIF, told apart by their bytes', async () => {
    for (const [format, mime] of [['jpeg', 'image/jpeg'], ['png', 'image/png'], ['webp', 'image/webp'], ['avif', 'image/avif'], ['gif', 'image/gif']] as const) {
      const bytes = await gradient(48, 32, format);
      assert.equal(sniffType(bytes), mime, format);
      const checked = await inspectUpload({ bytes, fileName: `bild.${format === 'jpeg' ? 'jpg' : format}`, contentType: mime });
      assert.equal(checked.mime, mime);
      assert.deepEqual([checked.width, checked.height, checked.pages], [48, 32, 1]);
      assert.match(checked.sha256, /^[0-9a-f]{64}$/);
    }
  });

  test('animated GIF: frames counted, and counted against the pixel limit', async () => {
    const frame = (background: string) => sharp({ create: { width: 40, height: 30, channels: 3, background } }).raw().toBuffer();
    const frames = Buffer.concat([await frame('#f00'), await frame('#0f0'), await frame('#00f')]);
    const gif = await sharp(frames, { raw: { width: 40, height: 90, channels: 3, pageHeight: 30 } }).gif({ loop: 0 }).toBuffer();
    const checked = await inspectUpload({ bytes: gif, fileName: 'ticker.gif' });
    assert.deepEqual([checked.width, checked.height, checked.pages], [40, 30, 3]);
    const e = await refusal(inspectUpload({ bytes: gif }, { ...DEFAULT_LIMITS, maxPixels: 3000 }));
    assert.match(e.message, /40 × 30 pixels in 3 frames/);
  });

  test('records the displayed size of a photo turned by its EXIF orientation', async () => {
    const turned = await sharp(await gradient(80, 40)).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const checked = await inspectUpload({ bytes: turned, fileName: 'hochkant.jpg' });
    assert.deepEqual([checked.width, checked.height], [40, 80]);
  });

  test('refuses a file whose extension or Content-Type lies about its type, naming both', async () => {
    const png = await gradient(16, 16, 'png');
    const byName = await refusal(inspectUpload({ bytes: png, fileName: 'foto.jpg' }));
    assert.equal(byName.status, 422);
    assert.match(byName.message, /foto\.jpg is named \.jpg \(JPEG\) but its content is PNG/);
    const odd = await refusal(inspectUpload({ bytes: png, fileName: 'notes.txt' }));
    assert.match(odd.message, /named \.txt but its content is PNG/);
    const byType = await refusal(inspectUpload({ bytes: png, fileName: 'foto.png', contentType: 'image/webp' }));
    assert.match(byType.message, /declared as image\/webp but its content is PNG/);
    // no extension, or a generic Content-Type: the content decides
    assert.equal((await inspectUpload({ bytes: png, fileName: 'foto', contentType: 'application/octet-stream' })).mime, 'image/png');
    assert.equal((await inspectUpload({ bytes: await gradient(8, 8, 'jpeg'), fileName: 'FOTO.JPEG', contentType: 'image/jpg' })).mime, 'image/jpeg');
  });

  test('refuses SVG, HEIC-like and unknown files with 415', async () => {
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const e = await refusal(inspectUpload({ bytes: svg, fileName: 'grafik.svg' }));
    assert.equal(e.status, 415);
    assert.match(e.message, /SVG/);
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic'), Buffer.alloc(64)]);
    assert.equal((await refusal(inspectUpload({ bytes: heic }))).status, 415);
    assert.equal((await refusal(inspectUpload({ bytes: Buffer.from('%PDF-1.7\n…') }))).status, 415);
    assert.equal((await refusal(inspectUpload({ bytes: Buffer.alloc(0) }))).status, 422);
  });

  test('refuses files over the byte limit (413), also while reading a stream', async () => {
    const jpeg = await gradient(64, 64, 'jpeg');
    const e = await refusal(inspectUpload({ bytes: jpeg }, { ...DEFAULT_LIMITS, maxBytes: 100 }));
    assert.equal(e.status, 413);
    const chunks = Array.from({ length: 10 }, () => Buffer.alloc(1000));
    assert.equal((await readLimited(Readable.from(chunks), 10_000)).length, 10_000);
    assert.equal((await refusal(readLimited(Readable.from(chunks), 9_999))).status, 413);
  });

  test('refuses an image claiming 64,000 × 64,000 pixels from its header, without decoding it', async () => {
    const bomb = claimedHugePng(64_000, 64_000);
    assert.ok(bomb.length < 2000, `the test file is tiny (${bomb.length} bytes)`);
    checkPngChunks(bomb); // well-formed, correct CRCs: only its size is hostile
    global.gc?.();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 5; i++) {
      const e = await refusal(inspectUpload({ bytes: bomb, fileName: 'bombe.png' }));
      assert.equal(e.status, 413);
      assert.match(e.message, /64000 × 64000 pixels \(4096\.0 megapixels\); the limit is 100 megapixels/);
    }
    const grown = process.memoryUsage().rss - before;
    // decoding would need 64000² × 3 bytes ≈ 12 GB; reading the header needs next to nothing
    assert.ok(grown < 64 * 1024 * 1024, `rss grew by ${(grown / 1e6).toFixed(1)} MB`);
    // and a picture just over a small pixel limit is refused the same way
    const e = await refusal(inspectUpload({ bytes: await gradient(100, 100, 'png') }, { ...DEFAULT_LIMITS, maxPixels: 9_999 }));
    assert.equal(e.status, 413);
  });

  test('refuses a truncated JPEG and a PNG with a damaged chunk', async () => {
    const jpeg = await gradient(200, 150, 'jpeg');
    const e = await refusal(inspectUpload({ bytes: jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), fileName: 'halb.jpg' }));
    assert.equal(e.status, 422);
    assert.match(e.message, /damaged/);
    const png = Buffer.from(await gradient(40, 40, 'png'));
    png[png.length - 20] = png[png.length - 20]! ^ 0xff; // inside IDAT
    assert.match((await refusal(inspectUpload({ bytes: png }))).message, /PNG file is damaged|truncated/);
  });

  const suiteSkip = fs.existsSync(PNGSUITE) ? undefined : `PngSuite not found at ../shared/conformance/images/pngsuite: skipped`;
  test('PngSuite: every valid image accepted, every corrupt one (x…) refused with a 4xx', { skip: suiteSkip }, async () => {
    const files = fs.readdirSync(PNGSUITE).filter((f) => f.endsWith('.png')).sort();
    assert.ok(files.length > 150, `PngSuite has ${files.length} images`);
    const wrong: string[] = [];
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(PNGSUITE, f));
      const corrupt = f.startsWith('x');
      try {
        await inspectUpload({ bytes, fileName: f, contentType: 'image/png' });
        if (corrupt) wrong.push(`${f}: accepted`);
      } catch (err) {
        if (!corrupt) wrong.push(`${f}: refused (${(err as Error).message})`);
        else if (!(err instanceof LedeError) || err.status < 400 || err.status >= 500) wrong.push(`${f}: ${String(err)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
