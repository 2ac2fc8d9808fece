import https from 'node:https';
import webPush from 'web-push';
import type { EventBus } from '../../events/event-bus.js';
import { claimPushes, pruneDeliveries, recordPushOutcomes, removeSubscriptions, type ClaimedPush, type PushOutcome } from '../../store/push-repository.js';
import type { Database } from '../../store/types.js';
import type { PushPayload } from './push-service.js';
import { PUSH_DEFAULTS } from './push-settings.js';
import { postPush, type TransportResult } from './push-transport.js';
import { VapidSigner, type VapidIdentity } from './vapid.js';
import { OutboxLoop } from '../outbox-loop.js';

export interface PushWorkerOptions {
  /** The key pair to sign with (loadVapidIdentity), or a signer already made from it. */
  vapid: VapidIdentity | VapidSigner;
  /** Connections to push services at once, and pushes in flight, per node (LEDE_PUSH_MAX_CONNECTIONS; default 50). */
  maxConnections?: number;
  /** Deliveries claimed per round (default 4 × maxConnections). */
  batch?: number;
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

/**
 * Sends the push outbox: claims due deliveries (SKIP LOCKED, leased: one node
 * per delivery), encrypts each for its subscription with web-push (RFC 8291
 * aes128gcm), signs with VAPID once per push-service origin, POSTs them over
 * at most `maxConnections` keep-alive connections, and records each round's
 * answers and the sends' counters in one statement. Runs on every node.
 */
export class PushWorker {
  readonly #signer: VapidSigner;
  readonly #agent: https.Agent;
  readonly #lanes: number;
  readonly #batch: number;
  readonly #timeoutMs: number;
  readonly #leaseMs: number;
  readonly #loop: OutboxLoop;
  readonly stats = { delivered: 0, failed: 0, removed: 0, retried: 0, rounds: 0, skipped: 0 };

  constructor(private readonly db: Database, private readonly opts: PushWorkerOptions) {
    this.#signer = opts.vapid instanceof VapidSigner ? opts.vapid : new VapidSigner(opts.vapid);
    this.#lanes = Math.max(1, Math.floor(opts.maxConnections ?? PUSH_DEFAULTS.maxConnections));
    this.#batch = Math.max(1, Math.floor(opts.batch ?? this.#lanes * 4));
    this.#timeoutMs = opts.timeoutMs ?? PUSH_DEFAULTS.timeoutMs;
    this.#leaseMs = Math.max(opts.leaseMs ?? 60_000, this.#timeoutMs * 3);
    // The bound: never more sockets than lanes, kept open between pushes (a fan-out goes to a few origins).
    this.#agent = new https.Agent({ keepAlive: true, maxSockets: this.#lanes, maxFreeSockets: this.#lanes, ...(opts.ca !== undefined && { ca: opts.ca }) });
    // A full round may have left more due: the loop looks again at once.
    this.#loop = new OutboxLoop({
      name: 'push', round: () => this.runOnce(), pollMs: opts.pollMs ?? PUSH_DEFAULTS.pollMs, events: opts.events,
      housekeeping: () => pruneDeliveries(this.db, this.opts.keepMs ?? 7 * DAY_MS),
      log: opts.log ?? ((line: string) => process.stderr.write(`${line}\n`)),
    });
  }

  /** The signer (its `signed` count shows JWTs are reused). */
  get signer(): VapidSigner {
    return this.#signer;
  }

  start(): void {
    this.#loop.start();
  }

  /** Looks at the outbox now instead of at the next poll (e.g. right after a send committed). */
  wake(): void {
    this.#loop.wake();
  }

  async stop(): Promise<void> {
    await this.#loop.stop();
    this.#agent.destroy();
  }

  /** One round: claims what is due, sends it, records it. Returns how many deliveries it claimed. */
  async runOnce(): Promise<number> {
    const claimed = await claimPushes(this.db, this.#batch, this.#leaseMs);
    if (!claimed.length) return 0;
    const claimedAt = Date.now();
    const outcomes: PushOutcome[] = [];
    const gone: string[] = [];
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < claimed.length; i = next++) {
        const d = claimed[i]!;
        // A delivery whose lease would run out before its answer could come is left for the next claim (by
        // any node), unsent: another node might take it then, and one push must not go out twice.
        if (Date.now() + this.#timeoutMs + 1_000 > claimedAt + this.#leaseMs) {
          this.stats.skipped++;
          continue;
        }
        await this.#deliver(d, claimedAt, outcomes, gone);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#lanes, claimed.length) }, lane));
    const retryFor = this.opts.retryForSeconds ?? 86_400;
    const recorded = await recordPushOutcomes(this.db, outcomes, retryFor);
    const removed = gone.length ? await this.db.transaction((tx) => removeSubscriptions(tx, gone)) : 0;
    this.stats.delivered += recorded.delivered;
    this.stats.failed += recorded.failed;
    this.stats.retried += recorded.retrying;
    this.stats.removed += removed;
    this.stats.rounds++;
    return claimed.length;
  }

  async #deliver(d: ClaimedPush, claimedAt: number, outcomes: PushOutcome[], gone: string[]): Promise<void> {
    const log = this.opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    const outcome = (result: PushOutcome['result'], status: number | null, error: string | null, delayMs = 0) =>
      outcomes.push({ sendId: d.sendId, subscriptionId: d.subscriptionId, result, status, error, delayMs });
    if (d.endpoint === null || d.p256dh === null || d.auth === null) {
      gone.push(d.subscriptionId); // unsubscribed while the send was being written
      return;
    }
    // The TTL left: a retry an hour later asks the service to keep the message only as long as it is news.
    const age = d.ageSeconds + (Date.now() - claimedAt) / 1000;
    const ttl = d.ttlSeconds === 0 ? 0 : Math.floor(d.ttlSeconds - age);
    if (ttl < 0 || (d.ttlSeconds > 0 && ttl === 0)) {
      outcome('failed', null, 'the message is older than its TTL');
      return;
    }
    const payload: PushPayload = { title: d.title, body: d.body, url: d.url, ...(d.icon !== null && { icon: d.icon }) };
    let request: { headers: Record<string, string>; body: Buffer | null };
    try {
      const details = webPush.generateRequestDetails({ endpoint: d.endpoint, keys: { p256dh: d.p256dh, auth: d.auth } }, JSON.stringify(payload), {
        TTL: ttl,
        urgency: 'high',
        ...(d.pushTopic !== null && { topic: d.pushTopic }),
        headers: { Authorization: this.#signer.authorization(d.endpoint) },
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(details.headers)) if (k.toLowerCase() !== 'content-length') headers[k] = String(v);
      request = { headers, body: details.body };
    } catch (err) {
      // Keys the service let through but web-push cannot use: sending again will not help.
      outcome('failed', null, `could not encrypt: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const answer = await postPush({ endpoint: d.endpoint, ...request }, {
      agent: this.#agent, timeoutMs: this.#timeoutMs, maxBytes: 16 * 1024, allowPrivate: this.opts.allowPrivate ?? false,
    });
    const judged = judgeAnswer(answer, d.attempts, this.opts.retryDelay ?? defaultPushRetryDelay, this.opts.maxRetryAfterMs ?? 3600_000);
    const status = answer.status ?? null;
    const error = answer.error ?? null;
    switch (judged.kind) {
      case 'delivered': outcome('delivered', status, null); break;
      case 'gone': gone.push(d.subscriptionId); break;
      case 'retry': outcome('retry', status, error, judged.delayMs); break;
      case 'failed':
        outcome('failed', status, error);
        log(`push: ${new URL(d.endpoint).origin} refused a push (${error ?? status}); not retried`);
        break;
    }
  }
}
