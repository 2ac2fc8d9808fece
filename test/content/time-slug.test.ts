import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, formatGermanDateTime, isoDuration, monthFromName, slugify, topicSlug, zonedIso } from '../../src/content/index.js';

test('Berlin wall-clock times get the right offset across DST', () => {
  assert.equal(zonedIso(2022, 1, 21, 13, 0), '2022-01-21T13:00:00+01:00');
  assert.equal(zonedIso(2022, 7, 1, 13, 0), '2022-07-01T13:00:00+02:00');
  // 27 March 2022: clocks jump from 02:00 to 03:00; the day before and after.
  assert.equal(zonedIso(2022, 3, 26, 12, 0), '2022-03-26T12:00:00+01:00');
  assert.equal(zonedIso(2022, 3, 27, 12, 0), '2022-03-27T12:00:00+02:00');
  assert.equal(zonedIso(2022, 10, 30, 12, 0), '2022-10-30T12:00:00+01:00');
  assert.equal(zonedIso(2022, 2, 29, 12, 0), undefined);
  assert.equal(zonedIso(2024, 2, 29, 12, 0), '2024-02-29T12:00:00+01:00');
});

test('German date line format', () => {
  assert.equal(formatGermanDateTime('2022-01-21T12:00:00Z'), '21. Januar 2022 | 13:00 Uhr');
  assert.equal(formatGermanDateTime('2022-03-05T07:05:00+01:00'), '5. März 2022 | 07:05 Uhr');
});

test('month names in German and English', () => {
  assert.equal(monthFromName('Januar'), 1);
  assert.equal(monthFromName('März'), 3);
  assert.equal(monthFromName('Okt.'), 10);
  assert.equal(monthFromName('December'), 12);
  assert.equal(monthFromName('Mo'), undefined);
});

test('durations for badges and machines', () => {
  assert.equal(formatDuration(60), '1 min');
  assert.equal(formatDuration(154), '2:34 min');
  assert.equal(formatDuration(3900), '1 Std 5 min');
  assert.equal(isoDuration(154), 'PT2M34S');
  assert.equal(isoDuration(60), 'PT1M');
});

test('slugs transliterate German and stay short', () => {
  assert.equal(slugify('Blinken und Lawrow wollen diplomatische Bemühungen fortsetzen'), 'blinken-und-lawrow-wollen-diplomatische-bemuehungen-fortsetzen');
  assert.equal(slugify('Größte Straßenbahn – Ärger in Köln!'), 'groesste-strassenbahn-aerger-in-koeln');
  assert.equal(slugify('Café & Crème'), 'cafe-creme');
  assert.ok(slugify('wort '.repeat(100)).length <= 120);
  assert.equal(slugify('!!!'), '');
});

test('topic slugs: Latin names as slugify makes them; names without Latin letters or digits a stable, distinct fallback', () => {
  assert.equal(topicSlug('Hochwasser an der Elbe'), slugify('Hochwasser an der Elbe'));
  const a = topicSlug('経済');
  assert.match(a, /^thema-[0-9a-f]{8}$/);
  assert.equal(topicSlug('経済'), a, 'the same name, the same slug');
  assert.notEqual(topicSlug('<!--'), a, 'another name, another slug');
  assert.match(topicSlug('<!--'), /^thema-[0-9a-f]{8}$/);
});
