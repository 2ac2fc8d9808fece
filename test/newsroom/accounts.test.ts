import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAudit } from '../../src/store/audit-queries.js';
import { AccountService, LOGIN_FAILED } from '../../src/services/account-service.js';
import { IDLE_MS } from '../../src/store/session-repository.js';
import { PAIR_POLICY } from '../../src/store/login-throttle.js';
import { ROLES, ROLE_GRANTS, TRANSITIONS, mayOnStory, transitionNeeds } from '../../src/content/roles.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

const ADMIN = { name: 'test' };
const PASSWORD = 'korrekt-pferd-batterie';

for (const engine of engines()) {
  describe(`accounts and sessions on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let clock = Date.now();
    let accounts: AccountService;
    const client = { ip: '192.0.2.1', userAgent: 'test' };

    before(async () => {
      db = await engine.open();
      accounts = new AccountService(db, () => clock);
    });
    after(async () => {
      await db?.close();
    });

    test('creating an account validates every field and refuses a second account for one address', async () => {
      await assert.rejects(accounts.createUser({ email: 'kein-at', name: ' ', role: 'boss' as never, password: PASSWORD }, ADMIN),
        (err: Error) => /email: "kein-at" is not an e-mail address; name: required.*; role: must be one of/.test(err.message));
      await assert.rejects(accounts.createUser({ email: 'kurz@example.org', name: 'Kurz', role: 'author', password: 'kurz' }, ADMIN), /at least 10 characters/);
      const user = await accounts.createUser({ email: 'Anna.Berg@Example.org', name: 'Anna Berg', role: 'author', password: PASSWORD }, ADMIN);
      assert.equal(user.email, 'anna.berg@example.org');
      await assert.rejects(accounts.createUser({ email: 'anna.berg@example.ORG', name: 'Anna', role: 'editor', password: PASSWORD }, ADMIN), { code: 'CONFLICT' });
      const stored = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1::uuid', [user.id]);
      assert.match(stored[0]!.password_hash, /^\$argon2id\$/);
      assert.ok(!stored[0]!.password_hash.includes(PASSWORD));
    });

    test('login: a new session each time; unknown address and wrong password get the same answer', async () => {
      const first = await accounts.login('anna.berg@example.org', PASSWORD, client);
      const second = await accounts.login('ANNA.BERG@example.org', PASSWORD, client);
      assert.notEqual(first.token, second.token);
      assert.equal((await accounts.sessions.resolve(first.token))?.user.name, 'Anna Berg');
      const stored = await db.query<{ id_hash: string }>('SELECT id_hash FROM sessions');
      assert.ok(!stored.some((r) => r.id_hash === first.token), 'the table never holds the cookie value');
      const wrong = await accounts.login('anna.berg@example.org', 'falsches-passwort', client).catch((e: Error) => e);
      const unknown = await accounts.login('niemand@example.org', PASSWORD, client).catch((e: Error) => e);
      assert.equal((wrong as Error).message, LOGIN_FAILED);
      assert.equal((unknown as Error).message, LOGIN_FAILED);
      assert.equal((wrong as unknown as { status: number }).status, 401);
      await accounts.logout(first.token);
      assert.equal(await accounts.sessions.resolve(first.token), undefined);
      assert.ok(await accounts.sessions.resolve(second.token));
    });

    test('failed logins back off per account and address, then 429 with Retry-After; the right password waits too', async () => {
      await accounts.createUser({ email: 'ziel@example.org', name: 'Ziel', role: 'contributor', password: PASSWORD }, ADMIN);
      const other = { ip: '198.51.100.7' };
      for (let i = 0; i < 5; i++) {
        await assert.rejects(accounts.login('ziel@example.org', `falsch-${i}-xxxxxxxx`, other), { code: 'UNAUTHORIZED' });
      }
      await assert.rejects(accounts.login('ziel@example.org', 'falsch-5-xxxxxxxx', other), { code: 'UNAUTHORIZED' });
      const blocked = await accounts.login('ziel@example.org', PASSWORD, other).catch((e: { code: string; retryAfterSeconds: number }) => e);
      assert.equal((blocked as { code: string }).code, 'RATE_LIMITED');
      assert.ok((blocked as { retryAfterSeconds: number }).retryAfterSeconds >= 1);
      // The block doubles with each further failure once it has passed.
      clock += 1_100;
      await assert.rejects(accounts.login('ziel@example.org', 'noch-falscher-xx', other), { code: 'UNAUTHORIZED' });
      const again = await accounts.login('ziel@example.org', PASSWORD, other).catch((e: { retryAfterSeconds: number }) => e);
      assert.equal((again as { retryAfterSeconds: number }).retryAfterSeconds, 2);
      clock += 2_100;
      assert.ok(await accounts.login('ziel@example.org', PASSWORD, other), 'after the wait the right password works');
    });

    test('many accounts from one address: the address is blocked too', async () => {
      const ip = { ip: '203.0.113.99' };
      for (let i = 0; i < 30; i++) await assert.rejects(accounts.login(`probe${i}@example.org`, 'xxxxxxxxxxxx', ip), { code: 'UNAUTHORIZED' });
      await assert.rejects(accounts.login('probe-new@example.org', 'xxxxxxxxxxxx', ip), { code: 'UNAUTHORIZED' });
      await assert.rejects(accounts.login('anna.berg@example.org', PASSWORD, ip), { code: 'RATE_LIMITED' });
      assert.ok(await accounts.login('anna.berg@example.org', PASSWORD, { ip: '192.0.2.55' }), 'other addresses are not affected');
    });

    test('50 failures recorded at once are each counted (one statement, no lost update)', async () => {
      const key = 'pair:gleichzeitig@example.org|192.0.2.1';
      const results = await Promise.all(Array.from({ length: 50 }, () => accounts.throttle.fail(key, PAIR_POLICY)));
      assert.deepEqual(results.map((r) => r.failures).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1));
      assert.equal(await accounts.throttle.failures(key), 50);
      // 45 over the allowance: blocked for the longest time the policy allows.
      assert.equal(await accounts.throttle.waitMs(key), PAIR_POLICY.maxBlockMs);
      await accounts.throttle.clear(key);
    });

    test('50 parallel wrong passwords: every refusal is counted and the lockout engages', async () => {
      await accounts.createUser({ email: 'parallel@example.org', name: 'Parallel', role: 'contributor', password: PASSWORD }, ADMIN);
      const ip = { ip: '198.51.100.50' };
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => accounts.login('parallel@example.org', `falsch-${i}-xxxxxxxx`, ip)
        .then(() => 'OK', (err: { code: string }) => err.code)));
      assert.deepEqual(answers.filter((a) => a !== 'UNAUTHORIZED' && a !== 'RATE_LIMITED'), []);
      const refused = answers.filter((a) => a === 'UNAUTHORIZED').length;
      // Blocking starts after the allowance, so at least that many plus one got through to the password check.
      assert.ok(refused > PAIR_POLICY.free, `${refused} refusals`);
      assert.equal(await accounts.throttle.failures('account:parallel@example.org'), refused, 'each refused password is counted once');
      assert.equal(await accounts.throttle.failures(`ip:${ip.ip}`), refused);
      assert.equal(await accounts.throttle.failures(`pair:parallel@example.org|${ip.ip}`), refused);
      const over = refused - PAIR_POLICY.free;
      assert.equal(await accounts.throttle.waitMs(`pair:parallel@example.org|${ip.ip}`), Math.min(PAIR_POLICY.maxBlockMs, 1000 * 2 ** (over - 1)));
      await assert.rejects(accounts.login('parallel@example.org', PASSWORD, ip), { code: 'RATE_LIMITED' });
    });

    test('password change keeps the current session and ends the others; disabling ends all', async () => {
      const a = await accounts.login('anna.berg@example.org', PASSWORD, client);
      const b = await accounts.login('anna.berg@example.org', PASSWORD, client);
      const session = (await accounts.sessions.resolve(a.token))!;
      await assert.rejects(accounts.changePassword(session, a.token, 'nicht-das-alte', 'ein-neues-passwort'), /current password is wrong/);
      await accounts.changePassword(session, a.token, PASSWORD, 'ein-neues-passwort');
      assert.ok(await accounts.sessions.resolve(a.token));
      assert.equal(await accounts.sessions.resolve(b.token), undefined);
      await assert.rejects(accounts.login('anna.berg@example.org', PASSWORD, client), { code: 'UNAUTHORIZED' });
      const c = await accounts.login('anna.berg@example.org', 'ein-neues-passwort', client);
      await accounts.setDisabled(session.user.id, true, ADMIN);
      assert.equal(await accounts.sessions.resolve(a.token), undefined);
      assert.equal(await accounts.sessions.resolve(c.token), undefined);
      await assert.rejects(accounts.login('anna.berg@example.org', 'ein-neues-passwort', client), { code: 'UNAUTHORIZED' });
      await accounts.setDisabled(session.user.id, false, ADMIN);
      const role = await accounts.setRole(session.user.id, 'editor', ADMIN);
      assert.equal(role.role, 'editor');
      const log = await listAudit(db);
      const actions = log.map((e) => e.action);
      for (const a of ['user.created', 'user.password', 'user.disabled', 'user.enabled', 'user.role']) assert.ok(actions.includes(a as never), `${a} audited`);
      assert.deepEqual(log.find((e) => e.action === 'user.role')?.detail, { from: 'author', to: 'editor' });
    });

    test('an idle session ends after the idle time', async () => {
      const s = await accounts.login('ziel@example.org', PASSWORD, { ip: '192.0.2.200' });
      clock += IDLE_MS - 5_000;
      assert.ok(await accounts.sessions.resolve(s.token), 'still alive just before');
      clock += IDLE_MS - 5_000;
      assert.ok(await accounts.sessions.resolve(s.token), 'each request extends it');
      clock += IDLE_MS + 1;
      assert.equal(await accounts.sessions.resolve(s.token), undefined);
    });
  });
}

describe('roles and workflow rules', () => {
  const me = (role: (typeof ROLES)[number]) => ({ id: 'me', role });
  test('own and any', () => {
    assert.equal(mayOnStory(me('contributor'), 'story.edit', { ownerId: 'me', status: 'draft' }), true);
    assert.equal(mayOnStory(me('contributor'), 'story.edit', { ownerId: 'other', status: 'draft' }), false);
    assert.equal(mayOnStory(me('contributor'), 'story.publish', { ownerId: 'me', status: 'draft' }), false);
    assert.equal(mayOnStory(me('author'), 'story.publish', { ownerId: 'me', status: 'draft' }), true);
    assert.equal(mayOnStory(me('author'), 'story.publish', { ownerId: 'other', status: 'draft' }), false);
    assert.equal(mayOnStory(me('editor'), 'story.publish', { ownerId: 'other', status: 'draft' }), true);
  });
  test('editing what readers see counts as publishing', () => {
    assert.equal(mayOnStory(me('contributor'), 'story.edit', { ownerId: 'me', status: 'published' }), false);
    assert.equal(mayOnStory(me('author'), 'story.edit', { ownerId: 'me', status: 'published' }), true);
    assert.equal(mayOnStory(me('author'), 'story.edit', { ownerId: 'other', status: 'scheduled' }), false);
  });
  test('every move names a permission some role holds; unknown moves do not exist', () => {
    for (const t of TRANSITIONS) assert.ok(ROLES.some((r) => ROLE_GRANTS[r].story[t.needs]), `${t.from}→${t.to}`);
    assert.equal(transitionNeeds('draft', 'depublished'), undefined);
    assert.equal(transitionNeeds('published', 'depublished'), 'story.depublish');
  });
});
