import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { describe, test } from 'node:test';
import { S3Storage, signV4 } from '../../src/media/s3-storage.js';
import { contentKey } from '../../src/media/storage.js';

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
    const objects = new Map<string, Buffer>();
    const problems: string[] = [];
    const server = http.createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        const body = Buffer.concat(parts);
        const h = req.headers as Record<string, string>;
        const hash = createHash('sha256').update(body).digest('hex');
        if (h['x-amz-content-sha256'] !== hash) problems.push(`${req.method}: payload hash`);
        const amz = h['x-amz-date']!;
        const date = new Date(`${amz.slice(0, 4)}-${amz.slice(4, 6)}-${amz.slice(6, 8)}T${amz.slice(9, 11)}:${amz.slice(11, 13)}:${amz.slice(13, 15)}Z`);
        const expected = signV4({
          method: req.method!, url: new URL(req.url!, `http://${h.host}`), headers: {}, payloadHash: hash,
          region: 'eu-central-1', ...CREDENTIALS, date,
        });
        if (expected.authorization !== h.authorization) problems.push(`${req.method}: signature`);
        const key = req.url!;
        if (req.method === 'PUT') objects.set(key, body);
        const found = objects.get(key);
        if (req.method === 'DELETE') objects.delete(key);
        if (!found && req.method !== 'PUT') return res.writeHead(404).end();
        res.writeHead(req.method === 'DELETE' ? 204 : 200, found && (req.method === 'GET' || req.method === 'HEAD') ? { 'content-length': String(found.length) } : {});
        res.end(req.method === 'GET' ? found : undefined);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const s3 = new S3Storage({ endpoint: `http://127.0.0.1:${port}`, region: 'eu-central-1', bucket: 'lede', ...CREDENTIALS });
      const bytes = Buffer.from('Bildrechte: dpa');
      const stored = await s3.put(bytes, 'png');
      assert.equal(stored.created, true);
      assert.deepEqual(await s3.get(stored.key), bytes);
      assert.deepEqual(await s3.stat(stored.key), { bytes: bytes.length });
      assert.equal(await s3.delete(stored.key), true);
      assert.equal(await s3.stat(stored.key), undefined);
      assert.deepEqual(problems, []);
    } finally {
      server.close();
    }
  });
});
