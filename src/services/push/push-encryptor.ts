import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import webPush from 'web-push';

/**
 * Encrypts push messages (RFC 8291 aes128gcm) with web-push's own `encrypt`
 * — a fresh ECDH key pair and salt per message, the shared secret with the
 * browser's key, HKDF, AES-GCM: about 150–350 µs of CPU each — on worker
 * threads, so the sender's main thread keeps its connections and the
 * database busy meanwhile. A batch of messages of one send travels to a
 * thread in one postMessage (the payload once, the browsers' keys), and the
 * bodies come back in one transferred buffer, so the hand-over costs far
 * less than the encryption.
 *
 * With `threads: 0` (or on a one-core machine) it encrypts on the calling
 * thread, yielding between batches.
 */
export interface EncryptTarget {
  p256dh: string;
  auth: string;
}

/** A body to POST, or why the keys could not be used. */
export type Encrypted = Buffer | { error: string };

export interface PushEncryptorOptions {
  /** Worker threads (default: one per core but one, at most 4; 0 encrypts inline). */
  threads?: number;
}

/** The threads' code, evaluated as CommonJS: the same in the compiled build and under tsx, which cannot load a .ts worker. */
const THREAD_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { encrypt } = require(workerData.webPush);
parentPort.on('message', (job) => {
  const payload = Buffer.from(job.payload, 'utf8');
  const bodies = new Array(job.p256dh.length);
  const errors = [];
  let size = 0;
  for (let i = 0; i < bodies.length; i++) {
    try {
      bodies[i] = encrypt(job.p256dh[i], job.auth[i], payload, 'aes128gcm').cipherText;
      size += bodies[i].length;
    } catch (err) {
      bodies[i] = null;
      errors.push([i, String((err && err.message) || err)]);
    }
  }
  const out = new Uint8Array(size);
  const ends = new Uint32Array(bodies.length);
  let at = 0;
  for (let i = 0; i < bodies.length; i++) {
    if (bodies[i]) { out.set(bodies[i], at); at += bodies[i].length; }
    ends[i] = at;
  }
  parentPort.postMessage({ id: job.id, out, ends, errors }, [out.buffer, ends.buffer]);
});
`;

const WEB_PUSH_PATH = createRequire(import.meta.url).resolve('web-push');

type Job = { id: number; payload: string; p256dh: string[]; auth: string[] };
type Answer = { id: number; out: Uint8Array; ends: Uint32Array; errors: [number, string][] };
type Pending = { resolve: (r: Encrypted[]) => void; reject: (e: Error) => void; size: number };

class EncryptThread {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  /** Messages handed to it and not yet answered (the pool gives the next job to the least loaded). */
  load = 0;
  dead = false;

  constructor(onDead: (t: EncryptThread) => void) {
    this.worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { webPush: WEB_PUSH_PATH } });
    // An idle pool must not keep `lede` or a test process alive; while it has work it does (see run()), or a
    // process whose only pending work is an encryption would exit with the round half done.
    this.worker.unref();
    this.worker.on('message', (a: Answer) => {
      const p = this.pending.get(a.id);
      if (!p) return;
      this.pending.delete(a.id);
      this.load -= p.size;
      if (!this.pending.size) this.worker.unref();
      const out = Buffer.from(a.out.buffer, a.out.byteOffset, a.out.byteLength);
      const result: Encrypted[] = new Array(a.ends.length);
      let start = 0;
      for (let i = 0; i < a.ends.length; i++) {
        result[i] = out.subarray(start, a.ends[i]!);
        start = a.ends[i]!;
      }
      for (const [i, error] of a.errors) result[i] = { error };
      p.resolve(result);
    });
    const fail = (err: Error) => {
      if (this.dead) return;
      this.dead = true;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      onDead(this);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the encryption thread stopped (exit code ${code})`)));
  }

  run(job: Job): Promise<Encrypted[]> {
    return new Promise((resolve, reject) => {
      if (!this.pending.size) this.worker.ref();
      this.pending.set(job.id, { resolve, reject, size: job.p256dh.length });
      this.load += job.p256dh.length;
      this.worker.postMessage(job);
    });
  }
}

export class PushEncryptor {
  readonly #threads: number;
  #pool: EncryptThread[] = [];
  #nextId = 1;

  constructor(opts: PushEncryptorOptions = {}) {
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    this.#threads = Math.max(0, Math.floor(opts.threads ?? Math.min(4, cores - 1)));
  }

  /** How many threads it encrypts on (0: the calling thread). */
  get threads(): number {
    return this.#threads;
  }

  /** Threads started and not ended. */
  get running(): number {
    return this.#pool.length;
  }

  /** Encrypts `payload` for each target; the answers are in the targets' order. */
  async encrypt(payload: string, targets: readonly EncryptTarget[]): Promise<Encrypted[]> {
    if (!targets.length) return [];
    if (this.#threads === 0) return this.#inline(payload, targets);
    // Threads start on first use, so a sender that never sends costs none; one that died is replaced.
    while (this.#pool.length < this.#threads) {
      this.#pool.push(new EncryptThread((dead) => (this.#pool = this.#pool.filter((t) => t !== dead))));
    }
    let thread = this.#pool[0]!;
    for (const t of this.#pool) if (t.load < thread.load) thread = t;
    return thread.run({ id: this.#nextId++, payload, p256dh: targets.map((t) => t.p256dh), auth: targets.map((t) => t.auth) });
  }

  async #inline(payload: string, targets: readonly EncryptTarget[]): Promise<Encrypted[]> {
    const bytes = Buffer.from(payload, 'utf8');
    const out: Encrypted[] = [];
    for (const t of targets) {
      try {
        out.push(webPush.encrypt(t.p256dh, t.auth, bytes, 'aes128gcm').cipherText);
      } catch (err) {
        out.push({ error: err instanceof Error ? err.message : String(err) });
      }
    }
    // One batch at a time: the event loop gets a turn between batches (answers, timers).
    await new Promise((r) => setImmediate(r));
    return out;
  }

  /** Ends the threads (their unanswered batches fail); a later encrypt() starts new ones. */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = [];
    await Promise.all(pool.map((t) => t.worker.terminate()));
  }
}
