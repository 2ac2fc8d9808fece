import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { EventBus } from '../../src/events/event-bus.js';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { createServices, type Services } from '../../src/services/index.js';
import { createApp } from '../../src/server/app.js';
import { fastHits } from '../../src/server/fast-hits.js';
import { listen } from '../../src/server/http-server.js';
import { PageCache } from '../../src/site/page-cache.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { axeViolations } from '../helpers/newsroom-chromium.js';
import { launchChromium, missingChromium } from './page-checkers.js';

const ARTICLE = '/politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen';
const skip = missingChromium();

/**
 * The banner as a browser gets it from a kept page: the spliced gzip body
 * (gzip-splice.ts) must decode in Chromium, on the fast path (fresh hits
 * written from Node's request event) and on the app's path, and the bar must
 * be a labelled region axe has nothing against.
 */
describe('the breaking banner in Chromium', { skip }, () => {
  let db: Database;
  let services: Services;
  let cache: PageCache;
  let browser: Browser;
  let fast: Server;
  let slow: Server;

  before(async () => {
    db = await engines()[0]!.open();
    await loadDemoContent(db);
    const events = new EventBus();
    services = createServices(db, {}, { events });
    cache = new PageCache();
    const app = createApp(db, { siteName: 'Lede', siteUrl: 'http://localhost', trustProxy: false }, { pageCache: cache, events, services });
    fast = listen(app.fetch, { port: 0, host: '127.0.0.1', fastPath: fastHits(cache, {}) });
    slow = listen(app.fetch, { port: 0, host: '127.0.0.1' });
    await Promise.all([fast, slow].map((s) => new Promise((r) => (s.listening ? r(undefined) : s.once('listening', r)))));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    fast?.close();
    slow?.close();
    await cache?.settled();
    await db?.close();
  });

  const base = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

  test('a kept page shows the banner, decoded from spliced gzip, on both paths, and it passes axe', async () => {
    const page = await browser.newPage();
    try {
      for (const s of [fast, slow]) await page.goto(base(s) + ARTICLE);
      await services.breaking.set({ name: 'CvD' }, { headline: 'Unwetter: Zugverkehr in Sachsen eingestellt', url: '/politik' });
      for (const s of [fast, slow]) {
        const res = await page.goto(base(s) + ARTICLE);
        assert.equal(res?.status(), 200);
        assert.equal(res?.headers()['x-cache'], 'HIT', 'the kept copy, not a new render');
        assert.equal(res?.headers()['content-encoding'], 'gzip', 'Chromium asks for brotli and gets the spliced gzip');
        const region = page.getByRole('region', { name: 'Eilmeldung', exact: true });
        assert.equal(await region.count(), 1);
        assert.match(await region.innerText(), /Unwetter: Zugverkehr in Sachsen eingestellt/);
        assert.equal(await region.getByRole('link').getAttribute('href'), '/politik');
        // The whole page decoded: its end is there, not only the part before the banner.
        assert.equal(await page.locator('footer.site-footer').count(), 1);
        assert.deepEqual(await axeViolations(page), []);
      }
      await services.breaking.takeDown({ name: 'CvD' });
      for (const s of [fast, slow]) {
        await page.goto(base(s) + ARTICLE);
        assert.equal(await page.getByRole('region', { name: 'Eilmeldung', exact: true }).count(), 0);
      }
    } finally {
      await page.close();
    }
  });
});
