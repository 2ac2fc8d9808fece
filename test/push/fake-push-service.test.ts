/**
 * The fake push service (test/helpers/fake-push-service.ts) is what issue
 * 14's delivery tests will trust, so it is held to account here: it reads the
 * RFCs' own examples (RFC 8291 Appendix A, RFC 8292 §2.4); it takes what
 * web-push 3.6.7 — the library Lede sends with — sends, decrypting exactly the
 * payload; and it refuses, with the status a push service gives and a recorded
 * reason, every message a broken sender could produce: encrypted for other
 * keys or altered, a JWT for another audience, expired, too long-lived,
 * without a contact, signed by another key or with a DER signature, without
 * TTL. Programmed answers (429, 500, 404, 410) reach web-push as errors with
 * those status codes, and the concurrency counters see what a sender does.
 */
import assert from 'node:assert/strict';
import { createCipheriv, createECDH, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { execFile } from 'node:child_process';
import https from 'node:https';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import webPush from 'web-push';
import type { RequestOptions, VapidKeys, WebPushError } from 'web-push';
import {
  checkVapid,
  contentKeys,
  decryptPushMessage,
  startFakePushService,
  type FakePushService,
  type FakeSubscription,
  type PushDelivery,
} from '../helpers/fake-push-service.js';

const execFileAsync = promisify(execFile);
const SUBJECT = 'mailto:eilmeldung@news.example.org';
const vapidKeys = webPush.generateVAPIDKeys();
const vapidDetails = { subject: SUBJECT, ...vapidKeys };

let push: FakePushService;
let agent: https.Agent;
before(async () => {
  push = await startFakePushService();
  agent = push.agent({ keepAlive: true });
});
after(async () => {
  agent.destroy();
  await push.close();
});

/** The last request the service recorded for this subscription. */
function last(sub: FakeSubscription): PushDelivery {
  const all = push.deliveriesFor(sub.id);
  assert.ok(all.length > 0, `nothing reached ${sub.id}`);
  return all[all.length - 1]!;
}

/** Sends request details (from web-push, possibly altered) as they are, and returns the answer. */
function post(details: { endpoint: string; headers: Record<string, unknown>; body: Buffer | null }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(details.headers)) if (v !== undefined) headers[k] = String(v);
  const body = details.body ?? Buffer.alloc(0);
  headers['Content-Length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = https.request(details.endpoint, { method: 'POST', headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** What web-push would send, for editing before it goes out. */
function details(sub: FakeSubscription, payload: string | null = 'Eilmeldung', options: RequestOptions = {}) {
  const d = webPush.generateRequestDetails(sub, payload ?? undefined, { vapidDetails, TTL: 60, ...options });
  return { endpoint: d.endpoint, headers: { ...d.headers } as Record<string, unknown>, body: d.body };
}

/** A JWT signed here with the VAPID private key, to make the ones web-push refuses to make. */
function jwt(claims: Record<string, unknown>, opts: { dsaEncoding?: 'der' | 'ieee-p1363'; keys?: VapidKeys } = {}): string {
  const keys = opts.keys ?? vapidKeys;
  const pub = Buffer.from(keys.publicKey, 'base64url');
  const key = createPrivateKey({
    key: { kty: 'EC', crv: 'P-256', d: keys.privateKey, x: pub.subarray(1, 33).toString('base64url'), y: pub.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  const input = `${Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'ES256' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key, dsaEncoding: opts.dsaEncoding ?? 'ieee-p1363' }).toString('base64url')}`;
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** Sends and expects a refusal with this status, recorded with a problem matching `why`. */
async function refused(sub: FakeSubscription, d: ReturnType<typeof details>, status: number, why: RegExp): Promise<PushDelivery> {
  const before = push.deliveriesFor(sub.id).length;
  const answer = await post(d);
  assert.equal(answer.status, status, `answer: ${answer.body}`);
  assert.equal(push.deliveriesFor(sub.id).length, before + 1);
  const delivery = last(sub);
  assert.equal(delivery.ok, false);
  assert.equal(delivery.accepted, false);
  assert.equal(delivery.status, status);
  assert.match(delivery.problem ?? '', why);
  assert.equal(answer.body, delivery.problem, 'the answer body names the problem, as a real service does');
  return delivery;
}

test('the RFCs\' own examples: RFC 8291 Appendix A decrypts to its plaintext, RFC 8292 §2.4 verifies; one changed octet and neither holds', () => {
  // RFC 8291 Appendix A (user agent side).
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from('q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94', 'base64url'));
  const publicKey = ecdh.getPublicKey();
  assert.equal(publicKey.toString('base64url'), 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4');
  const subscriber = { ecdh, publicKey, auth: Buffer.from('BTBZMqHH6r4Tts7J_aSIgg', 'base64url') };
  const body = Buffer.from(
    'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
    'base64url',
  );
  const plain = decryptPushMessage(body, subscriber);
  assert.ok(plain.ok, plain.ok ? '' : plain.problem);
  assert.equal(plain.plaintext.toString('utf8'), 'When I grow up, I want to be a watermelon');

  const altered = Buffer.from(body);
  altered[altered.length - 20]! ^= 0x01;
  const bad = decryptPushMessage(altered, subscriber);
  assert.equal(bad.ok, false);
  const otherAuth = decryptPushMessage(body, { ...subscriber, auth: Buffer.alloc(16, 7) });
  assert.equal(otherAuth.ok, false, 'the auth secret takes part in the key');

  // RFC 8292 §2.4, checked at a time when it had not yet expired.
  const t = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJodHRwczovL3B1c2guZXhhbXBsZS5uZXQiLCJleHAiOjE0NTM1MjM3NjgsInN1YiI6Im1haWx0bzpwdXNoQGV4YW1wbGUuY29tIn0.i3CYb7t4xfxCDquptFOepC9GAu_HLGkMlMuCGSK2rpiUfnK9ojFwDXb1JrErtmysazNjjvW2L9OkSSHzvoD1oA';
  const k = 'BA1Hxzyi1RUM1b5wjxsn7nGxAszw2u61m164i3MrAIxHF6YK5h4SDYic-dRuU_RCPCfA5aq9ojSwk5Y2EmClBPs';
  const exp = 1453523768;
  assert.deepEqual(checkVapid(`vapid t=${t}, k=${k}`, 'https://push.example.net', { nowSeconds: exp - 3600 }), {
    ok: true,
    claims: { aud: 'https://push.example.net', exp, sub: 'mailto:push@example.com' },
    key: k,
  });
  assert.equal(checkVapid(`vapid k="${k}", t="${t}"`, 'https://push.example.net', { nowSeconds: exp - 3600 }).ok, true, 'parameters in any order, quoted');
  const forged = t.slice(0, 40) + (t[40] === 'A' ? 'B' : 'A') + t.slice(41); // inside the claims
  const check = checkVapid(`vapid t=${forged}, k=${k}`, 'https://push.example.net', { nowSeconds: exp - 3600 });
  assert.equal(check.ok, false);
  assert.equal(checkVapid(`vapid t=${t}, k=${k}`, 'https://push.example.net', { nowSeconds: exp }).ok, false, 'expired at exp');
});

test('a notification web-push sends arrives decrypted to exactly its payload, with TTL, Urgency, Topic and the verified VAPID claims', async () => {
  const sub = push.createPushSubscriber({ applicationServerKey: vapidKeys.publicKey });
  assert.match(sub.endpoint, new RegExp(`^${push.origin}/push/[A-Za-z0-9_-]+$`));
  assert.equal(Buffer.from(sub.keys.p256dh, 'base64url').length, 65);
  assert.equal(Buffer.from(sub.keys.auth, 'base64url').length, 16);
  const payload = JSON.stringify({ title: 'Eilmeldung', body: 'Fähre nach Hiddensee fährt wieder — „Sturm vorbei“ 🌊', url: '/politik/faehre' });

  const sentAt = Date.now();
  const result = await webPush.sendNotification(sub, payload, { vapidDetails, TTL: 3600, urgency: 'high', topic: 'eilmeldung-42', agent });
  assert.equal(result.statusCode, 201);
  assert.match(String(result.headers.location), /^\/message\//);

  const d = last(sub);
  assert.equal(d.problem, undefined);
  assert.deepEqual(
    { subscriptionId: d.subscriptionId, ttl: d.ttl, urgency: d.urgency, topic: d.topic, payload: d.payload, ok: d.ok, status: d.status, accepted: d.accepted },
    { subscriptionId: sub.id, ttl: 3600, urgency: 'high', topic: 'eilmeldung-42', payload, ok: true, status: 201, accepted: true },
  );
  assert.equal(d.vapid?.aud, push.origin);
  assert.equal(d.vapid?.sub, SUBJECT);
  assert.equal(d.vapid?.key, vapidKeys.publicKey);
  assert.ok(d.receivedAt >= sentAt && d.receivedAt <= Date.now());

  // The same message to a second subscriber decrypts there too (each has its own keys).
  const other = push.createPushSubscriber();
  await webPush.sendNotification(other, payload, { vapidDetails, TTL: 0, agent });
  assert.equal(last(other).payload, payload);
  assert.equal(last(other).ttl, 0);
  assert.equal(last(other).urgency, 'normal', "web-push's default Urgency");
});

test('a push without payload is taken; the largest payload one record holds in 4096 octets (3993) is taken, one octet more is 413', async () => {
  const sub = push.createPushSubscriber();
  await webPush.sendNotification(sub, null, { vapidDetails, TTL: 60, agent });
  assert.equal(last(sub).ok, true);
  assert.equal(last(sub).payload, null);

  const largest = 'x'.repeat(3993);
  await webPush.sendNotification(sub, largest, { vapidDetails, TTL: 60, agent });
  assert.equal(last(sub).payload, largest);

  await assert.rejects(webPush.sendNotification(sub, `${largest}x`, { vapidDetails, TTL: 60, agent }), (err: WebPushError) => err.statusCode === 413);
  assert.match(last(sub).problem ?? '', /exceeds 4096/);
});

test('a message encrypted for another subscription, with another auth secret, or altered on the way is refused with 400 and recorded', async () => {
  const sub = push.createPushSubscriber();
  const stranger = push.createPushSubscriber();

  const forStranger = { ...details(stranger, 'Nur für dich'), endpoint: sub.endpoint };
  const d1 = await refused(sub, forStranger, 400, /AES-128-GCM tag does not verify/);
  assert.equal(d1.payload, null);

  const wrongAuth = details({ ...sub, keys: { ...sub.keys, auth: Buffer.alloc(16, 1).toString('base64url') } });
  await refused(sub, wrongAuth, 400, /AES-128-GCM tag does not verify/);

  const tampered = details(sub);
  tampered.body = Buffer.from(tampered.body!);
  tampered.body[tampered.body.length - 1]! ^= 0x80;
  await refused(sub, tampered, 400, /AES-128-GCM tag does not verify/);

  const shortKeyid = details(sub);
  shortKeyid.body = Buffer.from(shortKeyid.body!);
  shortKeyid.body[20] = 64;
  await refused(sub, shortKeyid, 400, /keyid is 64 octets/);

  const manyRecords = details(sub);
  manyRecords.body = Buffer.from(manyRecords.body!);
  manyRecords.body.writeUInt32BE(18, 16); // rs 18: the same ciphertext now claims several records
  await refused(sub, manyRecords, 400, /more than one record/);

  // The unaltered message still goes through: the refusals were about the messages.
  const answer = await post(details(sub, 'Jetzt richtig'));
  assert.equal(answer.status, 201);
  assert.equal(last(sub).payload, 'Jetzt richtig');
});

test('RFC 8188 padding: the last record must end its data with the delimiter 0x02 (0x01 or only zeros are refused); zero padding after it is stripped', () => {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const subscriber = { ecdh, publicKey, auth: randomBytes(16) };
  // A message made by web-push supplies the header; its record is then re-encrypted with the same keys.
  const { cipherText } = webPush.encrypt(publicKey.toString('base64url'), subscriber.auth.toString('base64url'), 'x', 'aes128gcm');
  const header = cipherText.subarray(0, 86);
  const { cek, nonce } = contentKeys(header.subarray(0, 16), header.subarray(21, 86), subscriber);
  const withRecord = (plain: Buffer) => {
    const cipher = createCipheriv('aes-128-gcm', cek, nonce);
    const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([header, ct, cipher.getAuthTag()]);
  };
  const original = decryptPushMessage(cipherText, subscriber);
  assert.ok(original.ok && original.plaintext.toString() === 'x');

  const padded = decryptPushMessage(withRecord(Buffer.from('Eilmeldung\x02\0\0\0\0', 'latin1')), subscriber);
  assert.ok(padded.ok, padded.ok ? '' : padded.problem);
  assert.equal(padded.plaintext.toString('latin1'), 'Eilmeldung');
  const notLast = decryptPushMessage(withRecord(Buffer.from('Eilmeldung\x01\0\0', 'latin1')), subscriber);
  assert.deepEqual(notLast, { ok: false, problem: "last record's padding delimiter is 0x01, not 0x02 (RFC 8188 §2)" });
  const noDelimiter = decryptPushMessage(withRecord(Buffer.alloc(8)), subscriber);
  assert.equal(noDelimiter.ok, false);
  assert.match(noDelimiter.ok ? '' : noDelimiter.problem, /no padding delimiter/);
});

test('VAPID: another audience, expired, more than 24 h ahead, no contact, signed by another key, a DER signature or another server\'s key → 403; none or the legacy scheme → 401', async () => {
  const sub = push.createPushSubscriber();
  const withAuth = (authorization: string | undefined) => {
    const d = details(sub);
    d.headers.Authorization = authorization;
    return d;
  };
  const vapid = (t: string, k = vapidKeys.publicKey) => `vapid t=${t}, k=${k}`;

  const wrongAud = webPush.getVapidHeaders('https://push.example.net', SUBJECT, vapidKeys.publicKey, vapidKeys.privateKey, 'aes128gcm');
  await refused(sub, withAuth(wrongAud.Authorization), 403, /aud is "https:\/\/push\.example\.net", not the push service's origin/);
  const withoutPort = webPush.getVapidHeaders('https://127.0.0.1', SUBJECT, vapidKeys.publicKey, vapidKeys.privateKey, 'aes128gcm');
  await refused(sub, withAuth(withoutPort.Authorization), 403, /aud/);

  const expired = webPush.getVapidHeaders(push.origin, SUBJECT, vapidKeys.publicKey, vapidKeys.privateKey, 'aes128gcm', Math.floor(Date.now() / 1000) - 60);
  await refused(sub, withAuth(expired.Authorization), 403, /JWT expired/);

  const now = Math.floor(Date.now() / 1000);
  await refused(sub, withAuth(vapid(jwt({ aud: push.origin, exp: now + 25 * 3600, sub: SUBJECT }))), 403, /more than 24 h/);
  await refused(sub, withAuth(vapid(jwt({ aud: push.origin, exp: inAnHour(), sub: 'http://news.example.org/kontakt' }))), 403, /not a mailto: or https: URI/);
  await refused(sub, withAuth(vapid(jwt({ aud: push.origin, exp: inAnHour() }))), 403, /sub/);
  await refused(sub, withAuth(vapid(jwt({ aud: push.origin, exp: String(inAnHour()), sub: SUBJECT }))), 403, /exp is missing or not an integer/);

  const otherKeys = webPush.generateVAPIDKeys();
  const signedByOther = webPush.getVapidHeaders(push.origin, SUBJECT, vapidKeys.publicKey, otherKeys.privateKey, 'aes128gcm');
  await refused(sub, withAuth(signedByOther.Authorization), 403, /signature does not verify with the key in k/);
  await refused(sub, withAuth(vapid(jwt({ aud: push.origin, exp: inAnHour(), sub: SUBJECT }, { dsaEncoding: 'der' }))), 403, /not the 64 of a JOSE ES256 r\|\|s/);
  await refused(sub, withAuth(vapid(jwt({ aud: push.origin, exp: inAnHour(), sub: SUBJECT }), 'BAAA')), 403, /k is not a base64url uncompressed P-256 public key/);

  // A subscription made with one application server key takes no other, however well signed.
  const restricted = push.createPushSubscriber({ applicationServerKey: otherKeys.publicKey });
  const d = details(restricted);
  await refused(restricted, d, 403, /not the applicationServerKey/);
  await webPush.sendNotification(restricted, 'Mit dem richtigen Schlüssel', { vapidDetails: { subject: SUBJECT, ...otherKeys }, TTL: 60, agent });
  assert.equal(last(restricted).payload, 'Mit dem richtigen Schlüssel');

  await refused(sub, withAuth(undefined), 401, /no Authorization header/);
  await refused(sub, withAuth(`vapid k=${vapidKeys.publicKey}`), 401, /needs both t= and k=/);
  // The pre-RFC "aesgcm" draft: "WebPush <jwt>" with Crypto-Key headers.
  await refused(sub, details(sub, 'alt', { contentEncoding: 'aesgcm' }), 401, /scheme is not "vapid"/);
});

test('TTL missing or not a number, an unknown Urgency, a bad Topic → 400; a payload without Content-Encoding aes128gcm → 415', async () => {
  const sub = push.createPushSubscriber();
  const without = details(sub);
  delete without.headers.TTL;
  await refused(sub, without, 400, /no TTL header/);

  const negative = details(sub);
  negative.headers.TTL = '-1';
  await refused(sub, negative, 400, /TTL "-1" is not a non-negative integer/);

  const urgency = details(sub);
  urgency.headers.Urgency = 'urgent';
  await refused(sub, urgency, 400, /Urgency "urgent"/);

  const topic = details(sub);
  topic.headers.Topic = 'eilmeldung/42';
  await refused(sub, topic, 400, /Topic/);

  const plain = details(sub);
  delete plain.headers['Content-Encoding'];
  await refused(sub, plain, 415, /must be aes128gcm/);
});

test('programmed answers reach web-push as errors: 429 with Retry-After, 500, then 201; gone() answers 410 or 404; an unknown subscription 404', async () => {
  const sub = push.createPushSubscriber();
  push.respond(sub.id, [{ status: 429, retryAfter: 7 }, 500]);
  const send = (s: FakeSubscription) => webPush.sendNotification(s, 'Eilmeldung', { vapidDetails, TTL: 60, agent });

  await assert.rejects(send(sub), (err: WebPushError) => {
    assert.ok(err instanceof webPush.WebPushError);
    assert.equal(err.statusCode, 429);
    assert.equal(err.headers['retry-after'], '7');
    assert.equal(err.endpoint, sub.endpoint);
    return true;
  });
  await assert.rejects(send(sub), (err: WebPushError) => err.statusCode === 500);
  assert.equal((await send(sub)).statusCode, 201);
  assert.deepEqual(
    push.deliveriesFor(sub.id).map((d) => [d.status, d.ok, d.accepted, d.payload]),
    [[429, true, false, 'Eilmeldung'], [500, true, false, 'Eilmeldung'], [201, true, true, 'Eilmeldung']],
    'valid messages, answered as programmed',
  );

  // An invalid request does not use up a programmed answer.
  push.respond(sub.id, [503]);
  const noTtl = details(sub);
  delete noTtl.headers.TTL;
  await refused(sub, noTtl, 400, /TTL/);
  await assert.rejects(send(sub), (err: WebPushError) => err.statusCode === 503);

  push.gone(sub.id);
  await assert.rejects(send(sub), (err: WebPushError) => err.statusCode === 410);
  await assert.rejects(send(sub), (err: WebPushError) => err.statusCode === 410, 'gone stays gone');
  assert.equal(last(sub).ok, true, 'the message was fine; the subscription is not');

  const dropped = push.createPushSubscriber();
  push.gone(dropped.id, 404);
  await assert.rejects(send(dropped), (err: WebPushError) => err.statusCode === 404);

  const unknown = { ...sub, id: 'nie-gesehen', endpoint: `${push.origin}/push/nie-gesehen` };
  await assert.rejects(send(unknown), (err: WebPushError) => err.statusCode === 404);
  assert.equal(last(unknown).problem, 'no such subscription');
});

test('the counters see a sender\'s concurrency: six sends at once reach six in flight; an agent with maxSockets 2 never has more than two', async () => {
  const service = await startFakePushService();
  try {
    const subs = Array.from({ length: 6 }, () => service.createPushSubscriber());
    const ids = new Set(subs.map((s) => s.id));
    const arrived = (n: number) => service.until((all) => all.filter((d) => ids.has(d.subscriptionId)).length >= n);

    // Bounded: while the service holds its answers, the first two wait and the rest queue in the agent.
    const bounded = service.agent({ keepAlive: true, maxSockets: 2 });
    service.pause();
    const sends = subs.map((s) => webPush.sendNotification(s, 'Eilmeldung', { vapidDetails, TTL: 60, agent: bounded }));
    await arrived(2);
    assert.equal(service.inFlight, 2);
    service.resume();
    await Promise.all(sends);
    assert.equal(service.maxInFlight, 2);
    assert.equal(service.maxConnections, 2);
    assert.equal(service.connectionsOpened, 2, 'keep-alive: two connections carry all six');
    assert.equal(service.counts.accepted, 6);
    bounded.destroy();

    // Unbounded: all six are in flight together while the answers are held.
    const unbounded = service.agent();
    service.resetCounters();
    service.pause();
    const all = subs.map((s) => webPush.sendNotification(s, 'Eilmeldung', { vapidDetails, TTL: 60, agent: unbounded }));
    await arrived(12);
    assert.equal(service.inFlight, 6);
    assert.equal(service.maxInFlight, 6);
    service.resume();
    await Promise.all(all);
    assert.equal(service.inFlight, 0);
    assert.equal(service.counts.accepted, 12);
    unbounded.destroy();
  } finally {
    await service.close();
  }
});

test('a child process trusts the service through NODE_EXTRA_CA_CERTS=caFile (as `lede serve` children will), with web-push and no agent', async () => {
  const sub = push.createPushSubscriber();
  const script = `
    const webPush = require('web-push');
    const { sub, vapidDetails } = JSON.parse(process.env.PUSH_JOB);
    webPush.sendNotification(sub, 'Aus dem Kindprozess', { vapidDetails, TTL: 120 })
      .then((r) => process.stdout.write(String(r.statusCode)), (e) => { process.stdout.write(String(e)); process.exitCode = 1; });`;
  const { stdout } = await execFileAsync(process.execPath, ['--input-type=commonjs', '-e', script], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_EXTRA_CA_CERTS: push.caFile, PUSH_JOB: JSON.stringify({ sub, vapidDetails }) },
  });
  assert.equal(stdout, '201');
  assert.equal(last(sub).payload, 'Aus dem Kindprozess');
  assert.equal(last(sub).ttl, 120);

  // Without it the certificate is refused: the trust is real, not switched off.
  const env: NodeJS.ProcessEnv = { ...process.env, PUSH_JOB: JSON.stringify({ sub, vapidDetails }) };
  delete env.NODE_EXTRA_CA_CERTS;
  await assert.rejects(execFileAsync(process.execPath, ['--input-type=commonjs', '-e', script], { cwd: process.cwd(), env }), (err: { stdout?: string }) => {
    assert.match(err.stdout ?? '', /self[- ]signed certificate/i);
    return true;
  });
  assert.equal(push.deliveriesFor(sub.id).length, 1);
});

test('plain HTTP mode serves senders with their own client; web-push itself always speaks TLS, so it cannot reach it', async () => {
  const service = await startFakePushService({ tls: false });
  try {
    assert.match(service.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(service.caFile, '');
    const sub = service.createPushSubscriber();
    const d = webPush.generateRequestDetails(sub, 'Über HTTP', { vapidDetails, TTL: 30 });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.headers)) if (k !== 'Content-Length') headers[k] = String(v);
    const res = await fetch(d.endpoint, { method: 'POST', headers, body: new Uint8Array(d.body) });
    assert.equal(res.status, 201);
    assert.equal(service.deliveries[0]?.payload, 'Über HTTP');
    assert.equal(service.deliveries[0]?.vapid?.aud, service.origin);

    await assert.rejects(webPush.sendNotification(sub, 'x', { vapidDetails, TTL: 30 }), (err: Error) => !(err instanceof webPush.WebPushError));
    assert.equal(service.counts.requests, 1, 'the TLS handshake never became a request');
  } finally {
    await service.close();
  }
});
