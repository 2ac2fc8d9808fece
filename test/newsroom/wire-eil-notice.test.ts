/**
 * The Eilmeldung notice in the newsroom's frame, in-process on both engines:
 * every page of someone who may read the wire carries the empty alert region
 * and the notice script (in their language), the script's URL is the one the
 * server serves, and the logged-out login page has neither. The list the
 * script polls answers as the script expects: a mark to start from, then
 * only Eilmeldungen that arrived after it, with the new mark.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { WIRE_NOTICE_POLL } from '../../src/admin/layout.js';
import { engines } from '../helpers/db.js';
import { entry, openWireWorld, type WireWorld } from './wire-desk-world.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = /<script src="(\/newsroom\/assets\/wire-eil-notice\.[0-9a-f]{12}\.js)" defer=""><\/script>/;
/** The notice block as rendered (the region and its dismiss button). */
const noticeOf = (html: string) => /<div id="wire-eil-notice"[\s\S]*?<\/button><\/div>/.exec(html)?.[0];

interface ListAnswer {
  items: Array<{ id: string; headline: string; urgency?: number; status: string }>;
  more?: boolean;
  newest: string;
}

for (const engine of engines()) {
  describe(`the Eilmeldung notice on every newsroom page on ${engine.name}`, { skip: engine.skip }, () => {
    let w: WireWorld;

    before(async () => {
      w = await openWireWorld(await engine.open());
    });
    after(async () => {
      await w?.db.close();
    });

    test('an editor\'s pages carry the empty alert region and the script, in their language', async () => {
      const res = await w.as.get('editor')!.request('/newsroom');
      assert.equal(res.status, 200);
      const html = await res.text();
      const notice = noticeOf(html);
      assert.ok(notice, 'the story list has the notice block');
      assert.match(notice, /<div role="alert" class="eil-notice-text"><\/div>/, 'an empty alert region (nothing to announce at load)');
      assert.match(notice, /data-poll="\/newsroom\/api\/wire\/items\?urgency=eil&amp;limit=5"/);
      assert.match(notice, /data-interval="20000"/);
      assert.match(notice, /data-label="Flash:"/, 'the editor reads English');
      assert.match(notice, /<button type="button" class="secondary" hidden="">Dismiss flash<\/button>/);
      // Inside the banner, so the notice is in a landmark when it shows.
      assert.ok(html.indexOf('id="wire-eil-notice"') > html.indexOf('<header') && html.indexOf('id="wire-eil-notice"') < html.indexOf('</header>'));

      const src = SCRIPT.exec(html)?.[1];
      assert.ok(src, 'the notice script is linked');
      const served = await w.as.get('editor')!.request(src);
      assert.equal(served.status, 200, 'the server serves the URL the layout names');
      assert.match(served.headers.get('content-type') ?? '', /^text\/javascript/);
      assert.equal(await served.text(), readFileSync(path.join(root, 'assets/newsroom/wire-eil-notice.js'), 'utf8'));
    });

    test('other pages and other roles have it too (German for a German admin)', async () => {
      for (const [who, page, label] of [['admin', '/newsroom/account', 'Eilmeldung:'], ['contributor', '/newsroom/media', 'Eilmeldung:'], ['admin', '/newsroom/stories/new', 'Eilmeldung:']] as const) {
        const html = await (await w.as.get(who)!.request(page)).text();
        const notice = noticeOf(html);
        assert.ok(notice, `${who} on ${page}`);
        assert.match(notice, new RegExp(`data-label="${label}"`), `${who} on ${page}`);
        assert.match(html, SCRIPT, `${who} on ${page}`);
      }
    });

    test('every role may read the wire, so the logged-out login page is the one without it', async () => {
      const res = await w.anonymous.request('/newsroom/login');
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<form/, 'the login page itself');
      assert.equal(noticeOf(html), undefined);
      assert.doesNotMatch(html, /wire-eil-notice/);
    });

    test('the list the script polls: a mark, then only Eilmeldungen newer than it, then nothing', async () => {
      const editor = w.as.get('editor')!;
      const first = await editor.json<ListAnswer>('GET', WIRE_NOTICE_POLL);
      assert.equal(first.status, 200);
      assert.equal(typeof first.body.newest, 'string');
      const mark = first.body.newest;

      const calm = await w.ingestOne(entry({ headline: 'Wochenmarkt zieht auf den Domplatz', urgency: 4 }));
      const eil = await w.ingestOne(entry({ headline: 'Eil: Hochwasseralarm an der Mulde', urgency: 1 }));
      const withAfter = `${WIRE_NOTICE_POLL}&after=${encodeURIComponent(mark)}`;
      const next = await editor.json<ListAnswer>('GET', withAfter);
      assert.equal(next.status, 200);
      assert.deepEqual(next.body.items.map((e) => [e.id, e.headline, e.urgency]), [[eil, 'Eil: Hochwasseralarm an der Mulde', 1]]);
      assert.ok(!next.body.items.some((e) => e.id === calm), 'an ordinary item is no Eilmeldung');
      assert.notEqual(next.body.newest, mark, 'the mark moves on');

      const again = await editor.json<ListAnswer>('GET', `${WIRE_NOTICE_POLL}&after=${encodeURIComponent(next.body.newest)}`);
      assert.deepEqual(again.body.items, []);
      assert.equal(again.body.newest, next.body.newest);

      // A mark the server did not hand out is a clear refusal naming `after` (the script then starts afresh), never a 500.
      const bad = await editor.json('GET', `${WIRE_NOTICE_POLL}&after=kein-zeichen%00`);
      assert.equal(bad.status, 422);
      assert.match(JSON.stringify(bad.body), /after/);
    });
  });
}
