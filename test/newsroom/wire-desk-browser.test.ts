/**
 * The wire desk in Chromium, as an editor works it: the desk open, an
 * Eilmeldung ingested meanwhile appears on top without a reload, announced
 * politely ("1 neue Meldung") and once as an alert, the focus untouched;
 * filtered to Eilmeldungen with the GET form; opened; taken over into the
 * editor with its headline. axe-core finds nothing on the list, item,
 * dead-letter and sources pages, in German and English.
 *
 * Functions passed to page.evaluate are strings: the test's TypeScript
 * transform would add helpers the page does not have.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { engines } from '../helpers/db.js';
import { axeViolations, chromiumOnLoopback, loggedInPage } from '../helpers/newsroom-chromium.js';
import { missingChromium } from '../site/page-checkers.js';
import { PASSWORD, entry, openWireWorld, type WireWorld } from './wire-desk-world.js';

const WAIT = { timeout: 20_000 };

describe('the wire desk in Chromium', () => {
  const skip = missingChromium();
  let w: WireWorld;
  let base: string;
  let close: () => Promise<void>;
  let browser: Browser | undefined;

  before(async () => {
    w = await openWireWorld(await engines()[0]!.open());
    ({ base, browser, close } = await chromiumOnLoopback(w.app.fetch));
  });
  after(async () => {
    await close?.();
    await w?.db.close();
  });

  test('live arrival, Eil filter, item, take-over into the editor; axe on every desk page', { skip }, async () => {
    await w.ingestOne(entry({ headline: 'Kreismusikschule feiert Jubiläum', urgency: 5, embargoed: '2030-01-15T06:00:00+01:00' }));
    const [dead] = await w.services.wire.ingest('dpa', '<kein json>', { name: 'defekt.xml', via: 'folder' });
    assert.equal(dead!.result, 'refused');
    const { context, page, problems } = await loggedInPage(browser!, base, 'admin@example.org', PASSWORD);

    await page.getByRole('link', { name: 'Agentur', exact: true }).click();
    await page.waitForURL(`${base}/newsroom/agentur`, WAIT);
    assert.equal(await page.locator('h1').textContent(), 'Agenturmeldungen');
    assert.match((await page.locator('#wire-list tbody tr').first().textContent()) ?? '', /Sperrfrist bis 15\. Januar 2030 \| 06:00 Uhr/);
    assert.deepEqual(await axeViolations(page), [], 'the desk');

    // Marks this document: after the arrival it must be the same one (no reload happened).
    await page.evaluate('window.__wireDeskMark = 42');
    const headline = 'Eil: Stromausfall legt Innenstadt lahm';
    await w.ingestOne(entry({ headline, kicker: 'Energie', urgency: 1, categories: [{ type: 'dnltype:desk', qcode: 'dpacat:wi', name: 'Wirtschaft' }] }));
    const row = page.locator('#wire-list tbody tr', { hasText: headline });
    await row.waitFor(WAIT);
    assert.equal(await page.evaluate('window.__wireDeskMark'), 42, 'the page was not reloaded');
    assert.equal(await page.locator('#wire-list tbody tr').first().getAttribute('data-id') === await row.getAttribute('data-id'), true, 'on top');
    assert.match((await row.getAttribute('class')) ?? '', /\beil\b/);
    assert.match((await row.textContent()) ?? '', /Eil 1/);
    const serverTime = (await page.locator('#wire-list tbody tr').nth(1).locator('time').first().textContent()) ?? '';
    assert.match((await row.locator('time').first().textContent()) ?? '', /^\d{1,2}\. \p{L}+ \d{4} \| \d\d:\d\d Uhr$/u, 'a live row writes its time as the server does');
    assert.match(serverTime, /^\d{1,2}\. \p{L}+ \d{4} \| \d\d:\d\d Uhr$/u);
    assert.equal(await page.locator('#wire-live').textContent(), '1 neue Meldung');
    assert.equal(await page.locator('#wire-eil-alert').getAttribute('role'), 'alert');
    assert.equal(await page.locator('#wire-eil-alert p').allTextContents().then((t) => t.join('|')), `Eilmeldung: ${headline}`);
    assert.equal(await page.evaluate('document.activeElement === document.body'), true, 'the focus stays where it was');
    assert.deepEqual(await axeViolations(page), [], 'the desk with a live row');

    // Filter by Eil through the GET form.
    await page.locator('#wf-urgency').selectOption('eil');
    await Promise.all([page.waitForURL(/urgency=eil/, WAIT), page.getByRole('button', { name: 'Filtern' }).click()]);
    const rows = page.locator('#wire-list tbody tr');
    assert.equal(await rows.count(), 1);
    assert.match((await rows.first().textContent()) ?? '', /Stromausfall/);

    // Open it.
    await Promise.all([page.waitForURL(/\/newsroom\/agentur\/[0-9a-f-]{36}$/, WAIT), rows.first().getByRole('link', { name: headline }).click()]);
    assert.match((await page.locator('h1').textContent()) ?? '', /Stromausfall legt Innenstadt lahm/);
    assert.match((await page.locator('.wire-internal').textContent()) ?? '', /intern – nicht zur Veröffentlichung/);
    assert.deepEqual(await axeViolations(page), [], 'the item page');
    assert.deepEqual(problems, [], 'no script errors on the desk');

    // Take it over: the editor opens with the headline.
    await Promise.all([page.waitForURL(/\/newsroom\/stories\/[0-9a-f-]{36}$/, WAIT), page.getByRole('button', { name: 'Übernehmen' }).click()]);
    const field = page.locator('#f-headline');
    await field.waitFor(WAIT);
    const until = Date.now() + WAIT.timeout;
    while ((await field.inputValue()) !== headline && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await field.inputValue(), headline);

    await page.goto(`${base}/newsroom/agentur/fehler`);
    assert.match((await page.locator('table').textContent()) ?? '', /defekt\.xml/);
    assert.deepEqual(await axeViolations(page), [], 'dead letters');
    await page.goto(`${base}/newsroom/agentur/quellen`);
    assert.deepEqual(await axeViolations(page), [], 'sources');
    await page.goto(`${base}/newsroom/agentur/quellen/dpa`);
    assert.deepEqual(await axeViolations(page), [], 'a source with its rules');
    await context.close();
  });

  test('English: the desk, an item with a diff and the dead letters, axe-clean', { skip }, async () => {
    const doc = entry({ headline: 'Hafen erweitert Containerterminal', article_html: '<p>Der Ausbau kostet 80 Millionen Euro.</p>' });
    const id = await w.ingestOne(doc);
    await w.ingest({ ...doc, version: 2, signal: ['sig:correction'], article_html: '<p>Der Ausbau kostet 90 Millionen Euro.</p>' });
    const { context, page, problems } = await loggedInPage(browser!, base, 'editor@example.org', PASSWORD, [403, 404, 422]);
    await page.goto(`${base}/newsroom/agentur`);
    assert.equal(await page.locator('h1').textContent(), 'Wire items');
    assert.deepEqual(await axeViolations(page), [], 'the desk in English');
    await page.goto(`${base}/newsroom/agentur/${id}`);
    await Promise.all([page.waitForURL(/from=1&to=2/, WAIT), page.getByRole('button', { name: 'Compare' }).click()]);
    assert.match((await page.locator('#wire-diff').textContent()) ?? '', /\[deletion: 80 \]|\[deletion:\s*80/);
    assert.deepEqual(await axeViolations(page), [], 'the item with a diff in English');
    await page.goto(`${base}/newsroom/agentur/fehler`);
    assert.deepEqual(await axeViolations(page), [], 'dead letters in English');
    assert.equal((await page.goto(`${base}/newsroom/agentur/quellen`))?.status(), 403, 'editors do not manage sources');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
