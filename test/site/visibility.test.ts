import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StoryDraft } from '../../src/content/index.js';
import { EventBus } from '../../src/events/event-bus.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { PageCache } from '../../src/site/page-cache.js';
import { StoryRepository, type Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { makeStory } from '../helpers/stories.js';

/**
 * Stories that are not public — drafts, stories in review, scheduled,
 * embargoed and depublished ones — must appear nowhere a reader or a crawler
 * looks: pages, rails, search, feeds, sitemaps, structured data.
 */

const SITE = 'https://news.example.org';

/** A draft whose headline and body carry a word found nowhere else, so any leak is visible in any output. */
function draftWith(marker: string, extra: Partial<StoryDraft> = {}): StoryDraft {
  return {
    kind: 'article',
    language: 'de',
    kicker: 'Luftfahrt',
    headline: `${marker} meldet Rekord bei der Zeppelinwerft`,
    teaser: `${marker}: Die Werft am See baut wieder Luftschiffe.`,
    authors: [{ name: 'Erika Beispiel' }],
    section: 'Politik',
    topics: ['Luftfahrt'],
    related: [],
    body: [{ type: 'paragraph', content: [{ text: `${marker} und die Zeppelinwerft: ein Bericht über Luftschiffe am Bodensee.` }] }],
    ...extra,
  };
}

const HIDDEN = ['Entwurfsmarke', 'Pruefmarke', 'Planmarke', 'Sperrfristmarke', 'Rueckzugsmarke', 'Riegelmarke'] as const;

for (const engine of engines()) {
  describe(`what readers never see, on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let service: StoryService;
    let app: ReturnType<typeof createApp>;
    const now = new Date();
    const future = new Date(now.getTime() + 3_600_000);
    const slugs: Record<string, string> = {};
    let visibleSlug = '';

    const get = async (p: string) => {
      const res = await app.request(p);
      return { status: res.status, body: await res.text() };
    };

    before(async () => {
      db = await engine.open();
      service = new StoryService(db);
      app = createApp(db, { siteName: 'Lede Test', siteUrl: SITE });
      visibleSlug = (await service.create(draftWith('Sichtbarmarke'), { status: 'published' })).slug;

      slugs.Entwurfsmarke = (await service.create(draftWith('Entwurfsmarke'))).slug;
      const review = await service.create(draftWith('Pruefmarke'));
      slugs.Pruefmarke = (await service.setStatus(review.id, 'in_review')).slug;
      const planned = await service.create(draftWith('Planmarke'));
      slugs.Planmarke = (await service.schedule(planned.id, future)).slug;
      const embargoed = await service.create(draftWith('Sperrfristmarke', { embargoUntil: future.toISOString() }), { status: 'published' });
      assert.equal(embargoed.status, 'scheduled', 'publishing under embargo schedules for its end');
      assert.equal(embargoed.scheduledPublishAt, future.toISOString());
      slugs.Sperrfristmarke = embargoed.slug;
      const gone = await service.create(draftWith('Rueckzugsmarke'), { status: 'published' });
      slugs.Rueckzugsmarke = (await service.depublish(gone.id)).slug;
      // The second lock: a row that says "published" while its embargo runs (written past the service,
      // as a bulk load or a bug might) is still hidden by the reader queries themselves.
      const raw = makeStory({ headline: 'Riegelmarke meldet Rekord bei der Zeppelinwerft', section: 'Politik', topics: ['Luftfahrt'],
        authors: [{ name: 'Erika Beispiel' }], embargoUntil: future.toISOString(), teaser: 'Riegelmarke.' });
      slugs.Riegelmarke = (await new StoryRepository(db).insert(raw)).slug;
    });
    after(async () => {
      await db?.close();
    });

    test('the public story is everywhere the hidden ones must not be', async () => {
      const home = await get('/');
      assert.match(home.body, /Sichtbarmarke/);
      const search = await get('/suche?q=Zeppelinwerft');
      assert.match(search.body, /Sichtbarmarke/);
    });

    test('no page, feed, sitemap, search result or JSON-LD shows a non-public story', async () => {
      const paths = [
        '/', '/politik', '/thema/luftfahrt', '/suche?q=Zeppelinwerft', '/suche?q=Luftschiffe&sort=neu',
        '/feed.xml', '/atom.xml', '/feed.json', '/politik/feed.xml', '/politik/atom.xml', '/politik/feed.json',
        '/thema/luftfahrt/feed.xml', '/thema/luftfahrt/feed.json',
        '/sitemap.xml', '/sitemaps/sections.xml', '/sitemaps/news.xml', '/sitemaps/stories-1.xml',
        `/politik/${visibleSlug}`,
      ];
      for (const p of paths) {
        const { status, body } = await get(p);
        assert.equal(status, 200, `${p} answers`);
        for (const marker of HIDDEN) {
          assert.doesNotMatch(body, new RegExp(marker), `${marker} leaked into ${p}`);
          assert.ok(!body.includes(slugs[marker]!), `the slug of ${marker} leaked into ${p}`);
        }
      }
      // The suggestion list must not offer a hidden story's words either.
      const typo = await get('/suche?q=Sperrfristmarkx');
      assert.doesNotMatch(typo.body, /Sperrfristmarke/);
    });

    test('a hidden story’s address is a plain 404; a depublished one is 410 and offers its section', async () => {
      for (const marker of ['Entwurfsmarke', 'Pruefmarke', 'Planmarke', 'Sperrfristmarke', 'Riegelmarke']) {
        const { status, body } = await get(`/politik/${slugs[marker]}`);
        assert.equal(status, 404, `${marker} is not revealed`);
        assert.doesNotMatch(body, new RegExp(marker));
      }
      const gone = await get(`/politik/${slugs.Rueckzugsmarke}`);
      assert.equal(gone.status, 410);
      assert.match(gone.body, /Beitrag nicht mehr verfügbar/);
      assert.doesNotMatch(gone.body, /Rueckzugsmarke/);
      assert.match(gone.body, /Neues aus Politik/);
      assert.ok(gone.body.includes(`/politik/${visibleSlug}`), 'the 410 page links to the newest stories of the section');
      // Under a wrong section too: no redirect that would reveal where it lived.
      assert.equal((await get(`/welt/${slugs.Rueckzugsmarke}`)).status, 410);
    });

    test('the scheduler publishes at the embargo’s end and the scheduled time, and takes stories down when due', async () => {
      const later = new Date(future.getTime() + 1000);
      const done = await service.runDue(later);
      const published = done.map((s) => s.slug).sort();
      assert.deepEqual(published, [slugs.Planmarke, slugs.Sperrfristmarke].sort());
      assert.ok(done.every((s) => s.status === 'published' && s.firstPublishedAt));
      // Nothing is due twice.
      assert.deepEqual(await service.runDue(later), []);
      // The row the service did not write becomes visible by itself once its embargo passes (the query's clock);
      // it is not yet past, so it stays hidden now.
      assert.equal((await get(`/politik/${slugs.Riegelmarke}`)).status, 404);

      const planned = await service.get(slugs.Planmarke!);
      await service.scheduleDepublish(planned.id, new Date(later.getTime() + 60_000));
      assert.deepEqual(await service.runDue(later), [], 'not yet due');
      const down = await service.runDue(new Date(later.getTime() + 61_000));
      assert.deepEqual(down.map((s) => [s.slug, s.status]), [[slugs.Planmarke, 'depublished']]);
      assert.equal((await get(`/politik/${slugs.Planmarke}`)).status, 410);
    });

    test('a due story changed by an editor meanwhile is skipped, not overwritten', async () => {
      const s = await service.create(draftWith('Wettlaufmarke'));
      await service.schedule(s.id, new Date(Date.now() - 1000));
      const repo = new StoryRepository(db);
      const due = await repo.listDue(new Date().toISOString());
      assert.ok(due.some((d) => d.id === s.id));
      // An editor saves between the scheduler's read and its write: the scheduler's expected version is stale.
      const current = await service.get(s.id);
      await service.update(s.id, { ...draftWith('Wettlaufmarke'), headline: 'Wettlaufmarke: neue Fassung' }, { expectedVersion: current.version });
      await assert.rejects(service.publish(s.id, { expectedVersion: current.version }), { code: 'VERSION_CONFLICT' });
      const after = await service.runDue(new Date());
      const mine = after.find((x) => x.id === s.id);
      assert.equal(mine?.headline, 'Wettlaufmarke: neue Fassung', 'the scheduler publishes the editor’s newest version');
    });
  });
}

describe('depublishing purges the cached article at once', () => {
  const engine = engines()[0]!;
  test('cached 200, depublish, next request is 410', { skip: engine.skip }, async () => {
    const db = await engine.open();
    try {
      const events = new EventBus();
      const service = new StoryService(db, events);
      const app = createApp(db, { siteName: 'Lede Test', siteUrl: SITE }, { pageCache: new PageCache(), events });
      const story = await service.create(draftWith('Cachemarke'), { status: 'published' });
      const url = `/politik/${story.slug}`;
      assert.equal((await app.request(url)).status, 200);
      const again = await app.request(url);
      assert.equal(again.status, 200);
      assert.match(again.headers.get('x-cache') ?? '', /HIT/, 'the second request is served from the cache');
      await service.depublish(story.id);
      assert.equal((await app.request(url)).status, 410);
      const home = await (await app.request('/')).text();
      assert.doesNotMatch(home, /Cachemarke/);
    } finally {
      await db.close();
    }
  });
});
