import { randomUUID } from 'node:crypto';
import type { Block, Story } from '../../src/content/index.js';

let counter = 0;

const WORDS = ('Landtag Regierung Minister Bürger Stadt Gemeinde Haushalt Schule Verkehr Bahn Straße Wasser Hochwasser '
  + 'Polizei Gericht Klinik Energie Preise Wirtschaft Unternehmen Arbeit Kultur Museum Theater Sport Verein Wahl').split(' ');

/** Paragraphs of varied German words, about `words` long (varied so the WAL cannot compress them away). */
export function bodyText(words: number, seed = counter): Block[] {
  let s = (seed * 2654435761) >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const paragraphs: Block[] = [];
  for (let left = words; left > 0; left -= 60) {
    const w = Array.from({ length: Math.min(60, left) }, () => `${WORDS[next() % WORDS.length]}${next() % 1000}`);
    paragraphs.push({ type: 'paragraph', content: [{ text: `${w.join(' ')}.` }] });
  }
  return paragraphs;
}

/**
 * A valid published story with a unique id and slug; override what a test
 * cares about. Publish times default to one per minute from 2022-01-21 in order of creation.
 */
export function makeStory(overrides: Partial<Story> = {}): Story {
  counter++;
  const id = overrides.id ?? randomUUID();
  const at = new Date(Date.UTC(2022, 0, 21, 12, 0) + counter * 60_000).toISOString().replace('.000Z', 'Z');
  return {
    id,
    slug: `story-${counter}-${id.slice(0, 8)}`,
    kind: 'article',
    language: 'de',
    headline: `Meldung ${counter}: Hochwasser an der Elbe`,
    kicker: 'Sachsen-Anhalt',
    teaser: 'Die Pegel steigen weiter.',
    authors: [],
    section: 'Sachsen-Anhalt',
    topics: ['Hochwasser'],
    related: [],
    body: [{ type: 'paragraph', content: [{ text: 'Der Pegel in Magdeburg steigt.' }] }],
    status: 'published',
    version: 1,
    createdAt: at,
    modifiedAt: at,
    firstPublishedAt: at,
    ...overrides,
  };
}
