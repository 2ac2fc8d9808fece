/**
 * Long-running embedded writer: with checkpoints the WAL (and so the crash
 * recovery work) stays bounded, and after a SIGKILL every acknowledged row is
 * there; without them pg_wal grows with every write. Prints figures, asserts
 * no durations.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { Checkpointer } from '../../src/store/checkpointer.js';
import { openDatabase, PG_SUBDIR, StoryRepository, type CheckpointPolicy, type OpenOptions } from '../../src/store/index.js';
import { killHard, spawnStoreChild } from '../helpers/child-process.js';
import { cloneEmbeddedDataDir } from '../helpers/db.js';

const ROWS = 1500;
const BODY_WORDS = 400;
const WAL_THRESHOLD = 2 * 1024 * 1024;
const SEGMENT = 1024 * 1024; // the WAL segment size of data directories Lede creates
/**
 * What pg_wal may hold with checkpoints on: the threshold, plus what one
 * statement can write before the next look at the WAL (a GIN pending-list
 * flush writes several MB at once), plus the segment in use and the next.
 * Independent of how many rows are written: that is the point.
 */
const SEGMENT_CEILING = WAL_THRESHOLD / SEGMENT + 8;

interface Run {
  acked: string[];
  maxSegments: number;
  segmentsAtKill: number;
  reopenMs: number;
  found: number;
  walAfterReopen: number;
}

function walSegments(dataDir: string): number {
  return fs.readdirSync(path.join(dataDir, PG_SUBDIR, 'pg_wal')).filter((f) => /^[0-9A-F]{24}$/.test(f)).length;
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(path.dirname(d), { recursive: true, force: true });
});

/** Writes ROWS stories in a child, watching pg_wal, then kills it and reopens. */
async function longRun(open: Partial<OpenOptions>): Promise<Run> {
  const dataDir = await cloneEmbeddedDataDir();
  dirs.push(dataDir);
  const writer = spawnStoreChild('write', JSON.stringify({ open: { dataDir, ...open }, bodyWords: BODY_WORDS }));
  let maxSegments = 0;
  const sampler = setInterval(() => {
    maxSegments = Math.max(maxSegments, walSegments(dataDir));
  }, 50);
  try {
    let acks = 0;
    await writer.waitFor((l) => l.startsWith('ack ') && ++acks >= ROWS, `${ROWS} acknowledged inserts`);
  } finally {
    clearInterval(sampler);
    await killHard(writer);
  }
  const segmentsAtKill = walSegments(dataDir);
  maxSegments = Math.max(maxSegments, segmentsAtKill);
  const acked = writer.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
  const t0 = performance.now();
  const db = await openDatabase({ dataDir, checkpointIntervalMs: 0, onWarning: () => undefined });
  const reopenMs = performance.now() - t0;
  try {
    const found = (await db.query('SELECT id FROM stories WHERE id = ANY($1::uuid[])', [acked])).length;
    assert.ok((await new StoryRepository(db).count()) >= found);
    return { acked, maxSegments, segmentsAtKill, reopenMs, found, walAfterReopen: walSegments(dataDir) };
  } finally {
    await db.close();
  }
}

describe('embedded checkpoints over a long run', () => {
  let withCheckpoints: Run | undefined;

  test('the WAL stays bounded, and after SIGKILL every acknowledged row is there', async (t) => {
    const run = await longRun({ checkpointIntervalMs: 1000, checkpointWalBytes: WAL_THRESHOLD });
    withCheckpoints = run;
    t.diagnostic(`with checkpoints: ${run.acked.length} rows, pg_wal peak ${run.maxSegments} segments (${run.segmentsAtKill} at the kill), reopened in ${run.reopenMs.toFixed(0)} ms`);
    assert.equal(run.found, run.acked.length, `${run.acked.length - run.found} acknowledged rows are missing`);
    assert.ok(run.maxSegments <= SEGMENT_CEILING, `pg_wal reached ${run.maxSegments} segments`);
  });

  test('for comparison: without checkpoints pg_wal grows with every write', async (t) => {
    const run = await longRun({ checkpointIntervalMs: 0, checkpointWalBytes: 0 });
    t.diagnostic(`without checkpoints: ${run.acked.length} rows, pg_wal ${run.segmentsAtKill} segments at the kill, reopened (replaying it all) in ${run.reopenMs.toFixed(0)} ms`);
    assert.equal(run.found, run.acked.length);
    assert.ok(run.segmentsAtKill > 2 * SEGMENT_CEILING, `only ${run.segmentsAtKill} segments: the run wrote too little WAL to show the difference`);
    if (withCheckpoints) assert.ok(run.segmentsAtKill > withCheckpoints.maxSegments);
    // Reopening checkpoints at the end of recovery, which trims pg_wal again.
    assert.ok(run.walAfterReopen < run.segmentsAtKill);
  });
});

describe('checkpoint policy', () => {
  /** A Checkpointer over a fake database whose WAL grows by `walPerWrite` bytes per noted write. */
  function fake(policy: CheckpointPolicy, walPerWrite: number) {
    const state = { wal: 0, checkpoints: 0, log: [] as string[] };
    const run = async <T>(sql: string): Promise<T[]> => {
      state.log.push(sql.split(' ')[0]!);
      if (sql === 'CHECKPOINT') {
        state.checkpoints++;
        state.wal = 0;
        return [];
      }
      return [{ bytes: state.wal } as T];
    };
    const cp = new Checkpointer(run, policy, (err) => assert.fail(String(err)));
    const write = async (n: number) => {
      for (let i = 0; i < n; i++) {
        state.wal += walPerWrite;
        cp.noteWrite();
        await new Promise((r) => setImmediate(r));
      }
    };
    return { cp, state, write };
  }

  test('checkpoints once the WAL since the last one passes the threshold, looking only every few writes', async () => {
    const { cp, state, write } = fake({ intervalMs: 0, walBytes: 100_000 }, 1_000);
    await write(90);
    assert.equal(state.checkpoints, 0);
    await write(200);
    assert.ok(state.checkpoints >= 2, `${state.checkpoints} checkpoints`);
    const probes = state.log.filter((l) => l === 'SELECT').length;
    assert.ok(probes <= 290 / 16, `${probes} probes for 290 writes`);
    await cp.stop();
    await write(100);
    const after = state.log.length;
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(state.log.length, after, 'nothing runs after stop()');
  });

  test('the timer checkpoints only when something was written', async () => {
    const { cp, state, write } = fake({ intervalMs: 20, walBytes: 0 }, 10);
    await new Promise((r) => setTimeout(r, 70));
    assert.equal(state.checkpoints, 0);
    await write(1);
    // Poll rather than sleep a fixed time: a loaded machine may run the timer late.
    for (let i = 0; i < 500 && state.checkpoints === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(state.checkpoints, 1, 'one checkpoint for the write, none after it');
    assert.ok(!state.log.includes('SELECT'), 'no WAL probes when the size trigger is off');
    await cp.stop();
  });

  test('concurrent checkpoint() calls share one CHECKPOINT', async () => {
    const { cp, state } = fake({ intervalMs: 0, walBytes: 0 }, 0);
    await Promise.all([cp.checkpoint(), cp.checkpoint(), cp.checkpoint()]);
    assert.equal(state.checkpoints, 1);
    await cp.stop();
  });
});
