import { lookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './wire-pictures.js';

/**
 * One outbound POST to a subscriber's URL, with the safety a URL typed by
 * someone else needs: http(s) only; no redirect followed (a 3xx is a failed
 * delivery); every address the host name resolves to checked, at connect
 * time (so a name cannot resolve to a public address for a check and a
 * private one for the connection), unless private addresses are allowed;
 * one deadline for the whole exchange; at most `maxBytes` of the answer read.
 */

export interface SendOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Allow loopback, private and link-local addresses (tests, receivers on the intranet). */
  allowPrivate: boolean;
}

export const DEFAULT_SEND: SendOptions = { timeoutMs: 5_000, maxBytes: 64 * 1024, allowPrivate: false };

export interface SendResult {
  ok: boolean;
  statusCode?: number;
  error?: string;
  durationMs: number;
  /** How many bytes of the answer were read (at most maxBytes). */
  bytesRead: number;
}

const refusal = (host: string) => `${host} is a private, loopback or link-local address; webhooks go to public hosts only (LEDE_WEBHOOKS_ALLOW_PRIVATE allows them)`;

/** Why `url` may not be called at all (scheme, credentials, literal private address), or undefined. */
export function urlProblem(url: string, allowPrivate: boolean): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `only http and https URLs are allowed, not ${u.protocol}`;
  if (u.username || u.password) return 'the URL must not carry a user name or password';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) return refusal(host);
  return undefined;
}

/** dns.lookup that refuses the connection when any address of the name is private. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) {
        return callback(Object.assign(new Error(refusal(hostname)), { code: 'PRIVATE_ADDRESS' }), '', 4);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** POSTs `body` with `headers` (the caller sets content-type) under the rules above. */
export function postBody(url: string, headers: Record<string, string>, body: string, opts: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const done = (r: Omit<SendResult, 'durationMs'>): SendResult => ({ ...r, durationMs: performance.now() - started });
  const problem = urlProblem(url, opts.allowPrivate);
  if (problem) return Promise.resolve(done({ ok: false, error: problem, bytesRead: 0 }));
  const u = new URL(url);
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    let status: number | undefined;
    let bytesRead = 0;
    const finish = (r: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(done(r));
    };
    const judged = (): Omit<SendResult, 'durationMs'> => {
      if (status === undefined) return { ok: false, error: 'no answer', bytesRead };
      if (status >= 200 && status < 300) return { ok: true, statusCode: status, bytesRead };
      if (status >= 300 && status < 400) return { ok: false, statusCode: status, error: `answered ${status}; redirects are not followed`, bytesRead };
      return { ok: false, statusCode: status, error: `answered ${status}`, bytesRead };
    };
    const client = u.protocol === 'https:' ? https : http;
    const req = client.request(u, {
      method: 'POST',
      headers: { 'user-agent': 'Lede-Webhooks/1', ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(opts.allowPrivate),
      agent: false,
    }, (res) => {
      status = res.statusCode;
      res.on('data', (chunk: Buffer) => {
        bytesRead += chunk.length;
        // The answer is not needed beyond its status: stop reading at the cap instead of buffering a flood.
        if (bytesRead >= opts.maxBytes) {
          bytesRead = opts.maxBytes;
          finish(judged());
        }
      });
      res.on('end', () => finish(judged()));
      res.on('error', () => finish(judged()));
    });
    // One deadline for connect, send and answer: a receiver that trickles bytes cannot hold a worker.
    const timer = setTimeout(() => finish(status === undefined
      ? { ok: false, error: `no answer within ${opts.timeoutMs} ms`, bytesRead }
      : judged()), opts.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, ...(status !== undefined && { statusCode: status }), error: err.message || err.code || 'connection failed', bytesRead }));
    req.end(body);
  });
}
