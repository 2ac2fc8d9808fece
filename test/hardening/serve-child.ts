/**
 * `lede serve --demo` in a child process on a free loopback port, for the
 * hardening tests that need the real HTTP server (Node's parser, timeouts,
 * @hono/node-server) and the child's own memory figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloneEmbeddedDataDir } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServedChild {
  process: ChildProcess;
  pid: number;
  port: number;
  base: string;
  /** The demo admin's login (printed once by `serve --demo`). */
  email: string;
  password: string;
  /** A cookie-keeping client of this server. */
  browser(): Browser;
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The child's resident set size in bytes (Linux: VmRSS of /proc/<pid>/status). */
export function rssOf(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) * 1024;
}

export async function serveChild(env: Record<string, string> = {}): Promise<ServedChild> {
  const dataDir = await cloneEmbeddedDataDir();
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/run.ts'), 'serve', '--demo'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', LEDE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LEDE_SITE_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (/Lede is running/.test(out)) resolve();
    });
    void exited.then(() => reject(new Error(`lede serve exited before it was running: ${out}\n${err}`)));
  });
  const login = /newsroom demo account[^:]*: (\S+) \/ (\S+) at/.exec(out);
  if (!login) throw new Error(`serve --demo printed no demo account: ${out}`);
  const base = `http://127.0.0.1:${port}`;
  return {
    process: child,
    pid: child.pid!,
    port,
    base,
    email: login[1]!,
    password: login[2]!,
    browser: () => new Browser({ request: (url, init) => fetch(url.replace(/^http:\/\/localhost/, base), init) }),
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
