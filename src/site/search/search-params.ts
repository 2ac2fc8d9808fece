import { isValidDate, zonedIso } from '../../content/index.js';
import { MAX_QUERY_LENGTH, MAX_SEARCH_RESULTS, type SearchOrder } from '../../store/search-queries.js';

export const SEARCH_PAGE_SIZE = 20;
export const MAX_SEARCH_PAGE = Math.floor(MAX_SEARCH_RESULTS / SEARCH_PAGE_SIZE);

/** The search form's fields as the reader sent them (echoed back into the form). */
export interface SearchForm {
  q: string;
  rubrik: string;
  thema: string;
  von: string;
  bis: string;
  sort: '' | 'neu';
}

export interface ParsedSearch {
  form: SearchForm;
  /** Messages for the reader, one per bad field; the page answers 400 when there are any. */
  errors: string[];
  query: string;
  sectionSlug?: string;
  topicSlug?: string;
  from?: string;
  until?: string;
  order: SearchOrder;
  page: number;
}

/** Every query parameter the search page reads (its route's cache key is the path plus these). */
export const SEARCH_FIELDS = ['q', 'rubrik', 'thema', 'von', 'bis', 'sort', 'seite'] as const;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD day as [year, month, day], or undefined when it is not a real date. */
function parseDay(value: string): [number, number, number] | undefined {
  const m = DAY.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 2999 && isValidDate(y, mo, d) ? [y, mo, d] : undefined;
}

/** Start of the given Berlin day, `plusDays` later (ISO with offset). */
function berlinDayStart([y, m, d]: [number, number, number], plusDays = 0): string {
  const t = new Date(Date.UTC(y, m - 1, d + plusDays));
  return zonedIso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())!;
}

/**
 * Checks the search page's query parameters: q, rubrik (section slug), thema
 * (topic slug), von/bis (Berlin days, inclusive), sort (neu = newest first),
 * seite (page number). Whether the section and topic exist is the caller's check.
 */
export function parseSearchParams(get: (name: string) => string | undefined): ParsedSearch {
  const str = (name: string) => (get(name) ?? '').trim();
  const form: SearchForm = { q: str('q').replace(/\s+/g, ' '), rubrik: str('rubrik'), thema: str('thema'), von: str('von'), bis: str('bis'), sort: '' };
  const errors: string[] = [];
  const out: ParsedSearch = { form, errors, query: form.q, order: 'relevance', page: 1 };

  if ([...form.q].length > MAX_QUERY_LENGTH) {
    errors.push(`Der Suchbegriff ist zu lang: höchstens ${MAX_QUERY_LENGTH} Zeichen.`);
    out.query = '';
    form.q = [...form.q].slice(0, MAX_QUERY_LENGTH).join('');
  }
  if (form.rubrik) {
    if (SLUG.test(form.rubrik)) out.sectionSlug = form.rubrik;
    else errors.push('Diese Rubrik gibt es nicht.');
  }
  if (form.thema) {
    if (SLUG.test(form.thema)) out.topicSlug = form.thema;
    else errors.push('Dieses Thema gibt es nicht.');
  }
  const von = form.von ? parseDay(form.von) : undefined;
  const bis = form.bis ? parseDay(form.bis) : undefined;
  // A bad date is named in the message, not echoed into the date field (where it would be invalid HTML).
  if (form.von && !von) errors.push(`„Von“ ist kein gültiges Datum (${form.von.slice(0, 40)}). Bitte als JJJJ-MM-TT angeben, z. B. 2026-01-31.`);
  if (form.bis && !bis) errors.push(`„Bis“ ist kein gültiges Datum (${form.bis.slice(0, 40)}). Bitte als JJJJ-MM-TT angeben, z. B. 2026-01-31.`);
  if (!von) form.von = '';
  if (!bis) form.bis = '';
  if (von) out.from = berlinDayStart(von);
  if (bis) out.until = berlinDayStart(bis, 1);
  if (von && bis && form.von > form.bis) errors.push('„Von“ liegt nach „Bis“. Bitte den Zeitraum prüfen.');

  const sort = str('sort');
  if (sort === 'neu') {
    form.sort = 'neu';
    out.order = 'newest';
  } else if (sort && sort !== 'relevanz') {
    errors.push('Unbekannte Sortierung: möglich sind Relevanz und „neueste zuerst“.');
  }

  const seite = str('seite');
  if (seite) {
    const n = /^\d{1,4}$/.test(seite) ? Number(seite) : NaN;
    if (n >= 1 && n <= MAX_SEARCH_PAGE) out.page = n;
    else errors.push(`Ungültige Seitenzahl: möglich sind 1 bis ${MAX_SEARCH_PAGE}.`);
  }
  return out;
}

/** The search URL for `form` (empty fields left out), on `page`. */
export function searchHref(form: SearchForm, page = 1): string {
  const p = new URLSearchParams();
  for (const key of ['q', 'rubrik', 'thema', 'von', 'bis', 'sort'] as const) if (form[key]) p.set(key, form[key]);
  if (page > 1) p.set('seite', String(page));
  return `/suche?${p.toString()}`;
}
