import type { WireItem } from '../ingest/agency/wire-item.js';
import { WireRefusal } from '../ingest/agency/wire-item.js';

/** Reads an agency document into wire items; throws WireRefusal naming what is wrong with it. */
export type ReadWire = (input: Uint8Array | string, opts: { name?: string }) => WireItem[] | Promise<WireItem[]>;

// The readers (src/ingest/agency/read-wire.ts) are loaded on first use: a process that never ingests never loads them.
const READER = '../ingest/agency/read-wire.js';
let loaded: Promise<ReadWire> | undefined;

/** The readers of src/ingest/agency: dpa digitalwires, ninjs, NewsML-G2, detected from the content. */
export const readWire: ReadWire = async (input, opts) => {
  loaded ??= (import(READER) as Promise<{ readWireDocument?: ReadWire }>).then((m) => {
    if (typeof m.readWireDocument !== 'function') throw new WireRefusal('no agency reader is installed in this build');
    return m.readWireDocument;
  });
  return (await loaded)(input, opts);
};
