import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Sleep } from './back-off.js';
import { PollLoop, type PollLocks } from './poll-loop.js';
import { anyRefused, errorText, numberSetting, stringSetting, type IngestFn, type TransportLog, type TransportOutcome, type WireSourceConfig } from './wire-transport.js';

/**
 * Watches a folder an agency (or its FTP/rsync) writes into. Polled, not
 * fs.watch: on network and container file systems watch events go missing,
 * and a poll every few seconds costs a directory listing.
 *
 * A file is taken only once it is complete: its size and modification time
 * were the same at two looks in a row (a writer still appending changes one
 * of them); dotfiles, `*.tmp` and `*.part` (an upload in progress) are left
 * alone. After the desk committed, it moves to `done/`, or to `failed/` with
 * `<name>.reason.txt` beside it when the desk refused it. A file still in
 * the folder after a crash (ingested, not yet moved) is taken again on the
 * next start and the desk ignores the repeat.
 *
 * Settings: `path` (required), `intervalSeconds` (default 2), `maxFileMB`
 * (default 20).
 */
export interface FolderPollerOptions {
  source: WireSourceConfig;
  ingest: IngestFn;
  locks?: PollLocks;
  log?: TransportLog;
  sleep?: Sleep;
  backOff?: { initialMs?: number; maxMs?: number };
  lockRetryMs?: number;
}

const SKIPPED = /^\.|\.(tmp|part|partial|crdownload)$|\.reason\.txt$/i;

/** Where `name` goes in `dir` without replacing a file already there ("x.json", then "x-2.json", …). */
async function freeName(dir: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, n === 1 ? name : `${stem}-${n}${ext}`);
    try {
      await fsp.access(candidate);
    } catch {
      return candidate;
    }
  }
}

function reasonText(file: string, outcomes: readonly TransportOutcome[]): string {
  const lines = outcomes.filter((o) => o.result === 'refused').map((o) => `${o.reason ?? 'refused'}${o.deadLetterId ? ` (dead letter ${o.deadLetterId})` : ''}`);
  return `${file} was refused by the wire desk:\n${lines.map((l) => `- ${l}`).join('\n')}\n`;
}

export function folderPoller(opts: FolderPollerOptions): PollLoop {
  const { source, ingest } = opts;
  const dir = stringSetting(source.settings, 'path');
  if (!dir) throw new Error(`wire source ${source.id}: a folder source needs settings.path (the folder to watch)`);
  const intervalMs = numberSetting(source.settings, 'intervalSeconds', 2) * 1000;
  const maxBytes = numberSetting(source.settings, 'maxFileMB', 20) * 1024 * 1024;
  const name = `folder ${source.id} (${dir})`;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  /** What each file looked like at the previous look: taken when the next look sees the same. */
  const lastLook = new Map<string, string>();

  const settle = async (file: string, outcomes: readonly TransportOutcome[] | 'too-large', size?: number) => {
    const refused = outcomes === 'too-large' || anyRefused(outcomes);
    const target = path.join(dir, refused ? 'failed' : 'done');
    await fsp.mkdir(target, { recursive: true });
    const dest = await freeName(target, file);
    if (refused) {
      const reason = outcomes === 'too-large'
        ? `${file} is ${size} bytes, over the ${maxBytes} byte limit (maxFileMB); it was not read\n`
        : reasonText(file, outcomes);
      // The reason first: a crash before the move leaves the file to be taken again, never a failed/ file without its reason.
      await fsp.writeFile(`${dest}.reason.txt`, reason);
    }
    await fsp.rename(path.join(dir, file), dest);
  };

  const step = async (signal: AbortSignal): Promise<number> => {
    let entries;
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (err) {
      throw new Error(`cannot read the folder: ${(err as NodeJS.ErrnoException).code ?? errorText(err)}`);
    }
    const seen = new Set<string>();
    const ready: string[] = [];
    for (const e of entries) {
      if (!e.isFile() || SKIPPED.test(e.name)) continue;
      let info;
      try {
        info = await fsp.stat(path.join(dir, e.name));
      } catch {
        continue; // moved away between the listing and the look
      }
      const look = `${info.size}:${info.mtimeMs}`;
      seen.add(e.name);
      if (lastLook.get(e.name) === look) ready.push(e.name);
      else lastLook.set(e.name, look);
    }
    for (const f of lastLook.keys()) if (!seen.has(f)) lastLook.delete(f);
    for (const file of ready.sort()) {
      if (signal.aborted) break;
      const full = path.join(dir, file);
      const size = Number(lastLook.get(file)!.split(':')[0]);
      if (size > maxBytes) {
        log(`${name}: ${file} is over ${Math.round(maxBytes / 1024 / 1024)} MB; moved to failed/`);
        await settle(file, 'too-large', size);
      } else {
        const bytes = await fsp.readFile(full);
        // A throw (the database away) leaves the file where it is: it is taken again after the back-off.
        const outcomes = await ingest(source.id, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { name: file, via: 'folder' });
        await settle(file, outcomes);
      }
      lastLook.delete(file);
    }
    return intervalMs;
  };

  return new PollLoop({
    name,
    step,
    log,
    ...(opts.sleep && { sleep: opts.sleep }),
    ...(opts.backOff && { backOff: opts.backOff }),
    ...(opts.locks && { lock: { locks: opts.locks, key: `wire-source:${source.id}`, ...(opts.lockRetryMs !== undefined && { retryMs: opts.lockRetryMs }) } }),
  });
}
