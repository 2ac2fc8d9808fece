/**
 * The webhook subscriptions API of the newsroom on both engines (issue 13):
 * admins only, the secret shown once, bad input named (NUL, surrogates,
 * unknown fields and events: 422, never 500), the delivery log and the
 * disabled notice, and a test event that reaches a real receiver signed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { AccountService } from '../../src/services/account-service.js';
import { createServices, type Services } from '../../src/services/index.js';
import { WebhookWorker } from '../../src/services/webhook-worker.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const PASSWORD = 'haken-passwort-1';
const CONFIG = { siteName: 'Lede Test', siteUrl: 'http://localhost' };

for (const engine of engines()) {
  describe(`webhooks API on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let services: Services;
    let app: Hono;
    let receiver: WebhookReceiver;

    before(async () => {
      db = await engine.open();
      const accounts = new AccountService(db);
      await accounts.createUser({ email: 'admin@example.org', name: 'Ada Admin', role: 'admin', password: PASSWORD }, { name: 'test' });
      await accounts.createUser({ email: 'cvd@example.org', name: 'Clara Dienst', role: 'editor', password: PASSWORD }, { name: 'test' });
      services = createServices(db, { webhooksAllowPrivate: true });
      app = createApp(db, CONFIG, { services });
      receiver = await startWebhookReceiver({ reply: (n) => (n === 0 ? { status: 410 } : { status: 204 }) });
    });
    after(async () => {
      await receiver?.close();
      await db?.close();
    });

    test('create, list, log, test event, switch off and on, delete', async () => {
      const admin = new Browser(app);
      await admin.apiLogin('admin@example.org', PASSWORD);
      const res = await admin.api('POST', '/newsroom/api/webhooks', { url: receiver.url, events: ['story.published'], description: 'Partner-App' });
      assert.equal(res.status, 201);
      const made = await res.json() as { id: string; secret: string; url: string; events: string[]; active: boolean };
      assert.match(made.secret, /^whsec_/);
      assert.deepEqual([made.url, made.events, made.active], [receiver.url, ['story.published'], true]);
      assert.equal(res.headers.get('location'), `/newsroom/api/webhooks/${made.id}`);
      receiver.setSecret(made.secret);
      const list = await (await admin.api('GET', '/newsroom/api/webhooks')).json() as Array<{ id: string }>;
      assert.deepEqual(list.map((s) => s.id), [made.id]);
      assert.ok(!JSON.stringify(list).includes(made.secret), 'the list never carries the secret');

      const t = await admin.api('POST', `/newsroom/api/webhooks/${made.id}/test`, {});
      assert.equal(t.status, 200);
      const { webhookId } = await t.json() as { webhookId: string };
      const worker = new WebhookWorker(db, { siteUrl: CONFIG.siteUrl, send: { allowPrivate: true }, retryDelay: () => 0, maxConsecutiveFailures: 1 });
      await worker.runOnce();
      assert.equal(receiver.received.length, 1);
      assert.deepEqual([receiver.received[0]!.id, receiver.received[0]!.verified, receiver.received[0]!.body.type], [webhookId, true, 'webhook.test']);

      const one = await (await admin.api('GET', `/newsroom/api/webhooks/${made.id}`)).json() as { active: boolean; disabledReason?: string; attempts: Array<{ statusCode: number; outboxId: string }> };
      assert.equal(one.active, false, 'one failure is enough with maxConsecutiveFailures 1');
      assert.match(one.disabledReason ?? '', /answered 410/);
      assert.deepEqual(one.attempts.map((a) => [a.outboxId, a.statusCode]), [[webhookId, 410]]);

      const on = await admin.api('PATCH', `/newsroom/api/webhooks/${made.id}`, { active: true });
      assert.equal(on.status, 200);
      assert.equal((await on.json() as { active: boolean }).active, true);
      await worker.runOnce();
      assert.equal(receiver.received.length, 2, 'the pending delivery goes out once switched on');
      assert.equal(receiver.received[1]!.id, webhookId, 'with the same id');

      assert.equal((await admin.api('DELETE', `/newsroom/api/webhooks/${made.id}`)).status, 204);
      assert.equal((await admin.api('GET', `/newsroom/api/webhooks/${made.id}`)).status, 404);
    });

    test('bad input is named, never a 500', async () => {
      const admin = new Browser(app);
      await admin.apiLogin('admin@example.org', PASSWORD);
      for (const [body, field] of [
        [{ url: 'https://hooks.example.org/\u0000', events: ['story.published'] }, 'url'],
        [{ url: 'https://hooks.example.org/a', events: ['story.published'], description: 'x\uDC00' }, 'description'],
        [{ url: 'https://hooks.example.org/a', events: ['story.gone'] }, 'events'],
        [{ url: 'gopher://hooks.example.org/a', events: ['story.published'] }, 'url'],
        [{ url: 'https://hooks.example.org/a', events: ['story.published'], secret: 'mine' }, 'secret'],
        [{ events: ['story.published'] }, 'url'],
      ] as const) {
        const res = await admin.api('POST', '/newsroom/api/webhooks', body);
        assert.ok(res.status === 400 || res.status === 422, `${JSON.stringify(body)} → ${res.status}`);
        const text = await res.text();
        assert.ok(text.includes(field), `${JSON.stringify(body)} names ${field}: ${text}`);
      }
      assert.equal((await admin.api('PATCH', '/newsroom/api/webhooks/not-an-id', { active: true })).status, 404);
    });

    test('the page: create by form shows the secret once, the log and the turned-off notice are shown, the nav links it', async () => {
      const admin = new Browser(app);
      await admin.login('admin@example.org', PASSWORD);
      const empty = await (await admin.request('/newsroom/webhooks')).text();
      assert.match(empty, /<h1>Webhooks<\/h1>/);
      assert.match(empty, /href="\/newsroom\/webhooks" aria-current="page"/);
      const csrf = await admin.csrf();
      const body = new URLSearchParams([['_csrf', csrf], ['url', receiver.url], ['events', 'story.published'], ['events', 'story.depublished'], ['description', 'Formular']]);
      const created = await admin.request('/newsroom/webhooks', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(created.status, 201);
      const html = await created.text();
      const secret = /value="(whsec_[A-Za-z0-9+/=]+)"/.exec(html)?.[1];
      assert.ok(secret, 'the secret is on the page once');
      const sub = (await services.webhooks.list()).find((s) => s.description === 'Formular')!;
      assert.deepEqual(sub.events, ['story.published', 'story.depublished']);
      const again = await (await admin.request('/newsroom/webhooks')).text();
      assert.ok(!again.includes(secret), 'never shown again');

      const bad = await admin.form('/newsroom/webhooks', { _csrf: csrf, url: 'ftp://x.example.org/', events: 'story.published' });
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /url:/);

      // A receiver answering 500 once, with a threshold of one: the worker turns the subscription off.
      await services.webhooks.sendTest(sub.id);
      const failing = await startWebhookReceiver({ reply: () => ({ status: 500 }) });
      try {
        await services.webhooks.update(sub.id, { url: failing.url });
        await new WebhookWorker(db, { siteUrl: CONFIG.siteUrl, send: { allowPrivate: true }, maxConsecutiveFailures: 1 }).runOnce();
      } finally {
        await failing.close();
      }
      const list = await (await admin.request('/newsroom/webhooks')).text();
      assert.match(list, /role="alert">Der Webhook an [^<]+ wurde abgeschaltet: turned off after 1 failed deliveries/);
      const log = await (await admin.request(`/newsroom/webhooks/${sub.id}`)).text();
      assert.match(log, /<code>webhook\.test<\/code>/);
      assert.match(log, /<td>500<br\/>/);
      const on = await admin.form(`/newsroom/webhooks/${sub.id}/active`, { _csrf: csrf, active: 'true' });
      assert.equal(on.status, 200);
      assert.equal((await services.webhooks.get(sub.id)).active, true);
      const gone = await admin.form(`/newsroom/webhooks/${sub.id}/delete`, { _csrf: csrf });
      assert.equal(gone.status, 200);
      assert.equal((await services.webhooks.list()).some((s) => s.id === sub.id), false);
    });

    test('editors may not manage webhooks', async () => {
      const editor = new Browser(app);
      await editor.apiLogin('cvd@example.org', PASSWORD);
      assert.equal((await editor.api('GET', '/newsroom/api/webhooks')).status, 403);
      assert.equal((await editor.request('/newsroom/webhooks')).status, 403);
      assert.ok(!(await (await editor.request('/newsroom')).text()).includes('/newsroom/webhooks'), 'no link for editors');
      assert.equal((await editor.api('POST', '/newsroom/api/webhooks', { url: 'https://hooks.example.org/a', events: ['story.published'] })).status, 403);
    });
  });
}
