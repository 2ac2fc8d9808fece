/**
 * Bad input that ended in a 500 (issue 10, item 10): each is a 4xx naming the
 * field now, with nothing stored, on both engines. Lone surrogates written as
 * JSON escapes, NUL in query strings and form fields, year 0000 in dates,
 * CR/LF in the login's `next`, bidi overrides in one-line fields; and text is
 * kept in Unicode normal form C.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { DiskStorage } from '../../src/storage/storage.js';
import { AccountService } from '../../src/services/account-service.js';
import { newsroomMedia } from '../../src/services/media-library.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';
import { gradient } from '../media/images.js';

const PASSWORD = 'ein langes Passwort 2026';
const API = '/newsroom/api/stories';

interface Refusal { error: { code: string; reason: string; issues?: Array<{ path: string; code: string }> } }

const article = (extra: Record<string, unknown> = {}) => ({
  kind: 'article', headline: 'Radweg beschlossen', section: 'Politik',
  body: [{ type: 'paragraph', content: [{ text: 'Der Stadtrat hat den Plan beschlossen.' }] }], ...extra,
});

for (const engine of engines()) {
  describe(`bad input is a 4xx naming the field on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: Hono;
    let admin: Browser;
    let csrf = '';
    let dir: string;

    before(async () => {
      db = await engine.open();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-bad-input-'));
      await new AccountService(db).createUser({ email: 'admin@example.org', name: 'Admin', role: 'admin', password: PASSWORD, language: 'en' }, { name: 'test' });
      const media = newsroomMedia({ db, storage: new DiskStorage(dir) });
      app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { media });
      admin = new Browser(app);
      await admin.apiLogin('admin@example.org', PASSWORD);
      csrf = await admin.csrf();
    });
    after(async () => {
      await db?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Sends `text` as the JSON body, byte for byte (JSON.stringify would never write a lone surrogate escape itself). */
    const rawJson = (method: string, url: string, text: string, headers: Record<string, string> = {}) =>
      admin.request(url, { method, body: text, headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, ...headers } });

    async function refused(res: Response, status: number, issues: Array<[string, string]>) {
      const text = await res.text();
      assert.equal(res.status, status, text.slice(0, 400));
      const body = JSON.parse(text) as Refusal;
      assert.deepEqual(body.error.issues?.map((i) => [i.path, i.code]), issues, text.slice(0, 400));
    }

    const storyCount = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM stories'))[0]!.n);

    test('lone surrogates written as \\ud800 escapes: create, save and ticker entries refuse them by field', async () => {
      await refused(await rawJson('POST', API, '{"kind":"article","headline":"Wahl \\ud800","body":[]}'), 422, [['headline', 'broken_text']]);
      const made = await admin.json('POST', API, article());
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const story = made.body as { id: string; version: number };
      const saved = JSON.stringify({ story: { ...article(), teaser: 'TEASER' } }).replace('TEASER', 'x\\udc00y');
      await refused(await rawJson('PUT', `${API}/${story.id}`, saved, { 'if-match': `"v${story.version}"` }), 422, [['story.teaser', 'broken_text']]);
      const ticker = await admin.json('POST', API, { kind: 'liveticker', headline: 'Hochwasser', section: 'Panorama', body: [{ type: 'ticker-entry', time: '2026-11-25T08:00:00+01:00', title: 'Pegel steigt' }] });
      assert.equal(ticker.status, 201, JSON.stringify(ticker.body));
      await refused(await rawJson('POST', `${API}/${(ticker.body as { id: string }).id}/ticker-entries`, '{"text":"Pegel \\ud83d steigt"}'), 422, [['text', 'broken_text']]);
    });

    test('NUL in query strings: the story list (API and page) and the media list name the parameter', async () => {
      await refused(await admin.request(`${API}?q=Wahl%00`), 422, [['q', 'broken_text']]);
      await refused(await admin.request(`${API}?topic=%00`), 422, [['topic', 'broken_text']]);
      await refused(await admin.request('/newsroom/api/media?q=%00'), 422, [['q', 'broken_text']]);
      const page = await admin.request('/newsroom?q=%00');
      assert.equal(page.status, 422);
      assert.match(await page.text(), /\bq\b.*NUL/);
    });

    test('NUL in form fields: the login email and a topic intro are refused by field, before anything is looked up', async () => {
      const visitor = new Browser(app);
      const loginPage = await (await visitor.request('/newsroom/login')).text();
      const token = /name="_login" value="([^"]+)"/.exec(loginPage)![1]!;
      const login = await visitor.form('/newsroom/login', { _login: token, email: 'admin@example.org\u0000', password: PASSWORD, next: '/newsroom' });
      assert.equal(login.status, 422);
      assert.match(await login.text(), /E-Mail-Adresse: enthält ein Nullzeichen/);
      const intro = await admin.form('/newsroom/topics/wahl', { _csrf: csrf, name: 'Wahl', intro: 'Alles zur\u0000 Wahl' });
      assert.equal(intro.status, 422);
      assert.match(await intro.text(), /Introduction: contains a NUL/);
      const multipart = new FormData();
      multipart.append('_csrf', csrf);
      // (A lone surrogate cannot travel in a form: UTF-8 has no bytes for it, the client sends U+FFFD. NUL can.)
      multipart.append('name', 'Wahl\u0000');
      const viaMultipart = await admin.request('/newsroom/topics/wahl', { method: 'POST', body: multipart });
      assert.equal(viaMultipart.status, 422);
      assert.deepEqual(await db.query("SELECT slug FROM topics WHERE slug = 'wahl'"), []);
    });

    test('year 0000 in firstPublishedAt, broadcast.startsAt and embargoUntil: 422 year_range, nothing stored', async () => {
      const before = await storyCount();
      const zero = '0000-01-01T00:00:00Z';
      const res = await admin.json('POST', API, article({ firstPublishedAt: zero, embargoUntil: zero }));
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.deepEqual((res.body as Refusal).error.issues!.map((i) => [i.path, i.code]), [['firstPublishedAt', 'year_range'], ['embargoUntil', 'year_range']]);
      const video = await admin.json('POST', API, article({ kind: 'audio', media: { type: 'audio', url: 'https://example.org/a.mp3', duration: 60 }, broadcast: { programme: 'Frühprogramm', startsAt: zero } }));
      assert.equal(video.status, 422, JSON.stringify(video.body));
      assert.ok((video.body as Refusal).error.issues!.some((i) => i.path === 'broadcast.startsAt' && i.code === 'year_range'), JSON.stringify(video.body));
      const far = await admin.json('POST', API, article({ embargoUntil: '2201-01-01T00:00:00Z' }));
      assert.equal(far.status, 422);
      assert.equal(await storyCount(), before);
    });

    test('a picture\'s validFrom "0000-01-01" is refused (it was stored as 1899)', async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await gradient(64, 48))], { type: 'image/jpeg' }), 'bild.jpg');
      const up = await admin.request('/newsroom/api/media', { method: 'POST', body: form, headers: { 'x-csrf-token': csrf } });
      assert.equal(up.status, 201, await up.clone().text());
      const asset = (await up.json()) as { id: string };
      const etag = up.headers.get('etag')!;
      await refused(await admin.api('PATCH', `/newsroom/api/media/${asset.id}`, { validFrom: '0000-01-01' }, { 'if-match': etag }), 422, [['validFrom', 'year_range']]);
      await refused(await admin.api('PATCH', `/newsroom/api/media/${asset.id}`, { validUntil: '0000-01-01T00:00:00Z' }, { 'if-match': etag }), 422, [['validUntil', 'year_range']]);
      // NUL in a media PATCH field, and in the rights fields of a multipart upload.
      await refused(await admin.api('PATCH', `/newsroom/api/media/${asset.id}`, { credit: 'dpa\u0000' }, { 'if-match': etag }), 422, [['credit', 'broken_text']]);
      const withRights = new FormData();
      withRights.append('credit', 'dpa\u0000');
      withRights.append('file', new Blob([new Uint8Array(await gradient(80, 40))], { type: 'image/jpeg' }), 'zwei.jpg');
      await refused(await admin.request('/newsroom/api/media', { method: 'POST', body: withRights, headers: { 'x-csrf-token': csrf } }), 422, [['credit', 'broken_text']]);
      const rows = await db.query<{ valid_from: unknown }>('SELECT valid_from FROM media_assets WHERE id = $1', [asset.id]);
      assert.equal(rows[0]!.valid_from, null);
    });

    test('a media list day bound in year 0000 is refused, not read as 1899', async () => {
      const res = await admin.request('/newsroom/api/media?from=0000-01-01');
      assert.equal(res.status, 422);
      const stories = await admin.request(`${API}?from=0000-01-01`);
      assert.equal(stories.status, 422);
    });

    test('CR/LF (and other non-local targets) in the login\'s next: the login goes to /newsroom, never a 500', async () => {
      for (const next of ['/newsroom\r\nSet-Cookie: x=1', '//evil.example/newsroom', '/\\evil.example', '/newsroom\\..\\x', 'https://evil.example/newsroom']) {
        const b = new Browser(app);
        const page = await (await b.request('/newsroom/login')).text();
        const token = /name="_login" value="([^"]+)"/.exec(page)![1]!;
        const res = await b.form('/newsroom/login', { _login: token, email: 'admin@example.org', password: PASSWORD, next });
        assert.equal(res.status, 303, `${JSON.stringify(next)}: ${res.status}`);
        assert.equal(res.headers.get('location'), '/newsroom', JSON.stringify(next));
      }
      const b = new Browser(app);
      const ok = await b.login('admin@example.org', PASSWORD, '/newsroom/media?q=x');
      assert.equal(ok.headers.get('location'), '/newsroom/media?q=x');
    });

    test('bidi overrides in one-line fields are refused by name; the body may quote right-to-left text', async () => {
      const res = await admin.json('POST', API, article({ headline: 'Gewinner: \u202etxet', kicker: 'Wahl\u2066', authors: [{ name: 'A\u202eB' }] }));
      assert.equal(res.status, 422);
      assert.deepEqual((res.body as Refusal).error.issues!.map((i) => [i.path, i.code]), [['kicker', 'bidi_control'], ['headline', 'bidi_control'], ['authors[0].name', 'bidi_control']]);
      const quoted = await admin.json('POST', API, article({ body: [{ type: 'paragraph', content: [{ text: 'Er sagte: \u2067مرحبا\u2069.' }] }] }));
      assert.equal(quoted.status, 201, JSON.stringify(quoted.body));
    });

    test('text is stored in normal form C', async () => {
      const res = await admin.json('POST', API, article({ headline: 'Cafe\u0301 am Ring', topics: ['Cafe\u0301s'] }));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const story = res.body as { headline: string; topics: string[] };
      assert.equal(story.headline, 'Caf\u00e9 am Ring');
      assert.deepEqual(story.topics, ['Caf\u00e9s']);
    });
  });
}
