import type { Line } from './lines.js';

/** "• 10:37 Uhr", "jetzt", "now": the time an item of a radio's playlist was played. */
const PLAYED_AT = /^(?:[•·▪-]\s*)?(?:\d{1,2}[:.]\d{2}(?:\s*Uhr)?|jetzt|now|gerade|aktuell)$/i;

/** Artist or title as a playlist prints them: capitals only, at most six words. */
function capsItem(text: string): boolean {
  return text.length <= 60 && !/\p{Ll}/u.test(text) && (text.match(/\p{Lu}/gu) ?? []).length >= 2 && text.split(/\s+/).length <= 6;
}

/**
 * A radio site's playlist ("• jetzt" / "TESTBAND" / "HERBST IM ERZGEBIRGE" / "• 10:37 Uhr" / "ARTIST" / "SONG" …):
 * three or more items of a time and one or two lines in capitals, one after another. Their lines are page furniture,
 * never a headline or ticker entries.
 */
export function playlistLines(lines: readonly Line[]): Set<number> {
  const out = new Set<number>();
  let k = 0;
  // Lines come trimmed (toLines).
  while (k < lines.length) {
    let items = 0;
    let j = k;
    while (j < lines.length && PLAYED_AT.test(lines[j]!.text)) {
      let n = 0;
      while (n < 2 && j + 1 + n < lines.length && capsItem(lines[j + 1 + n]!.text)) n++;
      if (!n) break;
      items++;
      j += n + 1;
    }
    if (items >= 3) for (let x = k; x < j; x++) out.add(x);
    k = items ? j : k + 1;
  }
  return out;
}
