import { randomUUID } from 'node:crypto';
import { LedeError, isBrokenText, type ValidationIssue } from '../content/index.js';
import { assetValidUntil, enqueueOutbox } from '../store/webhook-outbox.js';
import { WebhookSubscriptionRepository, type WebhookAttempt, type WebhookSubscription } from '../store/webhook-subscriptions.js';
import type { Queryable } from '../store/types.js';
import { audit, SYSTEM_ACTOR, type AuditActor } from '../store/audit-repository.js';
import type { Transactional } from './story-service.js';
import { rightsLapsed, TEST_EVENT, WEBHOOK_EVENTS } from './webhook-events.js';
import { urlProblem } from './webhook-sender.js';
import { generateSecret } from './webhook-signature.js';

export interface WebhookServiceOptions {
  /** Accept subscription URLs on private, loopback and link-local addresses (LEDE_WEBHOOKS_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
}

/** What an admin sends to create or change a subscription. */
export interface SubscriptionInput {
  url?: unknown;
  events?: unknown;
  description?: unknown;
  active?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(issues: ValidationIssue[]): LedeError {
  return new LedeError('VALIDATION', `the webhook subscription is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { reason: 'input_invalid', issues });
}

/**
 * Webhook subscriptions (admins only, by the newsroom and its API): create
 * (the secret is generated and returned this once), change, switch on and
 * off, delete, the delivery log, and "send a test event".
 */
/** What the audit log keeps of a subscription: never its secret. */
function subscriptionDetail(s: WebhookSubscription): Record<string, unknown> {
  return { subscription: s.id, url: s.url, events: s.events, active: s.active };
}

export class WebhookService {
  constructor(private readonly db: Transactional, private readonly opts: WebhookServiceOptions = {}) {}

  #check(input: SubscriptionInput, creating: boolean): { url?: string; events?: string[]; description?: string; active?: boolean } {
    if (!input || typeof input !== 'object') throw invalid([{ path: '(body)', message: 'must be an object with url and events', code: 'not_an_object' }]);
    const issues: ValidationIssue[] = [];
    const out: { url?: string; events?: string[]; description?: string; active?: boolean } = {};
    const text = (path: string, v: unknown, max: number): string | undefined => {
      if (typeof v !== 'string') return void issues.push({ path, message: 'must be a string', code: 'must_be_text' });
      if (isBrokenText(v)) return void issues.push({ path, message: 'contains a NUL character or a lone UTF-16 surrogate', code: 'broken_text' });
      if (v.length > max) return void issues.push({ path, message: `must be at most ${max} characters`, code: 'too_long' });
      return v.trim();
    };
    if (input.url !== undefined || creating) {
      const url = input.url === undefined ? void issues.push({ path: 'url', message: 'is required', code: 'required' }) : text('url', input.url, 2000);
      if (url !== undefined) {
        const problem = urlProblem(url, this.opts.allowPrivate ?? false);
        if (problem) issues.push({ path: 'url', message: problem, code: 'bad_url' });
        else out.url = url;
      }
    }
    if (input.events !== undefined || creating) {
      if (!Array.isArray(input.events) || !input.events.length) {
        issues.push({ path: 'events', message: `must be a non-empty list of: ${WEBHOOK_EVENTS.join(', ')}`, code: 'required' });
      } else {
        input.events.forEach((e, i) => {
          if (typeof e !== 'string' || isBrokenText(e) || !(WEBHOOK_EVENTS as readonly string[]).includes(e)) {
            issues.push({ path: `events[${i}]`, message: `is not an event; known: ${WEBHOOK_EVENTS.join(', ')}`, code: 'one_of' });
          }
        });
        out.events = [...new Set(input.events as string[])];
      }
    }
    if (input.description !== undefined) {
      const d = text('description', input.description, 500);
      if (d !== undefined) out.description = d;
    }
    if (input.active !== undefined) {
      if (typeof input.active !== 'boolean') issues.push({ path: 'active', message: 'must be true or false' });
      else out.active = input.active;
    }
    if (issues.length) throw invalid(issues);
    return out;
  }

  #notFound(id: string): LedeError {
    return new LedeError('NOT_FOUND', `there is no webhook subscription ${String(id).slice(0, 60)}`, { reason: 'not_found', params: { id: String(id).slice(0, 60) } });
  }

  /** Creates a subscription; the answer carries the secret, which is never shown again. */
  async create(input: SubscriptionInput, by: AuditActor = SYSTEM_ACTOR): Promise<WebhookSubscription & { secret: string }> {
    const c = this.#check(input, true);
    const secret = generateSecret();
    const saved = await this.db.transaction(async (tx: Queryable) => {
      const made = await new WebhookSubscriptionRepository(tx).insert({
        id: randomUUID(), url: c.url!, events: c.events!, secret, description: c.description ?? '', active: c.active ?? true,
      });
      await audit(tx, by, 'webhook.created', { detail: subscriptionDetail(made) });
      return made;
    });
    return { ...saved, secret };
  }

  list(): Promise<WebhookSubscription[]> {
    return new WebhookSubscriptionRepository(this.db).list();
  }

  async get(id: string): Promise<WebhookSubscription> {
    const found = UUID.test(id) ? await new WebhookSubscriptionRepository(this.db).get(id) : undefined;
    if (!found) throw this.#notFound(id);
    return found;
  }

  async update(id: string, input: SubscriptionInput, by: AuditActor = SYSTEM_ACTOR): Promise<WebhookSubscription> {
    const c = this.#check(input, false);
    const saved = !UUID.test(id) ? undefined : await this.db.transaction(async (tx: Queryable) => {
      const done = await new WebhookSubscriptionRepository(tx).update(id, c);
      if (done) await audit(tx, by, 'webhook.changed', { detail: { ...subscriptionDetail(done), changed: Object.keys(c).filter((k) => k !== 'secret') } });
      return done;
    });
    if (!saved) throw this.#notFound(id);
    return saved;
  }

  async remove(id: string, by: AuditActor = SYSTEM_ACTOR): Promise<void> {
    const removed = UUID.test(id) && await this.db.transaction(async (tx: Queryable) => {
      const repo = new WebhookSubscriptionRepository(tx);
      const current = await repo.get(id);
      if (!current || !await repo.remove(id)) return false;
      await audit(tx, by, 'webhook.removed', { detail: subscriptionDetail(current) });
      return true;
    });
    if (!removed) throw this.#notFound(id);
  }

  async attempts(id: string, limit = 100): Promise<WebhookAttempt[]> {
    await this.get(id);
    return new WebhookSubscriptionRepository(this.db).attempts(id, limit);
  }

  /** Queues a `webhook.test` delivery for this subscription; returns its webhook-id. */
  async sendTest(id: string, now = new Date()): Promise<string> {
    await this.get(id);
    return new WebhookSubscriptionRepository(this.db).enqueueTest(id, { type: TEST_EVENT, occurred_at: now.toISOString(), data: { subscription: id } });
  }

  /**
   * The rights sweep found that a picture's rights began or lapsed: a lapse
   * (valid_until passed) is queued as asset.rights_lapsed, once per lapse
   * however many nodes' sweeps report it.
   */
  async assetRightsChanged(assetId: string, now = new Date()): Promise<void> {
    await this.db.transaction(async (tx: Queryable) => {
      const a = await assetValidUntil(tx, assetId);
      if (a?.validUntil && Date.parse(a.validUntil) <= now.getTime()) await enqueueOutbox(tx, [rightsLapsed(assetId, a.validUntil, now)]);
    });
  }
}
