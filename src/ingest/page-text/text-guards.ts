import { LedeError, type ErrorReason } from '../../content/index.js';

/** A news page's text is a few KB; 5 MB is generous and keeps one import well under a second. */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;

const MB = 1024 * 1024;

function fail(message: string, reason: ErrorReason): never {
  throw new LedeError('IMPORT_FAILED', message, { reason });
}

/** "file is 50.0 MB; the limit is 5 MB of text" */
export function tooLargeMessage(bytes: number): string {
  return `file is ${(bytes / MB).toFixed(1)} MB; the limit is ${MAX_TEXT_BYTES / MB} MB of text`;
}

/**
 * Refuses input that cannot be a page's text, cheaply and before any parsing:
 * size first (so 50 MB is refused in milliseconds), then emptiness, NUL bytes,
 * a high share of control characters, and text that is mostly U+FFFD (bytes that
 * were not UTF-8 decoded as if they were). Returns the number of U+FFFD found so
 * the caller can warn about a few of them.
 */
export function assertImportableText(text: unknown): { replacementChars: number } {
  if (typeof text !== 'string') fail(`expected the page text as a string, got ${text === null ? 'null' : typeof text}`, 'import_unreadable');
  // Each UTF-16 unit is at least one UTF-8 byte; only count bytes when it can matter.
  if (text.length > MAX_TEXT_BYTES) fail(tooLargeMessage(Buffer.byteLength(text, 'utf8')), 'import_too_large');
  if (text.length > MAX_TEXT_BYTES / 3) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_TEXT_BYTES) fail(tooLargeMessage(bytes), 'import_too_large');
  }
  if (text.length === 0) fail('empty file', 'import_empty');
  if (!/\S/.test(text.replace(/[\u200b\u2060\ufeff\u00ad]/g, ''))) fail('file contains only whitespace; no text to import', 'import_empty');
  if (text.includes('\u0000')) fail('binary data (NUL bytes) — not a text page', 'import_binary');

  // Sample the start: binary files show themselves in the first kilobytes.
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let controls = 0;
  let replacement = 0;
  let visible = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd) replacement++;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c < 0xa0)) controls++;
    else if (c > 0x20) visible++;
  }
  if (controls > 8 && controls / sample.length > 0.05) {
    fail(`binary data (${pct(controls, sample.length)} control characters) — not a text page`, 'import_binary');
  }
  if (replacement > 8 && replacement / Math.max(1, visible) > 0.1) {
    fail(`invalid UTF-8: ${pct(replacement, visible)} of the characters could not be decoded (U+FFFD); save the page as UTF-8 text or import the raw bytes`, 'import_not_utf8');
  }
  let total = replacement;
  if (sample !== text) total += (text.slice(65536).match(/\ufffd/g) ?? []).length;
  return { replacementChars: total };
}

function pct(part: number, whole: number): string {
  return `${Math.round((part / Math.max(1, whole)) * 100)}%`;
}
