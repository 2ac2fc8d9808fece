/**
 * A SELECT sent again and again is prepared once per connection (PGlite:
 * PREPARE, then EXECUTE with the parameters as literals; PostgreSQL: a named
 * statement), since planning cost about half of reading a story for its page.
 * The answers and errors must be exactly those of the plain way, whatever the
 * parameters hold.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

for (const engine of engines()) {
  describe(`prepared reads on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    before(async () => {
      // One connection on PostgreSQL, so pg_prepared_statements shows what this pool prepared.
      db = await engine.open({ maxConnections: 1 });
    });
    after(async () => {
      await db?.close();
    });

    const prepared = async () =>
      (await db.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')).map((r) => r.statement);

    test('a repeated SELECT is prepared, and answers as before for every kind of text, number and null', async () => {
      const sql = 'SELECT $1::text AS t, $2::int AS n, $3::text IS NULL AS missing, length($1::text) AS len';
      const texts = ['plain', "it's", "back\\slash \\' and \\\\", "'); DROP TABLE stories; --", 'Grüße „aus“ Köln 👋', '', "E'x'", '$1'];
      for (let round = 0; round < 3; round++) {
        for (const [i, t] of texts.entries()) {
          const [row] = await db.query<{ t: string; n: number; missing: boolean; len: number }>(sql, [t, i - 3, null]);
          assert.deepEqual(row, { t, n: i - 3, missing: true, len: [...t].length });
        }
      }
      assert.ok((await prepared()).some((s) => s.includes('$1::text AS t')), 'the statement was prepared');
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stories');
      assert.equal(row!.n, 0, 'nothing was dropped');
    });

    test('parameters that are not plain values, and scripts, take the usual way with the same answers and errors', async () => {
      for (let i = 0; i < 5; i++) assert.deepEqual(await db.query('SELECT cardinality($1::text[]) AS n', [['a', "b'c", 'd']]), [{ n: 3 }]);
      for (let i = 0; i < 5; i++) await assert.rejects(db.query('SELECT $1::uuid AS id', ['not-a-uuid']), /invalid input syntax for type uuid/);
      for (let i = 0; i < 5; i++) await assert.rejects(db.query('SELECT $1::text AS t', ['a\u0000b']));
      assert.ok(!(await prepared()).some((s) => s.includes('SELECT 7')));
      for (let i = 0; i < 5; i++) await db.query('SELECT 7 AS n; SELECT 8 AS n').catch(() => undefined);
      assert.ok(!(await prepared()).some((s) => s.includes('SELECT 7')), 'a script is never prepared (PREPARE would run what follows the ;)');
    });

    test('a table changed under a prepared read (a migration while serving): the read still answers, with the new shape', async () => {
      await db.exec('CREATE TABLE plan_change (a int); INSERT INTO plan_change VALUES (1)');
      for (let i = 0; i < 5; i++) assert.deepEqual(await db.query('SELECT * FROM plan_change WHERE a = $1', [1]), [{ a: 1 }]);
      await db.exec('ALTER TABLE plan_change ADD COLUMN b text');
      for (let i = 0; i < 5; i++) assert.deepEqual(await db.query('SELECT * FROM plan_change WHERE a = $1', [1]), [{ a: 1, b: null }]);
    });
  });
}
