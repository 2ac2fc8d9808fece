import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LedeError, LIMITS, validateDraft } from '../../src/content/index.js';
import { importPageText, importPageTextBuffer } from '../../src/ingest/index.js';

/** Asserts that `fn` throws LedeError('IMPORT_FAILED') with a message matching `re`. */
function refuses(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof LedeError, `LedeError expected, got ${String(err)}`);
    assert.equal(err.code, 'IMPORT_FAILED');
    assert.match(err.message, re);
    return true;
  });
}

const PAGE = 'Sachsen\nNeue Brücke über die Mulde eröffnet\n\nNach zwei Jahren Bauzeit ist die Brücke in Grimma frei. Der Verkehr rollt.\n\nDie Stadt feierte mit einem Fest.\n';

describe('page-text importer: bad input', () => {
  test('empty file and whitespace only', () => {
    refuses(() => importPageText(''), /^empty file$/);
    refuses(() => importPageText(' \n\n\t\r\n \u00a0\u200b \n'), /only whitespace/);
    refuses(() => importPageText('\n'.repeat(100000)), /only whitespace/);
    refuses(() => importPageTextBuffer(Buffer.alloc(0)), /^empty file$/);
    // A page of nothing but a template's unfilled placeholders says so.
    refuses(() => importPageText('{{c.alias}}\n{{c.body}}\n\n({{commentsTotal}})\n'), /only blank lines and unfilled template placeholders/);
  });

  test('not a string / not a buffer', () => {
    refuses(() => importPageText(undefined as unknown as string), /expected the page text as a string, got undefined/);
    refuses(() => importPageText(42 as unknown as string), /got number/);
    refuses(() => importPageTextBuffer('text' as unknown as Buffer), /expected the page as a Buffer/);
  });

  test('binary data: NUL bytes, control characters, file signatures', () => {
    refuses(() => importPageText('PNG\u0000\u0000IHDR'), /binary data \(NUL bytes\)/);
    refuses(() => importPageText('\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f'.repeat(20)), /binary data \(\d+% control characters\)/);
    refuses(() => importPageTextBuffer(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3])), /binary data \(PNG image\)/);
    refuses(() => importPageTextBuffer(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1')), /binary data \(PDF document\)/);
    refuses(() => importPageTextBuffer(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0])), /ZIP archive/);
    refuses(() => importPageTextBuffer(Buffer.from([0x41, 0x42, 0x00, 0x43, 0x44, 0x00, 0xff, 0x10, 0x11])), /binary data \(NUL bytes\)/);
  });

  test('50 MB of text is refused at once, naming the size and the limit', () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    // The size message (not a parse error) shows the size was checked first.
    refuses(() => importPageText(big), /^file is 50\.0 MB; the limit is 5 MB of text$/);
    refuses(() => importPageTextBuffer(Buffer.alloc(50 * 1024 * 1024, 0x61)), /^file is 50\.0 MB; the limit is 5 MB of text$/);
    // Multi-byte text is measured in bytes: 2 M umlauts are 4 MB of UTF-8 … 3 M are 6 MB.
    refuses(() => importPageText('ä'.repeat(3 * 1024 * 1024)), /^file is 6\.0 MB/);
  });

  test('mostly undecodable text (U+FFFD) is refused; a few are a warning', () => {
    refuses(() => importPageText(`Titel\n\n${'\ufffd'.repeat(200)} Text.`), /invalid UTF-8/);
    const r = importPageText(PAGE.replace('Brücke in Grimma', 'Br\ufffdcke in Grimma'));
    assert.ok(r.warnings.some((w) => /1 character could not be decoded/.test(w)));
  });

  test('one huge line without newlines: a minimal draft, split into valid paragraphs', () => {
    const sentence = 'Die Stadt baut eine neue Brücke über den Fluss, und die Arbeiten dauern noch bis zum Herbst. ';
    const text = sentence.repeat(Math.ceil(1.2e6 / sentence.length));
    const { draft, warnings } = importPageText(text);
    assert.ok(validateDraft(draft).ok);
    assert.equal(draft.headline, 'Die Stadt baut eine neue Brücke über den Fluss, und die Arbeiten dauern noch bis zum Herbst');
    assert.ok(draft.body.length > 50 && draft.body.every((b) => b.type === 'paragraph' && b.content[0]!.text.length <= LIMITS.inlineText));
    const joined = draft.body.map((b) => (b.type === 'paragraph' ? b.content[0]!.text : '')).join(' ');
    assert.equal(joined, text.trim(), 'every word kept, in order');
    assert.ok(warnings.some((w) => /no line structure/.test(w)));
    assert.ok(warnings.some((w) => /split at sentence ends/.test(w)));
  });

  test('a 1 MB paragraph after a normal head, and a huge line without spaces', () => {
    const para = 'Wort '.repeat(200000).trim();
    const { draft } = importPageText(`Politik\nLandtag debattiert stundenlang\n\nDie Sitzung dauerte bis in die Nacht.\n\n${para}\n`);
    assert.equal(draft.kicker, 'Politik');
    assert.ok(validateDraft(draft).ok);
    assert.equal(draft.body.map((b) => (b.type === 'paragraph' ? b.content[0]!.text : '')).join(' '), para);
    const blob = importPageText('A'.repeat(300000));
    assert.ok(validateDraft(blob.draft).ok);
    assert.equal([...blob.draft.headline].length, LIMITS.headline);
    assert.ok(blob.draft.headline.endsWith('…'));
  });

  test('lots of blank lines, CRLF and tabs change nothing', () => {
    const base = importPageText(PAGE).draft;
    const airy = PAGE.replace(/\n\n/g, `\n${'\n'.repeat(500)}`);
    assert.deepEqual(importPageText(airy).draft, base);
    assert.deepEqual(importPageText(PAGE.replace(/\n/g, '\r\n')).draft, base);
    assert.deepEqual(importPageText(PAGE.replace(/\n/g, '\r')).draft, base);
    assert.deepEqual(importPageText(PAGE.replace(/ /g, '\t').replace(/\n/g, '\t\n\t')).draft, base);
  });

  test('a page of only furniture or only rails is refused with a reason', () => {
    refuses(() => importPageText('Teilen\nDrucken\nNach oben\n'), /only page furniture/);
    refuses(() => importPageText('Mehr zum Thema\n\nVideo 2 min\nBildrechte: MDR\n'), /only teaser lists/);
  });

  test('too many blocks for one story is a clear error, not an invalid draft', () => {
    const lines = ['Titel der Seite', ''];
    for (let i = 0; i < 2100; i++) lines.push(`Absatz Nummer ${i} mit etwas Text.`, '');
    refuses(() => importPageText(lines.join('\n')), /at most 2000/);
  });

  test('a short page: a headline alone is a draft without body', () => {
    const { draft } = importPageText('Nur eine Überschrift');
    assert.equal(draft.headline, 'Nur eine Überschrift');
    assert.deepEqual(draft.body, []);
  });
});

describe('page-text importer: encodings', () => {
  const umlauts = 'Sachsen\nGrüße aus Görlitz: Bürger feiern „Straßenfest“\n\nÜber 5.000 Menschen kamen – trotz Regen. Die Stadt ist zufrieden.\n\nDas Fest endet am Sonntag.\n';
  const expected = importPageText(umlauts).draft;

  test('UTF-8 with and without BOM', () => {
    assert.deepEqual(importPageTextBuffer(Buffer.from(umlauts, 'utf8')).draft, expected);
    assert.deepEqual(importPageTextBuffer(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(umlauts)])).draft, expected);
    assert.deepEqual(importPageText(`\ufeff${umlauts}`).draft, expected);
  });

  test('UTF-16 LE and BE with BOM, and LE without BOM', () => {
    const le = Buffer.from(umlauts, 'utf16le');
    const be = Buffer.from(le);
    be.swap16();
    assert.deepEqual(importPageTextBuffer(Buffer.concat([Buffer.from([0xff, 0xfe]), le])).draft, expected);
    assert.deepEqual(importPageTextBuffer(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).draft, expected);
    const r = importPageTextBuffer(le);
    assert.deepEqual(r.draft, expected);
    assert.ok(r.warnings.some((w) => /no byte-order mark/.test(w)));
    refuses(() => importPageTextBuffer(Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0])), /UTF-32/);
  });

  test('windows-1252 (latin1) when the bytes are not UTF-8: umlauts, „quotes“ and – dashes survive', () => {
    const cp1252 = Buffer.from(umlauts.replace(/„/g, '\u0084').replace(/“/g, '\u0093').replace(/–/g, '\u0096'), 'latin1');
    const r = importPageTextBuffer(cp1252);
    assert.deepEqual(r.draft, expected);
    assert.ok(r.warnings.some((w) => /windows-1252/.test(w)));
  });

  test('UTF-8 with a few broken bytes stays UTF-8 and warns', () => {
    const good = Buffer.from(umlauts, 'utf8');
    const broken = Buffer.concat([good.subarray(0, 20), Buffer.from([0xff]), good.subarray(20)]);
    const r = importPageTextBuffer(broken);
    assert.ok(r.warnings.some((w) => /1 byte not valid UTF-8/.test(w)));
    assert.equal(r.draft.kicker, 'Sachsen');
    assert.match(r.draft.teaser ?? '', /Über 5\.000 Menschen/);
  });
});
