import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StoryDraft } from '../../src/content/index.js';
import { listAudit } from '../../src/store/audit-queries.js';
import { AccountService } from '../../src/services/account-service.js';
import { StoryService, draftOf } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { RevisionRepository, type Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

const draft = (headline: string, text: string): StoryDraft => ({
  kind: 'article', language: 'de', headline, authors: [{ name: 'Lena Vogt' }], topics: [], related: [], section: 'Politik',
  teaser: 'Kurzfassung.', body: [{ type: 'paragraph', content: [{ text }] }],
});

for (const engine of engines()) {
  describe(`revisions, corrections and the audit log on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let service: StoryService;
    let actor: { id: string; name: string };

    before(async () => {
      db = await engine.open();
      service = new StoryService(db);
      const user = await new AccountService(db).createUser({ email: 'lena@example.org', name: 'Lena Vogt', role: 'author', password: 'ein-langes-passwort' }, { name: 'test' });
      actor = { id: user.id, name: user.name };
    });
    after(async () => {
      await db?.close();
    });

    test('every save is a revision; restoring an old one is a new revision', async () => {
      const s1 = await service.create(draft('Erste Fassung', 'Text eins.'), { actor });
      assert.equal(s1.ownerId, actor.id);
      const s2 = await service.update(s1.id, draft('Zweite Fassung', 'Text zwei.'), { expectedVersion: 1, actor });
      await service.update(s1.id, draft('Dritte Fassung', 'Text drei.'), { expectedVersion: s2.version, actor });
      const restored = await service.restore(s1.id, 1, { actor });
      assert.equal(restored.version, 4);
      assert.equal(restored.headline, 'Erste Fassung');
      const revisions = await new RevisionRepository(db).list(s1.id);
      assert.deepEqual(revisions.map((r) => [r.version, r.note]), [[4, 'restored from 1'], [3, 'saved'], [2, 'saved'], [1, 'created']]);
      assert.ok(revisions.every((r) => r.savedByName === 'Lena Vogt'));
      assert.equal((await new RevisionRepository(db).get(s1.id, 2))?.headline, 'Zweite Fassung');
      await assert.rejects(service.restore(s1.id, 99), { code: 'NOT_FOUND' });
      assert.deepEqual(draftOf(restored).headline, 'Erste Fassung');
      assert.equal('version' in draftOf(restored), false);
    });

    test('ticker entries: a lost race is retried on the newer version; a ticker that never holds still gives up with ticker_busy', async () => {
      const live = { ...draft('Hochwasser im Ticker', 'x'), kind: 'liveticker' as const, body: [{ type: 'ticker-entry' as const, time: '2026-11-25T08:00:00+01:00', title: 'Pegel steigt', body: [] }] };
      const t = await service.create(live, { actor });
      let races = 2;
      // Someone else saves just after each read, twice: the entry still lands, on top of both saves.
      const added = await service.addTickerEntry(t.id, { text: 'Deich hält' }, {
        actor,
        check: async (s) => { if (races-- > 0) await service.update(s.id, draftOf(s), { expectedVersion: s.version }); },
      });
      assert.equal(added.story.version, t.version + 3);
      assert.equal(added.story.body[0]!.type === 'ticker-entry' && added.story.body[0]!.id, added.entryId);
      await assert.rejects(service.addTickerEntry(t.id, { text: 'Nie' }, {
        check: async (s) => { await service.update(s.id, draftOf(s), { expectedVersion: s.version }); },
      }), { code: 'CONFLICT', reason: 'ticker_busy' });
      const stored = await service.get(t.id);
      assert.ok(!JSON.stringify(stored.body).includes('Nie'), 'nothing half-saved');
    });

    test('a correction is public, kept in the history and audited; drafts cannot be corrected', async () => {
      const s = await service.create(draft('Landtag beschließt Haushalt', 'Mit 45 Stimmen.'), { status: 'published', actor });
      await assert.rejects(service.update(s.id, draft('x', 'y'), { correction: '  ' }), /correction: the correction note is required/);
      const fixed = await service.update(s.id, draft('Landtag beschließt Haushalt', 'Mit 44 Stimmen.'), {
        expectedVersion: s.version, actor, correction: 'Zunächst hieß es, 45 Abgeordnete hätten zugestimmt. Es waren 44.',
      });
      assert.equal(fixed.corrections?.length, 1);
      // A later ordinary save keeps the correction.
      const later = await service.update(s.id, draft('Landtag beschließt Haushalt', 'Mit 44 Stimmen. Nachtrag.'), { expectedVersion: fixed.version, actor });
      assert.equal(later.corrections?.[0]?.note, 'Zunächst hieß es, 45 Abgeordnete hätten zugestimmt. Es waren 44.');

      const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'https://news.example.org' });
      const html = await (await app.request(`/politik/${s.slug}`)).text();
      assert.match(html, /<aside class="corrections" aria-label="Korrekturen"><p><strong>Korrektur<\/strong> \(<time datetime="[^"]+">[^<]+<\/time>\): Zunächst hieß es, 45 Abgeordnete hätten zugestimmt\. Es waren 44\.<\/p><\/aside>/);
      const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!) as { correction?: { '@type': string; text: string }[] };
      assert.deepEqual(ld.correction?.map((c) => [c['@type'], c.text]), [['CorrectionComment', 'Zunächst hieß es, 45 Abgeordnete hätten zugestimmt. Es waren 44.']]);

      const draftStory = await service.create(draft('Noch ein Entwurf', 'Text.'));
      await assert.rejects(service.update(draftStory.id, draft('Noch ein Entwurf', 'Text!'), { correction: 'Fehler behoben' }), /only a published story can be corrected/);
      assert.equal((await service.get(draftStory.id)).version, 1, 'nothing saved');

      const log = await listAudit(db, { storyId: s.id });
      assert.deepEqual(log.map((e) => [e.action, e.actor]).reverse(), [['story.published', 'Lena Vogt'], ['story.corrected', 'Lena Vogt']]);
      assert.equal(log[0]!.detail.note, 'Zunächst hieß es, 45 Abgeordnete hätten zugestimmt. Es waren 44.');
    });

    test('publish, schedule and depublish are audited with who did it; the scheduler acts as system', async () => {
      const s = await service.create(draft('Termin', 'Text.'), { actor });
      await service.schedule(s.id, new Date(Date.now() - 1000), { actor });
      await service.runDue(new Date());
      await service.depublish(s.id, { actor });
      const log = (await listAudit(db, { storyId: s.id })).reverse();
      assert.deepEqual(log.map((e) => [e.action, e.actor]), [['story.scheduled', 'Lena Vogt'], ['story.published', 'system'], ['story.depublished', 'Lena Vogt']]);
    });
  });
}
