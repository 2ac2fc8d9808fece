import { monthFromName, type Block, type TickerEntryBlock } from '../../content/index.js';
import { dateToIso } from './dates.js';

/**
 * Articles that grow by dated updates (regional papers of the Ippen network):
 * "Update: 14. März, 8.07 Uhr. Am zweiten Tag …", "Update vom 28. März, 14.08
 * Uhr: …", "Update, 17:30 Uhr: …", and the first report under them ("Erstmeldung vom 15. Juni,
 * 13.55 Uhr: …"). Each such paragraph becomes a ticker entry
 * inside the article, with its time; the story stays an article.
 */
const UPDATE = /^(?:\+{1,3}\s*)?(?:Update|Aktualisierung|Nachtrag|Erstmeldung|Ursprungsmeldung)(?:\s+vom)?\s*[:,]?\s*(?:(\d{1,2})\.\s*(\p{L}{3,}\.?|\d{1,2}\.)\s*(\d{4})?\s*,?\s*)?(?:um\s+)?(\d{1,2})[.:](\d{2})\s*Uhr\s*[.:,]?\s*(?:\+{1,3}\s*)?(\S.*)$/u;

/** "9.05 Uhr: Ein Kran hebt …": an update with its time only, read as one where the article has labelled updates too. */
const TIMED = /^(\d{1,2})[.:](\d{2})\s*Uhr\s*:\s*(\S.*)$/u;

export function updateParagraphsAsEntries(body: Block[], anchor: { year: number; month: number; day: number }): { body: Block[]; count: number } {
  let count = 0;
  const textOf = (b: Block) => (b.type === 'paragraph' && b.content.length === 1 && !b.content[0]!.href ? b.content[0]!.text : undefined);
  const labelled = body.filter((b) => { const t = textOf(b); return t !== undefined && UPDATE.test(t); }).length;
  const out = body.map((b): Block => {
    const text = textOf(b);
    if (text === undefined) return b;
    const timed = labelled ? TIMED.exec(text) : null;
    const m: RegExpExecArray | (string | undefined)[] | null = UPDATE.exec(text) ?? (timed ? [timed[0], undefined, undefined, undefined, timed[1], timed[2], timed[3]] : null);
    if (!m) return b;
    const month = m[2] ? (/^\d/.test(m[2]) ? Number(m[2].replace('.', '')) : monthFromName(m[2])) : anchor.month;
    const day = m[1] ? Number(m[1]) : anchor.day;
    if (!month || month > 12 || day > 31) return b;
    const iso = dateToIso({ year: m[3] ? Number(m[3]) : anchor.year, month, day, hour: Number(m[4]), minute: Number(m[5]) });
    if (!iso) return b;
    count++;
    const entry: TickerEntryBlock = { type: 'ticker-entry', time: iso.iso, body: [{ type: 'paragraph', content: [{ text: m[6]! }] }] };
    return entry;
  });
  return { body: out, count };
}
