import { LIMITS } from '../../content/types.js';
import { htmlToBlocks, htmlToBox, htmlToText } from './html-blocks.js';
import {
  cleanLine, cleanMultiline, httpUrl, isObj, isoInstant, isoTime, languageOf, limited, list, positiveInt,
  positiveNumber, pubStatusOf, rightsOf, shown, urgencyOf, assertShallow, type Obj,
} from './wire-fields.js';
import {
  WireRefusal,
  type WireAssociation, type WireBox, type WireCategory, type WireCategoryScheme, type WireItem, type WireItemType,
  type WireNote, type WireRendition,
} from './wire-item.js';

/**
 * dpa digitalwires (`"format": "digitalwires@0.9.1"`, one entry as wireQ or
 * s3push deliver it) → WireItem.
 *
 * Where each field goes:
 * - urn → guid; version; version_created → versionCreated; content_created → firstCreated
 * - pubstatus (else the dnltype:pubstatus category, else "usable" with a warning)
 * - signal and dnltype:signal categories → signals; sig:correction → correction
 * - embargoed → embargoUntil; urgency; language
 * - kicker, headline, subhead, teaser, byline, dateline (its trailing " - " dropped)
 * - article_html → body; infobox_html / linkbox_html → boxes
 * - creditline → creditLine and rights.credit; copyrightnotice, usageterms → rights;
 *   the dnltype:infosource with role isrol:contentSource → rights.copyrightHolder
 * - notepad public_html → a publishable note, nonpublic_html → a note that is not;
 *   ednotes → notes with their role and is_publishable; autopublishnotice → a note
 * - descriptions: drol:caption → teaser when there is none; the other descriptions → notes
 * - associations → pictures/audio/video with renditions, their caption and rights
 * - categories → WireCategory (desk, dpasubject, mediatopic, geo, genre, keyword, poi,
 *   service for dnltype:wire, other for rubric/scope/person/subject)
 *
 * Left out on purpose: entry_id and updated (the queue's, not the item's), the
 * *_names lists (copies of the categories), creator/contributor categories (dpa
 * staff accounts), rendition fovealarea and audio bitrates (no use on the desk).
 *
 * The item's type: text when there is article_html, else the kind of its first
 * association (picture, audio, video), else text — as dpa's own NewsML-G2 rendering does.
 *
 * Refused (WireRefusal naming it): no urn, a version that is not a whole number
 * ≥ 1, an unknown pubstatus (it might be a withdrawal), an embargo that is not an
 * instant with offset (it must not become "no embargo"), and an empty headline —
 * except for a picture, audio or video item with a caption, whose headline is the
 * picture's own headline or the caption's first line (with a warning).
 */

const CATEGORY_SCHEMES: Record<string, WireCategoryScheme> = {
  'dnltype:desk': 'desk',
  'dnltype:dpasubject': 'dpasubject',
  'dnltype:geosubject': 'geo',
  'dnltype:located': 'geo',
  'dnltype:locationcreated': 'geo',
  'dnltype:genre': 'genre',
  'dnltype:keyword': 'keyword',
  'dnltype:poi': 'poi',
  'dnltype:wire': 'service',
  'dnltype:subject': 'other',
  'dnltype:rubric': 'other',
  'dnltype:scope': 'other',
  'dnltype:person': 'other',
};

/** Categories that repeat a field read elsewhere, or name staff accounts: not categories on the desk. */
const NOT_CATEGORIES = new Set([
  'dnltype:pubstatus', 'dnltype:signal', 'dnltype:urgency', 'dnltype:provider', 'dnltype:infosource',
  'dnltype:creator', 'dnltype:contributor',
]);

const ASSOCIATION_KINDS: Record<string, WireAssociation['kind']> = {
  image: 'picture', picture: 'picture', photo: 'picture', graphic: 'graphic', audio: 'audio', video: 'video', text: 'text',
};

export function isDigitalwires(doc: unknown): boolean {
  return isObj(doc) && typeof doc.format === 'string' && /^digitalwires@/i.test(doc.format.trim());
}

export function readDigitalwires(doc: unknown): WireItem {
  if (!isObj(doc)) throw new WireRefusal(`a digitalwires entry must be a JSON object, got ${Array.isArray(doc) ? 'a list' : doc === null ? 'null' : typeof doc}`);
  assertShallow(doc, 'the digitalwires entry');
  if (!isDigitalwires(doc)) throw new WireRefusal(`not a digitalwires entry (format: ${shown(doc.format)})`);
  const formatVersion = cleanLine(String(doc.format).trim().slice('digitalwires@'.length));
  const warnings: string[] = [];

  const guid = cleanLine(doc.urn, LIMITS.url);
  if (!guid) throw new WireRefusal('digitalwires entry without an urn');
  const version = positiveInt(doc.version);
  if (version === undefined) throw new WireRefusal(`digitalwires entry ${guid}: version must be a whole number ≥ 1, got ${shown(doc.version)}`);

  const categories = list(doc.categories).filter(isObj);
  const pubStatus = readPubStatus(doc, categories, guid, warnings);
  const signals = readSignals(doc, categories);

  const associations = readAssociations(doc.associations, warnings);
  const articleHtml = typeof doc.article_html === 'string' ? doc.article_html : '';
  const type = itemType(articleHtml, associations);

  const body = htmlToBlocks(articleHtml);
  warnings.push(...body.warnings);
  const boxes: WireBox[] = [];
  for (const [key, role] of [['infobox_html', 'infobox'], ['linkbox_html', 'linkbox']] as const) {
    if (typeof doc[key] !== 'string') continue;
    const { box, warnings: w } = htmlToBox(doc[key] as string, role);
    if (box) boxes.push(box);
    warnings.push(...w);
  }

  const descriptions = list(doc.descriptions).filter(isObj);
  const caption = cleanMultiline(descriptions.find((d) => d.role === 'drol:caption')?.description);

  let headline = limited(doc.headline, LIMITS.headline, 'headline', warnings);
  if (!headline) {
    // A picture or audio item is its caption; its headline can be derived. A text without a headline cannot.
    const mediaCaption = caption ?? associations[0]?.caption;
    if ((type === 'picture' || type === 'audio' || type === 'video') && mediaCaption) {
      headline = cleanLine(associations[0]?.headline ?? mediaCaption.split('\n')[0], LIMITS.headline);
      warnings.push('no headline; took it from the caption');
    }
    if (!headline) throw new WireRefusal(`digitalwires entry ${guid}: headline is empty`);
  }

  let teaser = limited(doc.teaser, LIMITS.teaser, 'teaser', warnings);
  if (!teaser && caption) teaser = cleanLine(caption, LIMITS.teaser);

  const creditLine = cleanLine(doc.creditline, LIMITS.credit);
  const contentSource = categories.find((c) => c.type === 'dnltype:infosource' && c.role === 'isrol:contentSource');

  const item: WireItem = {
    format: 'digitalwires',
    ...(formatVersion && { formatVersion }),
    guid,
    version,
    pubStatus,
    signals,
    correction: signals.includes('sig:correction'),
    type,
    headline,
    body: body.blocks,
    boxes,
    rights: rightsOf({
      credit: doc.creditline,
      copyrightHolder: contentSource?.name,
      copyrightNotice: doc.copyrightnotice,
      usageTerms: doc.usageterms,
    }),
    notes: readNotes(doc, descriptions, teaser),
    associations,
    categories: readCategories(categories),
    warnings,
  };
  const versionCreated = isoTime(doc.version_created);
  if (versionCreated) item.versionCreated = versionCreated;
  const firstCreated = isoTime(doc.content_created);
  if (firstCreated) item.firstCreated = firstCreated;
  if (doc.embargoed !== null && doc.embargoed !== undefined) {
    const embargo = isoInstant(doc.embargoed);
    // An embargo we cannot read must not turn into "no embargo": refuse, so the item goes to the dead letters.
    if (!embargo) throw new WireRefusal(`digitalwires entry ${guid}: embargoed is not an ISO 8601 instant with offset (${shown(doc.embargoed)})`);
    item.embargoUntil = embargo;
  }
  const urgency = urgencyOf(doc.urgency ?? categories.find((c) => c.type === 'dnltype:urgency')?.name);
  if (urgency) item.urgency = urgency;
  else if (doc.urgency !== null && doc.urgency !== undefined) warnings.push(`urgency ${shown(doc.urgency)} is not 1–9; ignored`);
  const language = languageOf(doc.language);
  if (language) item.language = language;
  const kicker = limited(doc.kicker, LIMITS.kicker, 'kicker', warnings);
  if (kicker) item.kicker = kicker;
  const subhead = cleanLine(doc.subhead, LIMITS.teaser);
  if (subhead) item.subhead = subhead;
  if (teaser) item.teaser = teaser;
  const byline = limited(doc.byline, LIMITS.byline, 'byline', warnings);
  if (byline) item.byline = byline;
  // "Waghäusel (dpa) - " is printed before the first paragraph; the dash is typography, not part of the place.
  const dateline = cleanLine(typeof doc.dateline === 'string' ? doc.dateline.replace(/\s*[-–—]\s*$/, '') : undefined, LIMITS.byline);
  if (dateline) item.dateline = dateline;
  if (creditLine) item.creditLine = creditLine;
  return item;
}

function readPubStatus(doc: Obj, categories: Obj[], guid: string, warnings: string[]): WireItem['pubStatus'] {
  const given = doc.pubstatus ?? categories.find((c) => c.type === 'dnltype:pubstatus')?.qcode;
  if (given === null || given === undefined) {
    warnings.push('no pubstatus; read as usable');
    return 'usable';
  }
  const status = pubStatusOf(given);
  // An unknown status might be a withdrawal we do not understand: never read it as usable.
  if (!status) throw new WireRefusal(`digitalwires entry ${guid}: unknown pubstatus ${shown(given)}`);
  return status;
}

function readSignals(doc: Obj, categories: Obj[]): string[] {
  const out = new Set<string>();
  for (const s of [...list(doc.signal), ...list(doc.signals)]) {
    const v = cleanLine(isObj(s) ? s.qcode : s, 100);
    if (v) out.add(v);
  }
  for (const c of categories) {
    const v = c.type === 'dnltype:signal' ? cleanLine(c.qcode, 100) : undefined;
    if (v) out.add(v);
  }
  return [...out];
}

function itemType(articleHtml: string, associations: WireAssociation[]): WireItemType {
  if (articleHtml.trim()) return 'text';
  const first = associations[0]?.kind;
  return first === 'picture' || first === 'graphic' || first === 'audio' || first === 'video' ? first : 'text';
}

function readNotes(doc: Obj, descriptions: Obj[], teaser: string | undefined): WireNote[] {
  const notes: WireNote[] = [];
  const add = (text: string | undefined, publishable: boolean, role?: string): void => {
    if (text) notes.push({ text, publishable, ...(role && { role }) });
  };
  if (isObj(doc.notepad)) {
    add(htmlToText(String(doc.notepad.public_html ?? '')), true, 'notepad');
    add(htmlToText(String(doc.notepad.nonpublic_html ?? '')), false, 'notepad-nonpublic');
  }
  for (const e of list(doc.ednotes)) {
    if (!isObj(e)) continue;
    // Only an explicit true makes a note publishable.
    add(cleanMultiline(e.ednote), e.is_publishable === true, cleanLine(e.role, 100));
  }
  add(cleanMultiline(doc.autopublishnotice), true, 'autopublishnotice');
  for (const d of descriptions) {
    const text = cleanMultiline(d.description);
    // The caption that became the teaser is not repeated as a note.
    if (text && cleanLine(text, LIMITS.teaser) !== teaser) add(text, true, cleanLine(d.role, 100) ?? 'description');
  }
  return notes;
}

function readAssociations(raw: unknown, warnings: string[]): WireAssociation[] {
  const out: WireAssociation[] = [];
  for (const a of list(raw)) {
    if (!isObj(a)) continue;
    const kind = ASSOCIATION_KINDS[String(a.type ?? '').toLowerCase()] ?? 'other';
    const renditions: WireRendition[] = [];
    let badUrls = 0;
    for (const r of list(a.renditions)) {
      if (!isObj(r)) continue;
      const href = httpUrl(r.url ?? r.href);
      if (!href) {
        badUrls++;
        continue;
      }
      const rendition: WireRendition = { href };
      // dpa's "size" is the long edge in pixels (…-s2048.jpeg), not bytes: it names the rendition.
      const role = cleanLine(r.role, 100) ?? (positiveInt(r.size) ? `s${positiveInt(r.size)}` : undefined);
      if (role) rendition.role = role;
      const mimeType = cleanLine(r.mimetype, 100);
      if (mimeType) rendition.mimeType = mimeType;
      const width = positiveInt(r.width);
      if (width) rendition.width = width;
      const height = positiveInt(r.height);
      if (height) rendition.height = height;
      const duration = positiveNumber(r.duration);
      if (duration) rendition.durationSeconds = duration;
      renditions.push(rendition);
    }
    if (badUrls) warnings.push(`dropped ${badUrls} rendition${badUrls > 1 ? 's' : ''} without an http(s) URL`);
    const assoc: WireAssociation = {
      kind,
      rights: rightsOf({ credit: a.creditline, copyrightNotice: a.copyrightnotice, usageTerms: a.usageterms }),
      renditions,
    };
    const guid = cleanLine(a.urn, LIMITS.url);
    if (guid) assoc.guid = guid;
    const version = positiveInt(a.version);
    if (version) assoc.version = version;
    const rank = positiveInt(a.rank);
    if (rank) assoc.rank = rank;
    const headline = cleanLine(a.headline, LIMITS.headline);
    if (headline) assoc.headline = headline;
    const caption = cleanMultiline(a.caption);
    if (caption) assoc.caption = [...caption].length > LIMITS.caption ? cleanLine(caption, LIMITS.caption) : caption;
    const alt = cleanLine(a.alt_text ?? a.alttext, LIMITS.alt);
    if (alt) assoc.altText = alt;
    out.push(assoc);
    // dpa marks the lead picture; it goes first whatever its rank.
    if (a.is_featureimage === true && out.length > 1) out.unshift(out.pop()!);
  }
  return out;
}

function readCategories(categories: Obj[]): WireCategory[] {
  const out: WireCategory[] = [];
  const seen = new Set<string>();
  for (const c of categories) {
    const type = String(c.type ?? '');
    if (NOT_CATEGORIES.has(type)) continue;
    const code = cleanLine(c.qcode, 200);
    let scheme = CATEGORY_SCHEMES[type] ?? 'other';
    // dpa files IPTC media topics under dpasubject (and AP's subjects under subject): the code says which it is.
    if (code?.startsWith('medtop:')) scheme = 'mediatopic';
    const name = cleanLine(c.name, 200) ?? code;
    if (!name) continue;
    const key = `${scheme}\u0000${code ?? ''}\u0000${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ scheme, ...(code && { code }), name });
  }
  return out;
}
