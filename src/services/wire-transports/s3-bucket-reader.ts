import { createHash } from 'node:crypto';
import { signV4 } from '../../storage/s3-storage.js';
import { errorText } from './wire-transport.js';

/**
 * Reads a bucket an agency writes into (dpa s3push): ListObjectsV2 under a
 * prefix and GET of single objects, signed like Lede's media storage
 * (storage/s3-storage.ts, whose SigV4 signing it uses). That client only
 * knows content-addressed media keys; agency keys are the agency's, so they
 * are read here, never written or deleted.
 */
export interface S3BucketOptions {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path (default) or in the host name. */
  pathStyle?: boolean;
  /** Deadline of each request, ms (default 30 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface S3Listed {
  key: string;
  etag?: string;
  size: number;
  lastModified?: string;
}

const EMPTY_HASH = createHash('sha256').update('').digest('hex');
/** Pages read per listing at most (1,000 keys each): a poll never reads without bound. */
const MAX_PAGES = 100;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

const tag = (xml: string, name: string): string | undefined => {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? xmlText(m[1]!) : undefined;
};

/** The keys of a ListObjectsV2 answer, and the token of the next page. */
export function parseListing(xml: string): { objects: S3Listed[]; next?: string } {
  const objects: S3Listed[] = [];
  for (const m of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
    const part = m[1]!;
    const key = tag(part, 'Key');
    if (key === undefined) continue;
    const etag = tag(part, 'ETag');
    const lastModified = tag(part, 'LastModified');
    objects.push({ key, size: Number(tag(part, 'Size') ?? 0), ...(etag && { etag }), ...(lastModified && { lastModified }) });
  }
  const next = tag(xml, 'IsTruncated') === 'true' ? tag(xml, 'NextContinuationToken') : undefined;
  return { objects, ...(next && { next }) };
}

/** S3 wants every key byte but "/" percent-encoded in the path. */
const encodeKey = (key: string) => key.split('/').map((p) => encodeURIComponent(p).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');

export class S3BucketReader {
  readonly #fetch: typeof fetch;
  constructor(private readonly opts: S3BucketOptions) {
    this.#fetch = opts.fetch ?? fetch;
    try {
      new URL(opts.endpoint);
    } catch {
      throw new Error(`the S3 endpoint "${String(opts.endpoint).slice(0, 60)}" is not a URL`);
    }
  }

  #url(objectPath: string): URL {
    const base = new URL(this.opts.endpoint);
    if (this.opts.pathStyle === false) {
      base.hostname = `${this.opts.bucket}.${base.hostname}`;
      base.pathname = `/${objectPath}`;
    } else {
      base.pathname = `${base.pathname.replace(/\/$/, '')}/${this.opts.bucket}${objectPath ? `/${objectPath}` : ''}`;
    }
    return base;
  }

  async #get(url: URL, signal?: AbortSignal): Promise<Response> {
    const headers = signV4({
      method: 'GET', url, headers: {}, payloadHash: EMPTY_HASH, region: this.opts.region,
      accessKeyId: this.opts.accessKeyId, secretAccessKey: this.opts.secretAccessKey, date: new Date(),
    });
    delete headers.host;
    const deadline = AbortSignal.timeout(this.opts.timeoutMs ?? 30_000);
    try {
      return await this.#fetch(url, { headers, signal: signal ? AbortSignal.any([signal, deadline]) : deadline });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new Error(`S3 at ${url.origin}: ${deadline.aborted ? `no answer within ${this.opts.timeoutMs ?? 30_000} ms` : errorText((err as { cause?: unknown }).cause ?? err)}`);
    }
  }

  /** Every key under `prefix` (up to MAX_PAGES pages), in the bucket's order. */
  async list(prefix: string, signal?: AbortSignal): Promise<S3Listed[]> {
    const all: S3Listed[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const url = this.#url('');
      url.searchParams.set('list-type', '2');
      url.searchParams.set('prefix', prefix);
      if (token) url.searchParams.set('continuation-token', token);
      const res = await this.#get(url, signal);
      const body = await res.text();
      if (!res.ok) throw new Error(`S3 answered ${res.status} to listing ${this.opts.bucket}/${prefix}: ${body.slice(0, 200)}`);
      const { objects, next } = parseListing(body);
      all.push(...objects);
      if (!next) break;
      token = next;
    }
    return all;
  }

  /** The object's bytes; undefined when it is gone (deleted since the listing). */
  async get(key: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer | undefined> {
    const res = await this.#get(this.#url(encodeKey(key)), signal);
    if (res.status === 404) {
      await res.arrayBuffer().catch(() => undefined);
      return undefined;
    }
    if (!res.ok) throw new Error(`S3 answered ${res.status} to GET ${key}: ${(await res.text().catch(() => '')).slice(0, 200)}`);
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new TooLarge(declared);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > maxBytes) throw new TooLarge(bytes.length);
    return bytes;
  }
}

export class TooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`the object is ${bytes} bytes`);
    this.name = 'TooLarge';
  }
}
