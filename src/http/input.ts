import { z } from 'zod';
import {
  LedeError, SANE_YEARS, formatIssues, isBrokenText, isIsoDateTime, isSaneYear,
  type IssueCode, type IssueParams, type ValidationIssue,
} from '../content/index.js';

/**
 * Endpoint input is declared as Zod schemas (see EndpointSpec.input) and
 * checked here, before the handler runs. Zod was chosen because it is what
 * Hono's ecosystem validates with, it runs on Node 20, its schemas are plain
 * data we can also turn into JSON Schema for an OpenAPI document
 * (`z.toJSONSchema`), and its issues are structured enough to become our
 * ValidationIssues (path, English message, code, params) without matching
 * any wording.
 *
 * Field builders below set the English message integrators read; the issue
 * code is derived from Zod's own issue kind, or given explicitly through
 * `params.code` on refinements.
 */

type ZodIssue = z.core.$ZodIssue;

const pathOf = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');

/** One Zod issue as ours: the code from its kind (or from `params.code`), the message as the schema worded it. */
function toIssue(issue: ZodIssue): ValidationIssue[] {
  const path = pathOf(issue.path);
  const given = (issue as { params?: { code?: IssueCode } & IssueParams }).params;
  if (given?.code) {
    const { code, ...params } = given;
    return [{ path, message: issue.message, code, ...(Object.keys(params).length && { params: params as IssueParams }) }];
  }
  switch (issue.code) {
    case 'invalid_type': {
      const missing = (issue as { input?: unknown }).input === undefined;
      const code: IssueCode = missing ? 'required' : issue.expected === 'string' ? 'must_be_text'
        : issue.expected === 'number' || issue.expected === 'int' ? 'not_a_number'
          : issue.expected === 'object' ? 'not_an_object' : issue.expected === 'array' ? 'not_list' : 'bad_shape';
      return [{ path, message: issue.message, code }];
    }
    case 'too_big':
    case 'too_small': {
      if (issue.origin === 'string') {
        const got = typeof (issue as { input?: unknown }).input === 'string' ? ((issue as { input: string }).input).length : undefined;
        return [issue.code === 'too_big'
          ? { path, message: issue.message, code: 'too_long', params: { max: Number(issue.maximum), ...(got !== undefined && { got }) } }
          : { path, message: issue.message, code: 'required' }];
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return [{ path, message: issue.message, code: 'too_many', params: { max: Number((issue as { maximum?: number }).maximum ?? 0) } }];
      }
      return [{ path, message: issue.message, code: 'not_a_number' }];
    }
    case 'invalid_value':
      return [{ path, message: issue.message, code: 'one_of', params: { allowed: issue.values.map(String) } }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: issue.message, code: 'unknown_field' as const }));
    default:
      return [{ path, message: issue.message, code: 'bad_shape' }];
  }
}

export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.flatMap(toIssue);
}

/**
 * `value` checked against `schema`; otherwise VALIDATION (422) naming every
 * field: "<what> is invalid: limit: …; status: …".
 */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  throw new LedeError('VALIDATION', `${what} is invalid: ${formatIssues(issues)}`, { reason: 'input_invalid', issues });
}

// ---------------------------------------------------------------- field builders

/** Text of at most `max` characters (trimmed). */
export function text(max: number, message = `must be text of at most ${max} characters`) {
  return z.string({ error: message }).trim().max(max, { error: message });
}

/** A date and time with offset (ISO 8601), as every instant in the API is written. */
export function instant(message = 'must be a date and time with offset, e.g. "2026-11-25T14:00:00+01:00"') {
  const range = `a year from ${SANE_YEARS.min} to ${SANE_YEARS.max}`;
  return z.string({ error: message }).superRefine((v, ctx) => {
    if (isIsoDateTime(v)) return;
    const outside = /^\d{4}-/.test(String(v)) && !isSaneYear(Number(String(v).slice(0, 4)));
    ctx.addIssue(outside
      ? { code: 'custom', message: range, params: { code: 'year_range', min: SANE_YEARS.min, max: SANE_YEARS.max } }
      : { code: 'custom', message, params: { code: 'bad_datetime' } });
  });
}

/** One of `values`, with the list named in the message. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, message = `one of ${values.join(', ')}`) {
  return z.enum(values, { error: message });
}

/**
 * A whole number from the query string (or a JSON number) in [min, max]; an
 * absent value takes `fallback`.
 */
export function queryInt(min: number, max: number, fallback: number, message = `a whole number from ${min} to ${max}`) {
  return z.preprocess(
    (v) => (v === undefined || v === '' ? fallback : typeof v === 'string' && /^-?\d{1,12}$/.test(v.trim()) ? Number(v) : v),
    // The range as one refinement, so the issue says number_range with both bounds (a lone min/max issue would not).
    z.number({ error: message }).int({ error: message }).refine((n) => n >= min && n <= max, { error: message, params: { code: 'number_range', min, max } }),
  );
}

/** A query value: trimmed, an empty one as absent. */
export function queryText(max = 500, message = `text of at most ${max} characters`) {
  return z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v), z.string({ error: message }).max(max, { error: message }).optional());
}

/** A path parameter: any non-empty segment (the handler decides whether it names something). */
export const pathParam = z.string().min(1);

/** Path parameters `{id}` as most story and media routes have them. */
export const idParams = z.object({ id: pathParam });

// ---------------------------------------------------------------- text at the door

// NUL cannot be stored in PostgreSQL text, and a lone surrogate is no character at all: refused wherever they stand, at the door.
// eslint-disable-next-line no-control-regex

/** Whether `s` holds a NUL or a lone UTF-16 surrogate. */
export { isBrokenText };

/** Paths of every string (keys included) in a parsed JSON value that holds a NUL or a lone surrogate; at most 20. */
export function brokenTextPaths(value: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (typeof value === 'string') {
    if (isBrokenText(value)) out.push(path || '(body)');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => brokenTextPaths(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object' && !(value instanceof Blob)) {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (isBrokenText(k)) out.push(at);
      else brokenTextPaths(v, at, out);
    }
  }
  return out;
}

/** The `broken_text` issues of a value (JSON body, query, form fields); empty when all is well. */
export function brokenTextIssues(value: unknown, prefix = ''): ValidationIssue[] {
  return brokenTextPaths(value, prefix).map(brokenTextIssue);
}

function brokenTextIssue(path: string): ValidationIssue {
  return { path, message: 'contains a NUL character or a lone UTF-16 surrogate', code: 'broken_text' };
}

/**
 * Refuses (422, every field named) a value with broken text: `what` is "the
 * query", "the address" … A query's repeated parameters (`{q: ['a', 'b']}`)
 * are named by the parameter alone.
 */
export function assertTextSound(value: unknown, what: string): void {
  const issues = brokenTextIssues(value).map((i) => ({ ...i, path: i.path.replace(/\[\d+\]$/, '') }))
    .filter((i, n, all) => all.findIndex((j) => j.path === i.path) === n);
  if (issues.length) throw new LedeError('VALIDATION', `${what} is invalid: ${formatIssues(issues)}`, { reason: 'input_invalid', issues });
}

/**
 * Fields whose text is compared byte for byte and never shown: passwords keep
 * exactly what was typed (a password set before normalisation must still match).
 */
const VERBATIM_KEYS = new Set(['password', 'current', 'next', 'repeat', '_csrf', '_login']);

/**
 * Every string of a parsed JSON value in Unicode normal form C (keys too), so
 * "é" typed as one character or as e + accent is the same text everywhere
 * (search, slugs, uniqueness of names). Password fields stay as sent.
 */
export function normalizeText<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v) => normalizeText(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), VERBATIM_KEYS.has(k) ? v : normalizeText(v)])) as T;
  }
  return value;
}

/**
 * A form body (urlencoded or multipart) checked like a JSON body: a field with
 * a NUL or a lone surrogate is refused by name, the others are put in normal
 * form C in place (files stay as they are).
 */
export function checkFormText(form: FormData, what = 'the form'): void {
  const entries = [...form.entries()];
  const issues = entries.filter(([k, v]) => isBrokenText(k) || (typeof v === 'string' && isBrokenText(v))).map(([k]) => brokenTextIssue(k));
  if (issues.length) throw new LedeError('VALIDATION', `${what} is invalid: ${formatIssues(issues.slice(0, 20))}`, { reason: 'input_invalid', issues: issues.slice(0, 20) });
  for (const key of new Set(entries.map(([k]) => k))) form.delete(key);
  for (const [k, v] of entries) form.append(k.normalize('NFC'), typeof v === 'string' && !VERBATIM_KEYS.has(k) ? v.normalize('NFC') : v);
}
