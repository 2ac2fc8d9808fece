/**
 * The wire desk's JSON API on both engines: the list (Eil first, filters,
 * cursor) and the live poll (`after`), an item, a diff, a take-over, dead
 * letters and their retry, sources and rules. Who may call what: every role
 * reads and takes, only wire.manage changes sources or retries; anonymous is
 * 401. Bad input is a 4xx naming the problem, never a 500.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeMark, encodeMark, isNewer } from '../../src/api/wire-api.js';
import { engines } from '../helpers/db.js';
import { entry, openWireWorld, type WireWorld } from './wire-desk-world.js';

test('the live mark compares instants whatever their fraction digits, then ids', () => {
  const mark = decodeMark(encodeMark({ receivedAt: '2026-12-05T12:00:05Z', id: '50000000-0000-4000-8000-000000000000' }));
  assert.equal(isNewer({ receivedAt: '2026-12-05T12:00:05.5Z', id: '00000000-0000-4000-8000-000000000000' }, mark), true, 'half a second later');
  assert.equal(isNewer({ receivedAt: '2026-12-05T12:00:04.999999Z', id: 'f0000000-0000-4000-8000-000000000000' }, mark), false);
  assert.equal(isNewer({ receivedAt: '2026-12-05T12:00:05.000Z', id: '60000000-0000-4000-8000-000000000000' }, mark), true, 'same instant, later id');
  assert.equal(isNewer({ receivedAt: '2026-12-05T12:00:05Z', id: '50000000-0000-4000-8000-000000000000' }, mark), false, 'the mark itself');
  assert.throws(() => decodeMark('e30'), /after must be/);
});

interface Entry { id: string; headline: string; urgency?: number; status: string; receivedAt: string }
interface ListAnswer { items: Entry[]; next?: string; newest: string; more?: boolean }

for (const engine of engines()) {
  describe(`wire desk API on ${engine.name}`, { skip: engine.skip }, () => {
    let w: WireWorld;
    const api = (who: string) => w.as.get(who)!;

    before(async () => {
      w = await openWireWorld(await engine.open());
    });
    after(async () => {
      await w?.db.close();
    });

    test('who may call what: reading and taking for every role, sources and retries for wire.manage only, 401 without a session', async () => {
      const item = await w.ingestOne(entry({ headline: 'Rechte-Test' }));
      const [dead] = await w.services.wire.ingest('dpa', 'kein JSON', { name: 'rechte.txt' });
      const letter = (dead as { deadLetterId: string }).deadLetterId;
      const calls: Array<[string, string, unknown, 'view' | 'take' | 'manage']> = [
        ['GET', '/newsroom/api/wire/items', undefined, 'view'],
        ['GET', `/newsroom/api/wire/items/${item}`, undefined, 'view'],
        ['GET', `/newsroom/api/wire/items/${item}/diff?from=1&to=1`, undefined, 'view'],
        ['GET', `/newsroom/api/wire/items/${item}/versions/1`, undefined, 'view'],
        ['GET', '/newsroom/api/wire/dead-letters', undefined, 'view'],
        ['POST', `/newsroom/api/wire/items/${item}/take`, undefined, 'take'],
        ['POST', `/newsroom/api/wire/dead-letters/${letter}/retry`, undefined, 'manage'],
        ['GET', '/newsroom/api/wire/sources', undefined, 'manage'],
        ['POST', '/newsroom/api/wire/sources', { id: 'rechte', name: 'Rechte' }, 'manage'],
        ['GET', '/newsroom/api/wire/sources/dpa', undefined, 'manage'],
        ['PUT', '/newsroom/api/wire/sources/rechte', { name: 'Rechte 2' }, 'manage'],
        ['GET', '/newsroom/api/wire/sources/dpa/rules', undefined, 'manage'],
        ['PUT', '/newsroom/api/wire/sources/rechte/rules', { rules: [] }, 'manage'],
        ['DELETE', '/newsroom/api/wire/sources/rechte', undefined, 'manage'],
      ];
      for (const [method, path, body, needs] of calls) {
        const anon = await w.anonymous.api(method, path, body);
        assert.equal(anon.status, 401, `anonymous ${method} ${path}`);
        for (const who of ['contributor', 'editor']) {
          const res = await api(who).api(method, path, body);
          if (needs === 'manage') assert.equal(res.status, 403, `${who} ${method} ${path}`);
          else assert.ok(res.status < 300, `${who} ${method} ${path}: ${res.status} ${await res.text()}`);
        }
        if (needs === 'manage') {
          const res = await api('admin').api(method, path, body);
          assert.ok(res.status < 300, `admin ${method} ${path}: ${res.status} ${await res.text()}`);
        }
      }
    });

    test('the list: Eil first, filters, cursor; the live poll answers what arrived after its mark, newest first', async () => {
      const a = await w.ingestOne(entry({ headline: 'Poll A Wasserstand', kicker: 'Poll', urgency: 5 }));
      const flash = await w.ingestOne(entry({ headline: 'Poll Eil Dammbruch', kicker: 'Poll', urgency: 2 }));
      const first = await api('contributor').json<ListAnswer>('GET', '/newsroom/api/wire/items?q=Poll&limit=1');
      assert.equal(first.status, 200);
      assert.deepEqual(first.body.items.map((e) => e.id), [flash], 'the Eilmeldung first');
      assert.ok(first.body.next);
      const second = await api('contributor').json<ListAnswer>('GET', `/newsroom/api/wire/items?q=Poll&limit=1&cursor=${first.body.next}`);
      assert.deepEqual(second.body.items.map((e) => e.id), [a]);
      const mark = first.body.newest;

      const quiet = await api('contributor').json<ListAnswer>('GET', `/newsroom/api/wire/items?q=Poll&after=${mark}`);
      assert.deepEqual(quiet.body.items, [], 'nothing new yet');
      assert.equal(quiet.body.newest, mark);

      const b = await w.ingestOne(entry({ headline: 'Poll B Deichläufer', kicker: 'Poll' }));
      const c = await w.ingestOne(entry({ headline: 'Poll C Sandsäcke', kicker: 'Poll', urgency: 1 }));
      await w.ingestOne(entry({ headline: 'Anderes Thema ohne Treffer' }));
      const fresh = await api('contributor').json<ListAnswer>('GET', `/newsroom/api/wire/items?q=Poll&after=${mark}`);
      assert.deepEqual(fresh.body.items.map((e) => e.id), [c, b], 'newest first, the filter kept');
      assert.equal(fresh.body.more, false);
      const again = await api('contributor').json<ListAnswer>('GET', `/newsroom/api/wire/items?q=Poll&after=${fresh.body.newest}`);
      assert.deepEqual(again.body.items, []);
      const eilPoll = await api('contributor').json<ListAnswer>('GET', `/newsroom/api/wire/items?urgency=eil&after=${mark}`);
      assert.deepEqual(eilPoll.body.items.map((e) => e.id), [c]);

      // A newer version of an item the desk shows comes again, at the top.
      const doc = entry({ headline: 'Poll D Pegel', kicker: 'Poll' });
      const d = await w.ingestOne(doc);
      const markD = (await api('contributor').json<ListAnswer>('GET', '/newsroom/api/wire/items?q=Poll')).body.newest;
      await w.ingest({ ...doc, version: 2, headline: 'Poll D Pegel sinkt' });
      const moved = await api('contributor').json<ListAnswer>('GET', `/newsroom/api/wire/items?q=Poll&after=${markD}`);
      assert.deepEqual(moved.body.items.map((e) => [e.id, e.headline]), [[d, 'Poll D Pegel sinkt']]);
    });

    test('bad list input: 422 naming the field, never a 500', async () => {
      const cases: Array<[string, RegExp]> = [
        ['status=verschollen', /status/],
        ['urgency=11', /urgency/],
        ['limit=0', /limit/],
        ['limit=abc', /limit/],
        ['cursor=kaputt', /cursor/],
        ['after=kaputt', /after/],
        [`q=${'x'.repeat(201)}`, /q/],
        ['q=%00', /q/],
        ['desk=a%00', /desk/],
      ];
      for (const [query, field] of cases) {
        const res = await api('contributor').json<{ error: { code: string; message: string; issues?: Array<{ path: string }> } }>('GET', `/newsroom/api/wire/items?${query}`);
        assert.equal(res.status, 422, query);
        assert.equal(res.body.error.code, 'VALIDATION');
        assert.match(`${res.body.error.message} ${JSON.stringify(res.body.error.issues ?? [])}`, field, query);
      }
    });

    test('an item, a version, a diff; unknown and malformed ids are 404, bad versions 422', async () => {
      const doc = entry({ headline: 'Gemeinderat vertagt Beschluss', article_html: '<p>Die Sitzung dauerte vier Stunden.</p>' });
      const id = await w.ingestOne(doc);
      await w.ingest({ ...doc, version: 2, signal: ['sig:correction'], article_html: '<p>Die Sitzung dauerte fünf Stunden.</p>' });
      const item = await api('contributor').json<{ item: { version: number; status: string }; current: { notes: Array<{ publishable: boolean; text: string }>; rights: { usageTerms?: string } }; versions: Array<{ version: number; correction: boolean }> }>('GET', `/newsroom/api/wire/items/${id}`);
      assert.equal(item.status, 200);
      assert.deepEqual([item.body.item.version, item.body.item.status], [2, 'corrected']);
      assert.deepEqual(item.body.versions.map((v) => [v.version, v.correction]), [[2, true], [1, false]]);
      assert.ok(item.body.current.notes.some((n) => !n.publishable && /Foto vom Termin/.test(n.text)), 'the desk sees internal notes');
      const v1 = await api('contributor').json<{ version: number; body: unknown[] }>('GET', `/newsroom/api/wire/items/${id}/versions/1`);
      assert.equal(v1.body.version, 1);
      const diff = await api('contributor').json<{ fromVersion: number; toVersion: number; body: Array<{ op: string; words?: Array<{ op: string; text: string }> }> }>('GET', `/newsroom/api/wire/items/${id}/diff?from=1&to=2`);
      assert.deepEqual([diff.body.fromVersion, diff.body.toVersion], [1, 2]);
      const changed = diff.body.body.find((o) => o.op === 'changed');
      assert.ok(changed?.words?.some((x) => x.op === 'del' && x.text.includes('vier')));
      assert.ok(changed?.words?.some((x) => x.op === 'ins' && x.text.includes('fünf')));

      assert.equal((await api('contributor').api('GET', '/newsroom/api/wire/items/00000000-0000-4000-8000-000000000000')).status, 404);
      assert.equal((await api('contributor').api('GET', '/newsroom/api/wire/items/keine-uuid')).status, 404);
      assert.equal((await api('contributor').api('GET', `/newsroom/api/wire/items/${id}/diff?from=1&to=7`)).status, 404);
      assert.equal((await api('contributor').api('GET', `/newsroom/api/wire/items/${id}/diff?from=eins&to=2`)).status, 422);
      assert.equal((await api('contributor').api('GET', `/newsroom/api/wire/items/${id}/diff`)).status, 422);
      assert.equal((await api('contributor').api('GET', `/newsroom/api/wire/items/${id}/versions/x`)).status, 422);
    });

    test('take: 201 with the new draft and the editor address; withdrawn is 409; the item lists the take', async () => {
      const id = await w.ingestOne(entry({ headline: 'Schulneubau beginnt im Frühjahr' }));
      const res = await api('contributor').json<{ storyId: string; headline: string; status: string; editor: string; warnings: string[] }>('POST', `/newsroom/api/wire/items/${id}/take`);
      assert.equal(res.status, 201);
      assert.deepEqual([res.body.headline, res.body.status, res.body.editor, res.body.warnings], ['Schulneubau beginnt im Frühjahr', 'draft', `/newsroom/stories/${res.body.storyId}`, []]);
      const story = await w.services.stories.get(res.body.storyId);
      assert.equal(story.ownerId, w.ids.get('contributor'));
      const view = await w.services.wire.get(id);
      assert.deepEqual(view.takes.map((t) => [t.storyId, t.takenVersion]), [[res.body.storyId, 1]]);

      const doc = entry({ headline: 'Zurückgezogen: Rathaus brennt' });
      const gone = await w.ingestOne(doc);
      await w.ingest({ ...doc, version: 2, pubstatus: 'withheld' });
      const refused = await api('contributor').json<{ error: { code: string; reason: string } }>('POST', `/newsroom/api/wire/items/${gone}/take`);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.reason, 'wire_withdrawn');
      assert.equal((await api('contributor').api('POST', '/newsroom/api/wire/items/keine-uuid/take')).status, 404);
    });

    test('dead letters and retry', async () => {
      const [o] = await w.services.wire.ingest('dpa', '{"format": "etwas anderes"}', { name: 'fremd.json' });
      const id = (o as { deadLetterId: string }).deadLetterId;
      const list = await api('editor').json<{ items: Array<{ id: string; reason: string; name: string }> }>('GET', '/newsroom/api/wire/dead-letters');
      const letter = list.body.items.find((d) => d.id === id);
      assert.ok(letter);
      assert.equal(letter.name, 'fremd.json');
      assert.match(letter.reason, /not a digitalwires entry/);
      const retried = await api('admin').json<{ outcomes: Array<{ result: string; reason?: string }> }>('POST', `/newsroom/api/wire/dead-letters/${id}/retry`);
      assert.equal(retried.status, 200);
      assert.deepEqual(retried.body.outcomes.map((x) => x.result), ['refused']);
      assert.equal((await api('admin').api('POST', '/newsroom/api/wire/dead-letters/00000000-0000-4000-8000-000000000000/retry')).status, 404);
      assert.equal((await api('editor').api('GET', '/newsroom/api/wire/dead-letters?limit=0')).status, 422);
    });

    test('sources and rules: create, 409 on a taken id, replace, validation naming fields, NUL refused, secret never shown', async () => {
      const admin = api('admin');
      const made = await admin.json<{ id: string; hasSecret: boolean }>('POST', '/newsroom/api/wire/sources', { id: 'kna', name: 'KNA', transport: 'push', secret: 'ein-langes-geheimnis-123' });
      assert.equal(made.status, 201);
      assert.equal(made.body.hasSecret, true);
      assert.doesNotMatch(JSON.stringify(made.body), /ein-langes-geheimnis/);
      assert.equal((await admin.api('POST', '/newsroom/api/wire/sources', { id: 'kna', name: 'KNA' })).status, 409);
      const listed = await admin.json<{ items: Array<{ id: string }> }>('GET', '/newsroom/api/wire/sources');
      assert.ok(listed.body.items.some((s) => s.id === 'kna'));
      assert.doesNotMatch(JSON.stringify(listed.body), /ein-langes-geheimnis/);

      const bad = await admin.json<{ error: { issues: Array<{ path: string }> } }>('PUT', '/newsroom/api/wire/sources/kna', { name: '', format: 'rss', transport: 'push', secret: 'kurz' });
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body.error.issues.map((i) => i.path).sort(), ['format', 'name', 'secret']);
      assert.equal((await admin.api('PUT', '/newsroom/api/wire/sources/kna', { name: 'K\u0000NA' })).status, 422);
      const lone = await admin.api('PUT', '/newsroom/api/wire/sources/kna', '{"name": "K\\ud800NA"}');
      assert.equal(lone.status, 422);
      assert.equal((await w.services.wire.source('kna')).name, 'KNA', 'nothing half-saved');

      const rules = await admin.json<{ rules: unknown[] }>('PUT', '/newsroom/api/wire/sources/kna/rules', { rules: [{ scheme: 'desk', code: 'rel', section: 'Religion', topics: ['Kirche'] }] });
      assert.equal(rules.status, 200);
      const got = await admin.json<{ rules: unknown[]; id: string }>('GET', '/newsroom/api/wire/sources/kna');
      assert.deepEqual(got.body.rules, [{ scheme: 'desk', code: 'rel', section: 'Religion', topics: ['Kirche'] }]);
      const badRules = await admin.json<{ error: { issues: Array<{ path: string }> } }>('PUT', '/newsroom/api/wire/sources/kna/rules', { rules: [{ scheme: 'weather', code: 'x' }] });
      assert.equal(badRules.status, 422);
      assert.ok(badRules.body.error.issues.some((i) => i.path === 'rules[0].scheme'));
      assert.equal((await admin.api('PUT', '/newsroom/api/wire/sources/kna/rules', { rules: 'keine' })).status, 422);
      assert.equal((await admin.api('GET', '/newsroom/api/wire/sources/gibt-es-nicht')).status, 404);
      assert.equal((await admin.api('DELETE', '/newsroom/api/wire/sources/dpa')).status, 409, 'a source with items stays');
      assert.equal((await admin.api('DELETE', '/newsroom/api/wire/sources/kna')).status, 204);
      assert.equal((await admin.api('GET', '/newsroom/api/wire/sources/kna')).status, 404);
    });
  });
}
