/**
 * Which statements the embedded engine counts as writes. A write arms the
 * checkpoint timer (CHECKPOINT) and, after enough of them, ANALYZE of every
 * table; a read counted as a write made both run under pure read traffic.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listSections } from '../../src/store/catalog-queries.js';
import { changedNothing, isReadOnlySql } from '../../src/store/open-embedded-database.js';
import { StoryRepository, type Queryable } from '../../src/store/index.js';

describe('read-only statements on the embedded engine', () => {
  test('SELECT and WITH … SELECT read; data-modifying WITH, DML and DDL write', () => {
    for (const sql of ['SELECT 1', '  select * from stories', 'EXPLAIN SELECT 1', 'VALUES (1)', 'WITH RECURSIVE s(n) AS (SELECT 1) SELECT n FROM s', 'with x as materialized (select 1) select * from x']) {
      assert.equal(isReadOnlySql(sql), true, sql);
    }
    for (const sql of ['INSERT INTO t VALUES (1)', 'UPDATE t SET a = 1', 'DELETE FROM t', 'CHECKPOINT', 'ANALYZE', 'CREATE TABLE t (a int)',
      'WITH gone AS (DELETE FROM sessions WHERE id = $1 RETURNING 1) SELECT count(*) FROM gone',
      'WITH ins AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM ins',
      'WITH u AS (UPDATE t SET a = 2 RETURNING a) SELECT a FROM u']) {
      assert.equal(isReadOnlySql(sql), false, sql);
    }
    // A column called "updated_at" is not the word UPDATE.
    assert.equal(isReadOnlySql('WITH w AS (SELECT updated_at FROM stories) SELECT * FROM w'), true);
  });

  test('the navigation query every page runs and the scheduler\'s due-work query are reads', async () => {
    const seen: string[] = [];
    const db = { query: async (sql: string) => { seen.push(sql); return []; } } as unknown as Queryable;
    await listSections(db);
    await new StoryRepository(db).listDue(new Date().toISOString());
    assert.equal(seen.length, 2, 'both ran a query');
    assert.match(seen[1]!, /^\s*\(/, 'the due-work query opens with a bracket');
    for (const sql of seen) assert.equal(isReadOnlySql(sql), true, sql.slice(0, 80));
  });

  test('a data-modifying statement that changed nothing is no write; DDL and changed rows are', () => {
    const claim = 'WITH claimed AS (UPDATE push_deliveries SET next_attempt_at = now() WHERE id IN (SELECT id FROM push_deliveries LIMIT 5) RETURNING *) SELECT * FROM claimed';
    assert.equal(changedNothing(claim, { rows: [], affectedRows: 0 }), true, 'a claim that found nothing');
    assert.equal(changedNothing(claim, { rows: [{ id: 1 }], affectedRows: 0 }), false, 'a claim that took a row');
    assert.equal(changedNothing('UPDATE t SET a = 1 WHERE id = 5', { rows: [], affectedRows: 0 }), true);
    assert.equal(changedNothing('UPDATE t SET a = 1 WHERE id = 5', { rows: [], affectedRows: 1 }), false);
    assert.equal(changedNothing('INSERT INTO t VALUES (1)', { rows: [], affectedRows: 1 }), false);
    assert.equal(changedNothing('CREATE EXTENSION IF NOT EXISTS pg_trgm', { rows: [], affectedRows: 0 }), false, 'DDL always counts');
    assert.equal(changedNothing('CHECKPOINT', { rows: [] }), false);
  });
});
