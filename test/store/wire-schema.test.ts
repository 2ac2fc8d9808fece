/**
 * The wire desk's tables hold their own rules, whoever writes to them: one
 * item per (source, guid) and one row per version, statuses and urgencies
 * from the allowed sets, a source with items not deletable, and the full-text
 * index with the small pending list of migration 012 (PGlite never vacuums).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { forEachEngine } from '../helpers/db.js';

const ITEM = `INSERT INTO wire_items (id, source, guid, version, pub_status, urgency, item_type, headline, received_at, first_received_at, status)
  VALUES ($1::uuid, 'dpa', $2, 1, 'usable', $3::smallint, 'text', 'Titel', now(), now(), $4)`;

forEachEngine('wire desk tables', (ctx) => {
  before(async () => {
    await ctx.db.query(`INSERT INTO wire_sources (id, name) VALUES ('dpa', 'dpa')`);
  });

  const code = async (sql: string, params: unknown[]) => {
    try {
      await ctx.db.query(sql, params);
    } catch (err) {
      return (err as { code?: string }).code;
    }
    return 'ok';
  };

  test('one item per source and guid, one row per version; checks on status, urgency and source ids', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    assert.equal(await code(ITEM, [id, 'urn:a', 1, 'new']), 'ok');
    assert.equal(await code(ITEM, ['22222222-2222-4222-8222-222222222222', 'urn:a', 1, 'new']), '23505');
    assert.equal(await code(ITEM, ['33333333-3333-4333-8333-333333333333', 'urn:b', 12, 'new']), '23514');
    assert.equal(await code(ITEM, ['44444444-4444-4444-8444-444444444444', 'urn:c', 1, 'gelesen']), '23514');
    const eil = await ctx.db.query<{ eil: boolean }>('SELECT eil FROM wire_items WHERE id = $1::uuid', [id]);
    assert.deepEqual(eil, [{ eil: true }], 'urgency 1 is an Eilmeldung');
    const version = `INSERT INTO wire_versions (item_id, version, doc, pub_status) VALUES ($1::uuid, 1, '{}', 'usable')`;
    assert.equal(await code(version, [id]), 'ok');
    assert.equal(await code(version, [id]), '23505');
    assert.equal(await code(`INSERT INTO wire_sources (id, name) VALUES ($1, 'x')`, ['DPA Nachrichten']), '23514');
    // restrict_violation on newer servers (PGlite's 17), foreign_key_violation on older ones.
    assert.ok(['23001', '23503'].includes((await code(`DELETE FROM wire_sources WHERE id = 'dpa'`, []))!));
  });

  test('the full-text index keeps a small pending list', async () => {
    const rows = await ctx.db.query<{ options: string[] | null }>(`SELECT reloptions AS options FROM pg_class WHERE relname = 'wire_items_search_idx'`);
    assert.deepEqual(rows[0]?.options, ['gin_pending_list_limit=64']);
  });
});
