import type { TopicInput } from '../../store/index.js';

/**
 * Introductions to the demo stories' topics, written for Lede like the
 * stories themselves: places are real, people and events invented.
 */
export function demoTopics(): TopicInput[] {
  return [
    {
      name: 'Hochwasser an der Elbe',
      intro: [
        'Tagelanger Regen im Erzgebirge und in Böhmen lässt die Elbe anschwellen. Zwischen Dresden und Magdeburg liegen die Pegel '
          + 'mehrere Meter über ihrem Normalstand, Städte und Gemeinden haben Alarmstufen ausgerufen, Feuerwehr, Technisches Hilfswerk '
          + 'und viele Freiwillige sichern Deiche.',
        'In diesem Dossier sammeln wir unsere Berichte: die aktuelle Lage und Warnungen, die Arbeit der Krisenstäbe, die politische '
          + 'Debatte über Warn-Apps und Hochwasserschutz und die Frage, wie der Klimawandel das Leben an den Flüssen verändert. '
          + 'Die Chronik unten zeigt, wie sich die Lage Tag für Tag entwickelt hat.',
      ].join('\n\n'),
    },
    {
      name: 'Landeshaushalt',
      intro: [
        'Wofür gibt das Land sein Geld aus, und wo wird gespart? Der Doppelhaushalt entscheidet über Lehrerstellen, Straßen, '
          + 'Krankenhäuser und Zuschüsse für die Kommunen. Die Koalition hat im Landtag nur eine knappe Mehrheit.',
        'Hier finden Sie unsere Berichte von den Beratungen im Finanzausschuss bis zur Abstimmung im Plenum.',
      ].join('\n\n'),
    },
  ];
}
