import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importPageText } from '../../src/ingest/index.js';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = path.resolve(root, '..', 'shared', 'seed', '000_fca6cdd7775836e7.txt');

/** Text content of the first element matching a simple regex capture, tags stripped. */
function textOf(html: string, re: RegExp): string | undefined {
  const m = re.exec(html);
  return m?.[1]?.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

for (const engine of engines()) {
  describe(`reader site on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: ReturnType<typeof createApp>;
    let service: StoryService;

    before(async () => {
      db = await engine.open();
      await loadDemoContent(db, new Date('2026-11-20T12:00:00Z'));
      app = createApp(db, { siteName: 'Lede Test', siteUrl: 'https://news.example.org' });
      service = new StoryService(db);
    });
    after(async () => {
      await db?.close();
    });

    const get = async (p: string) => {
      const res = await app.request(p);
      return { status: res.status, html: await res.text(), res };
    };

    test('the seed page renders every part the broadcaster printed', async (t) => {
      if (!existsSync(SEED)) return t.skip('../shared/seed not found: seed page test skipped');
      const { draft } = importPageText(readFileSync(SEED, 'utf8'), { source: 'seed.txt' });
      const story = await service.create(draft, { status: 'published' });
      const { status, html } = await get(`/politik/${story.slug}`);
      assert.equal(status, 200);
      assert.match(html, /^<!DOCTYPE html><html lang="de">/);
      // Kicker above the headline, inside the one h1.
      assert.equal(textOf(html, /<h1>([\s\S]*?)<\/h1>/), 'Ukraine-Konflikt : Blinken und Lawrow wollen diplomatische Bemühungen fortsetzen'.replace(' :', ':'));
      assert.match(html, /<span class="kicker">Ukraine-Konflikt<span class="vh">: <\/span><\/span>/);
      assert.match(textOf(html, /<p class="teaser">([\s\S]*?)<\/p>/) ?? '', /^US-Außenminister Antony Blinken .* zur Beilegung der Krise vorlegen\.$/);
      // German typographic quotes.
      assert.match(html, /schriftliche „Ideen“/);
      // Lead figure with caption and rights line.
      assert.match(html, /<figure class="lead">[\s\S]*?Außenminister Blinken und Lawrow \(re\.\) am Freitag in Genf\.<small class="credit">Bildrechte: dpa<\/small>/);
      // Five sub-headings in order.
      const h2 = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
      assert.deepEqual(h2.slice(0, 5), [
        'Bemühungen um Entspannung im Ukraine-Konflikt',
        'Lawrow: Nato arbeitet gegen Russland',
        'Blinken warnt erneut vor Einmarsch in die Ukraine',
        'Blinken: Diplomatie geht weiter',
        'Scholz: Westliche Staaten bereiten Sanktionen vor',
      ]);
      // The map with its own credit, after its heading and before the next paragraph.
      const mapAt = html.indexOf('Bildrechte: MITTELDEUTSCHER RUNDFUNK');
      assert.ok(mapAt > html.indexOf('Blinken warnt erneut vor Einmarsch'), 'map after its heading');
      assert.ok(mapAt < html.indexOf('Blinken warnte erneut eindringlich'), 'map before the following paragraph');
      assert.match(html, /class="ph map" role="img" aria-label="Landkarte zum Ukraine-Russland-Konflikt"><span>Landkarte zum Ukraine-Russland-Konflikt<\/span>/);
      // Broadcast line as a machine-readable time.
      assert.match(html, /Dieses Thema im Programm: <a href="\/programm\/2022-01-21\/1300"><time datetime="2022-01-21T13:00:00\+01:00">21\. Januar 2022 \| 13:00 Uhr<\/time><\/a>/);
      // The slot's page lists the story and links back to it.
      const slot = await get('/programm/2022-01-21/1300');
      assert.equal(slot.status, 200);
      assert.match(slot.html, /<h1>Im Programm: 21\. Januar 2022 \| 13:00 Uhr<\/h1>/);
      assert.match(slot.html, new RegExp(`href="/politik/${story.slug}"`));
      // The rails of the crawled page are not body text; our own rail is there.
      assert.doesNotMatch(html, /Grafik 1 min<\/p>/);
      assert.match(html, /<h2 id="rail-section">Mehr aus Politik<\/h2>/);
      assert.match(html, /Haushalt für 2027 mit knapper Mehrheit beschlossen/);
    });

    test('article page shows the demo story with badges, credits and broadcast line', async () => {
      const story = await service.get('elbe-erreicht-in-magdeburg-alarmstufe-drei');
      const { status, html } = await get('/sachsen-anhalt/elbe-erreicht-in-magdeburg-alarmstufe-drei');
      assert.equal(status, 200);
      assert.equal(story.status, 'published');
      assert.match(html, /<title>Hochwasser: Elbe erreicht in Magdeburg Alarmstufe drei \| Lede Test<\/title>/);
      assert.match(html, /<link rel="canonical" href="https:\/\/news\.example\.org\/sachsen-anhalt\/elbe-erreicht-in-magdeburg-alarmstufe-drei"\/>/);
      assert.match(html, /<small class="credit">Bildrechte: Lede \/ Illustration<\/small>/);
      assert.match(html, /Dieses Thema im Programm: Lede am Mittag \| <a href="(\/programm\/\d{4}-\d{2}-\d{2}\/\d{4})"><time datetime="[^"]+">/);
      const slotPath = /Dieses Thema im Programm: Lede am Mittag \| <a href="([^"]+)"/.exec(html)![1]!;
      const slot = await get(slotPath);
      assert.equal(slot.status, 200);
      assert.match(slot.html, /<h1>Im Programm: Lede am Mittag \| /);
      assert.match(slot.html, /Elbe erreicht in Magdeburg Alarmstufe drei/);
      assert.doesNotMatch(slot.html, /Haushalt für 2027/, 'a story from another slot is not listed');
      assert.match(html, /<blockquote><p>Wir sind besser vorbereitet/);
      assert.match(html, /<strong>6,12 Metern<\/strong>/);
      assert.match(html, /<a href="https:\/\/www\.magdeburg\.de\/" rel="noopener">magdeburg\.de<\/a>/);
      // Rail with the section's other stories and their media badges.
      assert.match(html, /Mehr aus Sachsen-Anhalt/);
      assert.match(html, /<span class="badge">Video 2:34 min<\/span>/);
      assert.match(html, /<span class="badge live">Live<\/span>/);
      assert.match(html, /<span class="badge">Grafik 1 min<\/span>/);
    });

    test('live ticker entries are listed newest first with their times', async () => {
      const { status, html } = await get('/sachsen-anhalt/hochwasser-an-der-elbe-die-lage-im-ticker');
      assert.equal(status, 200);
      const times = [...html.matchAll(/<li id="e-\d+"><p class="entry-meta"><time datetime="([^"]+)"/g)].map((m) => Date.parse(m[1]!));
      assert.equal(times.length, 4);
      assert.deepEqual([...times].sort((a, b) => b - a), times);
      assert.match(html, /Schönebeck<\/p><h2>Freiwillige gesucht<\/h2>/);
    });

    test('video and audio items show their duration', async () => {
      const video = await get('/sachsen-anhalt/ein-tag-im-krisenstab');
      assert.match(video.html, /Dauer: <time datetime="PT154S">2:34 min<\/time>/);
      const audio = await get('/welt/was-der-klimawandel-fuer-unsere-fluesse-bedeutet');
      assert.match(audio.html, /<span class="badge">Audio<\/span> Dauer: <time datetime="PT1860S">31 min<\/time>/);
    });

    test('drafts are not on the site; a story in another section redirects', async () => {
      const draft = await service.create({ headline: 'Noch geheim', section: 'Politik' });
      assert.equal((await get(`/politik/${draft.slug}`)).status, 404);
      const home = await get('/');
      assert.doesNotMatch(home.html, /Noch geheim/);
      const moved = await app.request('/welt/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen');
      assert.equal(moved.status, 301);
      assert.equal(moved.headers.get('location'), '/politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen');
    });

    test('text is escaped, never executed', async () => {
      const s = await service.create({ headline: '<script>alert(1)</script> Test', kicker: '"><img src=x onerror=alert(1)>', section: 'Politik' }, { status: 'published' });
      const { html } = await get(`/politik/${s.slug}`);
      assert.doesNotMatch(html, /<script>alert/);
      assert.doesNotMatch(html, /<img src=x/);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Test/);
    });

    test('home lists the lead story and a block per section; section pages paginate', async () => {
      const home = await get('/');
      assert.equal(home.status, 200);
      for (const name of ['Politik', 'Welt', 'Sachsen-Anhalt', 'Kultur']) assert.match(home.html, new RegExp(`<a href="/${name.toLowerCase()}">${name}</a>`));
      assert.match(home.html, /class="card lead-story"/);

      for (let i = 0; i < 23; i++) {
        await service.create({ headline: `Meldung Nummer ${i}`, section: 'Sport', firstPublishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }, { status: 'published' });
      }
      const first = await get('/sport');
      assert.equal(first.status, 200);
      assert.match(first.html, /<link rel="alternate" type="application\/rss\+xml" title="Sport – Lede Test" href="\/sport\/feed\.xml"/);
      assert.equal([...first.html.matchAll(/Meldung Nummer \d+/g)].length, 20);
      assert.match(first.html, /Meldung Nummer 22/);
      const next = /href="(\/sport\?vor=[^"]+)" rel="next"/.exec(first.html)?.[1];
      assert.ok(next, 'older link');
      const second = await get(next!.replace(/&amp;/g, '&'));
      const titles = [...second.html.matchAll(/Meldung Nummer (\d+)/g)].map((m) => Number(m[1]));
      assert.deepEqual(titles, [2, 1, 0]);
      assert.doesNotMatch(second.html, /rel="next"/);
    });

    test('topic pages list the topic\'s stories', async () => {
      const { status, html } = await get('/thema/hochwasser-an-der-elbe');
      assert.equal(status, 200);
      assert.match(html, /<h1>Hochwasser an der Elbe<\/h1>/);
      assert.match(html, /<link rel="alternate" type="application\/rss\+xml" title="Hochwasser an der Elbe – Lede Test" href="\/thema\/hochwasser-an-der-elbe\/feed\.xml"/);
      assert.match(html, /Elbe erreicht in Magdeburg Alarmstufe drei/);
      assert.doesNotMatch(html, /Museum zeigt 300 Jahre/);
    });

    test('unknown pages and broken links get a helpful 404, not a stack trace', async () => {
      for (const p of ['/programm/2022-02-30/1300', '/programm/2022-01-21/0900', '/programm/heute/13', '/gibt-es-nicht', '/politik/gibt-es-nicht', '/sport?vor=kaputt', '/thema/nix', '/a/b/c', '/%E0%A4%A']) {
        const { status, html } = await get(p);
        assert.equal(status, 404, p);
        assert.match(html, /Seite nicht gefunden/);
        assert.match(html, /<a href="\/">Zur Startseite<\/a>/);
        assert.doesNotMatch(html, /at .*\.ts:\d+/);
      }
    });
  });
}

for (const engine of engines()) {
  describe(`database outage on ${engine.name}`, { skip: engine.skip }, () => {
    test('pages answer a friendly 503 when the database is gone, never a stack trace', async () => {
      const db = await engine.open();
      const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
      assert.equal((await app.request('/')).status, 200);
      await db.close();
      const original = console.error;
      console.error = () => undefined; // the operator log line is expected here
      try {
        for (const p of ['/', '/politik', '/politik/irgendwas']) {
          const res = await app.request(p);
          const html = await res.text();
          assert.equal(res.status, 503, p);
          assert.match(html, /Vorübergehend nicht erreichbar/);
          assert.doesNotMatch(html, /Error|at .*\.ts/);
        }
      } finally {
        console.error = original;
      }
    });
  });
}
