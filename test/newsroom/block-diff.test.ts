import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Block, Story } from '../../src/content/index.js';
import { diffBlocks, diffFields, diffStories, diffWords, lcsPairs, similarity, type BlockOp, type WordOp } from '../../src/content/block-diff.js';

const p = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });
const h = (text: string, level: 2 | 3 = 2): Block => ({ type: 'heading', level, text });
const ops = (d: BlockOp[]) => d.map((o) => o.op);
const render = (w: WordOp[]) => w.map((o) => (o.op === 'same' ? o.text : o.op === 'ins' ? `{+${o.text}+}` : `[-${o.text}-]`)).join('');

const story = (over: Partial<Story> = {}): Story => ({
  id: '00000000-0000-4000-8000-000000000001', slug: 's', kind: 'article', language: 'de', headline: 'Pegel steigt', authors: [{ name: 'Lena Vogt' }],
  section: 'Sachsen-Anhalt', topics: ['Hochwasser'], related: [], body: [p('Eins.')], status: 'draft', version: 1,
  createdAt: '2026-01-01T10:00:00+01:00', modifiedAt: '2026-01-01T10:00:00+01:00', ...over,
});

describe('word diff', () => {
  test('keeps unchanged words and marks inserted and deleted ones; joining gives back both texts', () => {
    const before = 'Der Pegel in Magdeburg steigt weiter.';
    const after = 'Der Pegel in Dessau steigt am Abend weiter.';
    const w = diffWords(before, after);
    assert.equal(render(w), 'Der Pegel in [-Magdeburg-]{+Dessau+} steigt{+ am Abend+} weiter.');
    assert.equal(w.filter((o) => o.op !== 'ins').map((o) => o.text).join(''), before);
    assert.equal(w.filter((o) => o.op !== 'del').map((o) => o.text).join(''), after);
  });

  test('a replaced phrase reads as one deletion and one insertion, not word by word', () => {
    const w = diffWords('Es regnet heute sehr stark im Harz.', 'Es schneit morgen kaum im Harz.');
    assert.equal(render(w), 'Es [-regnet heute sehr stark-]{+schneit morgen kaum+} im Harz.');
  });

  test('identical and empty texts', () => {
    assert.deepEqual(diffWords('gleich bleibt gleich', 'gleich bleibt gleich'), [{ op: 'same', text: 'gleich bleibt gleich' }]);
    assert.deepEqual(diffWords('', 'neu'), [{ op: 'ins', text: 'neu' }]);
    assert.deepEqual(diffWords('alt', ''), [{ op: 'del', text: 'alt' }]);
    assert.deepEqual(diffWords('', ''), []);
  });

  test('lcsPairs finds a longest common subsequence and handles prefixes and suffixes', () => {
    assert.deepEqual(lcsPairs([...'abcbdab'], [...'bdcaba'], (x, y) => x === y).length, 4);
    assert.deepEqual(lcsPairs([1, 2, 3], [1, 2, 3], (x, y) => x === y), [[0, 0], [1, 1], [2, 2]]);
    assert.deepEqual(lcsPairs([], [1], (x, y) => x === y), []);
  });

  test('similarity is the share of common words', () => {
    assert.equal(similarity('a b c d', 'a b c d'), 1);
    assert.equal(similarity('a b', 'c d'), 0);
    assert.equal(similarity('a b c d', 'a b x y'), 0.5);
  });
});

describe('block diff', () => {
  const body = [h('Lage'), p('Der Pegel steigt.'), p('Die Feuerwehr ist im Einsatz.'), p('Die Stadt sperrt die Brücke.')];

  test('an inserted block is one insertion; the blocks after it stay unchanged', () => {
    const after = [body[0]!, p('Ganz neuer Absatz über Sandsäcke.'), ...body.slice(1)];
    const d = diffBlocks(body, after);
    assert.deepEqual(ops(d), ['same', 'ins', 'same', 'same', 'same']);
    assert.deepEqual(d.filter((o) => o.op === 'same').map((o) => [(o as { from: number }).from, (o as { to: number }).to]), [[0, 0], [1, 2], [2, 3], [3, 4]]);
  });

  test('a removed block is one deletion', () => {
    const d = diffBlocks(body, [body[0]!, body[1]!, body[3]!]);
    assert.deepEqual(ops(d), ['same', 'same', 'del', 'same']);
    assert.equal((d[2] as { from: number }).from, 2);
  });

  test('an edited paragraph is one changed block with a word diff', () => {
    const after = [body[0]!, p('Der Pegel steigt weiter.'), body[2]!, body[3]!];
    const d = diffBlocks(body, after);
    assert.deepEqual(ops(d), ['same', 'changed', 'same', 'same']);
    const changed = d[1] as Extract<BlockOp, { op: 'changed' }>;
    assert.equal(render(changed.words!), 'Der Pegel steigt{+ weiter+}.');
  });

  test('a paragraph rewritten beyond recognition is a deletion and an insertion', () => {
    const d = diffBlocks([p('Alte Meldung zum Wetter.')], [p('Völlig anderer Inhalt hier.')]);
    assert.deepEqual(ops(d).sort(), ['del', 'ins']);
  });

  test('a block moved unchanged shows as moved, once, with its old and new position', () => {
    const after = [body[0]!, body[2]!, body[3]!, body[1]!];
    const d = diffBlocks(body, after);
    const moved = d.filter((o) => o.op === 'moved');
    assert.equal(moved.length, 1);
    assert.equal(d.filter((o) => o.op === 'del' || o.op === 'ins').length, 0);
    assert.deepEqual([(moved[0] as { from: number }).from, (moved[0] as { to: number }).to], [1, 3]);
  });

  test('a changed block type or heading level is reported', () => {
    const d = diffBlocks([h('Lage am Morgen', 2)], [h('Lage am Morgen', 3)]);
    assert.deepEqual(ops(d), ['changed']);
    assert.deepEqual((d[0] as Extract<BlockOp, { op: 'changed' }>).fields, [{ field: 'level', kind: 'value', before: '2', after: '3' }]);
  });

  test('formatting-only change of a paragraph (a new link) is a change without word changes', () => {
    const before: Block = { type: 'paragraph', content: [{ text: 'Mehr beim ' }, { text: 'Landtag' }, { text: '.' }] };
    const after: Block = { type: 'paragraph', content: [{ text: 'Mehr beim ' }, { text: 'Landtag', href: 'https://landtag.example' }, { text: '.' }] };
    const [op] = diffBlocks([before], [after]);
    assert.equal(op?.op, 'changed');
    const c = op as Extract<BlockOp, { op: 'changed' }>;
    assert.equal(c.words, undefined);
    assert.equal(c.fields[0]?.field, 'formatting');
  });

  test('figures, quotes and lists: attribute changes and caption word diffs', () => {
    const fig: Block = { type: 'figure', kind: 'image', alt: 'Elbe', src: '/a.jpg', caption: 'Die Elbe bei Magdeburg', credit: 'dpa' };
    const [f] = diffBlocks([fig], [{ ...fig, credit: 'Lede', caption: 'Die Elbe bei Dessau' }]);
    const fc = f as Extract<BlockOp, { op: 'changed' }>;
    assert.equal(fc.op, 'changed');
    assert.equal(render(fc.words!), 'Die Elbe bei [-Magdeburg-]{+Dessau+}');
    assert.deepEqual(fc.fields, [{ field: 'credit', kind: 'value', before: 'dpa', after: 'Lede' }]);
    const [q] = diffBlocks([{ type: 'quote', text: 'Wir sind bereit.', speaker: 'A' }], [{ type: 'quote', text: 'Wir sind bereit.', speaker: 'B' }]);
    assert.deepEqual((q as Extract<BlockOp, { op: 'changed' }>).fields.map((x) => x.field), ['speaker']);
    const list = (items: string[]): Block => ({ type: 'list', ordered: false, items: items.map((text) => [{ text }]) });
    const [l] = diffBlocks([list(['Sandsäcke', 'Pumpen', 'Boote'])], [list(['Sandsäcke', 'Pumpen', 'Boote', 'Decken'])]);
    assert.equal(render((l as Extract<BlockOp, { op: 'changed' }>).words!), 'Sandsäcke\nPumpen\nBoote{+\nDecken+}');
  });

  test('ticker entries are paired by id, and their own body is diffed as blocks', () => {
    const entry = (id: string, title: string, bodyText: string[]): Block => ({ type: 'ticker-entry', id, time: '2026-01-01T10:00:00+01:00', title, body: bodyText.map(p) });
    const before = [entry('e2', 'Zweiter Eintrag', ['B eins.']), entry('e1', 'Erster', ['A eins.', 'A zwei.'])];
    const after = [entry('e3', 'Neu', ['C.']), entry('e2', 'Zweiter Eintrag', ['B eins.']), entry('e1', 'Erster Eintrag', ['A eins.', 'A drei neu.', 'A zwei.'])];
    const d = diffBlocks(before, after);
    assert.deepEqual(ops(d), ['ins', 'same', 'changed']);
    const c = d[2] as Extract<BlockOp, { op: 'changed' }>;
    assert.equal(render(c.words!), 'Erster{+ Eintrag+}');
    assert.deepEqual(ops(c.children!), ['same', 'ins', 'same']);
  });

  test('a story rewritten from scratch (1,000 new paragraphs) is answered quickly as deletions and insertions', () => {
    const before = Array.from({ length: 1000 }, (_, i) => p(`Alter Absatz ${i} über das Wetter.`));
    const after = Array.from({ length: 1000 }, (_, i) => p(`Neuer Text ${i} zur Lage.`));
    const d = diffBlocks(before, after);
    assert.equal(d.filter((o) => o.op === 'del').length, 1000);
    assert.equal(d.filter((o) => o.op === 'ins').length, 1000);
  });

  test('large bodies: one insertion in 1,500 paragraphs', () => {
    const big = Array.from({ length: 1500 }, (_, i) => p(`Absatz Nummer ${i} mit Text.`));
    const after = [...big.slice(0, 700), p('Eingefügt.'), ...big.slice(700)];
    const d = diffBlocks(big, after);
    assert.equal(d.filter((o) => o.op !== 'same').length, 1);
  });
});

describe('story fields', () => {
  test('text fields get word diffs, lists added/removed, values before/after', () => {
    const before = story({ kicker: 'Magdeburg', teaser: 'Die Pegel steigen.', broadcast: { programme: 'MDR um 4', startsAt: '2026-01-01T16:00:00+01:00' } });
    const after = story({
      headline: 'Pegel steigt weiter', teaser: 'Die Pegel steigen.', section: 'Politik', topics: ['Hochwasser', 'Elbe'],
      authors: [{ name: 'Lena Vogt' }, { name: 'Tom Berg' }], embargoUntil: '2026-01-02T06:00:00+01:00',
      lead: { kind: 'image', alt: 'Die Elbe', src: '/elbe.jpg' },
    });
    const f = diffFields(before, after);
    const byField = Object.fromEntries(f.map((x) => [x.field, x]));
    assert.deepEqual(Object.keys(byField), ['kicker', 'headline', 'section', 'topics', 'authors', 'broadcast', 'embargoUntil', 'lead']);
    assert.equal(render((byField.headline as { words: WordOp[] }).words), 'Pegel steigt{+ weiter+}');
    assert.deepEqual(byField.topics, { field: 'topics', kind: 'list', added: ['Elbe'], removed: [] });
    assert.deepEqual(byField.authors, { field: 'authors', kind: 'list', added: ['Tom Berg'], removed: [] });
    assert.deepEqual(byField.section, { field: 'section', kind: 'value', before: 'Sachsen-Anhalt', after: 'Politik' });
    assert.equal((byField.broadcast as { after?: string }).after, undefined);
  });

  test('a lead figure edit is reported per attribute; the same story has no changes', () => {
    const a = story({ lead: { kind: 'image', alt: 'Die Elbe', src: '/elbe.jpg', credit: 'dpa' } });
    const b = story({ lead: { kind: 'image', alt: 'Die Elbe bei Nacht', src: '/elbe.jpg', credit: 'dpa' } });
    assert.deepEqual(diffFields(a, b).map((x) => x.field), ['lead.alt']);
    const same = diffStories(a, { ...a, version: 2 });
    assert.deepEqual(same.fields, []);
    assert.deepEqual(same.summary, { inserted: 0, deleted: 0, changed: 0, moved: 0, unchanged: 1, fields: 0 });
  });
});
