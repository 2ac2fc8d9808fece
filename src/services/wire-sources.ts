import { LedeError, LIMITS, type ValidationIssue } from '../content/index.js';
import { WIRE_CATEGORY_SCHEMES } from '../ingest/agency/wire-item.js';
import {
  WIRE_SOURCE_FORMATS, WIRE_TRANSPORTS, WITHDRAW_POLICIES,
  type AutoPublishRule, type WireCategoryMatch, type WireRule, type WireSourceFields,
} from '../store/wire-source-repository.js';
import { cleanDeep, cleanText } from './wire-clean.js';

/**
 * Checking what an editor (or LEDE_WIRE_SOURCES) says about a wire source
 * and its rules: every problem is an issue naming the field, nothing is
 * stored until all are fixed.
 */

/** The shortest push secret: an HMAC key anyone could guess protects nothing. */
export const MIN_SECRET = 16;
const MAX_SETTINGS_BYTES = 16_384;
const MAX_RULES = 500;
const SOURCE_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Issues {
  readonly list: ValidationIssue[] = [];
  constructor(private readonly prefix: string) {}
  fail(path: string, message: string): undefined {
    this.list.push({ path: `${this.prefix}${path}`, message, code: 'bad_shape' });
    return undefined;
  }
  text(o: Obj, key: string, path: string, opts: { required?: boolean; max: number }): string | undefined {
    const v = o[key];
    if (v === undefined || v === null || v === '') return opts.required ? this.fail(path, 'is required') : undefined;
    if (typeof v !== 'string') return this.fail(path, 'must be a string');
    const s = cleanText(v).trim();
    if (!s) return opts.required ? this.fail(path, 'is required') : undefined;
    if (s.length > opts.max) return this.fail(path, `must be at most ${opts.max} characters`);
    return s;
  }
  oneOf<T extends string>(o: Obj, key: string, path: string, allowed: readonly T[], fallback: T): T | undefined {
    const v = o[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    return this.fail(path, `must be one of ${allowed.join(', ')}`);
  }
}

/** A category to match: { scheme, code | name }. */
function categoryMatch(r: Issues, v: unknown, path: string): WireCategoryMatch | undefined {
  if (!isObj(v)) return r.fail(path, 'must be { scheme, code } or { scheme, name }');
  const scheme = r.oneOf(v, 'scheme', `${path}.scheme`, WIRE_CATEGORY_SCHEMES, undefined as never);
  if (v.scheme === undefined) r.fail(`${path}.scheme`, `is required (one of ${WIRE_CATEGORY_SCHEMES.join(', ')})`);
  const code = r.text(v, 'code', `${path}.code`, { max: 200 });
  const name = r.text(v, 'name', `${path}.name`, { max: 200 });
  if (!code && !name && v.code === undefined && v.name === undefined) r.fail(path, 'needs a code or a name to match');
  if (!scheme || (!code && !name)) return undefined;
  return { scheme, ...(code && { code }), ...(name && { name }) };
}

/** Mapping rules from untrusted input; `prefix` names where they came from in messages. */
export function checkRules(input: unknown, prefix = 'rules'): WireRule[] {
  const r = new Issues('');
  if (!Array.isArray(input)) {
    throw invalid([{ path: prefix, message: 'must be a list of rules { scheme, code | name, section?, topics? }', code: 'bad_shape' }]);
  }
  if (input.length > MAX_RULES) throw invalid([{ path: prefix, message: `at most ${MAX_RULES} rules`, code: 'bad_shape' }]);
  const rules = input.map((v, i): WireRule | undefined => {
    const path = `${prefix}[${i}]`;
    const match = categoryMatch(r, v, path);
    if (!isObj(v)) return undefined;
    const section = r.text(v, 'section', `${path}.section`, { max: LIMITS.section });
    let topics: string[] = [];
    if (v.topics !== undefined && v.topics !== null) {
      if (!Array.isArray(v.topics)) r.fail(`${path}.topics`, 'must be a list of topic names');
      else {
        topics = v.topics.map((t, k) => r.text({ t }, 't', `${path}.topics[${k}]`, { required: true, max: LIMITS.topic })).filter((t): t is string => !!t);
        if (topics.length > LIMITS.topics) r.fail(`${path}.topics`, `at most ${LIMITS.topics} topics`);
      }
    }
    if (!section && !topics.length) r.fail(path, 'must give a section or topics (what the category maps to)');
    if (!match || (!section && !topics.length)) return undefined;
    return { ...match, ...(section && { section }), topics: [...new Set(topics)] };
  });
  if (r.list.length) throw invalid(r.list);
  return rules as WireRule[];
}

/** A checked source (with its inline rules, when given: LEDE_WIRE_SOURCES may carry them). */
export interface CheckedSource {
  fields: WireSourceFields;
  rules?: WireRule[];
}

/**
 * A source from untrusted input. `stored` is the current one when it exists
 * (a push source keeps its secret when none is sent).
 */
export function checkSource(input: unknown, opts: { prefix?: string; storedHasSecret?: boolean } = {}): CheckedSource {
  const prefix = opts.prefix ?? '';
  const r = new Issues(prefix);
  if (!isObj(input)) throw invalid([{ path: prefix || '(source)', message: 'must be an object { id, name, format, transport, … }', code: 'bad_shape' }]);
  const id = r.text(input, 'id', 'id', { required: true, max: 64 });
  if (id && !SOURCE_ID.test(id)) r.fail('id', 'lower-case letters, digits and inner hyphens only (e.g. "dpa" or "dpa-basis"), at most 64');
  const name = r.text(input, 'name', 'name', { required: true, max: 200 });
  const format = r.oneOf(input, 'format', 'format', WIRE_SOURCE_FORMATS, 'auto');
  const transport = r.oneOf(input, 'transport', 'transport', WIRE_TRANSPORTS, 'manual');
  const withdrawPolicy = r.oneOf(input, 'withdrawPolicy', 'withdrawPolicy', WITHDRAW_POLICIES, 'flag');
  let settings: Record<string, unknown> = {};
  if (input.settings !== undefined && input.settings !== null) {
    if (!isObj(input.settings)) r.fail('settings', 'must be an object');
    else if (JSON.stringify(input.settings).length > MAX_SETTINGS_BYTES) r.fail('settings', `must be at most ${MAX_SETTINGS_BYTES} characters as JSON`);
    else {
      settings = cleanDeep(input.settings);
      if (settings.section !== undefined && (typeof settings.section !== 'string' || !settings.section.trim() || settings.section.length > LIMITS.section)) {
        r.fail('settings.section', `must be a section name of 1 to ${LIMITS.section} characters (the default section of stories taken over)`);
      }
    }
  }
  let secret: string | null | undefined;
  let secretBad = false;
  if (input.secret === null) secret = null;
  else if (input.secret !== undefined) {
    if (typeof input.secret !== 'string' || input.secret.length < MIN_SECRET || input.secret.length > 500 || /\s|\u0000/.test(input.secret)) {
      secretBad = true;
      r.fail('secret', `must be ${MIN_SECRET} to 500 characters without spaces`);
    } else secret = input.secret;
  }
  if (transport === 'push' && !secretBad && !(secret || (secret === undefined && opts.storedHasSecret))) {
    r.fail('secret', `a push source needs a secret (at least ${MIN_SECRET} characters) to check the signature of what is pushed`);
  }
  let active = true;
  if (input.active !== undefined && input.active !== null) {
    if (typeof input.active !== 'boolean') r.fail('active', 'must be true or false');
    else active = input.active;
  }
  const autoPublish: AutoPublishRule[] = [];
  if (input.autoPublish !== undefined && input.autoPublish !== null) {
    if (!Array.isArray(input.autoPublish)) r.fail('autoPublish', 'must be a list of { when: { scheme, code | name }, publish: true }');
    else if (input.autoPublish.length > MAX_RULES) r.fail('autoPublish', `at most ${MAX_RULES} rules`);
    else {
      input.autoPublish.forEach((a, i) => {
        const path = `autoPublish[${i}]`;
        if (!isObj(a)) return r.fail(path, 'must be { when: { scheme, code | name }, publish: true }');
        const when = categoryMatch(r, a.when, `${path}.when`);
        if (a.publish !== true) return r.fail(`${path}.publish`, 'must be true (remove the rule to stop publishing)');
        if (when) autoPublish.push({ when, publish: true });
        return undefined;
      });
    }
  }
  let rules: WireRule[] | undefined;
  if (input.rules !== undefined && input.rules !== null) {
    try {
      rules = checkRules(input.rules, `${prefix}rules`);
    } catch (err) {
      if (err instanceof LedeError) r.list.push(...err.issues);
      else throw err;
    }
  }
  if (r.list.length) throw invalid(r.list);
  const fields: WireSourceFields = {
    id: id!, name: name!, format: format!, transport: transport!, settings, withdrawPolicy: withdrawPolicy!, autoPublish, active,
    ...(secret !== undefined && { secret }),
  };
  return { fields, ...(rules && { rules }) };
}

/**
 * LEDE_WIRE_SOURCES: a JSON array of sources (each may carry `rules`), for
 * setups without anyone at the newsroom's forms. CONFIG naming the entry and
 * field when anything is wrong, so the process stops with one clear line.
 */
export function parseSourcesEnv(json: string): CheckedSource[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw new LedeError('CONFIG', `LEDE_WIRE_SOURCES must be a JSON array of wire sources; it is not JSON (${(err as Error).message})`, { reason: 'bad_config' });
  }
  if (!Array.isArray(parsed)) throw new LedeError('CONFIG', 'LEDE_WIRE_SOURCES must be a JSON array of wire sources ([{ "id": "dpa", "name": "dpa", … }])', { reason: 'bad_config' });
  const seen = new Set<string>();
  return parsed.map((entry, i) => {
    try {
      const checked = checkSource(entry, { prefix: `LEDE_WIRE_SOURCES[${i}].` });
      if (seen.has(checked.fields.id)) throw invalid([{ path: `LEDE_WIRE_SOURCES[${i}].id`, message: `"${checked.fields.id}" is named twice`, code: 'bad_shape' }]);
      seen.add(checked.fields.id);
      return checked;
    } catch (err) {
      if (err instanceof LedeError) throw new LedeError('CONFIG', err.message.replace(/^wire source is invalid: /, 'LEDE_WIRE_SOURCES is invalid: '), { reason: 'bad_config', issues: err.issues });
      throw err;
    }
  });
}

function invalid(issues: ValidationIssue[]): LedeError {
  return new LedeError('VALIDATION', `wire source is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { reason: 'wire_source_invalid', issues });
}

/** True when `category` is what `match` names (scheme, then code — or its tail after ":" — or name, ignoring case). */
export function categoryMatches(match: WireCategoryMatch, category: { scheme: string; code?: string; name: string }): boolean {
  if (match.scheme !== category.scheme) return false;
  const lc = (s: string) => s.toLocaleLowerCase('de');
  if (match.code && category.code) {
    const want = lc(match.code);
    const code = lc(category.code);
    if (code === want || code.slice(code.lastIndexOf(':') + 1) === want || want.slice(want.lastIndexOf(':') + 1) === code) return true;
  }
  return !!match.name && lc(match.name) === lc(category.name);
}
