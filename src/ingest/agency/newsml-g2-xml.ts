import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { cleanLine, cleanMultiline } from './wire-fields.js';
import { WireRefusal } from './wire-item.js';

/**
 * The XML layer under the NewsML-G2 reader: a document from outside becomes a
 * small namespaced tree, or a WireRefusal that names what was wrong. Nothing is
 * ever expanded or fetched: a DOCTYPE or ENTITY declaration is refused before
 * the parser sees the document, and only the five predefined entities and
 * numeric character references are decoded (by us, not by the parser).
 */

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface XElement {
  /** Namespace URI ('' when the element is in no namespace). */
  ns: string;
  /** Local name, the prefix stripped after resolving it. */
  name: string;
  /** Unprefixed attributes by name, plus `xml:lang`/`xml:space`; other prefixed attributes are dropped. */
  attrs: Record<string, string>;
  children: XNode[];
}
export type XNode = XElement | string;

/** Limits that keep a hostile document cheap to refuse. */
export const XML_LIMITS = {
  /**
   * Characters of the whole document (a dpa item is 3–30 KB; a message of a hundred items ~3 MB). The
   * parser reads text a character at a time (~1–5 MB/s on a busy machine), so this bounds the time too.
   */
  maxChars: 8 * 1024 * 1024,
  /** Element nesting (a dpa text with its XHTML body is ~15 levels deep). */
  maxDepth: 200,
  /** One attribute value (a signed rendition URL is ~400 characters). */
  maxAttributeChars: 64 * 1024,
  /** Elements in the document (a dpa item has ~300; a message of a hundred items ~30 000). */
  maxElements: 100_000,
  /** Attributes of one element (G2's busiest, remoteContent, has ~15) and of the whole document. */
  maxAttributesPerElement: 100,
  maxAttributes: 300_000,
} as const;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function lineAt(xml: string, index: number): number {
  let line = 1;
  for (let i = xml.indexOf('\n'); i !== -1 && i < index; i = xml.indexOf('\n', i + 1)) line++;
  return line;
}

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Characters XML 1.0 forbids (NUL, most C0 controls, lone surrogates, U+FFFE/FFFF), raw or as a reference. */
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function allowedCodePoint(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** Decodes the five predefined entities and numeric references; anything else is refused, never looked up. */
export function decodeReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s<]*);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = /^#x[0-9a-fA-F]{1,8}$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]{1,10}$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
      if (!allowedCodePoint(code)) throw new WireRefusal(`character reference ${whole} names a character XML does not allow`);
      return String.fromCodePoint(code);
    }
    const named = PREDEFINED[ref];
    if (named === undefined) {
      throw new WireRefusal(`undeclared entity ${whole} (only &amp; &lt; &gt; &quot; &apos; and numeric references are read)`);
    }
    return named;
  });
}

/**
 * One linear pass over the (still unparsed) text: nesting depth and attribute
 * sizes, so a nesting or attribute bomb is refused before the validator and the
 * parser spend time or stack on it. Assumes nothing about well-formedness; the
 * validator judges that afterwards.
 */
function scanStructure(xml: string): void {
  let depth = 0;
  let elementCount = 0;
  let attributeCount = 0;
  let i = xml.indexOf('<');
  while (i !== -1 && i < xml.length) {
    let end: number;
    if (xml.startsWith('<!--', i)) end = xml.indexOf('-->', i + 4);
    else if (xml.startsWith('<![CDATA[', i)) end = xml.indexOf(']]>', i + 9);
    else if (xml.startsWith('<?', i)) end = xml.indexOf('?>', i + 2);
    else if (xml.startsWith('<!', i)) end = xml.indexOf('>', i + 2);
    else if (xml.startsWith('</', i)) {
      depth--;
      end = xml.indexOf('>', i + 2);
    } else {
      // A start tag: walk to its '>' outside quotes, measuring each quoted value.
      if (++elementCount > XML_LIMITS.maxElements) {
        throw new WireRefusal(`more than ${XML_LIMITS.maxElements} elements (line ${lineAt(xml, i)}); an agency document has far fewer`);
      }
      let j = i + 1;
      let selfClosing = false;
      let attributes = 0;
      for (;;) {
        if (j >= xml.length) return;
        const ch = xml[j];
        if (ch === '"' || ch === "'") {
          const close = xml.indexOf(ch, j + 1);
          if (close === -1) return;
          if (close - j - 1 > XML_LIMITS.maxAttributeChars) {
            const name = /([^\s=<]+)\s*=\s*$/.exec(xml.slice(Math.max(i, j - 200), j))?.[1] ?? 'value';
            const kb = Math.round((close - j - 1) / 1024);
            throw new WireRefusal(
              `attribute ${name} at line ${lineAt(xml, j)} is ${kb} KB long; the limit is ${XML_LIMITS.maxAttributeChars / 1024} KB`,
            );
          }
          if (++attributes > XML_LIMITS.maxAttributesPerElement) {
            throw new WireRefusal(`an element at line ${lineAt(xml, i)} has more than ${XML_LIMITS.maxAttributesPerElement} attributes`);
          }
          if (++attributeCount > XML_LIMITS.maxAttributes) {
            throw new WireRefusal(`more than ${XML_LIMITS.maxAttributes} attributes in the document (line ${lineAt(xml, i)})`);
          }
          j = close + 1;
          continue;
        }
        if (ch === '>') {
          selfClosing = xml[j - 1] === '/';
          break;
        }
        j++;
      }
      if (!selfClosing && ++depth > XML_LIMITS.maxDepth) {
        throw new WireRefusal(`elements are nested deeper than ${XML_LIMITS.maxDepth} levels (line ${lineAt(xml, i)})`);
      }
      end = j;
    }
    if (end === -1) return;
    i = xml.indexOf('<', end + 1);
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Entities are ours to decode (decodeReferences): the parser expands nothing.
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  // scanStructure refuses deeper documents first; this is the parser's own backstop.
  maxNestedTags: XML_LIMITS.maxDepth + 5,
  // No callbacks use paths: building a path string for every tag only costs time.
  jPath: false,
});

type Scope = Record<string, string>;
type OrderedNode = Record<string, unknown>;

function attributeMap(raw: Record<string, string>, scope: Scope): { attrs: Record<string, string>; scope: Scope } {
  let inner = scope;
  const attrs: Record<string, string> = Object.create(null);
  const names = Object.keys(raw);
  for (const key of names) {
    const name = key.slice(2);
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (inner === scope) inner = Object.assign(Object.create(null), scope) as Scope;
      inner[name === 'xmlns' ? '' : name.slice(6)] = decodeReferences(String(raw[key]));
    }
  }
  for (const key of names) {
    const name = key.slice(2);
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    // Attribute values: literal tabs and newlines count as spaces (XML attribute-value normalisation).
    const value = decodeReferences(String(raw[key]).replace(/[\t\n]/g, ' '));
    const colon = name.indexOf(':');
    if (colon === -1) attrs[name] = value;
    else if (name.startsWith('xml:')) attrs[name] = value;
    else if (!(name.slice(0, colon) in inner)) throw new WireRefusal(`attribute ${name}: namespace prefix ${name.slice(0, colon)} is not declared`);
  }
  return { attrs, scope: inner };
}

function toTree(nodes: OrderedNode[], scope: Scope): XNode[] {
  const out: XNode[] = [];
  for (const node of nodes) {
    const key = Object.keys(node).find((k) => k !== ':@');
    if (key === undefined || key.startsWith('?')) continue;
    const value = node[key];
    if (key === '#text') {
      out.push(decodeReferences(String(value)));
      continue;
    }
    if (key === '#cdata') {
      // CDATA is literal text: no references are decoded in it.
      const parts = Array.isArray(value) ? (value as OrderedNode[]) : [];
      out.push(parts.map((p) => String(p['#text'] ?? '')).join(''));
      continue;
    }
    const { attrs, scope: inner } = attributeMap((node[':@'] ?? {}) as Record<string, string>, scope);
    const colon = key.indexOf(':');
    const prefix = colon === -1 ? '' : key.slice(0, colon);
    const ns = prefix === 'xml' ? XML_NS : inner[prefix];
    if (ns === undefined) throw new WireRefusal(`element <${key}>: namespace prefix ${prefix} is not declared`);
    out.push({ ns, name: key.slice(colon + 1), attrs, children: toTree(Array.isArray(value) ? (value as OrderedNode[]) : [], inner) });
  }
  return out;
}

/**
 * Reads `xml` into its root element. Every failure is a WireRefusal naming the
 * problem (and the line, where the validator knows it); nothing else escapes.
 */
export function readXmlTree(xml: string): XElement {
  if (typeof xml !== 'string') throw new WireRefusal(`expected the document as a string, got ${xml === null ? 'null' : typeof xml}`);
  if (xml.length > XML_LIMITS.maxChars) {
    throw new WireRefusal(`document is ${(xml.length / 1024 / 1024).toFixed(1)} MB; the limit is ${XML_LIMITS.maxChars / 1024 / 1024} MB`);
  }
  const text = xml.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.trim()) throw new WireRefusal('empty document');
  // MUST run before any parsing: a declaration is where XXE and entity bombs live.
  const decl = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (decl) {
    throw new WireRefusal(
      `document type declarations are not read (XXE and entity expansion): <!${decl[1]} at line ${lineAt(text, decl.index)}`,
    );
  }
  const bad = FORBIDDEN_CHAR.exec(text);
  if (bad) {
    throw new WireRefusal(`line ${lineAt(text, bad.index)}: the character ${hex(bad[0].charCodeAt(0))} is not allowed in XML`);
  }
  const start = text.search(/\S/);
  if (text[start] !== '<') {
    const seen = text.slice(start, start + 20).replace(/\s+/g, ' ').trim();
    throw new WireRefusal(`not XML: the document starts with "${seen}"`);
  }
  scanStructure(text);
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    // The validator reports elements left open at the end as a JSON list of their names; say it in words.
    const open = /^Invalid '\[(.*)\]' found\.$/s.exec(msg);
    if (open) {
      const names = [...open[1]!.matchAll(/"([^"]*)"/g)].map((m) => `<${m[1]}>`);
      throw new WireRefusal(`not well-formed XML: the document ends at line ${lineAt(text, text.length)} with ${names.join(', ')} still open`);
    }
    throw new WireRefusal(`not well-formed XML at line ${line}${col === undefined ? '' : `, column ${col}`}: ${msg}`);
  }
  let ordered: OrderedNode[];
  try {
    ordered = parser.parse(text) as OrderedNode[];
  } catch (err) {
    throw new WireRefusal(`not readable as XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  // No default namespace until one is declared: unprefixed names are then in none ('').
  const top = toTree(ordered, Object.assign(Object.create(null), { '': '' }) as Scope);
  const roots = top.filter((n): n is XElement => typeof n !== 'string');
  if (top.some((n) => typeof n === 'string' && n.trim())) throw new WireRefusal('not well-formed XML: text outside the root element');
  if (roots.length === 0) throw new WireRefusal('not well-formed XML: no root element');
  if (roots.length > 1) {
    throw new WireRefusal(`not well-formed XML: ${roots.length} root elements (<${roots.map((r) => r.name).join('>, <')}>); a document has one`);
  }
  return roots[0]!;
}

// ── Small tree helpers ─────────────────────────────────────────────────────

export function elements(el: XElement | undefined, name?: string, ns?: string): XElement[] {
  if (!el) return [];
  const out: XElement[] = [];
  for (const c of el.children) {
    if (typeof c !== 'string' && (name === undefined || c.name === name) && (ns === undefined || c.ns === ns)) out.push(c);
  }
  return out;
}

export function element(el: XElement | undefined, name: string, ns?: string): XElement | undefined {
  return elements(el, name, ns)[0];
}

/** All text below `el`, in document order, as written. */
export function rawText(el: XElement | undefined): string {
  if (!el) return '';
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : rawText(c);
  return s;
}

/** Text on one line: cleaned, whitespace runs become one space, trimmed. Undefined when empty. */
export function lineText(el: XElement | undefined): string | undefined {
  return el ? cleanLine(rawText(el)) : undefined;
}

/** Text whose line breaks mean something (notes, terms, captions): each line trimmed, blank runs collapsed. */
export function blockText(el: XElement | undefined): string | undefined {
  return el ? cleanMultiline(rawText(el)) : undefined;
}
