import { LIMITS, LedeError, STORY_KINDS, sectionSlug, type Story } from '../content/index.js';
import { storyPath } from '../content/index.js';
import { listSections, listTopics } from '../store/catalog-queries.js';
import { TRANSITIONS, hasPermission, mayOnStory } from '../content/roles.js';
import type { Session } from '../store/session-repository.js';
import { previewStory, storyFor } from '../api/api-support.js';
import type { NewsroomContext, NewsroomDeps } from '../http/context.js';
import { MAX_PREVIEW_FORM_BYTES, type EndpointRegistry } from '../http/endpoints.js';
import { idParams } from '../http/input.js';
import { EDITOR_IMPORT_NOTES_TEXT, pick, type UiLang } from './i18n.js';
import { importWarningsOf } from '../store/import-warnings-queries.js';
import { WireStoryLink, type StoryAgencyView } from '../services/wire-story-link.js';
import { AgencyPanel, AgencyPublishHint } from './editor-agency-panel.js';
import { BREAKING_LINK_TEXT, breakingLinkFor, pushLinkFor } from './breaking-page.js';
import { NewsroomLayout } from './layout.js';
import { STORY_TEXT, jsonIsland, page } from './story-text.js';

/** Texts of the editor page; `client` goes to the browser script as JSON. */
export const EDITOR_TEXT = {
  de: {
    newTitle: 'Neuer Beitrag', editTitle: 'Beitrag bearbeiten', noscript: 'Der Editor braucht JavaScript.',
    meta: 'Kopf', kind: 'Art', language: 'Sprache des Beitrags', kicker: 'Dachzeile', headline: 'Überschrift', teaser: 'Teaser', section: 'Ressort',
    topics: 'Themen', topicsHint: 'Durch Kommas getrennt.', authors: 'Autorinnen und Autoren',
    authorsHint: 'Eine Person pro Zeile, optional mit Komma die Redaktion: „Anna Beispiel, MDR AKTUELL“.',
    broadcast: 'Sendeplatz', programme: 'Sendung', startsAt: 'Beginn (Berliner Zeit)', embargo: 'Sperrfrist bis (Berliner Zeit)',
    embargoHint: 'Vor diesem Zeitpunkt erscheint der Beitrag nirgends öffentlich.',
    dateline: 'Ortsmarke', datelineHint: 'Wie die Agentur sie setzt, z. B. „Berlin (dpa)“. Steht fett vor dem ersten Absatz; den Gedankenstrich setzt die Website.',
    sourceLine: 'Quelle', sourceLineHint: 'Steht unter dem Text als „Quelle: dpa“. Leer lassen, wenn der Text von der Redaktion ist.',
    body: 'Text', addBlock: 'Block hinzufügen', blockType: 'Blocktyp', add: 'Hinzufügen',
    related: 'Weiterführende Beiträge', relatedHint: 'Die Beiträge unter dem Artikel, mit Medientyp und Dauer („Video 2:34 min“).',
    actions: 'Speichern und Workflow', save: 'Speichern', preview: 'Vorschau',
    status: 'Status', version: 'Version', revisions: 'Versionen und Vergleich', onSite: 'Auf der Website ansehen',
    tickerNew: 'Neuer Eintrag', tickerTitle: 'Titel (optional)', tickerText: 'Text', tickerPost: 'Eintrag veröffentlichen',
    scheduleAt: 'Veröffentlichen am (Berliner Zeit)', depublishAt: 'Automatisch depublizieren am (Berliner Zeit)', depublishAtSet: 'Depublizierung planen', depublishAtClear: 'Geplante Depublizierung aufheben', correctionNote: 'Korrekturhinweis (öffentlich)',
    asCorrection: 'Als Korrektur mit öffentlichem Hinweis speichern', limit: 'Zeichen',
    lead: 'Aufmacherbild', leadAlt: 'Alternativtext des Aufmacherbilds', leadCaption: 'Bildunterschrift des Aufmacherbilds',
    pickerTitle: 'Bild aus der Mediathek wählen', pickerSearch: 'Suche in der Mediathek', pickerSearchHint: 'Dateiname, Beschreibung, Bildrechte oder Fotografin/Fotograf.',
    pickerSearchButton: 'Suchen', pickerResults: 'Bilder in der Mediathek', pickerUpload: 'Neues Bild hochladen',
    pickerUploadHint: 'JPEG, PNG, WebP, AVIF oder GIF. Das hochgeladene Bild wird gleich gewählt.', pickerClose: 'Schließen',
    client: {
      chars: 'Zeichen', of: 'von', saving: 'Speichert …', saved: 'Gespeichert', savedAt: 'Gespeichert um', unsaved: 'Ungesicherte Änderungen',
      autosaved: 'Automatisch gespeichert um', localCopy: 'Auf diesem Gerät gibt es eine neuere, nicht gespeicherte Fassung vom',
      restore: 'Lokale Fassung wiederherstellen', discard: 'Verwerfen', restored: 'Die lokale Fassung wurde wiederhergestellt. Bitte speichern.',
      discarded: 'Die lokale Fassung wurde verworfen.',
      alsoOpen: 'Auch geöffnet von', conflict: 'Jemand anderes hat den Beitrag inzwischen gespeichert.',
      mergeTitle: 'Änderungen zusammenführen', mergeIntro: 'Wählen Sie für jedes Feld und jeden Block, welche Fassung gelten soll. Gespeichert wird erst mit „Zusammengeführt speichern“.',
      theirs: 'Fassung auf dem Server', mine: 'Ihre Fassung', takeTheirs: 'Server-Fassung übernehmen', takeMine: 'Meine übernehmen',
      allTheirs: 'Alles aus der Server-Fassung', allMine: 'Alles aus meiner Fassung', saveMerged: 'Zusammengeführt speichern', cancel: 'Abbrechen',
      field: 'Feld', block: 'Block', empty: '(leer)', savedBy: 'gespeichert von', mergeFields: 'Felder', mergeBlocks: 'Textblöcke',
      merged: 'Zusammengeführt und gespeichert.',
      invalid: 'Der Beitrag kann so nicht gespeichert werden:', failed: 'Speichern fehlgeschlagen:', offline: 'Keine Verbindung zum Server. Ihre Änderungen sind lokal gesichert.',
      forbidden: 'Dafür fehlt Ihnen die Berechtigung.', sessionEnded: 'Ihre Sitzung ist abgelaufen. Bitte in einem anderen Tab neu anmelden; Ihre Änderungen sind lokal gesichert.',
      needHeadline: 'Bitte zuerst eine Überschrift eingeben.',
      moveUp: 'Nach oben', moveDown: 'Nach unten', remove: 'Entfernen', moved: 'Block verschoben auf Position', removedBlock: 'Block entfernt',
      addedBlock: 'Block hinzugefügt', bold: 'Fett', italic: 'Kursiv', link: 'Link', linkUrl: 'Link-Adresse', setLink: 'Link setzen', unlink: 'Link entfernen',
      types: { paragraph: 'Absatz', heading: 'Zwischenüberschrift', figure: 'Bild/Grafik', quote: 'Zitat', list: 'Liste', embed: 'Einbettung', 'ticker-entry': 'Ticker-Eintrag', box: 'Infokasten' },
      level: 'Ebene', level2: 'Ebene 2', level3: 'Ebene 3', text: 'Text', figureKind: 'Art', image: 'Bild', graphic: 'Grafik', map: 'Karte',
      src: 'Bildadresse (URL)', alt: 'Alternativtext', caption: 'Bildunterschrift', credit: 'Bildrechte', speaker: 'Sprecherin/Sprecher',
      ordered: 'Nummeriert', items: 'Listenpunkte', url: 'Adresse (URL)', provider: 'Anbieter', title: 'Titel', time: 'Zeit (Berliner Zeit)',
      location: 'Ort', entryBody: 'Text des Eintrags',
      boxHeading: 'Überschrift des Kastens (optional)', boxBody: 'Text des Kastens',
      boxHint: 'Absätze, Zwischenüberschriften, Listen und Zitate; Bilder und Einbettungen gehören nicht in einen Kasten.',
      transitions: { in_review: 'Zur Prüfung geben', draft: 'Zurück in Entwurf', scheduled: 'Planen', published: 'Veröffentlichen', depublished: 'Depublizieren' },
      moved_to: 'Neuer Status:', needTime: 'Bitte einen Zeitpunkt wählen.', needNote: 'Bitte einen Korrekturhinweis eingeben.',
      posted: 'Eintrag veröffentlicht.', needText: 'Bitte einen Text eingeben.', pasted: 'Eingefügt als saubere Blöcke:',
      status: STORY_TEXT.de.status,
      scheduledFor: 'geplant für', depublishFor: 'wird depubliziert am', depublishCleared: 'Keine Depublizierung mehr geplant.', position: 'Block', emptyBody: 'Noch kein Text. Fügen Sie unten einen Block hinzu oder fügen Sie Text ein.',
      saveFirst: 'Der Beitrag wird zuerst gespeichert.',
      altHint: 'Für Bilder Pflicht: Beschreiben Sie, was zu sehen ist, für Menschen, die das Bild nicht sehen. Nur bei rein schmückenden Bildern leer lassen.',
      choose: 'Aus der Mediathek wählen', chooseOther: 'Anderes Bild aus der Mediathek wählen', removePicture: 'Entfernen', detach: 'Mediathek-Bild lösen',
      leadImage: 'Aufmacherbild', leadNone: 'Kein Aufmacherbild gewählt.', creditLine: 'Bildrechte:',
      noCredit: 'Keine Bildrechte angegeben – vor dem Veröffentlichen in der Mediathek ergänzen.', creditFromLibrary: 'Die Bildrechte kommen aus der Mediathek.',
      rights: { valid: 'Rechte gültig', expiring: 'Rechte laufen bald ab', lapsed: 'Rechte abgelaufen', 'not-yet-valid': 'Noch nicht gültig' },
      until: 'bis', from: 'ab', untitled: 'Bild ohne Namen', external: 'Bild von außerhalb der Mediathek:', openInLibrary: 'In der Mediathek öffnen',
      lapsedWhy: 'Nicht wählbar: Die Bildrechte sind abgelaufen, die Website zeigt das Bild nicht mehr.',
      lapsedChosen: 'Die Bildrechte sind abgelaufen: Die Website zeigt dieses Bild nicht. Bitte ein anderes wählen.',
      notYetWhy: 'Die Website zeigt das Bild erst, wenn die Rechte beginnen.',
      assetMissing: 'Dieses Bild ist nicht (mehr) in der Mediathek.', assetLoading: 'Bild wird geladen …',
      searching: 'Sucht …', found: 'Bilder gefunden', foundOne: '1 Bild gefunden', noResults: 'Keine Bilder gefunden.', libraryFailed: 'Die Mediathek ist nicht erreichbar:',
      uploading: 'Lädt hoch …', uploadFailed: 'Hochladen fehlgeschlagen:', chosen: 'Bild gewählt:', pictureRemoved: 'Bild entfernt.',
      noCreditIssue: 'Das Bild hat keine Bildrechte-Angabe („Bildrechte: …“). Bitte in der Mediathek ergänzen, dann erneut veröffentlichen.',
      noSuchPicture: 'Dieses Bild gibt es in der Mediathek nicht.', altIssue: 'Der Alternativtext fehlt: Beschreiben Sie das Bild, oder lassen Sie ihn leer, wenn es rein schmückend ist.',
      relatedImage: 'Bild des weiterführenden Beitrags', authorImage: 'Bild der Autorin/des Autors', refused: 'Der Statuswechsel wurde abgelehnt:',
      related: 'Weiterführende Beiträge', relatedItem: 'Weiterführender Beitrag', relatedAdd: 'Weiterführenden Beitrag hinzufügen',
      relatedNone: 'Noch keine weiterführenden Beiträge.', relatedAdded: 'Weiterführender Beitrag hinzugefügt', relatedRemoved: 'Weiterführender Beitrag entfernt',
      relatedMoved: 'Weiterführender Beitrag verschoben auf Position', relatedUntitled: 'ohne Titel',
      mediaType: 'Medientyp', mediaTypes: { article: 'Artikel', video: 'Video', audio: 'Audio', graphic: 'Grafik', image: 'Bild', gallery: 'Bildergalerie', liveticker: 'Liveticker' },
      duration: 'Dauer', durationHint: 'Minuten und Sekunden wie „2:34“ oder Stunden, Minuten, Sekunden wie „1:05:00“; leer lassen, wenn es keine Dauer gibt.',
      durationBad: 'Diese Dauer ist nicht lesbar. Bitte als m:ss („2:34“) oder h:mm:ss („1:05:00“) eingeben, höchstens 24 Stunden.',
      durationBlocked: 'Nicht gespeichert: Eine Dauer ist nicht lesbar.',
      relatedUrl: 'Adresse', relatedUrlHint: 'Ein Pfad der Website wie /politik/… oder eine Adresse mit http(s)://.',
      relatedUrlBad: 'Bitte einen Pfad, der mit / beginnt, oder eine Adresse mit http:// oder https:// eingeben.',
      relatedPicture: 'Bild', relatedNoPicture: 'Kein Bild gewählt.', relatedAlt: 'Alternativtext des Bilds',
    },
  },
  en: {
    newTitle: 'New story', editTitle: 'Edit story', noscript: 'The editor needs JavaScript.',
    meta: 'Head', kind: 'Kind', language: 'Language of the story', kicker: 'Kicker', headline: 'Headline', teaser: 'Teaser', section: 'Section',
    topics: 'Topics', topicsHint: 'Separated by commas.', authors: 'Authors',
    authorsHint: 'One person per line, optionally a comma and the desk: “Anna Example, MDR AKTUELL”.',
    broadcast: 'Broadcast slot', programme: 'Programme', startsAt: 'Starts at (Berlin time)', embargo: 'Embargo until (Berlin time)',
    embargoHint: 'Before this time the story appears nowhere public.',
    dateline: 'Dateline', datelineHint: 'As the agency sets it, e.g. “Berlin (dpa)”. Shown in bold before the first paragraph; the site adds the dash.',
    sourceLine: 'Source', sourceLineHint: 'Shown under the text as “Source: dpa”. Leave empty when the newsroom wrote the text.',
    body: 'Body', addBlock: 'Add block', blockType: 'Block type', add: 'Add',
    related: 'Related items', relatedHint: 'The items listed under the article, with media type and duration (“Video 2:34 min”).',
    actions: 'Save and workflow', save: 'Save', preview: 'Preview',
    status: 'Status', version: 'Version', revisions: 'Revisions and diff', onSite: 'View on the site',
    tickerNew: 'New entry', tickerTitle: 'Title (optional)', tickerText: 'Text', tickerPost: 'Post entry',
    scheduleAt: 'Publish at (Berlin time)', depublishAt: 'Depublish automatically at (Berlin time)', depublishAtSet: 'Schedule depublication', depublishAtClear: 'Cancel scheduled depublication', correctionNote: 'Correction note (public)',
    asCorrection: 'Save as a correction with a public note', limit: 'characters',
    lead: 'Lead image', leadAlt: 'Alternative text of the lead image', leadCaption: 'Caption of the lead image',
    pickerTitle: 'Choose a picture from the library', pickerSearch: 'Search the library', pickerSearchHint: 'File name, description, credit or photographer.',
    pickerSearchButton: 'Search', pickerResults: 'Pictures in the library', pickerUpload: 'Upload a new picture',
    pickerUploadHint: 'JPEG, PNG, WebP, AVIF or GIF. The uploaded picture is chosen at once.', pickerClose: 'Close',
    client: {
      chars: 'characters', of: 'of', saving: 'Saving …', saved: 'Saved', savedAt: 'Saved at', unsaved: 'Unsaved changes',
      autosaved: 'Autosaved at', localCopy: 'This device holds a newer unsaved version from',
      restore: 'Restore the local version', discard: 'Discard', restored: 'The local version was restored. Please save.',
      discarded: 'The local version was discarded.',
      alsoOpen: 'Also open by', conflict: 'Someone else saved this story in the meantime.',
      mergeTitle: 'Merge changes', mergeIntro: 'Choose which version applies for every field and block. Nothing is saved until “Save merged”.',
      theirs: 'Version on the server', mine: 'Your version', takeTheirs: 'Take server version', takeMine: 'Take mine',
      allTheirs: 'Everything from the server version', allMine: 'Everything from my version', saveMerged: 'Save merged', cancel: 'Cancel',
      field: 'Field', block: 'Block', empty: '(empty)', savedBy: 'saved by', mergeFields: 'Fields', mergeBlocks: 'Body blocks',
      merged: 'Merged and saved.',
      invalid: 'The story cannot be saved like this:', failed: 'Saving failed:', offline: 'No connection to the server. Your changes are kept on this device.',
      forbidden: 'You do not have permission to do this.', sessionEnded: 'Your session has ended. Please log in again in another tab; your changes are kept on this device.',
      needHeadline: 'Please enter a headline first.',
      moveUp: 'Move up', moveDown: 'Move down', remove: 'Remove', moved: 'Block moved to position', removedBlock: 'Block removed',
      addedBlock: 'Block added', bold: 'Bold', italic: 'Italic', link: 'Link', linkUrl: 'Link address', setLink: 'Set link', unlink: 'Remove link',
      types: { paragraph: 'Paragraph', heading: 'Sub-heading', figure: 'Image/graphic', quote: 'Quote', list: 'List', embed: 'Embed', 'ticker-entry': 'Ticker entry', box: 'Info box' },
      level: 'Level', level2: 'Level 2', level3: 'Level 3', text: 'Text', figureKind: 'Kind', image: 'Image', graphic: 'Graphic', map: 'Map',
      src: 'Image address (URL)', alt: 'Alternative text', caption: 'Caption', credit: 'Credit', speaker: 'Speaker',
      ordered: 'Numbered', items: 'List items', url: 'Address (URL)', provider: 'Provider', title: 'Title', time: 'Time (Berlin time)',
      location: 'Location', entryBody: 'Entry text',
      boxHeading: 'Box heading (optional)', boxBody: 'Box text',
      boxHint: 'Paragraphs, sub-headings, lists and quotes; images and embeds do not go in a box.',
      transitions: { in_review: 'Submit for review', draft: 'Back to draft', scheduled: 'Schedule', published: 'Publish', depublished: 'Depublish' },
      moved_to: 'New status:', needTime: 'Please choose a time.', needNote: 'Please enter a correction note.',
      posted: 'Entry posted.', needText: 'Please enter some text.', pasted: 'Pasted as clean blocks:',
      status: STORY_TEXT.en.status,
      scheduledFor: 'scheduled for', depublishFor: 'to be depublished at', depublishCleared: 'No depublication scheduled any more.', position: 'Block', emptyBody: 'No text yet. Add a block below or paste text.',
      saveFirst: 'The story is saved first.',
      altHint: 'Required for images: describe what can be seen, for people who cannot see the picture. Leave it empty only for purely decorative images.',
      choose: 'Choose from the library', chooseOther: 'Choose another picture from the library', removePicture: 'Remove', detach: 'Detach library picture',
      leadImage: 'Lead image', leadNone: 'No lead image chosen.', creditLine: 'Credit:',
      noCredit: 'No credit given – add one in the media library before publishing.', creditFromLibrary: 'The credit comes from the media library.',
      rights: { valid: 'Rights valid', expiring: 'Rights lapse soon', lapsed: 'Rights lapsed', 'not-yet-valid': 'Not yet valid' },
      until: 'until', from: 'from', untitled: 'Untitled picture', external: 'Picture from outside the library:', openInLibrary: 'Open in the media library',
      lapsedWhy: 'Cannot be chosen: the rights have lapsed, the site no longer shows this picture.',
      lapsedChosen: 'The rights have lapsed: the site does not show this picture. Please choose another one.',
      notYetWhy: 'The site shows the picture only once the rights begin.',
      assetMissing: 'This picture is not (or no longer) in the media library.', assetLoading: 'Loading picture …',
      searching: 'Searching …', found: 'pictures found', foundOne: '1 picture found', noResults: 'No pictures found.', libraryFailed: 'The media library cannot be reached:',
      uploading: 'Uploading …', uploadFailed: 'Upload failed:', chosen: 'Picture chosen:', pictureRemoved: 'Picture removed.',
      noCreditIssue: 'The picture has no credit line (“Credit: …”). Please add one in the media library, then publish again.',
      noSuchPicture: 'There is no such picture in the media library.', altIssue: 'The alternative text is missing: describe the image, or leave it empty if it is purely decorative.',
      relatedImage: 'Image of the related story', authorImage: 'Image of the author', refused: 'The status change was refused:',
      related: 'Related items', relatedItem: 'Related story', relatedAdd: 'Add related item',
      relatedNone: 'No related items yet.', relatedAdded: 'Related item added', relatedRemoved: 'Related item removed',
      relatedMoved: 'Related item moved to position', relatedUntitled: 'untitled',
      mediaType: 'Media type', mediaTypes: { article: 'Article', video: 'Video', audio: 'Audio', graphic: 'Graphic', image: 'Image', gallery: 'Gallery', liveticker: 'Live ticker' },
      duration: 'Duration', durationHint: 'Minutes and seconds like “2:34”, or hours, minutes, seconds like “1:05:00”; leave it empty when there is no duration.',
      durationBad: 'This duration cannot be read. Please enter it as m:ss (“2:34”) or h:mm:ss (“1:05:00”), at most 24 hours.',
      durationBlocked: 'Not saved: a duration cannot be read.',
      relatedUrl: 'Address', relatedUrlHint: 'A path of the site like /politics/… or an address with http(s)://.',
      relatedUrlBad: 'Please enter a path starting with / or an address with http:// or https://.',
      relatedPicture: 'Picture', relatedNoPicture: 'No picture chosen.', relatedAlt: 'Alternative text of the picture',
    },
  },
};

const EDITOR_CSS = `
[hidden]{display:none!important}
.editor .meta-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:0 1.25rem}
.editor .field-row{display:flex;justify-content:space-between;align-items:baseline;gap:1rem}
.editor input[type=url]{width:100%}
.editor .hint{font-size:.85rem;color:#4d5963;margin:.2rem 0 0}
.editor fieldset{border:1px solid #d5dbe1;border-radius:4px;background:#fff;padding:.5rem 1rem 1rem;margin:1rem 0}
.editor legend{font-weight:700;padding:0 .3rem}
.editor .statusline{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;background:#fff;border:1px solid #d5dbe1;padding:.5rem 1rem;border-radius:4px}
.editor .presence:not(:empty){background:#fff8e1;border-left:4px solid #f0a500;padding:.4rem .8rem}
ol.blocks{list-style:none;margin:0;padding:0}
.editor .field-error{color:#a61b1b;font-weight:600;font-size:.9rem;margin:.2rem 0 0}
.editor .related-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:0 1rem}
ol.blocks>li{background:#fff;border:1px solid #d5dbe1;border-radius:4px;padding:.5rem .9rem .8rem;margin:.6rem 0}
ol.blocks>li:focus-within{border-color:#0b4f8a;box-shadow:0 0 0 1px #0b4f8a}
.block-head{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;justify-content:space-between}
.block-head h2{font-size:1rem;margin:0}
.block-tools{display:flex;gap:.3rem;flex-wrap:wrap}
.block-tools button,.fmt button{padding:.15rem .55rem;font-size:.9rem}
.rich{min-height:2.4rem;border:1px solid #6b7680;border-radius:3px;padding:.4rem;background:#fff}
.rich .kept-block{margin:.3rem 0;padding:.3rem .5rem;border-left:3px solid #0b4f8a;background:#eef5fb;color:#1a1a1a;font-size:.95rem;user-select:none}
.rich ul,.rich ol{margin:.2rem 0 .2rem 1.4rem;padding:0}
.fmt{display:flex;gap:.3rem;flex-wrap:wrap;margin:.3rem 0}
.actions{display:flex;flex-wrap:wrap;gap:.6rem;align-items:flex-end}
.actions .group{display:flex;gap:.4rem;align-items:flex-end;flex-wrap:wrap}
.actions label{margin:0 0 .2rem}
.merge table td,.merge table th{width:auto}
.merge .side{white-space:pre-wrap;word-break:break-word;max-width:32rem}
.merge .choice label{display:inline;font-weight:400;margin-right:.8rem}
.merge tr.same td{color:#4d5963}
.ticker-quick{border-left:4px solid #a61b1b}
.editor label.inline{display:inline}
.picked{display:flex;gap:.75rem;align-items:flex-start;margin:.5rem 0}
.picked img{width:10rem;height:auto;aspect-ratio:16/9;object-fit:cover;background:#e8edf2;flex:none}
.picked p{margin:0 0 .2rem}
.picked .name{font-weight:600;word-break:break-word}
.picked .warn{color:#a61b1b;font-weight:600}
.pick-tools{display:flex;flex-wrap:wrap;gap:.4rem;margin:.6rem 0 0}
dialog.picker{width:min(60rem,96vw);max-height:90vh;border:1px solid #6b7680;border-radius:4px;padding:1rem 1.25rem}
dialog.picker::backdrop{background:rgba(20,30,40,.55)}
dialog.picker h2{margin:0 0 .5rem;font-size:1.25rem}
.picker-head{display:flex;justify-content:space-between;align-items:flex-start;gap:1rem}
.picker-search{display:flex;gap:.5rem;align-items:flex-end}
.picker-search div{flex:1}
ul.picker-results{list-style:none;margin:.75rem 0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.6rem}
ul.picker-results li>button,ul.picker-results li>.pick-off{display:flex;flex-direction:column;align-items:flex-start;gap:.2rem;width:100%;height:100%;text-align:left;background:#fff;color:#1a1a1a;border:1px solid #d5dbe1;border-radius:4px;padding:.4rem}
ul.picker-results li>button:hover,ul.picker-results li>button:focus-visible{border-color:#0b4f8a;background:#eef5fb}
ul.picker-results li>.pick-off{background:#f4f6f8;border-style:dashed}
ul.picker-results img{width:100%;height:auto;aspect-ratio:16/9;object-fit:cover;background:#e8edf2}
ul.picker-results .pick-off img{opacity:.5}
ul.picker-results .name{font-weight:600;word-break:break-word}
ul.picker-results .why{font-size:.85rem;color:#a61b1b}
.import-notes{border-left:4px solid #f0a500;background:#fffbf0}
.import-notes h2{margin:0 0 .4rem;font-size:1.2rem}
.import-notes ul{margin:.3rem 0 .5rem;padding-left:1.2rem}
.import-notes li{white-space:pre-wrap;word-break:break-word}
`.trim().replace(/\n/g, '');
export { EDITOR_CSS };

interface EditorProps {
  lang: UiLang;
  session: Session;
  story: Story | undefined;
  sections: string[];
  topics: string[];
  css: string;
  scripts: string[];
  /** The editor's entry module (assets/newsroom/editor.js), run after the classic `scripts`. */
  module: string;
  /** Whether a media library is configured (the picker needs one). */
  media: boolean;
  /** The agency item the story was taken from (its "Agentur" panel), if any. */
  agency?: StoryAgencyView | undefined;
  /** What the page-text importer was unsure about (its "Import notes" panel), until dismissed. */
  importWarnings?: readonly string[] | undefined;
}

/**
 * The importer's notes on a story, rendered on the server so they show
 * without the script (as text: JSX escapes them). The "Done" button deletes
 * them through the API (DELETE …/import-warnings); editor.js shows it and
 * removes the panel.
 */
function ImportNotesPanel(props: { storyId: string; warnings: readonly string[]; lang: UiLang; canEdit: boolean }) {
  const t = pick(EDITOR_IMPORT_NOTES_TEXT, props.lang);
  const config = { url: `/newsroom/api/stories/${props.storyId}/import-warnings`, text: t.client };
  return (
    <section id="import-notes" class="import-notes panel" aria-labelledby="import-notes-h">
      <h2 id="import-notes-h">{t.title}</h2>
      <p>{t.intro}</p>
      <ul id="import-notes-list">{props.warnings.map((w) => <li>{w}</li>)}</ul>
      {props.canEdit ? (
        <>
          <p id="import-notes-tools" hidden>
            <button type="button" id="import-notes-done" class="secondary" aria-describedby="import-notes-hint">{t.done}</button>
            <span class="hint" id="import-notes-hint"> {t.doneHint}</span>
          </p>
          <noscript><p class="hint">{t.noscript}</p></noscript>
          <p id="import-notes-state" role="status" aria-live="polite"></p>
          <script type="application/json" id="import-notes-config" dangerouslySetInnerHTML={{ __html: jsonIsland(config) }}></script>
        </>
      ) : null}
    </section>
  );
}

function EditorView(props: EditorProps) {
  const t = pick(EDITOR_TEXT, props.lang);
  const st = pick(STORY_TEXT, props.lang);
  const s = props.story;
  const user = props.session.user;
  const target = s ?? { ownerId: user.id, status: 'draft' as const };
  const moves = TRANSITIONS.filter((m) => mayOnStory(user, m.needs, { ownerId: target.ownerId, status: m.from })).map((m) => ({ from: m.from, to: m.to }));
  const config = {
    story: s ?? null,
    user: { id: user.id, name: user.name },
    canEdit: mayOnStory(user, 'story.edit', target),
    canCorrect: mayOnStory(user, 'story.correct', target),
    canDepublish: mayOnStory(user, 'story.depublish', target),
    moves,
    limits: { kicker: LIMITS.kicker, headline: LIMITS.headline, teaser: LIMITS.teaser, alt: LIMITS.alt, caption: LIMITS.caption, url: LIMITS.url, related: LIMITS.related },
    media: props.media,
    canUpload: props.media && hasPermission(user, 'media.upload'),
    text: t.client,
  };
  const count = (id: string, max: number) => (
    <span class="count" id={`${id}-count`} data-count-for={id} data-max={String(max)}>0/{max} {t.limit}</span>
  );
  return (
    <NewsroomLayout title={s ? `${t.editTitle}: ${s.headline}` : t.newTitle} lang={props.lang} session={props.session} current={s ? 'stories' : 'new'}
      assets={{ css: props.css, scripts: props.scripts }}>
      <h1 id="editor-h1">{s ? t.editTitle : t.newTitle}</h1>
      <noscript><p class="notice error">{t.noscript}</p></noscript>
      <script type="application/json" id="editor-config" dangerouslySetInnerHTML={{ __html: jsonIsland(config) }}></script>
      {/* A module runs deferred, in document order after the deferred scripts in the head (editor-core.js, which it uses). */}
      <script type="module" src={props.module}></script>
      {s && props.importWarnings?.length ? <ImportNotesPanel storyId={s.id} warnings={props.importWarnings} lang={props.lang} canEdit={config.canEdit} /> : null}
      {s && props.agency ? (
        <AgencyPanel view={props.agency} story={s} lang={props.lang} now={new Date()}
          canDesk={hasPermission(user, 'wire.view')} canEdit={config.canEdit} />
      ) : null}
      <form id="editor" class="editor" novalidate aria-labelledby="editor-h1">
        <div class="statusline">
          <span>{t.status}: <strong id="status-name">{st.status[s?.status ?? 'draft']}</strong></span>
          <span>{t.version}: <span id="version-no">{s ? String(s.version) : '–'}</span></span>
          <span id="save-state" role="status" aria-live="polite"></span>
          {s ? <a href={`/newsroom/stories/${s.id}/revisions`}>{t.revisions}</a> : null}
          {s && s.status === 'published' ? <a href={storyPath({ sectionSlug: sectionSlug(s.section), slug: s.slug })}>{t.onSite}</a> : null}
          {s && s.status === 'published' && hasPermission(user, 'breaking.send') ? (
            <>
              <a href={pushLinkFor(s.headline, storyPath({ sectionSlug: sectionSlug(s.section), slug: s.slug }), s.teaser ?? '')}>{pick(BREAKING_LINK_TEXT, props.lang).sendPush}</a>
              <a href={breakingLinkFor(s)}>{pick(BREAKING_LINK_TEXT, props.lang).asBreaking}</a>
            </>
          ) : null}
        </div>
        <div id="presence" class="presence" role="status" aria-live="polite"></div>
        <div id="restore-offer" class="notice" hidden></div>
        <div id="messages" role="alert" tabindex={-1}></div>

        {s?.kind === 'liveticker' ? (
          <fieldset class="ticker-quick" id="ticker-quick">
            <legend>{t.tickerNew}</legend>
            <label for="tq-title">{t.tickerTitle}</label>
            <input id="tq-title" type="text" maxlength={LIMITS.headline} />
            <label for="tq-text">{t.tickerText}</label>
            <textarea id="tq-text" rows={3}></textarea>
            <p><button type="button" id="tq-post">{t.tickerPost}</button> <span id="tq-state" role="status"></span></p>
          </fieldset>
        ) : null}

        <fieldset>
          <legend>{t.meta}</legend>
          <div class="meta-grid">
            <div>
              <label for="f-kind">{t.kind}</label>
              <select id="f-kind" data-field="kind">
                {STORY_KINDS.map((k) => <option value={k} selected={(s?.kind ?? 'article') === k}>{st.kind[k]}</option>)}
              </select>
            </div>
            <div>
              <label for="f-language">{t.language}</label>
              <select id="f-language" data-field="language">
                <option value="de" selected={(s?.language ?? 'de') === 'de'}>Deutsch</option>
                <option value="en" selected={s?.language === 'en'}>English</option>
              </select>
            </div>
            <div>
              <label for="f-section">{t.section}</label>
              <input id="f-section" type="text" data-field="section" list="section-list" maxlength={LIMITS.section} />
              <datalist id="section-list">{props.sections.map((x) => <option value={x}></option>)}</datalist>
            </div>
          </div>
          <div class="field-row"><label for="f-kicker">{t.kicker}</label>{count('f-kicker', LIMITS.kicker)}</div>
          <input id="f-kicker" type="text" data-field="kicker" aria-describedby="f-kicker-count" />
          <div class="field-row"><label for="f-headline">{t.headline}</label>{count('f-headline', LIMITS.headline)}</div>
          <input id="f-headline" type="text" data-field="headline" required aria-describedby="f-headline-count" />
          <div class="field-row"><label for="f-teaser">{t.teaser}</label>{count('f-teaser', LIMITS.teaser)}</div>
          <textarea id="f-teaser" rows={3} data-field="teaser" aria-describedby="f-teaser-count"></textarea>
          <div class="meta-grid">
            <div>
              <label for="f-topics">{t.topics}</label>
              <input id="f-topics" type="text" data-field="topics" list="topic-list" aria-describedby="f-topics-hint" />
              <datalist id="topic-list">{props.topics.map((x) => <option value={x}></option>)}</datalist>
              <p class="hint" id="f-topics-hint">{t.topicsHint}</p>
            </div>
            <div>
              <label for="f-authors">{t.authors}</label>
              <textarea id="f-authors" rows={2} data-field="authors" aria-describedby="f-authors-hint"></textarea>
              <p class="hint" id="f-authors-hint">{t.authorsHint}</p>
            </div>
          </div>
          <div class="meta-grid">
            <div>
              <label for="f-programme">{t.broadcast}: {t.programme}</label>
              <input id="f-programme" type="text" data-field="programme" maxlength={LIMITS.section} />
            </div>
            <div>
              <label for="f-startsAt">{t.broadcast}: {t.startsAt}</label>
              <input id="f-startsAt" type="datetime-local" data-field="startsAt" />
            </div>
            <div>
              <label for="f-embargo">{t.embargo}</label>
              <input id="f-embargo" type="datetime-local" data-field="embargoUntil" aria-describedby="f-embargo-hint" />
              <p class="hint" id="f-embargo-hint">{t.embargoHint}</p>
            </div>
          </div>
          {/* Agency copy: the place line before the text and the source line under it. */}
          <div class="meta-grid">
            <div>
              <div class="field-row"><label for="f-dateline">{t.dateline}</label>{count('f-dateline', LIMITS.dateline)}</div>
              <input id="f-dateline" type="text" data-field="dateline" aria-describedby="f-dateline-count f-dateline-hint" />
              <p class="hint" id="f-dateline-hint">{t.datelineHint}</p>
            </div>
            <div>
              <div class="field-row"><label for="f-sourceLine">{t.sourceLine}</label>{count('f-sourceLine', LIMITS.sourceLine)}</div>
              <input id="f-sourceLine" type="text" data-field="sourceLine" aria-describedby="f-sourceLine-count f-sourceLine-hint" />
              <p class="hint" id="f-sourceLine-hint">{t.sourceLineHint}</p>
            </div>
          </div>
        </fieldset>

        <fieldset id="lead-box">
          <legend>{t.lead}</legend>
          <div id="lead-picture"></div>
          <div id="lead-fields" hidden>
            <label for="lead-alt">{t.leadAlt}</label>
            <input id="lead-alt" type="text" maxlength={LIMITS.alt} aria-describedby="lead-alt-hint" />
            <p class="hint" id="lead-alt-hint">{t.client.altHint}</p>
            <label for="lead-caption">{t.leadCaption}</label>
            <textarea id="lead-caption" rows={2} maxlength={LIMITS.caption}></textarea>
          </div>
          <div class="pick-tools">
            {props.media ? <button type="button" id="lead-choose" class="secondary" aria-haspopup="dialog">{t.client.choose}</button> : null}
            <button type="button" id="lead-remove" class="secondary" hidden>{t.client.removePicture}<span class="vh"> – {t.lead}</span></button>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t.body}</legend>
          <p id="blocks-empty" class="muted" hidden></p>
          <ol id="blocks" class="blocks"></ol>
          <div class="actions">
            <div class="group">
              <div>
                <label for="add-type">{t.blockType}</label>
                <select id="add-type">
                  {(['paragraph', 'heading', 'figure', 'quote', 'list', 'embed', 'box', 'ticker-entry'] as const).map((b) => <option value={b}>{t.client.types[b]}</option>)}
                </select>
              </div>
              <button type="button" id="add-block" class="secondary">{t.addBlock}</button>
            </div>
          </div>
        </fieldset>

        <fieldset id="related-box" aria-describedby="related-hint">
          <legend>{t.related}</legend>
          <p class="hint" id="related-hint">{t.relatedHint}</p>
          <p id="related-empty" class="muted">{t.client.relatedNone}</p>
          <ol id="related-list" class="blocks related"></ol>
          <div class="actions">
            <button type="button" id="related-add" class="secondary">{t.client.relatedAdd}</button>
          </div>
        </fieldset>

        <fieldset id="actions-box">
          <legend>{t.actions}</legend>
          <div id="correction-box" hidden>
            <p><input type="checkbox" id="as-correction" /> <label for="as-correction" class="inline">{t.asCorrection}</label></p>
            <label for="correction-note">{t.correctionNote}</label>
            <textarea id="correction-note" rows={2}></textarea>
          </div>
          <div class="actions">
            <button type="submit" id="save">{t.save}</button>
            <button type="button" id="preview" class="secondary">{t.preview}</button>
            <span id="moves" class="group"></span>
            <span id="depublish-group" class="group" hidden>
              <span>
                <label for="depublish-at">{t.depublishAt}</label>
                <input id="depublish-at" type="datetime-local" />
              </span>
              <button type="button" id="depublish-at-set" class="secondary">{t.depublishAtSet}</button>
              <button type="button" id="depublish-at-clear" class="secondary" hidden>{t.depublishAtClear}</button>
            </span>
            <span id="schedule-group" class="group" hidden>
              <span>
                <label for="schedule-at">{t.scheduleAt}</label>
                <input id="schedule-at" type="datetime-local" />
              </span>
            </span>
          </div>
          {s && props.agency ? <AgencyPublishHint view={props.agency} story={s} lang={props.lang} now={new Date()} /> : null}
        </fieldset>
      </form>
      <form id="preview-form" method="post" target="_blank" action={s ? `/newsroom/stories/${s.id}/preview` : '/newsroom/preview'} hidden>
        <input type="hidden" name="_csrf" value={props.session.csrfToken} />
        <input type="hidden" name="story" value="" />
      </form>
      <section id="merge" class="merge panel" hidden tabindex={-1} aria-labelledby="merge-h"></section>
      {props.media ? (
        <dialog id="picker" class="picker" aria-labelledby="picker-h">
          <div class="picker-head">
            <h2 id="picker-h">{t.pickerTitle}</h2>
            <button type="button" id="picker-close" class="secondary">{t.pickerClose}</button>
          </div>
          <form id="picker-search" class="picker-search" role="search" aria-label={t.pickerSearch}>
            <div>
              <label for="picker-q">{t.pickerSearch}</label>
              <input id="picker-q" type="search" aria-describedby="picker-q-hint" />
            </div>
            <button type="submit">{t.pickerSearchButton}</button>
          </form>
          <p class="hint" id="picker-q-hint">{t.pickerSearchHint}</p>
          <p id="picker-state" role="status" aria-live="polite"></p>
          <ul id="picker-results" class="picker-results" aria-label={t.pickerResults}></ul>
          {hasPermission(props.session.user, 'media.upload') ? (
            <div id="picker-upload">
              <label for="picker-file">{t.pickerUpload}</label>
              <input id="picker-file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" aria-describedby="picker-file-hint" />
              <p class="hint" id="picker-file-hint">{t.pickerUploadHint}</p>
            </div>
          ) : null}
        </dialog>
      ) : null}
    </NewsroomLayout>
  );
}

/** Reader HTML for a draft as the site would render it now (not stored). */
async function previewOf(deps: NewsroomDeps, c: NewsroomContext, current: Story | undefined): Promise<Response> {
  const form = await c.req.parseBody();
  let raw: unknown;
  try {
    raw = JSON.parse(typeof form.story === 'string' ? form.story : '');
  } catch {
    throw new LedeError('VALIDATION', 'the preview needs the story as JSON in the field "story"', { reason: 'body_not_json' });
  }
  return c.html(await deps.previewHtml(previewStory(raw, current)));
}

export function registerEditorPages(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const render = async (c: NewsroomContext, story: Story | undefined) => {
    const [sections, topics, agency, importWarnings] = await Promise.all([
      listSections(deps.db), listTopics(deps.db), story ? new WireStoryLink(deps.db, deps.services.wire).view(story.id) : undefined,
      story ? importWarningsOf(deps.db, story.id) : undefined,
    ]);
    return c.html(page(
      <EditorView lang={c.get('lang')} session={c.get('session')!} story={story} agency={agency} importWarnings={importWarnings}
        sections={sections.map((x) => x.name)} topics={topics.map((x) => x.name)}
        css={deps.asset('newsroom.css')} scripts={[deps.asset('editor-core.js')]} module={deps.asset('editor.js')} media={!!deps.media} />,
    ));
  };

  registry.add({
    method: 'GET', path: '/newsroom/stories/new', permission: 'story.create', kind: 'page',
    handler: (c) => render(c as NewsroomContext, undefined),
  });
  registry.add({
    method: 'GET', path: '/newsroom/stories/:id', permission: 'story.view', kind: 'page', input: { params: idParams },
    handler: async (c, { params }) => render(c, await storyFor(c, deps, params.id)),
  });
  // Previews are form posts into a new window (the CSP allows no inline or blob documents of ours to run scripts).
  registry.add({
    method: 'POST', path: '/newsroom/stories/:id/preview', permission: 'story.view', kind: 'page', input: { params: idParams }, maxBodyBytes: MAX_PREVIEW_FORM_BYTES,
    handler: async (c, { params }) => previewOf(deps, c, await storyFor(c, deps, params.id)),
  });
  registry.add({
    method: 'POST', path: '/newsroom/preview', permission: 'story.create', kind: 'page', maxBodyBytes: MAX_PREVIEW_FORM_BYTES,
    handler: (c) => previewOf(deps, c as NewsroomContext, undefined),
  });
}
