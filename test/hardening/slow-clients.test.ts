/**
 * Slow clients cannot hold sockets forever (issue 10, item 7). The real server
 * (`lede serve`, a child process) runs with short deadlines from the
 * environment; sockets that trickle their headers, trickle their body a byte a
 * second, or go quiet after the headers must all be closed by the server
 * within their deadline (plus a few seconds of slack: this is a bound, not a
 * measurement), while a normal client is still served.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serveChild, type ServedChild } from './serve-child.js';

const HEADERS_MS = 2000;
const REQUEST_MS = 6000;
const IDLE_MS = 3000;
/** Node checks deadlines on a timer, and the child may be busy: closed within deadline + this counts. */
const SLACK_MS = 4000;

interface Slow { kind: string; deadline: number; openedAt: number; closedAt?: number; socket: net.Socket; timer?: NodeJS.Timeout }

function slowSocket(server: ServedChild, kind: 'headers' | 'body' | 'idle', deadline: number): Promise<Slow> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    const slow: Slow = { kind, deadline, openedAt: 0, socket };
    socket.on('error', () => { /* a reset is a close too */ });
    socket.on('data', () => { /* a 408 */ });
    socket.once('close', () => {
      slow.closedAt = Date.now();
      clearInterval(slow.timer);
    });
    socket.once('connect', () => {
      slow.openedAt = Date.now();
      if (kind === 'headers') socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `);
      else socket.write(`POST /newsroom/api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"email":"`);
      // A byte a second: never idle long enough for the idle deadline, so only the header or request deadline can end it.
      if (kind !== 'idle') slow.timer = setInterval(() => socket.writable && socket.write('a'), 1000);
      resolve(slow);
    });
    socket.once('error', reject);
  });
}

describe('slow clients are dropped by deadline while others are served (lede serve)', () => {
  let server: ServedChild;

  before(async () => {
    server = await serveChild({
      LEDE_HEADERS_TIMEOUT_MS: String(HEADERS_MS), LEDE_REQUEST_TIMEOUT_MS: String(REQUEST_MS), LEDE_IDLE_TIMEOUT_MS: String(IDLE_MS), LEDE_LOG: 'off',
    });
  });
  after(async () => {
    await server?.stop();
  });

  test('200 trickling sockets are closed within their deadlines; GET / answers 200 meanwhile', async (t) => {
    const slow: Slow[] = [];
    try {
      for (let i = 0; i < 100; i++) slow.push(await slowSocket(server, 'headers', HEADERS_MS));
      for (let i = 0; i < 80; i++) slow.push(await slowSocket(server, 'body', REQUEST_MS));
      for (let i = 0; i < 20; i++) slow.push(await slowSocket(server, 'idle', IDLE_MS));
      // A normal client meanwhile.
      const res = await fetch(`${server.base}/`);
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      const until = Date.now() + REQUEST_MS + SLACK_MS + 1000;
      while (Date.now() < until && slow.some((s) => s.closedAt === undefined)) await new Promise((r) => setTimeout(r, 200));
      for (const kind of ['headers', 'body', 'idle']) {
        const of = slow.filter((s) => s.kind === kind);
        const open = of.filter((s) => s.closedAt === undefined).length;
        assert.equal(open, 0, `${open} of ${of.length} ${kind} sockets still open after ${REQUEST_MS + SLACK_MS} ms`);
        const late = of.filter((s) => s.closedAt! - s.openedAt > s.deadline + SLACK_MS).length;
        assert.equal(late, 0, `${late} ${kind} sockets outlived their deadline (${of[0]!.deadline} ms) by more than ${SLACK_MS} ms`);
        const longest = Math.max(...of.map((s) => s.closedAt! - s.openedAt));
        t.diagnostic(`${kind}: ${of.length} sockets closed, the last after ${longest} ms (deadline ${of[0]!.deadline} ms)`);
      }
      // And still serving afterwards.
      const again = await fetch(`${server.base}/`);
      assert.equal(again.status, 200);
      await again.arrayBuffer();
    } finally {
      for (const s of slow) {
        clearInterval(s.timer);
        s.socket.destroy();
      }
    }
  });

  test('a bad deadline is named at start', async () => {
    await assert.rejects(serveChild({ LEDE_HEADERS_TIMEOUT_MS: 'bald' }), /LEDE_HEADERS_TIMEOUT_MS must be a whole number/);
    await assert.rejects(serveChild({ LEDE_HEADERS_TIMEOUT_MS: '20000', LEDE_REQUEST_TIMEOUT_MS: '10000' }), /LEDE_HEADERS_TIMEOUT_MS \(20000\) must not be longer than LEDE_REQUEST_TIMEOUT_MS/);
  });
});
