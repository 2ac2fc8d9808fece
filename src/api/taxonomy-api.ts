import { z } from 'zod';
import { actorOf, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { pathParam } from '../http/input.js';
import { etagOf, ifMatchVersion } from './api-support.js';

/** Path parameters `{slug}` of topics and sections (the service decides whether the slug names one). */
export const slugParams = z.object({ slug: pathParam });

const introText = z.string({ error: 'text, or null for none' }).nullable().optional();

/** `{"name", "intro"?}`; "introduction" is accepted for "intro" as well. The lengths are checked by the service. */
export const topicBody = z.object({
  name: z.string({ error: 'required' }).refine((v) => v.trim() !== '', { error: 'required', params: { code: 'required' } }),
  intro: introText,
  introduction: introText,
}).transform(({ name, intro, introduction }) => ({ name, intro: intro !== undefined ? intro : introduction }));

/** `{"rules": [{"kind", "months"}]}`; each rule is checked by the service (checkRetentionRules), which names it by position. */
export const sectionRulesBody = z.object({
  rules: z.array(z.unknown(), { error: 'a list of {"kind", "months"}' }),
});

/** The version an If-Match names, or undefined without one: a topic not described yet is created without. */
function topicIfMatch(c: NewsroomContext): number | undefined {
  return c.req.header('if-match') === undefined ? undefined : ifMatchVersion(c, 'topic');
}

/** Topics and sections: read with story.list, changed with taxonomy.manage. */
export function registerTaxonomyApi(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const taxonomy = deps.services.taxonomy;

  registry.add({
    method: 'GET', path: '/newsroom/api/topics', permission: 'story.list', kind: 'api', summary: 'Described topics and the topics stories use',
    handler: async (c) => c.json(await taxonomy.topics()),
  });

  registry.add({
    method: 'GET', path: '/newsroom/api/topics/:slug', permission: 'story.list', kind: 'api', summary: 'One topic, with its version as ETag',
    input: { params: slugParams },
    handler: async (c, { params }) => {
      const topic = await taxonomy.topic(params.slug);
      if (topic.version !== undefined) c.header('ETag', etagOf(topic.version));
      return c.json(topic);
    },
  });

  registry.add({
    method: 'PUT', path: '/newsroom/api/topics/:slug', permission: 'taxonomy.manage', kind: 'api',
    summary: 'Describe a topic: If-Match with its version to change a described one, none to describe a new one',
    input: { params: slugParams, body: topicBody, bodyName: 'the topic' },
    handler: async (c, { params, body }) => {
      const topic = await taxonomy.saveTopic(params.slug, body, topicIfMatch(c));
      c.header('ETag', etagOf(topic.version));
      return c.json(topic);
    },
  });

  registry.add({
    method: 'GET', path: '/newsroom/api/sections', permission: 'story.list', kind: 'api', summary: 'Sections with their retention rules',
    handler: async (c) => c.json(await taxonomy.sections()),
  });

  registry.add({
    method: 'PUT', path: '/newsroom/api/sections/:slug', permission: 'taxonomy.manage', kind: 'api', summary: 'Replace a section\'s retention rules (audited)',
    input: { params: slugParams, body: sectionRulesBody, bodyName: 'the retention rules' },
    handler: async (c, { params, body }) => c.json(await taxonomy.saveSectionRules(params.slug, body.rules, actorOf(c))),
  });
}
