import { LedeError, isSafeLocalPath, toZonedIso, zonedIso, type ValidationIssue } from '../content/index.js';
import { BREAKING_LIMITS, DEFAULT_BREAKING_MINUTES, MAX_BREAKING_MINUTES, type BreakingInput, type BreakingItem } from '../services/breaking-service.js';
import { actorOf, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { idParams } from '../http/input.js';
import type { BreakingRow } from '../store/breaking-queries.js';
import { pick, type UiLang } from './i18n.js';
import { errorText, issueMessage } from './issue-text.js';
import { NewsroomLayout } from './layout.js';
import { page } from './story-text.js';

/**
 * The breaking banner page ("Eilmeldung", issue 14; breaking.send): the
 * banner that is up, a form to set one from a story or as headline + link
 * with an end, a form to change the one that is up at its version, taking
 * it down after a confirmation, and the history. Plain forms with CSRF; a
 * refusal comes back as the form with each issue next to its field.
 * Prefilled from the query (?story=, ?headline=, ?url=): the editor's and the
 * wire desk's "Als Eilmeldung" links open it so.
 */

export const BREAKING_TEXT = {
  de: {
    nav: 'Eilmeldung', title: 'Eilmeldung',
    intro: 'Die Eilmeldung steht als roter Balken oben auf jeder Seite der Website, bis sie endet oder beendet wird.',
    current: 'Jetzt oben', none: 'Zurzeit ist keine Eilmeldung gesetzt.',
    headline: 'Schlagzeile', url: 'Link', story: 'Beitrag (Adresse oder Kennung)', endsAt: 'Endet (Berliner Zeit)', minutes: 'Dauer in Minuten',
    setBy: 'Gesetzt von', startsAt: 'Seit', ended: 'Beendet',
    storyHint: 'Ein veröffentlichter Beitrag: Schlagzeile und Link kommen aus ihm, wenn die Felder leer sind. Ohne Beitrag: Schlagzeile und Link angeben.',
    urlHint: 'Ein Pfad auf dieser Website („/politik/…“) oder eine https-Adresse.',
    endHint: (m: number) => `Ein Endzeitpunkt geht vor; sonst endet die Eilmeldung nach der Dauer (Vorgabe ${m} Minuten, höchstens eine Woche).`,
    chooseStory: 'Neueste veröffentlichte Beiträge', set: 'Eilmeldung setzen', setReplaces: 'Eine Eilmeldung, die oben steht, wird dabei ersetzt.',
    change: 'Eilmeldung ändern', save: 'Änderung speichern', version: (v: number) => `Version ${v}`,
    takeDown: 'Eilmeldung beenden', confirm: 'Ja, die Eilmeldung jetzt von allen Seiten nehmen', confirmMissing: 'Bitte bestätigen Sie das Beenden.',
    alsoPush: 'Auch als Push senden', history: 'Verlauf', noHistory: 'Noch keine Eilmeldungen.',
    done: { set: 'Die Eilmeldung ist gesetzt.', updated: 'Die Eilmeldung ist geändert.', ended: 'Die Eilmeldung ist beendet.', none: 'Es stand keine Eilmeldung oben.' },
    conflict: 'Die Eilmeldung wurde inzwischen geändert oder beendet. Unten steht der aktuelle Stand; bitte erneut ändern.',
    fromWire: 'Aus der Agenturmeldung: Sie ist für Leserinnen und Leser nicht erreichbar. Wählen Sie einen veröffentlichten Beitrag oder geben Sie einen Link an.',
    errorsAbove: 'Bitte die markierten Angaben prüfen.',
    state: { live: 'oben', ended: 'beendet', over: 'abgelaufen' },
  },
  en: {
    nav: 'Breaking news', title: 'Breaking news',
    intro: 'The breaking news item is a red bar at the top of every page of the site until it ends or is taken down.',
    current: 'Up now', none: 'No breaking news item is up.',
    headline: 'Headline', url: 'Link', story: 'Story (slug or id)', endsAt: 'Ends (Berlin time)', minutes: 'Duration in minutes',
    setBy: 'Set by', startsAt: 'Since', ended: 'Ended',
    storyHint: 'A published story: headline and link come from it when the fields are empty. Without a story: give headline and link.',
    urlHint: 'A path on this site ("/politik/…") or an https address.',
    endHint: (m: number) => `An end time comes first; otherwise the item ends after the duration (default ${m} minutes, at most a week).`,
    chooseStory: 'Latest published stories', set: 'Set breaking news', setReplaces: 'An item that is up is replaced.',
    change: 'Change breaking news', save: 'Save change', version: (v: number) => `Version ${v}`,
    takeDown: 'Take breaking news down', confirm: 'Yes, take the item off every page now', confirmMissing: 'Please confirm taking it down.',
    alsoPush: 'Also send as push', history: 'History', noHistory: 'No breaking news yet.',
    done: { set: 'The breaking news item is up.', updated: 'The breaking news item is changed.', ended: 'The breaking news item is taken down.', none: 'No breaking news item was up.' },
    conflict: 'The item was changed or taken down meanwhile. Below is how it stands now; please change it again.',
    fromWire: 'From the wire item: readers cannot open it. Choose a published story or give a link.',
    errorsAbove: 'Please check the marked fields.',
    state: { live: 'up', ended: 'taken down', over: 'expired' },
  },
};

/** The words of the "Als Eilmeldung" / "Push senden" links other pages show (editor, wire desk). */
export const BREAKING_LINK_TEXT = {
  de: { asBreaking: 'Als Eilmeldung', sendPush: 'Push senden' },
  en: { asBreaking: 'As breaking news', sendPush: 'Send push' },
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const when = (iso: string, lang: UiLang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(iso));

/** "2026-11-25T14:30" (a datetime-local field, Berlin time) as ISO with offset; anything else as it came (the service names it). */
export function berlinLocalToIso(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return value.trim();
  return zonedIso(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) ?? value.trim();
}

/** An instant as a datetime-local value in Berlin time. */
const toLocalField = (iso: string) => toZonedIso(new Date(iso)).slice(0, 16);

/** The link to the push form prefilled from a banner (headline → title, a path on this site → link). */
export function pushLinkFor(headline: string, url: string, body = ''): string {
  const q = new URLSearchParams({ title: headline.slice(0, 120) });
  if (body) q.set('body', body.slice(0, 400));
  if (isSafeLocalPath(url)) q.set('url', url);
  return `/newsroom/push?${q}`;
}

/** The banner form prefilled with a story (the editor's "Als Eilmeldung"). */
export const breakingLinkFor = (story: { id: string }) => `/newsroom/eilmeldung?${new URLSearchParams({ story: story.id })}`;

interface SetForm { story: string; headline: string; url: string; endsAt: string; minutes: string }
interface Notice {
  ok?: string;
  error?: string;
  status?: number;
  /** The set form as sent, with its issues by field. */
  setForm?: SetForm;
  setIssues?: ValidationIssue[];
  changeForm?: SetForm;
  changeIssues?: ValidationIssue[];
  confirmIssue?: boolean;
  fromWire?: boolean;
}

/** A field's issues in the editor's words (lengths filled in where the service left them out). */
function FieldIssues(props: { id: string; issues: ValidationIssue[] | undefined; field: string; value: string; lang: UiLang; max?: number }) {
  const mine = (props.issues ?? []).filter((i) => i.path === props.field);
  if (!mine.length) return null;
  return (
    <p class="notice error" id={props.id}>
      {mine.map((i) => {
        const params = i.code === 'too_long' ? { max: props.max ?? i.params?.max ?? '', got: props.value.length, ...i.params } : i.params;
        return issueMessage({ ...i, ...(params && { params }) }, props.lang);
      }).join('; ')}
    </p>
  );
}

const hasIssue = (issues: ValidationIssue[] | undefined, field: string) => (issues ?? []).some((i) => i.path === field);

function BannerFields(props: { prefix: string; form: SetForm; issues: ValidationIssue[] | undefined; lang: UiLang; storyList?: string }) {
  const t = pick(BREAKING_TEXT, props.lang);
  const { prefix: p, form: f, issues, lang } = props;
  const field = (name: keyof SetForm) => ({
    id: `${p}-${name}`, name,
    'aria-invalid': hasIssue(issues, name) ? 'true' : undefined,
    'aria-describedby': [hasIssue(issues, name) ? `${p}-${name}-error` : '', name === 'story' ? `${p}-story-hint` : name === 'url' ? `${p}-url-hint` : name === 'minutes' ? `${p}-end-hint` : ''].filter(Boolean).join(' ') || undefined,
  });
  const other = (issues ?? []).filter((i) => !['story', 'headline', 'url', 'endsAt', 'minutes', 'version'].includes(i.path));
  return (
    <>
      {other.length ? <p class="notice error">{other.map((i) => issueMessage(i, lang)).join('; ')}</p> : null}
      <label for={`${p}-story`}>{t.story}</label>
      <input {...field('story')} type="text" maxlength={200} value={f.story} list={props.storyList} autocomplete="off" />
      <p class="muted" id={`${p}-story-hint`}>{t.storyHint}</p>
      <FieldIssues id={`${p}-story-error`} issues={issues} field="story" value={f.story} lang={lang} max={200} />
      <label for={`${p}-headline`}>{t.headline}</label>
      <input {...field('headline')} type="text" maxlength={BREAKING_LIMITS.headline} value={f.headline} />
      <FieldIssues id={`${p}-headline-error`} issues={issues} field="headline" value={f.headline} lang={lang} max={BREAKING_LIMITS.headline} />
      <label for={`${p}-url`}>{t.url}</label>
      <input {...field('url')} type="text" maxlength={BREAKING_LIMITS.url} value={f.url} />
      <p class="muted" id={`${p}-url-hint`}>{t.urlHint}</p>
      <FieldIssues id={`${p}-url-error`} issues={issues} field="url" value={f.url} lang={lang} max={BREAKING_LIMITS.url} />
      <label for={`${p}-endsAt`}>{t.endsAt}</label>
      <input {...field('endsAt')} type="datetime-local" value={f.endsAt} />
      <FieldIssues id={`${p}-endsAt-error`} issues={issues} field="endsAt" value={f.endsAt} lang={lang} />
      <label for={`${p}-minutes`}>{t.minutes}</label>
      <input {...field('minutes')} type="number" min={1} max={MAX_BREAKING_MINUTES} step={1} value={f.minutes} />
      <p class="muted" id={`${p}-end-hint`}>{t.endHint(DEFAULT_BREAKING_MINUTES)}</p>
      <FieldIssues id={`${p}-minutes-error`} issues={issues} field="minutes" value={f.minutes} lang={lang} />
    </>
  );
}

/** A form's fields as the service takes them: empty fields are left out (a story fills them), the end as ISO. */
function inputOf(f: SetForm): BreakingInput {
  return {
    ...(f.story.trim() && { story: f.story }),
    ...(f.headline.trim() && { headline: f.headline }),
    ...(f.url.trim() && { url: f.url }),
    ...(f.endsAt.trim() ? { endsAt: berlinLocalToIso(f.endsAt) } : f.minutes.trim() ? { minutes: f.minutes.trim() } : {}),
  };
}

const formOf = (body: Record<string, unknown>): SetForm => ({
  story: str(body.story), headline: str(body.headline), url: str(body.url), endsAt: str(body.endsAt), minutes: str(body.minutes),
});

export function registerBreakingPage(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const breaking = deps.services.breaking;

  const render = async (c: NewsroomContext, notice: Notice = {}) => {
    const lang = c.get('lang');
    const t = pick(BREAKING_TEXT, lang);
    const session = c.get('session')!;
    const csrf = <input type="hidden" name="_csrf" value={session.csrfToken} />;
    const item: BreakingItem | undefined = await breaking.current();
    const row: BreakingRow | undefined = item && await breaking.get(item.id);
    const recent = await breaking.recent(20);
    const stories = await breaking.pickableStories(30);
    const q = c.req.query();
    const setForm: SetForm = notice.setForm ?? {
      story: str(q.story), headline: str(q.headline).slice(0, BREAKING_LIMITS.headline), url: str(q.url).slice(0, BREAKING_LIMITS.url),
      endsAt: '', minutes: String(DEFAULT_BREAKING_MINUTES),
    };
    const changeForm: SetForm | undefined = item && (notice.changeForm ?? { story: '', headline: item.headline, url: item.url, endsAt: toLocalField(item.endsAt), minutes: '' });
    const now = Date.now();
    const stateOf = (r: BreakingRow) => (r.endedAt ? t.state.ended : Date.parse(r.endsAt) <= now ? t.state.over : t.state.live);
    return c.html(page(
      <NewsroomLayout title={t.title} lang={lang} session={session} current="breaking" assets={{ css: deps.asset('newsroom.css') }}>
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        <p><a href="/newsroom/push">{pick(BREAKING_LINK_TEXT, lang).sendPush}</a></p>
        {notice.ok ? <p class="notice ok" role="status">{notice.ok}</p> : null}
        {notice.error ? <p class="notice error" role="alert">{notice.error}</p> : null}
        {notice.setIssues?.length || notice.changeIssues?.length || notice.confirmIssue ? <p class="notice error" role="alert">{t.errorsAbove}</p> : null}

        <section class="panel" aria-labelledby="breaking-current-h">
          <h2 id="breaking-current-h">{t.current}</h2>
          {item && row ? (
            <>
              <p class="eil-notice-text"><strong>{item.headline}</strong></p>
              <dl>
                <dt>{t.url}</dt><dd><a href={item.url}>{item.url}</a></dd>
                <dt>{t.startsAt}</dt><dd><time datetime={item.startsAt}>{when(item.startsAt, lang)}</time></dd>
                <dt>{t.endsAt}</dt><dd><time datetime={item.endsAt}>{when(item.endsAt, lang)}</time></dd>
                <dt>{t.setBy}</dt><dd>{row.createdBy}</dd>
              </dl>
              <p><a class="button" href={pushLinkFor(item.headline, item.url)}>{t.alsoPush}</a></p>
              <form method="post" action={`/newsroom/eilmeldung/${item.id}`} aria-labelledby="breaking-change-h">
                <h3 id="breaking-change-h">{t.change} <span class="muted">({t.version(item.version)})</span></h3>
                {csrf}
                <input type="hidden" name="version" value={String(item.version)} />
                <BannerFields prefix="change" form={changeForm!} issues={notice.changeIssues} lang={lang} storyList="breaking-stories" />
                <p><button type="submit">{t.save}</button></p>
              </form>
              <form method="post" action="/newsroom/eilmeldung/beenden" aria-labelledby="breaking-end-h">
                <h3 id="breaking-end-h">{t.takeDown}</h3>
                {csrf}
                <label>
                  <input type="checkbox" name="confirm" value="yes" required aria-invalid={notice.confirmIssue ? 'true' : undefined}
                    aria-describedby={notice.confirmIssue ? 'breaking-confirm-error' : undefined} /> {t.confirm}
                </label>
                {notice.confirmIssue ? <p class="notice error" id="breaking-confirm-error">{t.confirmMissing}</p> : null}
                <p><button type="submit" class="danger">{t.takeDown}</button></p>
              </form>
            </>
          ) : <p>{t.none}</p>}
        </section>

        <section class="panel" aria-labelledby="breaking-set-h">
          <h2 id="breaking-set-h">{t.set}</h2>
          {notice.fromWire || (q.from === 'wire' && !setForm.story) ? <p class="notice">{t.fromWire}</p> : null}
          {item ? <p class="muted">{t.setReplaces}</p> : null}
          <form method="post" action="/newsroom/eilmeldung">
            {csrf}
            <BannerFields prefix="set" form={setForm} issues={notice.setIssues} lang={lang} storyList="breaking-stories" />
            <p><button type="submit">{t.set}</button></p>
          </form>
          <datalist id="breaking-stories" aria-label={t.chooseStory}>
            {stories.map((s) => <option value={s.slug}>{s.headline}</option>)}
          </datalist>
        </section>

        <section aria-labelledby="breaking-history-h">
          <h2 id="breaking-history-h">{t.history}</h2>
          {recent.length ? (
            <table class="users">
              <caption class="vh">{t.history}</caption>
              <thead><tr><th scope="col">{t.headline}</th><th scope="col">{t.startsAt}</th><th scope="col">{t.endsAt}</th><th scope="col">{t.setBy}</th></tr></thead>
              <tbody>
                {recent.map((r) => (
                  <tr>
                    <th scope="row">{r.headline}<br /><span class="muted"><code>{r.url}</code> · {stateOf(r)}</span></th>
                    <td><time datetime={r.startsAt}>{when(r.startsAt, lang)}</time></td>
                    <td><time datetime={r.endsAt}>{when(r.endsAt, lang)}</time></td>
                    <td>{r.createdBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p>{t.noHistory}</p>}
        </section>
      </NewsroomLayout>,
    ), (notice.status ?? 200) as 200);
  };

  /** A refusal the editor can fix comes back as the page with the issues at their fields (422/404/409), never a 500. */
  const refused = (c: NewsroomContext, err: unknown, which: 'set' | 'change', form: SetForm) => {
    if (!(err instanceof LedeError) || !['VALIDATION', 'NOT_FOUND', 'CONFLICT'].includes(err.code)) throw err;
    const lang = c.get('lang');
    if (err.code === 'CONFLICT') return render(c, { error: pick(BREAKING_TEXT, lang).conflict, status: 409 });
    if (err.issues.length) {
      return render(c, which === 'set' ? { setForm: form, setIssues: err.issues, status: err.status } : { changeForm: form, changeIssues: err.issues, status: err.status });
    }
    return render(c, { error: errorText(err, lang) ?? err.message, status: err.status, ...(which === 'set' ? { setForm: form } : { changeForm: form }) });
  };

  registry.add({ method: 'GET', path: '/newsroom/eilmeldung', permission: 'breaking.send', kind: 'page', handler: (c) => render(c) });

  registry.add({
    method: 'POST', path: '/newsroom/eilmeldung', permission: 'breaking.send', kind: 'page',
    handler: async (c) => {
      const form = formOf(await c.req.parseBody());
      try {
        await breaking.set(actorOf(c), inputOf(form));
      } catch (err) {
        return refused(c, err, 'set', form);
      }
      return render(c, { ok: pick(BREAKING_TEXT, c.get('lang')).done.set, status: 201 });
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/eilmeldung/beenden', permission: 'breaking.send', kind: 'page',
    handler: async (c) => {
      const t = pick(BREAKING_TEXT, c.get('lang'));
      // The confirmation is checked here too: a form sent without it (no browser check) takes nothing down.
      if (str((await c.req.parseBody()).confirm) !== 'yes') return render(c, { confirmIssue: true, status: 422 });
      return render(c, { ok: (await breaking.takeDown(actorOf(c))) ? t.done.ended : t.done.none });
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/eilmeldung/:id', permission: 'breaking.send', kind: 'page', input: { params: idParams },
    handler: async (c, { params }) => {
      const body = await c.req.parseBody();
      const form = formOf(body);
      // On a change an emptied field is an issue (not "keep the old value"); a named story fills an emptied headline or link.
      // Keys given as undefined replace the stored values the service starts from (an end time it would otherwise keep).
      const named = form.story.trim() !== '';
      const end: BreakingInput = form.endsAt.trim() ? { endsAt: berlinLocalToIso(form.endsAt) } : form.minutes.trim() ? { endsAt: undefined, minutes: form.minutes.trim() } : {};
      const input: BreakingInput = {
        headline: named && !form.headline.trim() ? undefined : form.headline,
        url: named && !form.url.trim() ? undefined : form.url,
        ...(named && { story: form.story }),
        ...end,
      };
      try {
        await breaking.update(actorOf(c), params.id, str(body.version), input);
      } catch (err) {
        return refused(c, err, 'change', form);
      }
      return render(c, { ok: pick(BREAKING_TEXT, c.get('lang')).done.updated });
    },
  });
}
