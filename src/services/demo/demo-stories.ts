import { toZonedIso } from '../../content/index.js';

/**
 * Demo content written for Lede: invented stories (people and events are
 * fictional) that exercise every story kind and every block type, in four
 * sections and two topics, so a fresh install shows a living site.
 * Times are relative to `now` so the demo always looks current.
 */
export function demoStories(now: Date): Record<string, unknown>[] {
  const ago = (hours: number) => toZonedIso(new Date(now.getTime() - hours * 3600_000));
  const img = (name: string, alt: string, caption: string, credit: string, kind = 'image') => ({
    kind, alt, caption, credit, src: `/demo-media/${name}.svg`, width: 1280, height: 720,
  });
  const fig = (name: string, alt: string, caption: string, credit: string, kind = 'image') => ({ type: 'figure', ...img(name, alt, caption, credit, kind) });
  const p = (text: string) => ({ type: 'paragraph', content: [{ text }] });

  return [
    {
      kind: 'article',
      kicker: 'Hochwasser',
      headline: 'Elbe erreicht in Magdeburg Alarmstufe drei',
      teaser: 'Nach tagelangem Regen im Erzgebirge steigt die Elbe weiter. Die Stadt Magdeburg hat die dritte von vier Alarmstufen ausgerufen, Helfer sichern Deiche mit Sandsäcken.',
      section: 'Sachsen-Anhalt',
      topics: ['Hochwasser an der Elbe'],
      authors: [{ name: 'Lena Vogt', affiliation: 'Lede Sachsen-Anhalt' }],
      firstPublishedAt: ago(1),
      updatedAt: ago(0.5),
      lead: img('river', 'Illustration: ein breiter Fluss mit Uferwiesen unter grauem Himmel', 'Der Pegel der Elbe steigt seit Montag stetig an.', 'Lede / Illustration'),
      broadcast: { programme: 'Lede am Mittag', startsAt: ago(2) },
      body: [
        { type: 'paragraph', content: [
          { text: 'Der Pegel am Strombrückenzug lag am Morgen bei ' },
          { text: '6,12 Metern', marks: ['strong'] },
          { text: ' – gut drei Meter über dem Normalwert. Das Landesamt rechnet damit, dass der Scheitel erst ' },
          { text: 'in der Nacht zum Donnerstag', marks: ['em'] },
          { text: ' erreicht wird.' },
        ] },
        { type: 'heading', level: 2, text: 'Deiche werden rund um die Uhr kontrolliert' },
        p('Feuerwehr, Technisches Hilfswerk und Freiwillige sind seit dem Wochenende im Einsatz. "Wir haben genug Sandsäcke, aber wir brauchen Menschen, die mit anpacken", sagte der Einsatzleiter der Stadt.'),
        fig('map-elbe', 'Karte: Verlauf der Elbe zwischen Dresden und Magdeburg mit markierten Messstellen', 'Die Messstellen an der Elbe; rot markiert sind Pegel über Alarmstufe zwei.', 'Lede / Kartengrundlage: eigene Darstellung', 'map'),
        { type: 'heading', level: 2, text: 'Was Anwohner jetzt tun sollten' },
        { type: 'list', ordered: false, items: [
          [{ text: 'Keller und Tiefgaragen in Ufernähe räumen.' }],
          [{ text: 'Aktuelle Warnungen über die Warn-App oder das Radio verfolgen.' }],
          [{ text: 'Die Hinweise der Stadt stehen unter ' }, { text: 'magdeburg.de', href: 'https://www.magdeburg.de/' }, { text: '.' }],
        ] },
        { type: 'quote', text: 'Wir sind besser vorbereitet als 2013, aber das Wasser nimmt keine Rücksicht auf Pläne.', speaker: 'Jana Köhler, Leiterin des Krisenstabs' },
        p('Die Landesregierung will am Nachmittag über Soforthilfen für betroffene Betriebe beraten.'),
      ],
      related: [
        { title: 'So entstehen Hochwasserscheitel', mediaType: 'graphic', durationSeconds: 60, url: '/sachsen-anhalt/elbe-erreicht-in-magdeburg-alarmstufe-drei' },
      ],
    },
    {
      kind: 'liveticker',
      kicker: 'Live',
      headline: 'Hochwasser an der Elbe: Die Lage im Ticker',
      teaser: 'Pegelstände, Sperrungen und Hilfsangebote: Wir halten Sie hier auf dem Laufenden.',
      section: 'Sachsen-Anhalt',
      topics: ['Hochwasser an der Elbe'],
      authors: [{ name: 'Tom Berger', affiliation: 'Lede Sachsen-Anhalt' }],
      firstPublishedAt: ago(6),
      updatedAt: ago(0.2),
      lead: img('sandbags', 'Illustration: gestapelte Sandsäcke vor einem Deich', 'Sandsäcke an der Elbe bei Schönebeck.', 'Lede / Illustration'),
      body: [
        { type: 'ticker-entry', time: ago(0.2), title: 'Fähre Westerhüsen stellt Betrieb ein', body: [p('Wegen der starken Strömung fährt die Fähre bis auf Weiteres nicht. Eine Umleitung ist ausgeschildert.')] },
        { type: 'ticker-entry', time: ago(1.5), location: 'Schönebeck', title: 'Freiwillige gesucht', body: [
          p('Die Stadt bittet um Unterstützung beim Befüllen von Sandsäcken am Bauhof.'),
          { type: 'embed', url: 'https://www.schoenebeck.de/', provider: 'Stadt Schönebeck', title: 'Hinweise für Helferinnen und Helfer' },
        ] },
        { type: 'ticker-entry', time: ago(3), body: [p('Der Pegel in Barby ist in der letzten Stunde um vier Zentimeter gestiegen.')] },
        { type: 'ticker-entry', time: ago(5.75), title: 'Krisenstab tagt', body: [
          p('Der Krisenstab der Landesregierung ist zu seiner ersten Sitzung zusammengekommen.'),
          fig('meeting', 'Illustration: ein Besprechungstisch mit Karten und Laptops', 'Der Krisenstab im Innenministerium.', 'Lede / Illustration'),
        ] },
      ],
    },
    {
      kind: 'article',
      kicker: 'Landtag',
      headline: 'Haushalt für 2027 mit knapper Mehrheit beschlossen',
      teaser: 'Nach drei Tagen Debatte hat der Landtag den Doppelhaushalt verabschiedet. Die Opposition kritisiert die Kürzungen bei Kultur und Nahverkehr.',
      section: 'Politik',
      topics: ['Landeshaushalt'],
      authors: [{ name: 'Miriam Scholz' }, { name: 'Jonas Albrecht' }],
      firstPublishedAt: ago(3),
      lead: img('parliament', 'Illustration: ein Plenarsaal mit halbrund angeordneten Sitzreihen', 'Der Plenarsaal während der Schlussabstimmung.', 'Lede / Illustration'),
      broadcast: { programme: 'Lede Aktuell', startsAt: ago(1) },
      body: [
        p('Mit 49 zu 46 Stimmen hat der Landtag den Haushalt für das kommende Jahr beschlossen. Das Zahlenwerk umfasst rund 14 Milliarden Euro.'),
        { type: 'heading', level: 2, text: 'Die wichtigsten Posten' },
        { type: 'list', ordered: true, items: [
          [{ text: 'Bildung: ' }, { text: '3,1 Milliarden Euro', marks: ['strong'] }],
          [{ text: 'Innere Sicherheit: 1,2 Milliarden Euro' }],
          [{ text: 'Nahverkehr: 640 Millionen Euro, ' }, { text: 'acht Prozent weniger', marks: ['em'] }, { text: ' als geplant' }],
        ] },
        { type: 'figure', kind: 'graphic', alt: 'Balkendiagramm: Ausgaben nach Ressorts, Bildung mit dem größten Anteil', caption: 'So verteilt sich der Haushalt auf die Ressorts.', credit: 'Lede / Daten: Finanzministerium', src: '/demo-media/chart-budget.svg', width: 1280, height: 720 },
        { type: 'heading', level: 2, text: 'Kritik aus der Opposition' },
        { type: 'quote', text: 'Dieser Haushalt spart an den Falschen.', speaker: 'Fraktionsvorsitzende der Opposition' },
        p('Die Regierung verteidigte die Einsparungen als notwendig, um die Schuldenbremse einzuhalten.'),
      ],
      related: [],
    },
    {
      kind: 'video',
      kicker: 'Video',
      headline: 'Ein Tag im Krisenstab',
      teaser: 'Wie arbeitet ein Krisenstab, wenn das Wasser steigt? Unser Team war einen Tag lang dabei.',
      section: 'Sachsen-Anhalt',
      topics: ['Hochwasser an der Elbe'],
      firstPublishedAt: ago(8),
      media: { durationSeconds: 154 },
      lead: img('control-room', 'Illustration: ein Lageraum mit großen Bildschirmen', 'Im Lagezentrum laufen alle Meldungen zusammen.', 'Lede / Illustration'),
      body: [p('Zwölf Stunden, drei Lagebesprechungen und hunderte Anrufe: Das Video zeigt, wie Entscheidungen im Krisenstab entstehen.')],
      related: [],
    },
    {
      kind: 'audio',
      kicker: 'Podcast',
      headline: 'Was der Klimawandel für unsere Flüsse bedeutet',
      teaser: 'Eine Hydrologin erklärt, warum Hochwasser und Dürre an der Elbe häufiger werden.',
      section: 'Welt',
      topics: ['Hochwasser an der Elbe'],
      authors: [{ name: 'Sophie Lange' }],
      firstPublishedAt: ago(20),
      media: { durationSeconds: 1860 },
      body: [
        p('In dieser Folge spricht Sophie Lange mit einer Hydrologin über Extremwetter, Auenlandschaften und die Frage, was Städte tun können.'),
        { type: 'heading', level: 2, text: 'Die Themen der Folge' },
        { type: 'list', ordered: false, items: [[{ text: 'Warum Starkregen zunimmt' }], [{ text: 'Was Auen leisten können' }], [{ text: 'Welche Rolle Talsperren spielen' }]] },
      ],
      related: [],
    },
    {
      kind: 'article',
      kicker: 'Vereinte Nationen',
      headline: 'Weltklimakonferenz ringt um Abschlusserklärung',
      teaser: 'Die Verhandlungen gehen in die Verlängerung. Strittig ist vor allem die Finanzierung von Anpassungsmaßnahmen.',
      section: 'Welt',
      topics: [],
      firstPublishedAt: ago(5),
      lead: img('conference', 'Illustration: Flaggen vor einem Konferenzgebäude', 'Das Konferenzzentrum am letzten Verhandlungstag.', 'Lede / Illustration'),
      body: [
        p('Delegierte aus fast 200 Staaten verhandeln seit dem Morgen über einen neuen Entwurf der Abschlusserklärung.'),
        { type: 'heading', level: 2, text: 'Streit ums Geld' },
        p('Mehrere Inselstaaten fordern feste Zusagen für einen Fonds, aus dem Schäden durch Extremwetter bezahlt werden sollen.'),
        { type: 'figure', kind: 'map', alt: 'Weltkarte mit den Staaten, die den Fonds unterstützen, farbig hervorgehoben', caption: 'Unterstützer des Fonds (blau).', credit: 'Lede / Kartengrundlage: eigene Darstellung', src: '/demo-media/map-world.svg', width: 1280, height: 720 },
        p('Eine Einigung wird nicht vor dem späten Abend erwartet.'),
      ],
      related: [{ title: 'Podcast: Was der Klimawandel für unsere Flüsse bedeutet', mediaType: 'audio', durationSeconds: 1860, url: '/welt/was-der-klimawandel-fuer-unsere-fluesse-bedeutet' }],
    },
    {
      kind: 'article',
      kicker: 'Bundestag',
      headline: 'Neues Gesetz soll Warn-Apps verpflichtend machen',
      teaser: 'Künftig sollen alle Mobilfunkanbieter Warnmeldungen an jedes Telefon schicken. Datenschützer sehen Nachbesserungsbedarf.',
      section: 'Politik',
      topics: ['Hochwasser an der Elbe'],
      firstPublishedAt: ago(26),
      body: [
        p('Der Entwurf sieht vor, dass Warnungen bei Unwettern, Hochwasser und anderen Gefahren per Cell Broadcast an alle Mobiltelefone in einem Gebiet gehen.'),
        { type: 'embed', url: 'https://www.bundestag.de/', provider: 'Deutscher Bundestag', title: 'Tagesordnung der Sitzungswoche' },
        p('Die erste Lesung ist für die kommende Sitzungswoche geplant.'),
      ],
      related: [],
    },
    {
      kind: 'article',
      kicker: 'Ausstellung',
      headline: 'Museum zeigt 300 Jahre Leben am Fluss',
      teaser: 'Alte Karten, Fotos und Fundstücke: Eine neue Ausstellung erzählt, wie die Elbe die Region geprägt hat.',
      section: 'Kultur',
      topics: [],
      authors: [{ name: 'Clara Hoffmann', affiliation: 'Lede Kultur' }],
      firstPublishedAt: ago(30),
      lead: img('museum', 'Illustration: ein Ausstellungsraum mit gerahmten Karten an der Wand', 'Historische Flusskarten im Ausstellungsraum.', 'Lede / Illustration'),
      body: [
        p('Die Schau ist in fünf Räume gegliedert, von der Flößerei bis zum modernen Hochwasserschutz.'),
        { type: 'quote', text: 'Der Fluss war immer beides: Lebensader und Bedrohung.', speaker: 'Kuratorin der Ausstellung' },
        p('Die Ausstellung ist bis Ende März dienstags bis sonntags geöffnet.'),
      ],
      related: [],
    },
  ];
}
