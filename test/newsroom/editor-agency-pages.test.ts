/**
 * The editor's agency panel over HTTP, in-process, on both engines: a story
 * taken from an item shows source, guid and versions; a correction (version 2,
 * sig:correction) shows "Neue Agenturfassung (Version 2)", "Korrektur" and the
 * diff with spoken insertion/deletion marks, and the JSON carries the fields
 * to merge; recording the merged version (audited, version-checked) makes the
 * notice go; a withdrawal shows an alert with what each source's policy did;
 * a Sperrfrist is shown in Berlin time with what publishing will do; other
 * stories have no panel; permissions, and bad ids and bodies never a 500.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { forEachEngine } from '../helpers/db.js';
import { ferryEntry, openAgencyWorld, type AgencyWorld } from './editor-agency-world.js';

/** Visible text: scripts and tags removed, the few entities the views write decoded, spaces collapsed. */
const textOf = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
/** The markup of the element with `id` up to its closing tag (the first `</tag>` that balances; enough for these views). */
function part(html: string, id: string): string | undefined {
  const start = html.search(new RegExp(`<(\\w+)[^>]*\\sid="${id}"`));
  if (start < 0) return undefined;
  const tag = /^<(\w+)/.exec(html.slice(start))![1]!;
  const re = new RegExp(`<${tag}\\b|</${tag}>`, 'g');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[0].startsWith('</') ? -1 : 1;
    if (depth === 0) return html.slice(start, m.index + m[0].length);
  }
  return undefined;
}

forEachEngine('editor agency panel', (ctx) => {
  let w: AgencyWorld;
  const page = async (who: string, storyId: string) => {
    const res = await w.as.get(who)!.request(`/newsroom/stories/${storyId}`);
    assert.equal(res.status, 200);
    return res.text();
  };
  const agency = (who: string, storyId: string) => w.as.get(who)!.json('GET', `/newsroom/api/stories/${storyId}/agency`);

  before(async () => {
    w = await openAgencyWorld(ctx.db);
  });
  after(() => undefined);

  test('a taken story shows where it came from; a correction shows the new version, "Korrektur" and the diff', async () => {
    const v1 = ferryEntry();
    const { itemId, storyId } = await w.taken(v1);
    const first = await page('admin', storyId);
    const panel = part(first, 'agency-panel');
    assert.ok(panel, 'the panel is there');
    assert.match(panel, /<section id="agency-panel" class="agency-panel panel" aria-labelledby="agency-h"><h2 id="agency-h">Agentur<\/h2>/);
    const facts = textOf(panel);
    assert.match(facts, /Quelle dpa Landesdienst \(dpa\)/);
    assert.ok(facts.includes(`Kennung der Meldung ${v1.urn as string}`));
    assert.match(facts, /Übernommen aus Version 1 Aktuelle Version der Agentur 1/);
    assert.ok(panel.includes(`<a href="/newsroom/agentur/${itemId}">Meldung im Agentur-Desk öffnen</a>`));
    assert.equal(part(first, 'agency-update'), undefined, 'nothing new yet');
    assert.equal(part(first, 'agency-withdrawn'), undefined);
    assert.ok(first.indexOf('id="agency-panel"') < first.indexOf('<form id="editor"'), 'near the top, before the form');

    await w.ingest({ ...v1, version: 2, signal: ['sig:correction'], headline: 'Elbfähre fährt wieder nach Winterfahrplan',
      article_html: '<section><p>Der Pegel ist über Nacht um sechzig Zentimeter gestiegen.</p><p>Radfahrer müssen keinen Umweg mehr nehmen.</p></section>' });
    const html = await page('admin', storyId);
    const update = part(html, 'agency-update')!;
    assert.ok(update, 'the notice of the new version');
    const said = textOf(update);
    assert.match(said, /^Neue Agenturfassung \(Version 2\) Korrektur Die Agentur hat die Meldung korrigiert\./);
    assert.match(update, /<strong class="badge correction">Korrektur<\/strong>/, 'a word, not a colour');
    assert.match(said, /Übernommen wurde Version 1\./);
    // The headline's word diff, insertion and deletion spoken as such (not only by colour).
    assert.match(update, /<ins><span class="vh">\[Einfügung: <\/span>Winterfahrplan<span class="vh"> \]<\/span><\/ins>/);
    assert.match(update, /<del><span class="vh">\[Löschung: <\/span>Fahrplan<span class="vh"> \]<\/span><\/del>/);
    assert.match(said, /Überschrift Elbfähre fährt wieder nach \[Löschung: Fahrplan \] \[Einfügung: Winterfahrplan \]/);
    assert.match(said, /\[Löschung: vierzig \] \[Einfügung: sechzig \]/, 'the changed paragraph word by word');
    assert.match(update, /id="agency-merge-tools" hidden="">/, 'the merge button waits for the script');
    assert.doesNotMatch(html, /Fährmann ruft zurück/, 'internal notes stay on the desk');
    assert.match(html, /<section id="agency-merge" class="merge panel agency-merge" hidden="" tabindex="-1" aria-labelledby="agency-merge-h"><\/section>/);
    const island = JSON.parse(/<script type="application\/json" id="agency-config">([^<]*)<\/script>/.exec(html)![1]!) as { url: string; key: string; canEdit: boolean; text: { save: string } };
    assert.equal(island.url, `/newsroom/api/stories/${storyId}/agency`);
    assert.equal(island.key, '1|2|false|||');
    assert.equal(island.canEdit, true);
    assert.equal(island.text.save, 'Übernehmen und speichern');

    const json = await agency('admin', storyId);
    assert.equal(json.status, 200);
    const a = json.body.agency;
    assert.deepEqual([a.itemId, a.source, a.sourceName, a.guid, a.takenVersion, a.currentVersion, a.withdrawn, a.correction, a.pubStatus, a.deskPath],
      [itemId, 'dpa', 'dpa Landesdienst', v1.urn, 1, 2, false, true, 'usable', `/newsroom/agentur/${itemId}`]);
    assert.deepEqual(json.body.storyEmbargoUntil, null);
    assert.equal(json.body.key, island.key, 'the poll compares like with like');
    const poll = await w.as.get('admin')!.json('GET', `/newsroom/api/stories/${storyId}/agency?view=key`);
    assert.deepEqual(poll.body, { key: island.key }, 'the poll gets the key alone');
    assert.equal((await w.as.get('admin')!.json('GET', `/newsroom/api/stories/${storyId}/agency?view=alles`)).status, 422);
    const f = a.update.fields;
    assert.deepEqual([f.kicker, f.headline, f.teaser, f.byline, f.dateline], ['Nahverkehr', 'Elbfähre fährt wieder nach Winterfahrplan',
      'Nach dem Niedrigwasser legt die Fähre bei Coswig wieder stündlich ab.', 'Von Mira Sand, dpa', 'Coswig (dpa)']);
    assert.deepEqual(f.body, [
      { type: 'paragraph', content: [{ text: 'Der Pegel ist über Nacht um sechzig Zentimeter gestiegen.' }] },
      { type: 'paragraph', content: [{ text: 'Radfahrer müssen keinen Umweg mehr nehmen.' }] },
    ]);
    assert.equal(a.update.version, 2);
    assert.equal(a.update.diff.summary.changed, 1);

    // English for the English-speaking editor.
    const en = textOf(part(await page('editor', storyId), 'agency-panel')!);
    assert.match(en, /^Agency Source dpa Landesdienst \(dpa\)/);
    assert.match(en, /New agency version \(version 2\) Correction/);
  });

  test('after the merge is saved, the link names the new version (audited), the notice goes, a stale or bad accept is refused', async () => {
    const v1 = ferryEntry({ headline: 'Fährhaus bekommt neues Dach' });
    const { itemId, storyId } = await w.taken(v1);
    await w.ingest({ ...v1, version: 2, headline: 'Fährhaus bekommt neues Reetdach' });
    await w.ingest({ ...v1, version: 3, headline: 'Fährhaus bekommt ein neues Reetdach' });
    const before = (await agency('admin', storyId)).body.agency;
    assert.deepEqual([before.takenVersion, before.currentVersion, before.correction], [1, 3, false]);
    assert.doesNotMatch(textOf(part(await page('admin', storyId), 'agency-update')!), /Korrektur/, 'no correction among the newer versions');

    // The story is saved the normal way (If-Match), with the agency headline and the editor's own body.
    const admin = w.as.get('admin')!;
    const story = await w.services.stories.get(storyId);
    const mine = [{ type: 'paragraph', content: [{ text: 'Unser eigener Text über das Fährhaus.' }] }];
    const { id: _id, status: _s, version: _v, createdAt: _c, modifiedAt: _m, ownerId: _o, modifiedBy: _b, slug: _slug, ...draft } = story;
    const saved = await admin.json('PUT', `/newsroom/api/stories/${storyId}`, { story: { ...draft, headline: before.update.fields.headline, body: mine } }, { 'if-match': `"v${story.version}"` });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));

    const accepted = await admin.json('POST', `/newsroom/api/stories/${storyId}/agency/accept`, { fromVersion: 1, toVersion: 3 });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.deepEqual([accepted.body.agency.takenVersion, accepted.body.agency.currentVersion, 'update' in accepted.body.agency], [3, 3, false]);
    const html = await page('admin', storyId);
    assert.equal(part(html, 'agency-update'), undefined, 'the notice is gone');
    assert.match(textOf(part(html, 'agency-panel')!), /Übernommen aus Version 3 Aktuelle Version der Agentur 3/);
    const stored = await w.services.stories.get(storyId);
    assert.equal(stored.headline, 'Fährhaus bekommt ein neues Reetdach');
    assert.deepEqual(stored.body, mine);
    const audits = await ctx.db.query<{ action: string; actor: string; detail: Record<string, unknown> }>(
      "SELECT action, actor, detail FROM audit_log WHERE story_id = $1::uuid AND action = 'wire.merged'", [storyId]);
    assert.deepEqual(audits.map((r) => [r.action, r.actor, r.detail]), [['wire.merged', 'Panel admin', { itemId, source: 'dpa', guid: v1.urn, fromVersion: 1, toVersion: 3 }]]);
    const takes = await w.services.wire.get(itemId);
    assert.equal(takes.takes[0]!.takenVersion, 3, 'the desk sees it too');

    // A second tab still on version 1: the link moved (412); versions the item lacks or going back: 422; nothing changed.
    const stale = await admin.json('POST', `/newsroom/api/stories/${storyId}/agency/accept`, { fromVersion: 1, toVersion: 3 });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.error.reason, 'version_conflict');
    for (const body of [{ fromVersion: 3, toVersion: 4 }, { fromVersion: 3, toVersion: 2 }, { fromVersion: 3, toVersion: 3 }, { fromVersion: '3', toVersion: 4 }, { toVersion: 4 }]) {
      const bad = await admin.json('POST', `/newsroom/api/stories/${storyId}/agency/accept`, body);
      assert.equal(bad.status, 422, JSON.stringify(body));
    }
    assert.equal((await agency('admin', storyId)).body.agency.takenVersion, 3);
  });

  test('a withdrawal is an alert naming what the source did: flagged by "dpa", depublished by "epd"', async () => {
    const v1 = ferryEntry({ headline: 'Fähre bleibt wegen Sturm im Hafen' });
    const flagged = await w.taken(v1);
    await w.ingest({ ...v1, version: 2, headline: 'Fähre bleibt wegen Sturms im Hafen' });
    await w.ingest({ ...v1, version: 3, pubstatus: 'canceled' });
    const html = await page('admin', flagged.storyId);
    const alert = part(html, 'agency-withdrawn')!;
    assert.match(alert, /^<div id="agency-withdrawn" class="agency-withdrawn" role="alert">/);
    assert.equal(textOf(alert), 'Warnung: Die Agentur hat diese Meldung zurückgezogen. Status bei der Agentur: storniert (canceled). '
      + 'Die Quelle depubliziert nicht automatisch: Der Beitrag ist für Sie zur Prüfung markiert. Bitte nicht veröffentlichen.');
    assert.equal(part(html, 'agency-update'), undefined, 'nothing to merge from a withdrawn item');
    assert.equal(textOf(part(html, 'agency-publish-hint')!), 'Achtung: Die Agentur hat die Meldung zurückgezogen.');
    const j = (await agency('admin', flagged.storyId)).body.agency;
    assert.deepEqual([j.withdrawn, j.alert, j.pubStatus, j.currentVersion, 'update' in j], [true, 'withdrawn', 'canceled', 3, false]);

    const e1 = ferryEntry({ headline: 'Fährverbindung wird eingestellt' });
    const down = await w.taken(e1, 'epd');
    await w.services.stories.publish(down.storyId, { actor: { id: w.ids.get('admin')!, name: 'Panel admin' } });
    await w.ingest({ ...e1, version: 2, pubstatus: 'withheld' }, 'epd');
    assert.equal((await w.services.stories.get(down.storyId)).status, 'depublished');
    const text = textOf(part(await page('admin', down.storyId), 'agency-withdrawn')!);
    assert.match(text, /^Warnung: Die Agentur hat diese Meldung zurückgezogen\. Status bei der Agentur: zurückgehalten \(withheld\)\. Die Quelle nimmt Beiträge zurückgezogener Meldungen automatisch offline: Dieser Beitrag wurde depubliziert/);
  });

  test('a Sperrfrist ahead is shown in Berlin time with what publishing does; an agency embargo the story lacks is a warning', async () => {
    const { storyId } = await w.taken(ferryEntry({ headline: 'Neue Fähre wird getauft', embargoed: '2030-06-01T10:00:00+02:00' }));
    const html = await page('admin', storyId);
    assert.equal(textOf(part(html, 'agency-embargo')!), 'Sperrfrist bis 1. Juni 2030 | 10:00 Uhr . Veröffentlichen plant den Beitrag für diesen Zeitpunkt; vorher erscheint er nirgends.');
    assert.match(part(html, 'agency-embargo')!, /<time datetime="2030-06-01T/);
    assert.equal(textOf(part(html, 'agency-publish-hint')!), 'Sperrfrist: „Veröffentlichen“ plant den Beitrag für 1. Juni 2030 | 10:00 Uhr; vorher erscheint er nirgends.');

    // The editor cleared the story's own embargo: the agency's still stands, and the panel says publishing would release it early.
    const story = await w.services.stories.get(storyId);
    const { embargoUntil: _e, id: _i, status: _s, version: _v, createdAt: _c, modifiedAt: _m, ownerId: _o, modifiedBy: _b, slug: _slug, scheduledPublishAt: _p, ...draft } = story;
    const saved = await w.as.get('admin')!.json('PUT', `/newsroom/api/stories/${storyId}`, { story: draft }, { 'if-match': `"v${story.version}"` });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const later = await page('admin', storyId);
    assert.match(textOf(part(later, 'agency-embargo')!), /^Sperrfrist bis 1\. Juni 2030 \| 10:00 Uhr \. Das ist die Sperrfrist der Agentur\./);
    assert.match(textOf(part(later, 'agency-publish-hint')!), /^Achtung: Die Agentur setzt eine Sperrfrist bis 1\. Juni 2030 \| 10:00 Uhr, der Beitrag nicht/);
    const j = await agency('admin', storyId);
    assert.equal(Date.parse(j.body.agency.embargoUntil), Date.parse('2030-06-01T08:00:00Z'));
    assert.equal(j.body.storyEmbargoUntil, null);
  });

  test('a story not from the wire has no panel; its JSON says agency: null', async () => {
    const own = await w.services.stories.create({ headline: 'Eigener Bericht vom Fähranleger', section: 'Sachsen-Anhalt', body: [] }, { actor: { id: w.ids.get('admin')!, name: 'Panel admin' } });
    const html = await page('admin', own.id);
    assert.equal(part(html, 'agency-panel'), undefined);
    assert.doesNotMatch(html, /agency-config|agency-publish-hint|agency-merge/);
    const j = await agency('admin', own.id);
    assert.equal(j.status, 200);
    assert.deepEqual(j.body, { agency: null, storyEmbargoUntil: null, key: '' });
    const accept = await w.as.get('admin')!.json('POST', `/newsroom/api/stories/${own.id}/agency/accept`, { fromVersion: 1, toVersion: 2 });
    assert.equal(accept.status, 409, 'the story is there; its link is not');
    assert.equal(accept.body.error.reason, 'no_wire_item');
  });

  test('permissions: a contributor who does not own the story gets 404 like for no story; anonymous 401; the owner may read', async () => {
    const { storyId } = await w.taken(ferryEntry({ headline: 'Fähre sucht Fährmann' }));
    const contributor = w.as.get('contributor')!;
    const missing = await contributor.json('GET', '/newsroom/api/stories/00000000-0000-4000-8000-000000000000/agency');
    const hidden = await contributor.json('GET', `/newsroom/api/stories/${storyId}/agency`);
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.error.code, missing.body.error.code);
    const move = await contributor.json('POST', `/newsroom/api/stories/${storyId}/agency/accept`, { fromVersion: 1, toVersion: 2 });
    assert.ok(move.status === 404 || move.status === 403, String(move.status));
    assert.equal((await contributor.request(`/newsroom/stories/${storyId}`)).status, 404);
    assert.equal((await w.anonymous.request(`/newsroom/api/stories/${storyId}/agency`)).status, 401);

    // The contributor's own take: readable, and the desk link shown (contributors may open the desk).
    const own = await w.taken(ferryEntry({ headline: 'Fähre bekommt Solardach' }), 'dpa', 'contributor');
    const mine = await contributor.json('GET', `/newsroom/api/stories/${own.storyId}/agency`);
    assert.equal(mine.status, 200);
    assert.equal(mine.body.agency.itemId, own.itemId);
  });

  test('bad ids and bodies are named, never a 500', async () => {
    const { storyId } = await w.taken(ferryEntry({ headline: 'Fähre mit neuem Anleger' }));
    const admin = w.as.get('admin')!;
    for (const id of ['kein-beitrag', '00000000-0000-4000-8000-000000000000', 'a%00b', '%ED%A0%80', 'x'.repeat(500)]) {
      const res = await admin.json('GET', `/newsroom/api/stories/${id}/agency`);
      assert.ok(res.status >= 400 && res.status < 500, `${id}: ${res.status}`);
      assert.equal(typeof res.body.error?.message, 'string', id);
      const page = await admin.request(`/newsroom/stories/${id}`);
      assert.ok(page.status >= 400 && page.status < 500, `page ${id}: ${page.status}`);
    }
    const url = `/newsroom/api/stories/${storyId}/agency/accept`;
    const notJson = await admin.api('POST', url, 'kein json', { 'content-type': 'application/json' });
    assert.equal(notJson.status, 422);
    const broken = await admin.api('POST', url, '{"fromVersion": 1, "toVersion": "\\ud800"}', { 'content-type': 'application/json' });
    assert.equal(broken.status, 422);
    const nul = await admin.api('POST', url, '{"fromVersion": 1, "toVersion": 2, "x": "a\\u0000b"}', { 'content-type': 'application/json' });
    assert.equal(nul.status, 422);
    const huge = await admin.json('POST', url, { fromVersion: 1, toVersion: 1e12 });
    assert.equal(huge.status, 422);
    assert.equal((await agency('admin', storyId)).body.agency.takenVersion, 1, 'nothing changed');
  });
});
