import { SANE_YEARS, isIsoDateTime, isSaneYear } from './time.js';
import { isSlug } from './slug.js';
import { isSafeLocalPath } from './paths.js';
import {
  BOX_BODY_TYPES, FIGURE_KINDS, LIMITS, MARKS, MEDIA_TYPES, STORY_KINDS,
  type Author, type Block, type BroadcastRef, type Figure, type Inline, type MediaInfo,
  type RelatedTeaser, type StoryDraft,
} from './types.js';

/**
 * What can be wrong with one field of the input: the `code` of every issue,
 * set where the issue is made (validateDraft, the services, the endpoints'
 * input schemas). The newsroom words each code in the editor's language
 * (src/admin/issue-text.ts); `message` stays the English rule for integrators.
 */
export const ISSUE_CODES = [
  'required', 'not_text', 'too_long', 'too_many', 'control_chars', 'bad_url', 'bad_datetime', 'one_of', 'number_range',
  'not_list', 'bad_shape', 'alt_required', 'bad_asset_id', 'bad_language', 'bad_slug', 'bad_entry_id',
  'duplicate_entry_id', 'nested_entry', 'entry_empty', 'not_before', 'media_required', 'no_ticker_entry',
  // Hardening: dates within SANE_YEARS, no bidi controls in one-line text
  'year_range', 'bidi_control',
  // Boxes: only text blocks inside (no figures, embeds, boxes or ticker entries); no broken UTF-16
  'not_in_box', 'lone_surrogate',
] as const;

/**
 * Codes of issues the services and endpoints find beyond the draft itself
 * (input schemas, workflow, accounts, media rights).
 */
export const INPUT_ISSUE_CODES = [
  'no_credit', 'no_such_picture', 'moves_from', 'in_future', 'time_for_schedule', 'time_only_for_schedule',
  'already_depublished', 'correction_published_only', 'correction_length', 'not_liveticker', 'must_be_text',
  'password_short', 'password_long', 'password_blank', 'one_of_roles', 'not_a_date', 'last_admin', 'not_yourself',
  'rights_date', 'after_valid_from', 'focal_range', 'unknown_field', 'not_a_number', 'not_an_object', 'bad_email',
  // Accounts, topics and sections
  'named_twice',
  // Media library
  'bad_cursor', 'broken_text',
  // Eilmeldung
  'not_found', 'not_published', 'in_the_past', 'too_late', 'out_of_range',
] as const;

/** A code `validateDraft` gives. */
export type DraftIssueCode = (typeof ISSUE_CODES)[number];
/** Any issue's code. */
export type IssueCode = DraftIssueCode | (typeof INPUT_ISSUE_CODES)[number];

/** The values an issue's wording needs: `{ max: 200, got: 230 }`, `{ allowed: ['image', 'graphic', 'map'] }`. */
export type IssueParams = Record<string, string | number | string[]>;

/**
 * One problem with the input, named by its path:
 * `{ path: 'headline', message: 'required, at most 200 characters', code: 'required', params: { max: 200 } }`.
 * Issues from `validateDraft` always carry `code` (and `params` when the wording needs values);
 * issues made elsewhere (services, other endpoints) may have only `path` and `message`.
 */
export interface ValidationIssue {
  path: string;
  message: string;
  code?: IssueCode;
  params?: IssueParams;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** "headline: required, at most 200 characters; body[2].alt: …" */
export function formatIssues(issues: ValidationIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// Control characters other than tab/newline never belong in editorial text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Bidirectional embedding, override and isolate controls: refused in one-line
 * fields (headline, kicker, names, slugs …). Multi-line text may quote
 * right-to-left languages, where they have a use.
 */
export const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** A media library asset's id (a UUID). */
const ASSET_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The block types, as the "unknown type" issue names them. */
const BLOCK_TYPE_NAMES = ['paragraph', 'heading', 'figure', 'quote', 'list', 'embed', 'ticker-entry', 'box'] as const;

/**
 * Half of a UTF-16 surrogate pair standing alone: no character at all, and
 * PostgreSQL refuses it in jsonb. The HTTP door refuses these already; the
 * importers (agency feeds, files) reach validateDraft without that door.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text no store takes: a NUL, or a lone UTF-16 surrogate (PostgreSQL refuses both). */
const BROKEN_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isBrokenText = (s: string): boolean => BROKEN_TEXT.test(s);

/** A trailing dash after a dateline ("Berlin (dpa) -"): the page sets its own. */
const DATELINE_DASH = /[\s\u00a0]*[-\u2010-\u2015]+[\s\u00a0]*$/;

/** A ticker entry's own key: safe in an HTML id and a URL fragment. */
const TICKER_ENTRY_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Collects issues while reading an untrusted object; each reader returns a clean value or undefined. */
class Reader {
  readonly issues: ValidationIssue[] = [];

  fail(path: string, message: string, code: DraftIssueCode, params?: IssueParams): undefined {
    this.issues.push({ path, message, code, ...(params && { params }) });
    return undefined;
  }

  text(obj: Obj, key: string, path: string, opts: { required?: boolean; max: number; multiline?: boolean }): string | undefined {
    const raw = obj[key];
    const rule = `${opts.required ? 'required, ' : ''}text of at most ${opts.max} characters`;
    if (raw === undefined || raw === null || raw === '') {
      return opts.required ? this.fail(path, rule.replace('text of ', ''), 'required', { max: opts.max }) : undefined;
    }
    if (typeof raw !== 'string') return this.fail(path, `${rule}, got ${typeof raw}`, 'not_text', { max: opts.max, got: typeof raw });
    // Normal form C: the same words are the same text (search, slugs, names), however they were typed.
    const value = (opts.multiline ? raw.trim() : raw.replace(/\s+/g, ' ').trim()).normalize('NFC');
    if (!value) return opts.required ? this.fail(path, `${rule.replace('text of ', '')}; it is blank`, 'required', { max: opts.max }) : undefined;
    if (CONTROL.test(value)) return this.fail(path, 'must not contain control characters', 'control_chars');
    if (LONE_SURROGATE.test(value)) return this.fail(path, 'must not contain a lone UTF-16 surrogate (broken text)', 'lone_surrogate');
    // A right-to-left override in a headline or a name makes it display as other text than it is (spoofing in lists and feeds).
    if (!opts.multiline && BIDI_CONTROL.test(value)) return this.fail(path, 'must not contain bidirectional override, embedding or isolate characters (U+202A–U+202E, U+2066–U+2069)', 'bidi_control');
    if ([...value].length > opts.max) return this.fail(path, `${rule}, got ${[...value].length}`, 'too_long', { max: opts.max, got: [...value].length });
    return value;
  }

  url(obj: Obj, key: string, path: string, required = false): string | undefined {
    const value = this.text(obj, key, path, { required, max: LIMITS.url });
    if (value === undefined) return undefined;
    // Paths on this site (isSafeLocalPath: never "//host" or "/\host") and http(s)/mailto only; never javascript: and friends.
    if (isSafeLocalPath(value)) return value;
    try {
      const u = new URL(value);
      if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:') return value;
    } catch {
      /* reported below */
    }
    return this.fail(path, 'must be an http(s) or mailto URL or a path starting with "/"', 'bad_url');
  }

  time(obj: Obj, key: string, path: string, required = false): string | undefined {
    const raw = obj[key];
    if (raw === undefined || raw === null || raw === '') return required ? this.fail(path, 'required ISO 8601 date-time with offset', 'required') : undefined;
    if (!isIsoDateTime(raw)) {
      if (typeof raw === 'string' && /^\d{4}-/.test(raw) && !isSaneYear(Number(raw.slice(0, 4)))) {
        return this.fail(path, `a year from ${SANE_YEARS.min} to ${SANE_YEARS.max}`, 'year_range', { min: SANE_YEARS.min, max: SANE_YEARS.max });
      }
      return this.fail(path, 'must be an ISO 8601 date-time with offset, e.g. 2022-01-21T13:00:00+01:00', 'bad_datetime');
    }
    return raw;
  }

  oneOf<T extends string>(obj: Obj, key: string, path: string, allowed: readonly T[], fallback?: T): T | undefined {
    const raw = obj[key];
    if ((raw === undefined || raw === null) && fallback !== undefined) return fallback;
    if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
    return this.fail(path, `must be one of ${allowed.join(', ')}`, 'one_of', { allowed: [...allowed] });
  }

  count(obj: Obj, key: string, path: string, opts: { min: number; max: number; required?: boolean }): number | undefined {
    const raw = obj[key];
    if (raw === undefined || raw === null) return opts.required ? this.fail(path, `required number from ${opts.min} to ${opts.max}`, 'number_range', { min: opts.min, max: opts.max }) : undefined;
    if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < opts.min || raw > opts.max) {
      return this.fail(path, `must be a number from ${opts.min} to ${opts.max}`, 'number_range', { min: opts.min, max: opts.max });
    }
    return raw;
  }

  array(obj: Obj, key: string, path: string, max: number): unknown[] {
    const raw = obj[key];
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) {
      this.fail(path, 'must be a list', 'not_list');
      return [];
    }
    if (raw.length > max) {
      this.fail(path, `at most ${max} entries, got ${raw.length}`, 'too_many', { max, got: raw.length });
      return [];
    }
    return raw;
  }

  inlines(raw: unknown, path: string): Inline[] | undefined {
    if (typeof raw === 'string') raw = [{ text: raw }];
    if (!Array.isArray(raw)) return this.fail(path, 'must be a list of text runs', 'bad_shape');
    const out: Inline[] = [];
    let total = 0;
    raw.forEach((item, i) => {
      const p = `${path}[${i}]`;
      const run = typeof item === 'string' ? { text: item } : item;
      if (!isObj(run)) return void this.fail(p, 'must be a text run { text, marks?, href? }', 'bad_shape');
      if (typeof run.text !== 'string' || run.text === '') return void this.fail(`${p}.text`, 'required text', 'required');
      if (CONTROL.test(run.text)) return void this.fail(`${p}.text`, 'must not contain control characters', 'control_chars');
      if (LONE_SURROGATE.test(run.text)) return void this.fail(`${p}.text`, 'must not contain a lone UTF-16 surrogate (broken text)', 'lone_surrogate');
      total += run.text.length;
      const inline: Inline = { text: run.text };
      const marks = this.array(run, 'marks', `${p}.marks`, MARKS.length);
      if (marks.length) {
        const clean = marks.filter((m): m is Inline['marks'] extends (infer U)[] | undefined ? U : never => (MARKS as readonly unknown[]).includes(m));
        if (clean.length !== marks.length) this.fail(`${p}.marks`, `must be from ${MARKS.join(', ')}`, 'one_of', { allowed: [...MARKS] });
        else inline.marks = [...new Set(clean)];
      }
      if (run.href !== undefined) {
        const href = this.url(run, 'href', `${p}.href`);
        if (href) inline.href = href;
      }
      out.push(inline);
    });
    if (total > LIMITS.inlineText) return this.fail(path, `at most ${LIMITS.inlineText} characters, got ${total}`, 'too_long', { max: LIMITS.inlineText, got: total });
    const text = out.map((r) => r.text).join('').trim();
    if (!text) return this.fail(path, 'required text; it is blank', 'required');
    return out;
  }

  figure(raw: unknown, path: string): Figure | undefined {
    if (!isObj(raw)) return this.fail(path, 'must be a figure { kind, alt, caption?, credit?, src?, assetId? }', 'bad_shape');
    const before = this.issues.length;
    const kind = this.oneOf(raw, 'kind', `${path}.kind`, FIGURE_KINDS, 'image');
    if (raw.alt === undefined || raw.alt === null) this.fail(`${path}.alt`, 'required; describe the image, or "" if it is decorative', 'alt_required');
    const alt = raw.alt === '' ? '' : this.text(raw, 'alt', `${path}.alt`, { max: LIMITS.alt });
    const caption = this.text(raw, 'caption', `${path}.caption`, { max: LIMITS.caption });
    const credit = this.text(raw, 'credit', `${path}.credit`, { max: LIMITS.credit });
    const src = this.url(raw, 'src', `${path}.src`);
    const width = this.count(raw, 'width', `${path}.width`, { min: 1, max: 100000 });
    const height = this.count(raw, 'height', `${path}.height`, { min: 1, max: 100000 });
    let assetId: string | undefined;
    if (raw.assetId !== undefined && raw.assetId !== null && raw.assetId !== '') {
      if (typeof raw.assetId === 'string' && ASSET_ID.test(raw.assetId)) assetId = raw.assetId.toLowerCase();
      else this.fail(`${path}.assetId`, 'must be the UUID of a picture in the media library', 'bad_asset_id');
    }
    if (this.issues.length > before || !kind) return undefined;
    const fig: Figure = { kind, alt: alt ?? '' };
    if (caption) fig.caption = caption;
    if (credit) fig.credit = credit;
    if (src) fig.src = src;
    if (width) fig.width = Math.round(width);
    if (height) fig.height = Math.round(height);
    if (assetId) fig.assetId = assetId;
    return fig;
  }

  /** One block; `depth` counts the ticker entries and boxes around it, `inBox` says a box holds it. */
  block(raw: unknown, path: string, depth = 0, inBox = false): Block | undefined {
    if (!isObj(raw)) return this.fail(path, 'must be a block object with a "type"', 'bad_shape');
    if (inBox && typeof raw.type === 'string' && (BLOCK_TYPE_NAMES as readonly string[]).includes(raw.type) && !(BOX_BODY_TYPES as readonly string[]).includes(raw.type)) {
      return this.fail(`${path}.type`, `a box holds only ${BOX_BODY_TYPES.join(', ')} blocks, not ${raw.type}`, 'not_in_box', { allowed: [...BOX_BODY_TYPES], got: raw.type });
    }
    switch (raw.type) {
      case 'paragraph': {
        const content = this.inlines(raw.content, `${path}.content`);
        return content && { type: 'paragraph', content };
      }
      case 'heading': {
        const text = this.text(raw, 'text', `${path}.text`, { required: true, max: LIMITS.headline });
        const level = raw.level === undefined ? 2 : raw.level;
        if (level !== 2 && level !== 3) return this.fail(`${path}.level`, 'must be 2 or 3', 'one_of', { allowed: ['2', '3'] });
        return text ? { type: 'heading', level, text } : undefined;
      }
      case 'figure': {
        const fig = this.figure(raw, path);
        return fig && { type: 'figure', ...fig };
      }
      case 'quote': {
        const text = this.text(raw, 'text', `${path}.text`, { required: true, max: LIMITS.inlineText, multiline: true });
        const speaker = this.text(raw, 'speaker', `${path}.speaker`, { max: LIMITS.byline });
        if (!text) return undefined;
        return speaker ? { type: 'quote', text, speaker } : { type: 'quote', text };
      }
      case 'list': {
        const itemsRaw = this.array(raw, 'items', `${path}.items`, 500);
        if (!itemsRaw.length) return this.fail(`${path}.items`, 'required, at least one item', 'required');
        const items = itemsRaw.map((it, i) => this.inlines(it, `${path}.items[${i}]`));
        if (items.some((i) => !i)) return undefined;
        return { type: 'list', ordered: raw.ordered === true, items: items as Inline[][] };
      }
      case 'embed': {
        const url = this.url(raw, 'url', `${path}.url`, true);
        const provider = this.text(raw, 'provider', `${path}.provider`, { max: 80 });
        const title = this.text(raw, 'title', `${path}.title`, { max: LIMITS.headline });
        if (!url) return undefined;
        return { type: 'embed', url, ...(provider && { provider }), ...(title && { title }) };
      }
      case 'ticker-entry': {
        if (depth > 0) return this.fail(path, 'a ticker entry cannot contain another ticker entry', 'nested_entry');
        const id = this.text(raw, 'id', `${path}.id`, { max: 64 });
        const badId = id !== undefined && !TICKER_ENTRY_ID.test(id);
        if (badId) this.fail(`${path}.id`, 'lowercase letters, digits and dashes, starting with a letter or digit', 'bad_entry_id');
        const time = this.time(raw, 'time', `${path}.time`, true);
        const title = this.text(raw, 'title', `${path}.title`, { max: LIMITS.headline });
        const location = this.text(raw, 'location', `${path}.location`, { max: LIMITS.section });
        const bodyRaw = this.array(raw, 'body', `${path}.body`, LIMITS.tickerEntryBlocks);
        const body = bodyRaw.map((b, i) => this.block(b, `${path}.body[${i}]`, depth + 1));
        if (!time || badId || body.some((b) => !b)) return undefined;
        if (!title && !body.length) return this.fail(path, 'a ticker entry needs a title or body text', 'entry_empty');
        return { type: 'ticker-entry', ...(id && { id }), time, ...(title && { title }), ...(location && { location }), body: body as Block[] };
      }
      case 'box': {
        // A box may stand in the story or in a ticker entry ("Was wir wissen"); a box in a box is refused above.
        const heading = this.text(raw, 'heading', `${path}.heading`, { max: LIMITS.headline });
        const before = this.issues.length;
        const bodyRaw = this.array(raw, 'body', `${path}.body`, LIMITS.boxBlocks);
        if (!bodyRaw.length && this.issues.length === before) return this.fail(`${path}.body`, 'required, at least one block of text', 'required');
        const body = bodyRaw.map((b, i) => this.block(b, `${path}.body[${i}]`, depth + 1, true));
        if (this.issues.length > before || body.some((b) => !b)) return undefined;
        return { type: 'box', ...(heading && { heading }), body: body as Block[] };
      }
      default:
        return this.fail(`${path}.type`, `must be one of ${BLOCK_TYPE_NAMES.join(', ')}`, 'one_of', { allowed: [...BLOCK_TYPE_NAMES] });
    }
  }
}

/**
 * Checks and normalises an untrusted story draft (from JSON, an importer or the editor).
 * Never throws: every problem comes back as an issue naming the field and the rule.
 */
export function validateDraft(input: unknown): ValidationResult<StoryDraft> {
  const r = new Reader();
  if (!isObj(input)) return { ok: false, issues: [{ path: '(story)', message: 'must be a JSON object', code: 'bad_shape' }] };

  const kind = r.oneOf(input, 'kind', 'kind', STORY_KINDS, 'article');
  const language = typeof input.language === 'string' && /^[a-z]{2}(-[A-Z]{2})?$/.test(input.language)
    ? input.language
    : input.language === undefined ? 'de' : r.fail('language', 'must be a language tag like "de" or "en"', 'bad_language');
  const kicker = r.text(input, 'kicker', 'kicker', { max: LIMITS.kicker });
  const headline = r.text(input, 'headline', 'headline', { required: true, max: LIMITS.headline });
  const teaser = r.text(input, 'teaser', 'teaser', { max: LIMITS.teaser });
  const byline = r.text(input, 'byline', 'byline', { max: LIMITS.byline });
  const section = r.text(input, 'section', 'section', { max: LIMITS.section });
  const slug = r.text(input, 'slug', 'slug', { max: LIMITS.slug });
  if (slug && !isSlug(slug)) r.fail('slug', 'lower-case letters, digits and single hyphens only', 'bad_slug');
  const source = r.text(input, 'source', 'source', { max: LIMITS.url });
  // One-line fields: the dash agencies set after the dateline goes (the page sets its own).
  const dateline = r.text(input, 'dateline', 'dateline', { max: LIMITS.dateline })?.replace(DATELINE_DASH, '') || undefined;
  const sourceLine = r.text(input, 'sourceLine', 'sourceLine', { max: LIMITS.sourceLine });

  const topics = r.array(input, 'topics', 'topics', LIMITS.topics)
    .map((t, i) => r.text({ t }, 't', `topics[${i}]`, { required: true, max: LIMITS.topic }))
    .filter((t): t is string => !!t);

  const authors = r.array(input, 'authors', 'authors', LIMITS.authors).map((a, i): Author | undefined => {
    const path = `authors[${i}]`;
    if (!isObj(a)) return r.fail(path, 'must be an author { name, affiliation?, image? }', 'bad_shape');
    const name = r.text(a, 'name', `${path}.name`, { required: true, max: LIMITS.byline });
    const affiliation = r.text(a, 'affiliation', `${path}.affiliation`, { max: LIMITS.byline });
    const image = a.image === undefined ? undefined : r.figure(a.image, `${path}.image`);
    return name ? { name, ...(affiliation && { affiliation }), ...(image && { image }) } : undefined;
  }).filter((a): a is Author => !!a);

  const firstPublishedAt = r.time(input, 'firstPublishedAt', 'firstPublishedAt');
  const updatedAt = r.time(input, 'updatedAt', 'updatedAt');
  if (firstPublishedAt && updatedAt && Date.parse(updatedAt) < Date.parse(firstPublishedAt)) {
    r.fail('updatedAt', 'must not be before firstPublishedAt', 'not_before', { other: 'firstPublishedAt' });
  }

  const embargoUntil = r.time(input, 'embargoUntil', 'embargoUntil');

  const lead = input.lead === undefined || input.lead === null ? undefined : r.figure(input.lead, 'lead');

  let broadcast: BroadcastRef | undefined;
  if (input.broadcast !== undefined && input.broadcast !== null) {
    if (!isObj(input.broadcast)) r.fail('broadcast', 'must be { programme?, startsAt }', 'bad_shape');
    else {
      const startsAt = r.time(input.broadcast, 'startsAt', 'broadcast.startsAt', true);
      const programme = r.text(input.broadcast, 'programme', 'broadcast.programme', { max: LIMITS.section });
      if (startsAt) broadcast = { startsAt, ...(programme && { programme }) };
    }
  }

  const related = r.array(input, 'related', 'related', LIMITS.related).map((t, i): RelatedTeaser | undefined => {
    const path = `related[${i}]`;
    if (!isObj(t)) return r.fail(path, 'must be a teaser { title, mediaType, durationSeconds?, url?, image? }', 'bad_shape');
    const title = r.text(t, 'title', `${path}.title`, { required: true, max: LIMITS.headline });
    const mediaType = r.oneOf(t, 'mediaType', `${path}.mediaType`, MEDIA_TYPES, 'article');
    const durationSeconds = r.count(t, 'durationSeconds', `${path}.durationSeconds`, { min: 1, max: 86400 });
    const url = r.url(t, 'url', `${path}.url`);
    const image = t.image === undefined ? undefined : r.figure(t.image, `${path}.image`);
    if (!title || !mediaType) return undefined;
    return { title, mediaType, ...(durationSeconds && { durationSeconds }), ...(url && { url }), ...(image && { image }) };
  }).filter((t): t is RelatedTeaser => !!t);

  let media: MediaInfo | undefined;
  if (input.media !== undefined && input.media !== null) {
    if (!isObj(input.media)) r.fail('media', 'must be { durationSeconds, src? }', 'bad_shape');
    else {
      const durationSeconds = r.count(input.media, 'durationSeconds', 'media.durationSeconds', { min: 1, max: 86400, required: true });
      const src = r.url(input.media, 'src', 'media.src');
      if (durationSeconds) media = { durationSeconds, ...(src && { src }) };
    }
  }
  if ((kind === 'video' || kind === 'audio') && !media && input.media === undefined) {
    r.fail('media', `required for a ${kind} item: { durationSeconds, src? }`, 'media_required', { kind });
  }

  const bodyRaw = r.array(input, 'body', 'body', LIMITS.blocks);
  const body = bodyRaw.map((b, i) => r.block(b, `body[${i}]`)).filter((b): b is Block => !!b);
  if (kind === 'liveticker' && !body.some((b) => b.type === 'ticker-entry') && !r.issues.some((i) => i.path.startsWith('body'))) {
    r.fail('body', 'a live ticker needs at least one ticker-entry block', 'no_ticker_entry');
  }
  const entryIds = new Set<string>();
  body.forEach((b, i) => {
    if (b.type !== 'ticker-entry' || !b.id) return;
    if (entryIds.has(b.id)) r.fail(`body[${i}].id`, `"${b.id}" is used by another ticker entry; ids must be unique within the story`, 'duplicate_entry_id', { id: b.id });
    entryIds.add(b.id);
  });

  if (r.issues.length || !kind || !headline) return { ok: false, issues: r.issues };

  const draft: StoryDraft = {
    kind,
    language: language ?? 'de',
    ...(kicker && { kicker }),
    headline,
    ...(teaser && { teaser }),
    ...(byline && { byline }),
    authors,
    ...(section && { section }),
    topics: [...new Set(topics)],
    ...(firstPublishedAt && { firstPublishedAt }),
    ...(updatedAt && { updatedAt }),
    ...(lead && { lead }),
    ...(broadcast && { broadcast }),
    related,
    ...(media && { media }),
    body,
    ...(dateline && { dateline }),
    ...(sourceLine && { sourceLine }),
    ...(source && { source }),
    ...(slug && { slug }),
    ...(embargoUntil && { embargoUntil }),
  };
  return { ok: true, value: draft };
}

/** Plain text of a block list, for search, excerpts and word counts. */
export function blocksToText(blocks: Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph': parts.push(b.content.map((c) => c.text).join('')); break;
      case 'heading': parts.push(b.text); break;
      case 'figure': if (b.caption) parts.push(b.caption); break;
      case 'quote': parts.push(b.speaker ? `${b.text} (${b.speaker})` : b.text); break;
      case 'list': for (const it of b.items) parts.push(it.map((c) => c.text).join('')); break;
      case 'embed': if (b.title) parts.push(b.title); break;
      case 'ticker-entry': if (b.title) parts.push(b.title); parts.push(blocksToText(b.body)); break;
      case 'box': if (b.heading) parts.push(b.heading); parts.push(blocksToText(b.body)); break;
    }
  }
  return parts.join('\n\n');
}
