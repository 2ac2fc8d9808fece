/**
 * Every body the server reads is bounded while it streams in (issue 10, item 1).
 *
 * The real server (`lede serve`, a child process) is sent a 1 GB body per route
 * class, chunked and without Content-Length, so no limit can be decided from
 * a header: the login form (urlencoded and multipart), a logged-in multipart
 * form without X-CSRF-Token (the guard reads the form for its `_csrf`), the
 * JSON API, a media upload, and a reader path. Each must be answered 413 and
 * the child's resident memory must stay within 50 MB of what it used idle
 * (uploads: within 50 MB plus the upload limit, which a legitimate upload may
 * fill). The body is made lazily: sending stops when the server answers or
 * closes the connection, so a refusing server never gets the whole gigabyte.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { rssOf, serveChild, type ServedChild } from './serve-child.js';

const GB = 1024 * 1024 * 1024;
const MB = 1024 * 1024;
const CHUNK = Buffer.alloc(256 * 1024, 'a');

interface Streamed { status: number | undefined; sent: number; peakRss: number; error?: string }

/** POSTs `head` and then `a`s up to 1 GB, chunked; stops at the first answer or error; samples the child's RSS meanwhile. */
function streamBody(server: ServedChild, path: string, headers: Record<string, string>, head: string, method = 'POST'): Promise<Streamed> {
  return new Promise((resolve) => {
    let sent = 0;
    let peakRss = rssOf(server.pid);
    let status: number | undefined;
    let done = false;
    const sampler = setInterval(() => {
      try {
        peakRss = Math.max(peakRss, rssOf(server.pid));
      } catch { /* gone */ }
    }, 10);
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      clearInterval(sampler);
      try {
        peakRss = Math.max(peakRss, rssOf(server.pid));
      } catch { /* gone */ }
      req.destroy();
      resolve({ status, sent, peakRss, ...(error && { error }) });
    };
    const req = http.request(`${server.base}${path}`, { method, headers: headers['content-length'] ? headers : { ...headers, 'transfer-encoding': 'chunked' } });
    req.on('response', (res) => {
      status = res.statusCode;
      res.resume();
      finish();
    });
    req.on('error', (err) => finish((err as NodeJS.ErrnoException).code ?? err.message));
    const pump = () => {
      while (!done && sent < GB) {
        const ok = req.write(sent === 0 ? Buffer.concat([Buffer.from(head), CHUNK]) : CHUNK);
        sent += CHUNK.length;
        if (!ok) {
          req.once('drain', pump);
          return;
        }
      }
      if (!done && sent >= GB) req.end();
    };
    pump();
  });
}

const BOUNDARY = '----lede-test-boundary';
const multipartHead = (field: string, file?: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"${file ? `; filename="${file}"\r\nContent-Type: image/jpeg` : ''}\r\n\r\n`;

describe('bodies are bounded while they stream in (lede serve, 1 GB chunked bodies)', () => {
  let server: ServedChild;
  let cookie = '';
  let csrf = '';
  let idle = 0;

  before(async () => {
    server = await serveChild();
    const b = server.browser();
    await b.apiLogin(server.email, server.password);
    cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    csrf = await b.csrf();
    // Warm every route class once (lazy imports, JIT, the session cache), then measure idle.
    for (const p of ['/', '/newsroom/login', '/newsroom/api/stories', '/newsroom/api/media']) await (await fetch(`${server.base}${p}`, { headers: { cookie } })).arrayBuffer();
    await (await fetch(`${server.base}/newsroom/api/stories`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: '{}' })).arrayBuffer();
    await new Promise((r) => setTimeout(r, 500));
    idle = rssOf(server.pid);
  });
  after(async () => {
    await server?.stop();
  });

  // `status`: what the server answers; 413 wherever a body would be read, else the refusal that needs no body (401, 404).
  const cases: { name: string; path: string; headers: () => Record<string, string>; head: string; slack?: number; status?: number }[] = [
    { name: 'login form, urlencoded', path: '/newsroom/login', headers: () => ({ 'content-type': 'application/x-www-form-urlencoded' }), head: 'email=' },
    { name: 'login form, multipart', path: '/newsroom/login', headers: () => ({ 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }), head: multipartHead('email') },
    { name: 'JSON login', path: '/newsroom/api/login', headers: () => ({ 'content-type': 'application/json' }), head: '{"email":"' },
    {
      name: 'logged-in multipart form without X-CSRF-Token', path: '/newsroom/topics',
      headers: () => ({ cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }), head: multipartHead('name'),
    },
    {
      name: 'logged-in urlencoded form without X-CSRF-Token', path: '/newsroom/users',
      headers: () => ({ cookie, 'content-type': 'application/x-www-form-urlencoded' }), head: 'name=',
    },
    {
      name: 'JSON API (story create)', path: '/newsroom/api/stories',
      headers: () => ({ cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }), head: '{"headline":"',
    },
    { name: 'JSON API, not logged in', path: '/newsroom/api/stories', headers: () => ({ 'content-type': 'application/json' }), head: '{"headline":"', status: 401 },
    {
      name: 'media upload, multipart without X-CSRF-Token', path: '/newsroom/api/media', slack: 50 * MB,
      headers: () => ({ cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }), head: multipartHead('file', 'x.jpg'),
    },
    {
      name: 'media upload, raw body', path: '/newsroom/api/media', slack: 50 * MB,
      headers: () => ({ cookie, 'x-csrf-token': csrf, 'content-type': 'image/jpeg', 'x-file-name': 'x.jpg' }), head: '\xff\xd8\xff',
    },
    { name: 'reader site POST /', path: '/', headers: () => ({ 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }), head: multipartHead('q') },
    { name: 'reader site POST /suche, urlencoded', path: '/suche', headers: () => ({ 'content-type': 'application/x-www-form-urlencoded' }), head: 'q=' },
    { name: 'unknown newsroom path', path: '/newsroom/nowhere', headers: () => ({ cookie, 'content-type': 'application/json' }), head: '{"a":"', status: 404 },
    {
      name: 'page form with a Content-Length far below what it sends', path: '/newsroom/topics',
      headers: () => ({ cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': '100' }), head: 'name=', status: 0,
    },
    {
      name: 'JSON API with a Content-Length over the limit', path: '/newsroom/api/stories',
      headers: () => ({ cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', 'content-length': String(GB) }), head: '{"headline":"',
    },
  ];

  test('2,001 blocks: a 422 naming the limit when the story fits the body limit, a 413 with words when it does not, never a reset', async () => {
    const b = server.browser();
    await b.apiLogin(server.email, server.password);
    const blocks = (n: number, len: number) => Array.from({ length: n }, (_, i) => ({ type: 'paragraph', content: [{ text: `Absatz ${i} ${'x'.repeat(len)}` }] }));
    const small = await b.json('POST', '/newsroom/api/stories', { kind: 'article', headline: 'Viele Blöcke', body: blocks(2001, 20) });
    assert.equal(small.status, 422);
    assert.deepEqual(small.body.error.issues.map((i: { path: string; code: string }) => [i.path, i.code]), [['body', 'too_many']]);
    const text = JSON.stringify({ kind: 'article', headline: 'Viele Blöcke', body: blocks(2001, 1200) });
    const sized = await fetch(`${server.base}/newsroom/api/stories`, { method: 'POST', body: text, headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' } });
    assert.equal(sized.status, 413);
    assert.equal(((await sized.json()) as { error: { reason: string } }).error.reason, 'body_too_large');
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
        controller.close();
      },
    });
    const chunked = await fetch(`${server.base}/newsroom/api/stories`, { method: 'POST', body: stream, duplex: 'half', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' } } as RequestInit);
    assert.equal(chunked.status, 413);
    assert.equal(((await chunked.json()) as { error: { reason: string } }).error.reason, 'body_too_large');
  });

  for (const c of cases) {
    test(`${c.name}: refused while streaming, memory stays near idle`, async (t) => {
      const start = rssOf(server.pid);
      const r = await streamBody(server, c.path, c.headers(), c.head);
      // Growth over this request (earlier ones may have left the heap larger than idle).
      const grew = r.peakRss - Math.max(idle, start);
      const allowed = 50 * MB + (c.slack ?? 0);
      if (c.status === 0) {
        // Node's parser reads exactly Content-Length bytes of body; the rest is a malformed next request (400 or a closed connection).
        assert.ok(r.status === undefined || (r.status >= 400 && r.status < 500), `answered ${r.status}`);
      } else {
        assert.ok(r.status !== undefined, `no answer at all (${r.error}) after ${Math.round(r.sent / MB)} MB`);
        // The reader site reads no bodies: any answer will do, as long as nothing was buffered.
        if (!c.path.startsWith('/newsroom')) assert.ok(r.status < 500, `reader POST answered ${r.status}`);
        else assert.equal(r.status, c.status ?? 413, `${c.name}: answered ${r.status} after ${Math.round(r.sent / MB)} MB`);
      }
      assert.ok(r.sent < GB, `the server read the whole gigabyte before it answered`);
      assert.ok(grew < allowed, `RSS grew by ${Math.round(grew / MB)} MB (idle ${Math.round(idle / MB)} MB, allowed ${allowed / MB} MB)`);
      t.diagnostic(`answered ${r.status ?? r.error} after ${Math.round(r.sent / MB)} MB sent; RSS +${Math.round(grew / MB)} MB`);
      // Still serving.
      const res = await fetch(`${server.base}/`);
      assert.equal(res.status, 200);
      await res.arrayBuffer();
    });
  }
});
