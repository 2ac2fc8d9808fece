import type { Author, Block, Figure, Inline, Story } from './index.js';

/**
 * A block-aware diff between two versions of a story: what an editor needs to
 * see what changed, not a diff of JSON.
 *
 * - Fields (kicker, headline, teaser, section, topics, authors, lead figure, …)
 *   are compared one by one; text fields get a word diff, lists say what was
 *   added and removed.
 * - The body is aligned block by block: first a longest common subsequence
 *   over blocks that are exactly equal, so inserting one block shows as one
 *   insertion and not as every later block changed; then, inside each gap
 *   between equal blocks, a second alignment pairs a removed block with an
 *   added one of the same kind and similar text — that pair is shown as one
 *   changed block with a word diff. Ticker entries with ids are paired by id.
 * - A block that was removed in one place and added unchanged in another is
 *   shown as moved (once, at its new place, with its old position). A block
 *   that was moved and edited is shown as removed and added: guessing a move
 *   from similar text would pair unrelated paragraphs more often than it helps.
 *
 * Pure functions, no I/O: the API and the revisions page both use them.
 */

/** A run of words: the same in both, only in the newer (`ins`) or only in the older (`del`) text. */
export interface WordOp {
  op: 'same' | 'ins' | 'del';
  text: string;
}

/** A field or attribute whose value changed. */
export type FieldChange =
  | { field: string; kind: 'text'; before?: string; after?: string; words: WordOp[] }
  | { field: string; kind: 'value'; before?: string; after?: string }
  | { field: string; kind: 'list'; added: string[]; removed: string[]; reordered?: boolean };

export type BlockOp =
  | { op: 'same'; block: Block; from: number; to: number }
  | { op: 'ins'; block: Block; to: number }
  | { op: 'del'; block: Block; from: number }
  | { op: 'moved'; block: Block; from: number; to: number }
  | {
    op: 'changed'; before: Block; after: Block; from: number; to: number;
    /** Word diff of the block's main text (paragraph, heading, quote, caption, list items, ticker title). */
    words?: WordOp[];
    /** Other attributes that changed (heading level, speaker, alt text, link targets, …). */
    fields: FieldChange[];
    /** Ticker entries and boxes: the diff of the block's own body. */
    children?: BlockOp[];
  };

export interface StoryDiff {
  fromVersion: number;
  toVersion: number;
  fields: FieldChange[];
  body: BlockOp[];
  summary: { inserted: number; deleted: number; changed: number; moved: number; unchanged: number; fields: number };
}

/** Beyond this many cells an LCS table is not worth it: the region is shown as removed and added whole. */
const MAX_CELLS = 4_000_000;
/** Pairing edited blocks compares texts cell by cell: beyond this many pairs, a gap is shown as removed and added blocks. */
const MAX_PAIRING_CELLS = 250_000;

// ---------------------------------------------------------------- sequences

/**
 * Longest common subsequence of `a` and `b` under `same`, as index pairs in
 * order. Common prefix and suffix are matched first, so the table covers only
 * the part that differs (usually small).
 */
export function lcsPairs<A, B>(a: readonly A[], b: readonly B[], same: (x: A, y: B) => boolean): Array<[number, number]> {
  let start = 0;
  while (start < a.length && start < b.length && same(a[start]!, b[start]!)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && same(a[endA - 1]!, b[endB - 1]!)) {
    endA--;
    endB--;
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  const n = endA - start;
  const m = endB - start;
  if (n > 0 && m > 0 && n * m <= MAX_CELLS) {
    // table[i][j] = LCS length of a[start+i..endA) and b[start+j..endB)
    const w = m + 1;
    const table = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * w + j] = same(a[start + i]!, b[start + j]!)
          ? table[(i + 1) * w + j + 1]! + 1
          : Math.max(table[(i + 1) * w + j]!, table[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (same(a[start + i]!, b[start + j]!) && table[i * w + j] === table[(i + 1) * w + j + 1]! + 1) {
        pairs.push([start + i, start + j]);
        i++;
        j++;
      } else if (table[(i + 1) * w + j]! >= table[i * w + j + 1]!) {
        i++;
      } else {
        j++;
      }
    }
  }
  for (let k = 0; k < a.length - endA; k++) pairs.push([endA + k, endB + k]);
  return pairs;
}

// ---------------------------------------------------------------- words

/** Words, punctuation marks and the whitespace between them, so joining the tokens gives back the text. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}\p{M}_]+|[^\s\p{L}\p{N}\p{M}_]/gu) ?? [];
}

/** Word-level diff of two texts; adjacent runs of the same kind are merged. */
export function diffWords(before: string, after: string): WordOp[] {
  const a = tokenize(before);
  const b = tokenize(after);
  const ops: WordOp[] = [];
  const push = (op: WordOp['op'], text: string) => {
    const last = ops.at(-1);
    if (last && last.op === op) last.text += text;
    else ops.push({ op, text });
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of lcsPairs(a, b, (x, y) => x === y)) {
    while (i < pi) push('del', a[i++]!);
    while (j < pj) push('ins', b[j++]!);
    push('same', a[pi]!);
    i = pi + 1;
    j = pj + 1;
  }
  while (i < a.length) push('del', a[i++]!);
  while (j < b.length) push('ins', b[j++]!);
  return tidy(ops);
}

/**
 * Readability: the changes between two unchanged stretches read as one
 * deletion followed by one insertion, and a lone space kept between two
 * changes ("[old] [new]") is folded into both, so a replaced phrase is not
 * chopped into word-sized pieces.
 */
function tidy(ops: WordOp[]): WordOp[] {
  const out: WordOp[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ op: 'del', text: del });
    if (ins) out.push({ op: 'ins', text: ins });
    del = ins = '';
  };
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    if (op.op === 'del') del += op.text;
    else if (op.op === 'ins') ins += op.text;
    else if ((del || ins) && /^\s+$/.test(op.text) && ops[k + 1] && ops[k + 1]!.op !== 'same') {
      del += op.text;
      ins += op.text;
    } else {
      flush();
      const last = out.at(-1);
      if (last?.op === 'same') last.text += op.text;
      else out.push({ ...op });
    }
  }
  flush();
  return out;
}

const wordsOf = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

/** Share of words two texts have in common (Dice coefficient over word multisets), 0…1. */
export function similarity(a: string, b: string): number {
  return wordSimilarity(wordsOf(a), wordsOf(b));
}

function wordSimilarity(wa: readonly string[], wb: readonly string[]): number {
  if (!wa.length && !wb.length) return 1;
  if (!wa.length || !wb.length) return 0;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      common++;
      counts.set(w, n - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}

// ---------------------------------------------------------------- blocks

const inlineText = (content: readonly Inline[]) => content.map((i) => i.text).join('');

/** The text a reader sees in a block (its main text; ticker entries: title and body). */
export function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph': return inlineText(block.content);
    case 'heading': return block.text;
    case 'quote': return block.text;
    case 'figure': return block.caption ?? '';
    case 'list': return block.items.map(inlineText).join('\n');
    case 'embed': return block.title ?? block.url;
    case 'ticker-entry': return [block.title ?? '', ...block.body.map(blockText)].join('\n');
    case 'box': return [block.heading ?? '', ...block.body.map(blockText)].join('\n');
  }
}

/** The part of a block shown with a word diff when it changed (ticker entries: the title, boxes: the heading; their body is diffed as blocks). */
function mainText(block: Block): string {
  if (block.type === 'ticker-entry') return block.title ?? '';
  if (block.type === 'box') return block.heading ?? '';
  return blockText(block);
}

/** Canonical JSON (sorted keys): equal blocks have equal keys whatever order their fields were written in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Least word overlap for a removed and an added block to count as one block edited. */
export const SIMILAR = 0.5;

// Block words, computed once per block object while aligning (blocks are compared many times).
const blockWords = new WeakMap<Block, string[]>();
const wordsOfBlock = (b: Block) => blockWords.get(b) ?? blockWords.set(b, wordsOf(blockText(b))).get(b)!;

/** Could `after` be `before` edited? Same kind, and the same ticker id or similar enough text. */
export function sameIdentity(before: Block, after: Block): boolean {
  if (before.type !== after.type) return false;
  if (before.type === 'ticker-entry' && after.type === 'ticker-entry') {
    if (before.id || after.id) return before.id === after.id;
    if (before.time === after.time) return true;
  }
  if (before.type === 'figure' && after.type === 'figure' && before.src && before.src === after.src) return true;
  if (before.type === 'embed' && after.type === 'embed' && before.url === after.url) return true;
  return wordSimilarity(wordsOfBlock(before), wordsOfBlock(after)) >= SIMILAR;
}

/** Attributes of a block other than its main text that changed. */
function blockFields(before: Block, after: Block): FieldChange[] {
  const out: FieldChange[] = [];
  const value = (field: string, x: unknown, y: unknown) => {
    if (canonical(x) !== canonical(y)) out.push({ field, kind: 'value', ...(x !== undefined && { before: show(x) }), ...(y !== undefined && { after: show(y) }) });
  };
  if (before.type === 'paragraph' && after.type === 'paragraph') {
    if (inlineText(before.content) === inlineText(after.content) || canonical(marksOf(before.content)) !== canonical(marksOf(after.content))) {
      value('formatting', marksOf(before.content), marksOf(after.content));
    }
  } else if (before.type === 'heading' && after.type === 'heading') {
    value('level', before.level, after.level);
  } else if (before.type === 'quote' && after.type === 'quote') {
    value('speaker', before.speaker, after.speaker);
  } else if (before.type === 'figure' && after.type === 'figure') {
    out.push(...figureFields('', before, after));
  } else if (before.type === 'list' && after.type === 'list') {
    value('ordered', before.ordered, after.ordered);
    value('formatting', before.items.map(marksOf), after.items.map(marksOf));
  } else if (before.type === 'embed' && after.type === 'embed') {
    value('url', before.url, after.url);
    value('provider', before.provider, after.provider);
  } else if (before.type === 'ticker-entry' && after.type === 'ticker-entry') {
    value('time', before.time, after.time);
    value('location', before.location, after.location);
  }
  return out;
}

/** Links and marks of a paragraph's runs, described as text ("strong: Wort", "link: Wort → url"). */
function marksOf(content: readonly Inline[]): string[] {
  return content.filter((i) => i.marks?.length || i.href).map((i) => `${[...(i.marks ?? []), ...(i.href ? ['link'] : [])].join('+')}: ${i.text}${i.href ? ` → ${i.href}` : ''}`);
}

function figureFields(prefix: string, before: Partial<Figure>, after: Partial<Figure>): FieldChange[] {
  const out: FieldChange[] = [];
  const keys: Array<keyof Figure> = prefix ? ['kind', 'src', 'alt', 'caption', 'credit'] : ['kind', 'src', 'alt', 'credit', 'width', 'height'];
  for (const k of keys) {
    const x = before[k];
    const y = after[k];
    if (canonical(x) === canonical(y)) continue;
    const field = prefix ? `${prefix}.${k}` : k;
    if ((k === 'alt' || k === 'caption') && (typeof x === 'string' || typeof y === 'string')) {
      out.push(textChange(field, x as string | undefined, y as string | undefined));
    } else {
      out.push({ field, kind: 'value', ...(x !== undefined && { before: show(x) }), ...(y !== undefined && { after: show(y) }) });
    }
  }
  return out;
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(show).join('; ');
  return JSON.stringify(v);
}

function textChange(field: string, before: string | undefined, after: string | undefined): FieldChange {
  return { field, kind: 'text', ...(before !== undefined && { before }), ...(after !== undefined && { after }), words: diffWords(before ?? '', after ?? '') };
}

/**
 * Aligns two block sequences (see the file comment). Positions (`from`, `to`)
 * are indexes in the older and newer sequence.
 */
export function diffBlocks(before: readonly Block[], after: readonly Block[]): BlockOp[] {
  const keysA = before.map(canonical);
  const keysB = after.map(canonical);
  const anchors = lcsPairs(keysA, keysB, (x, y) => x === y);
  const ops: BlockOp[] = [];
  let i = 0;
  let j = 0;
  const gap = (endA: number, endB: number) => {
    ops.push(...alignGap(before, after, i, endA, j, endB));
    i = endA;
    j = endB;
  };
  for (const [ai, bj] of anchors) {
    gap(ai, bj);
    ops.push({ op: 'same', block: after[bj]!, from: ai, to: bj });
    i = ai + 1;
    j = bj + 1;
  }
  gap(before.length, after.length);
  return markMoves(ops, keysA, keysB);
}

/** Inside a gap between equal blocks: pair edited blocks, the rest are deletions and insertions. */
function alignGap(before: readonly Block[], after: readonly Block[], a0: number, a1: number, b0: number, b1: number): BlockOp[] {
  const dels = before.slice(a0, a1);
  const ins = after.slice(b0, b1);
  const pairs = dels.length && ins.length && dels.length * ins.length <= MAX_PAIRING_CELLS ? lcsPairs(dels, ins, sameIdentity) : [];
  const ops: BlockOp[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of pairs) {
    while (i < pi) ops.push({ op: 'del', block: dels[i]!, from: a0 + i++ });
    while (j < pj) ops.push({ op: 'ins', block: ins[j]!, to: b0 + j++ });
    ops.push(changedBlock(dels[pi]!, ins[pj]!, a0 + pi, b0 + pj));
    i = pi + 1;
    j = pj + 1;
  }
  while (i < dels.length) ops.push({ op: 'del', block: dels[i]!, from: a0 + i++ });
  while (j < ins.length) ops.push({ op: 'ins', block: ins[j]!, to: b0 + j++ });
  return ops;
}

function changedBlock(before: Block, after: Block, from: number, to: number): BlockOp {
  const op: Extract<BlockOp, { op: 'changed' }> = { op: 'changed', before, after, from, to, fields: blockFields(before, after) };
  const a = mainText(before);
  const b = mainText(after);
  if (a !== b) op.words = diffWords(a, b);
  if (before.type === 'ticker-entry' && after.type === 'ticker-entry') {
    op.children = diffBlocks(before.body, after.body);
    if (before.title !== after.title && op.words === undefined) op.words = diffWords(a, b);
  }
  if (before.type === 'box' && after.type === 'box') op.children = diffBlocks(before.body, after.body);
  return op;
}

/** A deletion and an insertion of the same block become one move, shown where the block is now. */
function markMoves(ops: BlockOp[], keysA: string[], keysB: string[]): BlockOp[] {
  const deleted = new Map<string, number[]>();
  ops.forEach((op, k) => {
    if (op.op === 'del') (deleted.get(keysA[op.from]!) ?? deleted.set(keysA[op.from]!, []).get(keysA[op.from]!)!).push(k);
  });
  if (!deleted.size) return ops;
  const drop = new Set<number>();
  const out = ops.map((op): BlockOp => {
    if (op.op !== 'ins') return op;
    const candidates = deleted.get(keysB[op.to]!);
    const k = candidates?.shift();
    if (k === undefined) return op;
    drop.add(k);
    return { op: 'moved', block: op.block, from: (ops[k] as { from: number }).from, to: op.to };
  });
  return out.filter((_, k) => !drop.has(k));
}

// ---------------------------------------------------------------- stories

const authorName = (a: Author) => (a.affiliation ? `${a.name} (${a.affiliation})` : a.name);

/** Field-by-field changes of a story, in the order the editor shows the fields. */
export function diffFields(before: Story, after: Story): FieldChange[] {
  const out: FieldChange[] = [];
  const text = (field: string, x: string | undefined, y: string | undefined) => {
    if ((x ?? '') !== (y ?? '')) out.push(textChange(field, x, y));
  };
  const value = (field: string, x: unknown, y: unknown) => {
    if (canonical(x ?? null) !== canonical(y ?? null)) out.push({ field, kind: 'value', ...(x != null && { before: show(x) }), ...(y != null && { after: show(y) }) });
  };
  const list = (field: string, x: string[], y: string[]) => {
    const added = y.filter((v) => !x.includes(v));
    const removed = x.filter((v) => !y.includes(v));
    const reordered = !added.length && !removed.length && x.join('\u0000') !== y.join('\u0000');
    if (added.length || removed.length || reordered) out.push({ field, kind: 'list', added, removed, ...(reordered && { reordered: true }) });
  };
  value('status', before.status, after.status);
  value('kind', before.kind, after.kind);
  text('kicker', before.kicker, after.kicker);
  text('headline', before.headline, after.headline);
  text('teaser', before.teaser, after.teaser);
  text('byline', before.byline, after.byline);
  text('dateline', before.dateline, after.dateline);
  text('sourceLine', before.sourceLine, after.sourceLine);
  value('section', before.section, after.section);
  list('topics', before.topics, after.topics);
  list('authors', before.authors.map(authorName), after.authors.map(authorName));
  value('slug', before.slug, after.slug);
  value('language', before.language, after.language);
  value('broadcast', before.broadcast && broadcastText(before.broadcast), after.broadcast && broadcastText(after.broadcast));
  value('embargoUntil', before.embargoUntil, after.embargoUntil);
  value('scheduledPublishAt', before.scheduledPublishAt, after.scheduledPublishAt);
  value('scheduledDepublishAt', before.scheduledDepublishAt, after.scheduledDepublishAt);
  if (canonical(before.lead ?? null) !== canonical(after.lead ?? null)) {
    if (!before.lead || !after.lead) value('lead', before.lead && figureText(before.lead), after.lead && figureText(after.lead));
    else out.push(...figureFields('lead', before.lead, after.lead));
  }
  value('media', before.media && mediaText(before.media), after.media && mediaText(after.media));
  list('related', before.related.map((r) => r.title), after.related.map((r) => r.title));
  list('corrections', (before.corrections ?? []).map((c) => c.note), (after.corrections ?? []).map((c) => c.note));
  return out;
}

const broadcastText = (b: NonNullable<Story['broadcast']>) => [b.programme, b.startsAt].filter(Boolean).join(' · ');
const figureText = (f: Figure) => [f.src, f.alt, f.caption].filter(Boolean).join(' · ');
const mediaText = (m: NonNullable<Story['media']>) => [m.src, `${m.durationSeconds} s`].filter(Boolean).join(' · ');

/** The whole diff from one version of a story to another. */
export function diffStories(before: Story, after: Story): StoryDiff {
  const fields = diffFields(before, after);
  const body = diffBlocks(before.body, after.body);
  const count = (op: BlockOp['op']) => body.filter((o) => o.op === op).length;
  return {
    fromVersion: before.version,
    toVersion: after.version,
    fields,
    body,
    summary: { inserted: count('ins'), deleted: count('del'), changed: count('changed'), moved: count('moved'), unchanged: count('same'), fields: fields.length },
  };
}
