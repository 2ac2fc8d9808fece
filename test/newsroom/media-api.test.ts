/**
 * The media library's newsroom API over HTTP, on both engines: uploads of
 * every accepted format (made with sharp here), rights read from the file,
 * refusals that leave nothing behind (rows and files counted), the streaming
 * size limit, rights editing and its validation, the "lapsing within 7 days"
 * list and the rights-status filter against an injected clock, search,
 * replacing a file under the same id, and the newsroom previews. Every write
 * of an asset names its version (If-Match, or the form's hidden field): two
 * editors changing one picture at once get a 412, never a lost change.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import sharp from 'sharp';
import { DiskStorage } from '../../src/storage/storage.js';
import { AccountService } from '../../src/services/account-service.js';
import { newsroomMedia } from '../../src/services/media-library.js';
import { EventBus, type DomainEvent } from '../../src/events/event-bus.js';
import { createNewsroom } from '../../src/server/newsroom-app.js';
import { createServices } from '../../src/services/index.js';
import { NEWSROOM_MODULES } from '../../src/server/newsroom-modules.js';
import type { Database } from '../../src/store/index.js';
import { gradient, iimDataset, withIptc } from '../media/images.js';
import { engines } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';

const PASSWORD = 'mediathek-passwort-1';
const LIMIT = 400 * 1024;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

/** A picture with noise, so two calls never give the same bytes. */
async function picture(format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif', width = 64, height = 48): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(Math.random() * 256);
  const img = sharp(raw, { raw: { width, height, channels: 3 } });
  return (format === 'jpeg' ? img.jpeg() : format === 'png' ? img.png() : format === 'webp' ? img.webp() : format === 'avif' ? img.avif() : img.gif()).toBuffer();
}

const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif', gif: 'image/gif' } as const;
const EXT = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif', gif: 'gif' } as const;

for (const engine of engines()) {
  describe(`media API on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: Hono;
    let dir: string;
    let now = new Date('2026-11-25T10:00:00Z');
    const events: DomainEvent[] = [];
    let editor: Browser;
    let secondEditor: Browser;
    let contributor: Browser;
    let csrf = '';

    before(async () => {
      db = await engine.open();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-media-api-'));
      const bus = new EventBus();
      bus.subscribe((e) => { events.push(e); });
      const media = newsroomMedia({ db, storage: new DiskStorage(dir), clock: () => now, limits: { maxBytes: LIMIT, maxPixels: 10_000_000 } });
      app = createNewsroom(createServices(db, {}, { media, events: bus }), { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { modules: NEWSROOM_MODULES }).app as unknown as Hono;
      const accounts = new AccountService(db);
      await accounts.createUser({ email: 'cvd@example.org', name: 'Clara Dienst', role: 'editor', password: PASSWORD }, { name: 'test' });
      await accounts.createUser({ email: 'frei@example.org', name: 'Fritz Frei', role: 'contributor', password: PASSWORD }, { name: 'test' });
      await accounts.createUser({ email: 'zweite@example.org', name: 'Zora Zweit', role: 'editor', password: PASSWORD }, { name: 'test' });
      editor = new Browser(app);
      await editor.apiLogin('cvd@example.org', PASSWORD);
      csrf = await editor.csrf();
      contributor = new Browser(app);
      await contributor.apiLogin('frei@example.org', PASSWORD);
      secondEditor = new Browser(app);
      await secondEditor.apiLogin('zweite@example.org', PASSWORD);
    });
    after(async () => {
      await db?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    async function multipart(b: Browser, bytes: Buffer, name: string, type: string, fields: Record<string, string> = {}, method = 'POST', url = '/newsroom/api/media', headers: Record<string, string> = {}) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
      const token = b === editor ? csrf : await b.csrf();
      const res = await b.request(url, { method, body: form, headers: { 'x-csrf-token': token, ...headers } });
      return { status: res.status, body: await res.json() as any };
    }
    /** The asset's current version as GET answers it: its ETag, "v<n>". */
    const etag = async (id: string) => (await editor.request(`/newsroom/api/media/${id}`)).headers.get('etag')!;
    /** PATCH against the current version (what a client that just loaded the picture sends). */
    const patch = async (id: string, body: unknown, b: Browser = editor) => b.json('PATCH', `/newsroom/api/media/${id}`, body, { 'if-match': await etag(id) });
    async function raw(bytes: Buffer, name: string, type: string, method = 'POST', url = '/newsroom/api/media') {
      const res = await editor.request(url, { method, body: new Uint8Array(bytes), headers: { 'x-csrf-token': csrf, 'content-type': type, 'x-file-name': encodeURIComponent(name) } });
      return { status: res.status, body: await res.json() as any };
    }
    const rows = async () => Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM media_assets'))[0]!.n);

    test('every accepted format uploads, by multipart and as a raw body; rights come from the file', async () => {
      for (const format of ['jpeg', 'png', 'webp', 'avif', 'gif'] as const) {
        const bytes = await picture(format);
        const up = format === 'png' || format === 'gif'
          ? await raw(bytes, `bild.${EXT[format]}`, MIME[format])
          : await multipart(contributor, bytes, `bild.${EXT[format]}`, MIME[format]);
        assert.equal(up.status, 201, `${format}: ${JSON.stringify(up.body)}`);
        assert.equal(up.body.mime, MIME[format]);
        assert.equal(up.body.created, true);
        assert.equal(up.body.originalName, `bild.${EXT[format]}`);
        assert.equal(up.body.usedIn, 0);
        assert.match(up.body.urls.thumbnail, /^\/newsroom\/media\/[0-9a-f-]{36}\/16x9-\d+\.webp$/);
        assert.equal(up.body.storageKey, undefined, 'storage keys stay inside');
      }
      // IPTC credit and copyright in a JPEG come out as the asset's rights.
      const iim = Buffer.concat([iimDataset(2, 110, Buffer.from('dpa')), iimDataset(2, 116, Buffer.from('© Agentur Nord')), iimDataset(2, 120, Buffer.from('Deich bei Wörlitz'))]);
      const tagged = withIptc(await gradient(80, 60), iim);
      const up = await multipart(editor, tagged, 'deich.jpg', 'image/jpeg');
      assert.equal(up.status, 201, JSON.stringify(up.body));
      assert.equal(up.body.rights.credit, 'dpa');
      assert.equal(up.body.rights.copyrightHolder, 'Agentur Nord');
      assert.equal(up.body.embeddedCaption, 'Deich bei Wörlitz');
      // The same file again is the same asset.
      const again = await multipart(editor, tagged, 'nochmal.jpg', 'image/jpeg');
      assert.equal(again.status, 200);
      assert.equal(again.body.id, up.body.id);
      assert.equal(again.body.created, false);
      // A form that carries the CSRF token as a field instead of the header (read by the check first) uploads as well.
      const withField = new FormData();
      withField.append('_csrf', csrf);
      withField.append('file', new Blob([new Uint8Array(await picture('png'))], { type: 'image/png' }), 'feld.png');
      const fieldRes = await editor.request('/newsroom/api/media', { method: 'POST', body: withField });
      assert.equal(fieldRes.status, 201, await fieldRes.clone().text());
      assert.equal(((await fieldRes.json()) as { originalName: string }).originalName, 'feld.png');
      // Rights stated in the form win over the file's.
      const stated = await multipart(editor, await picture('jpeg'), 'mdr.jpg', 'image/jpeg', { credit: 'MITTELDEUTSCHER RUNDFUNK' });
      assert.equal(stated.body.rights.credit, 'MITTELDEUTSCHER RUNDFUNK');
    });

    test('a lying extension, a corrupt file, SVG and an oversized body are refused and leave nothing behind', async () => {
      const beforeRows = await rows();
      const beforeFiles = filesUnder(dir);
      const png = await picture('png');
      const lying = await multipart(editor, png, 'foto.jpg', 'image/jpeg');
      assert.equal(lying.status, 422);
      assert.match(lying.body.error.message, /foto\.jpg is named \.jpg/);

      const jpeg = await picture('jpeg', 200, 150);
      const corrupt = await raw(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'kaputt.jpg', 'image/jpeg');
      assert.equal(corrupt.status, 422, JSON.stringify(corrupt.body));
      assert.equal(corrupt.body.error.code, 'VALIDATION');

      const svg = await raw(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'grafik.svg', 'image/svg+xml');
      assert.equal(svg.status, 415);

      const big = Buffer.concat([await picture('jpeg'), Buffer.alloc(LIMIT)]);
      const tooBig = await raw(big, 'riesig.jpg', 'image/jpeg');
      assert.equal(tooBig.status, 413);
      const tooBigForm = await multipart(editor, big, 'riesig.jpg', 'image/jpeg');
      assert.equal(tooBigForm.status, 413);

      const noFile = await editor.request('/newsroom/api/media', { method: 'POST', body: JSON.stringify({}), headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' } });
      assert.equal(noFile.status, 422);

      assert.equal(await rows(), beforeRows, 'no asset rows');
      assert.deepEqual(filesUnder(dir), beforeFiles, 'no files');
    });

    test('rights are edited with clear validation errors, and every change is announced', async () => {
      const up = await multipart(editor, await picture('jpeg'), 'rechte.jpg', 'image/jpeg');
      const id = up.body.id as string;
      const url = `/newsroom/api/media/${id}`;

      const bad = await editor.json('PATCH', url, { credit: 'x'.repeat(201), validUntil: '31.12.2026', focal: { x: 2, y: 0.5 }, colour: 'rot' });
      assert.equal(bad.status, 422);
      const paths = (bad.body.error.issues as { path: string }[]).map((i) => i.path).sort();
      assert.deepEqual(paths, ['colour', 'credit', 'focal', 'validUntil']);

      const order = await patch(id, { validFrom: '2026-12-10', validUntil: '2026-12-01' });
      assert.equal(order.status, 422);
      assert.deepEqual(order.body.error.issues.map((i: { path: string; message: string }) => ({ path: i.path, message: i.message })), [{ path: 'validUntil', message: 'must be after valid from' }]);
      assert.match(order.body.error.issues[0].text, /Gültig bis.*muss nach „Gültig ab“ liegen/, 'the German editor reads it in German');

      const notJson = await editor.api('PATCH', url, 'credit=dpa', { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(notJson.status, 422);

      const forbidden = await contributor.json('PATCH', url, { credit: 'dpa' }, { 'if-match': await etag(id) });
      assert.equal(forbidden.status, 403);

      const before = events.length;
      const ok = await patch(id, {
        credit: '  dpa  ', copyrightHolder: 'Deutsche Presse-Agentur', source: 'dpa', licence: 'https://example.org/lizenz',
        usageTerms: 'nur redaktionelle Nutzung', validUntil: '2026-12-31', focal: { x: 0.25, y: 0.75 },
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.rights.credit, 'dpa');
      assert.equal(ok.body.rights.usageTerms, 'nur redaktionelle Nutzung');
      assert.equal(Date.parse(ok.body.rights.validUntil), Date.parse('2027-01-01T00:00:00+01:00'), 'the whole last day, Berlin');
      assert.deepEqual(ok.body.focal, { x: 0.25, y: 0.75 });
      const got = await editor.json('GET', url);
      assert.equal(got.body.rights.copyrightHolder, 'Deutsche Presse-Agentur');
      assert.deepEqual(got.body.stories, []);
      assert.deepEqual(events.slice(before).map((e) => [e.type, e.assetId]), [['asset.updated', id]], 'one event for the change');
      const quiet = events.length;
      assert.equal((await patch(id, { credit: 'dpa' })).status, 200);
      assert.equal(events.length, quiet, 'no event when nothing changed');

      const cleared = await patch(id, { usageTerms: null, validUntil: '' });
      assert.equal(cleared.status, 200);
      assert.equal(cleared.body.rights.usageTerms, undefined);
      assert.equal(cleared.body.rights.validUntil, undefined);
      assert.equal(cleared.body.rights.credit, 'dpa', 'fields not sent stay');

      const missing = await editor.json('PATCH', '/newsroom/api/media/00000000-0000-4000-8000-000000000000', { credit: 'x' }, { 'if-match': '"v1"' });
      assert.equal(missing.status, 404);
    });

    test('the expiring list and the status filter follow the clock; search by caption, credit and date', async () => {
      const soon = await multipart(editor, await picture('jpeg'), 'bald-ablaufend.jpg', 'image/jpeg', { credit: 'Agentur Süd' });
      const later = await multipart(editor, await picture('jpeg'), 'spaeter.jpg', 'image/jpeg', { credit: 'Agentur West' });
      assert.equal((await patch(soon.body.id, { validUntil: '2026-11-28T12:00:00+01:00' })).status, 200);
      assert.equal((await patch(later.body.id, { validUntil: '2026-12-20' })).status, 200);

      const expiring = await editor.json('GET', '/newsroom/api/media/expiring');
      assert.equal(expiring.status, 200);
      assert.deepEqual(expiring.body.items.map((a: { id: string }) => a.id), [soon.body.id]);
      assert.equal(expiring.body.items[0].rightsStatus, 'expiring');

      const byStatus = await editor.json('GET', '/newsroom/api/media?status=expiring');
      assert.deepEqual(byStatus.body.items.map((a: { id: string }) => a.id), [soon.body.id]);
      assert.equal((await editor.json('GET', '/newsroom/api/media?status=bald')).status, 422);

      now = new Date('2026-11-29T10:00:00Z');
      try {
        const lapsed = await editor.json('GET', '/newsroom/api/media?status=lapsed');
        assert.deepEqual(lapsed.body.items.map((a: { id: string }) => a.id), [soon.body.id]);
        assert.equal(lapsed.body.items[0].rightsStatus, 'lapsed');
        const nowExpiring = await editor.json('GET', '/newsroom/api/media/expiring');
        assert.deepEqual(nowExpiring.body.items, []);
      } finally {
        now = new Date('2026-11-25T10:00:00Z');
      }

      const byCredit = await editor.json('GET', `/newsroom/api/media?credit=${encodeURIComponent('agentur süd')}`);
      assert.deepEqual(byCredit.body.items.map((a: { id: string }) => a.id), [soon.body.id]);
      const byName = await editor.json('GET', '/newsroom/api/media?q=spaeter');
      assert.deepEqual(byName.body.items.map((a: { id: string }) => a.id), [later.body.id]);
      const byCaption = await editor.json('GET', `/newsroom/api/media?q=${encodeURIComponent('Wörlitz')}`);
      assert.equal(byCaption.body.items.length, 1);
      const future = await editor.json('GET', '/newsroom/api/media?from=2099-01-01');
      assert.deepEqual(future.body.items, []);
      assert.equal((await editor.json('GET', '/newsroom/api/media?from=gestern')).status, 422);

      // Keyset pages: everything once, newest first.
      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const pageRes = await editor.json('GET', `/newsroom/api/media?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        all.push(...pageRes.body.items.map((a: { id: string }) => a.id));
        cursor = pageRes.body.next;
      } while (cursor);
      assert.equal(all.length, await rows());
      assert.equal(new Set(all).size, all.length);
    });

    test('replacing the file keeps the id and rights, makes new renditions and deletes the old files', async () => {
      const up = await multipart(editor, await picture('jpeg', 320, 240), 'alt.jpg', 'image/jpeg', { credit: 'dpa' });
      const id = up.body.id as string;
      const oldKey = (await db.query<{ storage_key: string }>('SELECT storage_key FROM media_assets WHERE id = $1', [id]))[0]!.storage_key;
      assert.ok(fs.existsSync(path.join(dir, oldKey)));

      const lying = await multipart(editor, await picture('png'), 'neu.jpg', 'image/jpeg', {}, 'PUT', `/newsroom/api/media/${id}/file`, { 'if-match': await etag(id) });
      assert.equal(lying.status, 422);
      assert.ok(fs.existsSync(path.join(dir, oldKey)), 'a refused replacement leaves the old file');

      // A story uses the picture: "used in 1 story", and the use survives the replacement.
      const story = await editor.json('POST', '/newsroom/api/stories', {
        kind: 'article', language: 'de', headline: 'Deich hält', teaser: 'Die Lage bleibt ruhig.', authors: [{ name: 'Rita Rad' }],
        section: 'Sachsen-Anhalt', topics: [], related: [], lead: { kind: 'image', alt: 'Der Deich', caption: 'Am Morgen', assetId: id },
        body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }],
      });
      assert.equal(story.status, 201, JSON.stringify(story.body));
      const used = await editor.json('GET', `/newsroom/api/media/${id}`);
      assert.equal(used.body.usedIn, 1);
      assert.deepEqual(used.body.stories.map((u: { storyId: string; places: string[] }) => [u.storyId, u.places]), [[story.body.id, ['lead']]]);
      const listed = await editor.json('GET', '/newsroom/api/media?q=alt.jpg');
      assert.equal(listed.body.items[0].usedIn, 1);

      const announcedBefore = events.length;
      const replaced = await multipart(editor, await picture('webp', 400, 300), 'neu.webp', 'image/webp', {}, 'PUT', `/newsroom/api/media/${id}/file`, { 'if-match': await etag(id) });
      assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
      assert.equal(replaced.body.usedIn, 1, 'the story still uses it');
      assert.deepEqual(events.slice(announcedBefore).map((e) => [e.type, e.assetId]), [['asset.updated', id]]);
      assert.equal(replaced.body.id, id);
      assert.equal(replaced.body.mime, 'image/webp');
      assert.equal(replaced.body.width, 400);
      assert.equal(replaced.body.rights.credit, 'dpa');
      assert.notEqual(replaced.body.sha256, up.body.sha256);
      assert.ok(!fs.existsSync(path.join(dir, oldKey)), 'the old original is deleted');
      const renditions = await db.query<{ storage_key: string }>('SELECT storage_key FROM media_renditions WHERE asset_id = $1', [id]);
      assert.ok(renditions.length > 0);
      for (const r of renditions) assert.ok(fs.existsSync(path.join(dir, r.storage_key)));

      const original = await editor.request(`/newsroom/media/${id}/original`);
      assert.equal(original.status, 200);
      assert.equal(Buffer.from(await original.arrayBuffer()).subarray(8, 12).toString('latin1'), 'WEBP');
      assert.equal(original.headers.get('content-type'), 'image/webp');
      const thumb = await editor.request(replaced.body.urls.thumbnail);
      assert.equal(thumb.status, 200);
      assert.equal(thumb.headers.get('content-type'), 'image/webp');
      assert.ok((await thumb.arrayBuffer()).byteLength > 0);
      const again = await editor.request(replaced.body.urls.thumbnail, { headers: { 'if-none-match': thumb.headers.get('etag')! } });
      assert.equal(again.status, 304);
      const square = await editor.request(`/newsroom/media/${id}/1x1-300.jpg`);
      assert.equal(square.status, 200, 'a rendition made on first request');
      assert.equal(Buffer.from(await square.arrayBuffer())[0], 0xff);
      assert.equal((await editor.request(`/newsroom/media/${id}/gross.exe`)).status, 404);
      assert.equal((await new Browser(app).request(`/newsroom/media/${id}/original`)).status, 401);
    });

    test('replace everywhere: every story using a picture gets another one, by API and by the detail page form', async () => {
      const oldPic = (await multipart(editor, await picture('jpeg'), 'ueberall-alt.jpg', 'image/jpeg', { credit: 'dpa' })).body.id as string;
      const newPic = (await multipart(editor, await picture('jpeg'), 'ueberall-neu.jpg', 'image/jpeg', { credit: 'MDR' })).body.id as string;
      const third = (await multipart(editor, await picture('jpeg'), 'ueberall-drei.jpg', 'image/jpeg', { credit: 'epd' })).body.id as string;
      const storyWith = async (headline: string, place: 'lead' | 'body') => {
        const figure = { kind: 'image', alt: `Alt ${headline}`, caption: `Unterschrift ${headline}`, assetId: oldPic };
        const res = await editor.json('POST', '/newsroom/api/stories', {
          kind: 'article', language: 'de', headline, teaser: 'Ein Teaser.', authors: [{ name: 'Rita Rad' }], section: 'Sachsen', topics: [], related: [],
          ...(place === 'lead' && { lead: figure }),
          body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }, ...(place === 'body' ? [{ type: 'figure', ...figure }] : [])],
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return res.body as { id: string; version: number };
      };
      const a = await storyWith('Erster Beitrag mit Bild', 'lead');
      const b = await storyWith('Zweiter Beitrag mit Bild', 'body');

      const path = `/newsroom/api/media/${oldPic}/replace-everywhere`;
      assert.equal((await contributor.json('POST', path, { with: newPic }, { 'x-csrf-token': await contributor.csrf() })).status, 403, 'a contributor may not');
      const noId = await editor.json('POST', path, { with: 'neues Bild' });
      assert.equal(noId.status, 422);
      assert.match(JSON.stringify(noId.body), /by its id/);
      const missing = await editor.json('POST', path, { with: '00000000-0000-4000-8000-000000000000' });
      assert.equal(missing.status, 404);
      assert.equal((await editor.json('POST', path, { with: oldPic })).status, 422, 'not by itself');
      assert.equal((await editor.json('GET', `/newsroom/api/media/${oldPic}`)).body.usedIn, 2, 'refusals changed nothing');

      const done = await editor.json('POST', path, { with: newPic });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.deepEqual(done.body.replaced.map((r: { storyId: string }) => r.storyId).sort(), [a.id, b.id].sort());
      assert.deepEqual(done.body.failed, []);
      assert.equal((await editor.json('GET', `/newsroom/api/media/${oldPic}`)).body.usedIn, 0);
      assert.equal((await editor.json('GET', `/newsroom/api/media/${newPic}`)).body.usedIn, 2);
      const first = (await editor.json('GET', `/newsroom/api/stories/${a.id}`)).body;
      assert.equal(first.version, a.version + 1, 'one new version per story');
      assert.equal(first.lead.assetId, newPic);
      assert.equal(first.lead.alt, 'Alt Erster Beitrag mit Bild', 'alt text stays');
      const second = (await editor.json('GET', `/newsroom/api/stories/${b.id}`)).body;
      assert.equal(second.body.find((x: { type: string }) => x.type === 'figure').assetId, newPic);

      // The same by the detail page's form (no JavaScript): offered with the other pictures, then a redirect to the replacement.
      const detail = await (await editor.request(`/newsroom/media/${newPic}`)).text();
      assert.match(detail, /Überall durch ein anderes Bild ersetzen/);
      assert.match(detail, new RegExp(`<option value="${third}">ueberall-drei\\.jpg \\(epd\\)</option>`));
      assert.doesNotMatch(detail, new RegExp(`<option value="${newPic}"`), 'not itself');
      const posted = await editor.request(`/newsroom/media/${newPic}/replace-everywhere`, {
        method: 'POST', body: new URLSearchParams({ _csrf: csrf, with: third }), headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(posted.status, 303);
      assert.equal(posted.headers.get('location'), `/newsroom/media/${third}?replaced=2`);
      assert.match(await (await editor.request(posted.headers.get('location')!)).text(), /In 2 Beiträgen ersetzt\./);
      assert.equal((await editor.json('GET', `/newsroom/api/media/${third}`)).body.usedIn, 2);
      // The usage filter: used, unused, used by what readers see.
      const ids = async (query: string) => (await editor.json('GET', `/newsroom/api/media?limit=100&${query}`)).body.items.map((x: { id: string }) => x.id) as string[];
      assert.ok((await ids('usage=unused')).includes(oldPic));
      assert.ok(!(await ids('usage=unused')).includes(third));
      assert.ok((await ids('usage=used')).includes(third));
      assert.ok(!(await ids('usage=public')).includes(third), 'only drafts use it');
      const current = (await editor.json('GET', `/newsroom/api/stories/${a.id}`)).body;
      const published = await editor.json('POST', `/newsroom/api/stories/${a.id}/transitions`, { to: 'published' }, { 'if-match': `"v${current.version}"` });
      assert.equal(published.status, 200, JSON.stringify(published.body));
      assert.ok((await ids('usage=public')).includes(third));
      assert.ok((await ids('usage=public&q=ueberall')).every((x) => x === third), 'combined with search');
      assert.equal((await editor.json('GET', '/newsroom/api/media?usage=oft')).status, 422);
      assert.match(await (await editor.request('/newsroom/media?usage=unused')).text(), /<option value="unused" selected="">nicht verwendet<\/option>/);
      const unused = await (await editor.request(`/newsroom/media/${oldPic}`)).text();
      assert.doesNotMatch(unused, /replace-everywhere/, 'no form for a picture nobody uses');
    });

    test('the story list flags and filters stories whose pictures have lapsed or lapse within 7 days', async () => {
      const make = async (name: string, validUntil?: string) => {
        const id = (await multipart(editor, await picture('jpeg'), name, 'image/jpeg', { credit: 'dpa', ...(validUntil && { validUntil }) })).body.id as string;
        const res = await editor.json('POST', '/newsroom/api/stories', {
          kind: 'article', language: 'de', headline: `Beitrag mit ${name}`, teaser: 'Teaser.', authors: [{ name: 'Rita Rad' }], section: 'Sachsen', topics: [], related: [],
          lead: { kind: 'image', alt: 'Bild', assetId: id }, body: [{ type: 'paragraph', content: [{ text: 'Text.' }] }],
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return res.body.id as string;
      };
      // The clock says 2026-11-25 10:00 UTC.
      const lapsed = await make('abgelaufen.jpg', '2026-11-20');
      const soon = await make('bald.jpg', '2026-11-28');
      const fine = await make('gueltig.jpg', '2027-06-30');
      const open = await make('unbegrenzt.jpg');
      const list = async (query: string) => (await editor.json('GET', `/newsroom/api/stories?limit=200${query}`)).body.items as { id: string; pictureRights?: string }[];
      const all = await list('');
      const flag = (id: string) => all.find((i) => i.id === id)?.pictureRights;
      assert.equal(flag(lapsed), 'lapsed');
      assert.equal(flag(soon), 'expiring');
      assert.equal(flag(fine), undefined);
      assert.equal(flag(open), undefined);
      const lapsedIds = (await list('&pictures=lapsed')).map((i) => i.id);
      assert.ok(lapsedIds.includes(lapsed) && !lapsedIds.includes(soon) && !lapsedIds.includes(fine));
      const soonIds = (await list('&pictures=expiring')).map((i) => i.id);
      assert.ok(soonIds.includes(soon) && !soonIds.includes(lapsed) && !soonIds.includes(open));
      assert.equal((await editor.json('GET', '/newsroom/api/stories?pictures=alt')).status, 422);
      const page = await (await editor.request('/newsroom?pictures=lapsed')).text();
      assert.match(page, /Beitrag mit abgelaufen\.jpg/);
      assert.match(page, /<div class="pictures lapsed">Bildrechte abgelaufen: Bild wird nicht gezeigt<\/div>/);
      assert.doesNotMatch(page, /Beitrag mit bald\.jpg/);
      assert.match(page, /<option value="lapsed" selected="">/);
    });

    test('the library and detail pages render, and the rights form works without JavaScript', async () => {
      const up = await multipart(editor, await picture('jpeg'), 'formular.jpg', 'image/jpeg');
      const id = up.body.id as string;
      const lib = await editor.request('/newsroom/media?status=valid');
      assert.equal(lib.status, 200);
      const html = await lib.text();
      assert.match(html, /formular\.jpg/);
      assert.match(html, /nicht verwendet/);
      const expiringSection = /<section[^>]*aria-labelledby="expiring-h"[\s\S]*?<\/section>/.exec(await (await editor.request('/newsroom/media')).text())?.[0] ?? '';
      assert.match(expiringSection, /bald-ablaufend\.jpg/, 'the 7-day list on the library page');
      assert.doesNotMatch(expiringSection, /spaeter\.jpg/);
      const form = async (fields: Record<string, string>) => editor.request(`/newsroom/media/${id}`, {
        method: 'POST', body: new URLSearchParams({ _csrf: csrf, version: (await etag(id)).replace(/\D/g, ''), ...fields }), headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const bad = await form({ credit: 'dpa', validFrom: '2026-12-10', validUntil: '2026-12-01', focalX: '50', focalY: '50' });
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /Gültig bis einschließlich \(Tag, Berliner Zeit\): muss nach „Gültig ab“ liegen/);
      assert.doesNotMatch(await (await form({ credit: 'dpa', validFrom: '2026-12-10', validUntil: '2026-12-01', focalX: '50', focalY: '50' })).text(), /must be after/);
      const ok = await form({ credit: 'dpa', usageTerms: 'nur redaktionelle Nutzung', validFrom: '', validUntil: '2026-12-31', focalX: '30', focalY: '60' });
      assert.equal(ok.status, 303);
      const detail = await editor.json('GET', `/newsroom/api/media/${id}`);
      assert.equal(detail.body.rights.credit, 'dpa');
      assert.deepEqual(detail.body.focal, { x: 0.3, y: 0.6 });
      const page = await (await editor.request(`/newsroom/media/${id}`)).text();
      assert.match(page, /value="2026-12-31"/, 'the last valid day is shown as typed');
    });
    test('two editors change one picture\'s rights at once: the second gets 412 with both sides, and nothing of theirs is saved', async () => {
      const up = await multipart(editor, await picture('jpeg'), 'zwei-redaktionen.jpg', 'image/jpeg', { credit: 'dpa' });
      assert.equal(up.status, 201, JSON.stringify(up.body));
      const id = up.body.id as string;
      const url = `/newsroom/api/media/${id}`;
      const loadedA = await editor.json('GET', url);
      const loadedB = await secondEditor.json('GET', url);
      const version = loadedA.body.version as number;
      assert.equal(loadedA.res.headers.get('etag'), `"v${version}"`, 'GET answers the version as ETag');
      assert.equal(loadedB.res.headers.get('etag'), `"v${version}"`);

      const announced = events.length;
      const first = await editor.json('PATCH', url, { credit: 'MDR', validUntil: '2026-12-31' }, { 'if-match': `"v${version}"` });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.version, version + 1);
      assert.equal(first.res.headers.get('etag'), `"v${version + 1}"`);

      const second = await secondEditor.json('PATCH', url, { credit: 'AFP', usageTerms: 'nur online', focal: { x: 0.1, y: 0.2 } }, { 'if-match': `"v${version}"` });
      assert.equal(second.status, 412, JSON.stringify(second.body));
      assert.equal(second.body.error.code, 'VERSION_CONFLICT');
      assert.equal(second.body.error.reason, 'version_conflict');
      assert.equal(second.body.current.version, version + 1, 'what is stored now');
      assert.equal(second.body.current.rights.credit, 'MDR');
      assert.equal(second.body.current.storageKey, undefined, 'storage keys stay inside');
      assert.deepEqual(second.body.yours, { credit: 'AFP', usageTerms: 'nur online', focal: { x: 0.1, y: 0.2 } }, 'what the second editor sent');

      const stored = await editor.json('GET', url);
      assert.equal(stored.body.version, version + 1);
      assert.equal(stored.body.rights.credit, 'MDR', 'the first change stands');
      assert.equal(stored.body.rights.usageTerms, undefined, 'no field of the refused change is saved');
      assert.deepEqual(stored.body.focal, { x: 0.5, y: 0.5 }, 'nor its focal point');
      assert.deepEqual(events.slice(announced).map((e) => [e.type, e.assetId]), [['asset.updated', id]], 'one change, one event');

      // Against the current version the second editor's change goes through.
      const retry = await secondEditor.json('PATCH', url, { credit: 'AFP' }, { 'if-match': `"v${second.body.current.version}"` });
      assert.equal(retry.status, 200, JSON.stringify(retry.body));
      assert.equal(retry.body.rights.credit, 'AFP');
      assert.equal(retry.body.version, version + 2);

      // Sent at the same moment against the same version: exactly one wins.
      const at = `"v${retry.body.version}"`;
      const race = await Promise.all([
        editor.json('PATCH', url, { credit: 'Reuters' }, { 'if-match': at }),
        secondEditor.json('PATCH', url, { credit: 'epd', source: 'epd' }, { 'if-match': at }),
      ]);
      assert.deepEqual(race.map((r) => r.status).sort(), [200, 412]);
      const winner = race.find((r) => r.status === 200)!;
      const after = await editor.json('GET', url);
      assert.equal(after.body.version, version + 3);
      assert.deepEqual(after.body.rights, winner.body.rights, 'the stored rights are exactly the winner\'s');
    });

    test('the rights change and replace-everywhere bodies have declared limits: 413 beyond them', async () => {
      const up = await multipart(editor, await picture('jpeg'), 'grenzen.jpg', 'image/jpeg', { credit: 'dpa' });
      const id = up.body.id as string;
      const big = await editor.json('PATCH', `/newsroom/api/media/${id}`, { credit: 'dpa', usageTerms: 'x'.repeat(70 * 1024) }, { 'if-match': await etag(id) });
      assert.equal(big.status, 413, JSON.stringify(big.body));
      const bigReplace = await editor.json('POST', `/newsroom/api/media/${id}/replace-everywhere`, { with: id, note: 'x'.repeat(17 * 1024) });
      assert.equal(bigReplace.status, 413);
      assert.equal((await editor.json('GET', `/newsroom/api/media/${id}`)).body.version, up.body.version, 'nothing changed');
    });

    test('an asset write without If-Match is refused with 428 and changes nothing', async () => {
      const up = await multipart(editor, await picture('jpeg', 160, 120), 'ohne-version.jpg', 'image/jpeg', { credit: 'dpa' });
      const id = up.body.id as string;
      const url = `/newsroom/api/media/${id}`;
      const filesBefore = filesUnder(dir);
      const announced = events.length;

      const none = await editor.json('PATCH', url, { credit: 'MDR' });
      assert.equal(none.status, 428, JSON.stringify(none.body));
      assert.equal(none.body.error.code, 'PRECONDITION_REQUIRED');
      assert.equal(none.body.error.reason, 'version_required');
      assert.match(none.body.error.message, /If-Match/);
      const star = await editor.json('PATCH', url, { credit: 'MDR' }, { 'if-match': '*' });
      assert.equal(star.status, 428, 'only a version names what was edited');

      const file = await multipart(editor, await picture('jpeg', 200, 150), 'ersatz.jpg', 'image/jpeg', {}, 'PUT', `${url}/file`);
      assert.equal(file.status, 428, JSON.stringify(file.body));

      const stored = await editor.json('GET', url);
      assert.equal(stored.body.rights.credit, 'dpa');
      assert.equal(stored.body.version, up.body.version);
      assert.equal(stored.body.sha256, up.body.sha256);
      assert.deepEqual(filesUnder(dir), filesBefore, 'no file written');
      assert.equal(events.length, announced, 'nothing announced');
    });

    test('replacing the file against an old version is refused with 412 and leaves the file and its renditions', async () => {
      const up = await multipart(editor, await picture('jpeg', 320, 240), 'alte-fassung.jpg', 'image/jpeg');
      const id = up.body.id as string;
      const seen = `"v${up.body.version}"`;
      assert.equal((await patch(id, { credit: 'dpa' })).status, 200, 'someone else changes the rights meanwhile');
      const filesBefore = filesUnder(dir);
      const stale = await multipart(editor, await picture('webp', 400, 300), 'neu.webp', 'image/webp', {}, 'PUT', `/newsroom/api/media/${id}/file`, { 'if-match': seen });
      assert.equal(stale.status, 412, JSON.stringify(stale.body));
      assert.equal(stale.body.current.rights.credit, 'dpa');
      const stored = await editor.json('GET', `/newsroom/api/media/${id}`);
      assert.equal(stored.body.sha256, up.body.sha256, 'the old file stays');
      assert.equal(stored.body.mime, 'image/jpeg');
      assert.deepEqual(filesUnder(dir), filesBefore, 'no new file left behind');
    });

    test('the rights form without JavaScript carries the version; a stale one shows the conflict and saves nothing', async () => {
      const up = await multipart(editor, await picture('jpeg'), 'formular-konflikt.jpg', 'image/jpeg', { credit: 'dpa' });
      const id = up.body.id as string;
      const page = await (await editor.request(`/newsroom/media/${id}`)).text();
      assert.match(page, new RegExp(`<input type="hidden" name="version" value="${up.body.version}"/?>`));
      assert.equal((await patch(id, { credit: 'MDR' }, secondEditor)).status, 200, 'another editor saves first');

      const posted = await editor.request(`/newsroom/media/${id}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, version: String(up.body.version), credit: 'AFP', usageTerms: 'nur online', validFrom: '', validUntil: '', focalX: '50', focalY: '50' }),
      });
      assert.equal(posted.status, 412);
      const html = await posted.text();
      assert.match(html, /Jemand anderes hat dieses Bild inzwischen geändert\. Ihre Änderungen wurden nicht gespeichert\./);
      assert.match(html, /<li>Bildrechte \(Credit\): AFP<\/li>/, 'the editor\'s entries, to enter again');
      assert.match(html, /id="r-credit" name="credit" type="text" maxlength="200" value="MDR"/, 'the form shows the current state');
      assert.match(html, new RegExp(`name="version" value="${up.body.version + 1}"`), 'and the current version');
      const stored = await editor.json('GET', `/newsroom/api/media/${id}`);
      assert.equal(stored.body.rights.credit, 'MDR');
      assert.equal(stored.body.rights.usageTerms, undefined);

      const noVersion = await editor.request(`/newsroom/media/${id}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, credit: 'AFP', focalX: '50', focalY: '50' }),
      });
      assert.equal(noVersion.status, 428);
      assert.match(await noVersion.text(), /Das Formular ist veraltet/);
      assert.equal((await editor.json('GET', `/newsroom/api/media/${id}`)).body.rights.credit, 'MDR');
    });
  });
}
