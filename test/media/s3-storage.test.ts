import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { S3Storage, signV4 } from '../../src/storage/s3-storage.js';
import { contentKey } from '../../src/storage/storage.js';
import { startFakeBucket } from './fake-s3.js';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

describe('S3 storage', () => {
  test('Signature Version 4: the GET Object example of the S3 documentation', () => {
    const headers = signV4({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { range: 'bytes=0-9' },
      payloadHash: EMPTY_SHA256,
      region: 'us-east-1',
      ...CREDENTIALS,
      date: new Date('2013-05-24T00:00:00Z'),
    });
    assert.equal(headers.authorization,
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, '
      + 'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, '
      + 'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  test('put (once per content), get, stat and delete against a fake bucket', async () => {
    const objects = new Map<string, Buffer>();
    const seen: string[] = [];
    const fakeFetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
      const url = new URL(String(input));
      const headers = init?.headers as Record<string, string>;
      assert.match(headers.authorization!, /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-central-1\/s3\/aws4_request, /);
      seen.push(`${init?.method} ${url.pathname}`);
      const key = url.pathname;
      const body = objects.get(key);
      switch (init?.method) {
        case 'PUT':
          objects.set(key, Buffer.from(init.body as Buffer));
          return new Response(null, { status: 200 });
        case 'HEAD':
          return body ? new Response(null, { status: 200, headers: { 'content-length': String(body.length) } }) : new Response(null, { status: 404 });
        case 'GET':
          return body ? new Response(new Uint8Array(body), { status: 200 }) : new Response('NoSuchKey', { status: 404 });
        case 'DELETE':
          objects.delete(key);
          return new Response(null, { status: 204 });
      }
      return new Response(null, { status: 405 });
    }) as typeof fetch;
    const s3 = new S3Storage({ endpoint: 'http://minio.test:9000', region: 'eu-central-1', bucket: 'lede', prefix: 'media/', ...CREDENTIALS, fetch: fakeFetch });
    const bytes = Buffer.from('ein Bild');
    const key = contentKey(bytes, 'jpg');
    assert.deepEqual(await s3.put(bytes, 'jpg'), { key, bytes: 8, created: true });
    assert.deepEqual(await s3.put(bytes, 'jpg'), { key, bytes: 8, created: false });
    assert.deepEqual(seen.slice(0, 3), [`HEAD /lede/media/${key}`, `PUT /lede/media/${key}`, `HEAD /lede/media/${key}`]);
    assert.deepEqual(await s3.get(key), bytes);
    const parts: Buffer[] = [];
    for await (const c of (await s3.read(key))!) parts.push(Buffer.from(c));
    assert.deepEqual(Buffer.concat(parts), bytes);
    assert.deepEqual(await s3.stat(key), { bytes: 8 });
    assert.equal(await s3.delete(key), true);
    assert.equal(await s3.delete(key), false);
    assert.equal(await s3.get(key), undefined);
    await assert.rejects(s3.get('../x'), /not a media storage key/);
  });

  test('over real HTTP: the server can verify every request\'s signature', async () => {
    const bucket = await startFakeBucket({ region: 'eu-central-1', ...CREDENTIALS, pathPrefix: '/lede/' });
    try {
      const s3 = new S3Storage({ endpoint: bucket.url, region: 'eu-central-1', bucket: 'lede', ...CREDENTIALS });
      const bytes = Buffer.from('Bildrechte: dpa');
      const stored = await s3.put(bytes, 'png');
      assert.equal(stored.created, true);
      assert.deepEqual(bucket.objects.get(stored.key), bytes);
      assert.deepEqual(await s3.get(stored.key), bytes);
      assert.deepEqual(await s3.stat(stored.key), { bytes: bytes.length });
      assert.equal(await s3.delete(stored.key), true);
      assert.equal(await s3.stat(stored.key), undefined);
      assert.deepEqual(bucket.problems, []);
      // A wrong secret is noticed by the server.
      await new S3Storage({ endpoint: bucket.url, region: 'eu-central-1', bucket: 'lede', ...CREDENTIALS, secretAccessKey: 'falsch' }).stat(stored.key);
      assert.match(bucket.problems.join('\n'), /HEAD .*: signature/);
    } finally {
      await bucket.close();
    }
  });
});
