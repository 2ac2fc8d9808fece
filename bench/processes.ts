import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves with the first stdout match of `pattern`; rejects when the child exits or the time is up. */
export function waitForLine(child: ChildProcess, pattern: RegExp, what: string, timeoutMs: number): Promise<string> {
  const out = child.stdout!;
  return new Promise((resolve, reject) => {
    let seen = '';
    const done = (fn: () => void) => {
      clearTimeout(timer);
      out.off('data', onData);
      child.off('exit', onExit);
      out.resume(); // keep draining, so a full pipe never blocks the child
      fn();
    };
    const timer = setTimeout(() => done(() => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s`))), timeoutMs);
    const onData = (d: Buffer) => {
      seen += d.toString();
      const m = seen.match(pattern);
      if (m) done(() => resolve(m[0]));
    };
    const onExit = (code: number | null) => done(() => reject(new Error(`${what} exited with code ${code} during start: ${seen.slice(-1000)}`)));
    out.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Stops a child we started (by its own handle) and waits for it; SIGKILL after 10 s. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
