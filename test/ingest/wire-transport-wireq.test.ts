/**
 * The wireQ transport against a fake wireQ over real HTTP (test/helpers/fake-wireq.ts)
 * and a recording stand-in for the desk: every entry reaches the desk once
 * across a restart of the poller, retry-after and 429 are honoured (asserted
 * on the waits asked for, not on the clock), mode B deletes an entry only
 * after its commit, and hanging or resetting connections are survived.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { startFakeWireq, type FakeWireq } from '../helpers/fake-wireq.js';
import { parseRetryAfter } from '../../src/services/wire-transports/wireq-client.js';
import { wireqPoller } from '../../src/services/wire-transports/wireq-poller.js';
import type { WireSourceConfig } from '../../src/services/wire-transports/wire-transport.js';
import { entry, eventually, fakeDesk, recordingSleep, type FakeDesk } from './wire-transport-fakes.js';

const source = (base: string, settings: Record<string, unknown> = {}): WireSourceConfig => ({
  id: 'dpa-test', name: 'dpa (test)', format: 'digitalwires', transport: 'wireq', settings: { base, ...settings }, secret: null, active: true,
});

let q: FakeWireq;
let desk: FakeDesk;
let logs: string[];
beforeEach(async () => {
  q = await startFakeWireq();
  desk = fakeDesk();
  logs = [];
});
afterEach(() => q.close());

const urns = (n: number) => Array.from({ length: n }, (_, i) => String(entry(i + 1).urn));

describe('wireQ mode A (dequeue-entries.json)', () => {
  test('every entry reaches the desk exactly once across a restart of the poller mid-stream', async () => {
    q.add(...Array.from({ length: 9 }, (_, i) => entry(i + 1)));
    const rec = recordingSleep(() => q.requests.length);
    const first = wireqPoller({ source: source(q.base), ingest: desk.ingest, sleep: rec.sleep, log: (l) => logs.push(l) });
    first.start();
    await eventually(() => desk.stored.length >= 3, 'three entries stored');
    await first.stop();
    const afterFirst = desk.stored.length;
    assert.ok(afterFirst >= 3 && afterFirst < 9, `the first poller stopped mid-stream (${afterFirst} stored)`);
    // Whatever the first poller took off the queue, it stored before stop() resolved.
    assert.equal(afterFirst + q.waiting, 9, 'nothing taken off the queue was left unstored');

    const second = wireqPoller({ source: source(q.base), ingest: desk.ingest, sleep: rec.sleep, log: (l) => logs.push(l) });
    second.start();
    await eventually(() => desk.stored.length === 9, 'all nine stored');
    await second.stop();
    assert.deepEqual(desk.stored.map((k) => k.split(' ')[1]).sort(), urns(9).sort());
    for (const urn of urns(9)) assert.equal(q.handedOut.get(urn), 1, `${urn} handed out once`);
    assert.equal(desk.calls.filter((c) => c.result === 'new').length, 9);
    assert.ok(desk.calls.every((c) => c.via === 'wireq' && c.sourceId === 'dpa-test'));
    assert.equal(desk.calls[0]!.name, urns(9)[0], 'the entry is named by its urn');
    assert.ok(q.requests.every((r) => r.method === 'POST' && r.path === '/dequeue-entries.json'));
  });

  test('a stop while a dequeue is in flight waits for its answer and stores its entries (the queue has forgotten them)', async () => {
    q.add(entry(1), entry(2));
    q.hold = true;
    const poller = wireqPoller({ source: source(q.base), ingest: desk.ingest, sleep: recordingSleep(() => q.requests.length).sleep });
    poller.start();
    await eventually(() => q.held === 1, 'the dequeue is in flight');
    const stopped = poller.stop();
    q.release();
    await stopped;
    assert.equal(q.waiting, 0, 'the queue handed both out');
    assert.deepEqual(desk.stored.map((k) => k.split(' ')[1]), urns(2));
  });

  test('429 with retry-after is honoured: the next request waits the seconds it names', async () => {
    q.add(entry(1), entry(2), entry(3));
    q.refuseNext(2, { retryAfter: '7' });
    const rec = recordingSleep(() => q.requests.length);
    const poller = wireqPoller({ source: source(q.base), ingest: desk.ingest, sleep: rec.sleep });
    poller.start();
    await eventually(() => desk.stored.length === 3, 'three stored');
    await poller.stop();
    assert.deepEqual(q.requests.slice(0, 3).map((r) => r.status), [429, 429, 200]);
    // After each 429 (requests 1 and 2) the poller asked to wait 7 s before its next request.
    assert.deepEqual(rec.asked.filter((a) => a.after <= 2).map((a) => a.ms), [7000, 7000]);
    assert.equal(poller.stats.failures, 0, 'a 429 is the queue pacing us, not a failure');
  });

  test('retry-after on a normal answer paces the polls; entries waiting are fetched at once without one', async () => {
    q.add(entry(1), entry(2), entry(3));
    q.retryAfter = '3';
    const rec = recordingSleep(() => q.requests.length);
    const poller = wireqPoller({ source: source(q.base, { intervalSeconds: 60 }), ingest: desk.ingest, sleep: rec.sleep });
    poller.start();
    await eventually(() => desk.stored.length === 3 && q.requests.length >= 3, 'three stored');
    await poller.stop();
    assert.ok(rec.asked.slice(0, 3).every((a) => a.ms === 3000), `asked ${JSON.stringify(rec.asked.slice(0, 3))}`);

    const q2 = await startFakeWireq();
    try {
      q2.add(entry(1), entry(2), entry(3));
      const rec2 = recordingSleep(() => q2.requests.length);
      const p2 = wireqPoller({ source: source(q2.base, { intervalSeconds: 60 }), ingest: fakeDesk().ingest, sleep: rec2.sleep });
      p2.start();
      await eventually(() => rec2.asked.length >= 3, 'three waits');
      await p2.stop();
      // Two full answers: ask again at once; then the empty queue: the interval.
      assert.deepEqual(rec2.asked.slice(0, 3).map((a) => a.ms), [0, 0, 60_000]);
    } finally {
      await q2.close();
    }
  });

  test('an entry whose commit fails is retried until it commits, before the next request', async () => {
    q.add(entry(1), entry(2));
    desk.failNext(2, String(entry(1).urn));
    const rec = recordingSleep(() => q.requests.length);
    const poller = wireqPoller({ source: source(q.base), ingest: desk.ingest, sleep: rec.sleep, log: (l) => logs.push(l), backOff: { initialMs: 10 } });
    poller.start();
    await eventually(() => desk.stored.length === 2, 'both stored');
    await poller.stop();
    assert.deepEqual(desk.calls.slice(0, 4).map((c) => `${c.urn} ${c.result}`), [
      `${entry(1).urn} threw`, `${entry(1).urn} threw`, `${entry(1).urn} new`, `${entry(2).urn} new`,
    ]);
    assert.equal(q.requests[0]!.entries?.length, 2);
    assert.ok(logs.some((l) => /could not store the entry urn:newsml:test.example:20261205:wire-1/.test(l)), logs.join('\n'));
  });

  test('hanging and reset connections are logged and retried with back-off; stop() does not wait for a hanging request', async () => {
    q.add(entry(1));
    q.trouble = 'hang';
    const rec = recordingSleep(() => q.requests.length);
    const poller = wireqPoller({ source: source(q.base, { timeoutSeconds: 0.1 }), ingest: desk.ingest, sleep: rec.sleep, log: (l) => logs.push(l), backOff: { initialMs: 10, maxMs: 40 } });
    poller.start();
    await eventually(() => poller.stats.failures >= 2, 'two timeouts');
    assert.ok(logs.some((l) => /no answer within 100 ms/.test(l)), logs.join('\n'));
    q.trouble = 'reset';
    const failed = poller.stats.failures;
    await eventually(() => poller.stats.failures >= failed + 2, 'two resets');
    assert.ok(q.requests.some((r) => r.status === 'reset'));
    q.trouble = 'none';
    await eventually(() => desk.stored.length === 1, 'stored once the queue answers');
    await poller.stop();
    // The waits after failures (the last, 5 s, is the idle interval once the queue is empty).
    const delays = rec.asked.filter((a) => a.ms > 0 && a.ms !== 5000).map((a) => a.ms);
    assert.ok(delays.length >= 4 && delays.every((d) => d <= 40 * 1.01), `back-off delays ${delays.join(',')}`);

    // A request that hangs with a long deadline: stop() ends it instead of waiting 30 s.
    q.trouble = 'hang';
    const stuck = wireqPoller({ source: source(q.base, { timeoutSeconds: 30 }), ingest: desk.ingest, stopGraceMs: 20 });
    stuck.start();
    await q.until(() => q.requests.at(-1)?.status === 'hang');
    await stuck.stop();
    assert.equal(stuck.running, false);
    const stuckB = wireqPoller({ source: source(q.base, { timeoutSeconds: 30, mode: 'receipt' }), ingest: desk.ingest });
    const hung = q.requests.length;
    stuckB.start();
    await q.until(() => q.requests.length > hung);
    await stuckB.stop();
    assert.equal(stuckB.running, false);
  });

  test('an answer that is not {"entries": [...]} is handed to the desk as a document (a dead letter), not dropped', async () => {
    q.refuseNext(1, { status: 200, retryAfter: '0' });
    q.add(entry(1));
    const poller = wireqPoller({ source: source(q.base), ingest: desk.ingest, sleep: recordingSleep(() => q.requests.length).sleep, log: (l) => logs.push(l) });
    poller.start();
    await eventually(() => desk.stored.length === 1, 'the entry after it');
    await poller.stop();
    assert.deepEqual(desk.calls.map((c) => `${c.name} ${c.result}`).slice(0, 2), ['unreadable wireQ answer refused', `${entry(1).urn} new`]);
    assert.deepEqual(desk.deadLetters, ['dl-1']);
    assert.ok(logs.some((l) => /was not \{"entries": \[...\]\}; kept as a dead letter/.test(l)), logs.join('\n'));
  });

  test('5xx answers back off, growing; the process keeps polling', async () => {
    q.add(entry(1));
    q.refuseNext(3, { status: 503, retryAfter: '0' });
    const rec = recordingSleep(() => q.requests.length);
    const poller = wireqPoller({ source: source(q.base), ingest: desk.ingest, sleep: rec.sleep, log: (l) => logs.push(l), backOff: { initialMs: 100, maxMs: 10_000 } });
    poller.start();
    await eventually(() => desk.stored.length === 1, 'stored after the outage');
    await poller.stop();
    const [a, b, c] = rec.asked.map((x) => x.ms);
    assert.ok(a! >= 80 && a! <= 100 && b! >= 160 && b! <= 200 && c! >= 320 && c! <= 400, `back-off ${a},${b},${c}`);
    assert.equal(poller.stats.failures, 3);
    assert.ok(logs.some((l) => /answered 503/.test(l)));
  });
});

describe('wireQ mode B (entries.json + DELETE entry/{receipt})', () => {
  test('an entry is deleted only after its commit; a failed commit sends no DELETE and the entry comes back', async () => {
    // How many requests the queue had seen when each entry was committed.
    const committedAt = new Map<string, number>();
    desk.onCommit = (urn) => committedAt.set(urn, q.requests.length);
    q.add(entry(1), entry(2), entry(3));
    q.batchSize = 3;
    desk.failNext(1, String(entry(2).urn));
    const rec = recordingSleep(() => q.requests.length);
    const poller = wireqPoller({ source: source(q.base, { mode: 'receipt' }), ingest: desk.ingest, sleep: rec.sleep, log: (l) => logs.push(l), backOff: { initialMs: 10 } });
    poller.start();
    await eventually(() => desk.calls.length >= 2 && poller.stats.failures >= 1, 'the failed commit');
    // Entry 2 is hidden under its receipt and was not deleted; entry 3 was not even tried in that round.
    const deletes = () => q.requests.filter((r) => r.method === 'DELETE');
    assert.equal(deletes().length, 1, 'only entry 1 was deleted');
    assert.equal(q.waiting, 2);
    q.expireReceipts();
    await eventually(() => desk.stored.length === 3 && q.waiting === 0, 'all stored and deleted');
    await poller.stop();
    assert.deepEqual(desk.stored.map((k) => k.split(' ')[1]).sort(), urns(3).sort());
    assert.equal(q.handedOut.get(String(entry(2).urn)), 2, 'entry 2 came back once');
    // Every DELETE came after the commit of its entry.
    assert.equal(deletes().length, 3);
    q.requests.forEach((r, i) => {
      if (r.method !== 'DELETE') return;
      const urn = q.receipts.get(r.receipt!)!;
      assert.ok(committedAt.get(urn)! <= i, `DELETE of ${urn} (request ${i}) after its commit (at ${committedAt.get(urn)})`);
    });
    assert.ok(deletes().every((d) => d.status === 204));
    assert.equal(desk.calls.find((c) => c.result === 'threw')?.urn, entry(2).urn);
  });

  test('every entry reaches the desk once across a restart; an expired receipt means a repeat the desk ignores', async () => {
    q.add(...Array.from({ length: 8 }, (_, i) => entry(i + 1)));
    q.batchSize = 3;
    // Receipts the stopped poller held come back after a while, also one whose GET was cut off by the stop.
    q.expireAfterGets = 5;
    const first = wireqPoller({ source: source(q.base, { mode: 'receipt' }), ingest: desk.ingest, sleep: recordingSleep(() => 0).sleep });
    first.start();
    await eventually(() => desk.stored.length >= 2, 'two stored');
    await first.stop();
    // One stored entry whose DELETE "got lost": put it back, as the queue would after an expired receipt.
    q.add(entry(1));
    const second = wireqPoller({ source: source(q.base, { mode: 'receipt' }), ingest: desk.ingest, sleep: recordingSleep(() => 0).sleep });
    second.start();
    await eventually(() => desk.stored.length === 8 && q.waiting === 0, 'all stored, queue empty');
    await second.stop();
    assert.deepEqual(desk.stored.map((k) => k.split(' ')[1]).sort(), urns(8).sort());
    assert.equal(desk.calls.filter((c) => c.result === 'new').length, 8);
    assert.ok(desk.calls.some((c) => c.result === 'duplicate' && c.urn === entry(1).urn), 'the repeat was a duplicate');
  });

  test('a DELETE answered 410 (receipt expired) is logged, not an error', async () => {
    q.add(entry(1));
    let expireBeforeDelete = true;
    desk.onCommit = () => {
      if (expireBeforeDelete) q.expireReceipts();
      expireBeforeDelete = false;
    };
    const poller = wireqPoller({ source: source(q.base, { mode: 'receipt' }), ingest: desk.ingest, sleep: recordingSleep(() => 0).sleep, log: (l) => logs.push(l) });
    poller.start();
    await eventually(() => q.waiting === 0 && q.requests.some((r) => r.status === 410), 'the 410 and the repeat');
    await poller.stop();
    assert.equal(desk.stored.length, 1);
    assert.ok(logs.some((l) => /receipt .* had expired/.test(l)), logs.join('\n'));
    assert.equal(poller.stats.failures, 0);
  });
});

test('retry-after: seconds, an HTTP date, garbage, and a cap', () => {
  assert.equal(parseRetryAfter('7'), 7000);
  assert.equal(parseRetryAfter('0'), 0);
  assert.equal(parseRetryAfter(null), undefined);
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(new Date(1_000_000 + 30_000).toUTCString(), 1_000_000), 30_000);
  assert.equal(parseRetryAfter('999999'), 15 * 60_000);
});

test('a wireQ source without a base URL or with an unknown mode is refused by name', () => {
  assert.throws(() => wireqPoller({ source: source(''), ingest: fakeDesk().ingest }), /needs settings.base/);
  assert.throws(() => wireqPoller({ source: source('http://127.0.0.1:1/q', { mode: 'x' }), ingest: fakeDesk().ingest }), /mode "x" is unknown/);
});
