import { z } from 'zod';
import { SANE_YEARS, isIsoDateTime, isSaneYear } from '../content/index.js';
import { RIGHTS_DATE_RULE, RIGHTS_FIELDS, RIGHTS_MAX, rightsInstant, type RightsField, type RightsStatus } from '../content/media-types.js';
import { MEDIA_USAGES, decodeMediaCursor, type MediaListFilter } from '../store/media-queries.js';
import { oneOf, queryInt } from '../http/input.js';
import { berlinDayBound } from './api-support.js';

/**
 * The declared input of the media endpoints and the media pages' forms: the
 * list filter, a rights and focal point change, replacing everywhere. The
 * English messages are the ones integrators have always read; every issue
 * carries its code, and the newsroom words it by that code.
 */

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 200;

/** Room for multipart boundaries and headers on top of the file itself. */
export const MULTIPART_OVERHEAD = 64 * 1024;
/** The most a rights change may send (far more than the longest rights). */
export const RIGHTS_BODY_BYTES = 64 * 1024;
/** The most a replace-everywhere body may send (one id). */
export const REPLACE_BODY_BYTES = 16 * 1024;

/** Rights status names as the API and the list filter spell them. */
export const STATUS_PARAM: Record<RightsStatus, string> = { valid: 'valid', expiring: 'expiring', lapsed: 'lapsed', not_yet_valid: 'not-yet-valid' };
const STATUS_NAMES = ['valid', 'expiring', 'lapsed', 'not-yet-valid'] as const;
const STATUS_FROM_PARAM: Record<(typeof STATUS_NAMES)[number], RightsStatus> = { valid: 'valid', expiring: 'expiring', lapsed: 'lapsed', 'not-yet-valid': 'not_yet_valid' };

/** A query value trimmed, an empty one as absent. */
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() || undefined : v);

/** Search text: longer text is cut (a pasted caption should still search), never refused. */
const searchText = z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 200) || undefined : v), z.string().optional());

/** An upload date bound: a day (YYYY-MM-DD, Berlin; a `to` day counts whole) or an ISO date-time with offset. */
function dateBound(end: boolean) {
  const message = 'not a date';
  return z.preprocess(trimmed, z.string({ error: message }).optional()).transform((v, ctx): string | undefined => {
    if (v === undefined || isIsoDateTime(v)) return v;
    const bound = isSaneYear(Number(String(v).slice(0, 4))) ? berlinDayBound(v, end) : undefined;
    if (bound) return bound;
    ctx.addIssue({ code: 'custom', message, params: { code: 'not_a_date' } });
    return z.NEVER;
  });
}

/** `GET /newsroom/api/media?…` and the library page's filter. */
export const mediaListQuery = z.object({
  limit: queryInt(1, MAX_PAGE, DEFAULT_PAGE),
  q: searchText,
  credit: searchText,
  from: dateBound(false),
  to: dateBound(true),
  status: z.preprocess(trimmed, oneOf(STATUS_NAMES).optional()).transform((v) => (v === undefined ? undefined : STATUS_FROM_PARAM[v])),
  usage: z.preprocess(trimmed, oneOf(MEDIA_USAGES).optional()),
  cursor: z.preprocess(trimmed, z.string().optional()).transform((v, ctx) => {
    if (v === undefined) return undefined;
    try {
      return decodeMediaCursor(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a cursor this API handed out', params: { code: 'bad_cursor' } });
      return z.NEVER;
    }
  }),
});

/** The parsed list query as the store's filter. */
export function mediaFilter(q: z.output<typeof mediaListQuery>): MediaListFilter {
  return {
    limit: q.limit,
    ...(q.q && { q: q.q }), ...(q.credit && { credit: q.credit }), ...(q.from && { from: q.from }), ...(q.to && { to: q.to }),
    ...(q.status && { status: q.status }), ...(q.usage && { usage: q.usage }), ...(q.cursor && { after: q.cursor }),
  };
}

/**
 * One rights field of a change: text (whitespace collapsed) of at most its
 * length, null or "" to clear; the dates as a day or a date and time.
 */
function rightsField(key: RightsField) {
  return z.unknown().transform((v, ctx): string | null => {
    if (v === null || v === '') return null;
    if (typeof v !== 'string') {
      ctx.addIssue({ code: 'custom', message: 'must be text (or null to clear)', params: { code: 'must_be_text' } });
      return z.NEVER;
    }
    const text = v.replace(/\s+/g, ' ').trim();
    if (text.length > RIGHTS_MAX[key]) {
      ctx.addIssue({ code: 'custom', message: `at most ${RIGHTS_MAX[key]} characters (got ${text.length})`, params: { code: 'too_long', max: RIGHTS_MAX[key], got: text.length } });
      return z.NEVER;
    }
    if ((key === 'validFrom' || key === 'validUntil') && text && !rightsInstant(text, key === 'validUntil')) {
      ctx.addIssue({ code: 'custom', message: RIGHTS_DATE_RULE, params: { code: 'rights_date' } });
      return z.NEVER;
    }
    // "0000-01-01" was read as 1899 (JavaScript's two-digit years), or refused by PostgreSQL as a 500.
    if ((key === 'validFrom' || key === 'validUntil') && text && !isSaneYear(Number(text.slice(0, 4)))) {
      ctx.addIssue({ code: 'custom', message: `a year from ${SANE_YEARS.min} to ${SANE_YEARS.max}`, params: { code: 'year_range', min: SANE_YEARS.min, max: SANE_YEARS.max } });
      return z.NEVER;
    }
    return text || null;
  }).optional();
}

const FOCAL_RULE = 'two fractions from 0 to 1: {"x": from the left, "y": from the top}';
const fraction = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1;

/** A focal point: two fractions, reported as one issue on `focal`. */
export const focalPoint = z.unknown().transform((v, ctx): { x: number; y: number } => {
  const f = v as { x?: unknown; y?: unknown } | null;
  if (f && typeof f === 'object' && fraction(f.x) && fraction(f.y)) return { x: f.x, y: f.y };
  ctx.addIssue({ code: 'custom', message: FOCAL_RULE, params: { code: 'focal_range' } });
  return z.NEVER;
});

const KNOWN_FIELDS = [...RIGHTS_FIELDS, 'focal'];

/** `PATCH /newsroom/api/media/:id`: rights fields (null or "" clears one, absent ones stay) and the focal point. */
export const assetChangeBody = z.strictObject(
  { ...Object.fromEntries(RIGHTS_FIELDS.map((k) => [k, rightsField(k)])) as Record<RightsField, ReturnType<typeof rightsField>>, focal: focalPoint.optional() },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field; send any of ${KNOWN_FIELDS.join(', ')}` : undefined) },
);
export type AssetChangeBody = z.output<typeof assetChangeBody>;

/** The change as the library takes it: the rights fields that were sent, and the focal point. */
export function assetChangeOf(body: AssetChangeBody): { rights?: Partial<Record<RightsField, string | null>>; focal?: { x: number; y: number } } {
  const rights: Partial<Record<RightsField, string | null>> = {};
  for (const key of RIGHTS_FIELDS) if (body[key] !== undefined) rights[key] = body[key];
  return { ...(Object.keys(rights).length && { rights }), ...(body.focal && { focal: body.focal }) };
}

/** `POST /newsroom/api/media/:id/replace-everywhere` and its form: the replacement picture's id. */
export const replaceEverywhereBody = z.object({
  with: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.string({ error: 'the id of a picture in the media library' })
      .refine((v) => /^[0-9a-f-]{36}$/.test(v), { error: 'the id of a picture in the media library', params: { code: 'bad_asset_id' } }),
  ),
});
