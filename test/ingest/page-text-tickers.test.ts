import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importPageText } from '../../src/ingest/index.js';
import { entryParagraphs, fixtureText, importFixture } from './page-text-helpers.js';

describe('page-text importer: live tickers', () => {
  test('04 date before the kicker; "10:58 Uhr | Titel" entries newest first, dated from the page', () => {
    const r = importFixture('04-ticker-date-prefix.txt');
    assert.equal(r.draft.kind, 'liveticker');
    assert.equal(r.draft.kicker, 'Sachsen-Anhalt am Morgen');
    assert.equal(r.draft.headline, 'Das war der Ticker am Donnerstag');
    assert.ok(r.draft.teaser?.startsWith('Unfälle, Baustellen, Wetter:'));
    assert.deepEqual(r.entries.map((e) => [e.time, e.title]), [
      ['2019-05-23T10:58:00+02:00', 'Sperrung auf der A14 aufgehoben'],
      ['2019-05-23T10:15:00+02:00', 'Stadtrat Dessau vertagt Entscheidung über Theater'],
      ['2019-05-23T09:30:00+02:00', 'Gewitter am Nachmittag erwartet'],
      ['2019-05-23T08:05:00+02:00', 'Guten Morgen!'],
    ]);
    assert.deepEqual(entryParagraphs(r.entries[2]!), [
      'Der Deutsche Wetterdienst warnt für den Harz und die Altmark vor Gewittern mit Starkregen.',
      'Örtlich kann es auch Hagel geben.',
    ]);
    assert.equal(r.draft.body.length, 4, 'the body is the entries');
    assert.equal(r.draft.section, 'Sachsen-Anhalt');
    assert.deepEqual(r.draft.related.map((x) => [x.title, x.durationSeconds]), [['Stau auf der A14: So lief die Bergung', 90]]);
  });

  test('05 date line; "HH:MM Uhr - Ort" with the title on the next line; past midnight; picture inside an entry', () => {
    const r = importFixture('05-ticker-location-lines.txt');
    assert.equal(r.draft.kicker, 'Unwetter');
    assert.equal(r.draft.headline, 'Sturmtief zieht über Mitteldeutschland');
    assert.deepEqual(r.entries.map((e) => [e.time, e.location ?? null, e.title ?? null]), [
      ['2019-05-24T00:20:00+02:00', 'Halle', 'Feuerwehr zieht erste Bilanz'],
      ['2019-05-23T23:45:00+02:00', 'Erfurt', 'Bahnstrecke nach Weimar gesperrt'],
      ['2019-05-23T22:10:00+02:00', 'Magdeburg', null],
      ['2019-05-23T21:30:00+02:00', null, 'Wetterdienst verlängert die Unwetterwarnung bis Mitternacht'],
    ]);
    const fig = r.entries[1]!.body.find((b) => b.type === 'figure');
    assert.ok(fig && fig.type === 'figure' && fig.credit === 'MDR/Thomas Beispiel');
    assert.deepEqual(entryParagraphs(r.entries[2]!), ['Im Stadtteil Sudenburg sind mehrere Keller vollgelaufen. Die Feuerwehr pumpt das Wasser ab.']);
  });

  test('06 glued kicker "Sachsen-AnhaltDas war …"; run-in titles "9:55 Uhr Titel Text …"; oldest first kept', () => {
    const r = importFixture('06-ticker-glued-run-in.txt');
    assert.equal(r.draft.kicker, 'Sachsen-Anhalt');
    assert.equal(r.draft.headline, 'Das war der Ticker am Freitag');
    assert.deepEqual(r.entries.map((e) => [e.time, e.title]), [
      ['2019-05-24T09:55:00+02:00', 'Polizei sucht Zeugen nach Einbruch'],
      ['2019-05-24T11:20:00+02:00', 'Neuer Spielplatz in Wernigerode'],
      ['2019-05-24T13:05:00+02:00', 'Volksfest in Stendal beginnt'],
    ]);
    assert.deepEqual(entryParagraphs(r.entries[0]!), ['Die Polizei in Halle sucht Zeugen eines Einbruchs in ein Juweliergeschäft. Die Täter erbeuteten Schmuck im Wert von mehreren tausend Euro.']);
    assert.equal(entryParagraphs(r.entries[2]!).length, 2);
  });

  test('07 "8.00 Uhr: Text" entries without titles, one with a title line, a picture', () => {
    const r = importFixture('07-ticker-dot-colon.txt');
    assert.equal(r.draft.kicker, 'Warnstreik');
    assert.deepEqual(r.entries.map((e) => [e.time.slice(11, 16), e.title ?? null]), [
      ['05:30', null], ['07:00', null], ['08:15', 'Pendler weichen aufs Rad aus'], ['10:00', null],
    ]);
    assert.ok(r.entries.every((e) => e.time.startsWith('2019-05-23T')));
    assert.deepEqual(entryParagraphs(r.entries[3]!), ['Verdi kündigt an, dass der Streik wie geplant um 14 Uhr endet.']);
    assert.deepEqual(r.entries[2]!.body.map((b) => b.type), ['paragraph', 'figure']);
  });

  test('08 "21:25 Text" without "Uhr" and without a date: dated from opts.now, across midnight', () => {
    const now = new Date('2022-01-22T01:00:00+01:00');
    const r = importFixture('08-ticker-bare-times-now.txt', { now });
    assert.equal(r.draft.kind, 'liveticker');
    assert.deepEqual(r.entries.map((e) => e.time), [
      '2022-01-22T00:40:00+01:00', '2022-01-21T23:55:00+01:00', '2022-01-21T22:10:00+01:00', '2022-01-21T21:25:00+01:00',
    ]);
    assert.ok(r.entries.every((e) => e.title === undefined && e.body.length === 1));
    assert.deepEqual(r.warnings, []);
    // Without opts.now the clock decides, and the editor is told.
    const noNow = importPageText(fixtureText('08-ticker-bare-times-now.txt'));
    assert.ok(noNow.warnings.some((w) => /names no date/.test(w)));
    // A summer date gets the summer offset.
    const summer = importPageText(fixtureText('08-ticker-bare-times-now.txt'), { now: new Date('2021-07-01T10:00:00Z') });
    const first = summer.draft.body.find((b) => b.type === 'ticker-entry');
    assert.ok(first?.type === 'ticker-entry' && first.time === '2021-07-01T00:40:00+02:00');
  });

  test('25 English live blog with GMT times', () => {
    const r = importFixture('25-english-live-blog.txt');
    assert.equal(r.draft.language, 'en');
    assert.equal(r.draft.kind, 'liveticker');
    assert.equal(r.draft.kicker, 'Storm Eunice');
    assert.equal(r.draft.updatedAt, '2022-02-18T17:40:00+01:00');
    assert.deepEqual(r.entries.map((e) => [e.time, e.title]), [
      ['2022-02-18T17:30:00+01:00', 'Trains cancelled across the south-east'],
      ['2022-02-18T16:10:00+01:00', 'Roof torn off theatre in London'],
      ['2022-02-18T15:05:00+01:00', 'Record gust measured on the Isle of Wight'],
    ]);
  });

  test('an article with a few times of day in its text is not a ticker', () => {
    const text = [
      'Verkehr', 'Neuer Fahrplan für die S-Bahn', '',
      'Ab Sonntag gilt ein neuer Fahrplan für die S-Bahn in Mitteldeutschland.', '',
      '14:30 Uhr soll der erste Zug nach dem neuen Plan in Leipzig abfahren.', '',
      'Die Bahn rechnet mit Verspätungen in den ersten Tagen.',
    ].join('\n');
    const { draft } = importPageText(text);
    assert.equal(draft.kind, 'article');
    assert.ok(draft.body.some((b) => b.type === 'paragraph' && b.content[0]!.text.startsWith('14:30 Uhr soll')));
  });
});
