/**
 * The editor's agency panel in a real Chromium against a real HTTP server:
 * a story taken from an item whose agency sent a corrected version 2 shows
 * the notice; the editor types into the teaser (unsaved), opens the merge,
 * takes the agency's headline and keeps their own body and teaser, saves;
 * after a reload the headline is the agency's, body and teaser are theirs and
 * the notice is gone. A withdrawal arriving while the editor is open appears
 * as an alert without a reload. axe-core finds nothing on the editor with the
 * panel, the merge view and the withdrawal alert.
 *
 * Functions passed to page.evaluate are strings: the test's TypeScript
 * transform would add helpers the page does not have.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { engines } from '../helpers/db.js';
import { axeViolations, chromiumOnLoopback, loggedInPage } from '../helpers/newsroom-chromium.js';
import { missingChromium } from '../site/page-checkers.js';
import { PASSWORD, ferryEntry, openAgencyWorld, type AgencyWorld } from './editor-agency-world.js';

const WAIT = { timeout: 20_000 };
const para = (text: string) => ({ type: 'paragraph' as const, content: [{ text }] });

describe('the agency panel in the story editor (Chromium)', () => {
  const skip = missingChromium();
  let w: AgencyWorld;
  let base: string;
  let close: () => Promise<void>;
  let browser: Browser | undefined;

  before(async () => {
    w = await openAgencyWorld(await engines()[0]!.open());
    ({ base, browser, close } = await chromiumOnLoopback(w.app.fetch));
  });
  after(async () => {
    await close?.();
    await w?.db.close();
  });

  const ready = (page: Page) => page.locator('html[data-editor-ready]').waitFor({ state: 'attached', ...WAIT });
  const admin = () => ({ id: w.ids.get('admin')!, name: 'Panel admin' });

  test('take the agency headline, keep my body and my unsaved teaser, save, reload: merged, notice gone', { skip }, async () => {
    const v1 = ferryEntry({ headline: 'Gierfähre pausiert wegen Hochwasser' });
    const { storyId } = await w.taken(v1);
    // The newsroom rewrote the body after taking the item.
    const taken = await w.services.stories.get(storyId);
    const { id: _i, status: _s, version: _v, createdAt: _c, modifiedAt: _m, ownerId: _o, modifiedBy: _b, slug: _slug, ...draft } = taken;
    const myBody = [para('Unsere Reporterin stand am Anleger.'), para('Der Fährmann rechnet mit drei Tagen Pause.')];
    await w.services.stories.update(storyId, { ...draft, body: myBody }, { expectedVersion: taken.version, actor: admin() });
    await w.ingest({ ...v1, version: 2, signal: ['sig:correction'], headline: 'Gierfähre pausiert wegen Hochwassers bis Freitag',
      article_html: '<section><p>Die Agentur schreibt jetzt einen anderen ersten Satz.</p></section>' });

    const { context, page, problems } = await loggedInPage(browser!, base, 'agentur-admin@example.org', PASSWORD, [404, 412, 422]);
    await page.goto(`${base}/newsroom/stories/${storyId}`);
    await ready(page);
    assert.equal(await page.locator('#agency-update-h').textContent(), 'Neue Agenturfassung (Version 2) Korrektur');
    assert.match((await page.locator('#agency-update').textContent()) ?? '', /\[Einfügung: [^\]]*Freitag/);
    const open = page.getByRole('button', { name: 'Agenturfassung übernehmen …' });
    assert.equal(await open.isVisible(), true, 'the script shows the merge button');
    assert.deepEqual(await axeViolations(page), [], 'the editor with the agency panel and its diff');

    // Unsaved words of my own, then the merge.
    await page.locator('#f-teaser').fill('Bis Freitag fährt keine Fähre, sagt der Fährmann.');
    await open.click();
    const merge = page.locator('#agency-merge');
    await merge.waitFor({ state: 'visible', ...WAIT });
    assert.equal(await page.locator('#editor').isHidden(), true, 'the form steps aside like the 412 merge');
    assert.equal(await page.locator('#agency-merge-h').textContent(), 'Agenturfassung übernehmen (Version 2)');
    assert.equal(await page.evaluate('document.activeElement.id'), 'agency-merge', 'the focus moves to the merge view');
    assert.equal(await merge.locator('tr[data-field="kicker"] td').last().textContent(), 'gleich');
    assert.equal(await merge.locator('tr[data-field="teaser"] td.mine').textContent(), 'Bis Freitag fährt keine Fähre, sagt der Fährmann.', 'my unsaved teaser is "mine"');
    assert.equal(await merge.locator('tr[data-field="body"] td.agency').textContent(), '1 BlockAbsatz: Die Agentur schreibt jetzt einen anderen ersten Satz.');
    assert.equal(await merge.locator('tr[data-field="body"] td.mine li').count(), 2);
    assert.deepEqual(await axeViolations(page), [], 'the agency merge view');
    await merge.getByRole('radio', { name: 'Agenturfassung – Überschrift' }).check();
    assert.equal(await merge.getByRole('radio', { name: 'Meine Fassung – Text' }).isChecked(), true, 'mine by default');
    await merge.getByRole('button', { name: 'Übernehmen und speichern' }).click();
    await page.locator('#messages', { hasText: 'Agenturfassung übernommen und gespeichert' }).waitFor(WAIT);
    assert.equal(await page.locator('#agency-update').count(), 0, 'the notice went without a reload');

    await page.reload();
    await ready(page);
    assert.equal(await page.locator('#f-headline').inputValue(), 'Gierfähre pausiert wegen Hochwassers bis Freitag');
    assert.equal(await page.locator('#f-teaser').inputValue(), 'Bis Freitag fährt keine Fähre, sagt der Fährmann.');
    assert.equal(await page.locator('#agency-update').count(), 0, 'no notice after the reload');
    assert.equal(await page.locator('#agency-taken').textContent(), '2');
    const stored = await w.services.stories.get(storyId);
    assert.equal(stored.headline, 'Gierfähre pausiert wegen Hochwassers bis Freitag');
    assert.deepEqual(stored.body, myBody, 'my body');
    assert.equal(stored.teaser, 'Bis Freitag fährt keine Fähre, sagt der Fährmann.');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a withdrawal while the editor is open appears as an alert without a reload; axe clean', { skip }, async () => {
    const v1 = ferryEntry({ headline: 'Fähre Pretzsch nimmt Betrieb auf', embargoed: '2031-04-01T06:00:00+02:00' });
    const { storyId } = await w.taken(v1);
    const { context, page, problems } = await loggedInPage(browser!, base, 'agentur-admin@example.org', PASSWORD, [404, 412, 422]);
    await page.goto(`${base}/newsroom/stories/${storyId}`);
    await ready(page);
    assert.equal(await page.locator('#agency-embargo strong').textContent(), 'Sperrfrist bis 1. April 2031 | 06:00 Uhr');
    const publish = page.locator('button[data-move="published"]');
    assert.equal(await publish.getAttribute('aria-describedby'), 'agency-publish-hint');
    assert.match((await page.locator('#agency-publish-hint').textContent()) ?? '', /plant den Beitrag für 1\. April 2031 \| 06:00 Uhr/);
    assert.equal(await page.locator('#agency-withdrawn').count(), 0);

    await page.evaluate('window.__agencyMark = 7');
    await w.ingest({ ...v1, version: 2, pubstatus: 'canceled' });
    // The panel checks every 30 s and whenever the tab becomes visible again: the latter, here.
    await page.evaluate("document.dispatchEvent(new Event('visibilitychange'))");
    const alert = page.getByRole('alert').filter({ hasText: 'Die Agentur hat diese Meldung zurückgezogen' });
    await alert.waitFor(WAIT);
    assert.equal(await page.evaluate('window.__agencyMark'), 7, 'no reload');
    assert.match((await alert.textContent()) ?? '', /^Warnung: Die Agentur hat diese Meldung zurückgezogen\.\s*Status bei der Agentur: storniert \(canceled\)\. Die Quelle depubliziert nicht automatisch/);
    assert.match((await page.locator('#agency-publish-hint').textContent()) ?? '', /^Achtung: Die Agentur hat die Meldung zurückgezogen\./);
    assert.equal(await publish.getAttribute('aria-describedby'), 'agency-publish-hint');
    assert.deepEqual(await axeViolations(page), [], 'the editor with the withdrawal alert');

    await page.reload();
    await ready(page);
    assert.equal(await page.getByRole('alert').filter({ hasText: 'zurückgezogen' }).count(), 1, 'server-rendered too');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
