/**
 * The watch-folder transport: a file is taken only once two looks in a row
 * saw it unchanged, temporary and hidden files are left alone, a taken file
 * moves to done/ (or failed/ with its reason) only after the desk answered,
 * and a file left in the folder by a crash is taken again and stored once.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { folderPoller } from '../../src/services/wire-transports/folder-poller.js';
import type { WireSourceConfig } from '../../src/services/wire-transports/wire-transport.js';
import { entry, eventually, fakeDesk, recordingSleep, type FakeDesk } from './wire-transport-fakes.js';

let dir: string;
let desk: FakeDesk;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-wire-folder-'));
  desk = fakeDesk();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const source = (settings: Record<string, unknown> = {}): WireSourceConfig => ({
  id: 'ordner', name: 'Ordner', format: 'auto', transport: 'folder', settings: { path: dir, ...settings }, secret: null, active: true,
});
const write = (name: string, body: string | Record<string, unknown>) => fs.writeFileSync(path.join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
const list = (sub = '') => (fs.existsSync(path.join(dir, sub)) ? fs.readdirSync(path.join(dir, sub)).filter((f) => fs.statSync(path.join(dir, sub, f)).isFile()).sort() : []);

/** A sleep that lets the test act between two looks: each wait resolves only when the test says so. */
function steppedSleep() {
  const pending: Array<() => void> = [];
  let looks = 0;
  return {
    get looks() {
      return looks;
    },
    sleep: (_ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
      looks++;
      if (signal.aborted) return resolve();
      pending.push(resolve);
      signal.addEventListener('abort', () => resolve(), { once: true });
    }),
    /** Lets the poller take its next look and waits until it is done with it. */
    async next() {
      const before = looks;
      pending.shift()?.();
      await eventually(() => looks > before, 'the next look');
    },
  };
}

test('a file still growing is not taken; once unchanged across two looks it is stored and moved to done/', async () => {
  const clock = steppedSleep();
  const poller = folderPoller({ source: source(), ingest: desk.ingest, sleep: clock.sleep });
  const half = JSON.stringify(entry(1));
  write('eins.json', half.slice(0, 20));
  poller.start();
  await eventually(() => clock.looks === 1, 'first look');
  assert.equal(desk.calls.length, 0, 'not taken at the first look');
  // The writer appends between the looks: size and time change, so it waits another look.
  fs.appendFileSync(path.join(dir, 'eins.json'), half.slice(20));
  fs.utimesSync(path.join(dir, 'eins.json'), new Date(), new Date(Date.now() + 5000));
  await clock.next();
  assert.equal(desk.calls.length, 0, 'not taken while it changed');
  await clock.next();
  assert.equal(desk.calls.length, 1);
  assert.equal(desk.calls[0]!.name, 'eins.json');
  assert.equal(desk.calls[0]!.via, 'folder');
  assert.equal(desk.calls[0]!.result, 'new', 'the whole file was read');
  assert.deepEqual(list(), []);
  assert.deepEqual(list('done'), ['eins.json']);
  await poller.stop();
});

test('dotfiles, *.tmp and *.part are left alone; a refused file goes to failed/ with its reason beside it', async () => {
  write('.hidden.json', entry(1));
  write('upload.json.part', entry(2));
  write('upload.tmp', entry(3));
  write('kaputt.xml', '<nicht-agentur/>');
  write('gut.json', entry(4));
  const clock = steppedSleep();
  const poller = folderPoller({ source: source(), ingest: desk.ingest, sleep: clock.sleep });
  poller.start();
  await eventually(() => clock.looks === 1, 'first look');
  await clock.next();
  await poller.stop();
  assert.deepEqual(desk.calls.map((c) => `${c.name} ${c.result}`).sort(), ['gut.json new', 'kaputt.xml refused']);
  assert.deepEqual(list(), ['.hidden.json', 'upload.json.part', 'upload.tmp']);
  assert.deepEqual(list('done'), ['gut.json']);
  assert.deepEqual(list('failed'), ['kaputt.xml', 'kaputt.xml.reason.txt']);
  const reason = fs.readFileSync(path.join(dir, 'failed', 'kaputt.xml.reason.txt'), 'utf8');
  assert.match(reason, /kaputt\.xml was refused/);
  assert.match(reason, /not a JSON document with an urn \(dead letter dl-1\)/);
});

test('a file whose commit fails stays in the folder and is taken after the back-off; a name taken in done/ is not overwritten', async () => {
  fs.mkdirSync(path.join(dir, 'done'));
  fs.writeFileSync(path.join(dir, 'done', 'zwei.json'), 'older delivery');
  write('zwei.json', entry(2));
  desk.failNext(1);
  const logs: string[] = [];
  const rec = recordingSleep(() => desk.calls.length);
  const poller = folderPoller({ source: source(), ingest: desk.ingest, sleep: rec.sleep, log: (l) => logs.push(l), backOff: { initialMs: 10 } });
  poller.start();
  await eventually(() => desk.stored.length === 1 && list().length === 0, 'stored after the failure');
  await poller.stop();
  assert.deepEqual(desk.calls.map((c) => c.result), ['threw', 'new']);
  assert.ok(logs.some((l) => /database unavailable/.test(l)), logs.join('\n'));
  assert.deepEqual(list('done'), ['zwei-2.json', 'zwei.json']);
  assert.equal(fs.readFileSync(path.join(dir, 'done', 'zwei.json'), 'utf8'), 'older delivery');
});

test('after a crash between the commit and the move, the file is taken again on restart and the desk stores it once', async () => {
  write('drei.json', entry(3));
  // The "crashed" run: it committed, then died before moving the file.
  await desk.ingest('ordner', JSON.stringify(entry(3)), { name: 'drei.json', via: 'folder' });
  const poller = folderPoller({ source: source(), ingest: desk.ingest, sleep: recordingSleep(() => 0, 1).sleep });
  poller.start();
  await eventually(() => list().length === 0, 'the folder emptied');
  await poller.stop();
  assert.deepEqual(desk.calls.map((c) => c.result), ['new', 'duplicate']);
  assert.equal(desk.stored.length, 1);
  assert.deepEqual(list('done'), ['drei.json']);
});

test('a folder source without a path is refused by name; a missing folder is logged and retried', async () => {
  assert.throws(() => folderPoller({ source: { ...source(), settings: {} }, ingest: desk.ingest }), /needs settings.path/);
  const logs: string[] = [];
  const poller = folderPoller({ source: source({ path: path.join(dir, 'fehlt') }), ingest: desk.ingest, sleep: recordingSleep(() => 0, 1).sleep, log: (l) => logs.push(l), backOff: { initialMs: 1 } });
  poller.start();
  await eventually(() => poller.stats.failures >= 2, 'two failed looks');
  await poller.stop();
  assert.match(logs[0]!, /cannot read the folder: ENOENT/);
});
