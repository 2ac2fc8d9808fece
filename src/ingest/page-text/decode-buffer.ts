import { LedeError, type ErrorReason } from '../../content/index.js';
import { MAX_TEXT_BYTES, tooLargeMessage } from './text-guards.js';

export interface DecodedText {
  text: string;
  /** What was detected: "utf-8", "utf-8 (BOM)", "utf-16le (BOM)", "windows-1252" … */
  encoding: string;
  warnings: string[];
}

function fail(message: string, reason: ErrorReason): never {
  throw new LedeError('IMPORT_FAILED', message, { reason });
}

// Magic numbers of the binary files a crawler most often saves under a .txt name.
const SIGNATURES: Array<[string, number[]]> = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['ZIP archive (or Office document)', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip archive', [0x1f, 0x8b]],
  ['WebP/RIFF media', [0x52, 0x49, 0x46, 0x46]],
];

// Windows-1252 differs from latin1 in 0x80–0x9F. Node's TextDecoder maps the
// "windows-1252" label to plain latin1 there, so the table is ours.
const CP1252: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

function decodeWindows1252(buf: Buffer): string {
  return buf.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0)] ?? c);
}

/** Counts well-formed multi-byte UTF-8 sequences and bytes that cannot be UTF-8. */
function utf8Stats(buf: Buffer): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  const n = buf.length;
  for (let i = 0; i < n; ) {
    const b = buf[i]!;
    if (b < 0x80) { i++; continue; }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) ok = (buf[i + k]! & 0xc0) === 0x80;
    if (ok) { multibyte++; i += len; } else { invalid++; i++; }
  }
  return { multibyte, invalid };
}

/** UTF-16 without a BOM shows as a NUL in every other byte of ASCII-heavy text. */
function guessUtf16(buf: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(buf.length - (buf.length % 2), 4096);
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenNul++;
    if (buf[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.4 && evenNul / pairs < 0.05) return 'utf-16le';
  if (evenNul / pairs > 0.4 && oddNul / pairs < 0.05) return 'utf-16be';
  return undefined;
}

function decodeUtf16(buf: Buffer, enc: 'utf-16le' | 'utf-16be'): string {
  const body = buf.length % 2 ? buf.subarray(0, buf.length - 1) : buf;
  if (enc === 'utf-16le') return body.toString('utf16le');
  const swapped = Buffer.from(body);
  swapped.swap16();
  return swapped.toString('utf16le');
}

/**
 * Turns the raw bytes of a saved page into text: size first (before any copy),
 * then BOMs (UTF-8, UTF-16 LE/BE; UTF-32 is refused by name), UTF-16 without BOM,
 * known binary signatures and NUL bytes, then UTF-8 — and when the bytes are not
 * UTF-8 and hold no UTF-8 sequences at all, windows-1252 (a superset of latin1,
 * what old German CMS exports use). Mostly-UTF-8 bytes with a few broken ones are
 * decoded as UTF-8 with U+FFFD and a warning, so umlauts elsewhere stay intact.
 */
export function decodePageBuffer(buf: Buffer): DecodedText {
  if (!Buffer.isBuffer(buf)) fail('expected the page as a Buffer', 'import_unreadable');
  if (buf.length > MAX_TEXT_BYTES) fail(tooLargeMessage(buf.length), 'import_too_large');
  if (buf.length === 0) fail('empty file', 'import_empty');

  if (buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) fail('UTF-32 text is not supported; save the page as UTF-8', 'import_not_utf8');
  if (buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff) fail('UTF-32 text is not supported; save the page as UTF-8', 'import_not_utf8');
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return decodeUtf8(buf.subarray(3), 'utf-8 (BOM)');
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: decodeUtf16(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le (BOM)', warnings: [] };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: decodeUtf16(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be (BOM)', warnings: [] };

  for (const [name, sig] of SIGNATURES) {
    if (buf.length >= sig.length && sig.every((b, i) => buf[i] === b)) fail(`binary data (${name}) — not a text page`, 'import_binary');
  }
  const utf16 = guessUtf16(buf);
  if (utf16) return { text: decodeUtf16(buf, utf16), encoding: `${utf16} (no BOM)`, warnings: [`no byte-order mark; decoded as ${utf16.toUpperCase()}`] };
  if (buf.includes(0)) fail('binary data (NUL bytes) — not a text page', 'import_binary');
  return decodeUtf8(buf, 'utf-8');
}

function decodeUtf8(buf: Buffer, label: string): DecodedText {
  const { multibyte, invalid } = utf8Stats(buf);
  if (invalid === 0) return { text: buf.toString('utf8'), encoding: label, warnings: [] };
  // Real UTF-8 with a few damaged bytes keeps its umlauts; bytes with no UTF-8
  // sequence at all are a legacy single-byte encoding.
  if (multibyte >= 3 && invalid <= multibyte / 4) {
    return {
      text: buf.toString('utf8'),
      encoding: label,
      warnings: [`${invalid} byte${invalid === 1 ? '' : 's'} not valid UTF-8; replaced by U+FFFD`],
    };
  }
  return { text: decodeWindows1252(buf), encoding: 'windows-1252', warnings: ['not valid UTF-8; decoded as windows-1252 (latin1)'] };
}
