import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDemoContent } from '../../src/services/demo/load-demo.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { safeJsonForScript } from '../../src/site/structured-data.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';

const SITE = 'https://news.example.org';

/** The page's JSON-LD scripts, parsed. */
function jsonLd(html: string): Record<string, any>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

/** content of `<meta property|name="key">`, all of them. */
function metas(html: string, key: string): string[] {
  return [...html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)"\/>/g)].filter((m) => m[1] === key).map((m) => m[2]!);
}

test('JSON for a script element cannot close it or open a comment', () => {
  const out = safeJsonForScript({ h: '</script><script>alert(1)</script><!-- & \u2028' });
  assert.doesNotMatch(out, /[<>&\u2028]/);
  assert.deepEqual(JSON.parse(out), { h: '</script><script>alert(1)</script><!-- & \u2028' });
});

for (const engine of engines()) {
  describe(`structured data on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: ReturnType<typeof createApp>;
    let service: StoryService;

    before(async () => {
      db = await engine.open();
      await loadDemoContent(db);
      service = new StoryService(db);
      app = createApp(db, { siteName: 'Lede Test', siteUrl: SITE });
    });
    after(async () => {
      await db?.close();
    });

    const page = async (p: string) => {
      const res = await app.request(p);
      assert.equal(res.status, 200, p);
      return res.text();
    };

    test('an article carries NewsArticle JSON-LD, Open Graph and Twitter tags', async () => {
      const path = '/politik/haushalt-fuer-2027-mit-knapper-mehrheit-beschlossen';
      const html = await page(path);
      const [ld, more] = jsonLd(html);
      assert.equal(more, undefined, 'one JSON-LD block');
      assert.ok(ld, 'JSON-LD present');
      assert.equal(ld['@context'], 'https://schema.org');
      assert.equal(ld['@type'], 'NewsArticle');
      assert.equal(ld.headline, 'Haushalt für 2027 mit knapper Mehrheit beschlossen');
      assert.match(ld.description, /^Nach drei Tagen Debatte/);
      assert.deepEqual(ld.author.map((a: any) => [a['@type'], a.name]), [['Person', 'Miriam Scholz'], ['Person', 'Jonas Albrecht']]);
      assert.deepEqual(ld.publisher, { '@type': 'Organization', name: 'Lede Test', url: `${SITE}/` });
      assert.deepEqual(ld.mainEntityOfPage, { '@type': 'WebPage', '@id': `${SITE}${path}` });
      assert.equal(ld.inLanguage, 'de');
      assert.equal(ld.articleSection, 'Politik');
      assert.deepEqual(ld.keywords, ['Landeshaushalt']);
      assert.match(ld.datePublished, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      assert.match(ld.dateModified, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      const [image] = ld.image;
      assert.equal(image['@type'], 'ImageObject');
      assert.equal(image.url, `${SITE}/demo-media/parliament.svg`);
      assert.ok(image.creditText, 'creditText from the figure credit');
      assert.deepEqual(image.copyrightHolder, { '@type': 'Organization', name: image.creditText });

      assert.deepEqual(metas(html, 'og:type'), ['article']);
      assert.deepEqual(metas(html, 'og:title'), ['Landtag: Haushalt für 2027 mit knapper Mehrheit beschlossen']);
      assert.deepEqual(metas(html, 'og:url'), [`${SITE}${path}`]);
      assert.deepEqual(metas(html, 'og:image'), [`${SITE}/demo-media/parliament.svg`]);
      assert.deepEqual(metas(html, 'og:locale'), ['de_DE']);
      assert.equal(metas(html, 'og:description').length, 1);
      assert.deepEqual(metas(html, 'article:published_time'), [ld.datePublished]);
      assert.deepEqual(metas(html, 'article:section'), ['Politik']);
      assert.deepEqual(metas(html, 'twitter:card'), ['summary_large_image']);
      assert.match(html, new RegExp(`<link rel="canonical" href="${SITE}${path}"/>`));
    });

    test('a live ticker is a LiveBlogPosting with its entries as updates', async () => {
      const [ld] = jsonLd(await page('/sachsen-anhalt/hochwasser-an-der-elbe-die-lage-im-ticker'));
      assert.equal(ld!['@type'], 'LiveBlogPosting');
      assert.equal(ld!.liveBlogUpdate.length, 4);
      for (const u of ld!.liveBlogUpdate) {
        assert.equal(u['@type'], 'BlogPosting');
        assert.equal(typeof u.headline, 'string');
        assert.match(u.datePublished, /^\d{4}-\d{2}-\d{2}T/);
        assert.match(u.url, /#e-\d{12}$/);
      }
      assert.ok(ld!.coverageStartTime, 'coverage start');
    });

    test('video and audio items describe their media with an ISO 8601 duration', async () => {
      const [video] = jsonLd(await page('/sachsen-anhalt/ein-tag-im-krisenstab'));
      assert.equal(video!.video['@type'], 'VideoObject');
      assert.equal(video!.video.duration, 'PT2M34S');
      assert.ok(video!.video.uploadDate, 'uploadDate');
      const [audio] = jsonLd(await page('/welt/was-der-klimawandel-fuer-unsere-fluesse-bedeutet'));
      assert.equal(audio!.audio['@type'], 'AudioObject');
      assert.equal(audio!.audio.duration, 'PT31M');
    });

    test('English stories get en_GB; stories without an image get a summary card', async () => {
      const s = await service.create({ headline: 'Plain story', language: 'en', section: 'World', teaser: 'No picture.' }, { status: 'published' });
      const html = await page(`/world/${s.slug}`);
      assert.deepEqual(metas(html, 'og:locale'), ['en_GB']);
      assert.deepEqual(metas(html, 'og:image'), []);
      assert.deepEqual(metas(html, 'twitter:card'), ['summary']);
      const [ld] = jsonLd(html);
      assert.equal(ld!.image, undefined);
      assert.equal(ld!.inLanguage, 'en');
    });

    test('a headline with </script> cannot break out of the JSON-LD script', async () => {
      const headline = 'Warum </script><script>alert(1)</script> nie ausgeführt wird';
      const s = await service.create({ headline, kicker: '<!-- Test', section: 'Politik', teaser: 'A & B </SCRIPT>' }, { status: 'published' });
      const html = await page(`/politik/${s.slug}`);
      assert.doesNotMatch(html, /<script>alert/);
      const head = html.slice(0, html.indexOf('</head>'));
      assert.equal([...head.matchAll(/<script/gi)].length, 1, 'one script element in the head');
      assert.equal([...head.matchAll(/<\/script/gi)].length, 1, 'closed once');
      const [ld] = jsonLd(html);
      assert.equal(ld!.headline, headline);
      assert.equal(ld!.alternativeHeadline, '<!-- Test');
      assert.equal(ld!.description, 'A & B </SCRIPT>');
    });

    test('drafts have no page, so no structured data either', async () => {
      const d = await service.create({ headline: 'Geheimer Entwurf', section: 'Politik' });
      assert.equal((await app.request(`/politik/${d.slug}`)).status, 404);
    });
  });
}
