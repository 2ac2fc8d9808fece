import { createHash } from 'node:crypto';
import http from 'node:http';
import { signV4 } from '../../src/storage/s3-storage.js';

/**
 * A stand-in for an S3-compatible bucket over real HTTP: PUT, GET, HEAD and
 * DELETE on objects kept in a map, each request's payload hash and
 * Signature Version 4 checked against the expected credentials, and its path
 * against the expected bucket and prefix. Whatever does not match goes into
 * `problems` (the request is still served, so a test sees every mismatch).
 */
export interface FakeBucket {
  url: string;
  /** Objects by key, the bucket and prefix taken off. */
  objects: Map<string, Buffer>;
  problems: string[];
  close(): Promise<void>;
}

export async function startFakeBucket(opts: { region: string; accessKeyId: string; secretAccessKey: string; pathPrefix: string }): Promise<FakeBucket> {
  const objects = new Map<string, Buffer>();
  const problems: string[] = [];
  const server = http.createServer((req, res) => {
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
        region: opts.region, accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey, date,
      });
      if (expected.authorization !== h.authorization) problems.push(`${req.method} ${req.url}: signature`);
      if (!req.url!.startsWith(opts.pathPrefix)) problems.push(`${req.method} ${req.url}: outside ${opts.pathPrefix}`);
      const key = req.url!.slice(opts.pathPrefix.length);
      if (req.method === 'PUT') objects.set(key, body);
      const found = objects.get(key);
      if (req.method === 'DELETE') objects.delete(key);
      if (!found && req.method !== 'PUT') return res.writeHead(404).end();
      res.writeHead(req.method === 'DELETE' ? 204 : 200, found && (req.method === 'GET' || req.method === 'HEAD') ? { 'content-length': String(found.length) } : {});
      res.end(req.method === 'GET' ? found : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, objects, problems, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
