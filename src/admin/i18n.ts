/**
 * The newsroom speaks German and English. Each screen keeps its texts in a
 * `{ de: {...}, en: {...} }` table next to its view (TypeScript checks that
 * both languages have every key); `pick` chooses by the user's language.
 */
export { langFromHeader, type UiLang } from '../http/lang.js';
import type { UiLang } from '../http/lang.js';

export function pick<T>(table: { de: T; en: T }, lang: UiLang): T {
  return lang === 'en' ? table.en : table.de;
}

export const COMMON_TEXT = {
  de: {
    newsroom: 'Redaktion', stories: 'Beiträge', newStory: 'Neuer Beitrag', import: 'Import', users: 'Benutzer', audit: 'Protokoll',
    topics: 'Themen', sections: 'Ressorts', media: 'Mediathek',
    account: 'Konto', logout: 'Abmelden', skip: 'Zum Inhalt springen', mainNav: 'Redaktionsnavigation', site: 'Zur Website',
    loggedInAs: 'Angemeldet als', forbidden: 'Dafür fehlt Ihnen die Berechtigung.', notFound: 'Nicht gefunden.',
    error: 'Ein Fehler ist aufgetreten.', back: 'Zurück zur Übersicht',
  },
  en: {
    newsroom: 'Newsroom', stories: 'Stories', newStory: 'New story', import: 'Import', users: 'Users', audit: 'Audit log',
    topics: 'Topics', sections: 'Sections', media: 'Media',
    account: 'Account', logout: 'Log out', skip: 'Skip to content', mainNav: 'Newsroom navigation', site: 'Go to the site',
    loggedInAs: 'Logged in as', forbidden: 'You do not have permission to do this.', notFound: 'Not found.',
    error: 'Something went wrong.', back: 'Back to the overview',
  },
};
