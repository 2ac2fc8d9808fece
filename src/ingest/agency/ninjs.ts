import { LIMITS } from '../../content/types.js';
import { htmlToBlocks } from './html-blocks.js';
import { checkNinjs } from './ninjs-rules.js';
import { ninjsVersion, type NinjsVersion } from './ninjs-version.js';
import {
  cleanLine, cleanMultiline, httpUrl, isObj, isoInstant, isoTime, languageOf, limited, list, positiveInt,
  positiveNumber, pubStatusOf, rightsOf, shown, urgencyOf, assertShallow, type Obj,
} from './wire-fields.js';
import {
  WireRefusal,
  type WireAssociation, type WireCategory, type WireCategoryScheme, type WireItem, type WireItemType, type WireNote,
  type WireRendition,
} from './wire-item.js';
import type { Block } from '../../content/types.js';

/**
 * IPTC ninjs 1.x, 2.x and 3.x → WireItem.
 *
 * The version comes from the document's claim or its shape (ninjs-version.ts).
 * Every document is checked against the rules of its version (ninjs-rules.ts)
 * and a failure is a WireRefusal listing the paths.
 *
 * Field homes: uri → guid; version → version + 1 (ninjs counts from "0" at some
 * agencies, AP among them; the desk needs 1, 2, 3 … in the same order);
 * versionCreated, firstCreated (else contentCreated), pubStatus (default usable,
 * as the standard says), embargoed(Until), urgency, language, type; headlines
 * (main → headline, sub… → subhead), descriptions (caption/creditline/note roles,
 * the rest → teaser); bodies (HTML/XHTML → htmlToBlocks, NITF body.content,
 * plain text → a paragraph per line); by → byline; located → dateline;
 * copyrightHolder/Notice, usageTerms → rights; edNote, rightsInfo, expires → notes
 * that are not publishable; associations and a picture's own renditions →
 * associations; subjects, genres, places (→ geo), people, organisations, events,
 * objects, profile and slugline → categories.
 */

const NINJS_TYPES: Record<string, WireItemType> = {
  text: 'text', picture: 'picture', graphic: 'graphic', video: 'video', audio: 'audio', composite: 'composite',
  event: 'event', planning: 'other', component: 'other',
};
const ASSOCIATION_KINDS: Record<string, WireAssociation['kind']> = {
  picture: 'picture', graphic: 'graphic', video: 'video', audio: 'audio', text: 'text',
};

export { looksLikeNinjs, ninjsVersion } from './ninjs-version.js';
export type { NinjsVersion } from './ninjs-version.js';

export function readNinjs(doc: unknown): WireItem {
  if (!isObj(doc)) throw new WireRefusal(`a ninjs document must be a JSON object, got ${Array.isArray(doc) ? 'a list' : doc === null ? 'null' : typeof doc}`);
  // Before the schema check: its code recurses with associations.
  assertShallow(doc, 'the ninjs document');
  const v = ninjsVersion(doc);
  const paths = checkNinjs(doc, v.rules, { extension: v.extension !== undefined });
  if (paths.length) {
    const how = v.claimed ? `claims ninjs ${v.version}` : `has the shape of ninjs ${v.version}`;
    throw new WireRefusal(`ninjs document ${how} but does not follow its rules (${v.rules})`, paths);
  }
  return v.rules === '1.x' ? readLegacy(doc, v) : readModern(doc, v);
}

// ---- 2.x / 3.x ----

/** A field by its 3.x name or its 2.x lower-case twin. */
const get = (o: Obj, name: string): unknown => o[name] ?? o[name.toLowerCase()];

function readModern(doc: Obj, v: NinjsVersion): WireItem {
  const warnings: string[] = [];
  const item = base(doc, v, warnings);
  const headlines = list(doc.headlines).filter(isObj);
  const main = headlines.find((h) => h.role === 'main') ?? headlines.find((h) => !/sub/i.test(String(h.role ?? ''))) ?? headlines[0];
  const sub = headlines.find((h) => h !== main && /sub/i.test(String(h.role ?? '')));
  const descriptions = list(doc.descriptions).filter(isObj).map((d) => ({ role: String(d.role ?? '').toLowerCase(), value: d.value, type: String(get(d, 'contentType') ?? '') }));

  const bodies = list(doc.bodies).filter(isObj).map((b) => ({ role: String(b.role ?? ''), type: String(get(b, 'contentType') ?? ''), value: b.value }));
  item.body = readBody(bodies, warnings);

  finish(item, doc, {
    headline: main?.value,
    subhead: sub?.value,
    descriptions,
    byline: doc.by,
  }, warnings);

  for (const a of list(doc.associations)) if (isObj(a)) item.associations.push(association(a, warnings));
  addOwnRenditions(item, list(doc.renditions).filter(isObj).map((r) => ({ ...r, role: r.name })), descriptions, warnings);

  const cats = new Categories();
  for (const s of list(doc.subjects).filter(isObj)) cats.add(subjectScheme(s), s.uri ?? s.literal, s.name);
  for (const g of list(doc.genres).filter(isObj)) cats.add('genre', g.uri ?? g.literal, g.name);
  for (const p of list(doc.places).filter(isObj)) cats.add('geo', p.uri ?? p.literal, p.name);
  for (const key of ['people', 'organisations', 'events', 'objects']) for (const o of list(doc[key]).filter(isObj)) cats.add('other', o.uri ?? o.literal, o.name);
  cats.add('other', typeof doc.profile === 'string' ? `profile:${doc.profile}` : undefined, doc.profile);
  cats.add('keyword', undefined, doc.slugline);
  item.categories = cats.list;

  const rightsInfo = get(doc, 'rightsInfo');
  if (isObj(rightsInfo)) note(item.notes, get(rightsInfo, 'linkedRights') ?? get(rightsInfo, 'encodedRights'), 'rightsinfo');
  if (isObj(doc.eventDetails) || Array.isArray(doc.plannedCoverage)) warnings.push('event details and planned coverage are not carried to the desk');
  return item;
}

// ---- 1.x ----

function readLegacy(doc: Obj, v: NinjsVersion): WireItem {
  const warnings: string[] = [];
  const item = base(doc, v, warnings);
  const suffixed = (prefix: string): { role: string; type: string; value: unknown }[] =>
    Object.keys(doc).filter((k) => k.startsWith(`${prefix}_`)).map((k) => {
      const role = k.slice(prefix.length + 1);
      const type = /html/.test(role) ? 'text/html' : /nitf/.test(role) ? 'text/vnd.IPTC.NITF' : /xml/.test(role) ? 'application/xml' : 'text/plain';
      return { role, type, value: doc[k] };
    });
  const descriptions = suffixed('description').map((d) => ({ ...d, value: d.type === 'text/html' ? htmlText(d.value) : d.value }));
  item.body = readBody(suffixed('body'), warnings);
  const extraHeadlines = suffixed('headline');
  finish(item, doc, {
    headline: doc.headline ?? extraHeadlines[0]?.value,
    subhead: extraHeadlines.find((h) => /sub/.test(h.role))?.value,
    descriptions,
    byline: doc.byline,
  }, warnings);

  if (isObj(doc.associations)) {
    for (const a of Object.values(doc.associations)) if (isObj(a)) item.associations.push(association(a, warnings));
  }
  if (isObj(doc.renditions)) {
    addOwnRenditions(item, Object.entries(doc.renditions).filter(([, r]) => isObj(r)).map(([role, r]) => ({ ...(r as Obj), role })), descriptions, warnings);
  }
  const cats = new Categories();
  const code = (o: Obj): unknown => (o.code !== undefined ? `${typeof o.scheme === 'string' ? o.scheme : ''}${String(o.code)}` : undefined);
  for (const s of list(doc.subject).filter(isObj)) cats.add(subjectScheme({ uri: code(s) }), code(s), s.name);
  for (const g of list(doc.genre).filter(isObj)) cats.add('genre', code(g), g.name);
  for (const p of list(doc.place).filter(isObj)) cats.add('geo', code(p), p.name);
  for (const key of ['person', 'organisation', 'event', 'object']) for (const o of list(doc[key]).filter(isObj)) cats.add('other', code(o), o.name);
  cats.add('other', typeof doc.profile === 'string' ? `profile:${doc.profile}` : undefined, doc.profile);
  cats.add('keyword', undefined, doc.slugline);
  item.categories = cats.list;
  if (isObj(doc.rightsinfo)) note(item.notes, doc.rightsinfo.linkedrights ?? doc.rightsinfo.encodedrights, 'rightsinfo');
  return item;
}

// ---- shared ----

/** The fields 1.x, 2.x and 3.x share (3.x names, 2.x/1.x lower case). */
function base(doc: Obj, v: NinjsVersion, warnings: string[]): WireItem {
  const guid = cleanLine(doc.uri, LIMITS.url);
  if (!guid) throw new WireRefusal('ninjs document with an empty uri');
  if (v.note) warnings.push(v.note);
  if (v.extension) warnings.push(`an extension of ninjs (${v.extension}); fields it adds are not read`);
  const item: WireItem = {
    format: 'ninjs',
    formatVersion: v.version,
    guid,
    version: ninjsVersionNumber(doc.version, warnings),
    pubStatus: 'usable',
    signals: [],
    correction: false,
    type: NINJS_TYPES[String(doc.type ?? 'text')] ?? 'text',
    headline: '',
    body: [],
    boxes: [],
    rights: rightsOf({ copyrightHolder: get(doc, 'copyrightHolder'), copyrightNotice: get(doc, 'copyrightNotice'), usageTerms: get(doc, 'usageTerms') }),
    notes: [],
    associations: [],
    categories: [],
    warnings,
  };
  const status = get(doc, 'pubStatus');
  if (status !== undefined) {
    const s = pubStatusOf(status);
    if (!s) throw new WireRefusal(`ninjs document ${guid}: unknown pubStatus ${shown(status)}`);
    item.pubStatus = s;
  }
  const versionCreated = isoTime(get(doc, 'versionCreated'));
  if (versionCreated) item.versionCreated = versionCreated;
  const firstCreated = isoTime(get(doc, 'firstCreated') ?? get(doc, 'contentCreated'));
  if (firstCreated) item.firstCreated = firstCreated;
  const embargo = doc.embargoedUntil ?? doc.embargoed;
  if (embargo !== undefined) {
    const until = isoInstant(embargo);
    if (!until) throw new WireRefusal(`ninjs document ${guid}: embargo ${shown(embargo)} is not an instant with offset`);
    item.embargoUntil = until;
  }
  const urgency = urgencyOf(doc.urgency);
  if (urgency) item.urgency = urgency;
  else if (doc.urgency !== undefined) warnings.push(`urgency ${shown(doc.urgency)} is not 1–9; ignored`);
  const language = languageOf(doc.language);
  if (language) item.language = language;
  note(item.notes, get(doc, 'edNote'), 'ednote');
  const expires = isoTime(doc.expires);
  // The role says what the instant means; the desk words it.
  if (expires) note(item.notes, expires, 'expires');
  return item;
}

/** ninjs "0", "1", "2" … → 1, 2, 3 …; anything else → 1 with a warning. */
function ninjsVersionNumber(raw: unknown, warnings: string[]): number {
  if (raw === undefined) return 1;
  const s = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  if (/^\d{1,9}$/.test(s)) return Number(s) + 1;
  warnings.push(`version ${shown(raw)} is not a number; read as the first version`);
  return 1;
}

interface TextField { role: string; type: string; value: unknown }

/** Headline, subhead, teaser, caption, credit and byline, with the fallbacks a desk item needs. */
function finish(item: WireItem, doc: Obj, f: { headline: unknown; subhead: unknown; descriptions: TextField[]; byline: unknown }, warnings: string[]): void {
  const d = f.descriptions;
  const caption = cleanMultiline(d.find((x) => x.role === 'caption')?.value);
  const credit = cleanLine(d.find((x) => x.role === 'creditline' || x.role === 'credit')?.value, LIMITS.credit);
  const teaserField = d.find((x) => ['summary', 'lead', 'teaser', 'abstract', 'text', ''].includes(x.role))
    ?? d.find((x) => !['caption', 'creditline', 'credit', 'note', 'writer', 'alt', 'alttext'].includes(x.role));
  let teaser = limited(teaserField?.value, LIMITS.teaser, 'teaser', warnings);
  if (!teaser && caption && item.type !== 'text') teaser = cleanLine(caption, LIMITS.teaser);
  for (const x of d) if (x.role === 'note') note(item.notes, x.value, 'description-note');

  let headline = limited(f.headline, LIMITS.headline, 'headline', warnings);
  if (!headline) {
    // A valid ninjs item needs no headline; the desk still lists it under something, and says so.
    const fallback = cleanLine(doc.title, LIMITS.headline) ?? cleanLine(doc.slugline, LIMITS.headline) ?? cleanLine(caption?.split('\n')[0], LIMITS.headline);
    headline = fallback ?? cleanLine(item.guid, LIMITS.headline)!;
    warnings.push(fallback ? 'no headline; took the title, slugline or caption' : 'no headline; the desk shows the uri');
  }
  item.headline = headline;
  const subhead = cleanLine(f.subhead, LIMITS.teaser);
  if (subhead) item.subhead = subhead;
  if (teaser) item.teaser = teaser;
  const byline = limited(f.byline ?? d.find((x) => x.role === 'writer')?.value, LIMITS.byline, 'byline', warnings);
  if (byline) item.byline = byline;
  const dateline = cleanLine(doc.located, LIMITS.byline);
  if (dateline) item.dateline = dateline;
  if (credit) {
    item.creditLine = credit;
    item.rights.credit = credit;
  }
}

/** The body from the best of the given bodies: HTML, then NITF, then plain text. */
function readBody(bodies: TextField[], warnings: string[]): Block[] {
  const usable = bodies.filter((b) => typeof b.value === 'string' && b.value.trim());
  const kind = (b: TextField): string => {
    const t = `${b.type} ${b.role}`.toLowerCase();
    if (/nitf/.test(t)) return 'nitf';
    if (/html|xhtml/.test(t)) return 'html';
    if (/xml/.test(t)) return /<body\.content/i.test(String(b.value)) ? 'nitf' : 'html';
    return 'text';
  };
  const pick = usable.find((b) => kind(b) === 'html') ?? usable.find((b) => kind(b) === 'nitf') ?? usable[0];
  if (!pick) return [];
  const value = pick.value as string;
  const k = kind(pick);
  if (k === 'text') return plainBlocks(value);
  const html = k === 'nitf' ? nitfBody(value) : value;
  const r = htmlToBlocks(html);
  warnings.push(...r.warnings);
  return r.blocks;
}

/** NITF's body.content as HTML: hl1/hl2 become headings, body.head (repeated headline, byline) and body.end are left out. */
function nitfBody(xml: string): string {
  const content = /<body\.content\b[^>]*>([\s\S]*?)<\/body\.content>/i.exec(xml)?.[1] ?? xml;
  return content.replace(/<(\/?)hl1\b[^>]*>/gi, '<$1h2>').replace(/<(\/?)hl2\b[^>]*>/gi, '<$1h3>').replace(/<(\/?)block\b[^>]*>/gi, '<$1div>');
}

/** Plain text: one paragraph per non-empty line (agencies send a paragraph per line). */
function plainBlocks(text: string): Block[] {
  const escaped = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
    .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('');
  return htmlToBlocks(escaped).blocks;
}

function htmlText(v: unknown): unknown {
  return typeof v === 'string' ? htmlToBlocks(v).blocks.map((b) => (b.type === 'paragraph' ? b.content.map((r) => r.text).join('') : '')).join('\n') : v;
}

function association(a: Obj, warnings: string[]): WireAssociation {
  const descriptions = list(a.descriptions).filter(isObj);
  const legacyDescriptions = Object.keys(a).filter((k) => k.startsWith('description_')).map((k) => ({ role: k.slice(12), value: a[k] }));
  const all = [...descriptions.map((d) => ({ role: String(d.role ?? '').toLowerCase(), value: d.value })), ...legacyDescriptions];
  const caption = cleanMultiline(all.find((d) => d.role === 'caption')?.value ?? all.find((d) => !['creditline', 'credit', 'alt', 'alttext', 'note'].includes(d.role))?.value);
  const alt = cleanLine(all.find((d) => d.role === 'alt' || d.role === 'alttext')?.value, LIMITS.alt);
  const credit = all.find((d) => d.role === 'creditline' || d.role === 'credit')?.value ?? a.by ?? a.byline;
  const headlines = list(a.headlines).filter(isObj);
  const headline = cleanLine(headlines.find((h) => h.role === 'main')?.value ?? headlines[0]?.value ?? a.headline ?? a.title, LIMITS.headline);
  const renditions = Array.isArray(a.renditions)
    ? a.renditions.filter(isObj).map((r) => ({ ...r, role: r.name }))
    : isObj(a.renditions) ? Object.entries(a.renditions).filter(([, r]) => isObj(r)).map(([role, r]) => ({ ...(r as Obj), role })) : [];
  const out: WireAssociation = {
    kind: ASSOCIATION_KINDS[String(a.type ?? '')] ?? 'other',
    rights: rightsOf({ credit, copyrightHolder: get(a, 'copyrightHolder'), copyrightNotice: get(a, 'copyrightNotice'), usageTerms: get(a, 'usageTerms') }),
    renditions: readRenditions(renditions, warnings),
  };
  const guid = cleanLine(a.uri, LIMITS.url);
  if (guid) out.guid = guid;
  if (typeof a.version === 'string' && /^\d{1,9}$/.test(a.version.trim())) out.version = Number(a.version) + 1;
  // The association's name ("mainpic", "a001") is its role in the item, not a headline.
  if (headline) out.headline = headline;
  if (caption) out.caption = [...caption].length > LIMITS.caption ? cleanLine(caption, LIMITS.caption) : caption;
  if (alt) out.altText = alt;
  return out;
}

function readRenditions(raw: Obj[], warnings: string[]): WireRendition[] {
  const out: WireRendition[] = [];
  let bad = 0;
  for (const r of raw) {
    const href = httpUrl(r.href);
    if (!href) {
      // A rendition without a link (planning, "to be delivered") or with a non-web one is of no use to the desk.
      if (r.href !== undefined) bad++;
      continue;
    }
    const rendition: WireRendition = { href };
    const role = cleanLine(r.role, 100);
    if (role) rendition.role = role;
    const mime = cleanLine(get(r, 'contentType') ?? r.mimetype, 100);
    if (mime) rendition.mimeType = mime;
    const width = positiveInt(r.width);
    if (width) rendition.width = width;
    const height = positiveInt(r.height);
    if (height) rendition.height = height;
    const size = positiveInt(get(r, 'sizeInBytes'));
    if (size) rendition.sizeBytes = size;
    const duration = positiveNumber(r.duration);
    if (duration) rendition.durationSeconds = duration;
    out.push(rendition);
  }
  if (bad) warnings.push(`dropped ${bad} rendition${bad > 1 ? 's' : ''} without an http(s) link`);
  return out;
}

/** A picture, graphic, video or audio item carries its files itself: the desk sees them as the item's first association. */
function addOwnRenditions(item: WireItem, renditions: Obj[], descriptions: TextField[], warnings: string[]): void {
  // A text's own renditions are other formats of the same text (HTML, PDF): nothing for the picture desk.
  const kind = ASSOCIATION_KINDS[item.type];
  if (!renditions.length || !kind || kind === 'text') return;
  const own = readRenditions(renditions, warnings);
  if (!own.length) return;
  const caption = cleanMultiline(descriptions.find((d) => d.role === 'caption')?.value);
  const alt = cleanLine(descriptions.find((d) => d.role === 'alt' || d.role === 'alttext')?.value, LIMITS.alt);
  item.associations.unshift({
    kind,
    guid: item.guid,
    version: item.version,
    headline: item.headline,
    ...(caption && { caption: [...caption].length > LIMITS.caption ? cleanLine(caption, LIMITS.caption)! : caption }),
    ...(alt && { altText: alt }),
    rights: { ...item.rights },
    renditions: own,
  });
}

function subjectScheme(s: Obj): WireCategoryScheme {
  const code = `${String(s.uri ?? '')} ${String(s.literal ?? '')}`;
  if (/mediatopic|medtop:/i.test(code)) return 'mediatopic';
  if (/dpasubject/i.test(code)) return 'dpasubject';
  if (/dpacat:|\/desk\//i.test(code)) return 'desk';
  return 'other';
}

class Categories {
  readonly list: WireCategory[] = [];
  private readonly seen = new Set<string>();

  add(scheme: WireCategoryScheme, rawCode: unknown, rawName: unknown): void {
    const code = cleanLine(rawCode, 200);
    const name = cleanLine(rawName, 200) ?? code;
    if (!name) return;
    const key = `${scheme}\u0000${code ?? ''}\u0000${name}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ scheme, ...(code && { code }), name });
  }
}

/** A note that is not for publication (ninjs edNote, rights info …): anything unclear stays internal. */
function note(notes: WireNote[], raw: unknown, role: string): void {
  const text = cleanMultiline(raw);
  if (text) notes.push({ text, publishable: false, role });
}
