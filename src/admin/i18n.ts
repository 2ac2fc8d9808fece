/**
 * The newsroom speaks German and English. Each screen keeps its texts in a
 * `{ de: {...}, en: {...} }` table next to its view (TypeScript checks that
 * both languages have every key); `pick` chooses by the user's language.
 */
export { langFromHeader, type UiLang } from '../http/lang.js';
import type { UiLang } from '../http/lang.js';

export function pick<T>(table: { de: T; en: T }, lang: UiLang): T {
  return lang === 'en' ? table.en : table.de;
}

export const COMMON_TEXT = {
  de: {
    newsroom: 'Redaktion', stories: 'Beiträge', newStory: 'Neuer Beitrag', import: 'Import', users: 'Benutzer', audit: 'Protokoll',
    topics: 'Themen', sections: 'Ressorts', media: 'Mediathek', wire: 'Agentur',
    account: 'Konto', logout: 'Abmelden', skip: 'Zum Inhalt springen', mainNav: 'Redaktionsnavigation', site: 'Zur Website',
    loggedInAs: 'Angemeldet als', forbidden: 'Dafür fehlt Ihnen die Berechtigung.', notFound: 'Nicht gefunden.',
    error: 'Ein Fehler ist aufgetreten.', back: 'Zurück zur Übersicht',
  },
  en: {
    newsroom: 'Newsroom', stories: 'Stories', newStory: 'New story', import: 'Import', users: 'Users', audit: 'Audit log',
    topics: 'Topics', sections: 'Sections', media: 'Media', wire: 'Wire',
    account: 'Account', logout: 'Log out', skip: 'Skip to content', mainNav: 'Newsroom navigation', site: 'Go to the site',
    loggedInAs: 'Logged in as', forbidden: 'You do not have permission to do this.', notFound: 'Not found.',
    error: 'Something went wrong.', back: 'Back to the overview',
  },
};

/** The agency desk (/newsroom/agentur): list, item, dead letters and sources. Status names are the desk's four. */
export const WIRE_TEXT = {
  de: {
    title: 'Agenturmeldungen', filters: 'Filter', source: 'Quelle', urgency: 'Dringlichkeit', all: 'Alle', eilOnly: 'Nur Eilmeldungen (1–2)',
    upTo: (n: number) => `${n} oder dringender`, desk: 'Ressort (Agentur)', category: 'Kategorie', geo: 'Region', status: 'Status', q: 'Volltextsuche',
    apply: 'Filtern', reset: 'Filter zurücksetzen', time: 'Zeit', item: 'Meldung', none: 'Keine Meldungen gefunden.',
    caption: 'Agenturmeldungen, Eilmeldungen zuerst, sonst neueste zuerst', older: 'Ältere Meldungen', newest: 'Zu den neuesten Meldungen',
    badFilter: 'Ungültiger Filter:', eil: 'Eil', eilLong: 'Eilmeldung', embargo: 'Sperrfrist bis', versionCount: (n: number) => `${n} Fassungen`,
    statusNames: { new: 'neu', taken: 'übernommen', corrected: 'korrigiert', withdrawn: 'zurückgezogen' } as Record<string, string>,
    newItems: (n: number) => (n === 1 ? '1 neue Meldung' : `${n} neue Meldungen`), moreNew: 'Weitere neue Meldungen: bitte die Seite neu laden.',
    eilAlert: (h: string) => `Eilmeldung: ${h}`, liveHint: 'Neue Meldungen erscheinen hier ohne Neuladen.',
    deadLetters: 'Nicht lesbare Lieferungen', sources: 'Quellen', nav: 'Agentur-Bereiche', deskNav: 'Meldungen',
    // Item page
    kicker: 'Dachzeile', headline: 'Überschrift', subhead: 'Unterzeile', teaser: 'Vorspann', byline: 'Autorenzeile', dateline: 'Ortsmarke',
    text: 'Text', version: 'Fassung', received: 'Eingang', firstReceived: 'Erster Eingang', format: 'Format', guid: 'Kennung',
    internal: 'intern – nicht zur Veröffentlichung', internalNotes: 'Interne Hinweise der Agentur', usageTerms: 'Nutzungsbedingungen',
    publicNotes: 'Hinweise der Agentur (veröffentlichbar)', rights: 'Rechte und Quelle', credit: 'Quellenangabe', creditLine: 'Creditline',
    copyrightHolder: 'Rechteinhaber', copyrightNotice: 'Copyright', validUntil: 'Nutzbar bis', categories: 'Kategorien', scheme: 'Schema',
    code: 'Code', name: 'Name', pictures: 'Bilder und Medien', caption_: 'Bildunterschrift', alt: 'Alternativtext', renditions: 'Größen',
    pictureNote: 'Die Bilder liegen bei der Agentur; sie werden beim Übernehmen in die Mediathek geholt.', noPictures: 'Keine Bilder.',
    readerWarnings: 'Hinweise beim Einlesen', take: 'Übernehmen', takeHint: 'Legt einen Entwurf aus der aktuellen Fassung an und öffnet ihn im Editor.',
    withdrawnTitle: 'Von der Agentur zurückgezogen', withdrawnText: (s: string) => `Die Agentur hat diese Meldung zurückgezogen (${s}). Sie darf nicht verwendet werden; Übernehmen ist nicht möglich.`,
    embargoTitle: 'Sperrfrist', embargoText: (t: string) => `Nicht vor ${t} veröffentlichen. Ein übernommener Beitrag trägt die Sperrfrist.`,
    embargoOver: (t: string) => `Die Sperrfrist ist abgelaufen (${t}).`,
    versions: 'Fassungen', correction: 'Korrektur', withdrawnMark: 'zurückgezogen', late: 'verspätet eingegangen', current: 'aktuell', via: 'Weg',
    compare: 'Fassungen vergleichen', from: 'Ältere Fassung', to: 'Neuere Fassung', show: 'Vergleichen',
    diffTitle: (a: number, b: number) => `Fassung ${a} → Fassung ${b}`, takes: 'Übernommen in', noTakes: 'Noch nicht übernommen.',
    takenBy: (v: number, who: string, when: string) => `aus Fassung ${v}, von ${who}, ${when}`, system: 'System (automatisch veröffentlicht)',
    alert: { withdrawn: 'Meldung zurückgezogen: Beitrag prüfen', depublished: 'wegen Rückzug depubliziert' } as Record<string, string>,
    takenWarnings: 'Der Entwurf wurde angelegt, mit Hinweisen:', openStory: 'Beitrag im Editor öffnen', back: 'Zurück zu den Meldungen',
    boxes: 'Kästen', noBody: 'Kein Text.', urgencyN: (n: number) => `Dringlichkeit ${n}`,
    // Dead letters
    reason: 'Grund', fileName: 'Name', retries: 'Versuche', retry: 'Erneut versuchen', noDead: 'Keine unlesbaren Lieferungen.',
    truncated: 'gekürzt gespeichert, kann nicht erneut gelesen werden', retryOk: (n: number) => `Erneut gelesen: ${n} Meldungen gespeichert.`,
    retryRefused: (r: string) => `Erneut abgelehnt: ${r}`, deadHint: 'Eine Lieferung, die nicht gelesen werden kann, hält die Warteschlange nicht auf; sie steht hier mit ihrem Grund.',
    retryLabel: (n: string) => `${n} erneut versuchen`, size: 'Größe',
    // Sources
    newSource: 'Neue Quelle', editSource: (n: string) => `Quelle ${n} bearbeiten`, id: 'Kürzel', transport: 'Übertragung', active: 'Aktiv',
    inactive: 'inaktiv', yes: 'ja', no: 'nein', edit: 'Bearbeiten', save: 'Speichern', create: 'Quelle anlegen', delete: 'Quelle löschen',
    settings: 'Einstellungen', section: 'Standard-Ressort', base: 'Adresse der Warteschlange (wireQ)', mode: 'wireQ-Abruf',
    modes: { dequeue: 'dequeue-entries (abholen und entfernen)', receipt: 'entries + Quittung (nach dem Speichern löschen)' } as Record<string, string>,
    interval: 'Abrufabstand in Sekunden', folder: 'Ordner', prefix: 'S3-Präfix', extra: 'Weitere Einstellungen (JSON-Objekt)',
    secret: 'Push-Geheimnis', secretSet: 'gesetzt', secretUnset: 'nicht gesetzt', secretNew: 'Neues Geheimnis (leer lassen: behalten; bei neuer Push-Quelle wird eines erzeugt)',
    secretOnce: 'Das Push-Geheimnis dieser Quelle. Es wird nur jetzt angezeigt; bitte sicher beim Absender hinterlegen:',
    withdrawPolicy: 'Bei Rückzug', policies: { flag: 'Beiträge markieren (Redaktion entscheidet)', depublish: 'Veröffentlichte Beiträge automatisch depublizieren' } as Record<string, string>,
    transports: { wireq: 'dpa wireQ', push: 'HTTP-Push', folder: 'Ordner', s3: 'S3-Präfix', manual: 'Von Hand / CLI' } as Record<string, string>,
    formats: { auto: 'erkennen', digitalwires: 'dpa digitalwires', ninjs: 'ninjs', 'newsml-g2': 'NewsML-G2' } as Record<string, string>,
    rules: 'Zuordnungsregeln', rulesHint: 'Die erste passende Regel gibt das Ressort; Themen aller passenden Regeln werden ergänzt. Leere Zeilen werden ignoriert.',
    ruleSection: 'Ressort', topics: 'Themen (durch Komma getrennt)', saveRules: 'Regeln speichern', rule: (n: number) => `Regel ${n}`,
    autoPublish: 'Automatisch veröffentlichen', autoWarning: 'Achtung: Meldungen mit einer dieser Kategorien werden ohne redaktionelle Prüfung übernommen und sofort veröffentlicht (unter Sperrfrist: geplant). Standard: aus – keine Zeile ausgefüllt.',
    saved: (n: string) => `Die Quelle „${n}“ wurde gespeichert.`, rulesSaved: 'Die Regeln wurden gespeichert.', deleted: (n: string) => `Die Quelle „${n}“ wurde gelöscht.`,
    noSources: 'Noch keine Quellen.', fixFields: 'Bitte die markierten Felder korrigieren.', badJson: 'ist kein gültiges JSON-Objekt',
    sourcesHint: 'Quellen können auch über LEDE_WIRE_SOURCES eingerichtet werden.', back2: 'Zurück zu den Quellen',
  },
  en: {
    title: 'Wire items', filters: 'Filters', source: 'Source', urgency: 'Urgency', all: 'All', eilOnly: 'Only flashes (1–2)',
    upTo: (n: number) => `${n} or more urgent`, desk: 'Desk (agency)', category: 'Category', geo: 'Region', status: 'Status', q: 'Full text',
    apply: 'Filter', reset: 'Reset filters', time: 'Time', item: 'Item', none: 'No wire items found.',
    caption: 'Wire items, flashes first, otherwise newest first', older: 'Older items', newest: 'To the newest items',
    badFilter: 'Invalid filter:', eil: 'Flash', eilLong: 'Flash', embargo: 'Embargo until', versionCount: (n: number) => `${n} versions`,
    statusNames: { new: 'new', taken: 'taken', corrected: 'corrected', withdrawn: 'withdrawn' } as Record<string, string>,
    newItems: (n: number) => (n === 1 ? '1 new item' : `${n} new items`), moreNew: 'More new items: please reload the page.',
    eilAlert: (h: string) => `Flash: ${h}`, liveHint: 'New items appear here without a reload.',
    deadLetters: 'Unreadable deliveries', sources: 'Sources', nav: 'Wire desk sections', deskNav: 'Items',
    kicker: 'Kicker', headline: 'Headline', subhead: 'Subhead', teaser: 'Teaser', byline: 'Byline', dateline: 'Dateline',
    text: 'Text', version: 'Version', received: 'Received', firstReceived: 'First received', format: 'Format', guid: 'Identifier',
    internal: 'internal – not for publication', internalNotes: 'Internal notes from the agency', usageTerms: 'Usage terms',
    publicNotes: 'Notes from the agency (publishable)', rights: 'Rights and source', credit: 'Credit', creditLine: 'Credit line',
    copyrightHolder: 'Copyright holder', copyrightNotice: 'Copyright', validUntil: 'Usable until', categories: 'Categories', scheme: 'Scheme',
    code: 'Code', name: 'Name', pictures: 'Pictures and media', caption_: 'Caption', alt: 'Alt text', renditions: 'Sizes',
    pictureNote: 'The pictures stay with the agency until an item is taken over; then they are fetched into the media library.', noPictures: 'No pictures.',
    readerWarnings: 'Notes from reading the document', take: 'Take over', takeHint: 'Makes a draft from the current version and opens it in the editor.',
    withdrawnTitle: 'Withdrawn by the agency', withdrawnText: (s: string) => `The agency has withdrawn this item (${s}). It must not be used; it cannot be taken over.`,
    embargoTitle: 'Embargo', embargoText: (t: string) => `Do not publish before ${t}. A story taken from it carries the embargo.`,
    embargoOver: (t: string) => `The embargo has passed (${t}).`,
    versions: 'Versions', correction: 'correction', withdrawnMark: 'withdrawn', late: 'arrived late', current: 'current', via: 'Via',
    compare: 'Compare versions', from: 'Older version', to: 'Newer version', show: 'Compare',
    diffTitle: (a: number, b: number) => `Version ${a} → version ${b}`, takes: 'Taken into', noTakes: 'Not taken over yet.',
    takenBy: (v: number, who: string, when: string) => `from version ${v}, by ${who}, ${when}`, system: 'System (auto-published)',
    alert: { withdrawn: 'item withdrawn: check the story', depublished: 'depublished because of the withdrawal' } as Record<string, string>,
    takenWarnings: 'The draft was made, with notes:', openStory: 'Open the story in the editor', back: 'Back to the wire items',
    boxes: 'Boxes', noBody: 'No text.', urgencyN: (n: number) => `Urgency ${n}`,
    reason: 'Reason', fileName: 'Name', retries: 'Attempts', retry: 'Try again', noDead: 'No unreadable deliveries.',
    truncated: 'stored cut short, cannot be read again', retryOk: (n: number) => `Read again: ${n} items stored.`,
    retryRefused: (r: string) => `Refused again: ${r}`, deadHint: 'A delivery that cannot be read never holds up the queue; it is listed here with its reason.',
    retryLabel: (n: string) => `Try ${n} again`, size: 'Size',
    newSource: 'New source', editSource: (n: string) => `Edit source ${n}`, id: 'Id', transport: 'Transport', active: 'Active',
    inactive: 'inactive', yes: 'yes', no: 'no', edit: 'Edit', save: 'Save', create: 'Create source', delete: 'Delete source',
    settings: 'Settings', section: 'Default section', base: 'Queue address (wireQ)', mode: 'wireQ mode',
    modes: { dequeue: 'dequeue-entries (take and remove)', receipt: 'entries + receipt (delete after storing)' } as Record<string, string>,
    interval: 'Poll interval in seconds', folder: 'Folder', prefix: 'S3 prefix', extra: 'More settings (a JSON object)',
    secret: 'Push secret', secretSet: 'set', secretUnset: 'not set', secretNew: 'New secret (empty: keep it; a new push source gets a generated one)',
    secretOnce: 'The push secret of this source. It is shown only now; store it safely with the sender:',
    withdrawPolicy: 'On withdrawal', policies: { flag: 'Flag stories (an editor decides)', depublish: 'Depublish published stories automatically' } as Record<string, string>,
    transports: { wireq: 'dpa wireQ', push: 'HTTP push', folder: 'Folder', s3: 'S3 prefix', manual: 'Manual / CLI' } as Record<string, string>,
    formats: { auto: 'detect', digitalwires: 'dpa digitalwires', ninjs: 'ninjs', 'newsml-g2': 'NewsML-G2' } as Record<string, string>,
    rules: 'Mapping rules', rulesHint: 'The first matching rule gives the section; topics of all matching rules are added. Empty rows are ignored.',
    ruleSection: 'Section', topics: 'Topics (comma-separated)', saveRules: 'Save rules', rule: (n: number) => `Rule ${n}`,
    autoPublish: 'Auto-publish', autoWarning: 'Warning: items with one of these categories are taken over without an editor and published at once (under embargo: scheduled). Default: off – no row filled in.',
    saved: (n: string) => `The source "${n}" was saved.`, rulesSaved: 'The rules were saved.', deleted: (n: string) => `The source "${n}" was deleted.`,
    noSources: 'No sources yet.', fixFields: 'Please correct the marked fields.', badJson: 'is not a valid JSON object',
    sourcesHint: 'Sources can also be set up with LEDE_WIRE_SOURCES.', back2: 'Back to the sources',
  },
};

/**
 * The story editor's agency panel (src/admin/editor-agency-panel.tsx) for a
 * story taken from a wire item; `client` goes to assets/newsroom/editor-agency.js.
 * `{v}`, `{t}` and `{n}` in client texts are filled in by the script.
 */
export const EDITOR_AGENCY_TEXT = {
  de: {
    title: 'Agentur', source: 'Quelle', guid: 'Kennung der Meldung', taken: 'Übernommen aus Version', current: 'Aktuelle Version der Agentur',
    openDesk: 'Meldung im Agentur-Desk öffnen',
    warning: 'Warnung:', withdrawn: 'Die Agentur hat diese Meldung zurückgezogen', status: (s: string) => `Status bei der Agentur: ${s}.`,
    pubStatus: { canceled: 'storniert (canceled)', withheld: 'zurückgehalten (withheld)' } as Record<string, string>,
    depublished: 'Die Quelle nimmt Beiträge zurückgezogener Meldungen automatisch offline: Dieser Beitrag wurde depubliziert (im Protokoll vermerkt).',
    depublishNotLive: 'Die Quelle nimmt veröffentlichte Beiträge zurückgezogener Meldungen automatisch offline; dieser Beitrag ist nicht veröffentlicht. Bitte nicht veröffentlichen.',
    depublishFailed: 'Die Quelle nimmt solche Beiträge automatisch offline, bei diesem Beitrag ist das nicht gelungen: Er ist für Sie markiert. Bitte prüfen und depublizieren.',
    flagged: 'Die Quelle depubliziert nicht automatisch: Der Beitrag ist für Sie zur Prüfung markiert. Bitte entscheiden Sie, ob er offline genommen werden muss.',
    flaggedNotLive: 'Die Quelle depubliziert nicht automatisch: Der Beitrag ist für Sie zur Prüfung markiert. Bitte nicht veröffentlichen.',
    newVersion: (n: number) => `Neue Agenturfassung (Version ${n})`, correction: 'Korrektur',
    correctionText: 'Die Agentur hat die Meldung korrigiert.',
    sinceTaken: (v: number) => `Übernommen wurde Version ${v}. Was sich seitdem geändert hat:`, noDiff: 'Der Vergleich mit der übernommenen Version ist nicht verfügbar.',
    merge: 'Agenturfassung übernehmen …', mergeHint: 'Feld für Feld wählen, was gilt: Ihre Fassung oder die der Agentur. Gespeichert wird wie üblich, mit der Versionsprüfung.',
    embargo: 'Sperrfrist bis', embargoStory: 'Veröffentlichen plant den Beitrag für diesen Zeitpunkt; vorher erscheint er nirgends.',
    embargoItemOnly: 'Das ist die Sperrfrist der Agentur. Der Beitrag selbst hat keine oder eine frühere: Veröffentlichen würde ihn vorher freigeben. Bitte das Feld „Sperrfrist bis“ setzen.',
    publishEmbargo: (t: string) => `Sperrfrist: „Veröffentlichen“ plant den Beitrag für ${t}; vorher erscheint er nirgends.`,
    publishItemEmbargo: (t: string) => `Achtung: Die Agentur setzt eine Sperrfrist bis ${t}, der Beitrag nicht – „Veröffentlichen“ würde ihn vorher freigeben.`,
    publishWithdrawn: 'Achtung: Die Agentur hat die Meldung zurückgezogen.',
    noscript: 'Zum Übernehmen der Agenturfassung braucht der Editor JavaScript; der Vergleich oben gilt auch so.',
    client: {
      mergeTitle: 'Agenturfassung übernehmen (Version {v})', intro: 'Wählen Sie für jedes Feld, welche Fassung gelten soll. Ihre ungespeicherten Änderungen sind in „Meine Fassung“ enthalten. Gespeichert wird erst mit „Übernehmen und speichern“.',
      field: 'Feld', mine: 'Meine Fassung', agency: 'Agenturfassung (Version {v})', choice: 'Wahl', takeMine: 'Meine Fassung', takeAgency: 'Agenturfassung',
      same: 'gleich', allMine: 'Alles aus meiner Fassung', allAgency: 'Alles aus der Agenturfassung', save: 'Übernehmen und speichern', cancel: 'Abbrechen',
      empty: '(leer)', blocks: '{n} Blöcke', blockOne: '1 Block', names: { kicker: 'Dachzeile', headline: 'Überschrift', teaser: 'Teaser', byline: 'Autorenzeile', dateline: 'Ortsmarke', body: 'Text' } as Record<string, string>,
      saved: 'Agenturfassung übernommen und gespeichert; der Beitrag folgt jetzt Version {v}.', linkFailed: 'Gespeichert, aber die Agenturversion wurde nicht vermerkt:',
      loadFailed: 'Die Agenturfassung konnte nicht geladen werden:', changed: 'Neues von der Agentur: Der Agentur-Bereich oben wurde aktualisiert.',
    },
  },
  en: {
    title: 'Agency', source: 'Source', guid: 'Item identifier', taken: 'Taken from version', current: 'Current agency version',
    openDesk: 'Open the item on the wire desk',
    warning: 'Warning:', withdrawn: 'The agency has withdrawn this item', status: (s: string) => `Status at the agency: ${s}.`,
    pubStatus: { canceled: 'canceled', withheld: 'withheld' } as Record<string, string>,
    depublished: 'The source takes stories of withdrawn items down automatically: this story was depublished (recorded in the audit log).',
    depublishNotLive: 'The source takes published stories of withdrawn items down automatically; this story is not published. Please do not publish it.',
    depublishFailed: 'The source takes such stories down automatically, but that failed for this story: it is flagged for you. Please check it and depublish it.',
    flagged: 'The source does not depublish automatically: the story is flagged for you to check. Please decide whether it must be taken down.',
    flaggedNotLive: 'The source does not depublish automatically: the story is flagged for you to check. Please do not publish it.',
    newVersion: (n: number) => `New agency version (version ${n})`, correction: 'Correction',
    correctionText: 'The agency has corrected the item.',
    sinceTaken: (v: number) => `Version ${v} was taken over. What changed since:`, noDiff: 'The comparison with the version taken over is not available.',
    merge: 'Take the agency version …', mergeHint: 'Choose field by field which applies: your version or the agency\'s. Saved as usual, with the version check.',
    embargo: 'Embargo until', embargoStory: 'Publishing schedules the story for this time; it appears nowhere before.',
    embargoItemOnly: 'This is the agency\'s embargo. The story itself has none or an earlier one: publishing would release it before. Please set the "Embargo until" field.',
    publishEmbargo: (t: string) => `Embargo: "Publish" schedules the story for ${t}; it appears nowhere before.`,
    publishItemEmbargo: (t: string) => `Warning: the agency sets an embargo until ${t}, the story does not – "Publish" would release it before.`,
    publishWithdrawn: 'Warning: the agency has withdrawn the item.',
    noscript: 'Taking the agency version needs JavaScript; the comparison above works without it.',
    client: {
      mergeTitle: 'Take the agency version (version {v})', intro: 'Choose which version applies for every field. Your unsaved changes are part of "My version". Nothing is saved until "Take and save".',
      field: 'Field', mine: 'My version', agency: 'Agency version (version {v})', choice: 'Choice', takeMine: 'My version', takeAgency: 'Agency version',
      same: 'same', allMine: 'Everything from my version', allAgency: 'Everything from the agency version', save: 'Take and save', cancel: 'Cancel',
      empty: '(empty)', blocks: '{n} blocks', blockOne: '1 block', names: { kicker: 'Kicker', headline: 'Headline', teaser: 'Teaser', byline: 'Byline', dateline: 'Dateline', body: 'Body' } as Record<string, string>,
      saved: 'Agency version taken and saved; the story now follows version {v}.', linkFailed: 'Saved, but the agency version was not recorded:',
      loadFailed: 'The agency version could not be loaded:', changed: 'News from the agency: the agency panel above was updated.',
    },
  },
};

/** The Eilmeldung notice on every newsroom page (src/admin/layout.tsx, assets/newsroom/wire-eil-notice.js). */
export const WIRE_NOTICE_TEXT = {
  de: { label: 'Eilmeldung:', dismiss: 'Eilmeldung ausblenden' },
  en: { label: 'Flash:', dismiss: 'Dismiss flash' },
};

/** The API keys page (/newsroom/api-keys, src/admin/api-keys-page.tsx) and its link in the navigation. */
export const API_KEYS_TEXT = {
  de: {
    nav: 'API-Schlüssel', title: 'API-Schlüssel', intro: 'Schlüssel für die öffentliche Inhalte-API (/api/v1). Partner senden ihn als Kopfzeile „Authorization: Bearer …“.',
    name: 'Name', prefix: 'Beginn', scope: 'Umfang', scopes: { public: 'öffentliche Inhalte' } as Record<string, string>,
    rate: 'Anfragen je Minute', expires: 'Gültig bis (Tag, einschließlich)', expiresCol: 'Gültig bis', never: 'unbegrenzt', created: 'Angelegt',
    lastUsed: 'Zuletzt benutzt', notUsed: 'noch nie', status: 'Status', active: 'aktiv', revoked: 'widerrufen', expired: 'abgelaufen', actions: 'Aktionen',
    revoke: 'Widerrufen', revokeLabel: (n: string) => `Schlüssel „${n}“ widerrufen`, none: 'Noch keine Schlüssel.',
    create: 'Schlüssel anlegen', createHint: 'Ohne Schlüssel darf jede Adresse 60 Anfragen je Minute stellen.',
    rateHint: 'Voreinstellung 600; höchstens 100.000.', by: (n: string, t: string) => `${t}, von ${n}`,
    revokedBy: (n: string, t: string) => `widerrufen ${t} von ${n}`, lastUsedHint: 'Auf etwa eine Minute genau.',
    shownOnce: (n: string) => `Der Schlüssel „${n}“ wurde angelegt. Kopieren Sie ihn jetzt: Er wird nur dieses eine Mal angezeigt und ist nirgends gespeichert.`,
    secretLabel: 'Neuer Schlüssel (zum Kopieren markieren)', didRevoke: (n: string) => `Der Schlüssel „${n}“ wurde widerrufen; er wirkt auf allen Servern binnen 5 Sekunden nicht mehr.`,
    badDay: 'Gültig bis: bitte einen Tag angeben (JJJJ-MM-TT).',
  },
  en: {
    nav: 'API keys', title: 'API keys', intro: 'Keys for the public content API (/api/v1). Partners send one in the header "Authorization: Bearer …".',
    name: 'Name', prefix: 'Starts with', scope: 'Scope', scopes: { public: 'public content' } as Record<string, string>,
    rate: 'Requests per minute', expires: 'Valid until (day, inclusive)', expiresCol: 'Valid until', never: 'no end', created: 'Created',
    lastUsed: 'Last used', notUsed: 'never', status: 'Status', active: 'active', revoked: 'revoked', expired: 'expired', actions: 'Actions',
    revoke: 'Revoke', revokeLabel: (n: string) => `Revoke key "${n}"`, none: 'No keys yet.',
    create: 'Create key', createHint: 'Without a key, each address may make 60 requests per minute.',
    rateHint: 'Default 600; at most 100,000.', by: (n: string, t: string) => `${t}, by ${n}`,
    revokedBy: (n: string, t: string) => `revoked ${t} by ${n}`, lastUsedHint: 'To about a minute.',
    shownOnce: (n: string) => `The key "${n}" was created. Copy it now: it is shown this once and stored nowhere.`,
    secretLabel: 'New key (select to copy)', didRevoke: (n: string) => `The key "${n}" was revoked; it stops working on every server within 5 seconds.`,
    badDay: 'Valid until: please give a day (YYYY-MM-DD).',
  },
};

/** The webhooks page (/newsroom/webhooks, src/admin/webhooks-page.tsx) and its link in the navigation. */
export const WEBHOOKS_TEXT = {
  de: {
    nav: 'Webhooks', title: 'Webhooks',
    intro: 'Lede meldet Partnern Änderungen per signiertem HTTP-POST (Standard Webhooks: Kopfzeilen webhook-id, webhook-timestamp, webhook-signature).',
    url: 'Adresse (URL)', events: 'Ereignisse', description: 'Beschreibung', status: 'Status', actions: 'Aktionen', log: 'Zustellungen',
    active: 'aktiv', off: 'ausgeschaltet', disabled: 'wegen Fehlern abgeschaltet', none: 'Noch keine Webhooks.',
    create: 'Webhook anlegen', createHint: 'Das Geheimnis zum Prüfen der Signatur wird nur nach dem Anlegen einmal angezeigt.',
    sendTest: 'Testereignis senden', switchOn: 'Einschalten', switchOff: 'Ausschalten', remove: 'Löschen',
    removeLabel: (u: string) => `Webhook ${u} löschen`, testLabel: (u: string) => `Testereignis an ${u} senden`,
    secretLabel: 'Geheimnis (zum Kopieren markieren)',
    created: (u: string) => `Der Webhook an ${u} wurde angelegt. Kopieren Sie das Geheimnis jetzt: Es wird nur dieses eine Mal angezeigt.`,
    testQueued: (id: string) => `Ein Testereignis wurde eingereiht (webhook-id ${id}).`,
    switchedOn: (u: string) => `Der Webhook an ${u} ist eingeschaltet.`, switchedOff: (u: string) => `Der Webhook an ${u} ist ausgeschaltet.`,
    removed: (u: string) => `Der Webhook an ${u} wurde gelöscht.`,
    disabledNotice: (u: string, why: string) => `Der Webhook an ${u} wurde abgeschaltet: ${why}. Prüfen Sie den Empfänger und schalten Sie ihn wieder ein; wartende Zustellungen folgen dann.`,
    failures: (n: number) => `${n} Fehlschläge in Folge`,
    logTitle: (u: string) => `Zustellungen an ${u}`, logIntro: 'Die letzten 100 Versuche, neueste zuerst.', back: 'Zurück zu den Webhooks',
    at: 'Zeit', event: 'Ereignis', state: 'Stand', answer: 'Antwort', duration: 'Dauer', node: 'Server', noAttempts: 'Noch keine Zustellversuche.',
    states: { pending: 'wartet', delivered: 'zugestellt', failed: 'aufgegeben' } as Record<string, string>,
    ms: (n: number) => `${n} ms`,
  },
  en: {
    nav: 'Webhooks', title: 'Webhooks',
    intro: 'Lede tells partners of changes by signed HTTP POST (Standard Webhooks: headers webhook-id, webhook-timestamp, webhook-signature).',
    url: 'Address (URL)', events: 'Events', description: 'Description', status: 'Status', actions: 'Actions', log: 'Deliveries',
    active: 'active', off: 'switched off', disabled: 'turned off after failures', none: 'No webhooks yet.',
    create: 'Create webhook', createHint: 'The secret for checking signatures is shown once, right after creating.',
    sendTest: 'Send test event', switchOn: 'Switch on', switchOff: 'Switch off', remove: 'Delete',
    removeLabel: (u: string) => `Delete webhook ${u}`, testLabel: (u: string) => `Send a test event to ${u}`,
    secretLabel: 'Secret (select to copy)',
    created: (u: string) => `The webhook to ${u} was created. Copy the secret now: it is shown this once.`,
    testQueued: (id: string) => `A test event was queued (webhook-id ${id}).`,
    switchedOn: (u: string) => `The webhook to ${u} is switched on.`, switchedOff: (u: string) => `The webhook to ${u} is switched off.`,
    removed: (u: string) => `The webhook to ${u} was deleted.`,
    disabledNotice: (u: string, why: string) => `The webhook to ${u} was turned off: ${why}. Check the receiver and switch it on again; waiting deliveries follow then.`,
    failures: (n: number) => `${n} failures in a row`,
    logTitle: (u: string) => `Deliveries to ${u}`, logIntro: 'The last 100 attempts, newest first.', back: 'Back to webhooks',
    at: 'Time', event: 'Event', state: 'State', answer: 'Answer', duration: 'Duration', node: 'Server', noAttempts: 'No delivery attempts yet.',
    states: { pending: 'waiting', delivered: 'delivered', failed: 'given up' } as Record<string, string>,
    ms: (n: number) => `${n} ms`,
  },
};

/** The editor's "Import notes" panel: what the page-text importer was unsure about, until someone marks it done. */
export const EDITOR_IMPORT_NOTES_TEXT = {
  de: {
    title: 'Hinweise aus dem Import', intro: 'Beim Einlesen des Seitentexts war sich der Import hier nicht sicher. Bitte prüfen Sie diese Stellen im Beitrag.',
    done: 'Erledigt', doneHint: 'Blendet die Hinweise für alle aus; der Beitrag bleibt, wie er ist.',
    noscript: 'Zum Abhaken der Hinweise braucht der Editor JavaScript.',
    client: {
      working: 'Wird erledigt …', dismissed: 'Die Hinweise aus dem Import sind erledigt.', failed: 'Die Hinweise konnten nicht erledigt werden:',
      offline: 'Keine Verbindung zum Server.', forbidden: 'Dafür fehlt Ihnen die Berechtigung.',
    },
  },
  en: {
    title: 'Import notes', intro: 'The importer was unsure about these points when it read the page text. Please check them in the story.',
    done: 'Done', doneHint: 'Hides the notes for everyone; the story stays as it is.',
    noscript: 'The editor needs JavaScript to mark the notes as done.',
    client: {
      working: 'Marking as done …', dismissed: 'The import notes are marked as done.', failed: 'The notes could not be marked as done:',
      offline: 'No connection to the server.', forbidden: 'You do not have permission to do this.',
    },
  },
};
