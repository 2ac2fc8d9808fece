/**
 * The agency desk's additions to the story model: the box block (an info or
 * link box: heading + text blocks), the dateline ("Berlin (dpa)") and the
 * public source line ("Quelle: dpa"). Validation keeps what is good, names
 * the field of what is not, and block text and diffs see the box.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LIMITS, blocksToText, validateDraft, type Block, type ValidationIssue } from '../../src/content/index.js';
import { diffStories } from '../../src/content/block-diff.js';
import type { Story } from '../../src/content/index.js';

const minimal = { headline: 'Bund beschließt neues Heizungsgesetz' };
const para = (text: string) => ({ type: 'paragraph', content: [{ text }] });

function issuesOf(input: unknown): ValidationIssue[] {
  const r = validateDraft(input);
  assert.equal(r.ok, false, 'expected a refusal');
  return r.ok ? [] : r.issues;
}

test('a box with a heading and every text block it may hold is kept as given', () => {
  const box = {
    type: 'box',
    heading: 'Das Wichtigste in Kürze',
    body: [
      para('Der Bundestag stimmt am Freitag ab.'),
      { type: 'heading', level: 3, text: 'Was sich ändert' },
      { type: 'list', ordered: false, items: [[{ text: 'Neue Fristen' }], [{ text: 'Mehr Förderung', marks: ['strong'] }]] },
      { type: 'quote', text: 'Wir halten Wort.', speaker: 'Die Ministerin' },
    ],
  };
  const r = validateDraft({ ...minimal, body: [para('Erster Absatz.'), box] });
  assert.ok(r.ok);
  assert.deepEqual(r.value.body[1], box);
});

test('a box without a heading is fine; a blank heading is dropped', () => {
  const r = validateDraft({ ...minimal, body: [{ type: 'box', heading: '   ', body: [para('Nur Text.')] }] });
  assert.ok(r.ok);
  assert.deepEqual(r.value.body[0], { type: 'box', body: [{ type: 'paragraph', content: [{ text: 'Nur Text.' }] }] });
});

test('a box may stand in a ticker entry', () => {
  const entry = {
    type: 'ticker-entry', time: '2026-12-05T10:00:00+01:00', title: 'Neue Lage',
    body: [para('Die Lage um zehn Uhr.'), { type: 'box', heading: 'Was wir wissen', body: [para('Zwei Deiche halten.')] }],
  };
  const r = validateDraft({ ...minimal, kind: 'liveticker', body: [entry] });
  assert.ok(r.ok);
  assert.deepEqual(r.value.body[0], entry);
});

test('figures, embeds, boxes and ticker entries inside a box are refused by path, with the allowed types', () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ type: 'figure', kind: 'image', alt: 'Ein Bild' }, 'figure'],
    [{ type: 'embed', url: 'https://example.org/v' }, 'embed'],
    [{ type: 'box', body: [para('innen')] }, 'box'],
    [{ type: 'ticker-entry', time: '2026-12-05T10:00:00+01:00', body: [para('x')] }, 'ticker-entry'],
  ];
  for (const [inner, type] of cases) {
    const issues = issuesOf({ ...minimal, body: [para('a'), { type: 'box', body: [para('ok'), inner] }] });
    assert.equal(issues.length, 1, type);
    assert.equal(issues[0]!.path, 'body[1].body[1].type', type);
    assert.equal(issues[0]!.code, 'not_in_box', type);
    assert.deepEqual(issues[0]!.params, { allowed: ['paragraph', 'heading', 'list', 'quote'], got: type });
    assert.match(issues[0]!.message, new RegExp(`not ${type}$`));
  }
});

test('an empty box, a box body that is no list and one over the limit are refused naming body', () => {
  for (const body of [undefined, []]) {
    const issues = issuesOf({ ...minimal, body: [{ type: 'box', heading: 'Leer', body }] });
    assert.deepEqual(issues.map((i) => [i.path, i.code]), [['body[0].body', 'required']]);
  }
  assert.deepEqual(issuesOf({ ...minimal, body: [{ type: 'box', body: 'Text' }] }).map((i) => [i.path, i.code]), [['body[0].body', 'not_list']]);
  const many = Array.from({ length: LIMITS.boxBlocks + 1 }, (_, i) => para(`Absatz ${i}`));
  const over = issuesOf({ ...minimal, body: [{ type: 'box', body: many }] });
  assert.deepEqual(over.map((i) => [i.path, i.code, i.params]), [['body[0].body', 'too_many', { max: LIMITS.boxBlocks, got: LIMITS.boxBlocks + 1 }]]);
});

test('a box heading follows the headline rules: length, control and direction characters', () => {
  const long = issuesOf({ ...minimal, body: [{ type: 'box', heading: 'x'.repeat(LIMITS.headline + 1), body: [para('a')] }] });
  assert.deepEqual(long.map((i) => [i.path, i.code]), [['body[0].heading', 'too_long']]);
  const bidi = issuesOf({ ...minimal, body: [{ type: 'box', heading: 'Info\u202e', body: [para('a')] }] });
  assert.deepEqual(bidi.map((i) => [i.path, i.code]), [['body[0].heading', 'bidi_control']]);
  const nul = issuesOf({ ...minimal, body: [{ type: 'box', heading: 'In\u0000fo', body: [para('a')] }] });
  assert.deepEqual(nul.map((i) => [i.path, i.code]), [['body[0].heading', 'control_chars']]);
});

test('broken text (a lone surrogate) in a box is refused by name, not stored', () => {
  const inText = issuesOf({ ...minimal, body: [{ type: 'box', body: [para('kaputt \ud800 hier')] }] });
  // (The paragraph then also counts as without text, as with control characters.)
  assert.deepEqual([inText[0]!.path, inText[0]!.code], ['body[0].body[0].content[0].text', 'lone_surrogate']);
  const inHeading = issuesOf({ ...minimal, body: [{ type: 'box', heading: 'Info \udc00', body: [para('a')] }] });
  assert.deepEqual(inHeading.map((i) => [i.path, i.code]), [['body[0].heading', 'lone_surrogate']]);
  // A whole pair is a character, not broken text.
  assert.ok(validateDraft({ ...minimal, body: [{ type: 'box', heading: 'Info 😀', body: [para('a')] }] }).ok);
});

test('the dateline is kept without the agency\'s trailing dash; its limit and rules name the field', () => {
  for (const [given, kept] of [['Berlin (dpa) -', 'Berlin (dpa)'], ['Halle-Neustadt (dpa/sa) – ', 'Halle-Neustadt (dpa/sa)'], ['Magdeburg (MDR)', 'Magdeburg (MDR)'], ['  Rom  (KNA)—', 'Rom (KNA)']]) {
    const r = validateDraft({ ...minimal, dateline: given });
    assert.ok(r.ok, given);
    assert.equal(r.value.dateline, kept, given);
  }
  const onlyDash = validateDraft({ ...minimal, dateline: ' - ' });
  assert.ok(onlyDash.ok);
  assert.equal('dateline' in onlyDash.value, false);
  assert.deepEqual(issuesOf({ ...minimal, dateline: 'x'.repeat(LIMITS.dateline + 1) }).map((i) => [i.path, i.code, i.params]),
    [['dateline', 'too_long', { max: LIMITS.dateline, got: LIMITS.dateline + 1 }]]);
  assert.deepEqual(issuesOf({ ...minimal, dateline: 42 }).map((i) => [i.path, i.code]), [['dateline', 'not_text']]);
  assert.deepEqual(issuesOf({ ...minimal, dateline: 'Berlin\u202e (dpa)' }).map((i) => [i.path, i.code]), [['dateline', 'bidi_control']]);
  assert.equal(LIMITS.dateline, 100);
});

test('the source line is kept; source stays its own field; limits name the field', () => {
  const r = validateDraft({ ...minimal, sourceLine: ' dpa ', source: 'urn:newsml:dpa.com:20090101:261205-99-123456' });
  assert.ok(r.ok);
  assert.equal(r.value.sourceLine, 'dpa');
  assert.equal(r.value.source, 'urn:newsml:dpa.com:20090101:261205-99-123456');
  assert.deepEqual(issuesOf({ ...minimal, sourceLine: 'y'.repeat(LIMITS.sourceLine + 1) }).map((i) => [i.path, i.code]), [['sourceLine', 'too_long']]);
  assert.deepEqual(issuesOf({ ...minimal, sourceLine: ['dpa'] }).map((i) => [i.path, i.code]), [['sourceLine', 'not_text']]);
  assert.deepEqual(issuesOf({ ...minimal, sourceLine: 'dpa\u0007' }).map((i) => [i.path, i.code]), [['sourceLine', 'control_chars']]);
});

test('block text (search, excerpts) holds the box heading and its text', () => {
  const body = [para('Vorne.'), { type: 'box', heading: 'Hintergrund', body: [para('Die Wärmepumpe im Kasten.'), { type: 'list', ordered: true, items: [[{ text: 'Punkt eins' }]] }] }] as Block[];
  assert.equal(blocksToText(body), 'Vorne.\n\nHintergrund\n\nDie Wärmepumpe im Kasten.\n\nPunkt eins');
});

test('a version diff shows box heading and body changes, and the new story fields', () => {
  const base: Story = {
    id: '00000000-0000-4000-8000-000000000001', slug: 's', section: 'Politik', status: 'draft', version: 1, createdAt: '2026-12-05T10:00:00+01:00',
    modifiedAt: '2026-12-05T10:00:00+01:00', kind: 'article', language: 'de', headline: 'H', authors: [], topics: [], related: [],
    body: [{ type: 'box', heading: 'Hintergrund zur Lage', body: [para('Alter Satz im Kasten.'), para('Bleibt.')] }] as Block[],
  };
  const next: Story = {
    ...base, version: 2, dateline: 'Berlin (dpa)', sourceLine: 'dpa',
    body: [{ type: 'box', heading: 'Hintergrund zur neuen Lage', body: [para('Neuer Satz im Kasten.'), para('Bleibt.')] }] as Block[],
  };
  const d = diffStories(base, next);
  assert.deepEqual(d.fields.map((f) => [f.field, f.kind, 'after' in f ? f.after : undefined]), [['dateline', 'text', 'Berlin (dpa)'], ['sourceLine', 'text', 'dpa']]);
  const op = d.body[0]!;
  assert.equal(op.op, 'changed');
  if (op.op !== 'changed') return;
  assert.deepEqual(op.words, [{ op: 'same', text: 'Hintergrund zur ' }, { op: 'ins', text: 'neuen ' }, { op: 'same', text: 'Lage' }]);
  assert.deepEqual(op.children?.map((c) => c.op), ['changed', 'same']);
});
