import { errorText } from './wire-transport.js';

/**
 * The HTTP side of dpa's wireQ queue, as its public example client uses it:
 *  - mode A, `POST {base}/dequeue-entries.json` → `{"entries": [...]}`; the
 *    entries leave the queue as they are handed out;
 *  - mode B, `GET {base}/entries.json` → entries, each with `_wireq_receipt`
 *    and hidden for a while; `DELETE {base}/entry/{receipt}` after a
 *    successful import (204; 404 or 410 when unknown or expired: the entry
 *    comes back later).
 * Both may answer `retry-after` (seconds: when to ask again) and 429 with it.
 * Every request has a deadline (AbortSignal.timeout), so a server that
 * accepts the connection and says nothing cannot hold a poller.
 */
export interface WireqAnswer {
  status: number;
  /** Parsed `retry-after`, in ms (capped), when the server sent one. */
  retryAfterMs?: number;
  /** The entries (mode A and B); undefined when the body was not the expected JSON. */
  entries?: Record<string, unknown>[];
  /** The body as received, for a document the desk should see even when it is not the expected shape. */
  body: string;
}

/** A retry-after beyond this is taken as this (a misconfigured queue must not park a poller for days). */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/** `retry-after` as seconds or an HTTP date → ms, capped; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const v = value.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(v)) ms = Number(v) * 1000;
  else {
    const at = Date.parse(v);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.max(0, Math.min(MAX_RETRY_AFTER_MS, Math.round(ms)));
}

/** The error of a request that failed or answered 5xx: the poller backs off. */
export class WireqError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'WireqError';
  }
}

export interface WireqClientOptions {
  /** The queue's base URL (dpa's includes the access token: treat it as a secret). */
  base: string;
  /** Deadline of each request, ms (default 30 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/** The base URL without its path (which may carry the access token), for log lines. */
export function describeBase(base: string): string {
  try {
    return new URL(base).origin;
  } catch {
    return 'an invalid wireQ URL';
  }
}

function entriesOf(parsed: unknown): Record<string, unknown>[] | undefined {
  const list = Array.isArray(parsed) ? parsed : (parsed as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list)) return undefined;
  return list.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && !Array.isArray(e));
}

export class WireqClient {
  readonly #base: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(opts: WireqClientOptions) {
    let url: URL;
    try {
      url = new URL(opts.base);
    } catch {
      throw new Error(`the wireQ base "${String(opts.base).slice(0, 40)}…" is not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`the wireQ base must be an http(s) URL, not ${url.protocol}`);
    this.#base = trimSlash(opts.base);
    this.#timeoutMs = opts.timeoutMs ?? 30_000;
    this.#fetch = opts.fetch ?? fetch;
  }

  /** Mode A: takes entries off the queue. */
  dequeue(signal?: AbortSignal): Promise<WireqAnswer> {
    return this.#request('POST', `${this.#base}/dequeue-entries.json`, signal, true);
  }

  /** Mode B: entries with receipts, hidden while this client imports them. */
  list(signal?: AbortSignal): Promise<WireqAnswer> {
    return this.#request('GET', `${this.#base}/entries.json`, signal, true);
  }

  /** Mode B: the entry was committed; 'expired' when the queue no longer knew the receipt (it will come back). */
  async remove(receipt: string, signal?: AbortSignal): Promise<'removed' | 'expired'> {
    const answer = await this.#request('DELETE', `${this.#base}/entry/${encodeURIComponent(receipt)}`, signal, false);
    if (answer.status === 404 || answer.status === 410) return 'expired';
    if (answer.status >= 300) throw new WireqError(`wireQ answered ${answer.status} to DELETE of an entry`, answer.status);
    return 'removed';
  }

  async #request(method: string, url: string, stop: AbortSignal | undefined, wantsEntries: boolean): Promise<WireqAnswer> {
    const deadline = AbortSignal.timeout(this.#timeoutMs);
    const signal = stop ? AbortSignal.any([stop, deadline]) : deadline;
    const where = `${method} ${describeBase(url)}`;
    let res: Response;
    let body: string;
    try {
      res = await this.#fetch(url, { method, signal, headers: { accept: 'application/json' } });
      body = await res.text();
    } catch (err) {
      if (stop?.aborted) throw err;
      const why = deadline.aborted ? `no answer within ${this.#timeoutMs} ms` : errorText((err as { cause?: unknown }).cause ?? err);
      throw new WireqError(`wireQ ${where}: ${why}`);
    }
    const retry = parseRetryAfter(res.headers.get('retry-after'));
    const answer: WireqAnswer = { status: res.status, body, ...(retry !== undefined && { retryAfterMs: retry }) };
    // A 4xx other than 429 on a fetch is a wrong URL or token: logged and retried with back-off like an outage.
    if (res.status >= 500 || (wantsEntries && res.status >= 300 && res.status !== 429)) {
      throw new WireqError(`wireQ ${where} answered ${res.status}${res.status === 401 || res.status === 403 ? ' (check the access token in the base URL)' : ''}`, res.status);
    }
    if (!wantsEntries || res.status === 429) return answer;
    try {
      const entries = entriesOf(JSON.parse(body));
      if (entries) answer.entries = entries;
    } catch {
      // Not JSON: the caller decides (mode A hands it to the desk as a document, so it is kept as a dead letter).
    }
    return answer;
  }
}
