/**
 * The diff between two versions of an agency item (src/content/wire-diff.ts):
 * fields with word diffs, the body block by block, boxes as the box blocks a
 * story taken from the item has. Pure: no database.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffWireVersions } from '../../src/content/wire-diff.js';
import { wireItem } from './wire-desk-fixtures.js';

test('fields, body and boxes of two versions', () => {
  const box = (text: string) => ({ role: 'infobox' as const, heading: 'Hintergrund', blocks: [{ type: 'paragraph' as const, content: [{ text }] }] });
  const v1 = wireItem({ headline: 'Pegel steigt in Dresden', urgency: 3, boxes: [box('Der Richtwert liegt bei sechs Metern.')] });
  const v2 = {
    ...v1, version: 2, headline: 'Pegel steigt in Dresden weiter', urgency: 2, correction: true,
    body: [v1.body[0]!, { type: 'paragraph' as const, content: [{ text: 'Neu: Die Stadt sperrt das Terrassenufer.' }] }, v1.body[1]!],
    boxes: [box('Der Richtwert liegt bei sieben Metern.')],
  };
  const d = diffWireVersions(v1, v2);
  assert.deepEqual([d.fromVersion, d.toVersion], [1, 2]);
  assert.deepEqual(d.fields.map((f) => f.field), ['headline', 'urgency', 'correction']);
  const headline = d.fields[0]!;
  assert.ok(headline.kind === 'text');
  assert.deepEqual(headline.words.filter((w) => w.op !== 'same'), [{ op: 'ins', text: ' weiter' }]);
  assert.deepEqual(d.fields[1], { field: 'urgency', kind: 'value', before: '3', after: '2' });
  assert.deepEqual(d.body.map((o) => o.op), ['same', 'ins', 'same', 'changed']);
  const changedBox = d.body[3]!;
  assert.ok(changedBox.op === 'changed' && changedBox.after.type === 'box');
  assert.deepEqual(changedBox.children?.map((c) => c.op), ['changed']);
  assert.deepEqual(d.summary, { inserted: 1, deleted: 0, changed: 1, moved: 0, unchanged: 2, fields: 3 });
  assert.deepEqual(diffWireVersions(v1, v1).fields, []);
});
