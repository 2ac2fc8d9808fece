/**
 * PGlite runs statements on this thread. Queued statements take turns with
 * the event loop (I/O gets served between them), and writes and the
 * newsroom's lane go before reader reads: under a flood of renders, cached
 * pages and an editor's save are not starved (issue 10, item 3).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withDatabasePriority, type Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

const pglite = engines()[0]!;
let db: Database;
before(async () => {
  db = await pglite.open();
});
after(async () => {
  await db?.close();
});

const READ = 'SELECT count(*)::int AS n FROM generate_series(1, 2000)';

test('queued statements leave the event loop a turn between them', async () => {
  let done = 0;
  const reads = Array.from({ length: 40 }, () => db.query(READ).then(() => done++));
  // A callback scheduled now stands for a request waiting on its socket: it must not wait for all 40.
  const seenAtFirstTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(done)));
  await Promise.all(reads);
  assert.equal(done, 40);
  assert.ok(seenAtFirstTurn < 5, `${seenAtFirstTurn} of 40 statements ran before the event loop got a turn`);
});

test('writes and the newsroom lane go before queued reader reads', async () => {
  await db.exec('CREATE TABLE IF NOT EXISTS turn_probe (n int)');
  const order: string[] = [];
  const reads = Array.from({ length: 20 }, (_, i) => db.query(READ).then(() => order.push(`read ${i}`)));
  const write = db.query('INSERT INTO turn_probe VALUES (1)').then(() => order.push('write'));
  const newsroom = withDatabasePriority(() => db.query(READ)).then(() => order.push('newsroom'));
  const tx = db.transaction(async (t) => t.query('INSERT INTO turn_probe VALUES (2)')).then(() => order.push('transaction'));
  await Promise.all([...reads, write, newsroom, tx]);
  for (const lane of ['write', 'newsroom', 'transaction']) {
    assert.ok(order.indexOf(lane) < 5, `${lane} ran as number ${order.indexOf(lane) + 1} of ${order.length}, behind the reader reads`);
  }
  assert.deepEqual((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM turn_probe'))[0]?.n, 2);
});
