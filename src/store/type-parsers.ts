/**
 * One representation of column values for both engines (see Queryable in
 * ./types.ts). The drivers disagree by default: node-postgres returns int8 as a
 * string and timestamps as Date; PGlite returns int8 as a number and timestamps
 * as Date. Both hand us PostgreSQL's text output, so we parse that ourselves.
 */

export const OID = {
  INT8: 20,
  JSON: 114,
  JSONB: 3802,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
  INT8_ARRAY: 1016,
  TIMESTAMP_ARRAY: 1115,
  DATE_ARRAY: 1182,
  TIMESTAMPTZ_ARRAY: 1185,
} as const;

// PostgreSQL's ISO output: "2022-01-21 13:00:00.123456+01" (offset may carry minutes and seconds).
const PG_TIMESTAMP = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/;

/**
 * timestamptz text → ISO 8601 in UTC, fraction kept digit for digit
 * ("2022-01-21 13:00:00.5+01" → "2022-01-21T12:00:00.5Z"). Infinity and BC
 * dates are returned as PostgreSQL printed them.
 */
export function timestamptzToIso(text: string): string {
  const m = PG_TIMESTAMP.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, s, frac = '', sign, oh = '0', om = '0', os = '0'] = m;
  const local = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  local.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  local.setUTCHours(Number(h), Number(mi), Number(s), 0);
  const offsetSeconds = (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60 + Number(os));
  const utc = new Date(local.getTime() - (sign ? offsetSeconds : 0) * 1000);
  return `${utc.toISOString().slice(0, -5)}${frac}Z`;
}

/** timestamp (without zone) text → "2022-01-21T13:00:00.5". */
export function timestampToIso(text: string): string {
  return PG_TIMESTAMP.test(text) ? text.replace(' ', 'T') : text;
}

export function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/**
 * A one-dimensional array literal of simple scalars ("{1,2}", {"2022-… +00",NULL}).
 * Enough for the array types registered below, whose elements never contain
 * quotes, backslashes or commas.
 */
export function parseSimpleArray<T>(text: string, parse: (s: string) => T): (T | null)[] {
  const inner = text.slice(1, -1);
  if (!inner) return [];
  return inner.split(',').map((raw) => (raw === 'NULL' ? null : parse(raw.replace(/^"(.*)"$/, '$1'))));
}

/** Text parsers by type oid, shared by both engines. */
export const TEXT_PARSERS: Record<number, (text: string) => unknown> = {
  [OID.INT8]: parseInt8,
  [OID.JSON]: (t) => JSON.parse(t),
  [OID.JSONB]: (t) => JSON.parse(t),
  [OID.DATE]: (t) => t,
  [OID.TIMESTAMP]: timestampToIso,
  [OID.TIMESTAMPTZ]: timestamptzToIso,
  [OID.INT8_ARRAY]: (t) => parseSimpleArray(t, parseInt8),
  [OID.TIMESTAMP_ARRAY]: (t) => parseSimpleArray(t, timestampToIso),
  [OID.DATE_ARRAY]: (t) => parseSimpleArray(t, (s) => s),
  [OID.TIMESTAMPTZ_ARRAY]: (t) => parseSimpleArray(t, timestamptzToIso),
};
