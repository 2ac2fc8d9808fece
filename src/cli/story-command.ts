import { blocksToText, formatGermanDateTime, slugify } from '../content/index.js';
import { StoryService } from '../newsroom/story-service.js';
import type { CommandIO } from './main.js';
import { parseCommandArgs } from './main.js';
import { openConfiguredDatabase } from './open-configured-database.js';

export const STORY_HELP = `Usage: lede story ID_OR_SLUG [--json]

Shows a stored story. With --json prints the story as JSON, in the shape the
API serves (see "Story JSON" in the README).
`;

export async function runStory(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
  if (positionals.length !== 1) {
    io.stderr.write('lede story: give exactly one story id or slug. See --help.\n');
    return 2;
  }
  const db = await openConfiguredDatabase();
  try {
    const story = await new StoryService(db).get(positionals[0]!);
    if (values.json) {
      io.stdout.write(`${JSON.stringify(story, null, 2)}\n`);
      return 0;
    }
    const lines = [
      story.kicker ? `${story.kicker}` : undefined,
      story.headline,
      '',
      `id:        ${story.id}`,
      `url:       /${slugify(story.section)}/${story.slug}`,
      `kind:      ${story.kind}   status: ${story.status}   version: ${story.version}`,
      `section:   ${story.section}${story.topics.length ? `   topics: ${story.topics.join(', ')}` : ''}`,
      story.firstPublishedAt ? `published: ${formatGermanDateTime(story.firstPublishedAt)}` : undefined,
      story.broadcast ? `broadcast: ${story.broadcast.programme ? `${story.broadcast.programme} | ` : ''}${formatGermanDateTime(story.broadcast.startsAt)}` : undefined,
      `blocks:    ${story.body.length} (${blocksToText(story.body).split(/\s+/).filter(Boolean).length} words)`,
    ].filter((l) => l !== undefined);
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
