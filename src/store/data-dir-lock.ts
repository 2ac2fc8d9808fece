import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LedeError } from '../content/index.js';

/**
 * One process per embedded data directory. PGlite has no lock of its own, and
 * two processes on one folder silently lose each other's writes, so we keep a
 * lock file in the directory naming the holder.
 *
 * The file is created complete and atomically (written to a temporary name,
 * then hard-linked into place, which fails when the lock exists), so a reader
 * never sees half a lock. On file systems without hard links it is created
 * with O_EXCL ('wx') instead, and a lock that cannot be parsed yet counts as
 * being written for a few seconds. A lock whose holder is gone (killed,
 * crashed, machine rebooted, container restarted) is taken over; see
 * isHolderGone for the rules.
 */

export const LOCK_FILE = 'lede.lock';

/** What the lock file holds (JSON). */
export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  /** Unique per acquisition, so release never deletes another process's lock. */
  nonce: string;
  /** Linux: the kernel boot id; a lock from an earlier boot is stale. */
  bootId?: string;
  /** Linux: the holder's start time in clock ticks (/proc/PID/stat), to detect pid reuse. */
  procStart?: string;
}

export interface DataDirLock {
  readonly file: string;
  readonly info: LockInfo;
  /** Removes the lock file (only if it is still ours). Safe to call twice. */
  release(): void;
}

/** Holders on another host refresh the file's mtime; one not refreshed for this long is stale. */
export const FOREIGN_STALE_MS = 120_000;
const HEARTBEAT_MS = 20_000;
/** An unparsable lock younger than this may be in the middle of being written ('wx' fallback). */
const UNPARSABLE_GRACE_MS = 5_000;
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

const heldHere = new Map<string, DataDirLock>();
let exitHookInstalled = false;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function bootId(): string | undefined {
  return readText('/proc/sys/kernel/random/boot_id')?.trim();
}

/** Start time (field 22) and state (field 3) of a Linux process, from /proc. */
function procStat(pid: number): { start: string; state: string } | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] && fields[0] ? { start: fields[19], state: fields[0] } : undefined;
}

function parseInfo(raw: string): LockInfo | undefined {
  try {
    const v = JSON.parse(raw) as Partial<LockInfo>;
    return typeof v.pid === 'number' && typeof v.hostname === 'string' ? (v as LockInfo) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the holder named in a lock can no longer be using the directory.
 * Same host: a different boot, our own pid (an earlier incarnation of this
 * process, as after a container restart), a pid that is not running or is a
 * zombie, or a pid now used by a process that started later. Another host: we
 * cannot see its processes, so only a heartbeat older than FOREIGN_STALE_MS counts.
 */
export function isHolderGone(info: LockInfo, lockMtimeMs: number): boolean {
  if (info.hostname !== os.hostname()) return Date.now() - lockMtimeMs > FOREIGN_STALE_MS;
  const boot = bootId();
  if (info.bootId && boot && info.bootId !== boot) return true;
  if (info.pid === process.pid) return true; // locks this process holds never get here (heldHere)
  try {
    process.kill(info.pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const stat = procStat(info.pid);
  if (stat?.state === 'Z' || stat?.state === 'X') return true;
  return Boolean(info.procStart && stat && stat.start !== info.procStart);
}

function lockedError(dir: string, info: LockInfo, here: boolean): LedeError {
  const who = `process ${info.pid}${here ? ' (this process)' : ''}${info.hostname !== os.hostname() ? ` on host ${info.hostname}` : ''}`;
  return new LedeError(
    'DATA_DIR_LOCKED',
    `Data directory ${dir} is in use by ${who} (started ${info.startedAt}). Stop it first, or set LEDE_DATA_DIR to another directory.`,
    { reason: 'data_dir_locked' },
  );
}

function fsError(dir: string, err: unknown): LedeError {
  const e = err as NodeJS.ErrnoException;
  const reason = e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied'
    : e.code === 'EROFS' ? 'read-only file system'
    : e.code === 'ENOSPC' ? 'disk full' : e.message;
  return new LedeError('UNAVAILABLE', `cannot lock data directory ${dir}: ${reason}`, { reason: 'data_dir_unusable', cause: err });
}

/**
 * Removes a stale lock, but only the exact one we judged stale: under a short
 * "takeover" guard file, re-read it and delete it if unchanged. Two starters
 * racing for the same stale lock thus cannot delete the winner's fresh lock.
 * Returns false when another process is taking over right now.
 */
function removeStaleLock(file: string, staleRaw: string): boolean {
  const guard = `${file}.takeover`;
  try {
    fs.writeFileSync(guard, JSON.stringify({ pid: process.pid, hostname: os.hostname() }), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // A guard is held for microseconds; one older than 10 s was left by a crash in between.
    try {
      if (Date.now() - fs.statSync(guard).mtimeMs > 10_000) fs.rmSync(guard, { force: true });
    } catch {
      /* gone already */
    }
    return false;
  }
  try {
    if (readText(file) === staleRaw) fs.rmSync(file, { force: true });
    return true;
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

function releaseAllOnExit(): void {
  for (const lock of [...heldHere.values()]) lock.release();
}

/**
 * Takes the lock of `dataDir` (an existing directory) or throws
 * LedeError('DATA_DIR_LOCKED') at once, naming the holder. Released by
 * `release()`, and on process exit as a fallback.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_FILE);
  let key = file;
  try {
    key = path.join(fs.realpathSync(dir), LOCK_FILE); // one key per directory, however it is spelled
  } catch (err) {
    throw fsError(dir, err);
  }
  const mine = heldHere.get(key);
  if (mine) throw lockedError(dir, mine.info, true);

  const info: LockInfo = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    nonce: randomUUID(),
  };
  const boot = bootId();
  if (boot) info.bootId = boot;
  const start = procStat(process.pid)?.start;
  if (start) info.procStart = start;
  const raw = `${JSON.stringify(info)}\n`;

  const tmp = path.join(dir, `${LOCK_FILE}.${process.pid}.${info.nonce.slice(0, 8)}`);
  try {
    fs.writeFileSync(tmp, raw, { flag: 'wx' });
  } catch (err) {
    throw fsError(dir, err);
  }
  try {
    let links = true;
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        if (links) fs.linkSync(tmp, file);
        else fs.writeFileSync(file, raw, { flag: 'wx' });
        return register(key, file, info);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? '';
        if (links && NO_HARD_LINKS.has(code)) {
          links = false;
          attempt--;
          continue;
        }
        if (code !== 'EEXIST') throw fsError(dir, err);
      }
      const seen = readText(file);
      if (seen === undefined) continue; // released meanwhile: try again
      let mtime = Date.now();
      try {
        mtime = fs.statSync(file).mtimeMs;
      } catch {
        continue;
      }
      const holder = parseInfo(seen);
      if (!holder && Date.now() - mtime < UNPARSABLE_GRACE_MS) {
        sleepSync(10); // being written by a 'wx' starter; look again
        continue;
      }
      // An old unparsable lock was left half-written by a crash: stale.
      if (holder && !isHolderGone(holder, mtime)) throw lockedError(dir, holder, false);
      if (!removeStaleLock(file, seen)) sleepSync(10);
    }
    throw new LedeError('DATA_DIR_LOCKED', `Data directory ${dir}: could not take over a stale lock (${file}); other processes keep starting on it.`, { reason: 'data_dir_locked' });
  } catch (err) {
    throw err instanceof LedeError ? err : fsError(dir, err);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function register(key: string, file: string, info: LockInfo): DataDirLock {
  const heartbeat = setInterval(() => {
    const now = new Date();
    try {
      fs.utimesSync(file, now, now);
    } catch {
      /* the file was removed by hand; nothing to refresh */
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  const lock: DataDirLock = {
    file,
    info,
    release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      heldHere.delete(key);
      try {
        if (parseInfo(readText(file) ?? '')?.nonce === info.nonce) fs.rmSync(file, { force: true });
      } catch {
        /* the directory is gone or unreadable: nothing left to release */
      }
    },
  };
  heldHere.set(key, lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', releaseAllOnExit);
  }
  return lock;
}
