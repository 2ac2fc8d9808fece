/**
 * Import notes: the page-text importer's warnings are stored with the story
 * it made (same transaction), shown in the editor and the newsroom JSON until
 * someone marks them done, and never reach readers (site, feeds, /api/v1).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { sectionSlug, storyPath, type Story } from '../../src/content/index.js';
import type { Role } from '../../src/content/roles.js';
import { createApp } from '../../src/server/app.js';
import { AccountService } from '../../src/services/account-service.js';
import { withImportWarnings } from '../../src/services/import-warnings.js';
import { StoryService } from '../../src/services/story-service.js';
import { addImportWarnings } from '../../src/store/import-warnings.js';
import { importWarningsOf } from '../../src/store/import-warnings-queries.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';

const PASSWORD = 'hinweis-passwort-1';
const API = '/newsroom/api/stories';

/** A page whose first line is no headline: the importer derives one and says so. */
const NO_HEADLINE = 'Die Stadt Magdeburg hat nach drei Jahren Bauzeit die neue Brücke über die Elbe freigegeben, und viele Menschen kamen zum Fest am Ufer. '
  + 'Der Oberbürgermeister sprach von einem großen Tag. Danach gab es Musik.\n';
/** A page with broken umlauts (U+FFFD) and a broadcast line without a date that the importer quotes, markup and all. */
const BROKEN = 'Magdeburg\nNeue Br\uFFFDcke über die Elbe freigegeben\nNach drei Jahren Bauzeit ist die Br\uFFFDcke offen.\n\n'
  + 'Sendung: <u>Abendschau</u> & mehr\n\nDie Stadt feiert mit einem Fest.\n';
/** A clean page: no warnings. */
const CLEAN = 'Magdeburg\nNeue Brücke über die Elbe freigegeben\nNach drei Jahren Bauzeit ist die Brücke offen.\n\nDie Stadt feiert mit einem Fest.\n';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** The "Import notes" panel of an editor page, or undefined. */
const panelOf = (html: string) => /<section id="import-notes"[\s\S]*?<\/section>/.exec(html)?.[0];

for (const engine of engines()) {
  describe(`import notes on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: Hono;
    const users: Record<string, { id: string; b: Browser }> = {};
    const as = (who: string) => users[who]!.b;

    before(async () => {
      db = await engine.open();
      app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
      const accounts = new AccountService(db);
      const people: Array<[string, Role, ('de' | 'en')?]> = [
        ['contributor', 'contributor'], ['contributor2', 'contributor'], ['author', 'author'], ['editor', 'editor'], ['editor-en', 'editor', 'en'],
      ];
      for (const [key, role, language] of people) {
        const user = await accounts.createUser({ email: `${key}@example.org`, name: `Person ${key}`, role, password: PASSWORD, ...(language && { language }) }, { name: 'test' });
        const b = new Browser(app);
        await b.apiLogin(`${key}@example.org`, PASSWORD);
        users[key] = { id: user.id, b };
      }
    });
    after(async () => {
      await db?.close();
    });

    const importPage = async (who: string, text: string) => {
      const res = await as(who).json<Story & { warnings: string[]; importWarnings: string[] }>('POST', '/newsroom/api/import', { text, source: 'seite.txt' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };
    const editorHtml = async (who: string, id: string) => {
      const res = await as(who).request(`/newsroom/stories/${id}`);
      assert.equal(res.status, 200);
      return res.text();
    };

    test('an import with warnings stores them; the newsroom JSON and the editor show them, escaped', async () => {
      const story = await importPage('editor', BROKEN);
      assert.ok(story.warnings.some((w) => w.includes('U+FFFD')), `a U+FFFD warning: ${JSON.stringify(story.warnings)}`);
      // The quoted broadcast line carries markup from the page: the test of escaping needs it.
      // (The importer takes paragraph and emphasis tags printed as text off a line; an underline tag it leaves.)
      assert.ok(story.warnings.some((w) => w.includes('<u>')), `a warning quoting markup: ${JSON.stringify(story.warnings)}`);
      assert.deepEqual(story.importWarnings, story.warnings);
      assert.deepEqual(await importWarningsOf(db, story.id), story.warnings);

      const got = await as('editor').json<Story & { importWarnings: string[] }>('GET', `${API}/${story.id}`);
      assert.equal(got.status, 200);
      assert.deepEqual(got.body.importWarnings, story.warnings);
      // What GET answers can be saved back as it is (the field is the server's, like version); saving keeps the notes.
      const saved = await as('editor').json<Story>('PUT', `${API}/${story.id}`, { story: got.body }, { 'if-match': `"v${story.version}"` });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.deepEqual(await importWarningsOf(db, story.id), story.warnings);

      const html = await editorHtml('editor', story.id);
      const panel = panelOf(html);
      assert.ok(panel, 'the editor has the import notes panel');
      assert.match(panel, /Hinweise aus dem Import/);
      assert.match(panel, /id="import-notes-done"[^>]*>Erledigt</);
      for (const w of story.warnings) assert.ok(panel.includes(`<li>${escapeHtml(w)}</li>`), `escaped in the panel: ${w}`);
      assert.ok(!html.includes('<u>Abendschau</u>'), 'the page\'s markup is never HTML in the editor');

      // The same in English for someone who works in English.
      const en = await editorHtml('editor-en', story.id);
      assert.match(panelOf(en) ?? '', /Import notes[\s\S]*>Done</);
    });

    test('the page-text import of a text without a headline line stores the importer\'s note', async () => {
      const story = await importPage('contributor', NO_HEADLINE);
      assert.ok(story.warnings.some((w) => /headline/.test(w)), JSON.stringify(story.warnings));
      assert.deepEqual(await importWarningsOf(db, story.id), story.warnings);
    });

    test('an import without warnings stores nothing and the editor has no panel', async () => {
      const story = await importPage('editor', CLEAN);
      assert.deepEqual(story.warnings, []);
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_warnings WHERE story_id = $1', [story.id]);
      assert.equal(row!.n, 0);
      assert.deepEqual((await as('editor').json('GET', `${API}/${story.id}`)).body.importWarnings, []);
      assert.equal(panelOf(await editorHtml('editor', story.id)), undefined);
    });

    test('a warning is text, never HTML, wherever it comes from', async () => {
      const story = await importPage('editor', CLEAN);
      const nasty = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
      await addImportWarnings(db, [{ storyId: story.id, warnings: [nasty] }]);
      const html = await editorHtml('editor', story.id);
      assert.ok(panelOf(html)!.includes(`<li>${escapeHtml(nasty)}</li>`));
      assert.ok(!html.includes('<script>alert'), 'no script from a warning');
      assert.ok(!html.includes('<img src=x'), 'no element from a warning');
    });

    test('readers never see them: the reader page, the feed and /api/v1 carry no import notes', async () => {
      const story = await importPage('editor', BROKEN);
      const published = await as('editor').json<Story>('POST', `${API}/${story.id}/transitions`, { to: 'published' }, { 'if-match': `"v${story.version}"` });
      assert.equal(published.status, 200, JSON.stringify(published.body));
      const markers = [...story.warnings, 'importWarnings', 'import_warnings', 'Hinweise aus dem Import'];
      const page = await app.request(`http://localhost${storyPath({ sectionSlug: sectionSlug(published.body.section), slug: published.body.slug })}`);
      assert.equal(page.status, 200);
      const readerHtml = await page.text();
      assert.ok(readerHtml.includes('Neue Br'), 'the reader page shows the story');
      const api = await app.request(`http://localhost/api/v1/stories/${story.id}`);
      assert.equal(api.status, 200);
      const apiText = await api.text();
      assert.ok(apiText.includes(story.id));
      const ninjs = await (await app.request(`http://localhost/api/v1/stories/${story.id}?format=ninjs`)).text();
      const feed = await app.request('http://localhost/feed.xml');
      assert.equal(feed.status, 200);
      const feedText = await feed.text();
      assert.ok(feedText.includes(story.slug), 'the feed lists the story');
      for (const [where, text] of [['reader page', readerHtml], ['/api/v1', apiText], ['/api/v1 ninjs', ninjs], ['feed', feedText]] as const) {
        // Warnings quote the page (here: "Sendung: <u>…"), so look for the importer's own words around it.
        for (const m of markers) assert.ok(!text.includes(m) && !text.includes(escapeHtml(m)), `${where} must not show "${m}"`);
      }
      // Publishing did not touch them: the newsroom still has them.
      assert.deepEqual(await importWarningsOf(db, story.id), story.warnings);
    });

    test('"Done" deletes them for everyone (204, again 204); the editor and the JSON no longer show them', async () => {
      const story = await importPage('editor', BROKEN);
      const done = await as('editor').api('DELETE', `${API}/${story.id}/import-warnings`);
      assert.equal(done.status, 204);
      assert.deepEqual(await importWarningsOf(db, story.id), []);
      assert.deepEqual((await as('editor').json('GET', `${API}/${story.id}`)).body.importWarnings, []);
      assert.equal(panelOf(await editorHtml('editor', story.id)), undefined);
      assert.equal((await as('editor').api('DELETE', `${API}/${story.id}/import-warnings`)).status, 204);
      // The story itself is as it was: no new version.
      assert.equal((await as('editor').json<Story>('GET', `${API}/${story.id}`)).body.version, story.version);
    });

    test('dismissing needs what saving needs: someone else\'s story is 404 for a contributor, 403 for an author, as for PUT', async () => {
      const story = await importPage('contributor', BROKEN);
      const dismiss = (who: string) => as(who).api('DELETE', `${API}/${story.id}/import-warnings`);
      const save = (who: string) => as(who).api('PUT', `${API}/${story.id}`, { story: { kind: 'article', language: 'de', headline: 'X', body: [] } }, { 'if-match': `"v${story.version}"` });
      const other = await dismiss('contributor2');
      assert.equal(other.status, (await save('contributor2')).status);
      assert.equal(other.status, 404);
      const author = await dismiss('author');
      assert.equal(author.status, (await save('author')).status);
      assert.equal(author.status, 403);
      assert.deepEqual(await importWarningsOf(db, story.id), story.warnings, 'refused: nothing deleted');
      // The author of the import may.
      assert.equal((await dismiss('contributor')).status, 204);
      // An unknown story; an id with a NUL in it is refused in words, not with a 500.
      assert.equal((await as('editor').api('DELETE', `${API}/00000000-0000-4000-8000-000000000000/import-warnings`)).status, 404);
      const nul = await as('editor').json('DELETE', `${API}/a%00b/import-warnings`);
      assert.ok(nul.status === 404 || nul.status === 422, `${nul.status} ${JSON.stringify(nul.body)}`);
      assert.ok(nul.body.error?.message, JSON.stringify(nul.body));
      // Without the session's CSRF token: refused, nothing deleted.
      const again = await importPage('editor', BROKEN);
      const noToken = await as('editor').request(`${API}/${again.id}/import-warnings`, { method: 'DELETE' });
      assert.equal(noToken.status, 403);
      assert.deepEqual(await importWarningsOf(db, again.id), again.warnings);
      // Anonymous: 401.
      assert.equal((await new Browser(app).api('DELETE', `${API}/${again.id}/import-warnings`)).status, 401);
    });

    test('someone who may look but not edit gets the list without the button', async () => {
      // An editor's import, shown to an author (who may view any story but edit only their own).
      const story = await importPage('editor', BROKEN);
      const panel = panelOf(await editorHtml('author', story.id));
      assert.ok(panel);
      assert.doesNotMatch(panel, /import-notes-done/);
    });

    test('written in the story\'s transaction: a creation that rolls back leaves no notes', async () => {
      const stories = new StoryService(db);
      const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_warnings');
      const draft = { kind: 'article' as const, language: 'de' as const, headline: 'Zurückgerollt', body: [], source: 'rollback.txt' };
      let stored: Story | undefined;
      await assert.rejects(stories.create(draft, {
        onStored: async (tx, s) => {
          await withImportWarnings(['kept only with the story'])(tx, s);
          stored = s[0]!.story;
          // The notes are written …
          const [seen] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM import_warnings WHERE story_id = $1', [stored.id]);
          assert.equal(seen!.n, 1);
          // … and then something later in the same transaction fails.
          throw new Error('a later write failed');
        },
      }), /a later write failed/);
      assert.ok(stored);
      const [gone] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stories WHERE id = $1', [stored.id]);
      assert.equal(gone!.n, 0);
      assert.deepEqual(await importWarningsOf(db, stored.id), []);
      const afterCount = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_warnings');
      assert.equal(afterCount[0]!.n, before[0]!.n);
    });
  });
}
