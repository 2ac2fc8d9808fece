import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { LedeError, type Story } from '../../src/content/index.js';
import { StoryRepository, type StorySummary } from '../../src/store/index.js';
import { forEachEngine } from '../helpers/db.js';
import { makeStory } from '../helpers/stories.js';

function lede(code: string, message?: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof LedeError, `expected LedeError ${code}, got ${String(err)}`);
    assert.equal(err.code, code);
    if (message) assert.match(err.message, message);
    return true;
  };
}

forEachEngine('story repository', (ctx) => {
  test('insert, get, getBySlug and findByIdOrSlug return the story as stored', async () => {
    const repo = new StoryRepository(ctx.db);
    const story = makeStory({
      headline: 'Blinken und Lawrow wollen diplomatische Bemühungen fortsetzen',
      kicker: 'Ukraine-Konflikt',
      topics: ['Ukraine-Konflikt', 'Diplomatie'],
      firstPublishedAt: '2022-01-21T14:35:00+01:00',
      updatedAt: '2022-01-21T16:02:00.123456+01:00',
      broadcast: { programme: 'MDR AKTUELL', startsAt: '2022-01-21T13:00:00+01:00' },
      lead: { kind: 'image', alt: 'Zwei Minister', caption: 'In Genf', credit: 'dpa', width: 1280, height: 720 },
      media: { durationSeconds: 154 },
      body: [
        { type: 'heading', level: 2, text: 'Gespräche in Genf' },
        { type: 'paragraph', content: [{ text: 'Die Außenminister ' }, { text: 'trafen sich', marks: ['em'] }] },
        { type: 'quote', text: 'Wir reden weiter.', speaker: 'Blinken' },
      ],
    });
    const inserted = await repo.insert(story);
    assert.deepEqual(inserted, story);
    assert.deepEqual(await repo.get(story.id), story);
    assert.deepEqual(await repo.getBySlug(story.slug), story);
    assert.deepEqual(await repo.findByIdOrSlug(story.id), story);
    assert.deepEqual(await repo.findByIdOrSlug(story.slug), story);
    assert.equal(await repo.get(randomUUID()), undefined);
    assert.equal(await repo.get('not-a-uuid'), undefined);
    assert.equal(await repo.getBySlug('no-such-slug'), undefined);
    assert.equal(await repo.findByIdOrSlug('no-such-slug'), undefined);
  });

  test('a slug that looks like a UUID is still found by findByIdOrSlug', async () => {
    const repo = new StoryRepository(ctx.db);
    const slug = randomUUID();
    const story = makeStory({ slug });
    await repo.insert(story);
    assert.equal((await repo.findByIdOrSlug(slug))?.id, story.id);
  });

  test('the derived columns and the German search vector are written with the story', async () => {
    const repo = new StoryRepository(ctx.db);
    const story = makeStory({
      section: 'Thüringen', topics: ['Landeshaushalt'], headline: 'Häuser an der Saale', teaser: 'Neue Brücken',
      body: [{ type: 'paragraph', content: [{ text: 'Die Bauarbeiten beginnen im Frühjahr.' }] }],
      broadcast: { startsAt: '2022-03-27T19:30:00+02:00' },
    });
    await repo.insert(story);
    const [row] = await ctx.db.query<Record<string, unknown>>(
      `SELECT section_slug, topics, broadcast_at, first_published_at, version,
              search @@ to_tsquery('german', 'Haus') AS headline_hit,
              search @@ to_tsquery('german', 'Bauarbeit') AS body_hit,
              search @@ to_tsquery('german', 'Landeshaushalt') AS topic_hit
         FROM stories WHERE id = $1`,
      [story.id],
    );
    assert.deepEqual(row, {
      section_slug: 'thueringen',
      topics: ['Landeshaushalt'],
      broadcast_at: '2022-03-27T17:30:00Z',
      first_published_at: new Date(story.firstPublishedAt!).toISOString().replace('.000Z', 'Z'),
      version: 1,
      headline_hit: true,
      body_hit: true,
      topic_hit: true,
    });
  });

  test('a taken slug is a CONFLICT naming the story that has it, also inside a transaction', async () => {
    const repo = new StoryRepository(ctx.db);
    const first = makeStory();
    await repo.insert(first);
    const clash = makeStory({ slug: first.slug });
    await assert.rejects(repo.insert(clash), lede('CONFLICT', new RegExp(`^slug "${first.slug}" is already used by story ${first.id}$`)));
    // In a transaction the conflict must not poison it: the caller can carry on.
    const other = makeStory();
    await ctx.db.transaction(async (tx) => {
      const txRepo = new StoryRepository(tx);
      await assert.rejects(txRepo.insert(clash), lede('CONFLICT'));
      await txRepo.insert(other);
    });
    assert.ok(await repo.get(other.id));
    await assert.rejects(repo.insert({ ...other, slug: 'fresh-slug-for-dup-id' }), lede('CONFLICT', /already exists/));
  });

  test('update replaces the story and bumps the version; a stale version is VERSION_CONFLICT', async () => {
    const repo = new StoryRepository(ctx.db);
    const story = makeStory();
    await repo.insert(story);
    const v2 = await repo.update({ ...story, headline: 'Neue Schlagzeile', slug: `${story.slug}-neu`, topics: [] }, 1);
    assert.equal(v2.version, 2);
    const stored = await repo.get(story.id);
    assert.deepEqual(stored, v2);
    assert.equal(await repo.getBySlug(story.slug), undefined);
    await assert.rejects(repo.update({ ...story, headline: 'Zu spät' }, 1), lede('VERSION_CONFLICT', /you edited version 1, the current version is 2/));
    await assert.rejects(repo.update(makeStory(), 1), lede('NOT_FOUND'));
    const other = makeStory();
    await repo.insert(other);
    await assert.rejects(repo.update({ ...v2, slug: other.slug }, 2), lede('CONFLICT', new RegExp(`used by story ${other.id}`)));
  });

  test('20 concurrent updates of the same version: exactly one wins', async () => {
    const repo = new StoryRepository(ctx.db);
    const story = makeStory();
    await repo.insert(story);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => repo.update({ ...story, headline: `Fassung ${i}` }, 1)),
    );
    const won = results.filter((r): r is PromiseFulfilledResult<Story> => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 19);
    for (const l of lost) lede('VERSION_CONFLICT')(l.reason);
    const stored = await repo.get(story.id);
    assert.equal(stored?.version, 2);
    assert.equal(stored?.headline, won[0]!.value.headline);
  });

  test('uniqueSlug appends -2, -3 … and respects the length limit', async () => {
    const repo = new StoryRepository(ctx.db);
    const base = `elbe-${randomUUID().slice(0, 8)}`;
    assert.equal(await repo.uniqueSlug(base), base);
    await repo.insert(makeStory({ slug: base }));
    assert.equal(await repo.uniqueSlug(base), `${base}-2`);
    await repo.insert(makeStory({ slug: `${base}-2` }));
    await repo.insert(makeStory({ slug: `${base}-3` }));
    assert.equal(await repo.uniqueSlug(base), `${base}-4`);
    assert.equal(await repo.slugExists(base), true);
    assert.equal(await repo.slugExists(`${base}-9`), false);
    const long = `${'a'.repeat(60)}-${'b'.repeat(59)}`; // 120 characters, the limit
    await repo.insert(makeStory({ slug: long }));
    const next = await repo.uniqueSlug(long);
    assert.equal(next, `${'a'.repeat(60)}-${'b'.repeat(57)}-2`);
    assert.ok(next.length <= 120);
  });

  test('a transaction that throws leaves nothing behind', async () => {
    const repo = new StoryRepository(ctx.db);
    const before = await repo.count();
    const story = makeStory();
    await assert.rejects(ctx.db.transaction(async (tx) => {
      await new StoryRepository(tx).insert(story);
      throw new Error('boom');
    }), /boom/);
    assert.equal(await repo.get(story.id), undefined);
    assert.equal(await repo.count(), before);
  });
});

forEachEngine('published lists', (ctx) => {
  // 25 published stories one minute apart; every 5th in "Sport", every 3rd on topic "Wahl"; plus drafts.
  const published: Story[] = [];
  const sameMinute: Story[] = [];
  const setUp = async () => {
    if (published.length) return;
    const repo = new StoryRepository(ctx.db);
    await ctx.db.transaction(async (tx) => {
      const r = new StoryRepository(tx);
      for (let i = 0; i < 25; i++) {
        const s = makeStory({
          firstPublishedAt: new Date(Date.UTC(2023, 4, 1, 8, i)).toISOString(),
          section: i % 5 === 0 ? 'Sport' : 'Politik',
          topics: i % 3 === 0 ? ['Wahl', 'Landtag'] : ['Landtag'],
        });
        published.push(s);
        await r.insert(s);
      }
      // Three stories published in the same instant: the id breaks the tie.
      for (let i = 0; i < 3; i++) {
        const s = makeStory({ firstPublishedAt: '2023-04-30T23:00:00+02:00', section: 'Kultur', topics: [] });
        sameMinute.push(s);
        await r.insert(s);
      }
      await r.insert(makeStory({ status: 'draft', firstPublishedAt: undefined, section: 'Politik' }));
    });
    assert.equal(await repo.count(), 29);
  };

  const ids = (list: StorySummary[]) => list.map((s) => s.id);
  const newestFirst = () => [...published].reverse();

  test('newest first, as summaries without the body', async () => {
    await setUp();
    const page = await new StoryRepository(ctx.db).listPublished({ limit: 5 });
    assert.deepEqual(ids(page), ids(newestFirst().slice(0, 5) as unknown as StorySummary[]));
    const first = page[0]!;
    const source = newestFirst()[0]!;
    assert.deepEqual(first, {
      id: source.id, slug: source.slug, kind: 'article', status: 'published', language: 'de',
      section: source.section, sectionSlug: source.section.toLowerCase(), topics: source.topics,
      kicker: source.kicker, headline: source.headline, teaser: source.teaser, firstPublishedAt: source.firstPublishedAt,
    });
  });

  test('keyset pages walk every published story exactly once, ties broken by id', async () => {
    await setUp();
    const repo = new StoryRepository(ctx.db);
    const seen: StorySummary[] = [];
    let before: { publishedAt: string; id: string } | undefined;
    for (;;) {
      const page = await repo.listPublished({ limit: 4, ...(before && { before }) });
      seen.push(...page);
      if (page.length < 4) break;
      const last = page[page.length - 1]!;
      before = { publishedAt: last.firstPublishedAt!, id: last.id };
    }
    const tied = [...sameMinute].sort((a, b) => (a.id < b.id ? 1 : -1));
    assert.deepEqual(ids(seen), [...ids(newestFirst() as unknown as StorySummary[]), ...tied.map((s) => s.id)]);
    assert.equal(await repo.countPublished({}), 28);
  });

  test('section, topic and excludeId filters, alone and with a cursor', async () => {
    await setUp();
    const repo = new StoryRepository(ctx.db);
    const sport = newestFirst().filter((s) => s.section === 'Sport');
    assert.deepEqual(ids(await repo.listPublished({ sectionSlug: 'sport', limit: 50 })), sport.map((s) => s.id));
    assert.equal(await repo.countPublished({ sectionSlug: 'sport' }), sport.length);
    const wahl = newestFirst().filter((s) => s.topics.includes('Wahl'));
    assert.deepEqual(ids(await repo.listPublished({ topic: 'Wahl', limit: 50 })), wahl.map((s) => s.id));
    assert.equal(await repo.countPublished({ topic: 'Wahl' }), wahl.length);
    const sportWahl = sport.filter((s) => s.topics.includes('Wahl'));
    assert.deepEqual(ids(await repo.listPublished({ sectionSlug: 'sport', topic: 'Wahl', limit: 50 })), sportWahl.map((s) => s.id));
    const rail = await repo.listPublished({ sectionSlug: 'sport', limit: 3, excludeId: sport[0]!.id });
    assert.deepEqual(ids(rail), sport.slice(1, 4).map((s) => s.id));
    const after2 = await repo.listPublished({ topic: 'Wahl', limit: 50, before: { publishedAt: wahl[1]!.firstPublishedAt!, id: wahl[1]!.id } });
    assert.deepEqual(ids(after2), wahl.slice(2).map((s) => s.id));
    assert.deepEqual(await repo.listPublished({ sectionSlug: 'nirgendwo', limit: 10 }), []);
    assert.deepEqual(await repo.listPublished({ limit: 0 }), []);
    assert.equal((await repo.listPublished({ limit: 10, excludeId: 'not-a-uuid' })).length, 10);
  });

  test('drafts never appear in lists or counts', async () => {
    await setUp();
    const repo = new StoryRepository(ctx.db);
    const all = await repo.listPublished({ limit: 100 });
    assert.ok(all.every((s) => s.status === 'published'));
    assert.equal(all.length, 28);
  });

  test('a broken cursor is a VALIDATION error, not a database error', async () => {
    const repo = new StoryRepository(ctx.db);
    await assert.rejects(repo.listPublished({ limit: 5, before: { publishedAt: 'gestern', id: randomUUID() } }), lede('VALIDATION'));
    await assert.rejects(repo.listPublished({ limit: 5, before: { publishedAt: '2022-01-01T00:00:00Z', id: '0000-0000' } }), lede('VALIDATION'));
  });
});
