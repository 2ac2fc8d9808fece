import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './pglite-template.js';

export interface StoreChild {
  process: ChildProcess;
  pid: number;
  /** Every stdout line so far. */
  lines: string[];
  stderr(): string;
  /** Resolves with the first line (past or future) matching `test`; rejects if the child exits first. */
  waitFor(test: (line: string) => boolean, what: string): Promise<string>;
  /** Resolves when the child has exited (and was reaped: its pid is free). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Closes the child's stdin: `lock` and `open` children then let go and exit. */
  release(): void;
}

/** Starts test/helpers/store-child.ts in a new Node process (see there for the modes). */
export function spawnStoreChild(mode: 'lock' | 'open' | 'write' | 'wire', arg: string): StoreChild {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/helpers/store-child.ts'), mode, arg], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<{ test: (l: string) => boolean; resolve: (l: string) => void }>();
  let partial = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters) if (w.test(line)) {
        waiters.delete(w);
        w.resolve(line);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    process: child,
    pid: child.pid!,
    lines,
    stderr: () => err,
    exited,
    release: () => child.stdin!.end(),
    waitFor(test, what) {
      const seen = lines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.add({ test, resolve });
        void exited.then(({ code, signal }) => {
          // Give the last 'data' events a turn before giving up.
          setImmediate(() => {
            const late = lines.find(test);
            if (late !== undefined) resolve(late);
            else reject(new Error(`child exited (${signal ?? code}) before ${what}; stdout: ${lines.slice(-5).join(' | ')}; stderr: ${err.slice(-1500)}`));
          });
        });
      });
    },
  };
}

/** Sends SIGKILL and waits until the child is gone and reaped. */
export async function killHard(child: StoreChild): Promise<void> {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  await child.exited;
}
