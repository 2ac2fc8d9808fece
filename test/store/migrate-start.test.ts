/**
 * Start-up with an up-to-date schema (issue 11, goal 7): migrate() finds
 * nothing to apply with one read, without the migration lock, so a starting
 * node neither waits for a node that holds the lock nor spends round trips.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { migrate, openDatabase } from '../../src/store/index.js';
import { createServerDatabase, dropServerDatabase, serverSkipReason } from '../helpers/db.js';

// The key migrate.ts locks with (MIGRATION_LOCK_KEY).
const MIGRATION_LOCK_KEY = 4_206_133_007;

test('PostgreSQL: a node whose schema is up to date starts while another holds the migration lock', { timeout: 120_000 }, async (t) => {
  const skip = serverSkipReason();
  if (skip) return t.skip(skip);
  const url = await createServerDatabase();
  const db = await openDatabase({ databaseUrl: url, onWarning: () => undefined });
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  try {
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    // Before: migrate() took the lock first and so waited here until the holder let go (the test timed out).
    const result = await migrate(db);
    assert.deepEqual(result.applied, []);
  } finally {
    await holder.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await holder.end();
    await db.close();
    await dropServerDatabase(url);
  }
});
