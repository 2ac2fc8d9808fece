import { createPublicKey, randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { LedeError, isBrokenText, isSafeLocalPath, isSlug, type ValidationIssue } from '../../content/index.js';
import { audit, type AuditActor } from '../../store/audit-repository.js';
import {
  approveSend, countAudience, countAudiences, getSend, insertSendRow, insertSendWithOutbox, lockSend, pendingSends, recentSends, rejectSend,
  removeSubscriptionByEndpoint, upsertSubscription, type PushSendRow, type PushSubscriptionRow,
} from '../../store/push-repository.js';
import { pushFourEyes } from '../newsroom-settings.js';
import type { Queryable } from '../../store/types.js';
import type { Transactional } from '../story-service.js';
import { isPrivateAddress } from '../wire-pictures.js';
import { fromBase64url, MAX_TTL_SECONDS, PUSH_DEFAULTS } from './push-settings.js';

/**
 * Web Push subscriptions and sends (issue 14). Readers subscribe and
 * unsubscribe (no account: the endpoint is the capability); editors see the
 * audience of a filter and send. A send writes the send row, one outbox row
 * per matching subscription (one INSERT … SELECT) and the audit entry in ONE
 * transaction; the PushWorker delivers.
 *
 * Choices: 'all' (every breaking push), 'section:<slug>', 'topic:<slug>'. A
 * section and a topic may share a slug ("sport"), so the kind is part of the key.
 *
 * Four eyes (the newsroom setting 'push.fourEyes', admins switch it): a send
 * is then only a request — a 'pending' row without deliveries, audited
 * 'push.requested'. Another editor approves it (the deliveries, 'push.approved'
 * and 'push.sent' in one transaction, to the subscriptions that match then)
 * or rejects it ('push.rejected'); the requester can do neither.
 */
export const MAX_ENDPOINT = 2000;
export const MAX_CHOICES = 50;
export const LIMITS = { title: 120, body: 400, url: 1000, icon: 1000 } as const;
/** The JSON payload's largest size: one aes128gcm record in the 4096 octets every push service takes is 3993; kept well under. */
export const MAX_PAYLOAD_BYTES = 3000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SubscribeInput {
  endpoint?: unknown;
  keys?: unknown;
  topics?: unknown;
  /** PushSubscription.toJSON() carries it; ignored. */
  expirationTime?: unknown;
}

export interface SendInput {
  title?: unknown;
  body?: unknown;
  /** A path on this site ("/politik/wahl-2025"): the service worker opens it on a click. */
  url?: unknown;
  /** A path on this site or an https URL. */
  icon?: unknown;
  /** Who gets it: 'all', 'section:<slug>' or 'topic:<slug>'. */
  filter?: unknown;
  /** RFC 8030 Topic (1–32 base64url characters): replaces an undelivered earlier push with the same topic. */
  topic?: unknown;
  /** How long push services keep it and we retry (default the service's, LEDE_PUSH_TTL_SECONDS). */
  ttlSeconds?: unknown;
}

/** The message as the service worker gets it (encrypted), JSON. */
export interface PushPayload {
  title: string;
  body: string;
  url: string;
  icon?: string;
}

/** Called inside the send's transaction: a throw rolls the send back. */
export type PushAuditHook = (tx: Queryable, actor: AuditActor, detail: Record<string, unknown>) => Promise<void>;

export interface PushServiceOptions {
  /** Endpoints on private, loopback and link-local addresses (LEDE_PUSH_ALLOW_PRIVATE; tests). */
  allowPrivate?: boolean;
  /** Default TTL of a send (LEDE_PUSH_TTL_SECONDS). */
  ttlSeconds?: number;
  /** Records the send in the audit log, inside its transaction (createServices: 'push.sent'). */
  audit?: PushAuditHook;
  /** Told after a send committed (e.g. the local worker's wake()). */
  afterSend?: (send: PushSendRow) => void;
}

function invalid(what: string, issues: ValidationIssue[]): LedeError {
  return new LedeError('VALIDATION', `${what} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { reason: 'input_invalid', issues });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A P-256 point the browser made: 65 octets, uncompressed (0x04), on the curve. */
function isP256Point(bytes: Buffer): boolean {
  if (bytes.length !== 65 || bytes[0] !== 0x04) return false;
  try {
    createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: bytes.subarray(1, 33).toString('base64url'), y: bytes.subarray(33).toString('base64url') }, format: 'jwk' });
    return true;
  } catch {
    return false;
  }
}

/** Why `choice` is not 'all', 'section:<slug>' or 'topic:<slug>', or undefined. */
function choiceProblem(choice: string): string | undefined {
  if (choice === 'all') return undefined;
  const m = /^(section|topic):(.*)$/.exec(choice);
  if (!m) return 'must be "all", "section:<slug>" or "topic:<slug>"';
  return isSlug(m[2]!) ? undefined : `"${m[2]!.slice(0, 60)}" is not a slug (lower-case letters, digits and single dashes)`;
}

/** Why an endpoint cannot be pushed to, or undefined: https only, no credentials, not a private address unless allowed. */
export function endpointProblem(endpoint: string, allowPrivate: boolean): string | undefined {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    return 'is not a URL';
  }
  if (u.protocol !== 'https:') return `must be an https URL (push services speak TLS), not ${u.protocol}`;
  if (u.username || u.password) return 'must not carry a user name or password';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || (isIP(host) && isPrivateAddress(host)))) {
    return `${host} is a private, loopback or link-local address; push services are public (LEDE_PUSH_ALLOW_PRIVATE allows it)`;
  }
  return undefined;
}

export class PushService {
  constructor(private readonly db: Transactional, private readonly opts: PushServiceOptions = {}) {}

  /** Checks a subscription as the browser's PushSubscription.toJSON() sends it, plus the reader's choices. */
  checkSubscription(input: SubscribeInput): { endpoint: string; p256dh: string; auth: string; topics: string[] } {
    if (!isObject(input)) throw invalid('the push subscription', [{ path: '(body)', message: 'must be an object with endpoint, keys and topics', code: 'not_an_object' }]);
    const issues: ValidationIssue[] = [];
    const text = (path: string, v: unknown, max: number): string | undefined => {
      if (v === undefined || v === null || v === '') return void issues.push({ path, message: 'is required', code: 'required' });
      if (typeof v !== 'string') return void issues.push({ path, message: 'must be a string', code: 'must_be_text' });
      if (isBrokenText(v)) return void issues.push({ path, message: 'contains a NUL character or a lone UTF-16 surrogate', code: 'broken_text' });
      if (v.length > max) return void issues.push({ path, message: `must be at most ${max} characters`, code: 'too_long', params: { max, got: v.length } });
      return v;
    };
    const endpoint = text('endpoint', input.endpoint, MAX_ENDPOINT);
    if (endpoint !== undefined) {
      const problem = endpointProblem(endpoint, this.opts.allowPrivate ?? false);
      if (problem) issues.push({ path: 'endpoint', message: problem, code: 'bad_url' });
    }
    let p256dh: string | undefined;
    let auth: string | undefined;
    if (!isObject(input.keys)) {
      issues.push({ path: 'keys', message: 'must be an object with p256dh and auth', code: 'not_an_object' });
    } else {
      const rawKey = text('keys.p256dh', input.keys.p256dh, 200);
      if (rawKey !== undefined) {
        const bytes = fromBase64url(rawKey);
        if (!bytes || !isP256Point(bytes)) issues.push({ path: 'keys.p256dh', message: 'must be base64url of an uncompressed P-256 public key (65 octets)', code: 'bad_shape' });
        else p256dh = bytes.toString('base64url');
      }
      const rawAuth = text('keys.auth', input.keys.auth, 100);
      if (rawAuth !== undefined) {
        const bytes = fromBase64url(rawAuth);
        if (!bytes || bytes.length !== 16) issues.push({ path: 'keys.auth', message: 'must be base64url of the 16-octet auth secret', code: 'bad_shape' });
        else auth = bytes.toString('base64url');
      }
    }
    const topics: string[] = [];
    if (!Array.isArray(input.topics) || !input.topics.length) {
      issues.push({ path: 'topics', message: 'must be a non-empty list of "all", "section:<slug>" or "topic:<slug>"', code: 'not_list' });
    } else if (input.topics.length > MAX_CHOICES) {
      issues.push({ path: 'topics', message: `must have at most ${MAX_CHOICES} entries`, code: 'too_many', params: { max: MAX_CHOICES } });
    } else {
      input.topics.forEach((t, i) => {
        const v = text(`topics[${i}]`, t, 200);
        if (v === undefined) return;
        const problem = choiceProblem(v);
        if (problem) issues.push({ path: `topics[${i}]`, message: problem, code: 'one_of' });
        else if (!topics.includes(v)) topics.push(v);
      });
    }
    if (issues.length) throw invalid('the push subscription', issues);
    return { endpoint: endpoint!, p256dh: p256dh!, auth: auth!, topics };
  }

  /** Adds a subscription, or (same endpoint) replaces its keys and choices: subscribing twice is harmless. */
  async subscribe(input: SubscribeInput): Promise<PushSubscriptionRow & { created: boolean }> {
    return upsertSubscription(this.db, this.checkSubscription(input));
  }

  /** Removes the subscription with this endpoint (and its pending pushes). False when there was none. */
  async unsubscribe(endpoint: unknown): Promise<boolean> {
    if (typeof endpoint !== 'string' || !endpoint || endpoint.length > MAX_ENDPOINT || isBrokenText(endpoint)) {
      throw invalid('the push subscription', [{ path: 'endpoint', message: `must be the subscription's endpoint URL (at most ${MAX_ENDPOINT} characters)`, code: 'bad_url' }]);
    }
    return this.db.transaction((tx) => removeSubscriptionByEndpoint(tx, endpoint));
  }

  /** How many subscriptions a send with this filter would reach now. */
  async audience(filter: unknown): Promise<number> {
    return countAudience(this.db, this.#filter(filter, []) ?? this.#throwFilter(filter));
  }

  /** The audience of every choice readers made (one query; a choice nobody made is absent: 0). */
  async audiences(): Promise<Map<string, number>> {
    return countAudiences(this.db);
  }

  #filter(filter: unknown, issues: ValidationIssue[]): string | undefined {
    const problem = typeof filter !== 'string' ? 'must be "all", "section:<slug>" or "topic:<slug>"' : isBrokenText(filter) ? 'contains a NUL character or a lone UTF-16 surrogate' : choiceProblem(filter);
    if (problem) return void issues.push({ path: 'filter', message: problem, code: 'one_of' });
    return filter as string;
  }

  #throwFilter(filter: unknown): never {
    const issues: ValidationIssue[] = [];
    this.#filter(filter, issues);
    throw invalid('the push filter', issues);
  }

  /** Checks a send and builds its payload. */
  checkSend(input: SendInput): { payload: PushPayload; filter: string; topic: string | null; ttlSeconds: number } {
    if (!isObject(input)) throw invalid('the push', [{ path: '(body)', message: 'must be an object with title, body, url and filter', code: 'not_an_object' }]);
    const issues: ValidationIssue[] = [];
    const text = (path: string, v: unknown, max: number, required: boolean): string | undefined => {
      if (v === undefined || v === null || (typeof v === 'string' && !v.trim())) {
        return required ? void issues.push({ path, message: 'is required', code: 'required' }) : undefined;
      }
      if (typeof v !== 'string') return void issues.push({ path, message: 'must be a string', code: 'must_be_text' });
      if (isBrokenText(v)) return void issues.push({ path, message: 'contains a NUL character or a lone UTF-16 surrogate', code: 'broken_text' });
      const t = v.trim();
      if (t.length > max) return void issues.push({ path, message: `must be at most ${max} characters`, code: 'too_long', params: { max, got: t.length } });
      return t;
    };
    const title = text('title', input.title, LIMITS.title, true);
    const body = text('body', input.body, LIMITS.body, false) ?? '';
    const url = text('url', input.url, LIMITS.url, true);
    if (url !== undefined && !isSafeLocalPath(url)) issues.push({ path: 'url', message: 'must be a path on this site, starting with a single "/"', code: 'bad_url' });
    const icon = text('icon', input.icon, LIMITS.icon, false);
    if (icon !== undefined && !isSafeLocalPath(icon) && !/^https:\/\/[^/\\\s]+\/\S*$/.test(icon)) {
      issues.push({ path: 'icon', message: 'must be a path on this site or an https URL', code: 'bad_url' });
    }
    const filter = this.#filter(input.filter, issues);
    let topic: string | null = null;
    if (input.topic !== undefined && input.topic !== null && input.topic !== '') {
      if (typeof input.topic !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(input.topic)) {
        issues.push({ path: 'topic', message: 'must be 1–32 letters, digits, "-" or "_" (RFC 8030 §5.4)', code: 'bad_shape' });
      } else topic = input.topic;
    }
    let ttlSeconds = this.opts.ttlSeconds ?? PUSH_DEFAULTS.ttlSeconds;
    if (input.ttlSeconds !== undefined) {
      if (typeof input.ttlSeconds !== 'number' || !Number.isInteger(input.ttlSeconds) || input.ttlSeconds < 0 || input.ttlSeconds > MAX_TTL_SECONDS) {
        issues.push({ path: 'ttlSeconds', message: `must be a whole number of seconds from 0 to ${MAX_TTL_SECONDS}`, code: 'number_range' });
      } else ttlSeconds = input.ttlSeconds;
    }
    if (issues.length) throw invalid('the push', issues);
    const payload: PushPayload = { title: title!, body, url: url!, ...(icon !== undefined && { icon }) };
    const bytes = Buffer.byteLength(JSON.stringify(payload));
    if (bytes > MAX_PAYLOAD_BYTES) {
      throw invalid('the push', [{ path: '(body)', message: `title, body, url and icon come to ${bytes} octets; at most ${MAX_PAYLOAD_BYTES} fit in a push`, code: 'too_long', params: { max: MAX_PAYLOAD_BYTES } }]);
    }
    return { payload, filter: filter!, topic, ttlSeconds };
  }

  /**
   * Sends a push: the send row, one pending delivery per matching
   * subscription and the audit entry, in one transaction (a failure anywhere
   * leaves none of them). The worker delivers; the counters on the send
   * row show how it goes.
   */
  async send(input: SendInput, actor: AuditActor): Promise<PushSendRow> {
    const { payload, filter, topic, ttlSeconds } = this.checkSend(input);
    const send = {
      id: randomUUID(), title: payload.title, body: payload.body, url: payload.url, icon: payload.icon ?? null,
      filter, pushTopic: topic, ttlSeconds, createdBy: actor.name.slice(0, 200), createdById: actor.id ?? null,
    };
    const sent = await this.db.transaction(async (tx) => {
      // Read in the send's transaction: a send confirmed as four eyes are switched on waits like any other.
      if (await pushFourEyes(tx)) {
        const row = await insertSendRow(tx, send, 'pending');
        await audit(tx, actor, 'push.requested', { detail: { send: row.id, title: row.title, url: row.url, filter, audience: await countAudience(tx, filter), ttlSeconds } });
        return row;
      }
      const row = await insertSendWithOutbox(tx, send);
      await this.opts.audit?.(tx, actor, { send: row.id, title: row.title, url: row.url, filter, audience: row.audience, ttlSeconds });
      return row;
    });
    if (sent.status === 'sent') this.opts.afterSend?.(sent);
    return sent;
  }

  /** Whether sends wait for a second editor now. */
  fourEyes(): Promise<boolean> {
    return pushFourEyes(this.db);
  }

  /**
   * Approves a pending send (four eyes): its deliveries, 'push.approved' and
   * 'push.sent' in one transaction. The requester may not approve their own;
   * a send decided meanwhile is a 409.
   */
  async approve(id: string, actor: AuditActor): Promise<PushSendRow> {
    const approved = await this.db.transaction(async (tx) => {
      const pending = await this.#pendingForDecision(tx, id, actor, 'approve');
      const row = (await approveSend(tx, pending.id, actor.name.slice(0, 200)))!;
      await audit(tx, actor, 'push.approved', { detail: { send: row.id, title: row.title, requestedBy: row.createdBy, audience: row.audience } });
      await this.opts.audit?.(tx, actor, { send: row.id, title: row.title, url: row.url, filter: row.filter, audience: row.audience, ttlSeconds: row.ttlSeconds, requestedBy: row.createdBy });
      return row;
    });
    this.opts.afterSend?.(approved);
    return approved;
  }

  /** Rejects a pending send (four eyes): it is closed without deliveries, audited 'push.rejected'. */
  async reject(id: string, actor: AuditActor): Promise<PushSendRow> {
    return this.db.transaction(async (tx) => {
      const pending = await this.#pendingForDecision(tx, id, actor, 'reject');
      const row = (await rejectSend(tx, pending.id, actor.name.slice(0, 200)))!;
      await audit(tx, actor, 'push.rejected', { detail: { send: row.id, title: row.title, requestedBy: row.createdBy } });
      return row;
    });
  }

  /** The send, locked, if it is pending and `actor` is not its requester; otherwise the refusal. */
  async #pendingForDecision(tx: Queryable, id: string, actor: AuditActor, what: 'approve' | 'reject'): Promise<PushSendRow> {
    const row = UUID.test(id) ? await lockSend(tx, id) : undefined;
    if (!row) throw new LedeError('NOT_FOUND', `no push ${id.slice(0, 40)}`, { reason: 'not_found' });
    if (row.status !== 'pending') {
      throw new LedeError('CONFLICT', `this push was already ${row.status === 'sent' ? 'approved and sent' : 'rejected'}${row.decidedBy ? ` by ${row.decidedBy}` : ''}; nothing to ${what}`, { reason: 'version_conflict' });
    }
    if (row.createdById !== null && row.createdById === actor.id) {
      // No reason of its own yet in error-reasons.ts; the English message says what to do.
      throw new LedeError('FORBIDDEN', `you asked for this push yourself; another editor with breaking.send must ${what} it (four eyes)`, { reason: 'unspecified' });
    }
    return row;
  }

  /** Sends waiting for a second editor, oldest first. */
  async pending(limit = 50): Promise<PushSendRow[]> {
    return pendingSends(this.db, Math.max(1, Math.min(200, Math.floor(limit))));
  }

  /** A send with its counters (audience, delivered, failed, removed). */
  async get(id: string): Promise<PushSendRow> {
    const row = UUID.test(id) ? await getSend(this.db, id) : undefined;
    if (!row) throw new LedeError('NOT_FOUND', `no push ${id.slice(0, 40)}`, { reason: 'not_found' });
    return row;
  }

  /** The latest sends, newest first. */
  async recent(limit = 50): Promise<PushSendRow[]> {
    return recentSends(this.db, Math.max(1, Math.min(200, Math.floor(limit))));
  }
}
