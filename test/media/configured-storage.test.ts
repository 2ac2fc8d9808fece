/**
 * Media storage from configuration: LEDE_MEDIA_STORAGE=s3 and its LEDE_S3_*
 * variables (each bad or missing one named), and a whole upload through the
 * media library into an S3-compatible bucket — a fake one over real HTTP
 * that checks every request's signature and its bucket and prefix.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DiskStorage } from '../../src/storage/storage.js';
import { MediaLibrary } from '../../src/services/media-library.js';
import { S3Storage } from '../../src/storage/s3-storage.js';
import { mediaStorageFor } from '../../src/storage/configured-storage.js';
import { loadConfig } from '../../src/server/config.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { startFakeBucket, type FakeBucket } from './fake-s3.js';
import { gradient } from './images.js';

const S3_ENV = {
  LEDE_MEDIA_STORAGE: 's3', LEDE_S3_BUCKET: 'redaktion-bilder', LEDE_S3_REGION: 'eu-central-1', LEDE_S3_PREFIX: 'lede/media',
  LEDE_S3_ACCESS_KEY_ID: 'AKIDLEDETEST', LEDE_S3_SECRET_ACCESS_KEY: 'geheim/schluessel+1',
};

describe('media storage from configuration', () => {
  test('disk by default, in the data directory', () => {
    const config = loadConfig({ LEDE_DATA_DIR: 'daten' });
    assert.deepEqual(config.mediaStorage, { kind: 'disk' });
    assert.ok(mediaStorageFor(config) instanceof DiskStorage);
  });

  test('s3 settings are read, defaulted and checked, naming each bad or missing variable', () => {
    const config = loadConfig({ ...S3_ENV, LEDE_S3_ENDPOINT: 'https://s3.example.org/' });
    assert.deepEqual(config.mediaStorage, {
      kind: 's3', endpoint: 'https://s3.example.org', region: 'eu-central-1', bucket: 'redaktion-bilder',
      accessKeyId: 'AKIDLEDETEST', secretAccessKey: 'geheim/schluessel+1', prefix: 'lede/media/', pathStyle: true,
    });
    assert.ok(mediaStorageFor(config) instanceof S3Storage);
    assert.equal((loadConfig({ ...S3_ENV, LEDE_S3_ENDPOINT: 'https://s3.example.org', LEDE_S3_REGION: '', LEDE_S3_PATH_STYLE: '0' }).mediaStorage as { region: string }).region, 'us-east-1');
    const refused: [Record<string, string>, RegExp][] = [
      [{ LEDE_MEDIA_STORAGE: 'ftp' }, /LEDE_MEDIA_STORAGE must be disk or s3, got "ftp"/],
      [{ LEDE_MEDIA_STORAGE: 's3' }, /needs LEDE_S3_ENDPOINT, LEDE_S3_BUCKET, LEDE_S3_ACCESS_KEY_ID, LEDE_S3_SECRET_ACCESS_KEY/],
      [{ ...S3_ENV, LEDE_S3_SECRET_ACCESS_KEY: ' ', LEDE_S3_ENDPOINT: 'https://s3.example.org' }, /needs LEDE_S3_SECRET_ACCESS_KEY$/],
      [{ ...S3_ENV, LEDE_S3_ENDPOINT: 's3.example.org' }, /LEDE_S3_ENDPOINT must be an http\(s\) URL/],
      [{ ...S3_ENV, LEDE_S3_ENDPOINT: 'https://key:secret@s3.example.org' }, /must not carry credentials/],
      [{ ...S3_ENV, LEDE_S3_ENDPOINT: 'https://s3.example.org', LEDE_S3_BUCKET: 'Bilder_Archiv' }, /LEDE_S3_BUCKET must be a bucket name/],
      [{ ...S3_ENV, LEDE_S3_ENDPOINT: 'https://s3.example.org', LEDE_S3_PREFIX: 'bilder?x' }, /LEDE_S3_PREFIX may hold/],
      [{ ...S3_ENV, LEDE_S3_ENDPOINT: 'https://s3.example.org', LEDE_S3_PATH_STYLE: 'vielleicht' }, /LEDE_S3_PATH_STYLE must be 1 or 0/],
    ];
    for (const [env, message] of refused) assert.throws(() => loadConfig(env), (err: Error & { code?: string }) => err.code === 'CONFIG' && message.test(err.message), JSON.stringify(env));
  });

  for (const engine of engines().slice(0, 1)) {
    describe(`an upload into a configured bucket on ${engine.name}`, { skip: engine.skip }, () => {
      let db: Database;
      let bucket: FakeBucket;

      before(async () => {
        db = await engine.open();
        bucket = await startFakeBucket({
          region: S3_ENV.LEDE_S3_REGION, accessKeyId: S3_ENV.LEDE_S3_ACCESS_KEY_ID, secretAccessKey: S3_ENV.LEDE_S3_SECRET_ACCESS_KEY,
          pathPrefix: `/${S3_ENV.LEDE_S3_BUCKET}/lede/media/`,
        });
      });
      after(async () => {
        await bucket?.close();
        await db?.close();
      });

      test('the original and its renditions land in the bucket under the prefix, signed, and read back', async () => {
        const { objects, problems } = bucket;
        const config = loadConfig({ ...S3_ENV, LEDE_S3_ENDPOINT: bucket.url });
        const storage = mediaStorageFor(config);
        const library = new MediaLibrary({ db, storage });
        const bytes = await gradient(640, 360);
        const { asset, renditions } = await library.upload({ bytes, fileName: 'deich.jpg' }, { rights: { credit: 'dpa' } });
        assert.ok(renditions.length > 0);
        assert.deepEqual(objects.get(asset.storageKey), bytes, 'the original, byte for byte');
        for (const r of renditions) assert.ok(objects.has(r.storageKey), `rendition ${r.crop} ${r.width} ${r.format} stored`);
        assert.equal(objects.size, renditions.length + 1);
        assert.deepEqual(await storage.get(asset.storageKey), bytes);
        assert.deepEqual(problems, []);
      });
    });
  }
});
