/** The languages the newsroom speaks; a user's choice, or before login the browser's. */
export type UiLang = 'de' | 'en';

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
