import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { LedeError, LIMITS, validateDraft, type StoryDraft } from '../../src/content/index.js';
import { importPageText, importPageTextBuffer } from '../../src/ingest/index.js';
import { draftText, FIXTURES, repoRoot } from './page-text-helpers.js';

/** mulberry32: a small seeded PRNG, so every failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = path.resolve(repoRoot, '..', 'shared', 'seed', '000_fca6cdd7775836e7.txt');

function corpus(): Array<[string, string]> {
  const out: Array<[string, string]> = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => [f, readFileSync(path.join(FIXTURES, f), 'utf8')]);
  if (existsSync(SEED)) out.unshift(['seed', readFileSync(SEED, 'utf8')]);
  return out;
}

/** Lines that look like structure, to stress the classifiers in odd places. */
const TRAPS = [
  '10:58 Uhr |', '10:58 Uhr - ', '25:99 Uhr | Zeit gibt es nicht', '9:55 Uhr', '23:59', 'Bildrechte:', 'Bildrechte: ', 'Foto: dpa',
  '(dpa)', '© ', 'dpa', 'von', 'Von Anna', 'by', 'Mehr aus', 'Mehr aus Politik', 'Mehr zum Thema', 'Video 2 min', 'Audio 99:99 min',
  'Grafik 1 min', '• ', '1. ', '2. Punkt', '„', '“', '– Name', '— ', 'Stand: 31.02.2022 25:61 Uhr', 'Stand: 21.01.2022 14:35 Uhr',
  'Dieses Thema im Programm: 32. Januar 2022 | 13:00 Uhr', 'Dieses Thema im Programm: MDR | | 21. Januar 2022 |', 'Sendung:',
  'https://', 'https://example.org/x', 'javascript:alert(1)', 'Donnerstag, 23. Mai 2019', '23.05.2019 |', '23.05.2019 | ',
  'Sachsen-AnhaltDas', 'Teilen', '★★★', 'x'.repeat(700), 'Wort '.repeat(150), 'Published: 30 February 2022', 'Updated',
  '\u0007', '\ufffd', '\u202e', '\ud800', '😀👍🏽', 'Z\u0351\u0352\u0353algo', '\u00ad\u200b', '.', '...', '?', '|', ' | | ',
];

function mutate(text: string, rnd: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  let lines = text.split('\n');
  switch (Math.floor(rnd() * 10)) {
    case 0: // shuffle lines
      for (let i = lines.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      }
      break;
    case 1: // truncate at a random character
      return text.slice(0, Math.floor(rnd() * text.length));
    case 2: // drop random lines
      lines = lines.filter(() => rnd() > 0.3);
      break;
    case 3: // duplicate random lines
      lines = lines.flatMap((l) => (rnd() < 0.2 ? [l, l] : [l]));
      break;
    case 4: // everything on one line
      return text.replace(/\s+/g, ' ');
    case 5: // structural traps in random places
      for (let n = 0; n < 1 + rnd() * 8; n++) lines.splice(Math.floor(rnd() * (lines.length + 1)), 0, pick(TRAPS));
      break;
    case 6: // traps glued onto lines
      lines = lines.map((l) => (rnd() < 0.15 ? (rnd() < 0.5 ? `${pick(TRAPS)}${l}` : `${l} ${pick(TRAPS)}`) : l));
      break;
    case 7: // random characters sprinkled in
      return [...text].map((c) => (rnd() < 0.02 ? String.fromCharCode(Math.floor(rnd() * 0x3000)) : c)).join('');
    case 8: // blank lines removed or multiplied
      lines = rnd() < 0.5 ? lines.filter((l) => l.trim()) : lines.flatMap((l) => (l.trim() ? [l] : ['', '', '']));
      break;
    default: // mixed-case and punctuation noise
      lines = lines.map((l) => (rnd() < 0.1 ? l.toUpperCase() : rnd() < 0.1 ? l.replace(/[.]/g, '') : l));
  }
  return lines.join(rnd() < 0.2 ? '\r\n' : '\n');
}

function checkDraft(draft: StoryDraft, label: string): void {
  const v = validateDraft(draft);
  assert.ok(v.ok, `${label}: ${v.ok ? '' : JSON.stringify(v.issues).slice(0, 400)}`);
  assert.ok([...draft.headline].length <= LIMITS.headline, `${label}: headline length`);
  assert.ok(!draft.kicker || [...draft.kicker].length <= LIMITS.kicker, `${label}: kicker length`);
  assert.ok(!draft.teaser || [...draft.teaser].length <= LIMITS.teaser, `${label}: teaser length`);
}

/** Either a valid draft or LedeError('IMPORT_FAILED'); anything else fails the test with the input's label. */
function survives(run: () => { draft: StoryDraft }, label: string): 'ok' | 'refused' {
  let result: { draft: StoryDraft };
  try {
    result = run();
  } catch (err) {
    assert.ok(err instanceof LedeError && err.code === 'IMPORT_FAILED', `${label}: threw ${String(err)}\n${(err as Error)?.stack ?? ''}`);
    return 'refused';
  }
  checkDraft(result.draft, label);
  return 'ok';
}

describe('page-text importer: robustness', () => {
  test('every fixture: valid draft; no text of a body paragraph lost', () => {
    for (const [name, text] of corpus()) {
      const { draft } = importPageText(text, { now: new Date('2022-01-22T12:00:00+01:00') });
      checkDraft(draft, name);
      const all = draftText(draft).replace(/\s+/g, ' ');
      for (const raw of text.split(/\r?\n/)) {
        const line = raw.replace(/[\s\u00a0]+/g, ' ').trim();
        // Sentences of running text (not ticker time lines, not captions with credits).
        if (line.length < 60 || !/[.!?"“]$/.test(line) || /^\d{1,2}[:.]\d{2}/.test(line) || /^(Diese Nachricht|Dieses Thema|Über dieses Thema|Wir verwenden Cookies)/.test(line)) continue;
        // A body paragraph that repeated the teaser and went on is split between teaser and body.
        const rest = draft.teaser && line.startsWith(draft.teaser) ? line.slice(draft.teaser.length).trim() : line;
        assert.ok(all.includes(rest), `${name}: lost "${line.slice(0, 70)}…"`);
      }
    }
  });

  test('mutated fixtures (seeded): a valid draft or a LedeError, never anything else', () => {
    const rnd = prng(20220121);
    const texts = corpus();
    let refused = 0;
    let runs = 0;
    for (let round = 0; round < 60; round++) {
      for (const [name, text] of texts) {
        let input = text;
        const steps = 1 + Math.floor(rnd() * 3);
        for (let s = 0; s < steps; s++) input = mutate(input, rnd);
        const label = `${name} round ${round}`;
        if (survives(() => importPageText(input, { now: new Date(1642770000000 + round * 3.6e6) }), label) === 'refused') refused++;
        runs++;
      }
    }
    // Mutations rarely destroy a page entirely; most must still import.
    assert.ok(refused < runs * 0.1, `${refused} of ${runs} refused`);
  });

  test('random bytes and random text (seeded): never a crash', () => {
    const rnd = prng(42);
    const alphabet = ['a', 'Ä', ' ', '\n', '\n\n', '.', ',', ':', '|', '-', '„', '“', '1', '9', '0', 'Uhr', 'Bildrechte: ', 'von ', 'Mehr aus ', 'Video ', ' min', '\t', '\r\n', 'ß', '€', '😀'];
    for (let i = 0; i < 400; i++) {
      const len = Math.floor(rnd() * 2000);
      const bytes = Buffer.alloc(len);
      for (let k = 0; k < len; k++) bytes[k] = Math.floor(rnd() * 256);
      // Mostly-text bytes too: ASCII with a few high bytes.
      if (i % 2) for (let k = 0; k < len; k++) if (rnd() < 0.9) bytes[k] = 32 + Math.floor(rnd() * 95);
      survives(() => importPageTextBuffer(bytes), `random bytes #${i}`);
      let soup = '';
      for (let k = 0; k < len / 3; k++) soup += alphabet[Math.floor(rnd() * alphabet.length)];
      survives(() => importPageText(soup), `random text #${i}`);
    }
  });
});
