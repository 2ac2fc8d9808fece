import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Block } from '../../src/content/types.js';
import { htmlToBlocks } from '../../src/ingest/agency/html-blocks.js';
import { readNewsMlG2 } from '../../src/ingest/agency/newsml-g2.js';
import { WireRefusal, type WireItem } from '../../src/ingest/agency/wire-item.js';

// The shared conformance material is read where it lies (never copied into the project).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const IPTC = path.resolve(root, '../shared/conformance/agency/newsml-g2/examples');
const DPA = path.resolve(root, '../shared/conformance/agency/dpa-digitalwires');
const iptcSkip = fs.existsSync(IPTC) ? false : '../shared/conformance/agency/newsml-g2/examples absent';
const dpaSkip = fs.existsSync(path.join(DPA, 'newsml-g2')) ? false : '../shared/conformance/agency/dpa-digitalwires absent';

function readIptc(name: string): WireItem[] {
  const file = fs.readdirSync(IPTC).find((f) => f.startsWith(`${name}_`));
  assert.ok(file, `${name} is in the examples`);
  return readNewsMlG2(fs.readFileSync(path.join(IPTC, file), 'utf8'));
}

function only(items: WireItem[]): WireItem {
  assert.equal(items.length, 1);
  return items[0]!;
}

function paragraphText(b: Block | undefined): string {
  assert.equal(b?.type, 'paragraph');
  return b.type === 'paragraph' ? b.content.map((r) => r.text).join('') : '';
}

describe('NewsML-G2: IPTC examples', { skip: iptcSkip }, () => {
  test('every listing either reads or is refused by name', () => {
    const outcomes = new Map<string, string>();
    for (const f of fs.readdirSync(IPTC)) {
      try {
        outcomes.set(f.split('_').slice(0, 2).join('_'), `read ${readNewsMlG2(fs.readFileSync(path.join(IPTC, f), 'utf8')).length}`);
      } catch (err) {
        assert.ok(err instanceof WireRefusal, `${f}: ${String(err)}`);
        outcomes.set(f.split('_').slice(0, 2).join('_'), `refused: ${err.message}`);
      }
    }
    assert.deepEqual(Object.fromEntries([...outcomes].sort()), {
      LISTING_1: 'read 1',
      LISTING_2: 'read 1',
      LISTING_24: 'refused: newsMessage item 1 (packageItem): no guid',
      LISTING_26: 'read 1',
      LISTING_29: 'refused: newsItem: no headline (nor a title, slugline or description to take one from)',
      LISTING_3: 'read 1',
      LISTING_4: 'read 1',
      LISTING_6: 'read 1',
    });
  });

  test('LISTING_1 text news item: identity, status, embargo, note, categories, link', () => {
    const it = only(readIptc('LISTING_1'));
    assert.equal(it.format, 'newsml-g2');
    assert.equal(it.formatVersion, '2.35');
    assert.equal(it.guid, 'urn:newsml:acmenews.com:20161018:US-FINANCE-FED');
    assert.equal(it.version, 11);
    assert.equal(it.type, 'text');
    assert.equal(it.pubStatus, 'usable');
    assert.deepEqual(it.signals, ['sig:update']);
    assert.equal(it.correction, false);
    assert.equal(it.headline, 'Fed to halt QE to avert "bubble"');
    assert.equal(it.embargoUntil, '2018-10-23T12:00:00Z');
    assert.equal(it.versionCreated, '2018-10-21T16:25:32-05:00');
    assert.equal(it.firstCreated, '2016-10-18T13:12:21-05:00');
    assert.equal(it.language, 'en-GB');
    assert.equal(it.byline, 'Meredith Jameson');
    assert.equal(it.dateline, 'Berlin');
    assert.deepEqual(it.rights, {
      copyrightHolder: 'Example Enews LLP',
      copyrightNotice: 'Copyright 2017-18 Example Enews LLP, all rights reserved',
      usageTerms: 'Not for use outside the United States',
    });
    const edNote = it.notes.find((n) => n.role === undefined);
    assert.match(edNote?.text ?? '', /^Note to editors: STRICTLY EMBARGOED\./);
    assert.equal(edNote?.publishable, false);
    assert.deepEqual(it.notes.find((n) => n.role === 'slugline'), { text: 'US-Finance-Fed', publishable: false, role: 'slugline' });
    assert.deepEqual(
      it.categories.map((c) => `${c.scheme} ${c.code} ${c.name}`),
      [
        'service svc:uknews UK News Service',
        'mediatopic medtop:04000000 economy, business and finance',
        'mediatopic medtop:20000523 labour market',
        'genre genre:interview Interview',
      ],
    );
    // A plain web link (no item class, no residref) goes into the link box, as dpa's linkbox does.
    assert.deepEqual(it.boxes[0]?.blocks[0], {
      type: 'list',
      ordered: false,
      items: [[{ text: 'http://www.example.com/video/20081222-PNN-1517-407624/index.html', href: 'http://www.example.com/video/20081222-PNN-1517-407624/index.html' }]],
    });
    // The NITF inlineXML holds only comments: no body, and no complaint.
    assert.deepEqual(it.body, []);
  });

  test('LISTING_2 text document: NITF body becomes paragraphs; language tag and located', () => {
    const it = only(readIptc('LISTING_2'));
    assert.equal(it.guid, 'urn:newsml:acmenews.com:20161121:US-FINANCE-FED');
    assert.equal(it.version, 11);
    assert.equal(it.formatVersion, '2.24');
    assert.equal(it.language, 'en-US');
    assert.equal(it.dateline, 'New York, NY');
    assert.equal(it.body.length, 2);
    assert.match(paragraphText(it.body[0]), /^\(New York, NY - October 21\) Et, sent luptat luptat, commy Nim zzriureet/);
    assert.match(paragraphText(it.body[1]), /^Ugiating ea feugait utat.* si\.$/);
    assert.ok(!paragraphText(it.body[0]).includes('\n'), 'hard-wrapped NITF lines become one paragraph');
    assert.deepEqual(it.categories.map((c) => c.code), ['medtop:04000000', 'medtop:20000350', 'medtop:20000379']);
    assert.deepEqual(it.warnings, []);
  });

  test('LISTING_3 photo: the picture item carries its renditions; file: URLs are never handed on', () => {
    const it = only(readIptc('LISTING_3'));
    assert.equal(it.guid, 'tag:gettyimages.com,2010:GYI0062134533');
    assert.equal(it.type, 'picture');
    assert.equal(it.headline, 'Variety Of Recessionary Forces Leave Las Vegas Economy Scarred');
    assert.equal(it.pubStatus, 'usable', "G2's default when the item states none");
    assert.equal(it.creditLine, 'Getty Images');
    assert.equal(it.byline, 'Spencer Platt');
    const pic = it.associations[0]!;
    assert.equal(pic.kind, 'picture');
    assert.equal(pic.guid, it.guid);
    assert.match(pic.caption ?? '', /^A general view of part of downtown,/);
    assert.equal(pic.rights.credit, 'Getty Images');
    assert.equal(pic.rights.copyrightHolder, 'Getty Images North America');
    // Three remoteContents: the relative one stays (delivered beside the document), the two file: ones go.
    assert.deepEqual(pic.renditions, [
      { href: './GYI0062134533.jpg', role: 'rnd:highRes', mimeType: 'image/jpeg', width: 1500, height: 1001, sizeBytes: 346071 },
    ]);
    assert.equal(it.warnings.filter((w) => /rendition whose href is not http\(s\): file:/.test(w)).length, 2);
    assert.ok(it.categories.some((c) => c.scheme === 'geo' && c.code === 'gycon:89109' && c.name === 'Las Vegas'));
    assert.equal(it.categories.filter((c) => c.scheme === 'keyword').length, 7);
    assert.deepEqual(
      it.categories.filter((c) => c.scheme === 'mediatopic').map((c) => c.name),
      ['labour market', 'unemployment'],
      'the name in the item language (en-US matches en-GB by language)',
    );
  });

  test('LISTING_4 video: three renditions and the icon, durations in seconds; headline from the description', () => {
    const it = only(readIptc('LISTING_4'));
    assert.equal(it.guid, 'urn:newsml:afp.com:20140131:CNG.3424d3807bc.391@video_1359566');
    assert.equal(it.type, 'video');
    assert.equal(it.language, 'en');
    assert.match(it.headline, /^- Amir Hussein Abdullahian, Iranian/);
    assert.ok(it.warnings.includes('no headline; took it from the description'));
    const video = it.associations[0]!;
    assert.equal(video.kind, 'video');
    assert.equal(video.renditions.length, 4);
    assert.deepEqual(
      video.renditions.map((r) => [r.role, r.width, r.height, r.durationSeconds]),
      [
        ['vidrnd:dvd', 720, 576, 69],
        ['vidrnd:HD1080', 1920, 1080, 69],
        ['vidrnd:HD720', 1280, 720, 69],
        ['rnd:thumbnail', 110, 62, undefined],
      ],
    );
    assert.equal(video.renditions[1]!.sizeBytes, 87591736);
  });

  test('LISTING_26 embedded photo metadata: caption, credit, POI named from its assert', () => {
    const it = only(readIptc('LISTING_26'));
    assert.equal(it.type, 'picture');
    assert.equal(it.guid, 'tag:acmenews.com,2008:WORLD-NEWS:USA20081208098658');
    assert.equal(it.urgency, 4);
    assert.equal(it.creditLine, 'Acme/John Smith');
    assert.equal(it.associations[0]?.renditions.length, 1);
    assert.equal(it.associations[0]?.renditions[0]?.sizeBytes, 3764418);
    assert.deepEqual(it.categories.find((c) => c.scheme === 'poi'), { scheme: 'poi', name: 'University City' });
    assert.ok(!it.notes.some((n) => !n.text), 'the empty edNote is no note');
  });

  test('LISTING_6 package: one item of type package, its items in group order', () => {
    const it = only(readIptc('LISTING_6'));
    assert.equal(it.type, 'package');
    assert.equal(it.guid, 'tag:example.com,2008:UK-NEWS-TOPTEN:UK20081220098658');
    assert.equal(it.version, 11);
    assert.equal(it.headline, 'UK');
    assert.deepEqual(it.packageItems, [
      { guid: 'urn:newsml:iptc.org:20081007:tutorial-item-A', headline: 'Obama annonce son équipe' },
      { guid: 'urn:newsml:iptc.org:20081007:tutorial—item-B', headline: 'Barack Obama arrive à Washington' },
    ]);
    assert.deepEqual(it.notes, [{ text: 'Updates the previous version', publishable: false }]);
  });
});

/** The first paragraph without the dateline dpa prints before it (the item's dateline field carries it). */
function withoutDateline(blocks: Block[], dateline: string | null): Block[] {
  const first = blocks[0];
  if (!dateline || first?.type !== 'paragraph' || !first.content[0]?.text.startsWith(dateline.trim())) return blocks;
  const [run, ...rest] = first.content;
  const text = run!.text.slice(dateline.trim().length).trimStart();
  return [{ ...first, content: text ? [{ ...run!, text }, ...rest] : rest }, ...blocks.slice(1)];
}

describe("NewsML-G2: dpa's renderings of its digitalwires samples", { skip: dpaSkip }, () => {
  const files = dpaSkip ? [] : fs.readdirSync(path.join(DPA, 'newsml-g2')).filter((f) => f.endsWith('.xml'));

  test('there are renderings to read', () => {
    assert.ok(files.length >= 12, `found ${files.length}`);
  });

  for (const file of files) {
    test(`${file} equals its JSON sample`, () => {
      const it = only(readNewsMlG2(fs.readFileSync(path.join(DPA, 'newsml-g2', file), 'utf8')));
      const json = JSON.parse(fs.readFileSync(path.join(DPA, 'input', file.replace(/\.xml$/, '.json')), 'utf8'));
      assert.equal(it.guid, json.urn);
      assert.equal(it.version, json.version);
      assert.equal(it.headline, json.headline);
      // Two sport results carry no pubstatus in JSON and no pubStatus in G2: both mean usable.
      assert.equal(it.pubStatus, json.pubstatus ?? 'usable');
      assert.equal(it.correction, json.signal === 'sig:correction');
      assert.equal(it.urgency, json.urgency);
      assert.equal(it.language, json.language);
      assert.equal(it.versionCreated, json.version_created);
      assert.equal(it.embargoUntil, json.embargoed ?? undefined);
      assert.equal(it.creditLine, json.creditline ?? undefined);
      assert.equal(it.kicker, json.kicker ?? undefined);
      if (json.dateline) assert.equal(it.dateline, json.dateline.replace(/\s*-\s*$/, ''));
      if (it.type === 'text') {
        assert.equal(it.teaser, json.teaser ?? undefined);
        assert.equal(it.byline, json.byline ?? undefined);
        // The same body: the XHTML through the same allowlist gives the blocks of the JSON's article_html.
        const expected = htmlToBlocks(json.article_html ?? '');
        assert.deepEqual(it.body, withoutDateline(expected.blocks, json.dateline));
        assert.deepEqual(it.warnings.filter((w) => /^dropped \d+ </.test(w)), expected.warnings.filter((w) => /^dropped \d+ </.test(w)));
        assert.ok(it.body.length > 0, 'a text has a body');
      } else {
        const own = it.associations[0]!;
        assert.equal(own.kind, it.type);
        assert.equal(own.renditions.length, 1);
        const url = json.associations?.[0]?.renditions?.[0]?.url;
        if (url) assert.equal(own.renditions[0]!.href, url);
        else assert.match(own.renditions[0]!.href, /^https:\/\//);
      }
      // Nothing dpa marks nonpublic becomes publishable.
      assert.ok(it.notes.every((n) => n.publishable === false));
    });
  }

  test('dw-1: corrections, the kicker at rank 3, non-public contacts, the link box', () => {
    const it = only(readNewsMlG2(fs.readFileSync(path.join(DPA, 'newsml-g2', 'dw-1.xml'), 'utf8')));
    assert.equal(it.kicker, 'Frauenrechte');
    assert.equal(it.subhead, undefined);
    assert.deepEqual(it.signals, ['sig:correction']);
    assert.equal(it.byline, 'Von Marco Krefting und Sunrita Sen, dpa');
    assert.ok(it.notes.some((n) => n.role === 'dpaednoterole:contacts' && /vogler@schlag-agentur\.de/.test(n.text)));
    const notepad = it.notes.find((n) => n.role === 'dpaednoterole:notepad');
    assert.match(notepad?.text ?? '', /^Notizblock\nBerichtigung\n• der Meldung/);
    const links = it.boxes.find((b) => b.role === 'linkbox')?.blocks[0];
    assert.equal(links?.type === 'list' ? links.items.length : 0, 6);
    assert.ok(it.categories.some((c) => c.scheme === 'desk' && c.code === 'dpacat:vm'));
    assert.ok(it.categories.some((c) => c.scheme === 'geo' && c.code === 'dpaarea:1' && c.name === 'Baden-Württemberg'));
    assert.ok(it.categories.some((c) => c.scheme === 'dpasubject' && c.code === 'dpasubject:346'));
    assert.ok(it.categories.some((c) => c.scheme === 'mediatopic' && c.code === 'medtop:20000768'));
    assert.equal(it.categories.filter((c) => c.scheme === 'poi').length, 6);
    assert.equal(it.rights.copyrightNotice, 'Copyright 2024, dpa (www.dpa.de). Alle Rechte vorbehalten');
    assert.equal(it.rights.usageTerms, 'Nutzung nur nach schriftlicher Vereinbarung mit dpa\nUse only with the written agreement with dpa');
  });

  test('image: a picture item with its one rendition; the content source (AP) holds the copyright', () => {
    const it = only(readNewsMlG2(fs.readFileSync(path.join(DPA, 'newsml-g2', 'image.xml'), 'utf8')));
    assert.equal(it.type, 'picture');
    assert.equal(it.correction, true);
    assert.deepEqual(it.rights, { usageTerms: 'Nutzung nur nach vertraglicher Vereinbarung', credit: 'Steve Helber/AP/dpa', copyrightHolder: 'AP' });
    const pic = it.associations[0]!;
    assert.equal(pic.guid, it.guid);
    assert.match(pic.caption ?? '', /^Caroline Kennedy, Tochter des ehemaligen US-Präsidenten Kennedy/);
    assert.deepEqual(pic.rights, it.rights);
    assert.deepEqual({ ...pic.renditions[0], href: undefined }, { href: undefined, mimeType: 'image/jpeg', width: 2048, height: 1365 });
    assert.deepEqual(it.notes, [{ text: 'FILE PHOTO -Ortsname korrigiert', publishable: false }]);
  });

  test('rubix test article: linked pictures become associations with guid, version, rank and rendition', () => {
    const it = only(readNewsMlG2(fs.readFileSync(path.join(DPA, 'newsml-g2', 'rubix_multimedia_testartikel.xml'), 'utf8')));
    const json = JSON.parse(fs.readFileSync(path.join(DPA, 'input', 'rubix_multimedia_testartikel.json'), 'utf8'));
    assert.deepEqual(
      it.associations.map((a) => [a.kind, a.guid, a.headline]),
      json.associations.map((a: { urn: string; headline: string }) => ['picture', a.urn, a.headline]),
    );
    assert.equal(it.associations[0]!.version, 9);
    assert.equal(it.associations[1]!.rank, 3);
    assert.match(it.associations[0]!.renditions[0]!.href, /^https:\/\/.*299326.*s2048\.jpeg\?signature=.*&expires=1729728000$/);
    assert.ok(it.body.some((b) => b.type === 'embed' && b.provider === 'YouTube'));
  });
});
