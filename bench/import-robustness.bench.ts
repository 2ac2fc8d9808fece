/**
 * How well the page-text importer holds up when a page prints the same story in
 * another common form (issue 15). Each rewrite below changes the tuning pages
 * the way other sites print the same things — times without "Uhr", an author
 * between an entry's time and its title, a caption after its label, no blank
 * lines — and keeps the expected fields (or rewrites them alike). The bench
 * prints, per rewrite, the fields recovered before and after and how many pages
 * lost fields. A rewrite that loses many fields points at a shape the rules
 * only know in one form; that is how the ticker rules of the fourteenth stop
 * were found (docs/importer.md).
 *
 * Only the tuning pages are rewritten, never the held-out ones.
 * Prints figures; never passes or fails.
 *   node --import tsx bench/import-robustness.bench.ts
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { endsSentence } from '../src/ingest/page-text/lines.js';
import { hour24 } from '../src/ingest/page-text/ticker.js';
import { loadFixtureSet, scorePage, SCORE_KINDS, type UnseenFixture } from './import-score.bench.js';

/**
 * A rewritten page. `fromOriginal`: the rewrite changed an expected text with the page (a teaser without its stop), so
 * the page as printed is counted against its own expected fields, not the rewritten ones.
 */
type Rewrite = (fx: UnseenFixture) => (UnseenFixture & { fromOriginal?: true }) | undefined;

/** The line numbers of a ticker page's entry times (the expected entries' clock times at a line's start). */
function entryTimeLines(lines: string[], fx: UnseenFixture): number[] {
  const times = new Set((fx.fields.tickerEntries ?? []).flatMap((e) => (e.time ? [e.time.replace(/^0/, '')] : [])));
  const out: number[] = [];
  lines.forEach((l, i) => {
    const m = /^\s*(?:\+{2,}\s*)?(\d{1,2})[:.](\d{2})\b/.exec(l);
    if (m && times.has(`${Number(m[1])}:${m[2]}`)) out.push(i);
  });
  return out;
}

/** Rewrites a ticker page's entry lines; pages with fewer than three found are left out. */
function onEntries(edit: (lines: string[], at: number[]) => void, fields?: (fx: UnseenFixture) => UnseenFixture['fields']): Rewrite {
  return (fx) => {
    const lines = fx.text.split('\n');
    const at = entryTimeLines(lines, fx);
    if (at.length < 3) return undefined;
    edit(lines, at);
    return { ...fx, text: lines.join('\n'), ...(fields && { fields: fields(fx) }) };
  };
}

const TIME_ALONE = /^\s*\S+(?: Uhr)?\s*$/;

const REWRITES: Array<[string, Rewrite]> = [
  ['no blank lines', (fx) => ({ ...fx, text: fx.text.replace(/\n\s*\n/g, '\n') })],
  ['times without "Uhr"', (fx) => ({ ...fx, text: fx.text.replace(/\b(\d{1,2})[:.](\d{2}) Uhr\b/g, '$1:$2') })],
  ['dates in words before entry times', onEntries((l, at) => {
    for (const i of at) if (!/\d{1,2}\.\d{1,2}\./.test(l[i]!)) l[i] = l[i]!.replace(/^(\s*)(?=\d)/, '$114. März 2024, ');
  })],
  ['an author under each time', onEntries((l, at) => {
    for (const i of [...at].reverse()) if (TIME_ALONE.test(l[i]!)) l.splice(i + 1, 0, 'Tilda Beispiel');
  })],
  ['an author after the time\'s bar', onEntries((l, at) => {
    for (const i of at) if (TIME_ALONE.test(l[i]!)) l[i] = `${l[i]!.trimEnd()} | Tilda Beispiel`;
  })],
  ['the day under each time', onEntries((l, at) => {
    for (const i of [...at].reverse()) if (TIME_ALONE.test(l[i]!)) l.splice(i + 1, 0, '14.03.2024');
  })],
  ['a badge under each time', onEntries((l, at) => {
    for (const i of [...at].reverse()) if (TIME_ALONE.test(l[i]!)) l.splice(i + 1, 0, 'Wichtig');
  })],
  ['a time alone in the dot form (14.32)', onEntries((l, at) => {
    for (const i of at) if (TIME_ALONE.test(l[i]!)) l[i] = l[i]!.replace(/^(\s*(?:\+{2,}\s*)?\d{1,2})[:.](\d{2})(?: Uhr)?/, '$1.$2');
  })],
  ['times with their seconds (14:32:05)', onEntries((l, at) => {
    for (const i of at) l[i] = l[i]!.replace(/^(\s*(?:\+{2,}\s*)?\d{1,2}:\d{2})(?![:.]\d)/, '$1:05');
  })],
  ['a marker before each time', onEntries((l, at) => {
    for (const i of at) l[i] = l[i]!.replace(/^(\s*)(?=\d)/, '$1▶ ');
  })],
  ['entry times without a time', onEntries((l, at) => {
    for (const i of [...at].reverse()) {
      const rest = l[i]!.replace(/^\s*(?:\+{2,}\s*)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?\s*(?:\+{2,})?\s*[|:–—-]?\s*/, '');
      if (rest.trim()) l[i] = rest;
      else l.splice(i, 1);
    }
  }, (fx) => ({ ...fx.fields, tickerEntries: fx.fields.tickerEntries!.map((e) => ({ ...e, time: null })) }))],
  ['a kicker joined by a colon', (fx) => {
    const k = fx.fields.kicker;
    const lines = fx.text.split('\n');
    let i = -1;
    if (k) for (let n = lines.length - 1; n >= 0 && i < 0; n--) if (lines[n]!.trim() === k.trim()) i = n;
    if (i < 0 || /:$/.test(k!)) return undefined;
    lines[i] = `${k}:`;
    return { ...fx, text: lines.join('\n') };
  }],
  ['sub-headings kept in Markdown (**…**)', (fx) => {
    const heads = new Set((fx.fields.subheadings ?? []).map((h) => h.trim()));
    if (!heads.size) return undefined;
    const text = fx.text.split('\n').map((l) => (heads.has(l.trim()) ? `**${l.trim()}**` : l)).join('\n');
    return text === fx.text ? undefined : { ...fx, text };
  }],
  ['a caption after its label', (fx) => {
    const caps = fx.fields.captions ?? [];
    let text = fx.text;
    for (const c of caps) {
      const lines = text.split('\n');
      const i = lines.findIndex((l) => l.startsWith(c) && l.length < c.length + 60);
      if (i >= 0) { lines[i] = `Bildunterschrift: ${lines[i]}`; text = lines.join('\n'); }
    }
    return text === fx.text ? undefined : { ...fx, text };
  }],
  ['a teaser without its final stop', (fx) => {
    const t = fx.fields.teaser;
    if (!t || fx.fields.tickerEntries || !/\.$/.test(t.trim())) return undefined;
    const lines = fx.text.split('\n');
    let i = lines.length - 1;
    while (i >= 0 && lines[i]!.trim() !== t.trim()) i--;
    if (i < 0) return undefined;
    lines[i] = lines[i]!.trimEnd().replace(/\.$/, '');
    return { ...fx, text: lines.join('\n'), fields: { ...fx.fields, teaser: t.trim().replace(/\.$/, '') }, fromOriginal: true };
  }],
  // English pages print their own clock, so the entry lines are found by their shape (a time alone on its line), not by
  // the expected Berlin times.
  ['English entry times as "Posted at 2:32pm"', (fx) => {
    if (!/^\d+-english-/.test(fx.name) || !fx.fields.tickerEntries) return undefined;
    const lines = fx.text.split('\n');
    let n = 0;
    lines.forEach((l, i) => {
      const m = /^(\s*)(\d{1,2})[:.](\d{2})(?:\s?([ap])\.?m\.?)?\s*$/i.exec(l);
      if (!m) return;
      const hour = hour24(Number(m[2]), m[4]);
      if (hour === undefined) return;
      lines[i] = `${m[1]}Posted at ${hour % 12 || 12}:${m[3]}${hour >= 12 ? 'pm' : 'am'}`;
      n++;
    });
    return n >= 3 ? { ...fx, text: lines.join('\n') } : undefined;
  }],
  ['a caption\'s credit after "Quelle:"', (fx) => {
    const caps = fx.fields.captions ?? [];
    const creds = fx.fields.credits ?? [];
    if (!caps.length || caps.length !== creds.length) return undefined;
    let text = fx.text;
    caps.forEach((c, k) => {
      const core = creds[k]!.replace(/^(?:(?:Foto|Fotos|Bild|Bildrechte|Bildquelle|Quelle|Photo|Credit|Image)\s*:\s*|©\s*)/i, '').trim();
      const lines = text.split('\n');
      const i = lines.findIndex((l) => l.startsWith(c) && l.length < c.length + core.length + 30 && l.includes(core));
      if (i >= 0 && endsSentence(c.trimEnd())) { lines[i] = `${c.trimEnd()} Quelle: ${core}`; text = lines.join('\n'); }
    });
    return text === fx.text ? undefined : { ...fx, text };
  }],
];

function total(fx: UnseenFixture): number {
  const { tally } = scorePage(fx);
  return SCORE_KINDS.reduce((n, k) => n + tally[k][0], 0);
}

export function report(): void {
  const pages = loadFixtureSet('tune');
  console.log(`Page-text import, rewritten tuning pages (${pages.length} pages): fields recovered as printed → rewritten`);
  for (const [name, rewrite] of REWRITES) {
    let before = 0;
    let after = 0;
    let applied = 0;
    let worse = 0;
    for (const fx of pages) {
      const changed = rewrite(fx);
      if (!changed || changed.text === fx.text) continue;
      applied++;
      // Both counted against the rewritten page's expected fields (the same fields, or times taken out); a rewrite that
      // changed an expected text with the page counts the page as printed against its own.
      const b = total(changed.fromOriginal ? fx : { ...fx, fields: changed.fields });
      const a = total(changed);
      before += b;
      after += a;
      if (a < b) worse++;
    }
    console.log(`  ${name.padEnd(36)} ${String(applied).padStart(4)} pages   ${String(before).padStart(5)} → ${String(after).padEnd(5)}  ${worse} pages lost fields`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) report();
