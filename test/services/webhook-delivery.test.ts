/**
 * Webhooks end to end (issue 13): a story write queues deliveries in its own
 * transaction; the worker signs and sends them to a real local receiver that
 * verifies each signature on its own; failures are retried with the same id,
 * per story in order; a subscription that keeps failing is turned off.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { createServices, type Services } from '../../src/services/index.js';
import { joinTransaction, StoryService } from '../../src/services/story-service.js';
import { WebhookWorker, type WebhookWorkerOptions } from '../../src/services/webhook-worker.js';
import { isLedeError } from '../../src/content/index.js';
import { forEachEngine } from '../helpers/db.js';
import { startWebhookReceiver, type Reply, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const SITE = 'https://news.example.org';
let counter = 0;
const draft = (extra: Record<string, unknown> = {}) => ({ kind: 'article', headline: `Deichbruch bei Magdeburg ${++counter}`, body: [{ type: 'paragraph', content: [{ text: 'Die Lage ist ernst.' }] }], ...extra });

forEachEngine('webhook delivery', (ctx) => {
  let services: Services;
  let receiver: WebhookReceiver;
  let replies: Reply[] = [];
  const worker = (more: Partial<WebhookWorkerOptions> = {}) => new WebhookWorker(ctx.db, {
    siteUrl: SITE, send: { allowPrivate: true, timeoutMs: 5_000 }, retryDelay: () => 0, ...more,
  });
  /** Runs rounds until one finds nothing due (retries use a zero delay here). */
  const drain = async (w: WebhookWorker) => {
    for (let i = 0; i < 50 && (await w.runOnce()) > 0;);
  };

  before(async () => {
    receiver = await startWebhookReceiver({ reply: (n) => replies[n] ?? { status: 204 } });
  });
  after(async () => receiver.close());
  beforeEach(async () => {
    services = createServices(ctx.db, {}, {});
    // Each test starts with no subscription and an empty outbox and log.
    await ctx.db.query('DELETE FROM webhook_subscriptions');
    receiver.received.length = 0;
    replies = [];
  });
  const subscribe = async (events = ['story.published', 'story.updated', 'story.corrected', 'story.depublished']) => {
    const sub = await createServices(ctx.db, { webhooksAllowPrivate: true }).webhooks.create({ url: receiver.url, events });
    receiver.setSecret(sub.secret);
    return sub;
  };
  const skipAnswered = () => receiver.requests; // requests before this test (replies are indexed from the receiver's start)

  test('a published story is delivered once, signed, with its stable id and public fields only', async () => {
    await subscribe();
    const offset = skipAnswered();
    replies = Array(offset).fill({ status: 204 });
    const story = await services.stories.create(draft({ section: 'Sachsen-Anhalt' }), { status: 'published' });
    const [row] = await ctx.db.query<{ id: string; state: string }>('SELECT id, state FROM webhook_outbox');
    assert.equal(row!.state, 'pending', 'queued by the write, not yet sent');
    await drain(worker());
    assert.equal(receiver.received.length, 1);
    const got = receiver.received[0]!;
    assert.equal(got.verified, true, 'the independent verifier accepts the signature');
    assert.equal(got.id, row!.id, 'webhook-id is the outbox row id');
    assert.equal(got.body.type, 'story.published');
    assert.deepEqual(got.body.data, {
      id: story.id, slug: story.slug, section: 'sachsen-anhalt',
      url: `${SITE}/sachsen-anhalt/${story.slug}`, api_url: `${SITE}/api/v1/stories/${story.id}`,
    });
    assert.ok(!got.raw.includes('Die Lage ist ernst'), 'no story content or internal fields in the payload');
    const [done] = await ctx.db.query<{ state: string; attempts: number }>('SELECT state, attempts FROM webhook_outbox WHERE id = $1', [row!.id]);
    assert.deepEqual(done, { state: 'delivered', attempts: 1 });
    await drain(worker());
    assert.equal(receiver.received.length, 1, 'nothing is sent twice');
  });

  test('a 500 is retried with the same id; the log records both attempts', async () => {
    const sub = await subscribe();
    const offset = skipAnswered();
    replies = [...Array(offset).fill({ status: 204 }), { status: 500 }, { status: 200 }];
    await services.stories.create(draft(), { status: 'published' });
    await drain(worker());
    assert.equal(receiver.received.length, 2);
    assert.equal(receiver.received[0]!.id, receiver.received[1]!.id);
    assert.ok(receiver.received.every((r) => r.verified));
    const log = await services.webhooks.attempts(sub.id);
    assert.deepEqual(log.map((a) => a.statusCode).reverse(), [500, 200]);
    assert.equal(log[0]!.state, 'delivered');
    assert.ok(log.every((a) => a.durationMs >= 0 && a.node.length > 0));
  });

  test('events of one story arrive in order, a later one waiting while an earlier one is retried', async () => {
    await subscribe();
    const offset = skipAnswered();
    replies = [...Array(offset).fill({ status: 204 }), { status: 503 }];
    const story = await services.stories.create(draft(), { status: 'published' });
    await services.stories.update(story.id, draft({ headline: 'Deich hält wieder' }));
    await services.stories.update(story.id, draft({ headline: 'Deich hält wieder' }), { correction: 'Der Ort war falsch.' });
    await services.stories.depublish(story.id);
    const w = worker();
    assert.equal(await w.runOnce(), 1, 'only the first event of the story is due');
    await drain(w);
    const seen = receiver.received.map((r) => r.body.type);
    assert.deepEqual(seen, ['story.published', 'story.published', 'story.updated', 'story.corrected', 'story.depublished']);
    assert.equal(new Set(receiver.received.map((r) => r.id)).size, 4, 'four deliveries, the first one twice');
  });

  test('a rolled back write queues nothing', async () => {
    await subscribe();
    await assert.rejects(ctx.db.transaction(async (tx) => {
      await new StoryService(joinTransaction(tx)).create(draft(), { status: 'published' });
      const [n] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_outbox');
      assert.equal(n!.n, 1, 'queued inside the transaction');
      throw new Error('changed my mind');
    }), /changed my mind/);
    const story = await services.stories.create(draft(), { status: 'draft' });
    await assert.rejects(services.stories.update(story.id, draft(), { expectedVersion: 99 }), (e: unknown) => isLedeError(e) && e.code === 'VERSION_CONFLICT');
    const [n] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_outbox');
    assert.equal(n!.n, 0);
    await drain(worker());
    assert.equal(receiver.received.length, 0);
  });

  test('only matching active subscriptions are told; drafts tell nobody', async () => {
    await subscribe(['story.depublished']);
    const story = await services.stories.create(draft(), { status: 'draft' });
    await services.stories.publish(story.id);
    const [n] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_outbox');
    assert.equal(n!.n, 0, 'published is not asked for');
    await services.stories.depublish(story.id);
    const rows = await ctx.db.query<{ event_type: string }>('SELECT event_type FROM webhook_outbox');
    assert.deepEqual(rows.map((r) => r.event_type), ['story.depublished']);
  });

  test('a subscription failing again and again is turned off with a reason; switching it on clears it', async () => {
    const sub = await subscribe();
    const offset = skipAnswered();
    replies = Array(offset).fill({ status: 204 }).concat(Array(10).fill({ status: 500 }));
    await services.stories.create(draft(), { status: 'published' });
    await drain(worker({ maxConsecutiveFailures: 3 }));
    assert.equal(receiver.received.length, 3);
    const off = await services.webhooks.get(sub.id);
    assert.equal(off.active, false);
    assert.match(off.disabledReason ?? '', /3 failed deliveries in a row.*HTTP 500|3 failed deliveries in a row.*answered 500/);
    const on = await services.webhooks.update(sub.id, { active: true });
    assert.equal(on.active, true);
    assert.equal(on.disabledReason, undefined);
    assert.equal(on.consecutiveFailures, 0);
  });

  test('a delivery past its retry window is failed, not retried', async () => {
    await subscribe();
    const offset = skipAnswered();
    replies = [...Array(offset).fill({ status: 204 }), { status: 500 }];
    await services.stories.create(draft(), { status: 'published' });
    await drain(worker({ retryForMs: 0 }));
    assert.equal(receiver.received.length, 1);
    const rows = await ctx.db.query<{ state: string; attempts: number }>('SELECT state, attempts FROM webhook_outbox');
    assert.deepEqual(rows, [{ state: 'failed', attempts: 1 }]);
  });

  test('a test event reaches the subscriber, whatever it subscribed to', async () => {
    const sub = await subscribe(['topic.changed']);
    const id = await services.webhooks.sendTest(sub.id);
    await drain(worker());
    assert.equal(receiver.received.length, 1);
    assert.equal(receiver.received[0]!.id, id);
    assert.equal(receiver.received[0]!.body.type, 'webhook.test');
    assert.equal(receiver.received[0]!.verified, true);
  });

  test('a subscription deleted while its delivery is out is no error; old finished deliveries are pruned, pending ones kept', async () => {
    const { recordAttempt, pruneOutbox } = await import('../../src/store/webhook-outbox.js');
    const sub = await subscribe();
    await services.stories.create(draft(), { status: 'published' });
    const { claimDue } = await import('../../src/store/webhook-outbox.js');
    const [claimed] = await claimDue(ctx.db, 10, 60_000);
    assert.ok(claimed);
    await services.webhooks.remove(sub.id);
    const policy = { retryDelayMs: 0, retryForMs: 1e9, maxConsecutiveFailures: 100, disableAfterMs: 1e9 };
    assert.equal(await recordAttempt(ctx.db, claimed, { ok: true, durationMs: 3, statusCode: 204, node: 't' }, policy), 'failed');

    const again = await subscribe();
    await services.stories.create(draft(), { status: 'published' });
    await services.stories.create(draft(), { status: 'published' });
    await drain(worker());
    await services.stories.create(draft(), { status: 'published' });
    await ctx.db.query(`UPDATE webhook_outbox SET created_at = now() - interval '40 days'`);
    assert.equal(await pruneOutbox(ctx.db, 30 * 24 * 3600_000), 2, 'the two delivered ones');
    const left = await ctx.db.query<{ state: string }>('SELECT state FROM webhook_outbox WHERE subscription_id = $1', [again.id]);
    assert.deepEqual(left, [{ state: 'pending' }]);
  });

  test('the worker wakes on the domain event after a commit', async () => {
    const { EventBus } = await import('../../src/events/event-bus.js');
    const events = new EventBus();
    await subscribe();
    const w = worker({ events, pollMs: 3_600_000 });
    w.start();
    try {
      const delivered = new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (receiver.received.length) {
            clearInterval(check);
            resolve();
          }
        }, 5);
      });
      await createServices(ctx.db, {}, { events }).stories.create(draft(), { status: 'published' });
      await delivered; // with an hour-long poll, only the wake-up can have sent it
      assert.equal(receiver.received[0]!.body.type, 'story.published');
    } finally {
      await w.stop();
    }
  });
});
