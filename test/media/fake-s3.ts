import { createHash } from 'node:crypto';
import http from 'node:http';
import { signV4 } from '../../src/storage/s3-storage.js';

/**
 * A stand-in for an S3-compatible bucket over real HTTP: PUT, GET, HEAD and
 * DELETE on objects kept in a map, each request's payload hash and
 * Signature Version 4 checked against the expected credentials, and its path
 * against the expected bucket and prefix. Whatever does not match goes into
 * `problems` (the request is still served, so a test sees every mismatch).
 *
 * Listing: `GET /{bucket}?list-type=2&prefix=…` (ListObjectsV2) lists the
 * objects under the prefix (keys relative to the bucket, so with the path
 * prefix's folder in front), `maxKeys` at a time (or the request's
 * max-keys) with continuation tokens, each with its ETag, size and
 * LastModified (the time of its PUT or `put`).
 */
export interface FakeBucket {
  url: string;
  /** Objects by key, the bucket and prefix taken off. */
  objects: Map<string, Buffer>;
  problems: string[];
  /** Puts an object as an uploader would (key as in `objects`), dated now. */
  put(key: string, body: Buffer | string): void;
  /** ListObjectsV2 requests served, in order (their query strings). */
  listings: string[];
  /** Keys per listing page (default 1000). */
  maxKeys: number;
  close(): Promise<void>;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function startFakeBucket(opts: { region: string; accessKeyId: string; secretAccessKey: string; pathPrefix: string }): Promise<FakeBucket> {
  const objects = new Map<string, Buffer>();
  const modified = new Map<string, Date>();
  const problems: string[] = [];
  const listings: string[] = [];
  const limits = { maxKeys: 1000 };
  /** The bucket's path ("/lede") and the folder of the path prefix inside it ("media/"). */
  const bucketPath = `/${opts.pathPrefix.split('/').filter(Boolean)[0] ?? ''}`;
  const folder = opts.pathPrefix.slice(bucketPath.length + 1);
  const listing = (url: URL): string => {
    const prefix = url.searchParams.get('prefix') ?? '';
    const max = Math.min(limits.maxKeys, Number(url.searchParams.get('max-keys') ?? 1000));
    const after = url.searchParams.get('continuation-token');
    const keys = [...objects.keys()].map((k) => `${folder}${k}`).filter((k) => k.startsWith(prefix)).sort();
    const from = after ? keys.findIndex((k) => k > Buffer.from(after, 'base64url').toString()) : 0;
    const page = from < 0 ? [] : keys.slice(from, from + max);
    const truncated = from >= 0 && from + max < keys.length;
    const contents = page.map((k) => {
      const body = objects.get(k.slice(folder.length))!;
      const etag = createHash('md5').update(body).digest('hex');
      return `<Contents><Key>${xmlEscape(k)}</Key><LastModified>${(modified.get(k.slice(folder.length)) ?? new Date(0)).toISOString()}</LastModified>`
        + `<ETag>&quot;${etag}&quot;</ETag><Size>${body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
    }).join('');
    const next = truncated ? `<NextContinuationToken>${Buffer.from(page.at(-1)!).toString('base64url')}</NextContinuationToken>` : '';
    return `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucketPath.slice(1)}</Name>`
      + `<Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`;
  };
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
      const url = new URL(req.url!, `http://${h.host}`);
      if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
        if (url.pathname.replace(/\/$/, '') !== bucketPath) problems.push(`${req.method} ${req.url}: listing outside ${bucketPath}`);
        listings.push(url.search);
        return res.writeHead(200, { 'content-type': 'application/xml' }).end(listing(url));
      }
      if (!req.url!.startsWith(opts.pathPrefix)) problems.push(`${req.method} ${req.url}: outside ${opts.pathPrefix}`);
      const key = req.url!.slice(opts.pathPrefix.length);
      if (req.method === 'PUT') {
        objects.set(key, body);
        modified.set(key, new Date());
      }
      const found = objects.get(key);
      if (req.method === 'DELETE') objects.delete(key);
      if (!found && req.method !== 'PUT') return res.writeHead(404).end();
      res.writeHead(req.method === 'DELETE' ? 204 : 200, found && (req.method === 'GET' || req.method === 'HEAD') ? { 'content-length': String(found.length) } : {});
      res.end(req.method === 'GET' ? found : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    problems,
    listings,
    get maxKeys() {
      return limits.maxKeys;
    },
    set maxKeys(n: number) {
      limits.maxKeys = n;
    },
    put: (key, body) => {
      objects.set(key, Buffer.from(body));
      modified.set(key, new Date());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
