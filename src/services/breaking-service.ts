import { randomUUID } from 'node:crypto';
import { LedeError, isBrokenText, isSafeLocalPath, sectionSlug, storyPath, type ValidationIssue } from '../content/index.js';
import { breakingChanged, type EventBus } from '../events/event-bus.js';
import { audit, type AuditActor } from '../store/audit-repository.js';
import { closeOpenBreaking, insertBreaking, openBreaking, updateBreaking } from '../store/breaking-repository.js';
import {
  breakingById, breakingItem, liveBreaking, recentBreaking, recentPublishedHeadlines, type BreakingItem, type BreakingRow,
} from '../store/breaking-queries.js';

export type { BreakingItem } from '../store/breaking-queries.js';
import { StoryRepository } from '../store/story-repository.js';
import type { Transactional } from './story-service.js';

/**
 * The breaking banner ("Eilmeldung", issue 14): one item at a time, set from a
 * published story or as a headline with a link, with an end time; it can be
 * changed and taken down. Every change is audited in its own transaction and
 * told on the bus as `breaking.changed` (the relay takes it to other nodes),
 * where each node's banner state reads it again (site/banner.ts).
 */
export const BREAKING_LIMITS = { headline: 200, url: 1000 } as const;
/** The longest a banner may stay up; an editor sets less (the default is two hours). */
export const MAX_BREAKING_MINUTES = 7 * 24 * 60;
export const DEFAULT_BREAKING_MINUTES = 120;

export interface BreakingInput {
  /** The story to set it from (id or slug): its headline and address, unless given. */
  story?: unknown;
  headline?: unknown;
  /** A path on this site or an https URL. */
  url?: unknown;
  /** When it ends (ISO 8601), or … */
  endsAt?: unknown;
  /** … minutes from now (1 to a week; default 120). */
  minutes?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(issues: ValidationIssue[]): LedeError {
  return new LedeError('VALIDATION', `the breaking news item is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { reason: 'input_invalid', issues });
}

/** Why `url` cannot be a banner's link, or undefined: a path on this site or an https URL. */
export function breakingUrlProblem(url: string): string | undefined {
  if (url.startsWith('/')) return isSafeLocalPath(url) ? undefined : 'is not a plain path on this site';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'must be a path on this site ("/politik/…") or an https URL';
  }
  if (u.protocol !== 'https:') return `must be a path on this site or an https URL, not ${u.protocol}`;
  if (u.username || u.password) return 'must not carry a user name or password';
  return undefined;
}

export class BreakingService {
  constructor(
    private readonly db: Transactional,
    private readonly events?: EventBus,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The item up now, or undefined. */
  async current(): Promise<BreakingItem | undefined> {
    const row = await liveBreaking(this.db, this.clock());
    return row && breakingItem(row);
  }

  async recent(limit = 20): Promise<BreakingRow[]> {
    return recentBreaking(this.db, Math.max(1, Math.min(limit, 100)));
  }

  /** The newest published stories an editor may set a banner from (slug and headline). */
  async pickableStories(limit = 30): Promise<Array<{ slug: string; headline: string }>> {
    return recentPublishedHeadlines(this.db, Math.max(1, Math.min(limit, 100)));
  }

  async get(id: string): Promise<BreakingRow | undefined> {
    return UUID.test(id) ? breakingById(this.db, id) : undefined;
  }

  /** Checks an editor's input; a story fills headline and url where they are not given. */
  async #check(input: BreakingInput, now: Date): Promise<{ headline: string; url: string; storyId: string | null; endsAt: Date }> {
    if (!input || typeof input !== 'object') throw invalid([{ path: '(body)', message: 'must be an object with a story or a headline and url', code: 'not_an_object' }]);
    const issues: ValidationIssue[] = [];
    const text = (path: string, v: unknown, max: number): string | undefined => {
      if (v === undefined || v === null || v === '') return undefined;
      if (typeof v !== 'string') return void issues.push({ path, message: 'must be a string', code: 'must_be_text' });
      if (isBrokenText(v)) return void issues.push({ path, message: 'contains a NUL character or a lone UTF-16 surrogate', code: 'broken_text' });
      const t = v.trim().replace(/\s+/g, ' ');
      if (t.length > max) return void issues.push({ path, message: `must be at most ${max} characters`, code: 'too_long', params: { max, got: t.length } });
      return t || undefined;
    };
    let headline = text('headline', input.headline, BREAKING_LIMITS.headline);
    let url = text('url', input.url, BREAKING_LIMITS.url);
    const storyRef = text('story', input.story, 200);
    let storyId: string | null = null;
    if (storyRef) {
      const story = await new StoryRepository(this.db).findByIdOrSlug(storyRef);
      if (!story) issues.push({ path: 'story', message: `no story "${storyRef.slice(0, 80)}"`, code: 'not_found' });
      else if (story.status !== 'published') issues.push({ path: 'story', message: `"${story.headline.slice(0, 80)}" is ${story.status}, not published: readers could not open it`, code: 'not_published' });
      else {
        storyId = story.id;
        headline ??= story.headline.slice(0, BREAKING_LIMITS.headline);
        url ??= storyPath({ sectionSlug: sectionSlug(story.section), slug: story.slug });
      }
    }
    if (!headline && !issues.some((i) => i.path === 'headline' || i.path === 'story')) issues.push({ path: 'headline', message: 'is required (or choose a story)', code: 'required' });
    if (!url && !issues.some((i) => i.path === 'url' || i.path === 'story')) issues.push({ path: 'url', message: 'is required (or choose a story)', code: 'required' });
    if (url) {
      const problem = breakingUrlProblem(url);
      if (problem) issues.push({ path: 'url', message: problem, code: 'bad_url' });
    }
    let endsAt: Date | undefined;
    if (input.endsAt !== undefined && input.endsAt !== '' && input.endsAt !== null) {
      const t = typeof input.endsAt === 'string' && !isBrokenText(input.endsAt) ? Date.parse(input.endsAt) : NaN;
      if (!Number.isFinite(t)) issues.push({ path: 'endsAt', message: 'must be a date and time (ISO 8601)', code: 'not_a_date' });
      else if (t <= now.getTime()) issues.push({ path: 'endsAt', message: 'must be in the future', code: 'in_the_past' });
      else if (t > now.getTime() + MAX_BREAKING_MINUTES * 60_000) issues.push({ path: 'endsAt', message: 'must be within a week', code: 'too_late' });
      else endsAt = new Date(t);
    } else {
      const raw = input.minutes === undefined || input.minutes === '' || input.minutes === null ? DEFAULT_BREAKING_MINUTES : Number(input.minutes);
      if (!Number.isInteger(raw) || raw < 1 || raw > MAX_BREAKING_MINUTES) issues.push({ path: 'minutes', message: `must be a whole number from 1 to ${MAX_BREAKING_MINUTES}`, code: 'out_of_range' });
      else endsAt = new Date(now.getTime() + raw * 60_000);
    }
    if (issues.length) throw invalid(issues);
    return { headline: headline!, url: url!, storyId, endsAt: endsAt! };
  }

  /** Puts a banner up; one that was up is taken down in the same transaction. */
  async set(actor: AuditActor, input: BreakingInput): Promise<BreakingItem> {
    const now = this.clock();
    const checked = await this.#check(input, now);
    const row = await this.db.transaction(async (tx) => {
      const open = await openBreaking(tx);
      if (open) {
        await closeOpenBreaking(tx, now);
        await audit(tx, actor, 'breaking.ended', { ...(open.storyId && { storyId: open.storyId }), detail: { breaking: open.id, headline: open.headline, replaced: true } });
      }
      const made = await insertBreaking(tx, { id: randomUUID(), ...checked, startsAt: now, createdBy: actor.name });
      await audit(tx, actor, 'breaking.set', { ...(made.storyId && { storyId: made.storyId }), detail: { breaking: made.id, headline: made.headline, url: made.url, endsAt: made.endsAt } });
      return made;
    });
    await this.events?.emit(breakingChanged());
    return breakingItem(row);
  }

  /** Changes the banner that is up, if it is still at `version` (else 409: someone changed it meanwhile). */
  async update(actor: AuditActor, id: string, version: unknown, input: BreakingInput): Promise<BreakingItem> {
    const now = this.clock();
    const v = Number(version);
    if (!Number.isInteger(v) || v < 1) throw invalid([{ path: 'version', message: 'must be the version you changed (a whole number)', code: 'required' }]);
    const row = await this.get(id);
    if (!row) throw new LedeError('NOT_FOUND', `no breaking news item ${id.slice(0, 40)}`, { reason: 'not_found' });
    if (row.endedAt || Date.parse(row.endsAt) <= now.getTime()) throw new LedeError('CONFLICT', 'this breaking news item has already ended; set a new one', { reason: 'version_conflict' });
    const checked = await this.#check({ headline: row.headline, url: row.url, ...(row.storyId && { story: row.storyId }), endsAt: row.endsAt, ...input }, now);
    const changed = await this.db.transaction(async (tx) => {
      const next = await updateBreaking(tx, id, v, checked, now);
      if (!next) return undefined;
      await audit(tx, actor, 'breaking.updated', { ...(next.storyId && { storyId: next.storyId }), detail: { breaking: next.id, headline: next.headline, url: next.url, endsAt: next.endsAt, version: next.version } });
      return next;
    });
    if (!changed) throw new LedeError('CONFLICT', 'someone changed or ended this breaking news item meanwhile; reload it', { reason: 'version_conflict' });
    await this.events?.emit(breakingChanged());
    return breakingItem(changed);
  }

  /** Takes the banner that is up down now; false when none was up. */
  async takeDown(actor: AuditActor): Promise<boolean> {
    const now = this.clock();
    const closed = await this.db.transaction(async (tx) => {
      const open = await openBreaking(tx);
      if (!open) return undefined;
      const row = await closeOpenBreaking(tx, now);
      await audit(tx, actor, 'breaking.ended', { ...(open.storyId && { storyId: open.storyId }), detail: { breaking: open.id, headline: open.headline } });
      return row;
    });
    if (closed) await this.events?.emit(breakingChanged());
    return closed !== undefined;
  }
}
