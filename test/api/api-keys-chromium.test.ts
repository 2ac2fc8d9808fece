/**
 * The API keys page in Debian's Chromium: axe-core finds nothing, in German
 * and English, at desktop and phone widths, with an empty list, with the
 * one-time key shown, and with active and revoked keys; and creating and
 * revoking work with JavaScript off.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { AccountService } from '../../src/services/account-service.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { axeViolations, chromiumOnLoopback, loggedInContextPage } from '../helpers/newsroom-chromium.js';
import { missingChromium } from '../site/page-checkers.js';

const PASSWORD = 'schluessel-passwort-1';
const WAIT = { timeout: 15_000 };

describe('the API keys page in Chromium', () => {
  const pglite = engines()[0]!;
  const skip = missingChromium();
  let db: Database;
  let base: string;
  let close: () => Promise<void>;
  let browser: Browser | undefined;

  before(async () => {
    db = await pglite.open();
    const accounts = new AccountService(db);
    await accounts.createUser({ email: 'admin@example.org', name: 'Ada Admin', role: 'admin', password: PASSWORD }, { name: 'test' });
    await accounts.createUser({ email: 'en@example.org', name: 'Eva Admin', role: 'admin', password: PASSWORD, language: 'en' }, { name: 'test' });
    const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
    ({ base, browser, close } = await chromiumOnLoopback(app.fetch));
  });
  after(async () => {
    await close?.();
    await db?.close();
  });

  const loggedIn = (email: string, javaScriptEnabled = true, width = 1280): Promise<Page> =>
    loggedInContextPage(browser!, base, email, PASSWORD, { javaScriptEnabled, width });

  test('create and revoke without JavaScript; the key is shown once', { skip }, async () => {
    const page = await loggedIn('admin@example.org', false);
    await page.goto(`${base}/newsroom/api-keys`);
    await page.getByLabel('Name').fill('Partner-App');
    await page.getByLabel('Anfragen je Minute').fill('120');
    await Promise.all([page.waitForLoadState('load', WAIT), page.getByRole('button', { name: 'Schlüssel anlegen' }).click()]);
    const secret = await page.getByLabel('Neuer Schlüssel (zum Kopieren markieren)').inputValue();
    assert.match(secret, /^lede_[A-Za-z0-9_-]{32}$/);
    assert.match(await page.locator('.notice.ok').textContent() ?? '', /nur dieses eine Mal/);
    await page.goto(`${base}/newsroom/api-keys`);
    assert.equal(await page.locator('#new-secret').count(), 0, 'not shown again');
    assert.equal(await page.locator('tbody th[scope=row]').first().textContent(), 'Partner-App');
    await Promise.all([page.waitForLoadState('load', WAIT), page.getByRole('button', { name: 'Schlüssel „Partner-App“ widerrufen' }).click()]);
    assert.match(await page.locator('.notice.ok').textContent() ?? '', /wurde widerrufen/);
    assert.match(await page.locator('tbody tr').first().textContent() ?? '', /widerrufen .* von Ada Admin/);
    await page.context().close();
  });

  test('zero axe violations: German and English, desktop and phone, with the one-time key and with revoked keys', { skip }, async () => {
    const found: string[] = [];
    for (const email of ['admin@example.org', 'en@example.org']) {
      for (const width of [1280, 375]) {
        const page = await loggedIn(email, true, width);
        const res = await page.goto(`${base}/newsroom/api-keys`);
        assert.equal(res?.status(), 200);
        for (const v of await axeViolations(page)) found.push(`${email} list @${width}px: ${v}`);
        await page.locator('#key-name').fill(`Schlüssel ${width}`);
        await Promise.all([page.waitForLoadState('load', WAIT), page.locator('form[action="/newsroom/api-keys"] button[type=submit]').click()]);
        assert.equal(await page.locator('#new-secret').count(), 1);
        for (const v of await axeViolations(page)) found.push(`${email} created @${width}px: ${v}`);
        await page.context().close();
      }
    }
    assert.deepEqual(found, []);
  });
});
