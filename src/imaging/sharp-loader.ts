import type Sharp from 'sharp';

export type SharpModule = typeof Sharp;

let pending: Promise<SharpModule> | undefined;
let threads = 1;

/**
 * sharp (libvips), loaded on first use: it takes about 100 ms to load, which a
 * start-up that serves pages before anyone uploads a picture should not pay.
 * Process-wide settings are applied once it is in: no operation cache (it
 * would hold decoded originals) and a bounded number of threads per image.
 */
export function loadSharp(): Promise<SharpModule> {
  pending ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(threads);
    return sharp;
  });
  return pending;
}

/** libvips threads per image operation (the media library's `threads`), now or when sharp loads. */
export function setSharpThreads(n: number): void {
  threads = n;
  void pending?.then((sharp) => sharp.concurrency(n));
}
