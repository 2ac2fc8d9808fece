/**
 * "Übernehmen" and what follows it, on both engines: a wire item becomes a
 * draft story owned by the editor, mapped to section and topics by the
 * source's rules, with the embargo it carries and never the agency's internal
 * notes or usage terms; the story keeps following the item (a newer version,
 * a correction, a withdrawal by the source's policy); its picture is fetched
 * once into the media library; auto-publish rules are off until configured.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { LedeError, type Story } from '../../src/content/index.js';
import { EventBus, type DomainEvent } from '../../src/events/event-bus.js';
import type { WireItem } from '../../src/ingest/agency/wire-item.js';
import { AccountService } from '../../src/services/account-service.js';
import { newsroomMedia, type NewsroomMedia } from '../../src/services/media-library.js';
import { StoryService } from '../../src/services/story-service.js';
import { WireDesk, type IngestOutcome } from '../../src/services/wire-desk.js';
import { listAudit } from '../../src/store/audit-queries.js';
import { DiskStorage } from '../../src/storage/storage.js';
import { forEachEngine } from '../helpers/db.js';
import { solidJpeg } from '../helpers/newsroom-chromium.js';
import { testReader, wireDoc, wireItem } from './wire-desk-fixtures.js';

type Stored = Extract<IngestOutcome, { itemId: string }>;
function stored(o: IngestOutcome | undefined): Stored {
  assert.ok(o && o.result !== 'refused', `expected a stored item, got ${JSON.stringify(o)}`);
  return o;
}

/** A picture server on 127.0.0.1 that counts the requests per path. */
async function pictureServer(files: Record<string, Buffer>): Promise<{ url: (p: string) => string; hits: Map<string, number>; close: () => Promise<void> }> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const p = req.url ?? '/';
    hits.set(p, (hits.get(p) ?? 0) + 1);
    if (p.startsWith('/go/')) {
      res.writeHead(302, { location: p.slice(3) }).end();
      return;
    }
    const body = files[p];
    if (!body) {
      res.writeHead(404).end('gone');
      return;
    }
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: (p) => `http://127.0.0.1:${port}${p}`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

const future = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');

forEachEngine('wire desk: take-over', (ctx) => {
  let desk: WireDesk;
  let stories: StoryService;
  let editor: { id: string; name: string };
  let media: NewsroomMedia;
  let pictures: Awaited<ReturnType<typeof pictureServer>>;
  const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-wire-media-'));
  const heard: DomainEvent[] = [];

  before(async () => {
    const bus = new EventBus();
    bus.subscribe((e) => void heard.push(e));
    stories = new StoryService(ctx.db, bus);
    media = newsroomMedia({ db: ctx.db, storage: new DiskStorage(mediaRoot), eager: { crops: [], formats: [] } });
    const [red, blue, green] = await Promise.all([solidJpeg('#c00', 640, 360), solidJpeg('#00c', 320, 180), solidJpeg('#0a0', 400, 300)]);
    pictures = await pictureServer({ '/pics/base.jpg': red, '/pics/thumb.jpg': blue, '/mirror/same.jpg': red, '/pics/green.jpg': green });
    desk = new WireDesk(ctx.db, stories, { events: bus, media, read: testReader(), pictures: { allowPrivate: true, timeoutMs: 5000 }, log: () => undefined });
    const user = await new AccountService(ctx.db).createUser({ email: 'cvd-wire@example.org', name: 'Clara Dienst', role: 'editor', password: 'ein langes Passwort 1' }, { name: 'test' });
    editor = { id: user.id, name: user.name };
    await desk.saveSource({
      id: 'dpa', name: 'dpa Landesdienst', withdrawPolicy: 'flag', settings: { section: 'Nachrichten' },
      rules: [
        { scheme: 'geo', name: 'Sachsen-Anhalt', topics: ['Sachsen-Anhalt'] },
        { scheme: 'desk', code: 'pl', section: 'Politik', topics: ['Landespolitik'] },
        { scheme: 'mediatopic', code: 'medtop:11000000', section: 'Welt', topics: ['Politik'] },
      ],
    });
    await desk.saveSource({ id: 'dpa-hart', name: 'dpa (depublizieren)', withdrawPolicy: 'depublish' });
  });
  after(async () => {
    await pictures?.close();
    fs.rmSync(mediaRoot, { recursive: true, force: true });
  });

  const ingestOne = async (source: string, item: WireItem) => stored((await desk.ingest(source, wireDoc(item)))[0]);

  test('one click: a draft owned by the editor, mapped by the rules, linked and audited; internal text stays out', async () => {
    const item = wireItem({
      boxes: [{ role: 'infobox', heading: 'Hintergrund', blocks: [{ type: 'paragraph', content: [{ text: 'Der Haushalt umfasst 14 Milliarden Euro.' }] }] }],
    });
    const { itemId } = await ingestOne('dpa', item);
    const story = await desk.takeOver(itemId, { id: editor.id });
    assert.equal(story.status, 'draft');
    assert.equal(story.kind, 'article');
    assert.equal(story.ownerId, editor.id);
    assert.equal(story.kicker, 'Landtag');
    assert.equal(story.headline, item.headline);
    assert.equal(story.teaser, item.teaser);
    assert.equal(story.byline, 'Von Greta Sommer, dpa');
    assert.equal(story.dateline, 'Magdeburg (dpa)');
    assert.equal(story.sourceLine, 'dpa');
    assert.equal(story.source, `dpa:${item.guid}`);
    assert.equal(story.language, 'de');
    // The first rule with a section wins (desk pl → Politik, not Welt); topics of every matching rule, in rule order.
    assert.equal(story.section, 'Politik');
    assert.deepEqual(story.topics, ['Sachsen-Anhalt', 'Landespolitik', 'Politik']);
    assert.deepEqual(story.body.slice(0, 2), item.body);
    assert.deepEqual(story.body[2], { type: 'box', heading: 'Hintergrund', body: item.boxes[0]!.blocks });
    const json = JSON.stringify(await stories.get(story.id));
    for (const internal of ['Finanzministerium', 'Intern:', 'Landesdienst', 'Korrigiert wird']) assert.ok(!json.includes(internal), `"${internal}" must not be in the story`);

    const state = await desk.storyAgencyState(story.id);
    assert.deepEqual(state, { itemId, source: 'dpa', guid: item.guid, takenVersion: 1, currentVersion: 1, withdrawn: false, correction: false });
    const view = await desk.get(itemId);
    assert.equal(view.item.status, 'taken');
    assert.deepEqual(view.takes.map((t) => [t.storyId, t.takenVersion, t.takenBy, t.takenByName, t.autoPublished]), [[story.id, 1, editor.id, 'Clara Dienst', false]]);
    const entries = await listAudit(ctx.db, { storyId: story.id });
    assert.deepEqual(entries.map((e) => [e.action, e.actor, e.actorId, e.detail.guid]), [['wire.taken', 'Clara Dienst', editor.id, item.guid]]);
    assert.equal(await desk.storyAgencyState((await stories.create({ kind: 'article', headline: 'Eigener Text', body: [] })).id), undefined);
  });

  test('take-over needs a newsroom account and an item that exists', async () => {
    const { itemId } = await ingestOne('dpa', wireItem());
    await assert.rejects(desk.takeOver(itemId, { id: '00000000-0000-4000-8000-000000000000' }), (e: unknown) => e instanceof LedeError && e.code === 'NOT_FOUND' && e.reason === 'no_user');
    await assert.rejects(desk.takeOver(itemId, { id: 'clara' }), (e: unknown) => e instanceof LedeError && e.code === 'VALIDATION');
    await assert.rejects(desk.takeOver('kein-artikel', editor), (e: unknown) => e instanceof LedeError && e.reason === 'no_wire_item');
    assert.deepEqual((await desk.get(itemId)).takes, []);
  });

  test('an item without a matching rule goes to the source\'s default section', async () => {
    const { itemId } = await ingestOne('dpa', wireItem({ categories: [{ scheme: 'desk', code: 'dpacat:ku', name: 'Kultur' }] }));
    const story = await desk.takeOver(itemId, editor);
    assert.equal(story.section, 'Nachrichten');
    assert.deepEqual(story.topics, []);
  });

  test('the embargo goes with the story, and publishing before it only schedules', async () => {
    const until = future(5);
    const { itemId } = await ingestOne('dpa', wireItem({ embargoUntil: until }));
    assert.equal(Date.parse((await desk.get(itemId)).item.embargoUntil!), Date.parse(until));
    const story = await desk.takeOver(itemId, editor);
    assert.equal(Date.parse(story.embargoUntil!), Date.parse(until));
    const published = await stories.publish(story.id, { actor: editor });
    assert.equal(published.status, 'scheduled');
    assert.equal(Date.parse(published.scheduledPublishAt!), Date.parse(until));
    assert.equal(Date.parse((await desk.storyAgencyState(story.id))!.embargoUntil!), Date.parse(until));
  });

  test('a newer version and a correction: the story shows the new agency version and the diff between them', async () => {
    const v1 = wireItem({ headline: 'Minister Müller besucht Halle' });
    const { itemId } = await ingestOne('dpa', v1);
    const story = await desk.takeOver(itemId, editor);
    await ingestOne('dpa', { ...v1, version: 2, body: [...v1.body, { type: 'paragraph', content: [{ text: 'Ein dritter Absatz kam hinzu.' }] }] });
    let state = (await desk.storyAgencyState(story.id))!;
    assert.deepEqual([state.takenVersion, state.currentVersion, state.correction], [1, 2, false]);
    assert.equal((await desk.get(itemId)).item.status, 'taken');

    await ingestOne('dpa', {
      ...v1, version: 3, correction: true, signals: ['sig:correction'], headline: 'Minister Meier besucht Halle',
      body: [{ type: 'paragraph', content: [{ text: 'Die Abgeordneten stimmten mit großer Mehrheit für den Entwurf der Landesregierung.' }] }, v1.body[1]!],
    });
    state = (await desk.storyAgencyState(story.id))!;
    assert.deepEqual([state.takenVersion, state.currentVersion, state.correction], [1, 3, true]);
    assert.equal((await desk.get(itemId)).item.status, 'corrected');
    assert.deepEqual((await desk.get(itemId)).versions.map((v) => [v.version, v.correction]), [[3, true], [2, false], [1, false]]);

    const diff = await desk.diff(itemId, 1, 3);
    assert.deepEqual([diff.fromVersion, diff.toVersion], [1, 3]);
    const headline = diff.fields.find((f) => f.field === 'headline');
    assert.ok(headline && headline.kind === 'text');
    assert.deepEqual(headline.words.filter((w) => w.op !== 'same'), [{ op: 'del', text: 'Müller' }, { op: 'ins', text: 'Meier' }]);
    assert.ok(diff.fields.some((f) => f.field === 'correction' && f.kind === 'value' && f.after === 'true'));
    assert.deepEqual(diff.body.map((o) => o.op), ['changed', 'same']);
    const changed = diff.body[0]!;
    assert.ok(changed.op === 'changed' && changed.words?.some((w) => w.op === 'ins' && w.text.includes('großer')));
    await assert.rejects(desk.diff(itemId, 1, 9), (e: unknown) => e instanceof LedeError && e.reason === 'no_wire_version');

    // The editor merged version 3 into the story: nothing new until version 4.
    state = await desk.adoptVersion(story.id);
    assert.deepEqual([state.takenVersion, state.currentVersion, state.correction], [3, 3, false]);
    assert.equal((await desk.adoptVersion(story.id, 2)).takenVersion, 3, 'never back');
    await assert.rejects(desk.adoptVersion(story.id, 4), (e: unknown) => e instanceof LedeError && e.reason === 'no_wire_version');
    await ingestOne('dpa', { ...v1, version: 4 });
    assert.deepEqual([(await desk.storyAgencyState(story.id))!.takenVersion, (await desk.storyAgencyState(story.id))!.currentVersion], [3, 4]);
  });

  test('withdrawal under the flag policy: the published story stays up, flagged; the item cannot be taken again', async () => {
    const v1 = wireItem();
    const { itemId } = await ingestOne('dpa', v1);
    const story = await desk.takeOver(itemId, editor);
    await stories.publish(story.id, { actor: editor });
    heard.length = 0;
    const out = await ingestOne('dpa', { ...v1, version: 2, pubStatus: 'canceled' });
    assert.deepEqual([out.result, out.withdrawn], ['version', true]);
    assert.equal((await stories.get(story.id)).status, 'published');
    const state = (await desk.storyAgencyState(story.id))!;
    assert.deepEqual([state.withdrawn, state.alert], [true, 'withdrawn']);
    assert.equal((await desk.get(itemId)).item.status, 'withdrawn');
    assert.deepEqual((await desk.list({ status: 'withdrawn' })).items.map((i) => i.id), [itemId]);
    assert.ok(!heard.some((e) => e.type === 'story.depublished'));
    await assert.rejects(desk.takeOver(itemId, editor), (e: unknown) => e instanceof LedeError && e.code === 'CONFLICT' && e.reason === 'wire_withdrawn');
  });

  test('withdrawal under the depublish policy: published stories come down as the system, audited; drafts are flagged', async () => {
    const v1 = wireItem();
    const { itemId } = await ingestOne('dpa-hart', v1);
    const live = await desk.takeOver(itemId, editor);
    await stories.publish(live.id, { actor: editor });
    const draft = await desk.takeOver(itemId, editor);
    const out = await ingestOne('dpa-hart', { ...v1, version: 2, pubStatus: 'withheld' });
    assert.deepEqual(out.warnings, []);
    const down = await stories.get(live.id);
    assert.equal(down.status, 'depublished');
    assert.equal((await stories.get(draft.id)).status, 'draft');
    assert.equal((await desk.storyAgencyState(live.id))!.alert, 'depublished');
    assert.equal((await desk.storyAgencyState(draft.id))!.alert, 'withdrawn');
    const [entry] = (await listAudit(ctx.db, { storyId: live.id })).filter((e) => e.action === 'story.depublished');
    assert.ok(entry);
    assert.deepEqual([entry.actor, entry.actorId, entry.detail.why, (entry.detail.wire as { guid: string }).guid], ['system', null, 'agency withdrawal', v1.guid]);
  });

  test('a withdrawal whose depublishing was cut short (the process died) is carried out when it is delivered again', async () => {
    const v1 = wireItem();
    const { itemId } = await ingestOne('dpa-hart', v1);
    const live = await desk.takeOver(itemId, editor);
    await stories.publish(live.id, { actor: editor });
    // As if the node died right after committing the withdrawal: stored and flagged, the story still up.
    class Dying extends StoryService {
      override async get(): Promise<never> {
        throw new Error('node killed');
      }
    }
    const cut = new WireDesk(ctx.db, new Dying(ctx.db), { read: testReader(), log: () => undefined });
    const first = await cut.ingest('dpa-hart', wireDoc({ ...v1, version: 2, pubStatus: 'canceled' }));
    assert.match(stored(first[0]).warnings.join(' '), /could not be depublished.*node killed/);
    assert.equal((await stories.get(live.id)).status, 'published');
    const again = await ingestOne('dpa-hart', { ...v1, version: 2, pubStatus: 'canceled' });
    assert.equal(again.result, 'duplicate');
    assert.equal((await stories.get(live.id)).status, 'depublished');
    assert.equal((await desk.storyAgencyState(live.id))!.alert, 'depublished');
  });

  test('the first picture\'s widest rendition is fetched once into the media library, with the agency\'s rights', async () => {
    const association = (href: string, thumb = pictures.url('/pics/thumb.jpg')) => ({
      kind: 'picture' as const, rank: 1, caption: 'Der Landtag in Magdeburg', altText: 'Plenarsaal des Landtags',
      rights: { credit: 'Klaus-Dietmar Gabbert/dpa', copyrightHolder: 'dpa', usageTerms: 'Nur redaktionelle Nutzung', validUntil: '2031-01-01T00:00:00Z' },
      renditions: [
        { role: 'thumbnail', href: thumb, mimeType: 'image/jpeg', width: 320 },
        { role: 'baseImage', href, mimeType: 'image/jpeg', width: 1600 },
        { role: 'raw', href: pictures.url('/pics/raw.tif'), mimeType: 'application/octet-stream', width: 6000 },
      ],
    });
    const first = await ingestOne('dpa', wireItem({ associations: [association(pictures.url('/pics/base.jpg'))] }));
    const a = await desk.take(first.itemId, editor);
    assert.deepEqual(a.warnings, []);
    const lead = a.story.lead!;
    assert.ok(lead.assetId);
    assert.deepEqual([lead.kind, lead.alt, lead.caption, lead.credit], ['image', 'Plenarsaal des Landtags', 'Der Landtag in Magdeburg', 'Klaus-Dietmar Gabbert/dpa']);
    const asset = await media.library.find(lead.assetId);
    assert.deepEqual([asset.width, asset.height, asset.createdBy], [640, 360, editor.id]);
    assert.equal(asset.rights.credit, 'Klaus-Dietmar Gabbert/dpa');
    assert.equal(asset.rights.copyrightHolder, 'dpa');
    assert.equal(asset.rights.usageTerms, 'Nur redaktionelle Nutzung');
    assert.equal(Date.parse(asset.rights.validUntil!), Date.parse('2031-01-01T00:00:00Z'));
    assert.equal(pictures.hits.get('/pics/base.jpg'), 1);
    assert.equal(pictures.hits.get('/pics/thumb.jpg'), undefined, 'only the widest image rendition is fetched');
    assert.ok(!JSON.stringify(a.story).includes('redaktionelle Nutzung'), 'usage terms stay in the library');

    // Another item with the same picture: the same asset, no second fetch.
    const second = await ingestOne('dpa', wireItem({ associations: [association(pictures.url('/pics/base.jpg'))] }));
    assert.equal((await desk.takeOver(second.itemId, editor)).lead?.assetId, lead.assetId);
    assert.equal(pictures.hits.get('/pics/base.jpg'), 1);
    // The same file under another address: fetched, but one asset (the library goes by content).
    const third = await ingestOne('dpa', wireItem({ associations: [association(pictures.url('/mirror/same.jpg'))] }));
    assert.equal((await desk.takeOver(third.itemId, editor)).lead?.assetId, lead.assetId);
    const assets = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM media_assets');
    assert.equal(assets[0]!.n, 1);
  });

  test('a picture that cannot be fetched is a warning, never a failed take-over', async () => {
    const item = wireItem({
      associations: [{ kind: 'picture', rights: {}, renditions: [{ href: pictures.url('/pics/weg.jpg'), mimeType: 'image/jpeg', width: 800 }] }],
    });
    const { itemId } = await ingestOne('dpa', item);
    const { story, warnings } = await desk.take(itemId, editor);
    assert.equal(story.lead, undefined);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /picture was not taken over .*answered 404/);
    // Private addresses are refused unless allowed (the URL comes from outside).
    const strict = new WireDesk(ctx.db, stories, { media, read: testReader(), log: () => undefined });
    const other = await ingestOne('dpa', wireItem({
      associations: [{ kind: 'picture', rights: {}, renditions: [{ href: pictures.url('/pics/base.jpg'.replace('base', 'thumb')), mimeType: 'image/jpeg', width: 320 }] }],
    }));
    const refused = await strict.take(other.itemId, editor);
    assert.match(refused.warnings[0] ?? '', /private or local address/);
  });

  test('a redirect is followed (each hop checked like the first)', async () => {
    const { itemId } = await ingestOne('dpa', wireItem({
      associations: [{ kind: 'picture', rights: { credit: 'dpa' }, renditions: [{ href: pictures.url('/go/pics/green.jpg'), mimeType: 'image/jpeg', width: 400 }] }],
    }));
    const { story, warnings } = await desk.take(itemId, editor);
    assert.deepEqual(warnings, []);
    assert.equal((await media.library.find(story.lead!.assetId!)).width, 400);
    assert.deepEqual([pictures.hits.get('/go/pics/green.jpg'), pictures.hits.get('/pics/green.jpg')], [1, 1]);
  });

  test('auto-publish is off by default; a matching rule publishes as the system (scheduling under embargo)', async () => {
    const before = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stories');
    const plain = await ingestOne('dpa', wireItem());
    assert.equal(plain.autoPublished, undefined);
    assert.equal((await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stories'))[0]!.n, before[0]!.n, 'no story without a rule');

    await desk.saveSource({ id: 'dpa-auto', name: 'dpa Wetter', autoPublish: [{ when: { scheme: 'desk', code: 'wetter' }, publish: true }] });
    const weather = { categories: [{ scheme: 'desk' as const, code: 'dpacat:wetter', name: 'Wetter' }] };
    const off = await ingestOne('dpa-auto', wireItem());
    assert.equal(off.autoPublished, undefined, 'another desk is not published');
    const on = await ingestOne('dpa-auto', wireItem({ ...weather, headline: 'Sturmtief zieht auf' }));
    assert.equal(on.autoPublished?.status, 'published');
    const story = await stories.get(on.autoPublished!.storyId);
    assert.deepEqual([story.status, story.headline, story.ownerId], ['published', 'Sturmtief zieht auf', undefined]);
    const audit = (await listAudit(ctx.db, { storyId: story.id })).map((e) => [e.action, e.actor]);
    assert.deepEqual(audit.sort(), [['story.published', 'system'], ['wire.taken', 'system']]);
    assert.deepEqual((await desk.get(on.itemId)).takes.map((t) => t.autoPublished), [true]);
    // A redelivery does not publish a second story.
    assert.equal(stored((await desk.ingest('dpa-auto', wireDoc({ ...(await desk.version(on.itemId, 1)) })))[0]).result, 'duplicate');
    assert.equal((await desk.get(on.itemId)).takes.length, 1);

    const embargoed = await ingestOne('dpa-auto', wireItem({ ...weather, embargoUntil: future(2) }));
    assert.equal(embargoed.autoPublished?.status, 'scheduled');
  });

  test('a video item with a playable file becomes a video story', async () => {
    const { itemId } = await ingestOne('dpa', wireItem({
      type: 'video', associations: [{ kind: 'video', rights: {}, renditions: [{ href: 'https://video.example.test/a.mp4', mimeType: 'video/mp4', durationSeconds: 92.4 }] }],
    }));
    const story: Story = await desk.takeOver(itemId, editor);
    assert.equal(story.kind, 'video');
    assert.deepEqual(story.media, { durationSeconds: 92, src: 'https://video.example.test/a.mp4' });
  });
});
