import { LIMITS } from '../../content/types.js';
import type { WirePubStatus, WireRights } from './wire-item.js';
import { WIRE_PUB_STATUSES, WireRefusal } from './wire-item.js';

/**
 * Reading untrusted agency fields: every string that leaves a reader went
 * through one of these, so no NUL, control character or lone surrogate reaches
 * the desk or the database, and a wrong type is simply "not given".
 */

// Control characters other than tab/newline/CR (which whitespace handling turns into spaces), and lone surrogates.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A string without NUL/control characters and lone surrogates, NFC (the same words are the same text). */
export function cleanText(s: string): string {
  // Most agency text is clean: test once, replace only when needed (this runs for every text node).
  const t = SUSPECT.test(s) ? s.replace(CONTROL, '').replace(LONE_SURROGATE, '') : s;
  return NFC_STABLE.test(t) ? t : t.normalize('NFC');
}

// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff]/;
/**
 * Text made only of Latin letters (up to U+024F), general punctuation (without
 * U+2000/U+2001, which NFC maps to other spaces) and currency signs is already
 * NFC: none of them is a combining mark or decomposes. German copy nearly always
 * is; normalising it anyway costs more than the rest of the cleaning.
 */
// eslint-disable-next-line no-control-regex
const NFC_STABLE = /^[\u0000-\u024f\u2002-\u206f\u20a0-\u20cf]*$/;

/** One line of text: cleaned, whitespace collapsed and trimmed; undefined when nothing is left. */
export function cleanLine(s: unknown, max?: number): string | undefined {
  if (typeof s !== 'string') return undefined;
  let v = cleanText(s.replace(/[\t\n\r]/g, ' ')).replace(/\s+/g, ' ').trim();
  if (max !== undefined && [...v].length > max) v = [...v].slice(0, max - 1).join('').trimEnd() + '…';
  return v || undefined;
}

/** Multi-line text (captions, notes): cleaned, spaces collapsed per line, blank lines squeezed. */
export function cleanMultiline(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  const v = cleanText(s.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return v || undefined;
}

/** The http(s) URL of a link, or undefined (javascript:, data:, mailto:, relative and broken targets are not kept). */
export function httpUrl(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const v = cleanText(raw).trim();
  if (!/^https?:\/\//i.test(v)) return undefined;
  try {
    const href = new URL(v).href;
    return href.length <= LIMITS.url ? href : undefined;
  } catch {
    return undefined;
  }
}

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value as a list (a single value becomes a list of one; null/undefined an empty list). */
export function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** A positive whole number from a number or a numeric string. */
export function positiveInt(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** A size in pixels or bytes: a finite number > 0, rounded. */
export function positiveNumber(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Urgency 1–9 (1 = flash), or undefined. */
export function urgencyOf(v: unknown): number | undefined {
  const n = positiveInt(v);
  return n !== undefined && n <= 9 ? n : undefined;
}

/**
 * An instant or a date as the agency wrote it (ISO 8601: "2024-09-24T12:05:52+02:00",
 * "2019-12-07"), or undefined when it is not one. Kept as written: the offset is
 * part of what the agency said.
 */
export function isoTime(v: unknown): string | undefined {
  const s = cleanLine(v);
  if (!s || !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(s)) return undefined;
  return Number.isFinite(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s)) ? s : undefined;
}

/** An instant with an explicit offset (embargo), or undefined: a time without one is ambiguous. */
export function isoInstant(v: unknown): string | undefined {
  const s = isoTime(v);
  return s && /(Z|[+-]\d{2}:?\d{2})$/i.test(s) ? s : undefined;
}

/** "usable" | "withheld" | "canceled" (also "stat:canceled", "cancelled"), else undefined. */
export function pubStatusOf(v: unknown): WirePubStatus | undefined {
  const s = cleanLine(v)?.toLowerCase().replace(/^stat:/, '').replace('cancelled', 'canceled');
  return (WIRE_PUB_STATUSES as readonly string[]).includes(s ?? '') ? (s as WirePubStatus) : undefined;
}

/** A language tag ("de", "de-DE", "en-us"), lower-case language part; else undefined. */
export function languageOf(v: unknown): string | undefined {
  const s = cleanLine(v);
  if (!s || !/^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i.test(s)) return undefined;
  const [lang, ...rest] = s.replace(/_/g, '-').split('-');
  return [lang!.toLowerCase(), ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r))].join('-');
}

/** Rights without the fields that are not given. */
export function rightsOf(r: { [K in keyof WireRights]?: unknown }): WireRights {
  const out: WireRights = {};
  const credit = cleanLine(r.credit, LIMITS.credit);
  if (credit) out.credit = credit;
  const holder = cleanLine(r.copyrightHolder, LIMITS.credit);
  if (holder) out.copyrightHolder = holder;
  const notice = cleanMultiline(r.copyrightNotice);
  if (notice) out.copyrightNotice = notice;
  const terms = cleanMultiline(r.usageTerms);
  if (terms) out.usageTerms = terms;
  const until = isoTime(r.validUntil);
  if (until) out.validUntil = until;
  return out;
}

/** A one-line field cut to `max` characters, with a warning saying so. */
export function limited(v: unknown, max: number, name: string, warnings: string[]): string | undefined {
  const full = cleanLine(v);
  if (full && [...full].length > max) warnings.push(`${name} was longer than ${max} characters and was shortened`);
  return full && cleanLine(full, max);
}

/** A value as a refusal or warning shows it: short, clean, never the whole of a big or deep structure. */
export function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(cleanLine(v, 60) ?? '');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  return Array.isArray(v) ? 'a list' : 'an object';
}

/** Deeper than any agency item is nested (ninjs with associations and GeoJSON stays under 15). */
export const MAX_JSON_DEPTH = 64;

/**
 * Refuses JSON nested deeper than MAX_JSON_DEPTH, before anything recursive
 * (the schema check, a reader) walks it and runs out of stack. Iterative.
 */
export function assertShallow(value: unknown, what: string): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_JSON_DEPTH) throw new WireRefusal(`${what} is nested deeper than ${MAX_JSON_DEPTH} levels`);
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
}
