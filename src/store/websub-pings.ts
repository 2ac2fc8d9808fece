import type { Database, Queryable } from './types.js';

/**
 * WebSub pings: "this feed changed" owed to each configured hub. Queued by
 * the writer inside the transaction of the change (a rollback queues none, a
 * crash after the commit loses none) and sent by whichever node claims them.
 */

/** Makes the hub table what the configuration says (idempotent; every node and worker may run it at start). */
export async function syncWebsubHubs(db: Database, urls: readonly string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM websub_hubs WHERE NOT (url = ANY ($1::text[]))', [urls]);
    await tx.query('INSERT INTO websub_hubs (url) SELECT unnest($1::text[]) ON CONFLICT (url) DO NOTHING', [urls]);
  });
}

/**
 * Queues one ping per (hub, feed path). MUST be given the transaction of the
 * change. A feed already waiting is not queued twice; its generation grows,
 * so a ping in flight while this commits is sent once more afterwards.
 */
export async function enqueueFeedPings(tx: Queryable, paths: readonly string[]): Promise<void> {
  if (!paths.length) return;
  await tx.query(
    `INSERT INTO websub_pings (hub, topic)
     SELECT h.url, t.topic FROM websub_hubs h CROSS JOIN (SELECT DISTINCT unnest($1::text[]) AS topic) t
     ON CONFLICT (hub, topic) DO UPDATE
        SET generation = websub_pings.generation + 1,
            next_attempt_at = LEAST(websub_pings.next_attempt_at, now())`,
    [paths],
  );
}

export interface ClaimedPing {
  hub: string;
  topic: string;
  generation: number;
  attempts: number;
  createdAt: string;
}

/** Claims due pings (SKIP LOCKED, leased for `leaseMs`): each is sent by one node; another takes it only if that node dies. */
export async function claimDuePings(db: Database, limit: number, leaseMs: number): Promise<ClaimedPing[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<ClaimedPing>(
      `SELECT hub, topic, generation, attempts, created_at AS "createdAt" FROM websub_pings
        WHERE next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    if (rows.length) {
      await tx.query(
        `UPDATE websub_pings SET next_attempt_at = now() + make_interval(secs => $3::float8 / 1000)
          WHERE (hub, topic) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [rows.map((r) => r.hub), rows.map((r) => r.topic), leaseMs],
      );
    }
    return rows;
  });
}

/**
 * The hub took the ping: the row goes, unless the feed changed again since
 * the claim (generation grew), in which case it is due again at once.
 */
export async function pingSent(db: Queryable, ping: ClaimedPing): Promise<void> {
  await db.query(
    `WITH gone AS (DELETE FROM websub_pings WHERE hub = $1 AND topic = $2 AND generation = $3 RETURNING 1)
     UPDATE websub_pings SET next_attempt_at = now(), attempts = 0, last_error = NULL
      WHERE hub = $1 AND topic = $2 AND NOT EXISTS (SELECT 1 FROM gone)`,
    [ping.hub, ping.topic, ping.generation],
  );
}

/**
 * The ping failed: tried again after `retryDelayMs`, or dropped when it has
 * been owed longer than `retryForMs` (a hub down for a day has long since
 * fetched the feed on its own schedule). Returns whether it was dropped.
 */
export async function pingFailed(db: Queryable, ping: ClaimedPing, error: string, retryDelayMs: number, retryForMs: number): Promise<boolean> {
  const [row] = await db.query<{ dropped: boolean }>(
    `WITH dropped AS (
       DELETE FROM websub_pings WHERE hub = $1 AND topic = $2
          AND created_at + make_interval(secs => $5::float8 / 1000) < now() + make_interval(secs => $4::float8 / 1000)
       RETURNING 1
     ), kept AS (
       UPDATE websub_pings SET attempts = attempts + 1, last_error = $3,
              next_attempt_at = now() + make_interval(secs => $4::float8 / 1000)
        WHERE hub = $1 AND topic = $2 AND NOT EXISTS (SELECT 1 FROM dropped)
       RETURNING 1
     )
     SELECT EXISTS (SELECT 1 FROM dropped) AS dropped`,
    [ping.hub, ping.topic, error.slice(0, 1000), retryDelayMs, retryForMs],
  );
  return row?.dropped ?? false;
}

/** Pings owed, per hub (for tests and operators). */
export async function pendingPings(db: Queryable): Promise<{ hub: string; topic: string; attempts: number; lastError: string | null }[]> {
  return db.query('SELECT hub, topic, attempts, last_error AS "lastError" FROM websub_pings ORDER BY hub, topic');
}
