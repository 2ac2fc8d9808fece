/**
 * The section list every page's navigation needs is kept between requests
 * when the app has an event bus (lede serve), and read again after any story
 * event; without a bus it is read per request, as before.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EventBus } from '../../src/events/event-bus.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { countingReads, engines } from '../helpers/db.js';

const SECTION_QUERY = /WITH RECURSIVE s\(slug\)/;

for (const engine of engines()) {
  describe(`section navigation between requests on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let counted: ReturnType<typeof countingReads>;

    before(async () => {
      db = await engine.open();
      counted = countingReads(db, SECTION_QUERY);
      await new StoryService(db).create({ headline: 'Erste Meldung im Ressort Politik', section: 'Politik' }, { status: 'published' });
    });
    after(async () => {
      await db?.close();
    });

    test('with a bus: read once, then again after a story event, and a new section is in the navigation at once', async () => {
      const events = new EventBus();
      const app = createApp(counted.db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { events });
      counted.reads = 0;
      const first = await (await app.request('/')).text();
      await app.request('/politik');
      assert.equal(counted.reads, 1, 'the second page reuses the list');
      assert.doesNotMatch(first, /href="\/wissenschaft"/);
      await new StoryService(db, events).create({ headline: 'Neues Ressort mit einer Meldung', section: 'Wissenschaft' }, { status: 'published' });
      const after = await (await app.request('/')).text();
      assert.equal(counted.reads, 2, 'the event made it read again');
      assert.match(after, /href="\/wissenschaft"/);
    });

    test('without a bus: read on every request', async () => {
      const app = createApp(counted.db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
      counted.reads = 0;
      await app.request('/');
      await app.request('/politik');
      assert.equal(counted.reads, 2);
    });
  });
}
