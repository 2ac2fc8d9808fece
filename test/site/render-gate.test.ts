/**
 * The render gate's pacing: while readers are being served from the cache,
 * a render that ran holds the next one back (even with a slot free), so a
 * flood of uncached requests leaves the hits their share of the time; with
 * no hits, renders go back to back. Checked by order and queue state, not by
 * timing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RenderGate, isRenderShed } from '../../src/site/render-gate.js';

/** Busy-waits `ms` on this thread, as a PGlite render does. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

test('without cache hits, a render after a render starts at once (a free slot is taken)', async () => {
  const gate = new RenderGate({ maxRenders: 2, maxQueue: 10, maxWaitMs: 5_000 });
  await gate.run(async () => spin(20));
  let started = false;
  const second = gate.run(async () => {
    started = true;
  });
  assert.equal(gate.queued, 0, 'not queued');
  assert.equal(gate.inFlight, 1);
  await second;
  assert.ok(started);
});

test('while hits are served, the render after a render waits in the queue though a slot is free, then runs', async () => {
  const gate = new RenderGate({ maxRenders: 2, maxQueue: 10, maxWaitMs: 5_000, shareWhileHits: 0.3 });
  gate.noteHit();
  await gate.run(async () => spin(20));
  gate.noteHit();
  const order: string[] = [];
  const next = gate.run(async () => {
    order.push('render');
  });
  assert.equal(gate.queued, 1, 'held back: the last render took its share');
  assert.equal(gate.inFlight, 0, 'no slot is taken while it waits');
  await next;
  assert.deepEqual(order, ['render'], 'it runs once its turn comes');
  assert.equal(gate.queued, 0);
});

test('a held-back render still obeys the wait limit: it is shed, never left hanging', async () => {
  const gate = new RenderGate({ maxRenders: 1, maxQueue: 10, maxWaitMs: 1, shareWhileHits: 0.01 });
  gate.noteHit();
  await gate.run(async () => spin(30)); // 30 ms at a 1 % share pushes the next start far beyond the 1 ms wait
  gate.noteHit();
  await assert.rejects(gate.run(async () => undefined), (e: unknown) => isRenderShed(e));
  assert.equal(gate.shed, 1);
});
