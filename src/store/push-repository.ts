import type { Database, Queryable } from './types.js';

/**
 * Web Push storage (issue 14): reader subscriptions, the VAPID key pair,
 * sends and their delivery outbox. Every statement of push lives here.
 */

export interface PushSubscriptionRow {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  topics: string[];
  createdAt: string;
}

export interface VapidKeyRow {
  publicKey: string;
  privateKey: string;
  subject: string;
  createdAt: string;
}

/** A send as stored: what was asked for (NewSend, below) and how it went. */
export interface PushSendRow extends NewSend {
  createdAt: string;
  /** 'sent' (deliveries written), 'pending' (four eyes: waits for a second editor, no deliveries yet) or 'rejected'. */
  status: PushSendStatus;
  /** Who decided a pending send (approved or rejected), and when. */
  decidedBy: string | null;
  decidedAt: string | null;
  audience: number;
  delivered: number;
  failed: number;
  removed: number;
}

const SUBSCRIPTION_COLUMNS = 'id, endpoint, p256dh, auth, topics, created_at AS "createdAt"';
export type PushSendStatus = 'pending' | 'sent' | 'rejected';

const SEND_COLUMNS = `id, title, body, url, icon, filter, push_topic AS "pushTopic", ttl_seconds AS "ttlSeconds",
  created_by AS "createdBy", created_by_id AS "createdById", created_at AS "createdAt", status, decided_by AS "decidedBy",
  decided_at AS "decidedAt", audience, delivered, failed, removed`;

/** Adds or updates (by endpoint) a subscription; `created` tells which. */
export async function upsertSubscription(db: Queryable, s: { endpoint: string; p256dh: string; auth: string; topics: string[] }): Promise<PushSubscriptionRow & { created: boolean }> {
  const [row] = await db.query<PushSubscriptionRow & { created: boolean }>(
    `INSERT INTO push_subscriptions (endpoint, p256dh, auth, topics) VALUES ($1, $2, $3, $4::text[])
     ON CONFLICT (endpoint) DO UPDATE SET p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, topics = EXCLUDED.topics
     RETURNING ${SUBSCRIPTION_COLUMNS}, (xmax = 0) AS created`,
    [s.endpoint, s.p256dh, s.auth, s.topics],
  );
  return row!;
}

export async function subscriptionByEndpoint(db: Queryable, endpoint: string): Promise<PushSubscriptionRow | undefined> {
  const [row] = await db.query<PushSubscriptionRow>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM push_subscriptions WHERE endpoint = $1`, [endpoint]);
  return row;
}

/**
 * Deletes subscriptions (by id) and drops their pending deliveries, counting
 * each dropped one as `removed` on its send, in one statement. Also drops the
 * pending deliveries of ids that no longer exist (a subscription deleted
 * while a send was being written). Returns how many subscriptions it deleted.
 */
export async function removeSubscriptions(db: Queryable, ids: readonly string[]): Promise<number> {
  if (!ids.length) return 0;
  const [row] = await db.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM push_subscriptions WHERE id = ANY ($1::uuid[]) RETURNING id
     ), dropped AS (
       DELETE FROM push_deliveries WHERE subscription_id = ANY ($1::uuid[]) AND state = 'pending' RETURNING send_id
     ), per_send AS (
       SELECT send_id, count(*)::int AS n FROM dropped GROUP BY send_id
     ), counted AS (
       UPDATE push_sends s SET removed = s.removed + p.n FROM per_send p WHERE s.id = p.send_id
     )
     -- (a data-modifying WITH runs to completion whether or not the main query reads it)
     SELECT count(*)::int AS n FROM gone`,
    [ids],
  );
  return row?.n ?? 0;
}

export async function removeSubscriptionByEndpoint(db: Queryable, endpoint: string): Promise<boolean> {
  const found = await subscriptionByEndpoint(db, endpoint);
  if (!found) return false;
  return (await removeSubscriptions(db, [found.id])) > 0;
}

/** How many subscriptions a send with this filter ('all', 'section:x', 'topic:x') reaches now. */
export async function countAudience(db: Queryable, filter: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM push_subscriptions WHERE topics @> ARRAY[$1]::text[]', [filter]);
  return row?.n ?? 0;
}

/** The audience of every choice readers made, in one pass over the subscriptions ('all' → 1200, 'section:sport' → 80, …). */
export async function countAudiences(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.query<{ choice: string; n: number }>(
    'SELECT choice, count(*)::int AS n FROM push_subscriptions, unnest(topics) AS choice GROUP BY choice',
  );
  return new Map(rows.map((r) => [r.choice, r.n]));
}

// ---------------------------------------------------------------------------
// VAPID

export async function readVapidKeys(db: Queryable): Promise<VapidKeyRow | undefined> {
  const [row] = await db.query<VapidKeyRow>(
    'SELECT public_key AS "publicKey", private_key AS "privateKey", subject, created_at AS "createdAt" FROM push_vapid_keys WHERE id = 1',
  );
  return row;
}

/** Stores `keys` unless a pair is stored already; returns the pair that is stored afterwards (one per database). */
export async function storeVapidKeysOnce(db: Queryable, keys: { publicKey: string; privateKey: string; subject: string }): Promise<VapidKeyRow> {
  await db.query(
    'INSERT INTO push_vapid_keys (id, public_key, private_key, subject) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING',
    [keys.publicKey, keys.privateKey, keys.subject],
  );
  const stored = await readVapidKeys(db);
  if (!stored) throw new Error('push_vapid_keys: the key pair was neither inserted nor found');
  return stored;
}

// ---------------------------------------------------------------------------
// Sends and the outbox

export interface NewSend {
  id: string;
  title: string;
  body: string;
  url: string;
  icon: string | null;
  filter: string;
  pushTopic: string | null;
  ttlSeconds: number;
  createdBy: string;
  /** The requesting user's id (four eyes: they may not approve their own send); null for the system. */
  createdById: string | null;
}

/**
 * Writes a send and one pending delivery per matching subscription (one
 * INSERT … SELECT, whatever the audience), then the audience size. MUST be
 * called with the transaction of the send (never the database handle), so a
 * rollback leaves neither the send nor any delivery.
 */
export async function insertSendWithOutbox(tx: Queryable, send: NewSend): Promise<PushSendRow> {
  await insertSendRow(tx, send, 'sent');
  return writeOutbox(tx, send.id, send.filter);
}

/** The send row alone; a 'pending' one (four eyes) gets its deliveries when approved (approveSend). */
export async function insertSendRow(tx: Queryable, send: NewSend, status: 'sent' | 'pending'): Promise<PushSendRow> {
  const [row] = await tx.query<PushSendRow>(
    `INSERT INTO push_sends (id, title, body, url, icon, filter, push_topic, ttl_seconds, created_by, created_by_id, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::uuid, $11) RETURNING ${SEND_COLUMNS}`,
    [send.id, send.title, send.body, send.url, send.icon, send.filter, send.pushTopic, send.ttlSeconds, send.createdBy, send.createdById, status],
  );
  return row!;
}

/** One pending delivery per subscription the filter matches now (one INSERT … SELECT), and the audience size on the send. */
async function writeOutbox(tx: Queryable, sendId: string, filter: string): Promise<PushSendRow> {
  const [count] = await tx.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO push_deliveries (send_id, subscription_id)
       SELECT $1::uuid, p.id FROM push_subscriptions p WHERE p.topics @> ARRAY[$2]::text[]
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM ins`,
    [sendId, filter],
  );
  const [row] = await tx.query<PushSendRow>(`UPDATE push_sends SET audience = $2 WHERE id = $1 RETURNING ${SEND_COLUMNS}`, [sendId, count?.n ?? 0]);
  return row!;
}

/**
 * A pending send, locked for the decision (FOR UPDATE: two editors deciding
 * at once are served one after the other, and the second finds it decided).
 * MUST be called inside the deciding transaction.
 */
export async function lockSend(tx: Queryable, id: string): Promise<PushSendRow | undefined> {
  const [row] = await tx.query<PushSendRow>(`SELECT ${SEND_COLUMNS} FROM push_sends WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

/**
 * Approves a pending send: status 'sent', who and when, then its deliveries
 * (to the subscriptions that match at approval time). Undefined when it was
 * not pending. MUST be called with the transaction that holds lockSend.
 */
export async function approveSend(tx: Queryable, id: string, by: string): Promise<PushSendRow | undefined> {
  // decided_at on the database clock: the message's TTL counts from it (sentAt below), as the worker reckons with now().
  const [row] = await tx.query<{ id: string; filter: string }>(
    `UPDATE push_sends SET status = 'sent', decided_by = $2, decided_at = now() WHERE id = $1 AND status = 'pending' RETURNING id, filter`,
    [id, by],
  );
  return row && writeOutbox(tx, row.id, row.filter);
}

/** Closes a pending send without deliveries; undefined when it was not pending. */
export async function rejectSend(tx: Queryable, id: string, by: string): Promise<PushSendRow | undefined> {
  const [row] = await tx.query<PushSendRow>(
    `UPDATE push_sends SET status = 'rejected', decided_by = $2, decided_at = now() WHERE id = $1 AND status = 'pending' RETURNING ${SEND_COLUMNS}`,
    [id, by],
  );
  return row;
}

/** Sends waiting for a second editor, oldest first. */
export async function pendingSends(db: Queryable, limit: number): Promise<PushSendRow[]> {
  return db.query<PushSendRow>(`SELECT ${SEND_COLUMNS} FROM push_sends WHERE status = 'pending' ORDER BY created_at, id LIMIT $1`, [limit]);
}

export async function getSend(db: Queryable, id: string): Promise<PushSendRow | undefined> {
  const [row] = await db.query<PushSendRow>(`SELECT ${SEND_COLUMNS} FROM push_sends WHERE id = $1`, [id]);
  return row;
}

export async function recentSends(db: Queryable, limit: number): Promise<PushSendRow[]> {
  return db.query<PushSendRow>(`SELECT ${SEND_COLUMNS} FROM push_sends ORDER BY created_at DESC, id LIMIT $1`, [limit]);
}

/** What became of one attempt. */
export interface PushOutcome {
  sendId: string;
  subscriptionId: string;
  /** delivered; failed (not retried); retry (after delayMs, unless the TTL has passed by then: failed). */
  result: 'delivered' | 'failed' | 'retry';
  status: number | null;
  error: string | null;
  delayMs: number;
}

/** Deletes finished deliveries of sends older than `keepMs` (the send row keeps the counts). */
export async function pruneDeliveries(db: Queryable, keepMs: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM push_deliveries d USING push_sends s
      WHERE d.send_id = s.id AND d.state <> 'pending' AND s.created_at < now() - make_interval(secs => $1::float8 / 1000)
     RETURNING 1`,
    [keepMs],
  );
  return rows.length;
}

/** Pending deliveries left (all sends, or one). */
export async function pendingDeliveries(db: Queryable, sendId?: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM push_deliveries WHERE state = 'pending' AND ($1::uuid IS NULL OR send_id = $1::uuid)`,
    [sendId ?? null],
  );
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------
// The sender's batch statements (PushWorker). Written so their plans do not
// hang on table statistics, which a 100,000-row outbox written a moment ago
// does not have yet (PGlite never gathers them by itself): the claimed rows
// are updated by their tuple ids (a TID scan, whatever the join estimates),
// and subscriptions and deliveries are looked up one key at a time through
// LATERAL … LIMIT 1 (always the primary key). A hash join over the whole
// outbox per batch made a fan-out quadratic.

/** One claimed delivery: who gets it; the message is its send's (ClaimedSend), the same for all of them. */
export interface ClaimedDelivery {
  sendId: string;
  subscriptionId: string;
  attempts: number;
  /** null when the subscription was deleted in a race with the send: the worker drops the row. */
  endpoint: string | null;
  p256dh: string | null;
  auth: string | null;
}

/** The message of a send, read once per batch instead of once per delivery. */
export interface ClaimedSend {
  id: string;
  title: string;
  body: string;
  url: string;
  icon: string | null;
  pushTopic: string | null;
  ttlSeconds: number;
  /** Seconds since the send went out (written, or approved under four eyes; database clock): the TTL left is ttlSeconds − age. */
  ageSeconds: number;
}

/**
 * Claims up to `limit` due deliveries, oldest due first: locked with SKIP
 * LOCKED (rows another node is claiming are passed over, never waited for)
 * and leased by moving next_attempt_at `leaseMs` ahead, so no other node
 * takes them while this one sends; should it die, the lease runs out and
 * another node sends them. Then the sends they belong to, in a second
 * statement (one row per send).
 */
export async function claimPushBatch(db: Queryable, limit: number, leaseMs: number): Promise<{ deliveries: ClaimedDelivery[]; sends: Map<string, ClaimedSend> }> {
  // The ctids are read under the row locks FOR UPDATE took, so they still name the rows the UPDATE changes.
  const deliveries = await db.query<ClaimedDelivery>(
    `WITH claimed AS (
       UPDATE push_deliveries d
          SET next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
        WHERE d.ctid = ANY (ARRAY(
                SELECT ctid FROM push_deliveries
                 WHERE state = 'pending' AND next_attempt_at <= now()
                 ORDER BY next_attempt_at
                 LIMIT $1
                 FOR UPDATE SKIP LOCKED))
       RETURNING d.send_id, d.subscription_id, d.attempts
     )
     SELECT c.send_id AS "sendId", c.subscription_id AS "subscriptionId", c.attempts, p.endpoint, p.p256dh, p.auth
       FROM claimed c
       LEFT JOIN LATERAL (SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE id = c.subscription_id LIMIT 1) p ON true`,
    [limit, leaseMs],
  );
  const sends = new Map<string, ClaimedSend>();
  if (!deliveries.length) return { deliveries, sends };
  const ids = [...new Set(deliveries.map((d) => d.sendId))];
  const rows = await db.query<ClaimedSend>(
    `SELECT id, title, body, url, icon, push_topic AS "pushTopic", ttl_seconds AS "ttlSeconds",
            extract(epoch FROM now() - coalesce(decided_at, created_at))::float8 AS "ageSeconds"
       FROM push_sends WHERE id = ANY ($1::uuid[])`,
    [ids],
  );
  for (const r of rows) sends.set(r.id, r);
  return { deliveries, sends };
}

/**
 * Records a batch of attempts and adds them to their sends' counters, in one
 * statement, with plans that stay on the primary key.
 * A retry that would come after the send's TTL or `retryForSeconds`
 * (whichever is first) fails the delivery instead. Rows no longer pending
 * (removed, or recorded by another node after a lease ran out) are left
 * alone and not counted again.
 */
export async function recordPushBatch(db: Queryable, outcomes: readonly PushOutcome[], retryForSeconds = 86_400): Promise<{ delivered: number; failed: number; retrying: number }> {
  if (!outcomes.length) return { delivered: 0, failed: 0, retrying: 0 };
  const [row] = await db.query<{ delivered: number; failed: number; retrying: number }>(
    `WITH r AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::float8[])
         AS r(send_id, subscription_id, result, status, error, delay_ms)
     ), target AS (
       SELECT t.tid, r.*,
              coalesce(s.decided_at, s.created_at) + make_interval(secs => least(s.ttl_seconds, $7::int)) AS stale_at
         FROM r
         JOIN push_sends s ON s.id = r.send_id
         CROSS JOIN LATERAL (
           SELECT ctid AS tid FROM push_deliveries d
            WHERE d.send_id = r.send_id AND d.subscription_id = r.subscription_id AND d.state = 'pending' LIMIT 1) t
     ), changed AS (
       UPDATE push_deliveries d
          SET attempts = d.attempts + 1,
              last_status = t.status,
              last_error = left(t.error, 500),
              state = CASE
                WHEN t.result = 'delivered' THEN 'delivered'
                WHEN t.result = 'failed' THEN 'failed'
                -- a retry after the message's TTL (or the retry bound) is pointless: the message is stale
                WHEN now() + make_interval(secs => t.delay_ms / 1000) > t.stale_at THEN 'failed'
                ELSE 'pending' END,
              next_attempt_at = now() + make_interval(secs => t.delay_ms / 1000)
         FROM target t
        -- by tuple id (a TID scan), and the key and state again: a row changed since it was read is passed over
        WHERE d.ctid = ANY (ARRAY(SELECT tid FROM target)) AND d.ctid = t.tid
          AND d.send_id = t.send_id AND d.subscription_id = t.subscription_id AND d.state = 'pending'
       RETURNING d.send_id, d.state
     ), per_send AS (
       SELECT send_id,
              count(*) FILTER (WHERE state = 'delivered')::int AS delivered,
              count(*) FILTER (WHERE state = 'failed')::int AS failed
         FROM changed GROUP BY send_id
     ), counted AS (
       UPDATE push_sends s SET delivered = s.delivered + p.delivered, failed = s.failed + p.failed
         FROM per_send p WHERE s.id = p.send_id AND (p.delivered > 0 OR p.failed > 0)
     )
     SELECT count(*) FILTER (WHERE state = 'delivered')::int AS delivered,
            count(*) FILTER (WHERE state = 'failed')::int AS failed,
            count(*) FILTER (WHERE state = 'pending')::int AS retrying
       FROM changed`,
    [
      outcomes.map((o) => o.sendId), outcomes.map((o) => o.subscriptionId), outcomes.map((o) => o.result),
      outcomes.map((o) => o.status), outcomes.map((o) => o.error), outcomes.map((o) => Math.max(0, o.delayMs)), retryForSeconds,
    ],
  );
  return row ?? { delivered: 0, failed: 0, retrying: 0 };
}

/**
 * Gathers the planner's statistics of the outbox. PostgreSQL's autovacuum
 * does it within about a minute of a big send; PGlite never does. The sender
 * calls it when a big backlog appears, so the claim's ORDER BY … LIMIT walks
 * the due index instead of sorting every pending row per batch.
 */
export async function analyzeOutbox(db: Queryable): Promise<void> {
  await db.query('ANALYZE push_deliveries');
}

/**
 * Stamps the sends that have no pending delivery left as finished and returns
 * them with their final counts (at most `limit`, oldest first). Rows another
 * transaction holds are skipped, so two nodes never finish one send twice.
 */
export async function finishDrainedSends(tx: Queryable, limit = 50): Promise<PushSendRow[]> {
  return tx.query<PushSendRow>(
    `UPDATE push_sends s SET finished_at = now()
      WHERE s.id IN (
        SELECT p.id FROM push_sends p
         WHERE p.finished_at IS NULL AND p.status = 'sent'
           AND NOT EXISTS (SELECT 1 FROM push_deliveries d WHERE d.send_id = p.id AND d.state = 'pending')
         ORDER BY p.created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING ${SEND_COLUMNS}`,
    [limit],
  );
}
