import { LedeError, STORY_KINDS, topicSlug, topicPath } from '../content/index.js';
import { ANY, MAX_RETENTION_MONTHS, MAX_TOPIC_INTRO } from '../services/taxonomy-service.js';
import type { Topic } from '../store/topic-repository.js';
import { hasPermission } from '../content/roles.js';
import { slugParams } from '../api/taxonomy-api.js';
import { actorOf, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { pick } from './i18n.js';
import { errorText } from './issue-text.js';
import { NewsroomLayout } from './layout.js';
import { STORY_TEXT, page } from './story-text.js';

const KINDS = [ANY, ...STORY_KINDS] as const;

const TEXT = {
  de: {
    topics: 'Themen', sections: 'Ressorts', name: 'Name', slug: 'Kürzel', stories: 'Beiträge', intro: 'Einführung', actions: 'Aktionen',
    hasIntro: 'ja', noIntro: 'keine', edit: 'Bearbeiten', editLabel: (n: string) => `Thema ${n} bearbeiten`, save: 'Speichern',
    newTopic: 'Neues Thema', create: 'Thema anlegen', saved: (n: string) => `„${n}“ wurde gespeichert. Die Themenseite ist aktualisiert.`,
    introHint: `Reiner Text, höchstens ${MAX_TOPIC_INTRO} Zeichen; eine Leerzeile beginnt einen neuen Absatz. Steht über der Themenseite.`,
    page: 'Themenseite', back: 'Zurück zu den Themen', toSections: 'Ressorts und Aufbewahrung', toTopics: 'Themen',
    retention: 'Aufbewahrung', all: 'Alle Ressorts (Grundregel)', anyKind: 'Alle Arten',
    kinds: STORY_TEXT.de.kind as Record<string, string>,
    months: 'Monate', monthsFor: (kind: string) => `${kind}: Monate bis zum Depublizieren`,
    retentionHint: `Veröffentlichte Beiträge werden so viele Monate nach ihrer ersten Veröffentlichung automatisch depubliziert (im Protokoll vermerkt). Leer: keine Regel, es gilt die allgemeinere. 0: nie depublizieren (Ausnahme von einer allgemeineren Regel). Die genaueste Regel gilt: Ressort und Art, dann Ressort, dann Art, dann die Grundregel. Höchstens ${MAX_RETENTION_MONTHS}.`,
    savedRules: (n: string) => `Die Aufbewahrungsregeln für „${n}“ wurden gespeichert.`, readOnly: 'Nur Chef vom Dienst und Administration können das ändern.',
    badMonths: (kind: string) => `${kind}: bitte eine ganze Zahl von 0 bis ${MAX_RETENTION_MONTHS} oder nichts eingeben`,
    conflict: (who: string) => `Jemand anderes hat dieses Thema gespeichert, während Sie es bearbeitet haben (jetzt ${who}). Ihre Änderung wurde nicht gespeichert; sie steht noch im Formular. Die gespeicherte Fassung steht darunter. Speichern Sie erneut, um sie durch Ihre zu ersetzen.`,
    exists: (n: string) => `Das Thema „${n}“ gibt es schon. Bitte bearbeiten Sie es in der Liste, statt es neu anzulegen.`,
    savedVersion: 'Gespeicherte Fassung', version: (n: number) => `Fassung ${n}`,
  },
  en: {
    topics: 'Topics', sections: 'Sections', name: 'Name', slug: 'Slug', stories: 'Stories', intro: 'Introduction', actions: 'Actions',
    hasIntro: 'yes', noIntro: 'none', edit: 'Edit', editLabel: (n: string) => `Edit topic ${n}`, save: 'Save',
    newTopic: 'New topic', create: 'Create topic', saved: (n: string) => `"${n}" was saved. The topic page is up to date.`,
    introHint: `Plain text, at most ${MAX_TOPIC_INTRO} characters; a blank line starts a new paragraph. Shown above the topic page.`,
    page: 'Topic page', back: 'Back to the topics', toSections: 'Sections and retention', toTopics: 'Topics',
    retention: 'Retention', all: 'All sections (base rule)', anyKind: 'All kinds',
    kinds: STORY_TEXT.en.kind as Record<string, string>,
    months: 'Months', monthsFor: (kind: string) => `${kind}: months until depublication`,
    retentionHint: `Published stories are depublished automatically this many months after their first publication (recorded in the audit log). Empty: no rule, the broader one applies. 0: never depublish (an exception to a broader rule). The most specific rule wins: section and kind, then section, then kind, then the base rule. At most ${MAX_RETENTION_MONTHS}.`,
    savedRules: (n: string) => `The retention rules for "${n}" were saved.`, readOnly: 'Only editors and administrators can change this.',
    badMonths: (kind: string) => `${kind}: enter a whole number from 0 to ${MAX_RETENTION_MONTHS}, or nothing`,
    conflict: (who: string) => `Someone else saved this topic while you were editing it (now ${who}). Your change was not saved; it is still in the form. The saved text is shown below it. Save again to replace it with yours.`,
    exists: (n: string) => `The topic "${n}" exists already. Please edit it from the list instead of creating it again.`,
    savedVersion: 'Saved text', version: (n: number) => `version ${n}`,
  },
};

export const TAXONOMY_CSS = `
.retention fieldset{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.5rem 1rem}
.retention fieldset div{display:flex;flex-direction:column}
.retention label{margin:0 0 .2rem;font-weight:400}
.retention input[type=number]{width:6rem}
.taxonomy-nav{display:flex;gap:1rem}
`;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Topic and section pages: everyone who lists stories may look; editors and admins (taxonomy.manage) change. */
export function registerTaxonomyPages(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const css = () => deps.asset('newsroom.css');
  const manages = (c: NewsroomContext) => hasPermission(c.get('session')!.user, 'taxonomy.manage');

  const nav = (t: (typeof TEXT)['de']) => (
    <p class="taxonomy-nav"><a href="/newsroom/topics">{t.toTopics}</a><a href="/newsroom/sections">{t.toSections}</a></p>
  );

  const topicsPage = async (c: NewsroomContext, notice: { ok?: string; error?: string; status?: number; form?: { name: string; intro: string } } = {}) => {
    const lang = c.get('lang');
    const t = pick(TEXT, lang);
    const session = c.get('session')!;
    const topics = await deps.services.taxonomy.topics();
    const may = manages(c);
    return c.html(page(
      <NewsroomLayout title={t.topics} lang={lang} session={session} current="topics" assets={{ css: css() }}>
        <h1>{t.topics}</h1>
        {nav(t)}
        {notice.ok ? <p class="notice ok" role="status">{notice.ok}</p> : null}
        {notice.error ? <p class="notice error" role="alert">{notice.error}</p> : null}
        {may ? null : <p class="muted">{t.readOnly}</p>}
        <table>
          <caption class="vh">{t.topics}</caption>
          <thead><tr><th scope="col">{t.name}</th><th scope="col">{t.slug}</th><th scope="col">{t.stories}</th><th scope="col">{t.intro}</th>{may ? <th scope="col">{t.actions}</th> : null}</tr></thead>
          <tbody>
            {topics.map((topic) => (
              <tr>
                <th scope="row">{topic.name}</th>
                <td><a href={topicPath(topic.slug)}>{topic.slug}</a></td>
                <td>{topic.stories}</td>
                <td>{topic.intro ? t.hasIntro : t.noIntro}</td>
                {may ? <td><a href={`/newsroom/topics/${topic.slug}`} aria-label={t.editLabel(topic.name)}>{t.edit}</a></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
        {may ? (
          <section class="panel" aria-labelledby="new-topic-h">
            <h2 id="new-topic-h">{t.newTopic}</h2>
            <form method="post" action="/newsroom/topics">
              <input type="hidden" name="_csrf" value={session.csrfToken} />
              <label for="topic-name">{t.name}</label>
              <input id="topic-name" name="name" type="text" required maxlength={80} value={notice.form?.name ?? ''} />
              <label for="topic-intro">{t.intro}</label>
              <textarea id="topic-intro" name="intro" rows={5} maxlength={MAX_TOPIC_INTRO} aria-describedby="topic-intro-hint">{notice.form?.intro ?? ''}</textarea>
              <p id="topic-intro-hint" class="muted">{t.introHint}</p>
              <p><button type="submit">{t.create}</button></p>
            </form>
          </section>
        ) : null}
      </NewsroomLayout>,
    ), (notice.status ?? 200) as 200);
  };

  type TopicForm = { name: string; intro: string; version: string };
  /** The edit form; after a conflict it keeps what the editor typed, names the stored version (so saving again is a decision) and shows the stored text. */
  const topicEditPage = async (c: NewsroomContext, slug: string, notice: { error?: string; status?: number; form?: TopicForm; stored?: Topic } = {}) => {
    const lang = c.get('lang');
    const t = pick(TEXT, lang);
    const session = c.get('session')!;
    const topic = await deps.services.taxonomy.topic(slug);
    const form = notice.form ?? { name: topic.name, intro: topic.intro ?? '', version: topic.version === undefined ? '' : String(topic.version) };
    return c.html(page(
      <NewsroomLayout title={`${t.topics}: ${topic.name}`} lang={lang} session={session} current="topics" assets={{ css: css() }}>
        <h1>{topic.name}</h1>
        <p><a href="/newsroom/topics">{t.back}</a> · <a href={topicPath(topic.slug)}>{t.page}</a></p>
        {notice.error ? <p class="notice error" role="alert">{notice.error}</p> : null}
        <form method="post" action={`/newsroom/topics/${topic.slug}`} class="panel">
          <input type="hidden" name="_csrf" value={session.csrfToken} />
          <input type="hidden" name="version" value={form.version} />
          <label for="topic-name">{t.name}</label>
          <input id="topic-name" name="name" type="text" required maxlength={80} value={form.name} />
          <label for="topic-intro">{t.intro}</label>
          <textarea id="topic-intro" name="intro" rows={10} maxlength={MAX_TOPIC_INTRO} aria-describedby="topic-intro-hint">{form.intro}</textarea>
          <p id="topic-intro-hint" class="muted">{t.introHint}</p>
          <p><button type="submit">{t.save}</button></p>
        </form>
        {notice.stored ? (
          <section class="panel" aria-labelledby="stored-h">
            <h2 id="stored-h">{`${t.savedVersion} (${t.version(notice.stored.version)})`}</h2>
            <p><strong>{notice.stored.name}</strong></p>
            {(notice.stored.intro ?? '').split('\n\n').filter(Boolean).map((p) => <p>{p}</p>)}
          </section>
        ) : null}
      </NewsroomLayout>,
    ), (notice.status ?? 200) as 200);
  };

  /** A refusal of a topic form in the editor's words (the English message only when the newsroom does not know it). */
  const refusal = (c: NewsroomContext, err: LedeError) => errorText(err, c.get('lang')) ?? err.message;

  registry.add({
    method: 'GET', path: '/newsroom/topics', permission: 'story.list', kind: 'page',
    handler: (c) => {
      const ctx = c as NewsroomContext;
      const saved = c.req.query('saved');
      return topicsPage(ctx, saved ? { ok: pick(TEXT, ctx.get('lang')).saved(saved) } : {});
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/topics', permission: 'taxonomy.manage', kind: 'page',
    handler: async (c) => {
      const form = await c.req.parseBody();
      const fields = { name: str(form.name), intro: str(form.intro) };
      try {
        // A new topic: no version, so a topic that exists already is not overwritten from here.
        const topic = await deps.services.taxonomy.saveTopic(topicSlug(fields.name), fields, undefined);
        return c.redirect(`/newsroom/topics?saved=${encodeURIComponent(topic.name)}`, 303);
      } catch (err) {
        if (err instanceof LedeError && err.code === 'PRECONDITION_REQUIRED') {
          return topicsPage(c, { error: pick(TEXT, c.get('lang')).exists(fields.name.trim()), status: 409, form: fields });
        }
        if (err instanceof LedeError && (err.code === 'VALIDATION' || err.code === 'NOT_FOUND')) return topicsPage(c, { error: refusal(c, err), status: 422, form: fields });
        throw err;
      }
    },
  });

  registry.add({
    method: 'GET', path: '/newsroom/topics/:slug', permission: 'taxonomy.manage', kind: 'page',
    input: { params: slugParams },
    handler: (c, { params }) => topicEditPage(c, params.slug),
  });

  registry.add({
    method: 'POST', path: '/newsroom/topics/:slug', permission: 'taxonomy.manage', kind: 'page',
    input: { params: slugParams },
    handler: async (c, { params }) => {
      const form = await c.req.parseBody();
      const fields = { name: str(form.name), intro: str(form.intro), version: str(form.version).trim() };
      // The version the form was rendered with; none for a topic that was not described then.
      const version = /^\d{1,9}$/.test(fields.version) ? Number(fields.version) : undefined;
      try {
        const topic = await deps.services.taxonomy.saveTopic(params.slug, fields, version);
        return c.redirect(`/newsroom/topics?saved=${encodeURIComponent(topic.name)}`, 303);
      } catch (err) {
        if (err instanceof LedeError && (err.code === 'VERSION_CONFLICT' || err.code === 'PRECONDITION_REQUIRED')) {
          const stored = err.extra.current as Topic;
          const t = pick(TEXT, c.get('lang'));
          // The form keeps the editor's text and now names the stored version: saving again replaces it, knowingly.
          return topicEditPage(c, params.slug, { error: t.conflict(t.version(stored.version)), status: 409, form: { ...fields, version: String(stored.version) }, stored });
        }
        if (err instanceof LedeError && err.code === 'VALIDATION') return topicEditPage(c, params.slug, { error: refusal(c, err), status: 422, form: fields });
        throw err;
      }
    },
  });

  const sectionsPage = async (c: NewsroomContext, notice: { ok?: string; error?: string; status?: number } = {}) => {
    const lang = c.get('lang');
    const t = pick(TEXT, lang);
    const session = c.get('session')!;
    const sections = await deps.services.taxonomy.sections();
    const may = manages(c);
    const kindName = (k: string) => (k === ANY ? t.anyKind : t.kinds[k] ?? k);
    return c.html(page(
      <NewsroomLayout title={t.sections} lang={lang} session={session} current="sections" assets={{ css: css() }}>
        <h1>{t.sections}</h1>
        {nav(t)}
        {notice.ok ? <p class="notice ok" role="status">{notice.ok}</p> : null}
        {notice.error ? <p class="notice error" role="alert">{notice.error}</p> : null}
        <p id="retention-hint">{t.retentionHint}</p>
        {may ? null : <p class="muted">{t.readOnly}</p>}
        {sections.map((s) => {
          const id = s.slug === ANY ? 'all' : s.slug;
          const title = s.slug === ANY ? t.all : `${s.name} (${s.stories} ${t.stories})`;
          return (
            <section class="panel retention" aria-labelledby={`sec-${id}`}>
              <h2 id={`sec-${id}`}>{title}</h2>
              <form method="post" action={`/newsroom/sections/${s.slug === ANY ? '*' : s.slug}`}>
                <input type="hidden" name="_csrf" value={session.csrfToken} />
                <fieldset aria-describedby="retention-hint" disabled={!may}>
                  <legend class="vh">{`${t.retention}: ${title}`}</legend>
                  {KINDS.map((k) => {
                    const rule = s.rules.find((r) => r.kind === k);
                    const value = rule ? String(rule.months ?? 0) : '';
                    return (
                      <div>
                        <label for={`m-${id}-${k === ANY ? 'all' : k}`}>{kindName(k)}<span class="vh">{` – ${t.monthsFor(kindName(k))}`}</span></label>
                        <input id={`m-${id}-${k === ANY ? 'all' : k}`} name={`months_${k}`} type="number" min={0} max={MAX_RETENTION_MONTHS} step={1} value={value} />
                      </div>
                    );
                  })}
                </fieldset>
                {may ? <p><button type="submit">{t.save}</button></p> : null}
              </form>
            </section>
          );
        })}
      </NewsroomLayout>,
    ), (notice.status ?? 200) as 200);
  };

  registry.add({
    method: 'GET', path: '/newsroom/sections', permission: 'story.list', kind: 'page',
    handler: (c) => {
      const ctx = c as NewsroomContext;
      const saved = c.req.query('saved');
      return sectionsPage(ctx, saved ? { ok: pick(TEXT, ctx.get('lang')).savedRules(saved === ANY ? pick(TEXT, ctx.get('lang')).all : saved) } : {});
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/sections/:slug', permission: 'taxonomy.manage', kind: 'page',
    input: { params: slugParams },
    handler: async (c, { params }) => {
      const t = pick(TEXT, c.get('lang'));
      const form = await c.req.parseBody();
      const rules: Array<{ kind: string; months: number | null }> = [];
      for (const k of KINDS) {
        const raw = str(form[`months_${k}`]).trim();
        if (!raw) continue;
        const n = Number(raw);
        if (!/^\d{1,4}$/.test(raw) || n > MAX_RETENTION_MONTHS) return sectionsPage(c, { error: t.badMonths(k === ANY ? t.anyKind : t.kinds[k] ?? k), status: 422 });
        rules.push({ kind: k, months: n === 0 ? null : n });
      }
      await deps.services.taxonomy.saveSectionRules(params.slug, rules, actorOf(c));
      return c.redirect(`/newsroom/sections?saved=${encodeURIComponent(params.slug)}`, 303);
    },
  });
}
