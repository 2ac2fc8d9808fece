import { randomUUID } from 'node:crypto';
import { buildStory } from '../src/services/story-service.js';
import { StoryRepository, type Database } from '../src/store/index.js';
import { validateDraft } from '../src/content/index.js';

const SECTIONS = ['Politik', 'Welt', 'Sachsen', 'Sachsen-Anhalt', 'Thüringen', 'Wirtschaft', 'Kultur', 'Sport'];
const TOPICS = ['Hochwasser an der Elbe', 'Landeshaushalt', 'Energiepreise', 'Nahverkehr', 'Schule'];
const WORDS = ('Landtag Regierung Minister Bürger Stadt Gemeinde Haushalt Schule Verkehr Bahn Straße Wasser Hochwasser ' +
  'Polizei Gericht Klinik Energie Preise Wirtschaft Unternehmen Arbeit Kultur Museum Theater Sport Verein Wahl Partei ' +
  'Umwelt Klima Wald Landwirtschaft Forschung Universität Studenten Familien Kinder Rente Gesundheit').split(' ');

/** Deterministic pseudo-random generator so every run fills the same archive. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Fills the database with `count` published stories of ~400 words each, spread
 * over the last two years, in transactions of 500 (benchmarks only).
 */
const FIRST_NAMES = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hanna', 'Ilias', 'Jana', 'Karl', 'Lena', 'Mia', 'Noah', 'Ole'];
const LAST_NAMES = ['Albrecht', 'Bauer', 'Conrad', 'Dietrich', 'Engel', 'Fuchs', 'Graf', 'Hahn', 'Ilse', 'Jung', 'Kühn', 'Lang', 'Meyer', 'Nagel', 'Otto', 'Pohl', 'Quast', 'Roth', 'Schulz', 'Thiel'];

export async function bulkStories(db: Database, count: number, seed = 42): Promise<void> {
  const rnd = prng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
  const sentence = () => {
    const n = 8 + Math.floor(rnd() * 10);
    const w = Array.from({ length: n }, () => pick(WORDS).toLowerCase());
    w[0] = pick(WORDS);
    return `${w.join(' ')}.`;
  };
  const now = Date.now();
  for (let start = 0; start < count; start += 500) {
    await db.transaction(async (tx) => {
      const repo = new StoryRepository(tx);
      for (let i = start; i < Math.min(count, start + 500); i++) {
        const published = new Date(now - rnd() * 2 * 365 * 86400_000);
        const checked = validateDraft({
          kind: 'article',
          headline: `${pick(WORDS)} ${sentence()}`.slice(0, 190),
          kicker: pick(WORDS),
          teaser: sentence() + ' ' + sentence(),
          section: pick(SECTIONS),
          topics: rnd() < 0.3 ? [pick(TOPICS)] : [],
          firstPublishedAt: published.toISOString(),
          // From i, not the random stream, so the texts stay what earlier runs measured: 300 authors, every fifth story on air.
          authors: [{ name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]}` }],
          ...(i % 5 === 0 && { broadcast: { programme: 'Lede am Abend', startsAt: new Date(Math.floor(published.getTime() / 3_600_000) * 3_600_000).toISOString() } }),
          body: Array.from({ length: 8 }, (_, k) => (k === 3
            ? { type: 'heading', level: 2, text: sentence().slice(0, -1) }
            : { type: 'paragraph', content: [{ text: Array.from({ length: 4 }, sentence).join(' ') }] })),
        });
        if (!checked.ok) throw new Error('bulk story invalid');
        await repo.insert(buildStory(checked.value, { id: randomUUID(), slug: `bench-story-${i}`, status: 'published', now: published }));
      }
    });
  }
}
