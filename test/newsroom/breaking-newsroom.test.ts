/**
 * The breaking banner in the newsroom (issue 14) on both engines: the JSON
 * API (set from a story or as headline + link, change at a version, take
 * down, history; bad input named by field, a megabyte refused at the door),
 * the page (forms without script, each issue at its field in the editor's
 * language, the confirmation before taking down, prefilled from the query),
 * the audit entries, and the "Als Eilmeldung" / "Push senden" links of the
 * editor and of an urgent wire item.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { storyPath } from '../../src/content/index.js';
import { engines } from '../helpers/db.js';
import { auditActions, openEilWorld, submit, type EilWorld } from './breaking-world.js';
import { entry, openWireWorld } from './wire-desk-world.js';

const pathOf = (s: { section: string; slug: string }) => storyPath({ sectionSlug: s.section.toLowerCase(), slug: s.slug });
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

interface Refusal { status: number; body: { error: { code: string; issues?: Array<{ path: string; code?: string }> } } }
const paths = (r: Refusal) => (r.body.error.issues ?? []).map((i) => i.path);

for (const engine of engines()) {
  describe(`the breaking banner in the newsroom on ${engine.name}`, { skip: engine.skip }, () => {
    let w: EilWorld;
    before(async () => {
      w = await openEilWorld(await engine.open());
    });
    after(async () => {
      await w?.db.close();
    });

    test('API: set from a story, change at its version, a stale version is a 409, take down, history; every change audited', async () => {
      const cvd = w.as.get('cvd')!;
      await w.db.query("DELETE FROM audit_log WHERE action LIKE 'breaking.%'");
      const set = await cvd.json('POST', '/newsroom/api/breaking', { story: w.published.slug, minutes: 30 });
      assert.equal(set.status, 201, JSON.stringify(set.body));
      assert.equal(set.body.headline, w.published.headline, 'the headline comes from the story');
      assert.equal(set.body.url, pathOf(w.published));
      assert.equal(set.body.storyId, w.published.id);
      assert.ok(Math.abs(Date.parse(set.body.endsAt) - Date.now() - 30 * 60_000) < 60_000);
      assert.equal(set.res.headers.get('location'), `/newsroom/api/breaking/${set.body.id}`);

      const got = await cvd.json('GET', '/newsroom/api/breaking');
      assert.equal(got.body.current.id, set.body.id);
      assert.equal(got.body.recent[0].createdBy, 'Eil cvd', 'who set it');

      const changed = await cvd.json('PATCH', `/newsroom/api/breaking/${set.body.id}`, { version: 1, headline: 'Deich hält: Entwarnung für Magdeburg' });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.deepEqual([changed.body.version, changed.body.headline, changed.body.url], [2, 'Deich hält: Entwarnung für Magdeburg', pathOf(w.published)]);
      const stale = await w.as.get('cvd2')!.json('PUT', `/newsroom/api/breaking/${set.body.id}`, { version: 1, headline: 'Überholt' });
      assert.equal(stale.status, 409);
      const noVersion = await cvd.json('PATCH', `/newsroom/api/breaking/${set.body.id}`, { headline: 'x' }) as Refusal;
      assert.deepEqual([noVersion.status, paths(noVersion)], [422, ['version']]);

      assert.equal((await cvd.api('DELETE', '/newsroom/api/breaking')).status, 204);
      assert.equal((await cvd.api('DELETE', '/newsroom/api/breaking')).status, 404, 'nothing left to take down');
      const after = await cvd.json('GET', '/newsroom/api/breaking');
      assert.equal(after.body.current, null);
      assert.equal(after.body.recent[0].endedAt !== null, true);
      assert.deepEqual(await auditActions(w.db, 'breaking.%'), ['breaking.set Eil cvd', 'breaking.updated Eil cvd', 'breaking.ended Eil cvd']);
    });

    test('API: bad input is refused naming the field (NUL, lone surrogate, too long, unknown or unpublished story, end in the past, unknown field), a megabyte with 413', async () => {
      const cvd = w.as.get('cvd')!;
      const refused = async (body: unknown, status = 422) => {
        const r = await cvd.json('POST', '/newsroom/api/breaking', body) as Refusal;
        assert.equal(r.status, status, JSON.stringify(r.body));
        return r;
      };
      assert.deepEqual(paths(await refused({ headline: 'Eil\u0000meldung', url: '/a' })), ['headline']);
      assert.deepEqual(paths(await refused({ headline: 'Eil', url: '/a\ud800' })), ['url']);
      assert.deepEqual(paths(await refused({ headline: 'x'.repeat(201), url: '/a' })), ['headline']);
      const unknown = await refused({ story: 'gibt-es-nicht' });
      assert.deepEqual([paths(unknown), unknown.body.error.issues![0]!.code], [['story'], 'not_found']);
      const draft = await refused({ story: w.draft.id });
      assert.deepEqual([paths(draft), draft.body.error.issues![0]!.code], [['story'], 'not_published']);
      assert.deepEqual(paths(await refused({ headline: 'Eil', url: '/a', endsAt: new Date(Date.now() - 60_000).toISOString() })), ['endsAt']);
      assert.deepEqual(paths(await refused({ headline: 'Eil', url: 'javascript:alert(1)' })), ['url']);
      assert.deepEqual(paths(await refused({ headline: 'Eil', url: '/a', minutes: 0 })), ['minutes']);
      assert.deepEqual(paths(await refused({ headline: 'Eil', url: '/a', farbe: 'rot' })), ['farbe']);
      const huge = await cvd.api('POST', '/newsroom/api/breaking', JSON.stringify({ headline: 'x'.repeat(1024 * 1024), url: '/a' }));
      assert.equal(huge.status, 413);
      assert.equal((await cvd.json('GET', '/newsroom/api/breaking')).body.current, null, 'nothing refused was set');
    });

    test('page: set as headline + link, issues next to their fields in German, change, take down only with the confirmation', async () => {
      const cvd = w.as.get('cvd')!;
      const empty = await (await cvd.request('/newsroom/eilmeldung')).text();
      assert.match(empty, /Zurzeit ist keine Eilmeldung gesetzt/);
      assert.match(empty, /<a href="\/newsroom\/eilmeldung" aria-current="page">Eilmeldung<\/a>/, 'the navigation entry');

      const bad = await submit(cvd, '/newsroom/eilmeldung', '/newsroom/eilmeldung', { story: '', headline: 'x'.repeat(201), url: 'ftp://x', endsAt: '2020-01-01T10:00', minutes: '' });
      assert.equal(bad.status, 422);
      assert.match(bad.html, /<input id="set-headline" name="headline" aria-invalid="true" aria-describedby="set-headline-error"/);
      assert.match(bad.html, /<p class="notice error" id="set-headline-error">höchstens 200 Zeichen, jetzt 201<\/p>/);
      assert.match(bad.html, /<p class="notice error" id="set-url-error">/);
      assert.match(bad.html, /<p class="notice error" id="set-endsAt-error">muss in der Zukunft liegen<\/p>/);
      assert.match(bad.html, /value="ftp:\/\/x"/, 'what was typed stays in the form');

      const set = await submit(cvd, '/newsroom/eilmeldung', '/newsroom/eilmeldung', { story: '', headline: 'Sturmflut an der Küste', url: '/norddeutschland/sturmflut', endsAt: '', minutes: '45' });
      assert.equal(set.status, 201);
      assert.match(set.html, /Die Eilmeldung ist gesetzt/);
      assert.match(set.html, /<dt>Gesetzt von<\/dt><dd>Eil cvd<\/dd>/);
      assert.match(set.html, /href="\/newsroom\/push\?title=Sturmflut\+an\+der\+K%C3%BCste&amp;url=%2Fnorddeutschland%2Fsturmflut"/, '"Auch als Push senden" prefilled');
      const item = (await w.services.breaking.current())!;
      assert.ok(Math.abs(Date.parse(item.endsAt) - Date.now() - 45 * 60_000) < 60_000);

      const change = await submit(cvd, '/newsroom/eilmeldung', `/newsroom/eilmeldung/${item.id}`, { version: String(item.version), story: '', headline: 'Sturmflut: Pegel sinkt', url: '/norddeutschland/sturmflut', endsAt: '', minutes: '90' });
      assert.equal(change.status, 200, change.html.slice(0, 300));
      assert.match(change.html, /Die Eilmeldung ist geändert/);
      const changed = (await w.services.breaking.current())!;
      assert.deepEqual([changed.headline, changed.version], ['Sturmflut: Pegel sinkt', 2]);
      assert.ok(Math.abs(Date.parse(changed.endsAt) - Date.now() - 90 * 60_000) < 60_000, 'the new duration counts from now');
      const stale = await submit(cvd, '/newsroom/eilmeldung', `/newsroom/eilmeldung/${item.id}`, { version: '1', story: '', headline: 'Alt', url: '/a', endsAt: '', minutes: '' });
      assert.equal(stale.status, 409);
      assert.match(stale.html, /inzwischen geändert oder beendet/);

      const unconfirmed = await submit(cvd, '/newsroom/eilmeldung', '/newsroom/eilmeldung/beenden', {});
      assert.equal(unconfirmed.status, 422);
      assert.match(unconfirmed.html, /Bitte bestätigen Sie das Beenden/);
      assert.ok(await w.services.breaking.current(), 'still up without the confirmation');
      const ended = await submit(cvd, '/newsroom/eilmeldung', '/newsroom/eilmeldung/beenden', { confirm: 'yes' });
      assert.equal(ended.status, 200);
      assert.match(ended.html, /Die Eilmeldung ist beendet/);
      assert.equal(await w.services.breaking.current(), undefined);
      assert.match(ended.html, /Sturmflut: Pegel sinkt<br\/?><span class="muted"><code>\/norddeutschland\/sturmflut<\/code> · beendet/, 'in the history');
    });

    test('page: a story prefills the form (?story=), an unpublished one is named at its field; contributors and authors get 403', async () => {
      const cvd2 = w.as.get('cvd2')!;
      const pre = await (await cvd2.request(`/newsroom/eilmeldung?story=${w.published.id}`)).text();
      assert.match(pre, new RegExp(`<input id="set-story" name="story" aria-describedby="set-story-hint" type="text" maxlength="200" value="${w.published.id}"`));
      assert.match(pre, /<option value="[^"]+">Deich bei Magdeburg hält dem Hochwasser stand<\/option>/, 'published stories to choose from');
      const bad = await submit(cvd2, '/newsroom/eilmeldung', '/newsroom/eilmeldung', { story: w.draft.id, headline: '', url: '', endsAt: '', minutes: '' });
      assert.equal(bad.status, 422);
      assert.match(bad.html, /<p class="notice error" id="set-story-error">is not published; readers could not open it<\/p>/, 'in English for this editor');
      const ok = await submit(cvd2, '/newsroom/eilmeldung', '/newsroom/eilmeldung', { story: w.published.id, headline: '', url: '', endsAt: '', minutes: '' });
      assert.equal(ok.status, 201);
      assert.equal((await w.services.breaking.current())!.storyId, w.published.id);
      await w.services.breaking.takeDown({ name: 'test' });
      for (const who of ['contributor', 'author']) {
        assert.equal((await w.as.get(who)!.request('/newsroom/eilmeldung')).status, 403, who);
        assert.equal((await w.as.get(who)!.json('POST', '/newsroom/api/breaking', { headline: 'x', url: '/x' })).status, 403, who);
        assert.doesNotMatch(await (await w.as.get(who)!.request('/newsroom')).text(), /href="\/newsroom\/eilmeldung"/, `no navigation entry for ${who}`);
      }
    });

    test('the editor of a published story offers "Push senden" (headline, teaser, path) and "Als Eilmeldung"; a draft and an author do not', async () => {
      const html = await (await w.as.get('cvd')!.request(`/newsroom/stories/${w.published.id}`)).text();
      const push = new URLSearchParams({ title: w.published.headline, body: w.published.teaser!, url: pathOf(w.published) });
      assert.ok(html.includes(`href="/newsroom/push?${push.toString().replace(/&/g, '&amp;')}">Push senden</a>`), 'Push senden, prefilled');
      assert.ok(html.includes(`href="/newsroom/eilmeldung?story=${w.published.id}">Als Eilmeldung</a>`));
      assert.doesNotMatch(await (await w.as.get('cvd')!.request(`/newsroom/stories/${w.draft.id}`)).text(), />Als Eilmeldung</);
      assert.doesNotMatch(await (await w.as.get('author')!.request(`/newsroom/stories/${w.published.id}`)).text(), />Als Eilmeldung</);
    });
  });

  describe(`"Als Eilmeldung" on urgent wire items on ${engine.name}`, { skip: engine.skip }, () => {
    test('urgency 1–2 offers it (with the published story it was taken into, else asking for one); urgency 4 and contributors do not', async () => {
      const w = await openWireWorld(await engine.open());
      try {
        const eil = await w.ingestOne(entry({ urgency: 1, headline: 'Eil: Brücke eingestürzt' }));
        const calm = await w.ingestOne(entry({ urgency: 4 }));
        const admin = w.as.get('admin')!;
        let html = await (await admin.request(`/newsroom/agentur/${eil}`)).text();
        assert.ok(html.includes(`<a class="button" href="/newsroom/eilmeldung?headline=Eil%3A+Br%C3%BCcke+eingest%C3%BCrzt&amp;from=wire">Als Eilmeldung</a>`), 'without a story: the form asks for one');
        assert.doesNotMatch(await (await admin.request(`/newsroom/agentur/${calm}`)).text(), />Als Eilmeldung</);
        assert.doesNotMatch(await (await w.as.get('contributor')!.request(`/newsroom/agentur/${eil}`)).text(), />Als Eilmeldung</);
        const form = await (await admin.request('/newsroom/eilmeldung?headline=Eil%3A+Br%C3%BCcke+eingest%C3%BCrzt&from=wire')).text();
        assert.match(form, /Aus der Agenturmeldung: Sie ist für Leserinnen und Leser nicht erreichbar/);
        assert.match(form, /<input id="set-headline" name="headline" type="text" maxlength="200" value="Eil: Brücke eingestürzt"/);

        const storyId = (await w.services.wire.takeOver(eil, { id: w.ids.get('admin')!, name: 'Agentur admin' })).id;
        await w.services.stories.publish(storyId, { actor: { id: w.ids.get('admin')!, name: 'Agentur admin' } });
        html = await (await admin.request(`/newsroom/agentur/${eil}`)).text();
        assert.ok(html.includes(`href="/newsroom/eilmeldung?headline=Eil%3A+Br%C3%BCcke+eingest%C3%BCrzt&amp;story=${storyId}">Als Eilmeldung</a>`), 'with the published story');
        // The editor reads English.
        assert.match(await (await w.as.get('editor')!.request(`/newsroom/agentur/${eil}`)).text(), />As breaking news<\/a>/);
      } finally {
        await w.db.close();
      }
    });
  });
}
