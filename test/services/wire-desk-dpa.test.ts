/**
 * dpa's own digitalwires samples (../shared/conformance/agency) through the
 * real readers (readWireEntries) and the desk, on both engines: every document is stored as the
 * item it says it is, or refused as a dead letter with a reason; a second
 * delivery changes nothing; a story taken from one carries its dateline and
 * mapped section and none of dpa's contacts, internal notes or usage terms.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { StoryService } from '../../src/services/story-service.js';
import { WireDesk, type IngestOutcome } from '../../src/services/wire-desk.js';
import { AccountService } from '../../src/services/account-service.js';
import { forEachEngine } from '../helpers/db.js';
import { ROOT } from '../helpers/pglite-template.js';

const INPUT = path.resolve(ROOT, '../shared/conformance/agency/dpa-digitalwires/input');
const files = fs.existsSync(INPUT) ? fs.readdirSync(INPUT).filter((f) => f.endsWith('.json')).sort() : [];
const skip = files.length ? undefined : '../shared/conformance/agency/dpa-digitalwires/input absent';

const squash = (s: unknown) => String(s ?? '').replace(/\s+/g, ' ').trim();

forEachEngine('wire desk: dpa samples', (ctx) => {
  let desk: WireDesk;
  const outcomes = new Map<string, IngestOutcome>();

  before(async () => {
    if (skip) return;
    // The desk's own reader: src/ingest/agency's, told the format from the content.
    desk = new WireDesk(ctx.db, new StoryService(ctx.db), { log: () => undefined });
    await desk.saveSource({ id: 'dpa', name: 'dpa', settings: { section: 'Nachrichten' }, rules: [{ scheme: 'desk', code: 'wi', section: 'Wirtschaft', topics: ['Wirtschaft'] }] });
    for (const f of files) {
      const out = await desk.ingest('dpa', fs.readFileSync(path.join(INPUT, f)), { name: f, via: 'folder' });
      assert.equal(out.length, 1, f);
      outcomes.set(f, out[0]!);
    }
  });

  test('every sample is stored as the item it names, or refused with a reason', { skip }, async () => {
    for (const f of files) {
      const doc = JSON.parse(fs.readFileSync(path.join(INPUT, f), 'utf8')) as Record<string, unknown>;
      const out = outcomes.get(f)!;
      if (out.result === 'refused') {
        assert.ok(out.reason.length > 5, `${f}: a reason`);
        const letters = await desk.deadLetters({ limit: 100 });
        assert.ok(letters.some((l) => l.id === out.deadLetterId && l.name === f && l.via === 'folder'), `${f}: listed as a dead letter`);
        continue;
      }
      assert.equal(out.result, 'new', f);
      assert.equal(out.guid, doc.urn, f);
      assert.equal(out.version, doc.version, f);
      const view = await desk.get(out.itemId);
      assert.equal(squash(view.item.headline), squash(doc.headline) || '(ohne Titel)', f);
      assert.equal(view.item.pubStatus, doc.pubstatus ?? view.item.pubStatus, f);
    }
    const stored = [...outcomes.values()].filter((o) => o.result !== 'refused');
    assert.ok(stored.length >= files.length - 3, `most samples are readable (${stored.length} of ${files.length})`);
  });

  test('the same documents again: duplicates, nothing new', { skip }, async () => {
    for (const f of files) {
      if (outcomes.get(f)!.result === 'refused') continue;
      const [again] = await desk.ingest('dpa', fs.readFileSync(path.join(INPUT, f)), { name: f });
      assert.equal(again?.result, 'duplicate', f);
    }
  });

  test('a list with one unreadable entry: the good entries are stored, the document is a dead letter naming the bad one', { skip }, async () => {
    const a = JSON.parse(fs.readFileSync(path.join(INPUT, 'with_dateline.json'), 'utf8')) as Record<string, unknown>;
    const b = JSON.parse(fs.readFileSync(path.join(INPUT, 'nsb_n1.json'), 'utf8')) as Record<string, unknown>;
    const list = JSON.stringify({ entries: [{ ...a, version: 7 }, { format: 'digitalwires@1.0', urn: 'urn:kaputt' }, { ...b, version: 7 }] });
    const outs = await desk.ingest('dpa', list, { name: 'liste.json' });
    assert.deepEqual(outs.map((o) => o.result), ['version', 'version', 'refused']);
    const refused = outs[2] as Extract<IngestOutcome, { result: 'refused' }>;
    assert.match(refused.reason, /^entry 2 of 3: /);
    // Retried unchanged: the good entries are duplicates now, the letter stays open with its reason.
    const again = await desk.retryDeadLetter(refused.deadLetterId);
    assert.deepEqual(again.map((o) => o.result), ['duplicate', 'duplicate', 'refused']);
    const letter = (await desk.deadLetters({ limit: 100 })).find((l) => l.id === refused.deadLetterId);
    assert.deepEqual([letter?.retries, letter?.resolved, letter?.name], [1, false, 'liste.json']);
  });

  test('dpa\'s NewsML-G2 rendering of an item already stored from JSON is the same item: a duplicate', { skip }, async () => {
    const g2 = path.resolve(INPUT, '../newsml-g2');
    let compared = 0;
    for (const f of files) {
      const xml = path.join(g2, f.replace(/\.json$/, '.xml'));
      const first = outcomes.get(f)!;
      if (first.result === 'refused' || !fs.existsSync(xml)) continue;
      const [out] = await desk.ingest('dpa', fs.readFileSync(xml), { name: path.basename(xml) });
      if (out?.result === 'refused') continue;
      assert.equal(out?.itemId, first.itemId, f);
      assert.ok(out?.result === 'duplicate' || out?.result === 'ignored', `${f}: ${out?.result}`);
      compared++;
    }
    assert.ok(compared >= 5, `most renderings name the same item (${compared})`);
  });

  test('filters and full text find the samples by their dpa fields', { skip }, async () => {
    const deepseek = outcomes.get('with_dateline.json');
    if (!deepseek || deepseek.result === 'refused') return;
    const ids = async (f: Parameters<WireDesk['list']>[0]) => (await desk.list({ ...f, limit: 200 })).items.map((i) => i.id);
    assert.ok((await ids({ desk: 'wi' })).includes(deepseek.itemId));
    assert.ok((await ids({ geo: 'USA' })).includes(deepseek.itemId));
    assert.ok((await ids({ q: 'DeepSeek' })).includes(deepseek.itemId));
    const peine = outcomes.get('nsb_n1.json');
    if (peine && peine.result !== 'refused') {
      assert.ok(!(await ids({ q: 'DeepSeek' })).includes(peine.itemId), 'a text about a tree on the tracks is no DeepSeek hit');
      assert.ok((await ids({ q: 'Peine' })).includes(peine.itemId));
    }
  });

  test('a story taken from a dpa text: dateline, mapped section, no contacts, internal notes or usage terms', { skip }, async () => {
    const out = outcomes.get('with_dateline.json');
    assert.ok(out && out.result !== 'refused', 'with_dateline.json is readable');
    const user = await new AccountService(ctx.db).createUser({ email: 'dpa-test@example.org', name: 'Dana Test', role: 'editor', password: 'ein langes Passwort 2' }, { name: 'test' });
    const story = await desk.takeOver(out.itemId, { id: user.id });
    assert.equal(story.dateline, 'New York (dpa)');
    assert.equal(story.section, 'Wirtschaft');
    assert.deepEqual(story.topics, ['Wirtschaft']);
    assert.ok(story.body.length > 3);
    const json = JSON.stringify(story);
    for (const internal of ['sokolow.andrej@dpa.com', '+49 151', 'Valeria Nickel', 'nicht zur Veröffentlichung', 'Nutzung nur nach', 'dpa so yyon']) {
      assert.ok(!json.includes(internal), `"${internal}" must not be in the story`);
    }
  });
});
