/**
 * Security headers per area (issue 10, item 12): the reader's policy allows
 * its inline stylesheet by hash, not 'unsafe-inline'; the newsroom's allows
 * nothing inline, pictures only from this site, forms only to this site and
 * no framing; HSTS is sent when the request came over HTTPS, directly or
 * through a trusted proxy, and not otherwise. Headers do not depend on the
 * engine: PGlite only.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { AccountService } from '../../src/services/account-service.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { Browser } from '../helpers/newsroom-browser.js';
import { engines } from '../helpers/db.js';

const PASSWORD = 'kopfzeilen-passwort-1';

/** The directives of a CSP header, by name. */
function directives(csp: string | null): Map<string, string[]> {
  assert.ok(csp, 'a Content-Security-Policy header');
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

describe('security headers per area', () => {
  const pglite = engines()[0]!;
  let db: Database;
  let app: Hono;
  let proxied: Hono;
  let storyPath: string;
  let storyId: string;

  before(async () => {
    db = await pglite.open();
    const admin = await new AccountService(db).createUser({ email: 'ada@example.org', name: 'Ada', role: 'admin', password: PASSWORD }, { name: 'test' });
    const service = new StoryService(db);
    const created = await service.create({
      kind: 'article', language: 'de', headline: 'Kopfzeilen im Test', teaser: 'Was der Server sendet.', authors: [{ name: 'Lena Vogt' }],
      section: 'Politik', topics: [], related: [], lead: { kind: 'image', alt: 'Ein Bild', src: 'https://pictures.example.org/a.jpg' },
      body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }],
    }, { actor: { id: admin.id, name: admin.name } });
    const published = await service.publish(created.id, { actor: { id: admin.id, name: admin.name } });
    storyId = published.id;
    storyPath = `/politik/${published.slug}`;
    app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
    proxied = createApp(db, { siteName: 'Lede Test', siteUrl: 'https://news.example.org', trustProxy: true });
  });
  after(async () => {
    await db?.close();
  });

  test('reader pages and feeds: the inline stylesheet by its hash, no unsafe-inline, outside https pictures, forms only here', async () => {
    for (const path of ['/', storyPath, '/suche?q=Kopfzeilen', '/politik']) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      const csp = directives(res.headers.get('content-security-policy'));
      const html = await res.text();
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
      assert.equal(styles.length, 1, `${path}: one inline stylesheet`);
      const hash = `'sha256-${createHash('sha256').update(styles[0]!, 'utf8').digest('base64')}'`;
      assert.deepEqual(csp.get('style-src'), ["'self'", hash], `${path}: the stylesheet is allowed by exactly its hash`);
      assert.doesNotMatch(html, /\sstyle="/, `${path}: no style attributes`);
      assert.deepEqual(csp.get('script-src'), ["'self'"]);
      // A figure may name an outside https picture (this story's lead does): it must still show.
      assert.deepEqual(csp.get('img-src'), ["'self'", 'https:']);
      assert.deepEqual(csp.get('form-action'), ["'self'"]);
      assert.deepEqual(csp.get('frame-ancestors'), ["'self'"]);
      assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    }
    const article = await (await app.request(storyPath)).text();
    assert.match(article, /src="https:\/\/pictures\.example\.org\/a\.jpg"/, 'the outside picture is on the page the policy must allow');
    for (const path of ['/feed.xml', '/sitemap.xml', '/robots.txt', '/gibt-es-nicht/wirklich-nicht']) {
      const res = await app.request(path);
      assert.ok(!/unsafe-inline/.test(res.headers.get('content-security-policy') ?? ''), path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    }
  });

  test('newsroom pages and API: nothing inline, pictures only from here, forms only here, never framed', async () => {
    const b = new Browser(app);
    const login = await b.request('/newsroom/login');
    const api = await b.request('/newsroom/api/me');
    assert.equal(api.status, 401);
    await b.login('ada@example.org', PASSWORD);
    const list = await b.request('/newsroom');
    assert.equal(list.status, 200);
    for (const [what, res] of [['login page', login], ['story list', list], ['API', api]] as const) {
      const csp = directives(res.headers.get('content-security-policy'));
      assert.deepEqual(csp.get('style-src'), ["'self'"], what);
      assert.deepEqual(csp.get('img-src'), ["'self'"], what);
      assert.deepEqual(csp.get('script-src'), ["'self'"], what);
      assert.deepEqual(csp.get('form-action'), ["'self'"], what);
      assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], what);
      assert.deepEqual(csp.get('object-src'), ["'none'"], what);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', what);
    }
    // The media detail page placed its focal marker with a style attribute; the editor and the list have none either.
    for (const path of ['/newsroom', `/newsroom/stories/${storyId}`, '/newsroom/media', '/newsroom/topics', '/newsroom/users', '/newsroom/audit', '/newsroom/account']) {
      const html = await (await b.request(path)).text();
      assert.doesNotMatch(html, /\sstyle=|<style/, path);
    }
  });

  test('the draft preview is a reader page and gets the reader policy (its inline stylesheet, outside pictures)', async () => {
    const b = new Browser(app);
    await b.login('ada@example.org', PASSWORD);
    const csrf = await b.csrf();
    const story = await (await b.request(`/newsroom/api/stories/${storyId}`)).json();
    const res = await b.form(`/newsroom/stories/${storyId}/preview`, { _csrf: csrf, story: JSON.stringify(story) });
    assert.equal(res.status, 200, await res.clone().text());
    const csp = directives(res.headers.get('content-security-policy'));
    const style = /<style>([\s\S]*?)<\/style>/.exec(await res.text())![1]!;
    assert.ok(csp.get('style-src')!.includes(`'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`));
    assert.deepEqual(csp.get('form-action'), ["'self'"]);
  });

  test('HSTS over HTTPS, directly or through a trusted proxy; never over plain HTTP or from an untrusted header', async () => {
    const hsts = async (a: Hono, url: string, headers: Record<string, string> = {}) => (await a.request(url, { headers })).headers.get('strict-transport-security');
    for (const path of ['/', '/newsroom/login', '/newsroom/api/me', '/feed.xml']) {
      assert.equal(await hsts(app, `http://localhost${path}`), null, path);
      assert.equal(await hsts(app, `http://news.example.org${path}`, { 'x-forwarded-proto': 'https' }), null, `${path}: proxy not trusted`);
      assert.equal(await hsts(app, `https://news.example.org${path}`), 'max-age=31536000; includeSubDomains', `${path}: direct HTTPS`);
      assert.equal(await hsts(proxied, `http://news.example.org${path}`, { 'x-forwarded-proto': 'https' }), 'max-age=31536000; includeSubDomains', `${path}: trusted proxy`);
      assert.equal(await hsts(proxied, `http://news.example.org${path}`, { 'x-forwarded-proto': 'http' }), null, `${path}: proxy says http`);
      assert.equal(await hsts(proxied, `http://news.example.org${path}`), null, `${path}: no proxy header`);
    }
  });
});
