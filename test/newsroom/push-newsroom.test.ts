/**
 * Push sends from the newsroom (issue 14) on both engines: the audience of
 * every choice (all, the site's sections and topics), the preview (nothing
 * written, the exact audience, the checked values in hidden fields), the send
 * only on confirmation (checked again), four eyes through the pages (an
 * admin switches it, the requester cannot approve, a second editor approves
 * or rejects), the recent sends with their counters, bad input named by
 * field and a megabyte refused at the door; audit entries throughout.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { engines } from '../helpers/db.js';
import type { Browser } from '../helpers/newsroom-browser.js';
import { auditActions, openEilWorld, submit, subscription, type EilWorld } from './breaking-world.js';

const PUSH = { title: 'Deich hält', body: 'Entwarnung für Magdeburg.', url: '/sachsen-anhalt/deich', icon: '', filter: 'all' };
const count = async (w: EilWorld, sql: string) => (await w.db.query<{ n: number }>(sql))[0]!.n;

for (const engine of engines()) {
  describe(`push sends from the newsroom on ${engine.name}`, { skip: engine.skip }, () => {
    let w: EilWorld;
    before(async () => {
      w = await openEilWorld(await engine.open());
      for (const topics of [['all'], ['all', 'section:sachsen-anhalt'], ['section:sachsen-anhalt', 'topic:hochwasser'], ['topic:landtag']]) {
        await w.services.push.subscribe(subscription(topics));
      }
    });
    after(async () => {
      await w?.db.close();
    });
    beforeEach(async () => {
      await w.db.query('DELETE FROM push_deliveries');
      await w.db.query('DELETE FROM push_sends');
      await w.db.query('DELETE FROM newsroom_settings');
      await w.db.query("DELETE FROM audit_log WHERE action LIKE 'push.%' OR action = 'settings.changed'");
    });

    test('the form lists every choice with its audience; preview writes nothing and shows the exact audience; confirm sends and audits', async () => {
      const cvd = w.as.get('cvd')!;
      const form = await (await cvd.request('/newsroom/push?title=Deich+h%C3%A4lt&url=%2Fsachsen-anhalt%2Fdeich')).text();
      assert.match(form, /<input id="push-title" name="title" type="text" required="" maxlength="120" value="Deich hält"/, 'prefilled from the query');
      assert.match(form, /<option value="all" selected="">Alle Eilmeldungs-Abonnements – 2 Abonnements<\/option>/);
      assert.match(form, /<option value="section:sachsen-anhalt">Ressort: Sachsen-Anhalt – 2 Abonnements<\/option>/);
      assert.match(form, /<option value="section:politik">Ressort: Politik – 0 Abonnements<\/option>/);
      assert.match(form, /<option value="topic:hochwasser">Thema: Hochwasser – 1 Abonnement<\/option>/);
      assert.match(form, /<option value="topic:landtag">Thema: Landtag – 1 Abonnement<\/option>/);
      const api = await cvd.json('GET', '/newsroom/api/push/audience');
      assert.deepEqual(api.body.find((c: { filter: string }) => c.filter === 'section:sachsen-anhalt'), { filter: 'section:sachsen-anhalt', kind: 'section', name: 'Sachsen-Anhalt', audience: 2 });
      assert.deepEqual((await cvd.json('GET', '/newsroom/api/push/audience?filter=topic:landtag')).body, { filter: 'topic:landtag', audience: 1 });

      const preview = await submit(cvd, '/newsroom/push', '/newsroom/push/vorschau', { ...PUSH, title: '  Deich hält  ', filter: 'section:sachsen-anhalt' });
      assert.equal(preview.status, 200);
      assert.match(preview.html, /<p><strong>Deich hält<\/strong><\/p><p>Entwarnung für Magdeburg.<\/p>/);
      assert.match(preview.html, /<p id="push-audience-exact"><strong>Geht jetzt an 2 Abonnements \(Ressort: Sachsen-Anhalt\).<\/strong><\/p>/);
      assert.match(preview.html, /<form method="post" action="\/newsroom\/push\/senden">.*<input type="hidden" name="title" value="Deich hält"\/>.*<input type="hidden" name="filter" value="section:sachsen-anhalt"\/>.*>Jetzt senden<\/button>/s);
      assert.equal(await count(w, 'SELECT count(*)::int AS n FROM push_sends'), 0, 'a preview sends nothing');

      const sent = await submit(cvd, '/newsroom/push', '/newsroom/push/senden', { ...PUSH, filter: 'section:sachsen-anhalt' });
      assert.equal(sent.status, 201);
      assert.match(sent.html, /Der Push ist unterwegs an 2 Abonnements/);
      assert.equal(await count(w, "SELECT count(*)::int AS n FROM push_deliveries"), 2);
      assert.match(sent.html, /<td>gesendet<\/td><td>2<\/td><td>0<\/td><td>0<\/td><td>0<\/td>/, 'the recent sends with status and counters');
      assert.deepEqual(await auditActions(w.db, 'push.%'), ['push.sent Eil cvd']);

      // The JSON twins: preview and send.
      const p = await cvd.json('POST', '/newsroom/api/push/preview', { title: 'Landtag', url: '/politik/landtag', filter: 'topic:landtag' });
      assert.deepEqual([p.status, p.body.audience, p.body.payload, p.body.fourEyes], [200, 1, { title: 'Landtag', body: '', url: '/politik/landtag' }, false]);
      const s = await cvd.json('POST', '/newsroom/api/push', { title: 'Landtag', url: '/politik/landtag', filter: 'topic:landtag' });
      assert.deepEqual([s.status, s.body.status, s.body.audience], [201, 'sent', 1]);
      const list = await cvd.json('GET', '/newsroom/api/push');
      assert.deepEqual(list.body.recent.map((r: { title: string }) => r.title), ['Landtag', 'Deich hält']);
    });

    test('bad input comes back at its field (too long, not a path, unknown filter, NUL), a megabyte is a 413, and the confirmation is checked again', async () => {
      const cvd = w.as.get('cvd2')!;
      const bad = await submit(cvd, '/newsroom/push', '/newsroom/push/vorschau', { ...PUSH, title: 'x'.repeat(121), url: 'https://evil.example/x', filter: 'politik' });
      assert.equal(bad.status, 422);
      assert.match(bad.html, /<input id="push-title" name="title" aria-invalid="true" aria-describedby="push-title-error"/);
      assert.match(bad.html, /<p class="notice error" id="push-title-error">at most 120 characters, now 121<\/p>/, 'in English for this editor');
      assert.match(bad.html, /id="push-url-error"/);
      assert.match(bad.html, /id="push-filter-error"/);
      const nul = await submit(cvd, '/newsroom/push', '/newsroom/push/vorschau', { ...PUSH, title: 'Eil\u0000' });
      assert.equal(nul.status, 422);
      const tampered = await submit(cvd, '/newsroom/push', '/newsroom/push/senden', { ...PUSH, url: 'javascript:alert(1)' });
      assert.equal(tampered.status, 422, 'changed hidden fields are refused on confirm');
      const huge = await cvd.form('/newsroom/push/vorschau', { ...PUSH, body: 'x'.repeat(1024 * 1024) });
      assert.equal(huge.status, 413);
      const api = await cvd.json('POST', '/newsroom/api/push', { ...PUSH, title: 'Eil\ud800', extra: 1 });
      assert.equal(api.status, 422);
      assert.deepEqual(api.body.error.issues.map((i: { path: string }) => i.path).sort(), ['title']);
      const unknown = await cvd.json('POST', '/newsroom/api/push', { ...PUSH, extra: 1 });
      assert.deepEqual([unknown.status, unknown.body.error.issues[0].path], [422, 'extra']);
      assert.equal((await cvd.api('POST', '/newsroom/api/push', JSON.stringify({ ...PUSH, body: 'x'.repeat(1024 * 1024) }))).status, 413);
      assert.equal(await count(w, 'SELECT count(*)::int AS n FROM push_sends'), 0, 'nothing refused was sent');
    });

    test('four eyes: only admins switch it; a confirmed push waits; the requester cannot approve; another editor approves or rejects', async () => {
      const [admin, cvd, cvd2, author] = (['admin', 'cvd', 'cvd2', 'author'] as const).map((k) => w.as.get(k)!) as [Browser, Browser, Browser, Browser];
      assert.doesNotMatch(await (await cvd.request('/newsroom/push')).text(), /Vier-Augen-Prinzip einschalten/, 'no switch for editors');
      assert.equal((await cvd.json('PUT', '/newsroom/api/settings/push-four-eyes', { on: true })).status, 403);
      assert.equal((await submit(cvd, '/newsroom/push', '/newsroom/push/vier-augen', { on: 'true' })).status, 403);
      assert.equal((await admin.json('PUT', '/newsroom/api/settings/push-four-eyes', { on: 'ja' })).status, 422);
      const on = await submit(admin, '/newsroom/push', '/newsroom/push/vier-augen', { on: 'true' });
      assert.equal(on.status, 200);
      assert.match(on.html, /Das Vier-Augen-Prinzip ist eingeschaltet/);
      assert.deepEqual(await auditActions(w.db, 'settings.changed'), ['settings.changed Eil admin']);

      const preview = await submit(cvd, '/newsroom/push', '/newsroom/push/vorschau', PUSH);
      assert.match(preview.html, />Zur Freigabe vorlegen<\/button>/);
      const requested = await submit(cvd, '/newsroom/push', '/newsroom/push/senden', PUSH);
      assert.equal(requested.status, 202);
      assert.match(requested.html, /zur Freigabe vorgelegt/);
      assert.match(requested.html, /Ihr eigener Antrag: Eine andere Person muss ihn freigeben/);
      assert.doesNotMatch(requested.html, /freigeben"/, 'no approve form for the requester');
      const [pending] = await w.services.push.pending();
      assert.ok(pending);
      assert.equal(pending.createdById, w.ids.get('cvd'));
      assert.equal(await count(w, 'SELECT count(*)::int AS n FROM push_deliveries'), 0);

      const own = await submit(cvd, '/newsroom/push', `/newsroom/push/${pending.id}/freigeben`, {});
      assert.equal(own.status, 403);
      assert.match(own.html, /Ihren eigenen Push können Sie nicht freigeben/);
      assert.equal((await cvd.json('POST', `/newsroom/api/push/${pending.id}/approve`, {})).status, 403);
      assert.equal((await author.json('POST', `/newsroom/api/push/${pending.id}/approve`, {})).status, 403, 'authors cannot approve');

      const page2 = await (await cvd2.request('/newsroom/push')).text();
      assert.ok(page2.includes(`action="/newsroom/push/${pending.id}/freigeben"`), 'a second editor gets the approve form');
      const approved = await submit(cvd2, '/newsroom/push', `/newsroom/push/${pending.id}/freigeben`, {});
      assert.equal(approved.status, 200);
      assert.match(approved.html, /Approved: the push is on its way to 2 subscriptions/);
      assert.equal(await count(w, 'SELECT count(*)::int AS n FROM push_deliveries'), 2);
      assert.match(approved.html, /sent<br\/?><span class="muted">decided by Eil cvd2<\/span>/);
      const again = await submit(cvd2, '/newsroom/push', `/newsroom/push/${pending.id}/freigeben`, {});
      assert.equal(again.status, 409);

      const second = await cvd2.json('POST', '/newsroom/api/push', PUSH);
      assert.deepEqual([second.status, second.body.status], [202, 'pending']);
      const rejected = await cvd.json('POST', `/newsroom/api/push/${second.body.id}/reject`, {});
      assert.deepEqual([rejected.status, rejected.body.status, rejected.body.decidedBy], [200, 'rejected', 'Eil cvd']);
      assert.equal((await cvd.json('GET', `/newsroom/api/push/${second.body.id}`)).body.status, 'rejected');

      assert.deepEqual(await auditActions(w.db, 'push.%'), [
        'push.requested Eil cvd', 'push.approved Eil cvd2', 'push.sent Eil cvd2', 'push.requested Eil cvd2', 'push.rejected Eil cvd',
      ]);
      const off = await admin.json('PUT', '/newsroom/api/settings/push-four-eyes', { on: false });
      assert.deepEqual([off.status, off.body], [200, { on: false }]);
      assert.equal((await cvd.json('POST', '/newsroom/api/push', PUSH)).body.status, 'sent', 'off again: straight out');
    });
  });
}
