/**
 * Users admin, audit log, topics and sections over HTTP: the JSON API and the
 * server-rendered pages (plain forms), with permission checks per role.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type { StoryDraft } from '../../src/content/index.js';
import { AccountService } from '../../src/services/account-service.js';
import type { Role } from '../../src/content/roles.js';
import { listAudit } from '../../src/store/audit-queries.js';
import { EventBus, type DomainEvent } from '../../src/events/event-bus.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { decodeRelayMessage, encodeRelayMessage } from '../../src/events/event-relay.js';
import { PageCache, purgeKeysFor } from '../../src/site/page-cache.js';
import type { Database } from '../../src/store/index.js';
import { MAX_TOPIC_INTRO } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';

const PASSWORD = 'verwaltung-passwort-1';
const draft = (headline: string, extra: Partial<StoryDraft> = {}): StoryDraft => ({
  kind: 'article', language: 'de', headline, authors: [], topics: ['Landeshaushalt'], related: [], section: 'Politik',
  body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }], ...extra,
});

for (const engine of engines()) {
  describe(`users, audit log, topics and sections over HTTP on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: Hono;
    const events = new EventBus();
    const heard: DomainEvent[] = [];
    const cache = new PageCache();
    const ids = new Map<string, string>();
    const as = new Map<string, Browser>();

    before(async () => {
      db = await engine.open();
      events.subscribe((e) => void heard.push(e));
      const accounts = new AccountService(db);
      const people: Array<[string, Role, 'de' | 'en']> = [['admin', 'admin', 'de'], ['editor', 'editor', 'en'], ['author', 'author', 'de'], ['contributor', 'contributor', 'de']];
      for (const [key, role, language] of people) {
        const u = await accounts.createUser({ email: `${key}@example.org`, name: `Verwaltung ${key}`, role, password: PASSWORD, language }, { name: 'test' });
        ids.set(key, u.id);
      }
      app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { events, pageCache: cache });
      for (const [key] of people) {
        const b = new Browser(app);
        await b.apiLogin(`${key}@example.org`, PASSWORD);
        as.set(key, b);
      }
    });
    after(async () => {
      await db?.close();
    });

    test('users API: only admins; list, create, change role, disable ends sessions, reset password', async () => {
      const admin = as.get('admin')!;
      for (const who of ['editor', 'author', 'contributor']) {
        assert.equal((await as.get(who)!.api('GET', '/newsroom/api/users')).status, 403, who);
        assert.equal((await as.get(who)!.api('POST', '/newsroom/api/users', {})).status, 403, who);
      }
      const list = await admin.json<Array<{ email: string }>>('GET', '/newsroom/api/users');
      assert.equal(list.status, 200);
      assert.ok(list.body.some((u) => u.email === 'editor@example.org'));
      assert.ok(!JSON.stringify(list.body).includes('argon2'), 'no password hashes');

      const bad = await admin.json('POST', '/newsroom/api/users', { email: 'kein-mail', name: '', role: 'chef', password: 'kurz' });
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body.error.issues.map((i: { path: string }) => i.path).sort(), ['password', 'role']);
      const created = await admin.json('POST', '/newsroom/api/users', { email: 'neu@example.org', name: 'Nina Neu', role: 'contributor', password: PASSWORD, language: 'en' });
      assert.equal(created.status, 201);
      assert.equal(created.res.headers.get('location'), `/newsroom/api/users/${created.body.id}`);
      assert.equal((await admin.json('POST', '/newsroom/api/users', { email: 'NEU@example.org', name: 'Doppelt', role: 'contributor', password: PASSWORD })).status, 409);

      const nina = new Browser(app);
      await nina.apiLogin('neu@example.org', PASSWORD);
      const promoted = await admin.json('PATCH', `/newsroom/api/users/${created.body.id}`, { role: 'author', name: 'Nina Neumann' });
      assert.equal(promoted.status, 200);
      assert.equal(promoted.body.role, 'author');
      assert.equal(promoted.body.name, 'Nina Neumann');
      assert.equal((await admin.json('PATCH', `/newsroom/api/users/${created.body.id}`, { role: 'chef', extra: 1 })).status, 422);
      assert.equal((await admin.json('PATCH', '/newsroom/api/users/00000000-0000-4000-8000-000000000000', { role: 'author' })).status, 404);

      assert.equal((await nina.api('GET', '/newsroom/api/me')).status, 200);
      const disabled = await admin.json('PATCH', `/newsroom/api/users/${created.body.id}`, { disabled: true });
      assert.equal(disabled.body.disabled, true);
      assert.equal((await nina.api('GET', '/newsroom/api/me')).status, 401, 'disabling ended the session');
      await admin.json('PATCH', `/newsroom/api/users/${created.body.id}`, { disabled: false, password: 'ein-ganz-neues-passwort' });
      const again = new Browser(app);
      await again.apiLogin('neu@example.org', 'ein-ganz-neues-passwort');

      const log = await listAudit(db, { limit: 20 });
      const mine = log.filter((e) => e.userId === created.body.id).map((e) => e.action);
      for (const action of ['user.created', 'user.role', 'user.disabled', 'user.enabled', 'user.password']) assert.ok(mine.includes(action as never), action);
      assert.equal(log.find((e) => e.action === 'user.role' && e.userId === created.body.id)?.actor, 'Verwaltung admin');
    });

    test('the last enabled administrator cannot be demoted or disabled (422); with a second one it works', async () => {
      const admin = as.get('admin')!;
      const adminId = ids.get('admin')!;
      const demote = await admin.json('PATCH', `/newsroom/api/users/${adminId}`, { role: 'editor' });
      assert.equal(demote.status, 422);
      assert.match(demote.body.error.message, /only enabled administrator/);
      // Disabling oneself is refused too (and would be the last admin anyway).
      assert.equal((await admin.json('PATCH', `/newsroom/api/users/${adminId}`, { disabled: true })).status, 422);
      // A disabled second admin does not count.
      const second = await admin.json('POST', '/newsroom/api/users', { email: 'zweite@example.org', name: 'Zweite Admin', role: 'admin', password: PASSWORD });
      await admin.json('PATCH', `/newsroom/api/users/${second.body.id}`, { disabled: true });
      assert.equal((await admin.json('PATCH', `/newsroom/api/users/${adminId}`, { role: 'editor' })).status, 422);
      await admin.json('PATCH', `/newsroom/api/users/${second.body.id}`, { disabled: false });
      // With two enabled admins, either may be demoted.
      const ok = await admin.json('PATCH', `/newsroom/api/users/${second.body.id}`, { role: 'editor' });
      assert.equal(ok.status, 200);
      const page = await admin.form(`/newsroom/users/${adminId}`, { _csrf: await admin.csrf(), action: 'role', role: 'author' });
      assert.equal(page.status, 422);
      assert.match(await page.text(), /role="alert">Das ist die einzige aktive Administration/);
    });

    test('users page: list, create, change role, disable, reset password with plain forms (German)', async () => {
      const admin = as.get('admin')!;
      const res = await admin.request('/newsroom/users');
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<h1>Benutzer<\/h1>/);
      assert.match(html, /Verwaltung editor/);
      assert.match(html, /Chef vom Dienst/);
      assert.equal((await as.get('editor')!.request('/newsroom/users')).status, 403);
      const csrf = await admin.csrf();
      const created = await admin.form('/newsroom/users', { _csrf: csrf, name: 'Fritz Form', email: 'fritz@example.org', role: 'author', language: 'de', password: PASSWORD });
      assert.equal(created.status, 200);
      assert.match(await created.text(), /Das Konto für Fritz Form wurde angelegt/);
      const fritz = (await new AccountService(db).users.credentials('fritz@example.org'))!.user;
      const role = await admin.form(`/newsroom/users/${fritz.id}`, { _csrf: csrf, action: 'role', role: 'editor' });
      assert.match(await role.text(), /Fritz Form wurde geändert/);
      await admin.form(`/newsroom/users/${fritz.id}`, { _csrf: csrf, action: 'disable' });
      assert.equal((await new AccountService(db).users.byId(fritz.id))!.disabled, true);
      const pw = await admin.form(`/newsroom/users/${fritz.id}`, { _csrf: csrf, action: 'password', password: 'kurz' });
      assert.equal(pw.status, 422);
      const dup = await admin.form('/newsroom/users', { _csrf: csrf, name: 'Fritz Zwei', email: 'fritz@example.org', role: 'author', language: 'de', password: PASSWORD });
      assert.equal(dup.status, 409);
      assert.match(await dup.text(), /value="Fritz Zwei"/, 'the form keeps what was typed');
      assert.equal((await admin.form('/newsroom/users', { name: 'Ohne Token', email: 'x@example.org', role: 'author', password: PASSWORD })).status, 403, 'CSRF');
    });

    test('audit API and page: editors and admins; filter by story; German and English', async () => {
      const service = new StoryService(db);
      const s = await service.create(draft('Haushalt beschlossen'), { actor: { id: ids.get('editor')!, name: 'Verwaltung editor' } });
      await service.publish(s.id, { actor: { id: ids.get('editor')!, name: 'Verwaltung editor' } });
      for (const who of ['author', 'contributor']) assert.equal((await as.get(who)!.api('GET', '/newsroom/api/audit')).status, 403);
      const all = await as.get('editor')!.json<Array<{ action: string; storyId: string | null }>>('GET', '/newsroom/api/audit?limit=5');
      assert.equal(all.status, 200);
      assert.ok(all.body.length <= 5);
      const one = await as.get('admin')!.json<Array<{ action: string; storyId: string }>>('GET', `/newsroom/api/audit?story=${s.id}`);
      assert.deepEqual(one.body.map((e) => e.action), ['story.published']);
      assert.equal((await as.get('admin')!.api('GET', '/newsroom/api/audit?story=kein-beitrag')).status, 422);
      assert.equal((await as.get('admin')!.api('GET', '/newsroom/api/audit?limit=0')).status, 422);

      const de = await (await as.get('admin')!.request(`/newsroom/audit?story=${s.id}`)).text();
      assert.match(de, /<h1>Protokoll<\/h1>/);
      assert.match(de, /veröffentlicht/);
      assert.match(de, new RegExp(`href="/newsroom/stories/${s.id}/revisions">Haushalt beschlossen`));
      const en = await (await as.get('editor')!.request('/newsroom/audit')).text();
      assert.match(en, /<h1>Audit log<\/h1>/);
      assert.match(en, /role changed/);
      assert.equal((await as.get('author')!.request('/newsroom/audit')).status, 403);
      const bad = await as.get('admin')!.request('/newsroom/audit?limit=abc');
      assert.equal(bad.status, 422);
    });

    test('topics: everyone lists, editors save; saving purges the cached topic page on the bus', async () => {
      const service = new StoryService(db, events);
      await service.create(draft('Thema mit Seite', { topics: ['Landeshaushalt'] }), { status: 'published' });
      const topics = await as.get('contributor')!.json<Array<{ slug: string; stories: number }>>('GET', '/newsroom/api/topics');
      assert.equal(topics.status, 200);
      assert.ok(topics.body.find((t) => t.slug === 'landeshaushalt')!.stories >= 1);
      assert.equal((await as.get('author')!.api('PUT', '/newsroom/api/topics/landeshaushalt', { name: 'Landeshaushalt', intro: 'x' })).status, 403);

      // The topic page is cached, then purged by the save.
      const first = await app.request('http://localhost/thema/landeshaushalt');
      assert.equal(first.status, 200);
      assert.ok(cache.size > 0);
      heard.length = 0;
      const saved = await as.get('editor')!.json('PUT', '/newsroom/api/topics/landeshaushalt', { name: 'Landeshaushalt', intro: 'Wofür das Land Geld ausgibt.\n\nUnd wofür nicht.' });
      assert.equal(saved.status, 200);
      assert.equal(saved.body.intro, 'Wofür das Land Geld ausgibt.\n\nUnd wofür nicht.');
      assert.deepEqual(heard.map((e) => [e.type, e.topics]), [['topic.updated', ['landeshaushalt']]]);
      assert.ok(purgeKeysFor(heard[0]!).includes('topic:landeshaushalt'));
      const page = await (await app.request('http://localhost/thema/landeshaushalt')).text();
      assert.match(page, /Wofür das Land Geld ausgibt/);
      // Other nodes understand the event (not an "unreadable" purge-everything).
      const relayed = decodeRelayMessage(encodeRelayMessage('node-a', heard[0]!).payload);
      assert.ok('event' in relayed && relayed.event.type === 'topic.updated');

      assert.equal((await as.get('editor')!.api('PUT', '/newsroom/api/topics/landeshaushalt', { name: '' })).status, 422);
      assert.equal((await as.get('editor')!.api('PUT', '/newsroom/api/topics/Kein%20Slug', { name: 'X' })).status, 404);

      // Pages: the list for everyone, the forms for editors.
      const list = await (await as.get('contributor')!.request('/newsroom/topics')).text();
      assert.match(list, /Landeshaushalt/);
      assert.doesNotMatch(list, /action="\/newsroom\/topics"/);
      assert.equal((await as.get('contributor')!.request('/newsroom/topics/landeshaushalt')).status, 403);
      const editor = as.get('editor')!;
      const edit = await (await editor.request('/newsroom/topics/landeshaushalt')).text();
      assert.match(edit, /Wofür das Land Geld ausgibt/);
      // The form names the version it shows (topics are versioned like stories).
      const shown = /<input type="hidden" name="version" value="(\d+)"/.exec(edit)?.[1];
      assert.ok(shown, 'the edit form carries the topic version');
      const post = await editor.form('/newsroom/topics/landeshaushalt', { _csrf: await editor.csrf(), name: 'Landeshaushalt', intro: 'Neu formuliert.', version: shown! });
      assert.equal(post.status, 303);
      assert.equal(post.headers.get('location'), '/newsroom/topics?saved=Landeshaushalt');
      const created = await editor.form('/newsroom/topics', { _csrf: await editor.csrf(), name: 'Nahverkehr im Land', intro: '' });
      assert.equal(created.status, 303);
      assert.ok((await editor.json<Array<{ slug: string }>>('GET', '/newsroom/api/topics')).body.some((t) => t.slug === 'nahverkehr-im-land'));
      // A refused form says why in the editor's language, naming the field.
      const empty = await editor.form('/newsroom/topics', { _csrf: await editor.csrf(), name: '  ', intro: '' });
      assert.equal(empty.status, 422);
      const emptyHtml = await empty.text();
      // This editor works in English; issue-text.test.ts covers German.
      assert.match(emptyHtml, /Name: required/);
      assert.doesNotMatch(emptyHtml, /is invalid|slug/);
      const tooLong = await editor.form('/newsroom/topics/landeshaushalt', { _csrf: await editor.csrf(), name: 'Landeshaushalt', intro: 'x'.repeat(MAX_TOPIC_INTRO + 1) });
      assert.equal(tooLong.status, 422);
      assert.match(await tooLong.text(), new RegExp(`Introduction: at most ${MAX_TOPIC_INTRO} characters, now ${MAX_TOPIC_INTRO + 1}`));
      const api = await editor.json<{ error: { issues: { path: string; code: string }[] } }>('PUT', '/newsroom/api/topics/landeshaushalt', { name: '' });
      assert.deepEqual(api.body.error.issues.map((i) => [i.path, i.code]), [['name', 'required']]);
    });

    test('two editors save one topic: the second gets 412 with both versions and nothing of theirs is saved; 428 without If-Match', async () => {
      const editor = as.get('editor')!;
      const admin = as.get('admin')!;
      const read = await admin.json<{ version: number; intro: string }>('GET', '/newsroom/api/topics/landeshaushalt');
      assert.equal(read.status, 200);
      const etag = read.res.headers.get('etag')!;
      assert.equal(etag, `"v${read.body.version}"`);
      // Both loaded the same version; the editor saves first.
      const first = await editor.json('PUT', '/newsroom/api/topics/landeshaushalt', { name: 'Landeshaushalt', intro: 'Fassung der Redaktion.' }, { 'if-match': etag });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.version, read.body.version + 1);
      assert.equal(first.res.headers.get('etag'), `"v${read.body.version + 1}"`);
      heard.length = 0;
      const second = await admin.json('PUT', '/newsroom/api/topics/landeshaushalt', { name: 'Landeshaushalt 2027', intro: 'Fassung der Verwaltung.' }, { 'if-match': etag });
      assert.equal(second.status, 412);
      assert.equal(second.body.error.code, 'VERSION_CONFLICT');
      assert.equal(second.body.error.reason, 'version_conflict');
      assert.equal(second.body.current.intro, 'Fassung der Redaktion.');
      assert.equal(second.body.current.version, read.body.version + 1);
      assert.deepEqual(second.body.yours, { slug: 'landeshaushalt', name: 'Landeshaushalt 2027', intro: 'Fassung der Verwaltung.' });
      assert.deepEqual(heard, [], 'a refused save tells nobody');
      const stored = await admin.json('GET', '/newsroom/api/topics/landeshaushalt');
      assert.equal(stored.body.name, 'Landeshaushalt', 'nothing of the refused save is stored');
      assert.equal(stored.body.intro, 'Fassung der Redaktion.');
      assert.equal(stored.body.version, read.body.version + 1);

      // A described topic cannot be written without naming a version; a new one can.
      const without = await admin.json('PUT', '/newsroom/api/topics/landeshaushalt', { name: 'Landeshaushalt', intro: 'Ohne Version.' });
      assert.equal(without.status, 428);
      assert.equal(without.body.error.code, 'PRECONDITION_REQUIRED');
      assert.equal((await admin.json('GET', '/newsroom/api/topics/landeshaushalt')).body.intro, 'Fassung der Redaktion.');
      const created = await admin.json('PUT', '/newsroom/api/topics/radverkehr', { name: 'Radverkehr', intro: 'Neu.' });
      assert.equal(created.status, 200);
      assert.equal(created.body.version, 1);
      assert.equal((await admin.json('GET', '/newsroom/api/topics/gibt-es-nicht')).status, 404);

      // The form: the admin (German) opened it before the editor saved again; their save is refused in their words and their text kept.
      const form = await (await admin.request('/newsroom/topics/landeshaushalt')).text();
      const version = /<input type="hidden" name="version" value="(\d+)"/.exec(form)![1]!;
      const again = await editor.json('PUT', '/newsroom/api/topics/landeshaushalt', { name: 'Landeshaushalt', intro: 'Noch einmal die Redaktion.' }, { 'if-match': `"v${version}"` });
      assert.equal(again.status, 200);
      const stale = await admin.form('/newsroom/topics/landeshaushalt', { _csrf: await admin.csrf(), name: 'Landeshaushalt', intro: 'Mein Text.', version });
      assert.equal(stale.status, 409);
      const html = await stale.text();
      assert.match(html, /role="alert">Jemand anderes hat dieses Thema gespeichert/);
      assert.match(html, />Mein Text\.<\/textarea>/, 'the typed text stays in the form');
      assert.match(html, /<p>Noch einmal die Redaktion\.<\/p>/, 'the stored text is shown');
      assert.match(html, new RegExp(`name="version" value="${Number(version) + 1}"`), 'saving again is against the stored version');
      assert.equal((await admin.json('GET', '/newsroom/api/topics/landeshaushalt')).body.intro, 'Noch einmal die Redaktion.');
      // A second topic with a name that exists is not created over it.
      const duplicate = await admin.form('/newsroom/topics', { _csrf: await admin.csrf(), name: 'Radverkehr', intro: 'Anders.' });
      assert.equal(duplicate.status, 409);
      assert.match(await duplicate.text(), /Das Thema „Radverkehr“ gibt es schon/);
    });

    test('sections: retention rules per kind, validated, audited; read for all, written by editors', async () => {
      const editor = as.get('editor')!;
      const got = await as.get('contributor')!.json<Array<{ slug: string; rules: unknown[] }>>('GET', '/newsroom/api/sections');
      assert.equal(got.status, 200);
      assert.equal(got.body[0]!.slug, '*');
      assert.ok(got.body.some((s) => s.slug === 'politik'));
      assert.equal((await as.get('author')!.api('PUT', '/newsroom/api/sections/politik', { rules: [] })).status, 403);
      const bad = await editor.json('PUT', '/newsroom/api/sections/politik', { rules: [{ kind: 'podcast', months: 0 }, { kind: '*', months: 12 }, { kind: '*', months: 3 }] });
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body.error.issues.map((i: { path: string }) => i.path), ['rules.0.kind', 'rules.0.months', 'rules.2.kind']);
      const ok = await editor.json('PUT', '/newsroom/api/sections/politik', { rules: [{ kind: 'article', months: 12 }, { kind: 'video', months: null }] });
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.body.rules, [{ kind: 'article', months: 12 }, { kind: 'video', months: null }]);
      const all = await editor.json('PUT', '/newsroom/api/sections/*', { rules: [{ kind: '*', months: 24 }] });
      assert.deepEqual(all.body, { slug: '*', name: '*', stories: 0, rules: [{ kind: '*', months: 24 }] });
      const entry = (await listAudit(db, { limit: 5 })).find((e) => e.action === 'retention.changed');
      assert.deepEqual(entry?.detail, { section: '*', rules: [{ kind: '*', months: 24 }] });

      // The page: a form per section; 0 means keep forever, empty means no rule.
      const html = await (await editor.request('/newsroom/sections')).text();
      assert.match(html, /name="months_article" type="number" min="0" max="1200" step="1" value="12"/);
      assert.match(html, /name="months_video" type="number" min="0" max="1200" step="1" value="0"/);
      const post = await editor.form('/newsroom/sections/politik', { _csrf: await editor.csrf(), 'months_*': '', months_article: '6', months_liveticker: '0', months_video: '', months_audio: '' });
      assert.equal(post.status, 303);
      const after = (await editor.json<Array<{ slug: string; rules: unknown[] }>>('GET', '/newsroom/api/sections')).body.find((s) => s.slug === 'politik');
      assert.deepEqual(after?.rules, [{ kind: 'article', months: 6 }, { kind: 'liveticker', months: null }]);
      const wrong = await editor.form('/newsroom/sections/politik', { _csrf: await editor.csrf(), months_article: 'zwölf' });
      assert.equal(wrong.status, 422);
      const readOnly = await (await as.get('contributor')!.request('/newsroom/sections')).text();
      assert.match(readOnly, /<fieldset[^>]* disabled/);
      assert.equal((await as.get('contributor')!.form('/newsroom/sections/politik', { _csrf: await as.get('contributor')!.csrf(), months_article: '1' })).status, 403);
    });
  });
}
