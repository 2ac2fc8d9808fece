/**
 * Typographic quotes for display: straight double quotes become „…“ in German
 * and “…” in English; apostrophes become ’. The stored text keeps what the
 * author typed, so search and exports are not affected.
 */
export function typographicQuotes(text: string, lang: string): string {
  if (!text.includes('"') && !text.includes("'")) return text;
  const [open, close] = lang.startsWith('de') ? ['„', '“'] : ['“', '”'];
  let result = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const prev = i > 0 ? text[i - 1]! : ' ';
    if (ch === '"') {
      // Opening when at start or after whitespace/opening punctuation, unless we are inside a quote already.
      const opening = /[\s(\[{–—\-/]/.test(prev) || i === 0;
      if (opening && depth === 0) {
        result += open;
        depth = 1;
      } else if (depth === 1) {
        result += close;
        depth = 0;
      } else {
        result += open;
        depth = 1;
      }
    } else if (ch === "'" && /\p{L}/u.test(prev)) {
      result += '’';
    } else {
      result += ch;
    }
  }
  return result;
}
