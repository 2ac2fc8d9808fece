import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';

/**
 * A stand-in for dpa's wireQ over real HTTP on 127.0.0.1, both modes:
 *  - A: `POST {base}/dequeue-entries.json` hands out up to `batchSize`
 *    entries and forgets them;
 *  - B: `GET {base}/entries.json` hands out the visible entries, each with a
 *    fresh `_wireq_receipt`, and hides them; `DELETE {base}/entry/{receipt}`
 *    removes one (204), 404 for an unknown receipt, 410 for an expired one.
 *    Receipts expire when the test says so (expireReceipts), never by a clock:
 *    the hidden entries then come back.
 * Injections: the next n answers 429 or 500 (with a retry-after), and a
 * switch to hang (accept, never answer) or reset connections. Every request
 * is recorded in order.
 */
export interface FakeWireqRequest {
  method: string;
  path: string;
  status: number | 'hang' | 'reset';
  /** Entries handed out (A, B) or the receipt deleted (DELETE). */
  entries?: string[];
  receipt?: string;
}

export interface FakeWireq {
  /** The queue's base URL (with a token path, like dpa's). */
  base: string;
  requests: FakeWireqRequest[];
  /** Adds entries (each should carry an `urn`). */
  add(...entries: Record<string, unknown>[]): void;
  /** Entries still in the queue, visible or hidden (B). */
  readonly waiting: number;
  /** Receipts handed out and not yet deleted or expired. */
  readonly outstanding: number;
  /** Entries handed out per urn (A and B). */
  handedOut: Map<string, number>;
  /** Every receipt handed out (B) → the urn of its entry. */
  receipts: Map<string, string>;
  /** The next `n` answers are 429 (or `status`) with this retry-after. */
  refuseNext(n: number, opts?: { status?: number; retryAfter?: string }): void;
  /** Sent with every normal answer of A and B (default none). */
  retryAfter: string | undefined;
  /** Entries per answer (default 2). */
  batchSize: number;
  /** 'hang': requests are accepted and never answered; 'reset': the connection is destroyed. */
  trouble: 'none' | 'hang' | 'reset';
  /** Expires every outstanding receipt: its entry becomes visible again and its DELETE answers 410. */
  expireReceipts(): void;
  /**
   * Receipts also expire by themselves once this many further GETs were
   * served (a clock counted in requests: a test never waits on time).
   */
  expireAfterGets: number | undefined;
  /** While true, requests are held unanswered (and not yet served) until release(). */
  hold: boolean;
  /** Requests held so far and not released. */
  readonly held: number;
  /** Serves the held requests, in order, and stops holding. */
  release(): void;
  /** Resolves once `predicate` holds after a request (checked after each request). */
  until(predicate: () => boolean): Promise<void>;
  close(): Promise<void>;
}

interface Queued { urn: string; entry: Record<string, unknown>; receipt?: string; issuedAtGet?: number }

export async function startFakeWireq(): Promise<FakeWireq> {
  const token = randomBytes(6).toString('hex');
  const prefix = `/${token}`;
  const queue: Queued[] = [];
  const expired = new Set<string>();
  const sockets = new Set<Socket>();
  const waiters: Array<{ predicate: () => boolean; resolve: () => void }> = [];
  let refusals: Array<{ status: number; retryAfter: string }> = [];
  let gets = 0;
  const parked: Array<() => void> = [];

  const fake: FakeWireq = {
    base: '',
    requests: [],
    handedOut: new Map(),
    receipts: new Map(),
    retryAfter: undefined,
    batchSize: 2,
    trouble: 'none',
    expireAfterGets: undefined,
    hold: false,
    get held() {
      return parked.length;
    },
    release: () => {
      fake.hold = false;
      for (const serve of parked.splice(0)) serve();
    },
    add: (...entries) => {
      for (const entry of entries) queue.push({ urn: String(entry.urn ?? `urn:fake:${queue.length}`), entry });
    },
    get waiting() {
      return queue.length;
    },
    get outstanding() {
      return queue.filter((q) => q.receipt).length;
    },
    refuseNext: (n, opts = {}) => {
      for (let i = 0; i < n; i++) refusals.push({ status: opts.status ?? 429, retryAfter: opts.retryAfter ?? '1' });
    },
    expireReceipts: () => {
      for (const q of queue) {
        if (q.receipt) expired.add(q.receipt);
        delete q.receipt;
      }
    },
    until: (predicate) => new Promise<void>((resolve) => {
      if (predicate()) return resolve();
      waiters.push({ predicate, resolve });
    }),
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };

  const record = (r: FakeWireqRequest) => {
    fake.requests.push(r);
    for (const w of [...waiters]) {
      if (w.predicate()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const handOut = (q: Queued) => fake.handedOut.set(q.urn, (fake.handedOut.get(q.urn) ?? 0) + 1);

  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (fake.hold) {
        parked.push(serve);
        return;
      }
      serve();
    });
    function serve() {
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      const path = url.startsWith(prefix) ? url.slice(prefix.length) : url;
      if (fake.trouble === 'hang') return record({ method, path, status: 'hang' });
      if (fake.trouble === 'reset') {
        req.socket.destroy();
        return record({ method, path, status: 'reset' });
      }
      const json = (status: number, body: unknown, extra: Record<string, string> = {}) => {
        const headers: Record<string, string> = { 'content-type': 'application/json', ...extra };
        if (fake.retryAfter !== undefined && status === 200) headers['retry-after'] = fake.retryAfter;
        res.writeHead(status, headers).end(body === undefined ? undefined : JSON.stringify(body));
      };
      if (!url.startsWith(prefix)) {
        json(404, { error: 'unknown queue' });
        return record({ method, path, status: 404 });
      }
      const refusal = refusals.shift();
      if (refusal) {
        json(refusal.status, { error: 'slow down' }, { 'retry-after': refusal.retryAfter });
        return record({ method, path, status: refusal.status });
      }
      if (method === 'POST' && path === '/dequeue-entries.json') {
        const taken = queue.filter((q) => !q.receipt).slice(0, fake.batchSize);
        for (const q of taken) {
          queue.splice(queue.indexOf(q), 1);
          handOut(q);
        }
        json(200, { entries: taken.map((q) => q.entry) });
        return record({ method, path, status: 200, entries: taken.map((q) => q.urn) });
      }
      if (method === 'GET' && path === '/entries.json') {
        gets++;
        const after = fake.expireAfterGets;
        if (after !== undefined) {
          for (const q of queue) {
            if (q.receipt && gets - (q.issuedAtGet ?? gets) > after) {
              expired.add(q.receipt);
              delete q.receipt;
            }
          }
        }
        const visible = queue.filter((q) => !q.receipt).slice(0, fake.batchSize);
        for (const q of visible) {
          q.receipt = randomBytes(8).toString('hex');
          q.issuedAtGet = gets;
          fake.receipts.set(q.receipt, q.urn);
          handOut(q);
        }
        json(200, { entries: visible.map((q) => ({ ...q.entry, _wireq_receipt: q.receipt })) });
        return record({ method, path, status: 200, entries: visible.map((q) => q.urn) });
      }
      const del = /^\/entry\/([^/]+)$/.exec(path);
      if (method === 'DELETE' && del) {
        const receipt = decodeURIComponent(del[1]!);
        const at = queue.findIndex((q) => q.receipt === receipt);
        const status = at >= 0 ? 204 : expired.has(receipt) ? 410 : 404;
        if (at >= 0) queue.splice(at, 1);
        res.writeHead(status).end();
        return record({ method, path, status, receipt });
      }
      json(404, { error: 'no such endpoint' });
      return record({ method, path, status: 404 });
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  fake.base = `http://127.0.0.1:${port}${prefix}`;
  return fake;
}
