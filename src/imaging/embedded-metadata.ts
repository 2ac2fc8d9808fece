import { createHash } from 'node:crypto';

/**
 * Rights metadata embedded in an image file: IPTC IIM (the Photoshop APP13
 * block agencies still send), XMP and EXIF. Small readers of our own for the
 * raw blocks sharp's metadata() hands out.
 *
 * Precedence when the sources disagree, field by field: XMP, then IPTC IIM,
 * then EXIF. XMP is the current standard, Unicode by definition, and what
 * agency and desk tools (dpa, Photo Mechanic, Lightroom) write first and sync
 * IIM from; IIM is the older wire standard, often Latin-1 and cut to its
 * field lengths (Credit: 32 bytes); EXIF is what the camera was set to
 * (Artist, Copyright), the least edited. An empty value does not count.
 * Exception (the Metadata Working Group's rule): when the IIM digest that
 * Photoshop-compatible tools store (resource 0x0425) no longer matches the
 * IIM, a tool unaware of XMP edited the IIM later, and IPTC goes first.
 */

export type MetadataSource = 'xmp' | 'iptc' | 'exif';

/** What the file says about its rights; every field optional. */
export interface EmbeddedRights {
  /** Credit line ("dpa", "MDR/Anna Beispiel"): IPTC Credit, photoshop:Credit. */
  credit?: string;
  /** Copyright notice: IPTC Copyright Notice, dc:rights, EXIF Copyright. */
  copyright?: string;
  /** Photographer(s): IPTC By-line, dc:creator, EXIF Artist; several joined with ", ". */
  creator?: string;
  /** Source / agency: IPTC Source, photoshop:Source. */
  source?: string;
  /** Usage terms ("nur redaktionelle Nutzung"): xmpRights:UsageTerms, else IPTC Special Instructions. */
  usageTerms?: string;
  /** A licence URL: xmpRights:WebStatement. */
  licenceUrl?: string;
  /** Caption: IPTC Caption/Abstract, dc:description, EXIF ImageDescription. */
  caption?: string;
  /** IPTC Release Date (2:30/2:35) as an ISO date or date-time: not before. */
  validFrom?: string;
  /** IPTC Expiration Date (2:37/2:38) as an ISO date or date-time: not after. */
  validUntil?: string;
  /** Where each field came from. */
  sources: Partial<Record<Exclude<keyof EmbeddedRights, 'sources'>, MetadataSource>>;
}

type Fields = Omit<EmbeddedRights, 'sources'>;
type FieldName = keyof Fields;

const safelyBool = (fn: () => boolean | undefined): boolean => {
  try {
    return fn() === true;
  } catch {
    return false;
  }
};

/** Reads all three blocks and merges them by precedence (XMP > IPTC > EXIF; IPTC first when its digest shows it is newer). */
export function readEmbeddedRights(blocks: { xmp?: Buffer; iptc?: Buffer; exif?: Buffer }): EmbeddedRights {
  const layers: [MetadataSource, Fields][] = [];
  // A damaged block is ignored, not fatal: the picture itself passed intake.
  const safely = (fn: () => Fields): Fields => {
    try {
      return fn();
    } catch {
      return {};
    }
  };
  const xmp: [MetadataSource, Fields] | undefined = blocks.xmp && ['xmp', safely(() => parseXmp(blocks.xmp!))];
  const iptc: [MetadataSource, Fields] | undefined = blocks.iptc && ['iptc', safely(() => iimToFields(parseIptc(blocks.iptc!)))];
  // The one exception to XMP first: IIM edited after the XMP was written (digest mismatch).
  const iimNewer = blocks.iptc ? safelyBool(() => iimChangedSinceXmp(blocks.iptc!)) : false;
  for (const layer of iimNewer ? [iptc, xmp] : [xmp, iptc]) if (layer) layers.push(layer);
  if (blocks.exif) layers.push(['exif', safely(() => parseExif(blocks.exif!))]);
  const out: EmbeddedRights = { sources: {} };
  for (const [source, fields] of layers) {
    for (const [key, value] of Object.entries(fields) as [FieldName, string | undefined][]) {
      const clean = value?.replace(/\s+/g, ' ').trim();
      if (!clean || out[key] !== undefined) continue;
      out[key] = clean;
      out.sources[key] = source;
    }
  }
  return out;
}

// ---------------------------------------------------------------- IPTC IIM

/** IIM datasets by "record:dataset" key, repeatable ones in order. */
export type IimData = Map<string, string[]>;

/**
 * Parses IPTC IIM: either the bare dataset stream (0x1C …) or a Photoshop
 * image resource block ("Photoshop 3.0\0" then 8BIM resources), whose
 * resource 0x0404 holds the IIM. Text is UTF-8 when 1:90 says so (ESC % G);
 * otherwise UTF-8 if it is valid UTF-8, else Windows-1252 (Latin-1).
 */
export function parseIptc(buf: Buffer): IimData {
  const iim = findIim(buf);
  const raw: [string, Buffer][] = [];
  let utf8Declared = false;
  let o = 0;
  while (o + 5 <= iim.length) {
    if (iim[o] !== 0x1c) break;
    const record = iim[o + 1]!;
    const dataset = iim[o + 2]!;
    let length = iim.readUInt16BE(o + 3);
    o += 5;
    if (length & 0x8000) {
      // extended dataset: the low bits give the size of the length field
      const n = length & 0x7fff;
      if (n > 4 || o + n > iim.length) break;
      length = iim.readUIntBE(o, n);
      o += n;
    }
    if (o + length > iim.length) break;
    const value = iim.subarray(o, o + length);
    o += length;
    if (record === 1 && dataset === 90) utf8Declared = value.equals(Buffer.from([0x1b, 0x25, 0x47]));
    raw.push([`${record}:${dataset}`, value]);
  }
  const out: IimData = new Map();
  for (const [key, value] of raw) {
    const text = decodeText(value, utf8Declared);
    out.set(key, [...(out.get(key) ?? []), text]);
  }
  return out;
}

function findIim(buf: Buffer): Buffer {
  return photoshopResources(buf).get(0x0404) ?? (isResourceBlock(buf) ? Buffer.alloc(0) : stripPhotoshopHeader(buf));
}

const PHOTOSHOP = Buffer.from('Photoshop 3.0\0', 'latin1');
const stripPhotoshopHeader = (b: Buffer) => (b.subarray(0, PHOTOSHOP.length).equals(PHOTOSHOP) ? b.subarray(PHOTOSHOP.length) : b);
const isResourceBlock = (b: Buffer) => stripPhotoshopHeader(b).toString('latin1', 0, 4) === '8BIM';

/** The Photoshop image resources (8BIM) of an APP13 block, by id. */
function photoshopResources(buf: Buffer): Map<number, Buffer> {
  const b = stripPhotoshopHeader(buf);
  const out = new Map<number, Buffer>();
  let o = 0;
  while (o + 12 <= b.length && b.toString('latin1', o, o + 4) === '8BIM') {
    const id = b.readUInt16BE(o + 4);
    const nameLength = b[o + 6]!;
    let p = o + 6 + 1 + nameLength;
    if ((1 + nameLength) % 2) p++; // the Pascal name is padded to an even length
    if (p + 4 > b.length) break;
    const size = b.readUInt32BE(p);
    if (!out.has(id)) out.set(id, b.subarray(p + 4, Math.min(b.length, p + 4 + size)));
    o = p + 4 + size + (size % 2);
  }
  return out;
}

/**
 * Whether the IIM was changed after XMP was last synchronised with it: the
 * Photoshop resource 0x0425 holds the MD5 of the IIM as the last XMP-aware
 * tool wrote it; a mismatch means a legacy tool edited the IIM since.
 * Undefined when there is no digest.
 */
export function iimChangedSinceXmp(buf: Buffer): boolean | undefined {
  const resources = photoshopResources(buf);
  const digest = resources.get(0x0425);
  const iim = resources.get(0x0404);
  if (!digest || digest.length !== 16 || !iim) return undefined;
  return !createHash('md5').update(iim).digest().equals(digest);
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

/** UTF-8 when declared or valid; otherwise Windows-1252 (the superset of Latin-1 agencies actually send). */
function decodeText(value: Buffer, utf8Declared = false): string {
  const bytes = value.subarray(0, value.indexOf(0) >= 0 ? value.indexOf(0) : value.length);
  if (utf8Declared) return new TextDecoder('utf-8').decode(bytes);
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}

/** IIM "CCYYMMDD" (+ "HHMMSS±HHMM") → ISO 8601, or undefined when malformed. */
function iimDate(date: string | undefined, time: string | undefined): string | undefined {
  const d = /^(\d{4})(\d{2})(\d{2})$/.exec(date?.trim() ?? '');
  if (!d) return undefined;
  const day = `${d[1]}-${d[2]}-${d[3]}`;
  const t = /^(\d{2})(\d{2})(\d{2})([+-]\d{2})(\d{2})$/.exec(time?.trim() ?? '');
  return t ? `${day}T${t[1]}:${t[2]}:${t[3]}${t[4]}:${t[5]}` : day;
}

function iimToFields(d: IimData): Fields {
  const first = (key: string) => d.get(key)?.[0];
  return {
    credit: first('2:110'),
    copyright: first('2:116'),
    creator: d.get('2:80')?.filter(Boolean).join(', '),
    source: first('2:115'),
    caption: first('2:120'),
    usageTerms: first('2:40'),
    validFrom: iimDate(first('2:30'), first('2:35')),
    validUntil: iimDate(first('2:37'), first('2:38')),
  };
}

// ---------------------------------------------------------------- XMP

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  photoshop: 'http://ns.adobe.com/photoshop/1.0/',
  xmpRights: 'http://ns.adobe.com/xap/1.0/rights/',
};

/** The XMP properties we read, by namespace URI + local name. */
const XMP_FIELDS: Record<string, FieldName> = {
  [`${NS.photoshop}Credit`]: 'credit',
  [`${NS.photoshop}Source`]: 'source',
  [`${NS.dc}rights`]: 'copyright',
  [`${NS.dc}creator`]: 'creator',
  [`${NS.dc}description`]: 'caption',
  [`${NS.xmpRights}UsageTerms`]: 'usageTerms',
  [`${NS.xmpRights}WebStatement`]: 'licenceUrl',
};

interface XmlElement {
  name: string; // namespace URI + local name
  attrs: Map<string, string>; // same
  children: XmlElement[];
  text: string;
}

/**
 * Reads the properties above from an XMP packet. Properties may be attributes
 * of rdf:Description or elements holding text, an rdf:Alt (the x-default or
 * first entry wins), an rdf:Seq or rdf:Bag (entries joined with ", ").
 */
export function parseXmp(buf: Buffer | string): Fields {
  const root = parseXml(typeof buf === 'string' ? buf : buf.toString('utf8'));
  const out: Fields = {};
  const visit = (el: XmlElement) => {
    if (el.name === `${NS.rdf}Description`) {
      for (const [name, value] of el.attrs) {
        const field = XMP_FIELDS[name];
        if (field && out[field] === undefined) out[field] = value;
      }
    }
    const field = XMP_FIELDS[el.name];
    if (field && out[field] === undefined) {
      const value = propertyValue(el);
      if (value) out[field] = value;
      return;
    }
    el.children.forEach(visit);
  };
  root.forEach(visit);
  return out;
}

function propertyValue(el: XmlElement): string | undefined {
  const container = el.children.find((c) => [`${NS.rdf}Alt`, `${NS.rdf}Seq`, `${NS.rdf}Bag`].includes(c.name));
  if (!container) return el.attrs.get(`${NS.rdf}resource`) ?? el.text;
  const items = container.children.filter((c) => c.name === `${NS.rdf}li`);
  if (container.name === `${NS.rdf}Alt`) {
    const preferred = items.find((i) => i.attrs.get('http://www.w3.org/XML/1998/namespacelang') === 'x-default') ?? items[0];
    return preferred?.text;
  }
  return items.map((i) => i.text.trim()).filter(Boolean).join(', ');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

/**
 * A small namespace-aware XML reader: elements, attributes, text; skips
 * comments, processing instructions, CDATA markers and DOCTYPE. Enough for
 * XMP packets; not a general XML parser (no DTD entities, by design).
 */
function parseXml(xml: string): XmlElement[] {
  const roots: XmlElement[] = [];
  const stack: { el: XmlElement; ns: Map<string, string> }[] = [];
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<![^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  const attr = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(xml))) {
    const top = stack[stack.length - 1];
    if (m[1] !== undefined || m[6] !== undefined) {
      if (top) top.el.text += m[1] ?? unescapeXml(m[6]!);
    } else if (m[2] !== undefined) {
      stack.pop();
    } else if (m[3] !== undefined) {
      const ns = new Map(top?.ns ?? [['xml', 'http://www.w3.org/XML/1998/namespace']]);
      const rawAttrs: [string, string][] = [];
      for (const a of (m[4] ?? '').matchAll(attr)) {
        const [name, value] = [a[1]!, unescapeXml(a[2] ?? a[3] ?? '')];
        if (name === 'xmlns') ns.set('', value);
        else if (name.startsWith('xmlns:')) ns.set(name.slice(6), value);
        else rawAttrs.push([name, value]);
      }
      const resolve = (qname: string, isAttr: boolean) => {
        const i = qname.indexOf(':');
        if (i < 0) return isAttr ? qname : (ns.get('') ?? '') + qname;
        return (ns.get(qname.slice(0, i)) ?? `${qname.slice(0, i)}:`) + qname.slice(i + 1);
      };
      const el: XmlElement = { name: resolve(m[3], false), attrs: new Map(rawAttrs.map(([k, v]) => [resolve(k, true), v])), children: [], text: '' };
      if (top) top.el.children.push(el);
      else roots.push(el);
      if (!m[5]) stack.push({ el, ns });
    }
  }
  return roots;
}

// ---------------------------------------------------------------- EXIF

/**
 * Reads Artist (0x013B), Copyright (0x8298) and ImageDescription (0x010E)
 * from IFD0 of an EXIF block ("Exif\0\0" + TIFF). The strings are ASCII by
 * the standard but UTF-8 or Latin-1 in practice; decoded like IIM text.
 */
export function parseExif(buf: Buffer): Fields {
  let b = buf;
  if (b.toString('latin1', 0, 6) === 'Exif\0\0') b = b.subarray(6);
  if (b.length < 8) return {};
  const order = b.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return {};
  const le = order === 'II';
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > b.length) return {};
  const count = u16(ifd);
  const tags = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > b.length) break;
    const tag = u16(e);
    const type = u16(e + 2);
    const n = u32(e + 4);
    if (type !== 2 && type !== 7) continue; // ASCII or UNDEFINED
    const at = n <= 4 ? e + 8 : u32(e + 8);
    if (at + n > b.length) continue;
    tags.set(tag, exifString(tag, b.subarray(at, at + n)));
  }
  return { creator: tags.get(0x013b), copyright: tags.get(0x8298), caption: tags.get(0x010e) };
}

function exifString(tag: number, value: Buffer): string {
  if (tag === 0x8298) {
    // "photographer\0editor": both parts, when the second is present
    const parts = [];
    let rest = value;
    while (rest.length) {
      const z = rest.indexOf(0);
      parts.push(decodeText(rest.subarray(0, z < 0 ? rest.length : z)));
      if (z < 0) break;
      rest = rest.subarray(z + 1);
    }
    return parts.map((p) => p.trim()).filter(Boolean).join('; ');
  }
  return decodeText(value);
}
