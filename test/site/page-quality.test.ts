/**
 * Every page type checked with the real tools: the W3C Nu HTML checker (vnu.jar
 * on Java) and axe-core in Debian's Chromium, with JavaScript on and off.
 */
import { serve } from '@hono/node-server';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { importPageText } from '../../src/ingest/index.js';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { programmePath } from '../../src/content/index.js';
import type { Database } from '../../src/store/index.js';
import {
  AXE_SOURCE_PATH, launchChromium, missingChromium, missingJava, vnuErrors, type AxeViolation,
} from './page-checkers.js';
import { engines } from '../helpers/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = path.resolve(root, '..', 'shared', 'seed', '000_fca6cdd7775836e7.txt');

const PAGES: Record<string, string> = {
  home: '/',
  section: '/sachsen-anhalt',
  topic: '/thema/hochwasser-an-der-elbe',
  'topic with intro and timeline': '/thema/landeshaushalt',
  author: '/autor/lena-vogt',
  'author of a co-written story': '/autor/miriam-scholz',
  article: '/politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen',
  'article with map and list': '/sachsen-anhalt/elbe-erreicht-in-magdeburg-alarmstufe-drei',
  liveticker: '/sachsen-anhalt/hochwasser-an-der-elbe-die-lage-im-ticker',
  video: '/sachsen-anhalt/ein-tag-im-krisenstab',
  audio: '/welt/was-der-klimawandel-fuer-unsere-fluesse-bedeutet',
  'not found': '/gibt-es-nicht',
  search: '/suche?q=Hochwasser',
  'search with bad input': '/suche?q=Hochwasser&von=2024-13-01',
};

const pglite = engines()[0]!;

describe('page quality with real tools', () => {
  let db: Database;
  let base: string;
  let close: () => void;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lede-pages-'));

  before(async () => {
    db = await pglite.open();
    await loadDemoContent(db);
    const withSlot = await new StoryService(db).get('haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen');
    PAGES.programme = programmePath(withSlot.broadcast!.startsAt);
    if (existsSync(SEED)) {
      const { draft } = importPageText(readFileSync(SEED, 'utf8'));
      const s = await new StoryService(db).create(draft, { status: 'published' });
      PAGES.seed = `/politik/${s.slug}`;
    }
    // Agency copy: dateline, info boxes (named by a heading, and two without one), source line; a box in a ticker entry.
    const para = (text: string) => ({ type: 'paragraph' as const, content: [{ text }] });
    const agency = await new StoryService(db).create({
      headline: 'Bundestag stimmt über Heizungsgesetz ab', section: 'Politik', dateline: 'Berlin (dpa) -', sourceLine: 'dpa',
      body: [
        para('Der Bundestag hat am Freitag über das Gesetz abgestimmt.'),
        { type: 'box', heading: 'Das Wichtigste in Kürze', body: [para('Die Förderung steigt.'), { type: 'heading', level: 2, text: 'Fristen' }, { type: 'list', ordered: true, items: [[{ text: 'ab 2028' }]] }] },
        para('Die Opposition kündigte Widerstand an.'),
        { type: 'box', body: [para('Mehr beim Ministerium.')] },
        { type: 'box', body: [{ type: 'quote', text: 'Wir halten Wort.', speaker: 'Die Ministerin' }] },
      ],
    }, { status: 'published' });
    PAGES['agency article with boxes'] = `/politik/${agency.slug}`;
    const tickerWithBox = await new StoryService(db).create({
      headline: 'Abstimmung im Ticker', section: 'Politik', kind: 'liveticker', dateline: 'Berlin (dpa)', sourceLine: 'dpa',
      body: [{ type: 'ticker-entry', time: '2026-12-05T10:05:00+01:00', title: 'Abstimmung läuft', body: [para('Es wird gezählt.'), { type: 'box', heading: 'Was wir wissen', body: [para('Die Mehrheit steht.')] }, { type: 'box', body: [para('Ohne Überschrift.')] }] }],
    }, { status: 'published' });
    PAGES['liveticker with a box'] = `/politik/${tickerWithBox.slug}`;
    const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  after(async () => {
    close?.();
    await db?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('W3C Nu HTML checker: zero errors on every page type', async (t) => {
    const why = await missingJava();
    if (why) return t.skip(why);
    const files: string[] = [];
    for (const [name, p] of Object.entries(PAGES)) {
      const html = await (await fetch(base + p)).text();
      const file = path.join(tmp, `${name.replace(/\W+/g, '-')}.html`);
      writeFileSync(file, html);
      files.push(file);
    }
    const errors = await vnuErrors(files);
    assert.deepEqual(errors.map((e) => `${path.basename(e.url ?? '')}:${e.lastLine}: ${e.message}`), []);
  });

  test('article page: HTML and CSS at most 30 KB gzipped', async () => {
    for (const key of ['article with map and list', 'seed']) {
      if (!PAGES[key]) continue;
      const html = await (await fetch(base + PAGES[key])).text();
      const gz = gzipSync(html).length;
      assert.ok(gz <= 30 * 1024, `${key}: ${gz} bytes gzipped`);
    }
  });

  test('axe-core in Chromium: zero violations on every page type; pages work without JavaScript', async (t) => {
    const why = missingChromium();
    if (why) return t.skip(why);
    const browser = await launchChromium();
    try {
      const axeSource = readFileSync(AXE_SOURCE_PATH, 'utf8');
      const found: string[] = [];
      for (const width of [1280, 375]) {
        const context = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true, viewport: { width, height: 800 } }); // axe is injected; the site's CSP rightly forbids inline script
        const page = await context.newPage();
        for (const [name, p] of Object.entries(PAGES)) {
          await page.goto(base + p);
          await page.addScriptTag({ content: axeSource });
          const violations = (await page.evaluate(async () => {
            const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
            const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
            return r.violations;
          })) as AxeViolation[];
          for (const v of violations) found.push(`${name} @${width}px: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.html).slice(0, 2).join(' | ')}`);
        }
        await context.close();
      }
      assert.deepEqual(found, []);

      // JavaScript off: the article, its figures and the rail are all there.
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const page = await noJs.newPage();
      await page.goto(base + PAGES['article with map and list']);
      assert.equal(await page.locator('h1').count(), 1);
      assert.equal(await page.locator('figure figcaption .credit').first().textContent(), 'Bildrechte: Lede / Illustration');
      await page.getByRole('link', { name: /Ein Tag im Krisenstab/ }).click();
      await page.waitForURL(/ein-tag-im-krisenstab/);
      assert.match((await page.locator('h1').textContent()) ?? '', /Ein Tag im Krisenstab/);
      await noJs.close();
    } finally {
      await browser.close();
    }
  });
});
