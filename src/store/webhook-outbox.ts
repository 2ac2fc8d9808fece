import type { Database, Queryable } from './types.js';

/**
 * The webhook outbox: rows written by the writer inside the transaction of
 * the change they announce, and claimed by the delivery worker of any node.
 */

/** One event to tell every active subscription that asked for its type. */
export interface OutboxEvent {
  type: string;
  /** Deliveries with the same key (per subscription) go out in the order they were enqueued: the story id, or "topic:<slug>". */
  orderKey: string;
  /** The stored body: `{ type, occurred_at, data }` with public fields only. */
  payload: Record<string, unknown>;
  /** Set when several nodes may notice the same thing: enqueued once per subscription. */
  dedupeKey?: string;
}

/**
 * Inserts one outbox row per (event, matching active subscription) in one
 * statement. MUST be called with the transaction of the change (never the
 * database handle), so a rollback leaves no row and a commit always does.
 */
export async function enqueueOutbox(tx: Queryable, events: readonly OutboxEvent[]): Promise<number> {
  if (!events.length) return 0;
  const rows = await tx.query<{ n: number }>(
    `WITH e AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[]) WITH ORDINALITY AS e(type, order_key, payload, dedupe_key, ord)
     ), ins AS (
       INSERT INTO webhook_outbox (subscription_id, event_type, payload, order_key, dedupe_key)
       SELECT s.id, e.type, e.payload, e.order_key, e.dedupe_key
         FROM e JOIN webhook_subscriptions s ON s.active AND e.type = ANY (s.events)
        ORDER BY e.ord, s.id
       ON CONFLICT (subscription_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM ins`,
    [events.map((e) => e.type), events.map((e) => e.orderKey), events.map((e) => JSON.stringify(e.payload)), events.map((e) => e.dedupeKey ?? null)],
  );
  return rows[0]?.n ?? 0;
}

/** A delivery the worker claimed: what to send and where. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  eventType: string;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: string;
  url: string;
  secret: string;
}

/**
 * Claims up to `limit` due deliveries for this node: locked with SKIP LOCKED
 * (another node's claim in progress is passed over, never waited for) and
 * leased by moving next_attempt_at `leaseMs` ahead, so no other node takes
 * them while this one sends; should this node die, the lease runs out and
 * another node sends them (at least once, same id). A delivery waits while an
 * earlier one of its subscription and order key is still pending: per story,
 * events arrive in order.
 */
export async function claimDue(db: Database, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<ClaimedDelivery>(
      `SELECT o.id, o.subscription_id AS "subscriptionId", o.event_type AS "eventType", o.payload, o.attempts,
              o.created_at AS "createdAt", s.url, s.secret
         FROM webhook_outbox o JOIN webhook_subscriptions s ON s.id = o.subscription_id
        WHERE o.state = 'pending' AND o.next_attempt_at <= now() AND s.active
          AND NOT EXISTS (
            SELECT 1 FROM webhook_outbox p
             WHERE p.subscription_id = o.subscription_id AND p.order_key = o.order_key
               AND p.state = 'pending' AND p.seq < o.seq)
        ORDER BY o.seq
        LIMIT $1
        FOR UPDATE OF o SKIP LOCKED`,
      [limit],
    );
    if (rows.length) {
      await tx.query(`UPDATE webhook_outbox SET next_attempt_at = now() + make_interval(secs => $2::float8 / 1000) WHERE id = ANY ($1::uuid[])`, [rows.map((r) => r.id), leaseMs]);
    }
    return rows;
  });
}

/** What one attempt came to. */
export interface AttemptOutcome {
  ok: boolean;
  durationMs: number;
  statusCode?: number | undefined;
  error?: string | undefined;
  node: string;
}

export interface FailurePolicy {
  /** Wait before the next attempt (ms), given the attempts made so far (≥ 1). */
  retryDelayMs: number;
  /** How long a delivery is retried (ms from its creation); after that it is failed. */
  retryForMs: number;
  /** A subscription whose deliveries failed this many times in a row is turned off. */
  maxConsecutiveFailures: number;
  /** …or whose deliveries all failed for this long (ms). */
  disableAfterMs: number;
}

/**
 * Records an attempt and moves the delivery on (delivered, retry later or
 * failed), and keeps the subscription's failure run; turns the subscription
 * off after repeated failure, with the reason the newsroom shows. One
 * transaction: the log and the state never disagree.
 */
export async function recordAttempt(db: Database, delivery: ClaimedDelivery, outcome: AttemptOutcome, policy: FailurePolicy): Promise<'delivered' | 'pending' | 'failed'> {
  return db.transaction(async (tx) => {
    // The subscription (and with it the delivery) may have been deleted while this node was sending: nothing to record then.
    const [exists] = await tx.query('SELECT 1 FROM webhook_outbox WHERE id = $1 FOR UPDATE', [delivery.id]);
    if (!exists) return 'failed';
    await tx.query(
      'INSERT INTO webhook_attempts (outbox_id, duration_ms, status_code, error, node) VALUES ($1, $2, $3, $4, $5)',
      [delivery.id, Math.max(0, Math.round(outcome.durationMs)), outcome.statusCode ?? null, outcome.error?.slice(0, 1000) ?? null, outcome.node.slice(0, 200)],
    );
    if (outcome.ok) {
      await tx.query(`UPDATE webhook_outbox SET state = 'delivered', delivered_at = now(), attempts = attempts + 1 WHERE id = $1`, [delivery.id]);
      await tx.query('UPDATE webhook_subscriptions SET consecutive_failures = 0, failing_since = NULL WHERE id = $1', [delivery.subscriptionId]);
      return 'delivered';
    }
    const [row] = await tx.query<{ state: 'pending' | 'failed' }>(
      `UPDATE webhook_outbox
          SET attempts = attempts + 1,
              state = CASE WHEN now() + make_interval(secs => $2::float8 / 1000) > created_at + make_interval(secs => $3::float8 / 1000) THEN 'failed' ELSE 'pending' END,
              next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
        WHERE id = $1 RETURNING state`,
      [delivery.id, policy.retryDelayMs, policy.retryForMs],
    );
    await tx.query(
      `UPDATE webhook_subscriptions
          SET consecutive_failures = consecutive_failures + 1,
              failing_since = coalesce(failing_since, now()),
              active = CASE WHEN consecutive_failures + 1 >= $2 OR coalesce(failing_since, now()) <= now() - make_interval(secs => $3::float8 / 1000) THEN false ELSE active END,
              disabled_at = CASE WHEN active AND (consecutive_failures + 1 >= $2 OR coalesce(failing_since, now()) <= now() - make_interval(secs => $3::float8 / 1000)) THEN now() ELSE disabled_at END,
              disabled_reason = CASE WHEN active AND (consecutive_failures + 1 >= $2 OR coalesce(failing_since, now()) <= now() - make_interval(secs => $3::float8 / 1000))
                THEN 'turned off after ' || (consecutive_failures + 1) || ' failed deliveries in a row since ' || to_char(coalesce(failing_since, now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC; last: ' || $4
                ELSE disabled_reason END
        WHERE id = $1`,
      [delivery.subscriptionId, policy.maxConsecutiveFailures, policy.disableAfterMs, (outcome.error ?? `HTTP ${outcome.statusCode}`).slice(0, 300)],
    );
    return row?.state ?? 'pending';
  });
}

/** Deletes delivered and failed deliveries (and their log) older than `keepMs`: the outbox keeps what the log page shows, not forever. */
export async function pruneOutbox(db: Queryable, keepMs: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM webhook_outbox WHERE state <> 'pending' AND created_at < now() - make_interval(secs => $1::float8 / 1000) RETURNING 1`,
    [keepMs],
  );
  return rows.length;
}

/** A media asset's rights end (undefined when there is no such asset): what the rights-lapse event is keyed on. */
export async function assetValidUntil(db: Queryable, assetId: string): Promise<{ validUntil: string | null } | undefined> {
  const [a] = await db.query<{ validUntil: string | null }>('SELECT valid_until AS "validUntil" FROM media_assets WHERE id = $1', [assetId]);
  return a;
}
