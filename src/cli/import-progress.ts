import { ProgressBar } from './progress-bar.js';

/** What a run has done so far; the summary and the progress lines print it. */
export interface ImportCounts {
  total: number;
  imported: number;
  /** Stored by an earlier run (found in the import journal). */
  alreadyImported: number;
  /** Same content as a file earlier in this run. */
  duplicates: number;
  failed: number;
}

export function emptyCounts(total: number): ImportCounts {
  return { total, imported: 0, alreadyImported: 0, duplicates: 0, failed: 0 };
}

/** Seconds between two progress lines when stderr is not a terminal (a log, CI). */
export const PROGRESS_LINE_SECONDS = 10;

type Out = { write(s: string): boolean; isTTY?: boolean; columns?: number };

/**
 * Progress of `lede import`: on a terminal the one-line bar (files done of
 * all, failures so far, the file being read); elsewhere one plain line every
 * PROGRESS_LINE_SECONDS, so a log of a 10,000-file run stays short. Failures
 * are always printed, one line each, by the command itself.
 */
export class ImportProgress {
  readonly #bar: ProgressBar | undefined;
  readonly #now: () => number;
  readonly #started: number;
  #done = 0;
  #lastLine: number;

  constructor(private readonly out: Out, private readonly counts: ImportCounts, opts: { plainLines: boolean; now?: () => number }) {
    this.#bar = counts.total > 1 && out.isTTY ? new ProgressBar(out, counts.total) : undefined;
    this.plainLines = !this.#bar && opts.plainLines;
    this.#now = opts.now ?? Date.now;
    this.#started = this.#lastLine = this.#now();
  }

  private readonly plainLines: boolean;

  /** A file has been read (whatever becomes of it). */
  tick(name: string): void {
    this.#done++;
    if (this.#bar) {
      this.#bar.tick(`${this.counts.failed ? `${this.counts.failed} failed · ` : ''}${name}`);
      return;
    }
    if (this.plainLines && this.#now() - this.#lastLine >= PROGRESS_LINE_SECONDS * 1000) {
      this.#lastLine = this.#now();
      const c = this.counts;
      this.out.write(`lede import: ${this.#done}/${c.total} files read, ${c.imported} imported, ${c.alreadyImported + c.duplicates} skipped, ${c.failed} failed, ${rate(this.#done, this.elapsedMs())} files/s\n`);
    }
  }

  /** Before printing a line of one's own. */
  clear(): void {
    this.#bar?.clear();
  }

  done(): void {
    this.#bar?.done();
  }

  elapsedMs(): number {
    return this.#now() - this.#started;
  }
}

function rate(files: number, ms: number): string {
  return ms > 0 ? (files / (ms / 1000)).toFixed(0) : '0';
}

/** The closing summary of a bulk run (stderr), e.g. "imported 1,990, …, failed 3 of 2,000 files in 8.2 s (244 files/s)". */
export function formatSummary(c: ImportCounts, elapsedMs: number, interrupted: boolean): string {
  const n = (x: number) => x.toLocaleString('en');
  const handled = c.imported + c.alreadyImported + c.duplicates + c.failed;
  const parts = [
    `imported ${n(c.imported)}`,
    `skipped ${n(c.alreadyImported)} already imported`,
    `skipped ${n(c.duplicates)} duplicates`,
    `failed ${n(c.failed)}`,
  ];
  const head = interrupted ? `interrupted after ${n(handled)} of ${n(c.total)} files` : `${n(c.total)} files`;
  const line = `${parts.join(', ')}; ${head} in ${(elapsedMs / 1000).toFixed(1)} s (${rate(handled, elapsedMs)} files/s)`;
  return interrupted ? `${line}\nrun the same command again to import the rest; nothing is imported twice\n` : `${line}\n`;
}
