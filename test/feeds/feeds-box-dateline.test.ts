/**
 * Feeds and agency copy. Lede's feeds carry the teaser, not the body (no
 * content:encoded, no content_html): so a box's text goes where paragraphs
 * go, which is nowhere in a feed, and the dateline and source line (parts of
 * the article page) stay out too, as does the provenance field `source`.
 * If feeds ever carry full text, this test is where boxes must be added.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

for (const engine of engines()) describe(`feeds with agency copy on ${engine.name}`, { skip: engine.skip }, () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;

  before(async () => {
    db = await engine.open();
    await new StoryService(db).create({
      headline: 'Bundestag stimmt über Heizungsgesetz ab', section: 'Politik', teaser: 'Das Parlament entscheidet am Freitag.',
      dateline: 'Berlin (dpa)', sourceLine: 'Agenturquelle', source: 'urn:newsml:dpa.com:20090101:261205-99-31337',
      body: [
        { type: 'paragraph', content: [{ text: 'Absatztext im Artikel.' }] },
        { type: 'box', heading: 'Kastenüberschrift', body: [{ type: 'paragraph', content: [{ text: 'Kastentext im Artikel.' }] }] },
      ],
    }, { status: 'published' });
    app = createApp(db, { siteName: 'Lede Test', siteUrl: 'https://news.example.org' });
  });
  after(async () => {
    await db?.close();
  });

  test('every format carries the teaser; paragraph and box text, dateline, source line and provenance stay out', async () => {
    const bodies: Record<string, string> = {};
    for (const p of ['/feed.xml', '/atom.xml', '/feed.json']) {
      const res = await app.request(p);
      assert.equal(res.status, 200, p);
      bodies[p] = await res.text();
    }
    const json = JSON.parse(bodies['/feed.json']!) as { items: Array<{ title: string; content_text: string; summary?: string }> };
    assert.deepEqual(json.items.map((i) => [i.title, i.content_text, i.summary]),
      [['Bundestag stimmt über Heizungsgesetz ab', 'Das Parlament entscheidet am Freitag.', 'Das Parlament entscheidet am Freitag.']]);
    assert.match(bodies['/feed.xml']!, /<description>Das Parlament entscheidet am Freitag\.<\/description>/);
    assert.match(bodies['/atom.xml']!, /<summary type="text">Das Parlament entscheidet am Freitag\.<\/summary>/);
    for (const [p, body] of Object.entries(bodies)) {
      for (const absent of ['Absatztext', 'Kastentext', 'Kastenüberschrift', 'Berlin (dpa)', 'Agenturquelle', '31337']) {
        assert.ok(!body.includes(absent), `${p} has no "${absent}"`);
      }
    }
  });
});
