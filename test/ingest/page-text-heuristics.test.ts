import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseBroadcastLine } from '../../src/ingest/page-text/broadcast.js';
import { parseByline } from '../../src/ingest/page-text/byline.js';
import { looksLikeBareCredit, parseCreditLine, splitCaptionCredit } from '../../src/ingest/page-text/credits.js';
import { findDate, parseDateLine } from '../../src/ingest/page-text/dates.js';
import { figureKind } from '../../src/ingest/page-text/figures.js';
import { deriveHeadline } from '../../src/ingest/page-text/headline.js';
import { splitDatePrefix, splitKicker } from '../../src/ingest/page-text/kicker.js';
import { detectLanguage } from '../../src/ingest/page-text/language.js';
import { parseDuration, parseMediaBadge } from '../../src/ingest/page-text/media-badge.js';
import { parsePublicationLine } from '../../src/ingest/page-text/publication-dates.js';
import { parseRailHeading } from '../../src/ingest/page-text/rails.js';
import { splitLongText } from '../../src/ingest/page-text/split-long-text.js';
import { parseEntryStart, splitRunInTitle } from '../../src/ingest/page-text/ticker.js';
import { isWidgetLine } from '../../src/ingest/page-text/widgets.js';

const de = (bodyText = '') => ({ bodyText, language: 'de' as const });

describe('kicker split', () => {
  test('splits where the evidence is clear', () => {
    assert.deepEqual(splitKicker('Ukraine-Konflikt Blinken und Lawrow wollen diplomatische Bemühungen fortsetzen', de('… im Ukraine-Konflikt zu entspannen')),
      { kicker: 'Ukraine-Konflikt', headline: 'Blinken und Lawrow wollen diplomatische Bemühungen fortsetzen' });
    assert.deepEqual(splitKicker('Sachsen-Anhalt am Morgen Das war der Ticker am Donnerstag', de()),
      { kicker: 'Sachsen-Anhalt am Morgen', headline: 'Das war der Ticker am Donnerstag' });
    assert.deepEqual(splitKicker('Sachsen-AnhaltDas war der Ticker am Donnerstag', de()),
      { kicker: 'Sachsen-Anhalt', headline: 'Das war der Ticker am Donnerstag' });
    assert.deepEqual(splitKicker('Sachsen Neue Brücke über die Mulde eröffnet', de()),
      { kicker: 'Sachsen', headline: 'Neue Brücke über die Mulde eröffnet' });
    assert.deepEqual(splitKicker('CoronavirusNeue Regeln für Schulen ab Montag', de()),
      { kicker: 'Coronavirus', headline: 'Neue Regeln für Schulen ab Montag' });
  });

  test('keeps ordinary headlines whole', () => {
    for (const line of [
      'Neue Brücke über die Mulde eröffnet',
      'Blinken und Lawrow wollen diplomatische Bemühungen fortsetzen',
      'CDU-Chef Merz fordert Neuwahlen im Frühjahr',
      'US-Präsident Biden warnt Russland vor Einmarsch',
      'Olaf Scholz besucht Dresden am Montag',
      'Sachsen-Anhalt plant mehr Geld für Schulen',
      'DeutschlandTicket wird im Mai teurer',
      'Hamburger SV entlässt seinen Trainer',
      'Ukraine-Konflikt: Blinken und Lawrow treffen sich in Genf',
    ]) {
      assert.deepEqual(splitKicker(line, de(`${line} Olaf Scholz sagte, der CDU-Chef Merz habe recht. DeutschlandTicket`)), { headline: line }, line);
    }
  });

  test('a date before the kicker', () => {
    const r = splitDatePrefix('23.05.2019 | Sachsen-Anhalt am Morgen Das war der Ticker am Donnerstag');
    assert.equal(r.rest, 'Sachsen-Anhalt am Morgen Das war der Ticker am Donnerstag');
    assert.deepEqual([r.date?.year, r.date?.month, r.date?.day, r.date?.hour], [2019, 5, 23, undefined]);
    const t = splitDatePrefix('Donnerstag, 23. Mai 2019 | 10:58 Uhr | Sachsen Neue Brücke eröffnet');
    assert.equal(t.rest, 'Sachsen Neue Brücke eröffnet');
    assert.deepEqual([t.date?.day, t.date?.hour, t.date?.minute], [23, 10, 58]);
    assert.deepEqual(splitDatePrefix('Halle - Neue Brücke eröffnet'), { rest: 'Halle - Neue Brücke eröffnet' });
  });
});

describe('credits', () => {
  test('labels at the end of a caption, in parentheses, and alone', () => {
    assert.deepEqual(splitCaptionCredit('Außenminister Blinken und Lawrow (re.) am Freitag in Genf. Bildrechte: dpa'),
      { caption: 'Außenminister Blinken und Lawrow (re.) am Freitag in Genf.', credit: 'dpa', strong: true });
    assert.deepEqual(splitCaptionCredit('Die Brücke in Dresden. (Foto: dpa)'), { caption: 'Die Brücke in Dresden.', credit: 'dpa', strong: true });
    assert.deepEqual(splitCaptionCredit('Die Brücke in Dresden. (dpa)'), { caption: 'Die Brücke in Dresden.', credit: 'dpa', strong: false, bare: true });
    assert.equal(splitCaptionCredit('Helfer am Ufer. Rechte: MDR | Max Muster')?.credit, 'MDR | Max Muster');
    assert.equal(splitCaptionCredit('Boats in port. Photo: AP/John Doe')?.credit, 'AP/John Doe');
    assert.equal(splitCaptionCredit('Boats in port. Credit: Getty Images')?.credit, 'Getty Images');
    assert.equal(splitCaptionCredit('Bauarbeiter bei der Arbeit © IMAGO')?.credit, 'IMAGO');
    assert.equal(splitCaptionCredit('Arbeitslose in Sachsen. Quelle: Bundesagentur für Arbeit')?.strong, false);
    for (const [line, credit] of [['Bildrechte: mdr', 'mdr'], ['Foto: picture alliance/dpa | Jan Woitas', 'picture alliance/dpa | Jan Woitas'], ['Image: Reuters', 'Reuters'], ['Bild: MDR/Lisa Muster', 'MDR/Lisa Muster']] as const) {
      assert.equal(parseCreditLine(line)?.credit, credit);
    }
  });

  test('no credit where there is none', () => {
    assert.equal(splitCaptionCredit('Olaf Scholz (SPD) spricht im Bundestag.'), undefined);
    assert.equal(splitCaptionCredit('Umkämpfte Gebiete (rot) und Militär (rote Kreise).'), undefined);
    assert.equal(splitCaptionCredit('Er zeigte ein Bild: Die Brücke ist kaputt. Niemand wurde verletzt.'), undefined);
    assert.equal(parseCreditLine('Die Brücke ist 180 Meter lang.'), undefined);
    assert.ok(looksLikeBareCredit('IMAGO / Funke Foto Services'));
    assert.ok(looksLikeBareCredit('imago images / Christian Ohde'));
    assert.ok(looksLikeBareCredit('dpa'));
    assert.ok(looksLikeBareCredit('MITTELDEUTSCHER RUNDFUNK', { allCaps: true }));
    assert.ok(!looksLikeBareCredit('MITTELDEUTSCHER RUNDFUNK'));
    assert.ok(!looksLikeBareCredit('SPD'));
    assert.ok(!looksLikeBareCredit('Die Stadt feierte.'));
  });

  test('figure kinds from alt text or caption', () => {
    assert.equal(figureKind('Landkarte zum Ukraine-Russland-Konflikt'), 'map');
    assert.equal(figureKind('Karte der Baustellen'), 'map');
    assert.equal(figureKind('Infografik Pegelstände'), 'graphic');
    assert.equal(figureKind('Chart: gas prices'), 'graphic');
    assert.equal(figureKind('Eine Fahrkarte liegt auf dem Tisch'), 'image');
    assert.equal(figureKind('Foto', 'Die Grafik zeigt den Anstieg.'), 'graphic');
  });
});

describe('bylines', () => {
  test('names and affiliations', () => {
    assert.deepEqual(parseByline('von Anna Beispiel, MDR SACHSEN-ANHALT'),
      { byline: 'Anna Beispiel, MDR SACHSEN-ANHALT', authors: [{ name: 'Anna Beispiel', affiliation: 'MDR SACHSEN-ANHALT' }] });
    assert.deepEqual(parseByline('Von Anna Beispiel und Ben Muster')?.authors, [{ name: 'Anna Beispiel' }, { name: 'Ben Muster' }]);
    assert.deepEqual(parseByline('Von Anna Beispiel, Ben Muster und Carla Probe')?.authors.map((a) => a.name), ['Anna Beispiel', 'Ben Muster', 'Carla Probe']);
    assert.deepEqual(parseByline('by Jane Doe')?.authors, [{ name: 'Jane Doe' }]);
    assert.deepEqual(parseByline('By Jane Doe and John Roe, BBC News')?.authors, [{ name: 'Jane Doe', affiliation: 'BBC News' }, { name: 'John Roe', affiliation: 'BBC News' }]);
    assert.deepEqual(parseByline('von Anna Beispiel, MDR SACHSEN-ANHALT, und Ben Muster, MDR THÜRINGEN')?.authors,
      [{ name: 'Anna Beispiel', affiliation: 'MDR SACHSEN-ANHALT' }, { name: 'Ben Muster', affiliation: 'MDR THÜRINGEN' }]);
    assert.deepEqual(parseByline('Autorin: Jean-Luc de la Croix')?.authors, [{ name: 'Jean-Luc de la Croix' }]);
  });

  test('sentences starting with "Von" are not bylines', () => {
    for (const line of ['Von Montag an gilt der neue Fahrplan.', 'Von Dresden nach Leipzig fahren Züge im Stundentakt', 'Von Seiten der Regierung hieß es, man prüfe das.', 'by the way', 'von MDR']) {
      assert.equal(parseByline(line), undefined, line);
    }
  });
});

describe('dates, broadcasts, publication lines', () => {
  test('date lines', () => {
    assert.ok(parseDateLine('Donnerstag, 23. Mai 2019'));
    assert.ok(parseDateLine('23.05.2019'));
    assert.ok(parseDateLine('21. Januar 2022 | 13:00 Uhr'));
    assert.equal(parseDateLine('Am 23.05.2019 wurde gewählt.'), undefined);
    assert.equal(findDate('31.02.2022'), undefined, 'no 31 February');
  });

  test('broadcast lines in their forms', () => {
    assert.deepEqual(parseBroadcastLine('Dieses Thema im Programm: 21. Januar 2022 | 13:00 Uhr'), { broadcast: { startsAt: '2022-01-21T13:00:00+01:00' }, dateOnly: false });
    assert.deepEqual(parseBroadcastLine('Dieses Thema im Programm: MDR FERNSEHEN | MDR um 4 | 21. Januar 2022 | 16:00 Uhr')?.broadcast,
      { startsAt: '2022-01-21T16:00:00+01:00', programme: 'MDR FERNSEHEN – MDR um 4' });
    assert.deepEqual(parseBroadcastLine('Sendedatum: 24.05.2017 12:00 Uhr')?.broadcast, { startsAt: '2017-05-24T12:00:00+02:00' });
    assert.deepEqual(parseBroadcastLine('Diese Nachricht wurde am 08.01.2022 im Programm Deutschlandfunk gesendet.'),
      { broadcast: { startsAt: '2022-01-08T00:00:00+01:00', programme: 'Deutschlandfunk' }, dateOnly: true });
    assert.deepEqual(parseBroadcastLine('Sendung: Tagesschau, 21.01.2022, 20:00 Uhr')?.broadcast, { startsAt: '2022-01-21T20:00:00+01:00', programme: 'Tagesschau' });
    assert.equal(parseBroadcastLine('Dieses Thema im Programm: MDR AKTUELL | 13:00 Uhr'), undefined, 'no date and no fallback');
    assert.equal(parseBroadcastLine('Dieses Thema im Programm: MDR AKTUELL | 13:00 Uhr', { year: 2022, month: 1, day: 21, spans: [] })?.broadcast.startsAt, '2022-01-21T13:00:00+01:00');
    assert.equal(parseBroadcastLine('Die Sendung war ein Erfolg.'), undefined);
  });

  test('publication lines', () => {
    assert.deepEqual(parsePublicationLine('Stand: 21.01.2022 14:35 Uhr'), { dateOnly: false, stand: '2022-01-21T14:35:00+01:00' });
    assert.deepEqual(parsePublicationLine('veröffentlicht am 21.01.2022, 14:35 Uhr'), { dateOnly: false, published: '2022-01-21T14:35:00+01:00' });
    assert.deepEqual(parsePublicationLine('aktualisiert am 22.01.2022, 09:10 Uhr'), { dateOnly: false, updated: '2022-01-22T09:10:00+01:00' });
    assert.deepEqual(parsePublicationLine('Published: 21 January 2022'), { dateOnly: true, published: '2022-01-21T00:00:00+01:00' });
    assert.deepEqual(parsePublicationLine('Updated 21 January 2022'), { dateOnly: true, updated: '2022-01-21T00:00:00+01:00' });
    assert.equal(parsePublicationLine('Veröffentlicht wurde die Studie am 21.01.2022 in Nature.'), undefined);
    assert.equal(parsePublicationLine('Standort: Halle'), undefined);
  });
});

describe('badges, rails, widgets', () => {
  test('media badges and durations', () => {
    assert.deepEqual(parseMediaBadge('Grafik 1 min'), { mediaType: 'graphic', durationSeconds: 60 });
    assert.deepEqual(parseMediaBadge('Audio 3:15 min'), { mediaType: 'audio', durationSeconds: 195 });
    assert.deepEqual(parseMediaBadge('Video 1:30 min'), { mediaType: 'video', durationSeconds: 90 });
    assert.deepEqual(parseMediaBadge('Bildergalerie mit 12 Bildern'), { mediaType: 'gallery' });
    assert.deepEqual(parseMediaBadge('Bild'), { mediaType: 'image' });
    assert.equal(parseMediaBadge('Video zeigt Unfall auf der A14'), undefined);
    assert.equal(parseDuration('01:02:03'), 3723);
    assert.equal(parseDuration('1 Std 5 min'), 3900);
    assert.equal(parseDuration('45 Sek'), 45);
  });

  test('rail headings and their sections', () => {
    assert.deepEqual(parseRailHeading('Mehr aus Politik'), { section: 'Politik' });
    assert.deepEqual(parseRailHeading('Mehr aus der Welt'), { section: 'Welt' });
    assert.deepEqual(parseRailHeading('Mehr zum Thema'), {});
    assert.deepEqual(parseRailHeading('More on this story'), {});
    assert.deepEqual(parseRailHeading('Auch interessant'), {});
    assert.equal(parseRailHeading('Mehr aus Politik gab es an diesem Tag nicht.'), undefined);
  });

  test('widget lines, whole short lines only', () => {
    for (const w of ['Audiobeitrag', 'Videobeitrag', 'mit Video', 'mit Audio', 'Bewertung: 4,5 von 5 Sternen', '★★★★☆', 'Teilen', 'Drucken', 'Link kopiert', 'Zur Startseite', 'Nach oben', 'Lesezeit: 3 min', 'Kommentare (12)', 'Wir verwenden Cookies, um die Seite zu verbessern.', 'Alle akzeptieren', 'Share', '3 min read']) {
      assert.ok(isWidgetLine(w), w);
    }
    for (const t of ['Teilen Sie uns Ihre Meinung mit.', 'Drucken lassen sich die Formulare im Rathaus.', 'Kommentar', 'Live-Ticker zum Wahlabend', 'Cookies sind kleine Textdateien, die Webseiten speichern.']) {
      assert.ok(!isWidgetLine(t), t);
    }
  });
});

describe('ticker lines, headlines, languages', () => {
  test('entry starts', () => {
    assert.deepEqual(parseEntryStart('10:58 Uhr | Titel'), { hour: 10, minute: 58, sep: '|', rest: 'Titel', strong: true });
    assert.deepEqual(parseEntryStart('10:58 Uhr - Magdeburg'), { hour: 10, minute: 58, sep: '-', rest: 'Magdeburg', strong: true });
    assert.deepEqual(parseEntryStart('8.00 Uhr: Text folgt hier'), { hour: 8, minute: 0, sep: ':', rest: 'Text folgt hier', strong: true });
    assert.equal(parseEntryStart('21:25 Die Polizei meldet')?.strong, false);
    assert.equal(parseEntryStart('14:30 GMT | Trains cancelled')?.offsetMinutes, 0);
    for (const no of ['23.05.2019 | Titel', '25:00 Uhr | Titel', '12.30 Millionen Euro', '1:0 Sieg', '21:25 text klein']) assert.equal(parseEntryStart(no), undefined, no);
    assert.deepEqual(splitRunInTitle('Polizei sucht Zeugen nach Einbruch Die Polizei in Halle sucht Zeugen. Die Täter flohen.'),
      { title: 'Polizei sucht Zeugen nach Einbruch', body: 'Die Polizei in Halle sucht Zeugen. Die Täter flohen.' });
    assert.equal(splitRunInTitle('Die Polizei in Halle sucht Zeugen eines Einbruchs.'), undefined);
  });

  test('derived headlines', () => {
    assert.equal(deriveHeadline('Berlin (dpa) - Die Regierung hat am 21. Januar ein Gesetz beschlossen. Es gilt ab Mai.'), 'Die Regierung hat am 21. Januar ein Gesetz beschlossen');
    const long = deriveHeadline(`${'Sehr '.repeat(80)}langer Satz.`);
    assert.ok([...long].length <= 200 && long.endsWith('…') && !long.includes('Seh…'));
  });

  test('language by function words', () => {
    assert.equal(detectLanguage('Die Stadt hat am Freitag die neue Brücke eröffnet, und es war ein Fest.'), 'de');
    assert.equal(detectLanguage('The city opened the new bridge on Friday, and it was a party for all.'), 'en');
    assert.equal(detectLanguage('12345'), 'de');
  });

  test('long text is split at sentence ends, keeping every character', () => {
    const text = 'Ein Satz. '.repeat(5000).trim();
    const parts = splitLongText(text, 1000);
    assert.ok(parts.every((p) => p.length <= 1000 && p.endsWith('.')));
    assert.equal(parts.join(' '), text);
    assert.deepEqual(splitLongText('x'.repeat(2500), 1000).map((p) => p.length), [1000, 1000, 500]);
  });
});
