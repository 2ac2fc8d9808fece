/**
 * HTTP push (POST /ingest/{source}) through the whole app and the real wire
 * desk, on both engines: a signed document is 202 with its outcomes after
 * the commit (a second time: duplicate); a bad, missing or stale signature
 * is 401 naming the header; an unknown, inactive or non-push source is 404;
 * a body over 5 MB is 413 before it is read (declared) or while it streams
 * (chunked); a refused document (NUL bytes, not an agency format) is 422
 * with the reason while its dead letter is kept. Never a 500, never cached.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Hono } from 'hono';
import { forEachEngine } from '../helpers/db.js';
import { createApp } from '../../src/server/app.js';
import { createServices, type Services } from '../../src/services/index.js';
import { signPush } from '../../src/services/wire-transports/push-signature.js';

const SECRET = 'push-geheimnis-0123456789';
const CONFIG = { siteName: 'Test', siteUrl: 'http://localhost', trustProxy: false };
const doc = (n: number, version = 1) => JSON.stringify({
  format: 'digitalwires@0.9.1', urn: `urn:newsml:test.example:20261205:push-${n}`, version, pubstatus: 'usable',
  headline: `Gepushte Meldung ${n}`, article_html: `<section class="main"><p>Absatz ${n}.</p></section>`,
});
const now = () => String(Math.floor(Date.now() / 1000));

forEachEngine('wire push', (ctx) => {
  let app: Hono;
  let services: Services;
  before(async () => {
    services = createServices(ctx.db);
    app = createApp(ctx.db, CONFIG, { services });
    await services.wire.saveSource({ id: 'push-dpa', name: 'dpa push', transport: 'push', secret: SECRET });
    await services.wire.saveSource({ id: 'push-aus', name: 'abgeschaltet', transport: 'push', secret: SECRET, active: false });
    await services.wire.saveSource({ id: 'q-dpa', name: 'wireq', transport: 'wireq', settings: { base: 'http://127.0.0.1:1/q' }, secret: SECRET });
  });

  const push = async (source: string, body: string | Uint8Array, headers: Record<string, string> = {}, sign: { secret?: string; timestamp?: string } = {}): Promise<Response> => {
    const timestamp = sign.timestamp ?? now();
    const bytes = new Uint8Array(typeof body === 'string' ? Buffer.from(body) : body);
    return app.request(`/ingest/${source}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lede-timestamp': timestamp, 'x-lede-signature': signPush(sign.secret ?? SECRET, timestamp, bytes), ...headers },
      body: bytes,
    });
  };

  test('a signed document is 202 with its outcome once committed; the same again is a duplicate; never cached', async () => {
    const res = await push('push-dpa', doc(1));
    assert.equal(res.status, 202);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = await res.json() as { outcomes: Array<{ result: string; guid: string; version: number; itemId: string }> };
    assert.equal(body.outcomes.length, 1);
    assert.equal(body.outcomes[0]!.result, 'new');
    assert.equal(body.outcomes[0]!.guid, 'urn:newsml:test.example:20261205:push-1');
    // Committed before the answer: the desk has it.
    const view = await services.wire.get(body.outcomes[0]!.itemId);
    assert.equal(view.current.headline, 'Gepushte Meldung 1');
    const again = await push('push-dpa', doc(1));
    assert.equal(again.status, 202);
    assert.equal((await again.json() as { outcomes: Array<{ result: string }> }).outcomes[0]!.result, 'duplicate');
    const v2 = await push('push-dpa', doc(1, 2));
    assert.equal((await v2.json() as { outcomes: Array<{ result: string }> }).outcomes[0]!.result, 'version');
  });

  test('a wrong, missing or malformed signature and a stale or future timestamp are 401 naming the header; nothing is stored', async () => {
    const cases: Array<[string, Promise<Response>, RegExp, string]> = [
      ['wrong secret', push('push-dpa', doc(2), {}, { secret: 'ein-anderes-geheimnis-123' }), /X-Lede-Signature does not match/, 'X-Lede-Signature'],
      ['no signature', push('push-dpa', doc(2), { 'x-lede-signature': '' }), /X-Lede-Signature is missing/, 'X-Lede-Signature'],
      ['malformed', push('push-dpa', doc(2), { 'x-lede-signature': 'md5=abc' }), /sha256= and 64 hex digits/, 'X-Lede-Signature'],
      ['old', push('push-dpa', doc(2), {}, { timestamp: String(Math.floor(Date.now() / 1000) - 301) }), /X-Lede-Timestamp is 30\d s old/, 'X-Lede-Timestamp'],
      ['future', push('push-dpa', doc(2), {}, { timestamp: String(Math.floor(Date.now() / 1000) + 3600) }), /in the future/, 'X-Lede-Timestamp'],
      ['no timestamp', push('push-dpa', doc(2), { 'x-lede-timestamp': '' }), /X-Lede-Timestamp is missing/, 'X-Lede-Timestamp'],
      ['not a number', push('push-dpa', doc(2), { 'x-lede-timestamp': '12.5' }), /whole seconds/, 'X-Lede-Timestamp'],
    ];
    for (const [what, pending, message, header] of cases) {
      const res = await pending;
      assert.equal(res.status, 401, what);
      const body = await res.json() as { error: { code: string; reason: string; message: string; params: { header: string } } };
      assert.match(body.error.message, message, what);
      assert.equal(body.error.params.header, header, what);
      assert.equal(body.error.code, 'UNAUTHORIZED');
    }
    // The body signed for another timestamp: the timestamp is part of what is signed.
    const ts = now();
    const res = await app.request('/ingest/push-dpa', {
      method: 'POST', body: doc(2),
      headers: { 'x-lede-timestamp': String(Number(ts) - 1), 'x-lede-signature': signPush(SECRET, ts, doc(2)) },
    });
    assert.equal(res.status, 401);
    const { items } = await services.wire.list({ source: 'push-dpa' } as never);
    assert.ok(items.length >= 1, 'the list is read');
    assert.ok(!JSON.stringify(items).includes('push-2'), 'nothing of the refused pushes was stored');
  });

  test('an unknown, inactive or non-push source is 404; other methods are not the push endpoint', async () => {
    for (const id of ['gibt-es-nicht', 'push-aus', 'q-dpa', 'Gross%00']) {
      const res = await push(id, doc(3));
      assert.equal(res.status, 404, id);
      assert.equal((await res.json() as { error: { reason: string } }).error.reason, 'no_wire_source', id);
    }
    assert.equal((await app.request('/ingest/push-dpa')).status, 404);
  });

  test('a body over 5 MB is 413: from Content-Length before reading, or while a chunked body streams in', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
    const declared = await push('push-dpa', big, { 'content-length': String(big.length) });
    assert.equal(declared.status, 413);
    assert.equal((await declared.json() as { error: { reason: string } }).error.reason, 'body_too_large');
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 8 * 1024 * 1024) return controller.close();
        pulled += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
      },
    });
    const lettersBefore = (await services.wire.deadLetters({ source: 'push-dpa' })).length;
    const ts = now();
    const chunked = await app.request('/ingest/push-dpa', {
      method: 'POST', body: stream, duplex: 'half',
      headers: { 'x-lede-timestamp': ts, 'x-lede-signature': signPush(SECRET, ts, 'egal') },
    } as RequestInit);
    assert.equal(chunked.status, 413);
    // The rest is read and dropped (so the connection stays usable), never handed to the desk.
    assert.equal((await services.wire.deadLetters({ source: 'push-dpa' })).length, lettersBefore);
  });

  test('a refused document (NUL bytes, not an agency format) is 422 with the reason; its dead letter is kept', async () => {
    const withNul = Buffer.from(doc(4).replace('Absatz 4.', 'Absatz\u00004.'));
    assert.ok(withNul.includes(0), 'the body has a NUL byte');
    const res = await push('push-dpa', withNul);
    assert.equal(res.status, 422);
    const body = await res.json() as { error: { code: string; message: string }; outcomes: Array<{ result: string; reason: string; deadLetterId: string }> };
    assert.equal(body.outcomes[0]!.result, 'refused');
    assert.match(body.error.message, /NUL/);
    const letters = await services.wire.deadLetters({ source: 'push-dpa' });
    const letter = letters.find((l) => l.id === body.outcomes[0]!.deadLetterId);
    assert.equal(letter?.via, 'push', 'the dead letter is kept, with how it came');
    assert.match(letter!.reason, /NUL/);
    const xml = await push('push-dpa', '<html><body>kein Agenturtext</body></html>', { 'content-type': 'text/html' });
    assert.equal(xml.status, 422);
    assert.match((await xml.json() as { error: { message: string } }).error.message, /refused the document: .*html/i);
  });
});
