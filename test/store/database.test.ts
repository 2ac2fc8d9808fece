import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { LedeError } from '../../src/content/index.js';
import { openDatabase } from '../../src/store/index.js';
import { timestamptzToIso } from '../../src/store/type-parsers.js';
import pg from 'pg';
import { createServerDatabase, dropServerDatabase, forEachEngine, serverSkipReason } from '../helpers/db.js';

function unavailable(pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof LedeError, `expected LedeError, got ${String(err)}`);
    assert.equal(err.code, 'UNAVAILABLE');
    assert.match(err.message, pattern);
    assert.doesNotMatch(err.message, /\n\s+at /);
    return true;
  };
}

forEachEngine('database handle', (ctx) => {
  test('values come back the same on both engines', async () => {
    const [row] = await ctx.db.query(
      `SELECT '2022-01-21T13:00:00.123456+01:00'::timestamptz AS tz,
              '2022-01-21T13:00:00+01:00'::timestamptz AS tz_whole,
              '2022-01-21 13:00:00.5'::timestamp AS ts,
              '2022-01-21'::date AS d,
              '{"a":[1,"zwei",{"b":null}]}'::jsonb AS j,
              count(*) AS n,
              9007199254740993::int8 AS big,
              1.50::numeric AS num,
              ARRAY['Wahl','Landtag'] AS topics,
              ARRAY['2022-01-21T13:00:00+01:00'::timestamptz] AS times,
              NULL::text AS nothing
         FROM (VALUES (1), (2)) v`,
    );
    assert.deepEqual(row, {
      tz: '2022-01-21T12:00:00.123456Z',
      tz_whole: '2022-01-21T12:00:00Z',
      ts: '2022-01-21T13:00:00.5',
      d: '2022-01-21',
      j: { a: [1, 'zwei', { b: null }] },
      n: 2,
      big: '9007199254740993',
      num: '1.50',
      topics: ['Wahl', 'Landtag'],
      times: ['2022-01-21T12:00:00Z'],
      nothing: null,
    });
    const [now] = await ctx.db.query<{ now: string }>('SELECT now() AS now');
    assert.match(now!.now, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  test('parameters: strings, arrays, JSON text and nulls', async () => {
    const [row] = await ctx.db.query(
      'SELECT $1::text AS t, $2::text[] AS a, $3::jsonb AS j, $4::timestamptz AS at, $5::int AS n',
      ['Grüße „zitiert“', ['a', 'b,c', 'd"e'], JSON.stringify({ x: [1, 2] }), '2022-01-21T13:00:00+01:00', null],
    );
    assert.deepEqual(row, { t: 'Grüße „zitiert“', a: ['a', 'b,c', 'd"e'], j: { x: [1, 2] }, at: '2022-01-21T12:00:00Z', n: null });
  });

  test('exec runs several statements; transactions commit or roll back as a whole', async () => {
    await ctx.db.exec('CREATE TABLE t_exec (n int); INSERT INTO t_exec VALUES (1); INSERT INTO t_exec VALUES (2);');
    await assert.rejects(ctx.db.transaction(async (tx) => {
      await tx.query('INSERT INTO t_exec VALUES ($1)', [3]);
      await tx.exec('INSERT INTO t_exec VALUES (4); INSERT INTO t_exec VALUES (5);');
      throw new Error('changed my mind');
    }), /changed my mind/);
    const result = await ctx.db.transaction(async (tx) => {
      await tx.query('INSERT INTO t_exec VALUES ($1)', [6]);
      return (await tx.query<{ n: number }>('SELECT n FROM t_exec ORDER BY n')).map((r) => r.n);
    });
    assert.deepEqual(result, [1, 2, 6]);
    await assert.rejects(ctx.db.transaction(async (tx) => {
      await tx.query('INSERT INTO t_exec VALUES ($1)', [7]);
      await tx.query('SELECT no_such_column FROM t_exec');
    }), /no_such_column/);
    assert.deepEqual((await ctx.db.query<{ n: number }>('SELECT n FROM t_exec ORDER BY n')).map((r) => r.n), [1, 2, 6]);
  });

  test('a transaction whose failed statement was caught does not report success', async () => {
    await ctx.db.exec('CREATE TABLE t_caught (n int PRIMARY KEY)');
    await assert.rejects(ctx.db.transaction(async (tx) => {
      await tx.query('INSERT INTO t_caught VALUES (1)');
      await tx.query('INSERT INTO t_caught VALUES (1)').catch(() => undefined); // duplicate key, swallowed
    }));
    assert.deepEqual(await ctx.db.query('SELECT n FROM t_caught'), []);
  });

  test('using db instead of tx inside a transaction throws instead of hanging', async () => {
    await assert.rejects(
      ctx.db.transaction(async () => {
        await ctx.db.query('SELECT 1');
      }),
      /inside db\.transaction\(\); use the transaction's own handle \(tx\)/,
    );
    // The database is still usable afterwards.
    assert.deepEqual(await ctx.db.query('SELECT 1 AS one'), [{ one: 1 }]);
  });

  test('optional extensions are installed, and the schema does not need them', async () => {
    assert.deepEqual([...ctx.db.extensions].sort(), ['pg_trgm', 'unaccent']);
    const [row] = await ctx.db.query<{ u: string; s: number }>("SELECT unaccent('Ärger über Café') AS u, similarity('Hochwasser', 'Hochwaser') AS s");
    assert.equal(row!.u, 'Arger uber Cafe');
    assert.ok(row!.s > 0.5);
  });

  test('checkpoint() runs on either engine', async () => {
    await ctx.db.query('CREATE TEMP TABLE checkpoint_probe (x int)');
    await ctx.db.query('INSERT INTO checkpoint_probe VALUES (1)');
    const [{ written }] = await ctx.db.query<{ written: string }>('SELECT pg_current_wal_lsn()::text AS written') as [{ written: string }];
    await ctx.db.checkpoint();
    const [{ redo }] = await ctx.db.query<{ redo: string }>('SELECT (pg_control_checkpoint()).redo_lsn::text AS redo') as [{ redo: string }];
    const [{ covered }] = await ctx.db.query<{ covered: boolean }>('SELECT $1::pg_lsn >= $2::pg_lsn AS covered', [redo, written]) as [{ covered: boolean }];
    if (ctx.db.engine === 'pglite') {
      // The embedded engine has no background checkpointer: checkpoint() must itself move the redo point past the write.
      assert.equal(covered, true, `redo point ${redo} must be at or past the write at ${written}`);
    } else {
      // The server checkpoints by itself; checkpoint() leaves that to it and the handle stays usable.
      assert.equal(typeof covered, 'boolean');
    }
    assert.deepEqual(await ctx.db.query('SELECT x FROM checkpoint_probe'), [{ x: 1 }]);
  });
});

test('timestamptz text from any session zone becomes the same UTC instant', () => {
  assert.equal(timestamptzToIso('2022-01-21 13:00:00+01'), '2022-01-21T12:00:00Z');
  assert.equal(timestamptzToIso('2022-01-21 07:30:00.000001-05:30'), '2022-01-21T13:00:00.000001Z');
  assert.equal(timestamptzToIso('1893-04-01 00:00:00+00:53:28'), '1893-03-31T23:06:32Z');
  assert.equal(timestamptzToIso('0044-03-15 12:00:00+00'), '0044-03-15T12:00:00Z');
  assert.equal(timestamptzToIso('infinity'), 'infinity');
});

/** A TCP port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

test('operator mistakes become one-line UNAVAILABLE errors naming the host or directory', async (t) => {
  const port = await closedPort();
  await assert.rejects(openDatabase({ databaseUrl: `postgres://lede:geheim@127.0.0.1:${port}/lede` }),
    unavailable(new RegExp(`127\\.0\\.0\\.1:${port}: connection refused`)));
  await assert.rejects(openDatabase({ databaseUrl: `postgres://lede:geheim@127.0.0.1:${port}/lede` }), (err: Error) => !err.message.includes('geheim'));
  await assert.rejects(openDatabase({ databaseUrl: 'postgres://lede@[nonsense' }), unavailable(/DATABASE_URL is not a valid URL/));

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-baddir-'));
  try {
    const file = path.join(tmp, 'a-file');
    fs.writeFileSync(file, 'not a directory');
    await assert.rejects(openDatabase({ dataDir: path.join(file, 'data') }), unavailable(new RegExp(`${file}/data`)));
    await assert.rejects(openDatabase({ dataDir: file }), unavailable(/a file is in the way/));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const skip = serverSkipReason();
  if (skip) return t.diagnostic(skip);
  const url = new URL(process.env.LEDE_TEST_DATABASE_URL!);
  url.pathname = '/no_such_database';
  await assert.rejects(openDatabase({ databaseUrl: url.toString() }), unavailable(/database "no_such_database" does not exist on PostgreSQL at 127\.0\.0\.1:\d+/));
});

test('PostgreSQL: a connection dropped mid-query is UNAVAILABLE, and the pool recovers', async (t) => {
  const skip = serverSkipReason();
  if (skip) return t.skip(skip);
  const url = await createServerDatabase();
  const warnings: string[] = [];
  const db = await openDatabase({ databaseUrl: url, migrate: false, onWarning: (w) => warnings.push(w) });
  const admin = new pg.Client({ connectionString: process.env.LEDE_TEST_DATABASE_URL });
  await admin.connect();
  try {
    const slow = db.query('SELECT pg_sleep(60) AS slept');
    const failed = assert.rejects(slow, unavailable(/PostgreSQL at 127\.0\.0\.1:\d+.*terminat/));
    const database = new URL(url).pathname.slice(1);
    let killed = 0;
    for (let i = 0; i < 500 && !killed; i++) {
      const r = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'SELECT pg_sleep(60)%'", [database]);
      killed = r.rowCount ?? 0;
      if (!killed) await new Promise((res) => setTimeout(res, 10));
    }
    assert.equal(killed, 1);
    await failed;
    assert.deepEqual(await db.query('SELECT 1 AS one'), [{ one: 1 }]);
  } finally {
    await admin.end();
    await db.close();
    await dropServerDatabase(url);
  }
});
