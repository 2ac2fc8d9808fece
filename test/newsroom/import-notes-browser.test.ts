/**
 * The editor's "Import notes" in a real Chromium against a real HTTP server:
 * a page text with broken umlauts pasted into the import page becomes a
 * draft, the editor opens with the importer's note in its panel (axe finds
 * nothing), "Erledigt" removes the panel and says so, and after a reload the
 * panel stays away. Without JavaScript the notes are still shown.
 *
 * Functions passed to page.evaluate are strings: the test's TypeScript
 * transform would add helpers the page does not have.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createApp } from '../../src/server/app.js';
import { AccountService } from '../../src/services/account-service.js';
import { importWarningsOf } from '../../src/store/import-warnings-queries.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { axeViolations, chromiumOnLoopback, loggedInContextPage, loggedInPage } from '../helpers/newsroom-chromium.js';
import { missingChromium } from '../site/page-checkers.js';

const WAIT = { timeout: 20_000 };
const PASSWORD = 'hinweis-browser-1';
const PAGE = 'Magdeburg\nNeue Br\uFFFDcke über die Elbe freigegeben\nNach drei Jahren Bauzeit ist die Br\uFFFDcke offen.\n\nDie Stadt feiert mit einem Fest.\n';

describe('import notes in the story editor (Chromium)', () => {
  const skip = missingChromium();
  let db: Database;
  let base: string;
  let close: () => Promise<void>;
  let browser: Browser | undefined;

  before(async () => {
    db = await engines()[0]!.open();
    await new AccountService(db).createUser({ email: 'hinweis@example.org', name: 'Hanna Hinweis', role: 'editor', password: PASSWORD }, { name: 'test' });
    const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
    ({ base, browser, close } = await chromiumOnLoopback(app.fetch));
  });
  after(async () => {
    await close?.();
    await db?.close();
  });

  test('import a page, see the note in the editor, "Erledigt" removes it for good; without JavaScript the note shows too', { skip }, async () => {
    const { context, page, problems } = await loggedInPage(browser!, base, 'hinweis@example.org', PASSWORD);
    await page.goto(`${base}/newsroom/import`);
    await page.locator('#import-text').fill(PAGE);
    await page.locator('#import-submit').click();
    await page.waitForURL(/\/newsroom\/stories\/[0-9a-f-]{36}$/, WAIT);
    await page.locator('html[data-editor-ready]').waitFor({ state: 'attached', ...WAIT });
    const id = page.url().split('/').at(-1)!;
    const stored = await importWarningsOf(db, id);
    assert.equal(stored.length, 1, JSON.stringify(stored));

    const panel = page.getByRole('region', { name: 'Hinweise aus dem Import' });
    assert.equal(await panel.isVisible(), true);
    assert.deepEqual(await panel.getByRole('listitem').allTextContents(), stored);
    const done = panel.getByRole('button', { name: 'Erledigt' });
    assert.equal(await done.isVisible(), true, 'the script shows the button');
    assert.deepEqual(await axeViolations(page), [], 'the editor with the import notes');

    await done.click();
    await page.locator('#messages', { hasText: 'Die Hinweise aus dem Import sind erledigt.' }).waitFor(WAIT);
    assert.equal(await page.locator('#import-notes').count(), 0, 'the panel is gone');
    assert.equal(await page.evaluate('document.activeElement.id'), 'messages', 'the focus is not lost with the button');
    assert.deepEqual(await importWarningsOf(db, id), []);
    await page.reload();
    await page.locator('html[data-editor-ready]').waitFor({ state: 'attached', ...WAIT });
    assert.equal(await page.locator('#import-notes').count(), 0, 'gone after a reload too');
    assert.deepEqual(problems, []);
    await context.close();

    // Without JavaScript: a second import's notes are on the page, the button (which needs the script) is not.
    const js = await loggedInContextPage(browser!, base, 'hinweis@example.org', PASSWORD);
    await js.goto(`${base}/newsroom/import`);
    await js.locator('#import-text').fill(PAGE.replace('Magdeburg', 'Halle'));
    await js.locator('#import-submit').click();
    await js.waitForURL(/\/newsroom\/stories\/[0-9a-f-]{36}$/, WAIT);
    const second = js.url();
    await js.context().close();
    const noJs = await loggedInContextPage(browser!, base, 'hinweis@example.org', PASSWORD, { javaScriptEnabled: false });
    await noJs.goto(second);
    const quiet = noJs.getByRole('region', { name: 'Hinweise aus dem Import' });
    assert.equal(await quiet.isVisible(), true);
    assert.match((await quiet.getByRole('listitem').allTextContents()).join('\n'), /U\+FFFD/);
    assert.equal(await quiet.getByRole('button', { name: 'Erledigt' }).isVisible(), false);
    await noJs.context().close();
  });
});
