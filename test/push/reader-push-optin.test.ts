/**
 * The reader's push opt-in control as the server renders it, and the two
 * files it needs (issue 14): hidden markup in German or English with a
 * checkbox per section, the script under its content-hash name (a year's
 * cache; another hash is the site's 404), the service worker at /sw.js
 * (text/javascript, no-cache) — and a page without sections still offers
 * "all". What the browser does with them is test/push/reader-push-chromium.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { PUSH_JS, PUSH_SCRIPT_PATH } from '../../src/site/push/push-script.js';
import { SERVICE_WORKER_JS } from '../../src/site/push/service-worker.js';
import { pushOptInHtml } from '../../src/site/views/push-optin.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

describe('the push opt-in control and its files', () => {
  test('hidden by default; German and English labels by lang; a checkbox per section (bad slugs left out); texts for the script in data attributes', () => {
    const sections = [{ name: 'Politik', slug: 'politik' }, { name: 'Sport & Spiel', slug: 'sport' }, { name: 'Kaputt', slug: 'Nicht gut' }];
    const de = pushOptInHtml('de', sections);
    assert.match(de, /^<section id="push-optin" class="push-optin" aria-labelledby="push-optin-title" hidden /);
    assert.match(de, /<legend>Worüber möchten Sie benachrichtigt werden\?<\/legend>/);
    assert.match(de, /<label><input type="checkbox" name="topics" value="all"\/> Alle Eilmeldungen<\/label>/);
    assert.match(de, /value="section:politik"\/> Politik</);
    assert.match(de, /value="section:sport"\/> Sport &amp; Spiel</);
    assert.doesNotMatch(de, /Kaputt|Nicht gut/);
    assert.match(de, /role="status" aria-live="polite"/);
    assert.match(de, /data-removed="Sie erhalten keine Benachrichtigungen mehr\."/);
    assert.ok(de.includes(`<script src="${PUSH_SCRIPT_PATH}" defer></script>`));
    const en = pushOptInHtml('en-GB', sections);
    assert.match(en, /> All breaking news</);
    assert.match(en, /<button type="submit" id="push-go">Get notifications<\/button>/);
    assert.match(en, /<button type="button" id="push-off" hidden>Stop notifications<\/button>/);
    assert.doesNotMatch(en, /Eilmeldungen/);
    assert.equal(pushOptInHtml('de', sections), de, 'the same markup again');
    const none = pushOptInHtml('de', []);
    assert.match(none, /value="all"/);
    assert.doesNotMatch(none, /section:|Rubriken/);
    // No inline script (the reader CSP is script-src 'self'), no inline style.
    assert.doesNotMatch(de, /<script>|<script [^>]*>[^<]|\sstyle=|\son[a-z]+=/);
  });

  test('the script never asks for permission outside the click and checks for push support first', () => {
    const firstUse = PUSH_JS.indexOf('requestPermission');
    assert.ok(PUSH_JS.indexOf("addEventListener('submit'") < firstUse, 'requestPermission is in the submit handler');
    assert.equal(PUSH_JS.split('requestPermission').length, 2, 'and nowhere else');
    assert.match(PUSH_JS, /'serviceWorker' in navigator\) \|\| !\('PushManager' in window\) \|\| !\('Notification' in window\)/);
    assert.ok(PUSH_JS.indexOf('box.hidden = false') > PUSH_JS.indexOf("'Notification' in window"));
  });

  describe('served', () => {
    const pglite = engines()[0]!;
    let db: Database;
    before(async () => {
      db = await pglite.open();
    });
    after(async () => {
      await db?.close();
    });

    test('the script under its hash for a year; another hash 404; /sw.js as text/javascript, no-cache, under the reader CSP', async () => {
      const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
      const script = await app.request(`http://localhost${PUSH_SCRIPT_PATH}`);
      assert.equal(script.status, 200);
      assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(script.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(await script.text(), PUSH_JS);
      const other = await app.request('http://localhost/assets/push.0123456789ab.js');
      assert.equal(other.status, 404);
      const sw = await app.request('http://localhost/sw.js');
      assert.equal(sw.status, 200);
      assert.equal(sw.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(sw.headers.get('cache-control'), 'no-cache');
      assert.match(sw.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.equal(await sw.text(), SERVICE_WORKER_JS);
      const home = await (await app.request('http://localhost/')).text();
      assert.ok(home.includes('<section id="push-optin"'), 'every page has the control in its footer');
      assert.ok(home.indexOf('<footer') < home.indexOf('id="push-optin"'));
    });

    test("a topic page's control also offers that topic; other pages do not", async () => {
      const { loadDemoContent } = await import('../../src/services/demo/load-demo.js');
      await loadDemoContent(db);
      const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
      const home = await (await app.request('http://localhost/')).text();
      const article = await (await app.request('http://localhost/politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen')).text();
      const topicLink = /href="(\/thema\/[a-z0-9-]+)"/.exec(article)?.[1];
      assert.ok(topicLink, 'a demo article links its topic');
      const topicPage = await (await app.request(`http://localhost${topicLink}`)).text();
      const slug = topicLink.slice('/thema/'.length);
      assert.match(topicPage, new RegExp(`<legend>Dieses Thema</legend><ul class="push-choices"><li><label><input type="checkbox" name="topics" value="topic:${slug}"/>`));
      assert.doesNotMatch(home, /value="topic:/);
      // Escaped like every other label: a topic name is an editor's text.
      assert.match(pushOptInHtml('de', [], { slug: 'a-b', name: '<b>&' }), /value="topic:a-b"\/> &lt;b&gt;&amp;</);
      assert.doesNotMatch(pushOptInHtml('de', [], { slug: 'Nicht gut', name: 'x' }), /topic:/);
    });
  });
});
