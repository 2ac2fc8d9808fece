/**
 * An article page's rail ("Mehr aus <Ressort>") is kept between requests per
 * section when the app has an event bus (lede serve), and read again after
 * any story event: a story published, corrected, moved to another section or
 * taken down is in, changed in, or gone from the rail on the next request.
 * Without a bus it is read per request, as before.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EventBus } from '../../src/events/event-bus.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { countingReads, engines } from '../helpers/db.js';

/** The rail's read: newest public stories of one section (listPublished with a section filter). */
const RAIL_QUERY = /FROM stories WHERE .*section_slug = \$\d+[\s\S]*ORDER BY first_published_at DESC, id DESC LIMIT/;

/** The headlines in the article page's section rail, sorted (stories made in the same millisecond have no set order). */
function railHeadlines(html: string): string[] {
  const rail = /<section class="rail" aria-labelledby="rail-section">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  return [...rail.matchAll(/<span class="title">([^<]*)<\/span>/g)].map((m) => m[1]!).sort();
}

for (const engine of engines()) {
  describe(`article rail between requests on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let counted: ReturnType<typeof countingReads>;

    before(async () => {
      db = await engine.open();
      counted = countingReads(db, RAIL_QUERY);
    });
    after(async () => {
      await db?.close();
    });

    test('with a bus: read once per section, and every story event shows in the rail at once', async () => {
      const events = new EventBus();
      const app = createApp(counted.db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { events });
      const service = new StoryService(db, events);
      const page = await service.create({ headline: 'Stadtrat beschließt neuen Radweg', section: 'Verkehr' }, { status: 'published' });
      const other = await service.create({ headline: 'Busse fahren am Sonntag seltener', section: 'Verkehr' }, { status: 'published' });
      const path = `/verkehr/${page.slug}`;
      const rail = async () => railHeadlines(await (await app.request(path)).text());

      counted.reads = 0;
      assert.deepEqual(await rail(), ['Busse fahren am Sonntag seltener']);
      assert.deepEqual(await rail(), ['Busse fahren am Sonntag seltener']);
      // The other story's page uses the same kept list, without the page's own story.
      assert.deepEqual(railHeadlines(await (await app.request(`/verkehr/${other.slug}`)).text()), ['Stadtrat beschließt neuen Radweg']);
      assert.equal(counted.reads, 1, 'the section\'s rail is read once');

      const added = await service.create({ headline: 'Neue Ampel an der Hauptstraße', section: 'Verkehr' }, { status: 'published' });
      assert.deepEqual(await rail(), ['Busse fahren am Sonntag seltener', 'Neue Ampel an der Hauptstraße'], 'a published story is in the rail');

      await service.update(added.id, { headline: 'Neue Ampel an der Bahnhofstraße', section: 'Verkehr' }, { correction: 'Die Ampel steht an der Bahnhofstraße.' });
      assert.deepEqual(await rail(), ['Busse fahren am Sonntag seltener', 'Neue Ampel an der Bahnhofstraße'], 'a correction shows in the rail');

      await service.depublish(added.id);
      assert.deepEqual(await rail(), ['Busse fahren am Sonntag seltener'], 'a depublished story leaves the rail');

      await service.update(other.id, { headline: 'Busse fahren am Sonntag seltener', section: 'Stadtleben' });
      assert.deepEqual(await rail(), [], 'a story moved to another section leaves the rail');
      assert.ok(counted.reads >= 5, 'each event made the rail be read again');
    });

    test('without a bus: read on every request', async () => {
      const service = new StoryService(db);
      const page = await service.create({ headline: 'Hafen erweitert Containerterminal', section: 'Hafen' }, { status: 'published' });
      await service.create({ headline: 'Fährlinie nimmt Betrieb wieder auf', section: 'Hafen' }, { status: 'published' });
      const app = createApp(counted.db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
      counted.reads = 0;
      for (let i = 0; i < 2; i++) {
        assert.deepEqual(railHeadlines(await (await app.request(`/hafen/${page.slug}`)).text()), ['Fährlinie nimmt Betrieb wieder auf']);
      }
      assert.equal(counted.reads, 2);
    });
  });
}
