import https from 'node:https';
import webPush from 'web-push';
import type { EventBus } from '../../events/event-bus.js';
import { audit, SYSTEM_ACTOR } from '../../store/audit-repository.js';
import {
  analyzeOutbox, claimPushBatch, finishDrainedSends, pruneDeliveries, recordPushBatch, removeSubscriptions, type ClaimedDelivery, type ClaimedSend, type PushOutcome,
} from '../../store/push-repository.js';
import type { Database } from '../../store/types.js';
import type { PushPayload } from './push-service.js';
import { PUSH_DEFAULTS } from './push-settings.js';
import { postPush, type TransportResult } from './push-transport.js';
import { PushEncryptor } from './push-encryptor.js';
import { VapidSigner, type VapidIdentity } from './vapid.js';
import { OutboxLoop } from '../outbox-loop.js';

export interface PushWorkerOptions {
  /** The key pair to sign with (loadVapidIdentity), or a signer already made from it. */
  vapid: VapidIdentity | VapidSigner;
  /** Connections to push services at once, and pushes in flight, per node (LEDE_PUSH_MAX_CONNECTIONS; default 50). */
  maxConnections?: number;
  /** Deliveries claimed per statement (default 4 × maxConnections, at least 500); the next batch is claimed when one is left to send. */
  batch?: number;
  /** Threads that encrypt (default one per core but one, at most 4; 0 encrypts on the main thread). */
  encryptionThreads?: number;
  /** One push request, connect to answer, in ms (LEDE_PUSH_TIMEOUT_MS; default 10 s). */
  timeoutMs?: number;
  /** How long a claimed delivery is left to this node (default 60 s, at least 3 × timeoutMs). */
  leaseMs?: number;
  /** Endpoints on private addresses (LEDE_PUSH_ALLOW_PRIVATE; tests reach the fake on 127.0.0.1). */
  allowPrivate?: boolean;
  /** Certificates to trust instead of the system's (tests: the fake push service's `ca`). */
  ca?: string | Buffer;
  /** Wait before attempt n+1 after n failures, in ms, when the service gave no Retry-After (default 10 s doubling to 15 min, ±20 %). */
  retryDelay?: (attempts: number) => number;
  /** A Retry-After is honoured up to this (default 1 h). */
  maxRetryAfterMs?: number;
  /** Retries stop after this long, or at the send's TTL if sooner (default 24 h). */
  retryForSeconds?: number;
  /** Woken by domain events (and the relay's, from other nodes); the PushService's afterSend should call wake(). */
  events?: EventBus | undefined;
  /** Safety-net poll (LEDE_PUSH_POLL_MS; default 2 s): retries that came due, sends whose wake-up was lost. */
  pollMs?: number;
  /** Finished deliveries are kept this long (default 7 days; the send row keeps the counts). */
  keepMs?: number;
  log?: (line: string) => void;
}

const DAY_MS = 24 * 3600_000;

/** 10 s, 20 s, 40 s … capped at 15 min, each ±20 %, so nodes do not come back to a service all at once. */
export function defaultPushRetryDelay(attempts: number): number {
  const base = Math.min(15 * 60_000, 10_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

type Judged = { kind: 'delivered' | 'failed' | 'gone' } | { kind: 'retry'; delayMs: number };

/**
 * What an answer means (RFC 8030 §5–6 and the services' practice): 2xx
 * delivered; 404/410 the browser dropped the subscription (removed at once);
 * 429 and 5xx and network errors retried (Retry-After honoured); other
 * answers (400 bad request, 401/403 VAPID refused, 413 too large …) failed,
 * since sending the same again cannot help.
 */
export function judgeAnswer(r: TransportResult, attempts: number, retryDelay: (attempts: number) => number, maxRetryAfterMs: number): Judged {
  const backoff = () => retryDelay(attempts + 1);
  const later = () => ({ kind: 'retry' as const, delayMs: r.retryAfterMs !== undefined ? Math.min(r.retryAfterMs, maxRetryAfterMs) : backoff() });
  if (r.status === undefined) return r.error?.startsWith('endpoint ') ? { kind: 'failed' } : { kind: 'retry', delayMs: backoff() };
  if (r.status >= 200 && r.status < 300) return { kind: 'delivered' };
  if (r.status === 404 || r.status === 410) return { kind: 'gone' };
  if (r.status === 429 || r.status >= 500) return later();
  return { kind: 'failed' };
}

/** web-push signs anew per message when vapidDetails is set (globally by setVapidDetails too); null means "do not" (its types leave null out). */
const NO_SIGNING = { vapidDetails: null } as unknown as Pick<webPush.RequestOptions, 'vapidDetails'>;

/** Messages per hand-over to an encryption thread: big enough that the hand-over is cheap, small enough that the first connections start at once. */
const ENCRYPT_CHUNK = 64;

/** A claimed delivery whose body is ready to POST. */
interface Ready {
  d: ClaimedDelivery & { endpoint: string };
  send: ClaimedSend;
  claimedAt: number;
  body: Buffer;
}

/**
 * Sends the push outbox: claims due deliveries (SKIP LOCKED, leased: one node
 * per delivery), encrypts each for its subscription with web-push (RFC 8291
 * aes128gcm) on worker threads, signs with VAPID once per push-service
 * origin, POSTs them over at most `maxConnections` keep-alive connections,
 * and records the answers and the sends' counters one statement per batch.
 * A round is a pipeline: the next batch is claimed and encrypted while the
 * connections still have the last one to send, and answers are
 * recorded while the next are sent, so neither the database nor the
 * encryption leaves the connections idle. Memory stays flat: at most about
 * two batches are held. Runs on every node.
 */
export class PushWorker {
  readonly #signer: VapidSigner;
  readonly #agent: https.Agent;
  readonly #encryptor: PushEncryptor;
  readonly #lanes: number;
  readonly #batch: number;
  readonly #timeoutMs: number;
  readonly #leaseMs: number;
  readonly #loop: OutboxLoop;
  readonly #log: (line: string) => void;
  /** Request headers of a send at a TTL (and JWT): the same for every subscription, so made once. */
  readonly #headers = new Map<string, Record<string, string>>();
  #stopping = false;
  #lastAnalyze = -Infinity;
  /** Counters; `starved`: how often a connection found nothing encrypted to send while the round went on (the encryption or the claims lag). */
  readonly stats = { delivered: 0, failed: 0, removed: 0, retried: 0, rounds: 0, skipped: 0, starved: 0 };

  constructor(private readonly db: Database, private readonly opts: PushWorkerOptions) {
    this.#signer = opts.vapid instanceof VapidSigner ? opts.vapid : new VapidSigner(opts.vapid);
    this.#lanes = Math.max(1, Math.floor(opts.maxConnections ?? PUSH_DEFAULTS.maxConnections));
    this.#batch = Math.max(1, Math.floor(opts.batch ?? Math.max(this.#lanes * 4, 500)));
    this.#timeoutMs = opts.timeoutMs ?? PUSH_DEFAULTS.timeoutMs;
    this.#leaseMs = Math.max(opts.leaseMs ?? 60_000, this.#timeoutMs * 3);
    this.#log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    this.#encryptor = new PushEncryptor(opts.encryptionThreads === undefined ? {} : { threads: opts.encryptionThreads });
    // The bound: never more sockets than lanes, kept open between pushes (a fan-out goes to a few origins).
    this.#agent = new https.Agent({ keepAlive: true, maxSockets: this.#lanes, maxFreeSockets: this.#lanes, ...(opts.ca !== undefined && { ca: opts.ca }) });
    // A round that found work may have left more due: the loop looks again at once.
    this.#loop = new OutboxLoop({
      name: 'push', round: () => this.runOnce(), pollMs: opts.pollMs ?? PUSH_DEFAULTS.pollMs, events: opts.events,
      // Sends that drained without a round of this node (no audience, the last readers unsubscribed) are finished here.
      housekeeping: async () => { await this.finishSends(); await pruneDeliveries(this.db, this.opts.keepMs ?? 7 * DAY_MS); },
      log: this.#log,
    });
  }

  /** Encryption threads running now (0 after stop(): none keeps the process alive). */
  get encryptionThreads(): number {
    return this.#encryptor.running;
  }

  /** The signer (its `signed` count shows JWTs are reused). */
  get signer(): VapidSigner {
    return this.#signer;
  }

  start(): void {
    this.#stopping = false;
    this.#loop.start();
  }

  /** Looks at the outbox now instead of at the next poll (e.g. right after a send committed). */
  wake(): void {
    this.#loop.wake();
  }

  /** Lets the round in progress finish what it claimed (no new batches), then ends the encryption threads and connections. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#loop.stop();
    await this.#encryptor.close();
    this.#agent.destroy();
  }

  /**
   * One round: claims batches while they come back full (and the worker is
   * not stopping), sends them, records every answer before it returns.
   * Returns how many deliveries it claimed.
   */
  async runOnce(): Promise<number> {
    const retryFor = this.opts.retryForSeconds ?? 86_400;
    const ready: (Ready | undefined)[] = [];
    let head = 0;
    /** Claimed and not yet taken by a connection (being encrypted, or waiting). */
    let unposted = 0;
    let encrypting = 0;
    let claiming = true;
    let claimed = 0;
    let failure: unknown;
    const outcomes: PushOutcome[] = [];
    const gone: string[] = [];
    const laneWaiters: (() => void)[] = [];
    const wakeLanes = () => { for (const w of laneWaiters.splice(0)) w(); };
    let feederWaiter: (() => void) | undefined;

    // Answers are recorded a batch at a time, one statement after the other, while the connections go on.
    let recording: Promise<void> = Promise.resolve();
    let flushesWaiting = 0;
    const flush = (): Promise<void> => {
      if (!outcomes.length && !gone.length) return recording;
      const o = outcomes.splice(0);
      const g = gone.splice(0);
      flushesWaiting++;
      recording = recording.then(async () => {
        const recorded = await recordPushBatch(this.db, o, retryFor);
        const removed = g.length ? await this.db.transaction((tx) => removeSubscriptions(tx, g)) : 0;
        this.stats.delivered += recorded.delivered;
        this.stats.failed += recorded.failed;
        this.stats.retried += recorded.retrying;
        this.stats.removed += removed;
      }).catch((err: unknown) => { failure ??= err; }).finally(() => { flushesWaiting--; });
      return recording;
    };
    const outcome = (d: ClaimedDelivery, result: PushOutcome['result'], status: number | null, error: string | null, delayMs = 0) => {
      outcomes.push({ sendId: d.sendId, subscriptionId: d.subscriptionId, result, status, error, delayMs });
      if (outcomes.length >= this.#batch) void flush();
    };
    const taken = (n: number) => {
      unposted -= n;
      if (unposted <= this.#batch && feederWaiter) {
        feederWaiter();
        feederWaiter = undefined;
      }
    };

    const feed = async () => {
      try {
        for (;;) {
          const batch = await claimPushBatch(this.db, this.#batch, this.#leaseMs);
          const claimedAt = Date.now();
          const full = batch.deliveries.length === this.#batch;
          claimed += batch.deliveries.length;
          unposted += batch.deliveries.length;
          for (const [sendId, group] of groupBySend(batch.deliveries)) {
            const send = batch.sends.get(sendId);
            const payload = send && JSON.stringify({ title: send.title, body: send.body, url: send.url, ...(send.icon !== null && { icon: send.icon }) });
            const live: Ready['d'][] = [];
            for (const d of group) {
              if (d.endpoint === null || d.p256dh === null || d.auth === null) {
                gone.push(d.subscriptionId); // unsubscribed while the send was being written
                taken(1);
              } else if (!send || ttlLeft(send, claimedAt) === undefined) {
                outcome(d, 'failed', null, send ? 'the message is older than its TTL' : 'the send is gone');
                taken(1);
              } else {
                live.push(d as Ready['d']);
              }
            }
            for (let i = 0; i < live.length; i += ENCRYPT_CHUNK) {
              const chunk = live.slice(i, i + ENCRYPT_CHUNK);
              encrypting++;
              void this.#encryptor.encrypt(payload!, chunk.map((d) => ({ p256dh: d.p256dh!, auth: d.auth! }))).then((bodies) => {
                chunk.forEach((d, k) => {
                  const body = bodies[k]!;
                  if (Buffer.isBuffer(body)) {
                    ready.push({ d, send: send!, claimedAt, body });
                  } else {
                    // Keys the service let through but web-push cannot use: sending again will not help.
                    outcome(d, 'failed', null, `could not encrypt: ${body.error}`);
                    taken(1);
                  }
                });
              }, (err: unknown) => {
                // The thread died: these were not sent, so they are tried again later.
                for (const d of chunk) outcome(d, 'retry', null, `could not encrypt: ${err instanceof Error ? err.message : String(err)}`, (this.opts.retryDelay ?? defaultPushRetryDelay)(d.attempts + 1));
                taken(chunk.length);
              }).finally(() => {
                encrypting--;
                wakeLanes();
              });
            }
          }
          wakeLanes();
          if (!full || this.#stopping) break;
          // A big backlog just appeared: statistics first, or every claim sorts the whole outbox (PGlite never gathers them itself).
          if (Date.now() - this.#lastAnalyze > 60_000) {
            this.#lastAnalyze = Date.now();
            // Only an optimisation: a role that may not ANALYZE (not the table's owner) sends on with older statistics.
            await analyzeOutbox(this.db).catch((err: unknown) => this.#log(`push: could not gather the outbox's statistics: ${err instanceof Error ? err.message : String(err)}`));
          }
          // The next batch once at most one is left to send: the connections never wait for a claim and its
          // encryption, claimed leases are not left waiting long, and memory stays at about two batches.
          if (unposted > this.#batch) await new Promise<void>((resolve) => (feederWaiter = resolve));
          if (this.#stopping) break;
        }
      } catch (err) {
        failure ??= err;
      } finally {
        claiming = false;
        wakeLanes();
      }
    };

    const lane = async () => {
      for (;;) {
        // A database slower than the connections holds them back, rather than answers piling up in memory.
        if (flushesWaiting > 2) await recording;
        if (head < ready.length) {
          const r = ready[head]!;
          ready[head++] = undefined;
          if (head > 4096) {
            ready.splice(0, head);
            head = 0;
          }
          taken(1);
          // A delivery whose lease would run out before its answer could come is left for the next claim (by
          // any node), unsent: another node might take it then, and one push must not go out twice.
          if (Date.now() + this.#timeoutMs + 1_000 > r.claimedAt + this.#leaseMs) {
            this.stats.skipped++;
            continue;
          }
          await this.#deliver(r, outcome, gone);
          continue;
        }
        if (!claiming && encrypting === 0) return;
        this.stats.starved++;
        await new Promise<void>((resolve) => laneWaiters.push(resolve));
      }
    };

    await Promise.all([feed(), ...Array.from({ length: this.#lanes }, lane)]);
    await flush();
    this.stats.rounds++;
    if (failure !== undefined) throw failure;
    if (claimed > 0) await this.finishSends();
    return claimed;
  }

  /**
   * Audits each send that has no pending delivery left, once, with its
   * audience and results (push.finished, by the system), in the transaction
   * that stamps it finished. Returns how many it finished.
   */
  async finishSends(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const done = await finishDrainedSends(tx);
      for (const s of done) {
        await audit(tx, SYSTEM_ACTOR, 'push.finished', {
          detail: { send: s.id, title: s.title, filter: s.filter, audience: s.audience, delivered: s.delivered, failed: s.failed, removed: s.removed },
        });
      }
      return done.length;
    });
  }

  async #deliver(r: Ready, outcome: (d: ClaimedDelivery, result: PushOutcome['result'], status: number | null, error: string | null, delayMs?: number) => void, gone: string[]): Promise<void> {
    const { d, send } = r;
    const ttl = ttlLeft(send, r.claimedAt);
    if (ttl === undefined) {
      outcome(d, 'failed', null, 'the message is older than its TTL');
      return;
    }
    let headers: Record<string, string>;
    try {
      headers = this.#requestHeaders(send, ttl, d.endpoint);
    } catch (err) {
      outcome(d, 'failed', null, `could not make the request: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const answer = await postPush({ endpoint: d.endpoint, headers, body: r.body }, {
      agent: this.#agent, timeoutMs: this.#timeoutMs, maxBytes: 16 * 1024, allowPrivate: this.opts.allowPrivate ?? false,
    });
    const judged = judgeAnswer(answer, d.attempts, this.opts.retryDelay ?? defaultPushRetryDelay, this.opts.maxRetryAfterMs ?? 3600_000);
    const status = answer.status ?? null;
    const error = answer.error ?? null;
    switch (judged.kind) {
      case 'delivered': outcome(d, 'delivered', status, null); break;
      case 'gone': gone.push(d.subscriptionId); break;
      case 'retry': outcome(d, 'retry', status, error, judged.delayMs); break;
      case 'failed':
        outcome(d, 'failed', status, error);
        this.#log(`push: ${new URL(d.endpoint).origin} refused a push (${error ?? status}); not retried`);
        break;
    }
  }

  /**
   * The headers of a push (RFC 8030 TTL, Urgency, Topic; VAPID; aes128gcm),
   * made by web-push's generateRequestDetails without a payload (the body is
   * encrypted apart, on a thread) and kept per send, TTL and JWT: a fan-out
   * needs a handful, not one per subscription. vapidDetails null: the JWT
   * is the signer's, never one signed anew per message.
   */
  #requestHeaders(send: ClaimedSend, ttl: number, endpoint: string): Record<string, string> {
    const authorization = this.#signer.authorization(endpoint);
    const key = `${send.id}\n${ttl}\n${authorization}`;
    const hit = this.#headers.get(key);
    if (hit) return hit;
    const details = webPush.generateRequestDetails({ endpoint, keys: { p256dh: '', auth: '' } }, null, {
      TTL: ttl,
      urgency: 'high',
      ...NO_SIGNING,
      ...(send.pushTopic !== null && { topic: send.pushTopic }),
      headers: { Authorization: authorization },
    });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(details.headers)) if (k.toLowerCase() !== 'content-length') headers[k] = String(v);
    headers['Content-Encoding'] = 'aes128gcm';
    headers['Content-Type'] = 'application/octet-stream';
    if (this.#headers.size >= 256) this.#headers.clear();
    this.#headers.set(key, headers);
    return headers;
  }
}

/**
 * The TTL left to a message claimed at `claimedAt`, in whole seconds, or
 * undefined when it has run out: a retry an hour later asks the service to
 * keep the message only as long as it is news. TTL 0 means now or never.
 */
function ttlLeft(send: ClaimedSend, claimedAt: number): number | undefined {
  if (send.ttlSeconds === 0) return 0;
  const ttl = Math.floor(send.ttlSeconds - send.ageSeconds - (Date.now() - claimedAt) / 1000);
  return ttl > 0 ? ttl : undefined;
}

function groupBySend(deliveries: readonly ClaimedDelivery[]): Map<string, ClaimedDelivery[]> {
  const groups = new Map<string, ClaimedDelivery[]>();
  for (const d of deliveries) {
    const g = groups.get(d.sendId);
    if (g) g.push(d);
    else groups.set(d.sendId, [d]);
  }
  return groups;
}
