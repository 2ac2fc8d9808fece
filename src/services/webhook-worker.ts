import { hostname } from 'node:os';
import type { EventBus } from '../events/event-bus.js';
import { claimDue, pruneOutbox, recordAttempt, type ClaimedDelivery, type FailurePolicy } from '../store/webhook-outbox.js';
import type { Database } from '../store/types.js';
import { DEFAULT_SEND, postBody, type SendOptions } from './webhook-sender.js';
import { webhookHeaders } from './webhook-signature.js';
import { pingHubs } from './websub.js';
import { OutboxLoop } from './outbox-loop.js';

export interface WebhookWorkerOptions {
  /** The site's public URL: payload paths become absolute URLs with it. */
  siteUrl: string;
  /** Woken by every domain event (they come after commits; on PostgreSQL the relay brings other nodes' too). */
  events?: EventBus | undefined;
  /** Safety-net poll (default 3 s): rows whose retry time came, and commits whose event was lost. */
  pollMs?: number;
  /** Deliveries claimed per round and sent side by side (default 10). */
  batch?: number;
  /** How long a claimed delivery is left to this node (default 60 s; must exceed the send timeout). */
  leaseMs?: number;
  send?: Partial<SendOptions>;
  /** Wait before attempt n+1 after n failures (ms; default exponential from 10 s, capped at 1 h, with jitter). */
  retryDelay?: (attempts: number) => number;
  /** Retried for this long (default 24 h), then failed. */
  retryForMs?: number;
  /**
   * A subscription is turned off after this many failures in a row (default: no count, only the time below)…
   * A count alone would turn off a receiver that is down for ten minutes while a hundred stories change (each
   * queued delivery fails once), though it comes back and everything could still be delivered.
   */
  maxConsecutiveFailures?: number;
  /** …or when all its deliveries failed for this long (default 24 h). */
  disableAfterMs?: number;
  /** Delivered and failed deliveries are kept this long for the log (default 30 days), then deleted. */
  keepMs?: number;
  /**
   * Also send the WebSub pings queued for the hubs (LEDE_WEBSUB_HUB; default
   * off). Hub URLs are the operator's configuration, not typed by a user, so
   * they may be on private addresses; the other send rules hold.
   */
  websub?: boolean;
  /** This node's name in the delivery log (default the host name and pid). */
  node?: string;
  /** The clock for webhook-timestamp (tests). */
  clock?: () => Date;
  log?: (line: string) => void;
}

const DAY = 24 * 3600_000;
/** The largest count the column holds: in effect, no count. */
const NO_COUNT = 2_147_483_647;

/** 10 s, 20 s, 40 s … capped at 1 h, each ±20 %: receivers that come back are not hit by every node at once. */
export function defaultRetryDelay(attempts: number): number {
  const base = Math.min(3600_000, 10_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** The JSON body of a delivery: the stored payload, its paths made absolute URLs of the site. */
export function deliveryBody(payload: Record<string, unknown>, siteUrl: string): string {
  const base = siteUrl.replace(/\/+$/, '');
  const data = { ...(payload.data as Record<string, unknown> | undefined) };
  if (typeof data.path === 'string') data.url = base + data.path;
  if (typeof data.api_path === 'string') data.api_url = base + data.api_path;
  delete data.path;
  delete data.api_path;
  return JSON.stringify({ ...payload, data });
}

/**
 * Sends the outbox: claims due deliveries (SKIP LOCKED, leased: one node per
 * delivery), signs and POSTs each, records the attempt. Wakes on every
 * domain event (a commit just happened) and polls as a safety net. Runs on
 * every node; the claim decides who sends what.
 */
export class WebhookWorker {
  readonly stats = { delivered: 0, failed: 0, rounds: 0, pinged: 0 };
  readonly #loop: OutboxLoop;
  readonly #log: (line: string) => void;

  constructor(private readonly db: Database, private readonly opts: WebhookWorkerOptions) {
    this.#log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    // Something was sent: the next delivery of the same story may be due now, so the loop looks again at once.
    this.#loop = new OutboxLoop({
      name: 'webhooks', round: () => this.runOnce(), pollMs: opts.pollMs ?? 3_000, events: opts.events,
      // Old deliveries go once an hour; any node may do it, the DELETE is the same on each.
      housekeeping: () => pruneOutbox(this.db, this.opts.keepMs ?? 30 * DAY),
      log: this.#log,
    });
  }

  start(): void {
    this.#loop.start();
  }

  /** Looks at the outbox now instead of at the next poll. */
  wake(): void {
    this.#loop.wake();
  }

  async stop(): Promise<void> {
    await this.#loop.stop();
  }

  /** One round: claims and sends what is due (deliveries, and hub pings when on). Returns how many were attempted. */
  async runOnce(): Promise<number> {
    const send = { ...DEFAULT_SEND, ...this.opts.send };
    const leaseMs = Math.max(this.opts.leaseMs ?? 60_000, send.timeoutMs * 2);
    const claimed = await claimDue(this.db, this.opts.batch ?? 10, leaseMs);
    await Promise.all(claimed.map((d) => this.#deliver(d, send)));
    const pinged = this.opts.websub
      ? await pingHubs(this.db, {
        siteUrl: this.opts.siteUrl, send: { ...send, allowPrivate: true }, batch: this.opts.batch ?? 10, leaseMs,
        retryDelay: this.opts.retryDelay ?? defaultRetryDelay, retryForMs: this.opts.retryForMs ?? DAY,
        log: this.#log,
      })
      : 0;
    this.stats.rounds++;
    this.stats.pinged += pinged;
    return claimed.length + pinged;
  }

  async #deliver(d: ClaimedDelivery, send: SendOptions): Promise<void> {
    const body = deliveryBody(d.payload, this.opts.siteUrl);
    const ts = Math.floor((this.opts.clock?.() ?? new Date()).getTime() / 1000);
    const result = await postBody(d.url, webhookHeaders(d.secret, d.id, ts, body), body, send);
    const policy: FailurePolicy = {
      retryDelayMs: (this.opts.retryDelay ?? defaultRetryDelay)(d.attempts + 1),
      retryForMs: this.opts.retryForMs ?? DAY,
      maxConsecutiveFailures: this.opts.maxConsecutiveFailures ?? NO_COUNT,
      disableAfterMs: this.opts.disableAfterMs ?? DAY,
    };
    const state = await recordAttempt(this.db, d, {
      ok: result.ok, durationMs: result.durationMs, statusCode: result.statusCode, error: result.error,
      node: this.opts.node ?? `${hostname()}:${process.pid}`,
    }, policy);
    if (state === 'delivered') this.stats.delivered++;
    else if (state === 'failed') this.stats.failed++;
  }
}
