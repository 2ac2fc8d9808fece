import type { Queryable } from './types.js';
import { WIRE_STATUSES, type StoredPubStatus, type WireStatus } from './wire-queries.js';

export { WIRE_STATUSES, type WireStatus };
type WirePubStatus = StoredPubStatus;
/** A version as read (services/wire-desk.ts keeps WireItems here); the store needs only its status. */
export type WireDoc = { pubStatus: WirePubStatus };

/**
 * Wire items, their versions, the stories taken from them, fetched pictures
 * and dead letters. Only the wire desk (services/wire-desk.ts) writes here;
 * it decides what a delivery means, this class stores it.
 */

export interface WireItemMeta {
  id: string;
  source: string;
  guid: string;
  /** The current (highest) version. */
  version: number;
  /** Versions stored (late older ones included). */
  versions: number;
  pubStatus: WirePubStatus;
  urgency?: number;
  itemType: string;
  headline: string;
  language?: string;
  desks: string[];
  receivedAt: string;
  firstReceivedAt: string;
  status: WireStatus;
  taken: boolean;
  corrected: boolean;
  embargoUntil?: string;
}

/** The columns of wire_items a version sets (everything but identity and bookkeeping). */
export interface WireItemColumns {
  version: number;
  pubStatus: WirePubStatus;
  urgency: number | null;
  itemType: string;
  headline: string;
  language: string | null;
  desks: string[];
  categories: string[];
  embargoUntil: string | null;
  /** Search texts: weight A (kicker, headline), B (subhead, teaser), C (body and boxes). */
  searchA: string;
  searchB: string;
  searchC: string;
}

export interface ItemRow {
  id: string;
  source: string;
  guid: string;
  version: number;
  versions: number;
  pub_status: WirePubStatus;
  urgency: number | null;
  item_type: string;
  headline: string;
  language: string | null;
  desks: string[];
  received_at: string;
  first_received_at: string;
  status: WireStatus;
  taken: boolean;
  corrected: boolean;
  embargo_until: string | null;
}

export const ITEM_COLUMNS = `id, source, guid, version, versions, pub_status, urgency, item_type, headline, language, desks,
  received_at, first_received_at, status, taken, corrected, embargo_until`;

export function itemFromRow(r: ItemRow): WireItemMeta {
  return {
    id: r.id, source: r.source, guid: r.guid, version: r.version, versions: r.versions, pubStatus: r.pub_status,
    ...(r.urgency !== null && { urgency: r.urgency }), itemType: r.item_type, headline: r.headline,
    ...(r.language !== null && { language: r.language }), desks: r.desks, receivedAt: r.received_at, firstReceivedAt: r.first_received_at,
    status: r.status, taken: r.taken, corrected: r.corrected, ...(r.embargo_until !== null && { embargoUntil: r.embargo_until }),
  };
}

/** The desk status from what is known of an item: a withdrawal outranks a correction, which outranks a take. */
export function wireStatus(s: { pubStatus: WirePubStatus; corrected: boolean; taken: boolean }): WireStatus {
  if (s.pubStatus !== 'usable') return 'withdrawn';
  if (s.corrected) return 'corrected';
  return s.taken ? 'taken' : 'new';
}

const SEARCH = `setweight(to_tsvector('german', $10::text), 'A') || setweight(to_tsvector('german', $11::text), 'B')
  || setweight(to_tsvector('german', $12::text), 'C')`;

function columnParams(c: WireItemColumns): unknown[] {
  return [c.version, c.pubStatus, c.urgency, c.itemType, c.headline, c.language, c.desks, c.categories, c.embargoUntil, c.searchA, c.searchB, c.searchC];
}

export interface VersionEntry {
  version: number;
  receivedAt: string;
  correction: boolean;
  pubStatus: WirePubStatus;
  via?: string;
  /** Arrived after a newer version (kept for the record, never current). */
  late: boolean;
}

export interface WireTake {
  itemId: string;
  storyId: string;
  takenVersion: number;
  takenBy?: string;
  takenByName?: string;
  takenAt: string;
  alert?: 'withdrawn' | 'depublished';
  autoPublished: boolean;
}

interface TakeRow {
  item_id: string;
  story_id: string;
  taken_version: number;
  taken_by: string | null;
  taken_by_name: string | null;
  taken_at: string;
  alert: 'withdrawn' | 'depublished' | null;
  auto_published: boolean;
}

function takeFromRow(r: TakeRow): WireTake {
  return {
    itemId: r.item_id, storyId: r.story_id, takenVersion: r.taken_version, ...(r.taken_by !== null && { takenBy: r.taken_by }),
    ...(r.taken_by_name !== null && { takenByName: r.taken_by_name }), takenAt: r.taken_at, ...(r.alert !== null && { alert: r.alert }),
    autoPublished: r.auto_published,
  };
}

export interface DeadLetter {
  id: string;
  source: string;
  name?: string;
  via?: string;
  reason: string;
  size: number;
  truncated: boolean;
  receivedAt: string;
  retriedAt?: string;
  retries: number;
  resolved: boolean;
}

interface DeadLetterRow {
  id: string;
  source: string;
  name: string | null;
  via: string | null;
  reason: string;
  size: number;
  truncated: boolean;
  received_at: string;
  retried_at: string | null;
  retries: number;
  resolved: boolean;
}

function deadLetterFromRow(r: DeadLetterRow): DeadLetter {
  return {
    id: r.id, source: r.source, ...(r.name !== null && { name: r.name }), ...(r.via !== null && { via: r.via }), reason: r.reason,
    size: r.size, truncated: r.truncated, receivedAt: r.received_at, ...(r.retried_at !== null && { retriedAt: r.retried_at }),
    retries: r.retries, resolved: r.resolved,
  };
}

const DEAD_COLUMNS = 'id, source, name, via, reason, size, truncated, received_at, retried_at, retries, resolved';

export class WireRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * A new item with its first version, or undefined when (source, guid) is
   * there already: ON CONFLICT, so a concurrent delivery of the same item on
   * another node waits for this one's commit and then finds it.
   */
  async insertItem(id: string, source: string, guid: string, c: WireItemColumns, correction: boolean, doc: WireDoc, via: string | null, at: string): Promise<boolean> {
    // Item and first version in one statement (one round trip for the common case, a new item): when the item is
    // there already, the first INSERT returns nothing and so the second inserts nothing.
    const rows = await this.db.query(
      `WITH item AS (
         INSERT INTO wire_items (id, source, guid, version, pub_status, urgency, item_type, headline, language, desks, categories, embargo_until,
           received_at, first_received_at, versions, status, corrected, search)
         VALUES ($13::uuid, $14, $15, $1::int, $2, $3::smallint, $4, $5, $6, $7::text[], $8::text[], $9::timestamptz,
           $16::timestamptz, $16::timestamptz, 1, $17, $18::boolean, ${SEARCH})
         ON CONFLICT (source, guid) DO NOTHING RETURNING id
       )
       INSERT INTO wire_versions (item_id, version, doc, pub_status, correction, received_at, via, late)
       SELECT id, $1::int, $19::jsonb, $2, $18::boolean, $16::timestamptz, $20, false FROM item
       RETURNING item_id`,
      [...columnParams(c), id, source, guid, at, wireStatus({ pubStatus: c.pubStatus, corrected: correction, taken: false }), correction,
        JSON.stringify(doc), via],
    );
    return rows.length > 0;
  }

  /** The item of (source, guid), locked until the transaction ends (versions of one item are decided one at a time). */
  async lockItem(source: string, guid: string): Promise<WireItemMeta | undefined> {
    const rows = await this.db.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM wire_items WHERE source = $1 AND guid = $2 FOR UPDATE`, [source, guid]);
    return rows[0] && itemFromRow(rows[0]);
  }

  /** Stores one version; false when that version is stored already. */
  async addVersion(itemId: string, version: number, doc: WireDoc, o: { correction: boolean; via: string | null; at: string; late: boolean }): Promise<boolean> {
    const added = await this.#insertVersion(itemId, version, doc, o);
    if (added) await this.db.query('UPDATE wire_items SET versions = versions + 1 WHERE id = $1::uuid', [itemId]);
    return added;
  }

  async #insertVersion(itemId: string, version: number, doc: WireDoc, o: { correction: boolean; via: string | null; at: string; late: boolean }): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO wire_versions (item_id, version, doc, pub_status, correction, received_at, via, late)
       VALUES ($1::uuid, $2::int, $3::jsonb, $4, $5::boolean, $6::timestamptz, $7, $8::boolean)
       ON CONFLICT (item_id, version) DO NOTHING RETURNING version`,
      [itemId, version, JSON.stringify(doc), doc.pubStatus, o.correction, o.at, o.via, o.late],
    );
    return rows.length > 0;
  }

  /** Makes a newer version the item's current one (the caller holds the lock and stored the version). */
  async setCurrent(itemId: string, c: WireItemColumns, status: WireStatus, corrected: boolean, at: string): Promise<void> {
    await this.db.query(
      `UPDATE wire_items SET version = $1::int, pub_status = $2, urgency = $3::smallint, item_type = $4, headline = $5, language = $6,
         desks = $7::text[], categories = $8::text[], embargo_until = $9::timestamptz, search = ${SEARCH},
         received_at = $14::timestamptz, status = $15, corrected = $16::boolean
       WHERE id = $13::uuid`,
      [...columnParams(c), itemId, at, status, corrected],
    );
  }

  async get(itemId: string): Promise<WireItemMeta | undefined> {
    const rows = await this.db.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM wire_items WHERE id = $1::uuid`, [itemId]);
    return rows[0] && itemFromRow(rows[0]);
  }

  async bySourceGuid(source: string, guid: string): Promise<WireItemMeta | undefined> {
    const rows = await this.db.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM wire_items WHERE source = $1 AND guid = $2`, [source, guid]);
    return rows[0] && itemFromRow(rows[0]);
  }

  async version<T extends WireDoc>(itemId: string, version: number): Promise<T | undefined> {
    const rows = await this.db.query<{ doc: T }>('SELECT doc FROM wire_versions WHERE item_id = $1::uuid AND version = $2::int', [itemId, version]);
    return rows[0]?.doc;
  }

  async versions(itemId: string): Promise<VersionEntry[]> {
    const rows = await this.db.query<{ version: number; received_at: string; correction: boolean; pub_status: WirePubStatus; via: string | null; late: boolean }>(
      'SELECT version, received_at, correction, pub_status, via, late FROM wire_versions WHERE item_id = $1::uuid ORDER BY version DESC', [itemId],
    );
    return rows.map((r) => ({ version: r.version, receivedAt: r.received_at, correction: r.correction, pubStatus: r.pub_status, ...(r.via !== null && { via: r.via }), late: r.late }));
  }

  /** True when a version after `version` is a correction. */
  async correctedAfter(itemId: string, version: number): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM wire_versions WHERE item_id = $1::uuid AND version > $2::int AND correction LIMIT 1', [itemId, version]);
    return rows.length > 0;
  }

  async addTake(t: { itemId: string; storyId: string; takenVersion: number; takenBy?: string; takenByName?: string; autoPublished: boolean; at: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO wire_takes (item_id, story_id, taken_version, taken_by, taken_by_name, taken_at, auto_published)
       VALUES ($1::uuid, $2::uuid, $3::int, $4::uuid, $5, $6::timestamptz, $7::boolean)`,
      [t.itemId, t.storyId, t.takenVersion, t.takenBy ?? null, t.takenByName ?? null, t.at, t.autoPublished],
    );
    await this.db.query(
      `UPDATE wire_items SET taken = true, status = CASE WHEN status = 'new' THEN 'taken' ELSE status END WHERE id = $1::uuid`, [t.itemId],
    );
  }

  async takes(itemId: string): Promise<WireTake[]> {
    const rows = await this.db.query<TakeRow>('SELECT * FROM wire_takes WHERE item_id = $1::uuid ORDER BY taken_at, story_id', [itemId]);
    return rows.map(takeFromRow);
  }

  async takeOfStory(storyId: string): Promise<WireTake | undefined> {
    const rows = await this.db.query<TakeRow>('SELECT * FROM wire_takes WHERE story_id = $1::uuid', [storyId]);
    return rows[0] && takeFromRow(rows[0]);
  }

  /** Moves a story's taken version forward (never back); false when the story has no take or is at that version or later. */
  async adoptVersion(storyId: string, version: number): Promise<boolean> {
    const rows = await this.db.query(
      'UPDATE wire_takes SET taken_version = $2::int WHERE story_id = $1::uuid AND taken_version < $2::int RETURNING story_id', [storyId, version],
    );
    return rows.length > 0;
  }

  /** Marks the stories taken from an item with `alert`; returns their ids (those not marked with it already). */
  async alertTakes(itemId: string, alert: 'withdrawn' | 'depublished', storyIds?: string[]): Promise<string[]> {
    const rows = await this.db.query<{ story_id: string }>(
      `UPDATE wire_takes SET alert = $2 WHERE item_id = $1::uuid AND alert IS DISTINCT FROM $2
         ${storyIds ? 'AND story_id = ANY($3::uuid[])' : ''} RETURNING story_id`,
      storyIds ? [itemId, alert, storyIds] : [itemId, alert],
    );
    return rows.map((r) => r.story_id);
  }

  async pictureAsset(href: string): Promise<string | undefined> {
    const rows = await this.db.query<{ asset_id: string }>('SELECT asset_id FROM wire_pictures WHERE href = $1', [href]);
    return rows[0]?.asset_id;
  }

  async rememberPicture(href: string, assetId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO wire_pictures (href, asset_id) VALUES ($1, $2::uuid)
       ON CONFLICT (href) DO UPDATE SET asset_id = EXCLUDED.asset_id, fetched_at = now()`,
      [href, assetId],
    );
  }

  async addDeadLetter(d: { id: string; source: string; name?: string; via?: string; reason: string; raw: Uint8Array; size: number; truncated: boolean }): Promise<void> {
    await this.db.query(
      `INSERT INTO wire_dead_letters (id, source, name, via, reason, raw, size, truncated) VALUES ($1::uuid, $2, $3, $4, $5, $6::bytea, $7::int, $8::boolean)`,
      [d.id, d.source, d.name ?? null, d.via ?? null, d.reason, d.raw, d.size, d.truncated],
    );
  }

  async deadLetters(opts: { limit: number; source?: string; resolved?: boolean }): Promise<DeadLetter[]> {
    const params: unknown[] = [opts.limit];
    const where = [opts.resolved ? 'resolved' : 'NOT resolved'];
    if (opts.source) {
      params.push(opts.source);
      where.push(`source = $${params.length}`);
    }
    const rows = await this.db.query<DeadLetterRow>(
      `SELECT ${DEAD_COLUMNS} FROM wire_dead_letters WHERE ${where.join(' AND ')} ORDER BY received_at DESC, id DESC LIMIT $1`, params,
    );
    return rows.map(deadLetterFromRow);
  }

  async deadLetter(id: string): Promise<(DeadLetter & { raw: Uint8Array }) | undefined> {
    const rows = await this.db.query<DeadLetterRow & { raw: Uint8Array }>(`SELECT ${DEAD_COLUMNS}, raw FROM wire_dead_letters WHERE id = $1::uuid`, [id]);
    return rows[0] && { ...deadLetterFromRow(rows[0]), raw: rows[0].raw };
  }

  /** Records a retry: resolved, or still refused with the new reason. */
  async retried(id: string, outcome: { resolved: true } | { resolved: false; reason: string }): Promise<void> {
    await this.db.query(
      `UPDATE wire_dead_letters SET retried_at = now(), retries = retries + 1, resolved = $2::boolean,
         resolved_at = CASE WHEN $2::boolean THEN now() ELSE NULL END, reason = coalesce($3, reason)
       WHERE id = $1::uuid`,
      [id, outcome.resolved, outcome.resolved ? null : outcome.reason],
    );
  }
}
