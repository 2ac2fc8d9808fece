/**
 * axe-core in Debian's Chromium on the revisions, diff, users, audit, topic
 * and section pages, in German and English, at desktop and phone widths;
 * and the forms work with JavaScript off.
 *
 * Functions passed to page.evaluate are strings: the test's TypeScript
 * transform would add helpers the page does not have.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Story, StoryDraft } from '../../src/content/index.js';
import { AccountService } from '../../src/services/account-service.js';
import { StoryService, draftOf } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { RetentionRepository } from '../../src/store/retention-repository.js';
import { engines } from '../helpers/db.js';
import { axeViolations, chromiumOnLoopback, loggedInContextPage } from '../helpers/newsroom-chromium.js';
import { missingChromium } from '../site/page-checkers.js';

const PASSWORD = 'barrierefrei-passwort-1';
const WAIT = { timeout: 15_000 };

const DRAFT: StoryDraft = {
  kind: 'article', language: 'de', kicker: 'Hochwasser', headline: 'Elbe erreicht Alarmstufe drei', teaser: 'Die Pegel steigen.',
  authors: [{ name: 'Lena Vogt' }], section: 'Sachsen-Anhalt', topics: ['Hochwasser'], related: [],
  lead: { kind: 'image', alt: 'Die Elbe bei Magdeburg', caption: 'Hochwasser an der Elbe', credit: 'dpa' },
  body: [
    { type: 'heading', level: 2, text: 'Die Lage am Morgen' },
    { type: 'paragraph', content: [{ text: 'Der Pegel in Magdeburg steigt weiter.' }] },
    { type: 'quote', text: 'Wir sind vorbereitet.', speaker: 'Bürgermeisterin' },
    { type: 'list', ordered: false, items: [[{ text: 'Sandsäcke' }], [{ text: 'Pumpen' }]] },
    { type: 'paragraph', content: [{ text: 'Die Feuerwehr ist im Einsatz.' }] },
  ],
};

describe('newsroom admin pages in Chromium', () => {
  const pglite = engines()[0]!;
  const skip = missingChromium();
  let db: Database;
  let base: string;
  let close: () => Promise<void>;
  let browser: Browser | undefined;
  let story: Story;

  before(async () => {
    db = await pglite.open();
    const accounts = new AccountService(db);
    const admin = await accounts.createUser({ email: 'admin@example.org', name: 'Ada Admin', role: 'admin', password: PASSWORD }, { name: 'test' });
    await accounts.createUser({ email: 'en@example.org', name: 'Eve Editor', role: 'editor', password: PASSWORD, language: 'en' }, { name: 'test' });
    const service = new StoryService(db);
    const actor = { id: admin.id, name: admin.name };
    story = await service.create(DRAFT, { actor });
    const d = draftOf(story);
    story = await service.update(story.id, {
      ...d, headline: 'Elbe erreicht Alarmstufe drei in Magdeburg', topics: ['Hochwasser', 'Elbe'],
      body: [d.body[0]!, { type: 'paragraph', content: [{ text: 'Neu: Die Stadt sperrt die Strombrücke.' }] }, { type: 'paragraph', content: [{ text: 'Der Pegel in Magdeburg steigt am Abend weiter.' }] }, d.body[3]!, d.body[2]!],
    }, { actor, expectedVersion: 1 });
    story = await service.publish(story.id, { actor });
    await db.transaction((tx) => new RetentionRepository(tx).replaceSection('sachsen-anhalt', [{ kind: 'article', months: 12 }]));
    const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
    ({ base, browser, close } = await chromiumOnLoopback(app.fetch));
  });
  after(async () => {
    await close?.();
    await db?.close();
  });

  const loggedIn = (email: string, javaScriptEnabled = true, width = 1280): Promise<Page> =>
    loggedInContextPage(browser!, base, email, PASSWORD, { javaScriptEnabled, width });

  test('zero axe violations on every page, German and English, desktop and phone', { skip }, async () => {
    const pages = [
      `/newsroom/stories/${story.id}/revisions`,
      `/newsroom/stories/${story.id}/diff?from=1&to=${story.version}`,
      '/newsroom/audit',
      '/newsroom/topics',
      '/newsroom/topics/hochwasser',
      '/newsroom/sections',
      '/newsroom/eilmeldung',
      '/newsroom/push',
      '/newsroom/push?title=Sturmwarnung&body=Orkan+erreicht+die+K%C3%BCste&url=%2Fpolitik',
    ];
    const found: string[] = [];
    for (const [email, extra] of [['admin@example.org', ['/newsroom/users']], ['en@example.org', []]] as const) {
      for (const width of [1280, 375]) {
        const page = await loggedIn(email, true, width);
        for (const p of [...pages, ...extra]) {
          const res = await page.goto(base + p);
          assert.equal(res?.status(), 200, p);
          for (const v of await axeViolations(page)) found.push(`${email} ${p} @${width}px: ${v}`);
        }
        await page.context().close();
      }
    }
    assert.deepEqual(found, []);
  });

  test('without JavaScript: compare two versions, restore one, change a retention rule', { skip }, async () => {
    const page = await loggedIn('admin@example.org', false);
    await page.goto(`${base}/newsroom/stories/${story.id}/revisions`);
    await page.getByLabel('Version 1 als ältere Fassung').check();
    await Promise.all([page.waitForURL(/\/diff\?/, WAIT), page.getByRole('button', { name: 'Vergleichen' }).click()]);
    const q = new URL(page.url()).searchParams;
    assert.deepEqual([q.get('from'), q.get('to')], ['1', '3']);
    assert.equal(await page.locator('h1').textContent(), 'Version 1 → Version 3 · „Elbe erreicht Alarmstufe drei in Magdeburg“');
    assert.ok(await page.locator('.op-moved').count() >= 1, 'the quote moved below the list');
    await page.goto(`${base}/newsroom/stories/${story.id}/revisions`);
    await Promise.all([page.waitForURL(/restored=1/, WAIT), page.getByRole('button', { name: 'Version 1 wiederherstellen' }).click()]);
    assert.match(await page.locator('.notice.ok').textContent() ?? '', /Version 1 wurde als neue Version 4 wiederhergestellt/);
    await page.goto(`${base}/newsroom/sections`);
    await page.locator('#m-sachsen-anhalt-video').fill('6');
    await Promise.all([page.waitForURL(/saved=sachsen-anhalt/, WAIT), page.locator('form[action="/newsroom/sections/sachsen-anhalt"] button[type=submit]').click()]);
    assert.equal(await page.locator('#m-sachsen-anhalt-video').inputValue(), '6');
    await page.context().close();
  });
});
