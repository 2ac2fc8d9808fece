/**
 * The transports through the real wire desk (services.wire.ingest), on both
 * engines: whatever a transport delivers twice (a restart mid-stream, an
 * expired receipt, a crash before a file was moved or a key remembered), the
 * desk holds one item per version; a refused document is a dead letter that
 * names how it came.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { forEachEngine } from '../helpers/db.js';
import { startFakeWireq, type FakeWireq } from '../helpers/fake-wireq.js';
import { startFakeBucket, type FakeBucket } from '../media/fake-s3.js';
import { createServices, type Services } from '../../src/services/index.js';
import { folderPoller } from '../../src/services/wire-transports/folder-poller.js';
import { s3Poller } from '../../src/services/wire-transports/s3-poller.js';
import { wireqPoller } from '../../src/services/wire-transports/wireq-poller.js';
import type { IngestFn, WireSourceConfig } from '../../src/services/wire-transports/wire-transport.js';
import { eventually, recordingSleep } from './wire-transport-fakes.js';

const doc = (n: number, version = 1, extra: Record<string, unknown> = {}) => ({
  format: 'digitalwires@0.9.1', urn: `urn:newsml:test.example:20261205:desk-${n}`, version, pubstatus: 'usable',
  headline: `Meldung ${n} Fassung ${version}`, article_html: `<section class="main"><p>Text ${n}.</p></section>`, ...extra,
});
const CREDENTIALS = { accessKeyId: 'AKIDDESK', secretAccessKey: 'desk-secret-key-5678' };

forEachEngine('transports through the wire desk', (ctx) => {
  let services: Services;
  let ingest: IngestFn;
  let q: FakeWireq;
  let bucket: FakeBucket;
  let dir: string;
  before(async () => {
    services = createServices(ctx.db);
    ingest = (id, input, meta) => services.wire.ingest(id, input, meta);
    q = await startFakeWireq();
    bucket = await startFakeBucket({ region: 'eu-central-1', ...CREDENTIALS, pathPrefix: '/dpa/' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-wire-desk-'));
  });
  after(async () => {
    await q.close();
    await bucket.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const source = async (id: string, transport: string, settings: Record<string, unknown>, secret?: string): Promise<WireSourceConfig> => {
    await services.wire.saveSource({ id, name: id, transport, settings, ...(secret && { secret }) });
    return { id, name: id, format: 'auto', transport, settings, secret: secret ?? null, active: true };
  };
  const items = async (id: string) => (await services.wire.list({ source: id })).items as unknown as Array<{ guid: string; version: number }>;

  test('wireQ mode A and B: a restart mid-stream and expired receipts leave one item per version', async () => {
    for (const [id, mode] of [['wq-a', 'dequeue'], ['wq-b', 'receipt']] as const) {
      const src = await source(id, 'wireq', { base: q.base, mode });
      // Receipts held by the stopped poller come back after a while, as wireQ's do.
      q.expireAfterGets = 5;
      q.add(doc(1), doc(2), doc(3), doc(1, 2), doc(4), doc(5));
      const first = wireqPoller({ source: src, ingest, sleep: recordingSleep(() => 0, 1).sleep });
      first.start();
      await eventually(() => q.waiting <= 4 && q.outstanding === 0, `${id}: some delivered`);
      await first.stop();
      q.add(doc(2)); // a redelivery, as after a lost DELETE
      const logs: string[] = [];
      const second = wireqPoller({ source: src, ingest, sleep: recordingSleep(() => 0, 1).sleep, log: (l) => logs.push(l) });
      second.start();
      try {
        await eventually(() => q.waiting === 0, `${id}: queue empty`);
      } finally {
        await second.stop();
      }
      assert.deepEqual(logs, [], id);
      const stored = await items(id);
      assert.deepEqual(stored.map((i) => `${i.guid.split(':').at(-1)} v${i.version}`).sort(), ['desk-1 v2', 'desk-2 v1', 'desk-3 v1', 'desk-4 v1', 'desk-5 v1'], id);
      const letters = await services.wire.deadLetters({ source: id });
      assert.equal(letters.length, 0, id);
    }
  });

  test('watch folder: a crash between commit and move re-ingests as a duplicate; a refused file is a dead letter and goes to failed/', async () => {
    const folder = path.join(dir, 'eingang');
    fs.mkdirSync(folder);
    const src = await source('ordner-desk', 'folder', { path: folder });
    fs.writeFileSync(path.join(folder, 'a.json'), JSON.stringify(doc(11)));
    fs.writeFileSync(path.join(folder, 'b.xml'), '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
    // The crashed run: a.json was committed, not moved.
    await services.wire.ingest('ordner-desk', fs.readFileSync(path.join(folder, 'a.json')), { name: 'a.json', via: 'folder' });
    const poller = folderPoller({ source: src, ingest, sleep: recordingSleep(() => 0, 1).sleep });
    poller.start();
    await eventually(() => fs.readdirSync(folder).filter((f) => !['done', 'failed'].includes(f)).length === 0, 'folder emptied');
    await poller.stop();
    assert.deepEqual((await items('ordner-desk')).map((i) => i.guid), ['urn:newsml:test.example:20261205:desk-11']);
    assert.deepEqual(fs.readdirSync(path.join(folder, 'done')), ['a.json']);
    assert.deepEqual(fs.readdirSync(path.join(folder, 'failed')).sort(), ['b.xml', 'b.xml.reason.txt']);
    const letters = await services.wire.deadLetters({ source: 'ordner-desk' });
    assert.deepEqual(letters.map((l) => [l.name, l.via]), [['b.xml', 'folder']]);
    assert.match(fs.readFileSync(path.join(folder, 'failed', 'b.xml.reason.txt'), 'utf8'), new RegExp(`dead letter ${letters[0]!.id}`));
  });

  test('S3 prefix: a crash before the key was remembered re-ingests as a duplicate; keys are taken once across restarts', async () => {
    const src = await source('s3-desk', 's3', { bucket: 'dpa', prefix: 'push/', endpoint: bucket.url, region: 'eu-central-1', accessKeyId: CREDENTIALS.accessKeyId }, CREDENTIALS.secretAccessKey);
    bucket.put('push/1.json', JSON.stringify(doc(21)));
    bucket.put('push/2.json', JSON.stringify(doc(22)));
    // The crashed run: 1.json was committed, its key not remembered.
    await services.wire.ingest('s3-desk', JSON.stringify(doc(21)), { name: 'push/1.json', via: 's3' });
    const rec = recordingSleep(() => bucket.listings.length, 1);
    const first = s3Poller({ source: src, ingest, db: ctx.db, sleep: rec.sleep });
    first.start();
    await eventually(() => rec.asked.length >= 1, 'a round');
    await first.stop();
    bucket.put('push/3.json', JSON.stringify(doc(21, 2, { signal: 'sig:correction' })));
    const second = s3Poller({ source: src, ingest, db: ctx.db, sleep: rec.sleep });
    second.start();
    await eventually(() => rec.asked.length >= 3, 'two more rounds');
    await second.stop();
    assert.deepEqual((await items('s3-desk')).map((i) => `${i.guid.split(':').at(-1)} v${i.version}`).sort(), ['desk-21 v2', 'desk-22 v1']);
    assert.deepEqual(bucket.problems, []);
  });
});
