import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { AssetRights } from '../content/media-types.js';
import type { WireAssociation, WireItem } from '../ingest/agency/wire-item.js';

/**
 * Fetching an agency picture for the media library: http(s) only, with a
 * deadline and a size cap, and (unless allowed) never from a private or
 * local address — the URL comes from a document anyone with a push secret
 * could send, and must not make the server read its own network.
 */

export interface PictureFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Allow loopback and private networks (tests, agencies on the intranet). */
  allowPrivate: boolean;
  fetch: typeof fetch;
}

export const DEFAULT_PICTURE_FETCH: Omit<PictureFetchOptions, 'fetch'> = { timeoutMs: 15_000, maxBytes: 30 * 1024 * 1024, allowPrivate: false };

const MAX_REDIRECTS = 3;

/** A refusal or failure that becomes a warning on the take-over, never an error. */
export class PictureFetchError extends Error {}

export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)
      || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  const v6 = ip.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

async function checkHost(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  if (addresses.some(isPrivateAddress)) throw new PictureFetchError(`${url.host} is a private or local address; agency pictures are fetched from public hosts only`);
}

/** The picture's bytes and declared type. Throws PictureFetchError with a plain reason. */
export async function fetchPicture(href: string, opts: PictureFetchOptions): Promise<{ bytes: Buffer; contentType?: string }> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    throw new PictureFetchError(`"${href.slice(0, 200)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PictureFetchError(`only http(s) pictures are fetched, not ${url.protocol}`);
  try {
    const signal = AbortSignal.timeout(opts.timeoutMs);
    let res: Response;
    // Redirects are followed by hand (at most MAX_REDIRECTS), so every hop's host is checked like the first.
    for (let hop = 0; ; hop++) {
      await checkHost(url, opts.allowPrivate);
      res = await opts.fetch(url, { signal, redirect: 'manual' });
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (!location) break;
      await res.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new PictureFetchError(`${url.host} redirected more than ${MAX_REDIRECTS} times`);
      url = new URL(location, url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PictureFetchError(`a redirect led to ${url.protocol}; only http(s) pictures are fetched`);
    }
    if (!res.ok) throw new PictureFetchError(`${url.host} answered ${res.status}`);
    const type = res.headers.get('content-type') ?? undefined;
    if (type && !/^image\//i.test(type)) throw new PictureFetchError(`${url.host} sent ${type.split(';')[0]}, not a picture`);
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > opts.maxBytes) throw new PictureFetchError(`the picture is ${declared} bytes; at most ${opts.maxBytes} are fetched`);
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body ?? []) {
      size += chunk.length;
      if (size > opts.maxBytes) throw new PictureFetchError(`the picture is larger than ${opts.maxBytes} bytes`);
      parts.push(Buffer.from(chunk));
    }
    return { bytes: Buffer.concat(parts), ...(type && { contentType: type.split(';')[0]!.trim() }) };
  } catch (err) {
    if (err instanceof PictureFetchError) throw err;
    const e = err as Error;
    const why = e.name === 'TimeoutError' || e.name === 'AbortError' ? `no answer within ${opts.timeoutMs} ms` : (e.cause as Error | undefined)?.message ?? e.message;
    throw new PictureFetchError(`could not fetch ${url.host}${url.pathname.slice(0, 100)}: ${why}`);
  }
}

const cutTo = (v: string | undefined, n: number) => (v === undefined ? undefined : v.length > n ? `${v.slice(0, n - 1)}…` : v);

/** The media library rights of an agency picture: its own rights, the item's where it has none. Usage terms stay internal there. */
export function pictureRights(a: WireAssociation, item: WireItem): AssetRights {
  const r = { ...item.rights, ...Object.fromEntries(Object.entries(a.rights).filter(([, v]) => v)) };
  const out: AssetRights = {};
  const credit = cutTo(r.credit?.trim(), 200);
  if (credit) out.credit = credit;
  const holder = cutTo(r.copyrightHolder?.trim(), 200);
  if (holder) out.copyrightHolder = holder;
  const source = cutTo(item.creditLine?.trim(), 200);
  if (source) out.source = source;
  const terms = cutTo(r.usageTerms?.trim(), 2000);
  if (terms) out.usageTerms = terms;
  if (r.validUntil && !Number.isNaN(Date.parse(r.validUntil))) out.validUntil = new Date(r.validUntil).toISOString();
  return out;
}
