import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { slugify, toZonedIso, type Story } from '../../src/content/index.js';
import { NotPublicError, storyToNewsMlG2, storyToNinjs } from '../../src/api/formats/index.js';
import { asset, inventedStories, NOW, published, resolved, SITE } from './formats-support.js';

/** Real values in the output, field by field, for stories that show each part. */

type Doc = Record<string, unknown>;
type Text = { role: string; value: string; contentType?: string };
type Assoc = Doc & { name: string; uri: string; renditions: (Doc & { name: string; href: string })[] };

const html = (doc: Doc): string => (doc.bodies as Text[]).find((b) => b.role === 'main')!.value;
const desc = (doc: Doc, role: string): string[] => ((doc.descriptions as Text[] | undefined) ?? []).filter((d) => d.role === role).map((d) => d.value);
const assocs = (doc: Doc): Assoc[] => (doc.associations as Assoc[] | undefined) ?? [];

describe('ninjs fields', () => {
  const { agencyBox, ticker, video, library } = inventedStories();

  test('identity, version, times, status, language and the canonical page', () => {
    const doc = storyToNinjs(agencyBox, SITE);
    assert.equal(doc.uri, `https://www.example.org/api/v1/stories/${agencyBox.id}`);
    assert.equal(doc.version, '3');
    assert.equal(doc.type, 'text');
    assert.equal(doc.pubStatus, 'usable');
    assert.equal(doc.language, 'de');
    assert.equal(doc.firstCreated, toZonedIso(new Date(agencyBox.firstPublishedAt!)));
    assert.equal(doc.versionCreated, toZonedIso(new Date(agencyBox.modifiedAt)));
    assert.deepEqual(doc.renditions, [{ name: 'web', href: 'https://www.example.org/politik/laender-einigen-sich-auf-gemeinsame-regeln-fuer-windraeder', contentType: 'text/html' }]);
    // A section slug the caller knows wins over the one derived from the name.
    const other = storyToNinjs(agencyBox, { ...SITE, sectionSlug: 'inland' });
    assert.equal((other.renditions as Doc[])[0]!.href, `https://www.example.org/inland/${agencyBox.slug}`);
  });

  test('headline, kicker, teaser, byline, authors, dateline, source line, subjects', () => {
    const doc = storyToNinjs(agencyBox, SITE);
    assert.deepEqual((doc.headlines as Text[]).map((h) => [h.role, h.value]), [['main', 'Länder einigen sich auf gemeinsame Regeln für Windräder']]);
    assert.deepEqual(desc(doc, 'summary'), ['Abstände und Fristen sollen künftig überall gleich sein.']);
    assert.equal(doc.by, 'Von Tom Muster, dpa');
    assert.equal(doc.located, 'Berlin (dpa)');
    assert.deepEqual(desc(doc, 'creditline'), ['dpa']);
    assert.deepEqual(doc.infoSources, [{ name: 'dpa', role: 'source' }]);
    assert.equal(doc.copyrightHolder, 'dpa');
    assert.deepEqual(doc.subjects, [
      { name: 'Politik', rel: 'section', uri: 'https://www.example.org/politik' },
      { name: 'Energie', rel: 'topic', uri: 'https://www.example.org/thema/energie' },
      { name: 'Bund und Länder', rel: 'topic', uri: 'https://www.example.org/thema/bund-und-laender' },
    ]);
    const demoLike = published({ kicker: 'Hochwasser', headline: 'Pegel steigt', section: 'Sachsen', authors: [{ name: 'Lena Vogt' }], body: [] });
    const d2 = storyToNinjs(demoLike, SITE);
    assert.deepEqual((d2.headlines as Text[]).map((h) => [h.role, h.value]), [['main', 'Pegel steigt'], ['kicker', 'Hochwasser']]);
    assert.equal(d2.by, 'Lena Vogt');
    assert.deepEqual(d2.people, [{ name: 'Lena Vogt', rel: 'author', uri: 'https://www.example.org/autor/lena-vogt' }]);
    assert.equal(d2.copyrightHolder, 'Lede Beispiel', 'the publisher holds the rights in its own text');
  });

  test('public corrections go to descriptions, never to edNote', () => {
    const doc = storyToNinjs(agencyBox, SITE);
    const [c] = desc(doc, 'correction');
    assert.match(c!, /^Korrektur \(10\. März 2026 \| 13:00 Uhr\): Der Mindestabstand beträgt 800, nicht 1000 Meter\.$/);
    assert.equal(doc.edNote, undefined);
  });

  test('body: paragraphs escaped, marks, safe links only, box as aside, list, heading, quote, embed', () => {
    const body = html(storyToNinjs(agencyBox, SITE));
    assert.ok(body.includes('<p>Die Ministerinnen und Minister haben sich am Abend geeinigt. <a href="https://www.example.org/politik/details-zur-einigung">Details</a> folgen.</p>'), body);
    assert.ok(body.includes('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co. stehen nicht im Text.böser Link</p>'), body);
    assert.ok(!body.includes('<script'));
    assert.ok(!body.includes('javascript:'), 'a javascript: link is dropped, its text kept');
    assert.ok(body.includes('<aside><h3>Das Wichtigste in Kürze</h3><ol><li>Mindestabstand 800 Meter</li><li><em>Genehmigung binnen </em><strong>sechs Monaten</strong></li></ol></aside>'), body);
    assert.ok(body.includes('<h3>Wie es weitergeht</h3>'));
    assert.ok(body.includes('<blockquote><p>Das ist ein guter Tag für den Klimaschutz.</p><footer><cite>Eine Ministerin</cite></footer></blockquote>'));
    assert.ok(body.includes('<p class="embed"><a href="https://video.example.net/v/123">Die Pressekonferenz</a></p>'));
    const plain = (storyToNinjs(agencyBox, SITE).bodies as Text[]).find((b) => b.role === 'plain')!.value;
    assert.ok(plain.startsWith('Die Ministerinnen und Minister haben sich am Abend geeinigt. Details folgen.\n<script>'), plain);
  });

  test('ticker: entries in the story order with their times; a picture inside an entry is an association', () => {
    const doc = storyToNinjs(ticker, SITE);
    const body = html(doc);
    const at = (s: string) => body.indexOf(s);
    assert.ok(at('Brockenbahn fährt wieder') < at('Umgestürzte Bäume') && at('Umgestürzte Bäume') < at('Warnung ausgegeben'), body);
    const first = ticker.body[0] as { time: string };
    assert.ok(body.includes(`<section class="ticker-entry"><header><time datetime="${toZonedIso(new Date(first.time))}">10. März 2026, 12:50 Uhr</time><h3>Brockenbahn fährt wieder</h3></header>`), body);
    assert.ok(body.includes('<p>Wernigerode</p>'));
    assert.ok(body.includes('<figure><img src="https://www.example.org/uploads/baum.jpg" alt="Ein Baum liegt quer über einer Straße" width="1600" height="900"/><figcaption>Aufräumen am Morgen <small>Bildrechte: Leser-Foto</small></figcaption></figure>'), body);
    const [pic] = assocs(doc);
    assert.equal(pic!.name, 'picture-1');
    assert.equal(pic!.type, 'picture');
    assert.equal(pic!.copyrightNotice, 'Bildrechte: Leser-Foto');
    assert.deepEqual(pic!.renditions, [{ name: 'default', href: 'https://www.example.org/uploads/baum.jpg', contentType: 'image/jpeg', width: 1600, height: 900 }]);
  });

  test('video: type video, the media file as a rendition with its duration, the lead picture as association', () => {
    const doc = storyToNinjs(video, SITE);
    assert.equal(doc.type, 'video');
    assert.equal(doc.profile, 'video');
    assert.deepEqual((doc.renditions as Doc[])[1], { name: 'media', href: 'https://www.example.org/video/saaleauen.mp4', contentType: 'video/mp4', duration: 185 });
    assert.equal(assocs(doc)[0]!.name, 'lead');
    assert.equal(assocs(doc)[0]!.renditions[0]!.href, 'https://www.example.org/uploads/kanu.jpg');
  });

  test("a library picture: its rights as the site states them, and every 16:9 width of the site's renditions", () => {
    const doc = storyToNinjs(library, SITE);
    const [lead] = assocs(doc);
    const id = (library.lead as { shown?: { source: { id: string } } }).shown!.source.id;
    assert.equal(lead!.uri, `https://www.example.org/api/v1/media/${id}`);
    assert.equal(lead!.copyrightHolder, 'dpa Picture-Alliance');
    assert.equal(lead!.copyrightNotice, 'Bildrechte: dpa');
    assert.equal(lead!.usageTerms, 'nur redaktionelle Nutzung');
    assert.equal(lead!.by, 'Max Fotograf');
    assert.deepEqual((lead!.descriptions as Text[]).map((d) => [d.role, d.value]), [['caption', 'Die Brücke bei Grimma'], ['alt', 'Die neue Brücke'], ['creditline', 'dpa']]);
    const r = lead!.renditions;
    assert.equal(r[0]!.href, `https://www.example.org${library.lead!.src}`);
    assert.match(r[0]!.href, new RegExp(`/media/${id}/16x9-1280-[A-Za-z0-9_-]{16}\\.jpg$`));
    assert.deepEqual([r[0]!.width, r[0]!.height], [1280, 720]);
    assert.deepEqual(r.map((x) => x.width), [1280, 320, 640, 960, 1920]);
    assert.ok(r.every((x) => x.contentType === 'image/jpeg'));
  });

  test("a library picture in the body: <img> with the site's file, its size and every width as srcset", () => {
    const s = published({ headline: 'Bild im Text', section: 'Test', body: [{ type: 'paragraph', content: [{ text: 'Vorher.' }] }] });
    const a = asset({ credit: 'Agentur X' });
    const f = resolved({ kind: 'image', alt: 'Ein Bild', caption: 'Unterzeile' }, a)!;
    s.body.push({ ...f, type: 'figure' });
    const body = html(storyToNinjs(s, SITE));
    const m = /<figure><img src="([^"]+)" srcset="([^"]+)" alt="Ein Bild" width="1280" height="720"\/><figcaption>Unterzeile <small>Bildrechte: Agentur X<\/small><\/figcaption><\/figure>/.exec(body);
    assert.ok(m, body);
    assert.equal(m[1], `https://www.example.org${f.src}`);
    assert.deepEqual(m[2]!.split(', ').map((x) => x.split(' ')[1]), ['320w', '640w', '960w', '1280w', '1920w']);
    assert.ok(m[2]!.split(', ').every((x) => x.startsWith(`https://www.example.org/media/${a.id}/16x9-`)));
    assert.equal(assocs(storyToNinjs(s, SITE))[0]!.name, 'picture-1');
  });

  test('ninjs 2.2 names the same fields in lower case', () => {
    const doc = storyToNinjs(library, SITE, '2.2');
    assert.equal(doc.versioncreated, toZonedIso(new Date(library.modifiedAt)));
    assert.equal(doc.versionCreated, undefined);
    assert.equal((doc.bodies as Doc[])[0]!.contenttype, 'text/html');
    const [lead] = assocs(doc);
    assert.equal(lead!.copyrightholder, 'dpa Picture-Alliance');
    assert.equal(lead!.usageterms, 'nur redaktionelle Nutzung');
    assert.equal(lead!.renditions[0]!.contenttype, 'image/jpeg');
  });
});

describe('what readers may not see stays out', () => {
  const pic = (validUntil: string) => asset({ credit: 'Geheim-Agentur', validUntil });
  const story = (): Story => published({
    headline: 'Bilder mit Rechten',
    section: 'Test',
    lead: { kind: 'image', alt: 'Leitbild', caption: 'Abgelaufenes Leitbild' },
    body: [
      { type: 'paragraph', content: [{ text: 'Text.' }] },
      { type: 'figure', kind: 'image', alt: 'ungeprüft', caption: 'Nie geprüftes Bild', assetId: '11111111-1111-4111-8111-111111111111', src: '/media/ungeprueft.jpg' },
    ],
  });

  test('a lapsed picture (dropped by the resolver) and an unresolved library figure appear in no format', () => {
    const s = story();
    const lapsed = pic('2026-03-01T00:00:00Z');
    assert.equal(resolved(s.lead!, lapsed), undefined, 'the resolver drops a picture whose rights have lapsed');
    delete s.lead; // what the read model hands over
    const docs = [JSON.stringify(storyToNinjs(s, SITE)), JSON.stringify(storyToNinjs(s, SITE, '2.2')), storyToNewsMlG2(s, SITE)];
    for (const out of docs) {
      for (const secret of ['Abgelaufenes Leitbild', 'Geheim-Agentur', lapsed.id, 'ungeprueft', 'Nie geprüftes Bild', '11111111-1111']) {
        assert.ok(!out.includes(secret), `${secret} leaked`);
      }
      assert.ok(out.includes('Text.'));
    }
    assert.equal(storyToNinjs(s, SITE).associations, undefined);
  });

  test('a story that is not public has no format', () => {
    const draft = { ...story(), status: 'draft' as const };
    assert.throws(() => storyToNinjs(draft, SITE), (e: unknown) => e instanceof NotPublicError && e.message.includes(draft.id));
    assert.throws(() => storyToNewsMlG2(draft, SITE), NotPublicError);
    const embargoed = { ...story(), embargoUntil: '2026-03-10T13:00:00Z' };
    assert.throws(() => storyToNinjs(embargoed, SITE), NotPublicError);
    assert.equal(storyToNinjs(embargoed, { ...SITE, now: new Date('2026-03-10T13:00:00Z') }).pubStatus, 'usable');
  });

  test('a bad siteUrl is named', () => {
    assert.throws(() => storyToNinjs(story(), { siteUrl: 'www.example.org', now: NOW }), /siteUrl "www\.example\.org" is not an absolute http\(s\) URL/);
    assert.throws(() => storyToNinjs(story(), { siteUrl: 'javascript:alert(1)', now: NOW }), /siteUrl/);
    assert.throws(() => storyToNinjs(story(), SITE, '1.0' as '3.1'), /ninjs version "1\.0" is not offered/);
  });
});

describe('odd input: NUL, lone surrogates and controls never reach a document', () => {
  const { odd } = inventedStories();
  // Anything XML 1.0 forbids, and a surrogate half without its other half.
  const BAD = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

  for (const version of ['3.1', '2.2'] as const) {
    test(`ninjs ${version}`, () => {
      const doc = storyToNinjs(odd, SITE, version);
      const strings: string[] = [];
      const walk = (v: unknown): void => {
        if (typeof v === 'string') strings.push(v);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(doc);
      for (const s of strings) assert.ok(!BAD.test(s), JSON.stringify(s));
      assert.equal((doc.headlines as Text[])[0]!.value, 'Nullbyte und  halbes Paar ');
      assert.ok(html(doc).includes('Absatz mit  und  allein, 😀 ganz'), 'the whole emoji stays');
      assert.ok(!JSON.stringify(doc).includes('\\u0000'));
    });
  }

  test('NewsML-G2', () => {
    const xml = storyToNewsMlG2(odd, SITE);
    assert.ok(!BAD.test(xml));
    assert.ok(xml.includes('<headline>Nullbyte und  halbes Paar </headline>'));
    assert.ok(xml.includes('<headline roleuri="urn:lede:headline-role:kicker">Steuerzeichen</headline>'));
    // The author page is where the site links it: the slug of the name as stored.
    assert.ok(xml.includes(`<creator uri="https://www.example.org/autor/${slugify('Ann\u0000a')}"><name>Anna</name></creator>`), xml);
  });
});

describe('NewsML-G2 fields', () => {
  const { agencyBox, video, library } = inventedStories();

  test('item, rights, meta and content', () => {
    const xml = storyToNewsMlG2(agencyBox, SITE);
    assert.ok(xml.includes(`guid="https://www.example.org/api/v1/stories/${agencyBox.id}" version="3" standard="NewsML-G2" standardversion="2.35" conformance="power" xml:lang="de"`));
    assert.ok(xml.includes('<rightsInfo><copyrightHolder><name>dpa</name></copyrightHolder></rightsInfo>'));
    assert.ok(xml.includes('<itemClass qcode="ninat:text"/>'));
    assert.ok(xml.includes('<provider uri="https://www.example.org/"><name>Lede Beispiel</name></provider>'));
    assert.ok(xml.includes(`<versionCreated>${toZonedIso(new Date(agencyBox.modifiedAt))}</versionCreated>`));
    assert.ok(xml.includes('<pubStatus qcode="stat:usable"/>'));
    assert.ok(xml.includes(`<altRep contenttype="text/html">https://www.example.org/politik/${agencyBox.slug}</altRep>`));
    assert.ok(xml.includes('<infoSource><name>dpa</name></infoSource>'));
    assert.ok(xml.includes('<subject type="cpnat:abstract" uri="https://www.example.org/thema/energie"><name>Energie</name></subject>'));
    assert.ok(xml.includes('<headline>Länder einigen sich auf gemeinsame Regeln für Windräder</headline>'));
    assert.ok(xml.includes('<dateline>Berlin (dpa)</dateline>'));
    assert.ok(xml.includes('<by>Von Tom Muster, dpa</by>'));
    assert.ok(xml.includes('<creditline>dpa</creditline>'));
    assert.ok(xml.includes('<description role="drol:summary">Abstände und Fristen sollen künftig überall gleich sein.</description>'));
    assert.ok(xml.includes('<description roleuri="urn:lede:description-role:correction">Korrektur (10. März 2026 | 13:00 Uhr): Der Mindestabstand beträgt 800, nicht 1000 Meter.</description>'));
    assert.ok(xml.includes('<inlineXML contenttype="application/xhtml+xml"'));
    assert.ok(xml.includes('<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="de" lang="de"><head><title>Länder einigen sich auf gemeinsame Regeln für Windräder</title></head><body><p>'));
    assert.ok(xml.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co.'));
    assert.ok(!xml.includes('<script'));
    assert.ok(xml.includes('<aside><h3>Das Wichtigste in Kürze</h3>'));
  });

  test('pictures: a link per picture with its rights by idref, the file in the XHTML with width and height', () => {
    const xml = storyToNewsMlG2(library, SITE);
    const href = `https://www.example.org${library.lead!.src}`;
    assert.ok(xml.includes(`<link rel="irel:associatedWith" id="pic-lead" href="${href}" contenttype="image/jpeg"><itemClass qcode="ninat:picture"/><title>Die Brücke bei Grimma</title></link>`), xml);
    assert.ok(xml.includes('<rightsInfo idrefs="pic-lead"><copyrightHolder><name>dpa Picture-Alliance</name></copyrightHolder><copyrightNotice>Bildrechte: dpa</copyrightNotice><usageTerms>nur redaktionelle Nutzung</usageTerms></rightsInfo>'));
    const { ticker } = inventedStories();
    assert.ok(storyToNewsMlG2(ticker, SITE).includes('<img src="https://www.example.org/uploads/baum.jpg" alt="Ein Baum liegt quer über einer Straße" width="1600" height="900"/>'));
  });

  test('video: itemClass ninat:video and the file as remoteContent with its duration', () => {
    const xml = storyToNewsMlG2(video, SITE);
    assert.ok(xml.includes('<itemClass qcode="ninat:video"/>'));
    assert.ok(xml.includes('<remoteContent href="https://www.example.org/video/saaleauen.mp4" contenttype="video/mp4" duration="185"/>'));
  });
});
