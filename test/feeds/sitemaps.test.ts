import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { registerFeedRoutes } from '../../src/site/feeds/index.js';
import { createSiteReader } from '../../src/site/read-model.js';
import { StoryRepository, type Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { XmlWorkspace, missingSchemas, missingXmllint, xmllint } from './xml-tools.js';

const SITE = 'https://news.example.org';
const HOUR = 3600_000;

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);

for (const engine of engines()) {
  describe(`sitemaps on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: ReturnType<typeof createApp>;
    let service: StoryService;
    const ws = new XmlWorkspace();
    let fresh: string;
    let old: string;
    let draft: string;

    before(async () => {
      db = await engine.open();
      await loadDemoContent(db);
      service = new StoryService(db);
      const now = Date.now();
      fresh = (await service.create({ headline: 'Neu: vor einer Stunde', section: 'Politik', firstPublishedAt: new Date(now - HOUR).toISOString() }, { status: 'published' })).slug;
      old = (await service.create({
        headline: 'Alt: vor drei Tagen', section: 'Politik', firstPublishedAt: new Date(now - 72 * HOUR).toISOString(),
        lead: { kind: 'image', alt: 'Bild', src: 'https://cdn.example.net/a.jpg?w=1&h=2', credit: 'dpa' },
        body: [
          { type: 'figure', kind: 'map', alt: 'Karte ohne Datei', credit: 'Lede' },
          { type: 'figure', kind: 'graphic', alt: 'Grafik', src: '/grafik/b.png' },
        ],
      }, { status: 'published' })).slug;
      draft = (await service.create({ headline: 'Entwurf für die Sitemap', section: 'Politik' })).slug;
      app = createApp(db, { siteName: 'Lede Test', siteUrl: SITE });
    });
    after(async () => {
      await db?.close();
      ws.remove();
    });

    const get = async (a: Hono, p: string) => {
      const res = await a.request(p);
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    };

    test('robots.txt points at the sitemap index', async () => {
      const { status, body } = await get(app, '/robots.txt');
      assert.equal(status, 200);
      assert.match(body, /^User-agent: \*$/m);
      assert.match(body, /^Sitemap: https:\/\/news\.example\.org\/sitemap\.xml$/m);
    });

    test('the sitemap index lists sections, news and story chunks; every sitemap validates', async (t) => {
      const index = await get(app, '/sitemap.xml');
      assert.equal(index.status, 200);
      assert.equal(index.type, 'application/xml; charset=utf-8');
      assert.match(index.body, /<sitemapindex xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
      assert.deepEqual(locs(index.body), [`${SITE}/sitemaps/sections.xml`, `${SITE}/sitemaps/authors.xml`, `${SITE}/sitemaps/programmes.xml`, `${SITE}/sitemaps/news.xml`, `${SITE}/sitemaps/stories-1.xml`]);

      const sections = await get(app, '/sitemaps/sections.xml');
      for (const p of ['/', '/politik', '/thema/hochwasser-an-der-elbe']) assert.ok(locs(sections.body).includes(`${SITE}${p}`), p);

      const stories = await get(app, '/sitemaps/stories-1.xml');
      assert.equal(stories.status, 200);
      assert.equal(stories.type, 'application/xml; charset=utf-8');
      const all = locs(stories.body);
      const repo = new StoryRepository(db);
      assert.equal(all.filter((l) => !l.includes('/demo-media/') && !l.includes('cdn.example') && !l.includes('/grafik/')).length, await repo.countPublished());
      assert.ok(all.includes(`${SITE}/politik/${fresh}`), 'fresh story listed');
      assert.ok(!all.some((l) => l.endsWith(`/${draft}`)), 'drafts are not in sitemaps');
      // Oldest first; lastmod in W3C datetime; images made absolute, only figures with a file.
      const oldEntry = /<url><loc>[^<]*\/politik\/alt-vor-drei-tagen<\/loc>.*?<\/url>/.exec(stories.body)?.[0];
      assert.ok(oldEntry, 'old story listed');
      assert.match(oldEntry, /<lastmod>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}<\/lastmod>/);
      assert.deepEqual([...oldEntry.matchAll(/<image:loc>([^<]+)<\/image:loc>/g)].map((m) => m[1]), [
        'https://cdn.example.net/a.jpg?w=1&amp;h=2', `${SITE}/grafik/b.png`,
      ]);
      assert.equal((await get(app, '/sitemaps/stories-2.xml')).status, 404);
      assert.equal((await get(app, '/sitemaps/stories-0.xml')).status, 404);

      const news = await get(app, '/sitemaps/news.xml');
      assert.equal(news.status, 200);

      const noXmllint = missingXmllint();
      if (noXmllint) return t.skip(noXmllint);
      assert.equal(xmllint(ws.write(index.body)), '', 'index is well-formed');
      const why = missingSchemas('sitemap.xsd', 'sitemap-image.xsd', 'sitemap-news.xsd');
      if (why) return t.skip(why);
      const combined = ws.combinedSchema();
      assert.equal(xmllint(ws.write(sections.body), combined), '');
      assert.equal(xmllint(ws.write(stories.body), combined), '');
      assert.equal(xmllint(ws.write(news.body), combined), '');
      assert.equal(xmllint(ws.write((await get(app, '/sitemaps/authors.xml')).body), combined), '');
      assert.equal(xmllint(ws.write((await get(app, '/sitemaps/programmes.xml')).body), combined), '');
    });

    test('author pages and broadcast slots are listed while they have a public story, and answer', async () => {
      const slot = '2026-03-02T17:45:30.000Z'; // 18:45:30 in Berlin: the slot page addresses the minute
      const authorsOf = async () => locs((await get(app, '/sitemaps/authors.xml')).body);
      const slotsOf = async () => locs((await get(app, '/sitemaps/programmes.xml')).body);
      const hidden = await service.create({ headline: 'Nur ein Entwurf', section: 'Politik', authors: [{ name: 'Henriette Heimlich' }], broadcast: { programme: 'MDR um 4', startsAt: slot } });
      assert.ok(!(await authorsOf()).includes(`${SITE}/autor/henriette-heimlich`), 'a draft makes no author page');
      assert.ok(!(await slotsOf()).includes(`${SITE}/programm/2026-03-02/1845`), 'nor a programme slot');
      await service.publish(hidden.id);
      const authors = await authorsOf();
      assert.ok(authors.includes(`${SITE}/autor/henriette-heimlich`));
      assert.ok((await slotsOf()).includes(`${SITE}/programm/2026-03-02/1845`));
      // Every listed page answers (no sitemap entry leads to a 404).
      for (const loc of [...authors, ...(await slotsOf())]) {
        const res = await app.request(loc.slice(SITE.length));
        assert.equal(res.status, 200, loc);
      }
      const entry = /<url><loc>[^<]*\/autor\/henriette-heimlich<\/loc><lastmod>([^<]+)<\/lastmod><\/url>/.exec((await get(app, '/sitemaps/authors.xml')).body);
      assert.match(entry?.[1] ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      await service.depublish(hidden.id);
      assert.ok(!(await authorsOf()).includes(`${SITE}/autor/henriette-heimlich`), 'gone with the story');
    });

    test('the sitemap index validates against siteindex.xsd', async (t) => {
      const why = missingSchemas('siteindex.xsd');
      if (why) return t.skip(why);
      const { SCHEMA_DIR } = await import('./xml-tools.js');
      assert.equal(xmllint(ws.write((await get(app, '/sitemap.xml')).body), `${SCHEMA_DIR}/siteindex.xsd`), '');
    });

    test('the plain sitemap validates against sitemap.xsd alone', async (t) => {
      const why = missingSchemas('sitemap.xsd');
      if (why) return t.skip(why);
      const { SCHEMA_DIR } = await import('./xml-tools.js');
      assert.equal(xmllint(ws.write((await get(app, '/sitemaps/sections.xml')).body), `${SCHEMA_DIR}/sitemap.xsd`), '');
    });

    test('the news sitemap holds only stories first published in the last 48 hours', async () => {
      const { body } = await get(app, '/sitemaps/news.xml');
      const urls = locs(body);
      assert.ok(urls.includes(`${SITE}/politik/${fresh}`), 'the fresh story is in');
      assert.ok(!urls.includes(`${SITE}/politik/${old}`), 'the three-day-old story is not');
      assert.ok(!urls.some((l) => l.endsWith(`/${draft}`)), 'drafts are not');
      assert.match(body, /<news:publication><news:name>Lede Test<\/news:name><news:language>de<\/news:language><\/news:publication>/);
      assert.match(body, /<news:title>Neu: vor einer Stunde<\/news:title>/);
      const dates = [...body.matchAll(/<news:publication_date>([^<]+)</g)].map((m) => Date.parse(m[1]!));
      assert.equal(dates.length, urls.length);
      for (const d of dates) assert.ok(Date.now() - d <= 48 * HOUR, new Date(d).toISOString());

      // Two days later nothing is fresh: the index drops the news sitemap, which answers 404.
      const later = new Hono();
      registerFeedRoutes(later, createSiteReader(db), { siteName: 'Lede Test', siteUrl: SITE, now: () => new Date(Date.now() + 50 * HOUR) });
      assert.equal((await get(later, '/sitemaps/news.xml')).status, 404);
      assert.ok(!locs((await get(later, '/sitemap.xml')).body).some((l) => l.endsWith('/sitemaps/news.xml')), 'index without the news sitemap');
    });

    test('story sitemaps are cut into chunks; every published story is in exactly one', async (t) => {
      const small = new Hono();
      registerFeedRoutes(small, createSiteReader(db), { siteName: 'Lede Test', siteUrl: SITE, sitemapChunkSize: 3, sitemapPageSize: 2 });
      const total = await new StoryRepository(db).countPublished();
      const chunks = Math.ceil(total / 3);
      assert.ok(chunks >= 3, `${total} stories make several chunks`);
      const index = locs((await get(small, '/sitemap.xml')).body).filter((l) => l.includes('/stories-'));
      assert.deepEqual(index, Array.from({ length: chunks }, (_, i) => `${SITE}/sitemaps/stories-${i + 1}.xml`));
      const seen: string[] = [];
      const combined = missingSchemas('sitemap.xsd', 'sitemap-image.xsd', 'sitemap-news.xsd') ? undefined : ws.combinedSchema();
      for (let n = 1; n <= chunks; n++) {
        const r = await get(small, `/sitemaps/stories-${n}.xml`);
        assert.equal(r.status, 200);
        const urls = locs(r.body);
        assert.ok(urls.length <= 3 && urls.length >= 1, `chunk ${n} has ${urls.length}`);
        seen.push(...urls);
        if (combined) assert.equal(xmllint(ws.write(r.body), combined), '');
      }
      assert.equal(seen.length, total);
      assert.equal(new Set(seen).size, total);
      assert.equal((await get(small, `/sitemaps/stories-${chunks + 1}.xml`)).status, 404);
      if (!combined) t.diagnostic('schemas or xmllint missing: chunk validation skipped');
    });
  });
}
