import type { Context, Hono } from 'hono';
import { GLOBAL_PERMISSIONS, STORY_ACTIONS, type GlobalPermission, type StoryAction } from '../services/roles.js';

/**
 * Every newsroom endpoint declares the permission it needs when it is
 * registered; one without (or with an unknown one) fails to register, so no
 * route can be added without a decision about who may call it.
 *
 * - a global permission (`story.create`, `users.manage`, …) is checked before the handler runs;
 * - a story action (`story.edit`, `story.publish`, …) is checked before the handler
 *   for the role's grant at all, and by the handler against the story (own or any);
 * - `public` is for the login page and its form only.
 */
export type Requirement = GlobalPermission | StoryAction | 'public';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface EndpointSpec {
  method: Method;
  path: string;
  permission: Requirement;
  /** API endpoints answer JSON errors; pages answer HTML. */
  kind: 'api' | 'page';
  handler: (c: Context) => Response | Promise<Response>;
}

export interface RegisteredEndpoint {
  method: Method;
  path: string;
  permission: Requirement;
  kind: 'api' | 'page';
}

const KNOWN = new Set<string>([...GLOBAL_PERMISSIONS, ...STORY_ACTIONS, 'public']);

export class EndpointRegistry {
  readonly endpoints: RegisteredEndpoint[] = [];

  constructor(private readonly app: Hono, private readonly guard: (permission: Requirement, kind: 'api' | 'page') => (c: Context, next: () => Promise<void>) => Promise<Response | void>) {}

  add(spec: EndpointSpec): void {
    const permission = (spec as Partial<EndpointSpec>).permission;
    if (permission === undefined || !KNOWN.has(permission)) {
      throw new Error(`endpoint ${spec.method} ${spec.path} declares no known permission (got ${JSON.stringify(permission)}); every newsroom endpoint must name one`);
    }
    if (this.endpoints.some((e) => e.method === spec.method && e.path === spec.path)) {
      throw new Error(`endpoint ${spec.method} ${spec.path} is registered twice`);
    }
    this.endpoints.push({ method: spec.method, path: spec.path, permission, kind: spec.kind });
    this.app.on(spec.method, spec.path, this.guard(permission, spec.kind), spec.handler);
  }
}
