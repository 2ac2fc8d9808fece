/**
 * Issue 10, item 9: login throttling that holds. Behind trusted proxies the
 * address is the one the outermost proxy saw, not what the client wrote into
 * X-Forwarded-For; failures count per account and address (an attacker
 * elsewhere cannot lock an editor out), per address across accounts
 * (spraying), and per account across addresses up to a much higher ceiling
 * (slow distributed guessing). Counts live in the database: atomic on both
 * engines and shared by two app nodes on one PostgreSQL.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Hono } from 'hono';
import { clientIp } from '../../src/http/context.js';
import { AccountService, throttleAddress } from '../../src/services/account-service.js';
import { loadConfig } from '../../src/server/config.js';
import { createApp } from '../../src/server/app.js';
import { openDatabase, type Database } from '../../src/store/index.js';
import { ACCOUNT_CEILING, ADDRESS_POLICY, PAIR_POLICY } from '../../src/store/login-throttle.js';
import { forEachEngine, openOptions } from '../helpers/db.js';

const PASSWORD = 'redaktion-passwort-1';
const ADMIN = { name: 'test' };

test('LEDE_TRUST_PROXY is a count of proxies; 1/true stay one; a bad value is named', () => {
  const hops = (v: string | undefined) => loadConfig({ LEDE_TRUST_PROXY: v }).trustProxy;
  assert.equal(hops(undefined), 0);
  assert.equal(hops(''), 0);
  assert.equal(hops('0'), 0);
  assert.equal(hops('false'), 0);
  assert.equal(hops('1'), 1);
  assert.equal(hops('true'), 1);
  assert.equal(hops('yes'), 1);
  assert.equal(hops('2'), 2);
  for (const bad of ['banana', '-1', '1.5', '11', '2 proxies']) {
    assert.throws(() => loadConfig({ LEDE_TRUST_PROXY: bad }), (err: { code: string; message: string }) => err.code === 'CONFIG' && /LEDE_TRUST_PROXY/.test(err.message), bad);
  }
});

test('clientIp takes the address the outermost trusted proxy saw, never what the client wrote', async () => {
  const app = new Hono();
  app.get('/:hops', (c) => c.text(clientIp(c as never, Number(c.req.param('hops')))));
  const ip = async (hops: number, xff?: string) => (await app.request(`/${hops}`, xff === undefined ? {} : { headers: { 'x-forwarded-for': xff } })).text();
  assert.equal(await ip(1, '203.0.113.7'), '203.0.113.7');
  assert.equal(await ip(1, '1.2.3.4, 203.0.113.7'), '203.0.113.7', 'the client-written hop is skipped');
  assert.equal(await ip(1, '1.2.3.4,5.6.7.8,  203.0.113.7'), '203.0.113.7');
  assert.equal(await ip(2, '1.2.3.4, 203.0.113.7, 10.0.0.2'), '203.0.113.7', 'two proxies: the second from the right');
  assert.equal(await ip(2, '203.0.113.7'), '203.0.113.7', 'fewer entries than proxies: all were written by proxies');
  assert.equal(await ip(0, '1.2.3.4'), 'unknown', 'no trusted proxy: the header is ignored');
  assert.equal(await ip(1), 'unknown');
});

test('IPv6 clients are counted by their /64, IPv4 (also mapped) as is', () => {
  assert.equal(throttleAddress('203.0.113.9'), '203.0.113.9');
  assert.equal(throttleAddress('::ffff:203.0.113.9'), '203.0.113.9');
  assert.equal(throttleAddress('2001:db8:1:2:3:4:5:6'), throttleAddress('2001:db8:1:2:ffff::1'));
  assert.notEqual(throttleAddress('2001:db8:1:2::1'), throttleAddress('2001:db8:1:3::1'));
});

forEachEngine('login throttling', (ctx) => {
  let clock = Date.now();
  let accounts: AccountService;
  before(async () => {
    accounts = new AccountService(ctx.db, () => clock);
    await accounts.createUser({ email: 'cvd@example.org', name: 'Clara Dienst', role: 'editor', password: PASSWORD }, ADMIN);
    await accounts.createUser({ email: 'ziel@example.org', name: 'Ziel', role: 'editor', password: PASSWORD }, ADMIN);
  });

  test('rotating X-Forwarded-For values behind one trusted proxy are throttled as one address', async () => {
    const app = createApp(ctx.db, { siteName: 'Lede Test', siteUrl: 'http://localhost', trustProxy: 1 }, { newsroomModules: [] });
    const login = (email: string, password: string, xff: string) => app.request('http://localhost/newsroom/api/login', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': xff }, body: JSON.stringify({ email, password }),
    });
    const statuses: number[] = [];
    for (let i = 0; i < ADDRESS_POLICY.free + 10; i++) {
      // The client writes a fresh "address" each time; the proxy appends the one it really saw.
      const res = await login(`spray${i}@example.org`, 'falsches-passwort', `10.${i % 250}.${i}.1, 198.51.100.200`);
      statuses.push(res.status);
    }
    assert.deepEqual(statuses.slice(0, ADDRESS_POLICY.free + 1), Array(ADDRESS_POLICY.free + 1).fill(401));
    assert.ok(statuses.slice(ADDRESS_POLICY.free + 1).every((s) => s === 429), `after the allowance: ${statuses.join(' ')}`);
    // The editor, through the same proxy from their own address, is not affected.
    const editor = await login('cvd@example.org', PASSWORD, '192.0.2.10');
    assert.equal(editor.status, 200);
  });

  test("the right password from the editor's own address works after an attacker's 20 failures elsewhere", async () => {
    const attacker = { ip: '203.0.113.66' };
    // 20 counted failures: the attacker waits out each block of their own address.
    for (let failed = 0, i = 0; failed < 20; i++) {
      const err = await accounts.login('ziel@example.org', `geraten-${i}-xxxxx`, attacker).then(() => assert.fail('guessed'), (e: { code: string; retryAfterSeconds?: number }) => e);
      if (err.code === 'UNAUTHORIZED') failed++;
      else clock += err.retryAfterSeconds! * 1000 + 1;
    }
    await assert.rejects(accounts.login('ziel@example.org', PASSWORD, attacker), { code: 'RATE_LIMITED' }, 'the attacker\'s own address is blocked for this account');
    const ok = await accounts.login('ziel@example.org', PASSWORD, { ip: '192.0.2.10' });
    assert.ok(ok.token, 'the editor logs in from their own address');
    assert.ok(await accounts.login('ziel@example.org', PASSWORD, { ip: '2001:db8:aa:bb::5' }), 'and from another');
  });

  test('the per-account ceiling across addresses holds against slow distributed guessing', async () => {
    await accounts.createUser({ email: 'verteilt@example.org', name: 'Verteilt', role: 'author', password: PASSWORD }, ADMIN);
    // One guess from each of many addresses: no address and no pair gets near its own limit.
    for (let i = 0; i < ACCOUNT_CEILING.free - 5; i++) {
      await assert.rejects(accounts.login('verteilt@example.org', `geraten-${i}-xxxxx`, { ip: `198.18.${i}.1` }), { code: 'UNAUTHORIZED' });
    }
    assert.ok(await accounts.login('verteilt@example.org', PASSWORD, { ip: '192.0.2.77' }), 'below the ceiling the owner still logs in');
    for (let i = ACCOUNT_CEILING.free - 5; i <= ACCOUNT_CEILING.free; i++) {
      await assert.rejects(accounts.login('verteilt@example.org', `geraten-${i}-xxxxx`, { ip: `198.18.${i}.1` }), { code: 'UNAUTHORIZED' });
    }
    assert.equal(await accounts.throttle.failures('account:verteilt@example.org'), ACCOUNT_CEILING.free + 1, 'a success does not reset the ceiling');
    await assert.rejects(accounts.login('verteilt@example.org', `geraten-x-xxxxx`, { ip: '198.19.0.1' }), { code: 'RATE_LIMITED' });
    await assert.rejects(accounts.login('verteilt@example.org', PASSWORD, { ip: '192.0.2.77' }), { code: 'RATE_LIMITED' }, 'over the ceiling the account waits, from anywhere');
    clock += 1_100;
    assert.ok(await accounts.login('verteilt@example.org', PASSWORD, { ip: '192.0.2.77' }), 'the first block is short');
  });

  test('parallel failures from one address are each counted under all three keys', async () => {
    const ip = { ip: '198.51.100.77' };
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => accounts.login('cvd@example.org', `falsch-${i}-xxxxx`, ip)
      .then(() => 'OK', (err: { code: string }) => err.code)));
    const refused = answers.filter((a) => a === 'UNAUTHORIZED').length;
    assert.ok(refused > PAIR_POLICY.free && answers.every((a) => a === 'UNAUTHORIZED' || a === 'RATE_LIMITED'), answers.join(' '));
    assert.equal(await accounts.throttle.failures(`pair:cvd@example.org|${ip.ip}`), refused);
    assert.equal(await accounts.throttle.failures(`ip:${ip.ip}`), refused);
  });

  test('two app nodes on one database share the counts (PostgreSQL)', { skip: ctx.engine === 'pglite' ? 'one process per embedded data directory' : false }, async () => {
    let second: Database | undefined;
    try {
      second = await openDatabase(openOptions(ctx.target, { onWarning: () => undefined }));
      const nodes = [accounts, new AccountService(second, () => clock)];
      const ip = { ip: '198.51.100.88' };
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => nodes[i % 2]!.login('cvd@example.org', `falsch-${i}-xxxxx`, ip)
        .then(() => 'OK', (err: { code: string }) => err.code)));
      const refused = answers.filter((a) => a === 'UNAUTHORIZED').length;
      assert.ok(refused > PAIR_POLICY.free);
      assert.equal(await accounts.throttle.failures(`pair:cvd@example.org|${ip.ip}`), refused, 'no failure lost between nodes');
      await assert.rejects(nodes[1]!.login('cvd@example.org', PASSWORD, ip), { code: 'RATE_LIMITED' });
      await assert.rejects(nodes[0]!.login('cvd@example.org', PASSWORD, ip), { code: 'RATE_LIMITED' });
    } finally {
      await second?.close();
    }
  });

});
