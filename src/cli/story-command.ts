import { LedeError, blocksToText, formatGermanDateTime, isIsoDateTime, sectionSlug, zonedIso } from '../content/index.js';
import { StoryService } from '../services/story-service.js';
import type { CommandIO } from './command-support.js';
import { parseCommandArgs } from './command-support.js';
import { openForWriting } from './open-configured-database.js';

export const STORY_HELP = `Usage: lede story ID_OR_SLUG [--json] [ACTION]

Shows a stored story. With --json prints the story as JSON, in the shape the
API serves (see "Story JSON" in the README).

Actions (one at a time; the story is shown afterwards):
  --publish            publish now (an embargoed story is scheduled for the
                       end of its embargo instead)
  --schedule TIME      publish at TIME
  --depublish          take it off the site now (its address answers 410)
  --depublish-at TIME  take it down at TIME ("none" clears it)

TIME is ISO 8601 with an offset (2026-11-25T18:00:00+01:00) or newsroom
local time "2026-11-25 18:00" (Europe/Berlin). Scheduled changes are carried
out by a running "lede serve" within a few seconds of their time.
`;

/** ISO 8601 with offset, or "YYYY-MM-DD HH:MM" in newsroom time. */
function parseTime(raw: string, flag: string): Date {
  const text = raw.trim();
  if (isIsoDateTime(raw)) return new Date(raw);
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(text);
  const iso = m ? zonedIso(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) : undefined;
  if (!iso) throw new LedeError('VALIDATION', `${flag}: "${raw}" is not a time; use 2026-11-25T18:00:00+01:00 or "2026-11-25 18:00"`, { reason: 'bad_arguments' });
  return new Date(iso);
}

export async function runStory(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' }, publish: { type: 'boolean' }, depublish: { type: 'boolean' },
    schedule: { type: 'string' }, 'depublish-at': { type: 'string' },
  });
  if (positionals.length !== 1) {
    io.stderr.write('lede story: give exactly one story id or slug. See --help.\n');
    return 2;
  }
  const actions = (['publish', 'depublish', 'schedule', 'depublish-at'] as const).filter((a) => values[a] !== undefined);
  if (actions.length > 1) {
    io.stderr.write(`lede story: one action at a time (got --${actions.join(', --')}). See --help.\n`);
    return 2;
  }
  // Times are checked before the database is opened: a typo costs nothing.
  const scheduleAt = values.schedule === undefined ? undefined : parseTime(values.schedule, '--schedule');
  const depublishAt = values['depublish-at'] === undefined || values['depublish-at'] === 'none'
    ? undefined : parseTime(values['depublish-at'], '--depublish-at');
  const { db, events, close } = await openForWriting();
  try {
    const service = new StoryService(db, events);
    const id = positionals[0]!;
    let story = await service.get(id);
    if (values.publish) story = await service.publish(story.id);
    else if (values.depublish) story = await service.depublish(story.id);
    else if (scheduleAt) story = await service.schedule(story.id, scheduleAt);
    else if (values['depublish-at'] !== undefined) story = await service.scheduleDepublish(story.id, depublishAt);
    if (values.json) {
      io.stdout.write(`${JSON.stringify(story, null, 2)}\n`);
      return 0;
    }
    const lines = [
      story.kicker ? `${story.kicker}` : undefined,
      story.headline,
      '',
      `id:        ${story.id}`,
      `url:       /${sectionSlug(story.section)}/${story.slug}`,
      `kind:      ${story.kind}   status: ${story.status}   version: ${story.version}`,
      `section:   ${story.section}${story.topics.length ? `   topics: ${story.topics.join(', ')}` : ''}`,
      story.firstPublishedAt ? `published: ${formatGermanDateTime(story.firstPublishedAt)}` : undefined,
      story.scheduledPublishAt ? `scheduled: ${formatGermanDateTime(story.scheduledPublishAt)}` : undefined,
      story.embargoUntil ? `embargo:   until ${formatGermanDateTime(story.embargoUntil)}` : undefined,
      story.scheduledDepublishAt ? `comes down: ${formatGermanDateTime(story.scheduledDepublishAt)}` : undefined,
      story.depublishedAt ? `depublished: ${formatGermanDateTime(story.depublishedAt)}` : undefined,
      story.broadcast ? `broadcast: ${story.broadcast.programme ? `${story.broadcast.programme} | ` : ''}${formatGermanDateTime(story.broadcast.startsAt)}` : undefined,
      `blocks:    ${story.body.length} (${blocksToText(story.body).split(/\s+/).filter(Boolean).length} words)`,
    ].filter((l) => l !== undefined);
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await close();
  }
}
