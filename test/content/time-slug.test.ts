import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, formatGermanDateTime, isoDuration, monthFromName, slugify, toZonedIso, topicSlug, zonedIso, zoneOffsetMinutes } from '../../src/content/index.js';

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

test('zoned times agree with Intl at every instant tried: DST switches, half- and quarter-hour zones, a 30-minute DST', () => {
  const zones = ['Europe/Berlin', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC', 'America/Los_Angeles'];
  const pad = (n: number) => String(n).padStart(2, '0');
  const reference = (t: number, timeZone: string) => {
    const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    const p = Object.fromEntries(f.formatToParts(new Date(t)).filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
    const offset = Math.round((Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(t / 1000) * 1000) / 60000);
    const sign = offset >= 0 ? '+' : '-';
    return { offset, iso: `${p.year}-${pad(p.month!)}-${pad(p.day!)}T${pad(p.hour!)}:${pad(p.minute!)}:${pad(p.second!)}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}` };
  };
  // Around the 2022 and 2026 switches in Berlin, New York-ish and Lord Howe, every 7 minutes 13 seconds, plus random instants 1900–2200.
  const instants: number[] = [];
  for (const around of ['2022-03-27T01:00:00Z', '2022-10-30T01:00:00Z', '2026-03-08T10:00:00Z', '2026-04-05T15:00:00Z', '2026-10-03T15:30:00Z']) {
    for (let k = -40; k <= 40; k++) instants.push(Date.parse(around) + k * 433_000);
  }
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 400; i++) instants.push(Date.UTC(1900, 0, 1) + Math.floor(rnd() * 300 * 365.25 * 86400) * 1000);
  for (const zone of zones) {
    for (const t of instants) {
      const want = reference(t, zone);
      assert.equal(zoneOffsetMinutes(new Date(t), zone), want.offset, `${zone} ${new Date(t).toISOString()}`);
      assert.equal(toZonedIso(new Date(t), zone), want.iso, `${zone} ${new Date(t).toISOString()}`);
    }
  }
  assert.throws(() => toZonedIso(new Date(Number.NaN)), RangeError, 'an invalid date still fails as before');
});
