/**
 * What the importer knows about particular sites, kept as data: the general
 * rules do the work, and a profile only adds what one site prints and no rule
 * can tell from the text alone. Each entry was taken from how that site's
 * pages come out as crawled text (docs/importer.md, "Shapes of real pages").
 *
 * - `hosts`: a source (file name or URL) containing one of these names the site.
 * - `brandLines`: lines that are only the site's or programme's name, printed
 *   above the article by the crawler ("rbb|24", "heute journal"); always page
 *   furniture, and they name the site when found in the first lines.
 * - `titleSuffixes`: the site name after the page title ("… | tagesschau.de").
 * - `kickerJoined`: the crawl prints kicker and headline on one line joined by
 *   a space, so a split there needs less evidence.
 */
export interface SiteProfile {
  site: string;
  hosts: string[];
  brandLines: string[];
  titleSuffixes: string[];
  kickerJoined?: boolean;
}

export const SITE_PROFILES: readonly SiteProfile[] = [
  { site: 'tagesschau', hosts: ['tagesschau.de'], brandLines: ['tagesschau', 'tagesschau.de'], titleSuffixes: ['tagesschau.de', 'tagesschau'] },
  { site: 'MDR', hosts: ['mdr.de'], brandLines: ['mdr.de', 'mdr aktuell'], titleSuffixes: ['mdr.de', 'mdr'] },
  { site: 'NDR', hosts: ['ndr.de'], brandLines: ['ndr.de'], titleSuffixes: ['ndr.de', 'ndr'] },
  { site: 'WDR', hosts: ['wdr.de'], brandLines: ['wdr.de', 'wdr aktuell'], titleSuffixes: ['wdr.de', 'wdr', 'nachrichten - wdr'] },
  { site: 'SWR', hosts: ['swr.de'], brandLines: ['swr aktuell', 'swr.de'], titleSuffixes: ['swr aktuell', 'swr.de'] },
  { site: 'BR24', hosts: ['br.de'], brandLines: ['br24'], titleSuffixes: ['br24'] },
  { site: 'hessenschau', hosts: ['hessenschau.de', 'hr.de'], brandLines: ['hessenschau.de', 'hessenschau'], titleSuffixes: ['hessenschau.de'] },
  { site: 'rbb24', hosts: ['rbb24.de', 'rbb-online.de'], brandLines: ['rbb|24', 'rbb24', 'rbb 24'], titleSuffixes: ['rbb24'] },
  { site: 'SR', hosts: ['sr.de'], brandLines: ['sr.de', 'sr 3', 'sr3 saarlandwelle'], titleSuffixes: ['sr.de'] },
  { site: 'ZDF', hosts: ['zdf.de', 'zdfheute.de'], brandLines: ['zdfheute', 'heute journal', 'heute-journal', 'heute in deutschland', 'heute 19 uhr', 'zdf'], titleSuffixes: ['zdfheute', 'zdf'] },
  { site: 'Deutschlandfunk', hosts: ['deutschlandfunk.de', 'deutschlandfunkkultur.de', 'deutschlandradio.de'], brandLines: ['deutschlandfunk', 'deutschlandfunk kultur', 'dlf'], titleSuffixes: ['deutschlandfunk', 'deutschlandfunk kultur', 'dlf'], kickerJoined: true },
  { site: 'DW', hosts: ['dw.com'], brandLines: ['dw', 'dw.com'], titleSuffixes: ['dw', 'dw.com'] },
  { site: 'Spiegel', hosts: ['spiegel.de'], brandLines: ['der spiegel', 'spiegel international', 'spiegel+'], titleSuffixes: ['der spiegel', 'spiegel international'] },
  { site: 'ZEIT ONLINE', hosts: ['zeit.de'], brandLines: ['zeit online'], titleSuffixes: ['zeit online'] },
  { site: 'FAZ', hosts: ['faz.net'], brandLines: ['faz.net', 'f.a.z.'], titleSuffixes: ['faz', 'faz.net'] },
  { site: 'SZ', hosts: ['sueddeutsche.de'], brandLines: ['süddeutsche zeitung', 'sz.de'], titleSuffixes: ['süddeutsche zeitung', 'sz.de'] },
  { site: 'n-tv', hosts: ['n-tv.de'], brandLines: ['n-tv.de', 'ntv.de'], titleSuffixes: ['n-tv.de', 'ntv.de'] },
  { site: 'Mitteldeutsche Zeitung', hosts: ['mz.de'], brandLines: ['mitteldeutsche zeitung'], titleSuffixes: ['mz.de', 'mitteldeutsche zeitung'], kickerJoined: true },
  { site: 'Sportschau', hosts: ['sportschau.de', 'daserste.de', 'ard.de'], brandLines: ['sportschau', 'das erste'], titleSuffixes: ['sportschau', 'ard', 'das erste', 'ard | das erste'] },
  { site: 'WELT', hosts: ['welt.de'], brandLines: ['welt', 'weltplus', 'welt am sonntag'], titleSuffixes: ['welt', 'welt.de'] },
  { site: 'SRF', hosts: ['srf.ch'], brandLines: ['srf', 'srf news'], titleSuffixes: ['srf', 'srf news'] },
  { site: 'ORF', hosts: ['orf.at'], brandLines: ['orf.at', 'orf'], titleSuffixes: ['orf.at', 'news.orf.at'] },
  { site: 'NZZ', hosts: ['nzz.ch'], brandLines: ['nzz', 'neue zürcher zeitung'], titleSuffixes: ['nzz', 'neue zürcher zeitung'] },
  { site: 'KStA', hosts: ['ksta.de'], brandLines: ['kölner stadt-anzeiger', 'ksta'], titleSuffixes: ['kölner stadt-anzeiger', 'ksta.de'] },
  { site: 'AP', hosts: ['apnews.com'], brandLines: ['ap', 'ap news', 'associated press'], titleSuffixes: ['ap news'] },
  { site: 'Reuters', hosts: ['reuters.com'], brandLines: ['reuters'], titleSuffixes: ['reuters'] },
  { site: 't-online', hosts: ['t-online.de'], brandLines: ['t-online'], titleSuffixes: ['t-online'] },
];

/**
 * Paywall badges sites print before a kicker or headline, often glued to it by
 * the crawl ("WELTplus ArtikelFachkräfte im Handwerk").
 */
export const PAYWALL_BADGES: readonly string[] = [
  'WELTplus Artikel', 'WELTplus', 'FAZ Plus Artikel', 'FAZ Plus', 'SPIEGEL+', 'SZ Plus', 'Z+', 'F+', 'FAZ+', 'NK+', 'MZ+', 'LVZ+', 'BILDplus Inhalt', 'BILDplus', 'BILD+', 'KStA PLUS',
  'Plus-Artikel', 'Premium-Artikel', 'Abo-Artikel', 'Abo', 'Premium', 'Plus', 'PLUS', 'Krone Plus', 'KURIER plus', 'Exklusiv für Abonnenten', 'Nur für Abonnenten',
  'Für Abonnenten', 'Abo+', 'SN Plus', 'TT Plus', 'NZZ Pro', 'Tagi+', 'BaZ+',
];
// The rest may open with a quotation mark ("Premium „Die Gemeinden zahlen …“", Die Presse).
const BADGE_PREFIX = new RegExp(`^(${PAYWALL_BADGES.map((b) => b.replace(/[+.]/g, '\\$&')).join('|')})\\s*(?=[„"»«“]?\\p{Lu}\\p{Ll})(.{3,})$`, 'u');

/** "WELTplus ArtikelFachkräfte im Handwerk" → the badge and the rest (`after` when the badge was glued on at the end); undefined when there is none. */
export function splitPaywallBadge(text: string): { badge: string; rest: string; after?: boolean } | undefined {
  if (text.length > 300) return undefined;
  // Glued after the kicker instead ("Neue Fähre für die WarnowKostenpflichtig", Madsack).
  const after = /^(\p{Lu}.{2,}?\p{Ll})(Kostenpflichtig|Plus|Premium)$/u.exec(text);
  if (after) return { badge: after[2]!, rest: after[1]!, after: true };
  // "M+Ottensen", "RP+Krefeld": a site's initials and a plus sign, glued to the kicker.
  const initials = /^(\p{Lu}{1,5}\+)(\p{Lu}\p{Ll}.{1,})$/u.exec(text);
  if (initials) return { badge: initials[1]!, rest: initials[2]! };
  const m = BADGE_PREFIX.exec(text);
  // "Plus" before a space is an ordinary word ("Plus bei der Rente"): only glued. "Abo" and "Premium" too, unless a
  // quotation or two capitalised words follow ("Abo Wohnungsnot in Zürich", Tages-Anzeiger; "Premium „…“", Die Presse).
  if (!m || (m[1] === 'Plus' && text[m[1]!.length] === ' ')) return undefined;
  if ((m[1] === 'Abo' || m[1] === 'Premium') && text[m[1].length] === ' ' && !/^\S+ (?:[„"»«“]|\p{Lu}\p{Ll}+ (?:\S+ )*?\p{Lu})/u.test(text)) return undefined;
  return { badge: m[1]!, rest: m[2]! };
}

/** A paywall badge alone on its line ("Premium", "SPIEGEL+"). */
export function isPaywallBadge(text: string): boolean {
  // "de plus", "sz plus" (Niemeyer papers): the site's initials in small letters and "plus".
  return PAYWALL_BADGES.includes(text.trim()) || /^\p{Ll}{2,4} plus$/u.test(text.trim());
}

/** "Plus Seit Jahren warten …": a paywall badge glued in front of the teaser; the text without it. */
export function stripPlus(text: string): string {
  return text.replace(/^(?:Plus|Premium|Abo|Exklusiv)\s+(?=\p{Lu})/u, '');
}

let suffixes: Set<string> | undefined;
let brands: Map<string, SiteProfile> | undefined;

/** Site names printed after page titles, lower case. */
export function profileTitleSuffixes(): Set<string> {
  suffixes ??= new Set(SITE_PROFILES.flatMap((p) => p.titleSuffixes.map((s) => s.toLowerCase())));
  return suffixes;
}

/** The profile whose brand line `text` is (case and spacing ignored). */
export function brandLineProfile(text: string): SiteProfile | undefined {
  if (text.length > 40) return undefined;
  brands ??= new Map(SITE_PROFILES.flatMap((p) => p.brandLines.map((b) => [b.toLowerCase(), p] as const)));
  return brands.get(text.trim().toLowerCase().replace(/\s+/g, ' '));
}

/** The site a page comes from: by its source (file name or URL), else by a brand line or title suffix in its first lines. */
export function detectProfile(source: string | undefined, firstLines: readonly string[]): SiteProfile | undefined {
  const src = source?.toLowerCase() ?? '';
  if (src) {
    for (const p of SITE_PROFILES) {
      if (p.hosts.some((h) => new RegExp(`(?:^|[^a-z0-9-])${h.replace(/[.]/g, '\\.')}(?:$|[^a-z0-9-])`).test(src))) return p;
    }
  }
  for (const line of firstLines) {
    const b = brandLineProfile(line);
    if (b) return b;
    const m = /\s[|–—-]\s([^|–—]{2,40})$/.exec(line);
    if (m) {
      const s = m[1]!.trim().toLowerCase();
      const p = SITE_PROFILES.find((x) => x.titleSuffixes.includes(s));
      if (p) return p;
    }
  }
  return undefined;
}
