import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Figure, Story } from '../../src/content/index.js';
import { storyToNewsMlG2, storyToNinjs } from '../../src/api/formats/index.js';
import { asset, canValidateG2, demo, inventedStories, ninjsSchema, resolved, seedStory, SITE, xsdErrors } from './formats-support.js';

/**
 * Every story of the demo and of the seed import, and the invented ones of
 * the field tests, valid against IPTC's own schemas: ninjs 3.1 and 2.2 with
 * Ajv 2020, the NewsML-G2 item with xmllint and the power XSD.
 */

/** Gives the story's lead and first body figure a media library picture, resolved the read model's way. */
function withLibraryPictures(story: Story): Story {
  const pic = asset({ credit: 'Foto-Agentur', copyrightHolder: 'Foto-Agentur GmbH', licence: 'https://example.org/lizenz', creator: 'Eva Beispiel' });
  const out: Story = { ...story, body: [...story.body] };
  if (story.lead) {
    const lead = resolved(story.lead, pic);
    if (lead) out.lead = lead;
  }
  const i = out.body.findIndex((b) => b.type === 'figure');
  if (i >= 0) {
    const f = resolved(out.body[i] as Figure, pic);
    if (f) out.body[i] = { ...f, type: 'figure' };
  }
  return out;
}

function cases(): { name: string; story: Story }[] {
  const list: { name: string; story: Story }[] = [];
  for (const s of demo()) {
    list.push({ name: `demo: ${s.headline}`, story: s });
    if (s.lead || s.body.some((b) => b.type === 'figure')) list.push({ name: `demo with library pictures: ${s.headline}`, story: withLibraryPictures(s) });
  }
  const seed = seedStory();
  if (seed) {
    list.push({ name: 'seed import', story: seed });
    list.push({ name: 'seed import with library pictures', story: withLibraryPictures(seed) });
  }
  for (const [name, story] of Object.entries(inventedStories())) list.push({ name: `invented: ${name}`, story });
  return list;
}

describe('ninjs output validates against the IPTC schemas', () => {
  for (const version of ['3.1', '2.2'] as const) {
    test(`ninjs ${version}: demo, seed and invented stories`, (t) => {
      const validate = ninjsSchema(version);
      if (!validate) return t.skip('../shared/conformance/ninjs absent');
      const all = cases();
      assert.ok(all.length >= 12, `expected the demo's stories, got ${all.length} cases`);
      for (const { name, story } of all) {
        const doc = storyToNinjs(story, SITE, version);
        assert.ok(validate(doc), `${name} (ninjs ${version}): ${JSON.stringify(validate.errors?.slice(0, 5))}`);
        assert.equal((doc.standard as { version: string }).version, version);
      }
    });
  }

  test('the seed import is among the validated stories', (t) => {
    const seed = seedStory();
    if (!seed) return t.skip('../shared/seed absent');
    const doc = storyToNinjs(seed, SITE);
    const headlines = doc.headlines as { role: string; value: string }[];
    assert.equal(headlines.find((h) => h.role === 'main')?.value, 'Blinken und Lawrow wollen diplomatische Bemühungen fortsetzen');
    assert.equal(headlines.find((h) => h.role === 'kicker')?.value, 'Ukraine-Konflikt');
  });
});

describe('NewsML-G2 output validates against the 2.35 power XSD', () => {
  test('demo, seed and invented stories', (t) => {
    const skip = canValidateG2();
    if (skip) return t.skip(skip);
    for (const { name, story } of cases()) {
      const xml = storyToNewsMlG2(story, SITE);
      assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<newsItem '), name);
      assert.equal(xsdErrors(xml), '', name);
    }
  });

  test('the validator is not a rubber stamp: a misplaced element is refused', (t) => {
    const skip = canValidateG2();
    if (skip) return t.skip(skip);
    const xml = storyToNewsMlG2(demo()[0]!, SITE).replace('<pubStatus qcode="stat:usable"/>', '<pubStatus qcode="stat:usable"/><headline>x</headline>');
    assert.match(xsdErrors(xml), /headline.*not expected/);
  });
});
