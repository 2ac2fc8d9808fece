import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { stripControls, xml } from '../../src/site/feeds/xml.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { XmlWorkspace, missingXmllint, xmllint } from './xml-tools.js';
import { launchChromium, missingChromium } from '../site/page-checkers.js';

const SITE = 'https://news.example.org';

/** Text that becomes live markup if a feed escapes it only for XML and the reader renders it as HTML. */
const HOSTILE = {
  headline: 'Eil <img src=x onerror=alert(1)> & <b>fett</b>',
  teaser: '"><img src=x onerror=alert(2)><script>alert(3)</script> &amp; mehr',
};

test('the XML escaper escapes markup characters and drops characters XML cannot carry', () => {
  assert.equal(xml(`Tom & Jerry <b>"hi"</b> 'x'`), 'Tom &amp; Jerry &lt;b&gt;&quot;hi&quot;&lt;/b&gt; &apos;x&apos;');
  assert.equal(xml('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\u007Fh\u0085i\uFFFEj\uFFFFk'), 'abcdefghijk');
  assert.equal(xml('tab\tline\nreturn\r'), 'tab\tline\nreturn\r');
  assert.equal(stripControls('lone \uD800 surrogate, pair \uD83D\uDE00 kept'), 'lone  surrogate, pair \uD83D\uDE00 kept');
  assert.equal(xml(undefined), '');
});

for (const engine of engines()) {
  describe(`feeds on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: ReturnType<typeof createApp>;
    let service: StoryService;
    const ws = new XmlWorkspace();
    let tricky: { slug: string; id: string };
    let hostile: { id: string };
    let draftHeadline: string;

    before(async () => {
      db = await engine.open();
      await loadDemoContent(db);
      service = new StoryService(db);
      const t = await service.create({
        headline: 'Tom & Jerry <b>"zitiert"</b> \'einfach\' \u0085Ende\u009F',
        kicker: 'A<B',
        teaser: 'Sonderzeichen: & < > " \' bleiben lesbar.',
        section: 'Politik',
        topics: ['Sonder & Zeichen'],
        lead: { kind: 'image', alt: 'Ein "Bild" & mehr', caption: 'Bildunterschrift <mit> Zeichen', credit: 'dpa & Co', src: '/bilder/a&b.jpg', width: 800, height: 450 },
      }, { status: 'published' });
      tricky = { slug: t.slug, id: t.id };
      const h = await service.create({ headline: HOSTILE.headline, teaser: HOSTILE.teaser, section: 'Politik' }, { status: 'published' });
      hostile = { id: h.id };
      draftHeadline = 'Entwurf darf nirgends erscheinen';
      await service.create({ headline: draftHeadline, section: 'Politik', topics: ['Hochwasser an der Elbe'] });
      app = createApp(db, { siteName: 'Lede Test', siteUrl: SITE });
    });
    after(async () => {
      await db?.close();
      ws.remove();
    });

    const get = async (p: string) => {
      const res = await app.request(p);
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    };

    test('RSS 2.0 site feed: well-formed, newest stories with dates, authors, categories and the lead image', async (t) => {
      const { status, type, body } = await get('/feed.xml');
      assert.equal(status, 200);
      assert.equal(type, 'application/rss+xml; charset=utf-8');
      assert.match(body, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<rss version="2\.0"/);
      assert.match(body, /xmlns:media="http:\/\/search\.yahoo\.com\/mrss\/"/);
      const items = body.split('<item>').slice(1);
      assert.ok(items.length >= 5, 'demo stories are in the feed');
      const elbe = items.find((i) => i.includes('<title>Hochwasser: Elbe erreicht in Magdeburg Alarmstufe drei</title>'));
      assert.ok(elbe, 'kicker: headline as the title');
      assert.match(elbe, /<link>https:\/\/news\.example\.org\/sachsen-anhalt\/elbe-erreicht-in-magdeburg-alarmstufe-drei<\/link>/);
      assert.match(elbe, /<guid isPermaLink="false">urn:uuid:[0-9a-f-]{36}<\/guid>/);
      assert.match(elbe, /<pubDate>(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/);
      assert.match(elbe, /<description>Nach tagelangem Regen/);
      assert.match(elbe, /<dc:creator>Lena Vogt<\/dc:creator>/);
      assert.match(elbe, /<category>Sachsen-Anhalt<\/category><category>Hochwasser an der Elbe<\/category>/);
      assert.match(elbe, /<enclosure url="https:\/\/news\.example\.org\/demo-media\/river\.svg" length="0" type="image\/svg\+xml"\/>/);
      assert.match(elbe, /<media:content url="https:\/\/news\.example\.org\/demo-media\/river\.svg"[^>]*medium="image"[^>]*>.*<media:description type="plain">Der Pegel der Elbe steigt seit Montag stetig an\.<\/media:description><media:credit>Lede \/ Illustration<\/media:credit><\/media:content>/);
      // Newest first.
      const dates = items.map((i) => Date.parse(/<pubDate>([^<]+)</.exec(i)![1]!));
      assert.deepEqual([...dates].sort((a, b) => b - a), dates);
      assert.doesNotMatch(body, new RegExp(draftHeadline));
      const why = missingXmllint();
      if (why) return t.skip(why);
      assert.equal(xmllint(ws.write(body)), '');
    });

    test('markup characters are escaped and control characters dropped in every format', async (t) => {
      const rss = (await get('/feed.xml')).body;
      const item = rss.split('<item>').find((i) => i.includes(tricky.id))!;
      // Escaped for HTML, then for XML: readers show RSS titles as HTML.
      assert.match(item, /<title>A&amp;lt;B: Tom &amp;amp; Jerry &amp;lt;b&amp;gt;&amp;quot;zitiert&amp;quot;&amp;lt;\/b&amp;gt; &amp;#39;einfach&amp;#39; Ende<\/title>/);
      assert.match(item, /<category>Sonder &amp; Zeichen<\/category>/);
      assert.match(item, /url="https:\/\/news\.example\.org\/bilder\/a&amp;b\.jpg"/);
      assert.match(item, /<media:credit>dpa &amp; Co<\/media:credit>/);
      assert.doesNotMatch(rss, /[\u0085\u009F]/);
      const atom = (await get('/atom.xml')).body;
      assert.match(atom, /<title type="text">A&lt;B: Tom &amp; Jerry/);
      const json = JSON.parse((await get('/feed.json')).body) as { items: { id: string; title: string }[] };
      assert.equal(json.items.find((i) => i.id === `urn:uuid:${tricky.id}`)?.title, 'A<B: Tom & Jerry <b>"zitiert"</b> \'einfach\' Ende');
      const why = missingXmllint();
      if (why) return t.skip(why);
      assert.equal(xmllint(ws.write(rss)), '');
      assert.equal(xmllint(ws.write(atom)), '');
    });

    test('RSS titles and descriptions rendered as HTML, as feed readers do, show the words and create no elements', async (t) => {
      const why = missingChromium();
      if (why) return t.skip(why);
      const rss = (await get('/feed.xml')).body;
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        // A feed reader's view: parse the XML, then put each title and description into the page as HTML.
        const shown = await page.evaluate((doc) => {
          const xmlDoc = new DOMParser().parseFromString(doc, 'application/xml');
          if (xmlDoc.querySelector('parsererror')) return { error: 'not well-formed' };
          const out: { tag: string; text: string; elements: number }[] = [];
          for (const node of xmlDoc.querySelectorAll('channel > title, channel > description, item > title, item > description')) {
            const box = document.createElement('div');
            box.innerHTML = node.textContent ?? '';
            out.push({ tag: node.nodeName, text: box.textContent ?? '', elements: box.querySelectorAll('*').length });
          }
          return { out };
        }, rss);
        assert.ok('out' in shown, JSON.stringify(shown));
        const withMarkup = shown.out!.filter((s) => s.elements > 0);
        assert.deepEqual(withMarkup, [], 'no title or description turns into elements');
        const texts = shown.out!.map((s) => s.text);
        assert.ok(texts.includes(HOSTILE.headline), 'the hostile headline reads as typed');
        assert.ok(texts.includes(HOSTILE.teaser), 'the hostile teaser reads as typed');
        assert.ok(texts.some((x) => x.startsWith('A<B: Tom & Jerry <b>"zitiert"</b>')), 'markup characters in a title read as typed');
        assert.ok(hostile.id);
      } finally {
        await browser.close();
      }
    });

    test('Atom feed: entries with ids, RFC 3339 dates, authors, categories and the image', async (t) => {
      const { status, type, body } = await get('/atom.xml');
      assert.equal(status, 200);
      assert.equal(type, 'application/atom+xml; charset=utf-8');
      assert.match(body, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
      assert.match(body, /<link rel="self" type="application\/atom\+xml" href="https:\/\/news\.example\.org\/atom\.xml"\/>/);
      const entries = body.split('<entry').slice(1);
      assert.ok(entries.length >= 5, 'entries');
      for (const e of entries) {
        assert.match(e, /<id>urn:uuid:[0-9a-f-]{36}<\/id>/);
        assert.match(e, /<updated>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}<\/updated>/);
        assert.match(e, /<published>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}<\/published>/);
      }
      const budget = entries.find((e) => e.includes('Haushalt für 2027'))!;
      assert.match(budget, /<author><name>Miriam Scholz<\/name><\/author><author><name>Jonas Albrecht<\/name><\/author>/);
      assert.match(budget, /<category term="Politik"\/>/);
      assert.match(budget, /<link rel="enclosure" type="image\/svg\+xml" href="https:\/\/news\.example\.org\/demo-media\/parliament\.svg"\/>/);
      assert.doesNotMatch(body, new RegExp(draftHeadline));
      const why = missingXmllint();
      if (why) return t.skip(why);
      assert.equal(xmllint(ws.write(body)), '');
    });

    test('JSON Feed 1.1: valid JSON with the version, items, dates and authors', async () => {
      const { status, type, body } = await get('/feed.json');
      assert.equal(status, 200);
      assert.equal(type, 'application/feed+json; charset=utf-8');
      const feed = JSON.parse(body) as Record<string, any>;
      assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
      assert.equal(feed.title, 'Lede Test');
      assert.equal(feed.home_page_url, `${SITE}/`);
      assert.equal(feed.feed_url, `${SITE}/feed.json`);
      assert.ok(feed.items.length >= 5, 'items');
      for (const item of feed.items) {
        assert.match(item.id, /^urn:uuid:/);
        assert.match(item.url, /^https:\/\/news\.example\.org\/[a-z0-9-]+\/[a-z0-9-]+$/);
        assert.equal(typeof item.content_text, 'string');
        assert.ok(!Number.isNaN(Date.parse(item.date_published)), item.date_published);
        assert.match(item.date_published, /[+-]\d{2}:\d{2}$/);
      }
      const budget = feed.items.find((i: any) => i.title.includes('Haushalt für 2027'));
      assert.deepEqual(budget.authors, [{ name: 'Miriam Scholz' }, { name: 'Jonas Albrecht' }]);
      assert.equal(budget.image, `${SITE}/demo-media/parliament.svg`);
      assert.ok(budget.tags.includes('Politik'), 'section tag');
      assert.doesNotMatch(body, new RegExp(draftHeadline));
    });

    test('section and topic feeds hold only their stories; unknown ones are 404', async () => {
      const section = await get('/kultur/feed.xml');
      assert.equal(section.status, 200);
      const links = [...section.body.matchAll(/<link>([^<]+)<\/link>/g)].map((m) => m[1]!).slice(1);
      assert.ok(links.length >= 1, 'kultur items');
      for (const l of links) assert.match(l, /^https:\/\/news\.example\.org\/kultur\//);
      assert.match(section.body, /<title>Kultur – Lede Test<\/title>/);

      const topic = JSON.parse((await get('/thema/hochwasser-an-der-elbe/feed.json')).body) as { title: string; items: { tags: string[]; title: string }[] };
      assert.equal(topic.title, 'Hochwasser an der Elbe – Lede Test');
      assert.ok(topic.items.length >= 2, 'topic items');
      for (const i of topic.items) assert.ok(i.tags.includes('Hochwasser an der Elbe'), i.title);
      assert.ok(!topic.items.some((i) => i.title.includes(draftHeadline)), 'no drafts');
      assert.equal((await get('/thema/hochwasser-an-der-elbe/atom.xml')).status, 200);
      assert.equal((await get('/politik/atom.xml')).status, 200);

      for (const p of ['/gibt-es-nicht/feed.xml', '/gibt-es-nicht/atom.xml', '/gibt-es-nicht/feed.json', '/thema/nix/feed.xml', '/thema/nix/atom.xml', '/thema/nix/feed.json', '/Politik/feed.xml']) {
        const r = await get(p);
        assert.equal(r.status, 404, p);
        assert.match(r.body, /Seite nicht gefunden/);
      }
    });

    test('every page links the site feed for feed readers', async () => {
      for (const p of ['/', '/politik', '/politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen']) {
        assert.match((await get(p)).body, /<link rel="alternate" type="application\/rss\+xml" title="Lede Test" href="\/feed\.xml"\/>/, p);
      }
    });
  });
}
