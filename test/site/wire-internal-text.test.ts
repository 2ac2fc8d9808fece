/**
 * What an agency marks as not for publication stays on the desk (issue 12):
 * a non-public notepad, ednotes with is_publishable false and the usage terms
 * of an item and of its picture never reach a story taken from it, nor any
 * reader surface once that story is published — article page (and its
 * JSON-LD), live fragment, front and section pages, search, RSS/Atom/JSON
 * feeds, sitemaps and the Google News sitemap. The public parts of the same
 * item do arrive, so the test would notice a surface that shows nothing.
 * Both engines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sectionSlug, storyPath } from '../../src/content/index.js';
import { SYSTEM_ACTOR } from '../../src/store/audit-repository.js';
import { createApp } from '../../src/server/app.js';
import { createServices } from '../../src/services/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

const SECRET = {
  notepad: 'Notiz7431 nur für Redaktionen',
  ednote: 'Redaktionshinweis9182 nicht veröffentlichen',
  usage: 'Nutzungsbedingung5521 nur Onlinekunden',
  pictureUsage: 'Bildnutzung6630 nicht für Social Media',
};
const MARKERS = ['7431', '9182', '5521', '6630'];

const ENTRY = {
  format: 'digitalwires@0.9.1', type: 'text', urn: 'urn:newsml:dpa.com:20090101:261205-99-000123', version: 1, pubstatus: 'usable',
  version_created: '2026-12-05T09:00:00+01:00', language: 'de', urgency: 3,
  kicker: 'Verkehr', headline: 'Saalebrücke in Halle nach Prüfung wieder frei',
  teaser: 'Nach drei Wochen Sperrung rollt der Verkehr wieder über die Brücke.',
  byline: 'Maria Muster, dpa', dateline: 'Halle (dpa) - ',
  article_html: '<section class="main"><p>Die Prüfer fanden keine Schäden an den Trägern.</p><h2>Umleitung endet</h2><p>Die Busse fahren ab Montag wieder die gewohnte Strecke.</p></section>',
  creditline: 'dpa', copyrightnotice: '© dpa', usageterms: SECRET.usage,
  notepad: { public: null, nonpublic: `<p>${SECRET.notepad}</p>` },
  ednotes: [{ ednote: SECRET.ednote, is_publishable: false }],
  associations: [{
    type: 'image', urn: 'urn:newsml:dpa.com:20090101:261205-99-000124', version: 1, headline: 'Die Saalebrücke', caption: 'Die Saalebrücke am Morgen.',
    creditline: 'Hendrik Schmidt/dpa', usageterms: SECRET.pictureUsage, renditions: [],
  }],
  categories: [{ type: 'dnltype:desk', name: 'vm', qcode: 'dpacat:vm' }, { type: 'dnltype:geosubject', name: 'Sachsen-Anhalt', qcode: null }],
};

for (const engine of engines()) {
  describe(`non-public agency text on reader surfaces on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: ReturnType<typeof createApp>;
    let path = '';
    let sectionPath = '';

    before(async () => {
      db = await engine.open();
      const services = createServices(db);
      const editor = await services.accounts.createUser({ email: 'cvd@example.org', name: 'Chefin vom Dienst', role: 'editor', password: 'geheim-geheim-1' }, SYSTEM_ACTOR);
      await services.wire.saveSource({ id: 'dpa', name: 'dpa', format: 'digitalwires', transport: 'manual', settings: { section: 'Sachsen-Anhalt' } });
      const [outcome] = await services.wire.ingest('dpa', JSON.stringify(ENTRY));
      assert.ok(outcome && 'itemId' in outcome);
      const { story } = await services.wire.take(outcome.itemId, { id: editor.id });
      const published = await services.stories.publish(story.id);
      path = storyPath({ sectionSlug: sectionSlug(published.section), slug: published.slug });
      sectionPath = path.split('/').slice(0, 2).join('/');
      app = createApp(db, { siteName: 'Lede Test', siteUrl: 'https://news.example.org' });
    });
    after(async () => {
      await db.close();
    });

    test('the stored story has the public parts and none of the internal ones', async () => {
      const [row] = await db.query<{ doc: unknown }>('SELECT doc FROM stories LIMIT 1');
      const text = JSON.stringify(row!.doc);
      assert.match(text, /Saalebrücke in Halle/);
      assert.match(text, /keine Schäden an den Trägern/);
      for (const m of MARKERS) assert.ok(!text.includes(m), `the story holds internal text ${m}`);
    });

    test('no reader surface shows internal text; each shows the story', async () => {
      const surfaces: Array<[string, RegExp]> = [
        [path, /keine Schäden an den Trägern/],
        [`${path}/live.json`, /./],
        ['/', /Saalebrücke in Halle/],
        [sectionPath, /Saalebrücke in Halle/],
        ['/suche?q=Saalebr%C3%BCcke', /Saalebrücke in Halle/],
        ['/feed.xml', /Saalebrücke in Halle/],
        ['/atom.xml', /Saalebrücke in Halle/],
        ['/feed.json', /Saalebrücke in Halle/],
        [`${sectionPath}/feed.xml`, /Saalebrücke in Halle/],
        ['/sitemap.xml', /sitemap/],
        ['/sitemaps/stories-1.xml', /saalebruecke|saalebrucke|saalebr/i],
        ['/sitemaps/news.xml', /Saalebrücke in Halle/],
      ];
      for (const [url, shows] of surfaces) {
        const res = await app.request(url, { headers: { 'accept-encoding': 'identity' } });
        const body = await res.text();
        assert.ok(res.status < 400 || url.endsWith('live.json'), `${url} answered ${res.status}`);
        if (res.status < 400) assert.match(body, shows, `${url} shows the story`);
        for (const m of MARKERS) assert.ok(!body.includes(m), `${url} shows internal text ${m}`);
      }
      // The internal word finds nothing (the page repeats the query, so only the hit is looked for): it was never indexed.
      const search = await (await app.request('/suche?q=Redaktionshinweis9182')).text();
      assert.doesNotMatch(search, /Saalebrücke in Halle/);
      assert.match(await (await app.request('/suche?q=Tr%C3%A4gern')).text(), /Saalebrücke in Halle/, 'a public word of the text is found');
    });
  });
}
