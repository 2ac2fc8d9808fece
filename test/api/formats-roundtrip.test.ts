import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blocksToText } from '../../src/content/index.js';
import { storyToNewsMlG2, storyToNinjs } from '../../src/api/formats/index.js';
import { readWireDocument } from '../../src/ingest/agency/read-wire.js';
import { demo, inventedStories, seedStory, SITE } from './formats-support.js';

/**
 * A sanity check from the other side: what Lede writes, Lede's own agency
 * reader (the one partners' ninjs and NewsML-G2 arrive through) reads back
 * with the same headline, teaser, byline, dateline and body text.
 */

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function stories() {
  const { agencyBox, ticker, video, library } = inventedStories();
  const seed = seedStory();
  return [...demo(), agencyBox, ticker, video, library, ...(seed ? [seed] : [])];
}

for (const format of ['ninjs 3.1', 'ninjs 2.2', 'NewsML-G2'] as const) {
  test(`${format} reads back through Lede's agency reader`, () => {
    for (const story of stories()) {
      const text = format === 'NewsML-G2'
        ? storyToNewsMlG2(story, SITE)
        : JSON.stringify(storyToNinjs(story, SITE, format === 'ninjs 3.1' ? '3.1' : '2.2'));
      const [item] = readWireDocument(text);
      assert.ok(item, story.headline);
      assert.equal(item.format, format === 'NewsML-G2' ? 'newsml-g2' : 'ninjs');
      assert.equal(item.guid, `https://www.example.org/api/v1/stories/${story.id}`);
      assert.equal(item.headline, story.headline);
      assert.equal(item.teaser, story.teaser);
      if (story.dateline) assert.equal(item.dateline, story.dateline);
      if (story.byline) assert.equal(item.byline, story.byline);
      assert.equal(item.pubStatus, 'usable');
      // Paragraph text survives (the reader turns figures, asides and tickers into its own blocks).
      const firstParagraph = story.body.find((b) => b.type === 'paragraph');
      if (firstParagraph) {
        const words = squash(blocksToText([firstParagraph])).slice(0, 40);
        assert.ok(squash(blocksToText(item.body)).includes(words), `${story.headline}: ${words}`);
      }
    }
  });
}
