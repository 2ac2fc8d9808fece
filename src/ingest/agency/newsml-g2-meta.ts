import type { Block } from '../../content/types.js';
import { httpUrl, positiveInt } from './wire-fields.js';
import { blockText, element, elements, lineText, type XElement } from './newsml-g2-xml.js';
import type {
  WireAssociation,
  WireBox,
  WireCategory,
  WireCategoryScheme,
  WireItemType,
  WireRendition,
  WireRights,
} from './wire-item.js';

/**
 * The metadata parts of a NewsML-G2 item that are lists of things: categories
 * (subject, genre, keyword, service), rights, renditions and links. Each
 * function takes the item's element and its namespace (G2 elements are matched
 * in it, so an extension element of the same local name is not mistaken).
 */

export interface G2Context {
  /** The namespace the item's own elements are in (NewsML-G2's, or none for sloppy producers). */
  ns: string;
  /** The item's language, for choosing among names in several languages. */
  lang?: string;
  warnings: string[];
}

/** The code part of a qcode ("ninat:picture" → "picture") or URI (".../ninature/picture" → "picture"). */
export function codeOf(qcodeOrUri: string | undefined): string | undefined {
  if (!qcodeOrUri) return undefined;
  const v = qcodeOrUri.trim();
  const cut = Math.max(v.lastIndexOf(':'), v.lastIndexOf('/'), v.lastIndexOf('#'));
  return v.slice(cut + 1) || undefined;
}

/** A concept's identity as given: qcode, else uri, else literal. */
export function conceptId(el: XElement | undefined): string | undefined {
  if (!el) return undefined;
  return (el.attrs.qcode ?? el.attrs.uri ?? el.attrs.literal)?.trim() || undefined;
}

/** A concept's name: the one in the item's language, else the first; undefined when it has none. */
export function conceptName(el: XElement, ctx: G2Context): string | undefined {
  const names = elements(el, 'name', ctx.ns);
  const lang = ctx.lang?.toLowerCase();
  const inLang = lang ? names.find((n) => n.attrs['xml:lang']?.toLowerCase().split('-')[0] === lang.split('-')[0]) : undefined;
  return lineText(inLang ?? names[0]);
}

const ITEM_CLASSES: Record<string, WireItemType> = {
  text: 'text', picture: 'picture', graphic: 'graphic', video: 'video', audio: 'audio', composite: 'composite',
};

export function typeOfItemClass(itemClass: XElement | undefined): WireItemType | undefined {
  const code = codeOf(conceptId(itemClass))?.toLowerCase();
  return code ? (ITEM_CLASSES[code] ?? 'other') : undefined;
}

function schemeOf(subject: XElement): WireCategoryScheme {
  const id = (conceptId(subject) ?? '').toLowerCase();
  const type = codeOf(subject.attrs.type)?.toLowerCase();
  // The code's scheme says more than the type: dpa types IPTC media topics as dpatype:dpasubject.
  if (id.startsWith('medtop:') || id.includes('/mediatopic/')) return 'mediatopic';
  if (id.startsWith('dpasubject:')) return 'dpasubject';
  if (id.startsWith('dpacat:') || type === 'category') return 'desk';
  if (type === 'geoarea' || id.startsWith('geo:')) return 'geo';
  if (type === 'poi') return 'poi';
  if (id.startsWith('genre:')) return 'genre';
  return 'other';
}

/** A point of interest given only by `literal`: its name lives in the item's <assert literal="…">. */
function assertedName(item: XElement, literal: string | undefined, ctx: G2Context): string | undefined {
  if (!literal) return undefined;
  const assert = elements(item, 'assert', ctx.ns).find((a) => a.attrs.literal === literal);
  if (!assert) return undefined;
  const direct = conceptName(assert, ctx);
  if (direct) return direct;
  const address = element(element(assert, 'POIDetails', ctx.ns), 'address', ctx.ns);
  return lineText(element(address, 'line', ctx.ns));
}

export function readCategories(item: XElement, ctx: G2Context): WireCategory[] {
  const itemMeta = element(item, 'itemMeta', ctx.ns);
  const contentMeta = element(item, 'contentMeta', ctx.ns);
  const out: WireCategory[] = [];
  const seen = new Set<string>();
  const add = (scheme: WireCategoryScheme, code: string | undefined, name: string | undefined) => {
    const label = name ?? code;
    if (!label) return;
    const key = `${scheme}\u0000${code ?? ''}\u0000${label}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ scheme, ...(code && { code }), name: label });
  };
  for (const s of elements(itemMeta, 'service', ctx.ns)) add('service', conceptId(s), conceptName(s, ctx));
  for (const s of elements(contentMeta, 'subject', ctx.ns)) {
    const code = s.attrs.qcode?.trim() || s.attrs.uri?.trim() || undefined;
    add(schemeOf(s), code, conceptName(s, ctx) ?? assertedName(item, s.attrs.literal, ctx) ?? s.attrs.literal?.trim());
  }
  for (const g of elements(contentMeta, 'genre', ctx.ns)) add('genre', conceptId(g), conceptName(g, ctx));
  for (const k of elements(contentMeta, 'keyword', ctx.ns)) add('keyword', undefined, lineText(k));
  return out;
}

/** rightsInfo → WireRights (the first value of each field wins when there are several blocks). */
export function readRights(item: XElement, ctx: G2Context): { rights: WireRights; accountable?: string } {
  const rights: WireRights = {};
  let accountable: string | undefined;
  for (const info of elements(item, 'rightsInfo', ctx.ns)) {
    const holder = element(info, 'copyrightHolder', ctx.ns);
    if (holder && !rights.copyrightHolder) rights.copyrightHolder = conceptName(holder, ctx) ?? conceptId(holder);
    const notice = blockText(element(info, 'copyrightNotice', ctx.ns));
    if (notice && !rights.copyrightNotice) rights.copyrightNotice = notice;
    const terms = elements(info, 'usageTerms', ctx.ns).map((t) => blockText(t)).filter((t): t is string => !!t);
    if (terms.length && !rights.usageTerms) rights.usageTerms = terms.join('\n');
    const acc = element(info, 'accountable', ctx.ns);
    if (acc && !accountable) accountable = conceptName(acc, ctx) ?? conceptId(acc);
    const until = info.attrs.validto?.trim();
    if (until && !rights.validUntil) rights.validUntil = until;
  }
  if (!rights.copyrightHolder) {
    // Without a stated holder, the party the content came from (isrol:contentSource, e.g. AP for a picture dpa
    // distributes) holds it, as the digitalwires reader takes it from the same infosource.
    const source = elements(element(item, 'contentMeta', ctx.ns), 'infoSource', ctx.ns).find((i) => codeOf(i.attrs.role)?.toLowerCase() === 'contentsource');
    if (source) rights.copyrightHolder = conceptName(source, ctx);
  }
  for (const k of Object.keys(rights) as (keyof WireRights)[]) if (rights[k] === undefined) delete rights[k];
  return { rights, ...(accountable && { accountable }) };
}

// ── Renditions and links ───────────────────────────────────────────────────

/** A duration in seconds from G2's duration + durationunit (seconds unless said otherwise) or ISO 8601 "PT1M9S". */
function durationSeconds(el: XElement): number | undefined {
  const raw = el.attrs.duration?.trim();
  if (!raw) return undefined;
  const iso = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/i.exec(raw);
  if (iso && raw.length > 2) return Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) return undefined;
  const unit = codeOf(el.attrs.durationunit)?.toLowerCase() ?? 'seconds';
  if (unit === 'seconds') return n;
  if (unit === 'milliseconds') return n / 1000;
  return undefined; // frames and edit units need a frame rate Lede does not keep
}

/**
 * Where a rendition may be fetched from: http(s), or a path relative to the
 * document (a watch folder delivers the files beside it). file:, data:, ftp:
 * and the like are never handed on to the picture fetcher.
 */
function renditionHref(raw: string | undefined, ctx: G2Context): string | undefined {
  const v = raw?.trim();
  if (!v) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(v)) {
    const url = httpUrl(v);
    if (!url) ctx.warnings.push(`dropped a rendition whose href is not http(s): ${v.slice(0, 80)}`);
    return url;
  }
  if (v.startsWith('//') || v.includes('\\')) {
    ctx.warnings.push(`dropped a rendition with an unusable href: ${v.slice(0, 80)}`);
    return undefined;
  }
  return v;
}

export function readRendition(el: XElement, ctx: G2Context, role?: string): WireRendition | undefined {
  const href = renditionHref(el.attrs.href, ctx);
  if (!href) return undefined;
  const r: WireRendition = { href };
  const name = el.attrs.rendition?.trim() || role;
  if (name) r.role = name;
  const mime = el.attrs.contenttype?.trim();
  if (mime) r.mimeType = mime;
  const width = positiveInt(el.attrs.width);
  if (width) r.width = width;
  const height = positiveInt(el.attrs.height);
  if (height) r.height = height;
  const size = positiveInt(el.attrs.size);
  if (size) r.sizeBytes = size;
  const seconds = durationSeconds(el);
  if (seconds !== undefined) r.durationSeconds = seconds;
  return r;
}

const ASSOCIATION_KINDS = new Set<WireAssociation['kind']>(['picture', 'graphic', 'video', 'audio', 'text']);

function kindOf(itemClass: XElement | undefined, contenttype: string | undefined): WireAssociation['kind'] | undefined {
  const t = typeOfItemClass(itemClass);
  if (t && ASSOCIATION_KINDS.has(t as WireAssociation['kind'])) return t as WireAssociation['kind'];
  if (t) return 'other';
  const mime = contenttype?.toLowerCase() ?? '';
  if (mime.startsWith('image/')) return 'picture';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.includes('iptc.g2.newsitem')) return 'text';
  return undefined;
}

/** The relations read as associated items; other rels (irel:previousVersion, irel:translatedFrom…) are not. */
const ASSOCIATING_RELS = new Set(['seealso', 'associatedwith', 'depicts', 'hasrendition', 'seealsotopic']);

/**
 * itemMeta/link → associations (a linked picture, video, audio or item) and a
 * link box (plain web links, as dpa's linkbox_html carries them in its JSON).
 */
export function readLinks(item: XElement, ctx: G2Context): { associations: WireAssociation[]; linkBox?: WireBox } {
  const associations: WireAssociation[] = [];
  const webLinks: { text: string; href: string }[] = [];
  let nonHttp = 0;
  for (const link of elements(element(item, 'itemMeta', ctx.ns), 'link', ctx.ns)) {
    const rel = codeOf(link.attrs.rel)?.toLowerCase() ?? 'seealso';
    if (!ASSOCIATING_RELS.has(rel)) continue;
    const itemClass = element(link, 'itemClass', ctx.ns);
    const title = lineText(element(link, 'title', ctx.ns));
    const guid = link.attrs.residref?.trim() || undefined;
    const kind = kindOf(itemClass, link.attrs.contenttype);
    if (!kind && !guid) {
      const href = httpUrl(link.attrs.href);
      if (href) webLinks.push({ text: title ?? href, href });
      else nonHttp++;
      continue;
    }
    const rendition = readRendition(link, ctx, 'link');
    const version = positiveInt(link.attrs.version);
    const rank = positiveInt(link.attrs.rank);
    associations.push({
      kind: kind ?? 'other',
      ...(guid && { guid }),
      ...(version && { version }),
      ...(rank && { rank }),
      ...(title && { headline: title }),
      rights: {},
      renditions: rendition ? [rendition] : [],
    });
  }
  if (nonHttp) ctx.warnings.push(`dropped ${nonHttp} link${nonHttp > 1 ? 's' : ''} that ${nonHttp > 1 ? 'were' : 'was'} not http(s)`);
  if (!webLinks.length) return { associations };
  const list: Block = { type: 'list', ordered: false, items: webLinks.map((l) => [{ text: l.text, href: l.href }]) };
  return { associations, linkBox: { role: 'linkbox', blocks: [list] } };
}

/** The item's own files (contentSet/remoteContent, and contentMeta/icon as a preview) as renditions. */
export function readOwnRenditions(item: XElement, ctx: G2Context): WireRendition[] {
  const out: WireRendition[] = [];
  for (const rc of elements(element(item, 'contentSet', ctx.ns), 'remoteContent', ctx.ns)) {
    const r = readRendition(rc, ctx);
    if (r) out.push(r);
  }
  for (const icon of elements(element(item, 'contentMeta', ctx.ns), 'icon', ctx.ns)) {
    const r = readRendition(icon, ctx, 'icon');
    if (r) out.push(r);
  }
  return out;
}
