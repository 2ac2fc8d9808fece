import { diffBlocks, diffWords, type BlockOp, type FieldChange } from './block-diff.js';
import type { Block } from './types.js';

/**
 * What changed between two versions of an agency item, in the terms of the
 * story diff (block-diff.ts): field changes with word diffs, and the body
 * aligned block by block (the item's boxes follow its body as box blocks,
 * as in a story taken from it). Structural input, so the content layer stays free of the
 * ingest layer's types.
 */

export interface WireVersionText {
  version: number;
  kicker?: string;
  headline: string;
  subhead?: string;
  teaser?: string;
  byline?: string;
  dateline?: string;
  pubStatus?: string;
  urgency?: number;
  embargoUntil?: string;
  correction?: boolean;
  body: Block[];
  boxes?: { heading?: string; blocks: Block[] }[];
}

export interface WireDiff {
  fromVersion: number;
  toVersion: number;
  fields: FieldChange[];
  body: BlockOp[];
  summary: { inserted: number; deleted: number; changed: number; moved: number; unchanged: number; fields: number };
}

/** The body with the boxes after it as box blocks: the blocks a story taken from the item has, so a change maps onto it. */
function readingOrder(v: WireVersionText): Block[] {
  return [...v.body, ...(v.boxes ?? []).map((box): Block => ({ type: 'box', ...(box.heading !== undefined && { heading: box.heading }), body: box.blocks }))];
}

export function diffWireVersions(before: WireVersionText, after: WireVersionText): WireDiff {
  const fields: FieldChange[] = [];
  const text = (field: keyof WireVersionText & string, x: string | undefined, y: string | undefined) => {
    if ((x ?? '') !== (y ?? '')) fields.push({ field, kind: 'text', ...(x !== undefined && { before: x }), ...(y !== undefined && { after: y }), words: diffWords(x ?? '', y ?? '') });
  };
  const value = (field: string, x: unknown, y: unknown) => {
    if ((x ?? null) !== (y ?? null)) fields.push({ field, kind: 'value', ...(x != null && { before: String(x) }), ...(y != null && { after: String(y) }) });
  };
  text('kicker', before.kicker, after.kicker);
  text('headline', before.headline, after.headline);
  text('subhead', before.subhead, after.subhead);
  text('teaser', before.teaser, after.teaser);
  text('byline', before.byline, after.byline);
  text('dateline', before.dateline, after.dateline);
  value('pubStatus', before.pubStatus, after.pubStatus);
  value('urgency', before.urgency, after.urgency);
  value('embargoUntil', before.embargoUntil, after.embargoUntil);
  value('correction', before.correction, after.correction);
  const body = diffBlocks(readingOrder(before), readingOrder(after));
  const count = (op: BlockOp['op']) => body.filter((o) => o.op === op).length;
  return {
    fromVersion: before.version, toVersion: after.version, fields, body,
    summary: { inserted: count('ins'), deleted: count('del'), changed: count('changed'), moved: count('moved'), unchanged: count('same'), fields: fields.length },
  };
}
