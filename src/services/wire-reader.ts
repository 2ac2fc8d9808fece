import { readWireEntries } from '../ingest/agency/read-wire.js';
import type { WireItem, WireRefusal } from '../ingest/agency/wire-item.js';

/** Reads an agency document into wire items; throws WireRefusal naming what is wrong with it. */
export type ReadWire = (input: Uint8Array | string, opts: { name?: string }) => WireItem[] | Promise<WireItem[]>;

/** A document's entries one by one: a list or wireQ answer with one bad entry still gives the good ones. */
export type WireEntries = Array<{ index: number; item: WireItem } | { index: number; refusal: WireRefusal }>;
export type ReadWireEntries = (input: Uint8Array | string, opts: { name?: string }) => WireEntries | Promise<WireEntries>;

/** The readers of src/ingest/agency (dpa digitalwires, ninjs, NewsML-G2, told from the content), entry by entry. */
export const readEntries: ReadWireEntries = (input, opts) => readWireEntries(input, opts);
