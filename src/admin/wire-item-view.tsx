import { LedeError, type Block } from '../content/index.js';
import { hasPermission, mayOnStory } from '../content/roles.js';
import type { WireDiff } from '../content/wire-diff.js';
import type { NewsroomContext, NewsroomDeps } from '../http/context.js';
import type { WireAssociation, WireItem } from '../api/wire-api.js';
import { BodyView } from '../site/views/blocks.js';
import { errorText } from './issue-text.js';
import { NewsroomLayout } from './layout.js';
import { page } from './story-text.js';
import { EilBadge, EmbargoBadge, StatusBadge, WireNav, isEil, when, wireErrorText, wireText, type WireT } from './wire-common.js';
import { WireDiffView } from './wire-diff-view.js';
import { pick, type UiLang } from './i18n.js';
import { BREAKING_LINK_TEXT } from './breaking-page.js';

export interface WireItemNotice {
  /** A take-over that left something out: its notes and the way to the new story. */
  taken?: { storyId: string; warnings: string[] };
  error?: LedeError;
  status?: number;
}

const bytes = (n: number | undefined) => (n === undefined ? '' : n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`);

/**
 * The host of a rendition: the newsroom's CSP (img-src 'self') shows no
 * agency picture, so the desk lists what the agency offers in words.
 */
function host(href: string): string {
  try {
    return new URL(href).host;
  } catch {
    return '';
  }
}

function Picture(props: { a: WireAssociation; t: WireT; lang: UiLang }) {
  const { a, t, lang } = props;
  return (
    <li>
      <p><strong>{a.headline ?? a.kind}</strong> <span class="muted">({a.kind})</span></p>
      <dl class="wire-fields">
        {a.caption ? <><dt>{t.caption_}</dt><dd>{a.caption}</dd></> : null}
        {a.altText ? <><dt>{t.alt}</dt><dd>{a.altText}</dd></> : null}
        {a.rights.credit ? <><dt>{t.credit}</dt><dd>{a.rights.credit}</dd></> : null}
        {a.rights.copyrightHolder ? <><dt>{t.copyrightHolder}</dt><dd>{a.rights.copyrightHolder}</dd></> : null}
        {a.rights.copyrightNotice ? <><dt>{t.copyrightNotice}</dt><dd>{a.rights.copyrightNotice}</dd></> : null}
        {a.rights.validUntil ? <><dt>{t.validUntil}</dt><dd><time datetime={a.rights.validUntil}>{when(a.rights.validUntil, lang)}</time></dd></> : null}
        {a.rights.usageTerms ? <><dt>{t.usageTerms} ({t.internal})</dt><dd>{a.rights.usageTerms}</dd></> : null}
        {a.renditions.length ? (
          <><dt>{t.renditions}</dt><dd><ul>
            {a.renditions.map((r) => (
              <li>{[r.role, r.width && r.height ? `${r.width} × ${r.height}` : '', r.mimeType, bytes(r.sizeBytes), host(r.href)].filter(Boolean).join(' · ')}</li>
            ))}
          </ul></dd></>
        ) : null}
      </dl>
    </li>
  );
}

/** The body and its boxes as the reader site prints them (its escaping, its box asides); nothing of the page's own markup. */
function bodyBlocks(item: WireItem): Block[] {
  return [...(item.body ?? []), ...(item.boxes ?? []).map((b): Block => ({ type: 'box', ...(b.heading && { heading: b.heading }), body: b.blocks }))];
}

export async function renderWireItemPage(c: NewsroomContext, deps: NewsroomDeps, id: string, notice: WireItemNotice = {}): Promise<Response> {
  const lang = c.get('lang');
  const t = wireText(lang);
  const session = c.get('session')!;
  const view = await deps.services.wire.get(id);
  const { item, current: cur, versions, takes } = view;
  // The comparison asked for by the GET form (?from=&to=); numbers only, the service says when a version is missing.
  const from = Number(c.req.query('from') ?? '');
  const to = Number(c.req.query('to') ?? '');
  let diff: WireDiff | undefined;
  let diffError: string | undefined;
  if (c.req.query('from') !== undefined || c.req.query('to') !== undefined) {
    try {
      diff = await deps.services.wire.diff(item.id, from, to);
    } catch (err) {
      if (!(err instanceof LedeError) || (err.code !== 'NOT_FOUND' && err.code !== 'VALIDATION')) throw err;
      diffError = wireErrorText(err, lang, (e) => errorText(e, lang));
    }
  }
  const withdrawn = item.pubStatus !== 'usable';
  const embargoed = item.embargoUntil !== undefined;
  const embargoOver = embargoed && Date.parse(item.embargoUntil!) <= Date.now();
  const mayTake = hasPermission(session.user, 'wire.take');
  const internalNotes = (cur.notes ?? []).filter((n) => !n.publishable);
  const publicNotes = (cur.notes ?? []).filter((n) => n.publishable);
  const older = versions.find((v) => v.version < item.version)?.version;
  const names = new Map<string, string>();
  // "Als Eilmeldung" (urgency 1–2): the banner form with this item's headline and, when it was taken into a story that is published, that story.
  let publishedTake: string | undefined;
  for (const tk of takes) {
    const story = await deps.stories.get(tk.storyId).catch(() => undefined);
    // Only a story the editor may open is named; the others show as their id.
    if (story && mayOnStory(session.user, 'story.view', story)) names.set(tk.storyId, story.headline);
    if (story?.status === 'published') publishedTake ??= story.id;
  }
  const asBreaking = isEil(item.urgency) && !withdrawn && hasPermission(session.user, 'breaking.send')
    ? `/newsroom/eilmeldung?${new URLSearchParams({ headline: item.headline, ...(publishedTake ? { story: publishedTake } : { from: 'wire' }) })}`
    : undefined;
  const title = `${t.title}: ${item.headline}`;
  return c.html(page(
    <NewsroomLayout title={title} lang={lang} session={session} current="wire" assets={{ css: deps.asset('newsroom.css') }}>
      <WireNav t={t} session={session} current="desk" />
      <p><a href="/newsroom/agentur">{t.back}</a></p>
      {cur.kicker ? <p class="muted">{cur.kicker}</p> : null}
      <h1>{isEil(item.urgency) ? <><EilBadge t={t} />{' '}</> : null}{item.headline}</h1>
      <p>
        <StatusBadge status={item.status} t={t} />{' '}
        {item.source} · {t.version} {item.version} · {t.received} <time datetime={item.receivedAt}>{when(item.receivedAt, lang)}</time>
        {item.urgency !== undefined ? ` · ${t.urgencyN(item.urgency)}` : ''}
        {embargoed ? <>{' '}<EmbargoBadge until={item.embargoUntil!} t={t} lang={lang} /></> : null}
      </p>
      {notice.error ? <p class="notice error" role="alert">{wireErrorText(notice.error, lang, (e) => errorText(e, lang))}</p> : null}
      {notice.taken ? (
        <div class="notice ok" role="status">
          <p>{t.takenWarnings}</p>
          <ul>{notice.taken.warnings.map((w) => <li>{w}</li>)}</ul>
          <p><a href={`/newsroom/stories/${notice.taken.storyId}`}>{t.openStory}</a></p>
        </div>
      ) : null}
      {withdrawn ? (
        <section class="wire-warning" aria-labelledby="wire-withdrawn-h">
          <h2 id="wire-withdrawn-h">{t.withdrawnTitle}</h2>
          <p>{t.withdrawnText(item.pubStatus)}</p>
        </section>
      ) : null}
      {embargoed ? (
        <section class="wire-embargo" aria-labelledby="wire-embargo-h">
          <h2 id="wire-embargo-h">{t.embargoTitle}</h2>
          <p>{embargoOver ? t.embargoOver(when(item.embargoUntil!, lang)) : t.embargoText(when(item.embargoUntil!, lang))}</p>
        </section>
      ) : null}
      {asBreaking ? <p><a class="button" href={asBreaking}>{pick(BREAKING_LINK_TEXT, lang).asBreaking}</a></p> : null}
      {!withdrawn && mayTake ? (
        <form method="post" action={`/newsroom/agentur/${item.id}/uebernehmen`} class="panel wire-take">
          <input type="hidden" name="_csrf" value={session.csrfToken} />
          <button type="submit" aria-describedby="wire-take-hint">{t.take}</button>
          <span id="wire-take-hint" class="muted">{t.takeHint}</span>
        </form>
      ) : null}

      <section aria-labelledby="wire-text-h">
        <h2 id="wire-text-h">{t.text}</h2>
        <dl class="wire-fields">
          {cur.kicker ? <><dt>{t.kicker}</dt><dd>{cur.kicker}</dd></> : null}
          <dt>{t.headline}</dt><dd>{cur.headline}</dd>
          {cur.subhead ? <><dt>{t.subhead}</dt><dd>{cur.subhead}</dd></> : null}
          {cur.teaser ? <><dt>{t.teaser}</dt><dd>{cur.teaser}</dd></> : null}
          {cur.byline ? <><dt>{t.byline}</dt><dd>{cur.byline}</dd></> : null}
          {cur.dateline ? <><dt>{t.dateline}</dt><dd>{cur.dateline}</dd></> : null}
        </dl>
        <div class="wire-body" lang={cur.language ?? item.language ?? 'de'}>
          {bodyBlocks(cur).length ? <BodyView blocks={bodyBlocks(cur)} lang={cur.language ?? 'de'} {...(cur.dateline && { dateline: cur.dateline })} /> : <p>{t.noBody}</p>}
        </div>
      </section>

      {internalNotes.length || cur.rights?.usageTerms ? (
        <section class="wire-internal" aria-labelledby="wire-internal-h">
          <h2 id="wire-internal-h">{t.internal}</h2>
          {internalNotes.length ? <><h3>{t.internalNotes}</h3><ul>{internalNotes.map((n) => <li>{n.role ? <span class="muted">{n.role}: </span> : null}{n.text}</li>)}</ul></> : null}
          {cur.rights?.usageTerms ? <><h3>{t.usageTerms}</h3><p>{cur.rights.usageTerms}</p></> : null}
        </section>
      ) : null}
      {publicNotes.length ? (
        <section aria-labelledby="wire-public-notes-h">
          <h2 id="wire-public-notes-h">{t.publicNotes}</h2>
          <ul>{publicNotes.map((n) => <li>{n.text}</li>)}</ul>
        </section>
      ) : null}

      <section aria-labelledby="wire-rights-h">
        <h2 id="wire-rights-h">{t.rights}</h2>
        <dl class="wire-fields">
          {cur.creditLine ? <><dt>{t.creditLine}</dt><dd>{cur.creditLine}</dd></> : null}
          {cur.rights?.credit ? <><dt>{t.credit}</dt><dd>{cur.rights.credit}</dd></> : null}
          {cur.rights?.copyrightHolder ? <><dt>{t.copyrightHolder}</dt><dd>{cur.rights.copyrightHolder}</dd></> : null}
          {cur.rights?.copyrightNotice ? <><dt>{t.copyrightNotice}</dt><dd>{cur.rights.copyrightNotice}</dd></> : null}
          {cur.rights?.validUntil ? <><dt>{t.validUntil}</dt><dd><time datetime={cur.rights.validUntil}>{when(cur.rights.validUntil, lang)}</time></dd></> : null}
          <dt>{t.format}</dt><dd>{cur.format}{cur.formatVersion ? ` ${cur.formatVersion}` : ''}</dd>
          <dt>{t.guid}</dt><dd>{item.guid}</dd>
          <dt>{t.firstReceived}</dt><dd><time datetime={item.firstReceivedAt}>{when(item.firstReceivedAt, lang)}</time></dd>
        </dl>
      </section>

      <section aria-labelledby="wire-pictures-h">
        <h2 id="wire-pictures-h">{t.pictures}</h2>
        {(cur.associations ?? []).length ? (
          <><p class="muted">{t.pictureNote}</p><ul>{cur.associations.map((a) => <Picture a={a} t={t} lang={lang} />)}</ul></>
        ) : <p>{t.noPictures}</p>}
      </section>

      <section aria-labelledby="wire-categories-h">
        <h2 id="wire-categories-h">{t.categories}</h2>
        {(cur.categories ?? []).length ? (
          <table>
            <caption class="vh">{t.categories}</caption>
            <thead><tr><th scope="col">{t.scheme}</th><th scope="col">{t.name}</th><th scope="col">{t.code}</th></tr></thead>
            <tbody>{cur.categories.map((k) => <tr><td>{k.scheme}</td><td>{k.name}</td><td>{k.code ?? ''}</td></tr>)}</tbody>
          </table>
        ) : <p>–</p>}
      </section>

      {(cur.warnings ?? []).length ? (
        <section aria-labelledby="wire-warnings-h">
          <h2 id="wire-warnings-h">{t.readerWarnings}</h2>
          <ul>{cur.warnings.map((w) => <li>{w}</li>)}</ul>
        </section>
      ) : null}

      <section aria-labelledby="wire-takes-h">
        <h2 id="wire-takes-h">{t.takes}</h2>
        {takes.length ? (
          <ul>
            {takes.map((tk) => (
              <li>
                <a href={`/newsroom/stories/${tk.storyId}`}>{names.get(tk.storyId) ?? tk.storyId}</a>{' '}
                <span class="muted">{t.takenBy(tk.takenVersion, tk.autoPublished ? t.system : tk.takenByName ?? '–', when(tk.takenAt, lang))}</span>
                {tk.alert ? <> <strong class="badge status-withdrawn">{t.alert[tk.alert]}</strong></> : null}
              </li>
            ))}
          </ul>
        ) : <p>{t.noTakes}</p>}
      </section>

      <section aria-labelledby="wire-versions-h">
        <h2 id="wire-versions-h">{t.versions}</h2>
        <table>
          <caption class="vh">{t.versions}</caption>
          <thead><tr><th scope="col">{t.version}</th><th scope="col">{t.received}</th><th scope="col">{t.status}</th><th scope="col">{t.via}</th></tr></thead>
          <tbody>
            {versions.map((v) => (
              <tr>
                <th scope="row">{v.version}{v.version === item.version ? ` (${t.current})` : ''}</th>
                <td><time datetime={v.receivedAt}>{when(v.receivedAt, lang)}</time></td>
                <td>
                  {[v.correction ? t.correction : '', v.pubStatus !== 'usable' ? `${t.withdrawnMark} (${v.pubStatus})` : '', v.late ? t.late : ''].filter(Boolean).join(' · ') || '–'}
                </td>
                <td>{v.via ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {versions.length > 1 ? (
          <form method="get" action={`/newsroom/agentur/${item.id}`} class="panel filters" aria-label={t.compare}>
            <div>
              <label for="wire-from">{t.from}</label>
              <select id="wire-from" name="from">
                {versions.map((v) => <option value={String(v.version)} selected={diff ? diff.fromVersion === v.version : v.version === older}>{`${t.version} ${v.version}`}</option>)}
              </select>
            </div>
            <div>
              <label for="wire-to">{t.to}</label>
              <select id="wire-to" name="to">
                {versions.map((v) => <option value={String(v.version)} selected={diff ? diff.toVersion === v.version : v.version === item.version}>{`${t.version} ${v.version}`}</option>)}
              </select>
            </div>
            <div class="buttons"><button type="submit">{t.show}</button></div>
          </form>
        ) : null}
        {diffError ? <p class="notice error" role="alert">{diffError}</p> : null}
      </section>
      {diff ? (
        <section aria-labelledby="wire-diff-h" id="wire-diff">
          <h2 id="wire-diff-h">{t.diffTitle(diff.fromVersion, diff.toVersion)}</h2>
          <WireDiffView diff={diff} lang={lang} />
        </section>
      ) : null}
    </NewsroomLayout>,
  ), (notice.status ?? 200) as 200);
}
