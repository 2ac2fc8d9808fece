import { LedeError, isSlug, topicSlug, topicPath } from '../content/index.js';
import type { EventBus } from '../events/event-bus.js';
import { audit, type AuditActor } from '../store/audit-repository.js';
import { ANY, RetentionRepository, sectionUsage, type RetentionRule } from '../store/retention-repository.js';
import { TopicRepository, checkTopic, topicUsage, type Topic } from '../store/topic-repository.js';
import type { Transactional } from './account-service.js';
import { enqueueOutbox } from '../store/webhook-outbox.js';
import { enqueueTaxonomyFeedPings, sectionChanged, topicChanged } from './webhook-events.js';

/** The limits and the "any kind" rule the taxonomy forms show, as the store enforces them. */
export { MAX_TOPIC_INTRO } from '../store/topic-repository.js';
export { ANY, MAX_RETENTION_MONTHS } from '../store/retention-repository.js';

/** A topic as the newsroom lists it: described (a row in `topics`) or only used by stories, or both. */
export interface TopicListing {
  slug: string;
  name: string;
  intro?: string;
  /** The described topic's version (the ETag "v<n>" its writes name); absent while only stories use it. */
  version?: number;
  updatedAt?: string;
  /** Stories of any status that name it. */
  stories: number;
}

/** A section and its retention rules; slug '*' holds the rules for every section. */
export interface SectionListing {
  slug: string;
  name: string;
  stories: number;
  rules: Array<{ kind: RetentionRule['kind']; months: number | null }>;
}

/** What an editor writes about a topic. */
export interface TopicFields {
  name: string;
  /** Plain text; empty, null or absent: no introduction. */
  intro?: string | null | undefined;
}

/**
 * Topics and sections: the only writer of topic descriptions and retention
 * rules. A topic save is versioned like a story (the caller names the
 * version it edited) and tells the event bus, so every node's cached topic
 * page goes; retention rules are audited, because they take stories down.
 */
export class TaxonomyService {
  constructor(private readonly db: Transactional, private readonly events?: EventBus) {}

  /** Described topics and topics stories use, by name. */
  async topics(): Promise<TopicListing[]> {
    const [described, used] = await Promise.all([new TopicRepository(this.db).list(), topicUsage(this.db)]);
    const bySlug = new Map<string, TopicListing>();
    for (const t of described) {
      bySlug.set(t.slug, { slug: t.slug, name: t.name, ...(t.intro && { intro: t.intro }), version: t.version, updatedAt: t.updatedAt, stories: 0 });
    }
    for (const u of used) {
      const slug = topicSlug(u.name);
      const entry = bySlug.get(slug) ?? bySlug.set(slug, { slug, name: u.name, stories: 0 }).get(slug)!;
      entry.stories += u.stories;
    }
    return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name, 'de') || a.slug.localeCompare(b.slug));
  }

  /** One topic as listed (described or only used), or NOT_FOUND. */
  async topic(slug: string): Promise<TopicListing> {
    const found = isSlug(slug) ? (await this.topics()).find((t) => t.slug === slug) : undefined;
    if (!found) throw new LedeError('NOT_FOUND', `no topic "${slug}"`, { reason: 'no_topic', params: { slug } });
    return found;
  }

  /**
   * Saves a topic's name and introduction. A topic that is not described yet
   * is created (no version to name); changing a described one needs the
   * version the editor read (`expectedVersion`): none is PRECONDITION_REQUIRED,
   * another one VERSION_CONFLICT with the stored topic and the refused input
   * (nothing is saved then). The input is checked before the version, so a
   * refusal names what is wrong with it first.
   */
  async saveTopic(slug: string, fields: TopicFields, expectedVersion: number | undefined): Promise<Topic> {
    // The fields first: a new topic's slug comes from its name, so a missing name is the problem to name.
    const valid = isSlug(slug);
    const checked = checkTopic({ name: fields.name, ...(valid && { slug }), ...(typeof fields.intro === 'string' && { intro: fields.intro }) });
    if (!valid) throw new LedeError('NOT_FOUND', `"${slug}" is not a topic slug`, { reason: 'no_topic', params: { slug } });
    const topics = new TopicRepository(this.db);
    const saved = await this.db.transaction(async (tx) => {
      const inTx = new TopicRepository(tx);
      const done = expectedVersion === undefined ? await inTx.create(checked) : await inTx.update(checked, expectedVersion);
      // Webhooks are queued with the change (a refused save queues none).
      if (done) {
        await enqueueOutbox(tx, [topicChanged(done.slug, new Date())]);
        await enqueueTaxonomyFeedPings(tx, topicPath(done.slug)); // the topic's feeds carry its name
      }
      return done;
    });
    if (!saved) {
      const current = await topics.get(slug);
      if (!current) {
        throw new LedeError('NOT_FOUND', `no described topic "${slug}" (at version ${expectedVersion}); save without a version to describe it`, { reason: 'no_topic', params: { slug } });
      }
      const yours = { slug, name: fields.name, intro: fields.intro ?? null };
      if (expectedVersion === undefined) {
        throw new LedeError('PRECONDITION_REQUIRED',
          `the topic "${slug}" is described already (version ${current.version}); send the version you edited as If-Match, e.g. If-Match: "v${current.version}"`,
          { reason: 'version_required', params: { slug, current: current.version }, extra: { current, yours } });
      }
      throw new LedeError('VERSION_CONFLICT',
        `the topic "${slug}" was changed meanwhile: you edited version ${expectedVersion}, the current version is ${current.version}. `
          + 'Nothing was saved; merge your changes into the current version and save again against it.',
        { reason: 'version_conflict', params: { slug, edited: expectedVersion, current: current.version }, extra: { current, yours } });
    }
    await this.events?.emit({ type: 'topic.updated', storyId: '', slug: '', sectionSlug: '', topics: [saved.slug] });
    return saved;
  }

  /** Every section stories use, plus sections that only have rules, with their rules; the '*' entry first. */
  async sections(): Promise<SectionListing[]> {
    const [used, rules] = await Promise.all([sectionUsage(this.db), new RetentionRepository(this.db).list()]);
    const bySlug = new Map<string, SectionListing>([[ANY, { slug: ANY, name: ANY, stories: 0, rules: [] }]]);
    for (const u of used) bySlug.set(u.slug, { slug: u.slug, name: u.name, stories: u.stories, rules: [] });
    for (const r of rules) {
      const entry = bySlug.get(r.section) ?? bySlug.set(r.section, { slug: r.section, name: r.section, stories: 0, rules: [] }).get(r.section)!;
      entry.rules.push({ kind: r.kind, months: r.months });
    }
    const all = bySlug.get(ANY)!;
    bySlug.delete(ANY);
    return [all, ...[...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name, 'de'))];
  }

  /** Replaces a section's retention rules (or the base rules of '*'), audited in the same transaction: rules take stories down. */
  async saveSectionRules(slug: string, rules: unknown, by: AuditActor): Promise<SectionListing> {
    if (slug !== ANY && !isSlug(slug)) throw new LedeError('NOT_FOUND', `"${slug}" is not a section slug`, { reason: 'no_section', params: { slug } });
    await this.db.transaction(async (tx) => {
      const saved = await new RetentionRepository(tx).replaceSection(slug, rules, by.id);
      await audit(tx, by, 'retention.changed', { detail: { section: slug, rules: saved.map((r) => ({ kind: r.kind, months: r.months })) } });
      if (slug !== ANY) await enqueueOutbox(tx, [sectionChanged(slug, new Date())]);
    });
    return (await this.sections()).find((s) => s.slug === slug)!;
  }
}
