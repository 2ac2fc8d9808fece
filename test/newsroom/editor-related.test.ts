/**
 * Related items ("Weiterführende Beiträge") in the story editor, in a real
 * Chromium against a real HTTP server with a media library: two items typed
 * in (a video with its duration and a site path, a graphic with a library
 * picture chosen in the picker), reordered by their buttons, saved; the API
 * has exactly what was typed; published, the reader page shows the badges
 * ("Video 2:34 min", "Grafik 1 min") and the picture's credit. An unreadable
 * duration is shown at its field and blocks the save instead of being stored
 * as something else; a removed item is gone after the save; a server refusal
 * names the row as the editor counts it. A loaded story's items (a library
 * picture with its caption, an outside picture with address and credit)
 * survive a save untouched. The English interface. axe-core on the editor
 * with the section filled.
 *
 * Functions passed to page.evaluate are strings: the test's TypeScript
 * transform would add helpers the page does not have.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser as Chromium, Page } from 'playwright-core';
import type { Story } from '../../src/content/index.js';
import type { StoryService } from '../../src/services/story-service.js';
import type { Browser } from '../helpers/newsroom-browser.js';
import { openEditorWorld, type EditorWorld } from '../helpers/editor-world.js';
import { axeViolations, loggedInPage, savedVersion, solidJpeg, uploadPicture } from '../helpers/newsroom-chromium.js';
import { missingChromium } from '../site/page-checkers.js';

const PASSWORD = 'verwandt-passwort-1';
const WAIT = { timeout: 20_000 };

describe('related items in the story editor', () => {
  const skip = missingChromium();
  let world: EditorWorld | undefined;
  let service: StoryService;
  let api: Browser;
  let base: string;
  let chromium: Chromium | undefined;
  let clara: { id: string };
  let pegel = '';

  before(async () => {
    world = await openEditorWorld('editor-related', PASSWORD, !skip);
    ({ service, api, base, chromium, clara } = world);
    pegel = await uploadPicture(api, 'pegel-grafik.jpg', await solidJpeg('#336699'), { credit: 'MDR/Grafik' });
  });
  after(() => world?.close());

  // A refused save (422) and a conflict (412) are expected and shown.
  const login = (email = 'cvd@example.org') => loggedInPage(chromium!, base, email, PASSWORD, [404, 412, 422]);

  const ready = (page: Page) => page.locator('html[data-editor-ready]').waitFor({ state: 'attached', ...WAIT });
  const row = (page: Page, i: number) => page.locator(`#related-list > li[data-index="${i}"]`);
  const focused = (page: Page) => page.evaluate('document.activeElement && (document.activeElement.getAttribute("aria-label") || document.activeElement.getAttribute("data-act") || document.activeElement.id)');
  const related = async (id: string) => {
    const got = await api.json<Story>('GET', `/newsroom/api/stories/${id}`);
    assert.equal(got.status, 200);
    return got.body.related;
  };

  test('two items typed, a library picture chosen, reordered, saved, published with badges and credit; a bad duration blocks the save; one removed; the local copy', { skip }, async () => {
    const { context, page, problems } = await login();
    await page.goto(`${base}/newsroom/stories/new`);
    await ready(page);
    assert.equal(await page.locator('#related-box > legend').textContent(), 'Weiterführende Beiträge');
    assert.equal(await page.locator('#related-empty').textContent(), 'Noch keine weiterführenden Beiträge.');
    await page.locator('#f-headline').fill('Hochwasser an der Elbe: die Lage');
    await page.locator('#f-section').fill('Sachsen-Anhalt');

    // The first item: a video with its duration and a path of the site.
    await page.getByRole('button', { name: 'Weiterführenden Beitrag hinzufügen' }).click();
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.getAttribute("data-field")'), 'title', 'the new row\'s title has the focus');
    const first = row(page, 0);
    await first.getByLabel('Titel').fill('Der Pegel im Video');
    assert.deepEqual(await first.getByLabel('Medientyp').locator('option').allTextContents(), ['Artikel', 'Video', 'Audio', 'Grafik', 'Bild', 'Bildergalerie', 'Liveticker']);
    await first.getByLabel('Medientyp').selectOption('video');
    await first.getByLabel('Dauer').fill('2:34');
    await first.getByLabel('Adresse', { exact: true }).fill('/sachsen-anhalt/pegel-video');

    // The second: a graphic with a picture from the library.
    await page.locator('#related-add').click();
    const second = row(page, 1);
    await second.getByLabel('Titel').fill('Die Pegelstände als Grafik');
    await second.getByLabel('Medientyp').selectOption('graphic');
    await second.getByLabel('Dauer').fill('1:00');
    await second.getByLabel('Adresse', { exact: true }).fill('https://www.example.org/pegel');
    assert.equal(await second.locator('.related-picture').textContent(), 'BildKein Bild gewählt.Aus der Mediathek wählen – Weiterführender Beitrag 2');
    await second.getByRole('button', { name: 'Aus der Mediathek wählen – Weiterführender Beitrag 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bild aus der Mediathek wählen' });
    await dialog.waitFor(WAIT);
    await page.locator('#picker-q').fill('pegel');
    await page.locator('#picker-q').press('Enter');
    await page.locator('#picker-state', { hasText: '1 Bild gefunden' }).waitFor(WAIT);
    await page.locator(`#picker-results li[data-asset="${pegel}"] button`).click();
    await dialog.waitFor({ state: 'hidden', ...WAIT });
    assert.equal(await focused(page), 'pick', 'focus back on the row\'s picker button');
    await second.locator('.picked .credit', { hasText: 'Bildrechte: MDR/Grafik' }).waitFor(WAIT);
    assert.match((await second.locator('.picked').textContent()) ?? '', /pegel-grafik\.jpg/);
    assert.equal(await second.locator(`.picked img[src="/newsroom/media/${pegel}/16x9-320.webp"]`).count(), 1);
    await second.getByLabel('Alternativtext des Bilds').fill('Pegelstände an der Elbe');

    // Reorder: the graphic goes up; the focus stays on the moved row's tools.
    await page.getByRole('button', { name: 'Nach oben: Weiterführender Beitrag 2' }).click();
    assert.equal(await focused(page), 'Nach unten: Weiterführender Beitrag 1');
    assert.equal(await row(page, 0).getByLabel('Titel').inputValue(), 'Die Pegelstände als Grafik');
    assert.equal(await row(page, 1).getByLabel('Dauer').inputValue(), '2:34');
    assert.equal(await page.locator('#save-state').textContent(), 'Weiterführender Beitrag verschoben auf Position 1');
    assert.deepEqual(await axeViolations(page), [], 'editor with the related items filled');

    await page.locator('#save').click();
    const firstVersion = await savedVersion(page, 1);
    const id = /\/newsroom\/stories\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    assert.ok(id, page.url());
    const graphic = {
      title: 'Die Pegelstände als Grafik', mediaType: 'graphic', durationSeconds: 60, url: 'https://www.example.org/pegel',
      image: { kind: 'image', alt: 'Pegelstände an der Elbe', assetId: pegel },
    };
    const video = { title: 'Der Pegel im Video', mediaType: 'video', durationSeconds: 154, url: '/sachsen-anhalt/pegel-video' };
    assert.deepEqual(await related(id), [graphic, video]);

    // Published: the rail under the article, with badges and the library's credit.
    await page.locator('button[data-move="published"]').click();
    await page.locator('#status-name', { hasText: 'Veröffentlicht' }).waitFor(WAIT);
    const published = await service.get(id);
    // A published story is not autosaved: from here on every version is a click.
    const publishedVersion = await savedVersion(page, firstVersion + 1);
    assert.equal(publishedVersion, published.version);
    const reader = await context.newPage();
    assert.equal((await reader.goto(`${base}/sachsen-anhalt/${published.slug}`))?.status(), 200);
    const rail = reader.locator('section[aria-labelledby="rail-related"]');
    assert.deepEqual(await rail.locator('.badge').allTextContents(), ['Grafik 1 min', 'Video 2:34 min']);
    assert.match((await rail.textContent()) ?? '', /Bildrechte: MDR\/Grafik.*Die Pegelstände als Grafik.*Der Pegel im Video/);
    assert.equal(await rail.locator('a[href="/sachsen-anhalt/pegel-video"]').count(), 1);
    await reader.close();

    // An unreadable duration: a message at the field, and nothing is saved as something else.
    const videoRow = row(page, 1);
    await videoRow.getByLabel('Dauer').fill('zwei Minuten');
    await videoRow.getByLabel('Dauer').press('Tab');
    const msg = videoRow.locator('.field-error', { hasText: 'Diese Dauer ist nicht lesbar.' });
    await msg.waitFor(WAIT);
    assert.equal(await videoRow.getByLabel('Dauer').getAttribute('aria-invalid'), 'true');
    assert.match((await videoRow.getByLabel('Dauer').getAttribute('aria-describedby')) ?? '', new RegExp((await msg.getAttribute('id'))!));
    await page.locator('#save').click();
    await page.locator('#messages', { hasText: 'Nicht gespeichert: Eine Dauer ist nicht lesbar. (Weiterführender Beitrag 2)' }).waitFor(WAIT);
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.value'), 'zwei Minuten', 'the focus is on the field, its text kept');
    assert.equal(await page.locator('#version-no').textContent(), String(publishedVersion));
    assert.deepEqual(await related(id), [graphic, video]);
    await videoRow.getByLabel('Dauer').fill('2:34');
    await msg.waitFor({ state: 'hidden', ...WAIT });
    assert.equal(await videoRow.getByLabel('Dauer').getAttribute('aria-invalid'), 'false');

    // Remove the graphic; the focus goes to the remove button of the row now in its place.
    await page.getByRole('button', { name: 'Entfernen: Weiterführender Beitrag 1' }).click();
    assert.equal(await focused(page), 'Entfernen: Weiterführender Beitrag 1');
    assert.equal(await page.locator('#related-list > li').count(), 1);
    await page.locator('#save').click();
    await page.locator('#version-no', { hasText: new RegExp(`^${publishedVersion + 1}$`) }).waitFor(WAIT);
    assert.deepEqual(await related(id), [video]);

    // An unsaved edit survives a reload as the local copy (a published story is not autosaved).
    await row(page, 0).getByLabel('Titel').fill('Der Pegel im Video, neu geschnitten');
    await page.reload();
    await ready(page);
    assert.equal(await row(page, 0).getByLabel('Titel').inputValue(), 'Der Pegel im Video', 'the server version until restored');
    await page.locator('#restore-local').click();
    assert.equal(await row(page, 0).getByLabel('Titel').inputValue(), 'Der Pegel im Video, neu geschnitten');
    assert.equal(await row(page, 0).getByLabel('Dauer').inputValue(), '2:34');
    await page.locator('#save').click();
    await page.locator('#version-no', { hasText: new RegExp(`^${publishedVersion + 2}$`) }).waitFor(WAIT);
    assert.deepEqual(await related(id), [{ ...video, title: 'Der Pegel im Video, neu geschnitten' }]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an untouched new row is left out of a save; a refusal names the row as the editor counts it; removing a picture', { skip }, async () => {
    const { context, page, problems } = await login();
    await page.goto(`${base}/newsroom/stories/new`);
    await ready(page);
    await page.locator('#f-headline').fill('Zählung der Zeilen');
    await page.locator('#related-add').click();
    await page.locator('#related-add').click();
    // Row 2 has an address but no title: the server refuses related[0].title, the editor says row 2.
    await row(page, 1).getByLabel('Adresse', { exact: true }).fill('/politik/ohne-titel');
    await page.locator('#save').click();
    const refusal = page.locator('#messages .notice.error');
    await refusal.waitFor(WAIT);
    assert.match((await refusal.textContent()) ?? '', /Weiterführender Beitrag 2: Titel/);
    assert.doesNotMatch((await refusal.textContent()) ?? '', /related\[|required/, 'in the editor\'s words');
    await row(page, 1).getByLabel('Titel').fill('Mit Titel');
    // A bad address is pointed out at the field (the server decides).
    await row(page, 1).getByLabel('Adresse', { exact: true }).fill('politik/ohne-schraegstrich');
    await row(page, 1).getByLabel('Adresse', { exact: true }).press('Tab');
    await row(page, 1).locator('.field-error', { hasText: 'Bitte einen Pfad, der mit / beginnt' }).waitFor(WAIT);
    await row(page, 1).getByLabel('Adresse', { exact: true }).fill('/politik/mit-titel');
    await row(page, 1).locator('.field-error', { hasText: 'Bitte einen Pfad' }).waitFor({ state: 'hidden', ...WAIT });
    // A picture chosen and removed again.
    await row(page, 1).locator('button[data-act="pick"]').click();
    await page.locator(`#picker-results li[data-asset="${pegel}"] button`).click();
    await row(page, 1).locator('.picked .credit', { hasText: 'Bildrechte: MDR/Grafik' }).waitFor(WAIT);
    await row(page, 1).getByRole('button', { name: 'Entfernen – Bild, Weiterführender Beitrag 2' }).click();
    assert.equal(await row(page, 1).locator('.picked').count(), 0);
    assert.equal(await focused(page), 'pick');
    await page.locator('#save').click();
    await savedVersion(page, 1);
    const id = /\/newsroom\/stories\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    assert.deepEqual(await related(id!), [{ title: 'Mit Titel', mediaType: 'article', url: '/politik/mit-titel' }]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a loaded story\'s related items, with a library picture and an outside one, survive a save untouched', { skip }, async () => {
    const original = await service.create({
      headline: 'Mit weiterführenden Beiträgen', section: 'Sachsen-Anhalt',
      related: [
        { title: 'Die Grafik', mediaType: 'graphic', durationSeconds: 60, url: '/sachsen-anhalt/grafik', image: { kind: 'graphic', alt: 'Pegel', assetId: pegel, caption: 'Pegelstände' } },
        { title: 'Extern', mediaType: 'article', url: 'https://example.org/a', image: { kind: 'image', alt: 'Extern', src: 'https://example.org/a.jpg', credit: 'Agentur', width: 800, height: 450 } },
        { title: 'Das Gespräch', mediaType: 'audio', durationSeconds: 3723 },
      ],
      body: [{ type: 'paragraph', content: [{ text: 'Erster Absatz.' }] }],
    }, { actor: { id: clara.id, name: 'Clara Dienst' } });
    const { context, page, problems } = await login();
    await page.goto(`${base}/newsroom/stories/${original.id}`);
    await ready(page);
    assert.equal(await page.locator('#related-list > li').count(), 3);
    assert.equal(await row(page, 0).getByLabel('Dauer').inputValue(), '1:00');
    assert.equal(await row(page, 0).getByLabel('Medientyp').inputValue(), 'graphic');
    await row(page, 0).locator('.picked .credit', { hasText: 'Bildrechte: MDR/Grafik' }).waitFor(WAIT);
    assert.match((await row(page, 1).locator('.picked').textContent()) ?? '', /https:\/\/example\.org\/a\.jpg.*Bildrechte: Agentur/);
    assert.equal(await row(page, 1).getByLabel('Alternativtext des Bilds').inputValue(), 'Extern');
    assert.equal(await row(page, 2).getByLabel('Dauer').inputValue(), '1:02:03');
    assert.equal(await page.locator('#save-state').textContent(), '', 'nothing unsaved after loading');
    await page.locator('#f-headline').fill('Mit weiterführenden Beiträgen, geändert');
    await page.locator('#save').click();
    await savedVersion(page, 2);
    const saved = await service.get(original.id);
    assert.equal(saved.headline, 'Mit weiterführenden Beiträgen, geändert');
    assert.deepEqual(saved.related, original.related);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a conflict: related items are one row of the merge view, named and summarized, taken from the chosen side', { skip }, async () => {
    const video = { title: 'Der Pegel im Video', mediaType: 'video' as const, durationSeconds: 154, url: '/sachsen-anhalt/pegel-video' };
    const original = await service.create({ headline: 'Streit um die Liste', section: 'Sachsen-Anhalt', related: [video] }, { actor: { id: clara.id, name: 'Clara Dienst' } });
    const { context, page, problems } = await login();
    await page.goto(`${base}/newsroom/stories/${original.id}`);
    await ready(page);
    await row(page, 0).getByLabel('Titel').fill('Mein Titel');
    await row(page, 0).getByLabel('Dauer').fill('3:10');
    // Meanwhile someone else saves another headline and another title.
    const put = await api.json('PUT', `/newsroom/api/stories/${original.id}`, {
      story: { kind: 'article', language: 'de', headline: 'Vom Server geändert', section: 'Sachsen-Anhalt', topics: [], authors: [], related: [{ ...video, title: 'Server-Titel' }], body: [] },
    }, { 'if-match': '"v1"' });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    await page.locator('#save').click();
    const merge = page.locator('#merge');
    await merge.waitFor({ state: 'visible', ...WAIT });
    const rel = merge.locator('#merge-fields tr[data-field="related"]');
    assert.equal(await rel.locator('th').textContent(), 'Weiterführende Beiträge');
    assert.equal(await rel.locator('td.theirs').textContent(), 'Video 2:34: Server-Titel (/sachsen-anhalt/pegel-video)');
    assert.equal(await rel.locator('td.mine').textContent(), 'Video 3:10: Mein Titel (/sachsen-anhalt/pegel-video)');
    assert.deepEqual(await axeViolations(page), [], 'merge view with related items');
    await merge.locator('#merge-fields tr[data-field="headline"] input[data-side="theirs"]').check();
    await merge.locator('#merge-save').click();
    await savedVersion(page, 3);
    const saved = await service.get(original.id);
    assert.equal(saved.headline, 'Vom Server geändert');
    assert.deepEqual(saved.related, [{ ...video, title: 'Mein Titel', durationSeconds: 190 }]);
    assert.equal(await row(page, 0).getByLabel('Dauer').inputValue(), '3:10', 'the form shows the merged items');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the English interface', { skip }, async () => {
    const { context, page, problems } = await login('en@example.org');
    await page.goto(`${base}/newsroom/stories/new`);
    await ready(page);
    assert.equal(await page.locator('#related-box > legend').textContent(), 'Related items');
    await page.getByRole('button', { name: 'Add related item' }).click();
    assert.deepEqual(await row(page, 0).getByLabel('Media type').locator('option').allTextContents(), ['Article', 'Video', 'Audio', 'Graphic', 'Image', 'Gallery', 'Live ticker']);
    await row(page, 0).getByLabel('Duration').fill('two minutes');
    await row(page, 0).getByLabel('Duration').press('Tab');
    await row(page, 0).locator('.field-error', { hasText: 'This duration cannot be read.' }).waitFor(WAIT);
    assert.equal(await page.getByRole('button', { name: 'Move up: Related story 1' }).count(), 1);
    assert.deepEqual(await axeViolations(page), [], 'English editor with a related item');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
