/**
 * Text from outside made safe to store: PostgreSQL refuses NUL in text and
 * jsonb, and a lone UTF-16 surrogate in jsonb. Agency documents and source
 * settings pass through here before they reach the database, so a stray byte
 * is dropped rather than turned into a 500.
 */

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `s` without NUL characters, lone surrogates replaced by U+FFFD. */
export function cleanText(s: string): string {
  return s.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** A deep copy of JSON-like data with every string (keys included) cleaned. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanDeep) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[cleanText(k)] = cleanDeep(v);
    }
    return out as T;
  }
  return value;
}
