import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { validateDraft } from '../../src/content/index.js';
import { importPageText, importPageTextBuffer } from '../../src/ingest/index.js';
import { repoRoot, textsOf } from './page-text-helpers.js';

const SEED = path.resolve(repoRoot, '..', 'shared', 'seed', '000_fca6cdd7775836e7.txt');

// The first words of every body paragraph of the seed, in page order. The
// teaser's repeat (the body's first paragraph on the page) is not among them.
const PARAGRAPH_STARTS = [
  'Die US-Regierung werde Moskau nächste Woche',
  'Anlass für das Treffen sind Bemühungen',
  'Die beiden Chefdiplomaten kamen am Freitagvormittag',
  'Lawrow kreidete dem Westen',
  'Blinken warnte erneut eindringlich',
  'Wenn russische Streitkräfte sich über die Grenze',
  'Blinken sprach von einem "offenen" Gespräch',
  'Die USA und Großbritannien hatten',
  'Wegen des massiven russischen Truppenaufmarschs',
  'Konkrete Maßnahmen nannte der SPD-Politiker nicht.',
];

test('seed page (mdr.de, 21 January 2022) imports to the exact story', (t) => {
  if (!existsSync(SEED)) return t.skip('../shared/seed not found: seed import test skipped');
  const raw = readFileSync(SEED, 'utf8');
  const { draft, warnings } = importPageText(raw, { source: 'seed.txt' });
  assert.ok(validateDraft(draft).ok);
  assert.deepEqual(warnings, []);

  // Kicker split from the headline they share a line with.
  assert.equal(draft.kind, 'article');
  assert.equal(draft.language, 'de');
  assert.equal(draft.kicker, 'Ukraine-Konflikt');
  assert.equal(draft.headline, 'Blinken und Lawrow wollen diplomatische Bemühungen fortsetzen');

  // Teaser once; the body's repeat of its first two sentences is gone.
  assert.equal(
    draft.teaser,
    'US-Außenminister Antony Blinken und sein russischer Kollege Sergej Lawrow haben sich auf eine Fortsetzung der diplomatischen Bemühungen in der Ukraine-Krise geeinigt. Blinken schloss bei dem Treffen in Genf am Freitag auch einen Austausch zwischen US-Präsident Joe Biden und Russlands Staatschef Wladimir Putin nicht aus. Die US-Regierung werde Moskau nächste Woche schriftliche "Ideen" zur Beilegung der Krise vorlegen.',
  );
  const bodyTexts = textsOf(draft.body);
  assert.ok(!bodyTexts.some((x) => x.startsWith('US-Außenminister Antony Blinken')), 'teaser repeat dropped from the body');

  // Lead figure.
  assert.deepEqual(draft.lead, {
    kind: 'image',
    alt: 'Außenminister Antony Blinken und der russische Außenminister Sergej Lawrow geben sich vor Gesprächen über Sicherheitsfragen in Osteuropa die Hand',
    caption: 'Außenminister Blinken und Lawrow (re.) am Freitag in Genf.',
    credit: 'dpa',
  });

  // Five sub-headings in order, level 2.
  const headings = draft.body.filter((b) => b.type === 'heading');
  assert.deepEqual(headings.map((h) => (h.type === 'heading' ? [h.level, h.text] : [])), [
    [2, 'Bemühungen um Entspannung im Ukraine-Konflikt'],
    [2, 'Lawrow: Nato arbeitet gegen Russland'],
    [2, 'Blinken warnt erneut vor Einmarsch in die Ukraine'],
    [2, 'Blinken: Diplomatie geht weiter'],
    [2, 'Scholz: Westliche Staaten bereiten Sanktionen vor'],
  ]);

  // The map at its place: right after its heading, right before the next paragraph.
  const mapAt = draft.body.findIndex((b) => b.type === 'figure');
  assert.equal(draft.body.filter((b) => b.type === 'figure').length, 1);
  const heading = draft.body[mapAt - 1];
  assert.ok(heading?.type === 'heading' && heading.text === 'Blinken warnt erneut vor Einmarsch in die Ukraine');
  const after = draft.body[mapAt + 1];
  assert.ok(after?.type === 'paragraph' && after.content[0]!.text.startsWith('Blinken warnte erneut eindringlich'));
  const { type: _type, ...map } = draft.body[mapAt] as Extract<(typeof draft.body)[number], { type: 'figure' }>;
  assert.deepEqual(map, {
    kind: 'map',
    alt: 'Landkarte zum Ukraine-Russland-Konflikt',
    caption: 'Umkämpfte Gebiete im Osten der Ukraine (rot) und zusammengezogenes russisches Militär (rote Kreise).',
    credit: 'MITTELDEUTSCHER RUNDFUNK',
  });

  // Every body paragraph exactly once, in order, with U+00A0 normalised and trimmed.
  const paragraphs = draft.body.filter((b) => b.type === 'paragraph').map((b) => (b.type === 'paragraph' ? b.content.map((c) => c.text).join('') : ''));
  assert.equal(paragraphs.length, PARAGRAPH_STARTS.length);
  let at = -1;
  for (const start of PARAGRAPH_STARTS) {
    const hits = paragraphs.filter((p) => p.startsWith(start));
    assert.equal(hits.length, 1, `exactly one paragraph starts with "${start}"`);
    const idx = paragraphs.findIndex((p) => p.startsWith(start));
    assert.ok(idx > at, `"${start}" in page order`);
    at = idx;
  }
  for (const p of [...paragraphs, draft.teaser!, draft.headline]) {
    assert.doesNotMatch(p, /\u00a0/, 'no NBSP left');
    assert.equal(p, p.trim());
    assert.doesNotMatch(p, / {2}/);
  }
  assert.ok(paragraphs.includes('Wenn russische Streitkräfte sich über die Grenze bewegten, dann sei das eine Invasion. Darauf würde man schnell, hart und mit vereinten Kräften reagieren.'));
  assert.ok(paragraphs.some((p) => p.endsWith('Washington sei zu einem erneuten Gespräch zwischen Biden und Putin bereit, falls beide Seiten zu dem Schluss kämen, dass dies "der beste Weg ist, die Dinge zu lösen", sagte Blinken. Die beiden Staatschefs hatten zuletzt Ende Dezember in einem Telefonat über die Ukraine-Krise gesprochen.')));

  // Broadcast line → broadcast, not body text.
  assert.deepEqual(draft.broadcast, { startsAt: '2022-01-21T13:00:00+01:00' });
  assert.ok(!bodyTexts.some((x) => /Dieses Thema im Programm/.test(x)));

  // Rails: used for the section, never body text; their items have no title, so no teasers.
  assert.equal(draft.section, 'Politik');
  assert.deepEqual(draft.related, []);
  for (const rail of ['Mehr aus Politik', 'Grafik 1 min', 'Bildrechte: mdr', 'Mehr aus der Welt']) {
    assert.ok(!bodyTexts.some((x) => x.includes(rail)), `"${rail}" is not body text`);
  }
  assert.equal(draft.body[draft.body.length - 1]?.type, 'paragraph');

  // No byline, no date of publication on the page.
  assert.equal(draft.byline, undefined);
  assert.deepEqual(draft.authors, []);
  assert.equal(draft.firstPublishedAt, undefined);
  assert.equal(draft.updatedAt, undefined);
  assert.equal(draft.source, 'seed.txt');

  // The same bytes through the buffer entry point, with a BOM and as UTF-16, give the same story.
  const viaBuffer = importPageTextBuffer(readFileSync(SEED), { source: 'seed.txt' }).draft;
  assert.deepEqual(viaBuffer, draft);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(raw, 'utf16le')]);
  assert.deepEqual(importPageTextBuffer(utf16, { source: 'seed.txt' }).draft, draft);
  const crlf = raw.replace(/\n/g, '\r\n');
  assert.deepEqual(importPageText(crlf, { source: 'seed.txt' }).draft, draft);
});
