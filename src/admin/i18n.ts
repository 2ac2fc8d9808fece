/**
 * The newsroom speaks German and English. Each screen keeps its texts in a
 * `{ de: {...}, en: {...} }` table next to its view (TypeScript checks that
 * both languages have every key); `pick` chooses by the user's language.
 */
export type UiLang = 'de' | 'en';

export function pick<T>(table: { de: T; en: T }, lang: UiLang): T {
  return lang === 'en' ? table.en : table.de;
}

/** Before login: the browser's preference (German unless English is preferred over it). */
export function langFromHeader(acceptLanguage: string | undefined): UiLang {
  if (!acceptLanguage) return 'de';
  const ranked = acceptLanguage.split(',').map((part, i) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
    return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
  }).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    if (r.tag.startsWith('de')) return 'de';
    if (r.tag.startsWith('en')) return 'en';
  }
  return 'de';
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
