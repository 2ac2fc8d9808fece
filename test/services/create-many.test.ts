/**
 * StoryService.createMany, the import's batch path: each story validated and
 * checked as `create` does it, a refused one skipped and reported in its
 * place, the others stored with the same rows (story, revision, audit entry)
 * `create` writes, searchable at once; slugs unique within a batch and
 * against stored stories; nothing half-saved when a batch fails as a whole.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LedeError, type Story, type StoryDraft } from '../../src/content/index.js';
import { EventBus, type DomainEvent } from '../../src/events/event-bus.js';
import { StoryService, type CreateOutcome } from '../../src/services/story-service.js';
import { listAudit } from '../../src/store/audit-queries.js';
import { RevisionRepository, StoryRepository, type Database, type Queryable } from '../../src/store/index.js';
import { searchStories } from '../../src/store/search-queries.js';
import { engines } from '../helpers/db.js';

let n = 0;
const draft = (headline: string, more: Partial<StoryDraft> = {}): StoryDraft => ({
  kind: 'article', language: 'de', headline, authors: [{ name: 'Lena Vogt' }], topics: [], related: [], section: 'Politik',
  teaser: 'Kurzfassung.', body: [{ type: 'paragraph', content: [{ text: `Der Deichgraf meldet Stufe ${++n}.` }] }], ...more,
});

function stored(o: CreateOutcome | undefined): Story {
  assert.ok(o?.ok, `expected a stored story, got ${o && !o.ok ? String(o.error) : 'nothing'}`);
  return o.story;
}

function refused(o: CreateOutcome | undefined, code: string, reason: string): void {
  assert.ok(o && !o.ok, 'expected a refusal');
  assert.ok(o.error instanceof LedeError, String(o.error));
  assert.equal(o.error.code, code);
  assert.equal(o.error.reason, reason);
}

for (const engine of engines()) {
  describe(`StoryService.createMany on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let service: StoryService;
    const events: DomainEvent[] = [];

    before(async () => {
      db = await engine.open();
      const bus = new EventBus();
      bus.subscribe((e) => void events.push(e));
      service = new StoryService(db, bus);
    });
    after(async () => {
      await db?.close();
    });

    test('an invalid story and a taken slug are skipped and reported; the rest of the batch is stored', async () => {
      await service.create(draft('Schon da', { slug: 'schon-da' }), { status: 'published' });
      const before = await new StoryRepository(db).count();
      const out = await service.createMany([
        draft('Erste Meldung aus dem Landtag'),
        { ...draft('x'), headline: '' },
        draft('Zweite Meldung', { slug: 'schon-da' }),
        draft('Dritte Meldung', { slug: 'gewaehlt' }),
        draft('Vierte Meldung', { slug: 'gewaehlt' }),
        'not a story at all',
      ], { status: 'published' });
      assert.equal(out.length, 6);
      assert.equal(stored(out[0]).headline, 'Erste Meldung aus dem Landtag');
      refused(out[1], 'VALIDATION', 'story_invalid');
      refused(out[2], 'CONFLICT', 'slug_taken');
      assert.equal(stored(out[3]).slug, 'gewaehlt');
      refused(out[4], 'CONFLICT', 'slug_taken');
      refused(out[5], 'VALIDATION', 'story_invalid');
      assert.equal(await new StoryRepository(db).count(), before + 2, 'only the two good stories were stored');
      // Nothing of a refused story: no revision or audit entry without a story.
      const orphans = await db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM story_revisions r WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = r.story_id))
              + (SELECT count(*) FROM audit_log a WHERE a.story_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story_id)) AS n`,
      );
      assert.equal(Number(orphans[0]!.n), 0);
    });

    test('slugs are unique within a batch and against stored stories, numbered as one by one', async () => {
      const one = await service.create(draft('Hochwasser an der Elbe'), { status: 'draft' });
      assert.equal(one.slug, 'hochwasser-an-der-elbe');
      const out = await service.createMany([draft('Hochwasser an der Elbe'), draft('Hochwasser an der Elbe'), draft('Hochwasser an der Elbe', { slug: 'hochwasser-an-der-elbe-3' }), draft('Hochwasser an der Elbe')], { status: 'draft' });
      // The chosen slug -3 is kept free for its story; the generated ones go around it.
      assert.deepEqual(out.map((o) => stored(o).slug), ['hochwasser-an-der-elbe-2', 'hochwasser-an-der-elbe-4', 'hochwasser-an-der-elbe-3', 'hochwasser-an-der-elbe-5']);
      // More than one lookup round of candidates: 25 more with the same headline in one batch.
      const many = await service.createMany(Array.from({ length: 25 }, () => draft('Hochwasser an der Elbe')), { status: 'draft', batchSize: 10 });
      const slugs = many.map((o) => stored(o).slug);
      assert.deepEqual(slugs, Array.from({ length: 25 }, (_, i) => `hochwasser-an-der-elbe-${i + 6}`));
    });

    test('stored stories are searchable at once, their words suggested, and listeners told after the commit', async () => {
      events.length = 0;
      const out = await service.createMany([
        draft('Deichbruch bei Wittenberge', { body: [{ type: 'paragraph', content: [{ text: 'Die Helfer stapeln Sandsäcke am Elbufer.' }] }] }),
        draft('Entwurf über Sandsäcke', { body: [{ type: 'paragraph', content: [{ text: 'Sandsäcke, aber noch nicht veröffentlicht.' }] }] }),
      ], { status: 'published' });
      const [published] = out.map(stored);
      const found = await searchStories(db, { query: 'Sandsack', limit: 10 });
      assert.ok(found.hits.some((h) => h.story.id === published!.id), 'found by a stemmed word of its body');
      const words = await db.query<{ word: string }>("SELECT word FROM search_words WHERE key = 'wittenberge'");
      assert.equal(words[0]?.word, 'Wittenberge', 'headline words go into the suggestions, as for a single create');
      assert.deepEqual(events.map((e) => [e.type, e.storyId]).sort(), out.map((o) => ['story.published', stored(o).id]).sort());
    });

    test('revisions and audit entries are the rows create writes', async () => {
      const actor = { name: 'import' };
      const single = await service.create(draft('Einzeln gespeichert'), { status: 'published', actor });
      const [batchOutcome] = await service.createMany([draft('Im Stapel gespeichert')], { status: 'published', actor });
      const batch = stored(batchOutcome);
      const revisions = new RevisionRepository(db);
      const shape = async (s: Story) => {
        const [rev] = await revisions.list(s.id);
        const doc = await revisions.get(s.id, 1);
        const entries = (await listAudit(db, { storyId: s.id })).map((e) => ({ actor: e.actor, actorId: e.actorId, action: e.action, detail: e.detail }));
        return { version: rev?.version, note: rev?.note, savedBy: rev?.savedBy, count: (await revisions.list(s.id)).length, docIsStory: doc?.id === s.id && doc.headline === s.headline && doc.version === 1, entries };
      };
      assert.deepEqual(await shape(batch), await shape(single));
      assert.deepEqual((await shape(batch)).entries, [{ actor: 'import', actorId: null, action: 'story.published', detail: { version: 1 } }]);
      const drafts = await service.createMany([draft('Nur ein Entwurf')], { status: 'draft' });
      assert.deepEqual(await listAudit(db, { storyId: stored(drafts[0]).id }), [], 'a draft is not audited, as with create');
    });

    test('a batch whose transaction fails as a whole leaves nothing of it and is stored one by one', async () => {
      let failOnce = true;
      // A database whose first multi-row revision insert fails, after the stories of the batch were inserted.
      const flaky = {
        query: <T>(sql: string, params?: unknown[]) => db.query<T>(sql, params),
        transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn({
          query: async (sql: string, params?: unknown[]) => {
            if (failOnce && sql.includes('INSERT INTO story_revisions') && (params?.length ?? 0) > 6) {
              failOnce = false;
              throw new Error('connection lost');
            }
            return tx.query(sql, params);
          },
        } as Queryable)),
      };
      const flakyService = new StoryService(flaky);
      const before = await new StoryRepository(db).count();
      const out = await flakyService.createMany([draft('Eins im Stapel'), draft('Zwei im Stapel'), { ...draft('x'), headline: '' }], { status: 'published' });
      assert.equal(failOnce, false, 'the batch insert failed');
      const [a, b] = [stored(out[0]), stored(out[1])];
      refused(out[2], 'VALIDATION', 'story_invalid');
      assert.equal(await new StoryRepository(db).count(), before + 2, 'each story once: nothing of the failed batch stayed');
      for (const s of [a, b]) {
        assert.equal((await new RevisionRepository(db).list(s.id)).length, 1);
        assert.equal((await listAudit(db, { storyId: s.id })).length, 1);
      }
    });
  });
}
