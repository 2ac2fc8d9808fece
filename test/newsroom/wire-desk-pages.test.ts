/**
 * The wire desk's pages over HTTP on both engines (in-process): the list with
 * its Eil badge, Sperrfrist and filters, paging and the live poll's mark; the
 * item page with internal notes marked, versions and a diff; taking over into
 * the editor; withdrawn items; dead letters and their retry; sources and
 * rules with errors beside their fields. Permissions per role, and bad input
 * (unknown ids, NUL and lone surrogates, a huge search) never a 500.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engines } from '../helpers/db.js';
import { entry, openWireWorld, type WireWorld } from './wire-desk-world.js';

/** The visible text of an HTML page, tags removed and entities for & < > " decoded (enough for these assertions). */
const textOf = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
/** The table rows of the desk list, in order, as text. */
const rowsOf = (html: string) => [...(/<tbody>([\s\S]*?)<\/tbody>/.exec(html.slice(html.indexOf('id="wire-list"')))?.[1] ?? '').matchAll(/<tr[\s\S]*?<\/tr>/g)].map((m) => m[0]);

for (const engine of engines()) {
  describe(`wire desk pages on ${engine.name}`, { skip: engine.skip }, () => {
    let w: WireWorld;
    const get = (who: string, path: string) => w.as.get(who)!.request(path);
    const post = async (who: string, path: string, fields: Record<string, string> = {}) => {
      const b = w.as.get(who)!;
      return b.form(path, { _csrf: await b.csrf(), ...fields });
    };

    before(async () => {
      w = await openWireWorld(await engine.open());
    });
    after(async () => {
      await w?.db.close();
    });

    test('anonymous: the pages send to the login, the API answers 401', async () => {
      for (const path of ['/newsroom/agentur', '/newsroom/agentur/fehler', '/newsroom/agentur/quellen', '/newsroom/agentur/00000000-0000-4000-8000-000000000000']) {
        const res = await w.anonymous.request(path);
        assert.equal(res.status, 303, path);
        assert.equal(res.headers.get('location'), `/newsroom/login?next=${encodeURIComponent(path)}`);
      }
      const api = await w.anonymous.request('/newsroom/api/wire/items');
      assert.equal(api.status, 401);
      assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'UNAUTHORIZED');
    });

    test('the list: Eilmeldungen on top with a word badge, Sperrfrist in Berlin time, statuses; German and English', async () => {
      const plain = await w.ingestOne(entry({ headline: 'Kreistag tagt am Abend', urgency: 4 }));
      const eil = await w.ingestOne(entry({ headline: 'Eil: Hochwasseralarm an der Elbe', urgency: 1 }));
      const later = await w.ingestOne(entry({ headline: 'Museum öffnet neuen Flügel', urgency: 5, embargoed: '2030-03-01T07:30:00+01:00' }));
      const res = await get('admin', '/newsroom/agentur');
      assert.equal(res.status, 200);
      const html = await res.text();
      const rows = rowsOf(html);
      const index = (id: string) => rows.findIndex((r) => r.includes(`data-id="${id}"`));
      assert.equal(index(eil), 0, 'the Eilmeldung is first although it is not the newest');
      assert.ok(index(later) < index(plain), 'otherwise newest first');
      assert.match(rows[0]!, /class="eil"/);
      assert.match(textOf(rows[0]!), /Eil 1/);
      assert.match(textOf(rows[index(later)]!), /Sperrfrist bis 1\. März 2030 \| 07:30 Uhr/, 'the embargo in Europe/Berlin');
      assert.match(textOf(rows[index(plain)]!), /dpa 4 Verkehr: Kreistag tagt am Abend .* vm, vermischtes neu/);
      assert.match(html, /<p id="wire-live" class="wire-live" role="status" aria-live="polite">/);
      assert.match(html, /<div id="wire-eil-alert" class="wire-eil-alert" role="alert">/);
      assert.match(html, /src="\/newsroom\/assets\/wire-desk\.[0-9a-f]{12}\.js"/);
      const config = JSON.parse(/<script type="application\/json" id="wire-desk-config">([^<]*)<\/script>/.exec(html)![1]!) as { poll: string; newest: string; text: { eilAlert: string } };
      assert.equal(config.poll, '/newsroom/api/wire/items?limit=50');
      assert.equal(config.text.eilAlert, 'Eilmeldung: {h}');
      const polled = await (await get('admin', `${config.poll}&after=${config.newest}`)).json() as { items: unknown[] };
      assert.deepEqual(polled.items, [], 'the mark is the newest item: nothing newer yet');
      assert.match(html, /href="\/newsroom\/agentur" aria-current="page">Agentur</, 'the nav link');

      const en = await (await get('editor', '/newsroom/agentur')).text();
      assert.match(en, /<html lang="en"/);
      assert.match(textOf(rowsOf(en)[index(later)]!), /Embargo until March 1, 2030, 07:30/);
      assert.match(textOf(rowsOf(en)[0]!), /Flash 1/);
    });

    test('filters as a GET form: Eil only, full text, desk, geo, status; bad values explained, never a 500', async () => {
      const eilOnly = rowsOf(await (await get('admin', '/newsroom/agentur?urgency=eil')).text());
      assert.ok(eilOnly.length >= 1);
      assert.ok(eilOnly.every((r) => /class="eil"/.test(r)), 'only Eilmeldungen');
      const text = rowsOf(await (await get('admin', `/newsroom/agentur?q=${encodeURIComponent('Hochwasser')}`)).text());
      assert.deepEqual(text.map((r) => /Hochwasseralarm/.test(r)), [true]);
      const prefix = rowsOf(await (await get('admin', `/newsroom/agentur?q=${encodeURIComponent('Flüg')}`)).text());
      assert.equal(prefix.length, 1, 'the last word may be the start of a word');
      const geo = rowsOf(await (await get('admin', '/newsroom/agentur?geo=Sachsen-Anhalt&desk=vm&source=dpa')).text());
      assert.ok(geo.length >= 3);
      const none = await (await get('admin', '/newsroom/agentur?geo=Bayern')).text();
      assert.equal(rowsOf(none).length, 0);
      assert.match(none, /Keine Meldungen gefunden/);

      const bad = await get('admin', '/newsroom/agentur?status=verschollen');
      assert.equal(bad.status, 200);
      assert.match(textOf(await bad.text()), /Ungültiger Filter:/);
      const huge = await get('admin', `/newsroom/agentur?q=${'Elbe '.repeat(2000)}`);
      assert.equal(huge.status, 200, 'a long search is cut, not refused');
      for (const q of ['%00', 'a%00b']) {
        const res = await get('admin', `/newsroom/agentur?q=${q}`);
        assert.equal(res.status, 422, q);
        assert.match(await res.text(), /Nullzeichen/);
      }
      // Broken UTF-8 in an address decodes to U+FFFD: searched for like any text.
      assert.equal((await get('admin', '/newsroom/agentur?q=%ED%A0%80')).status, 200);
      const cursor = await get('admin', '/newsroom/agentur?cursor=kaputt');
      assert.equal(cursor.status, 200);
      assert.match(textOf(await cursor.text()), /Ungültiger Filter/);
    });

    test('paging: "Ältere Meldungen" leads on without repeating an item; the first page links back', async () => {
      const ids = new Set<string>();
      const docs = Array.from({ length: 52 }, (_, i) => entry({ headline: `Pegelstand Meldung ${i}`, kicker: 'Pegel', urgency: 6 }));
      for (const d of docs) ids.add(await w.ingestOne(d));
      const first = await (await get('admin', '/newsroom/agentur?q=Pegelstand')).text();
      const next = /<a href="([^"]+)" rel="next">Ältere Meldungen<\/a>/.exec(first)?.[1]?.replace(/&amp;/g, '&');
      assert.ok(next, 'a link to older items');
      const second = await (await get('admin', next)).text();
      const seen = [...rowsOf(first), ...rowsOf(second)].map((r) => /data-id="([^"]+)"/.exec(r)![1]!);
      assert.equal(seen.length, 52);
      assert.deepEqual(new Set(seen), ids);
      assert.match(second, /Zu den neuesten Meldungen/);
      assert.doesNotMatch(second, /wire-desk-config/, 'an older page is not live');
    });

    test('the item page: fields, escaped body, internal notes marked, rights, categories; unknown and malformed ids are 404', async () => {
      const id = await w.ingestOne(entry({
        headline: 'Tom & Jerry <b>bauen</b> eine Brücke',
        article_html: '<p>Ein Absatz mit &lt;script&gt;alert(1)&lt;/script&gt; als Text.</p><p><a href="https://example.org/x">Mehr</a></p>',
        infobox_html: '<section><h3>Zahlen</h3><p>120 Meter lang</p></section>',
        associations: [{ type: 'image', headline: 'Brücke bei Nacht', caption: 'Die Brücke am Abend der Freigabe.', creditline: 'Foto: Lena Ufer/dpa', renditions: [{ url: 'https://pictures.example.invalid/a.jpg', width: 1920, height: 1080, mimetype: 'image/jpeg' }] }],
      }));
      const res = await get('admin', `/newsroom/agentur/${id}`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<h1>Tom &amp; Jerry &lt;b&gt;bauen&lt;\/b&gt; eine Brücke<\/h1>/);
      assert.doesNotMatch(html, /<script>alert/);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.match(html, /<a href="https:\/\/example.org\/x" rel="noopener">Mehr<\/a>/);
      const text = textOf(html);
      assert.match(text, /Halle \(dpa\)/);
      assert.match(text, /intern – nicht zur Veröffentlichung .*Bitte Foto vom Termin nachfordern\..*Nur für Abonnenten des Landesdienstes Sachsen-Anhalt/);
      assert.match(text, /Creditline dpa/);
      assert.match(text, /© dpa-infocom GmbH/);
      assert.match(text, /geo Sachsen-Anhalt dpacountry:st/);
      assert.match(text, /Brücke bei Nacht .*Die Brücke am Abend der Freigabe\..*Foto: Lena Ufer\/dpa.*1920 × 1080 · image\/jpeg · pictures\.example\.invalid/);
      assert.doesNotMatch(html, /<img[^>]+pictures\.example/, 'no agency picture is loaded (the CSP would block it)');
      assert.match(html, /<aside[^>]*>[\s\S]*Zahlen[\s\S]*120 Meter lang/);
      assert.match(html, /<button type="submit" aria-describedby="wire-take-hint">Übernehmen<\/button>/);

      assert.equal((await get('admin', '/newsroom/agentur/00000000-0000-4000-8000-000000000000')).status, 404);
      const malformed = await get('admin', '/newsroom/agentur/keine-uuid');
      assert.equal(malformed.status, 404);
      assert.match(textOf(await malformed.text()), /Nicht gefunden\. Diese Agenturmeldung gibt es nicht \(mehr\)\./);
      assert.match(textOf(await (await get('editor', '/newsroom/agentur/keine-uuid')).text()), /Not found\. There is no such wire item\./);
      assert.equal((await get('admin', '/newsroom/agentur/%00')).status, 422);
    });

    test('versions and a diff between any two: added and removed words in ins/del with spoken labels', async () => {
      const v1 = entry({ headline: 'Stadtrat beschließt Haushalt', article_html: '<p>Der Stadtrat stimmte am Dienstag zu.</p>' });
      const id = await w.ingestOne(v1);
      await w.ingest({ ...v1, version: 2, signal: ['sig:correction'], headline: 'Stadtrat beschließt Doppelhaushalt', article_html: '<p>Der Stadtrat stimmte am Mittwoch zu.</p>' });
      const html = await (await get('admin', `/newsroom/agentur/${id}?from=1&to=2`)).text();
      const text = textOf(html);
      assert.match(text, /2 \(aktuell\) .* Korrektur/);
      assert.match(html, /<h2 id="wire-diff-h">Fassung 1 → Fassung 2<\/h2>/);
      assert.match(html, /<del><span class="vh">\[Löschung: <\/span>Dienstag<span class="vh"> \]<\/span><\/del>/);
      assert.match(html, /<ins><span class="vh">\[Einfügung: <\/span>Mittwoch<span class="vh"> \]<\/span><\/ins>/);
      assert.match(text, /Überschrift .*Doppelhaushalt/);
      const missing = await get('admin', `/newsroom/agentur/${id}?from=1&to=9`);
      assert.equal(missing.status, 200);
      assert.match(textOf(await missing.text()), /Diese Fassung gibt es nicht; die aktuelle ist Fassung 2\./);
      const nonsense = await get('admin', `/newsroom/agentur/${id}?from=x&to=2`);
      assert.equal(nonsense.status, 200);
    });

    test('Übernehmen: a contributor takes an item over and lands in the editor of the new draft; the item lists it', async () => {
      const id = await w.ingestOne(entry({ headline: 'Fähre nimmt Betrieb wieder auf' }));
      const res = await post('contributor', `/newsroom/agentur/${id}/uebernehmen`);
      assert.equal(res.status, 303);
      const to = res.headers.get('location')!;
      assert.match(to, /^\/newsroom\/stories\/[0-9a-f-]{36}$/);
      const editor = await get('contributor', to);
      assert.equal(editor.status, 200);
      assert.match(await editor.text(), /Fähre nimmt Betrieb wieder auf/);
      const item = await (await get('contributor', `/newsroom/agentur/${id}`)).text();
      assert.match(item, new RegExp(`<a href="${to}">Fähre nimmt Betrieb wieder auf</a>`));
      assert.match(textOf(item), /aus Fassung 1, von Agentur contributor/);
      const list = await (await get('contributor', '/newsroom/agentur?status=taken')).text();
      assert.ok(rowsOf(list).some((r) => r.includes(id) && /übernommen/.test(r)));

      // A take-over that leaves something out (here the picture: this app has no media library) says so on the item page, with the way on.
      const pictured = await w.ingestOne(entry({
        headline: 'Segelregatta auf dem Arendsee',
        associations: [{ type: 'image', caption: 'Boote am Start.', creditline: 'Foto: Kai Wind/dpa', renditions: [{ url: 'https://pictures.example.invalid/boote.jpg', width: 1200, height: 800 }] }],
      }));
      const noted = await post('contributor', `/newsroom/agentur/${pictured}/uebernehmen`);
      assert.equal(noted.status, 200);
      const notedHtml = await noted.text();
      assert.match(textOf(notedHtml), /Der Entwurf wurde angelegt, mit Hinweisen: .*no media library is configured/);
      const storyLink = /<a href="(\/newsroom\/stories\/[0-9a-f-]{36})">Beitrag im Editor öffnen<\/a>/.exec(notedHtml)?.[1];
      assert.ok(storyLink);
      assert.equal((await w.services.wire.get(pictured)).takes[0]?.storyId, storyLink.split('/').pop());

      const noCsrf = await w.as.get('contributor')!.form(`/newsroom/agentur/${id}/uebernehmen`, {});
      assert.equal(noCsrf.status, 403);
      assert.equal((await post('contributor', '/newsroom/agentur/00000000-0000-4000-8000-000000000000/uebernehmen')).status, 404);
    });

    test('a withdrawn item warns prominently and cannot be taken over', async () => {
      const v1 = entry({ headline: 'Falschmeldung über Stausee' });
      const id = await w.ingestOne(v1);
      await w.ingest({ ...v1, version: 2, pubstatus: 'canceled' });
      const html = await (await get('admin', `/newsroom/agentur/${id}`)).text();
      assert.match(html, /<section class="wire-warning" aria-labelledby="wire-withdrawn-h"><h2 id="wire-withdrawn-h">Von der Agentur zurückgezogen<\/h2>/);
      assert.doesNotMatch(html, />Übernehmen<\/button>/);
      const refused = await post('admin', `/newsroom/agentur/${id}/uebernehmen`);
      assert.equal(refused.status, 409);
      assert.match(textOf(await refused.text()), /Die Agentur hat diese Meldung zurückgezogen; sie kann nicht übernommen werden\./);
      const row = rowsOf(await (await get('admin', '/newsroom/agentur?status=withdrawn')).text()).find((r) => r.includes(id));
      assert.ok(row && /zurückgezogen/.test(row));
    });

    test('an embargoed item shows the Sperrfrist prominently', async () => {
      const id = await w.ingestOne(entry({ headline: 'Preisträger stehen fest', embargoed: '2031-06-10T18:00:00+02:00' }));
      const text = textOf(await (await get('admin', `/newsroom/agentur/${id}`)).text());
      assert.match(text, /Sperrfrist Nicht vor 10\. Juni 2031 \| 18:00 Uhr veröffentlichen/);
    });

    test('dead letters: listed with reason for every editor, retried only by those who manage sources', async () => {
      const [o] = await w.services.wire.ingest('dpa', 'das ist kein JSON', { name: 'kaputt.json', via: 'folder' });
      assert.equal(o!.result, 'refused');
      const id = (o as { deadLetterId: string }).deadLetterId;
      const page = await (await get('contributor', '/newsroom/agentur/fehler')).text();
      assert.match(textOf(page), /kaputt\.json .*not a digitalwires entry: the document is not JSON/);
      assert.doesNotMatch(page, /Erneut versuchen/, 'no retry button without wire.manage');
      assert.equal((await post('contributor', `/newsroom/agentur/fehler/${id}/erneut`)).status, 403);
      const retried = await post('admin', `/newsroom/agentur/fehler/${id}/erneut`);
      assert.equal(retried.status, 200);
      const text = textOf(await retried.text());
      assert.match(text, /Erneut abgelehnt: not a digitalwires entry/);
      assert.match(text, /kaputt\.json .* 1 /, 'one retry counted');
      assert.equal((await post('admin', '/newsroom/agentur/fehler/keine-uuid/erneut')).status, 404);
    });

    test('sources: only for wire.manage; a push source shows its secret once, then "gesetzt"; errors beside fields, input kept', async () => {
      assert.equal((await get('contributor', '/newsroom/agentur/quellen')).status, 403);
      assert.equal((await post('editor', '/newsroom/agentur/quellen', { id: 'x', name: 'x' })).status, 403);

      const bad = await post('admin', '/newsroom/agentur/quellen', { id: 'Falsch ID', name: 'Presse\uD83D\uDE00dienst', format: 'ninjs', transport: 'wireq', withdrawPolicy: 'flag', 'settings.intervalSeconds': 'oft', extra: '[1,2]' });
      assert.equal(bad.status, 422);
      const badHtml = await bad.text();
      assert.match(badHtml, /<input id="src-id" name="id" type="text" value="Falsch ID" aria-invalid="true" aria-describedby="err-id"/);
      assert.match(badHtml, /<p class="field-error" id="err-id">[^<]*lower-case letters/);
      assert.match(badHtml, /id="err-settings-intervalSeconds"/);
      assert.match(badHtml, /id="err-extra"/);
      assert.match(badHtml, /value="Presse😀dienst"/, 'the typed name is kept');
      assert.match(badHtml, /<option value="ninjs" selected="">/);

      const made = await post('admin', '/newsroom/agentur/quellen', {
        id: 'epd-push', name: 'epd Landesdienst', format: 'auto', transport: 'push', withdrawPolicy: 'depublish', active: '1', 'settings.section': 'Kirche',
        'auto.0.scheme': '', 'auto.0.code': '', 'auto.0.name': '',
      });
      assert.equal(made.status, 200);
      const madeHtml = await made.text();
      const secret = /<p class="wire-secret">([^<]+)<\/p>/.exec(madeHtml)?.[1];
      assert.ok(secret && secret.length >= 16, 'a generated secret is shown once');
      assert.equal(await w.services.wire.sourceSecret('epd-push'), secret);
      const again = await (await get('admin', '/newsroom/agentur/quellen/epd-push')).text();
      assert.doesNotMatch(again, new RegExp(secret));
      assert.match(textOf(again), /Push-Geheimnis: gesetzt/);
      const stored = await w.services.wire.source('epd-push');
      assert.deepEqual([stored.transport, stored.withdrawPolicy, stored.settings, stored.autoPublish, stored.active], ['push', 'depublish', { section: 'Kirche' }, [], true]);

      // Auto-publish: off unless a row is filled in; a row without a scheme is refused beside it.
      const autoBad = await post('admin', '/newsroom/agentur/quellen/epd-push', {
        id: 'epd-push', name: 'epd Landesdienst', format: 'auto', transport: 'push', withdrawPolicy: 'depublish', active: '1', 'auto.0.scheme': '', 'auto.0.code': 'wetter', 'auto.0.name': '',
      });
      assert.equal(autoBad.status, 422);
      assert.match(await autoBad.text(), /id="err-auto-0-scheme"/);
      const autoOk = await post('admin', '/newsroom/agentur/quellen/epd-push', {
        id: 'epd-push', name: 'epd Landesdienst', format: 'auto', transport: 'push', withdrawPolicy: 'flag', 'auto.0.scheme': 'genre', 'auto.0.code': 'wetter', 'auto.0.name': '',
      });
      assert.equal(autoOk.status, 303);
      const after = await w.services.wire.source('epd-push');
      assert.deepEqual(after.autoPublish, [{ when: { scheme: 'genre', code: 'wetter' }, publish: true }]);
      assert.equal(after.active, false, 'an unticked box is inactive');
      assert.equal(await w.services.wire.sourceSecret('epd-push'), secret, 'the secret is kept when none is typed');

      const rules = await post('admin', '/newsroom/agentur/quellen/epd-push/regeln', {
        'rule.0.scheme': 'geo', 'rule.0.code': '', 'rule.0.name': 'Sachsen-Anhalt', 'rule.0.section': 'Sachsen-Anhalt', 'rule.0.topics': 'Land, Landtag',
        'rule.1.scheme': '', 'rule.1.code': '', 'rule.1.name': '', 'rule.1.section': '', 'rule.1.topics': '',
      });
      assert.equal(rules.status, 303);
      assert.deepEqual(await w.services.wire.rules('epd-push'), [{ scheme: 'geo', name: 'Sachsen-Anhalt', section: 'Sachsen-Anhalt', topics: ['Land', 'Landtag'] }]);
      const badRules = await post('admin', '/newsroom/agentur/quellen/epd-push/regeln', { 'rule.0.scheme': 'desk', 'rule.0.code': 'pl', 'rule.0.name': '', 'rule.0.section': '', 'rule.0.topics': '' });
      assert.equal(badRules.status, 422);
      const badRulesHtml = await badRules.text();
      assert.match(badRulesHtml, /id="err-rules-0-scheme"/);
      assert.match(badRulesHtml, /name="rule\.0\.code" value="pl"/);
      assert.equal((await w.services.wire.rules('epd-push')).length, 1, 'nothing half-saved');

      const nul = await post('admin', '/newsroom/agentur/quellen', { id: 'nul', name: 'a\u0000b' });
      assert.equal(nul.status, 422);
      const lone = await w.as.get('admin')!.request('/newsroom/agentur/quellen', {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${await w.as.get('admin')!.csrf()}&id=lone&name=%ED%A0%80`,
      });
      assert.notEqual(lone.status, 500);
      assert.equal((await get('admin', '/newsroom/agentur/quellen/gibt-es-nicht')).status, 404);

      const del = await post('admin', '/newsroom/agentur/quellen/epd-push/loeschen');
      assert.equal(del.status, 303);
      await assert.rejects(w.services.wire.source('epd-push'));
      const inUse = await post('admin', '/newsroom/agentur/quellen/dpa/loeschen');
      assert.equal(inUse.status, 409, 'a source with items is not deleted');
      assert.match(textOf(await inUse.text()), /Die Quelle „dpa“ hat \d+ Meldungen und kann nicht gelöscht werden/);
    });
  });
}
