/**
 * Revisions, diffs and restore (API and pages) and "also open by" presence,
 * over HTTP on both engines, with ownership: contributors see only their own stories.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type { Story, StoryDraft } from '../../src/content/index.js';
import { AccountService } from '../../src/services/account-service.js';
import type { Role } from '../../src/content/roles.js';
import { StoryService, draftOf } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { PresenceRepository } from '../../src/store/presence-repository.js';
import { engines } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';

const PASSWORD = 'versionen-passwort-1';
const draft = (headline: string, paragraphs: string[]): StoryDraft => ({
  kind: 'article', language: 'de', headline, authors: [], topics: ['Elbe'], related: [], section: 'Sachsen-Anhalt',
  body: paragraphs.map((text) => ({ type: 'paragraph', content: [{ text }] })),
});

for (const engine of engines()) {
  describe(`revisions, diff, restore and presence over HTTP on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: Hono;
    let service: StoryService;
    const people = new Map<string, { id: string; name: string; b: Browser }>();
    let mine: Story; // the contributor's
    let theirs: Story; // the editor's

    before(async () => {
      db = await engine.open();
      service = new StoryService(db);
      const accounts = new AccountService(db);
      app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
      for (const [key, role, language] of [['contributor', 'contributor', 'de'], ['other', 'contributor', 'de'], ['author', 'author', 'en'], ['editor', 'editor', 'de']] as Array<[string, Role, 'de' | 'en']>) {
        const u = await accounts.createUser({ email: `${key}@example.org`, name: `Person ${key}`, role, password: PASSWORD, language }, { name: 'test' });
        const b = new Browser(app);
        await b.apiLogin(`${key}@example.org`, PASSWORD);
        people.set(key, { id: u.id, name: u.name, b });
      }
      const c = people.get('contributor')!;
      const actor = { id: c.id, name: c.name };
      mine = await service.create(draft('Pegel in Magdeburg', ['Der Pegel steigt.', 'Die Feuerwehr ist im Einsatz.']), { actor });
      mine = await service.update(mine.id, { ...draftOf(mine), body: [...mine.body.slice(0, 1), { type: 'paragraph', content: [{ text: 'Sandsäcke werden verteilt.' }] }, ...mine.body.slice(1)] }, { actor, expectedVersion: 1 });
      mine = await service.update(mine.id, { ...draftOf(mine), headline: 'Pegel in Magdeburg steigt weiter' }, { actor, expectedVersion: 2 });
      const e = people.get('editor')!;
      theirs = await service.create(draft('Bericht der Redaktion', ['Eins.']), { actor: { id: e.id, name: e.name } });
    });
    after(async () => {
      await db?.close();
    });

    test('diff API: block-aware, defaults to the last change, ownership like viewing', async () => {
      const b = people.get('contributor')!.b;
      const one = await b.json('GET', `/newsroom/api/stories/${mine.id}/diff?from=1&to=2`);
      assert.equal(one.status, 200);
      assert.deepEqual(one.body.body.map((o: { op: string }) => o.op), ['same', 'ins', 'same'], 'one inserted paragraph, nothing else changed');
      assert.deepEqual(one.body.fields, []);
      const last = await b.json('GET', `/newsroom/api/stories/${mine.id}/diff`);
      assert.equal(last.body.fromVersion, 2);
      assert.equal(last.body.toVersion, 3);
      assert.deepEqual(last.body.fields.map((f: { field: string }) => f.field), ['headline']);
      assert.equal((await b.api('GET', `/newsroom/api/stories/${mine.id}/diff?from=1&to=9`)).status, 404);
      assert.equal((await b.api('GET', `/newsroom/api/stories/${mine.id}/diff?from=eins`)).status, 422);
      // Someone else's story: contributors do not learn it exists; authors may look.
      assert.equal((await b.api('GET', `/newsroom/api/stories/${theirs.id}/diff?from=1&to=1`)).status, 404);
      assert.equal((await people.get('author')!.b.api('GET', `/newsroom/api/stories/${theirs.id}/diff?from=1&to=1`)).status, 200);
      assert.equal((await new Browser(app).api('GET', `/newsroom/api/stories/${mine.id}/diff`)).status, 401);
    });

    test('revisions page lists versions with compare and restore; diff page marks changes for screen readers too', async () => {
      const b = people.get('contributor')!.b;
      const res = await b.request(`/newsroom/stories/${mine.id}/revisions`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<h1>Versionen/);
      for (const v of [1, 2, 3]) assert.match(html, new RegExp(`<th scope="row">${v}`));
      assert.match(html, /Person contributor/);
      assert.match(html, /name="from" value="2" id="from-2" checked/);
      assert.match(html, /name="to" value="3" id="to-3" checked/);
      assert.match(html, /aria-label="Version 1 wiederherstellen"/);
      assert.match(html, /Noch keine Einträge im Protokoll/);
      assert.doesNotMatch(html, /Im Protokoll ansehen/, 'contributors have no audit log');
      assert.equal((await b.request(`/newsroom/stories/${theirs.id}/revisions`)).status, 404);

      const diff = await (await b.request(`/newsroom/stories/${mine.id}/diff?from=1&to=3`)).text();
      assert.match(diff, /<h1>Version 1 → Version 3/);
      assert.match(diff, /<dt>Überschrift<\/dt><dd>Pegel in Magdeburg<ins><span class="vh">\[Einfügung: <\/span> steigt weiter<span class="vh"> \]<\/span><\/ins><\/dd>/);
      assert.match(diff, /<span class="label">Eingefügt<\/span>Absatz/);
      assert.match(diff, /<ins>Sandsäcke werden verteilt\.<\/ins>/);
      assert.match(diff, /<summary>1 unveränderter Block<\/summary>/);
      // English for an English-speaking user.
      const en = await (await people.get('author')!.b.request(`/newsroom/stories/${mine.id}/diff?from=3&to=1`)).text();
      assert.match(en, /<span class="label">Deleted<\/span>Paragraph/);
      assert.match(en, /\[deletion: /);
      // Workflow moves are revisions too; their states are named in words.
      const published = await service.publish(theirs.id);
      const status = await (await people.get('editor')!.b.request(`/newsroom/stories/${theirs.id}/diff?from=1&to=${published.version}`)).text();
      assert.match(status, /<dt>Status<\/dt><dd><div>Vorher: <del>Entwurf<\/del><\/div><div>Nachher: <ins>Veröffentlicht<\/ins><\/div>/);
    });

    test('restore through the form: a new version with the old content; a stale form is refused without change', async () => {
      const b = people.get('contributor')!.b;
      const csrf = await b.csrf();
      const res = await b.form(`/newsroom/stories/${mine.id}/restore`, { _csrf: csrf, version: '1', expected: '3' });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `/newsroom/stories/${mine.id}/revisions?restored=1`);
      const now = await service.get(mine.id);
      assert.equal(now.version, 4);
      assert.equal(now.headline, 'Pegel in Magdeburg');
      assert.equal(now.body.length, 2);
      const page = await (await b.request(res.headers.get('location')!)).text();
      assert.match(page, /Version 1 wurde als neue Version 4 wiederhergestellt/);
      assert.match(page, /Person contributor · Version wiederhergestellt/, 'the restore is in the story\'s history');
      const stale = await b.form(`/newsroom/stories/${mine.id}/restore`, { _csrf: csrf, version: '2', expected: '3' });
      assert.equal(stale.status, 409);
      assert.match(await stale.text(), /inzwischen geändert/);
      assert.equal((await service.get(mine.id)).version, 4);
      assert.equal((await b.form(`/newsroom/stories/${mine.id}/restore`, { _csrf: csrf, version: '99', expected: '4' })).status, 404);
      // An author may look at someone else's story but not restore it; a contributor may not even see it.
      const author = people.get('author')!.b;
      assert.equal((await author.form(`/newsroom/stories/${theirs.id}/restore`, { _csrf: await author.csrf(), version: '1', expected: '1' })).status, 403);
      assert.equal((await b.form(`/newsroom/stories/${theirs.id}/restore`, { _csrf: csrf, version: '1', expected: '1' })).status, 404);
      assert.doesNotMatch(await (await author.request(`/newsroom/stories/${theirs.id}/revisions`)).text(), /restore/i);
    });

    test('presence: others seen in the last 30 s, across "nodes" (two apps on one database), not oneself; leaving ends it', async () => {
      const editor = people.get('editor')!;
      const secondNode = new Browser(createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }));
      await secondNode.apiLogin('author@example.org', PASSWORD);
      const first = await editor.b.json('POST', `/newsroom/api/stories/${theirs.id}/presence`, {});
      assert.equal(first.status, 200);
      assert.deepEqual(first.body, { others: [] });
      const second = await secondNode.json('POST', `/newsroom/api/stories/${theirs.id}/presence`);
      assert.deepEqual(second.body.others.map((o: { name: string }) => o.name), ['Person editor']);
      assert.equal(second.body.others[0].userId, editor.id);
      const back = await editor.b.json('POST', `/newsroom/api/stories/${theirs.id}/presence`, {});
      assert.deepEqual(back.body.others.map((o: { name: string }) => o.name), ['Person author']);
      await secondNode.json('POST', `/newsroom/api/stories/${theirs.id}/presence`, { leaving: true });
      assert.deepEqual((await editor.b.json('POST', `/newsroom/api/stories/${theirs.id}/presence`, {})).body.others, []);
      // Contributors: only their own stories.
      assert.equal((await people.get('contributor')!.b.api('POST', `/newsroom/api/stories/${theirs.id}/presence`, {})).status, 404);
      assert.equal((await editor.b.api('POST', `/newsroom/api/stories/${theirs.id}/presence`, {}, { 'x-csrf-token': 'falsch' })).status, 403);
    });

    test('presence repository: the 30 s window, "since" per stretch, old rows cleaned up (injected clock)', async () => {
      const repo = new PresenceRepository(db);
      const story = await service.create(draft('Präsenz', ['Text.']));
      const [a, b, c] = ['contributor', 'other', 'editor'].map((k) => people.get(k)!.id) as [string, string, string];
      const t0 = new Date('2026-03-01T10:00:00Z');
      const at = (s: number) => new Date(t0.getTime() + s * 1000);
      await repo.beat(story.id, a, at(0));
      await repo.beat(story.id, a, at(10));
      const seen = await repo.beat(story.id, b, at(20));
      assert.deepEqual(seen.map((o) => [o.userId, o.since]), [[a, '2026-03-01T10:00:00Z']]);
      assert.deepEqual((await repo.beat(story.id, b, at(41))).map((o) => o.userId), [], 'a was last seen 31 s ago');
      // a comes back after a gap: a new stretch starts.
      await repo.beat(story.id, a, at(60));
      assert.equal((await repo.others(story.id, b, at(61)))[0]?.since, '2026-03-01T10:01:00Z');
      // Rows older than five minutes go on anyone's next beat.
      await repo.beat(story.id, c, at(60 + 400));
      const left = await db.query<{ user_id: string }>('SELECT user_id FROM story_presence WHERE story_id = $1::uuid', [story.id]);
      assert.deepEqual(left.map((r) => r.user_id), [c]);
    });
  });
}
