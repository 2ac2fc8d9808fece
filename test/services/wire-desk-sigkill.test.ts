/**
 * A kill -9 in the middle of a wire stream (issue 12): a child process
 * ingests agency documents through the desk and says "ack n" after each
 * commit; it is SIGKILLed mid-stream, and then everything is delivered again,
 * as a queue redelivers what was not acknowledged (and some of what was).
 * Afterwards every item is there once, with each version once, the current
 * version the newest, and the desk's bookkeeping agreeing with its rows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createServices } from '../../src/services/index.js';
import { killHard, spawnStoreChild } from '../helpers/child-process.js';
import { forEachEngine, openOptions } from '../helpers/db.js';
import { WIRE_CHILD_SOURCE, wireDocument, wireDocumentTotals } from '../helpers/wire-documents.js';

const DOCS = 60;
const PER_DOC = 8;
const ACKS_BEFORE_KILL = 12;

forEachEngine('wire desk under SIGKILL', (ctx) => {
  test('a desk killed mid-stream and fed everything again holds each item and version exactly once', async () => {
    await ctx.db.close(); // the embedded directory admits one process: hand it to the child
    const open = openOptions(ctx.target, { checkpointIntervalMs: 100, checkpointWalBytes: 256 * 1024 });
    const child = spawnStoreChild('wire', JSON.stringify({ open, docs: DOCS, perDoc: PER_DOC }));
    let acks = 0;
    await child.waitFor((l) => l.startsWith('ack ') && ++acks >= ACKS_BEFORE_KILL, `${ACKS_BEFORE_KILL} acknowledged documents`);
    await killHard(child);
    assert.equal(child.process.signalCode, 'SIGKILL');
    const acked = child.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
    assert.ok(acked.length >= ACKS_BEFORE_KILL && acked.length < DOCS, `killed mid-stream (after ${acked.length} of ${DOCS})`);

    const db = await ctx.reopen();
    const desk = createServices(db).wire;
    // What was acknowledged is there: delivered again, nothing of those documents is new (a first version
    // superseded by a later document's second one comes back 'ignored', as a late older version).
    for (const n of acked) {
      const outcomes = await desk.ingest(WIRE_CHILD_SOURCE, wireDocument(n, PER_DOC));
      const results = outcomes.map((o) => o.result);
      assert.ok(results.every((r) => r === 'duplicate' || r === 'ignored'), `document ${n} was acknowledged before the kill, yet: ${results.join(', ')}`);
      assert.ok(results.includes('duplicate'));
    }
    for (let n = 0; n < DOCS; n++) await desk.ingest(WIRE_CHILD_SOURCE, wireDocument(n, PER_DOC));

    const want = wireDocumentTotals(DOCS, PER_DOC);
    const [items] = await db.query<{ n: string; at2: string; versions: string }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE version = 2) AS at2, sum(versions) AS versions FROM wire_items WHERE source = $1`, [WIRE_CHILD_SOURCE]);
    const [rows] = await db.query<{ n: string; distinct_guids: string }>(
      `SELECT count(*) AS n, count(DISTINCT w.guid) AS distinct_guids FROM wire_versions v JOIN wire_items w ON w.id = v.item_id WHERE w.source = $1`, [WIRE_CHILD_SOURCE]);
    assert.equal(Number(items!.n), want.items, 'one item per guid');
    assert.equal(Number(rows!.distinct_guids), want.items);
    assert.equal(Number(rows!.n), want.versions, 'one row per version');
    assert.equal(Number(items!.at2), want.atVersion2, 'the newest version is current');
    assert.equal(Number(items!.versions), want.versions, 'each item counts the versions it has');
    const [letters] = await db.query<{ n: string }>('SELECT count(*) AS n FROM wire_dead_letters');
    assert.equal(Number(letters!.n), 0, 'nothing was refused');
  });
});
