/**
 * A process that publishes a story and is then killed before any webhook
 * worker could send its delivery (test/services/webhook-sigkill.test.ts):
 *
 *   node --import tsx test/helpers/webhook-child.ts '{"open":{…}}'
 *
 * Prints "committed <story id>" after the publish's commit, then waits to be killed.
 */
import { openDatabase, type OpenOptions } from '../../src/store/index.js';
import { createServices } from '../../src/services/index.js';

const { open } = JSON.parse(process.argv[2] ?? '{}') as { open: OpenOptions };
const db = await openDatabase({ ...open, onWarning: () => undefined });
const story = await createServices(db).stories.create(
  { kind: 'article', headline: 'Pegel in Dresden steigt', body: [{ type: 'paragraph', content: [{ text: 'Die Elbe steigt weiter.' }] }] },
  { status: 'published' },
);
process.stdout.write(`committed ${story.id}\n`);
setInterval(() => undefined, 60_000);
