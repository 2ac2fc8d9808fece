import { LIMITS, LedeError, STORY_KINDS, slugify, type Story } from '../../content/index.js';
import { storyPath } from '../../site/views/teaser.js';
import { listSections, listTopics } from '../../store/index.js';
import { TRANSITIONS, mayOnStory } from '../accounts/roles.js';
import type { Session } from '../accounts/sessions.js';
import { previewStory, storyFor } from '../api/api-support.js';
import type { NewsroomContext, NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { pick, type UiLang } from './i18n.js';
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
    body: 'Text', addBlock: 'Block hinzufügen', blockType: 'Blocktyp', add: 'Hinzufügen',
    actions: 'Speichern und Workflow', save: 'Speichern', preview: 'Vorschau',
    status: 'Status', version: 'Version', revisions: 'Versionen und Vergleich', onSite: 'Auf der Website ansehen',
    tickerNew: 'Neuer Eintrag', tickerTitle: 'Titel (optional)', tickerText: 'Text', tickerPost: 'Eintrag veröffentlichen',
    scheduleAt: 'Veröffentlichen am (Berliner Zeit)', depublishAt: 'Automatisch depublizieren am (Berliner Zeit)', depublishAtSet: 'Depublizierung planen', depublishAtClear: 'Geplante Depublizierung aufheben', correctionNote: 'Korrekturhinweis (öffentlich)',
    asCorrection: 'Als Korrektur mit öffentlichem Hinweis speichern', limit: 'Zeichen',
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
      types: { paragraph: 'Absatz', heading: 'Zwischenüberschrift', figure: 'Bild/Grafik', quote: 'Zitat', list: 'Liste', embed: 'Einbettung', 'ticker-entry': 'Ticker-Eintrag' },
      level: 'Ebene', level2: 'Ebene 2', level3: 'Ebene 3', text: 'Text', figureKind: 'Art', image: 'Bild', graphic: 'Grafik', map: 'Karte',
      src: 'Bildadresse (URL)', alt: 'Alternativtext', caption: 'Bildunterschrift', credit: 'Bildrechte', speaker: 'Sprecherin/Sprecher',
      ordered: 'Nummeriert', items: 'Listenpunkte', url: 'Adresse (URL)', provider: 'Anbieter', title: 'Titel', time: 'Zeit (Berliner Zeit)',
      location: 'Ort', entryBody: 'Text des Eintrags',
      transitions: { in_review: 'Zur Prüfung geben', draft: 'Zurück in Entwurf', scheduled: 'Planen', published: 'Veröffentlichen', depublished: 'Depublizieren' },
      moved_to: 'Neuer Status:', needTime: 'Bitte einen Zeitpunkt wählen.', needNote: 'Bitte einen Korrekturhinweis eingeben.',
      posted: 'Eintrag veröffentlicht.', needText: 'Bitte einen Text eingeben.', pasted: 'Eingefügt als saubere Blöcke:',
      status: STORY_TEXT.de.status,
      scheduledFor: 'geplant für', depublishFor: 'wird depubliziert am', depublishCleared: 'Keine Depublizierung mehr geplant.', position: 'Block', emptyBody: 'Noch kein Text. Fügen Sie unten einen Block hinzu oder fügen Sie Text ein.',
      saveFirst: 'Der Beitrag wird zuerst gespeichert.', importWarnings: 'Hinweise des Imports – bitte prüfen:',
    },
  },
  en: {
    newTitle: 'New story', editTitle: 'Edit story', noscript: 'The editor needs JavaScript.',
    meta: 'Head', kind: 'Kind', language: 'Language of the story', kicker: 'Kicker', headline: 'Headline', teaser: 'Teaser', section: 'Section',
    topics: 'Topics', topicsHint: 'Separated by commas.', authors: 'Authors',
    authorsHint: 'One person per line, optionally a comma and the desk: “Anna Example, MDR AKTUELL”.',
    broadcast: 'Broadcast slot', programme: 'Programme', startsAt: 'Starts at (Berlin time)', embargo: 'Embargo until (Berlin time)',
    embargoHint: 'Before this time the story appears nowhere public.',
    body: 'Body', addBlock: 'Add block', blockType: 'Block type', add: 'Add',
    actions: 'Save and workflow', save: 'Save', preview: 'Preview',
    status: 'Status', version: 'Version', revisions: 'Revisions and diff', onSite: 'View on the site',
    tickerNew: 'New entry', tickerTitle: 'Title (optional)', tickerText: 'Text', tickerPost: 'Post entry',
    scheduleAt: 'Publish at (Berlin time)', depublishAt: 'Depublish automatically at (Berlin time)', depublishAtSet: 'Schedule depublication', depublishAtClear: 'Cancel scheduled depublication', correctionNote: 'Correction note (public)',
    asCorrection: 'Save as a correction with a public note', limit: 'characters',
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
      types: { paragraph: 'Paragraph', heading: 'Sub-heading', figure: 'Image/graphic', quote: 'Quote', list: 'List', embed: 'Embed', 'ticker-entry': 'Ticker entry' },
      level: 'Level', level2: 'Level 2', level3: 'Level 3', text: 'Text', figureKind: 'Kind', image: 'Image', graphic: 'Graphic', map: 'Map',
      src: 'Image address (URL)', alt: 'Alternative text', caption: 'Caption', credit: 'Credit', speaker: 'Speaker',
      ordered: 'Numbered', items: 'List items', url: 'Address (URL)', provider: 'Provider', title: 'Title', time: 'Time (Berlin time)',
      location: 'Location', entryBody: 'Entry text',
      transitions: { in_review: 'Submit for review', draft: 'Back to draft', scheduled: 'Schedule', published: 'Publish', depublished: 'Depublish' },
      moved_to: 'New status:', needTime: 'Please choose a time.', needNote: 'Please enter a correction note.',
      posted: 'Entry posted.', needText: 'Please enter some text.', pasted: 'Pasted as clean blocks:',
      status: STORY_TEXT.en.status,
      scheduledFor: 'scheduled for', depublishFor: 'to be depublished at', depublishCleared: 'No depublication scheduled any more.', position: 'Block', emptyBody: 'No text yet. Add a block below or paste text.',
      saveFirst: 'The story is saved first.', importWarnings: 'Notes from the import – please check:',
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
ol.blocks>li{background:#fff;border:1px solid #d5dbe1;border-radius:4px;padding:.5rem .9rem .8rem;margin:.6rem 0}
ol.blocks>li:focus-within{border-color:#0b4f8a;box-shadow:0 0 0 1px #0b4f8a}
.block-head{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;justify-content:space-between}
.block-head h2{font-size:1rem;margin:0}
.block-tools{display:flex;gap:.3rem;flex-wrap:wrap}
.block-tools button,.fmt button{padding:.15rem .55rem;font-size:.9rem}
.rich{min-height:2.4rem;border:1px solid #6b7680;border-radius:3px;padding:.4rem;background:#fff}
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
    limits: { kicker: LIMITS.kicker, headline: LIMITS.headline, teaser: LIMITS.teaser },
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
      <form id="editor" class="editor" novalidate aria-labelledby="editor-h1">
        <div class="statusline">
          <span>{t.status}: <strong id="status-name">{st.status[s?.status ?? 'draft']}</strong></span>
          <span>{t.version}: <span id="version-no">{s ? String(s.version) : '–'}</span></span>
          <span id="save-state" role="status" aria-live="polite"></span>
          {s ? <a href={`/newsroom/stories/${s.id}/revisions`}>{t.revisions}</a> : null}
          {s && s.status === 'published' ? <a href={storyPath({ sectionSlug: slugify(s.section), slug: s.slug })}>{t.onSite}</a> : null}
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
                  {(['paragraph', 'heading', 'figure', 'quote', 'list', 'embed', 'ticker-entry'] as const).map((b) => <option value={b}>{t.client.types[b]}</option>)}
                </select>
              </div>
              <button type="button" id="add-block" class="secondary">{t.addBlock}</button>
            </div>
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
        </fieldset>
      </form>
      <form id="preview-form" method="post" target="_blank" action={s ? `/newsroom/stories/${s.id}/preview` : '/newsroom/preview'} hidden>
        <input type="hidden" name="_csrf" value={props.session.csrfToken} />
        <input type="hidden" name="story" value="" />
      </form>
      <section id="merge" class="merge panel" hidden tabindex={-1} aria-labelledby="merge-h"></section>
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
    throw new LedeError('VALIDATION', 'the preview needs the story as JSON in the field "story"');
  }
  return c.html(await deps.previewHtml(previewStory(raw, current)));
}

export function registerEditorPages(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const render = async (c: NewsroomContext, story: Story | undefined) => {
    const [sections, topics] = await Promise.all([listSections(deps.db), listTopics(deps.db)]);
    return c.html(page(
      <EditorView lang={c.get('lang')} session={c.get('session')!} story={story}
        sections={sections.map((x) => x.name)} topics={topics.map((x) => x.name)}
        css={deps.asset('newsroom.css')} scripts={[deps.asset('editor-core.js'), deps.asset('editor.js')]} />,
    ));
  };

  registry.add({
    method: 'GET', path: '/newsroom/stories/new', permission: 'story.create', kind: 'page',
    handler: (c) => render(c as NewsroomContext, undefined),
  });
  registry.add({
    method: 'GET', path: '/newsroom/stories/:id', permission: 'story.view', kind: 'page',
    handler: async (c) => render(c as NewsroomContext, await storyFor(c as NewsroomContext, deps, c.req.param('id') ?? '')),
  });
  // Previews are form posts into a new window (the CSP allows no inline or blob documents of ours to run scripts).
  registry.add({
    method: 'POST', path: '/newsroom/stories/:id/preview', permission: 'story.view', kind: 'page',
    handler: async (c) => previewOf(deps, c as NewsroomContext, await storyFor(c as NewsroomContext, deps, c.req.param('id') ?? '')),
  });
  registry.add({
    method: 'POST', path: '/newsroom/preview', permission: 'story.create', kind: 'page',
    handler: (c) => previewOf(deps, c as NewsroomContext, undefined),
  });
}
