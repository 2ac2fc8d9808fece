/**
 * Agency copy on the reader site: the dateline opens the text ("Berlin (dpa) –"),
 * info boxes are named <aside> landmarks, the source line stands under the
 * article ("Quelle: dpa" / "Source: AP") while the provenance field `source`
 * is never shown; JSON-LD carries `dateline` and `sourceOrganization`, a
 * ticker entry's box is in its `articleBody`, and a word found only in a box
 * is found by the site search, with its snippet. Both engines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Block, StoryDraft } from '../../src/content/index.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

const para = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });

/** The JSON-LD object of a page. */
function jsonLdOf(html: string): Record<string, unknown> {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'page has JSON-LD');
  return JSON.parse(m[1]!) as Record<string, unknown>;
}

/** The <article> element's markup. */
const articleOf = (html: string) => /<article class="article">[\s\S]*?<\/article>/.exec(html)?.[0] ?? '';

const AGENCY_STORY: Partial<StoryDraft> & { headline: string } = {
  headline: 'Bundestag stimmt über Heizungsgesetz ab',
  section: 'Politik',
  teaser: 'Nach langem Streit entscheidet das Parlament.',
  dateline: 'Berlin (dpa) -',
  sourceLine: 'dpa',
  source: 'urn:newsml:dpa.com:20090101:261205-99-424242',
  body: [
    { type: 'figure', kind: 'image', alt: 'Der Plenarsaal', src: 'https://images.example.org/plenum.jpg', credit: 'dpa' },
    para('Der Bundestag hat am Freitag über das Gesetz abgestimmt.'),
    {
      type: 'box', heading: 'Das Wichtigste in Kürze',
      body: [para('Die Wärmepumpenförderung steigt auf 70 Prozent.'), { type: 'heading', level: 2, text: 'Fristen' }, { type: 'list', ordered: false, items: [[{ text: 'ab 2028 für alle' }]] }],
    },
    para('Die Opposition kündigte Widerstand an.'),
    { type: 'box', body: [para('Weitere Informationen beim Ministerium.')] },
    { type: 'box', body: [{ type: 'quote', text: 'Wir halten Wort.', speaker: 'Die Ministerin' }] },
  ],
};

for (const engine of engines()) {
  describe(`agency copy on the reader site on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: ReturnType<typeof createApp>;
    let service: StoryService;

    before(async () => {
      db = await engine.open();
      app = createApp(db, { siteName: 'Lede Test', siteUrl: 'https://news.example.org' });
      service = new StoryService(db);
    });
    after(async () => {
      await db?.close();
    });

    const page = async (p: string) => {
      const res = await app.request(p);
      assert.equal(res.status, 200, p);
      return res.text();
    };

    test('dateline run in before the first paragraph, boxes as named asides, source line under the text, provenance hidden', async () => {
      const s = await service.create(AGENCY_STORY, { status: 'published' });
      assert.equal(s.dateline, 'Berlin (dpa)');
      const html = await page(`/politik/${s.slug}`);
      const article = articleOf(html);
      // The picture comes first; the dateline opens the first paragraph, with the site's own dash.
      assert.match(article, /<p><span class="dateline">Berlin \(dpa\) –<\/span> Der Bundestag hat am Freitag/);
      assert.equal(article.match(/class="dateline"/g)?.length, 1);
      // A box with a heading is named by it; its own headings sit one level below.
      assert.match(article, /<aside class="box" aria-labelledby="box-1-h"><h2 id="box-1-h">Das Wichtigste in Kürze<\/h2><p>Die Wärmepumpenförderung steigt auf 70 Prozent\.<\/p><h3>Fristen<\/h3><ul><li>ab 2028 für alle<\/li><\/ul><\/aside>/);
      // Two boxes without a heading: a generic name each, told apart by number.
      assert.match(article, /<aside class="box" aria-label="Infokasten 1"><p>Weitere Informationen beim Ministerium\.<\/p><\/aside>/);
      assert.match(article, /<aside class="box" aria-label="Infokasten 2"><figure class="quote"><blockquote><p>Wir halten Wort\.<\/p><\/blockquote><figcaption>— Die Ministerin<\/figcaption><\/figure><\/aside>/);
      // The source line after the body; `source` (the agency URN) appears nowhere.
      assert.match(article, /Opposition kündigte Widerstand an\.<\/p>[\s\S]*<p class="source-line">Quelle: dpa<\/p>/);
      assert.doesNotMatch(html, /urn:newsml|424242/);

      const ld = jsonLdOf(html);
      assert.equal(ld['@type'], 'NewsArticle');
      assert.equal(ld.dateline, 'Berlin (dpa)');
      assert.deepEqual(ld.sourceOrganization, { '@type': 'Organization', name: 'dpa' });
    });

    test('English: the dateline on its own line when a heading opens the text, "Source:", an unnamed box is "Info box"', async () => {
      const s = await service.create({
        headline: 'Parliament votes on heating law', section: 'Politik', language: 'en', dateline: 'Berlin (AP) —', sourceLine: 'AP',
        body: [{ type: 'heading', level: 2, text: 'The vote' }, para('Parliament voted on Friday.'), { type: 'box', body: [para('More at the ministry.')] }],
      }, { status: 'published' });
      const article = articleOf(await page(`/politik/${s.slug}`));
      assert.match(article, /<p class="dateline">Berlin \(AP\)<\/p><h2>The vote<\/h2><p>Parliament voted on Friday\.<\/p>/);
      assert.match(article, /<aside class="box" aria-label="Info box"><p>More at the ministry\.<\/p><\/aside>/);
      assert.match(article, /<p class="source-line">Source: AP<\/p>/);
    });

    test('a story without the new fields shows neither dateline nor source line', async () => {
      const s = await service.create({ headline: 'Ganz normaler Beitrag ohne Agentur', section: 'Politik', body: [para('Eigener Text.')] }, { status: 'published' });
      const html = await page(`/politik/${s.slug}`);
      assert.doesNotMatch(html, /class="dateline"|class="source-line"|class="box"/);
      const ld = jsonLdOf(html);
      assert.equal('dateline' in ld, false);
      assert.equal('sourceOrganization' in ld, false);
    });

    test('a box in a ticker entry: named by its entry, its text in the entry\'s JSON-LD articleBody', async () => {
      const s = await service.create({
        headline: 'Hochwasser: die Lage im Ticker', section: 'Politik', kind: 'liveticker',
        body: [{
          type: 'ticker-entry', id: 'lage-zehn', time: '2026-12-05T10:05:00+01:00', title: 'Deiche halten',
          body: [para('Die Lage ist ruhig.'), { type: 'box', body: [para('Sandsäcke gibt es am Rathaus.')] }, { type: 'box', heading: 'Notrufe', body: [para('Feuerwehr 112.')] }],
        }],
      }, { status: 'published' });
      const html = await page(`/politik/${s.slug}`);
      assert.match(html, /<li id="e-lage-zehn">[\s\S]*<aside class="box" aria-label="Infokasten \(10:05 Uhr\)"><p>Sandsäcke gibt es am Rathaus\.<\/p><\/aside><aside class="box" aria-labelledby="e-lage-zehn-box-3-h"><h3 id="e-lage-zehn-box-3-h">Notrufe<\/h3><p>Feuerwehr 112\.<\/p><\/aside><\/li>/);
      // The live endpoint renders the entry as the page does (the box names depend on the entry only).
      const live = await (await app.request(`/politik/${s.slug}/live.json`)).json() as { entries: Array<{ id: string; html: string }> };
      assert.deepEqual(live.entries.map((e) => e.id), ['e-lage-zehn']);
      assert.ok(live.entries[0]!.html.includes('<aside class="box" aria-label="Infokasten (10:05 Uhr)">'));
      assert.ok(html.includes(live.entries[0]!.html), 'the live fragment is the page\'s own markup');
      const ld = jsonLdOf(html);
      const updates = ld.liveBlogUpdate as Array<Record<string, unknown>>;
      assert.equal(updates.length, 1);
      assert.equal(updates[0]!.articleBody, 'Die Lage ist ruhig.\n\nSandsäcke gibt es am Rathaus.\n\nNotrufe\n\nFeuerwehr 112.');
    });

    test('the site search finds a word that stands only in a box, and shows it in the snippet', async () => {
      const s = await service.create({
        headline: 'Neue Regeln für Neubauten', section: 'Politik',
        body: [para('Die Regeln gelten ab Januar.'), { type: 'box', heading: 'Hintergrund', body: [para('Die Erdwärmesondenbohrung wird künftig gefördert.')] }],
      }, { status: 'published' });
      const html = await page('/suche?q=Erdw%C3%A4rmesondenbohrung');
      assert.match(html, new RegExp(`href="/politik/${s.slug}"`));
      assert.match(html, /<p class="snippet">[^<]*<mark>Erdwärmesondenbohrung<\/mark>/);
    });
  });
}
