/**
 * German or English, by counting frequent function words. Words both languages
 * share ("in", "was", "an", "also", "die") are left out. A tie means German:
 * the newsroom publishes in German unless a page is clearly English.
 */
const DE = new Set([
  'der', 'das', 'und', 'ist', 'nicht', 'ein', 'eine', 'mit', 'von', 'zu', 'den', 'im', 'auf', 'für', 'sich', 'dem', 'des', 'auch',
  'es', 'sie', 'er', 'wir', 'hat', 'haben', 'wurde', 'werden', 'sind', 'war', 'bei', 'nach', 'aus', 'wie', 'noch', 'nur', 'oder',
  'aber', 'um', 'über', 'dass', 'sei', 'sagte', 'einer', 'einen', 'vor', 'zum', 'zur', 'seit', 'sein', 'seine', 'ihre', 'wird',
]);
const EN = new Set([
  'the', 'and', 'is', 'are', 'were', 'of', 'to', 'that', 'it', 'for', 'on', 'with', 'as', 'by', 'at', 'from', 'this', 'be', 'have',
  'has', 'not', 'but', 'or', 'which', 'they', 'their', 'would', 'said', 'he', 'she', 'his', 'her', 'been', 'after', 'about', 'its',
  'more', 'than', 'who', 'we', 'had', 'there', 'into', 'says', 'over', 'new',
]);

export function detectLanguage(text: string): 'de' | 'en' {
  const sample = text.length > 60000 ? text.slice(0, 60000) : text;
  let de = 0;
  let en = 0;
  // The function words are plain letters and umlauts; splitting on everything else is enough (and fast).
  for (const w of sample.toLowerCase().split(/[^a-zäöüß]+/)) {
    if (DE.has(w)) de++;
    else if (EN.has(w)) en++;
  }
  return en > de ? 'en' : 'de';
}
