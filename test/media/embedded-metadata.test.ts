import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { parseExif, parseIptc, parseXmp, readEmbeddedRights } from '../../src/imaging/embedded-metadata.js';
import { inspectUpload } from '../../src/imaging/intake.js';
import { gradient, iimDataset, withExifTags, withIptc } from './images.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const latin1 = (s: string) => Buffer.from(s, 'latin1');
const UTF8_MARK = iimDataset(1, 90, Buffer.from([0x1b, 0x25, 0x47]));

const XMP = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:ps="http://ns.adobe.com/photoshop/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"
    ps:Credit="dpa/Jörg Müller" ps:Source="dpa">
   <dc:rights><rdf:Alt><rdf:li xml:lang="de">© Jörg Müller, Größe &amp; Co.</rdf:li><rdf:li xml:lang="x-default">© Jörg Müller &amp; Co.</rdf:li></rdf:Alt></dc:rights>
   <dc:creator><rdf:Seq><rdf:li>Jörg Müller</rdf:li><rdf:li>Ärne Öztürk</rdf:li></rdf:Seq></dc:creator>
   <xmpRights:UsageTerms><rdf:Alt><rdf:li xml:lang="x-default">Nur für redaktionelle Nutzung, Weitergabe &#x00FC;berall untersagt</rdf:li></rdf:Alt></xmpRights:UsageTerms>
   <xmpRights:WebStatement>https://example.org/lizenz</xmpRights:WebStatement>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;

describe('embedded rights metadata', () => {
  test('IPTC IIM in a hand-made APP13 block, declared UTF-8 (1:90)', async () => {
    const iim = Buffer.concat([
      UTF8_MARK,
      iimDataset(2, 80, utf8('Jörg Müller')),
      iimDataset(2, 80, utf8('Änne Weiß')),
      iimDataset(2, 110, utf8('dpa/Jörg Müller')),
      iimDataset(2, 115, utf8('dpa')),
      iimDataset(2, 116, utf8('© Müller Bildagentur')),
      iimDataset(2, 120, utf8('Hochwasser an der Elbe bei Dömitz')),
      iimDataset(2, 40, utf8('nur redaktionelle Nutzung')),
      iimDataset(2, 37, utf8('20261231')),
      iimDataset(2, 38, utf8('235900+0100')),
    ]);
    const jpeg = withIptc(await gradient(32, 24), iim);
    const checked = await inspectUpload({ bytes: jpeg, fileName: 'elbe.jpg' });
    assert.ok(checked.iptc, 'sharp hands out the IPTC block');
    const rights = readEmbeddedRights(checked);
    assert.deepEqual({ ...rights, sources: undefined }, {
      credit: 'dpa/Jörg Müller',
      copyright: '© Müller Bildagentur',
      creator: 'Jörg Müller, Änne Weiß',
      source: 'dpa',
      caption: 'Hochwasser an der Elbe bei Dömitz',
      usageTerms: 'nur redaktionelle Nutzung',
      validUntil: '2026-12-31T23:59:00+01:00',
      sources: undefined,
    });
    assert.equal(rights.sources.credit, 'iptc');
  });

  test('IPTC IIM in Latin-1 (no 1:90), and UTF-8 without the declaration', () => {
    const latin = parseIptc(Buffer.concat([iimDataset(2, 110, latin1('Bildagentur Süd')), iimDataset(2, 116, latin1('© Jürgen Groß'))]));
    assert.deepEqual(latin.get('2:110'), ['Bildagentur Süd']);
    assert.deepEqual(latin.get('2:116'), ['© Jürgen Groß']);
    const undeclared = parseIptc(iimDataset(2, 110, utf8('Straßenbahn Ödland')));
    assert.deepEqual(undeclared.get('2:110'), ['Straßenbahn Ödland']);
    // truncated stream: what is whole is kept, the rest ignored
    const cut = Buffer.concat([iimDataset(2, 110, utf8('dpa')), iimDataset(2, 116, utf8('abcdef')).subarray(0, 7)]);
    assert.deepEqual([...parseIptc(cut).keys()], ['2:110']);
  });

  test('XMP: attributes, Alt (x-default), Seq, entities, any prefix; written by sharp', async () => {
    assert.deepEqual(parseXmp(XMP), {
      credit: 'dpa/Jörg Müller',
      source: 'dpa',
      copyright: '© Jörg Müller & Co.',
      creator: 'Jörg Müller, Ärne Öztürk',
      usageTerms: 'Nur für redaktionelle Nutzung, Weitergabe überall untersagt',
      licenceUrl: 'https://example.org/lizenz',
    });
    const jpeg = await sharp(await gradient(32, 24)).withXmp(XMP).jpeg().toBuffer();
    const checked = await inspectUpload({ bytes: jpeg });
    assert.equal(readEmbeddedRights(checked).credit, 'dpa/Jörg Müller');
  });

  test('EXIF Artist, Copyright (photographer\\0editor) and ImageDescription, UTF-8 and Latin-1', async () => {
    const jpeg = withExifTags(await gradient(32, 24), [
      [0x013b, utf8('Jörg Müller')],
      [0x8298, Buffer.concat([latin1('© Jörg Müller'), Buffer.from([0]), latin1('Zeitung GmbH')])],
      [0x010e, utf8('Blick über die Elbe')],
    ]);
    const checked = await inspectUpload({ bytes: jpeg });
    assert.ok(checked.exif);
    assert.deepEqual(parseExif(checked.exif!), { creator: 'Jörg Müller', copyright: '© Jörg Müller; Zeitung GmbH', caption: 'Blick über die Elbe' });
    const bigEndian = withExifTags(await gradient(8, 8), [[0x013b, utf8('Änne')]], false);
    assert.equal(parseExif((await inspectUpload({ bytes: bigEndian })).exif!).creator, 'Änne');
  });

  test('precedence field by field: XMP over IPTC over EXIF; empty values do not count', async () => {
    let jpeg = await gradient(32, 24);
    jpeg = await sharp(jpeg).withXmp(XMP.replace('ps:Source="dpa"', 'ps:Source="  "')).jpeg().toBuffer();
    jpeg = withIptc(jpeg, Buffer.concat([UTF8_MARK, iimDataset(2, 110, utf8('IPTC-Credit')), iimDataset(2, 115, utf8('Agentur Nord')), iimDataset(2, 120, utf8('Bildtext aus IPTC'))]));
    jpeg = withExifTags(jpeg, [[0x013b, utf8('Kamera-Besitzer')], [0x010e, utf8('EXIF-Beschreibung')]]);
    const r = readEmbeddedRights(await inspectUpload({ bytes: jpeg }));
    assert.equal(r.credit, 'dpa/Jörg Müller');
    assert.equal(r.sources.credit, 'xmp');
    assert.equal(r.source, 'Agentur Nord');
    assert.equal(r.sources.source, 'iptc');
    assert.equal(r.creator, 'Jörg Müller, Ärne Öztürk');
    assert.equal(r.caption, 'Bildtext aus IPTC');
    assert.equal(r.sources.caption, 'iptc');
  });

  test('IIM edited after the XMP (its 0x0425 digest no longer matches) goes before XMP', async () => {
    const xmpJpeg = await sharp(await gradient(32, 24)).withXmp(XMP).jpeg().toBuffer();
    const iim = Buffer.concat([UTF8_MARK, iimDataset(2, 110, utf8('dpa/Nachträglich geändert'))]);
    const md5 = createHash('md5').update(iim).digest();
    const inSync = readEmbeddedRights(await inspectUpload({ bytes: withIptc(xmpJpeg, iim, [[0x0425, md5]]) }));
    assert.equal(inSync.credit, 'dpa/Jörg Müller');
    assert.equal(inSync.sources.credit, 'xmp');
    const stale = readEmbeddedRights(await inspectUpload({ bytes: withIptc(xmpJpeg, iim, [[0x0425, Buffer.alloc(16, 7)]]) }));
    assert.equal(stale.credit, 'dpa/Nachträglich geändert');
    assert.equal(stale.sources.credit, 'iptc');
    assert.equal(stale.source, 'dpa', 'fields only XMP has still come from XMP');
  });

  test('damaged blocks are ignored, not fatal', () => {
    const r = readEmbeddedRights({ xmp: Buffer.from('<x:xmpmeta><rdf:RDF'), iptc: Buffer.from([0x1c, 2]), exif: Buffer.from('Exif\0\0MM\0*\0\0\xff\xff', 'latin1') });
    assert.deepEqual(r, { sources: {} });
  });
});
