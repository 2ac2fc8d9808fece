import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importPageText } from '../../src/ingest/index.js';
import { importFixture } from './page-text-helpers.js';

describe('page-text importer: articles', () => {
  test('01 shared-line kicker with a hyphenated compound; teaser repeat with extra text; graphic; programme broadcast; titled rail item', () => {
    const r = importFixture('01-kicker-hyphen-teaser-extra.txt');
    const d = r.draft;
    assert.equal(d.kicker, 'Elbe-Hochwasser');
    assert.equal(d.headline, 'Pegel in Dresden steigt über sechs Meter');
    assert.equal(d.teaser, 'Der Pegel der Elbe in Dresden ist in der Nacht auf über sechs Meter gestiegen. Die Stadt hat die Alarmstufe drei ausgerufen.');
    // The body's first paragraph repeated the teaser and went on: only the extra stays.
    assert.equal(r.paragraphs[0], 'Am Vormittag lag der Wert bei 6,12 Metern, Tendenz weiter steigend.');
    assert.equal(r.paragraphs.length, 5);
    assert.deepEqual(d.lead, {
      kind: 'image', alt: 'Sandsäcke liegen am Terrassenufer in Dresden bereit',
      caption: 'Helfer füllen am Morgen Sandsäcke am Terrassenufer.', credit: 'IMAGO / Funke Foto Services',
    });
    assert.deepEqual(r.headings, ['Wie hoch steigt das Wasser?', 'Schulen bleiben geöffnet']);
    assert.equal(r.figures.length, 1);
    assert.deepEqual({ ...r.figures[0] }, {
      type: 'figure', kind: 'graphic', alt: 'Infografik Pegelstände der Elbe in Dresden seit Montag',
      caption: 'Pegelstand in Metern, gemessen an der Augustusbrücke.', credit: 'Landeshochwasserzentrum',
    });
    assert.deepEqual(d.broadcast, { startsAt: '2022-01-21T16:00:00+01:00', programme: 'MDR FERNSEHEN – MDR um 4' });
    assert.equal(d.section, 'Sachsen');
    // The untitled "Grafik 1 min" item is dropped, the titled video becomes a teaser.
    assert.deepEqual(d.related, [{
      title: 'Sandsäcke für Laubegast: Freiwillige packen mit an', mediaType: 'video', durationSeconds: 120,
      image: { kind: 'image', alt: '', credit: 'MDR | Max Muster' },
    }]);
    assert.doesNotMatch(r.allText, /Grafik 1 min|Mehr aus Sachsen|Dieses Thema/);
  });

  test('02 kicker on its own line; byline with affiliation and author photo; "Stand"; "Foto:" and "Rechte:" credits; share widget', () => {
    const r = importFixture('02-kicker-own-line-byline-photo.txt');
    const d = r.draft;
    assert.equal(d.kicker, 'Sachsen-Anhalt');
    assert.equal(d.headline, 'Neue Radwege zwischen Magdeburg und Schönebeck geplant');
    assert.equal(d.byline, 'Anna Beispiel, MDR SACHSEN-ANHALT');
    assert.deepEqual(d.authors, [{
      name: 'Anna Beispiel', affiliation: 'MDR SACHSEN-ANHALT',
      image: { kind: 'image', alt: 'Anna Beispiel', credit: 'MDR/Hans Muster' },
    }]);
    assert.equal(d.firstPublishedAt, '2022-01-21T14:35:00+01:00');
    assert.equal(d.updatedAt, undefined);
    assert.equal(d.teaser, 'Das Land will bis 2025 rund zwölf Kilometer neue Radwege entlang der Elbe bauen. Die Planungen sollen im Frühjahr beginnen.');
    assert.deepEqual(d.lead, { kind: 'image', alt: 'Radfahrer auf dem Elberadweg bei Magdeburg', caption: 'Auf dem Elberadweg ist schon heute viel los.', credit: 'dpa' });
    assert.deepEqual(r.figures.map((f) => [f.alt, f.caption, f.credit]), [
      ['Baustelle eines Radwegs bei Gerwisch', 'Der Abschnitt bei Gerwisch soll als erster fertig werden.', 'MDR/Paul Beispiel'],
    ]);
    assert.deepEqual(r.headings, ['Pendler sollen profitieren']);
    assert.equal(r.paragraphs.length, 3);
    assert.doesNotMatch(r.allText, /^Teilen$|Stand:|^von Anna/m);
  });

  test('03 glued kicker ("ThüringenNeues …"); bare credit lines and a labelled credit in parentheses', () => {
    const r = importFixture('03-glued-kicker-bare-credits.txt');
    assert.equal(r.draft.kicker, 'Thüringen');
    assert.equal(r.draft.headline, 'Neues Hallenbad in Gera öffnet im Herbst');
    assert.equal(r.draft.lead?.credit, 'dpa');
    assert.equal(r.draft.lead?.caption, 'Das neue Bad bekommt ein 25-Meter-Becken und eine Sauna.');
    assert.deepEqual(r.figures.map((f) => [f.caption, f.credit]), [
      ['Blick in die Schwimmhalle im Rohbau.', 'Stadt Gera'],
      ['Viele Kinder in Thüringen können nicht sicher schwimmen.', 'imago images / Christian Ohde'],
    ]);
    assert.equal(r.paragraphs.length, 3);
    assert.ok(!r.paragraphs.some((p) => p === 'dpa' || p.includes('imago')));
  });

  test('09 hero picture before the headline and again after it: one lead, no duplicate', () => {
    const r = importFixture('09-hero-before-headline.txt');
    assert.equal(r.draft.kicker, 'Leipzig');
    assert.equal(r.draft.headline, 'Neues Naturkundemuseum soll 2026 eröffnen');
    assert.deepEqual(r.draft.lead, {
      kind: 'image', alt: 'Modell des neuen Naturkundemuseums am Leipziger Hauptbahnhof', caption: 'So soll das neue Museum aussehen.', credit: 'dpa',
    });
    assert.deepEqual(r.figures.map((f) => f.alt), ['Skelett eines Höhlenbären']);
    assert.equal(r.figures[0]!.credit, 'Naturkundemuseum Leipzig');
    assert.ok(r.draft.teaser?.startsWith('Die Stadt Leipzig hat den Bauvertrag'));
    assert.equal(r.paragraphs.length, 2);
    assert.doesNotMatch(r.allText, /mit Video/);
  });

  test('10 credit labels "Bild:", "Quelle:" (only under an alt line), "(dpa)", two-line credits with " | ", alt-only picture, "©"', () => {
    const r = importFixture('10-credit-label-variety.txt');
    assert.equal(r.draft.lead?.credit, 'MDR/Lisa Muster');
    const byCredit = Object.fromEntries(r.figures.map((f) => [f.credit, f]));
    assert.equal(byCredit['Stadt Halle']?.kind, 'map');
    assert.equal(byCredit['Stadt Halle']?.caption, 'Die Karte zeigt alle sieben Baustellen im Stadtgebiet.');
    assert.equal(byCredit.dpa?.caption, 'Auch die Brücke an der Saline wird saniert.');
    assert.equal(byCredit['picture alliance/dpa | Jan Woitas']?.caption, 'Die Brücke ist für Lkw gesperrt.');
    assert.deepEqual({ ...byCredit['IMAGO / Steffen Schellhorn'] }, { type: 'figure', kind: 'image', alt: 'Gesperrte Straße am Riebeckplatz', credit: 'IMAGO / Steffen Schellhorn' });
    assert.equal(byCredit.IMAGO?.caption, 'Bauarbeiter bei der Arbeit');
    assert.equal(r.figures.length, 5);
    // "Quelle:" at the end of an ordinary paragraph is the paragraph's source, not a picture.
    assert.ok(r.paragraphs.includes('Die Zahl der Baustellen in der Stadt ist damit so hoch wie seit Jahren nicht. Quelle: Statistisches Landesamt'));
    assert.deepEqual(r.headings, ['Wann die Arbeiten enden']);
  });

  test('13 "Sendedatum:", "veröffentlicht am" and "aktualisiert am"', () => {
    const r = importFixture('13-broadcast-sendedatum.txt');
    assert.deepEqual(r.draft.broadcast, { startsAt: '2017-05-24T12:00:00+02:00' });
    assert.equal(r.draft.firstPublishedAt, '2017-05-24T11:20:00+02:00');
    assert.equal(r.draft.updatedAt, '2017-05-24T13:05:00+02:00');
    assert.equal(r.draft.kicker, 'Kultur');
    assert.equal(r.paragraphs.length, 2);
    assert.doesNotMatch(r.allText, /Sendedatum|veröffentlicht am|aktualisiert am/);
  });

  test('14 Deutschlandfunk broadcast sentence; bullet and numbered lists; quote with speaker; quoted paragraph stays a paragraph', () => {
    const r = importFixture('14-broadcast-dlf-quote-list.txt');
    assert.equal(r.draft.kicker, undefined);
    assert.equal(r.draft.headline, 'Bund und Länder einigen sich auf Kosten für Ganztagsschulen');
    assert.deepEqual(r.draft.broadcast, { startsAt: '2022-01-08T00:00:00+01:00', programme: 'Deutschlandfunk' });
    assert.ok(r.warnings.some((w) => /broadcast line names no time/.test(w)));
    const lists = r.draft.body.filter((b) => b.type === 'list');
    assert.deepEqual(lists.map((l) => (l.type === 'list' ? [l.ordered, l.items.map((i) => i[0]!.text)] : [])), [
      [false, ['Der Bund übernimmt die Hälfte der Betriebskosten.', 'Die Länder zahlen den Rest.', 'Die Regel gilt zunächst bis 2030.']],
      [true, ['Antrag bei der Gemeinde stellen', 'Nachweis über die Arbeitszeiten hochladen', 'Bescheid abwarten']],
    ]);
    const quotes = r.draft.body.filter((b) => b.type === 'quote');
    assert.deepEqual(quotes, [{
      type: 'quote', text: '„Wir dürfen die Kommunen mit den Kosten nicht allein lassen.“', speaker: 'Maria Beispiel, Präsidentin des Städtetags',
    }]);
    assert.ok(r.paragraphs.some((p) => p.startsWith('„Das ist ein guter Tag für die Familien“, sagte')));
    assert.deepEqual(r.headings, [], 'a line ending in a colon before a list is not a heading');
    assert.ok(r.paragraphs.includes('Die wichtigsten Punkte des Beschlusses:'));
  });

  test('15 "Sendung:" with programme; map lead with "Rechte:"; "Stand" as the publication time', () => {
    const r = importFixture('15-broadcast-sendung-map.txt');
    assert.equal(r.draft.kicker, 'Thüringen');
    assert.equal(r.draft.headline, 'Neue Funklöcher-Karte zeigt Lücken im Netz');
    assert.deepEqual(r.draft.broadcast, { startsAt: '2022-01-21T19:30:00+01:00', programme: 'MDR AKTUELL' });
    assert.equal(r.draft.lead?.kind, 'map');
    assert.equal(r.draft.lead?.credit, 'MDR');
    assert.equal(r.draft.firstPublishedAt, '2022-01-21T18:02:00+01:00');
  });

  test('16 badges and widgets are dropped, sentences that mention them are not', () => {
    const r = importFixture('16-widgets-and-badges.txt');
    assert.equal(r.draft.kicker, 'Ratgeber');
    assert.equal(r.draft.headline, 'Wie Sie im Winter beim Heizen Geld sparen');
    assert.deepEqual(r.draft.body.map((b) => b.type), ['paragraph', 'heading', 'paragraph', 'paragraph']);
    assert.equal(r.paragraphs[2], 'Teilen Sie uns Ihre Erfahrungen mit: Welche Spartipps haben bei Ihnen funktioniert?');
    for (const w of ['Audiobeitrag', 'Videobeitrag', 'mit Video', 'mit Audio', 'Bewertung', '★', 'Drucken', 'Link kopiert', 'Zur Startseite', 'Nach oben', 'Lesezeit', 'Kommentare', 'Cookies', 'Alle akzeptieren']) {
      assert.ok(!r.allText.includes(w), `"${w}" dropped`);
    }
  });

  test('17 rails in several forms become related teasers with media type and duration; untitled items are dropped', () => {
    const r = importFixture('17-rails-variants.txt');
    assert.deepEqual(r.draft.related.map((x) => [x.title, x.mediaType, x.durationSeconds ?? null, x.image?.credit ?? null]), [
      ['So sieht die neue Brücke von oben aus', 'video', 180, 'MDR'],
      ['Hochwasser 2013: Die Bilder aus Grimma', 'video', 120, 'MDR/Karl Beispiel'],
      ['Ein Jahr Baustelle: Anwohner erzählen', 'audio', 195, 'MDR | Max Muster'],
      ['Die Muldebrücke im Wandel der Zeit', 'gallery', null, null],
      ['Stadtrat Grimma beschließt Haushalt', 'article', null, null],
      ['Neue Buslinie zum Bahnhof', 'article', null, null],
      ['Pegelstände der Mulde im Überblick', 'graphic', 60, null],
    ]);
    assert.equal(r.paragraphs.length, 2);
    assert.equal(r.draft.section, undefined, '"Mehr zum Thema" names no section');
    assert.doesNotMatch(r.allText, /Mehr zum Thema|Weitere Nachrichten|Auch interessant|Video \d/);
  });

  test('18 a single-paragraph agency flash: headline from the first sentence, text kept, warning', () => {
    const r = importFixture('18-agency-flash.txt');
    assert.equal(r.draft.headline, 'Die Bundesregierung will die Förderung für den Kauf von Lastenrädern im kommenden Jahr fortsetzen');
    assert.equal(r.draft.teaser, undefined);
    assert.equal(r.paragraphs.length, 1);
    assert.ok(r.paragraphs[0]!.startsWith('Berlin (dpa) - Die Bundesregierung will'));
    assert.ok(r.paragraphs[0]!.endsWith('mehr als 9.000 Anträge eingegangen.'));
    assert.ok(r.warnings.some((w) => /headline was derived/.test(w)));
  });

  test('19 CRLF line endings, tabs, NBSPs and runs of blank lines', () => {
    const r = importFixture('19-crlf-tabs-nbsp.txt');
    assert.equal(r.draft.kicker, 'Magdeburg');
    assert.equal(r.draft.headline, 'Stadt pflanzt 500 neue Bäume');
    assert.equal(r.draft.firstPublishedAt, '2021-11-12T10:00:00+01:00');
    assert.equal(r.draft.teaser, 'In Magdeburg sollen bis zum Frühjahr 500 neue Straßenbäume gepflanzt werden. Die Stadt setzt dabei auf Arten, die Hitze gut vertragen.');
    assert.deepEqual(r.headings, ['Welche Arten gepflanzt werden']);
    assert.equal(r.paragraphs.length, 3);
    assert.ok(r.paragraphs.includes('Ein Baum kostet mit Pflanzung und Pflege in den ersten drei Jahren rund 2.000 Euro.'));
    assert.doesNotMatch(r.allText, /[\r\t\u00a0]/);
  });

  test('20 two authors with their own affiliations, photo of one; publication and update on one line', () => {
    const r = importFixture('20-two-authors-pub-update.txt');
    assert.deepEqual(r.draft.authors, [
      { name: 'Anna Beispiel', affiliation: 'MDR' },
      { name: 'Ben Muster', affiliation: 'dpa', image: { kind: 'image', alt: 'Ben Muster', credit: 'privat' } },
    ]);
    assert.equal(r.draft.byline, 'Anna Beispiel (MDR) und Ben Muster (dpa)');
    assert.equal(r.draft.firstPublishedAt, '2022-01-21T14:35:00+01:00');
    assert.equal(r.draft.updatedAt, '2022-01-22T09:10:00+01:00');
    assert.equal(r.figures.length, 0, 'the author photo is not a body figure');
    assert.equal(r.paragraphs.length, 2);
  });

  test('21 a page without blank lines still yields kicker, teaser, lead and sub-headings', () => {
    const r = importFixture('21-no-blank-lines.txt');
    assert.equal(r.draft.kicker, 'Gesundheit');
    assert.equal(r.draft.headline, 'Kliniken in Sachsen suchen dringend Pflegekräfte');
    assert.ok(r.draft.teaser?.startsWith('Viele Krankenhäuser in Sachsen'));
    assert.equal(r.draft.lead?.credit, 'MDR/Sophie Beispiel');
    assert.deepEqual(r.headings, ['Kliniken werben im Ausland', 'Was das Land plant']);
    assert.equal(r.paragraphs.length, 4);
  });

  test('22 a first paragraph over the teaser limit stays in the body', () => {
    const r = importFixture('22-long-first-paragraph.txt');
    assert.equal(r.draft.teaser, undefined);
    assert.ok(r.paragraphs[0]!.startsWith('Der Halbleiterhersteller will') && r.paragraphs[0]!.length > 600);
    assert.ok(r.warnings.some((w) => /longer than 600/.test(w)));
    assert.deepEqual(r.headings, ['Wohnungen werden knapp']);
  });

  test('23 hard-wrapped text is re-joined into paragraphs', () => {
    const r = importFixture('23-hard-wrapped.txt');
    assert.equal(r.draft.teaser, 'Nach dem trockenen Sommer sind viele Talsperren in Sachsen nur noch zur Hälfte gefüllt. Die Landestalsperrenverwaltung sieht die Versorgung mit Trinkwasser aber nicht in Gefahr.');
    assert.deepEqual(r.headings, []);
    assert.equal(r.paragraphs.length, 2);
    assert.ok(r.paragraphs[0]!.endsWith('für rund eine halbe Million Menschen aufbereitet.'));
  });

  test('24 byline at the end ("Text: A, B und C, MDR THÜRINGEN") is taken out of the body', () => {
    const r = importFixture('24-end-byline-three-authors.txt');
    assert.deepEqual(r.draft.authors.map((a) => [a.name, a.affiliation]), [
      ['Anna Beispiel', 'MDR THÜRINGEN'], ['Ben Muster', 'MDR THÜRINGEN'], ['Carla Probe', 'MDR THÜRINGEN'],
    ]);
    assert.equal(r.draft.section, 'Thüringen');
    assert.equal(r.paragraphs.length, 2);
    assert.doesNotMatch(r.allText, /Text:/);
  });

  test('26 "Stand" above a colon headline; "Mit Informationen von" contributors; "Über dieses Thema berichtete …"', () => {
    const r = importFixture('26-stand-first-contributors-reported.txt');
    assert.equal(r.draft.kicker, undefined, 'a colon headline is kept whole');
    assert.equal(r.draft.headline, 'Tarifstreit: Ärzte an Unikliniken legen Arbeit nieder');
    assert.equal(r.draft.firstPublishedAt, '2023-03-14T18:20:00+01:00');
    assert.deepEqual(r.draft.authors, [{ name: 'Anna Beispiel', affiliation: 'MDR-Studio Leipzig' }]);
    assert.deepEqual(r.draft.broadcast, { startsAt: '2023-03-14T17:45:00+01:00', programme: 'MDR AKTUELL' });
    assert.deepEqual(r.headings, ['Worum es geht']);
    assert.equal(r.paragraphs.length, 2);
    assert.doesNotMatch(r.allText, /Mit Informationen|berichtete MDR/);
  });

  test('27 relative dates count from opts.now, or are dropped with a warning', () => {
    const r = importFixture('27-english-relative-date.txt', { now: new Date('2022-05-02T12:00:00Z') });
    assert.equal(r.draft.updatedAt, '2022-05-02T12:00:00+02:00', 'two hours before 12:00 UTC is 12:00 in Berlin summer time');
    assert.equal(r.draft.teaser, 'When the last cinema in town closed, a group of pensioners decided to buy it. Three years later, it is full every weekend.');
    assert.deepEqual(r.draft.authors, [{ name: 'Jane Doe' }]);
    const noNow = importFixture('27-english-relative-date.txt');
    assert.equal(noNow.draft.updatedAt, undefined);
    assert.ok(noNow.warnings.some((w) => /relative date/.test(w)));
    assert.doesNotMatch(noNow.allText, /ago/);
  });

  test('28 breadcrumb names the section; a URL alone on a line is an embed', () => {
    const r = importFixture('28-breadcrumb-section.txt');
    assert.equal(r.draft.section, 'Wirtschaft');
    assert.equal(r.draft.headline, 'Zuckerfabrik in Zeitz stellt Produktion um');
    assert.deepEqual(r.draft.body.find((b) => b.type === 'embed'), { type: 'embed', url: 'https://www.youtube.com/watch?v=abc123XYZ', provider: 'YouTube' });
    assert.doesNotMatch(r.allText, /Startseite/);
  });

  test('the CLI\'s one-box kicker example: "Sachsen" above the headline', () => {
    const { draft } = importPageText('Sachsen\nNeue Brücke über die Mulde eröffnet\n\nNach zwei Jahren Bauzeit ist die neue Brücke in Grimma für den Verkehr freigegeben worden.\n\nDie Stadt feierte mit einem Fest.\n');
    assert.equal(draft.kicker, 'Sachsen');
    assert.equal(draft.headline, 'Neue Brücke über die Mulde eröffnet');
    assert.equal(draft.teaser, 'Nach zwei Jahren Bauzeit ist die neue Brücke in Grimma für den Verkehr freigegeben worden.');
    assert.deepEqual(draft.body, [{ type: 'paragraph', content: [{ text: 'Die Stadt feierte mit einem Fest.' }] }]);
  });
});

describe('page-text importer: English pages', () => {
  test('11 kicker line, "By", "Published"/"Updated" (GMT), "Image:" and "Photo:" credits, "More on this story" rail', () => {
    const r = importFixture('11-english-own-line-kicker.txt');
    const d = r.draft;
    assert.equal(d.language, 'en');
    assert.equal(d.kicker, 'Energy prices');
    assert.equal(d.headline, 'Bakers switch off their ovens as gas bills soar');
    assert.equal(d.byline, 'Jane Doe, Europe correspondent');
    assert.deepEqual(d.authors, [{ name: 'Jane Doe', affiliation: 'Europe correspondent' }]);
    assert.equal(d.firstPublishedAt, '2022-01-21T00:00:00+01:00');
    assert.equal(d.updatedAt, '2022-01-22T10:15:00+01:00', '9:15 GMT is 10:15 in Berlin');
    assert.ok(r.warnings.some((w) => /no time of day/.test(w)));
    assert.deepEqual(d.lead, { kind: 'image', alt: 'A baker in Leipzig pulls a tray of bread from an oven', caption: 'Bakers start work long before dawn.', credit: 'Reuters' });
    assert.deepEqual(r.figures.map((f) => f.credit), ['AP/John Doe']);
    assert.deepEqual(r.headings, ['Why gas costs so much']);
    assert.ok(r.paragraphs.some((p) => p.startsWith('"We have been baking here for four generations')));
    assert.deepEqual(d.related, [
      { title: 'How a village bakery is fighting to survive', mediaType: 'video', durationSeconds: 90 },
      { title: 'The cost of bread: what the gas crisis means for shoppers', mediaType: 'audio', durationSeconds: 195 },
    ]);
    assert.doesNotMatch(r.allText, /^Share$/m);
  });

  test('12 shared-line kicker, "by A and B, BBC News", "Credit:", "Related" rail of article titles', () => {
    const r = importFixture('12-english-shared-kicker-two-authors.txt');
    assert.equal(r.draft.language, 'en');
    assert.equal(r.draft.kicker, 'Brexit');
    assert.equal(r.draft.headline, 'Fishermen in Cornwall still wait for new quota rules');
    assert.deepEqual(r.draft.authors, [{ name: 'Jane Doe', affiliation: 'BBC News' }, { name: 'John Roe', affiliation: 'BBC News' }]);
    assert.equal(r.draft.firstPublishedAt, '2022-03-03T15:05:00+01:00');
    assert.equal(r.draft.lead?.credit, 'Getty Images');
    assert.deepEqual(r.draft.related.map((x) => [x.title, x.mediaType]), [
      ['Fishing crews demand answers from ministers', 'article'],
      ['Why quota shares are so hard to change', 'article'],
    ]);
  });
});
