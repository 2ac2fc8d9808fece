import { dateToIso, findDate, residue } from './dates.js';

/**
 * Dates of publication: "Stand: 21.01.2022 14:35 Uhr", "veröffentlicht am
 * 21.01.2022, 14:35 Uhr", "aktualisiert am …", "Published: 21 January 2022",
 * "Updated 21 January 2022", and lines with both. Only lines that START with
 * such a label (or with a date before "Updated …") and hold nothing but label, date and time count, so a sentence
 * like "Veröffentlicht wurde die Studie am 21.01.2022 in Nature." stays text.
 *
 * "Stand" is the page's own time stamp; with no explicit publication date it is
 * the best publication date we have (the caller decides, see page-text-importer).
 */

export interface PublicationDates {
  published?: string;
  updated?: string;
  stand?: string;
  /** Some date was printed without a time (midnight Berlin was used). */
  dateOnly: boolean;
  /** "Updated 2 hours ago", "vor 3 Stunden": minutes before the page was saved (resolved against opts.now). */
  relative?: { kind: 'published' | 'updated' | 'stand'; minutesAgo: number };
}

const UNIT_MINUTES: Array<[RegExp, number]> = [[/^(?:min|minute|minuten|minutes|mins)$/i, 1], [/^(?:std|stunde|stunden|hour|hours|hrs?)$/i, 60], [/^(?:tag|tagen|tage|day|days)$/i, 1440]];
const RELATIVE = /^(?:(zuletzt aktualisiert|aktualisiert|veröffentlicht|stand|published|updated|last updated|posted)\s*:?\s*)?(?:vor\s+)?(\d{1,3}|einer|einem|an|a|one)\s+([a-z]+)(\s+ago)?\.?$/i;

/** "Updated 2 hours ago", "aktualisiert vor 10 Minuten", "vor 3 Stunden", "5 minutes ago". */
function parseRelative(line: string): PublicationDates | undefined {
  const m = RELATIVE.exec(line.trim());
  if (!m) return undefined;
  const [, label, num, unit, ago] = m;
  // Either a German "vor …" or an English "… ago", never a bare "3 Tage".
  if (!ago && !/\bvor\s/i.test(line)) return undefined;
  const per = UNIT_MINUTES.find(([re]) => re.test(unit!))?.[1];
  if (!per) return undefined;
  const n = /^\d+$/.test(num!) ? Number(num) : 1;
  return { dateOnly: false, relative: { kind: label ? kindOf(label) : 'stand', minutesAgo: n * per } };
}

const LABEL = /(?:zuletzt\s+)?(?:veröffentlicht|erstveröffentlichung|erstellt|erschienen|publiziert|first published|published|issued|posted|aktualisiert|geändert|bearbeitet|last updated|updated|last modified|modified|stand|datum|date)(?:\s+(?:am|um|on|at))?\s*:?/gi;

function kindOf(label: string): 'published' | 'updated' | 'stand' {
  const l = label.toLowerCase();
  if (/^(?:stand|datum|date)/.test(l)) return 'stand';
  if (/aktualisiert|geändert|bearbeitet|updated|modified/.test(l)) return 'updated';
  return 'published';
}

export function parsePublicationLine(line: string): PublicationDates | undefined {
  if (line.length > 200) return undefined;
  // "This content was published on March 14, 2024 - 09:15" (swissinfo), "Dieser Artikel wurde am … veröffentlicht".
  line = line.replace(/^(?:this (?:content|article|story) was|dieser (?:artikel|beitrag|inhalt) wurde)\s+(?=published|posted|updated|first published|veröffentlicht|aktualisiert)/i, '');
  const rel = line.length <= 60 ? parseRelative(line) : undefined;
  if (rel) return rel;
  LABEL.lastIndex = 0;
  const labels: Array<{ at: number; end: number; kind: 'published' | 'updated' | 'stand' }> = [];
  for (let m = LABEL.exec(line); m; m = LABEL.exec(line)) {
    if (m[0].trim() === '') { LABEL.lastIndex++; continue; }
    // Whole words only: "Standort" or "Datumsgrenze" are not labels.
    const next = line[m.index + m[0].length];
    const prev = m.index > 0 ? line[m.index - 1] : ' ';
    if ((next && /[\p{L}\d]/u.test(next) && !/:\s*$/.test(m[0]) && !/\s$/.test(m[0])) || /[\p{L}]/u.test(prev!)) continue;
    labels.push({ at: m.index, end: m.index + m[0].length, kind: kindOf(m[0].trim()) });
  }
  // The line must open with a label (optionally after a separator left by a byline split), or with the date of
  // publication before an update label ("Nov. 3, 2026 at 8:02 pm Updated Nov. 4, 2026 at 1:52 am").
  if (!labels.length) return undefined;
  const out: PublicationDates = { dateOnly: false };
  const spans: Array<[number, number]> = labels.map((l) => [l.at, l.end]);
  const before = line.slice(0, labels[0]!.at);
  if (before.replace(/[\s|·•,–-]/g, '') !== '') {
    const first = labels[0]!.kind === 'updated' ? findDate(before) : undefined;
    const iso = first ? dateToIso(first) : undefined;
    if (!first || !iso || residue(before, first.spans) !== '') return undefined;
    spans.push(...first.spans);
    out.published = iso.iso;
    if (iso.dateOnly) out.dateOnly = true;
  }
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    const segEnd = labels[i + 1]?.at ?? line.length;
    const seg = line.slice(l.end, segEnd);
    const d = findDate(seg);
    if (!d) continue;
    for (const [a, b] of d.spans) spans.push([a + l.end, b + l.end]);
    const iso = dateToIso(d);
    if (!iso) continue;
    if (iso.dateOnly) out.dateOnly = true;
    if (!out[l.kind]) out[l.kind] = iso.iso;
  }
  if (!out.published && !out.updated && !out.stand) return undefined;
  return residue(line, spans) === '' ? out : undefined;
}
