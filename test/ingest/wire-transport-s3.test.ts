/**
 * The S3-prefix transport (dpa s3push) against the fake S3 over real HTTP:
 * new keys under the prefix are taken once, across restarts of the poller;
 * a key is remembered only after the desk committed, so a failed commit is
 * taken again; other prefixes and folder markers are left alone. On both engines.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { forEachEngine } from '../helpers/db.js';
import { startFakeBucket, type FakeBucket } from '../media/fake-s3.js';
import { createServices } from '../../src/services/index.js';
import { s3Poller } from '../../src/services/wire-transports/s3-poller.js';
import { parseListing } from '../../src/services/wire-transports/s3-bucket-reader.js';
import { takenKeys } from '../../src/store/wire-transport-keys.js';
import type { WireSourceConfig } from '../../src/services/wire-transports/wire-transport.js';
import { entry, eventually, fakeDesk, recordingSleep } from './wire-transport-fakes.js';

const CREDENTIALS = { accessKeyId: 'AKIDWIRE', secretAccessKey: 'wire-secret-key-1234' };

forEachEngine('S3 prefix transport', (ctx) => {
  let bucket: FakeBucket;
  before(async () => {
    bucket = await startFakeBucket({ region: 'eu-central-1', ...CREDENTIALS, pathPrefix: '/agentur/' });
  });
  after(() => bucket.close());

  const source = async (id: string, prefix: string): Promise<WireSourceConfig> => {
    const settings = { bucket: 'agentur', prefix, endpoint: bucket.url, region: 'eu-central-1', accessKeyId: CREDENTIALS.accessKeyId, intervalSeconds: 60 };
    await createServices(ctx.db).wire.saveSource({ id, name: id, transport: 's3', settings, secret: CREDENTIALS.secretAccessKey });
    return { id, name: id, format: 'auto', transport: 's3', settings, secret: CREDENTIALS.secretAccessKey, active: true };
  };

  test('every new key under the prefix is taken once across a restart; others are left alone', async () => {
    const src = await source('s3-eins', 'dpa/eins/');
    for (let i = 1; i <= 5; i++) bucket.put(`dpa/eins/2026-12-05/item-${i}.json`, JSON.stringify(entry(i)));
    bucket.put('dpa/eins/2026-12-05/', '');
    bucket.put('dpa/andere/item-9.json', JSON.stringify(entry(9)));
    const desk = fakeDesk();
    const rec = recordingSleep(() => bucket.listings.length);
    const first = s3Poller({ source: src, ingest: desk.ingest, db: ctx.db, sleep: rec.sleep });
    first.start();
    await eventually(() => rec.asked.length >= 1, 'one round');
    await first.stop();
    assert.equal(desk.stored.length, 5);
    // New objects while it was down; the restarted poller takes only those.
    bucket.put('dpa/eins/2026-12-05/item-6.json', JSON.stringify(entry(6)));
    const second = s3Poller({ source: src, ingest: desk.ingest, db: ctx.db, sleep: rec.sleep });
    second.start();
    await eventually(() => rec.asked.length >= 3, 'two more rounds');
    await second.stop();
    assert.deepEqual(desk.calls.map((c) => `${c.name} ${c.result}`), [1, 2, 3, 4, 5, 6].map((i) => `dpa/eins/2026-12-05/item-${i}.json new`));
    assert.ok(desk.calls.every((c) => c.via === 's3' && c.sourceId === 's3-eins'));
    const taken = await takenKeys(ctx.db, 's3-eins', [1, 2, 3, 4, 5, 6, 9].map((i) => `dpa/${i === 9 ? 'andere' : 'eins/2026-12-05'}/item-${i}.json`));
    assert.equal(taken.size, 6);
    assert.ok(!taken.has('dpa/andere/item-9.json'));
    assert.deepEqual(bucket.problems, [], 'every request was signed right and stayed in the bucket');
    assert.ok(bucket.listings.every((l) => l.includes('prefix=dpa%2Feins%2F')));
  });

  test('a failed commit leaves the key untaken: the object is taken on the next round and stored once', async () => {
    const src = await source('s3-zwei', 'dpa/zwei/');
    bucket.put('dpa/zwei/a.json', JSON.stringify(entry(21)));
    bucket.put('dpa/zwei/b.json', JSON.stringify(entry(22)));
    const desk = fakeDesk();
    desk.failNext(1, String(entry(22).urn));
    const logs: string[] = [];
    const poller = s3Poller({ source: src, ingest: desk.ingest, db: ctx.db, sleep: recordingSleep(() => 0, 1).sleep, log: (l) => logs.push(l), backOff: { initialMs: 5 } });
    poller.start();
    await eventually(() => desk.stored.length === 2, 'both stored');
    await poller.stop();
    assert.deepEqual(desk.calls.map((c) => `${c.name} ${c.result}`), ['dpa/zwei/a.json new', 'dpa/zwei/b.json threw', 'dpa/zwei/b.json new']);
    assert.deepEqual([...(await takenKeys(ctx.db, 's3-zwei', ['dpa/zwei/a.json', 'dpa/zwei/b.json']))].sort(), ['dpa/zwei/a.json', 'dpa/zwei/b.json']);
    assert.ok(logs.some((l) => /database unavailable/.test(l)));
  });

  test('listings are read page by page; an object over the size limit is skipped once and named', async () => {
    const src = await source('s3-drei', 'dpa/drei/');
    for (let i = 1; i <= 5; i++) bucket.put(`dpa/drei/${i}.json`, JSON.stringify(entry(30 + i)));
    bucket.put('dpa/drei/gross.bin', Buffer.alloc(2 * 1024 * 1024, 1));
    bucket.maxKeys = 2;
    const desk = fakeDesk();
    const logs: string[] = [];
    const rec = recordingSleep(() => 0, 1);
    const poller = s3Poller({ source: { ...src, settings: { ...src.settings, maxObjectMB: 1 } }, ingest: desk.ingest, db: ctx.db, sleep: rec.sleep, log: (l) => logs.push(l) });
    poller.start();
    await eventually(() => rec.asked.filter((a) => a.ms === 60_000).length >= 2, 'two idle rounds');
    await poller.stop();
    bucket.maxKeys = 1000;
    assert.equal(desk.stored.length, 5);
    assert.equal(logs.filter((l) => /gross\.bin is 2 MB, over the 1 MB limit/.test(l)).length, 1, logs.join('\n'));
    assert.ok(bucket.listings.some((l) => l.includes('continuation-token=')), 'a second page was asked for');
  });

  test('a wrong secret is noticed by the bucket and logged; nothing is taken', async () => {
    const src = await source('s3-vier', 'dpa/vier/');
    bucket.put('dpa/vier/x.json', JSON.stringify(entry(41)));
    const before = bucket.problems.length;
    const desk = fakeDesk();
    const poller = s3Poller({ source: { ...src, secret: 'falsch-falsch-falsch' }, ingest: desk.ingest, db: ctx.db, sleep: recordingSleep(() => 0, 1).sleep, log: () => undefined });
    poller.start();
    await eventually(() => bucket.problems.length > before, 'a request');
    await poller.stop();
    assert.match(bucket.problems.at(-1)!, /signature/);
  });
});

test('ListObjectsV2 answers: keys with XML entities, ETags, the next page token', () => {
  const xml = '<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>a/b &amp; c&#228;.json</Key><ETag>&quot;abc&quot;</ETag><Size>12</Size>'
    + '<LastModified>2026-12-05T10:00:00.000Z</LastModified></Contents><NextContinuationToken>tok</NextContinuationToken></ListBucketResult>';
  assert.deepEqual(parseListing(xml), { objects: [{ key: 'a/b & cä.json', etag: '"abc"', size: 12, lastModified: '2026-12-05T10:00:00.000Z' }], next: 'tok' });
  assert.deepEqual(parseListing('<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>'), { objects: [] });
});

test('an S3 source missing its bucket or credentials is refused by name', () => {
  const src: WireSourceConfig = { id: 'x', name: 'x', format: 'auto', transport: 's3', settings: { prefix: 'p/' }, secret: null, active: true };
  assert.throws(() => s3Poller({ source: src, ingest: fakeDesk().ingest, db: { query: async () => [] } }), /needs bucket, endpoint, accessKeyId, the secret/);
});
