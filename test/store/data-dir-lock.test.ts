import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { LedeError } from '../../src/content/index.js';
import { FOREIGN_STALE_MS } from '../../src/store/data-dir-lock.js';
import { acquireDataDirLock, LOCK_FILE, openDatabase, StoryRepository } from '../../src/store/index.js';
import { killHard, spawnStoreChild } from '../helpers/child-process.js';
import { cloneEmbeddedDataDir } from '../helpers/db.js';
import { makeStory } from '../helpers/stories.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-lock-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const emptyDir = () => {
  const d = path.join(tmp, `d${++n}`);
  fs.mkdirSync(d);
  return d;
};

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function writeLock(dir: string, info: Record<string, unknown>): string {
  const file = path.join(dir, LOCK_FILE);
  fs.writeFileSync(file, JSON.stringify({ hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', nonce: 'x', ...info }));
  return file;
}

function locked(dir: string, pid: number) {
  return (err: unknown) => {
    assert.ok(err instanceof LedeError, String(err));
    assert.equal(err.code, 'DATA_DIR_LOCKED');
    assert.ok(err.message.startsWith(`Data directory ${dir} is in use by process ${pid}`), err.message);
    assert.match(err.message, /\(started .+\)\. Stop it first, or set LEDE_DATA_DIR to another directory\.$/);
    return true;
  };
}

describe('data directory lock', () => {
  test('a second process fails at once, naming the directory and the holder', async (t) => {
    const dataDir = await cloneEmbeddedDataDir(path.join(tmp, 'held'));
    const db = await openDatabase({ dataDir, onWarning: () => undefined });
    try {
      const lockInfo = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as { pid: number; hostname: string; startedAt: string };
      assert.equal(lockInfo.pid, process.pid);
      assert.equal(lockInfo.hostname, os.hostname());
      const t0 = performance.now();
      const child = spawnStoreChild('open', JSON.stringify({ dataDir }));
      const line = await child.waitFor((l) => l.startsWith('error ') || l === 'opened', 'a result');
      t.diagnostic(`second process refused after ${(performance.now() - t0).toFixed(0)} ms (including Node + tsx start-up)`);
      const err = JSON.parse(line.slice('error '.length)) as { code: string; message: string };
      assert.equal(err.code, 'DATA_DIR_LOCKED');
      assert.equal(err.message, `Data directory ${dataDir} is in use by process ${process.pid} (started ${lockInfo.startedAt}). Stop it first, or set LEDE_DATA_DIR to another directory.`);
      assert.equal((await child.exited).code, 3);
      // The same process cannot open it twice either.
      await assert.rejects(openDatabase({ dataDir }), locked(dataDir, process.pid));
      assert.ok(await new StoryRepository(db).count() >= 0);
    } finally {
      await db.close();
    }
    assert.equal(fs.existsSync(path.join(dataDir, LOCK_FILE)), false, 'close() releases the lock');
  });

  test('a lock left by a SIGKILLed process does not block the next start', async () => {
    const dataDir = await cloneEmbeddedDataDir(path.join(tmp, 'killed'));
    const child = spawnStoreChild('open', JSON.stringify({ dataDir, checkpointIntervalMs: 0 }));
    await child.waitFor((l) => l === 'opened', '"opened"');
    await killHard(child);
    const left = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as { pid: number };
    assert.equal(left.pid, child.pid);
    const db = await openDatabase({ dataDir, onWarning: () => undefined });
    try {
      await new StoryRepository(db).insert(makeStory());
      const now = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as { pid: number };
      assert.equal(now.pid, process.pid);
    } finally {
      await db.close();
    }
  });

  test('starters racing for one stale lock: exactly one wins', async () => {
    const dir = emptyDir();
    writeLock(dir, { pid: deadPid() });
    const children = Array.from({ length: 5 }, () => spawnStoreChild('lock', dir));
    try {
      const results = await Promise.all(children.map((c) => c.waitFor((l) => l === 'locked' || l.startsWith('error '), 'a result')));
      const winners = children.filter((_, i) => results[i] === 'locked');
      assert.equal(winners.length, 1, results.join('\n'));
      for (const r of results.filter((x) => x !== 'locked')) {
        assert.match(r, new RegExp(`"code":"DATA_DIR_LOCKED".*in use by process ${winners[0]!.pid}`));
      }
      const held = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
      assert.equal(held.pid, winners[0]!.pid);
    } finally {
      for (const c of children) c.release();
      await Promise.all(children.map((c) => c.exited));
    }
    assert.deepEqual(fs.readdirSync(dir), [], 'no lock, guard or temporary file is left behind');
  });

  test('stale: dead pid, our own pid from an earlier run, another boot, a reused pid, an old torn file; live: a running process', () => {
    for (const info of [
      { pid: deadPid() },
      { pid: process.pid },
      { pid: process.ppid, bootId: 'another-boot' },
      { pid: process.ppid, procStart: '1' },
      {},
    ]) {
      const dir = emptyDir();
      if (Object.keys(info).length) writeLock(dir, info);
      else {
        // Half-written by a crash long ago (a fresh unparsable lock may still be being written).
        fs.writeFileSync(path.join(dir, LOCK_FILE), '{"pid":');
        const old = new Date(Date.now() - 60_000);
        fs.utimesSync(path.join(dir, LOCK_FILE), old, old);
      }
      const lock = acquireDataDirLock(dir);
      assert.equal(JSON.parse(fs.readFileSync(lock.file, 'utf8')).pid, process.pid, JSON.stringify(info));
      lock.release();
      assert.deepEqual(fs.readdirSync(dir), []);
    }
    const dir = emptyDir();
    writeLock(dir, { pid: process.ppid });
    assert.throws(() => acquireDataDirLock(dir), locked(dir, process.ppid));
  });

  test('a lock from another host counts until its heartbeat is old', () => {
    const dir = emptyDir();
    const file = writeLock(dir, { pid: 4242, hostname: 'web-2' });
    assert.throws(() => acquireDataDirLock(dir), (err: Error) => /in use by process 4242 on host web-2/.test(err.message));
    const old = new Date(Date.now() - FOREIGN_STALE_MS - 60_000);
    fs.utimesSync(file, old, old);
    const lock = acquireDataDirLock(dir);
    lock.release();
  });

  test('release removes only our own lock', () => {
    const dir = emptyDir();
    const lock = acquireDataDirLock(dir);
    const file = writeLock(dir, { pid: process.ppid, nonce: 'someone-else' });
    lock.release();
    assert.ok(fs.existsSync(file));
  });
});
