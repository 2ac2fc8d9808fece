/**
 * Every reader route, with junk where its address has a parameter and in its
 * query: NUL, a lone surrogate, control characters, markup, `..`, very long
 * values. Whatever the route, the answer is a page or a 4xx — never a 500, never
 * a redirect off the site — with the page cache in front, as `lede serve` runs it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { EventBus } from '../../src/events/event-bus.js';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { createApp } from '../../src/server/app.js';
import { PageCache } from '../../src/site/page-cache.js';
import { PAGE_ROUTE_LIST } from '../../src/site/page-routes.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

const JUNK = ['%00', '%ED%A0%80', '%0D%0A', '%3C!--', '%E2%80%AE', '..', '%2F%2Fevil.example', '%5Cevil', 'x'.repeat(5_000), '%F0%9F%98%80', '%'];

let db: Database;
let app: ReturnType<typeof createApp>;
before(async () => {
  db = await engines()[0]!.open();
  await loadDemoContent(db);
  app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { pageCache: new PageCache(), events: new EventBus() });
});
after(async () => {
  await db?.close();
});

/** A route's path with every parameter (and its pattern, if any) replaced by `value`. */
const fill = (path: string, value: string) => path.replace(/:[a-z]+(\{[^}]*\})?(\\\.[a-z]+|\.[a-z.]+)?/gi, value);

test('junk in any reader address or query is a page or a 4xx, never a 500 or an outside redirect', async () => {
  const wrong: string[] = [];
  for (const route of PAGE_ROUTE_LIST) {
    for (const junk of JUNK) {
      for (const address of [fill(route.path, junk), `${fill(route.path, 'politik')}?q=${junk}&vor=${junk}&seite=${junk}&nach=${junk}`]) {
        let res: Response;
        try {
          res = await app.request(address);
        } catch (err) {
          wrong.push(`${address.slice(0, 80)}: threw ${(err as Error).message}`);
          continue;
        }
        await res.arrayBuffer();
        const location = res.headers.get('location');
        if (res.status >= 500 && res.status !== 503) wrong.push(`${address.slice(0, 80)}: ${res.status}`);
        if (location && !/^\/(?![/\\])/.test(location)) wrong.push(`${address.slice(0, 80)}: redirects to ${location}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});
