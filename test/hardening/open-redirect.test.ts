/**
 * Issue 10, item 8: no open redirect through a section name. A section whose
 * name has no Latin letters or digits ("<!--", "経済") gets a stable slug of
 * its own, stored and used by every page, feed, sitemap and JSON-LD block; the
 * story route never redirects to a Location that is not a path on this site;
 * and a figure's or link's "site path" must really be one.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { SLUG_PATTERN, isSafeLocalPath, safeLocalPath, sectionSlug, slugify, validateDraft } from '../../src/content/index.js';
import { createApp } from '../../src/server/app.js';
import { StoryService } from '../../src/services/story-service.js';
import { migrationsDir } from '../../src/store/index.js';
import { forEachEngine } from '../helpers/db.js';

const SITE = { siteName: 'Lede Test', siteUrl: 'https://news.example' };

test('safeLocalPath accepts paths on this site and nothing that leaves it', () => {
  const good = ['/', '/politik', '/politik/haushalt-beschlossen', '/suche?q=a%20b', '/thema/x#teil', '/media/Foto%20A.jpg', '/a/b//c', '/..//x'];
  for (const p of good) assert.equal(isSafeLocalPath(p), true, p);
  const bad = [
    '', 'politik', '//16843009', '//evil.example/x', '/\\evil.example', '/\\/evil.example', '\\\\evil.example', '\\/evil.example',
    '/%2F%2Fevil.example', '/%2fevil.example', '/%5Cevil.example', '/%5cevil.example', '/\t/evil.example', '/\r\n/evil.example',
    '/a\nLocation: https://evil.example', '/a%0d%0aSet-Cookie:x=1', '/%09/evil.example', '/a\u0000b', '/a\u007f', '/a\u0085',
    '/a\\b', '/%', '/%E0%A4%A', 'https://evil.example/', 'javascript:alert(1)', ' /x',
  ];
  for (const p of bad) assert.equal(isSafeLocalPath(p), false, JSON.stringify(p));
  assert.equal(isSafeLocalPath(undefined), false);
  assert.equal(isSafeLocalPath(42), false);
  assert.equal(safeLocalPath('//evil.example'), '/');
  assert.equal(safeLocalPath('/\\evil.example', '/newsroom'), '/newsroom');
  assert.equal(safeLocalPath('/politik/x'), '/politik/x');
});

test('every section name has a non-empty slug; names without Latin letters get a stable one of their own', () => {
  assert.equal(sectionSlug('Politik'), 'politik');
  assert.equal(sectionSlug('Über uns'), 'ueber-uns');
  assert.equal(sectionSlug('Nachrichten'), 'nachrichten');
  const names = ['<!--', '—', '経済', '政治', 'Ελλάδα', 'Новости', 'أخبار', '!!!'];
  const slugs = names.map(sectionSlug);
  for (const [i, s] of slugs.entries()) {
    assert.match(s, SLUG_PATTERN, names[i]);
    assert.match(s, /^rubrik-[0-9a-f]{8}$/, names[i]);
    assert.equal(sectionSlug(names[i]!), s, 'the same name, the same slug');
  }
  assert.equal(new Set(slugs).size, names.length, 'different names, different slugs');
  // A name with some Latin letters keeps slugify's words.
  assert.equal(sectionSlug('経済 Wirtschaft'), slugify('経済 Wirtschaft'));
});

test('a figure or link "site path" that a browser reads as another host is refused', () => {
  const base = { kind: 'article', language: 'de', headline: 'Pfad', authors: [], section: 'Politik', topics: [], related: [] };
  for (const src of ['/\\evil.example/x.jpg', '//evil.example/x.jpg', '/%5Cevil.example/x.jpg', '/%2F%2Fevil.example/x.jpg']) {
    const lead = validateDraft({ ...base, body: [], lead: { kind: 'image', src, alt: 'x' } });
    assert.ok(!lead.ok && lead.issues.some((i) => i.path === 'lead.src' && i.code === 'bad_url'), `lead ${src}: ${JSON.stringify(lead)}`);
    const link = validateDraft({ ...base, body: [{ type: 'paragraph', content: [{ text: 'hier', href: src }] }] });
    assert.ok(!link.ok && link.issues.some((i) => i.path.endsWith('.href') && i.code === 'bad_url'), `href ${src}: ${JSON.stringify(link)}`);
  }
  const fine = validateDraft({ ...base, body: [], lead: { kind: 'image', src: '/demo-media/elbe.svg', alt: 'x' } });
  assert.ok(fine.ok, JSON.stringify(fine));
});

forEachEngine('section slugs and redirects', (ctx) => {
  test('a story in a section named "<!--" is served at its stored slug and nothing links to //…', async () => {
    const service = new StoryService(ctx.db);
    const app = createApp(ctx.db, SITE);
    const story = await service.create({
      slug: '16843009', section: '<!--', headline: 'x', kind: 'article', language: 'de', authors: [], topics: [], related: [],
      body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }],
    }, { status: 'published' });
    const cjk = await service.create({
      headline: 'Wirtschaftsbericht', section: '経済', kind: 'article', language: 'de', authors: [], topics: [], related: [],
      body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }],
    }, { status: 'published' });

    const slug = sectionSlug('<!--');
    const rows = await ctx.db.query<{ slug: string; section_slug: string }>('SELECT slug, section_slug FROM stories WHERE id IN ($1, $2) ORDER BY slug', [story.id, cjk.id]);
    assert.deepEqual(rows.map((r) => r.section_slug).sort(), [slug, sectionSlug('経済')].sort(), 'the stored slug is the rule\'s');

    const page = await app.request(`/${slug}/16843009`);
    assert.equal(page.status, 200, 'the story is reachable at its stored section slug');
    const pageBody = await page.text();
    assert.ok(pageBody.includes(`https://news.example/${slug}/16843009`), 'canonical and JSON-LD name the real address');
    assert.equal((await app.request(`/${sectionSlug('経済')}/${cjk.slug}`)).status, 200, 'a CJK section\'s story is reachable');
    assert.equal((await app.request(`/${slug}`)).status, 200, 'the section page exists');

    // The old address and any other section redirect to the story's path on this site, never to //….
    for (const from of ['/nachrichten/16843009', '/politik/16843009']) {
      const res = await app.request(from);
      assert.equal(res.status, 301, from);
      assert.equal(res.headers.get('location'), `/${slug}/16843009`, from);
    }

    const bodies: Record<string, string> = { story: pageBody };
    for (const p of ['/', `/${slug}`, '/feed.xml', '/atom.xml', '/feed.json', `/${slug}/feed.xml`, '/sitemap.xml', '/sitemaps/sections.xml', '/sitemaps/news.xml', '/sitemaps/stories-1.xml']) {
      const res = await app.request(p);
      assert.equal(res.status, 200, p);
      bodies[p] = await res.text();
    }
    for (const [p, body] of Object.entries(bodies)) {
      assert.ok(!/\/\/16843009|example\/\/|"\/\/|'\/\//.test(body), `${p} links to a protocol-relative address`);
      assert.ok(!/\/nachrichten\/16843009/.test(body), `${p} still names the old, wrong address`);
    }
    for (const p of ['/', '/feed.xml', '/atom.xml', '/feed.json', '/sitemaps/stories-1.xml']) {
      assert.ok(bodies[p]!.includes(`/${slug}/16843009`), `${p} links the story at its section slug`);
    }
  });

  test('migration 011 moves stories stored under the old rule to their own section slug', async () => {
    const service = new StoryService(ctx.db);
    const make = (headline: string, section: string) => service.create({
      headline, section, kind: 'article', language: 'de', authors: [], topics: [], related: [],
      body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }],
    }, { status: 'published' });
    const stories = [await make('Alt eins', '<!-- alt'), await make('Alt zwei', 'Новости'), await make('Alt drei', 'Nachrichten'),
      await make('Alt vier', 'Ökonomie'), await make('Alt fünf', 'Æ'), await make('Alt sechs', 'ß')];
    const ids = stories.map((s) => s.id);
    // As the old rule wrote them: slugify(name) || 'nachrichten'.
    for (const s of stories) {
      await ctx.db.query('UPDATE stories SET section_slug = $2 WHERE id = $1', [s.id, slugify(s.section) || 'nachrichten']);
    }
    const sql = fs.readFileSync(path.join(migrationsDir(), '011_section_slugs.sql'), 'utf8');
    await ctx.db.exec(sql);
    const rows = await ctx.db.query<{ id: string; section: string; section_slug: string }>('SELECT id, section, section_slug FROM stories WHERE id = ANY($1::uuid[])', [ids]);
    for (const r of rows) assert.equal(r.section_slug, sectionSlug(r.section), r.section);
  });
});
