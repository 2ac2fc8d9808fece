/**
 * Agency copy in the story editor, in a real Chromium against a real HTTP
 * server: a loaded story's info boxes (heading, paragraphs with marks, both
 * heading levels, a list, a quote with its speaker, a box without heading),
 * dateline and source line are shown and survive a save untouched; the box
 * heading, its text, the dateline and the source line are edited and saved
 * exactly; a new box is added from the block menu; a dateline over its limit
 * is refused naming the field ("Ortsmarke"). axe-core on the editor with boxes.
 *
 * Functions passed to page.evaluate are strings: the test's TypeScript
 * transform would add helpers the page does not have.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser as Chromium, Page } from 'playwright-core';
import type { Block } from '../../src/content/index.js';
import type { StoryService } from '../../src/services/story-service.js';
import { openEditorWorld, type EditorWorld } from '../helpers/editor-world.js';
import { axeViolations, loggedInPage, savedVersion } from '../helpers/newsroom-chromium.js';
import { missingChromium } from '../site/page-checkers.js';

const PASSWORD = 'kasten-passwort-1';
const WAIT = { timeout: 20_000 };
const para = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });

describe('boxes, dateline and source line in the story editor', () => {
  const skip = missingChromium();
  let world: EditorWorld | undefined;
  let service: StoryService;
  let base: string;
  let chromium: Chromium | undefined;
  let clara: { id: string };

  before(async () => {
    world = await openEditorWorld('editor-box', PASSWORD, !skip);
    ({ service, base, chromium, clara } = world);
  });
  after(() => world?.close());

  const login = () => loggedInPage(chromium!, base, 'cvd@example.org', PASSWORD, [404, 412, 422]);
  const ready = (page: Page) => page.locator('html[data-editor-ready]').waitFor({ state: 'attached', ...WAIT });
  const boxAt = (page: Page, i: number) => page.locator(`#blocks > li[data-index="${i}"][data-type="box"]`);

  const BOX: Block = {
    type: 'box', heading: 'Das Wichtigste in Kürze',
    body: [
      { type: 'paragraph', content: [{ text: 'Die Förderung steigt auf ' }, { text: '70 Prozent', marks: ['strong'] }, { text: '.' }] },
      { type: 'heading', level: 2, text: 'Fristen' },
      { type: 'list', ordered: true, items: [[{ text: 'ab 2026 für Neubauten' }], [{ text: 'ab 2028 für alle' }]] },
      { type: 'heading', level: 3, text: 'Stimmen' },
      { type: 'quote', text: 'Wir halten Wort.', speaker: 'Die Ministerin' },
    ],
  };
  const PLAIN_BOX: Block = { type: 'box', body: [para('Mehr beim Ministerium.')] };

  test('a loaded story\'s boxes, dateline and source line are shown and survive a save untouched; then each is edited', { skip }, async () => {
    const original = await service.create({
      headline: 'Bundestag stimmt über Heizungsgesetz ab', section: 'Politik', dateline: 'Berlin (dpa)', sourceLine: 'dpa',
      source: 'urn:newsml:dpa.com:20090101:261205-99-777',
      body: [para('Der Bundestag hat abgestimmt.'), BOX, PLAIN_BOX],
    }, { actor: { id: clara.id, name: 'Clara Dienst' } });
    const { context, page, problems } = await login();
    await page.goto(`${base}/newsroom/stories/${original.id}`);
    await ready(page);
    assert.equal(await page.getByLabel('Ortsmarke', { exact: true }).inputValue(), 'Berlin (dpa)');
    assert.equal(await page.getByLabel('Quelle', { exact: true }).inputValue(), 'dpa');
    assert.equal(await page.locator('#f-dateline-count').textContent(), '12/100 Zeichen');
    const box = boxAt(page, 1);
    assert.equal(await box.locator('.block-head h2').textContent(), '2. Infokasten');
    assert.equal(await box.getByLabel('Überschrift des Kastens (optional)').inputValue(), 'Das Wichtigste in Kürze');
    const area = box.getByRole('textbox', { name: 'Infokasten 2: Text des Kastens' });
    assert.equal(await area.innerHTML(),
      '<p>Die Förderung steigt auf <strong>70 Prozent</strong>.</p><h2>Fristen</h2><ol><li>ab 2026 für Neubauten</li><li>ab 2028 für alle</li></ol>'
      + '<h3>Stimmen</h3><blockquote><p>Wir halten Wort.</p><cite>Die Ministerin</cite></blockquote>');
    assert.equal(await boxAt(page, 2).getByLabel('Überschrift des Kastens (optional)').inputValue(), '');
    assert.equal(await page.locator('#save-state').textContent(), '', 'nothing unsaved after loading');
    assert.deepEqual(await axeViolations(page), [], 'editor with boxes, dateline and source line');

    // A save of something else leaves boxes, dateline, source line and provenance exactly as they were.
    await page.locator('#f-headline').fill('Bundestag stimmt über das Heizungsgesetz ab');
    await page.locator('#save').click();
    await savedVersion(page, 2);
    const untouched = await service.get(original.id);
    assert.equal(untouched.headline, 'Bundestag stimmt über das Heizungsgesetz ab');
    assert.deepEqual(untouched.body, original.body);
    assert.equal(untouched.dateline, 'Berlin (dpa)');
    assert.equal(untouched.sourceLine, 'dpa');
    assert.equal(untouched.source, original.source);

    // Edited: the box heading, words typed at the end of its first paragraph (the rest read back as it was), dateline and source line.
    await box.getByLabel('Überschrift des Kastens (optional)').fill('Das Wichtigste');
    await area.click();
    await page.evaluate(`(() => {
      const p = document.querySelector('#blocks > li[data-index="1"] .rich p');
      const r = document.createRange();
      r.selectNodeContents(p);
      r.collapse(false);
      const s = getSelection();
      s.removeAllRanges();
      s.addRange(r);
    })()`);
    await page.keyboard.type(' Ab Januar.');
    await page.getByLabel('Ortsmarke', { exact: true }).fill('Halle (dpa/sa) -');
    await page.getByLabel('Quelle', { exact: true }).fill('dpa, MDR');
    await page.locator('#save').click();
    await savedVersion(page, 3);
    const edited = await service.get(original.id);
    const [, ...rest] = (BOX as { body: Block[] }).body;
    const firstEdited: Block = { type: 'paragraph', content: [{ text: 'Die Förderung steigt auf ' }, { text: '70 Prozent', marks: ['strong'] }, { text: '. Ab Januar.' }] };
    assert.deepEqual(edited.body, [para('Der Bundestag hat abgestimmt.'), { type: 'box', heading: 'Das Wichtigste', body: [firstEdited, ...rest] }, PLAIN_BOX]);
    assert.equal(edited.dateline, 'Halle (dpa/sa)', 'the agency\'s dash is dropped by the server');
    assert.equal(edited.sourceLine, 'dpa, MDR');

    // Emptied, both fields are gone from the story.
    await page.getByLabel('Ortsmarke', { exact: true }).fill('');
    await page.getByLabel('Quelle', { exact: true }).fill('');
    await page.locator('#save').click();
    await savedVersion(page, 4);
    const cleared = await service.get(original.id);
    assert.equal('dateline' in cleared, false);
    assert.equal('sourceLine' in cleared, false);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a new box from the block menu: heading and text typed, saved as a box; an untouched new box is left out', { skip }, async () => {
    const { context, page, problems } = await login();
    await page.goto(`${base}/newsroom/stories/new`);
    await ready(page);
    assert.ok((await page.locator('#add-type option').allTextContents()).includes('Infokasten'));
    await page.locator('#f-headline').fill('Neue Regeln für Neubauten');
    await page.locator('#f-section').fill('Politik');
    await page.locator('#add-type').selectOption('paragraph');
    await page.locator('#add-block').click();
    await page.getByRole('textbox', { name: 'Absatz 1' }).fill('Die Regeln gelten ab Januar.');
    await page.locator('#add-type').selectOption('box');
    await page.locator('#add-block').click();
    const box = boxAt(page, 1);
    await box.getByLabel('Überschrift des Kastens (optional)').fill('Hintergrund');
    await box.getByRole('textbox', { name: 'Infokasten 2: Text des Kastens' }).click();
    await page.keyboard.type('Erdwärme wird gefördert.');
    await page.locator('#add-type').selectOption('box');
    await page.locator('#add-block').click();
    assert.equal(await page.locator('#blocks > li').count(), 3);
    await page.locator('#save').click();
    await savedVersion(page, 1);
    const id = /\/newsroom\/stories\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    assert.ok(id, page.url());
    const saved = await service.get(id);
    assert.deepEqual(saved.body, [para('Die Regeln gelten ab Januar.'), { type: 'box', heading: 'Hintergrund', body: [para('Erdwärme wird gefördert.')] }]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a box in a ticker entry stands whole in the entry\'s text and comes back whole when the entry is edited', { skip }, async () => {
    const inEntry: Block = { type: 'box', heading: 'Was wir wissen', body: [para('Zwei Deiche halten.'), { type: 'list', ordered: false, items: [[{ text: 'Sandsäcke am Rathaus' }]] }] };
    const original = await service.create({
      headline: 'Hochwasser: die Lage im Ticker', section: 'Politik', kind: 'liveticker',
      body: [{ type: 'ticker-entry', id: 'lage', time: '2026-12-05T10:05:00+01:00', title: 'Deiche halten', body: [para('Die Lage ist ruhig.'), inEntry] }],
    }, { actor: { id: clara.id, name: 'Clara Dienst' } });
    const { context, page, problems } = await login();
    await page.goto(`${base}/newsroom/stories/${original.id}`);
    await ready(page);
    const entryText = page.getByRole('textbox', { name: 'Ticker-Eintrag 1: Text des Eintrags' });
    assert.equal(await entryText.locator('.kept-block span').textContent(), 'Infokasten: Was wir wissen · Zwei Deiche halten. • Sandsäcke am Rathaus');
    await page.evaluate(`(() => {
      const p = document.querySelector('#blocks > li[data-index="0"] .rich p');
      const r = document.createRange();
      r.selectNodeContents(p);
      r.collapse(false);
      const s = getSelection();
      s.removeAllRanges();
      s.addRange(r);
    })()`);
    await page.keyboard.type(' Noch.');
    await page.locator('#save').click();
    await savedVersion(page, 2);
    const saved = await service.get(original.id);
    assert.deepEqual(saved.body, [{ type: 'ticker-entry', id: 'lage', time: '2026-12-05T10:05:00+01:00', title: 'Deiche halten', body: [para('Die Lage ist ruhig. Noch.'), inEntry] }]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the English interface names the new fields and the box', { skip }, async () => {
    const original = await service.create({
      headline: 'Parliament votes', section: 'Politik', language: 'en', dateline: 'Berlin (AP)', sourceLine: 'AP', body: [PLAIN_BOX],
    }, { actor: { id: clara.id, name: 'Clara Dienst' } });
    const { context, page, problems } = await loggedInPage(chromium!, base, 'en@example.org', PASSWORD, [403, 404, 412, 422]);
    await page.goto(`${base}/newsroom/stories/${original.id}`);
    await ready(page);
    assert.equal(await page.getByLabel('Dateline', { exact: true }).inputValue(), 'Berlin (AP)');
    assert.equal(await page.getByLabel('Source', { exact: true }).inputValue(), 'AP');
    assert.equal(await boxAt(page, 0).locator('.block-head h2').textContent(), '1. Info box');
    assert.equal(await boxAt(page, 0).getByLabel('Box heading (optional)').inputValue(), '');
    assert.equal(await boxAt(page, 0).getByRole('textbox', { name: 'Info box 1: Box text' }).innerHTML(), '<p>Mehr beim Ministerium.</p>');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a dateline over its limit is refused naming the field, and nothing is saved', { skip }, async () => {
    const original = await service.create({ headline: 'Zu lange Ortsmarke', section: 'Politik', body: [para('Text.')] }, { actor: { id: clara.id, name: 'Clara Dienst' } });
    const { context, page } = await login();
    await page.goto(`${base}/newsroom/stories/${original.id}`);
    await ready(page);
    await page.getByLabel('Ortsmarke', { exact: true }).fill('B'.repeat(101));
    assert.equal(await page.locator('#f-dateline-count').textContent(), '101/100 Zeichen');
    await page.locator('#save').click();
    await page.locator('#messages', { hasText: 'Ortsmarke: höchstens 100 Zeichen, jetzt 101' }).waitFor(WAIT);
    const after = await service.get(original.id);
    assert.equal(after.version, 1);
    assert.equal('dateline' in after, false);
    await context.close();
  });
});
