/**
 * SIGKILL durability on both engines: a child process inserts stories one
 * commit at a time and prints each id only after its insert resolved; we kill
 * it mid-stream with SIGKILL, reopen the database, and every printed id must
 * be there. (A killed process, not a power loss: PGlite runs with fsync off.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoryRepository } from '../../src/store/index.js';
import { killHard, spawnStoreChild } from '../helpers/child-process.js';
import { forEachEngine, openOptions } from '../helpers/db.js';

const ACKS_BEFORE_KILL = 300;

forEachEngine('SIGKILL durability', (ctx) => {
  test('every acknowledged insert survives a SIGKILL of the writer', async (t) => {
    await ctx.db.close(); // the embedded directory admits one process: hand it to the child
    // Small checkpoint settings, so the kill may land during a checkpoint too.
    const open = openOptions(ctx.target, { checkpointIntervalMs: 100, checkpointWalBytes: 256 * 1024 });
    const writer = spawnStoreChild('write', JSON.stringify({ open, bodyWords: 120 }));
    let acks = 0;
    await writer.waitFor((l) => l.startsWith('ack ') && ++acks >= ACKS_BEFORE_KILL, `${ACKS_BEFORE_KILL} acknowledged inserts`);
    await killHard(writer);
    assert.equal(writer.process.signalCode, 'SIGKILL');
    const acked = writer.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
    assert.ok(acked.length >= ACKS_BEFORE_KILL);

    const t0 = performance.now();
    const db = await ctx.reopen();
    t.diagnostic(`${ctx.name}: reopened after SIGKILL in ${(performance.now() - t0).toFixed(0)} ms; ${acked.length} acknowledged rows`);
    const found = await db.query<{ id: string }>('SELECT id FROM stories WHERE id = ANY($1::uuid[])', [acked]);
    assert.equal(found.length, acked.length, `${acked.length - found.length} acknowledged rows are missing`);
    const repo = new StoryRepository(db);
    const last = await repo.get(acked[acked.length - 1]!);
    assert.ok(last && last.body.length > 0, 'the last acknowledged story reads back whole');
    // The database takes writes again after recovery.
    assert.ok((await repo.count()) >= acked.length);
  });
});
