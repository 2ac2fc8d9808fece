import { lookup, type LookupAddress } from 'node:dns';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from '../wire-pictures.js';
import { endpointProblem } from './push-service.js';

/**
 * One push message POSTed to a push service, with the care a URL handed to
 * us by a browser needs: https only; no redirect followed (a 3xx is a
 * failure); every address the host name resolves to checked at connect
 * time unless private addresses are allowed; one deadline for the whole
 * exchange; at most `maxBytes` of the answer read. Connections come from the
 * worker's keep-alive agent, whose maxSockets bounds them.
 */
export interface PushRequest {
  endpoint: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

export interface TransportOptions {
  agent: https.Agent;
  timeoutMs: number;
  maxBytes: number;
  allowPrivate: boolean;
}

export interface TransportResult {
  status?: number;
  /** Retry-After, in ms from now, when the answer gave one (seconds or an HTTP date). */
  retryAfterMs?: number;
  /** The start of the answer's body (push services explain 400/413 there) or the network error. */
  error?: string;
}

/** dns.lookup that refuses the connection when any address of the name is private. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) {
        const refusal = Object.assign(new Error(`${hostname} resolves to a private, loopback or link-local address; push services are public`), { code: 'PRIVATE_ADDRESS' });
        return callback(refusal, '', 4);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
const LOOKUPS = { open: guardedLookup(false), private: guardedLookup(true) };

/** Retry-After as ms from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * endpointProblem's verdict per origin (it looks at the scheme, the
 * credentials and the host only), so a fan-out checks each push service's
 * origin once instead of parsing every endpoint twice more.
 */
const originVerdicts = new Map<string, string | undefined>();
function problemOf(url: URL, endpoint: string, allowPrivate: boolean): string | undefined {
  if (url.username || url.password || url.origin === 'null') return endpointProblem(endpoint, allowPrivate);
  const key = `${allowPrivate ? 'private' : 'public'} ${url.origin}`;
  if (originVerdicts.has(key)) return originVerdicts.get(key);
  const verdict = endpointProblem(`${url.origin}/`, allowPrivate);
  if (originVerdicts.size >= 1000) originVerdicts.clear();
  originVerdicts.set(key, verdict);
  return verdict;
}

export function postPush(req: PushRequest, opts: TransportOptions): Promise<TransportResult> {
  let url: URL;
  try {
    url = new URL(req.endpoint);
  } catch {
    return Promise.resolve({ error: 'endpoint is not a URL' });
  }
  const problem = problemOf(url, req.endpoint, opts.allowPrivate);
  if (problem) return Promise.resolve({ error: `endpoint ${problem}` });
  return new Promise<TransportResult>((resolve) => {
    let settled = false;
    let status: number | undefined;
    let retryAfter: string | undefined;
    const chunks: Buffer[] = [];
    let bytes = 0;
    const finish = (r: TransportResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const answered = (): TransportResult => {
      // 2xx, what nearly every push gets: nothing to read from the body.
      if (status !== undefined && status >= 200 && status < 300 && retryAfter === undefined) return { status };
      const text = Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 300);
      const ra = parseRetryAfter(retryAfter);
      return {
        ...(status !== undefined && { status }),
        ...(ra !== undefined && { retryAfterMs: ra }),
        ...(status !== undefined && (status < 200 || status >= 300) && { error: `answered ${status}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}${text ? `: ${text}` : ''}` }),
      };
    };
    // Options from the one parse above (https.request would parse the string again).
    const request = https.request({
      protocol: url.protocol,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port || 443,
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      agent: opts.agent,
      lookup: opts.allowPrivate ? LOOKUPS.private : LOOKUPS.open,
      headers: { ...req.headers, 'content-length': String(req.body?.length ?? 0) },
    }, (res) => {
      status = res.statusCode;
      const h = res.headers['retry-after'];
      retryAfter = Array.isArray(h) ? h[0] : h;
      res.on('data', (chunk: Buffer) => {
        // Only the start of an answer is kept (for the log); past the cap the rest is dropped, not buffered.
        if (bytes < opts.maxBytes) chunks.push(chunk.subarray(0, opts.maxBytes - bytes));
        bytes += chunk.length;
        if (bytes > opts.maxBytes * 4) {
          // A service that floods its answer loses the connection rather than a worker's time.
          request.destroy();
          finish(answered());
        }
      });
      res.on('end', () => finish(answered()));
      res.on('error', () => finish(answered()));
    });
    // One deadline for connect, send and answer: a service that trickles bytes cannot hold a connection.
    const timer = setTimeout(() => {
      request.destroy();
      finish(status === undefined ? { error: `no answer within ${opts.timeoutMs} ms` } : answered());
    }, opts.timeoutMs);
    request.on('error', (err: NodeJS.ErrnoException) => finish({ ...(status !== undefined && { status }), error: err.message || err.code || 'connection failed' }));
    request.end(req.body ?? undefined);
  });
}
