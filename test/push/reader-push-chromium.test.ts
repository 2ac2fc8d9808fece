/**
 * A reader gets a breaking-news push in real Chromium and its click opens the
 * story (issue 14, "done when").
 *
 * Headless Chromium's PushManager subscribes through Google's FCM, which this
 * machine cannot reach, so the one piece stood in for is PushManager's
 * subscribe/getSubscription (an init script): they hand out a subscription on
 * the local fake push service (test/helpers/fake-push-service.ts) whose
 * p256dh/auth keys the fake made for this test and keeps the private half of,
 * restricted to the site's VAPID key. Everything else is real: the control
 * the reader clicks (shown because the browser supports push), the
 * permission (granted to the context: no prompt UI in headless), the
 * service worker /sw.js registered and active, /push/subscribe writing the
 * row, services.push.send and a PushWorker signing and encrypting, the fake
 * service checking the VAPID JWT and decrypting with the subscriber's key,
 * the decrypted payload delivered to the real service worker through the
 * DevTools protocol (ServiceWorker.deliverPushMessage), the notification the
 * worker shows, and its notificationclick handler run inside the worker,
 * which navigates the tab to the story. Then the reader unsubscribes from the
 * same control and the row is gone.
 *
 * Without JavaScript, and where PushManager is missing, the control stays
 * hidden and the page works as ever.
 *
 * Functions passed to page.evaluate are strings: the test's TypeScript
 * transform would add helpers the page does not have.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { slugify, storyPath, type Story } from '../../src/content/index.js';
import { createApp } from '../../src/server/app.js';
import { createServices, type Services } from '../../src/services/index.js';
import { PushWorker } from '../../src/services/push/push-worker.js';
import { loadVapidIdentity, type VapidIdentity } from '../../src/services/push/vapid.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { startFakePushService, type FakePushService, type FakeSubscription } from '../helpers/fake-push-service.js';
import { axeViolations, chromiumOnLoopback } from '../helpers/newsroom-chromium.js';
import { missingChromium } from '../site/page-checkers.js';

const WAIT = { timeout: 20_000 };
const STORED = 'test-fake-push-subscription';

/** Stands in for PushManager's two calls that would need FCM; counts permission requests (none may happen on load). */
function fakePushManager(sub: FakeSubscription): string {
  return `(() => {
  const SUB = ${JSON.stringify({ endpoint: sub.endpoint, keys: sub.keys })};
  window.__permissionAsks = 0;
  const ask = Notification.requestPermission.bind(Notification);
  Notification.requestPermission = function () { window.__permissionAsks++; return ask.apply(null, arguments); };
  const toB64 = (bytes) => btoa(String.fromCharCode.apply(null, Array.from(new Uint8Array(bytes)))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const fromB64 = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)), (c) => c.charCodeAt(0));
  const make = (key) => ({
    endpoint: SUB.endpoint, expirationTime: null,
    options: { userVisibleOnly: true, applicationServerKey: fromB64(key).buffer },
    getKey: (name) => fromB64(SUB.keys[name]).buffer,
    toJSON: () => ({ endpoint: SUB.endpoint, expirationTime: null, keys: { p256dh: SUB.keys.p256dh, auth: SUB.keys.auth } }),
    unsubscribe: () => { localStorage.removeItem('${STORED}'); return Promise.resolve(true); },
  });
  PushManager.prototype.subscribe = function (opts) {
    if (Notification.permission !== 'granted') return Promise.reject(new DOMException('no permission', 'NotAllowedError'));
    if (!opts || !opts.userVisibleOnly || !opts.applicationServerKey) return Promise.reject(new DOMException('userVisibleOnly and applicationServerKey are required', 'NotSupportedError'));
    const key = toB64(opts.applicationServerKey);
    localStorage.setItem('${STORED}', key);
    return Promise.resolve(make(key));
  };
  PushManager.prototype.getSubscription = function () {
    const key = localStorage.getItem('${STORED}');
    return Promise.resolve(key ? make(key) : null);
  };
})();`;
}

/** Polls `fn` (from here: a string predicate would be compiled in the page, which its CSP forbids) until it gives a truthy value. */
async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeout = 20_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Web Push for a reader in Chromium', { skip: missingChromium() }, () => {
  const pglite = engines()[0]!;
  let db: Database;
  let services: Services;
  let vapid: VapidIdentity;
  let push: FakePushService;
  let story: Story;
  let base: string;
  let browser: Browser | undefined;
  let close: () => Promise<void>;
  const contexts: BrowserContext[] = [];

  before(async () => {
    db = await pglite.open();
    push = await startFakePushService();
    services = createServices(db, { push: { allowPrivate: true } });
    vapid = await loadVapidIdentity(db, { vapidSubject: 'mailto:technik@news.example.org' });
    story = await services.stories.create({
      kind: 'article', language: 'de', headline: 'Regierung tritt zurück', teaser: 'Die Kanzlerin hat ihren Rücktritt erklärt.', section: 'Politik',
      body: [{ type: 'paragraph', content: [{ text: 'Am Abend trat die Regierung zurück.' }] }],
    }, { status: 'published' });
    await services.stories.create({
      kind: 'article', language: 'de', headline: 'Tor in der Nachspielzeit', section: 'Sport',
      body: [{ type: 'paragraph', content: [{ text: 'Ein spätes Tor.' }] }],
    }, { status: 'published' });
    const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { services, vapidPublicKey: vapid.publicKey });
    ({ base, browser, close } = await chromiumOnLoopback(app.fetch));
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await close?.();
    await push?.close();
    await db?.close();
  });

  async function newPage(opts: { javaScriptEnabled?: boolean; init?: string } = {}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser!.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', javaScriptEnabled: opts.javaScriptEnabled ?? true });
    contexts.push(context);
    if (opts.init) await context.addInitScript(opts.init);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    return { context, page, problems };
  }

  test('subscribe from the control, an editor\'s push reaches the real service worker, its click opens the story; unsubscribe removes the row', async () => {
    const sub = push.createPushSubscriber({ applicationServerKey: vapid.publicKey });
    const { context, page, problems } = await newPage({ init: fakePushManager(sub) });
    await context.grantPermissions(['notifications'], { origin: base });
    const cdp = await context.newCDPSession(page);
    const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
    const versions: { registrationId: string; scriptURL: string; status: string }[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => versions.push(...e.versions));
    await cdp.send('ServiceWorker.enable');

    await page.goto(`${base}/`);
    const control = page.locator('#push-optin');
    await control.waitFor({ state: 'visible', ...WAIT });
    assert.equal(await page.evaluate('window.__permissionAsks'), 0, 'no permission request on page load');
    assert.equal(await page.evaluate('navigator.serviceWorker.controller'), null, 'nothing registered before the reader asks');
    assert.equal(await page.getByRole('button', { name: 'Benachrichtigungen abbestellen' }).isVisible(), false);
    assert.deepEqual(await axeViolations(page), [], 'the shown control passes axe (WCAG 2.1 AA, best practice)');

    // The sections come from the site's navigation; the reader picks "Alle Eilmeldungen".
    assert.equal(await page.getByRole('checkbox', { name: 'Sport', exact: true }).count(), 1);
    await page.getByRole('checkbox', { name: 'Alle Eilmeldungen', exact: true }).check();
    await page.getByRole('button', { name: 'Benachrichtigungen erhalten' }).click();
    await page.getByRole('status').filter({ hasText: 'Sie erhalten jetzt Benachrichtigungen.' }).waitFor(WAIT);
    assert.equal(await page.evaluate('window.__permissionAsks'), 1, 'the permission is asked in the click');
    assert.equal(await page.evaluate(`localStorage.getItem('${STORED}')`), vapid.publicKey, 'subscribed with the key from GET /push/key');

    const rows = await db.query<{ endpoint: string; p256dh: string; auth: string; topics: string[] }>('SELECT endpoint, p256dh, auth, topics FROM push_subscriptions');
    assert.deepEqual(rows, [{ endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth, topics: ['all'] }]);

    // The real /sw.js is registered for "/" and active, and controls the tab (clients.claim).
    const reg = await until('an activated /sw.js', async () => {
      const v = versions.find((x) => x.scriptURL === `${base}/sw.js` && x.status === 'activated');
      return v && registrations.find((r) => r.registrationId === v.registrationId && !r.isDeleted && r.scopeURL === `${base}/`);
    });
    assert.equal(await page.evaluate('navigator.serviceWorker.ready.then((r) => r.active.scriptURL)'), `${base}/sw.js`);
    await until('the tab is controlled', async () => page.evaluate('navigator.serviceWorker.controller !== null'));

    // An editor sends; the worker signs and encrypts; the fake push service checks the JWT and decrypts with the subscriber's key.
    const path = storyPath({ sectionSlug: slugify(story.section), slug: story.slug });
    const sent = await services.push.send({ title: 'Eilmeldung: Regierung tritt zurück', body: 'Die Kanzlerin hat ihren Rücktritt erklärt.', url: path, filter: 'all' }, { name: 'Jana Redakteurin' });
    assert.equal(sent.audience, 1);
    const worker = new PushWorker(db, { vapid, allowPrivate: true, ca: push.ca, retryDelay: () => 0, log: () => undefined });
    try {
      await worker.runOnce();
    } finally {
      await worker.stop();
    }
    const [delivery] = push.deliveriesFor(sub.id);
    assert.ok(delivery?.accepted, delivery?.problem ?? 'no delivery');
    assert.deepEqual(delivery.vapid && [delivery.vapid.key, delivery.vapid.aud, delivery.vapid.sub], [vapid.publicKey, push.origin, 'mailto:technik@news.example.org']);
    assert.deepEqual(JSON.parse(delivery.payload!), { title: 'Eilmeldung: Regierung tritt zurück', body: 'Die Kanzlerin hat ihren Rücktritt erklärt.', url: path });

    // The browser's push service would hand the decrypted message to the worker: DevTools does the same.
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: base, registrationId: reg.registrationId, data: delivery.payload! });
    const shown = await until('the notification', async () => {
      const list = (await page.evaluate('navigator.serviceWorker.ready.then((r) => r.getNotifications()).then((ns) => ns.map((n) => ({ title: n.title, body: n.body, data: n.data })))')) as { title: string; body: string; data: { url: string } }[];
      return list.length ? list : undefined;
    });
    assert.deepEqual(shown, [{ title: 'Eilmeldung: Regierung tritt zurück', body: 'Die Kanzlerin hat ihren Rücktritt erklärt.', data: { url: path } }]);

    // The reader clicks it: the worker's own notificationclick handler runs, inside the worker, on the shown notification.
    const sw = context.serviceWorkers().find((w) => w.url() === `${base}/sw.js`);
    assert.ok(sw, 'Playwright sees the service worker');
    await sw.evaluate(`self.registration.getNotifications().then((ns) => { self.dispatchEvent(new NotificationEvent('notificationclick', { notification: ns[0] })); })`);
    await page.waitForURL(`${base}${path}`, WAIT);
    await page.getByRole('heading', { level: 1, name: /Regierung tritt zurück/ }).waitFor(WAIT);
    assert.equal(await page.evaluate('navigator.serviceWorker.ready.then((r) => r.getNotifications()).then((ns) => ns.length)'), 0, 'the clicked notification is closed');

    // On the story page the control knows the subscription: the choice ticked, "abbestellen" offered.
    const off = page.getByRole('button', { name: 'Benachrichtigungen abbestellen' });
    await off.waitFor({ state: 'visible', ...WAIT });
    assert.equal(await page.getByRole('checkbox', { name: 'Alle Eilmeldungen', exact: true }).isChecked(), true);
    assert.equal(await page.getByRole('button', { name: 'Auswahl speichern' }).isVisible(), true);
    await off.click();
    await page.getByRole('status').filter({ hasText: 'Sie erhalten keine Benachrichtigungen mehr.' }).waitFor(WAIT);
    assert.deepEqual(await db.query('SELECT endpoint FROM push_subscriptions'), []);
    assert.equal(await page.evaluate(`localStorage.getItem('${STORED}')`), null, 'the browser\'s subscription is ended too');
    assert.equal(await off.isVisible(), false);
    assert.deepEqual(await axeViolations(page), [], 'and with its status said');
    assert.deepEqual(problems, []);
  });

  test('a payload url that is not a plain local path opens "/"', async () => {
    const { context, page } = await newPage();
    await context.grantPermissions(['notifications'], { origin: base });
    const cdp = await context.newCDPSession(page);
    const versions: { registrationId: string; scriptURL: string; status: string }[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => versions.push(...e.versions));
    await cdp.send('ServiceWorker.enable');
    await page.goto(`${base}${storyPath({ sectionSlug: slugify(story.section), slug: story.slug })}`);
    await page.evaluate(`navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(() => navigator.serviceWorker.ready).then(() => undefined)`);
    await until('the tab is controlled', async () => page.evaluate('navigator.serviceWorker.controller !== null'));
    const v = await until('an activated /sw.js', async () => versions.find((x) => x.scriptURL === `${base}/sw.js` && x.status === 'activated'));
    for (const url of ['https://evil.example/x', '//evil.example/x', 'javascript:alert(1)', '/\\evil.example']) {
      // DevTools drops a push for a worker it is still waking on a busy machine (the full suite on two cores),
      // so the message is delivered again every five seconds until its notification shows; a lost push is a
      // test-harness hiccup, a wrong URL is what this test is about.
      const deliver = () => cdp.send('ServiceWorker.deliverPushMessage', { origin: base, registrationId: v.registrationId, data: JSON.stringify({ title: 'Falle', body: '', url }) });
      await deliver();
      let sentAt = Date.now();
      const data = await until(`the notification for ${url}`, async () => {
        const list = (await page.evaluate('navigator.serviceWorker.ready.then((r) => r.getNotifications()).then((ns) => ns.map((n) => n.data))')) as { url: string }[];
        if (!list.length && Date.now() - sentAt > 5_000) { await deliver(); sentAt = Date.now(); }
        return list.length ? list : undefined;
      }, 60_000);
      // A push delivered twice shows the same notification twice: every one of them must point home.
      assert.deepEqual([...new Set(data.map((d) => d.url))], ['/'], url);
      const sw = context.serviceWorkers().find((w) => w.url() === `${base}/sw.js`)!;
      await sw.evaluate(`self.registration.getNotifications().then((ns) => { self.dispatchEvent(new NotificationEvent('notificationclick', { notification: ns[0] })); })`);
      await page.waitForURL(`${base}/`, WAIT);
      await page.goBack();
      // None may be left for the next URL to be mistaken for.
      await sw.evaluate('self.registration.getNotifications().then((ns) => ns.forEach((n) => n.close()))');
      await until('no notification left', async () => ((await page.evaluate('navigator.serviceWorker.ready.then((r) => r.getNotifications()).then((ns) => ns.length)')) as number) === 0);
    }
  });

  test('without JavaScript the control stays hidden and the page works', async () => {
    const { page } = await newPage({ javaScriptEnabled: false });
    const res = await page.goto(`${base}/`);
    assert.equal(res?.status(), 200);
    assert.equal(await page.locator('#push-optin').count(), 1, 'the markup is there');
    assert.equal(await page.locator('#push-optin').isVisible(), false);
    await page.getByRole('link', { name: 'Regierung tritt zurück' }).first().click();
    await page.waitForURL(`${base}${storyPath({ sectionSlug: slugify(story.section), slug: story.slug })}`, WAIT);
    assert.equal(await page.locator('#push-optin').isVisible(), false);
  });

  test('where PushManager is missing the control stays hidden, nothing is asked or registered, and no error is thrown', async () => {
    const { page, problems } = await newPage({ init: `delete window.PushManager; window.__asks = 0; Notification.requestPermission = () => { window.__asks++; return Promise.resolve('default'); };` });
    await page.goto(`${base}/`);
    await page.waitForLoadState('load');
    assert.equal(await page.evaluate(`'PushManager' in window`), false);
    assert.equal(await page.evaluate('document.querySelector(\'script[src^="/assets/push."]\') !== null'), true, 'the script was there and ran');
    assert.equal(await page.locator('#push-optin').isVisible(), false);
    assert.equal(await page.evaluate('window.__asks'), 0);
    assert.equal(await page.evaluate('navigator.serviceWorker.getRegistrations().then((r) => r.length)'), 0);
    assert.equal(await page.getByRole('link', { name: 'Sport' }).first().isVisible(), true, 'the page itself is as ever');
    assert.deepEqual(problems, []);
  });
});
