#!/usr/bin/env node
// A throwaway PostgreSQL server for tests and benchmarks: initdb into a temp
// directory, listen on 127.0.0.1 at a free port (unix socket inside the temp
// directory), delete everything on stop.
//
//   import { startCluster, findPostgresBinaries } from './pg-cluster.mjs';
//   const cluster = await startCluster();   // { url, dir, stop() }
//
// Run directly (`node scripts/pg-cluster.mjs`) it prints the URL and keeps the
// server until Ctrl-C.
//
// PostgreSQL refuses to run as root; when we are root the cluster runs as the
// `postgres` user if there is one, else as `nobody` (Node's spawn sets uid/gid).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const EXE = process.platform === 'win32' ? '.exe' : '';

function hasInitdb(dir) {
  return Boolean(dir) && fs.existsSync(path.join(dir, `initdb${EXE}`)) && fs.existsSync(path.join(dir, `postgres${EXE}`));
}

/**
 * The directory holding initdb and postgres, or undefined. Looks at
 * LEDE_PG_BINDIR, Debian's /usr/lib/postgresql/<newest>/bin, `pg_config
 * --bindir`, then PATH (Debian does not put initdb on PATH).
 */
export function findPostgresBinaries() {
  const candidates = [process.env.LEDE_PG_BINDIR];
  try {
    const versions = fs.readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  } catch {
    /* not Debian, or not installed */
  }
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    /* no pg_config */
  }
  candidates.push(...(process.env.PATH ?? '').split(path.delimiter));
  return candidates.find(hasInitdb);
}

/** uid/gid to run the server as: ourselves, or an unprivileged user when we are root. */
function serverUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  for (const name of ['postgres', 'nobody']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (r.status === 0 && g.status === 0) return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()), name };
  }
  throw new Error('running as root, and neither a "postgres" nor a "nobody" user exists to run PostgreSQL as');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`PostgreSQL exited during start (code ${child.exitCode}):\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within ${timeoutMs / 1000} s; log:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Starts a fresh cluster. fsync is off: it is thrown away after the run, and
 * the tests kill client processes, never the server.
 * @returns {Promise<{ url: string, dir: string, bindir: string, stop: () => Promise<void> }>}
 */
export async function startCluster({ bindir = findPostgresBinaries(), timeoutMs = 30_000 } = {}) {
  if (!bindir) throw new Error('PostgreSQL binaries not found (install postgresql, or set LEDE_PG_BINDIR)');
  const user = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-pg-'));
  const data = path.join(dir, 'data');
  const socketDir = path.join(dir, 'sock');
  const logFile = path.join(dir, 'server.log');
  fs.mkdirSync(socketDir);
  const owned = { cwd: dir, ...(user.uid !== undefined && { uid: user.uid, gid: user.gid }) };
  if (user.uid !== undefined) for (const p of [dir, socketDir]) fs.chownSync(p, user.uid, user.gid);
  let child;
  const cleanup = () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // Even when the caller dies without calling stop(), do not leave a server behind.
  process.once('exit', cleanup);
  try {
    const init = spawnSync(path.join(bindir, `initdb${EXE}`),
      ['-D', data, '-U', 'lede', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8'],
      { ...owned, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.error?.message}`);
    const port = await freePort();
    const log = fs.openSync(logFile, 'a');
    if (user.uid !== undefined) fs.fchownSync(log, user.uid, user.gid);
    child = spawn(path.join(bindir, `postgres${EXE}`), [
      '-D', data, '-p', String(port), '-k', socketDir,
      '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off',
      '-c', 'max_connections=200', '-c', 'shared_buffers=64MB',
    ], { ...owned, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    const url = `postgres://lede@127.0.0.1:${port}/postgres`;
    await waitReady(url, child, logFile, timeoutMs);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    return {
      url,
      dir,
      bindir,
      async stop() {
        if (child.exitCode === null) {
          child.kill('SIGINT'); // fast shutdown
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }
        process.removeListener('exit', cleanup);
        cleanup();
      },
    };
  } catch (err) {
    process.removeListener('exit', cleanup);
    cleanup();
    throw err;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cluster = await startCluster();
  console.log(cluster.url);
  const stop = () => cluster.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
