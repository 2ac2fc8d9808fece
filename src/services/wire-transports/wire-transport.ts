/**
 * What every wire transport (wireQ, watch folder, S3 prefix, HTTP push, the
 * CLI) shares: the desk's ingest function it hands documents to, the source
 * it reads for, and how it reports. Transports take these as parameters, so
 * each can be tested with a recording stand-in for the desk and runs the same
 * against the real one (services.wire.ingest).
 *
 * The desk's contract, which every transport leans on: ingest resolves only
 * after the item is committed, never throws for a bad document (a refusal is
 * an outcome with a dead letter), and answers `duplicate` for the same
 * (source, guid, version) again. So a transport may deliver a document twice
 * (after a crash, a lost acknowledgement) without doubling an item, and it
 * acknowledges, moves or remembers a document only after ingest resolved, so
 * nothing is lost. A throw from ingest means the desk could not commit (the
 * database is away): the document stays where it is and is tried again later.
 */

export type IngestResult = 'new' | 'version' | 'duplicate' | 'ignored' | 'refused';

/** One item's outcome as the desk reports it (structurally a subset of the desk's IngestOutcome). */
export interface TransportOutcome {
  result: IngestResult;
  /** Why a document was refused (result 'refused'). */
  reason?: string;
  /** The dead letter kept for a refused document. */
  deadLetterId?: string;
  guid?: string;
  version?: number;
}

export interface IngestMeta {
  /** What the document is called where it came from (a file name, an S3 key, a wireQ receipt). */
  name?: string;
  /** The transport: 'wireq', 'folder', 's3', 'push', 'cli'. */
  via?: string;
}

/** The desk's ingest (services.wire.ingest). */
export type IngestFn = (sourceId: string, input: Uint8Array | string, meta?: IngestMeta) => Promise<TransportOutcome[]>;

/** A wire source as the desk keeps it (services.wire.sources.get). */
export interface WireSourceConfig {
  id: string;
  name: string;
  format: string;
  transport: string;
  settings: Record<string, unknown>;
  secret?: string | null;
  active: boolean;
}

/** One line for the operator (lede serve writes them to stderr). */
export type TransportLog = (line: string) => void;

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** A setting as a positive number, or the default (settings come from the newsroom or the environment: never trusted). */
export function numberSetting(settings: Record<string, unknown>, name: string, fallback: number): number {
  const v = settings[name];
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function stringSetting(settings: Record<string, unknown>, name: string): string | undefined {
  const v = settings[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** True when the desk refused at least one item of the document. */
export const anyRefused = (outcomes: readonly TransportOutcome[]): boolean => outcomes.some((o) => o.result === 'refused');
