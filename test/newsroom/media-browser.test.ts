/**
 * The media library in Chromium, as editors use it: two pictures chosen at
 * once in the file picker upload with a progress bar each and show up as
 * done, a dropped one too; a file whose name lies about its type gets its own
 * error; the credit is edited on the detail page (the form, no script
 * needed), the focal point set by a click, the file replaced; axe-core finds nothing on the library and detail
 * pages, in German and English.
 *
 * Functions passed to page.evaluate are strings: the test's TypeScript
 * transform would add helpers the page does not have.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { DiskStorage } from '../../src/storage/storage.js';
import { AccountService } from '../../src/services/account-service.js';
import { newsroomMedia, type NewsroomMedia } from '../../src/services/media-library.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { axeViolations, serveOnLoopback } from '../helpers/newsroom-chromium.js';
import { launchChromium, missingChromium } from '../site/page-checkers.js';

const PASSWORD = 'mediathek-passwort-1';
const WAIT = { timeout: 20_000 };

async function photo(width: number, height: number, colour: string, format: 'jpeg' | 'png'): Promise<Buffer> {
  const img = sharp({ create: { width, height, channels: 3, background: colour } });
  return format === 'jpeg' ? img.jpeg({ quality: 90 }).toBuffer() : img.png().toBuffer();
}

describe('the media library in Chromium', () => {
  const pglite = engines()[0]!;
  const skip = missingChromium();
  let db: Database;
  let dir: string;
  let media: NewsroomMedia;
  let base: string;
  let close: () => void;
  let browser: Browser | undefined;

  before(async () => {
    db = await pglite.open();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-media-e2e-'));
    media = newsroomMedia({ db, storage: new DiskStorage(dir) });
    const accounts = new AccountService(db);
    await accounts.createUser({ email: 'cvd@example.org', name: 'Clara Dienst', role: 'editor', password: PASSWORD }, { name: 'test' });
    await accounts.createUser({ email: 'en@example.org', name: 'Eli English', role: 'author', password: PASSWORD, language: 'en' }, { name: 'test' });
    const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { media });
    ({ base, close } = await serveOnLoopback(app.fetch));
    if (!skip) browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    close?.();
    await db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function login(email: string): Promise<{ page: Page; problems: string[] }> {
    const context = await browser!.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    // The refused upload's 422 is expected and shown; Chromium logs it as a failed resource.
    page.on('console', (msg) => { if (msg.type() === 'error' && !/status of 422/.test(msg.text())) problems.push(`console: ${msg.text()}`); });
    await page.goto(`${base}/newsroom/login`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${base}/newsroom`, WAIT), page.locator('form[action="/newsroom/login"] button[type=submit]').click()]);
    return { page, problems };
  }

  test('upload two pictures at once, see both finish, edit the credit, set the focal point; axe on both pages', { skip }, async () => {
    const { page, problems } = await login('cvd@example.org');
    await page.getByRole('link', { name: 'Mediathek' }).click();
    await page.waitForURL(`${base}/newsroom/media`, WAIT);
    assert.equal(await page.locator('h1').textContent(), 'Mediathek');
    assert.deepEqual(await axeViolations(page), [], 'empty library');

    await page.locator('#media-files').setInputFiles([
      { name: 'elbe-hochwasser.jpg', mimeType: 'image/jpeg', buffer: await photo(1600, 1000, '#336699', 'jpeg') },
      { name: 'deich.png', mimeType: 'image/png', buffer: await photo(800, 600, '#996633', 'png') },
    ]);
    const done = page.locator('#media-uploads li[data-state="done"]');
    await done.nth(1).waitFor(WAIT);
    assert.equal(await done.count(), 2);
    for (const li of await done.all()) {
      assert.equal(await li.locator('progress').evaluate((p) => (p as HTMLProgressElement).value), 100);
      assert.match((await li.locator('.state').textContent()) ?? '', /^Fertig/);
    }
    assert.deepEqual((await done.locator('a').allTextContents()).sort(), ['deich.png', 'elbe-hochwasser.jpg']);

    // Dropped on the drop zone: the same upload (a drop event with the file, as the browser sends it).
    const dropped = (await photo(300, 200, '#669933', 'png')).toString('base64');
    await page.evaluate(`(() => {
      const bytes = Uint8Array.from(atob('${dropped}'), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'gezogen.png', { type: 'image/png' }));
      const zone = document.getElementById('media-drop');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    })()`);
    await done.nth(2).waitFor(WAIT);
    assert.equal(await done.nth(2).locator('a').textContent(), 'gezogen.png');

    // A name that lies about the type: that file alone fails, with the server's reason.
    await page.locator('#media-files').setInputFiles([{ name: 'falsch.jpg', mimeType: 'image/jpeg', buffer: await photo(40, 30, '#000000', 'png') }]);
    const failed = page.locator('#media-uploads li[data-state="failed"]');
    await failed.waitFor(WAIT);
    assert.match((await failed.locator('.state').textContent()) ?? '', /Fehlgeschlagen: .*falsch\.jpg is named \.jpg/);
    assert.equal(Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM media_assets'))[0]!.n), 3);

    // The list after a reload: both pictures, with status badge and usage in words.
    await page.reload();
    const rows = page.locator('table.media-list tbody tr');
    assert.equal(await rows.count(), 3);
    assert.match((await rows.first().textContent()) ?? '', /Rechte gültig/);
    assert.match((await rows.first().textContent()) ?? '', /nicht verwendet/);
    assert.deepEqual(await axeViolations(page), [], 'library with pictures');

    // Search without JavaScript semantics: a GET form.
    await page.locator('#m-q').fill('deich');
    await Promise.all([page.waitForURL(/q=deich/, WAIT), page.getByRole('button', { name: 'Suchen' }).click()]);
    assert.equal(await page.locator('table.media-list tbody tr').count(), 1);

    // Detail: edit the credit, set the focal point by a click.
    await page.locator('table.media-list tbody tr a', { hasText: 'deich.png' }).click();
    await page.waitForURL(/\/newsroom\/media\/[0-9a-f-]{36}$/, WAIT);
    const id = /\/newsroom\/media\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    assert.deepEqual(await axeViolations(page), [], 'detail page');
    const img = page.locator('#focal-image');
    await img.waitFor(WAIT);
    const box = (await img.boundingBox())!;
    await img.click({ position: { x: box.width * 0.25, y: box.height * 0.75 } });
    const fx = Number(await page.locator('#r-focalX').inputValue());
    const fy = Number(await page.locator('#r-focalY').inputValue());
    assert.ok(Math.abs(fx - 25) < 2 && Math.abs(fy - 75) < 2, `focal point from the click: ${fx}, ${fy}`);
    await page.locator('#r-credit').fill('dpa');
    await page.locator('#r-usageTerms').fill('nur redaktionelle Nutzung');
    await Promise.all([page.waitForURL(/saved=1/, WAIT), page.getByRole('button', { name: 'Speichern' }).click()]);
    assert.equal(await page.locator('#r-credit').inputValue(), 'dpa');
    assert.match((await page.locator('[role=status]').first().textContent()) ?? '', /Gespeichert/);
    const stored = await media.library.assets.get(id);
    assert.equal(stored?.rights.credit, 'dpa');
    assert.equal(stored?.rights.usageTerms, 'nur redaktionelle Nutzung');
    assert.ok(Math.abs(stored!.focalX - 0.25) < 0.02 && Math.abs(stored!.focalY - 0.75) < 0.02);
    assert.deepEqual(await axeViolations(page), [], 'detail page after saving');

    // Replace the file: same page (same id), new picture, the credit stays.
    const before = stored!.sha256;
    await page.locator('#replace-file').setInputFiles([{ name: 'deich-neu.jpg', mimeType: 'image/jpeg', buffer: await photo(900, 600, '#aa3333', 'jpeg') }]);
    await Promise.all([page.waitForEvent('load', WAIT), page.getByRole('button', { name: 'Ersetzen' }).click()]);
    const after = await media.library.assets.get(id);
    assert.notEqual(after?.sha256, before);
    assert.equal(after?.mime, 'image/jpeg');
    assert.equal(after?.rights.credit, 'dpa');
    assert.equal(await page.locator('h1').textContent(), 'deich-neu.jpg');
    assert.deepEqual(problems, []);
  });

  test('English, read-only rights for an author: axe on the library and the detail page', { skip }, async () => {
    const { page, problems } = await login('en@example.org');
    await page.goto(`${base}/newsroom/media`);
    assert.equal(await page.locator('h1').textContent(), 'Media library');
    assert.deepEqual(await axeViolations(page), [], 'library (en)');
    await page.locator('table.media-list tbody tr a').first().click();
    await page.waitForURL(/\/newsroom\/media\/[0-9a-f-]{36}$/, WAIT);
    assert.equal(await page.locator('#rights-form').count(), 0, 'authors do not edit rights');
    assert.deepEqual(await axeViolations(page), [], 'detail (en)');
    assert.deepEqual(problems, []);
  });
});
