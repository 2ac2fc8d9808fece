import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  validateDraft, type Block, type FigureBlock, type StoryDraft, type TickerEntryBlock,
} from '../../src/content/index.js';
import { importPageText, type ImportOptions, type ImportResult } from '../../src/ingest/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'page-text');

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export interface Imported extends ImportResult {
  paragraphs: string[];
  headings: string[];
  figures: FigureBlock[];
  entries: TickerEntryBlock[];
  /** Every piece of text in the draft, for "nothing lost / nothing leaked" checks. */
  allText: string;
}

export function textsOf(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph': out.push(b.content.map((c) => c.text).join('')); break;
      case 'heading': out.push(b.text); break;
      case 'figure': out.push(b.alt, b.caption ?? '', b.credit ?? ''); break;
      case 'quote': out.push(b.text, b.speaker ?? ''); break;
      case 'list': for (const it of b.items) out.push(it.map((c) => c.text).join('')); break;
      case 'embed': out.push(b.url); break;
      case 'ticker-entry': out.push(b.title ?? '', b.location ?? '', ...textsOf(b.body)); break;
    }
  }
  return out;
}

export function draftText(d: StoryDraft): string {
  return [
    d.kicker ?? '', d.headline, d.teaser ?? '', d.byline ?? '', d.lead?.alt ?? '', d.lead?.caption ?? '', d.lead?.credit ?? '',
    ...textsOf(d.body),
  ].join('\n');
}

/** Imports a fixture and checks the invariant every import must keep: the draft passes validateDraft unchanged. */
export function importFixture(name: string, opts: ImportOptions = {}): Imported {
  const result = importPageText(fixtureText(name), { source: name, ...opts });
  const v = validateDraft(result.draft);
  assert.ok(v.ok, `${name}: ${v.ok ? '' : JSON.stringify(v.issues)}`);
  assert.deepEqual(v.value, result.draft, `${name}: the draft is already normalised`);
  const b = result.draft.body;
  return {
    ...result,
    paragraphs: b.filter((x) => x.type === 'paragraph').map((x) => (x.type === 'paragraph' ? x.content[0]!.text : '')),
    headings: b.filter((x) => x.type === 'heading').map((x) => (x.type === 'heading' ? x.text : '')),
    figures: b.filter((x): x is FigureBlock => x.type === 'figure'),
    entries: b.filter((x): x is TickerEntryBlock => x.type === 'ticker-entry'),
    allText: draftText(result.draft),
  };
}

/** The texts of an entry's paragraphs. */
export function entryParagraphs(e: TickerEntryBlock): string[] {
  return e.body.filter((x) => x.type === 'paragraph').map((x) => (x.type === 'paragraph' ? x.content[0]!.text : ''));
}
