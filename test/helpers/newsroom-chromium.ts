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
import type { Page } from 'playwright-core';
import { AXE_SOURCE_PATH, type AxeViolation } from '../site/page-checkers.js';

let axeSource: string | undefined;

/** Serves `fetch` (an app's) on a free port of 127.0.0.1; resolves once it listens. */
export async function serveOnLoopback(fetch: (req: Request) => Response | Promise<Response>): Promise<{ base: string; close: () => void }> {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
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
