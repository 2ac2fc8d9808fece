/**
 * IPTC's ninjs examples (../shared/conformance/ninjs/examples) through the
 * real readers, the desk and a take-over, on both engines: each document is
 * stored under its uri or refused as a dead letter with a reason, and every
 * usable item becomes a valid draft story (the draft builder copes with what
 * agencies really send: AP, NTB, TT, dpa, SIPA, Business Wire).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { AccountService } from '../../src/services/account-service.js';
import { StoryService } from '../../src/services/story-service.js';
import { WireDesk } from '../../src/services/wire-desk.js';
import { forEachEngine } from '../helpers/db.js';
import { ROOT } from '../helpers/pglite-template.js';

const EXAMPLES = path.resolve(ROOT, '../shared/conformance/ninjs/examples');
const files = fs.existsSync(EXAMPLES)
  ? ['2.1', '3.0'].flatMap((v) => (fs.existsSync(path.join(EXAMPLES, v)) ? fs.readdirSync(path.join(EXAMPLES, v)) : [])
    .filter((f) => f.endsWith('.json')).map((f) => path.join(v, f)))
  : [];
const skip = files.length ? undefined : '../shared/conformance/ninjs/examples absent';

forEachEngine('wire desk: ninjs examples', (ctx) => {
  let desk: WireDesk;
  let editor: string;
  before(async () => {
    if (skip) return;
    desk = new WireDesk(ctx.db, new StoryService(ctx.db), { log: () => undefined });
    editor = (await new AccountService(ctx.db).createUser({ email: 'ninjs@example.org', name: 'Nina Js', role: 'editor', password: 'ein langes Passwort 3' }, { name: 'test' })).id;
  });

  test('every example is stored under its uri or refused with a reason; every usable one can be taken over', { skip }, async () => {
    let taken = 0;
    for (const f of files) {
      // One source per ninjs version: the same uri in 2.1 and 3.0 is the same item told twice.
      const source = `ninjs-${f.split(path.sep)[0]!.replace('.', '-')}`;
      await desk.saveSource({ id: source, name: source });
      const doc = JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), 'utf8')) as { uri?: string };
      const outs = await desk.ingest(source, fs.readFileSync(path.join(EXAMPLES, f)), { name: f });
      assert.ok(outs.length >= 1, f);
      for (const out of outs) {
        if (out.result === 'refused') {
          assert.ok(out.reason.length > 5, `${f}: a reason`);
          continue;
        }
        assert.ok(out.result === 'new' || out.result === 'duplicate', `${f}: ${out.result}`);
        if (outs.length === 1 && doc.uri) assert.equal(out.guid, doc.uri, f);
        const view = await desk.get(out.itemId);
        if (view.item.pubStatus !== 'usable' || out.result !== 'new') continue;
        const { story } = await desk.take(out.itemId, { id: editor });
        assert.equal(story.status, 'draft', f);
        assert.ok(story.headline.length > 0, f);
        for (const note of view.current.notes.filter((n) => !n.publishable)) {
          assert.ok(!JSON.stringify(story).includes(note.text), `${f}: an internal note is not in the story`);
        }
        taken++;
      }
    }
    assert.ok(taken >= files.length / 2, `most examples become stories (${taken} of ${files.length})`);
  });
});
