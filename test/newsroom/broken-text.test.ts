/**
 * A NUL character cannot be stored in PostgreSQL text, and a lone UTF-16
 * surrogate is not a character: both are refused where every JSON body comes
 * in (the endpoint registry), naming the field, with nothing stored, on every
 * endpoint whatever its own schema says.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { brokenTextPaths } from '../../src/http/endpoints.js';
import { AccountService } from '../../src/services/account-service.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';

const PASSWORD = 'ein langes Passwort 2026';

test('brokenTextPaths finds NUL and lone surrogates in values and keys, and passes whole pairs', () => {
  assert.deepEqual(brokenTextPaths({ a: 'ok', b: ['x', 'y\u0000'], c: { d: 'z\ud800' }, 'e\udc00': 1 }), ['b[1]', 'c.d', 'e\udc00']);
  assert.deepEqual(brokenTextPaths({ emoji: 'Wahl 🗳️', umlaut: 'Übersicht', tab: 'a\tb' }), []);
  assert.deepEqual(brokenTextPaths({ end: 'x\ud83d' }), ['end'], 'a high surrogate at the very end');
  assert.deepEqual(brokenTextPaths({ start: '\ude00x' }), ['start'], 'a low surrogate without its high half');
});

for (const engine of engines()) {
  describe(`NUL and lone surrogates over HTTP on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: Hono;
    let admin: Browser;

    before(async () => {
      db = await engine.open();
      await new AccountService(db).createUser({ email: 'admin@example.org', name: 'Admin', role: 'admin', password: PASSWORD, language: 'de' }, { name: 'test' });
      app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
      admin = new Browser(app);
      await admin.apiLogin('admin@example.org', PASSWORD);
    });
    after(async () => {
      await db?.close();
    });

    const cases: Array<[string, string, string, unknown, string]> = [
      ['topic name with NUL', 'PUT', '/newsroom/api/topics/wahl', { name: 'Wahl\u0000' }, 'name'],
      ['topic name with a lone surrogate', 'PUT', '/newsroom/api/topics/wahl', { name: '\ud800Wahl' }, 'name'],
      ['story headline with NUL', 'POST', '/newsroom/api/stories', { kind: 'article', headline: 'A\u0000', body: [] }, 'headline'],
      ['user name with a lone surrogate', 'POST', '/newsroom/api/users', { email: 'x@example.org', name: 'X\udfff', role: 'author', password: PASSWORD }, 'name'],
    ];
    for (const [what, method, path, body, field] of cases) {
      test(`${what}: 422 naming the field (broken_text), nothing stored`, async () => {
        const res = await admin.api(method, path, body);
        assert.equal(res.status, 422);
        const answer = (await res.json()) as { error: { reason: string; issues: Array<{ path: string; code: string; text?: string }> } };
        assert.equal(answer.error.reason, 'input_invalid');
        assert.deepEqual(answer.error.issues.map((i) => [i.path, i.code]), [[field, 'broken_text']]);
        assert.match(answer.error.issues[0]!.text ?? '', /Nullzeichen/);
      });
    }

    test('nothing of the refused bodies was stored', async () => {
      assert.deepEqual(await db.query("SELECT slug FROM topics WHERE slug = 'wahl'"), []);
      assert.deepEqual(await db.query('SELECT id FROM stories'), []);
      assert.deepEqual(await db.query("SELECT id FROM users WHERE email = 'x@example.org'"), []);
    });
  });
}
