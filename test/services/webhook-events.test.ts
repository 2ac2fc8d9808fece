/**
 * The writers beyond stories queue their webhooks in their own transaction
 * (issue 13): topic and section changes, wire items received, picture
 * rights lapsed (once per lapse, however many sweeps notice it).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, test } from 'node:test';
import { createServices } from '../../src/services/index.js';
import { SYSTEM_ACTOR } from '../../src/store/audit-repository.js';
import { WEBHOOK_EVENTS } from '../../src/services/webhook-events.js';
import { forEachEngine } from '../helpers/db.js';
import { WIRE_CHILD_SOURCE, wireDocument } from '../helpers/wire-documents.js';

forEachEngine('webhook events of topics, sections, wire and rights', (ctx) => {
  const queued = async () => ctx.db.query<{ event_type: string; order_key: string; payload: { type: string; data: Record<string, unknown> } }>(
    'SELECT event_type, order_key, payload FROM webhook_outbox ORDER BY seq');
  beforeEach(async () => {
    await ctx.db.query('DELETE FROM webhook_subscriptions');
    await createServices(ctx.db).webhooks.create({ url: 'https://hooks.example.org/all', events: [...WEBHOOK_EVENTS] });
  });

  test('a topic save and a section rule change are queued; a refused topic save is not', async () => {
    const { taxonomy } = createServices(ctx.db);
    const topic = await taxonomy.saveTopic('hochwasser-elbe', { name: 'Hochwasser Elbe' }, undefined);
    await assert.rejects(taxonomy.saveTopic('hochwasser-elbe', { name: 'Hochwasser Elbe' }, topic.version + 5));
    await taxonomy.saveSectionRules('sport', [], SYSTEM_ACTOR);
    const rows = await queued();
    assert.deepEqual(rows.map((r) => [r.event_type, r.order_key]), [['topic.changed', 'topic:hochwasser-elbe'], ['section.changed', 'section:sport']]);
    assert.deepEqual(rows[0]!.payload.data, { slug: 'hochwasser-elbe', path: '/thema/hochwasser-elbe' });
  });

  test('a wire item received is queued with its item; a redelivery is not', async () => {
    const desk = createServices(ctx.db).wire;
    await desk.saveSource({ id: WIRE_CHILD_SOURCE, name: 'dpa (test)', format: 'digitalwires', transport: 'manual' });
    await desk.ingest(WIRE_CHILD_SOURCE, wireDocument(0, 2));
    const first = (await queued()).filter((r) => r.event_type === 'wire.received');
    assert.ok(first.length >= 1);
    const [item] = await ctx.db.query<{ id: string }>('SELECT id FROM wire_items WHERE id = $1', [first[0]!.payload.data.id]);
    assert.ok(item, 'the payload names a stored item');
    await desk.ingest(WIRE_CHILD_SOURCE, wireDocument(0, 2));
    assert.equal((await queued()).filter((r) => r.event_type === 'wire.received').length, first.length);
  });

  test('a lapsed picture is queued once however often the sweep reports it; a picture still valid is not', async () => {
    const lapsed = randomUUID();
    const valid = randomUUID();
    for (const [id, until, n] of [[lapsed, '2020-01-01T00:00:00Z', 1], [valid, '2999-01-01T00:00:00Z', 2]] as const) {
      await ctx.db.query(
        `INSERT INTO media_assets (id, sha256, mime, width, height, bytes, storage_key, valid_until) VALUES ($1, $2, 'image/jpeg', 10, 10, 100, $3, $4)`,
        [id, String(n).repeat(64), `k/${id}`, until]);
    }
    const { webhooks } = createServices(ctx.db);
    await webhooks.assetRightsChanged(lapsed);
    await webhooks.assetRightsChanged(lapsed);
    await webhooks.assetRightsChanged(valid);
    const rows = (await queued()).filter((r) => r.event_type === 'asset.rights_lapsed');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.payload.data.id, lapsed);
    assert.equal(rows[0]!.order_key, `asset:${lapsed}`);
  });
});
