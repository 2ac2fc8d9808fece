import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LedeError } from '../../src/content/index.js';
import { AssetRepository, normaliseRights, rightsStatus } from '../../src/store/asset-repository.js';
import { DiskStorage, contentKey, type MediaStorage } from '../../src/storage/storage.js';
import { MediaLibrary } from '../../src/services/media-library.js';
import { renditionPath } from '../../src/imaging/renditions.js';
import { forEachEngine } from '../helpers/db.js';
import { gradient, iimDataset, withIptc } from './images.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lede-media-'));
}

/** Every file under `dir` (relative paths). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

async function drain(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

describe('disk storage', () => {
  const root = tempDir();
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('content-addressed keys, atomic writes, de-duplication, streaming reads, delete', async () => {
    const storage = new DiskStorage(path.join(root, 'media'));
    const bytes = Buffer.from('ein Bild');
    const first = await storage.put(bytes, 'jpg');
    assert.equal(first.key, contentKey(bytes, 'jpg'));
    assert.match(first.key, /^[0-9a-f]{2}\/[0-9a-f]{64}\.jpg$/);
    assert.deepEqual(first, { key: first.key, bytes: 8, created: true });
    assert.equal((await storage.put(bytes, 'jpg')).created, false);
    assert.deepEqual(await storage.stat(first.key), { bytes: 8 });
    assert.deepEqual(await storage.get(first.key), bytes);
    assert.deepEqual(await drain((await storage.read(first.key))!), bytes);
    assert.deepEqual(filesUnder(storage.root), [first.key], 'no temporary files left');
    assert.equal(await storage.delete(first.key), true);
    assert.equal(await storage.delete(first.key), false);
    assert.equal(await storage.get(first.key), undefined);
    assert.equal(await storage.read(first.key), undefined);
    await assert.rejects(storage.get('../../etc/passwd'), /not a media storage key/);
    fs.mkdirSync(path.join(storage.root, 'ab'), { recursive: true });
    fs.writeFileSync(path.join(storage.root, 'ab', '.tmp-1-dead'), 'half');
    assert.equal(storage.cleanTemporaryFiles(), 1);
  });
});

describe('rights status', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  test('valid, expiring within 7 days, lapsed, not yet valid', () => {
    assert.equal(rightsStatus({}, now), 'valid');
    assert.equal(rightsStatus({ validUntil: '2026-12-31T00:00:00Z' }, now), 'valid');
    assert.equal(rightsStatus({ validUntil: '2026-12-02T12:00:00Z' }, now), 'expiring');
    assert.equal(rightsStatus({ validUntil: '2026-12-02T12:00:01Z' }, now), 'valid');
    assert.equal(rightsStatus({ validUntil: '2026-11-25T12:00:00Z' }, now), 'lapsed', 'the end is exclusive');
    assert.equal(rightsStatus({ validFrom: '2026-11-25T12:00:01Z' }, now), 'not_yet_valid');
    assert.equal(rightsStatus({ validFrom: '2026-11-01', validUntil: '2026-11-26' }, now), 'expiring');
  });
  test('rights are checked and normalised', () => {
    assert.deepEqual(normaliseRights({ credit: '  dpa  ', source: '', validUntil: '2026-12-31' }), { credit: 'dpa', validUntil: '2027-01-01T00:00:00+01:00' });
    // a date is the whole day in Berlin; a time without offset is Berlin time
    assert.deepEqual(normaliseRights({ validFrom: '2026-07-01', validUntil: '2026-07-31 18:30' }), { validFrom: '2026-07-01T00:00:00+02:00', validUntil: '2026-07-31T18:30:00+02:00' });
    assert.deepEqual(normaliseRights({ validUntil: '2026-03-28' }), { validUntil: '2026-03-29T00:00:00+01:00' });
    assert.deepEqual(normaliseRights({ validUntil: '2026-12-31T23:00:00Z' }), { validUntil: '2026-12-31T23:00:00Z' });
    assert.throws(() => normaliseRights({ validUntil: '2026-02-30' }), /validUntil/);
    assert.throws(() => normaliseRights({ validUntil: 'morgen' }), /validUntil: an ISO 8601 date/);
    assert.throws(() => normaliseRights({ validFrom: '2026-12-31', validUntil: '2026-01-01' }), /must be after validFrom/);
    assert.throws(() => normaliseRights({ credit: 'x'.repeat(201) }), /credit: at most 200/);
  });
});

forEachEngine('media library', (ctx) => {
  let dir: string;
  let storage: DiskStorage;
  let library: MediaLibrary;
  const clock = { now: new Date('2026-11-25T12:00:00Z') };
  before(() => {
    dir = tempDir();
    storage = new DiskStorage(path.join(dir, 'media'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const lib = () => (library ??= new MediaLibrary({ db: ctx.db, storage, clock: () => clock.now }));

  test('upload: record with rights from the file, original and the 16:9 renditions stored; same file again is one asset', async () => {
    const iim = Buffer.concat([
      iimDataset(1, 90, Buffer.from([0x1b, 0x25, 0x47])),
      iimDataset(2, 110, Buffer.from('dpa')), iimDataset(2, 116, Buffer.from('© Jörg Müller')),
      iimDataset(2, 80, Buffer.from('Jörg Müller')), iimDataset(2, 40, Buffer.from('nur redaktionelle Nutzung')),
      iimDataset(2, 37, Buffer.from('20261205')), iimDataset(2, 120, Buffer.from('Die Elbe bei Dömitz')),
    ]);
    const bytes = withIptc(await gradient(700, 420), iim);
    const before = filesUnder(storage.root).length;
    const up = await lib().upload({ bytes, fileName: 'C:\\Bilder\\elbe.jpg', contentType: 'image/jpeg' }, { focal: { x: 0.3, y: 0.5 } });
    assert.equal(up.created, true);
    const a = up.asset;
    assert.deepEqual([a.mime, a.width, a.height, a.bytes, a.originalName, a.focalX], ['image/jpeg', 700, 420, bytes.length, 'elbe.jpg', 0.3]);
    assert.deepEqual(a.rights, {
      credit: 'dpa', copyrightHolder: 'Jörg Müller', creator: 'Jörg Müller', usageTerms: 'nur redaktionelle Nutzung',
      validUntil: '2026-12-05T23:00:00Z', // the end of 5 December in Berlin
    });
    assert.equal(a.embeddedCaption, 'Die Elbe bei Dömitz');
    assert.equal(rightsStatus(a.rights, clock.now), 'valid');
    // 16:9 of 700 px: 320 and 640 wide, three formats each
    assert.deepEqual(up.renditions.map((r) => `${r.crop} ${r.width}x${r.height} ${r.format}`).sort(), [
      '16:9 320x180 avif', '16:9 320x180 jpeg', '16:9 320x180 webp', '16:9 640x360 avif', '16:9 640x360 jpeg', '16:9 640x360 webp',
    ]);
    assert.equal(filesUnder(storage.root).length, before + 7);
    assert.deepEqual(await storage.get(a.storageKey), bytes);
    assert.deepEqual(await lib().assets.renditions(a.id), up.renditions.sort((x, y) => x.width - y.width || x.format.localeCompare(y.format)));

    const again = await lib().upload({ bytes, fileName: 'kopie.jpg' });
    assert.equal(again.created, false);
    assert.equal(again.asset.id, a.id);
    assert.equal(filesUnder(storage.root).length, before + 7);
  });

  test('rights given at upload win over the file; rights are editable; the 7-day list', async () => {
    const up = await lib().upload({ bytes: await gradient(50, 40, 'png') }, { rights: { credit: 'MDR', validUntil: '2026-11-30T00:00:00+01:00' } });
    assert.equal(up.asset.rights.credit, 'MDR');
    assert.equal(rightsStatus(up.asset.rights, clock.now), 'expiring');
    const expiring = await lib().assets.expiring(clock.now);
    assert.ok(expiring.some((x) => x.id === up.asset.id));
    const edited = await lib().assets.updateRights(up.asset.id, { credit: 'MDR/Anna Beispiel', licence: 'CC BY 4.0', validUntil: '2026-11-20' });
    assert.deepEqual(edited.rights, { credit: 'MDR/Anna Beispiel', licence: 'CC BY 4.0', validUntil: '2026-11-20T23:00:00Z' });
    assert.equal(rightsStatus(edited.rights, clock.now), 'lapsed');
    assert.ok((await lib().assets.lapsed(clock.now)).some((x) => x.id === up.asset.id));
    assert.ok(!(await lib().assets.expiring(clock.now)).some((x) => x.id === up.asset.id));
    await assert.rejects(lib().assets.updateRights('6f0e2a52-0000-4000-8000-000000000000', {}), (e: LedeError) => e.code === 'NOT_FOUND');
    // the sweep window: what lapsed or became valid between two ticks
    const sweep = (from: string, to: string) => lib().assets.rightsChangedBetween(new Date(from), new Date(to)).then((l) => l.map((x) => x.id));
    assert.ok((await sweep('2026-11-20T22:59:59Z', '2026-11-20T23:00:00Z')).includes(up.asset.id), 'lapsed at the end of the window');
    assert.ok(!(await sweep('2026-11-20T23:00:00Z', '2026-11-20T23:00:05Z')).includes(up.asset.id), 'not again in the next window');
    const later = await lib().assets.updateRights(up.asset.id, { credit: 'MDR', validFrom: '2026-12-01T06:00:00+01:00' });
    assert.deepEqual(await sweep('2026-12-01T04:59:00Z', '2026-12-01T05:00:00Z'), [later.id]);
  });

  test('a refused upload leaves no record and no file', async () => {
    const count = async () => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM media_assets'))[0]!.n;
    const rows = await count();
    const files = filesUnder(storage.root);
    const png = await gradient(30, 30, 'png');
    await assert.rejects(lib().upload({ bytes: png, fileName: 'luege.jpg' }), (e: LedeError) => e.status === 422);
    const jpeg = await gradient(300, 200, 'jpeg');
    await assert.rejects(lib().upload({ bytes: jpeg.subarray(0, 900) }), (e: LedeError) => e.status === 422);
    // a failure after the files were written (here: invalid rights at insert) removes them again
    await assert.rejects(lib().upload({ bytes: await gradient(333, 222) }, { rights: { validUntil: 'bald' } }), (e: LedeError) => e.code === 'VALIDATION');
    // and so does a storage that fails half way
    const failing: MediaStorage = {
      put: async (b, ext) => {
        if (ext !== 'jpg') throw new LedeError('UNAVAILABLE', 'disk full', { reason: 'storage_unavailable' });
        return storage.put(b, ext);
      },
      get: (k) => storage.get(k), read: (k) => storage.read(k), stat: (k) => storage.stat(k), delete: (k) => storage.delete(k),
    };
    const broken = new MediaLibrary({ db: ctx.db, storage: failing });
    await assert.rejects(broken.upload({ bytes: await gradient(334, 222) }), /disk full/);
    assert.equal(await count(), rows);
    assert.deepEqual(filesUnder(storage.root), files);
  });

  test('renditions on first request, shared by concurrent requests; served by path; lapsed rights → 410', async () => {
    const up = await lib().upload({ bytes: await gradient(1000, 800, 'webp') });
    const a = up.asset;
    assert.equal(await lib().assets.rendition(a.id, '1:1', 640, 'webp'), undefined);
    const [r1, r2] = await Promise.all([lib().ensureRendition(a.id, '1:1', 640, 'webp'), lib().ensureRendition(a.id, '1:1', 640, 'webp')]);
    assert.deepEqual(r1, r2);
    assert.deepEqual([r1.width, r1.height, r1.format], [640, 640, 'webp']);
    assert.deepEqual(await lib().assets.rendition(a.id, '1:1', 640, 'webp'), r1);
    await assert.rejects(lib().ensureRendition(a.id, '1:1', 960, 'webp'), (e: LedeError) => e.code === 'NOT_FOUND', '800 px crop has no 960');

    const p = renditionPath(a, '4:3', 320, 'avif', '');
    const served = await lib().openRendition(p);
    const body = await drain(served.stream);
    assert.equal(body.length, served.record.bytes);
    assert.equal(body.subarray(4, 12).toString('latin1'), 'ftypavif');

    // moving the focal point drops renditions and makes old URLs stale
    const moved = await lib().setFocalPoint(a.id, 0.1, 0.9);
    assert.deepEqual(await lib().assets.renditions(a.id), []);
    await assert.rejects(lib().openRendition(p), (e: LedeError) => e.code === 'NOT_FOUND');
    const fresh = renditionPath(moved, '4:3', 320, 'avif', '');
    await lib().openRendition(fresh);

    await lib().assets.updateRights(a.id, { credit: 'dpa', validUntil: '2026-11-25T11:00:00Z' });
    await assert.rejects(lib().openRendition(fresh), (e: LedeError) => e.status === 410);
    await lib().assets.updateRights(a.id, { credit: 'dpa', validFrom: '2026-11-26T00:00:00Z' });
    await assert.rejects(lib().openRendition(fresh), (e: LedeError) => e.status === 410);
  });

  test('every write of rights, focal point or file is one new version; a write against an old one changes nothing', async () => {
    const up = await lib().upload({ bytes: await gradient(320, 200) }, { rights: { credit: 'dpa' } });
    assert.equal(up.asset.version, 1);
    const both = await lib().change(up.asset.id, { rights: { credit: 'MDR', usageTerms: 'nur online' }, focal: { x: 0.2, y: 0.3 } }, { expectedVersion: 1 });
    assert.equal(both.version, 2, 'rights and focal point together are one version');
    assert.deepEqual(both.rights, { credit: 'MDR', usageTerms: 'nur online' });
    const same = await lib().change(up.asset.id, { rights: { credit: 'MDR' } }, { expectedVersion: 2 });
    assert.equal(same.version, 2, 'a change that changes nothing writes nothing');
    await assert.rejects(
      lib().change(up.asset.id, { rights: { credit: 'AFP', usageTerms: null }, focal: { x: 0.9, y: 0.9 } }, { expectedVersion: 1 }),
      (e: LedeError) => e.code === 'VERSION_CONFLICT' && e.reason === 'version_conflict' && (e.extra.current as { version: number }).version === 2,
    );
    await assert.rejects(
      lib().replaceFile(up.asset.id, { bytes: await gradient(321, 200) }, { expectedVersion: 1 }),
      (e: LedeError) => e.code === 'VERSION_CONFLICT',
    );
    const stored = (await lib().assets.get(up.asset.id))!;
    assert.equal(stored.version, 2);
    assert.deepEqual(stored.rights, { credit: 'MDR', usageTerms: 'nur online' });
    assert.equal(stored.sha256, up.asset.sha256);
    assert.deepEqual([stored.focalX, stored.focalY].map((n) => Math.round(n * 10) / 10), [0.2, 0.3]);
    // A rights order error names its field with a code, and nothing is half-written.
    await assert.rejects(
      lib().change(up.asset.id, { rights: { validFrom: '2026-12-10', validUntil: '2026-12-01' }, focal: { x: 0.5, y: 0.5 } }, { expectedVersion: 2 }),
      (e: LedeError) => e.reason === 'rights_invalid' && e.issues.some((i) => i.path === 'validUntil' && i.code === 'after_valid_from'),
    );
    assert.equal((await lib().assets.get(up.asset.id))!.focalX, stored.focalX);
    const replaced = await lib().replaceFile(up.asset.id, { bytes: await gradient(322, 200) }, { expectedVersion: 2 });
    assert.equal(replaced.asset.version, 3);
    assert.equal(replaced.asset.rights.credit, 'MDR');
  });

  test('deleting an asset removes its record, renditions and files', async () => {
    const up = await lib().upload({ bytes: await gradient(400, 300, 'gif') });
    const keys = [up.asset.storageKey, ...up.renditions.map((r) => r.storageKey)];
    assert.equal(await lib().delete(up.asset.id), true);
    assert.equal(await lib().assets.get(up.asset.id), undefined);
    for (const k of keys) assert.equal(await storage.stat(k), undefined, k);
    assert.equal(await lib().delete(up.asset.id), false);
    assert.ok(new AssetRepository(ctx.db));
  });
});
