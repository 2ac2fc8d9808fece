/**
 * Small word lists shared by the kicker split and the ticker's run-in titles.
 * German writes nouns with a capital, so a capitalised article, pronoun or
 * preposition in mid-line is where a new sentence (the headline) begins.
 */

/** Words that start a sentence; written with a capital in mid-line they mark where the headline begins. */
export const SENTENCE_START_WORDS: ReadonlySet<string> = new Set([
  'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'eines', 'kein', 'keine', 'keinen',
  'wie', 'was', 'warum', 'wieso', 'weshalb', 'wer', 'wen', 'wem', 'wo', 'wann', 'woher', 'wohin', 'welche', 'welcher', 'welches',
  'mit', 'nach', 'vor', 'im', 'in', 'am', 'an', 'auf', 'aus', 'bei', 'für', 'gegen', 'um', 'ab', 'bis', 'seit', 'trotz', 'wegen',
  'zum', 'zur', 'über', 'unter', 'ohne', 'zwischen', 'neue', 'neuer', 'neues', 'neuen', 'mehr', 'erste', 'erster', 'erstes', 'ersten',
  'so', 'jetzt', 'nun', 'auch', 'noch', 'schon', 'immer', 'viele', 'alle', 'es', 'er', 'sie', 'wir', 'ich', 'man', 'hier', 'dort',
  'diese', 'dieser', 'dieses', 'deshalb', 'trotzdem', 'weil', 'wenn', 'als', 'ob', 'dass', 'kaum', 'nur', 'fast', 'rund', 'bereits',
  'heute', 'gestern', 'wieder', 'weniger', 'zwei', 'drei', 'vier', 'fünf', 'zehn', 'hunderte', 'tausende', 'mehrere', 'zahlreiche',
  'the', 'a', 'an', 'how', 'why', 'what', 'who', 'when', 'where', 'which', 'is', 'are', 'will', 'can', 'could', 'should', 'after',
  'before', 'new', 'more', 'two', 'three', 'four', 'five', 'ten', 'this', 'these', 'there', 'it', 'we', 'they', 'he', 'she', 'i',
]);

/** Lower-case words a kicker never ends with and that title-case headlines capitalise. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'und', 'oder', 'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'im', 'in', 'am', 'an', 'auf', 'aus', 'bei', 'mit', 'nach',
  'von', 'vom', 'zu', 'zum', 'zur', 'für', 'um', 'über', 'unter', 'vor', 'gegen', 'als', 'wie', 'and', 'or', 'the', 'a', 'an', 'of',
  'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'as', 'is', 'are',
]);
