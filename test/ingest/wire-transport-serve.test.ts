/**
 * `lede serve` runs the transports: sources from LEDE_WIRE_SOURCES (a wireQ
 * queue in mode B, a watch folder, a push source) are polled by the server
 * process, each document is committed (the queue's DELETE, the move to
 * done/ and the push's 202 all come after the commit), and SIGTERM stops the
 * pollers cleanly before the database closes (exit code 0).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startFakeWireq, type FakeWireq } from '../helpers/fake-wireq.js';
import { serveChild, type ServedChild } from '../hardening/serve-child.js';
import { signPush } from '../../src/services/wire-transports/push-signature.js';
import { eventually } from './wire-transport-fakes.js';

const SECRET = 'serve-push-geheimnis-42';
const doc = (n: number) => ({
  format: 'digitalwires@0.9.1', urn: `urn:newsml:test.example:20261205:serve-${n}`, version: 1, pubstatus: 'usable',
  headline: `Über den Server ${n}`, article_html: `<section class="main"><p>Text ${n}.</p></section>`,
});

let q: FakeWireq;
let dir: string;
let served: ServedChild;
before(async () => {
  q = await startFakeWireq();
  q.add(doc(1), doc(2), doc(3));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-serve-wire-'));
  fs.writeFileSync(path.join(dir, 'ordner.json'), JSON.stringify(doc(4)));
  served = await serveChild({
    LEDE_WIRE_SOURCES: JSON.stringify([
      { id: 'dpa-q', name: 'dpa wireQ', transport: 'wireq', settings: { base: q.base, mode: 'receipt', intervalSeconds: 0.05 } },
      { id: 'ordner', name: 'Ordner', transport: 'folder', settings: { path: dir, intervalSeconds: 0.05 } },
      { id: 'dpa-push', name: 'dpa push', transport: 'push', secret: SECRET },
    ]),
  });
});
after(async () => {
  await served?.stop();
  await q.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the server polls the queue and the folder, takes pushes, and stops cleanly', async () => {
  await eventually(() => q.waiting === 0 && q.requests.filter((r) => r.method === 'DELETE' && r.status === 204).length === 3, 'the queue emptied by DELETEs after commits', 60_000);
  await eventually(() => fs.existsSync(path.join(dir, 'done', 'ordner.json')), 'the folder file moved to done/', 60_000);
  const body = JSON.stringify(doc(5));
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${served.base}/ingest/dpa-push`, { method: 'POST', body, headers: { 'x-lede-timestamp': ts, 'x-lede-signature': signPush(SECRET, ts, body) } });
  assert.equal(res.status, 202);
  assert.equal(((await res.json()) as { outcomes: Array<{ result: string }> }).outcomes[0]!.result, 'new');
  await served.stop();
  assert.equal(served.process.exitCode, 0, served.stderr());
  assert.doesNotMatch(served.stderr(), /wire transports: source .* not polled|cannot read the sources/);
});
