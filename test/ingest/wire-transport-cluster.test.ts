/**
 * One poller per source per cluster: two "nodes" (each its own pollers and
 * lock connection) on the same PostgreSQL database never both poll a source;
 * when the polling node stops, or its lock connection dies, the other takes
 * over and nothing is lost or doubled. The pollers' manager follows sources
 * being added, changed and deactivated.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { forEachEngine } from '../helpers/db.js';
import { startFakeWireq, type FakeWireq } from '../helpers/fake-wireq.js';
import { createServices, type Services } from '../../src/services/index.js';
import { startWirePollers } from '../../src/services/wire-transports/wire-pollers.js';
import { advisoryLocks } from '../../src/store/advisory-locks.js';
import { entry, eventually, fakeDesk } from './wire-transport-fakes.js';

forEachEngine('wire pollers', (ctx) => {
  let q: FakeWireq;
  let services: Services;
  before(async () => {
    q = await startFakeWireq();
    services = createServices(ctx.db);
  });
  after(() => q.close());

  test('two nodes on one database never both poll a source; the other takes over when one stops or loses its connection', async (t) => {
    if (ctx.engine !== 'postgres') return t.skip('PGlite is one process: there is no second node to keep out');
    const url = (ctx.target as { databaseUrl: string }).databaseUrl;
    await services.wire.saveSource({ id: 'dpa-cluster', name: 'dpa', transport: 'wireq', settings: { base: q.base, intervalSeconds: 0.01 } });
    const desk = fakeDesk();
    const wire = { listSources: () => services.wire.listSources(), sourceSecret: (id: string) => services.wire.sourceSecret(id), ingest: desk.ingest };
    /** Which node sent each request to the queue, in order. */
    const seen: string[] = [];
    const tagged = (node: string): typeof fetch => (input, init) => {
      seen.push(node);
      return fetch(input, init);
    };
    const node = (name: string) => startWirePollers({ wire, db: ctx.db, locks: advisoryLocks({ url }), fetch: tagged(name), lockRetryMs: 5, refreshMs: 0, log: () => undefined });
    const a = node('A');
    await eventually(() => seen.length >= 3, 'node A polls');
    const b = node('B');
    await eventually(() => (b.running.get('dpa-cluster')?.stats.lockWaits ?? 0) >= 5, 'node B waited on the lock five times');
    assert.ok(!seen.includes('B'), 'node B never polled while A held the source');
    q.add(entry(1), entry(2), entry(3));
    await eventually(() => desk.stored.length === 3, 'A stored three');

    await a.stop();
    const handOver = seen.length;
    q.add(entry(4), entry(5));
    await eventually(() => desk.stored.length === 5, 'B stored the rest');
    assert.ok(seen.slice(handOver).every((n) => n === 'B') && seen.slice(handOver).length > 0, 'after A stopped only B polled');
    assert.deepEqual(seen.slice(0, handOver).filter((n) => n === 'B'), [], 'before, only A');

    // B's lock connection dies (a node crash looks like this to the server): a third node takes over.
    const c = node('C');
    await eventually(() => (c.running.get('dpa-cluster')?.stats.lockWaits ?? 0) >= 3, 'node C waits');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'lede-wire-locks' AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)");
    } finally {
      await admin.end();
    }
    const lost = seen.length;
    await eventually(() => seen.slice(lost).includes('C'), 'node C polls');
    q.add(entry(6));
    await eventually(() => desk.stored.length === 6, 'the sixth stored');
    await b.stop();
    await c.stop();
    assert.equal(desk.calls.filter((x) => x.result === 'new').length, 6);
    for (let i = 1; i <= 6; i++) assert.equal(q.handedOut.get(String(entry(i).urn)), 1);
  });

  test('sources added, changed and deactivated are followed; a source with bad settings is named once and skipped', async () => {
    const logs: string[] = [];
    const desk = fakeDesk();
    const wire = { listSources: () => services.wire.listSources(), sourceSecret: (id: string) => services.wire.sourceSecret(id), ingest: desk.ingest };
    await services.wire.saveSource({ id: 'q-folgen', name: 'Folgen', transport: 'wireq', settings: { base: q.base, intervalSeconds: 60 } });
    await services.wire.saveSource({ id: 'q-kaputt', name: 'Kaputt', transport: 'wireq', settings: {} });
    await services.wire.saveSource({ id: 'manuell', name: 'Manuell', transport: 'manual' });
    const pollers = startWirePollers({ wire, db: ctx.db, refreshMs: 0, log: (l) => logs.push(l) });
    try {
      await pollers.refresh();
      await pollers.refresh();
      assert.ok(pollers.running.has('q-folgen'));
      assert.ok(!pollers.running.has('q-kaputt') && !pollers.running.has('manuell'));
      assert.equal(logs.filter((l) => /source q-kaputt not polled: .*needs settings.base/.test(l)).length, 1, logs.join('\n'));
      const before = pollers.running.get('q-folgen');
      await services.wire.saveSource({ id: 'q-folgen', name: 'Folgen', transport: 'wireq', settings: { base: q.base, intervalSeconds: 30 } });
      await pollers.refresh();
      assert.notEqual(pollers.running.get('q-folgen'), before, 'changed settings: a new poller');
      assert.equal(before!.running, false);
      await services.wire.saveSource({ id: 'q-folgen', name: 'Folgen', transport: 'wireq', settings: { base: q.base, intervalSeconds: 30 }, active: false });
      await pollers.refresh();
      assert.ok(!pollers.running.has('q-folgen'));
    } finally {
      await pollers.stop();
    }
  });
});
