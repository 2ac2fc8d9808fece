import { LedeError, isSlug, slugify, type ValidationIssue } from '../content/index.js';
import { TopicRepository, type Topic } from '../store/index.js';
import { ANY, RetentionRepository, type RetentionRule } from '../store/retention-repository.js';
import { audit, type AuditActor } from '../store/audit-repository.js';
import { actorOf, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { api, readJson } from './api-support.js';

/** A topic as the newsroom lists it: described (a row in `topics`) or only used by stories, or both. */
export interface TopicListing {
  slug: string;
  name: string;
  intro?: string;
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

/** Described topics and topics stories use, by name. */
export async function listTopicListings(deps: NewsroomDeps): Promise<TopicListing[]> {
  const described = await new TopicRepository(deps.db).list();
  const used = await deps.db.query<{ name: string; n: number | string }>(
    'SELECT t AS name, count(*) AS n FROM stories, unnest(topics) AS t GROUP BY t ORDER BY t',
  );
  const bySlug = new Map<string, TopicListing>();
  for (const t of described) bySlug.set(t.slug, { slug: t.slug, name: t.name, ...(t.intro && { intro: t.intro }), updatedAt: t.updatedAt, stories: 0 });
  for (const u of used) {
    const slug = slugify(u.name);
    if (!slug) continue;
    const entry = bySlug.get(slug) ?? bySlug.set(slug, { slug, name: u.name, stories: 0 }).get(slug)!;
    entry.stories += Number(u.n);
  }
  return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name, 'de') || a.slug.localeCompare(b.slug));
}

/**
 * Saves a topic's name and introduction and tells the event bus, so the
 * reader site's cached topic page (`topic:<slug>`) is purged on every node.
 */
export async function saveTopic(deps: NewsroomDeps, slug: string, body: Record<string, unknown>): Promise<Topic> {
  const { name } = body;
  // "intro" as the store calls it; "introduction" accepted as well.
  const intro = body.intro !== undefined ? body.intro : body.introduction;
  const issues: ValidationIssue[] = [];
  // Checked before the slug: a new topic's slug comes from its name, so a missing name is the problem to name.
  if (typeof name !== 'string' || !name.trim()) issues.push({ path: 'name', message: 'required', code: 'required' });
  if (intro !== undefined && intro !== null && typeof intro !== 'string') issues.push({ path: 'intro', message: 'text, or null for none', code: 'not_text' });
  if (issues.length) throw new LedeError('VALIDATION', `topic is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  if (!isSlug(slug)) throw new LedeError('NOT_FOUND', `"${slug}" is not a topic slug`);
  const topic = await new TopicRepository(deps.db).upsert({ slug, name: name as string, ...(typeof intro === 'string' && { intro }) });
  await deps.events?.emit({ type: 'topic.updated', storyId: '', slug: '', sectionSlug: '', topics: [topic.slug] });
  return topic;
}

/** Every section stories use, plus sections that only have rules, with their rules; the '*' entry first. */
export async function listSectionListings(deps: NewsroomDeps): Promise<SectionListing[]> {
  const used = await deps.db.query<{ section_slug: string; section: string; n: number | string }>(
    `SELECT section_slug, (array_agg(section ORDER BY modified_at DESC))[1] AS section, count(*) AS n
       FROM stories GROUP BY section_slug ORDER BY section_slug`,
  );
  const rules = await new RetentionRepository(deps.db).list();
  const bySlug = new Map<string, SectionListing>([[ANY, { slug: ANY, name: ANY, stories: 0, rules: [] }]]);
  for (const u of used) bySlug.set(u.section_slug, { slug: u.section_slug, name: u.section, stories: Number(u.n), rules: [] });
  for (const r of rules) {
    const entry = bySlug.get(r.section) ?? bySlug.set(r.section, { slug: r.section, name: r.section, stories: 0, rules: [] }).get(r.section)!;
    entry.rules.push({ kind: r.kind, months: r.months });
  }
  const all = bySlug.get(ANY)!;
  bySlug.delete(ANY);
  return [all, ...[...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name, 'de'))];
}

/** Replaces a section's retention rules (audited: rules take stories down). */
export async function saveSectionRules(deps: NewsroomDeps, slug: string, rules: unknown, by: AuditActor): Promise<SectionListing> {
  if (slug !== ANY && !isSlug(slug)) throw new LedeError('NOT_FOUND', `"${slug}" is not a section slug`);
  await deps.db.transaction(async (tx) => {
    const saved = await new RetentionRepository(tx).replaceSection(slug, rules, by.id);
    await audit(tx, by, 'retention.changed', { detail: { section: slug, rules: saved.map((r) => ({ kind: r.kind, months: r.months })) } });
  });
  return (await listSectionListings(deps)).find((s) => s.slug === slug)!;
}

/** Topics and sections: read with story.list, changed with taxonomy.manage. */
export function registerTaxonomyApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  registry.add({
    method: 'GET', path: '/newsroom/api/topics', permission: 'story.list', kind: 'api',
    handler: async (c) => c.json(await listTopicListings(deps)),
  });
  registry.add({
    method: 'PUT', path: '/newsroom/api/topics/:slug', permission: 'taxonomy.manage', kind: 'api',
    handler: api(async (c) => c.json(await saveTopic(deps, c.req.param('slug') ?? '', await readJson(c, '{"name", "intro"?}')))),
  });
  registry.add({
    method: 'GET', path: '/newsroom/api/sections', permission: 'story.list', kind: 'api',
    handler: async (c) => c.json(await listSectionListings(deps)),
  });
  registry.add({
    method: 'PUT', path: '/newsroom/api/sections/:slug', permission: 'taxonomy.manage', kind: 'api',
    handler: api(async (c) => {
      const body = await readJson(c, '{"rules": [{"kind": "*"|"article"|…, "months": n or null}]}');
      return c.json(await saveSectionRules(deps, c.req.param('slug') ?? '', body.rules, actorOf(c)));
    }),
  });
}
