/**
 * A second process for store tests: lock contention, stale locks and SIGKILL
 * durability need a real other process, not a second handle in this one.
 *
 *   node --import tsx test/helpers/store-child.ts lock  DATA_DIR
 *   node --import tsx test/helpers/store-child.ts open  '{"dataDir":"…"}'
 *   node --import tsx test/helpers/store-child.ts write '{"open":{…},"bodyWords":400,"max":100000}'
 *   node --import tsx test/helpers/store-child.ts wire  '{"open":{…},"docs":400,"perDoc":10}'
 *
 * Prints one line per event: "locked", "opened", "ack <id>" (after the commit),
 * "done", or "error {json}" then exits 3. `wire` ingests wireDocument(0…docs-1)
 * through the desk, printing "ack <n>" after each document's commit. `lock` and `open` hold on until
 * stdin closes; `write` keeps writing until `max`, then waits to be killed.
 */
import { isLedeError } from '../../src/content/index.js';
import { acquireDataDirLock, openDatabase, StoryRepository, type OpenOptions } from '../../src/store/index.js';
import { bodyText, makeStory } from './stories.js';
import { createServices } from '../../src/services/index.js';
import { WIRE_CHILD_SOURCE, wireDocument } from './wire-documents.js';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(err: unknown): never {
  say(`error ${JSON.stringify(isLedeError(err) ? { code: err.code, message: err.message } : { message: String(err) })}`);
  process.exit(3);
}

function untilStdinCloses(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.on('data', () => undefined);
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
}

const [mode, arg = ''] = process.argv.slice(2);
try {
  if (mode === 'lock') {
    const lock = acquireDataDirLock(arg);
    say('locked');
    await untilStdinCloses();
    lock.release();
  } else if (mode === 'open') {
    const db = await openDatabase({ ...(JSON.parse(arg) as OpenOptions), onWarning: () => undefined });
    say('opened');
    await untilStdinCloses();
    await db.close();
  } else if (mode === 'write') {
    const { open, bodyWords = 50, max = 1e9 } = JSON.parse(arg) as { open: OpenOptions; bodyWords?: number; max?: number };
    const db = await openDatabase({ ...open, onWarning: () => undefined });
    const repo = new StoryRepository(db);
    say('opened');
    for (let i = 0; i < max; i++) {
      const story = makeStory({ body: bodyText(bodyWords, i) });
      await repo.insert(story);
      say(`ack ${story.id}`); // only after insert() resolved, i.e. after the commit
    }
    say('done');
    setInterval(() => undefined, 1000);
  } else if (mode === 'wire') {
    const { open, docs, perDoc } = JSON.parse(arg) as { open: OpenOptions; docs: number; perDoc: number };
    const db = await openDatabase({ ...open, onWarning: () => undefined });
    const desk = createServices(db).wire;
    await desk.saveSource({ id: WIRE_CHILD_SOURCE, name: 'dpa (child)', format: 'digitalwires', transport: 'manual' });
    say('opened');
    for (let n = 0; n < docs; n++) {
      await desk.ingest(WIRE_CHILD_SOURCE, wireDocument(n, perDoc));
      say(`ack ${n}`);
    }
    say('done');
    setInterval(() => undefined, 1000);
  } else {
    throw new Error(`unknown mode "${mode}"`);
  }
} catch (err) {
  fail(err);
}
