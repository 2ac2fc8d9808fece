import { randomBytes } from 'node:crypto';
import { LedeError, type ValidationIssue } from '../content/index.js';
import type { NewsroomContext, NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { WIRE_CATEGORY_SCHEMES } from '../api/wire-api.js';
import {
  WIRE_SOURCE_FORMATS, WIRE_TRANSPORTS, WITHDRAW_POLICIES, type WireRule, type WireSource,
} from '../store/wire-desk-page-queries.js';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { checkSource } from '../services/wire-sources.js';
import { errorText, issueMessage } from './issue-text.js';
import { NewsroomLayout } from './layout.js';
import { page } from './story-text.js';
import { WireNav, inWords, wireErrorText, wireText, type WireT } from './wire-common.js';
import type { UiLang } from './i18n.js';

/**
 * Wire sources in the newsroom (wire.manage): a plain form per source, every
 * refusal of the service shown beside its field with the input kept; the
 * push secret is shown once, when it is made, and then only as "set".
 */

/** Settings the form has a field for; anything else a source carries stays in the JSON field. */
const KNOWN_SETTINGS = ['section', 'base', 'mode', 'intervalSeconds', 'folder', 'prefix'] as const;
const EMPTY_ROWS = 3;

interface SourceForm {
  id: string; name: string; format: string; transport: string; withdrawPolicy: string; active: boolean; secret: string;
  settings: Record<(typeof KNOWN_SETTINGS)[number], string>; extra: string;
  auto: { scheme: string; code: string; name: string }[];
}
interface RuleRow { scheme: string; code: string; name: string; section: string; topics: string }

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const sourceParams = z.object({ sid: z.string().min(1).max(200) });

function formOf(s: WireSource): SourceForm {
  const settings = Object.fromEntries(KNOWN_SETTINGS.map((k) => [k, s.settings[k] === undefined ? '' : String(s.settings[k])])) as SourceForm['settings'];
  const rest = Object.fromEntries(Object.entries(s.settings).filter(([k]) => !(KNOWN_SETTINGS as readonly string[]).includes(k)));
  return {
    id: s.id, name: s.name, format: s.format, transport: s.transport, withdrawPolicy: s.withdrawPolicy, active: s.active, secret: '',
    settings, extra: Object.keys(rest).length ? JSON.stringify(rest, null, 2) : '',
    auto: s.autoPublish.map((a) => ({ scheme: a.when.scheme, code: a.when.code ?? '', name: a.when.name ?? '' })),
  };
}

const blankForm = (): SourceForm => ({
  id: '', name: '', format: 'auto', transport: 'manual', withdrawPolicy: 'flag', active: true, secret: '',
  settings: { section: '', base: '', mode: '', intervalSeconds: '', folder: '', prefix: '' }, extra: '', auto: [],
});

/** The source the service is given, and the problems only the form can have (a JSON field that is no object, an interval that is no number). */
function inputOf(f: SourceForm): { input: Record<string, unknown>; issues: ValidationIssue[]; autoRows: number[] } {
  const issues: ValidationIssue[] = [];
  let settings: Record<string, unknown> = {};
  if (f.extra.trim()) {
    try {
      const parsed: unknown = JSON.parse(f.extra);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      settings = parsed as Record<string, unknown>;
    } catch {
      issues.push({ path: 'extra', message: 'must be a JSON object ({"key": "value"})', code: 'bad_shape' });
    }
  }
  for (const k of KNOWN_SETTINGS) {
    const v = f.settings[k].trim();
    if (!v) continue;
    if (k === 'intervalSeconds') {
      if (!/^\d{1,6}(\.\d+)?$/.test(v) || Number(v) <= 0) issues.push({ path: 'settings.intervalSeconds', message: 'must be a positive number of seconds', code: 'bad_shape' });
      else settings[k] = Number(v);
    } else settings[k] = v;
  }
  // Empty rows are no rules; the positions of the others are kept to put the service's issues beside the right row.
  const autoRows: number[] = [];
  const autoPublish = f.auto.flatMap((a, i) => {
    if (!a.scheme && !a.code.trim() && !a.name.trim()) return [];
    autoRows.push(i);
    return [{ when: { ...(a.scheme && { scheme: a.scheme }), ...(a.code.trim() && { code: a.code.trim() }), ...(a.name.trim() && { name: a.name.trim() }) }, publish: true }];
  });
  const input: Record<string, unknown> = {
    id: f.id.trim(), name: f.name, format: f.format, transport: f.transport, withdrawPolicy: f.withdrawPolicy, active: f.active, settings, autoPublish,
    ...(f.secret && { secret: f.secret }),
  };
  return { input, issues, autoRows };
}

/** An issue's path as the form's field key: `autoPublish[1].when.code` → `auto.<row>.code`. */
function fieldKey(path: string, rows: number[], list: string): string {
  const m = new RegExp(`^${list}\\[(\\d+)\\](?:\\.when)?(?:\\.(\\w+))?`).exec(path);
  if (m) return `${list}.${rows[Number(m[1])] ?? m[1]}.${m[2] ?? 'scheme'}`;
  return path;
}

/** The service's words in the form: the newsroom's for the kind of problem, the service's own for the detail. */
const say = (i: ValidationIssue, lang: UiLang) => (lang === 'en' ? i.message : `${issueMessage(i, lang)} – ${i.message}`);

function Err(props: { id: string; errors: Map<string, string> }) {
  const e = props.errors.get(props.id);
  return e ? <p class="field-error" id={`err-${props.id.replace(/\W/g, '-')}`}>{e}</p> : null;
}

/** aria attributes of a field with an error. */
const bad = (key: string, errors: Map<string, string>) => (errors.has(key) ? { 'aria-invalid': 'true', 'aria-describedby': `err-${key.replace(/\W/g, '-')}` } : {});

function SchemeSelect(props: { id: string; name: string; value: string; t: WireT; errors: Map<string, string>; errKey: string; label: string }) {
  return (
    <select id={props.id} name={props.name} aria-label={props.label} {...bad(props.errKey, props.errors)}>
      <option value="">–</option>
      {WIRE_CATEGORY_SCHEMES.map((s) => <option value={s} selected={props.value === s}>{s}</option>)}
    </select>
  );
}

export function registerWireSourcePages(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const wire = () => deps.services.wire;

  const layout = (c: NewsroomContext, title: string, body: Child, status = 200) => {
    const lang = c.get('lang');
    const t = wireText(lang);
    const session = c.get('session')!;
    return c.html(page(
      <NewsroomLayout title={title} lang={lang} session={session} current="wire" assets={{ css: deps.asset('newsroom.css') }}>
        <h1>{title}</h1>
        <WireNav t={t} session={session} current="sources" />
        {body}
      </NewsroomLayout>,
    ), status as 200);
  };

  /** The source form (new or existing), with errors beside fields and the input as typed. */
  const sourceForm = (c: NewsroomContext, f: SourceForm, opts: { existing?: WireSource; errors: Map<string, string> }) => {
    const t = wireText(c.get('lang'));
    const session = c.get('session')!;
    const { errors, existing } = opts;
    const action = existing ? `/newsroom/agentur/quellen/${existing.id}` : '/newsroom/agentur/quellen';
    const autoRows = [...f.auto, ...Array.from({ length: EMPTY_ROWS }, () => ({ scheme: '', code: '', name: '' }))];
    const text = (key: string, label: string, value: string, extra: Record<string, unknown> = {}) => (
      <div>
        <label for={`src-${key.replace(/\W/g, '-')}`}>{label}</label>
        <input id={`src-${key.replace(/\W/g, '-')}`} name={key} type="text" value={value} {...bad(key, errors)} {...extra} />
        <Err id={key} errors={errors} />
      </div>
    );
    return (
      <form method="post" action={action} class="panel" aria-label={existing ? t.editSource(existing.name) : t.newSource}>
        <input type="hidden" name="_csrf" value={session.csrfToken} />
        {existing ? <input type="hidden" name="id" value={existing.id} /> : null}
        <div class="filters">
          {existing ? <div><p><strong>{t.id}:</strong> {existing.id}</p></div> : text('id', t.id, f.id, { required: true, maxlength: 64, autocomplete: 'off' })}
          {text('name', t.name, f.name, { required: true, maxlength: 200 })}
          <div>
            <label for="src-format">{t.format}</label>
            <select id="src-format" name="format" {...bad('format', errors)}>
              {WIRE_SOURCE_FORMATS.map((v) => <option value={v} selected={f.format === v}>{t.formats[v] ?? v}</option>)}
            </select>
            <Err id="format" errors={errors} />
          </div>
          <div>
            <label for="src-transport">{t.transport}</label>
            <select id="src-transport" name="transport" {...bad('transport', errors)}>
              {WIRE_TRANSPORTS.map((v) => <option value={v} selected={f.transport === v}>{t.transports[v] ?? v}</option>)}
            </select>
            <Err id="transport" errors={errors} />
          </div>
          <div>
            <label for="src-withdrawPolicy">{t.withdrawPolicy}</label>
            <select id="src-withdrawPolicy" name="withdrawPolicy" {...bad('withdrawPolicy', errors)}>
              {WITHDRAW_POLICIES.map((v) => <option value={v} selected={f.withdrawPolicy === v}>{t.policies[v] ?? v}</option>)}
            </select>
            <Err id="withdrawPolicy" errors={errors} />
          </div>
          <div>
            <p><input id="src-active" name="active" type="checkbox" value="1" checked={f.active} /> <label for="src-active" class="inline">{t.active}</label></p>
          </div>
        </div>
        <fieldset>
          <legend>{t.settings}</legend>
          <div class="filters">
            {text('settings.section', t.section, f.settings.section, { maxlength: 80 })}
            {text('settings.base', t.base, f.settings.base, { maxlength: 2000, inputmode: 'url' })}
            <div>
              <label for="src-settings-mode">{t.mode}</label>
              <select id="src-settings-mode" name="settings.mode">
                <option value="">–</option>
                {['dequeue', 'receipt'].map((m) => <option value={m} selected={f.settings.mode === m}>{t.modes[m]}</option>)}
              </select>
            </div>
            {text('settings.intervalSeconds', t.interval, f.settings.intervalSeconds, { inputmode: 'decimal', maxlength: 12 })}
            {text('settings.folder', t.folder, f.settings.folder, { maxlength: 1000 })}
            {text('settings.prefix', t.prefix, f.settings.prefix, { maxlength: 1000 })}
            <div class="wide">
              <label for="src-extra">{t.extra}</label>
              <textarea id="src-extra" name="extra" rows={3} {...bad('extra', errors)}>{f.extra}</textarea>
              <Err id="extra" errors={errors} />
              <Err id="settings" errors={errors} />
            </div>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t.secret}</legend>
          <p>{t.secret}: <strong>{existing?.hasSecret ? t.secretSet : t.secretUnset}</strong></p>
          <label for="src-secret">{t.secretNew}</label>
          <input id="src-secret" name="secret" type="password" autocomplete="new-password" maxlength={500} value="" {...bad('secret', errors)} />
          <Err id="secret" errors={errors} />
        </fieldset>
        <fieldset class="wire-rules">
          <legend>{t.autoPublish}</legend>
          <p class="notice error" id="auto-warning">{t.autoWarning}</p>
          <table>
            <caption class="vh">{t.autoPublish}</caption>
            <thead><tr><th scope="col">#</th><th scope="col">{t.scheme}</th><th scope="col">{t.code}</th><th scope="col">{t.name}</th></tr></thead>
            <tbody>
              {autoRows.map((a, i) => (
                <tr>
                  <th scope="row">{i + 1}</th>
                  <td><SchemeSelect id={`auto-${i}-scheme`} name={`auto.${i}.scheme`} value={a.scheme} t={t} errors={errors} errKey={`auto.${i}.scheme`} label={`${t.rule(i + 1)}: ${t.scheme}`} /><Err id={`auto.${i}.scheme`} errors={errors} /></td>
                  <td><input type="text" name={`auto.${i}.code`} value={a.code} maxlength={200} aria-label={`${t.rule(i + 1)}: ${t.code}`} aria-describedby="auto-warning" {...bad(`auto.${i}.code`, errors)} /><Err id={`auto.${i}.code`} errors={errors} /></td>
                  <td><input type="text" name={`auto.${i}.name`} value={a.name} maxlength={200} aria-label={`${t.rule(i + 1)}: ${t.name}`} {...bad(`auto.${i}.name`, errors)} /><Err id={`auto.${i}.name`} errors={errors} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <p><button type="submit">{existing ? t.save : t.create}</button></p>
      </form>
    );
  };

  const rulesForm = (c: NewsroomContext, source: WireSource, rows: RuleRow[], errors: Map<string, string>) => {
    const t = wireText(c.get('lang'));
    const session = c.get('session')!;
    const all = [...rows, ...Array.from({ length: EMPTY_ROWS }, () => ({ scheme: '', code: '', name: '', section: '', topics: '' }))];
    return (
      <section class="panel" aria-labelledby="rules-h">
        <h2 id="rules-h">{t.rules}</h2>
        <p class="muted" id="rules-hint">{t.rulesHint}</p>
        <form method="post" action={`/newsroom/agentur/quellen/${source.id}/regeln`} class="wire-rules">
          <input type="hidden" name="_csrf" value={session.csrfToken} />
          <table>
            <caption class="vh">{t.rules}</caption>
            <thead><tr><th scope="col">#</th><th scope="col">{t.scheme}</th><th scope="col">{t.code}</th><th scope="col">{t.name}</th><th scope="col">{t.ruleSection}</th><th scope="col">{t.topics}</th></tr></thead>
            <tbody>
              {all.map((r, i) => (
                <tr>
                  <th scope="row">{i + 1}</th>
                  <td><SchemeSelect id={`rule-${i}-scheme`} name={`rule.${i}.scheme`} value={r.scheme} t={t} errors={errors} errKey={`rules.${i}.scheme`} label={`${t.rule(i + 1)}: ${t.scheme}`} /><Err id={`rules.${i}.scheme`} errors={errors} /></td>
                  {(['code', 'name', 'section', 'topics'] as const).map((k) => (
                    <td>
                      <input type="text" name={`rule.${i}.${k}`} value={r[k]} maxlength={k === 'topics' ? 2000 : 200} aria-label={`${t.rule(i + 1)}: ${k === 'section' ? t.ruleSection : t[k]}`} {...bad(`rules.${i}.${k}`, errors)} />
                      <Err id={`rules.${i}.${k}`} errors={errors} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <Err id="rules" errors={errors} />
          <p><button type="submit">{t.saveRules}</button></p>
        </form>
      </section>
    );
  };

  const listPage = async (c: NewsroomContext, notice: { ok?: string; secret?: string; error?: string; form?: SourceForm; errors?: Map<string, string>; status?: number } = {}) => {
    const lang = c.get('lang');
    const t = wireText(lang);
    const sources = await wire().listSources();
    return layout(c, t.sources, (
      <>
        {notice.ok ? <p class="notice ok" role="status">{notice.ok}</p> : null}
        {notice.secret ? <div class="notice ok"><p>{t.secretOnce}</p><p class="wire-secret">{notice.secret}</p></div> : null}
        {notice.error ? <p class="notice error" role="alert">{notice.error}</p> : null}
        <p class="muted">{t.sourcesHint}</p>
        {sources.length ? (
          <table>
            <caption class="vh">{t.sources}</caption>
            <thead><tr><th scope="col">{t.name}</th><th scope="col">{t.id}</th><th scope="col">{t.format}</th><th scope="col">{t.transport}</th><th scope="col">{t.secret}</th><th scope="col">{t.active}</th></tr></thead>
            <tbody>
              {sources.map((s) => (
                <tr>
                  <th scope="row"><a href={`/newsroom/agentur/quellen/${s.id}`} aria-label={t.editSource(s.name)}>{s.name}</a></th>
                  <td>{s.id}</td>
                  <td>{t.formats[s.format] ?? s.format}</td>
                  <td>{t.transports[s.transport] ?? s.transport}</td>
                  <td>{s.transport === 'push' || s.hasSecret ? (s.hasSecret ? t.secretSet : t.secretUnset) : '–'}</td>
                  <td>{s.active ? t.yes : t.inactive}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p class="notice">{t.noSources}</p>}
        <section aria-labelledby="new-source-h">
          <h2 id="new-source-h">{t.newSource}</h2>
          {sourceForm(c, notice.form ?? blankForm(), { errors: notice.errors ?? new Map() })}
        </section>
      </>
    ), notice.status);
  };

  const editPage = async (c: NewsroomContext, id: string, notice: { ok?: string; secret?: string; error?: string; form?: SourceForm; errors?: Map<string, string>; rules?: RuleRow[]; ruleErrors?: Map<string, string>; status?: number } = {}) => {
    const lang = c.get('lang');
    const t = wireText(lang);
    const source = await wire().source(id);
    const rules = notice.rules ?? (await wire().rules(source.id)).map(ruleRow);
    return layout(c, t.editSource(source.name), (
      <>
        <p><a href="/newsroom/agentur/quellen">{t.back2}</a></p>
        {notice.ok ? <p class="notice ok" role="status">{notice.ok}</p> : null}
        {notice.secret ? <div class="notice ok"><p>{t.secretOnce}</p><p class="wire-secret">{notice.secret}</p></div> : null}
        {notice.error ? <p class="notice error" role="alert">{notice.error}</p> : null}
        {sourceForm(c, notice.form ?? formOf(source), { existing: source, errors: notice.errors ?? new Map() })}
        {rulesForm(c, source, rules, notice.ruleErrors ?? new Map())}
        <form method="post" action={`/newsroom/agentur/quellen/${source.id}/loeschen`} class="panel">
          <input type="hidden" name="_csrf" value={session(c)} />
          <button type="submit" class="danger">{t.delete}</button>
        </form>
      </>
    ), notice.status);
  };
  const session = (c: NewsroomContext) => c.get('session')!.csrfToken;

  const readForm = async (c: NewsroomContext): Promise<SourceForm> => {
    const body = await c.req.parseBody();
    const auto: SourceForm['auto'] = [];
    for (let i = 0; i < 100 && (`auto.${i}.scheme` in body); i++) auto.push({ scheme: str(body[`auto.${i}.scheme`]), code: str(body[`auto.${i}.code`]), name: str(body[`auto.${i}.name`]) });
    return {
      id: str(body.id).trim(), name: str(body.name), format: str(body.format), transport: str(body.transport), withdrawPolicy: str(body.withdrawPolicy),
      active: body.active === '1', secret: str(body.secret), extra: str(body.extra),
      settings: Object.fromEntries(KNOWN_SETTINGS.map((k) => [k, str(body[`settings.${k}`])])) as SourceForm['settings'],
      // Empty rows stay out of the form that is shown again (it adds its own empty ones).
      auto: auto.filter((a) => a.scheme || a.code.trim() || a.name.trim()),
    };
  };

  /** Saves a form; answers with the page again on a refusal (the input kept, each problem beside its field). */
  const save = async (c: NewsroomContext, existing: WireSource | undefined) => {
    const lang = c.get('lang');
    const t = wireText(lang);
    const f = await readForm(c);
    if (existing) f.id = existing.id;
    // Rows were renumbered (empty ones dropped): the problems' row numbers follow the form as shown again.
    const { input, issues, autoRows } = inputOf(f);
    let secret: string | undefined;
    if (!f.secret && f.transport === 'push' && !existing?.hasSecret) {
      secret = randomBytes(24).toString('base64url');
      input.secret = secret;
    }
    const refuse = (all: ValidationIssue[], message?: string) => {
      const errors = new Map<string, string>();
      for (const i of all) {
        const key = fieldKey(i.path, autoRows, 'autoPublish').replace(/^autoPublish\./, 'auto.');
        errors.set(key, errors.has(key) ? `${errors.get(key)}; ${say(i, lang)}` : say(i, lang));
      }
      const form = { ...f, secret: '' };
      const notice = { error: message ?? t.fixFields, form, errors, status: 422 };
      return existing ? editPage(c, existing.id, notice) : listPage(c, notice);
    };
    // The form's own problems and the service's, all at once: nobody fixes one field to be told of the next.
    try {
      checkSource(input, { storedHasSecret: existing?.hasSecret ?? false });
    } catch (err) {
      if (!(err instanceof LedeError) || err.code !== 'VALIDATION') throw err;
      issues.push(...err.issues);
    }
    if (!existing && f.id && (await wire().listSources()).some((s) => s.id === f.id)) {
      issues.push({ path: 'id', message: `"${f.id}" is taken by another source; choose another id or edit that source`, code: 'bad_shape' });
    }
    if (issues.length) return refuse(issues);
    try {
      const saved = await wire().saveSource(input);
      const fresh = secret ?? (f.secret || undefined);
      // A secret is shown once, right now: no redirect could carry it without writing it into an address.
      if (fresh) return editPage(c, saved.id, { ok: t.saved(saved.name), secret: fresh });
      return c.redirect(`/newsroom/agentur/quellen/${saved.id}?saved=1`, 303);
    } catch (err) {
      if (err instanceof LedeError && err.code === 'VALIDATION') return refuse(err.issues.length ? [...err.issues] : [{ path: '', message: err.message, code: 'bad_shape' }]);
      throw err;
    }
  };

  registry.add({
    method: 'GET', path: '/newsroom/agentur/quellen', permission: 'wire.manage', kind: 'page',
    handler: (c) => {
      const deleted = c.req.query('deleted');
      return listPage(c, deleted ? { ok: wireText(c.get('lang')).deleted(deleted.slice(0, 200)) } : {});
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/agentur/quellen', permission: 'wire.manage', kind: 'page',
    handler: (c) => save(c, undefined),
  });

  registry.add({
    method: 'GET', path: '/newsroom/agentur/quellen/:sid', permission: 'wire.manage', kind: 'page', input: { params: sourceParams },
    handler: (c, { params }) => inWords(c.get('lang'), async () => {
      const t = wireText(c.get('lang'));
      if (c.req.query('saved') !== undefined) return editPage(c, params.sid, { ok: t.saved((await wire().source(params.sid)).name) });
      if (c.req.query('rules') !== undefined) return editPage(c, params.sid, { ok: t.rulesSaved });
      return editPage(c, params.sid);
    }),
  });

  registry.add({
    method: 'POST', path: '/newsroom/agentur/quellen/:sid', permission: 'wire.manage', kind: 'page', input: { params: sourceParams },
    handler: (c, { params }) => inWords(c.get('lang'), async () => save(c, await wire().source(params.sid))),
  });

  registry.add({
    method: 'POST', path: '/newsroom/agentur/quellen/:sid/regeln', permission: 'wire.manage', kind: 'page', input: { params: sourceParams },
    handler: (c, { params }) => inWords(c.get('lang'), async () => {
      const lang = c.get('lang');
      const source = await wire().source(params.sid);
      const body = await c.req.parseBody();
      const rows: RuleRow[] = [];
      for (let i = 0; i < 1000 && (`rule.${i}.scheme` in body); i++) {
        rows.push({ scheme: str(body[`rule.${i}.scheme`]), code: str(body[`rule.${i}.code`]), name: str(body[`rule.${i}.name`]), section: str(body[`rule.${i}.section`]), topics: str(body[`rule.${i}.topics`]) });
      }
      const kept = rows.filter((r) => r.scheme || r.code.trim() || r.name.trim() || r.section.trim() || r.topics.trim());
      const rules = kept.map((r) => ({
        ...(r.scheme && { scheme: r.scheme }), ...(r.code.trim() && { code: r.code.trim() }), ...(r.name.trim() && { name: r.name.trim() }),
        ...(r.section.trim() && { section: r.section.trim() }), topics: r.topics.split(',').map((x) => x.trim()).filter(Boolean),
      }));
      try {
        await wire().saveRules(source.id, rules);
        return c.redirect(`/newsroom/agentur/quellen/${source.id}?rules=1`, 303);
      } catch (err) {
        if (!(err instanceof LedeError) || err.code !== 'VALIDATION') throw err;
        const ruleErrors = new Map<string, string>();
        for (const i of err.issues) {
          const m = /^rules\[(\d+)\](?:\.(\w+))?/.exec(i.path);
          const key = m ? `rules.${m[1]}.${m[2] ?? 'scheme'}` : 'rules';
          ruleErrors.set(key, ruleErrors.has(key) ? `${ruleErrors.get(key)}; ${say(i, lang)}` : say(i, lang));
        }
        return editPage(c, source.id, { error: wireText(lang).fixFields, rules: kept, ruleErrors, status: 422 });
      }
    }),
  });

  registry.add({
    method: 'POST', path: '/newsroom/agentur/quellen/:sid/loeschen', permission: 'wire.manage', kind: 'page', input: { params: sourceParams },
    handler: (c, { params }) => inWords(c.get('lang'), async () => {
      const source = await wire().source(params.sid);
      try {
        await wire().deleteSource(source.id);
      } catch (err) {
        if (err instanceof LedeError && err.code === 'CONFLICT') return editPage(c, source.id, { error: wireErrorText(err, c.get('lang'), (e) => errorText(e, c.get('lang'))), status: 409 });
        throw err;
      }
      return c.redirect(`/newsroom/agentur/quellen?deleted=${encodeURIComponent(source.name)}`, 303);
    }),
  });
}

function ruleRow(r: WireRule): RuleRow {
  return { scheme: r.scheme, code: r.code ?? '', name: r.name ?? '', section: r.section ?? '', topics: r.topics.join(', ') };
}
