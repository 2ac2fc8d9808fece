import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { LedeError } from '../content/index.js';
import { contentKey, isContentKey, type MediaStorage, type StoredObject } from './storage.js';

/**
 * Media files in S3-compatible object storage (AWS S3, MinIO, Ceph, Garage…),
 * same content-addressed keys as on disk, under an optional prefix. A small
 * client of our own: PUT, GET, HEAD, DELETE on single objects, signed with
 * AWS Signature Version 4; no multipart uploads (media files stay far below
 * the 5 GB single-PUT limit).
 *
 * Chosen with LEDE_MEDIA_STORAGE=s3 (server/config reads the bucket settings,
 * configured-storage.ts builds this client). Tested against the signing
 * example of the S3 documentation and an in-process fake S3 (the library
 * over it end to end), not against a live service.
 */
export interface S3Options {
  /** e.g. https://s3.eu-central-1.amazonaws.com or http://minio.internal:9000 */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Key prefix inside the bucket, e.g. "media/". */
  prefix?: string;
  /** Bucket in the path (default; what MinIO and most self-hosted stores want) or in the host name. */
  pathStyle?: boolean;
  /** For tests. */
  fetch?: typeof fetch;
  /** For tests: the signing time. */
  now?: () => Date;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it ("/" kept in paths). */
function uriEncode(s: string, keepSlash: boolean): string {
  const encoded = encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlash ? encoded.replace(/%2F/g, '/') : encoded;
}

export interface SignInput {
  method: string;
  url: URL;
  headers: Record<string, string>;
  payloadHash: string;
  region: string;
  service?: string;
  accessKeyId: string;
  secretAccessKey: string;
  date: Date;
}

/**
 * Signs a request with AWS Signature Version 4: returns the headers to send
 * (the given ones, plus host, x-amz-date, x-amz-content-sha256, Authorization).
 */
export function signV4(input: SignInput): Record<string, string> {
  const service = input.service ?? 's3';
  const amzDate = input.date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...input.headers,
    host: input.url.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': input.payloadHash,
  };
  const names = Object.keys(headers).map((n) => n.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')]));
  const query = [...input.url.searchParams.entries()]
    .map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonical = [
    input.method,
    uriEncode(decodeURIComponent(input.url.pathname), true),
    query,
    names.map((n) => `${n}:${lower[n]}\n`).join(''),
    names.join(';'),
    input.payloadHash,
  ].join('\n');
  const scope = `${day}/${input.region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

export class S3Storage implements MediaStorage {
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;

  constructor(private readonly opts: S3Options) {
    this.fetch = opts.fetch ?? fetch;
    this.now = opts.now ?? (() => new Date());
  }

  private url(key: string): URL {
    if (!isContentKey(key)) throw new LedeError('VALIDATION', `not a media storage key: ${JSON.stringify(key).slice(0, 80)}`, { reason: 'storage_key_invalid' });
    const base = new URL(this.opts.endpoint);
    const objectPath = `${this.opts.prefix ?? ''}${key}`;
    if (this.opts.pathStyle === false) {
      base.hostname = `${this.opts.bucket}.${base.hostname}`;
      base.pathname = `/${objectPath}`;
    } else {
      base.pathname = `${base.pathname.replace(/\/$/, '')}/${this.opts.bucket}/${objectPath}`;
    }
    return base;
  }

  private async send(method: string, key: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Response> {
    const url = this.url(key);
    const signed = signV4({
      method, url, headers, payloadHash: sha256Hex(body ?? ''), region: this.opts.region,
      accessKeyId: this.opts.accessKeyId, secretAccessKey: this.opts.secretAccessKey, date: this.now(),
    });
    delete signed.host; // fetch sets it from the URL
    let res: Response;
    try {
      const payload = body && new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
      res = await this.fetch(url, { method, headers: signed, ...(payload && { body: payload }) });
    } catch (err) {
      throw new LedeError('UNAVAILABLE', `media storage at ${url.origin} is unreachable: ${(err as Error).message}`, { reason: 'storage_unavailable', cause: err });
    }
    if (res.status >= 300 && res.status !== 404) {
      const text = await res.text().catch(() => '');
      throw new LedeError('UNAVAILABLE', `media storage answered ${res.status} to ${method} ${key}: ${text.slice(0, 200)}`, { reason: 'storage_unavailable' });
    }
    return res;
  }

  async put(bytes: Buffer, extension: string): Promise<StoredObject> {
    const key = contentKey(bytes, extension);
    const existing = await this.stat(key);
    if (existing && existing.bytes === bytes.length) return { key, bytes: bytes.length, created: false };
    const res = await this.send('PUT', key, bytes); // fetch sends Content-Length for a byte body
    if (res.status === 404) throw new LedeError('UNAVAILABLE', `media storage bucket ${this.opts.bucket} does not exist`, { reason: 'storage_unavailable' });
    await res.arrayBuffer();
    return { key, bytes: bytes.length, created: true };
  }

  async get(key: string): Promise<Buffer | undefined> {
    const res = await this.send('GET', key);
    if (res.status === 404) return undefined;
    return Buffer.from(await res.arrayBuffer());
  }

  async read(key: string): Promise<Readable | undefined> {
    const res = await this.send('GET', key);
    if (res.status === 404 || !res.body) return undefined;
    return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  }

  async stat(key: string): Promise<{ bytes: number } | undefined> {
    const res = await this.send('HEAD', key);
    if (res.status === 404) return undefined;
    return { bytes: Number(res.headers.get('content-length') ?? 0) };
  }

  async delete(key: string): Promise<boolean> {
    const existed = (await this.stat(key)) !== undefined;
    if (existed) await (await this.send('DELETE', key)).arrayBuffer();
    return existed;
  }
}
