/**
 * Webhook subscriptions (issue 13): bad input is refused naming the field
 * (NUL bytes and lone surrogates included, never a database error); the
 * secret is a Standard Webhooks secret shown at creation only; private
 * addresses need the setting.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLedeError } from '../../src/content/index.js';
import { createServices } from '../../src/services/index.js';
import { webhookSettings } from '../../src/services/webhook-settings.js';
import { forEachEngine } from '../helpers/db.js';

const refusedAt = (path: string) => (e: unknown) => isLedeError(e) && e.code === 'VALIDATION' && e.issues.some((i) => i.path === path);

forEachEngine('webhook subscriptions', (ctx) => {
  test('bad input is refused by field, nothing stored', async () => {
    const hooks = createServices(ctx.db).webhooks;
    const ok = { url: 'https://hooks.example.org/lede', events: ['story.published'] };
    await assert.rejects(hooks.create({ ...ok, url: 'https://hooks.example.org/\u0000x' }), refusedAt('url'));
    await assert.rejects(hooks.create({ ...ok, description: 'Partner \uD800' }), refusedAt('description'));
    await assert.rejects(hooks.create({ ...ok, events: ['story.published', 'story.\u0000'] }), refusedAt('events[1]'));
    await assert.rejects(hooks.create({ ...ok, events: ['story.deleted'] }), refusedAt('events[0]'));
    await assert.rejects(hooks.create({ ...ok, events: [] }), refusedAt('events'));
    await assert.rejects(hooks.create({ url: 'ftp://hooks.example.org/' , events: ['story.published'] }), refusedAt('url'));
    await assert.rejects(hooks.create({ ...ok, url: 'http://169.254.169.254/' }), refusedAt('url'));
    await assert.rejects(hooks.create({ ...ok, url: 42 }), refusedAt('url'));
    await assert.rejects(hooks.create({ ...ok, active: 'yes' }), refusedAt('active'));
    await assert.rejects(hooks.create(null as never), refusedAt('(body)'));
    await assert.rejects(hooks.get('not-a-uuid'), (e: unknown) => isLedeError(e) && e.code === 'NOT_FOUND');
    assert.deepEqual(await hooks.list(), []);
  });

  test('a new subscription has a whsec_ secret, returned once; the list never shows it', async () => {
    const hooks = createServices(ctx.db).webhooks;
    const sub = await hooks.create({ url: 'https://hooks.example.org/a', events: ['story.published', 'story.published', 'topic.changed'], description: ' Partner A ' });
    assert.match(sub.secret, /^whsec_[A-Za-z0-9+/]+=*$/);
    assert.equal(Buffer.from(sub.secret.slice(6), 'base64').length, 24);
    assert.deepEqual(sub.events, ['story.published', 'topic.changed']);
    assert.equal(sub.description, 'Partner A');
    const listed = await hooks.list();
    assert.equal(listed.length, 1);
    assert.ok(!JSON.stringify(listed).includes(sub.secret));
    const changed = await hooks.update(sub.id, { active: false, events: ['story.depublished'] });
    assert.deepEqual([changed.active, changed.events, changed.url], [false, ['story.depublished'], 'https://hooks.example.org/a']);
    await hooks.remove(sub.id);
    await assert.rejects(hooks.get(sub.id), (e: unknown) => isLedeError(e) && e.code === 'NOT_FOUND');
  });

  test('adding, changing and removing a subscription is audited with who did it, never the secret; a refused one is not', async () => {
    const hooks = createServices(ctx.db).webhooks;
    await ctx.db.query("DELETE FROM audit_log WHERE action LIKE 'webhook.%'");
    const ada = { name: 'Ada Admin' };
    await assert.rejects(hooks.create({ url: 'ftp://x.example/', events: ['story.published'] }, ada));
    const sub = await hooks.create({ url: 'https://hooks.example.org/audit', events: ['story.published'] }, ada);
    await hooks.update(sub.id, { active: false }, { name: 'Ben Admin' });
    await hooks.remove(sub.id, ada);
    await assert.rejects(hooks.remove(sub.id, ada), (e: unknown) => isLedeError(e) && e.code === 'NOT_FOUND');
    const log = await ctx.db.query<{ actor: string; action: string; detail: Record<string, unknown> }>(
      "SELECT actor, action, detail FROM audit_log WHERE action LIKE 'webhook.%' ORDER BY id");
    assert.deepEqual(log.map((e) => [e.actor, e.action]), [['Ada Admin', 'webhook.created'], ['Ben Admin', 'webhook.changed'], ['Ada Admin', 'webhook.removed']]);
    assert.equal(log[0]!.detail.url, 'https://hooks.example.org/audit');
    assert.deepEqual(log[1]!.detail.changed, ['active']);
    assert.ok(!JSON.stringify(log).includes(sub.secret.slice(6)), 'the secret is never in the log');
  });

  test('a loopback URL is accepted only with the setting', async () => {
    await assert.rejects(createServices(ctx.db).webhooks.create({ url: 'http://127.0.0.1:8080/', events: ['story.published'] }), refusedAt('url'));
    const sub = await createServices(ctx.db, { webhooksAllowPrivate: true }).webhooks.create({ url: 'http://127.0.0.1:8080/', events: ['story.published'] });
    assert.equal(sub.url, 'http://127.0.0.1:8080/');
  });
});

test('webhook settings from the environment: defaults, flags, and a clear refusal', () => {
  assert.deepEqual(webhookSettings({}), { allowPrivate: false, pollMs: 3000 });
  assert.deepEqual(webhookSettings({ LEDE_WEBHOOKS_ALLOW_PRIVATE: 'true', LEDE_WEBHOOKS_POLL_MS: '500' }), { allowPrivate: true, pollMs: 500 });
  assert.throws(() => webhookSettings({ LEDE_WEBHOOKS_ALLOW_PRIVATE: 'maybe' }), /LEDE_WEBHOOKS_ALLOW_PRIVATE must be true or false/);
  assert.throws(() => webhookSettings({ LEDE_WEBHOOKS_POLL_MS: '5s' }), /LEDE_WEBHOOKS_POLL_MS must be/);
});
