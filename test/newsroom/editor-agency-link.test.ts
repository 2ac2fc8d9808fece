/**
 * The editor's agency link service on both engines: two tabs recording the
 * same merge at once leave one move and one audit entry (the other is a 412);
 * a late older version arriving after the merge changes nothing; the merge
 * fields are what a take-over would set, validated like a save; stories
 * without a link and bad ids are no link, never an error. And the pure
 * Sperrfrist rule of the panel: the later embargo ahead wins, a passed one is
 * none.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { LedeError } from '../../src/content/index.js';
import { agencyEmbargo } from '../../src/admin/editor-agency-panel.js';
import { WireStoryLink, agencyFields } from '../../src/services/wire-story-link.js';
import { forEachEngine } from '../helpers/db.js';
import { ferryEntry, openAgencyWorld, type AgencyWorld } from './editor-agency-world.js';

forEachEngine('editor agency link', (ctx) => {
  let w: AgencyWorld;
  let link: WireStoryLink;
  before(async () => {
    w = await openAgencyWorld(ctx.db);
    link = new WireStoryLink(ctx.db, w.services.wire);
  });

  test('two tabs record the same merge at once: one moves the link, the other gets a 412; one audit entry', async () => {
    const v1 = ferryEntry({ headline: 'Fähre wartet auf Ersatzteil' });
    const { storyId } = await w.taken(v1);
    await w.ingest({ ...v1, version: 2, headline: 'Fähre wartet weiter auf Ersatzteil' });
    const actor = { id: w.ids.get('admin')!, name: 'Panel admin' };
    const results = await Promise.allSettled([1, 2].map(() => link.accept(storyId, { fromVersion: 1, toVersion: 2 }, actor)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(ok.length, 1);
    assert.equal(refused.length, 1);
    assert.ok(refused[0]!.reason instanceof LedeError);
    assert.equal((refused[0]!.reason as LedeError).status, 412);
    assert.match((refused[0]!.reason as LedeError).message, /names version 2 now, not 1/);
    const audits = await ctx.db.query("SELECT 1 FROM audit_log WHERE story_id = $1::uuid AND action = 'wire.merged'", [storyId]);
    assert.equal(audits.length, 1);
    const view = (await link.view(storyId))!;
    assert.deepEqual([view.takenVersion, view.currentVersion, view.update], [2, 2, undefined]);

    // A version 1 redelivered late leaves the item (and the link) as they are.
    await w.ingest(v1);
    assert.deepEqual([(await link.view(storyId))!.takenVersion, (await link.view(storyId))!.currentVersion], [2, 2]);
  });

  test('the merge fields are what a take-over of the new version would set, validated like a save', async () => {
    const v1 = ferryEntry({ headline: 'Fähre', kicker: undefined, dateline: 'Dessau (dpa) – ' });
    const { storyId } = await w.taken(v1);
    await w.ingest({ ...v1, version: 2, subhead: 'Ohne Teaser gilt die Unterzeile', teaser: undefined,
      article_html: '<p>Erster Satz.</p><script>alert(1)</script><h3>Mehr</h3>' });
    const view = (await link.view(storyId))!;
    const f = view.update!.fields;
    assert.equal('kicker' in f, false);
    assert.equal(f.teaser, 'Ohne Teaser gilt die Unterzeile');
    assert.equal(f.dateline, 'Dessau (dpa)', 'the dash goes, as a save drops it');
    assert.deepEqual(f.body, [{ type: 'paragraph', content: [{ text: 'Erster Satz.' }] }, { type: 'heading', level: 3, text: 'Mehr' }]);
    assert.deepEqual(agencyFields(await w.services.wire.version(view.itemId, 2), { id: 'dpa', name: 'dpa', settings: {} }), f);
  });

  test('no link: other stories, unknown and malformed ids are undefined, never an error', async () => {
    const own = await w.services.stories.create({ headline: 'Eigenes', section: 'Kultur', body: [] }, { actor: { id: w.ids.get('admin')!, name: 'x' } });
    for (const id of [own.id, '00000000-0000-4000-8000-000000000000', 'kaputt', '']) assert.equal(await link.view(id), undefined, id);
    await assert.rejects(link.accept(own.id, { fromVersion: 1, toVersion: 2 }, { name: 'x' }), (e: LedeError) => e.status === 409 && e.reason === 'no_wire_item');
    await assert.rejects(link.accept('kaputt', { fromVersion: 1, toVersion: 2 }, { name: 'x' }), (e: LedeError) => e.status === 409);
  });
});

test('the panel\'s Sperrfrist: the later one ahead wins; a passed one is none', () => {
  const now = new Date('2026-12-05T12:00:00Z');
  const ahead = '2026-12-06T08:00:00Z';
  const later = '2026-12-07T08:00:00Z';
  const past = '2026-12-01T08:00:00Z';
  assert.deepEqual(agencyEmbargo({ embargoUntil: ahead }, { embargoUntil: ahead }, now), { until: ahead, storyCovers: true });
  assert.deepEqual(agencyEmbargo({ embargoUntil: ahead }, { embargoUntil: later }, now), { until: later, storyCovers: true });
  assert.deepEqual(agencyEmbargo({ embargoUntil: later }, { embargoUntil: ahead }, now), { until: later, storyCovers: false });
  assert.deepEqual(agencyEmbargo({ embargoUntil: later }, {}, now), { until: later, storyCovers: false });
  assert.deepEqual(agencyEmbargo({}, { embargoUntil: ahead }, now), { until: ahead, storyCovers: true });
  assert.deepEqual(agencyEmbargo({ embargoUntil: past }, { embargoUntil: past }, now), undefined);
  assert.deepEqual(agencyEmbargo({}, {}, now), undefined);
});
