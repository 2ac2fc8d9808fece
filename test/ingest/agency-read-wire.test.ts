import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MAX_WIRE_BYTES, readWireDocument, readWireEntries, WireRefusal } from '../../src/ingest/agency/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DPA = path.resolve(root, '../shared/conformance/agency/dpa-digitalwires');
const NINJS = path.resolve(root, '../shared/conformance/ninjs');
const dpaSkip = fs.existsSync(path.join(DPA, 'input')) ? false : '../shared/conformance/agency/dpa-digitalwires absent';
const ninjsSkip = fs.existsSync(path.join(NINJS, 'examples')) ? false : '../shared/conformance/ninjs absent';
const FIXTURES = path.resolve(root, 'test/fixtures/agency');

function refuses(input: Uint8Array | string, re: RegExp, opts?: { name?: string }): WireRefusal {
  try {
    readWireDocument(input, opts);
  } catch (err) {
    assert.ok(err instanceof WireRefusal, `WireRefusal expected, got ${String(err)}`);
    assert.match(err.reason, re);
    return err;
  }
  assert.fail(`expected a refusal matching ${re}`);
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const invented = fs.readFileSync(path.join(FIXTURES, 'dw-invented-withdrawal.json'));

describe('readWireDocument: detection from the content', () => {
  test('a digitalwires entry, as bytes, as text and with a BOM', () => {
    for (const input of [invented, invented.toString('utf8'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), invented]), `\ufeff${invented.toString('utf8')}`, `  \n${invented.toString('utf8')}`]) {
      const items = readWireDocument(input);
      assert.equal(items.length, 1);
      assert.equal(items[0]!.format, 'digitalwires');
      assert.equal(items[0]!.guid, 'urn:newsml:example.invalid:20260302:260302-99-000001');
      assert.equal(items[0]!.pubStatus, 'canceled');
    }
  });

  test('a ninjs item (invented 1.x)', () => {
    const items = readWireDocument(fs.readFileSync(path.join(FIXTURES, 'ninjs-1x-invented.json')));
    assert.deepEqual(items.map((i) => [i.format, i.formatVersion, i.guid]), [['ninjs', '1.5', 'urn:example.invalid:ninjs1:0042']]);
  });

  test('a ninjs item without its uri is still told as ninjs, and refused for the missing uri', () => {
    const r = refuses(JSON.stringify({ headlines: [{ value: 'Ohne uri' }], versionCreated: '2026-01-01T10:00:00Z' }), /has the shape of ninjs 3\.x but does not follow its rules/);
    assert.deepEqual(r.paths, ['/uri: required']);
  });

  test('a list and a wireQ answer give each entry, in order', () => {
    const entry = JSON.parse(invented.toString('utf8')) as Record<string, unknown>;
    const second = { ...entry, urn: 'urn:newsml:example.invalid:20260302:second', version: 1, pubstatus: 'usable', _wireq_receipt: 'r-2' };
    const ninjs = { uri: 'urn:example.invalid:n1', headlines: [{ role: 'main', value: 'Dritte' }] };
    const fromList = readWireDocument(JSON.stringify([entry, second, ninjs]));
    assert.deepEqual(fromList.map((i) => [i.format, i.guid, i.pubStatus]), [
      ['digitalwires', 'urn:newsml:example.invalid:20260302:260302-99-000001', 'canceled'],
      ['digitalwires', 'urn:newsml:example.invalid:20260302:second', 'usable'],
      ['ninjs', 'urn:example.invalid:n1', 'usable'],
    ]);
    const fromQueue = readWireDocument(JSON.stringify({ entries: [second, entry] }));
    assert.deepEqual(fromQueue.map((i) => i.guid), ['urn:newsml:example.invalid:20260302:second', 'urn:newsml:example.invalid:20260302:260302-99-000001']);
  });

  test('a bad entry refuses the document by its number; readWireEntries keeps the good ones', () => {
    const entry = JSON.parse(invented.toString('utf8')) as Record<string, unknown>;
    const doc = JSON.stringify({ entries: [entry, { ...entry, urn: '' }, { hello: 'world' }] });
    refuses(doc, /^entry 2 of 3: digitalwires entry without an urn$/);
    const results = readWireEntries(doc);
    assert.equal(results.length, 3);
    assert.ok('item' in results[0]! && results[0].item.guid === entry.urn);
    assert.ok('refusal' in results[1]! && /without an urn/.test(results[1].refusal.reason));
    assert.ok('refusal' in results[2]! && /keys: hello/.test(results[2].refusal.reason));
    assert.deepEqual(results.map((r) => r.index), [0, 1, 2]);
  });

  test('XML goes to the NewsML-G2 reader; DTDs are refused, never expanded', () => {
    refuses('<?xml version="1.0"?>\n<foo/>', /root element <foo> is not a NewsML-G2/);
    refuses('<?xml version="1.0"?><!DOCTYPE n [<!ENTITY x SYSTEM "file:///etc/passwd">]><newsItem>&x;</newsItem>', /document type declarations are not read/);
    refuses('<!DOCTYPE html><html><body>Hallo</body></html>', /^an HTML page, not an agency document$/);
  });
});

describe('readWireDocument: shared material', () => {
  test("all of dpa's digitalwires samples, and their NewsML-G2 renderings with the same identity", { skip: dpaSkip }, () => {
    for (const f of fs.readdirSync(path.join(DPA, 'input'))) {
      const [item] = readWireDocument(fs.readFileSync(path.join(DPA, 'input', f)), { name: f });
      const doc = JSON.parse(fs.readFileSync(path.join(DPA, 'input', f), 'utf8')) as { urn: string; version: number };
      assert.deepEqual([item!.format, item!.guid, item!.version], ['digitalwires', doc.urn, doc.version]);
      const xml = path.join(DPA, 'newsml-g2', f.replace(/\.json$/, '.xml'));
      if (!fs.existsSync(xml)) continue;
      const g2 = readWireDocument(fs.readFileSync(xml), { name: path.basename(xml) });
      const same = g2.find((i) => i.guid === doc.urn);
      assert.ok(same, `${path.basename(xml)} carries ${doc.urn}`);
      assert.equal(same.format, 'newsml-g2');
      assert.equal(same.version, doc.version);
    }
    // A BOM or stray whitespace before the XML declaration does not stop it.
    const xml = fs.readFileSync(path.join(DPA, 'newsml-g2/dw-1.xml'));
    for (const input of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), xml]), `\n  ${xml.toString('utf8')}`]) {
      assert.equal(readWireDocument(input)[0]!.guid, 'urn:newsml:dpa.com:20090101:240923-930-240378');
    }
  });

  test('ninjs examples are told apart from dpa by their fields; the collection is read entry by entry', { skip: ninjsSkip }, () => {
    const [dpa] = readWireDocument(fs.readFileSync(path.join(NINJS, 'examples/3.0/dpa_text.json')));
    assert.deepEqual([dpa!.format, dpa!.formatVersion], ['ninjs', '3.x']);
    const collection = readWireEntries(fs.readFileSync(path.join(NINJS, 'examples/3.0/collection/20231016-event-timeline-sample.json')));
    assert.equal(collection.length, 14);
    // Its entries break the 3.1 rules (events as an object, dates IPTC does not define): each is refused by name.
    for (const r of collection) assert.ok('refusal' in r && r.refusal.paths.length > 0);
    refuses(fs.readFileSync(path.join(NINJS, 'examples/3.0/collection/20231016-event-timeline-sample.json')), /^entry 1 of 14: ninjs document/);
    refuses(fs.readFileSync(path.join(NINJS, 'examples/2.1/schema-extension/extension-schema.json')), /^a JSON Schema, not a news item$/);
  });
});

describe('readWireDocument: what it refuses, by name', () => {
  test('empty documents', () => {
    refuses('', /^empty document$/);
    refuses(new Uint8Array(0), /^empty document$/);
    refuses(' \n\t ', /^empty document$/);
    refuses(new Uint8Array([0xef, 0xbb, 0xbf]), /^empty document$/);
  });

  test('binary files by their signature', () => {
    refuses(bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'), /^PDF file, not an agency document \(bericht\.pdf\)$/, { name: 'bericht.pdf' });
    refuses('%PDF-1.4 as text', /^PDF file/);
    refuses(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), /^PNG image/);
    refuses(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), /^JPEG image/);
    refuses(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]), /^ZIP archive/);
    refuses(new Uint8Array([0x1f, 0x8b, 0x08, 0]), /^gzip-compressed data/);
    refuses(new Uint8Array([0xff, 0xfe, 0x7b, 0x00]), /^UTF-16 text \(send UTF-8\)/);
    refuses(bytes('{"a":1}\u0000\u0000'), /^binary data \(NUL bytes\)/);
  });

  test('invalid UTF-8, with the byte where it breaks', () => {
    refuses(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), /^invalid UTF-8 at byte 6: agency documents must be UTF-8$/);
    refuses(new Uint8Array([0x3c, 0x61, 0x3e, 0xed, 0xa0, 0x80]), /^invalid UTF-8 at byte 3/); // an encoded surrogate
    refuses(new Uint8Array([0x7b, 0xc0, 0xaf]), /^invalid UTF-8 at byte 1/); // an overlong "/"
    refuses(new Uint8Array([0x7b, 0xe2, 0x82]), /^invalid UTF-8 at byte 1/); // cut off
  });

  test('documents over 5 MB, named by their size', () => {
    const big = new Uint8Array(MAX_WIRE_BYTES + 1).fill(0x20);
    refuses(big, /^document is 5\.0 MB; the limit is 5 MB$/);
    refuses(`{"x":"${'ü'.repeat(3 * 1024 * 1024)}"}`, /^document is 6\.0 MB; the limit is 5 MB$/);
  });

  test('plain text and broken JSON', () => {
    refuses('Hallo Redaktion, anbei die Meldung.', /^plain text, not JSON or XML \(it starts with "Hallo Redaktion, anbei die Me…"\)$/);
    refuses('Meldung', /^plain text, not JSON or XML \(meldung\.txt\)/, { name: 'meldung.txt' });
    refuses('{"format": "digitalwires@0.9.1", ', /^JSON that does not parse: /);
    refuses('[1, 2', /^JSON that does not parse: /);
  });

  test('JSON that is no agency item says what it has', () => {
    refuses('{"title": "x", "text": "y", "author": "z"}', /^JSON without a format or ninjs fields \(keys: title, text, author\)$/);
    refuses(JSON.stringify(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, i]))), /\(keys: k0, k1, k2, k3, k4, k5, k6, k7, … 12 in all\)$/);
    refuses('{"format": "nitf@3.6", "headline": "x"}', /^JSON with an unknown format "nitf@3\.6"$/);
    refuses('{}', /^an empty JSON object$/);
    refuses('[]', /^an empty list: no entries$/);
    refuses('{"entries": []}', /^an empty wireQ answer: no entries$/);
    refuses('[42]', /^JSON number, not an agency item$/);
    refuses('["x", null]', /^entry 1 of 2: JSON string, not an agency item$/);
    refuses('[[{"uri": "urn:x"}]]', /^JSON list, not an agency item$/);
  });

  test('deep nesting and huge lists are refused before anything walks them', () => {
    refuses('['.repeat(100000) + ']'.repeat(100000), /^the JSON document is nested deeper than 64 levels$/);
    // Built as text: JSON.stringify itself would run out of stack on it.
    const deep = '{"uri":"urn:x:1","name":"a","associations":['.repeat(5000) + '{"uri":"urn:x:leaf","name":"a"}' + ']}'.repeat(5000);
    refuses(deep, /nested deeper than 64 levels/);
    refuses(JSON.stringify(Array.from({ length: 10001 }, () => ({}))), /^a list of 10001 entries; the limit is 10000$/);
  });

  test('not text or bytes', () => {
    refuses(undefined as unknown as string, /^expected the document as text or bytes, got undefined$/);
    refuses(42 as unknown as string, /got number/);
  });

  test('hostile content in a valid document: nothing executable, no NUL, no lone surrogate in any string', () => {
    const [item] = readWireDocument(invented);
    // Warnings name dropped tags ("dropped 1 <script>"); everything else is content.
    const all = JSON.stringify({ ...item, warnings: [] });
    for (const bad of ['<script', 'javascript:', 'onclick', 'alert(']) assert.ok(!all.includes(bad), bad);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(all, /\\u0000|[\u0000]/);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(all));
  });
});
