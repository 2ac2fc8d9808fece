/**
 * Splits text longer than `max` characters into pieces of at most `max`, at the
 * last sentence end inside each window, else at the last space, else hard. A
 * 1 MB paragraph becomes ~50 paragraphs instead of failing validation; the
 * words and their order are kept. Linear in the text length.
 */
export function splitLongText(text: string, max: number): string[] {
  const out: string[] = [];
  // Code units, as validateDraft counts a paragraph's characters.
  let rest = text.trim();
  while (rest.length > max) {
    // Work in code units but never cut a surrogate pair.
    let window = rest.slice(0, max);
    if (/[\ud800-\udbff]$/.test(window)) window = window.slice(0, -1);
    let cut = -1;
    const sentence = /[.!?…]["'“”»«’)]*\s/g;
    for (let m = sentence.exec(window); m; m = sentence.exec(window)) cut = m.index + m[0].length;
    if (cut < max / 4) cut = window.lastIndexOf(' ') + 1;
    if (cut < max / 4) cut = window.length;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out.filter(Boolean);
}
