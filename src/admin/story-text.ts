import type { StoryKind, StoryStatus } from '../content/index.js';
import type { Role } from '../content/roles.js';

/** Names of workflow states and story kinds, shared by the list and the editor. */
export const STORY_TEXT: { de: { status: Record<StoryStatus, string>; kind: Record<StoryKind, string> }; en: { status: Record<StoryStatus, string>; kind: Record<StoryKind, string> } } = {
  de: {
    status: { draft: 'Entwurf', in_review: 'In Prüfung', scheduled: 'Geplant', published: 'Veröffentlicht', depublished: 'Depubliziert' },
    kind: { article: 'Artikel', liveticker: 'Liveticker', video: 'Video', audio: 'Audio' },
  },
  en: {
    status: { draft: 'Draft', in_review: 'In review', scheduled: 'Scheduled', published: 'Published', depublished: 'Depublished' },
    kind: { article: 'Article', liveticker: 'Live ticker', video: 'Video', audio: 'Audio' },
  },
};

/** Names of the roles, shared by the account page and the users page. */
export const ROLE_NAMES: { de: Record<Role, string>; en: Record<Role, string> } = {
  de: { contributor: 'Mitarbeit', author: 'Autorin/Autor', editor: 'Chef vom Dienst', admin: 'Administration' },
  en: { contributor: 'Contributor', author: 'Author', editor: 'Editor', admin: 'Administrator' },
};

/** JSON for a `<script type="application/json">` island: nothing in it can close the element or start markup. */
export function jsonIsland(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A rendered hono/jsx page as the HTML document every newsroom page answers. */
export const page = (node: unknown) => `<!DOCTYPE html>${String(node)}`;
