/**
 * The newsroom side of API keys on both engines: the JSON API and the page
 * (admins only; editors get 403), the secret shown once on creation and
 * never again, revocation by form with CSRF, German and English; and a key
 * made in the newsroom opening the /api/v1 gate until it is revoked.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { publicApiGate } from '../../src/api/public-keys-gate.js';
import { AccountService } from '../../src/services/account-service.js';
import { createServices, type Services } from '../../src/services/index.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';

const PASSWORD = 'schluessel-passwort-1';
const CONFIG = { siteName: 'Lede Test', siteUrl: 'http://localhost' };

for (const engine of engines()) {
  describe(`API keys in the newsroom on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let services: Services;
    let app: Hono;
    let api: Hono;

    before(async () => {
      db = await engine.open();
      const accounts = new AccountService(db);
      await accounts.createUser({ email: 'admin@example.org', name: 'Ada Admin', role: 'admin', password: PASSWORD }, { name: 'test' });
      await accounts.createUser({ email: 'admin-en@example.org', name: 'Eva Admin', role: 'admin', password: PASSWORD, language: 'en' }, { name: 'test' });
      await accounts.createUser({ email: 'cvd@example.org', name: 'Clara Dienst', role: 'editor', password: PASSWORD }, { name: 'test' });
      services = createServices(db, {});
      app = createApp(db, CONFIG, { services });
      api = new Hono();
      api.use('/api/v1/*', publicApiGate(services));
      api.get('/api/v1/ping', (c) => c.json({ pong: true }));
    });
    after(async () => {
      await db?.close();
    });

    const ping = (secret: string) => api.request('http://localhost/api/v1/ping', { headers: { authorization: `Bearer ${secret}` } }, { incoming: { socket: { remoteAddress: '192.0.2.5' } } });

    test('JSON API: create shows the secret once, the list never; revoke closes the gate', async () => {
      const admin = new Browser(app);
      await admin.apiLogin('admin@example.org', PASSWORD);
      const res = await admin.api('POST', '/newsroom/api/api-keys', { name: 'Mediathek-App', ratePerMinute: 1200, expiresAt: '2099-01-01T00:00:00+01:00' });
      assert.equal(res.status, 201);
      const made = await res.json() as { id: string; secret: string; prefix: string; ratePerMinute: number; createdByName: string; expiresAt: string; scope: string };
      assert.match(made.secret, /^lede_[A-Za-z0-9_-]{32}$/);
      assert.deepEqual([made.prefix, made.ratePerMinute, made.createdByName, made.scope], [made.secret.slice(0, 11), 1200, 'Ada Admin', 'public']);
      assert.equal(Date.parse(made.expiresAt), Date.parse('2098-12-31T23:00:00Z'));
      assert.equal(res.headers.get('location'), `/newsroom/api/api-keys/${made.id}`);
      const rows = await db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1', [made.id]);
      assert.equal(rows[0]!.key_hash, createHash('sha256').update(made.secret).digest('hex'));

      const list = await admin.api('GET', '/newsroom/api/api-keys');
      const text = await list.text();
      assert.ok(!text.includes(made.secret.slice(11)), 'the list never carries the secret');
      const listed = (JSON.parse(text) as Array<{ id: string; lastUsedAt: string | null; revokedAt: string | null }>).find((k) => k.id === made.id)!;
      assert.equal(listed.lastUsedAt, null);

      assert.equal((await ping(made.secret)).status, 200);
      // The gate notes the use without holding the answer back: wait for that write (on PostgreSQL it takes a round trip or two).
      let used = (await services.apiKeys.list()).find((k) => k.id === made.id)!;
      for (let i = 0; i < 200 && !used.lastUsedAt; i++) {
        await new Promise((r) => setTimeout(r, 10));
        used = (await services.apiKeys.list()).find((k) => k.id === made.id)!;
      }
      assert.ok(used.lastUsedAt, 'the last use is shown after a request');

      const revoked = await admin.api('POST', `/newsroom/api/api-keys/${made.id}/revoke`);
      assert.equal(revoked.status, 200);
      assert.equal(((await revoked.json()) as { revokedByName: string }).revokedByName, 'Ada Admin');
      assert.equal((await ping(made.secret)).status, 401, 'revoked at once on the node that revoked it');

      const again = await admin.api('POST', `/newsroom/api/api-keys/${made.id}/revoke`);
      assert.equal(again.status, 200, 'revoking twice is harmless');
      const log = await db.query<{ actor: string; action: string; detail: { key: string; name: string } }>(
        "SELECT actor, action, detail FROM audit_log WHERE action LIKE 'apikey.%' AND detail->>'key' = $1 ORDER BY id", [made.id]);
      assert.deepEqual(log.map((e) => [e.actor, e.action, e.detail.name]), [['Ada Admin', 'apikey.created', 'Mediathek-App'], ['Ada Admin', 'apikey.revoked', 'Mediathek-App']],
        'creation and revocation are audited once each, by name');
      assert.ok(!JSON.stringify(log).includes(made.secret.slice(11)), 'the audit log never carries the secret');
      const audited = await admin.api('GET', '/newsroom/audit');
      assert.match(await audited.text(), /API-Schlüssel angelegt/, 'the audit page names the action');

      const bad = await admin.api('POST', '/newsroom/api/api-keys', { name: '', ratePerMinute: 0, extra: 1 });
      assert.equal(bad.status, 422);
      const wrongRate = await admin.api('POST', '/newsroom/api/api-keys', { name: 'Null', ratePerMinute: 0 });
      assert.equal(wrongRate.status, 422);
      assert.equal(((await wrongRate.json()) as { error: { issues: Array<{ path: string }> } }).error.issues[0]!.path, 'ratePerMinute');
      const nul = await admin.api('POST', '/newsroom/api/api-keys', { name: 'a\u0000b' });
      assert.equal(nul.status, 422);
      const missing = await admin.api('POST', '/newsroom/api/api-keys/00000000-0000-4000-8000-000000000000/revoke');
      assert.equal(missing.status, 404);
    });

    test('an editor may neither list, create nor revoke keys (403), nor see the page', async () => {
      const editor = new Browser(app);
      await editor.apiLogin('cvd@example.org', PASSWORD);
      assert.equal((await editor.api('GET', '/newsroom/api/api-keys')).status, 403);
      assert.equal((await editor.api('POST', '/newsroom/api/api-keys', { name: 'Heimlich' })).status, 403);
      const { key } = await services.apiKeys.create({ name: 'Fremd' }, { name: 'test' });
      assert.equal((await editor.api('POST', `/newsroom/api/api-keys/${key.id}/revoke`)).status, 403);
      assert.equal((await services.apiKeys.repo.get(key.id))!.revokedAt, null);
      const pageBrowser = new Browser(app);
      await pageBrowser.login('cvd@example.org', PASSWORD);
      assert.equal((await pageBrowser.request('/newsroom/api-keys')).status, 403);
      const home = await (await pageBrowser.request('/newsroom')).text();
      assert.ok(!home.includes('/newsroom/api-keys'), 'no link for editors');
      assert.equal((await new Browser(app).request('/newsroom/api/api-keys')).status, 401);
    });

    test('the page: create by form shows the key once; revoke needs the CSRF token', async () => {
      const admin = new Browser(app);
      await admin.login('admin@example.org', PASSWORD);
      const empty = await (await admin.request('/newsroom/api-keys')).text();
      assert.match(empty, /<h1>API-Schlüssel<\/h1>/);
      assert.match(empty, /href="\/newsroom\/api-keys" aria-current="page"/);
      const csrf = await admin.csrf();
      const created = await admin.form('/newsroom/api-keys', { _csrf: csrf, name: 'Partnerseite', ratePerMinute: '90', expires: '2099-06-30' });
      assert.equal(created.status, 201);
      const html = await created.text();
      const secret = /id="new-secret"[^>]*value="(lede_[A-Za-z0-9_-]+)"/.exec(html)?.[1] ?? /value="(lede_[A-Za-z0-9_-]+)"[^>]*id="new-secret"/.exec(html)?.[1];
      assert.ok(secret, 'the new key is on the page');
      assert.match(html, /Kopieren Sie ihn jetzt/);
      const key = (await services.apiKeys.list()).find((k) => k.name === 'Partnerseite')!;
      assert.equal(key.ratePerMinute, 90);
      assert.equal(Date.parse(key.expiresAt!), Date.parse('2099-06-30T22:00:00Z'), 'valid through the whole Berlin day');
      assert.equal((await ping(secret)).status, 200);
      const again = await (await admin.request('/newsroom/api-keys')).text();
      assert.ok(!again.includes(secret), 'never shown again');
      assert.ok(again.includes(`${key.prefix}…`), 'the prefix identifies it');

      const forged = await admin.form(`/newsroom/api-keys/${key.id}/revoke`, {});
      assert.equal(forged.status, 403);
      assert.equal((await services.apiKeys.repo.get(key.id))!.revokedAt, null);
      const revoked = await admin.form(`/newsroom/api-keys/${key.id}/revoke`, { _csrf: csrf });
      assert.equal(revoked.status, 200);
      assert.match(await revoked.text(), /wurde widerrufen/);
      assert.equal((await ping(secret)).status, 401);

      const badDay = await admin.form('/newsroom/api-keys', { _csrf: csrf, name: 'Datum', ratePerMinute: '60', expires: '2099-02-30' });
      assert.equal(badDay.status, 422);
      assert.match(await badDay.text(), /Gültig bis/);
      const badRate = await admin.form('/newsroom/api-keys', { _csrf: csrf, name: 'Rate', ratePerMinute: 'viel' });
      assert.equal(badRate.status, 422);
      assert.match(await badRate.text(), /value="Rate"/, 'the form keeps what was typed');
    });

    test('in English for an English-speaking admin', async () => {
      const admin = new Browser(app);
      await admin.login('admin-en@example.org', PASSWORD);
      const html = await (await admin.request('/newsroom/api-keys')).text();
      assert.match(html, /<h1>API keys<\/h1>/);
      assert.match(html, /Create key/);
      assert.match(html, /Requests per minute/);
    });
  });
}
