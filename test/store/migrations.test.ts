import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { findPackageRoot, listMigrations, migrate, migrationsDir, openDatabase } from '../../src/store/index.js';
import { createServerDatabase, dropServerDatabase, forEachEngine, serverSkipReason } from '../helpers/db.js';
import { ROOT } from '../helpers/pglite-template.js';

forEachEngine('migrations', (ctx) => {
  test('are recorded, and running them again applies nothing', async () => {
    const names = listMigrations().map((m) => m.name);
    const rows = await ctx.db.query<{ name: string; applied_at: string }>('SELECT name, applied_at FROM schema_migrations ORDER BY name');
    assert.deepEqual(rows.map((r) => r.name), names);
    assert.deepEqual(await migrate(ctx.db), { applied: [] });
    assert.deepEqual(await migrate(ctx.db), { applied: [] });
    const db = await ctx.reopen();
    assert.deepEqual(await migrate(db), { applied: [] });
    assert.equal((await db.query('SELECT name FROM schema_migrations')).length, names.length);
  });

  test('a new migration file is applied once, in order, in its own transaction', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-migrations-'));
    try {
      for (const m of listMigrations()) fs.copyFileSync(m.file, path.join(dir, path.basename(m.file)));
      fs.writeFileSync(path.join(dir, '900_extra.sql'), 'CREATE TABLE extra_a (n int);\nINSERT INTO extra_a VALUES (1);');
      fs.writeFileSync(path.join(dir, '901_broken.sql'), 'CREATE TABLE extra_b (n int);\nSELECT no_such_function();');
      await assert.rejects(migrate(ctx.db, { dir }), /migration 901_broken failed on .*no_such_function/);
      // 900 stays applied; 901 left nothing behind.
      assert.deepEqual(await ctx.db.query('SELECT n FROM extra_a'), [{ n: 1 }]);
      assert.deepEqual(await ctx.db.query("SELECT to_regclass('extra_b') AS t"), [{ t: null }]);
      fs.writeFileSync(path.join(dir, '901_broken.sql'), 'CREATE TABLE extra_b (n int);');
      assert.deepEqual(await migrate(ctx.db, { dir }), { applied: ['901_broken'] });
      assert.deepEqual(await migrate(ctx.db, { dir }), { applied: [] });
      // Back on the real folder, the extra names are reported as unknown, not undone.
      const warnings: string[] = [];
      assert.deepEqual(await migrate(ctx.db, { onWarning: (w) => warnings.push(w) }), { applied: [] });
      assert.match(warnings.join('\n'), /900_extra, 901_broken/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('migration files are ordered by number; a duplicate number is refused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-migrations-'));
  try {
    for (const f of ['010_c.sql', '002_b.sql', '001_a.sql', 'README.md', '003_notes.txt']) fs.writeFileSync(path.join(dir, f), '');
    assert.deepEqual(listMigrations(dir).map((m) => m.name), ['001_a', '002_b', '010_c']);
    fs.writeFileSync(path.join(dir, '002_other.sql'), '');
    assert.throws(() => listMigrations(dir), /two migrations share the number 2/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the migrations folder is found from src/ and from a compiled dist/', () => {
  assert.equal(migrationsDir(), path.join(ROOT, 'migrations'));
  assert.equal(findPackageRoot(path.join(ROOT, 'dist', 'store')), ROOT);
  assert.equal(findPackageRoot(path.join(ROOT, 'src', 'store')), ROOT);
  assert.ok(listMigrations().length >= 1);
});

test('PostgreSQL: app nodes migrating at the same moment apply each migration once', async (t) => {
  const skip = serverSkipReason();
  if (skip) return t.skip(skip);
  const url = await createServerDatabase();
  const handles = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ databaseUrl: url, migrate: false, onWarning: () => undefined })));
  try {
    const results = await Promise.all(handles.map((db) => migrate(db)));
    const applied = results.flatMap((r) => r.applied).sort();
    assert.deepEqual(applied, listMigrations().map((m) => m.name));
    const rows = await handles[0]!.query('SELECT count(*) AS n FROM schema_migrations');
    assert.deepEqual(rows, [{ n: listMigrations().length }]);
  } finally {
    await Promise.all(handles.map((db) => db.close()));
    await dropServerDatabase(url);
  }
});
