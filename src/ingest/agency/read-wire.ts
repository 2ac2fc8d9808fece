import { isDigitalwires, readDigitalwires } from './digitalwires.js';
import { readNewsMlG2 } from './newsml-g2.js';
import { looksLikeNinjs, readNinjs } from './ninjs.js';
import { assertShallow, cleanLine, isObj, shown } from './wire-fields.js';
import { WireRefusal, type WireItem } from './wire-item.js';

/**
 * One agency document, whatever came in (a file, a push body, a wireQ answer,
 * an S3 object) → WireItems. The format is told from the content, never from a
 * file name or a header: dpa digitalwires (`"format": "digitalwires@…"`), ninjs
 * (its fields), a list or a wireQ answer (`{"entries": […]}`) of those, or XML
 * (NewsML-G2). Anything else is a WireRefusal that says what it is instead.
 */

/** Agency items are a few hundred KB at most, pictures are linked not embedded: 5 MB is generous. */
export const MAX_WIRE_BYTES = 5 * 1024 * 1024;

/** Entries of a list or a wireQ answer, read one by one: a bad entry does not hide the good ones. */
export type WireEntryResult = { index: number; item: WireItem } | { index: number; refusal: WireRefusal };

export interface ReadWireOptions {
  /** The file or object name, only to make a refusal easier to place. */
  name?: string;
}

/** The document's items; refused as a whole when it, or any of its entries, cannot be read. */
export function readWireDocument(input: Uint8Array | string, opts: ReadWireOptions = {}): WireItem[] {
  const results = readWireEntries(input, opts);
  const items: WireItem[] = [];
  for (const r of results) {
    if ('refusal' in r) {
      if (results.length === 1) throw r.refusal;
      throw new WireRefusal(`entry ${r.index + 1} of ${results.length}: ${r.refusal.reason}`, r.refusal.paths);
    }
    items.push(r.item);
  }
  return items;
}

/**
 * The document read entry by entry (for transports that acknowledge each entry,
 * like wireQ). Throws a WireRefusal only when the document as a whole is not
 * readable; an XML document is one entry.
 */
export function readWireEntries(input: Uint8Array | string, opts: ReadWireOptions = {}): WireEntryResult[] {
  const text = decode(input, opts);
  const start = text.trimStart();
  if (!start) throw new WireRefusal('empty document');
  if (start.startsWith('{') || start.startsWith('[')) {
    const value = parseJson(start);
    assertShallow(value, 'the JSON document');
    return fromJson(value);
  }
  if (start.startsWith('<')) {
    if (/^<!doctype\s+html|^<html[\s>]/i.test(start)) throw new WireRefusal('an HTML page, not an agency document');
    // Whitespace before the XML declaration is not XML, but it is what a careless sender adds: read from the first "<".
    return oneEntry(() => readNewsMlG2(start));
  }
  throw new WireRefusal(`plain text, not JSON or XML${where(opts)} (it starts with ${shown(preview(start))})`);
}

function oneEntry(read: () => WireItem[]): WireEntryResult[] {
  // XML: the reader refuses the whole document or reads all of it (a newsMessage's items belong together).
  return read().map((item, index) => ({ index, item }));
}

// ---- bytes → text ----

const MAGIC: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'PDF file'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG image'],
  [[0xff, 0xd8, 0xff], 'JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF image'],
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP archive (or an Office document)'],
  [[0x1f, 0x8b], 'gzip-compressed data'],
  [[0xff, 0xfe], 'UTF-16 text (send UTF-8)'],
  [[0xfe, 0xff], 'UTF-16 text (send UTF-8)'],
];

const MB = 1024 * 1024;

function decode(input: Uint8Array | string, opts: ReadWireOptions): string {
  if (typeof input === 'string') {
    // A UTF-16 unit is at least one UTF-8 byte: count bytes only when it can matter.
    if (input.length > MAX_WIRE_BYTES / 3) tooLarge(Buffer.byteLength(input, 'utf8'));
    if (input.startsWith('%PDF-')) throw new WireRefusal(`PDF file, not an agency document${where(opts)}`);
    return clean(input.replace(/^\ufeff/, ''), opts);
  }
  if (!(input instanceof Uint8Array)) {
    throw new WireRefusal(`expected the document as text or bytes, got ${input === null ? 'null' : typeof input}`);
  }
  tooLarge(input.byteLength);
  for (const [magic, what] of MAGIC) {
    if (magic.every((b, i) => input[i] === b)) throw new WireRefusal(`${what}, not an agency document${where(opts)}`);
  }
  let text: string;
  try {
    // fatal: a byte that is not UTF-8 refuses the document instead of becoming U+FFFD in a headline.
    text = new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new WireRefusal(`invalid UTF-8 at byte ${firstInvalidUtf8(input)}: agency documents must be UTF-8${where(opts)}`);
  }
  return clean(text, opts);
}

function tooLarge(bytes: number): void {
  if (bytes > MAX_WIRE_BYTES) throw new WireRefusal(`document is ${(bytes / MB).toFixed(1)} MB; the limit is ${MAX_WIRE_BYTES / MB} MB`);
}

function clean(text: string, opts: ReadWireOptions): string {
  // A raw NUL is binary data (inside JSON strings it arrives escaped, and the readers strip it there).
  if (text.includes('\u0000')) throw new WireRefusal(`binary data (NUL bytes), not an agency document${where(opts)}`);
  return text;
}

/** Offset of the first byte that breaks UTF-8 (for the refusal message). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
    }
    // Overlongs and surrogates (E0 80–9F, ED A0–BF, F0 80–8F, F4 90+) are invalid too.
    const n = b[i + 1] ?? 0;
    if ((c === 0xe0 && n < 0xa0) || (c === 0xed && n > 0x9f) || (c === 0xf0 && n < 0x90) || (c === 0xf4 && n > 0x8f)) return i;
    i += need + 1;
  }
  return b.length;
}

// ---- JSON ----

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new WireRefusal(`JSON that does not parse: ${cleanLine(msg, 160) ?? 'syntax error'}`);
  }
}

function fromJson(value: unknown): WireEntryResult[] {
  if (Array.isArray(value)) return entries(value, 'list');
  if (isObj(value) && Array.isArray(value.entries) && !isDigitalwires(value)) return entries(value.entries, 'wireQ answer');
  return [{ index: 0, item: readEntry(value) }];
}

/** A wireQ answer holds tens of entries; far more is not a feed Lede should take in one go. */
export const MAX_WIRE_ENTRIES = 10000;

function entries(list: unknown[], what: string): WireEntryResult[] {
  if (!list.length) throw new WireRefusal(`an empty ${what}: no entries`);
  if (list.length > MAX_WIRE_ENTRIES) throw new WireRefusal(`a ${what} of ${list.length} entries; the limit is ${MAX_WIRE_ENTRIES}`);
  return list.map((entry, index) => {
    try {
      return { index, item: readEntry(entry) };
    } catch (err) {
      if (!(err instanceof WireRefusal)) throw err;
      return { index, refusal: err };
    }
  });
}

/** One JSON entry: digitalwires by its format, ninjs by its fields, else a refusal naming what it has. */
function readEntry(v: unknown): WireItem {
  if (!isObj(v)) throw new WireRefusal(`JSON ${Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v}, not an agency item`);
  if (isDigitalwires(v)) return readDigitalwires(v);
  if (looksLikeNinjs(v)) return readNinjs(v);
  if (typeof v.format === 'string') throw new WireRefusal(`JSON with an unknown format ${shown(v.format)}`);
  if (typeof v.$schema === 'string' && (isObj(v.properties) || isObj(v.$defs))) throw new WireRefusal('a JSON Schema, not a news item');
  const keys = Object.keys(v);
  if (!keys.length) throw new WireRefusal('an empty JSON object');
  const listed = keys.slice(0, 8).map((k) => cleanLine(k, 40) ?? '""').join(', ');
  throw new WireRefusal(`JSON without a format or ninjs fields (keys: ${listed}${keys.length > 8 ? `, … ${keys.length} in all` : ''})`);
}

function where(opts: ReadWireOptions): string {
  const name = cleanLine(opts.name, 120);
  return name ? ` (${name})` : '';
}

function preview(text: string): string {
  return cleanLine(text.slice(0, 40), 30) ?? '';
}
