import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validateDraft } from '../../src/content/validate.js';
import { readDigitalwires } from '../../src/ingest/agency/digitalwires.js';
import { WireRefusal, type WireItem, type WireItemType } from '../../src/ingest/agency/wire-item.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// dpa's samples are read where they lie (never copied into the project).
const DPA = path.resolve(root, '../shared/conformance/agency/dpa-digitalwires/input');
const dpaSkip = fs.existsSync(DPA) ? false : '../shared/conformance/agency/dpa-digitalwires/input absent';
const FIXTURES = path.resolve(root, 'test/fixtures/agency');

type Doc = Record<string, unknown>;

function sample(name: string): Doc {
  return JSON.parse(fs.readFileSync(path.join(DPA, name), 'utf8')) as Doc;
}

function invented(): Doc {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'dw-invented-withdrawal.json'), 'utf8')) as Doc;
}

function refuses(doc: unknown, re: RegExp): void {
  assert.throws(() => readDigitalwires(doc), (err: unknown) => {
    assert.ok(err instanceof WireRefusal, `WireRefusal expected, got ${String(err)}`);
    assert.match(err.reason, re);
    return true;
  });
}

/** What an item taken over would be: it must pass the story model's validation. */
function assertTakeable(item: WireItem): void {
  const r = validateDraft({
    headline: item.headline, kicker: item.kicker, teaser: item.teaser, byline: item.byline, language: item.language,
    body: [...item.body, ...item.boxes.flatMap((b) => b.blocks)],
  });
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.issues));
}

/**
 * What each of dpa's 13 samples must read as: identities, versions, statuses and
 * counts that follow from the document (checked by hand against it).
 */
const EXPECTED: Record<string, {
  guid: string; version: number; type: WireItemType; correction: boolean; urgency: number; language: string; desk: string;
  body: number; boxes: string[]; credit?: string; notes: number; nonPublic: number; associations: [string, number][];
  embargo?: string; firstCreated?: string; dateline?: string; noStatus?: true; signals?: string[];
}> = {
  'audio.json': { guid: 'urn:newsml:dpa.com:20090101:audio:20250128-99-00001583', version: 1, type: 'audio', correction: false, urgency: 4, language: 'de', desk: 'dpacat:wi', body: 0, boxes: [], notes: 0, nonPublic: 0, associations: [['audio', 1]] },
  'dw-1.json': { guid: 'urn:newsml:dpa.com:20090101:240923-930-240378', version: 2, type: 'text', correction: true, urgency: 3, language: 'de', desk: 'dpacat:vm', body: 19, boxes: ['linkbox'], credit: 'dpa', notes: 17, nonPublic: 10, associations: [], dateline: 'Waghäusel (dpa)', signals: ['sig:correction'] },
  'empty_paragraph.json': { guid: 'urn:newsml:europapress.es:20241121:DN_2024-11-21_15-35-06', version: 1, type: 'text', correction: false, urgency: 4, language: 'es', desk: 'dpacat:pl', body: 20, boxes: [], credit: 'Europa Press', notes: 0, nonPublic: 0, associations: [['picture', 1]], dateline: 'MADRID, 21 Nov. 2024 (Europa Press)' },
  'image.json': { guid: 'urn:newsml:dpa.com:20090101:250129-99-739668', version: 4, type: 'picture', correction: true, urgency: 3, language: 'de', desk: 'dpacat:pl', body: 0, boxes: [], credit: 'Steve Helber/AP/dpa', notes: 2, nonPublic: 1, associations: [['picture', 1]], firstCreated: '2019-12-07', signals: ['sig:correction'] },
  'image2.json': { guid: 'urn:newsml:dpa.com:20090101:250205-935-439001', version: 1, type: 'picture', correction: false, urgency: 2, language: 'de', desk: 'dpacat:wi', body: 0, boxes: [], credit: 'Monika Skolimowska/dpa', notes: 0, nonPublic: 0, associations: [['picture', 1]], firstCreated: '2024-04-29' },
  'lesestuecke.json': { guid: 'urn:newsml:dpa.com:20090101:240925-930-242782', version: 1, type: 'text', correction: false, urgency: 4, language: 'de', desk: 'dpacat:pl', body: 8, boxes: [], credit: 'dpa', notes: 5, nonPublic: 3, associations: [] },
  'no_content.json': { guid: 'urn:newsml:dpa.com:20090101:europapress:photo-20241121130950', version: 1, type: 'picture', correction: false, urgency: 4, language: 'es', desk: 'dpacat:wi', body: 0, boxes: [], credit: 'Europa Press', notes: 0, nonPublic: 0, associations: [['picture', 1]], firstCreated: '2016-04-21' },
  'no_notepad.json': { guid: 'urn:newsml:ap.org:20230101:cd1ee53edee0df1bf00de01b044366b4', version: 4, type: 'text', correction: false, urgency: 4, language: 'en', desk: 'dpacat:wi', body: 22, boxes: [], credit: 'ASSOCIATED PRESS', notes: 1, nonPublic: 1, associations: [['picture', 1], ['picture', 1], ['picture', 1], ['picture', 1], ['picture', 1]], signals: ['apsig:newscontent'] },
  'nsb_n1.json': { guid: 'urn:newsml:dpa.com:20090101:240925-930-243473', version: 1, type: 'text', correction: false, urgency: 4, language: 'de', desk: 'dpacat:vm', body: 1, boxes: ['linkbox'], credit: 'dpa', notes: 8, nonPublic: 3, associations: [], dateline: 'Peine (dpa/lni)' },
  'rubix_multimedia_testartikel.json': { guid: 'urn:newsml:dpa.com:20090101:241022-930-267047', version: 1, type: 'text', correction: false, urgency: 4, language: 'de', desk: 'dpacat:vm', body: 16, boxes: ['linkbox'], credit: 'dpa', notes: 14, nonPublic: 5, associations: [['picture', 1], ['picture', 1]], embargo: '2024-10-22T11:30:00+02:00', dateline: 'Hamburg (dpa)' },
  'spe2.json': { guid: 'urn:newsml:dpa.com:20090101:dsv:text:ERG_MM_TE_FEDCUP_W_2024_1125', version: 52, type: 'text', correction: false, urgency: 3, language: 'de', desk: 'dpacat:sp', body: 10, boxes: [], notes: 0, nonPublic: 0, associations: [], noStatus: true },
  'spe_tab.json': { guid: 'urn:newsml:dpa.com:20090101:dsv:text:ERG_MM_FB_1BL_M_2025_HR_1007', version: 33, type: 'text', correction: false, urgency: 3, language: 'de', desk: 'dpacat:sp', body: 2, boxes: [], notes: 0, nonPublic: 0, associations: [], noStatus: true },
  'with_dateline.json': { guid: 'urn:newsml:dpa.com:20090101:250128-930-357319', version: 2, type: 'text', correction: false, urgency: 3, language: 'de', desk: 'dpacat:wi', body: 15, boxes: [], credit: 'dpa', notes: 11, nonPublic: 3, associations: [], dateline: 'New York (dpa)', signals: ['sig:update'] },
};

describe("digitalwires: dpa's samples", { skip: dpaSkip }, () => {
  test('every sample in the folder has expectations here', () => {
    assert.deepEqual(fs.readdirSync(DPA).filter((f) => f.endsWith('.json')).sort(), Object.keys(EXPECTED).sort());
  });

  for (const [file, e] of Object.entries(EXPECTED)) {
    test(file, () => {
      const doc = sample(file);
      const item = readDigitalwires(doc);
      assert.equal(item.format, 'digitalwires');
      assert.equal(item.formatVersion, '0.9.1');
      assert.equal(item.guid, e.guid);
      assert.equal(item.version, e.version);
      assert.equal(item.pubStatus, 'usable');
      assert.equal(item.type, e.type);
      assert.equal(item.correction, e.correction);
      assert.deepEqual(item.signals, e.signals ?? []);
      assert.equal(item.urgency, e.urgency);
      assert.equal(item.language, e.language);
      assert.equal(item.embargoUntil, e.embargo);
      assert.equal(item.firstCreated, e.firstCreated);
      assert.equal(item.versionCreated, doc.version_created);
      assert.equal(item.dateline, e.dateline);
      // Text fields as the agency wrote them, whitespace-trimmed.
      assert.equal(item.headline, String(doc.headline).trim());
      if (doc.kicker) assert.equal(item.kicker, String(doc.kicker).trim());
      if (doc.byline) assert.equal(item.byline, String(doc.byline).trim());
      if (doc.teaser) assert.equal(item.teaser, String(doc.teaser).replace(/\s+/g, ' ').trim());
      // Body: blocks wherever there is article_html.
      assert.equal(item.body.length, e.body);
      if (doc.article_html) assert.ok(item.body.length > 0);
      assert.deepEqual(item.boxes.map((b) => b.role), e.boxes);
      for (const b of item.boxes) assert.ok(b.blocks.length > 0);
      // Credit and rights.
      assert.equal(item.creditLine, e.credit);
      assert.equal(item.rights.credit, e.credit);
      assert.equal(item.rights.usageTerms, doc.usageterms ? String(doc.usageterms).trim() : undefined);
      assert.equal(item.rights.copyrightNotice, doc.copyrightnotice ? String(doc.copyrightnotice).trim() : undefined);
      // Notes: every non-public notepad and every ednote with is_publishable false is internal.
      assert.equal(item.notes.length, e.notes);
      assert.equal(item.notes.filter((n) => !n.publishable).length, e.nonPublic);
      const ednotes = (doc.ednotes as { ednote: string; is_publishable: boolean }[]) ?? [];
      for (const n of ednotes.filter((x) => !x.is_publishable)) {
        const note = item.notes.find((x) => x.text === n.ednote.trim());
        assert.ok(note, `ednote kept: ${n.ednote.slice(0, 30)}`);
        assert.equal(note.publishable, false);
      }
      const notepad = doc.notepad as { nonpublic_html?: string } | null;
      if (notepad?.nonpublic_html) assert.equal(item.notes.find((n) => n.role === 'notepad-nonpublic')?.publishable, false);
      // Associations with renditions, their own credit.
      assert.deepEqual(item.associations.map((a) => [a.kind, a.renditions.length]), e.associations);
      const assocs = (doc.associations as { urn: string; creditline?: string; caption?: string }[]) ?? [];
      for (const a of item.associations) {
        const src = assocs.find((x) => x.urn === a.guid);
        assert.ok(src, 'association keeps its urn');
        assert.equal(a.rights.credit, src.creditline);
        assert.ok(a.caption && src.caption?.startsWith(a.caption.slice(0, 20)));
        for (const r of a.renditions) assert.match(r.href, /^https:\/\//);
      }
      // Categories: the desk always, the rest by scheme.
      assert.deepEqual(item.categories.filter((c) => c.scheme === 'desk').map((c) => c.code), [e.desk]);
      const geo = ((doc.geosubject_names as string[]) ?? []);
      for (const g of geo) assert.ok(item.categories.some((c) => c.scheme === 'geo' && c.name === g), `geo ${g}`);
      // dpa's *_names lists can hold null (image.json has poi_names [null] and no poi category).
      const poi = ((doc.poi_names as (string | null)[]) ?? []).filter((n) => typeof n === 'string');
      assert.equal(item.categories.filter((c) => c.scheme === 'poi').length, poi.length);
      if (e.noStatus) assert.ok(item.warnings.includes('no pubstatus; read as usable'));
      assertTakeable(item);
    });
  }

  test('the picture sample keeps its picture: size, type, copyright holder from the content source', () => {
    const item = readDigitalwires(sample('image.json'));
    const pic = item.associations[0]!;
    assert.equal(pic.renditions[0]!.width, 2048);
    assert.equal(pic.renditions[0]!.height, 1365);
    assert.equal(pic.renditions[0]!.mimeType, 'image/jpeg');
    assert.equal(pic.renditions[0]!.role, 's2048');
    assert.equal(item.rights.copyrightHolder, 'AP');
    // The caption is the teaser; the extended caption stays as a note.
    assert.ok(item.teaser);
    assert.ok(item.notes.some((n) => n.role === 'dpadrol:caption-extended' && n.publishable));
  });

  test('IPTC media topics filed as dpa subjects become mediatopic categories', () => {
    const item = readDigitalwires(sample('dw-1.json'));
    assert.ok(item.categories.some((c) => c.scheme === 'mediatopic' && c.code === 'medtop:20000768'));
    assert.ok(item.categories.some((c) => c.scheme === 'dpasubject' && c.code === 'dpasubject:346'));
    assert.ok(item.categories.some((c) => c.scheme === 'genre' && c.code === 'dpatextgenre:14'));
    // Staff accounts (creator/contributor) are no categories.
    assert.ok(!item.categories.some((c) => c.name.includes('loening')));
  });

  test('tables of the results service are dropped and named', () => {
    const item = readDigitalwires(sample('spe_tab.json'));
    assert.ok(item.warnings.includes('dropped 3 <table>'));
  });
});

describe('digitalwires: an invented withdrawal with hostile content', () => {
  const item = readDigitalwires(invented());

  test('withdrawal, embargo, urgency and version', () => {
    assert.equal(item.guid, 'urn:newsml:example.invalid:20260302:260302-99-000001');
    assert.equal(item.version, 3);
    assert.equal(item.pubStatus, 'canceled');
    assert.equal(item.embargoUntil, '2026-03-02T12:00:00+01:00');
    assert.equal(item.urgency, 1);
    assert.equal(item.firstCreated, '2026-03-02T08:00:00+01:00');
    assert.equal(item.subhead, 'Umleitung über die Nordtangente');
    assert.equal(item.dateline, 'Musterstadt (dpa)');
  });

  test('NUL and lone surrogates are stripped from fields', () => {
    assert.equal(item.kicker, 'Testlage');
    assert.equal(item.headline, 'Erfundene Meldung: Brücke in Musterstadt gesperrt');
  });

  test('the body keeps no script, handler or javascript: link', () => {
    const json = JSON.stringify(item.body);
    for (const bad of ['alert', 'cookie', 'onclick', 'javascript', 'tracker']) assert.ok(!json.includes(bad), bad);
    assert.deepEqual(item.body[0], { type: 'paragraph', content: [{ text: 'Die ' }, { text: 'Brücke', marks: ['strong'] }, { text: ' ist gesperrt.' }] });
    assert.deepEqual(item.body[1], { type: 'heading', level: 2, text: 'Umleitung' });
    assert.ok(item.warnings.includes('dropped 1 <script>'));
    assert.ok(item.warnings.includes('dropped 1 <iframe>'));
  });

  test('the info box has its heading', () => {
    assert.deepEqual(item.boxes, [{ role: 'infobox', heading: 'Die Brücke', blocks: [{ type: 'paragraph', content: [{ text: 'Gebaut 1962, 240 Meter lang.' }] }] }]);
  });

  test('notes: explicit is_publishable true only; the rest is internal', () => {
    const byRole = new Map(item.notes.map((n) => [n.role, n.publishable]));
    assert.equal(byRole.get('dpaednoterole:withdrawal'), true);
    assert.equal(byRole.get('dpaednoterole:dpacontacts'), false);
    assert.equal(byRole.get('dpaednoterole:unclear'), false);
    assert.equal(byRole.get('notepad'), true);
    assert.equal(byRole.get('notepad-nonpublic'), false);
    assert.match(item.notes.find((n) => n.role === 'notepad-nonpublic')!.text, /Rückfragen/);
  });

  test('the feature picture comes first; renditions without an http(s) URL are dropped', () => {
    assert.deepEqual(item.associations.map((a) => a.guid), ['urn:newsml:example.invalid:20260302:pic-1', 'urn:newsml:example.invalid:20260302:pic-2']);
    assert.equal(item.associations[0]!.rights.credit, 'Foto A/dpa');
    assert.equal(item.associations[0]!.version, 2);
    assert.equal(item.associations[0]!.renditions.length, 1);
    assert.ok(item.warnings.includes('dropped 1 rendition without an http(s) URL'));
  });

  test('categories by scheme', () => {
    assert.deepEqual(item.categories.map((c) => [c.scheme, c.code, c.name]), [
      ['desk', 'dpacat:vm', 'Vermischtes'],
      ['dpasubject', 'dpasubject:232', 'Verkehr'],
      ['mediatopic', 'medtop:20000000', 'Brücken'],
      ['geo', 'dpaarea:15', 'Sachsen-Anhalt'],
      ['genre', 'dpatextgenre:1', 'Meldung'],
      ['keyword', undefined, 'Brücke'],
      ['poi', undefined, 'Musterbrücke'],
    ]);
  });
});

describe('digitalwires: refusals', () => {
  const ok = invented();
  const without = (key: string, value?: unknown): Doc => ({ ...ok, [key]: value });

  test('not an object, not digitalwires', () => {
    refuses(null, /must be a JSON object, got null/);
    refuses([ok], /got a list/);
    refuses('{}', /got string/);
    refuses({ ...ok, format: 'ninjs@2' }, /not a digitalwires entry \(format: "ninjs@2"\)/);
    refuses({ headline: 'x' }, /not a digitalwires entry \(format: null\)/);
  });

  test('identity and version', () => {
    refuses(without('urn'), /without an urn/);
    refuses(without('urn', '   '), /without an urn/);
    refuses(without('version', 0), /version must be a whole number ≥ 1, got 0/);
    refuses(without('version', 1.5), /got 1\.5/);
    refuses(without('version', 'zwei'), /got "zwei"/);
  });

  test('an unknown pubstatus or an unreadable embargo is never read as usable or unembargoed', () => {
    refuses(without('pubstatus', 'embargoed'), /unknown pubstatus "embargoed"/);
    refuses(without('embargoed', 'morgen früh'), /embargoed is not an ISO 8601 instant with offset/);
    refuses(without('embargoed', '2026-03-02T12:00:00'), /embargoed is not an ISO 8601 instant/);
  });

  test('a text without a headline is refused; a picture takes its picture headline', () => {
    refuses(without('headline', ''), /headline is empty/);
    refuses(without('headline', '\u0000 \ud800'), /headline is empty/);
    const picture = readDigitalwires({ ...ok, headline: null, article_html: null });
    assert.equal(picture.type, 'picture');
    assert.equal(picture.headline, 'Gesperrte Brücke');
    assert.ok(picture.warnings.includes('no headline; took it from the caption'));
  });

  test('withheld and usable are read; "stat:" prefixes and the category are understood', () => {
    assert.equal(readDigitalwires(without('pubstatus', 'withheld')).pubStatus, 'withheld');
    assert.equal(readDigitalwires(without('pubstatus', 'stat:usable')).pubStatus, 'usable');
    // No pubstatus field: the dnltype:pubstatus category says canceled.
    assert.equal(readDigitalwires(without('pubstatus', null)).pubStatus, 'canceled');
  });

  test('odd field types are ignored, not crashed on', () => {
    const item = readDigitalwires({ ...ok, kicker: 42, teaser: { x: 1 }, urgency: 12, associations: 'none', categories: [null, 3, { type: 'dnltype:desk' }], ednotes: [null, 'x'] });
    assert.equal(item.kicker, undefined);
    assert.equal(item.teaser, undefined);
    assert.equal(item.urgency, undefined);
    assert.ok(item.warnings.includes('urgency 12 is not 1–9; ignored'));
    assert.deepEqual(item.associations, []);
    assert.deepEqual(item.categories, []);
  });
});
