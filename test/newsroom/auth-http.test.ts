import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { AccountService } from '../../src/services/account-service.js';
import { EndpointRegistry } from '../../src/http/endpoints.js';
import { createNewsroom } from '../../src/server/newsroom-app.js';
import { createServices } from '../../src/services/index.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';

const PASSWORD = 'redaktion-passwort-1';
const BASE = 'http://localhost';

for (const engine of engines()) {
  describe(`newsroom login, sessions and CSRF over HTTP on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: Hono;

    before(async () => {
      db = await engine.open();
      await new AccountService(db).createUser({ email: 'cvd@example.org', name: 'Clara Dienst', role: 'editor', password: PASSWORD }, { name: 'test' });
      app = createApp(db, { siteName: 'Lede Test', siteUrl: BASE }, { newsroomModules: [] });
    });
    after(async () => {
      await db?.close();
    });

    test('pages need a session: the login page is offered with the way back', async () => {
      const b = new Browser(app);
      const res = await b.request('/newsroom/account');
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/newsroom/login?next=%2Fnewsroom%2Faccount');
      const api = await b.request('/newsroom/api/me');
      assert.equal(api.status, 401);
      assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'UNAUTHORIZED');
      assert.equal(api.headers.get('cache-control'), 'no-store');
    });

    test('login sets a __Host- session cookie (HttpOnly, Secure, SameSite=Lax) with a new id each time', async () => {
      const b = new Browser(app);
      const res = await b.login('cvd@example.org', PASSWORD, '/newsroom/account');
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/newsroom/account');
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-lede_session='))!;
      assert.match(cookie, /; Path=\//);
      assert.match(cookie, /; HttpOnly/);
      assert.match(cookie, /; Secure/);
      assert.match(cookie, /; SameSite=Lax/);
      assert.doesNotMatch(cookie, /Domain=/i);
      const first = b.cookies.get('__Host-lede_session');
      const account = await b.request('/newsroom/account');
      assert.equal(account.status, 200);
      assert.match(await account.text(), /Clara Dienst · cvd@example\.org/);
      // Session fixation: a session id planted before login is never the one used after it.
      const victim = new Browser(app);
      victim.cookies.set('__Host-lede_session', 'vom-angreifer-gesetzt');
      await victim.login('cvd@example.org', PASSWORD);
      const issued = victim.cookies.get('__Host-lede_session');
      assert.ok(issued && issued !== 'vom-angreifer-gesetzt' && issued !== first, 'a fresh session id at every login');
    });

    test('wrong password and unknown address look the same; the login form is CSRF-protected; no open redirect', async () => {
      const b = new Browser(app);
      const wrong = await b.login('cvd@example.org', 'falsches-passwort');
      const unknown = await b.login('wer@example.org', PASSWORD);
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      const msg = (html: string) => /<p class="notice error" role="alert" id="login-error">([^<]*)<\/p>/.exec(html)?.[1];
      assert.equal(msg(await wrong.text()), msg(await unknown.text()));
      const forged = await b.form('/newsroom/login', { _login: 'erfunden', email: 'cvd@example.org', password: PASSWORD });
      assert.equal(forged.status, 403);
      assert.equal(b.cookies.has('__Host-lede_session'), false);
      const evil = await b.login('cvd@example.org', PASSWORD, '//evil.example/');
      assert.equal(evil.headers.get('location'), '/newsroom');
    });

    test('state changes need the CSRF token and a same-site origin', async () => {
      const b = new Browser(app);
      await b.login('cvd@example.org', PASSWORD);
      const form = { current: PASSWORD, next: 'ganz-neues-passwort', repeat: 'ganz-neues-passwort' };
      const without = await b.form('/newsroom/account/password', form);
      assert.equal(without.status, 403);
      assert.match(await without.text(), /CSRF/);
      const token = await b.csrf();
      const crossSite = await b.form('/newsroom/account/password', { ...form, _csrf: token }, { origin: 'https://evil.example' });
      assert.equal(crossSite.status, 403);
      const wrongRepeat = await b.form('/newsroom/account/password', { ...form, repeat: 'anders-als-neu', _csrf: token });
      assert.equal(wrongRepeat.status, 422);
      // Another session of the same user, to see it end.
      const other = new Browser(app);
      await other.login('cvd@example.org', PASSWORD);
      const ok = await b.form('/newsroom/account/password', { ...form, _csrf: token });
      assert.equal(ok.status, 200);
      assert.match(await ok.text(), /Das Passwort wurde geändert/);
      assert.equal((await other.request('/newsroom/api/me')).status, 401, 'the other session ended');
      assert.equal((await b.request('/newsroom/api/me')).status, 200, 'this one goes on');
      await new AccountService(db).resetPassword((await new AccountService(db).users.credentials('cvd@example.org'))!.user.id, PASSWORD, { name: 'test' });
    });

    test('an oversized form is refused with 413 before it is read, even on the public login', async () => {
      const big = 'a'.repeat(7 * 1024 * 1024);
      const declared = await new Browser(app).request('/newsroom/login', { method: 'POST', body: `email=${big}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(declared.status, 413);
      assert.match(await declared.text(), /Formular ist zu groß/);
      // Streamed without a length: counted as it arrives.
      const chunks = new ReadableStream({ start(ctl) { for (let i = 0; i < 8; i++) ctl.enqueue(new TextEncoder().encode('a'.repeat(1024 * 1024))); ctl.close(); } });
      const streamed = await app.request(`${BASE}/newsroom/login`, { method: 'POST', body: chunks, headers: { 'content-type': 'application/x-www-form-urlencoded' }, duplex: 'half' } as RequestInit);
      assert.equal(streamed.status, 413);
      // An ordinary login still goes through.
      const ok = await new Browser(app).login('cvd@example.org', PASSWORD);
      assert.equal(ok.status, 303);
    });

    test('the API changes the own password: the current one is checked, other sessions end, this one goes on', async () => {
      const b = new Browser(app);
      await b.apiLogin('cvd@example.org', PASSWORD);
      const other = new Browser(app);
      await other.apiLogin('cvd@example.org', PASSWORD);
      const wrong = await b.json('PUT', '/newsroom/api/me/password', { current: 'nicht-das-passwort', next: 'ein-ganz-neues-passwort' });
      assert.equal(wrong.status, 422);
      assert.match(wrong.body.error.message, /current password is wrong/);
      assert.equal((await other.request('/newsroom/api/me')).status, 200, 'a refusal ends nothing');
      const ok = await b.json('PUT', '/newsroom/api/me/password', { current: PASSWORD, next: 'ein-ganz-neues-passwort' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal((await other.request('/newsroom/api/me')).status, 401);
      assert.equal((await b.request('/newsroom/api/me')).status, 200);
      await new Browser(app).apiLogin('cvd@example.org', 'ein-ganz-neues-passwort'); // throws unless 200
      await b.json('PUT', '/newsroom/api/me/password', { current: 'ein-ganz-neues-passwort', next: PASSWORD });
    });

    test('logout ends the session on the server', async () => {
      const b = new Browser(app);
      await b.login('cvd@example.org', PASSWORD);
      const cookie = b.cookies.get('__Host-lede_session')!;
      const out = await b.form('/newsroom/logout', { _csrf: await b.csrf() });
      assert.equal(out.status, 303);
      assert.equal(b.cookies.has('__Host-lede_session'), false);
      // Replaying the old cookie does not work either.
      const replay = await app.request(`${BASE}/newsroom/api/me`, { headers: { cookie: `__Host-lede_session=${cookie}` } });
      assert.equal(replay.status, 401);
    });

    test('repeated failures end in 429 with Retry-After, for the form and the JSON login', async () => {
      const b = new Browser(app);
      await new AccountService(db).createUser({ email: 'opfer@example.org', name: 'Opfer', role: 'contributor', password: PASSWORD }, { name: 'test' });
      let last: Response | undefined;
      for (let i = 0; i < 7; i++) last = await b.login('opfer@example.org', `falsch-${i}-xxxxxx`);
      assert.equal(last!.status, 429);
      assert.ok(Number(last!.headers.get('retry-after')) >= 1);
      const json = await b.request('/newsroom/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'opfer@example.org', password: PASSWORD }) });
      assert.equal(json.status, 429);
      assert.ok(json.headers.get('retry-after'));
      const notJson = await b.request('/newsroom/api/login', { method: 'POST', body: 'email=x' , headers: { 'content-type': 'text/plain' } });
      assert.equal(notJson.status, 422);
    });
  });
}

describe('endpoint registration', () => {
  test('an endpoint without a known permission fails to register', () => {
    const registry = new EndpointRegistry(new Hono(), () => async (_c, next) => next());
    assert.throws(() => registry.add({ method: 'GET', path: '/x', kind: 'api', handler: (c: { text(s: string): Response }) => c.text('') } as never), /declares no known permission/);
    assert.throws(() => registry.add({ method: 'GET', path: '/x', kind: 'api', permission: 'story.everything' as never, handler: (c) => c.text('') }), /declares no known permission/);
    registry.add({ method: 'GET', path: '/x', kind: 'api', permission: 'story.list', handler: (c) => c.text('') });
    assert.throws(() => registry.add({ method: 'GET', path: '/x', kind: 'api', permission: 'story.list', handler: (c) => c.text('') }), /registered twice/);
  });

  test('only the login endpoints and assets are public', async () => {
    const engine = engines()[0]!;
    if (engine.skip) return;
    const db = await engine.open();
    try {
      const { registry } = createNewsroom(createServices(db), { siteName: 'x', siteUrl: BASE });
      const open = registry.endpoints.filter((e) => e.permission === 'public').map((e) => `${e.method} ${e.path}`).sort();
      assert.deepEqual(open, ['GET /newsroom/assets/:file', 'GET /newsroom/login', 'POST /newsroom/api/login', 'POST /newsroom/login']);
    } finally {
      await db.close();
    }
  });
});
