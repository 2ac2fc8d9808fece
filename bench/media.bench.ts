/**
 * Media benchmark: what a 24-megapixel camera JPEG costs. Prints figures;
 * never passes or fails.
 *
 *  - upload to ready: MediaLibrary.upload of a 6000 × 4000 JPEG (noise over a
 *    gradient, so it does not compress to nothing): intake (header checks, one
 *    full decode), rights, the 16:9 renditions (5 widths × AVIF/WebP/JPEG),
 *    storage and the database record, on PGlite; split into intake and the rest;
 *  - rendition throughput: renditions made on first request (one decode of
 *    the original, one encode each), per format, and a whole crop (15 files);
 *  - peak RSS while processing (sampled every 5 ms, and the process maximum).
 *
 * BENCH_MEDIA_RUNS (default 2) uploads per setting; BENCH_MEDIA_THREADS (default
 * "1,2") libvips threads per image to compare.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { inspectUpload } from '../src/imaging/intake.js';
import { MediaLibrary } from '../src/services/media-library.js';
import { CROPS, FORMATS, cropBox, renderCrop, renditionWidths } from '../src/imaging/renditions.js';
import { DiskStorage } from '../src/storage/storage.js';
import { openDatabase } from '../src/store/index.js';

const RUNS = Number(process.env.BENCH_MEDIA_RUNS ?? 2);
const THREADS = (process.env.BENCH_MEDIA_THREADS ?? '1,2').split(',').map(Number);
const W = 6000;
const H = 4000;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** Samples RSS while `fn` runs; returns its result, the time and the peak. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakRss: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - t0, peakRss: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

/** A 24-megapixel JPEG: a colour gradient under per-pixel noise (about 10 MB at quality 90). */
async function cameraJpeg(seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(W * H * 3);
  let s = seed >>> 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const n = s >>> 26; // 0..63
      const i = (y * W + x) * 3;
      raw[i] = ((x * 200) / W + n) & 255;
      raw[i + 1] = ((y * 200) / H + n) & 255;
      raw[i + 2] = (((x + y) * 100) / W + n) & 255;
    }
  }
  return sharp(raw, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

// Child mode: write the test JPEGs, so the measuring process never holds their raw pixels.
if (process.env.BENCH_MEDIA_GENERATE) {
  const [dir, count] = process.env.BENCH_MEDIA_GENERATE.split('|');
  for (let i = 0; i < Number(count); i++) fs.writeFileSync(path.join(dir!, `${i}.jpg`), await cameraJpeg(i + 1));
  process.exit(0);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-media-bench-'));
try {
  const count = RUNS * THREADS.length;
  console.log(`generating ${count} test JPEGs of ${W} × ${H} (in a child process)…`);
  const gen = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], {
    env: { ...process.env, BENCH_MEDIA_GENERATE: `${tmp}|${count}` }, stdio: 'inherit',
  });
  if (gen.status !== 0) throw new Error('generating the test images failed');
  const images = Array.from({ length: count }, (_, i) => fs.readFileSync(path.join(tmp, `${i}.jpg`)));
  console.log(`JPEG size ${mb(images[0]!.length)} (${images[0]!.length} bytes); ${os.cpus().length} cores; sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}`);
  global.gc?.();
  const startRss = process.memoryUsage().rss;
  const db = await openDatabase({ dataDir: path.join(tmp, 'data'), onWarning: () => undefined });
  global.gc?.();
  console.log(`RSS before any image work: ${mb(startRss)} (Node, tsx, the JPEGs), ${mb(process.memoryUsage().rss)} with PGlite open`);
  try {
    let next = 0;
    for (const threads of THREADS) {
      const library = new MediaLibrary({ db, storage: new DiskStorage(path.join(tmp, 'media')), threads });
      console.log(`\n-- libvips threads per image: ${threads}`);
      for (let r = 0; r < RUNS; r++) {
        const bytes = images[next++]!;
        global.gc?.();
        const base = process.memoryUsage().rss;
        const intake = await measured(() => inspectUpload({ bytes, fileName: 'kamera.jpg' }));
        global.gc?.();
        const up = await measured(() => library.upload({ bytes, fileName: 'kamera.jpg' }));
        const made = up.value.renditions;
        console.log(`upload to ready: ${ms(up.ms)} (intake alone ${ms(intake.ms)}; ${made.length} renditions, ${mb(made.reduce((n, x) => n + x.bytes, 0))}); peak RSS ${mb(up.peakRss)} (+${mb(up.peakRss - base)} over ${mb(base)})`);
      }

      // Renditions on first request: one decode of the 24 MP original + one encode each.
      const original = images[0]!;
      const src = { width: W, height: H, focal: { x: 0.5, y: 0.5 } };
      for (const format of FORMATS) {
        const jobs = CROPS.flatMap((crop) => [640, 1280].map((w) => ({ crop, w })));
        const run = await measured(async () => {
          for (const j of jobs) await renderCrop(original, src, j.crop, [j.w], [format]);
        });
        console.log(`on first request, ${format}: ${(jobs.length / (run.ms / 1000)).toFixed(2)} renditions/s (${ms(run.ms / jobs.length)} each incl. decode); peak RSS ${mb(run.peakRss)}`);
      }
      // A whole crop from one decode: 5 widths × 3 formats.
      const widths = renditionWidths(cropBox(W, H, '4:3').width);
      const crop = await measured(() => renderCrop(original, src, '4:3', widths, FORMATS));
      console.log(`whole 4:3 crop (${crop.value.length} files, one decode): ${ms(crop.ms)}, ${(crop.value.length / (crop.ms / 1000)).toFixed(2)} renditions/s, ${(1000 / crop.ms).toFixed(2)} source images/s; peak RSS ${mb(crop.peakRss)}`);
    }
  } finally {
    await db.close();
  }
  console.log(`\nprocess max RSS: ${mb(process.resourceUsage().maxRSS * 1024)} (Node, tsx, PGlite, ${count} JPEGs of ${mb(images[0]!.length)} in memory, and the processing)`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
