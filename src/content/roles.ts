import type { StoryStatus } from './types.js';

/**
 * Who may do what: the one place where roles, permissions and workflow moves
 * are configured. Every API endpoint names one of these permissions; story
 * actions are also checked against ownership ("own" vs "any").
 */

export const ROLES = ['contributor', 'author', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Permissions that apply to one story, granted for the user's own stories or for any. */
export const STORY_ACTIONS = ['story.view', 'story.edit', 'story.submit', 'story.publish', 'story.depublish', 'story.correct'] as const;
export type StoryAction = (typeof STORY_ACTIONS)[number];

/** Permissions that do not depend on a story. */
export const GLOBAL_PERMISSIONS = [
  'newsroom.use', 'story.create', 'story.list', 'taxonomy.manage', 'audit.view', 'users.manage', 'settings.manage',
  'media.upload', 'media.manage',
  // The agency desk: read the wire and take items into stories (every editorial role); sources and their secrets (admin).
  'wire.view', 'wire.take', 'wire.manage',
  // Eilmeldung: set, change and take down the breaking banner and send Web Push (editors and admins).
  'breaking.send',
] as const;
export type GlobalPermission = (typeof GLOBAL_PERMISSIONS)[number];

export type Scope = 'own' | 'any';

export interface RoleGrants {
  global: readonly GlobalPermission[];
  story: Partial<Record<StoryAction, Scope>>;
}

/**
 * contributor: writes drafts and sends them to review; uploads pictures (media.upload).
 * author: also publishes, corrects and takes down own stories.
 * editor (Chef vom Dienst): every story, plus sections and topics, and image rights (media.manage).
 * admin: everything, plus users and settings.
 */
export const ROLE_GRANTS: Readonly<Record<Role, RoleGrants>> = {
  contributor: {
    global: ['newsroom.use', 'story.create', 'story.list', 'media.upload', 'wire.view', 'wire.take'],
    story: { 'story.view': 'own', 'story.edit': 'own', 'story.submit': 'own' },
  },
  author: {
    global: ['newsroom.use', 'story.create', 'story.list', 'media.upload', 'wire.view', 'wire.take'],
    story: { 'story.view': 'any', 'story.edit': 'own', 'story.submit': 'own', 'story.publish': 'own', 'story.depublish': 'own', 'story.correct': 'own' },
  },
  editor: {
    global: ['newsroom.use', 'story.create', 'story.list', 'taxonomy.manage', 'audit.view', 'media.upload', 'media.manage', 'wire.view', 'wire.take', 'breaking.send'],
    story: { 'story.view': 'any', 'story.edit': 'any', 'story.submit': 'any', 'story.publish': 'any', 'story.depublish': 'any', 'story.correct': 'any' },
  },
  admin: {
    global: [...GLOBAL_PERMISSIONS],
    story: { 'story.view': 'any', 'story.edit': 'any', 'story.submit': 'any', 'story.publish': 'any', 'story.depublish': 'any', 'story.correct': 'any' },
  },
};

/**
 * Workflow moves and the story permission each needs. A move not listed is
 * not allowed for anyone.
 */
export const TRANSITIONS: ReadonlyArray<{ from: StoryStatus; to: StoryStatus; needs: StoryAction }> = [
  { from: 'draft', to: 'in_review', needs: 'story.submit' },
  { from: 'in_review', to: 'draft', needs: 'story.submit' },
  { from: 'draft', to: 'scheduled', needs: 'story.publish' },
  { from: 'in_review', to: 'scheduled', needs: 'story.publish' },
  { from: 'draft', to: 'published', needs: 'story.publish' },
  { from: 'in_review', to: 'published', needs: 'story.publish' },
  { from: 'scheduled', to: 'published', needs: 'story.publish' },
  { from: 'scheduled', to: 'draft', needs: 'story.publish' },
  { from: 'published', to: 'depublished', needs: 'story.depublish' },
  { from: 'depublished', to: 'published', needs: 'story.publish' },
  { from: 'depublished', to: 'draft', needs: 'story.edit' },
];

export interface Actor {
  id: string;
  role: Role;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasPermission(actor: Actor, permission: GlobalPermission): boolean {
  return ROLE_GRANTS[actor.role].global.includes(permission);
}

/** May `actor` do `action` on a story owned by `ownerId`? */
export function mayOnStory(actor: Actor, action: StoryAction, story: { ownerId?: string | undefined; status?: StoryStatus }): boolean {
  const scope = ROLE_GRANTS[actor.role].story[action];
  if (!scope) return false;
  if (scope === 'own' && story.ownerId !== actor.id) return false;
  // Changing what readers see is publishing: editing a live or scheduled story needs the right to publish it.
  if (action === 'story.edit' && (story.status === 'published' || story.status === 'scheduled')) {
    return mayOnStory(actor, 'story.publish', { ...story, status: 'draft' });
  }
  return true;
}

/** The permission a move needs, or undefined when the move does not exist. */
export function transitionNeeds(from: StoryStatus, to: StoryStatus): StoryAction | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to)?.needs;
}
