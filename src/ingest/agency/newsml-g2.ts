import { readG2Body, noteText } from './newsml-g2-body.js';
import {
  codeOf,
  conceptId,
  conceptName,
  readCategories,
  readLinks,
  readOwnRenditions,
  readRights,
  typeOfItemClass,
  type G2Context,
} from './newsml-g2-meta.js';
import { blockText, element, elements, lineText, readXmlTree, type XElement } from './newsml-g2-xml.js';
import { LIMITS } from '../../content/types.js';
import { isoTime, languageOf, limited, positiveInt } from './wire-fields.js';
import { WireRefusal, type WireAssociation, type WireItem, type WireNote, type WirePubStatus } from './wire-item.js';

/**
 * NewsML-G2 → WireItem. Reads a `newsItem` (text with inline XHTML or NITF,
 * picture, graphic, audio, video with their renditions), a `packageItem` (one
 * item of type 'package' listing its items in order) or a `newsMessage`
 * carrying any number of them (one unreadable item refuses the message).
 * Concept, knowledge, planning and catalog items are refused by name. The XML
 * itself is read by newsml-g2-xml.ts, which refuses DTDs and entity
 * declarations before anything is parsed.
 *
 * Where each field goes:
 * - @guid, @version (default 1), @standardversion → formatVersion
 * - itemMeta: itemClass → type; pubStatus (default usable; unknown → refused);
 *   signal → signals, sig:correction → correction; embargoed (also in
 *   contentMeta) → embargoUntil; versionCreated, firstCreated; edNote → notes
 *   (never publishable); service → categories; link → associations (linked
 *   items and media) or the link box (plain web links)
 * - contentMeta: urgency; language (else xml:lang); headline (role
 *   hld:subHeadline → subhead, dpa's rank 2/3 → subhead/kicker); description
 *   drol:summary/teaser → teaser, drol:caption → the picture's caption; by,
 *   else creators with a full name → byline; dateline, else located → dateline;
 *   creditline; slugline → a desk note; subject/genre/keyword → categories
 * - rightsInfo: copyrightHolder, copyrightNotice, usageTerms, @validto →
 *   rights; accountable → a desk note
 * - contentSet: inline XHTML/NITF/inlineData → body; a media item's
 *   remoteContent (and icon) → its own association with the renditions
 */

export const G2_NS = 'http://iptc.org/std/nar/2006-10-01/';

const NOT_NEWS = new Set(['conceptItem', 'knowledgeItem', 'planningItem', 'catalogItem']);

/** G2's embargoed element left empty: embargoed until a later version says otherwise. */
const INDEFINITE_EMBARGO = '9999-12-31T23:59:59Z';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A date-time as the agency wrote it, when it is one; otherwise undefined and a warning. */
function dateTime(el: XElement | undefined, what: string, ctx: G2Context): string | undefined {
  const v = lineText(el);
  if (!v) return undefined;
  const t = isoTime(v);
  if (!t) ctx.warnings.push(`${what} "${v.slice(0, 40)}" is not a date and time; left out`);
  return t;
}

/** One-line fields within Lede's limits (a story made from the item must validate); a cut is a warning. */
function clip(out: WireItem): void {
  const w = out.warnings;
  out.headline = limited(out.headline, LIMITS.headline, 'headline', w) ?? '';
  const fields = [
    ['kicker', LIMITS.kicker], ['subhead', LIMITS.headline], ['teaser', LIMITS.teaser],
    ['byline', LIMITS.byline], ['dateline', LIMITS.dateline], ['creditLine', LIMITS.credit],
  ] as const;
  for (const [key, max] of fields) {
    const v = out[key];
    if (v === undefined) continue;
    const cut = limited(v, max, key, w);
    if (cut) out[key] = cut;
    else delete out[key];
  }
}

/**
 * The Sperrfrist. An embargo that cannot be read refuses the item: guessing
 * could publish it early. A time without offset is read as UTC, which for a
 * German desk is the later instant (Berlin is ahead of UTC), so never early.
 */
function readEmbargo(el: XElement | undefined, where: string, ctx: G2Context): string | undefined {
  if (!el) return undefined;
  const v = lineText(el);
  if (!v) {
    ctx.warnings.push('embargoed with no end given: held until a later version of the item lifts it');
    return INDEFINITE_EMBARGO;
  }
  const m = DATE_TIME.exec(v);
  if (!m || Number.isNaN(Date.parse(v))) throw new WireRefusal(`${where}: embargoed "${v.slice(0, 60)}" is not a date and time`);
  if (m[1]) return v;
  ctx.warnings.push(`embargo time ${v} has no UTC offset; read as UTC`);
  return v.includes('T') ? `${v}Z` : `${v}T00:00:00Z`;
}

function readPubStatus(itemMeta: XElement | undefined, where: string): WirePubStatus {
  const el = element(itemMeta, 'pubStatus', itemMeta?.ns);
  if (!el) return 'usable'; // G2's default when the item does not say
  const code = codeOf(conceptId(el))?.toLowerCase();
  if (code === 'usable' || code === 'withheld' || code === 'canceled') return code;
  if (code === 'cancelled') return 'canceled';
  throw new WireRefusal(`${where}: pubStatus "${conceptId(el) ?? ''}" is not usable, withheld or canceled`);
}

/**
 * Headline, subhead and kicker from contentMeta/headline. Roles say it where
 * given (hld:subHeadline); dpa's rendering gives ranks instead, its kicker
 * (Dachzeile) as rank 3 beside the main headline at rank 1.
 */
function readHeadlines(contentMeta: XElement | undefined, ctx: G2Context): { headline?: string; subhead?: string; kicker?: string } {
  const out: { headline?: string; subhead?: string; kicker?: string } = {};
  const plain: { text: string; rank?: number }[] = [];
  for (const h of elements(contentMeta, 'headline', ctx.ns)) {
    const text = lineText(h);
    if (!text) continue;
    const role = codeOf(h.attrs.role)?.toLowerCase();
    if (role === 'subheadline' || role === 'subhead' || role === 'subtitle') out.subhead ??= text;
    else if (role === 'kicker' || role === 'overline' || role === 'dachzeile') out.kicker ??= text;
    else plain.push({ text, rank: positiveInt(h.attrs.rank) });
  }
  if (!plain.length) return out;
  const main = plain.reduce((a, b) => ((b.rank ?? Infinity) < (a.rank ?? Infinity) ? b : a));
  out.headline = main.text;
  for (const h of plain) {
    if (h === main) continue;
    if (h.rank === 2) out.subhead ??= h.text;
    else if (h.rank === 3) out.kicker ??= h.text;
  }
  return out;
}

function readNotes(itemMeta: XElement | undefined, contentMeta: XElement | undefined, ctx: G2Context): WireNote[] {
  const notes: WireNote[] = [];
  // An edNote is a note to editors; G2 has no flag that makes one publishable, so none is.
  for (const n of [...elements(itemMeta, 'edNote', ctx.ns), ...elements(contentMeta, 'edNote', ctx.ns)]) {
    const text = noteText(n);
    if (text) notes.push({ text, publishable: false, ...(n.attrs.role && { role: n.attrs.role }) });
  }
  const slug = lineText(element(contentMeta, 'slugline', ctx.ns));
  if (slug) notes.push({ text: slug, publishable: false, role: 'slugline' });
  return notes;
}

function readByline(contentMeta: XElement | undefined, ctx: G2Context): string | undefined {
  const by = elements(contentMeta, 'by', ctx.ns).map((b) => lineText(b)).filter((t): t is string => !!t);
  if (by.length) return by.join(', ');
  // Creators are the authors (or the photographer); contributors are desk staff and caption writers, not a byline.
  // A creator name without a space is an account handle ("loening.meyel", as dpa's rendering gives), not a byline.
  const creators = elements(contentMeta, 'creator', ctx.ns)
    .map((c) => conceptName(c, ctx))
    .filter((t): t is string => !!t && /\s/.test(t));
  return creators.length ? creators.join(', ') : undefined;
}

function readDescriptions(contentMeta: XElement | undefined, ctx: G2Context): { teaser?: string; caption?: string; altText?: string } {
  const descs = elements(contentMeta, 'description', ctx.ns).map((d) => ({ role: codeOf(d.attrs.role)?.toLowerCase(), el: d }));
  const find = (...roles: string[]) => descs.find((d) => d.role !== undefined && roles.includes(d.role))?.el;
  const teaserEl = find('summary', 'teaser', 'abstract') ?? (descs.length === 1 && !descs[0]!.role ? descs[0]!.el : undefined);
  return {
    teaser: lineText(teaserEl),
    caption: blockText(find('caption')),
    altText: lineText(find('alternativetext', 'alttext')),
  };
}

const MEDIA_KINDS: Partial<Record<WireItem['type'], WireAssociation['kind']>> = {
  picture: 'picture', graphic: 'graphic', video: 'video', audio: 'audio',
};

/** What newsItem and packageItem share: identity, status, metadata, rights, notes, categories, links. */
function readCommon(item: XElement, where: string, ctx: G2Context): WireItem {
  const guid = item.attrs.guid?.trim();
  if (!guid) throw new WireRefusal(`${where}: no guid`);
  const rawVersion = item.attrs.version;
  const version = rawVersion === undefined ? 1 : positiveInt(rawVersion); // G2's default version is 1
  if (version === undefined) throw new WireRefusal(`${where}: version "${rawVersion}" is not a whole number ≥ 1`);
  const itemMeta = element(item, 'itemMeta', ctx.ns);
  const contentMeta = element(item, 'contentMeta', ctx.ns);
  const lang = languageOf(element(contentMeta, 'language', ctx.ns)?.attrs.tag) ?? languageOf(item.attrs['xml:lang']) ?? ctx.lang;
  if (lang) ctx.lang = lang;
  const signals = elements(itemMeta, 'signal', ctx.ns).map(conceptId).filter((s): s is string => !!s);
  const { headline, subhead, kicker } = readHeadlines(contentMeta, ctx);
  const { teaser } = readDescriptions(contentMeta, ctx);
  const { rights, accountable } = readRights(item, ctx);
  const creditLine = lineText(element(contentMeta, 'creditline', ctx.ns));
  if (creditLine) rights.credit = creditLine;
  const notes = readNotes(itemMeta, contentMeta, ctx);
  if (accountable) notes.push({ text: accountable, publishable: false, role: 'rights:accountable' });
  const urgencyText = lineText(element(contentMeta, 'urgency', ctx.ns));
  const urgency = positiveInt(urgencyText);
  if (urgencyText && (!urgency || urgency > 9)) ctx.warnings.push(`urgency "${urgencyText}" is not 1–9; left out`);
  const located = element(contentMeta, 'located', ctx.ns);
  // "Waghäusel (dpa) - " is printed before the first paragraph; the dash is typography, not part of the dateline.
  const dateline = (lineText(element(contentMeta, 'dateline', ctx.ns)) ?? (located && conceptName(located, ctx)))?.replace(/\s*[-–—]$/, '');
  const byline = readByline(contentMeta, ctx);
  const { associations, linkBox } = readLinks(item, ctx);
  const out: WireItem = {
    format: 'newsml-g2',
    guid,
    version,
    pubStatus: readPubStatus(itemMeta, where),
    signals,
    correction: signals.some((s) => codeOf(s)?.toLowerCase() === 'correction'),
    type: typeOfItemClass(element(itemMeta, 'itemClass', ctx.ns)) ?? 'other',
    headline: headline ?? '',
    body: [],
    boxes: linkBox ? [linkBox] : [],
    rights,
    notes,
    associations,
    categories: readCategories(item, ctx),
    warnings: ctx.warnings,
  };
  const formatVersion = item.attrs.standardversion?.trim();
  if (formatVersion) out.formatVersion = formatVersion;
  const versionCreated = dateTime(element(itemMeta, 'versionCreated', ctx.ns), 'versionCreated', ctx);
  if (versionCreated) out.versionCreated = versionCreated;
  const firstCreated = dateTime(element(itemMeta, 'firstCreated', ctx.ns), 'firstCreated', ctx);
  if (firstCreated) out.firstCreated = firstCreated;
  const embargo = readEmbargo(element(itemMeta, 'embargoed', ctx.ns) ?? element(contentMeta, 'embargoed', ctx.ns), where, ctx);
  if (embargo) out.embargoUntil = embargo;
  if (urgency && urgency <= 9) out.urgency = urgency;
  if (lang) out.language = lang;
  if (kicker) out.kicker = kicker;
  if (subhead) out.subhead = subhead;
  if (teaser) out.teaser = teaser;
  if (byline) out.byline = byline;
  if (dateline) out.dateline = dateline;
  if (creditLine) out.creditLine = creditLine;
  if (!headline) {
    // Pictures often come with a title and no headline; the desk lists every item by one.
    const fallback = lineText(element(itemMeta, 'title', ctx.ns)) ?? lineText(element(contentMeta, 'slugline', ctx.ns));
    if (fallback) {
      out.headline = fallback;
      ctx.warnings.push('no headline; took the title or slugline');
    }
  }
  return out;
}

function readNewsItem(item: XElement, where: string, ctx: G2Context): WireItem {
  const out = readCommon(item, where, ctx);
  const contentMeta = element(item, 'contentMeta', ctx.ns);
  const body = readG2Body(element(item, 'contentSet', ctx.ns), out.teaser);
  out.body = body.blocks;
  ctx.warnings.push(...body.warnings);
  // A NITF head fills what contentMeta left out.
  if (!out.headline && body.head.headline) out.headline = body.head.headline;
  if (!out.subhead && body.head.subhead) out.subhead = body.head.subhead;
  if (!out.byline && body.head.byline) out.byline = body.head.byline;
  if (!out.dateline && body.head.dateline) out.dateline = body.head.dateline;
  if (!out.teaser && body.head.teaser) out.teaser = body.head.teaser;
  // A picture's caption is its teaser on the desk when it has no other (as the digitalwires reader does).
  const { caption, altText } = readDescriptions(contentMeta, ctx);
  if (!out.teaser && caption) out.teaser = caption.replace(/\s+/g, ' ');
  if (!out.headline && MEDIA_KINDS[out.type]) {
    // A picture, video or audio item without any headline is described by its caption (or first description).
    const described = caption ?? blockText(element(contentMeta, 'description', ctx.ns));
    const firstLine = described?.split('\n')[0];
    if (firstLine) {
      out.headline = firstLine;
      ctx.warnings.push('no headline; took it from the description');
    }
  }
  if (!out.headline) throw new WireRefusal(`${where}: no headline (nor a title, slugline or description to take one from)`);
  const kind = MEDIA_KINDS[out.type];
  if (kind) {
    // A picture (video, audio, graphic) item carries its own files: the desk fetches them like a linked picture's.
    const renditions = readOwnRenditions(item, ctx);
    if (renditions.length) {
      out.associations.unshift({
        kind,
        guid: out.guid,
        version: out.version,
        ...(out.headline && { headline: out.headline }),
        ...(caption && { caption }),
        ...(altText && { altText }),
        rights: { ...out.rights },
        renditions,
      });
    }
  }
  return out;
}

/** A packageItem: one item of type 'package' listing its items in the order of its groups. */
function readPackageItem(pkg: XElement, where: string, ctx: G2Context): WireItem {
  const out = readCommon(pkg, where, ctx);
  out.type = 'package';
  const groupSet = element(pkg, 'groupSet', ctx.ns);
  const groups = elements(groupSet, 'group', ctx.ns);
  const byId = new Map(groups.filter((g) => g.attrs.id).map((g) => [g.attrs.id!, g]));
  const items: NonNullable<WireItem['packageItems']> = [];
  let unnamed = 0;
  const visited = new Set<XElement>();
  const walk = (container: XElement | undefined): void => {
    if (!container || visited.has(container)) return; // a groupRef cycle is walked once
    visited.add(container);
    for (const child of elements(container, undefined, ctx.ns)) {
      if (child.name === 'groupRef') walk(byId.get(child.attrs.idref ?? ''));
      else if (child.name === 'itemRef') {
        const guid = child.attrs.residref?.trim();
        if (!guid) {
          unnamed++;
          continue;
        }
        const version = positiveInt(child.attrs.version);
        const headline = lineText(element(child, 'title', ctx.ns)) ?? lineText(element(child, 'headline', ctx.ns));
        items.push({ guid, ...(version && { version }), ...(headline && { headline }) });
      }
    }
  };
  walk(byId.get(groupSet?.attrs.root ?? '') ?? groups[0]);
  for (const g of groups) walk(g); // groups the root does not reach still belong to the package
  walk(pkg); // itemRefs straight under the packageItem, as older listings print them
  if (unnamed) ctx.warnings.push(`${unnamed} itemRef${unnamed > 1 ? 's' : ''} without residref left out`);
  out.packageItems = items;
  if (!out.headline) throw new WireRefusal(`${where}: no headline (nor a title or slugline to take one from)`);
  return out;
}

function readAny(el: XElement, where: string, lang: string | undefined): WireItem {
  const ctx: G2Context = { ns: el.ns, warnings: [], ...(lang && { lang }) };
  const item = el.name === 'packageItem' ? readPackageItem(el, where, ctx) : readNewsItem(el, where, ctx);
  clip(item);
  return item;
}

function readMessage(msg: XElement): WireItem[] {
  const itemSet = element(msg, 'itemSet', msg.ns);
  if (!itemSet) throw new WireRefusal('newsMessage has no itemSet');
  const lang = languageOf(msg.attrs['xml:lang']);
  const items: WireItem[] = [];
  const skipped: string[] = [];
  elements(itemSet, undefined, msg.ns).forEach((el, i) => {
    const where = `newsMessage item ${i + 1} (${el.name})`;
    if (el.name === 'newsItem' || el.name === 'packageItem') items.push(readAny(el, where, lang));
    else skipped.push(el.name);
  });
  if (!items.length) {
    throw new WireRefusal(
      skipped.length ? `newsMessage carries no newsItem or packageItem, only ${skipped.map((n) => `<${n}>`).join(', ')}` : 'newsMessage has no items',
    );
  }
  if (skipped.length) for (const it of items) it.warnings.push(`the message also carried ${skipped.map((n) => `<${n}>`).join(', ')}, not read`);
  return items;
}

/** Reads a NewsML-G2 document into its items, or throws WireRefusal naming what was wrong. */
export function readNewsMlG2(xml: string): WireItem[] {
  const root = readXmlTree(xml);
  const known = root.name === 'newsItem' || root.name === 'packageItem' || root.name === 'newsMessage' || NOT_NEWS.has(root.name);
  if (!known) throw new WireRefusal(`root element <${root.name}> is not a NewsML-G2 newsItem, packageItem or newsMessage`);
  if (root.ns !== G2_NS && root.ns !== '') {
    throw new WireRefusal(`root element <${root.name}> is in the namespace ${root.ns}, not NewsML-G2's (${G2_NS})`);
  }
  if (NOT_NEWS.has(root.name)) {
    throw new WireRefusal(`${root.name} is not a news item: NewsML-G2 concept, knowledge, planning and catalog items are not read`);
  }
  const items = root.name === 'newsMessage' ? readMessage(root) : [readAny(root, root.name, undefined)];
  if (root.ns === '') for (const it of items) it.warnings.push(`no NewsML-G2 namespace declared (${G2_NS}); read by element names`);
  return items;
}
