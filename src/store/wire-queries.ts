import { LedeError } from '../content/index.js';
import type { Queryable } from './types.js';

/** An item's status on the desk: a withdrawal outranks a correction, which outranks a take. */
export const WIRE_STATUSES = ['new', 'taken', 'corrected', 'withdrawn'] as const;
export type WireStatus = (typeof WIRE_STATUSES)[number];

/**
 * The agency's publication status as stored (the same set as StoredPubStatus of
 * src/ingest/agency/wire-item.ts, which the store may not import).
 */
export type StoredPubStatus = 'usable' | 'withheld' | 'canceled';

/**
 * The desk's list: newest first (by when the current version arrived),
 * optionally urgent items (urgency 1–2) on top, with filters and German
 * full text, in keyset pages (a cursor, never an offset).
 */

export const WIRE_PAGE_MAX = 200;
export const WIRE_PAGE_DEFAULT = 50;
const MAX_QUERY_LENGTH = 200;
const MAX_PREFIX_WORDS = 8;

export interface WireListFilter {
  source?: string;
  /** 'eil': urgency 1–2; a number n: urgency 1 to n. */
  urgency?: 'eil' | number;
  /** A desk's code (with or without its scheme prefix, "pl" or "dpacat:pl") or name, any case. */
  desk?: string;
  /** A category of any scheme: its code, the code's last part, or its name. */
  category?: string;
  /** A geo category: code or name ("Sachsen-Anhalt"). */
  geo?: string;
  /** German full text over kicker, headline, teaser and body; the last word may be the start of a word. */
  q?: string;
  status?: WireStatus;
  /** Eilmeldungen (urgency 1–2) before everything else. */
  eilFirst?: boolean;
  cursor?: string;
  limit?: number;
}

export interface WireListEntry {
  id: string;
  source: string;
  guid: string;
  version: number;
  versions: number;
  pubStatus: StoredPubStatus;
  urgency?: number;
  itemType: string;
  kicker?: string;
  headline: string;
  teaser?: string;
  desks: string[];
  receivedAt: string;
  firstReceivedAt: string;
  status: WireStatus;
  embargoUntil?: string;
}

interface Cursor {
  e?: boolean;
  r: string;
  i: string;
}

const badFilter = (field: string, message: string) => new LedeError('VALIDATION', `${field} ${message}`, {
  reason: 'bad_filter', issues: [{ path: field, message, code: 'bad_shape' }],
});

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string, eilFirst: boolean): Cursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    c = undefined;
  }
  const ok = typeof c === 'object' && c !== null && typeof (c as Cursor).r === 'string' && !Number.isNaN(Date.parse((c as Cursor).r))
    && typeof (c as Cursor).i === 'string' && /^[0-9a-f-]{36}$/i.test((c as Cursor).i) && (!eilFirst || typeof (c as Cursor).e === 'boolean');
  if (!ok) throw new LedeError('VALIDATION', 'the cursor is not one this list handed out (or belongs to another order); start from the first page', { reason: 'bad_cursor' });
  return c as Cursor;
}

/** Words of a query, for a prefix search of each ("Bundesta" finds "Bundestag"). Letters and digits only: nothing the tsquery syntax reads. */
export function prefixQuery(q: string): string {
  const words = (q.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_PREFIX_WORDS);
  return words.map((w) => `${w.toLowerCase()}:*`).join(' & ');
}

const lc = (s: string) => s.trim().toLocaleLowerCase('de');

export async function listWireItems(db: Queryable, f: WireListFilter): Promise<{ items: WireListEntry[]; next?: string }> {
  const limit = f.limit === undefined ? WIRE_PAGE_DEFAULT : Math.floor(f.limit);
  if (!Number.isFinite(limit) || limit < 1 || limit > WIRE_PAGE_MAX) throw badFilter('limit', `must be a whole number from 1 to ${WIRE_PAGE_MAX}`);
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (value: unknown, sql: (p: string) => string) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.source) add(f.source, (p) => `w.source = ${p}`);
  if (f.urgency !== undefined) {
    if (f.urgency === 'eil') where.push('w.eil');
    else if (Number.isInteger(f.urgency) && f.urgency >= 1 && f.urgency <= 9) add(f.urgency, (p) => `w.urgency <= ${p}::smallint`);
    else throw badFilter('urgency', 'must be "eil" (urgency 1–2) or a number from 1 to 9 (that urgency or more urgent)');
  }
  if (f.desk) add(lc(f.desk), (p) => `w.desks @> ARRAY[${p}::text]`);
  if (f.category) add(`*=${lc(f.category)}`, (p) => `w.categories @> ARRAY[${p}::text]`);
  if (f.geo) add(`geo=${lc(f.geo)}`, (p) => `w.categories @> ARRAY[${p}::text]`);
  if (f.status !== undefined) {
    if (!(WIRE_STATUSES as readonly string[]).includes(f.status)) throw badFilter('status', `must be one of ${WIRE_STATUSES.join(', ')}`);
    add(f.status, (p) => `w.status = ${p}`);
  }
  if (f.q !== undefined && f.q.trim()) {
    if (f.q.length > MAX_QUERY_LENGTH) throw badFilter('q', `must be at most ${MAX_QUERY_LENGTH} characters`);
    // eslint-disable-next-line no-control-regex
    const text = f.q.replace(/[\u0000-\u001f]/g, ' ');
    const prefix = prefixQuery(text);
    params.push(text);
    const web = `websearch_to_tsquery('german', $${params.length})`;
    if (prefix) {
      params.push(prefix);
      where.push(`w.search @@ (${web} || to_tsquery('german', $${params.length}))`);
    } else {
      where.push(`w.search @@ ${web}`);
    }
  }
  const eilFirst = f.eilFirst === true;
  if (f.cursor) {
    const c = decodeCursor(f.cursor, eilFirst);
    params.push(c.r, c.i);
    const r = `$${params.length - 1}::timestamptz`;
    const i = `$${params.length}::uuid`;
    if (eilFirst) {
      params.push(c.e);
      where.push(`(w.eil, w.received_at, w.id) < ($${params.length}::boolean, ${r}, ${i})`);
    } else {
      where.push(`(w.received_at, w.id) < (${r}, ${i})`);
    }
  }
  params.push(limit + 1);
  const order = eilFirst ? 'w.eil DESC, w.received_at DESC, w.id DESC' : 'w.received_at DESC, w.id DESC';
  const rows = await db.query<{
    id: string; source: string; guid: string; version: number; versions: number; pub_status: StoredPubStatus; urgency: number | null;
    item_type: string; headline: string; desks: string[]; received_at: string; first_received_at: string; status: WireStatus;
    embargo_until: string | null; eil: boolean; kicker: string | null; teaser: string | null;
  }>(
    // The page is chosen from wire_items alone (its indexes decide), and only its rows then fetch kicker and teaser
    // from their version's document: joined before the limit, a planner without fresh statistics read every version.
    `WITH w AS MATERIALIZED (
       SELECT w.id, w.source, w.guid, w.version, w.versions, w.pub_status, w.urgency, w.item_type, w.headline, w.desks, w.received_at,
         w.first_received_at, w.status, w.embargo_until, w.eil
       FROM wire_items w
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${order} LIMIT $${params.length}
     )
     SELECT w.*, v.doc->>'kicker' AS kicker, coalesce(v.doc->>'teaser', v.doc->>'subhead') AS teaser
     FROM w JOIN wire_versions v ON v.item_id = w.id AND v.version = w.version
     ORDER BY ${order}`,
    params,
  );
  const page = rows.slice(0, limit);
  const items = page.map((r): WireListEntry => ({
    id: r.id, source: r.source, guid: r.guid, version: r.version, versions: r.versions, pubStatus: r.pub_status,
    ...(r.urgency !== null && { urgency: r.urgency }), itemType: r.item_type, ...(r.kicker !== null && { kicker: r.kicker }),
    headline: r.headline, ...(r.teaser !== null && { teaser: r.teaser }), desks: r.desks, receivedAt: r.received_at,
    firstReceivedAt: r.first_received_at, status: r.status, ...(r.embargo_until !== null && { embargoUntil: r.embargo_until }),
  }));
  const last = rows.length > limit ? page.at(-1) : undefined;
  const lastRow = rows.length > limit ? rows[limit - 1] : undefined;
  return { items, ...(last && lastRow && { next: encodeCursor({ ...(eilFirst && { e: lastRow.eil }), r: lastRow.received_at, i: lastRow.id }) }) };
}
