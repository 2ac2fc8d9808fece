import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { PageCache } from '../../src/site/page-cache.js';
import { PIECE_BYTES, PieceStore } from '../../src/site/piece-store.js';

const joined = (views: readonly Buffer[]) => Buffer.concat(views as Buffer[]);

test('a body comes back byte for byte at every length around the piece size', () => {
  const store = new PieceStore();
  for (const n of [0, 1, PIECE_BYTES - 1, PIECE_BYTES, PIECE_BYTES + 1, 3 * PIECE_BYTES, 15_700, 300_000]) {
    const bytes = randomBytes(n);
    const body = store.put(bytes);
    assert.equal(body.length, n);
    assert.equal(body.views.length, Math.ceil(n / PIECE_BYTES), `pieces for ${n} bytes`);
    assert.ok(joined(body.views).equals(bytes), `views of ${n} bytes`);
    assert.ok(store.copy(body).equals(bytes), `copy of ${n} bytes`);
  }
});

test('pieces given back are reused: churn of mixed sizes never takes more blocks than the most bytes kept at once', () => {
  const store = new PieceStore();
  let seed = 11;
  const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const live: ReturnType<PieceStore['put']>[] = [];
  let peak = 0;
  for (let i = 0; i < 20_000; i++) {
    // Sizes like a cache's: pages, gzip and brotli copies, small answers.
    const size = [600, 4_500, 5_100, 15_700, 48_000][Math.floor(rnd() * 5)]! + Math.floor(rnd() * 900);
    live.push(store.put(Buffer.alloc(size, i & 0xff)));
    if (live.length > 400) store.drop(live.splice(Math.floor(rnd() * live.length), 1)[0]!);
    peak = Math.max(peak, store.usedBytes);
  }
  const block = 512 * PIECE_BYTES;
  assert.ok(store.reservedBytes <= Math.ceil(peak / block) * block, `${store.reservedBytes} reserved for a peak of ${peak}`);
  // And what is kept is intact after all that reuse.
  for (const body of live) assert.ok(joined(body.views).every((b) => b === joined(body.views)[0]));
});

test('a dropped body that a response still writes keeps its bytes until the response lets go', () => {
  const store = new PieceStore();
  const a = Buffer.alloc(5_000, 0x61);
  const held = store.put(a);
  store.hold(held);
  store.drop(held);
  const used = store.usedBytes;
  const b = store.put(Buffer.alloc(5_000, 0x62));
  assert.ok(joined(held.views).equals(a), 'the held pieces were not handed to the next body');
  assert.equal(store.usedBytes, used + PieceStore.bytesFor(5_000));
  store.release(held);
  assert.equal(store.usedBytes, PieceStore.bytesFor(5_000), 'released: only the second body is in use');
  const c = store.put(Buffer.alloc(5_000, 0x63));
  assert.ok(joined(b.views).every((x) => x === 0x62));
  assert.ok(joined(c.views).every((x) => x === 0x63));
});

test('a fast hit being written survives its copy being purged and the cache filling up again', async () => {
  const cache = new PageCache({ maxBytes: 256 * 1024 });
  const page = (text: string) => async () => new Response(`<!doctype html><p>${text}</p>`.padEnd(9_000, '.'), { headers: { 'content-type': 'text/html; charset=utf-8' } });
  const ask = (path: string, text: string) => cache.handle(new Request(`http://lede.test${path}`), page(text));
  const first = await ask('/politik', 'erste Fassung');
  assert.equal(first.headers.get('x-cache'), 'MISS');
  const expected = Buffer.from(await first.arrayBuffer());

  const hit = cache.wireHit('GET', '/politik', undefined, undefined);
  assert.ok(hit?.body && hit.release, 'a fresh copy is a fast hit with pieces to release');
  // While that response is still going out, the page is purged and many new copies are stored.
  cache.purge(['section:politik']);
  for (let i = 0; i < 40; i++) await ask(`/sport/meldung-${i}`, `Meldung ${i}`);
  assert.ok(joined(hit.body).equals(expected), 'the bytes on their way out are the page as it was');
  hit.release();

  const again = await ask('/politik', 'zweite Fassung');
  assert.equal(again.headers.get('x-cache'), 'MISS');
  assert.match(await again.text(), /zweite Fassung/);
  assert.ok(cache.bytes <= 256 * 1024);
  assert.ok(cache.reservedBytes <= 2 * 1024 * 1024, `blocks for a 256 KB cache: ${cache.reservedBytes}`);
});
