/**
 * What the newsroom's Chromium tests share: the app served on a loopback
 * port, axe-core over a page, and logging in through the login form as a
 * person does.
 *
 * Functions passed to page.evaluate are strings: the test's TypeScript
 * transform would add helpers the page does not have.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import assert from 'node:assert/strict';
import type { BrowserContext, Browser as Chromium, Page } from 'playwright-core';
import sharp from 'sharp';
import type { Browser } from './newsroom-browser.js';
import { AXE_SOURCE_PATH, launchChromium, missingChromium, type AxeViolation } from '../site/page-checkers.js';

let axeSource: string | undefined;

/** Serves `fetch` (an app's) on a free port of 127.0.0.1; resolves once it listens. */
export async function serveOnLoopback(fetch: (req: Request) => Response | Promise<Response>): Promise<{ base: string; close: () => void }> {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/**
 * The app on a loopback port and, where /usr/bin/chromium exists, a browser
 * for it (`browser` undefined otherwise: the suite skips with `skip`). `close`
 * ends both; call it from `after`.
 */
export async function chromiumOnLoopback(fetch: (req: Request) => Response | Promise<Response>): Promise<{ base: string; browser: Chromium | undefined; close: () => Promise<void> }> {
  const served = await serveOnLoopback(fetch);
  const browser = missingChromium() ? undefined : await launchChromium();
  return {
    base: served.base,
    browser,
    close: async () => {
      await browser?.close();
      served.close();
    },
  };
}

/** A fresh German, Berlin-time context logged in as `email` through the form; with or without JavaScript, at a width. */
export async function loggedInContextPage(browser: Chromium, base: string, email: string, password: string, opts: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', javaScriptEnabled: opts.javaScriptEnabled ?? true, viewport: { width: opts.width ?? 1280, height: 800 } });
  const page = await context.newPage();
  await logInThroughForm(page, base, email, password);
  return page;
}

/**
 * axe-core (WCAG 2.1 A and AA, best practice) over the page as it is now, one
 * line per violation; evaluated through the DevTools protocol, which the
 * page's CSP does not govern.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate((axeSource ??= readFileSync(AXE_SOURCE_PATH, 'utf8')));
  const violations = (await page.evaluate(`(async () => {
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
  })()`)) as AxeViolation[];
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.html).slice(0, 2).join(' | ')}`);
}

/** Opens `start` (the login page, or a page that sends there), fills in the form and waits for the story list. */
export async function logInThroughForm(page: Page, base: string, email: string, password: string, start = '/newsroom/login'): Promise<void> {
  await page.goto(`${base}${start}`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await Promise.all([
    page.waitForURL(`${base}/newsroom`, { timeout: 15_000 }),
    page.locator('form[action="/newsroom/login"] button[type=submit]').click(),
  ]);
}

/** A JPEG of one colour (distinct colours give distinct files, so uploads never collapse into one asset). */
export function solidJpeg(colour: string, width = 1600, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).jpeg({ quality: 85 }).toBuffer();
}

/** Uploads a JPEG to the media library through the API as the raw body, then sets `rights` with PATCH; the asset id. */
export async function uploadPicture(api: Browser, name: string, bytes: Buffer, rights: Record<string, string> = {}): Promise<string> {
  const res = await api.request('/newsroom/api/media', {
    method: 'POST', body: new Uint8Array(bytes),
    headers: { 'content-type': 'image/jpeg', 'x-file-name': encodeURIComponent(name), 'x-csrf-token': await api.csrf() },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { id, version } = (await res.json()) as { id: string; version: number };
  if (Object.keys(rights).length) {
    const patched = await api.json('PATCH', `/newsroom/api/media/${id}`, rights, { 'if-match': `"v${version}"` });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
  }
  return id;
}

/**
 * A German browser context logged in through the form, collecting page errors
 * and console errors as `problems`, except failed requests with the statuses
 * a test expects (a refused save is 422, a conflict 412).
 */
export async function loggedInPage(chromium: Chromium, base: string, email: string, password: string, expectedStatuses = [404, 422]): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await chromium.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const problems: string[] = [];
  const expected = new RegExp(`status of (${expectedStatuses.join('|')})`);
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error' && !expected.test(msg.text())) problems.push(`console: ${msg.text()}`); });
  await logInThroughForm(page, base, email, password);
  return { context, page, problems };
}

/**
 * Waits until the editor shows a saved version of at least `atLeast` and
 * nothing unsaved, and returns it: a draft may be autosaved (every 3 s) while a
 * slow machine runs the test, one version ahead of the click.
 */
export async function savedVersion(page: Page, atLeast: number, timeout = 20_000): Promise<number> {
  // Polled from here: a string predicate for page.waitForFunction is compiled in the page, which its CSP forbids.
  const until = Date.now() + timeout;
  for (;;) {
    const [version, state] = await Promise.all([page.locator('#version-no').textContent(), page.locator('#save-state').textContent()]);
    if (Number(version) >= atLeast && !/Ungesichert|Speichert|Unsaved|Saving/.test(state ?? '')) return Number(version);
    if (Date.now() > until) throw new Error(`no saved version ${atLeast} or later within ${timeout} ms (version "${version}", state "${state}")`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
