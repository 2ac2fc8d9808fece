import { isLedeError, type ValidationIssue, formatEnglishDateTime, formatGermanDate, formatGermanDateTime, toZonedIso } from '../content/index.js';
import { RIGHTS_FIELDS } from '../content/media-types.js';
import { formatBytes } from '../imaging/intake.js';
import type { MediaAsset } from '../store/asset-repository.js';
import { MEDIA_USAGES } from '../store/media-queries.js';
import { hasPermission } from '../content/roles.js';
import { assetDetail, expiringAssets, mediaPage, replaceEverywhereFor } from '../api/media-api.js';
import { assetChangeBody, assetChangeOf, mediaFilter, mediaListQuery, replaceEverywhereBody } from '../api/media-input.js';
import { mediaOf, type AssetView } from '../api/media-support.js';
import type { NewsroomContext, NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams, parseInput } from '../http/input.js';
import { pick, type UiLang } from './i18n.js';
import { errorText, fieldName, issueMessage } from './issue-text.js';
import { NewsroomLayout } from './layout.js';
import { STORY_TEXT, jsonIsland, page } from './story-text.js';

/** Texts of the media library pages; `client` goes to assets/newsroom/media.js as JSON. */
export const MEDIA_TEXT = {
  de: {
    title: 'Mediathek', upload: 'Bilder hochladen', uploadHint: 'JPEG, PNG, WebP, AVIF oder GIF, bis {max} je Datei. Mehrere Dateien auf einmal möglich.',
    drop: 'Bilder hierher ziehen oder auswählen:', choose: 'Bilddateien', noscript: 'Das Hochladen braucht JavaScript.',
    expiring: 'Bildrechte, die in den nächsten 7 Tagen ablaufen', noneExpiring: 'In den nächsten 7 Tagen laufen keine Bildrechte ab.',
    search: 'Suche', q: 'Bildunterschrift, Name oder Rechteinhaber', credit: 'Bildrechte (Credit)', from: 'Hochgeladen ab', to: 'Hochgeladen bis',
    usageFilter: 'Verwendung', usages: { used: 'in Beiträgen verwendet', unused: 'nicht verwendet', public: 'in veröffentlichten oder geplanten Beiträgen' } as Record<string, string>,
    status: 'Rechtestatus', all: 'Alle', apply: 'Suchen', reset: 'Zurücksetzen', badFilter: 'Ungültiger Filter:',
    picture: 'Bild', name: 'Name und Bildunterschrift', uploaded: 'Hochgeladen', usage: 'Verwendung', validUntil: 'Gültig bis',
    none: 'Keine Bilder gefunden.', next: 'Nächste Seite', first: 'Erste Seite', caption: 'Bilder der Mediathek, neueste zuerst',
    statuses: { valid: 'Rechte gültig', expiring: 'Rechte laufen bald ab', lapsed: 'Rechte abgelaufen', 'not-yet-valid': 'Noch nicht gültig' } as Record<string, string>,
    usedIn: (n: number) => (n === 0 ? 'nicht verwendet' : n === 1 ? 'verwendet in 1 Beitrag' : `verwendet in ${n} Beiträgen`),
    noCredit: 'ohne Bildrechte-Angabe', unnamed: 'ohne Namen',
    // detail
    back: 'Zurück zur Mediathek', facts: 'Datei', type: 'Typ', size: 'Größe', pixels: 'Pixel', by: 'Hochgeladen am',
    rights: 'Bildrechte', copyrightHolder: 'Urheberrechtsinhaber', source: 'Quelle / Agentur', licence: 'Lizenz (Name oder URL)',
    usageTerms: 'Nutzungsbedingungen', creator: 'Fotografin/Fotograf', validFrom: 'Gültig ab (Tag, Berliner Zeit)', validUntilDay: 'Gültig bis einschließlich (Tag, Berliner Zeit)',
    datesHint: 'Leer: unbegrenzt. Das Bild erscheint nur zwischen diesen Tagen auf der Website.',
    exact: 'Genau:', focal: 'Bildmittelpunkt für Zuschnitte', focalHint: 'Klicken Sie in das Bild, um den wichtigsten Punkt zu setzen, oder geben Sie ihn in Prozent ein.',
    focalX: 'Von links (%)', focalY: 'Von oben (%)', save: 'Speichern', saved: 'Gespeichert.', readOnly: 'Bildrechte ändern können Chef vom Dienst und Administration.',
    invalid: 'Die Angaben sind so nicht gültig:', fileCaption: 'Beschreibung aus der Datei', stories: 'Verwendet in', noStories: 'Dieses Bild wird in keinem Beitrag verwendet.',
    replace: 'Datei ersetzen', replaceHint: 'Die neue Datei ersetzt das Bild in allen Beiträgen, die es verwenden. Bildrechte und Bildmittelpunkt bleiben.',
    replaceFile: 'Neue Bilddatei', replaceButton: 'Ersetzen', original: 'Original öffnen', previewAlt: 'Vorschau des Bildes',
    marker: 'Gesetzter Bildmittelpunkt',
    places: { lead: 'Aufmacherbild', body: 'im Text', related: 'Teaserbild', author: 'Autorenbild' } as Record<string, string>,
    everywhere: 'Überall durch ein anderes Bild ersetzen', everywhereHint: 'Jeder Beitrag, der dieses Bild verwendet, bekommt das gewählte Bild (als neue Version; Alternativtext und Bildunterschrift bleiben).',
    replacement: 'Ersatzbild', everywhereButton: 'Überall ersetzen', noOther: 'Es gibt noch kein anderes Bild in der Mediathek.',
    replacedIn: (n: number) => (n === 1 ? 'In 1 Beitrag ersetzt.' : `In ${n} Beiträgen ersetzt.`), notReplaced: 'Nicht ersetzt in:',
    conflict: 'Jemand anderes hat dieses Bild inzwischen geändert. Ihre Änderungen wurden nicht gespeichert. Das Formular zeigt jetzt den aktuellen Stand; bitte tragen Sie Ihre Änderungen erneut ein und speichern Sie.',
    yourEntries: 'Ihre nicht gespeicherten Eingaben:', emptyEntry: '(leer)', noVersion: 'Das Formular ist veraltet (ohne Versionsangabe). Bitte laden Sie die Seite neu.',
    client: {
      waiting: 'Wartet …', uploading: 'Lädt hoch …', processing: 'Wird verarbeitet …', done: 'Fertig', duplicate: 'Schon in der Mediathek',
      failed: 'Fehlgeschlagen:', tooLarge: 'Die Datei ist größer als {max}.', offline: 'Keine Verbindung zum Server.', open: 'Öffnen',
      credit: 'Bildrechte:', noCredit: 'keine Bildrechte in der Datei – bitte ergänzen', progress: 'Fortschritt', replaced: 'Datei ersetzt. Die Seite wird neu geladen …',
      focalSet: 'Bildmittelpunkt gesetzt:', left: 'von links', top: 'von oben', chooseFile: 'Bitte eine Datei wählen.',
      conflict: 'Jemand anderes hat dieses Bild inzwischen geändert; die Datei wurde nicht ersetzt. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
    },
  },
  en: {
    title: 'Media library', upload: 'Upload pictures', uploadHint: 'JPEG, PNG, WebP, AVIF or GIF, up to {max} per file. Several files at once are fine.',
    drop: 'Drag pictures here or choose them:', choose: 'Picture files', noscript: 'Uploading needs JavaScript.',
    expiring: 'Picture rights lapsing in the next 7 days', noneExpiring: 'No picture rights lapse in the next 7 days.',
    search: 'Search', q: 'Caption, name or rights holder', credit: 'Credit line', from: 'Uploaded from', to: 'Uploaded until',
    usageFilter: 'Usage', usages: { used: 'used in stories', unused: 'not used', public: 'in published or scheduled stories' } as Record<string, string>,
    status: 'Rights status', all: 'All', apply: 'Search', reset: 'Reset', badFilter: 'Invalid filter:',
    picture: 'Picture', name: 'Name and caption', uploaded: 'Uploaded', usage: 'Usage', validUntil: 'Valid until',
    none: 'No pictures found.', next: 'Next page', first: 'First page', caption: 'Pictures in the library, newest first',
    statuses: { valid: 'Rights valid', expiring: 'Rights lapse soon', lapsed: 'Rights lapsed', 'not-yet-valid': 'Not yet valid' } as Record<string, string>,
    usedIn: (n: number) => (n === 0 ? 'not used' : n === 1 ? 'used in 1 story' : `used in ${n} stories`),
    noCredit: 'no credit given', unnamed: 'unnamed',
    back: 'Back to the media library', facts: 'File', type: 'Type', size: 'Size', pixels: 'Pixels', by: 'Uploaded on',
    rights: 'Picture rights', copyrightHolder: 'Copyright holder', source: 'Source / agency', licence: 'Licence (name or URL)',
    usageTerms: 'Usage terms', creator: 'Photographer', validFrom: 'Valid from (day, Berlin time)', validUntilDay: 'Valid until and including (day, Berlin time)',
    datesHint: 'Empty: unlimited. The picture appears on the site only between these days.',
    exact: 'Exactly:', focal: 'Focal point for crops', focalHint: 'Click into the picture to set its most important point, or enter it in percent.',
    focalX: 'From the left (%)', focalY: 'From the top (%)', save: 'Save', saved: 'Saved.', readOnly: 'Editors and administrators can change picture rights.',
    invalid: 'These entries are not valid:', fileCaption: 'Description from the file', stories: 'Used in', noStories: 'No story uses this picture.',
    replace: 'Replace file', replaceHint: 'The new file replaces the picture in every story that uses it. Rights and focal point stay.',
    replaceFile: 'New picture file', replaceButton: 'Replace', original: 'Open the original', previewAlt: 'Preview of the picture',
    marker: 'Focal point set',
    places: { lead: 'lead image', body: 'in the text', related: 'teaser image', author: 'author image' } as Record<string, string>,
    everywhere: 'Replace with another picture everywhere', everywhereHint: 'Every story that uses this picture gets the chosen one (as a new version; alt text and caption stay).',
    replacement: 'Replacement picture', everywhereButton: 'Replace everywhere', noOther: 'There is no other picture in the library yet.',
    replacedIn: (n: number) => (n === 1 ? 'Replaced in 1 story.' : `Replaced in ${n} stories.`), notReplaced: 'Not replaced in:',
    conflict: 'Someone else changed this picture meanwhile. Your changes were not saved. The form now shows the current state; please enter your changes again and save.',
    yourEntries: 'Your entries that were not saved:', emptyEntry: '(empty)', noVersion: 'The form is out of date (it names no version). Please reload the page.',
    client: {
      waiting: 'Waiting …', uploading: 'Uploading …', processing: 'Processing …', done: 'Done', duplicate: 'Already in the library',
      failed: 'Failed:', tooLarge: 'The file is larger than {max}.', offline: 'No connection to the server.', open: 'Open',
      credit: 'Credit:', noCredit: 'no credit in the file – please add one', progress: 'Progress', replaced: 'File replaced. Reloading …',
      focalSet: 'Focal point set:', left: 'from the left', top: 'from the top', chooseFile: 'Please choose a file.',
      conflict: 'Someone else changed this picture meanwhile; the file was not replaced. Please reload the page and try again.',
    },
  },
};

export const MEDIA_CSS = `
.dropzone{border:2px dashed #6b7680;border-radius:6px;padding:1rem;background:#fff}
.dropzone.over{border-color:#0b4f8a;background:#eef5fb}
.uploads{list-style:none;padding:0;margin:.75rem 0 0}
.uploads li{display:grid;grid-template-columns:5rem 1fr;gap:.25rem 1rem;padding:.5rem 0;border-top:1px solid #d5dbe1;align-items:center}
.uploads li img{width:5rem;height:auto;grid-row:span 3}
.uploads progress{width:100%}
.uploads .error{color:#a61b1b;font-weight:600}
.media-list img{width:8rem;height:auto;display:block;background:#e8edf2}
.rights-badge{display:inline-block;padding:.05rem .45rem;border-radius:3px;border:1px solid #6b7680;font-size:.9rem;background:#fff}
.rights-badge.expiring{background:#fff3cd;border-color:#8a6d00}.rights-badge.lapsed{background:#f4dcdc;border-color:#a61b1b}.rights-badge.not-yet-valid{background:#e8edf2}
.media-detail{display:grid;grid-template-columns:minmax(0,3fr) minmax(16rem,2fr);gap:1rem;align-items:start}
@media (max-width:48rem){.media-detail{grid-template-columns:1fr}}
.focal-frame{position:relative;display:inline-block;max-width:100%;line-height:0;cursor:crosshair}
.focal-frame img{max-width:100%;height:auto}
.focal-marker{position:absolute;width:1.5rem;height:1.5rem;margin:-.75rem 0 0 -.75rem;border:3px solid #fff;border-radius:50%;box-shadow:0 0 0 2px #1a1a1a;pointer-events:none}
.focal-inputs{display:flex;gap:1rem}.focal-inputs input{width:7rem}
.media-facts dt{font-weight:600}.media-facts dd{margin:0 0 .5rem}
`.trim().replace(/\n/g, '');

const STATUSES = ['valid', 'expiring', 'lapsed', 'not-yet-valid'] as const;

/** The Berlin day of an instant (YYYY-MM-DD). */
const berlinDay = (iso: string) => toZonedIso(new Date(iso)).slice(0, 10);
/** The last day a "valid until" instant still covers (the end is exclusive: midnight after that day). */
const lastDay = (iso: string) => berlinDay(new Date(Date.parse(iso) - 1).toISOString());

function Badge(props: { view: AssetView; lang: UiLang }) {
  const t = pick(MEDIA_TEXT, props.lang);
  const until = props.view.rights.validUntil;
  return (
    <span class={`rights-badge ${props.view.rightsStatus}`}>
      {t.statuses[props.view.rightsStatus]}
      {until && (props.view.rightsStatus === 'expiring' || props.view.rightsStatus === 'lapsed') ? ` (${props.lang === 'en' ? formatEnglishDateTime(until) : formatGermanDateTime(until)})` : ''}
    </span>
  );
}

const nameOf = (v: { originalName: string | null; embeddedCaption: string | null }, t: (typeof MEDIA_TEXT)['de']) => v.originalName ?? v.embeddedCaption?.slice(0, 80) ?? t.unnamed;

export function registerMediaPages(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const css = () => deps.asset('newsroom.css');
  const script = () => deps.asset('media.js');
  const when = (lang: UiLang, iso: string) => (lang === 'en' ? formatEnglishDateTime(iso) : formatGermanDateTime(iso));

  registry.add({
    method: 'GET', path: '/newsroom/media', permission: 'newsroom.use', kind: 'page',
    handler: async (c) => {
      const ctx = c as NewsroomContext;
      const lang = ctx.get('lang');
      const t = pick(MEDIA_TEXT, lang);
      const session = ctx.get('session')!;
      const media = mediaOf(deps);
      const q = (name: string) => c.req.query(name)?.trim() || '';
      const f = { q: q('q'), credit: q('credit'), from: q('from'), to: q('to'), status: q('status'), usage: q('usage') };
      let error: string | undefined;
      let result: Awaited<ReturnType<typeof mediaPage>> = { items: [] };
      try {
        result = await mediaPage(media, mediaFilter(parseInput(mediaListQuery, { ...f, cursor: q('cursor') }, 'the filter')));
      } catch (err) {
        if (!isLedeError(err) || err.code !== 'VALIDATION') throw err;
        const filterLabel: Record<string, string> = { from: t.from, to: t.to, status: t.status, usage: t.usageFilter, credit: t.credit };
        error = `${t.badFilter} ${err.issues.length
          ? err.issues.map((i) => `${filterLabel[i.path] ?? fieldName(i.path, lang)}: ${issueMessage(i, lang)}`).join('; ')
          : errorText(err, lang) ?? err.message}`;
      }
      const expiring = await expiringAssets(media);
      const keep = Object.entries(f).filter(([, v]) => v) as [string, string][];
      const nextHref = result.next ? `/newsroom/media?${new URLSearchParams([...keep, ['cursor', result.next]]).toString()}` : undefined;
      const firstHref = q('cursor') ? `/newsroom/media${keep.length ? `?${new URLSearchParams(keep).toString()}` : ''}` : undefined;
      const mayUpload = hasPermission(session.user, 'media.upload');
      const max = formatBytes(media.limits.maxBytes);
      const client = { ...t.client, tooLarge: t.client.tooLarge.replace('{max}', max), maxBytes: media.limits.maxBytes };
      return c.html(page(
        <NewsroomLayout title={t.title} lang={lang} session={session} current="media" assets={{ css: css(), scripts: mayUpload ? [script()] : [] }}>
          <h1>{t.title}</h1>
          {mayUpload ? (
            <section class="panel" aria-labelledby="upload-h">
              <h2 id="upload-h">{t.upload}</h2>
              <script type="application/json" id="media-config" dangerouslySetInnerHTML={{ __html: jsonIsland({ text: client }) }}></script>
              <noscript><p class="notice error">{t.noscript}</p></noscript>
              <div id="media-drop" class="dropzone">
                <label for="media-files">{t.drop}</label>
                <input id="media-files" type="file" multiple accept="image/jpeg,image/png,image/webp,image/avif,image/gif,.jpg,.jpeg,.png,.webp,.avif,.gif" aria-describedby="media-files-hint" />
                <p id="media-files-hint" class="muted">{t.uploadHint.replace('{max}', max)}</p>
              </div>
              <ul id="media-uploads" class="uploads" aria-live="polite"></ul>
            </section>
          ) : null}

          <section class="panel" aria-labelledby="expiring-h">
            <h2 id="expiring-h">{t.expiring}</h2>
            {expiring.length ? (
              <ul>
                {expiring.map((v) => (
                  <li>
                    <a href={`/newsroom/media/${v.id}`}>{nameOf(v, t)}</a>
                    {` · ${v.rights.credit ?? t.noCredit} · ${t.validUntil} `}
                    <time datetime={v.rights.validUntil!}>{when(lang, v.rights.validUntil!)}</time>
                    {` · ${t.usedIn(v.usedIn)}`}
                  </li>
                ))}
              </ul>
            ) : <p>{t.noneExpiring}</p>}
          </section>

          <form method="get" action="/newsroom/media" class="panel filters" role="search" aria-label={t.search}>
            <div class="wide">
              <label for="m-q">{t.q}</label>
              <input id="m-q" name="q" type="search" value={f.q} maxlength={200} />
            </div>
            <div>
              <label for="m-credit">{t.credit}</label>
              <input id="m-credit" name="credit" type="text" value={f.credit} maxlength={200} />
            </div>
            <div>
              <label for="m-status">{t.status}</label>
              <select id="m-status" name="status">
                <option value="">{t.all}</option>
                {STATUSES.map((s) => <option value={s} selected={f.status === s}>{t.statuses[s]}</option>)}
              </select>
            </div>
            <div>
              <label for="m-usage">{t.usageFilter}</label>
              <select id="m-usage" name="usage">
                <option value="">{t.all}</option>
                {MEDIA_USAGES.map((u) => <option value={u} selected={f.usage === u}>{t.usages[u]}</option>)}
              </select>
            </div>
            <div>
              <label for="m-from">{t.from}</label>
              <input id="m-from" name="from" type="date" value={f.from} />
            </div>
            <div>
              <label for="m-to">{t.to}</label>
              <input id="m-to" name="to" type="date" value={f.to} />
            </div>
            <div class="buttons wide">
              <button type="submit">{t.apply}</button>
              <a href="/newsroom/media">{t.reset}</a>
            </div>
          </form>
          {error ? <p class="notice error" role="alert">{error}</p> : null}
          {result.items.length ? (
            <table class="media-list">
              <caption class="vh">{t.caption}</caption>
              <thead>
                <tr><th scope="col">{t.picture}</th><th scope="col">{t.name}</th><th scope="col">{t.credit}</th><th scope="col">{t.status}</th><th scope="col">{t.usage}</th><th scope="col">{t.uploaded}</th></tr>
              </thead>
              <tbody>
                {result.items.map((v) => (
                  <tr>
                    <td><img src={v.urls.thumbnail} alt="" width={128} height={72} loading="lazy" /></td>
                    <th scope="row">
                      <a href={`/newsroom/media/${v.id}`}>{nameOf(v, t)}</a>
                      {v.embeddedCaption && v.originalName ? <div class="muted">{v.embeddedCaption.slice(0, 160)}</div> : null}
                    </th>
                    <td>{v.rights.credit ?? <span class="muted">{t.noCredit}</span>}</td>
                    <td><Badge view={v} lang={lang} /></td>
                    <td>{t.usedIn(v.usedIn)}</td>
                    <td><time datetime={v.createdAt}>{when(lang, v.createdAt)}</time></td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p class="notice">{t.none}</p>}
          {nextHref || firstHref ? (
            <nav class="pager" aria-label={t.title}>
              {firstHref ? <a href={firstHref}>{t.first}</a> : null}
              {nextHref ? <a href={nextHref} rel="next">{t.next}</a> : null}
            </nav>
          ) : null}
        </NewsroomLayout>,
      ));
    },
  });

  type FormValues = Partial<Record<(typeof RIGHTS_FIELDS)[number] | 'focalX' | 'focalY', string>>;
  interface Notice {
    ok?: string;
    issues?: ValidationIssue[];
    form?: FormValues;
    failed?: { headline: string; message: string; code?: string }[];
    /** The editor's entries that lost to another editor's save (shown beside the current state). */
    conflict?: FormValues;
    /** A refusal without issues, as one sentence. */
    error?: string;
  }

  const formValues = (asset: MediaAsset): FormValues => ({
    ...Object.fromEntries(RIGHTS_FIELDS.map((k) => [k, asset.rights[k] ?? ''])),
    validFrom: asset.rights.validFrom ? berlinDay(asset.rights.validFrom) : '',
    validUntil: asset.rights.validUntil ? lastDay(asset.rights.validUntil) : '',
    focalX: String(Math.round(asset.focalX * 1000) / 10),
    focalY: String(Math.round(asset.focalY * 1000) / 10),
  });

  const detailPage = async (c: NewsroomContext, id: string, notice: Notice = {}, status = 200) => {
    const lang = c.get('lang');
    const t = pick(MEDIA_TEXT, lang);
    const st = pick(STORY_TEXT, lang);
    const session = c.get('session')!;
    const media = mediaOf(deps);
    const asset = await media.library.find(id);
    const view = await assetDetail(media, asset);
    const may = hasPermission(session.user, 'media.manage');
    const form = notice.form ?? formValues(asset);
    const label: Record<string, string> = {
      credit: t.credit, copyrightHolder: t.copyrightHolder, source: t.source, licence: t.licence, usageTerms: t.usageTerms, creator: t.creator,
      validFrom: t.validFrom, validUntil: t.validUntilDay, focal: t.focal, rights: t.rights,
    };
    const errorOf = (k: string) => {
      const issue = notice.issues?.find((i) => i.path === k);
      return issue && issueMessage(issue, lang);
    };
    const field = (k: 'credit' | 'copyrightHolder' | 'source' | 'licence' | 'creator', max: number) => (
      <div>
        <label for={`r-${k}`}>{label[k]}</label>
        <input id={`r-${k}`} name={k} type="text" maxlength={max} value={form[k] ?? ''} aria-invalid={errorOf(k) ? 'true' : undefined}
          aria-describedby={errorOf(k) ? `r-${k}-err` : undefined} />
        {errorOf(k) ? <p id={`r-${k}-err`} class="count over">{errorOf(k)}</p> : null}
      </div>
    );
    const others = may && view.stories.length
      ? (await media.library.list({ limit: 100 })).items.map((x) => x.asset).filter((a) => a.id !== asset.id)
      : [];
    // The version goes with every write from this page (the rights form's hidden field, If-Match of the file replacement).
    const client = {
      ...t.client, tooLarge: t.client.tooLarge.replace('{max}', formatBytes(media.limits.maxBytes)), maxBytes: media.limits.maxBytes, id: asset.id, version: asset.version,
    };
    const name = nameOf(view, t);
    return c.html(page(
      <NewsroomLayout title={`${t.title}: ${name}`} lang={lang} session={session} current="media" assets={{ css: css(), scripts: [script()] }}>
        <p><a href="/newsroom/media">{t.back}</a></p>
        <h1>{name}</h1>
        <script type="application/json" id="media-config" dangerouslySetInnerHTML={{ __html: jsonIsland({ text: client }) }}></script>
        {notice.ok ? <p class="notice ok" role="status">{notice.ok}</p> : null}
        {notice.error ? <p class="notice error" role="alert">{notice.error}</p> : null}
        {notice.conflict ? (
          <div class="notice error" role="alert">
            <p>{t.conflict}</p>
            <p>{t.yourEntries}</p>
            <ul>{Object.entries(notice.conflict).map(([k, v]) => <li>{`${label[k] ?? (k === 'focalX' ? t.focalX : k === 'focalY' ? t.focalY : fieldName(k, lang))}: ${v || t.emptyEntry}`}</li>)}</ul>
          </div>
        ) : null}
        {notice.failed?.length ? (
          <div class="notice error" role="alert">
            <p>{t.notReplaced}</p>
            <ul>{notice.failed.map((f) => <li>{`${f.headline}: ${errorText({ code: f.code ?? '', message: f.message }, lang) ?? f.message}`}</li>)}</ul>
          </div>
        ) : null}
        {notice.issues?.length ? (
          <div class="notice error" role="alert">
            <p>{t.invalid}</p>
            <ul>{notice.issues.map((i) => <li>{`${label[i.path] ?? fieldName(i.path, lang)}: ${issueMessage(i, lang)}`}</li>)}</ul>
          </div>
        ) : null}
        <div class="media-detail">
          <div>
            <div class="focal-frame" id="focal-frame">
              <img id="focal-image" src={view.urls.original} alt={view.embeddedCaption ?? t.previewAlt} width={asset.width} height={asset.height} />
              {/* Placed by media.js from data-x/data-y: the newsroom's CSP allows no style attributes; hidden until placed. */}
              <span class="focal-marker" id="focal-marker" role="img" aria-label={t.marker} hidden
                data-x={String(asset.focalX * 100)} data-y={String(asset.focalY * 100)}></span>
            </div>
            <p><a href={view.urls.original}>{t.original}</a></p>
            <dl class="media-facts">
              <dt>{t.status}</dt><dd><Badge view={view} lang={lang} /></dd>
              <dt>{t.facts}</dt><dd>{`${asset.mime} · ${formatBytes(asset.bytes)} · ${asset.width} × ${asset.height} ${t.pixels}`}</dd>
              <dt>{t.by}</dt><dd><time datetime={asset.createdAt}>{when(lang, asset.createdAt)}</time></dd>
              {asset.embeddedCaption ? <><dt>{t.fileCaption}</dt><dd>{asset.embeddedCaption}</dd></> : null}
            </dl>
            <section aria-labelledby="uses-h">
              <h2 id="uses-h">{`${t.stories}: ${t.usedIn(view.usedIn)}`}</h2>
              {view.stories.length ? (
                <ul>{view.stories.map((s) => (
                  <li><a href={`/newsroom/stories/${s.storyId}`}>{s.headline}</a>{` · ${st.status[s.status as keyof typeof st.status] ?? s.status} · ${s.places.map((p) => t.places[p]).join(', ')}`}</li>
                ))}</ul>
              ) : <p>{t.noStories}</p>}
              {may && view.stories.length ? (
                <form method="post" action={`/newsroom/media/${asset.id}/replace-everywhere`} class="panel">
                  <input type="hidden" name="_csrf" value={session.csrfToken} />
                  <h3>{t.everywhere}</h3>
                  <p id="everywhere-hint" class="muted">{t.everywhereHint}</p>
                  {others.length ? (
                    <>
                      <label for="everywhere-with">{t.replacement}</label>
                      <select id="everywhere-with" name="with" aria-describedby="everywhere-hint">
                        {others.map((a) => <option value={a.id}>{`${a.originalName ?? a.embeddedCaption?.slice(0, 60) ?? a.id}${a.rights.credit ? ` (${a.rights.credit})` : ''}`}</option>)}
                      </select>
                      <p><button type="submit">{t.everywhereButton}</button></p>
                    </>
                  ) : <p>{t.noOther}</p>}
                </form>
              ) : null}
            </section>
          </div>
          <div>
            <section class="panel" aria-labelledby="rights-h">
              <h2 id="rights-h">{t.rights}</h2>
              {may ? (
                <form method="post" action={`/newsroom/media/${asset.id}`} id="rights-form">
                  <input type="hidden" name="_csrf" value={session.csrfToken} />
                  <input type="hidden" name="version" value={String(asset.version)} />
                  {field('credit', 200)}
                  {field('copyrightHolder', 200)}
                  {field('source', 200)}
                  {field('licence', 500)}
                  {field('creator', 200)}
                  <label for="r-usageTerms">{t.usageTerms}</label>
                  <textarea id="r-usageTerms" name="usageTerms" rows={3} maxlength={2000}>{form.usageTerms ?? ''}</textarea>
                  <p id="dates-hint" class="muted">{t.datesHint}</p>
                  {(['validFrom', 'validUntil'] as const).map((k) => (
                    <div>
                      <label for={`r-${k}`}>{label[k]}</label>
                      <input id={`r-${k}`} name={k} type="date" value={form[k] ?? ''} aria-invalid={errorOf(k) ? 'true' : undefined}
                        aria-describedby={errorOf(k) ? `dates-hint r-${k}-err` : 'dates-hint'} />
                      {errorOf(k) ? <p id={`r-${k}-err`} class="count over">{errorOf(k)}</p> : null}
                      {asset.rights[k] ? <p class="muted">{`${t.exact} ${when(lang, asset.rights[k]!)}`}</p> : null}
                    </div>
                  ))}
                  <fieldset>
                    <legend>{t.focal}</legend>
                    <p id="focal-hint" class="muted">{t.focalHint}</p>
                    <div class="focal-inputs">
                      <div>
                        <label for="r-focalX">{t.focalX}</label>
                        <input id="r-focalX" name="focalX" type="number" min={0} max={100} step={0.1} value={form.focalX ?? '50'} aria-describedby="focal-hint" />
                      </div>
                      <div>
                        <label for="r-focalY">{t.focalY}</label>
                        <input id="r-focalY" name="focalY" type="number" min={0} max={100} step={0.1} value={form.focalY ?? '50'} aria-describedby="focal-hint" />
                      </div>
                    </div>
                    <p id="focal-state" class="muted" role="status"></p>
                  </fieldset>
                  <p><button type="submit">{t.save}</button></p>
                </form>
              ) : (
                <>
                  <p class="muted">{t.readOnly}</p>
                  <dl class="media-facts">
                    {(['credit', 'copyrightHolder', 'source', 'licence', 'usageTerms', 'creator'] as const).map((k) => (asset.rights[k] ? <><dt>{label[k]}</dt><dd>{asset.rights[k]}</dd></> : null))}
                    {asset.rights.validFrom ? <><dt>{label.validFrom}</dt><dd>{formatGermanDate(asset.rights.validFrom)}</dd></> : null}
                    {asset.rights.validUntil ? <><dt>{t.validUntil}</dt><dd>{when(lang, asset.rights.validUntil)}</dd></> : null}
                  </dl>
                </>
              )}
            </section>
            {may ? (
              <section class="panel" aria-labelledby="replace-h">
                <h2 id="replace-h">{t.replace}</h2>
                <p id="replace-hint">{t.replaceHint}</p>
                <noscript><p class="notice error">{t.noscript}</p></noscript>
                <form id="replace-form" novalidate>
                  <label for="replace-file">{t.replaceFile}</label>
                  <input id="replace-file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" aria-describedby="replace-hint" />
                  <p><button type="submit">{t.replaceButton}</button></p>
                  <ul id="replace-state" class="uploads" aria-live="polite"></ul>
                </form>
              </section>
            ) : null}
          </div>
        </div>
      </NewsroomLayout>,
    ), status as 200);
  };

  registry.add({
    method: 'GET', path: '/newsroom/media/:id', permission: 'newsroom.use', kind: 'page', input: { params: idParams },
    handler: (c, { params }) => {
      const t = pick(MEDIA_TEXT, c.get('lang'));
      const replaced = c.req.query('replaced');
      const ok = c.req.query('saved') ? t.saved : replaced && /^\d{1,6}$/.test(replaced) ? t.replacedIn(Number(replaced)) : undefined;
      return detailPage(c, params.id, ok ? { ok } : {});
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/media/:id/replace-everywhere', permission: 'media.manage', kind: 'page', input: { params: idParams },
    handler: async (c, { params }) => {
      const t = pick(MEDIA_TEXT, c.get('lang'));
      const body = parseInput(replaceEverywhereBody, await c.req.parseBody(), 'the replacement picture, named by its id');
      const result = await replaceEverywhereFor(deps, c, params.id, body.with);
      if (result.failed.length) return detailPage(c, params.id, { failed: result.failed, ...(result.replaced.length && { ok: t.replacedIn(result.replaced.length) }) });
      return c.redirect(`/newsroom/media/${body.with}?replaced=${result.replaced.length}`, 303);
    },
  });

  // The rights form without JavaScript: the same checks and the same version rule as PATCH /newsroom/api/media/:id.
  registry.add({
    method: 'POST', path: '/newsroom/media/:id', permission: 'media.manage', kind: 'page', input: { params: idParams },
    handler: async (c, { params }) => {
      const t = pick(MEDIA_TEXT, c.get('lang'));
      const media = mediaOf(deps);
      const asset = await media.library.find(params.id);
      const id = asset.id;
      const raw = await c.req.parseBody();
      const form: FormValues = {};
      for (const k of [...RIGHTS_FIELDS, 'focalX', 'focalY'] as const) form[k] = typeof raw[k] === 'string' ? raw[k] as string : '';
      const version = typeof raw.version === 'string' && /^\d{1,9}$/.test(raw.version.trim()) ? Number(raw.version) : undefined;
      if (version === undefined) return detailPage(c, id, { error: t.noVersion, form }, 428);
      const body: Record<string, unknown> = {};
      for (const k of RIGHTS_FIELDS) body[k] = form[k] ?? '';
      // An unchanged day keeps the exact instant it stands for (e.g. an agency's end time).
      const was = formValues(asset);
      if (form.validFrom === was.validFrom && asset.rights.validFrom) body.validFrom = asset.rights.validFrom;
      if (form.validUntil === was.validUntil && asset.rights.validUntil) body.validUntil = asset.rights.validUntil;
      const fx = Number(form.focalX);
      const fy = Number(form.focalY);
      if (form.focalX !== was.focalX || form.focalY !== was.focalY) {
        body.focal = form.focalX !== '' && form.focalY !== '' && Number.isFinite(fx) && Number.isFinite(fy) ? { x: fx / 100, y: fy / 100 } : null;
      }
      try {
        const change = parseInput(assetChangeBody, body, 'the rights');
        await media.library.change(id, assetChangeOf(change), { expectedVersion: version, yours: change });
      } catch (err) {
        if (isLedeError(err) && err.code === 'VALIDATION') {
          // Refusals come with an issue per field; one without names its reason in a sentence.
          return detailPage(c, id, err.issues.length ? { issues: err.issues, form } : { error: errorText(err, c.get('lang')) ?? err.message, form }, 422);
        }
        if (isLedeError(err) && err.code === 'VERSION_CONFLICT') {
          // The current state in the form (saving it again must not undo the other change); what this editor entered beside it.
          const current = formValues(await media.library.find(id));
          const mine = Object.fromEntries(Object.entries(form).filter(([k, v]) => v !== current[k as keyof FormValues])) as FormValues;
          return detailPage(c, id, { conflict: mine }, 412);
        }
        throw err;
      }
      return c.redirect(`/newsroom/media/${id}?saved=1`, 303);
    },
  });
}
