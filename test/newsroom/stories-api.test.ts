import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type { Story, StoryDraft } from '../../src/content/index.js';
import { AccountService } from '../../src/services/account-service.js';
import type { Role } from '../../src/content/roles.js';
import { MAX_IMPORT_BYTES } from '../../src/api/stories-api.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';

const PASSWORD = 'redaktion-passwort-1';
const API = '/newsroom/api/stories';

let n = 0;
function draft(overrides: Partial<StoryDraft> = {}): StoryDraft {
  n++;
  return {
    kind: 'article',
    language: 'de',
    kicker: 'Magdeburg',
    headline: `Stadtrat beschließt Radwegeplan ${n}`,
    teaser: 'Zwölf neue Kilometer bis 2028.',
    authors: [{ name: 'Rita Rad' }],
    section: 'Sachsen-Anhalt',
    topics: ['Verkehr'],
    related: [],
    body: [{ type: 'paragraph', content: [{ text: 'Der Stadtrat hat am Abend den Radwegeplan beschlossen.' }] }],
    ...overrides,
  };
}

const ticker = (overrides: Partial<StoryDraft> = {}) => draft({
  kind: 'liveticker',
  headline: `Hochwasser an der Elbe: der Tag im Ticker ${n}`,
  body: [{ type: 'ticker-entry', time: '2026-11-25T08:00:00+01:00', title: 'Pegel steigt', body: [{ type: 'paragraph', content: [{ text: 'Der Pegel steigt.' }] }] }],
  ...overrides,
});

const text = (s: Story) => s.body.map((b) => (b.type === 'paragraph' ? b.content.map((i) => i.text).join('') : '')).join('\n');
const para = (t: string) => [{ type: 'paragraph' as const, content: [{ text: t }] }];

for (const engine of engines()) {
  describe(`newsroom stories API on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: Hono;
    const users: Record<string, { id: string; name: string; b: Browser }> = {};

    /** A logged-in browser for a role (two people per role: "contributor" and "contributor2"). */
    const as = (who: string) => users[who]!.b;

    before(async () => {
      db = await engine.open();
      app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
      const accounts = new AccountService(db);
      const people: Array<[string, Role, string]> = [
        ['contributor', 'contributor', 'Carla Zuträgerin'], ['contributor2', 'contributor', 'Conrad Zweiter'],
        ['author', 'author', 'Anna Autorin'], ['author2', 'author', 'Arne Anderer'],
        ['editor', 'editor', 'Clara Dienst'], ['admin', 'admin', 'Adam Admin'],
      ];
      for (const [key, role, name] of people) {
        const user = await accounts.createUser({ email: `${key}@example.org`, name, role, password: PASSWORD }, { name: 'test' });
        const b = new Browser(app);
        await b.apiLogin(`${key}@example.org`, PASSWORD);
        users[key] = { id: user.id, name, b };
      }
    });
    after(async () => {
      await db?.close();
    });

    const create = async (who: string, d: StoryDraft = draft()): Promise<Story> => {
      const res = await as(who).json<Story>('POST', API, d);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };

    test('create, read and save a story with versions as ETags', async () => {
      const d = draft();
      const res = await as('author').json<Story>('POST', API, d);
      assert.equal(res.status, 201);
      const story = res.body;
      assert.equal(story.status, 'draft');
      assert.equal(story.ownerId, users.author!.id);
      assert.equal(res.res.headers.get('etag'), '"v1"');
      assert.equal(res.res.headers.get('location'), `${API}/${story.id}`);

      const got = await as('author').json<Story>('GET', `${API}/${story.id}`);
      assert.equal(got.status, 200);
      assert.equal(got.res.headers.get('etag'), '"v1"');
      assert.equal(got.body.headline, d.headline);
      assert.equal(got.res.headers.get('cache-control'), 'no-store');

      const saved = await as('author').json<Story>('PUT', `${API}/${story.id}`, { story: { ...got.body, headline: 'Neuer Titel' } }, { 'if-match': '"v1"' });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal(saved.body.version, 2);
      assert.equal(saved.body.headline, 'Neuer Titel');
      assert.equal(saved.res.headers.get('etag'), '"v2"');
      assert.equal(saved.body.modifiedBy, users.author!.id);
    });

    test('writes without If-Match (or with a malformed one) get 428 and change nothing', async () => {
      const story = await create('author');
      const none = await as('author').json('PUT', `${API}/${story.id}`, { story: { ...story, headline: 'Ohne Version' } });
      assert.equal(none.status, 428);
      assert.match(none.body.error.message, /If-Match/);
      const bad = await as('author').json('PUT', `${API}/${story.id}`, { story: { ...story, headline: 'Kaputt' } }, { 'if-match': '3' });
      assert.equal(bad.status, 428);
      assert.match(bad.body.error.message, /not a story version/);
      for (const path of ['transitions', 'restore']) {
        const r = await as('author').json('POST', `${API}/${story.id}/${path}`, { to: 'in_review', version: 1 });
        assert.equal(r.status, 428, path);
      }
      assert.equal((await as('author').json('PUT', `${API}/${story.id}/depublish-at`, { at: null })).status, 428);
      const stored = await as('author').json<Story>('GET', `${API}/${story.id}`);
      assert.equal(stored.body.version, 1);
      assert.equal(stored.body.headline, story.headline);
    });

    test('a weak ETag is accepted; a story is also found by its slug; a body over 2 MB is 413', async () => {
      const story = await create('author');
      const weak = await as('author').json<Story>('PUT', `${API}/${story.slug}`, { story: { ...story, teaser: 'Schwach, aber gültig.' } }, { 'if-match': 'W/"v1"' });
      assert.equal(weak.status, 200, JSON.stringify(weak.body));
      assert.equal(weak.body.id, story.id);
      const huge = await as('author').json('PUT', `${API}/${story.id}`, { story: { ...story, teaser: 'x'.repeat(2 * 1024 * 1024) } }, { 'if-match': '"v2"' });
      assert.equal(huge.status, 413);
      assert.equal(huge.body.error.code, 'PAYLOAD_TOO_LARGE');
      assert.equal((await as('author').json<Story>('GET', `${API}/${story.id}`)).body.version, 2);
    });

    test('two sessions edit version 1: the second save gets 412 with both versions, nothing is lost', async () => {
      const story = await create('author');
      const editor = as('editor');
      const first = await as('author').json<Story>('PUT', `${API}/${story.id}`, { story: { ...story, headline: 'Fassung der Autorin' } }, { 'if-match': '"v1"' });
      assert.equal(first.status, 200);
      const mine = { ...story, teaser: 'Fassung der Redaktion' };
      const second = await editor.json<{ error: { code: string; message: string }; current: Story; yours: Story }>('PUT', `${API}/${story.id}`, { story: mine }, { 'if-match': '"v1"' });
      assert.equal(second.status, 412);
      assert.equal(second.body.error.code, 'VERSION_CONFLICT');
      assert.match(second.body.error.message, /you edited version 1, the current version is 2/);
      assert.equal(second.body.current.version, 2);
      assert.equal(second.body.current.headline, 'Fassung der Autorin');
      assert.equal(second.body.yours.teaser, 'Fassung der Redaktion');
      // The client merges and saves against the current version: both changes survive.
      const merged = await editor.json<Story>('PUT', `${API}/${story.id}`, { story: { ...second.body.current, teaser: second.body.yours.teaser } }, { 'if-match': '"v2"' });
      assert.equal(merged.status, 200);
      assert.equal(merged.body.headline, 'Fassung der Autorin');
      assert.equal(merged.body.teaser, 'Fassung der Redaktion');
      assert.equal(merged.body.version, 3);
    });

    test('20 concurrent saves of the same version: exactly one wins, 19 get 412, the stored story is the winner', async () => {
      const story = await create('editor');
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => as('editor').json<Story>('PUT', `${API}/${story.id}`,
        { story: { ...story, body: para(`Fassung Nummer ${i}`) } }, { 'if-match': '"v1"' })));
      const won = results.filter((r) => r.status === 200);
      const lost = results.filter((r) => r.status === 412);
      assert.equal(won.length, 1, results.map((r) => r.status).join(','));
      assert.equal(lost.length, 19);
      const stored = (await as('editor').json<Story>('GET', `${API}/${story.id}`)).body;
      assert.equal(stored.version, 2);
      assert.equal(text(stored), text(won[0]!.body));
      const revisions = (await as('editor').json<unknown[]>('GET', `${API}/${story.id}/revisions`)).body;
      assert.equal(revisions.length, 2);
    });

    test('invalid drafts answer 422 naming each field; nothing is saved', async () => {
      const bad = await as('author').json('POST', API, { kind: 'article', headline: '', body: 'kein Array' });
      assert.equal(bad.status, 422);
      assert.ok(bad.body.error.issues.some((i: { path: string }) => i.path === 'headline'));
      assert.ok(bad.body.error.issues.some((i: { path: string }) => i.path === 'body'));
      const story = await create('author');
      const put = await as('author').json('PUT', `${API}/${story.id}`, { story: { ...story, kicker: 'x'.repeat(500) } }, { 'if-match': '"v1"' });
      assert.equal(put.status, 422);
      assert.ok(put.body.error.issues.some((i: { path: string }) => i.path === 'kicker'));
      const bare = await as('author').json('PUT', `${API}/${story.id}`, { ...story }, { 'if-match': '"v1"' });
      assert.equal(bare.status, 422);
      assert.match(bare.body.error.message, /"story"/);
      const notJson = await as('author').json('POST', API, '{kaputt', { 'content-type': 'application/json' });
      assert.equal(notJson.status, 422);
      assert.match(notJson.body.error.message, /not valid JSON/);
      const form = await as('author').json('POST', API, 'headline=x', { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(form.status, 422);
      assert.equal((await as('author').json<Story>('GET', `${API}/${story.id}`)).body.version, 1);
    });

    test('contributors see their own stories only: foreign ones are 404, not 403', async () => {
      const own = await create('contributor');
      const foreign = await create('contributor2');
      const byAuthor = await create('author');
      assert.equal((await as('contributor').json('GET', `${API}/${own.id}`)).status, 200);
      for (const s of [foreign, byAuthor]) {
        assert.equal((await as('contributor').json('GET', `${API}/${s.id}`)).status, 404);
        assert.equal((await as('contributor').json('PUT', `${API}/${s.id}`, { story: s }, { 'if-match': '"v1"' })).status, 404);
        assert.equal((await as('contributor').json('GET', `${API}/${s.id}/revisions`)).status, 404);
      }
      // An author sees everyone's stories but may not edit someone else's: 403.
      assert.equal((await as('author').json('GET', `${API}/${foreign.id}`)).status, 200);
      const denied = await as('author').json('PUT', `${API}/${foreign.id}`, { story: foreign }, { 'if-match': '"v1"' });
      assert.equal(denied.status, 403);
      assert.match(denied.body.error.message, /someone else's story/);
      const list = (await as('contributor').json<{ items: Array<{ ownerId: string }> }>('GET', `${API}?limit=200`)).body;
      assert.ok(list.items.length >= 1);
      assert.ok(list.items.every((i) => i.ownerId === users.contributor!.id));
      const sneaky = (await as('contributor').json<{ items: unknown[] }>('GET', `${API}?author=${users.contributor2!.id}`)).body;
      assert.deepEqual(sneaky.items, []);
    });

    test('workflow moves follow TRANSITIONS and the role: submit, publish own, 403 for others, 422 naming the allowed moves', async () => {
      const c = await create('contributor');
      const submit = await as('contributor').json<Story>('POST', `${API}/${c.id}/transitions`, { to: 'in_review' }, { 'if-match': '"v1"' });
      assert.equal(submit.status, 200, JSON.stringify(submit.body));
      assert.equal(submit.body.status, 'in_review');
      assert.equal(submit.res.headers.get('etag'), '"v2"');
      const publish = await as('contributor').json('POST', `${API}/${c.id}/transitions`, { to: 'published' }, { 'if-match': '"v2"' });
      assert.equal(publish.status, 403);
      const unknown = await as('editor').json('POST', `${API}/${c.id}/transitions`, { to: 'depublished' }, { 'if-match': '"v2"' });
      assert.equal(unknown.status, 422);
      assert.match(unknown.body.error.message, /from in_review the moves are: draft, scheduled, published/);
      const editorPublishes = await as('editor').json<Story>('POST', `${API}/${c.id}/transitions`, { to: 'published' }, { 'if-match': '"v2"' });
      assert.equal(editorPublishes.status, 200);
      assert.equal(editorPublishes.body.status, 'published');
      // Now live: the contributor may no longer change it (changing a live story is publishing).
      const late = await as('contributor').json('PUT', `${API}/${c.id}`, { story: editorPublishes.body }, { 'if-match': '"v3"' });
      assert.equal(late.status, 403);

      const a = await create('author');
      const own = await as('author').json<Story>('POST', `${API}/${a.id}/transitions`, { to: 'published' }, { 'if-match': '"v1"' });
      assert.equal(own.status, 200);
      const other = await create('author2');
      assert.equal((await as('author').json('POST', `${API}/${other.id}/transitions`, { to: 'published' }, { 'if-match': '"v1"' })).status, 403);
      assert.equal((await as('author').json('POST', `${API}/${a.id}/transitions`, { to: 'depublished' }, { 'if-match': '"v2"' })).status, 200);
      const bogus = await as('author').json('POST', `${API}/${a.id}/transitions`, { to: 'archived' }, { 'if-match': '"v3"' });
      assert.equal(bogus.status, 422);
    });

    test('scheduling needs a future time; an embargoed story is scheduled for its embargo when published', async () => {
      const s = await create('editor');
      const noAt = await as('editor').json('POST', `${API}/${s.id}/transitions`, { to: 'scheduled' }, { 'if-match': '"v1"' });
      assert.equal(noAt.status, 422);
      assert.match(noAt.body.error.message, /"at"/);
      const past = await as('editor').json('POST', `${API}/${s.id}/transitions`, { to: 'scheduled', at: '2020-01-01T10:00:00+01:00' }, { 'if-match': '"v1"' });
      assert.equal(past.status, 422);
      const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3600_000).toISOString();
      const ok = await as('editor').json<Story>('POST', `${API}/${s.id}/transitions`, { to: 'scheduled', at }, { 'if-match': '"v1"' });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.status, 'scheduled');
      assert.equal(Date.parse(ok.body.scheduledPublishAt!), Date.parse(at));

      const embargo = new Date(Date.now() + 7200_000).toISOString().replace(/\.\d+Z$/, 'Z');
      const e = await create('editor', draft({ embargoUntil: embargo }));
      const pub = await as('editor').json<Story>('POST', `${API}/${e.id}/transitions`, { to: 'published' }, { 'if-match': '"v1"' });
      assert.equal(pub.status, 200);
      assert.equal(pub.body.status, 'scheduled');
      assert.equal(Date.parse(pub.body.scheduledPublishAt!), Date.parse(embargo));
    });

    test('depublish-at: set and clear the takedown time', async () => {
      const s = await create('author');
      await as('author').json('POST', `${API}/${s.id}/transitions`, { to: 'published' }, { 'if-match': '"v1"' });
      const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 86400_000).toISOString();
      const set = await as('author').json<Story>('PUT', `${API}/${s.id}/depublish-at`, { at }, { 'if-match': '"v2"' });
      assert.equal(set.status, 200);
      assert.equal(Date.parse(set.body.scheduledDepublishAt!), Date.parse(at));
      assert.equal((await as('author2').json('PUT', `${API}/${s.id}/depublish-at`, { at: null }, { 'if-match': '"v3"' })).status, 403);
      // A contributor may not see someone else's story at all: it does not exist for them (404), not 'forbidden' (which would tell them it exists).
      assert.equal((await as('contributor').json('PUT', `${API}/${s.id}/depublish-at`, { at: null }, { 'if-match': '"v3"' })).status, 404);
      const cleared = await as('author').json<Story>('PUT', `${API}/${s.id}/depublish-at`, { at: null }, { 'if-match': '"v3"' });
      assert.equal(cleared.status, 200);
      assert.equal(cleared.body.scheduledDepublishAt, undefined);
      assert.equal((await as('author').json('PUT', `${API}/${s.id}/depublish-at`, { at: 'morgen' }, { 'if-match': '"v4"' })).status, 422);
    });

    test('corrections: only on published stories, and only with story.correct', async () => {
      const s = await create('author');
      const early = await as('author').json('PUT', `${API}/${s.id}`, { story: s, correction: 'Zahl berichtigt' }, { 'if-match': '"v1"' });
      assert.equal(early.status, 422);
      assert.match(early.body.error.message, /only a published story/);
      const live = (await as('author').json<Story>('POST', `${API}/${s.id}/transitions`, { to: 'published' }, { 'if-match': '"v1"' })).body;
      const empty = await as('author').json('PUT', `${API}/${s.id}`, { story: live, correction: '  ' }, { 'if-match': '"v2"' });
      assert.equal(empty.status, 422);
      const fixed = await as('author').json<Story>('PUT', `${API}/${s.id}`, { story: { ...live, teaser: 'Elf neue Kilometer bis 2028.' }, correction: 'Es sind elf, nicht zwölf Kilometer.' }, { 'if-match': '"v2"' });
      assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
      assert.equal(fixed.body.corrections?.[0]?.note, 'Es sind elf, nicht zwölf Kilometer.');
      assert.equal((await as('author2').json('PUT', `${API}/${s.id}`, { story: fixed.body, correction: 'Noch eine' }, { 'if-match': '"v3"' })).status, 403);
      const audit = (await as('author').json<Array<{ action: string }>>('GET', `${API}/${s.id}/audit`)).body;
      assert.deepEqual(audit.map((e) => e.action), ['story.corrected', 'story.published']);
    });

    test('revisions: list, read one, restore as a new revision', async () => {
      const s = await create('author');
      await as('author').json('PUT', `${API}/${s.id}`, { story: { ...s, headline: 'Zweite Fassung' } }, { 'if-match': '"v1"' });
      const list = (await as('author').json<Array<{ version: number; savedByName: string }>>('GET', `${API}/${s.id}/revisions`)).body;
      assert.deepEqual(list.map((r) => r.version), [2, 1]);
      assert.equal(list[0]!.savedByName, 'Anna Autorin');
      const v1 = await as('author').json<Story>('GET', `${API}/${s.id}/revisions/1`);
      assert.equal(v1.body.headline, s.headline);
      assert.equal((await as('author').json('GET', `${API}/${s.id}/revisions/9`)).status, 404);
      assert.equal((await as('author').json('GET', `${API}/${s.id}/revisions/abc`)).status, 404);
      const restored = await as('author').json<Story>('POST', `${API}/${s.id}/restore`, { version: 1 }, { 'if-match': '"v2"' });
      assert.equal(restored.status, 200);
      assert.equal(restored.body.version, 3);
      assert.equal(restored.body.headline, s.headline);
      assert.equal((await as('author').json('POST', `${API}/${s.id}/restore`, { version: 7 }, { 'if-match': '"v3"' })).status, 404);
      assert.equal((await as('author').json('POST', `${API}/${s.id}/restore`, { version: 'eins' }, { 'if-match': '"v3"' })).status, 422);
    });

    test('list: newest change first, filters, owner and editor names, keyset pages', async () => {
      const section = `Ressort ${Date.now()}`;
      const made: Story[] = [];
      for (let i = 0; i < 5; i++) made.push(await create(i % 2 ? 'author' : 'editor', draft({ section, topics: [`Thema-${i % 2}`] })));
      await as('editor').json('PUT', `${API}/${made[0]!.id}`, { story: { ...made[0]!, body: para('Die Kormorane am Barleber See') } }, { 'if-match': '"v1"' });
      type Page = { items: Array<{ id: string; modifiedAt: string; ownerName: string; modifiedByName: string; status: string; version: number }>; next?: string };
      const all = (await as('author').json<Page>('GET', `${API}?section=${encodeURIComponent(section)}`)).body;
      assert.equal(all.items.length, 5);
      // Times are kept to the second: stories changed in the same second come by id (still one stable order for the pages).
      const times = all.items.map((i) => Date.parse(i.modifiedAt));
      assert.deepEqual(times, [...times].sort((x, y) => y - x), 'newest change first');
      const edited = all.items.find((i) => i.id === made[0]!.id)!;
      assert.equal(edited.ownerName, 'Clara Dienst');
      assert.equal(edited.modifiedByName, 'Clara Dienst');
      assert.equal(edited.version, 2);
      assert.equal(all.items.find((i) => i.id === made[1]!.id)!.ownerName, 'Anna Autorin');

      const pages: string[] = [];
      let cursor: string | undefined;
      do {
        const p = (await as('author').json<Page>('GET', `${API}?section=${encodeURIComponent(section)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
        pages.push(...p.items.map((i) => i.id));
        cursor = p.next;
      } while (cursor);
      assert.deepEqual(pages, all.items.map((i) => i.id));

      const topic = (await as('author').json<Page>('GET', `${API}?section=${encodeURIComponent(section)}&topic=Thema-1`)).body;
      assert.equal(topic.items.length, 2);
      const mine = (await as('author').json<Page>('GET', `${API}?section=${encodeURIComponent(section)}&author=${users.author!.id}`)).body;
      assert.equal(mine.items.length, 2);
      const byline = (await as('author').json<Page>('GET', `${API}?section=${encodeURIComponent(section)}&author=Rita%20Rad`)).body;
      assert.equal(byline.items.length, 5);
      const search = (await as('author').json<Page>('GET', `${API}?q=Kormoran`)).body;
      assert.deepEqual(search.items.map((i) => i.id), [made[0]!.id], 'German stemming over the body text');
      const drafts = (await as('author').json<Page>('GET', `${API}?section=${encodeURIComponent(section)}&status=draft,in_review`)).body;
      assert.equal(drafts.items.length, 5);
      const future = (await as('author').json<Page>('GET', `${API}?section=${encodeURIComponent(section)}&from=2099-01-01`)).body;
      assert.equal(future.items.length, 0);
      // The newsroom reads from/to as days in Europe/Berlin; between 23:00 and 24:00 UTC that is already tomorrow.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
      const window = (await as('author').json<Page>('GET', `${API}?section=${encodeURIComponent(section)}&from=2000-01-01&to=${today}`)).body;
      assert.equal(window.items.length, 5);
      for (const bad of ['status=archived', 'limit=0', 'limit=abc', 'from=gestern', 'cursor=xyz']) {
        const r = await as('author').json('GET', `${API}?${bad}`);
        assert.equal(r.status, 422, bad);
        assert.ok(r.body.error.message, bad);
      }
    });

    test('ticker entries: on top of the newest version, each with an id, only for live tickers', async () => {
      const t = await create('author', ticker());
      const first = await as('author').json<Story & { entryId: string }>('POST', `${API}/${t.id}/ticker-entries`, { title: 'Deich hält', text: 'Der Deich bei Barby hält.\n\nDie Feuerwehr bleibt vor Ort.' });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const top = first.body.body[0]!;
      assert.equal(top.type, 'ticker-entry');
      assert.ok(top.type === 'ticker-entry' && top.id === first.body.entryId && /^[0-9a-f-]{36}$/.test(top.id));
      assert.ok(top.type === 'ticker-entry' && top.body.length === 2);
      // Concurrent entries (and a stale editor version) never lose one another.
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => as(i % 2 ? 'author' : 'editor').json('POST', `${API}/${t.id}/ticker-entries`, { text: `Meldung ${i}` })));
      assert.deepEqual(results.map((r) => r.status), Array(6).fill(201));
      const stored = (await as('author').json<Story>('GET', `${API}/${t.id}`)).body;
      assert.equal(stored.body.length, 8);
      for (let i = 0; i < 6; i++) assert.ok(JSON.stringify(stored.body).includes(`Meldung ${i}`), `entry ${i} kept`);
      const oldest = stored.body.at(-1)!;
      assert.equal(oldest.type === 'ticker-entry' ? oldest.title : undefined, 'Pegel steigt', 'the oldest entry stays last');
      // An entry with an older time goes where it belongs.
      const old = await as('author').json<Story>('POST', `${API}/${t.id}/ticker-entries`, { text: 'Nachtrag', time: '2026-11-25T07:00:00+01:00' });
      assert.equal(old.status, 201);
      assert.ok(JSON.stringify(old.body.body.at(-1)).includes('Nachtrag'));

      const article = await create('author');
      const notTicker = await as('author').json('POST', `${API}/${article.id}/ticker-entries`, { text: 'x' });
      assert.equal(notTicker.status, 422);
      assert.match(notTicker.body.error.message, /only for live tickers/);
      assert.equal((await as('author').json('POST', `${API}/${t.id}/ticker-entries`, { text: '  ' })).status, 422);
      assert.equal((await as('author').json('POST', `${API}/${t.id}/ticker-entries`, { text: 'x', time: 'jetzt' })).status, 422);
      assert.equal((await as('author2').json('POST', `${API}/${t.id}/ticker-entries`, { text: 'fremd' })).status, 403);
    });

    test('refusals name their reason and code each issue (the newsroom words them by those, not by the English text)', async () => {
      type Refusal = { error: { code: string; reason: string; message: string; params?: Record<string, unknown>; issues?: Array<{ path: string; code?: string }> } };
      const coded = (r: { body: Refusal }) => [r.body.error.reason, ...(r.body.error.issues ?? []).map((i) => `${i.path}:${i.code}`)];
      const list = await as('author').json<Refusal>('GET', `${API}?status=draft,archived&from=gestern`);
      assert.equal(list.status, 422);
      assert.deepEqual(coded(list), ['input_invalid', 'status:one_of', 'from:not_a_date']);

      const s = await create('editor');
      const ifMatch = { 'if-match': '"v1"' };
      const move = (body: unknown) => as('editor').json<Refusal>('POST', `${API}/${s.id}/transitions`, body, ifMatch);
      assert.deepEqual(coded(await move({ to: 'scheduled' })), ['schedule_needs_time', 'at:time_for_schedule']);
      assert.deepEqual(coded(await move({ to: 'scheduled', at: '2020-01-01T10:00:00+01:00' })), ['schedule_in_past', 'at:in_future']);
      assert.deepEqual(coded(await move({ to: 'in_review', at: '2099-01-01T10:00:00+01:00' })), ['at_only_for_schedule', 'at:time_only_for_schedule']);
      assert.deepEqual(coded(await move({ to: 'depublished' })), ['move_not_allowed', 'to:moves_from']);
      assert.deepEqual(coded(await move({ to: 'archived', at: 'morgen' })), ['input_invalid', 'to:one_of', 'at:bad_datetime']);
      const gone = await as('editor').json<Refusal>('PUT', `${API}/${s.id}/depublish-at`, {}, ifMatch);
      assert.deepEqual(coded(gone), ['input_invalid', 'at:required']);
      assert.equal((await as('editor').json<Refusal>('PUT', `${API}/${s.id}`, { story: s, correction: 'Korrigiert.' }, ifMatch)).body.error.reason, 'correction_published_only');
      assert.deepEqual(coded(await as('editor').json<Refusal>('PUT', `${API}/${s.id}`, { story: s, correction: 42 }, ifMatch)), ['input_invalid', 'correction:must_be_text']);
      assert.deepEqual(coded(await as('editor').json<Refusal>('POST', `${API}/${s.id}/ticker-entries`, { text: 'x' })), ['not_liveticker', 'kind:not_liveticker']);
      assert.deepEqual(coded(await as('editor').json<Refusal>('POST', `${API}/${s.id}/ticker-entries`, { title: ' ' })), ['input_invalid', 'text:entry_empty']);
      const version = await as('editor').json<Refusal>('POST', `${API}/${s.id}/restore`, { version: 0 }, ifMatch);
      assert.deepEqual([version.body.error.reason, version.body.error.issues?.[0]?.path], ['input_invalid', 'version']);
      const missing = await as('editor').json<Refusal>('GET', `${API}/${s.id}/revisions/7`);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.reason, 'no_revision');
      assert.equal((await as('editor').json<Refusal>('GET', `${API}/gibt-es-nicht`)).body.error.reason, 'no_story');
      const foreign = await as('author').json<Refusal>('PUT', `${API}/${s.id}`, { story: s }, ifMatch);
      assert.equal(foreign.body.error.reason, 'may_not');
      assert.deepEqual(foreign.body.error.params, { role: 'author', own: 'no', action: 'story.edit' });
      const taken = await as('editor').json<Refusal>('POST', API, draft({ slug: s.slug }));
      assert.deepEqual([taken.status, taken.body.error.reason, taken.body.error.params], [409, 'slug_taken', { slug: s.slug }]);
      const down = (await move({ to: 'published' })).body as unknown as Story;
      await as('editor').json('POST', `${API}/${s.id}/transitions`, { to: 'depublished' }, { 'if-match': `"v${down.version}"` });
      const late = await as('editor').json<Refusal>('PUT', `${API}/${s.id}/depublish-at`, { at: '2099-01-01T10:00:00+01:00' }, { 'if-match': `"v${down.version + 1}"` });
      assert.deepEqual(coded(late), ['takedown_depublished', 'at:already_depublished']);
    });

    test('import: page text (plain or JSON) becomes a draft owned by the caller; importer errors are 422; too large is 413', async () => {
      const page = 'Magdeburg\nNeue Brücke über die Elbe freigegeben\nNach drei Jahren Bauzeit ist die Brücke offen.\n\nDie Stadt feiert mit einem Fest.\n';
      const plain = await as('contributor').json<Story & { warnings: string[] }>('POST', '/newsroom/api/import', page, { 'content-type': 'text/plain; charset=utf-8' });
      assert.equal(plain.status, 201, JSON.stringify(plain.body));
      assert.equal(plain.body.status, 'draft');
      assert.equal(plain.body.ownerId, users.contributor!.id);
      assert.ok(Array.isArray(plain.body.warnings));
      assert.equal(plain.res.headers.get('etag'), '"v1"');
      const json = await as('editor').json<Story>('POST', '/newsroom/api/import', { text: page, source: 'bruecke.txt' });
      assert.equal(json.status, 201);
      assert.equal(json.body.source, 'bruecke.txt');
      const empty = await as('editor').json('POST', '/newsroom/api/import', { text: '   ' });
      assert.equal(empty.status, 422);
      assert.equal(empty.body.error.reason, 'page_text_empty');
      const binary = await as('editor').json('POST', '/newsroom/api/import', { text: '\u0000\u0001\u0002\u0003'.repeat(100) });
      assert.equal(binary.status, 422);
      assert.ok(binary.body.error.message);
      assert.equal(binary.body.error.reason, 'import_binary');
      // The importer's own refusal, as the import page sends it (JSON without a file name).
      const furniture = await as('editor').json('POST', '/newsroom/api/import', { text: 'x' });
      assert.deepEqual([furniture.status, furniture.body.error.code, furniture.body.error.reason], [422, 'IMPORT_FAILED', 'import_no_text']);
      assert.match(furniture.body.error.message, /no article text/);
      const huge = await as('editor').json('POST', '/newsroom/api/import', 'a'.repeat(MAX_IMPORT_BYTES + 10), { 'content-type': 'text/plain' });
      assert.equal(huge.status, 413);
      assert.match(huge.body.error.message, /MB/);
      const wrongType = await as('editor').json('POST', '/newsroom/api/import', '<p>x</p>', { 'content-type': 'text/html' });
      assert.equal(wrongType.status, 422);
    });

    test('preview renders the draft exactly as the reader site would, without storing it', async () => {
      const s = await create('author');
      const live = (await as('author').json<Story>('POST', `${API}/${s.id}/transitions`, { to: 'published' }, { 'if-match': '"v1"' })).body;
      const res = await as('author').api('POST', `${API}/${s.id}/preview`, { ...live, headline: 'Vorschau: noch nicht gespeichert' });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /^text\/html/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.match(res.headers.get('x-robots-tag')!, /noindex/);
      const html = await res.text();
      assert.match(html, /Vorschau: noch nicht gespeichert/);
      assert.equal((await as('author').json<Story>('GET', `${API}/${s.id}`)).body.headline, live.headline, 'not stored');
      // The same content as the live page: preview of the stored version equals what readers get (but for the change time).
      const same = await (await as('author').api('POST', `${API}/${s.id}/preview`, live)).text();
      const reader = await (await app.request(`http://localhost/sachsen-anhalt/${live.slug}`)).text();
      const strip = (h: string) => h.replace(/"dateModified":"[^"]*"/g, '').replace(/<time[^>]*>[^<]*<\/time>/g, '');
      assert.equal(strip(same), strip(reader));
      const invalid = await as('author').json('POST', `${API}/${s.id}/preview`, { headline: '' });
      assert.equal(invalid.status, 422);
      assert.equal((await as('contributor').json('POST', `${API}/${s.id}/preview`, live)).status, 404);
    });
  });
}
