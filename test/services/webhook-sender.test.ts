/**
 * Outbound safety of webhook deliveries (issue 13): http(s) only, private,
 * loopback and link-local addresses refused (also behind a host name)
 * unless allowed, redirects not followed, the answer read at most to the
 * cap, one deadline for the whole exchange. Against a real local server.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postBody, urlProblem } from '../../src/services/webhook-sender.js';
import { startWebhookReceiver, type Reply, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const SAFE = { timeoutMs: 5_000, maxBytes: 64 * 1024, allowPrivate: false };
const ALLOWED = { ...SAFE, allowPrivate: true };
let receiver: WebhookReceiver;
let target: WebhookReceiver;
const script: Reply[] = [];

before(async () => {
  target = await startWebhookReceiver();
  receiver = await startWebhookReceiver({ reply: () => script.shift() ?? { status: 204 } });
});
after(async () => {
  await receiver.close();
  await target.close();
});

test('loopback, private and link-local addresses are refused without the setting, before any connection', async () => {
  for (const url of ['http://127.0.0.1:9/x', 'http://10.1.2.3/x', 'http://192.168.0.1/x', 'http://172.20.0.1/x', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://[fe80::1]/x', 'http://0.0.0.0/x']) {
    const r = await postBody(url, {}, '{}', SAFE);
    assert.equal(r.ok, false, url);
    assert.match(r.error ?? '', /private, loopback or link-local/, url);
  }
  const before = receiver.requests;
  const refused = await postBody(receiver.url, {}, '{}', SAFE);
  assert.equal(refused.ok, false);
  assert.equal(receiver.requests, before, 'the local receiver was never reached');
});

test('a host name is resolved and every address checked (localhost is loopback)', async () => {
  const port = new URL(receiver.url).port;
  const before = receiver.requests;
  const r = await postBody(`http://localhost:${port}/hook`, {}, '{}', SAFE);
  assert.equal(r.ok, false);
  assert.match(r.error ?? '', /localhost is a private, loopback or link-local address/);
  assert.equal(receiver.requests, before);
  const allowed = await postBody(`http://localhost:${port}/hook`, {}, '{}', ALLOWED);
  assert.equal(allowed.ok, true, allowed.error);
});

test('only http and https; no credentials in the URL', () => {
  assert.match(urlProblem('ftp://example.org/x', false) ?? '', /only http and https/);
  assert.match(urlProblem('file:///etc/passwd', true) ?? '', /only http and https/);
  assert.match(urlProblem('javascript:alert(1)', true) ?? '', /only http and https/);
  assert.match(urlProblem('https://user:pw@example.org/', false) ?? '', /user name or password/);
  assert.equal(urlProblem('not a url', false), 'not a URL');
  assert.equal(urlProblem('https://hooks.example.org/lede', false), undefined);
});

test('a redirect is a failure and is not followed', async () => {
  const before = target.requests;
  script.push({ status: 302, headers: { location: target.url } });
  const r = await postBody(receiver.url, {}, '{"a":1}', ALLOWED);
  assert.equal(r.ok, false);
  assert.equal(r.statusCode, 302);
  assert.match(r.error ?? '', /redirects are not followed/);
  assert.equal(target.requests, before, 'the redirect target was never asked');
});

test('a huge answer is read only up to the cap', async () => {
  script.push({ flood: 20 * 1024 * 1024 });
  const r = await postBody(receiver.url, {}, '{}', ALLOWED);
  assert.equal(r.ok, true);
  assert.equal(r.statusCode, 200);
  assert.equal(r.bytesRead, 64 * 1024);
});

test('a receiver that never answers is given up after the deadline', async () => {
  script.push({ hang: true });
  const r = await postBody(receiver.url, {}, '{}', { ...ALLOWED, timeoutMs: 300 });
  assert.equal(r.ok, false);
  assert.equal(r.statusCode, undefined);
  assert.equal(r.error, 'no answer within 300 ms');
});

test('a closed port is a plain failure, not a throw', async () => {
  const r = await postBody('http://127.0.0.1:9/hook', {}, '{}', ALLOWED);
  assert.equal(r.ok, false);
  assert.ok(r.error && r.error.length > 0);
});
