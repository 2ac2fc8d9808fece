import { monthFromName, type Block, type TickerEntryBlock } from '../../content/index.js';
import { dateToIso, type CalendarDay } from './dates.js';

/**
 * Articles that grow by dated updates (regional papers of the Ippen network):
 * "Update: 14. März, 8.07 Uhr. Am zweiten Tag …", "Update vom 28. März, 14.08
 * Uhr: …", "Update, 17:30 Uhr: …", and the first report under them ("Erstmeldung vom 15. Juni,
 * 13.55 Uhr: …"); "Uhr" may be left out ("Update vom 28. März, 14.08: …"). Each such paragraph becomes a ticker entry
 * inside the article, with its time; the story stays an article.
 */
const UPDATE = /^(?:\+{1,3}\s*)?(?:Update|Aktualisierung|Nachtrag|Erstmeldung|Ursprungsmeldung)(?:\s+vom)?\s*[:,]?\s*(?:(\d{1,2})\.\s*(\p{L}{3,}\.?|\d{1,2}\.)\s*(\d{4})?\s*,?\s*)?(?:um\s+)?(\d{1,2})[.:](\d{2})(?:\s*Uhr\s*[.:,]?|\s*[.:,](?=\s))\s*(?:\+{1,3}\s*)?(\S.*)$/u;

/** "9.05 Uhr: Ein Kran hebt …": an update with its time only, read as one where the article has labelled updates too. */
const TIMED = /^(\d{1,2})[.:](\d{2})\s*Uhr\s*:\s*(\S.*)$/u;

/** An update read from its paragraph: the day's parts where printed, the time and the text. */
interface Update { day?: string; month?: string; year?: string; hour: string; minute: string; text: string }

function labelledUpdate(text: string): Update | undefined {
  const m = UPDATE.exec(text);
  return m ? { day: m[1], month: m[2], year: m[3], hour: m[4]!, minute: m[5]!, text: m[6]! } : undefined;
}

export function updateParagraphsAsEntries(body: Block[], anchor: CalendarDay): { body: Block[]; count: number } {
  const textOf = (b: Block) => (b.type === 'paragraph' && b.content.length === 1 && !b.content[0]!.href ? b.content[0]!.text : undefined);
  // Each paragraph read once; a time-only paragraph counts only beside labelled ones.
  const labelled = body.map((b) => { const t = textOf(b); return t === undefined ? undefined : labelledUpdate(t); });
  const anyLabelled = labelled.some(Boolean);
  let count = 0;
  const out = body.map((b, n): Block => {
    const text = textOf(b);
    if (text === undefined) return b;
    const timed = !labelled[n] && anyLabelled ? TIMED.exec(text) : null;
    const u = labelled[n] ?? (timed ? { hour: timed[1]!, minute: timed[2]!, text: timed[3]! } : undefined);
    if (!u) return b;
    const month = u.month ? (/^\d/.test(u.month) ? Number(u.month.replace('.', '')) : monthFromName(u.month)) : anchor.month;
    const day = u.day ? Number(u.day) : anchor.day;
    if (!month || month > 12 || day > 31) return b;
    const iso = dateToIso({ year: u.year ? Number(u.year) : anchor.year, month, day, hour: Number(u.hour), minute: Number(u.minute) });
    if (!iso) return b;
    count++;
    const entry: TickerEntryBlock = { type: 'ticker-entry', time: iso.iso, body: [{ type: 'paragraph', content: [{ text: u.text }] }] };
    return entry;
  });
  return { body: out, count };
}
