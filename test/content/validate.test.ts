import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BLOCK_TYPES, validateDraft, formatIssues, LIMITS, blocksToText } from '../../src/content/index.js';

const minimal = { headline: 'Landtag beschließt Haushalt' };

test('a minimal draft gets defaults', () => {
  const r = validateDraft(minimal);
  assert.ok(r.ok);
  assert.equal(r.value.kind, 'article');
  assert.equal(r.value.language, 'de');
  assert.deepEqual(r.value.body, []);
  assert.deepEqual(r.value.topics, []);
});

test('issues name the field and the rule', () => {
  const r = validateDraft({ headline: 'x'.repeat(LIMITS.headline + 1), kicker: 42, kind: 'podcast' });
  assert.equal(r.ok, false);
  if (r.ok) return;
  const text = formatIssues(r.issues);
  assert.match(text, /kind: must be one of article, liveticker, video, audio/);
  assert.match(text, /headline: required, text of at most 200 characters, got 201/);
  assert.match(text, /kicker: text of at most 80 characters, got number/);
});

test('missing headline and blank headline are reported as required', () => {
  for (const headline of [undefined, '', '   ']) {
    const r = validateDraft({ headline });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.issues[0]!.message, /^required/);
  }
});

test('non-objects are refused without throwing', () => {
  for (const input of [null, 42, 'story', [], undefined]) {
    const r = validateDraft(input);
    assert.equal(r.ok, false);
  }
});

test('every block type validates and round-trips', () => {
  const body = [
    { type: 'paragraph', content: [{ text: 'Ein ' }, { text: 'fetter', marks: ['strong'] }, { text: ' Link', href: 'https://example.org/' }] },
    { type: 'heading', level: 2, text: 'Zwischenzeile' },
    { type: 'figure', kind: 'map', alt: 'Karte', caption: 'Die Lage', credit: 'MITTELDEUTSCHER RUNDFUNK' },
    { type: 'quote', text: 'Wir sind bereit.', speaker: 'Sprecherin' },
    { type: 'list', ordered: true, items: [[{ text: 'eins' }], [{ text: 'zwei' }]] },
    { type: 'embed', url: 'https://example.org/video', provider: 'Example' },
    { type: 'ticker-entry', time: '2022-01-21T10:58:00+01:00', title: 'Neu', body: [{ type: 'paragraph', content: [{ text: 'Text' }] }] },
    { type: 'box', heading: 'Hintergrund', body: [{ type: 'paragraph', content: [{ text: 'Im Kasten' }] }] },
  ];
  const r = validateDraft({ ...minimal, body });
  assert.ok(r.ok, r.ok ? '' : formatIssues(r.issues));
  assert.deepEqual(r.value.body.map((b) => b.type), [...BLOCK_TYPES]);
  assert.deepEqual(r.value.body, body);
  assert.match(blocksToText(r.value.body), /fetter Link/);
});

test('figure alt text is required but may be empty for decorative images', () => {
  const bad = validateDraft({ ...minimal, lead: { kind: 'image', caption: 'x' } });
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.issues[0]!.path, 'lead.alt');
  const ok = validateDraft({ ...minimal, lead: { kind: 'image', alt: '' } });
  assert.ok(ok.ok);
});

test('links must be http(s), mailto or site paths', () => {
  for (const href of ['javascript:alert(1)', 'data:text/html,x', '//evil.example/x', 'vbscript:x']) {
    const r = validateDraft({ ...minimal, body: [{ type: 'paragraph', content: [{ text: 'x', href }] }] });
    assert.equal(r.ok, false, href);
    if (!r.ok) assert.equal(r.issues[0]!.path, 'body[0].content[0].href');
  }
});

test('times need an offset and a real date', () => {
  for (const t of ['2022-01-21 13:00', '2022-01-21T13:00:00', '2022-02-30T13:00:00+01:00', 'gestern']) {
    const r = validateDraft({ ...minimal, firstPublishedAt: t });
    assert.equal(r.ok, false, t);
  }
  assert.ok(validateDraft({ ...minimal, firstPublishedAt: '2022-01-21T13:00:00Z' }).ok);
});

test('ticker entries cannot nest and a live ticker needs entries', () => {
  const entry = { type: 'ticker-entry', time: '2022-01-21T10:58:00+01:00', title: 'a', body: [] };
  const nested = validateDraft({ ...minimal, body: [{ ...entry, body: [entry] }] });
  assert.equal(nested.ok, false);
  const empty = validateDraft({ ...minimal, kind: 'liveticker', body: [] });
  assert.equal(empty.ok, false);
  if (!empty.ok) assert.equal(empty.issues[0]!.path, 'body');
});

test('video and audio items need a duration', () => {
  const r = validateDraft({ ...minimal, kind: 'video' });
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.issues[0]!.path, 'media');
  assert.ok(validateDraft({ ...minimal, kind: 'audio', media: { durationSeconds: 90 } }).ok);
});

test('control characters are refused, whitespace is normalised', () => {
  const r = validateDraft({ headline: 'Eins\u0000zwei' });
  assert.equal(r.ok, false);
  const s = validateDraft({ headline: '  Eins \n  zwei ', kicker: ' Sachsen ' });
  assert.ok(s.ok);
  assert.equal(s.value.headline, 'Eins zwei');
  assert.equal(s.value.kicker, 'Sachsen');
});
