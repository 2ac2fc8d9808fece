/**
 * Agency copy: dpa digitalwires, ninjs 1.x–3.x and NewsML-G2 → WireItem.
 * Pure functions (no I/O); the wire desk stores and versions what they return.
 * Every document that cannot be read is a WireRefusal naming what was seen.
 */
export { MAX_WIRE_BYTES, readWireDocument, readWireEntries } from './read-wire.js';
export type { ReadWireOptions, WireEntryResult } from './read-wire.js';
export { isDigitalwires, readDigitalwires } from './digitalwires.js';
export { looksLikeNinjs, ninjsVersion, readNinjs } from './ninjs.js';
export type { NinjsVersion } from './ninjs.js';
export { checkNinjs, NINJS_RULES, ninjsRulesSchema } from './ninjs-rules.js';
export type { NinjsRules } from './ninjs-rules.js';
export { readNewsMlG2 } from './newsml-g2.js';
export { htmlToBlocks, htmlToBox, htmlToText } from './html-blocks.js';
export type { HtmlBlocks } from './html-blocks.js';
export * from './wire-item.js';
