import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validateDraft } from '../../src/content/index.js';
import { readNewsMlG2 } from '../../src/ingest/agency/newsml-g2.js';
import { WireRefusal, type WireItem } from '../../src/ingest/agency/wire-item.js';

// Invented documents (test/fixtures/agency/newsml-*.xml) for what the shared material lacks:
// prefixes instead of default namespaces, NITF with a head, inlineData, packages with groupRefs, concept items.
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/agency');
const fixture = (name: string): WireItem[] => readNewsMlG2(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));

function refuses(xml: string, re: RegExp): void {
  assert.throws(
    () => readNewsMlG2(xml),
    (err: unknown) => {
      assert.ok(err instanceof WireRefusal, `WireRefusal expected, got ${String(err)}`);
      assert.match(err.reason, re);
      return true;
    },
  );
}

/** A minimal valid item; `meta` goes into itemMeta, `content` into contentMeta. */
function item({ meta = '', content = '<headline>Titel</headline>', attrs = 'guid="tag:t,2025:1" version="2"' } = {}): string {
  return `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" ${attrs}><itemMeta><itemClass qcode="ninat:text"/>${meta}</itemMeta><contentMeta>${content}</contentMeta></newsItem>`;
}

describe('NewsML-G2 mapping (invented documents)', () => {
  test('prefixed G2 and XHTML namespaces: every field lands where it belongs', () => {
    const [it, ...rest] = fixture('newsml-text-prefixed.xml');
    assert.equal(rest.length, 0);
    assert.equal(it!.guid, 'urn:newsml:example.test:20250301:elbe-bruecke');
    assert.equal(it!.version, 3);
    assert.equal(it!.pubStatus, 'withheld');
    assert.equal(it!.correction, true);
    assert.equal(it!.embargoUntil, '2025-03-01T12:00:00+01:00');
    assert.equal(it!.urgency, 2);
    assert.equal(it!.language, 'de-DE');
    assert.equal(it!.headline, 'Neue Elbbrücke in Magdeburg eröffnet', 'whitespace collapsed; the extension <ext:headline> is not G2');
    assert.equal(it!.subhead, 'Freigabe nach vier Jahren Bauzeit');
    assert.equal(it!.teaser, 'Die Stadt hat ihre dritte Elbquerung – früher als geplant.');
    assert.equal(it!.byline, 'Jana Beispiel', 'the creator; the contributor (desk account) is not a byline');
    assert.equal(it!.dateline, 'Magdeburg');
    assert.equal(it!.creditLine, 'Beispielagentur');
    assert.deepEqual(it!.rights, {
      copyrightHolder: 'Beispielagentur GmbH',
      copyrightNotice: '© 2025 Beispielagentur',
      usageTerms: 'Nur für Kunden mit Regionalvertrag',
      credit: 'Beispielagentur',
    });
    assert.deepEqual(it!.notes, [
      { text: 'Bitte Sperrfrist beachten & Rückfragen an den Dienst.', publishable: false, role: 'exnote:desk' },
      { text: 'Interner Hinweis: <keine> Namen nennen & nichts raten', publishable: false },
      { text: 'ST-Brücke-Elbe', publishable: false, role: 'slugline' },
      { text: 'Chef vom Dienst Nord', publishable: false, role: 'rights:accountable' },
    ]);
    assert.deepEqual(
      it!.categories.map((c) => [c.scheme, c.code, c.name]),
      [
        ['service', 'exsrv:nord', 'Landesdienst Nord'],
        ['mediatopic', 'medtop:20000763', 'Brücken'],
        ['geo', 'exgeo:st', 'Sachsen-Anhalt'],
        ['desk', 'dpacat:pl', 'Politik'],
        ['genre', 'genre:Current', 'Nachricht'],
        ['keyword', undefined, 'Verkehr'],
      ],
    );
    assert.deepEqual(it!.associations, [
      {
        kind: 'picture',
        guid: 'urn:newsml:example.test:20250301:bild-17',
        version: 2,
        rank: 1,
        headline: 'Die neue Brücke im Morgennebel',
        rights: {},
        renditions: [{ href: 'https://media.example.test/bild-17-gross.jpg', role: 'link', mimeType: 'image/jpeg' }],
      },
    ]);
    const linkList = it!.boxes[0]!.blocks[0]!;
    assert.deepEqual(linkList, { type: 'list', ordered: false, items: [[{ text: 'Dossier: Brücken im Land', href: 'https://www.example.test/dossier-bruecken' }]] });
    assert.deepEqual(
      it!.body.map((b) => b.type),
      ['paragraph', 'heading', 'list', 'quote', 'paragraph', 'paragraph'],
    );
    const link = it!.body[4]!;
    assert.deepEqual(link.type === 'paragraph' && link.content, [
      { text: 'Mehr im ' },
      { text: 'Dossier', href: 'https://www.example.test/bruecke' },
      { text: ' und hier.' },
    ]);
    const last = it!.body[5]!;
    assert.equal(last.type === 'paragraph' && last.content[0]!.text, 'Kosten: 120\u00a0Mio. Euro <geschätzt>.');
    assert.ok(!JSON.stringify(it!.body).includes('alert'), 'script content never reaches a block');
    for (const w of ['dropped 1 <script>', 'dropped 1 <table>', 'dropped elements from another namespace in the text: <note>', 'dropped 1 link that was not http(s)']) {
      assert.ok(it!.warnings.includes(w), `warning: ${w} (got ${it!.warnings.join(' | ')})`);
    }
    // What a story taken from it would carry validates.
    const draft = validateDraft({ headline: it!.headline, teaser: it!.teaser, byline: it!.byline, body: it!.body });
    assert.ok(draft.ok, JSON.stringify(draft));
  });

  test('NITF body: blocks through the allowlist, and its head fills what contentMeta leaves out', () => {
    const [it] = fixture('newsml-nitf.xml');
    assert.equal(it!.pubStatus, 'canceled');
    assert.equal(it!.headline, 'Hochwasser an der Saale geht zurück');
    assert.equal(it!.subhead, 'Pegel in Halle sinkt');
    assert.equal(it!.byline, 'Von Max Muster, Beispielagentur');
    assert.equal(it!.dateline, 'Halle');
    assert.equal(it!.teaser, 'Die Lage entspannt sich.');
    assert.deepEqual(it!.body, [
      { type: 'paragraph', content: [{ text: 'Der Pegel sank über Nacht um 40 Zentimeter, teilte die Stadt mit.' }] },
      { type: 'heading', level: 2, text: 'Deiche halten' },
      { type: 'paragraph', content: [{ text: 'Die Deiche seien ' }, { text: 'stabil', marks: ['em'] }, { text: ', hieß es.' }] },
      { type: 'quote', text: 'Wir bleiben wachsam.\n\nOrdnungsamt' },
      { type: 'list', ordered: false, items: [[{ text: 'Sandsäcke bleiben liegen' }], [{ text: 'Schulen öffnen wieder' }]] },
      { type: 'paragraph', content: [{ text: 'Alle Pegel ' }, { text: 'online', href: 'https://pegel.example.test/saale' }, { text: '.' }] },
    ]);
    assert.deepEqual(it!.warnings, ['dropped 1 <table>', 'dropped 1 NITF <media>']);
  });

  test('a newsMessage: package (groupRefs, a loop walked once), plain text, picture; the concept item is named', () => {
    const items = fixture('newsml-message-mixed.xml');
    assert.deepEqual(items.map((i) => [i.type, i.guid]), [
      ['package', 'tag:example.test,2025:paket-wahl'],
      ['text', 'tag:example.test,2025:text-wahl'],
      ['picture', 'tag:example.test,2025:bild-wahllokal'],
    ]);
    const [pkg, text, pic] = items as [WireItem, WireItem, WireItem];
    assert.equal(pkg.headline, 'Landtagswahl kompakt');
    assert.deepEqual(pkg.packageItems, [
      { guid: 'tag:example.test,2025:text-wahl', version: 7, headline: 'Hohe Wahlbeteiligung' },
      { guid: 'tag:example.test,2025:bild-wahllokal', version: 1, headline: 'Wahllokal in Dessau' },
      { guid: 'tag:example.test,2025:text-analyse', headline: 'Analyse' },
    ]);
    assert.ok(pkg.warnings.includes('1 itemRef without residref left out'));
    for (const i of items) assert.ok(i.warnings.includes('the message also carried <conceptItem>, not read'));

    assert.equal(text.language, 'de', "the message's xml:lang");
    assert.equal(text.dateline, 'Dessau (Beispiel)');
    assert.equal(text.byline, 'Von Erika Beispiel');
    assert.deepEqual(text.body, [
      { type: 'paragraph', content: [{ text: 'Bis zum Mittag hatten mehr Menschen gewählt als vor fünf Jahren.' }] },
      { type: 'paragraph', content: [{ text: 'Die Wahllokale schließen um 18 Uhr.' }] },
    ]);

    assert.equal(pic.headline, 'Wahllokal in Dessau', 'the title stands in for a missing headline');
    assert.equal(pic.embargoUntil, '9999-12-31T23:59:59Z', 'an empty <embargoed/> holds the item until a later version');
    assert.equal(pic.teaser, 'Wählerinnen vor dem Wahllokal in Dessau. Foto: Paul Fotograf');
    const own = pic.associations[0]!;
    assert.equal(own.caption, 'Wählerinnen vor dem Wahllokal in Dessau.\nFoto: Paul Fotograf');
    assert.equal(own.altText, 'Menschen stehen vor einer Schule Schlange');
    assert.deepEqual(own.rights, { credit: 'Paul Fotograf/Beispielagentur' });
    assert.deepEqual(own.renditions.map((r) => [r.role, r.width, r.sizeBytes]), [
      ['rnd:highRes', 4000, 5123456],
      ['rnd:thumbnail', 200, undefined],
    ]);
    assert.ok(pic.warnings.some((w) => w.startsWith('dropped a rendition whose href is not http(s): data:')));
  });

  test('defaults and item-level refusals', () => {
    const [plain] = readNewsMlG2(item({ attrs: 'guid="tag:t,2025:1"' }));
    assert.equal(plain!.version, 1, "G2's default version");
    assert.equal(plain!.pubStatus, 'usable', "G2's default status");
    assert.deepEqual(plain!.body, []);
    refuses(item({ attrs: 'version="2"' }), /^newsItem: no guid$/);
    refuses(item({ attrs: 'guid="g" version="2.5"' }), /^newsItem: version "2\.5" is not a whole number ≥ 1$/);
    refuses(item({ attrs: 'guid="g" version="0"' }), /version "0"/);
    refuses(item({ meta: '<pubStatus qcode="stat:maybe"/>' }), /^newsItem: pubStatus "stat:maybe" is not usable, withheld or canceled$/);
    refuses(item({ meta: '<embargoed>next Friday</embargoed>' }), /^newsItem: embargoed "next Friday" is not a date and time$/);
    refuses(item({ content: '' }), /^newsItem: no headline/);
    const [local] = readNewsMlG2(item({ meta: '<embargoed>2025-05-01T10:00:00</embargoed><pubStatus qcode="stat:cancelled"/>' }));
    assert.equal(local!.embargoUntil, '2025-05-01T10:00:00Z');
    assert.equal(local!.pubStatus, 'canceled');
    assert.ok(local!.warnings.includes('embargo time 2025-05-01T10:00:00 has no UTC offset; read as UTC'));
    const [long] = readNewsMlG2(item({ content: `<headline>${'Wort '.repeat(60)}</headline><urgency>12</urgency>` }));
    assert.equal([...long!.headline].length, 200);
    assert.equal(long!.urgency, undefined);
    assert.ok(long!.warnings.includes('headline was longer than 200 characters and was shortened'));
    assert.ok(long!.warnings.includes('urgency "12" is not 1–9; left out'));
  });

  test('dpa-style ranks: rank 1 headline, rank 2 subhead, rank 3 kicker, in any order', () => {
    const [it] = readNewsMlG2(
      item({ content: '<headline rank="3">Dachzeile</headline><headline rank="2">Unterzeile</headline><headline rank="1">Schlagzeile</headline>' }),
    );
    assert.equal(it!.headline, 'Schlagzeile');
    assert.equal(it!.subhead, 'Unterzeile');
    assert.equal(it!.kicker, 'Dachzeile');
  });

  test('an item without the G2 namespace is read by names, with a warning; another namespace is refused', () => {
    const [it] = readNewsMlG2('<newsItem guid="g" version="1"><contentMeta><headline>Ohne Namensraum</headline></contentMeta></newsItem>');
    assert.equal(it!.headline, 'Ohne Namensraum');
    assert.ok(it!.warnings.some((w) => w.startsWith('no NewsML-G2 namespace declared')));
    refuses('<newsItem xmlns="urn:other" guid="g"/>', /^root element <newsItem> is in the namespace urn:other, not NewsML-G2's/);
  });
});
