/**
 * The newsroom as editors use it, in a real Chromium against a real HTTP
 * server: log in, write a story with every block type, save, fight over it
 * from a second session and merge, schedule, publish, see it on the site,
 * correct it, take it down. Also: autosave and the local copy after a
 * reload, pasting from Word, the live ticker's quick entry, the import page;
 * axe-core on every newsroom screen.
 *
 * Functions passed to page.evaluate are strings: the test's TypeScript
 * transform would add helpers the page does not have.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Story } from '../../src/content/index.js';
import { AccountService } from '../../src/services/account-service.js';
import { EventBus } from '../../src/events/event-bus.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { PageCache } from '../../src/site/page-cache.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { axeViolations, logInThroughForm, serveOnLoopback } from '../helpers/newsroom-chromium.js';
import { launchChromium, missingChromium } from '../site/page-checkers.js';

const PASSWORD = 'redaktion-passwort-1';
const here = path.dirname(fileURLToPath(import.meta.url));
const WAIT = { timeout: 15_000 };

/** Collects script errors of a page; the tests assert there are none. Chromium logs every HTTP error answer to fetch(); the ones the UI expects and handles (404, 410, 412, 422) are not problems. */
function watch(page: Page, problems: string[]): Page {
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error' && !/status of (404|410|412|422)/.test(msg.text())) problems.push(`console: ${msg.text()}`); });
  return page;
}

describe('the newsroom in Chromium', () => {
  const pglite = engines()[0]!;
  let db: Database;
  let service: StoryService;
  let base: string;
  let close: () => void;
  let browser: Browser | undefined;
  let clara: { id: string };
  const skip = missingChromium();

  before(async () => {
    db = await pglite.open();
    const accounts = new AccountService(db);
    clara = await accounts.createUser({ email: 'cvd@example.org', name: 'Clara Dienst', role: 'editor', password: PASSWORD }, { name: 'test' });
    await accounts.createUser({ email: 'zweit@example.org', name: 'Zoe Zweit', role: 'editor', password: PASSWORD }, { name: 'test' });
    await accounts.createUser({ email: 'en@example.org', name: 'Eli English', role: 'author', password: PASSWORD, language: 'en' }, { name: 'test' });
    const events = new EventBus();
    const pageCache = new PageCache();
    service = new StoryService(db, events);
    // Wired like `lede serve`: one event bus for the newsroom's writes and the page cache's purges.
    const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { pageCache, events });
    ({ base, close } = await serveOnLoopback(app.fetch));
    if (!skip) browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    close?.();
    await db?.close();
  });

  async function login(email: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser!.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const problems: string[] = [];
    const page = watch(await context.newPage(), problems);
    // Through the redirect a bookmark of the list takes.
    await logInThroughForm(page, base, email, PASSWORD, '/newsroom');
    return { context, page, problems };
  }

  const ready = (page: Page) => page.locator('html[data-editor-ready]').waitFor({ state: 'attached', ...WAIT });
  const stored = async (id: string): Promise<Story> => service.get(id);
  const idFromUrl = (page: Page) => /\/newsroom\/stories\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  const savedVersion = async (page: Page, version: number) => {
    await page.locator('#version-no', { hasText: new RegExp(`^${version}$`) }).waitFor(WAIT);
  };
  const lastBlock = (page: Page) => page.locator('#blocks > li').last();
  async function addBlock(page: Page, type: string) {
    await page.locator('#add-type').selectOption(type);
    await page.locator('#add-block').click();
  }

  test('log in, write a story with every block type, merge a conflict, schedule, publish, correct, depublish', { skip }, async () => {
    // Login page: axe before anyone is logged in.
    const anon = await browser!.newContext({ locale: 'de-DE' });
    const loginPage = await anon.newPage();
    await loginPage.goto(`${base}/newsroom/login`);
    assert.deepEqual(await axeViolations(loginPage), [], 'login page');
    await anon.close();

    const a = await login('cvd@example.org');
    const page = a.page;
    assert.equal(await page.locator('h1').textContent(), 'Beiträge');
    assert.deepEqual(await axeViolations(page), [], 'story list');

    await page.getByRole('link', { name: 'Neuer Beitrag' }).click();
    await ready(page);
    assert.deepEqual(await axeViolations(page), [], 'empty editor');

    // The head, with live character counts.
    await page.locator('#f-kicker').fill('Hochwasser');
    assert.equal(await page.locator('#f-kicker-count').textContent(), '10/80 Zeichen');
    await page.locator('#f-headline').fill('Deich bei Wörlitz hält dem Druck stand');
    await page.locator('#f-teaser').fill('Die Lage an der Elbe bleibt angespannt, doch die Deiche halten.');
    await page.locator('#f-section').fill('Sachsen-Anhalt');
    await page.locator('#f-topics').fill('Hochwasser, Elbe');
    await page.locator('#f-authors').fill('Anna Beispiel, MDR SACHSEN-ANHALT');
    await page.locator('#f-programme').fill('MDR SACHSEN-ANHALT HEUTE');
    await page.locator('#f-startsAt').fill('2026-11-20T19:00');

    // Every block type. A paragraph with bold, italic and a link, typed as editors type.
    await addBlock(page, 'paragraph');
    const para = lastBlock(page).locator('[contenteditable]');
    await para.click();
    await page.keyboard.type('Der Pegel steigt ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('weiter');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(', sagt ');
    await page.keyboard.press('Control+i');
    await page.keyboard.type('die Feuerwehr');
    await page.keyboard.press('Control+i');
    await page.keyboard.type('. Mehr beim ');
    await page.keyboard.type('Pegeldienst');
    for (let i = 0; i < 'Pegeldienst'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await lastBlock(page).locator('button[data-cmd="link"]').click();
    await lastBlock(page).locator('input[type=url]').fill('https://www.hochwasserzentralen.de/');
    await lastBlock(page).getByRole('button', { name: 'Link setzen' }).click();

    await addBlock(page, 'heading');
    await lastBlock(page).getByLabel('Text').fill('Was jetzt wichtig ist');
    await addBlock(page, 'figure');
    await lastBlock(page).getByLabel('Bildadresse (URL)').fill('https://example.org/deich.jpg');
    await lastBlock(page).getByLabel('Alternativtext').fill('Sandsäcke auf einem Deich');
    await lastBlock(page).getByLabel('Bildunterschrift').fill('Helfer sichern den Deich.');
    await lastBlock(page).getByLabel('Bildrechte').fill('dpa');
    await addBlock(page, 'quote');
    await lastBlock(page).getByLabel('Text').fill('Wir sind vorbereitet.');
    await lastBlock(page).getByLabel('Sprecherin/Sprecher').fill('Landrat Müller');
    await addBlock(page, 'list');
    await lastBlock(page).locator('[contenteditable]').click();
    await page.keyboard.type('Sandsäcke abholen');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Keller räumen');
    await addBlock(page, 'embed');
    await lastBlock(page).getByLabel('Adresse (URL)').fill('https://www.youtube.com/watch?v=abc123');
    await lastBlock(page).getByLabel('Titel').fill('Video vom Deich');
    await addBlock(page, 'ticker-entry');
    const entry = page.locator('#blocks > li[data-type="ticker-entry"]');
    await entry.getByLabel('Titel').fill('Neue Lage am Abend');
    await entry.locator('[contenteditable]').click();
    await page.keyboard.type('Der Scheitel ist erreicht.');

    // Reorder with the keyboard: the embed (second to last) moves up one place.
    const embedUp = page.locator('#blocks > li[data-type="embed"] button[data-act="up"]');
    await embedUp.focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await page.locator('#blocks > li').evaluateAll((lis) => lis.map((l) => l.getAttribute('data-type'))),
      ['ticker-entry', 'paragraph', 'heading', 'figure', 'quote', 'embed', 'list']);
    assert.equal(await page.evaluate('document.activeElement.getAttribute("data-act")'), 'up', 'focus stays on the moved block');
    // Add and remove a block.
    await addBlock(page, 'paragraph');
    await lastBlock(page).locator('button[data-act="remove"]').click();
    assert.equal(await page.locator('#blocks > li').count(), 7);

    await page.locator('#save').click();
    await savedVersion(page, 1);
    const id = idFromUrl(page);
    assert.ok(id, `the editor moved to the story's address (${page.url()})`);
    let s = await stored(id);
    assert.deepEqual(s.body.map((b) => b.type), ['ticker-entry', 'paragraph', 'heading', 'figure', 'quote', 'embed', 'list']);
    assert.deepEqual(s.body[1], { type: 'paragraph', content: [
      { text: 'Der Pegel steigt ' }, { text: 'weiter', marks: ['strong'] }, { text: ', sagt ' }, { text: 'die Feuerwehr', marks: ['em'] },
      { text: '. Mehr beim ' }, { text: 'Pegeldienst', href: 'https://www.hochwasserzentralen.de/' },
    ] });
    assert.deepEqual(s.body[6], { type: 'list', ordered: false, items: [[{ text: 'Sandsäcke abholen' }], [{ text: 'Keller räumen' }]] });
    assert.deepEqual(s.body[3], { type: 'figure', kind: 'image', alt: 'Sandsäcke auf einem Deich', caption: 'Helfer sichern den Deich.', credit: 'dpa', src: 'https://example.org/deich.jpg' });
    assert.deepEqual(s.body[4], { type: 'quote', text: 'Wir sind vorbereitet.', speaker: 'Landrat Müller' });
    assert.equal(s.broadcast?.startsAt, '2026-11-20T19:00:00+01:00');
    assert.deepEqual(s.authors, [{ name: 'Anna Beispiel', affiliation: 'MDR SACHSEN-ANHALT' }]);
    assert.equal(s.kicker, 'Hochwasser');
    assert.deepEqual(s.topics, ['Hochwasser', 'Elbe']);

    // Preview: the reader page, rendered from what is in the editor, in a new window.
    const [preview] = await Promise.all([a.context.waitForEvent('page', WAIT), page.locator('#preview').click()]);
    await preview.waitForLoadState();
    assert.equal(await preview.locator('h1').first().textContent().then((x) => x?.includes('Deich bei Wörlitz hält dem Druck stand')), true);
    assert.match(await preview.content(), /Landrat Müller/);
    await preview.close();

    // A second session opens the same story: each sees the other.
    const b = await login('zweit@example.org');
    await b.page.goto(`${base}/newsroom/stories/${id}`);
    await ready(b.page);
    await b.page.locator('#presence', { hasText: 'Auch geöffnet von Clara Dienst' }).waitFor(WAIT);
    await page.reload();
    await ready(page);
    await page.locator('#presence', { hasText: 'Auch geöffnet von Zoe Zweit' }).waitFor(WAIT);

    // Zoe changes the headline and saves first.
    await b.page.locator('#f-headline').fill('Deich bei Wörlitz hält – Scheitel erreicht');
    await b.page.locator('#save').click();
    await savedVersion(b.page, 2);

    // Clara, still on version 1, changes the teaser and the first paragraph and saves: conflict, merge view.
    await page.locator('#f-teaser').fill('Die Deiche halten, der Scheitel ist erreicht.');
    await page.keyboard.press('Control+s');
    const merge = page.locator('#merge');
    await merge.waitFor({ state: 'visible', ...WAIT });
    assert.equal(await page.locator('#editor').isVisible(), false);
    assert.deepEqual(await axeViolations(page), [], 'merge view');
    const headlineRow = merge.locator('#merge-fields tr[data-field="headline"]');
    assert.equal(await headlineRow.locator('td.theirs').textContent(), 'Deich bei Wörlitz hält – Scheitel erreicht');
    assert.equal(await headlineRow.locator('td.mine').textContent(), 'Deich bei Wörlitz hält dem Druck stand');
    assert.equal(await merge.locator('#merge-fields tr[data-field="teaser"] td.mine').textContent(), 'Die Deiche halten, der Scheitel ist erreicht.');
    // Take Zoe's headline, keep Clara's teaser.
    await headlineRow.locator('input[data-side="theirs"]').check();
    await merge.locator('#merge-save').click();
    await savedVersion(page, 3);
    s = await stored(id);
    assert.equal(s.headline, 'Deich bei Wörlitz hält – Scheitel erreicht');
    assert.equal(s.teaser, 'Die Deiche halten, der Scheitel ist erreicht.');
    assert.equal(s.body.length, 7, 'no block lost or doubled');
    await b.context.close();

    // Schedule it for tomorrow, then publish it now.
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(tomorrow);
    await page.locator('#schedule-at').fill(`${local}T10:00`);
    await page.locator('button[data-move="scheduled"]').click();
    await page.locator('#status-name', { hasText: 'Geplant' }).waitFor(WAIT);
    await savedVersion(page, 4);
    s = await stored(id);
    assert.equal(s.status, 'scheduled');
    assert.match(s.scheduledPublishAt ?? '', new RegExp(`^${local}T10:00:00\\+0[12]:00$`));
    const reader = await a.context.newPage();
    const sitePath = `/sachsen-anhalt/${s.slug}`;
    assert.equal((await reader.goto(base + sitePath))?.status(), 404, 'not public while scheduled');

    await page.locator('button[data-move="published"]').click();
    await page.locator('#status-name', { hasText: 'Veröffentlicht' }).waitFor(WAIT);
    await savedVersion(page, 5);
    const live = await reader.goto(base + sitePath);
    assert.equal(live?.status(), 200);
    assert.match((await reader.locator('h1').first().textContent()) ?? '', /Deich bei Wörlitz hält – Scheitel erreicht\s*$/);
    assert.equal(await reader.locator('strong', { hasText: 'weiter' }).count() > 0, true);
    assert.equal(await reader.locator('a[href="https://www.hochwasserzentralen.de/"]').count(), 1);

    // It is to come down by itself in a week (and the editor can see so).
    const week = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 7 * 24 * 3600_000));
    await page.locator('#depublish-at').fill(`${week}T06:00`);
    await page.locator('#depublish-at-set').click();
    await savedVersion(page, 6);
    assert.match(await page.locator('#status-name').textContent() ?? '', /wird depubliziert am/);
    assert.deepEqual(await axeViolations(page), [], 'editor of a published story, with the correction and takedown controls');
    assert.match((await stored(id)).scheduledDepublishAt ?? '', new RegExp(`^${week}T06:00:00\\+0[12]:00$`));

    // A correction with a public note.
    await page.locator('#blocks > li[data-type="quote"]').getByLabel('Sprecherin/Sprecher').fill('Landrätin Müller');
    await page.locator('#as-correction').check();
    await page.locator('#correction-note').fill('In einer früheren Fassung war die Landrätin falsch bezeichnet.');
    await page.locator('#save').click();
    await savedVersion(page, 7);
    // A reload, as a reader would: the browser revalidates what it cached.
    await reader.reload();
    const body = await reader.content();
    assert.match(body, /Korrektur/);
    assert.match(body, /In einer früheren Fassung war die Landrätin falsch bezeichnet\./);
    assert.match(body, /Landrätin Müller/);

    // Take it down: the reader page answers 410.
    await page.locator('button[data-move="depublished"]').click();
    await page.locator('#status-name', { hasText: 'Depubliziert' }).waitFor(WAIT);
    assert.equal((await reader.reload())?.status(), 410);
    assert.deepEqual(a.problems, []);
    await a.context.close();
  });

  test('autosave, and after a reload the unsaved local copy is offered back', { skip }, async () => {
    const a = await login('cvd@example.org');
    const page = a.page;
    // Timers run on a test clock: the autosave interval passes when the test says so.
    await page.clock.install();
    await page.goto(`${base}/newsroom/stories/new`);
    await ready(page);
    await page.locator('#f-headline').fill('Autosave-Probe');
    await page.clock.runFor(6_000);
    await savedVersion(page, 1);
    assert.match(await page.locator('#save-state').textContent() ?? '', /Automatisch gespeichert/);
    const id = idFromUrl(page)!;
    assert.equal((await stored(id)).headline, 'Autosave-Probe');

    // A change, then the tab is reloaded before autosave runs: the change is only on this device.
    await page.locator('#f-teaser').fill('Nur lokal gesichert.');
    await page.reload();
    await ready(page);
    const offer = page.locator('#restore-offer');
    await offer.waitFor({ state: 'visible', ...WAIT });
    assert.equal(await page.locator('#f-teaser').inputValue(), '', 'the server version is shown until the editor decides');
    await page.locator('#restore-local').click();
    assert.equal(await page.locator('#f-teaser').inputValue(), 'Nur lokal gesichert.');
    await page.locator('#save').click();
    await savedVersion(page, 2);
    assert.equal((await stored(id)).teaser, 'Nur lokal gesichert.');
    // Saved: nothing is offered any more.
    await page.reload();
    await ready(page);
    assert.equal(await page.locator('#restore-offer').isVisible(), false);
    assert.deepEqual(a.problems, []);
    await a.context.close();
  });

  test('pasting from Word gives clean blocks', { skip }, async () => {
    const a = await login('cvd@example.org');
    const page = a.page;
    await page.goto(`${base}/newsroom/stories/new`);
    await ready(page);
    await page.locator('#f-headline').fill('Aus Word eingefügt');
    await addBlock(page, 'paragraph');
    const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{mso-style-parent:"";margin:0cm;font-family:"Calibri"}</style></head>
<body lang=DE style='tab-interval:35.4pt'><!--StartFragment-->
<h1 style='mso-margin-top-alt:auto'><span style='font-size:16pt;mso-fareast-font-family:"Times New Roman"'>Die Lage am Morgen<o:p></o:p></span></h1>
<p class=MsoNormal style='mso-line-height-alt:12pt'><span style='font-family:"Arial",sans-serif'>Der Pegel in <b>Magdeburg</b> liegt bei <i style='mso-bidi-font-style:normal'>6,80 Metern</i>, siehe <a href="https://www.pegelonline.wsv.de/">Pegelonline</a>.<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Sandsäcke<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Notstrom<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<blockquote><p>Wir halten durch.</p></blockquote>
<p class=MsoNormal><span onclick="alert(1)" style='color:red'>Ende.</span><script>alert(2)</script></p>
<!--EndFragment--></body></html>`;
    await lastBlock(page).locator('[contenteditable]').click();
    await page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.setData('text/html', ${JSON.stringify(word)});
      dt.setData('text/plain', 'Die Lage am Morgen');
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    })()`);
    assert.deepEqual(await page.locator('#blocks > li').evaluateAll((lis) => lis.map((l) => l.getAttribute('data-type'))),
      ['heading', 'paragraph', 'list', 'quote', 'paragraph']);
    const html = await page.locator('#blocks').innerHTML();
    assert.doesNotMatch(html, /mso|Mso|onclick|<script|<span style|<o:p/);
    // A broken block: the save is refused and the problem named, the rest stays as typed.
    await addBlock(page, 'embed');
    await lastBlock(page).getByLabel('Adresse (URL)').fill('javascript:alert(1)');
    await page.locator('#save').click();
    await page.locator('#messages', { hasText: 'Block 6: Adresse (URL)' }).waitFor(WAIT);
    assert.equal(await page.locator('#version-no').textContent(), '–', 'nothing stored');
    await lastBlock(page).locator('button[data-act="remove"]').click();
    await page.locator('#save').click();
    await savedVersion(page, 1);
    const s = await stored(idFromUrl(page)!);
    assert.deepEqual(s.body, [
      { type: 'heading', level: 2, text: 'Die Lage am Morgen' },
      { type: 'paragraph', content: [
        { text: 'Der Pegel in ' }, { text: 'Magdeburg', marks: ['strong'] }, { text: ' liegt bei ' }, { text: '6,80 Metern', marks: ['em'] },
        { text: ', siehe ' }, { text: 'Pegelonline', href: 'https://www.pegelonline.wsv.de/' }, { text: '.' },
      ] },
      { type: 'list', ordered: false, items: [[{ text: 'Sandsäcke' }], [{ text: 'Notstrom' }]] },
      { type: 'quote', text: 'Wir halten durch.' },
      { type: 'paragraph', content: [{ text: 'Ende.' }] },
    ]);
    assert.deepEqual(a.problems, []);
    await a.context.close();
  });

  test('live ticker: a quick entry is on the reader page at once', { skip }, async () => {
    const ticker = await service.create({
      kind: 'liveticker', headline: 'Hochwasser im Liveticker', section: 'Sachsen-Anhalt', topics: ['Hochwasser'],
      body: [{ type: 'ticker-entry', time: new Date(Date.now() - 3600_000).toISOString(), title: 'Erste Meldung', body: [] }],
    }, { status: 'published', actor: { id: clara.id, name: 'Clara Dienst' } });
    const a = await login('cvd@example.org');
    const page = a.page;
    const reader = await a.context.newPage();
    await reader.goto(`${base}/sachsen-anhalt/${ticker.slug}`);
    assert.equal(await reader.locator('ol.ticker > li').count(), 1);
    await page.goto(`${base}/newsroom/stories/${ticker.id}`);
    await ready(page);
    await page.locator('#tq-title').fill('Deich gesperrt');
    await page.locator('#tq-text').fill('Der Deich bei Wörlitz ist für Fußgänger gesperrt.');
    await page.locator('#tq-post').click();
    await page.locator('#tq-state', { hasText: 'Eintrag veröffentlicht' }).waitFor(WAIT);
    await reader.reload();
    assert.equal(await reader.locator('ol.ticker > li').count(), 2);
    assert.equal((await reader.locator('ol.ticker > li h2').first().textContent())?.trim(), 'Deich gesperrt');
    assert.match(await reader.locator('ol.ticker > li').first().textContent() ?? '', /für Fußgänger gesperrt/);
    // The editor shows the entry too, and its own save does not lose it.
    assert.equal(await page.locator('#blocks > li[data-type="ticker-entry"]').count(), 2);
    assert.deepEqual(a.problems, []);
    await a.context.close();
  });

  test('import: page text becomes a draft in the editor; errors are shown; English interface', { skip }, async () => {
    const a = await login('cvd@example.org');
    const page = a.page;
    await page.goto(`${base}/newsroom/import`);
    assert.deepEqual(await axeViolations(page), [], 'import page');
    await page.locator('#import-submit').click();
    await page.locator('#import-messages', { hasText: 'Bitte Text einfügen' }).waitFor(WAIT);
    // The importer's own refusal reaches the editor in plain words.
    await page.locator('#import-text').fill('x');
    await page.locator('#import-submit').click();
    await page.locator('#import-messages', { hasText: /Der Import ist fehlgeschlagen: .*no article text/ }).waitFor(WAIT);
    await page.locator('#import-text').fill('');
    const text = readFileSync(path.join(here, '../fixtures/page-text/01-kicker-hyphen-teaser-extra.txt'), 'utf8');
    await page.locator('#import-file').setInputFiles({ name: 'seite.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.locator('#import-submit').click();
    await page.waitForURL(/\/newsroom\/stories\/[0-9a-f-]{36}$/, WAIT);
    await ready(page);
    const s = await stored(idFromUrl(page)!);
    assert.equal(s.status, 'draft');
    assert.equal(await page.locator('#f-headline').inputValue(), s.headline);
    assert.ok(await page.locator('#blocks > li').count() > 0);
    assert.deepEqual(await axeViolations(page), [], 'editor of an imported story');

    // The list finds it by search and status filter (without JavaScript: a GET form).
    await page.goto(`${base}/newsroom?status=draft&q=${encodeURIComponent(s.headline.split(' ')[0]!)}`);
    assert.ok(await page.getByRole('link', { name: s.headline }).count() >= 1);
    assert.deepEqual(await axeViolations(page), [], 'story list with results');
    await page.locator('#flt-mine').check();
    await Promise.all([page.waitForURL(/mine=1/, WAIT), page.getByRole('button', { name: 'Filtern' }).click()]);
    assert.ok(await page.getByRole('link', { name: s.headline }).count() >= 1, 'my own story under "only mine"');
    await page.goto(`${base}/newsroom?status=published`);
    assert.equal(await page.getByRole('link', { name: s.headline }).count(), 0);
    await a.context.close();

    const en = await login('en@example.org');
    assert.equal(await en.page.locator('h1').textContent(), 'Stories');
    // An author may read a colleague's story but not change it: no save, fields locked.
    await en.page.goto(`${base}/newsroom/stories/${s.id}`);
    await ready(en.page);
    assert.equal(await en.page.locator('#save').isVisible(), false);
    assert.equal(await en.page.locator('#f-headline').isDisabled(), true);
    await en.page.goto(`${base}/newsroom?mine=1`);
    assert.equal(await en.page.getByRole('link', { name: s.headline }).count(), 0, 'a colleague\'s story is not under "only mine"');
    await en.page.goto(`${base}/newsroom/stories/new`);
    await ready(en.page);
    assert.equal(await en.page.locator('label[for="f-headline"]').textContent(), 'Headline');
    assert.deepEqual(en.problems, []);
    await en.context.close();
  });
});
