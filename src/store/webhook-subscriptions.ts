import type { Queryable } from './types.js';

/** A subscription as the newsroom lists it (the secret never leaves except once, at creation). */
export interface WebhookSubscription {
  id: string;
  url: string;
  events: string[];
  description: string;
  active: boolean;
  /** Why the worker turned it off (repeated failure); absent while fine or switched off by hand. */
  disabledReason?: string;
  disabledAt?: string;
  consecutiveFailures: number;
  createdAt: string;
  updatedAt: string;
}

/** One attempt of one delivery, for the delivery log. */
export interface WebhookAttempt {
  outboxId: string;
  eventType: string;
  state: 'pending' | 'delivered' | 'failed';
  at: string;
  durationMs: number;
  statusCode?: number;
  error?: string;
  node: string;
}

const COLUMNS = `id, url, events, description, active, disabled_reason AS "disabledReason", disabled_at AS "disabledAt",
  consecutive_failures AS "consecutiveFailures", created_at AS "createdAt", updated_at AS "updatedAt"`;

function row(r: WebhookSubscription & { disabledReason?: string | null; disabledAt?: string | null }): WebhookSubscription {
  const { disabledReason, disabledAt, ...rest } = r;
  return { ...rest, ...(disabledReason && { disabledReason }), ...(disabledAt && { disabledAt }) };
}

export class WebhookSubscriptionRepository {
  constructor(private readonly db: Queryable) {}

  async insert(s: { id: string; url: string; events: string[]; secret: string; description: string; active: boolean }): Promise<WebhookSubscription> {
    const [r] = await this.db.query<WebhookSubscription>(
      `INSERT INTO webhook_subscriptions (id, url, events, secret, description, active) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [s.id, s.url, s.events, s.secret, s.description, s.active],
    );
    return row(r!);
  }

  async list(): Promise<WebhookSubscription[]> {
    return (await this.db.query<WebhookSubscription>(`SELECT ${COLUMNS} FROM webhook_subscriptions ORDER BY created_at, id`)).map(row);
  }

  async get(id: string): Promise<WebhookSubscription | undefined> {
    const [r] = await this.db.query<WebhookSubscription>(`SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1`, [id]);
    return r && row(r);
  }

  /** Changes what is given; switching on again clears the failure run and the notice. */
  async update(id: string, change: { url?: string; events?: string[]; description?: string; active?: boolean }): Promise<WebhookSubscription | undefined> {
    const [r] = await this.db.query<WebhookSubscription>(
      `UPDATE webhook_subscriptions SET
         url = coalesce($2, url), events = coalesce($3, events), description = coalesce($4, description),
         active = coalesce($5, active),
         disabled_reason = CASE WHEN $5 IS TRUE THEN NULL ELSE disabled_reason END,
         disabled_at = CASE WHEN $5 IS TRUE THEN NULL ELSE disabled_at END,
         consecutive_failures = CASE WHEN $5 IS TRUE THEN 0 ELSE consecutive_failures END,
         failing_since = CASE WHEN $5 IS TRUE THEN NULL ELSE failing_since END,
         updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, change.url ?? null, change.events ?? null, change.description ?? null, change.active ?? null],
    );
    return r && row(r);
  }

  async remove(id: string): Promise<boolean> {
    return (await this.db.query('DELETE FROM webhook_subscriptions WHERE id = $1 RETURNING id', [id])).length > 0;
  }

  /** The newest attempts of a subscription's deliveries, newest first. */
  async attempts(id: string, limit = 100): Promise<WebhookAttempt[]> {
    const rows = await this.db.query<WebhookAttempt & { statusCode: number | null; error: string | null }>(
      `SELECT a.outbox_id AS "outboxId", o.event_type AS "eventType", o.state, a.at, a.duration_ms AS "durationMs",
              a.status_code AS "statusCode", a.error, a.node
         FROM webhook_attempts a JOIN webhook_outbox o ON o.id = a.outbox_id
        WHERE o.subscription_id = $1 ORDER BY a.at DESC, a.id DESC LIMIT $2`,
      [id, limit],
    );
    return rows.map(({ statusCode, error, ...r }) => ({ ...r, ...(statusCode !== null && { statusCode }), ...(error !== null && { error }) }));
  }

  /** Deliveries still waiting (pending) for a subscription. */
  async pendingCount(id: string): Promise<number> {
    const [r] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_outbox WHERE subscription_id = $1 AND state = 'pending'`, [id]);
    return r?.n ?? 0;
  }

  /** A test delivery for one subscription only (whatever events it asked for). */
  async enqueueTest(id: string, payload: Record<string, unknown>): Promise<string> {
    const [r] = await this.db.query<{ id: string }>(
      `INSERT INTO webhook_outbox (subscription_id, event_type, payload, order_key) VALUES ($1, $2, $3, $4) RETURNING id`,
      [id, payload.type, JSON.stringify(payload), `test:${id}`],
    );
    return r!.id;
  }
}
