/**
 * Media storage from configuration: LEDE_MEDIA_STORAGE=s3 and its LEDE_S3_*
 * variables (each bad or missing one named), and a whole upload through the
 * media library into an S3-compatible bucket — a fake one over real HTTP
 * that checks every request's signature and its bucket and prefix.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { MediaLibrary, S3Storage, mediaStorageFor, signV4, DiskStorage } from '../../src/media/index.js';
import { loadConfig } from '../../src/server/config.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
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
      let server: http.Server;
      const objects = new Map<string, Buffer>();
      const problems: string[] = [];

      before(async () => {
        db = await engine.open();
        server = http.createServer((req, res) => {
          const parts: Buffer[] = [];
          req.on('data', (c: Buffer) => parts.push(c));
          req.on('end', () => {
            const body = Buffer.concat(parts);
            const h = req.headers as Record<string, string>;
            const hash = createHash('sha256').update(body).digest('hex');
            if (h['x-amz-content-sha256'] !== hash) problems.push(`${req.method} ${req.url}: payload hash`);
            const amz = h['x-amz-date'] ?? '';
            const date = new Date(`${amz.slice(0, 4)}-${amz.slice(4, 6)}-${amz.slice(6, 8)}T${amz.slice(9, 11)}:${amz.slice(11, 13)}:${amz.slice(13, 15)}Z`);
            const expected = signV4({
              method: req.method!, url: new URL(req.url!, `http://${h.host}`), headers: {}, payloadHash: hash,
              region: S3_ENV.LEDE_S3_REGION, accessKeyId: S3_ENV.LEDE_S3_ACCESS_KEY_ID, secretAccessKey: S3_ENV.LEDE_S3_SECRET_ACCESS_KEY, date,
            });
            if (expected.authorization !== h.authorization) problems.push(`${req.method} ${req.url}: signature`);
            const prefix = `/${S3_ENV.LEDE_S3_BUCKET}/lede/media/`;
            if (!req.url!.startsWith(prefix)) problems.push(`${req.method} ${req.url}: outside ${prefix}`);
            const key = req.url!.slice(prefix.length);
            if (req.method === 'PUT') objects.set(key, body);
            const found = objects.get(key);
            if (req.method === 'DELETE') objects.delete(key);
            if (!found && req.method !== 'PUT') return res.writeHead(404).end();
            res.writeHead(req.method === 'DELETE' ? 204 : 200, found && (req.method === 'GET' || req.method === 'HEAD') ? { 'content-length': String(found.length) } : {});
            res.end(req.method === 'GET' ? found : undefined);
          });
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      });
      after(async () => {
        server?.close();
        await db?.close();
      });

      test('the original and its renditions land in the bucket under the prefix, signed, and read back', async () => {
        const { port } = server.address() as { port: number };
        const config = loadConfig({ ...S3_ENV, LEDE_S3_ENDPOINT: `http://127.0.0.1:${port}` });
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
