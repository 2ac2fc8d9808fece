/**
 * Retention rules: published stories older than the most specific rule of
 * their section and kind are depublished by the scheduler's retention pass,
 * as the system, with the rule in the audit log and events for the caches.
 * Both engines; the clock is injected.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StoryDraft, StoryKind } from '../../src/content/index.js';
import { listAudit } from '../../src/store/audit-queries.js';
import { EventBus, type DomainEvent } from '../../src/events/event-bus.js';
import { Scheduler } from '../../src/services/scheduler.js';
import { StoryService } from '../../src/services/story-service.js';
import type { Database } from '../../src/store/index.js';
import { RetentionRepository, checkRetentionRules } from '../../src/store/retention-repository.js';
import { engines } from '../helpers/db.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const monthsAgo = (m: number, days = 0) => {
  const d = new Date(NOW);
  d.setUTCMonth(d.getUTCMonth() - m);
  d.setUTCDate(d.getUTCDate() - days);
  return d;
};

const draft = (headline: string, section: string, kind: StoryKind = 'article'): StoryDraft => ({
  kind, language: 'de', headline, authors: [{ name: 'Lena Vogt' }], topics: ['Archiv'], related: [], section,
  ...(kind === 'video' && { media: { durationSeconds: 90 } }),
  body: kind === 'liveticker' ? [{ type: 'ticker-entry', time: '2024-01-01T10:00:00+01:00', title: 'Beginn', body: [] }] : [{ type: 'paragraph', content: [{ text: 'Text.' }] }],
});

for (const engine of engines()) {
  describe(`retention rules on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let service: StoryService;
    const heard: DomainEvent[] = [];

    before(async () => {
      db = await engine.open();
      const events = new EventBus();
      events.subscribe((e) => void heard.push(e));
      service = new StoryService(db, events);
    });
    after(async () => {
      await db?.close();
    });

    /** A story published at `at` (the clock is set back to then). */
    const publishedAt = async (headline: string, section: string, at: Date, kind: StoryKind = 'article') => {
      const s = await service.create(draft(headline, section, kind), { now: at });
      return service.publish(s.id, { now: at });
    };

    test('the most specific rule wins; months null keeps forever; first publication counts', async () => {
      const repo = new RetentionRepository(db);
      await db.transaction(async (tx) => {
        const r = new RetentionRepository(tx);
        await r.replaceSection('*', [{ kind: '*', months: 24 }, { kind: 'liveticker', months: 1 }]);
        await r.replaceSection('nachrichten', [{ kind: '*', months: 12 }, { kind: 'video', months: null }]);
        await r.replaceSection('politik', [{ kind: 'liveticker', months: 36 }]);
      });
      const oldNews = await publishedAt('Alte Meldung', 'Nachrichten', monthsAgo(13));
      const youngNews = await publishedAt('Junge Meldung', 'Nachrichten', monthsAgo(11));
      const oldVideo = await publishedAt('Altes Video', 'Nachrichten', monthsAgo(40), 'video');
      const oldCulture = await publishedAt('Kultur von vor 25 Monaten', 'Kultur', monthsAgo(25));
      const cultureTicker = await publishedAt('Kultur-Ticker', 'Kultur', monthsAgo(2), 'liveticker');
      const politicsTicker = await publishedAt('Politik-Ticker', 'Politik', monthsAgo(30), 'liveticker');
      const draftOnly = await service.create(draft('Nie veröffentlicht', 'Nachrichten'), { now: monthsAgo(50) });
      // Edited recently, first published long ago: the first publication counts.
      await service.update(oldNews.id, { ...draft('Alte Meldung, neu bearbeitet', 'Nachrichten') }, { now: monthsAgo(0, 1) });

      const expired = await repo.expired(NOW.toISOString(), 100);
      const byId = new Map(expired.map((e) => [e.id, e.rule]));
      assert.deepEqual(byId.get(oldNews.id), { section: 'nachrichten', kind: '*', months: 12 });
      assert.deepEqual(byId.get(oldCulture.id), { section: '*', kind: '*', months: 24 });
      assert.deepEqual(byId.get(cultureTicker.id), { section: '*', kind: 'liveticker', months: 1 });
      for (const kept of [youngNews, oldVideo, politicsTicker, draftOnly]) assert.equal(byId.has(kept.id), false, kept.headline);
      assert.equal(expired.length, 3);
    });

    test('the pass depublishes as the system, audits the rule, tells the caches, and is bounded', async () => {
      heard.length = 0;
      const first = await service.runRetention(NOW, 2);
      assert.equal(first.length, 2, 'at most the limit per pass');
      const second = await service.runRetention(NOW, 2);
      assert.equal(second.length, 1);
      assert.deepEqual(await service.runRetention(NOW, 2), [], 'nothing left');
      const changed = [...first, ...second];
      for (const s of changed) {
        assert.equal(s.status, 'depublished');
        assert.equal(s.modifiedBy, undefined, 'the system, not a user');
      }
      assert.deepEqual(new Set(heard.map((e) => e.type)), new Set(['story.depublished']));
      assert.deepEqual(heard.map((e) => e.storyId).sort(), changed.map((s) => s.id).sort());
      const entries = (await listAudit(db, { limit: 50 })).filter((e) => e.action === 'story.depublished');
      assert.equal(entries.length, 3);
      for (const e of entries) {
        assert.equal(e.actor, 'system');
        assert.equal(e.actorId, null);
        assert.ok(e.detail.rule, 'the rule is recorded');
      }
      const news = entries.find((e) => e.storyId === changed.find((s) => s.headline.startsWith('Alte Meldung'))!.id)!;
      assert.deepEqual(news.detail.rule, { section: 'nachrichten', kind: '*', months: 12 });
      assert.equal(news.detail.from, 'published');
    });

    test('a story changed meanwhile is skipped, not overwritten (versioned like runDue)', async () => {
      const s = await publishedAt('Wird gleichzeitig bearbeitet', 'Kultur', monthsAgo(30));
      const [found] = (await new RetentionRepository(db).expired(NOW.toISOString(), 10)).filter((e) => e.id === s.id);
      assert.ok(found);
      await service.update(s.id, draft('Wird gleichzeitig bearbeitet (neu)', 'Kultur'), { now: NOW });
      // Simulate the pass having read the old version: depublish against it fails and is skipped by runRetention.
      await assert.rejects(service.depublish(s.id, { expectedVersion: found.version, now: NOW }), /changed meanwhile/);
      const done = await service.runRetention(NOW, 10);
      assert.deepEqual(done.map((x) => x.id), [s.id], 'the next pass picks it up at its new version');
    });

    test('a story put back online on purpose counts from then, not from its first publication', async () => {
    const s = await publishedAt('Wieder online', 'Kultur', monthsAgo(30));
    assert.ok((await new RetentionRepository(db).expired(NOW.toISOString(), 100)).some((e) => e.id === s.id));
    // Taken down by retention, then republished by an editor a month ago (the audit log records the move).
    await service.runRetention(NOW, 100);
    assert.equal((await service.get(s.id)).status, 'depublished');
    const republished = await service.publish(s.id, { now: monthsAgo(1), actor: { name: 'Redaktion' } });
    assert.equal(republished.status, 'published');
    await db.query("UPDATE audit_log SET at = $2::timestamptz WHERE story_id = $1::uuid AND action = 'story.published' AND detail->>'from' = 'depublished'", [s.id, monthsAgo(1).toISOString()]);
    assert.ok(!(await new RetentionRepository(db).expired(NOW.toISOString(), 100)).some((e) => e.id === s.id));
    // Two years after the republication it goes again.
    const later = new Date(NOW);
    later.setUTCMonth(later.getUTCMonth() + 24);
    assert.ok((await new RetentionRepository(db).expired(later.toISOString(), 100)).some((e) => e.id === s.id));
  });

  test('the scheduler runs the retention pass at most once per interval', async () => {
      await db.transaction((tx) => new RetentionRepository(tx).replaceSection('sport', [{ kind: '*', months: 1 }]));
      const s = await publishedAt('Altes Spiel', 'Sport', new Date(Date.now() - 90 * 86_400_000));
      const changed: string[] = [];
      const scheduler = new Scheduler(service, { intervalMs: 60_000, retentionIntervalMs: 3_600_000, onChange: (x) => changed.push(x.id) });
      await scheduler.tick();
      assert.ok(changed.includes(s.id));
      const t = await publishedAt('Noch ein altes Spiel', 'Sport', new Date(Date.now() - 90 * 86_400_000));
      await scheduler.tick();
      assert.ok(!changed.includes(t.id), 'not again within the interval');
      assert.equal((await service.get(t.id)).status, 'published');
      await scheduler.stop();
    });
  });
}

describe('retention rule checks', () => {
  test('kinds, months and sections are validated with a path per problem', () => {
    assert.deepEqual(checkRetentionRules('politik', [{ months: 12 }]), [{ kind: '*', months: 12 }]);
    assert.throws(() => checkRetentionRules('Politik!', []), /section/);
    assert.throws(() => checkRetentionRules('politik', {}), /rules/);
    assert.throws(() => checkRetentionRules('politik', [{ kind: 'article', months: 1.5 }]), /rules\.0\.months/);
    assert.throws(() => checkRetentionRules('politik', [{ kind: 'article', months: 1201 }]), /rules\.0\.months/);
    assert.throws(() => checkRetentionRules('politik', [{ kind: 'article', months: 1 }, { kind: 'article', months: 2 }]), /named twice/);
  });
});
