/**
 * The wire desk's write path on both engines: a delivery is new, a newer
 * version, a redelivery or a late older version; two nodes delivering at once
 * leave one row per version; an unreadable document becomes a dead letter
 * that can be retried; the desk lists newest first with filters and German
 * full text; the live desk hears of each stored item after its commit.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { LedeError } from '../../src/content/index.js';
import { EventBus, type DomainEvent } from '../../src/events/event-bus.js';
import { StoryService } from '../../src/services/story-service.js';
import { DEAD_LETTER_MAX_BYTES, WireDesk, type IngestOutcome } from '../../src/services/wire-desk.js';
import { forEachEngine } from '../helpers/db.js';
import { testReader, wireDoc, wireItem } from './wire-desk-fixtures.js';

type Stored = Extract<IngestOutcome, { itemId: string }>;
function stored(o: IngestOutcome | undefined): Stored {
  assert.ok(o && o.result !== 'refused', `expected a stored item, got ${JSON.stringify(o)}`);
  return o;
}

forEachEngine('wire desk: ingest', (ctx) => {
  let desk: WireDesk;
  const read = testReader();
  const heard: DomainEvent[] = [];
  const logged: string[] = [];

  before(async () => {
    const bus = new EventBus();
    bus.subscribe((e) => void heard.push(e));
    desk = new WireDesk(ctx.db, new StoryService(ctx.db, bus), { events: bus, read, log: (l) => logged.push(l) });
    await desk.saveSource({ id: 'dpa', name: 'dpa Basisdienst', format: 'digitalwires', transport: 'manual' });
    await desk.saveSource({ id: 'epd', name: 'epd', transport: 'manual' });
  });

  test('an unknown source is the caller\'s mistake: NOT_FOUND naming it, nothing stored', async () => {
    await assert.rejects(desk.ingest('afp', wireDoc(wireItem())), (err: unknown) => {
      assert.ok(err instanceof LedeError);
      assert.equal(err.code, 'NOT_FOUND');
      assert.equal(err.reason, 'no_wire_source');
      assert.match(err.message, /"afp"/);
      return true;
    });
    assert.deepEqual(await desk.deadLetters(), []);
  });

  test('new, redelivered, newer, late older: one row per version, the newest is current', async () => {
    const v1 = wireItem({ headline: 'Erste Fassung' });
    heard.length = 0;
    const [first] = await desk.ingest('dpa', wireDoc(v1), { via: 'manual' });
    const a = stored(first);
    assert.equal(a.result, 'new');
    assert.equal(a.currentVersion, 1);
    assert.deepEqual(heard.map((e) => [e.type, e.wireItemId, e.storyId]), [['wire.received', a.itemId, '']]);

    const [again] = await desk.ingest('dpa', wireDoc(v1));
    assert.equal(stored(again).result, 'duplicate');
    assert.equal(stored(again).itemId, a.itemId);
    assert.equal(heard.length, 1, 'a redelivery tells nobody');

    const v3 = { ...v1, version: 3, headline: 'Dritte Fassung' };
    const [third] = await desk.ingest('dpa', wireDoc(v3));
    assert.deepEqual([stored(third).result, stored(third).currentVersion, stored(third).itemId], ['version', 3, a.itemId]);

    const v2 = { ...v1, version: 2, headline: 'Zweite Fassung (verspätet)' };
    const [late] = await desk.ingest('dpa', wireDoc(v2));
    assert.deepEqual([stored(late).result, stored(late).currentVersion], ['ignored', 3]);
    assert.ok(logged.some((l) => l.includes('version 2') && l.includes(v1.guid)), 'a late version is logged');
    assert.equal(heard.length, 2, 'only the new item and the newer version were told');

    const view = await desk.get(a.itemId);
    assert.equal(view.item.version, 3);
    assert.equal(view.item.headline, 'Dritte Fassung');
    assert.equal(view.current.headline, 'Dritte Fassung');
    assert.equal(view.item.versions, 3);
    assert.deepEqual(view.versions.map((v) => [v.version, v.late]), [[3, false], [2, true], [1, false]]);
    assert.equal((await desk.version(a.itemId, 2)).headline, 'Zweite Fassung (verspätet)');
    const rows = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM wire_versions WHERE item_id = $1::uuid', [a.itemId]);
    assert.equal(rows[0]!.n, 3);
    await assert.rejects(desk.version(a.itemId, 7), /has no version 7 \(its current version is 3\)/);
  });

  test('the same guid from two sources is two items', async () => {
    const item = wireItem();
    const [a] = await desk.ingest('dpa', wireDoc(item));
    const [b] = await desk.ingest('epd', wireDoc({ ...item, format: 'ninjs' }));
    assert.equal(stored(a).result, 'new');
    assert.equal(stored(b).result, 'new');
    assert.notEqual(stored(a).itemId, stored(b).itemId);
  });

  test('a source bound to a format refuses another format as a dead letter', async () => {
    const [out] = await desk.ingest('dpa', wireDoc(wireItem({ format: 'ninjs' })), { name: 'falsch.json' });
    assert.equal(out?.result, 'refused');
    assert.match((out as { reason: string }).reason, /takes digitalwires, this is ninjs/);
  });

  test('two nodes delivering the same versions at once: exactly one row per version', async () => {
    const item = wireItem({ headline: 'Gleichzeitig' });
    const v2 = { ...item, version: 2 };
    const outs = (await Promise.all([
      desk.ingest('dpa', wireDoc(item)), desk.ingest('dpa', wireDoc(item)), desk.ingest('dpa', wireDoc(v2)), desk.ingest('dpa', wireDoc(v2)),
    ])).flat().map(stored);
    const ids = new Set(outs.map((o) => o.itemId));
    assert.equal(ids.size, 1, 'one item');
    assert.equal(outs.filter((o) => o.result === 'new').length, 1);
    // Whichever came first: v2 is stored once as current, v1 once (current before v2, or late after it).
    assert.equal(outs.filter((o) => o.version === 2 && (o.result === 'new' || o.result === 'version')).length, 1);
    const rows = await ctx.db.query<{ version: number }>(
      `SELECT v.version FROM wire_versions v JOIN wire_items w ON w.id = v.item_id WHERE w.source = 'dpa' AND w.guid = $1 ORDER BY v.version`, [item.guid],
    );
    assert.deepEqual(rows.map((r) => r.version), [1, 2]);
    const view = await desk.get([...ids][0]!);
    assert.equal(view.item.version, 2);
    assert.equal(view.item.versions, 2);
  });

  test('an unreadable document is a dead letter, never an error; a retry after the fix stores it and resolves the letter', async () => {
    const item = wireItem({ headline: 'Nach der Reparatur' });
    read.refuseAll = 'digitalwires: "article_html" is not a string';
    const [out] = await desk.ingest('dpa', wireDoc(item), { name: 'kaputt.json', via: 'folder' });
    read.refuseAll = undefined;
    assert.equal(out?.result, 'refused');
    const letterId = (out as { deadLetterId: string }).deadLetterId;
    const [letter] = (await desk.deadLetters()).filter((d) => d.id === letterId);
    assert.ok(letter);
    assert.deepEqual([letter.source, letter.name, letter.via, letter.reason, letter.resolved, letter.retries],
      ['dpa', 'kaputt.json', 'folder', 'digitalwires: "article_html" is not a string', false, 0]);
    assert.equal(letter.size, Buffer.byteLength(wireDoc(item)));

    // Still refused: the reason is updated, nothing else.
    read.refuseAll = 'still broken';
    const [again] = await desk.retryDeadLetter(letterId);
    read.refuseAll = undefined;
    assert.deepEqual(again, { result: 'refused', reason: 'still broken', deadLetterId: letterId });
    const [updated] = (await desk.deadLetters()).filter((d) => d.id === letterId);
    assert.deepEqual([updated?.reason, updated?.retries, updated?.resolved], ['still broken', 1, false]);

    const [fixed] = await desk.retryDeadLetter(letterId);
    assert.equal(stored(fixed).result, 'new');
    assert.equal((await desk.get(stored(fixed).itemId)).item.headline, 'Nach der Reparatur');
    assert.ok(!(await desk.deadLetters()).some((d) => d.id === letterId), 'resolved letters leave the open list');
    assert.ok((await desk.deadLetters({ resolved: true })).some((d) => d.id === letterId));
  });

  test('garbage, NUL bytes and lone surrogates never reach the database as errors', async () => {
    const [junk] = await desk.ingest('dpa', new Uint8Array([0, 255, 0, 1, 2]), { name: 'bin\u0000.dat' });
    assert.equal(junk?.result, 'refused');
    const [letter] = (await desk.deadLetters()).filter((d) => d.id === (junk as { deadLetterId: string }).deadLetterId);
    assert.equal(letter?.name, 'bin.dat');
    const [dirty] = await desk.ingest('dpa', wireDoc(wireItem({ headline: 'Null\u0000byte und \ud800 halbes Zeichen', teaser: 'a\u0000b' })));
    const view = await desk.get(stored(dirty).itemId);
    assert.equal(view.item.headline, 'Nullbyte und \ufffd halbes Zeichen');
    assert.equal(view.current.teaser, 'ab');
    // A freak headline of a megabyte is stored (its search words capped), not a database error.
    const [long] = await desk.ingest('dpa', wireDoc(wireItem({ headline: 'Überlänge '.repeat(100_000), urgency: 42 })));
    const longView = await desk.get(stored(long).itemId);
    assert.equal(longView.item.headline, 'Überlänge '.repeat(100_000).trim());
    assert.equal(longView.item.urgency, undefined, 'an urgency outside 1–9 is not one');
  });

  test('a huge unreadable document keeps its first 5 MB, and asks to be delivered again rather than retried', async () => {
    const huge = 'x'.repeat(DEAD_LETTER_MAX_BYTES + 1000);
    const [out] = await desk.ingest('dpa', huge, { name: 'riesig.txt' });
    assert.equal(out?.result, 'refused');
    const id = (out as { deadLetterId: string }).deadLetterId;
    const [letter] = (await desk.deadLetters()).filter((d) => d.id === id);
    assert.deepEqual([letter?.size, letter?.truncated], [DEAD_LETTER_MAX_BYTES + 1000, true]);
    const kept = await ctx.db.query<{ n: number }>('SELECT octet_length(raw) AS n FROM wire_dead_letters WHERE id = $1::uuid', [id]);
    assert.equal(kept[0]!.n, DEAD_LETTER_MAX_BYTES);
    await assert.rejects(desk.retryDeadLetter(id), (e: unknown) => e instanceof LedeError && e.code === 'CONFLICT' && e.reason === 'dead_letter_truncated');
    await assert.rejects(desk.retryDeadLetter('nope'), (e: unknown) => e instanceof LedeError && e.reason === 'no_dead_letter');
  });

  test('an empty document and an item without an id are refused with the reason', async () => {
    const [empty] = await desk.ingest('dpa', wireDoc());
    assert.deepEqual([empty?.result, (empty as { reason: string }).reason], ['refused', 'the document holds no agency item']);
    const [noId] = await desk.ingest('dpa', wireDoc(wireItem({ guid: ' ' })));
    assert.match((noId as { reason: string }).reason, /no usable id/);
  });
});

forEachEngine('wire desk: the list', (ctx) => {
  let desk: WireDesk;
  const ids: Record<string, string> = {};

  before(async () => {
    let t = Date.parse('2026-12-05T08:00:00Z');
    // Each delivery a minute later, so "newest first" is a fact of the data, not of timing.
    desk = new WireDesk(ctx.db, new StoryService(ctx.db), { read: testReader(), clock: () => new Date((t += 60_000)), log: () => undefined });
    await desk.saveSource({ id: 'dpa', name: 'dpa' });
    await desk.saveSource({ id: 'kna', name: 'KNA' });
    const add = async (key: string, source: string, over: Parameters<typeof wireItem>[0]) => {
      ids[key] = stored((await desk.ingest(source, wireDoc(wireItem(over))))[0]).itemId;
    };
    await add('haushalt', 'dpa', { headline: 'Landtag beschließt Haushalt', urgency: 3 });
    await add('eil', 'dpa', { headline: 'Eilmeldung: Regierungschef tritt zurück', urgency: 1, kicker: 'Eil' });
    await add('kirche', 'kna', {
      headline: 'Bischofskonferenz tagt in Fulda', urgency: 4,
      categories: [{ scheme: 'desk', code: 'kna:rel', name: 'Religion' }, { scheme: 'geo', code: 'geo:hessen', name: 'Hessen' }],
      body: [{ type: 'paragraph', content: [{ text: 'Die Bischöfe beraten über Missbrauchsaufarbeitung.' }] }],
    });
    await add('sport', 'dpa', {
      headline: 'Magdeburg gewinnt Derby', urgency: 5,
      categories: [{ scheme: 'desk', code: 'dpacat:sp', name: 'Sport' }, { scheme: 'dpasubject', code: 'dpasubject:15000000', name: 'Fußball' }],
      body: [{ type: 'paragraph', content: [{ text: 'Der Bundestagsabgeordnete sah die Partie im Stadion.' }] }],
    });
    await add('eil2', 'dpa', { headline: 'Eil: Sturmwarnung für die Küste', urgency: 2 });
  });

  const headlines = (r: { items: { id: string }[] }) => r.items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0] ?? '?');

  test('newest first; urgent first when asked; pages by cursor without gaps or repeats', async () => {
    assert.deepEqual(headlines(await desk.list()), ['eil2', 'sport', 'kirche', 'eil', 'haushalt']);
    assert.deepEqual(headlines(await desk.list({ eilFirst: true })), ['eil2', 'eil', 'sport', 'kirche', 'haushalt']);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await desk.list({ eilFirst: true, limit: 2, ...(cursor && { cursor }) });
      seen.push(...headlines(page));
      cursor = page.next;
    } while (cursor);
    assert.deepEqual(seen, ['eil2', 'eil', 'sport', 'kirche', 'haushalt']);
    const plain: string[] = [];
    cursor = undefined;
    do {
      const page = await desk.list({ limit: 3, ...(cursor && { cursor }) });
      plain.push(...headlines(page));
      cursor = page.next;
    } while (cursor);
    assert.deepEqual(plain, ['eil2', 'sport', 'kirche', 'eil', 'haushalt']);
    await assert.rejects(desk.list({ cursor: 'bogus' }), (e: unknown) => e instanceof LedeError && e.reason === 'bad_cursor');
    await assert.rejects(desk.list({ limit: 0 }), (e: unknown) => e instanceof LedeError && e.reason === 'bad_filter');
  });

  test('filters: source, urgency, desk, category, geo, status', async () => {
    assert.deepEqual(headlines(await desk.list({ source: 'kna' })), ['kirche']);
    assert.deepEqual(headlines(await desk.list({ urgency: 'eil' })), ['eil2', 'eil']);
    assert.deepEqual(headlines(await desk.list({ urgency: 3 })), ['eil2', 'eil', 'haushalt']);
    assert.deepEqual(headlines(await desk.list({ desk: 'pl' })), ['eil2', 'eil', 'haushalt']);
    assert.deepEqual(headlines(await desk.list({ desk: 'Sport' })), ['sport']);
    assert.deepEqual(headlines(await desk.list({ desk: 'dpacat:sp' })), ['sport']);
    assert.deepEqual(headlines(await desk.list({ category: 'fußball' })), ['sport']);
    assert.deepEqual(headlines(await desk.list({ geo: 'Hessen' })), ['kirche']);
    assert.deepEqual(headlines(await desk.list({ geo: 'sachsen-anhalt', urgency: 'eil' })), ['eil2', 'eil']);
    assert.deepEqual(headlines(await desk.list({ status: 'new', source: 'kna' })), ['kirche']);
    assert.deepEqual(headlines(await desk.list({ status: 'withdrawn' })), []);
    const entry = (await desk.list({ source: 'dpa', urgency: 'eil', limit: 1 })).items[0]!;
    assert.deepEqual([entry.source, entry.urgency, entry.status, entry.version, entry.kicker], ['dpa', 2, 'new', 1, 'Landtag']);
  });

  test('German full text: stemmed words, the body, and the start of a word', async () => {
    assert.deepEqual(headlines(await desk.list({ q: 'Bischöfe' })), ['kirche']);
    assert.deepEqual(headlines(await desk.list({ q: 'Missbrauchsaufarbeitung' })), ['kirche']);
    assert.deepEqual(headlines(await desk.list({ q: 'Haushalts' })), ['haushalt'], 'stemmed: Haushalts finds Haushalt');
    assert.deepEqual(headlines(await desk.list({ q: 'Bundestagsabg' })), ['sport'], 'a word begun is found');
    assert.deepEqual(headlines(await desk.list({ q: 'Sturm' })), ['eil2']);
    assert.deepEqual(headlines(await desk.list({ q: 'Derby', source: 'kna' })), []);
    assert.deepEqual(headlines(await desk.list({ q: 'der die das' })), [], 'only stopwords: nothing, no error');
    assert.deepEqual(headlines(await desk.list({ q: "'):* & !(" })), [], 'tsquery syntax is text, not syntax');
  });
});
