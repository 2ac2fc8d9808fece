import type { Queryable } from './types.js';

/**
 * The S3 keys a wire source's poller has taken (migration 014). The poller
 * asks which of a listing's keys are new, hands each new object to the desk
 * and marks the key only after the desk committed: a crash in between leads
 * to one harmless repeat, never to a lost object.
 */

/** Of `keys`, those already taken for `source`. */
export async function takenKeys(db: Queryable, source: string, keys: readonly string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db.query<{ key: string }>('SELECT key FROM wire_transport_keys WHERE source = $1 AND key = ANY($2::text[])', [source, keys]);
  return new Set(rows.map((r) => r.key));
}

/** Remembers `key` as taken (again: no change). */
export async function markTaken(db: Queryable, source: string, key: string, etag?: string): Promise<void> {
  await db.query(
    'INSERT INTO wire_transport_keys (source, key, etag) VALUES ($1, $2, $3) ON CONFLICT (source, key) DO NOTHING',
    [source, key, etag?.slice(0, 200) ?? null],
  );
}
