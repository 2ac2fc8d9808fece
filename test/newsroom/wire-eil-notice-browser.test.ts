/**
 * The Eilmeldung notice in Chromium: an editor on the story list; an
 * urgency-1 digitalwires entry arrives; the notice shows "Eilmeldung:
 * <headline>" with a link to the item in the header's alert region, the
 * focus untouched, axe finding nothing; the link opens the item, where the
 * same item is not announced again (the mark travels in sessionStorage). A
 * later one is dismissed. On the desk, which announces arrivals itself, the
 * notice stays empty; one that arrives while the tab is away from the
 * newsroom is announced when it comes back.
 *
 * The pages' poll interval (data-interval, 20 s) is rewritten to 300 ms on
 * the way to the browser; the test waits for elements and poll answers,
 * never for a time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import { engines } from '../helpers/db.js';
import { axeViolations, chromiumOnLoopback, loggedInPage } from '../helpers/newsroom-chromium.js';
import { missingChromium } from '../site/page-checkers.js';
import { PASSWORD, entry, openWireWorld, type WireWorld } from './wire-desk-world.js';

const WAIT = { timeout: 20_000 };

/** A poll answer of the notice script (the desk's own poll asks without urgency=eil&limit=5). */
const noticePoll = (after: boolean) => (r: Response) => {
  const u = new URL(r.url());
  return u.pathname === '/newsroom/api/wire/items' && u.searchParams.get('urgency') === 'eil' && u.searchParams.get('limit') === '5'
    && u.searchParams.has('after') === after && r.status() === 200;
};

/** Ids in a poll answer. */
const idsOf = async (r: Response) => ((await r.json()) as { items: Array<{ id: string }> }).items.map((e) => e.id);

describe('the Eilmeldung notice in Chromium', () => {
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

  /** Newsroom pages reach the browser with a 300 ms poll. */
  async function fastPolls(page: Page): Promise<void> {
    await page.route((url) => url.pathname.startsWith('/newsroom') && !url.pathname.startsWith('/newsroom/api/') && !url.pathname.startsWith('/newsroom/assets/'), async (route) => {
      const res = await route.fetch();
      const type = res.headers()['content-type'] ?? '';
      if (!type.startsWith('text/html')) return route.fulfill({ response: res });
      const html = await res.text();
      return route.fulfill({ response: res, body: html.replace('data-interval="20000"', 'data-interval="300"') });
    });
  }

  test('arrives on the story list, links to the item, is not announced twice, can be dismissed, stays off the desk', { skip }, async () => {
    await w.ingestOne(entry({ headline: 'Alte Eilmeldung von gestern', urgency: 1 }));
    const { context, page, problems } = await loggedInPage(browser!, base, 'admin@example.org', PASSWORD);
    await fastPolls(page);

    // The login landed on the story list, the tab's first page: its mark is taken there or on this load, before the
    // first poll with `after` (what is there already is not news).
    const polled = page.waitForResponse(noticePoll(true), WAIT);
    await page.goto(`${base}/newsroom`);
    await polled;
    const region = page.locator('#wire-eil-notice [role="alert"]');
    assert.equal(await region.locator('p').count(), 0, 'the Eilmeldung from before the page is not announced');
    assert.equal(await page.locator('#wire-eil-notice button').isVisible(), false, 'no dismiss button without a notice');

    const headline = 'Eil: Großbrand im Hafen von Rostock';
    const id = await w.ingestOne(entry({ headline, kicker: 'Feuer', urgency: 1 }));
    const link = region.getByRole('link', { name: headline });
    await link.waitFor(WAIT);
    assert.equal(await region.locator('p').first().textContent(), `Eilmeldung: ${headline}`);
    assert.equal(await link.getAttribute('href'), `/newsroom/agentur/${id}`);
    assert.equal(await page.evaluate('document.activeElement === document.body'), true, 'the focus stays where it was');
    assert.equal(await page.locator('#wire-eil-notice button').isVisible(), true);
    assert.deepEqual(await axeViolations(page), [], 'the story list with the notice shown');

    // The next answers hold nothing new: the one notice stays one.
    const later = await page.waitForResponse(noticePoll(true), WAIT);
    assert.deepEqual(await idsOf(later), []);
    assert.equal(await region.locator('p').count(), 1);

    await Promise.all([page.waitForURL(`${base}/newsroom/agentur/${id}`, WAIT), link.click()]);
    assert.match((await page.locator('h1').textContent()) ?? '', /Großbrand im Hafen von Rostock/);
    // A poll on the item page, from the mark the list page left: the item is not news here.
    const onItem = await page.waitForResponse(noticePoll(true), WAIT);
    assert.equal((await idsOf(onItem)).includes(id), false);
    assert.equal(await region.locator('p').count(), 0, 'not announced again after navigating');

    // Another one arrives; the editor dismisses it with the keyboard. The focus goes to the content, not to the top.
    const second = 'Eil: Bahnstrecke Hamburg–Berlin gesperrt';
    await w.ingestOne(entry({ headline: second, urgency: 2 }));
    await region.getByRole('link', { name: second }).waitFor(WAIT);
    assert.equal(await region.locator('p').first().textContent(), `Eilmeldung: ${second}`);
    await page.locator('#wire-eil-notice button').focus();
    await page.keyboard.press('Enter');
    assert.equal(await region.locator('p').count(), 0, 'dismissed');
    assert.equal(await page.locator('#wire-eil-notice button').isVisible(), false);
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.id'), 'main');

    // On the desk the desk announces; the notice keeps quiet but sees the item go by.
    await page.goto(`${base}/newsroom/agentur`);
    const third = 'Eil: Regierungssprecher kündigt Pressekonferenz an';
    const seenByNotice = page.waitForResponse(async (r) => noticePoll(true)(r) && (await r.json() as { items: Array<{ headline: string }> }).items.some((e) => e.headline === third), WAIT);
    await w.ingestOne(entry({ headline: third, urgency: 1 }));
    await page.locator('#wire-list tbody tr', { hasText: third }).waitFor(WAIT);
    await seenByNotice;
    assert.equal(await page.locator('#wire-eil-alert p', { hasText: third }).count(), 1, 'the desk announced it');
    assert.equal(await region.locator('p').count(), 0, 'the notice did not');

    // Off to the public site (no notice there) while one more arrives; back in the newsroom the mark from before is
    // still the tab's, so this one is news and the one the desk showed is not.
    await page.goto(`${base}/`);
    const fourth = 'Eil: Landtag wählt neue Präsidentin';
    await w.ingestOne(entry({ headline: fourth, urgency: 1 }));
    await page.goto(`${base}/newsroom`);
    await region.getByRole('link', { name: fourth }).waitFor(WAIT);
    assert.deepEqual(await region.locator('p').allTextContents(), [`Eilmeldung: ${fourth}`]);

    assert.deepEqual(problems, []);
    await context.close();
  });
});
