import { LedeError, type Story, type StoryStatus } from '../content/index.js';
import { TRANSITIONS, transitionNeeds, type StoryAction } from '../content/roles.js';

/**
 * The workflow's rules on moves and times, in one place: the service applies
 * them at write time, and the API asks `moveNeeds` first to know which
 * permission to check before anything else is said about the move.
 */

/** The moves open from `from`, for the refusal of a move that does not exist ("none" if there are none). */
export function movesFrom(from: StoryStatus): string {
  const to = TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
  return to.length ? to.join(', ') : 'none';
}

/** The permission the move `from` → `to` needs; VALIDATION naming the open moves when there is no such move. */
export function moveNeeds(from: StoryStatus, to: StoryStatus): StoryAction {
  const needs = transitionNeeds(from, to);
  if (needs) return needs;
  const moves = movesFrom(from);
  throw new LedeError('VALIDATION', `a ${from} story cannot be moved to ${to}; from ${from} the moves are: ${moves}`, {
    reason: 'move_not_allowed', params: { from, to, moves },
    issues: [{ path: 'to', message: `from ${from}: ${moves}`, code: 'moves_from', params: { from, moves } }],
  });
}

/**
 * When a move to `to` makes the story go live, from the caller's `at`:
 * scheduling needs a future `at`, or a running embargo (then the embargo's
 * end); `at` is only for scheduling. Undefined for moves that are not to
 * scheduled.
 */
export function scheduledTime(story: Story, to: StoryStatus, at: Date | undefined, now: Date): Date | undefined {
  if (to !== 'scheduled') {
    if (at) {
      throw new LedeError('VALIDATION', `"at" is only for moves to scheduled (this move is to ${to})`, {
        reason: 'at_only_for_schedule', issues: [{ path: 'at', message: 'only with "to": "scheduled"', code: 'time_only_for_schedule' }],
      });
    }
    return undefined;
  }
  if (!at) {
    if (story.embargoUntil && Date.parse(story.embargoUntil) > now.getTime()) return new Date(story.embargoUntil);
    throw new LedeError('VALIDATION', 'scheduling needs "at": the time the story goes live', {
      reason: 'schedule_needs_time', issues: [{ path: 'at', message: 'required for scheduled', code: 'time_for_schedule' }],
    });
  }
  if (at.getTime() <= now.getTime()) {
    throw new LedeError('VALIDATION', '"at" is in the past; to publish now, move the story to published', {
      reason: 'schedule_in_past', issues: [{ path: 'at', message: 'must be in the future', code: 'in_future' }],
    });
  }
  return at;
}

/** A takedown time must lie ahead, and a story already taken down has none to plan. */
export function checkTakedown(story: Story, at: Date | undefined, now: Date): void {
  if (at && at.getTime() <= now.getTime()) {
    throw new LedeError('VALIDATION', '"at" is in the past; to take the story down now, move it to depublished', {
      reason: 'takedown_in_past', issues: [{ path: 'at', message: 'must be in the future', code: 'in_future' }],
    });
  }
  if (story.status === 'depublished') {
    throw new LedeError('VALIDATION', 'the story is already taken down; a takedown time is for stories that are or will be published', {
      reason: 'takedown_depublished', issues: [{ path: 'at', message: 'story is depublished', code: 'already_depublished' }],
    });
  }
}
