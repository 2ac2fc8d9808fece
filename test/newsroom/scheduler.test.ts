import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StoryDraft } from '../../src/content/index.js';
import { EventBus, type DomainEvent } from '../../src/events/event-bus.js';
import { Scheduler } from '../../src/services/scheduler.js';
import { StoryService } from '../../src/services/story-service.js';
import { engines } from '../helpers/db.js';

const draft = (headline: string, extra: Partial<StoryDraft> = {}): StoryDraft => ({
  kind: 'article', language: 'de', headline, authors: [], topics: [], related: [], section: 'Welt',
  body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }], ...extra,
});

describe('the scheduler', () => {
  const engine = engines()[0]!;
  test('publishes what is due, tells listeners, and stops cleanly', { skip: engine.skip }, async () => {
    const db = await engine.open();
    try {
      const events = new EventBus();
      const heard: DomainEvent[] = [];
      events.subscribe((e) => void heard.push(e));
      const service = new StoryService(db, events);
      const soon = await service.create(draft('Bald online'));
      await service.schedule(soon.id, new Date(Date.now() - 1));
      const later = await service.create(draft('Später online'));
      await service.schedule(later.id, new Date(Date.now() + 3_600_000));
      const changed: string[] = [];
      const scheduler = new Scheduler(service, { intervalMs: 60_000, onChange: (s) => changed.push(s.headline) });
      await scheduler.tick();
      assert.deepEqual(changed, ['Bald online']);
      assert.deepEqual(heard.map((e) => [e.type, e.slug]), [['story.published', soon.slug]]);
      assert.equal((await service.get(later.id)).status, 'scheduled');
      // Overlapping passes share one run: nothing is published twice.
      await Promise.all([scheduler.tick(), scheduler.tick()]);
      assert.deepEqual(changed, ['Bald online']);
      scheduler.start();
      await scheduler.stop();
    } finally {
      await db.close();
    }
  });

  test('a failing pass is reported, not thrown', async () => {
    const failing = { runDue: async () => { throw new Error('database gone'); } } as unknown as StoryService;
    const errors: unknown[] = [];
    await new Scheduler(failing, { onError: (e) => errors.push(e) }).tick();
    assert.equal(errors.length, 1);
  });
});
