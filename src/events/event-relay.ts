import { randomUUID } from 'node:crypto';
import type { DomainEvent, EventBus } from './event-bus.js';
import type { Database } from '../store/index.js';
import { describeServerUrl } from '../store/open-server-database.js';
import { listenOn, notify, type ChannelListener } from '../store/notification-channel.js';

/**
 * Carries domain events between app nodes that share one PostgreSQL server,
 * so a story written through one node purges the page caches of all of them.
 *
 * Sending: every event this node's bus emits (after its commit) also goes out
 * as `pg_notify(channel, message)` through the ordinary pool. The message
 * names the node it came from.
 *
 * Receiving: one dedicated connection (not from the pool, which would hand it
 * back and drop the LISTEN) listens on the channel and emits other nodes'
 * events on the local bus; the node's own messages come back too and are
 * dropped. Listeners see relayed events like local ones; `isRelayed(event)`
 * tells them apart for any that must act once per cluster (webhooks).
 *
 * NOTIFY is best-effort: a message sent while the listening connection is
 * down is lost. So when the connection drops the relay reconnects with
 * back-off and, once listening again, purges the whole local page cache
 * (`purgeAll`); an event too large for one message (the server takes under
 * 8000 bytes) travels as a "purge all" marker instead. The page cache's short
 * TTL remains the last line of defence either way.
 *
 * On the embedded engine there is one process and nothing to relay: the relay
 * is inactive and costs nothing.
 */
export interface EventRelayOptions {
  /** The node's database: its engine decides whether to relay, its pool sends the NOTIFYs. */
  db: Pick<Database, 'engine' | 'query'>;
  /** The server URL (with credentials) for the listening connection; without it the relay is inactive. */
  databaseUrl?: string | undefined;
  bus: EventBus;
  /** Drops every cached page: called when events may have been missed or another node asks for it. */
  purgeAll: () => unknown;
  /** Lower-case SQL identifier; default `lede_events`. Nodes must agree on it. */
  channel?: string;
  /** Unique per process; default a random UUID. */
  nodeId?: string;
  /** One line per notable happening (connection lost, restored, send failed); default stderr. */
  log?: (line: string) => void;
  /** Reconnect delays: the first after a drop, doubling (with jitter) up to the maximum. Default 500 ms to 30 s. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** How often to check that the listening connection still answers (0 = never); default 30 s. */
  heartbeatMs?: number;
  /** Messages larger than this go out as "purge all"; default 7500 (the server's limit is 8000). */
  maxPayloadBytes?: number;
  /** False for processes that only write (CLI commands): send, never open a listening connection. Default true. */
  listen?: boolean;
}

export interface EventRelayStats {
  /** Messages this node sent (events and purge-all markers). */
  sent: number;
  /** Of those, purge-all markers sent because the event was too large. */
  sentPurgeAll: number;
  /** Other nodes' events emitted on the local bus. */
  delivered: number;
  /** This node's own messages that came back and were dropped. */
  ownIgnored: number;
  /** Whole-cache purges: after a reconnect, on another node's marker, or for an unreadable message. */
  purgedAll: number;
  /** Times the listening connection was re-established after a drop. */
  reconnects: number;
}

export interface EventRelay {
  readonly nodeId: string;
  /** False on the embedded engine (or without a server URL): nothing is sent or received. */
  readonly active: boolean;
  /** True while the dedicated connection is LISTENing. */
  readonly listening: boolean;
  /** Backend process id of the listening connection, while there is one (for diagnostics and tests). */
  readonly listenerPid: number | undefined;
  readonly stats: Readonly<EventRelayStats>;
  /** Stops sending and listening; closes the dedicated connection. */
  close(): Promise<void>;
}

export const DEFAULT_CHANNEL = 'lede_events';
const PROTOCOL_VERSION = 1;
const DEFAULT_MAX_PAYLOAD = 7500;

/** What travels on the channel. */
export type RelayMessage =
  | { v: typeof PROTOCOL_VERSION; origin: string; event: DomainEvent }
  | { v: typeof PROTOCOL_VERSION; origin: string; purgeAll: true };

/** The NOTIFY payload for `event`: the event itself, or a purge-all marker when it would not fit in `maxBytes`. */
export function encodeRelayMessage(origin: string, event: DomainEvent, maxBytes = DEFAULT_MAX_PAYLOAD): { payload: string; purgeAll: boolean } {
  const full = JSON.stringify({ v: PROTOCOL_VERSION, origin, event } satisfies RelayMessage);
  if (Buffer.byteLength(full, 'utf8') <= maxBytes) return { payload: full, purgeAll: false };
  return { payload: JSON.stringify({ v: PROTOCOL_VERSION, origin, purgeAll: true } satisfies RelayMessage), purgeAll: true };
}

const EVENT_TYPES = new Set<string>(['story.published', 'story.updated', 'story.depublished', 'topic.updated', 'asset.updated', 'wire.received', 'breaking.changed', 'push.queued']);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Reads a payload. Anything this version does not understand (garbage, or a
 * newer node's format) comes back as `unreadable`: the caller then purges
 * everything, the safe answer to a change it cannot interpret.
 */
export function decodeRelayMessage(payload: string): RelayMessage | { origin?: string; unreadable: true } {
  let m: unknown;
  try {
    m = JSON.parse(payload);
  } catch {
    return { unreadable: true };
  }
  if (typeof m !== 'object' || m === null) return { unreadable: true };
  const { v, origin, event, purgeAll } = m as Record<string, unknown>;
  const from = typeof origin === 'string' ? origin : undefined;
  if (v !== PROTOCOL_VERSION || !from) return from ? { origin: from, unreadable: true } : { unreadable: true };
  if (purgeAll === true) return { v, origin: from, purgeAll: true };
  const e = event as Record<string, unknown> | null | undefined;
  if (
    typeof e === 'object' && e !== null && typeof e.type === 'string' && EVENT_TYPES.has(e.type)
    && typeof e.storyId === 'string' && typeof e.slug === 'string' && typeof e.sectionSlug === 'string' && isStringArray(e.topics)
    && (e.authors === undefined || isStringArray(e.authors))
  ) {
    // Fields this version does not know (a newer node's) ride along untouched.
    return { v, origin: from, event: e as unknown as DomainEvent };
  }
  return { origin: from, unreadable: true };
}

// Events this process received from other nodes: the sending listener must not echo them back.
const relayed = new WeakSet<DomainEvent>();

/** True for an event that another app node emitted and the relay delivered here. */
export function isRelayed(event: DomainEvent): boolean {
  return relayed.has(event);
}

/** Starts relaying; resolves once the first LISTEN succeeded or failed (a failure is logged and retried, never thrown). */
export async function startEventRelay(opts: EventRelayOptions): Promise<EventRelay> {
  const relay = new PgEventRelay(opts);
  await relay.start();
  return relay;
}

const stderrLog = (line: string) => process.stderr.write(`lede: ${line}\n`);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

interface Listening {
  listener: ChannelListener;
  pid: number;
  /** Marks the connection lost (once); `reason` for the log line. */
  lose(reason: string): void;
}

class PgEventRelay implements EventRelay {
  readonly nodeId: string;
  readonly active: boolean;
  readonly stats: EventRelayStats = { sent: 0, sentPurgeAll: 0, delivered: 0, ownIgnored: 0, purgedAll: 0, reconnects: 0 };
  readonly #opts: EventRelayOptions;
  readonly #channel: string;
  readonly #log: (line: string) => void;
  readonly #initialDelay: number;
  readonly #maxDelay: number;
  readonly #address: string;
  #unsubscribe: (() => void) | undefined;
  #current: Listening | undefined;
  #attempt: Promise<void> | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #heartbeatTimer: NodeJS.Timeout | undefined;
  #delay: number;
  #lostAt: number | undefined;
  #closed = false;

  constructor(opts: EventRelayOptions) {
    this.#opts = opts;
    this.nodeId = opts.nodeId ?? randomUUID();
    this.#channel = opts.channel ?? DEFAULT_CHANNEL;
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.#channel)) throw new Error(`event relay channel must be a lower-case SQL identifier, got "${this.#channel}"`);
    this.#log = opts.log ?? stderrLog;
    this.#initialDelay = opts.backoff?.initialMs ?? 500;
    this.#maxDelay = Math.max(this.#initialDelay, opts.backoff?.maxMs ?? 30_000);
    this.#delay = this.#initialDelay;
    this.active = opts.db.engine === 'postgres' && !!opts.databaseUrl;
    this.#address = this.active ? describeServerUrl(opts.databaseUrl!).address : '';
  }

  get listening(): boolean {
    return this.#current !== undefined;
  }

  get listenerPid(): number | undefined {
    return this.#current?.pid;
  }

  async start(): Promise<void> {
    if (!this.active) return;
    this.#unsubscribe = this.#opts.bus.subscribe((event) => this.#send(event));
    if (this.#opts.listen === false) return;
    const heartbeat = this.#opts.heartbeatMs ?? 30_000;
    if (heartbeat > 0) {
      this.#heartbeatTimer = setInterval(() => this.#checkAlive(heartbeat), heartbeat);
      this.#heartbeatTimer.unref();
    }
    await this.#connect(true);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    clearTimeout(this.#retryTimer);
    clearInterval(this.#heartbeatTimer);
    await this.#attempt?.catch(() => undefined);
    const current = this.#current;
    this.#current = undefined;
    if (current) await current.listener.end();
  }

  /** Local event → NOTIFY. Never throws into the writer: a failure is one log line. */
  async #send(event: DomainEvent): Promise<void> {
    if (this.#closed || relayed.has(event)) return;
    const { payload, purgeAll } = encodeRelayMessage(this.nodeId, event, this.#opts.maxPayloadBytes);
    try {
      await notify(this.#opts.db, this.#channel, payload);
      this.stats.sent++;
      if (purgeAll) this.stats.sentPurgeAll++;
    } catch (err) {
      this.#log(`could not tell the other app nodes about ${event.type} ${event.slug} (${message(err)}); their cached pages refresh within their TTL`);
    }
  }

  #receive(payload: string): void {
    if (this.#closed) return;
    const m = decodeRelayMessage(payload);
    if (m.origin === this.nodeId) {
      this.stats.ownIgnored++;
      return;
    }
    if ('unreadable' in m) {
      this.#log(`unreadable message on channel ${this.#channel}${m.origin ? ` from node ${m.origin}` : ''}; purged the whole page cache to be safe`);
      this.#purgeAll();
      return;
    }
    if ('purgeAll' in m) {
      this.#purgeAll();
      return;
    }
    relayed.add(m.event);
    this.stats.delivered++;
    // The bus reports failing listeners itself.
    void this.#opts.bus.emit(m.event);
  }

  #purgeAll(): void {
    this.stats.purgedAll++;
    try {
      this.#opts.purgeAll();
    } catch (err) {
      this.#log(`purging the page cache failed: ${message(err)}`);
    }
  }

  /** One connection attempt; on failure schedules the next. */
  #connect(first: boolean): Promise<void> {
    const attempt = this.#tryListen().then(
      (listening) => {
        if (this.#closed) {
          void listening.listener.end();
          return;
        }
        this.#current = listening;
        this.#delay = this.#initialDelay;
        if (first) return;
        // Whatever was sent while we were deaf is lost: forget every page (they re-render on demand).
        this.stats.reconnects++;
        this.#purgeAll();
        const away = this.#lostAt === undefined ? '' : ` after ${((Date.now() - this.#lostAt) / 1000).toFixed(1)} s`;
        this.#lostAt = undefined;
        this.#log(`event connection to PostgreSQL at ${this.#address} is back${away}; purged the whole page cache, since changes made meanwhile were not heard`);
      },
      (err: unknown) => {
        if (this.#closed) return;
        if (first) {
          this.#lostAt = Date.now();
          this.#log(`cannot listen for other app nodes' changes on PostgreSQL at ${this.#address} (${message(err)}); retrying, pages may stay cached up to their TTL meanwhile`);
        }
        this.#scheduleRetry();
      },
    ).finally(() => {
      if (this.#attempt === attempt) this.#attempt = undefined;
    });
    this.#attempt = attempt;
    return attempt;
  }

  async #tryListen(): Promise<Listening> {
    let lost = false;
    const listening: Listening = {
      listener: undefined as unknown as ChannelListener,
      pid: 0,
      lose: (reason) => {
        if (lost) return;
        lost = true;
        this.#onLost(listening, reason);
      },
    };
    // listenOn reports a loss only after it resolved, so `listener` is set by then.
    listening.listener = await listenOn({
      url: this.#opts.databaseUrl!,
      channel: this.#channel,
      onMessage: (payload) => this.#receive(payload),
      onLost: (reason) => listening.lose(reason),
    });
    listening.pid = listening.listener.pid;
    return listening;
  }

  #onLost(listening: Listening, reason: string): void {
    void listening.listener.end(); // usually gone already; make sure
    if (this.#current !== listening) return;
    this.#current = undefined;
    if (this.#closed) return;
    this.#lostAt = Date.now();
    this.#log(`lost the event connection to PostgreSQL at ${this.#address} (${reason}); reconnecting, changes made on other app nodes are not heard meanwhile`);
    this.#delay = this.#initialDelay;
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#closed || this.#retryTimer) return;
    // Jitter keeps a fleet of nodes from reconnecting in lock-step after a server restart.
    const wait = Math.round(this.#delay * (0.75 + Math.random() * 0.5));
    this.#delay = Math.min(this.#delay * 2, this.#maxDelay);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (!this.#closed) void this.#connect(false);
    }, wait);
    this.#retryTimer.unref();
  }

  /**
   * A connection can die without a word (a firewall forgets it, a host
   * vanishes); a LISTENing client would wait forever. A periodic round trip
   * notices; one that fails or hangs counts as a drop.
   */
  #checkAlive(timeoutMs: number): void {
    const current = this.#current;
    if (!current || this.#closed) return;
    current.listener.ping(timeoutMs).catch((err: unknown) => current.lose(message(err)));
  }
}
