import type { DraftIssueCode, IssueCode, IssueParams, ValidationIssue } from '../content/index.js';
import type { UiLang } from './i18n.js';
import { ROLE_NAMES, STORY_TEXT } from './story-text.js';

/**
 * Refusals in the editor's language. The server's issues and error messages
 * are English rules for integrators (`headline: required, at most 200
 * characters`); editors get the same in German or English words:
 * "Überschrift: Pflichtangabe, höchstens 200 Zeichen".
 *
 * - Issues from `validateDraft` carry a `code` and `params`; ISSUE_TEXT words
 *   every code (TypeScript checks that none is missing).
 * - Issues of the services and endpoints carry a `code` too (MESSAGE_TEXT),
 *   and every LedeError a `reason` set where it is thrown (ERROR_TEXT): words
 *   are found by code and reason, never by the English text, so rewording a
 *   message cannot lose its translation. Anything without words keeps its
 *   English message.
 * - The path becomes a field name as the editor shows it (`body[3].alt` →
 *   "Block 4: Alternativtext").
 */

type Words = (p: IssueParams) => string;
type Texts = { de: Words; en: Words };

const str = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v));
const quoteDe = (v: unknown) => `„${str(v)}“`;
const quoteEn = (v: unknown) => `“${str(v)}”`;
const fixed = (de: string, en: string): Texts => ({ de: () => de, en: () => en });

/** The codes `validateDraft` gives its issues, in both languages. */
const DRAFT_TEXT = {
  required: {
    de: (p) => (p.max !== undefined ? `Pflichtangabe, höchstens ${p.max} Zeichen` : 'Pflichtangabe'),
    en: (p) => (p.max !== undefined ? `required, at most ${p.max} characters` : 'required'),
  },
  not_text: {
    de: (p) => `muss Text sein${p.max !== undefined ? ` (höchstens ${p.max} Zeichen)` : ''}`,
    en: (p) => `must be text${p.max !== undefined ? ` (at most ${p.max} characters)` : ''}`,
  },
  too_long: {
    de: (p) => `höchstens ${p.max} Zeichen, jetzt ${p.got}`,
    en: (p) => `at most ${p.max} characters, now ${p.got}`,
  },
  too_many: {
    de: (p) => `höchstens ${p.max} Einträge, jetzt ${p.got}`,
    en: (p) => `at most ${p.max} entries, now ${p.got}`,
  },
  control_chars: fixed(
    'enthält Steuerzeichen (unsichtbare Zeichen, oft aus kopiertem Text); bitte entfernen',
    'contains control characters (invisible characters, often from pasted text); please remove them',
  ),
  year_range: {
    de: (p) => `das Jahr muss zwischen ${p.min} und ${p.max} liegen`,
    en: (p) => `the year must be from ${p.min} to ${p.max}`,
  },
  bidi_control: fixed(
    'enthält unsichtbare Zeichen zur Schreibrichtung (z. B. U+202E), die den Text anders anzeigen lassen, als er ist; bitte entfernen',
    'contains invisible text-direction characters (such as U+202E) that make the text display as something else; please remove them',
  ),
  bad_url: fixed(
    'muss eine Adresse mit http://, https:// oder mailto: sein oder ein Pfad, der mit „/“ beginnt',
    'must be an address with http://, https:// or mailto:, or a path starting with “/”',
  ),
  bad_datetime: fixed(
    'muss ein Datum mit Uhrzeit und Zeitzone sein, z. B. 2022-01-21T13:00:00+01:00',
    'must be a date and time with time zone, e.g. 2022-01-21T13:00:00+01:00',
  ),
  one_of: {
    de: (p) => `muss einer dieser Werte sein: ${str(p.allowed)}`,
    en: (p) => `must be one of: ${str(p.allowed)}`,
  },
  number_range: {
    de: (p) => `muss eine Zahl von ${p.min} bis ${p.max} sein`,
    en: (p) => `must be a number from ${p.min} to ${p.max}`,
  },
  not_list: fixed('muss eine Liste sein', 'must be a list'),
  bad_shape: fixed('hat nicht die erwartete Form', 'does not have the expected form'),
  alt_required: fixed(
    'Pflichtangabe: Beschreiben Sie das Bild, oder lassen Sie das Feld leer, wenn es rein schmückend ist',
    'required: describe the image, or leave it empty if it is purely decorative',
  ),
  bad_asset_id: fixed('ist kein Bild aus der Mediathek', 'is not a picture from the media library'),
  bad_language: fixed('muss ein Sprachkürzel wie „de“ oder „en“ sein', 'must be a language tag like “de” or “en”'),
  bad_slug: fixed('nur Kleinbuchstaben, Ziffern und einzelne Bindestriche', 'lower-case letters, digits and single hyphens only'),
  bad_entry_id: fixed(
    'nur Kleinbuchstaben, Ziffern und Bindestriche, am Anfang ein Buchstabe oder eine Ziffer',
    'lower-case letters, digits and dashes only, starting with a letter or digit',
  ),
  duplicate_entry_id: {
    de: (p) => `${quoteDe(p.id)} hat schon ein anderer Ticker-Eintrag; jede Kennung gibt es nur einmal im Beitrag`,
    en: (p) => `${quoteEn(p.id)} is used by another ticker entry; each id only once per story`,
  },
  nested_entry: fixed('Ein Ticker-Eintrag kann keinen weiteren Ticker-Eintrag enthalten', 'a ticker entry cannot contain another ticker entry'),
  entry_empty: fixed('Ein Ticker-Eintrag braucht einen Titel oder Text', 'a ticker entry needs a title or text'),
  not_before: {
    de: (p) => `darf nicht vor „${fieldName(str(p.other), 'de')}“ liegen`,
    en: (p) => `must not be before “${fieldName(str(p.other), 'en')}”`,
  },
  media_required: {
    de: (p) => `Pflichtangabe für ${p.kind === 'audio' ? 'einen Audiobeitrag' : 'einen Videobeitrag'}: Dauer und Datei`,
    en: (p) => `required for ${p.kind === 'audio' ? 'an audio' : 'a video'} item: duration and file`,
  },
  no_ticker_entry: fixed('Ein Liveticker braucht mindestens einen Ticker-Eintrag', 'a live ticker needs at least one ticker entry'),
  not_in_box: {
    de: () => 'Ein Kasten enthält nur Absätze, Zwischenüberschriften, Listen und Zitate (keine Bilder, Einbettungen, Kästen oder Ticker-Einträge)',
    en: () => 'a box holds only paragraphs, sub-headings, lists and quotes (no images, embeds, boxes or ticker entries)',
  },
  lone_surrogate: fixed(
    'enthält ein unvollständiges Zeichen (oft aus kopiertem oder falsch kodiertem Text); bitte entfernen',
    'contains a broken character (often from pasted or wrongly encoded text); please remove it',
  ),
} satisfies Record<string, Texts>;

const statusName = (lang: UiLang, s: unknown) => STORY_TEXT[lang].status[str(s) as keyof (typeof STORY_TEXT)['de']['status']] ?? str(s);
const statusList = (lang: UiLang, list: unknown) => {
  const moves = str(list);
  if (!moves || moves === 'none') return lang === 'de' ? 'keine' : 'none';
  return moves.split(/,\s*/).map((m) => (lang === 'de' ? quoteDe : quoteEn)(statusName(lang, m))).join(', ');
};
const roleName = (lang: UiLang, r: unknown) => ROLE_NAMES[lang][str(r) as keyof (typeof ROLE_NAMES)['de']] ?? str(r);


const MESSAGE_TEXT = {
  no_credit: fixed(
    'Das Bild hat keine Bildrechte-Angabe („Bildrechte: …“). Bitte in der Mediathek ergänzen, dann erneut veröffentlichen.',
    'The picture has no credit line (“Credit: …”). Please add one in the media library, then publish again.',
  ),
  no_such_picture: fixed('Dieses Bild gibt es in der Mediathek nicht', 'there is no such picture in the media library'),
  moves_from: {
    de: (p) => `von ${quoteDe(statusName('de', p.from))} aus möglich: ${statusList('de', p.moves)}`,
    en: (p) => `possible from ${quoteEn(statusName('en', p.from))}: ${statusList('en', p.moves)}`,
  },
  in_future: fixed('muss in der Zukunft liegen', 'must be in the future'),
  time_for_schedule: fixed('Pflichtangabe zum Planen: wann der Beitrag erscheint', 'required to schedule: when the story goes live'),
  time_only_for_schedule: fixed('nur beim Planen', 'only when scheduling'),
  already_depublished: fixed('Der Beitrag ist schon depubliziert', 'the story is already depublished'),
  correction_published_only: fixed('nur für veröffentlichte Beiträge', 'only for published stories'),
  correction_length: {
    de: (p) => `Pflichtangabe, höchstens ${p.max} Zeichen`,
    en: (p) => `required, at most ${p.max} characters`,
  },
  not_liveticker: fixed('Ticker-Einträge gibt es nur in Livetickern', 'ticker entries are only for live tickers'),
  entry_empty: DRAFT_TEXT.entry_empty,
  bad_datetime: DRAFT_TEXT.bad_datetime,
  must_be_text: fixed('muss Text sein', 'must be text'),
  required: DRAFT_TEXT.required,
  one_of: DRAFT_TEXT.one_of,
  not_a_date: fixed('kein gültiger Tag (JJJJ-MM-TT) und keine Zeit mit Zeitzone', 'not a valid day (YYYY-MM-DD) nor a time with time zone'),
  password_short: { de: (p) => `Das Passwort muss mindestens ${p.min} Zeichen haben`, en: (p) => `the password must have at least ${p.min} characters` },
  password_long: { de: (p) => `Das Passwort darf höchstens ${p.max} Zeichen haben`, en: (p) => `the password must have at most ${p.max} characters` },
  password_blank: fixed('Das Passwort darf nicht nur aus Leerzeichen bestehen', 'the password must not be only spaces'),
  one_of_roles: {
    de: () => `eine dieser Rollen: ${(['contributor', 'author', 'editor', 'admin'] as const).map((r) => ROLE_NAMES.de[r]).join(', ')}`,
    en: () => `one of these roles: ${(['contributor', 'author', 'editor', 'admin'] as const).map((r) => ROLE_NAMES.en[r]).join(', ')}`,
  },
  last_admin: fixed(
    'Das ist die einzige aktive Administration. Machen Sie zuerst jemand anderen zur Administration.',
    'This is the only enabled administrator. Make someone else an administrator first.',
  ),
  not_yourself: fixed('Ihr eigenes Konto können Sie nicht sperren.', 'You cannot disable your own account.'),
  too_long: DRAFT_TEXT.too_long,
  rights_date: fixed(
    'muss ein Tag (2026-12-31) oder ein Tag mit Uhrzeit sein (2026-12-31T23:59, auch mit Zeitzone +01:00)',
    'must be a day (2026-12-31) or a day and time (2026-12-31T23:59, or with a time zone +01:00)',
  ),
  after_valid_from: fixed('muss nach „Gültig ab“ liegen', 'must be after “valid from”'),
  focal_range: fixed('zwei Werte von 0 bis 100 %: von links und von oben', 'two values from 0 to 100 %: from the left and from the top'),
  unknown_field: fixed('unbekanntes Feld', 'unknown field'),
  not_a_number: fixed('muss eine Zahl sein', 'must be a number'),
  not_an_object: fixed('hat nicht die erwartete Form (ein Objekt mit Feldern)', 'does not have the expected form (an object with fields)'),
  bad_email: fixed('ist keine E-Mail-Adresse', 'is not an e-mail address'),
  broken_text: fixed(
    'enthält ein Nullzeichen oder ein unvollständiges Zeichen (oft aus kopiertem Text); bitte entfernen',
    'contains a NUL or a broken character (often from pasted text); please remove it',
  ),
  named_twice: { de: (p) => `${quoteDe(p.value)} ist doppelt angegeben`, en: (p) => `${quoteEn(p.value)} is named twice` },
  bad_cursor: fixed('Die Seitenangabe ist ungültig; bitte von der ersten Seite an suchen', 'the page marker is broken; please start again from the first page'),
  not_found: fixed('wurde nicht gefunden', 'was not found'),
  not_published: fixed('ist nicht veröffentlicht; Leserinnen und Leser könnten den Beitrag nicht öffnen', 'is not published; readers could not open it'),
  in_the_past: fixed('muss in der Zukunft liegen', 'must be in the future'),
  too_late: fixed('darf höchstens eine Woche in der Zukunft liegen', 'must be within a week'),
  out_of_range: fixed('liegt außerhalb des erlaubten Bereichs', 'is out of the allowed range'),
} satisfies Record<string, Texts>;

/** Every code `validateDraft` gives its issues, in both languages (TypeScript checks that none is missing). */
export const ISSUE_TEXT: Record<DraftIssueCode, Texts> = DRAFT_TEXT;
/** Every code of the services' and endpoints' issues, in both languages. */
export const INPUT_ISSUE_TEXT: Record<Exclude<IssueCode, DraftIssueCode>, Texts> = MESSAGE_TEXT;
const ALL_ISSUE_TEXT: Record<IssueCode, Texts> = { ...DRAFT_TEXT, ...MESSAGE_TEXT };

const ACTION_WORDS: Record<string, { de: string; en: string }> = {
  'story.view': { de: 'ansehen', en: 'view' },
  'story.edit': { de: 'bearbeiten', en: 'edit' },
  'story.submit': { de: 'zur Prüfung geben oder zurückziehen', en: 'submit or withdraw' },
  'story.publish': { de: 'veröffentlichen oder planen', en: 'publish or schedule' },
  'story.depublish': { de: 'depublizieren', en: 'take down' },
  'story.correct': { de: 'korrigieren', en: 'correct' },
};
const action = (lang: UiLang, a: unknown) => ACTION_WORDS[str(a)]?.[lang] ?? str(a);
const withIssues = (lead: string, p: IssueParams) => (p.issues ? `${lead} ${str(p.issues)}` : p.rest ? `${lead} ${str(p.rest)}` : lead);
/** A lead sentence followed by the error's issues (or the rest of its message). */
const leading = (de: string, en: string): Texts => ({ de: (p) => withIssues(de, p), en: (p) => withIssues(en, p) });

/** A byte limit as people read it: "6 MB", "16 KB". */
const sizeText = (bytes: unknown): string => {
  const n = Number(bytes);
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
};

/** Words of the top-level reasons; `params.issues` holds the error's issues, worded and joined. */
export const ERROR_TEXT: Record<string, Texts> = {
  story_invalid: leading('Der Beitrag kann so nicht gespeichert werden:', 'The story cannot be saved like this:'),
  publish_refused: leading('Der Beitrag kann nicht veröffentlicht werden:', 'The story cannot be published:'),
  schedule_refused: leading('Der Beitrag kann nicht geplant werden:', 'The story cannot be scheduled:'),
  input_invalid: leading('Die Angaben sind nicht vollständig oder nicht gültig:', 'The input is incomplete or not valid:'),
  move_not_allowed: {
    de: (p) => `Ein Beitrag im Status ${quoteDe(statusName('de', p.from))} kann nicht auf ${quoteDe(statusName('de', p.to))} gesetzt werden. Möglich ist von dort: ${statusList('de', p.moves)}.`,
    en: (p) => `A story in the status ${quoteEn(statusName('en', p.from))} cannot be moved to ${quoteEn(statusName('en', p.to))}. Possible from there: ${statusList('en', p.moves)}.`,
  },
  schedule_needs_time: fixed('Zum Planen bitte einen Zeitpunkt angeben, zu dem der Beitrag erscheinen soll.', 'To schedule, please give the time the story goes live.'),
  schedule_in_past: fixed(
    'Der gewählte Zeitpunkt liegt in der Vergangenheit. Um sofort zu veröffentlichen, bitte „Veröffentlichen“ wählen.',
    'The chosen time is in the past. To publish now, choose “Publish”.',
  ),
  takedown_in_past: fixed(
    'Der gewählte Zeitpunkt liegt in der Vergangenheit. Um den Beitrag sofort herunterzunehmen, bitte „Depublizieren“ wählen.',
    'The chosen time is in the past. To take the story down now, choose “Depublish”.',
  ),
  takedown_depublished: fixed(
    'Der Beitrag ist schon depubliziert; eine geplante Depublizierung gibt es nur für veröffentlichte oder geplante Beiträge.',
    'The story is already taken down; a takedown time is only for published or scheduled stories.',
  ),
  correction_published_only: fixed(
    'Nur ein veröffentlichter Beitrag kann als Korrektur gespeichert werden; vorher die Änderung einfach speichern.',
    'Only a published story can be corrected; before publication just save the change.',
  ),
  not_liveticker: fixed('Ticker-Einträge gibt es nur in Livetickern.', 'Ticker entries are only for live tickers.'),
  at_only_for_schedule: fixed(
    'Ein Zeitpunkt gehört nur zum Planen; für diesen Schritt bitte keinen angeben.',
    'A time belongs only to scheduling; please give none for this move.',
  ),
  no_revision: {
    de: (p) => `Diese Version des Beitrags gibt es nicht; er ist bei Version ${p.current}.`,
    en: (p) => `The story has no such version; it is at version ${p.current}.`,
  },
  create_scheduled_needs_embargo: fixed(
    'Ein neuer Beitrag kann nur mit Sperrfrist gleich geplant angelegt werden; bitte erst anlegen, dann planen.',
    'A new story can only be created as scheduled when it has an embargo; create it first, then schedule it.',
  ),
  bad_cursor: fixed('Die Seitenangabe ist ungültig; bitte von der ersten Seite an suchen.', 'The page marker is broken; please start again from the first page.'),
  page_text_empty: fixed('Der Seitentext ist leer; bitte den Text einer Seite einfügen oder hochladen.', 'The page text is empty; please paste or upload the text of a page.'),
  wrong_password: fixed('Das aktuelle Passwort ist falsch.', 'The current password is wrong.'),
  password_short: { de: (p) => `Das Passwort muss mindestens ${p.min} Zeichen haben.`, en: (p) => `The password must have at least ${p.min} characters.` },
  password_long: { de: (p) => `Das Passwort darf höchstens ${p.max} Zeichen haben.`, en: (p) => `The password must have at most ${p.max} characters.` },
  password_blank: fixed('Das Passwort darf nicht nur aus Leerzeichen bestehen.', 'The password must not be only spaces.'),
  last_admin: MESSAGE_TEXT.last_admin,
  not_yourself: MESSAGE_TEXT.not_yourself,
  bad_email: { de: (p) => `${quoteDe(p.email)} ist keine E-Mail-Adresse.`, en: (p) => `${quoteEn(p.email)} is not an e-mail address.` },
  account_exists: { de: (p) => `Für ${p.email} gibt es schon ein Konto.`, en: (p) => `There is already an account for ${p.email}.` },
  may_not_publish_live: {
    de: (p) => `Änderungen an einem Beitrag im Status ${quoteDe(statusName('de', p.status))} sind eine Veröffentlichung, und Ihre Rolle (${roleName('de', p.role)}) darf ${p.own === 'yes' ? 'diesen Beitrag' : 'Beiträge anderer'} nicht veröffentlichen.`,
    en: (p) => `Changing a story in the status ${quoteEn(statusName('en', p.status))} is publishing, and your role (${roleName('en', p.role)}) may not publish ${p.own === 'yes' ? 'it' : "someone else's story"}.`,
  },
  may_not: {
    de: (p) => `Ihre Rolle (${roleName('de', p.role)}) darf ${p.own === 'yes' ? 'diesen Beitrag' : 'Beiträge anderer'} nicht ${action('de', p.action)}.`,
    en: (p) => `Your role (${roleName('en', p.role)}) may not ${action('en', p.action)} ${p.own === 'yes' ? 'this story' : "someone else's story"}.`,
  },
  role_lacks: {
    de: (p) => `Ihre Rolle (${roleName('de', p.role)}) erlaubt das nicht (${p.permission}).`,
    en: (p) => `Your role (${roleName('en', p.role)}) does not allow this (${p.permission}).`,
  },
  body_too_large: {
    de: (p) => `Das Formular ist zu groß (höchstens ${sizeText(p.max)}).`,
    en: (p) => `The form is too large (at most ${sizeText(p.max)}).`,
  },
  csrf: fixed(
    'Das Sicherheitsmerkmal der Sitzung (CSRF-Token) fehlt oder ist veraltet. Bitte die Seite neu laden und es noch einmal versuchen.',
    'The security token of the session (CSRF) is missing or out of date. Please reload the page and try again.',
  ),
  no_story: fixed('Diesen Beitrag gibt es nicht (oder nicht mehr).', 'This story does not exist (or no longer exists).'),
  ticker_busy: fixed(
    'Der Ticker wird gerade sehr oft geändert; der Eintrag konnte nicht hinzugefügt werden. Bitte noch einmal senden.',
    'The ticker is being changed very often right now and the entry could not be added. Please send it again.',
  ),
  slug_taken: { de: (p) => `Die Adresse ${quoteDe(p.slug)} ist schon vergeben.`, en: (p) => `The address ${quoteEn(p.slug)} is already taken.` },
  // Media library
  rights_invalid: leading('Die Bildrechte sind so nicht gültig:', 'The picture rights are not valid:'),
  no_picture: fixed('Dieses Bild gibt es in der Mediathek nicht (oder nicht mehr).', 'This picture is not (or no longer) in the media library.'),
  file_in_library: fixed(
    'Diese Datei ist schon als anderes Bild in der Mediathek. Verwenden Sie jenes, oder ersetzen Sie mit einer anderen Datei.',
    'This file is already in the library as another picture. Use that one, or replace with a different file.',
  ),
  same_picture: fixed('Das Ersatzbild ist dasselbe Bild.', 'The replacement is the same picture.'),
  replacement_no_credit: fixed(
    'Das Ersatzbild hat keine Bildrechte-Angabe, und veröffentlichte oder geplante Beiträge verwenden das alte. Bitte zuerst die Bildrechte ergänzen.',
    'The replacement picture has no credit line, and published or scheduled stories use the old one. Please add the credit first.',
  ),
  replace_everywhere_forbidden: {
    de: (p) => `Ihre Rolle (${roleName('de', p.role)}) darf nicht alle Beiträge ändern, die dieses Bild verwenden.`,
    en: (p) => `Your role (${roleName('en', p.role)}) may not change every story that uses this picture.`,
  },
  database_unavailable: fixed('Die Datenbank ist gerade nicht erreichbar. Nichts wurde gespeichert; bitte in einem Moment noch einmal versuchen.', 'The database cannot be reached right now. Nothing was saved; please try again in a moment.'),
  database_timeout: fixed('Die Datenbank hat nicht rechtzeitig geantwortet. Nichts wurde gespeichert; bitte in einem Moment noch einmal versuchen.', 'The database did not answer in time. Nothing was saved; please try again in a moment.'),
  media_unconfigured: fixed('Die Mediathek ist auf diesem Server nicht eingerichtet.', 'The media library is not set up on this server.'),
  internal: fixed(
    'Ein unerwarteter Fehler ist aufgetreten; er wurde protokolliert. Bitte noch einmal versuchen.',
    'An unexpected error occurred; it has been logged. Please try again.',
  ),
};

// ---------------------------------------------------------------- field names

type Name = { de: string; en: string };

/** Field names, by the last key of a path segment (`alt` in `body[3].alt`). */
const FIELD: Record<string, Name> = {
  '(story)': { de: 'Beitrag', en: 'Story' },
  story: { de: 'Beitrag', en: 'Story' },
  kind: { de: 'Art', en: 'Kind' },
  language: { de: 'Sprache', en: 'Language' },
  kicker: { de: 'Dachzeile', en: 'Kicker' },
  headline: { de: 'Überschrift', en: 'Headline' },
  teaser: { de: 'Teaser', en: 'Teaser' },
  byline: { de: 'Autorenzeile', en: 'Byline' },
  section: { de: 'Ressort', en: 'Section' },
  slug: { de: 'Adresse (Slug)', en: 'Address (slug)' },
  source: { de: 'Herkunft', en: 'Origin' },
  dateline: { de: 'Ortsmarke', en: 'Dateline' },
  sourceLine: { de: 'Quellenangabe', en: 'Source line' },
  heading: { de: 'Überschrift des Kastens', en: 'Box heading' },
  topics: { de: 'Themen', en: 'Topics' },
  authors: { de: 'Autorinnen und Autoren', en: 'Authors' },
  name: { de: 'Name', en: 'Name' },
  affiliation: { de: 'Redaktion', en: 'Desk' },
  image: { de: 'Bild', en: 'Image' },
  firstPublishedAt: { de: 'Erstveröffentlichung', en: 'First published' },
  updatedAt: { de: 'Aktualisiert', en: 'Updated' },
  embargoUntil: { de: 'Sperrfrist', en: 'Embargo' },
  lead: { de: 'Aufmacherbild', en: 'Lead image' },
  broadcast: { de: 'Sendeplatz', en: 'Broadcast slot' },
  programme: { de: 'Sendung', en: 'Programme' },
  startsAt: { de: 'Beginn', en: 'Starts at' },
  related: { de: 'Weiterführende Beiträge', en: 'Related stories' },
  title: { de: 'Titel', en: 'Title' },
  mediaType: { de: 'Medientyp', en: 'Media type' },
  durationSeconds: { de: 'Dauer (Sekunden)', en: 'Duration (seconds)' },
  url: { de: 'Adresse (URL)', en: 'Address (URL)' },
  media: { de: 'Audio/Video', en: 'Audio/video' },
  body: { de: 'Text', en: 'Body' },
  type: { de: 'Blocktyp', en: 'Block type' },
  content: { de: 'Text', en: 'Text' },
  text: { de: 'Text', en: 'Text' },
  marks: { de: 'Auszeichnung', en: 'Formatting' },
  href: { de: 'Link', en: 'Link' },
  level: { de: 'Ebene', en: 'Level' },
  alt: { de: 'Alternativtext', en: 'Alternative text' },
  caption: { de: 'Bildunterschrift', en: 'Caption' },
  credit: { de: 'Bildrechte', en: 'Credit' },
  src: { de: 'Adresse der Datei', en: 'File address' },
  width: { de: 'Breite', en: 'Width' },
  height: { de: 'Höhe', en: 'Height' },
  assetId: { de: 'Mediathek-Bild', en: 'Library picture' },
  speaker: { de: 'Sprecherin/Sprecher', en: 'Speaker' },
  items: { de: 'Listenpunkte', en: 'List items' },
  provider: { de: 'Anbieter', en: 'Provider' },
  id: { de: 'Kennung', en: 'Id' },
  time: { de: 'Zeit', en: 'Time' },
  location: { de: 'Ort', en: 'Location' },
  // Workflow and other forms
  to: { de: 'Status', en: 'Status' },
  at: { de: 'Zeitpunkt', en: 'Time' },
  correction: { de: 'Korrekturhinweis', en: 'Correction note' },
  version: { de: 'Version', en: 'Version' },
  email: { de: 'E-Mail-Adresse', en: 'E-mail address' },
  role: { de: 'Rolle', en: 'Role' },
  password: { de: 'Passwort', en: 'Password' },
  current: { de: 'Aktuelles Passwort', en: 'Current password' },
  next: { de: 'Neues Passwort', en: 'New password' },
  disabled: { de: 'Status', en: 'Status' },
  intro: { de: 'Einleitung', en: 'Introduction' },
  rules: { de: 'Regeln', en: 'Rules' },
  months: { de: 'Monate', en: 'Months' },
  copyrightHolder: { de: 'Rechteinhaber', en: 'Copyright holder' },
  licence: { de: 'Lizenz', en: 'Licence' },
  usageTerms: { de: 'Nutzungsbedingungen', en: 'Usage terms' },
  creator: { de: 'Urheberin/Urheber', en: 'Creator' },
  validFrom: { de: 'Gültig ab', en: 'Valid from' },
  validUntil: { de: 'Gültig bis', en: 'Valid until' },
  focal: { de: 'Bildmittelpunkt', en: 'Focal point' },
};

/** Names of one entry of a list (`body[3]` → "Block 4"). */
const ITEM: Record<string, Name> = {
  body: { de: 'Block', en: 'Block' },
  topics: { de: 'Thema', en: 'Topic' },
  authors: { de: 'Autor/in', en: 'Author' },
  related: { de: 'Weiterführender Beitrag', en: 'Related story' },
  items: { de: 'Listenpunkt', en: 'List item' },
  content: { de: 'Textstück', en: 'Text run' },
  rules: { de: 'Regel', en: 'Rule' },
};

/** A ticker entry's own blocks (`body[0].body[2]`). */
const ENTRY_BLOCK: Name = { de: 'Eintragsblock', en: 'Entry block' };

/**
 * The field a path names, in the editor's words: `body[3].alt` → "Block 4:
 * Alternativtext", `authors[0].name` → "Autor/in 1: Name". Unknown keys stay
 * as they are. List positions count from 1, as the editor shows them.
 */
export function fieldName(path: string, lang: UiLang): string {
  if (!path) return '';
  if (FIELD[path]) return FIELD[path]![lang];
  const parts: string[] = [];
  // "a.b[2].c" and "rules.0.kind" alike: keys, each with the positions that follow it.
  const segments: Array<{ key: string; index: number[] }> = [];
  for (const raw of path.split('.')) {
    if (/^\d+$/.test(raw) && segments.length) {
      segments[segments.length - 1]!.index.push(Number(raw));
      continue;
    }
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(raw);
    const key = m ? m[1]! : raw;
    const index = m ? [...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])) : [];
    segments.push({ key, index });
  }
  segments.forEach((seg, i) => {
    if (seg.index.length) {
      const item = seg.key === 'body' && i > 0 ? ENTRY_BLOCK : ITEM[seg.key];
      const word = item ? item[lang] : FIELD[seg.key]?.[lang] ?? seg.key;
      parts.push(`${word} ${seg.index.map((n) => n + 1).join('.')}`);
    } else {
      parts.push(seg.key === 'body' && i > 0 ? (lang === 'de' ? 'Text des Eintrags' : 'Entry text') : FIELD[seg.key]?.[lang] ?? seg.key);
    }
  });
  return parts.join(': ');
}

// ---------------------------------------------------------------- issues and errors

/** The rule an issue states, in `lang`: by its code, else the English message itself. */
export function issueMessage(issue: Pick<ValidationIssue, 'message' | 'code' | 'params'>, lang: UiLang): string {
  const byCode = issue.code ? ALL_ISSUE_TEXT[issue.code] : undefined;
  if (byCode) return byCode[lang](issue.params ?? {});
  return issue.message;
}

/** "Überschrift: Pflichtangabe, höchstens 200 Zeichen" — the whole issue for an editor. */
export function issueText(issue: Pick<ValidationIssue, 'path' | 'message' | 'code' | 'params'>, lang: UiLang): string {
  const where = fieldName(issue.path, lang);
  const what = issueMessage(issue, lang);
  return where ? `${where}: ${what}` : what;
}

/** The issues with their `text` in `lang` (nothing else changed). */
export function localizeIssues<T extends ValidationIssue>(issues: readonly T[], lang: UiLang): Array<T & { text: string }> {
  return issues.map((i) => ({ ...i, text: issueText(i, lang) }));
}

/** What an error answer carries: `{code, message, issues?}`. */
export interface ErrorLike {
  code: string;
  reason?: string;
  params?: IssueParams | undefined;
  message: string;
  issues?: readonly ValidationIssue[] | undefined;
}

/** The reason an error gives, with its params, when the newsroom has words for it (ERROR_TEXT). */
export function errorReason(err: ErrorLike): { code: string; params: IssueParams } | undefined {
  if (err.reason && err.reason !== 'unspecified' && ERROR_TEXT[err.reason]) return { code: err.reason, params: err.params ?? {} };
  return undefined;
}

/**
 * The top-level message of an error in `lang`, when it is one the newsroom
 * has words for (ERROR_TEXT); undefined otherwise (show the English message then).
 */
export function errorText(err: ErrorLike, lang: UiLang): string | undefined {
  const reason = errorReason(err);
  const words = reason && ERROR_TEXT[reason.code];
  if (!reason || !words) return undefined;
  const issues = err.issues?.length ? err.issues.map((i) => issueText(i, lang)).join('; ') : undefined;
  return words[lang]({ ...reason.params, ...(issues && { issues }) });
}

/**
 * The API's error object for a user of `lang`: every issue gets its `text`,
 * the error its `text` when the message is a known one; `code`, `message`,
 * `path` and the issues' `code`/`params` stay as they are.
 */
export function localizeError<T extends ErrorLike>(err: T, lang: UiLang): T & { text?: string } {
  const text = errorText(err, lang);
  return {
    ...err,
    ...(text !== undefined && { text }),
    ...(err.issues?.length && { issues: localizeIssues(err.issues, lang) }),
  };
}
