import type { Child } from 'hono/jsx';
import { LedeError, type Block, type Story } from '../content/index.js';
import { listRevisions } from '../store/story-queries.js';
import { hasPermission, mayOnStory } from '../content/roles.js';
import { listAudit } from '../store/audit-queries.js';
import { storyFor } from '../api/api-support.js';
import { storyDiff } from '../api/diff-api.js';
import { diffQuery } from '../api/story-inputs.js';
import { idParams } from '../http/input.js';
import type { BlockOp, FieldChange, StoryDiff, WordOp } from '../content/block-diff.js';
import { blockText } from '../content/block-diff.js';
import { actorOf, type NewsroomContext, type NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { pick, type UiLang } from './i18n.js';
import { auditActionText } from './audit-page.js';
import { NewsroomLayout } from './layout.js';
import { STORY_TEXT, page } from './story-text.js';

const TEXT = {
  de: {
    revisions: 'Versionen', of: 'von', version: 'Version', savedAt: 'Gespeichert', savedBy: 'Von', note: 'Anlass', actions: 'Aktionen',
    compare: 'Vergleichen', compareHint: 'Wählen Sie die ältere und die neuere Fassung und vergleichen Sie sie.',
    fromCol: 'Ältere Fassung', toCol: 'Neuere Fassung', asFrom: 'als ältere Fassung', asTo: 'als neuere Fassung',
    restore: 'Wiederherstellen', restoreLabel: (v: number) => `Version ${v} wiederherstellen`, current: 'aktuell',
    restored: (v: number, n: number) => `Version ${v} wurde als neue Version ${n} wiederhergestellt.`,
    conflict: 'Der Beitrag wurde inzwischen geändert. Bitte prüfen Sie die aktuelle Version und versuchen Sie es erneut.',
    history: 'Veröffentlichung und Korrekturen', noHistory: 'Noch keine Einträge im Protokoll.', fullLog: 'Im Protokoll ansehen',
    system: 'System', back: 'Zurück zum Beitrag', toRevisions: 'Zur Versionsliste',
    diffTitle: (a: number, b: number) => `Version ${a} → Version ${b}`, fields: 'Felder', body: 'Text',
    noChanges: 'Keine Unterschiede.', noFieldChanges: 'Keine Felder geändert.',
    summary: (s: StoryDiff['summary']) => `${s.fields} Felder geändert · ${s.inserted} Blöcke eingefügt · ${s.deleted} gelöscht · ${s.changed} geändert · ${s.moved} verschoben`,
    ins: 'Eingefügt', del: 'Gelöscht', changed: 'Geändert', moved: 'Verschoben', same: 'Unverändert',
    insStart: '[Einfügung:', delStart: '[Löschung:', end: ']',
    movedFrom: (from: number) => `vorher an Position ${from + 1}`,
    unchangedRun: (n: number) => (n === 1 ? '1 unveränderter Block' : `${n} unveränderte Blöcke`),
    added: 'Hinzugefügt', removed: 'Entfernt', reordered: 'Reihenfolge geändert', before: 'Vorher', after: 'Nachher', empty: '(leer)',
    values: { ...STORY_TEXT.de.status, ...STORY_TEXT.de.kind, true: 'ja', false: 'nein' } as Record<string, string>,
    blockTypes: { paragraph: 'Absatz', heading: 'Zwischenüberschrift', figure: 'Abbildung', quote: 'Zitat', list: 'Liste', embed: 'Einbettung', 'ticker-entry': 'Ticker-Eintrag', box: 'Infokasten' } as Record<Block['type'], string>,
    fieldNames: {
      status: 'Status', kind: 'Art', kicker: 'Dachzeile', headline: 'Überschrift', teaser: 'Vorspann', byline: 'Autorenzeile', section: 'Ressort',
      topics: 'Themen', authors: 'Autorinnen und Autoren', slug: 'URL-Kürzel', language: 'Sprache', broadcast: 'Sendung', embargoUntil: 'Sperrfrist', dateline: 'Ortsmarke', sourceLine: 'Quellenangabe',
      scheduledPublishAt: 'Geplante Veröffentlichung', scheduledDepublishAt: 'Geplantes Depublizieren', lead: 'Aufmacherbild', media: 'Medium',
      related: 'Verwandte Inhalte', corrections: 'Korrekturen', 'lead.kind': 'Aufmacherbild: Art', 'lead.src': 'Aufmacherbild: Quelle',
      'lead.alt': 'Aufmacherbild: Alternativtext', 'lead.caption': 'Aufmacherbild: Bildunterschrift', 'lead.credit': 'Aufmacherbild: Bildrechte',
      level: 'Ebene', speaker: 'Sprecher', formatting: 'Formatierung und Links', ordered: 'Nummeriert', url: 'Adresse', provider: 'Anbieter',
      time: 'Zeit', location: 'Ort', alt: 'Alternativtext', credit: 'Bildrechte', src: 'Quelle', width: 'Breite', height: 'Höhe', caption: 'Bildunterschrift',
    } as Record<string, string>,
  },
  en: {
    revisions: 'Revisions', of: 'of', version: 'Version', savedAt: 'Saved', savedBy: 'By', note: 'Reason', actions: 'Actions',
    compare: 'Compare', compareHint: 'Pick the older and the newer version and compare them.',
    fromCol: 'Older version', toCol: 'Newer version', asFrom: 'as the older version', asTo: 'as the newer version',
    restore: 'Restore', restoreLabel: (v: number) => `Restore version ${v}`, current: 'current',
    restored: (v: number, n: number) => `Version ${v} was restored as the new version ${n}.`,
    conflict: 'The story was changed meanwhile. Please check the current version and try again.',
    history: 'Publication and corrections', noHistory: 'No audit log entries yet.', fullLog: 'See in the audit log',
    system: 'System', back: 'Back to the story', toRevisions: 'To the revisions',
    diffTitle: (a: number, b: number) => `Version ${a} → version ${b}`, fields: 'Fields', body: 'Body',
    noChanges: 'No differences.', noFieldChanges: 'No fields changed.',
    summary: (s: StoryDiff['summary']) => `${s.fields} fields changed · ${s.inserted} blocks inserted · ${s.deleted} deleted · ${s.changed} changed · ${s.moved} moved`,
    ins: 'Inserted', del: 'Deleted', changed: 'Changed', moved: 'Moved', same: 'Unchanged',
    insStart: '[insertion:', delStart: '[deletion:', end: ']',
    movedFrom: (from: number) => `was at position ${from + 1}`,
    unchangedRun: (n: number) => (n === 1 ? '1 unchanged block' : `${n} unchanged blocks`),
    added: 'Added', removed: 'Removed', reordered: 'Order changed', before: 'Before', after: 'After', empty: '(empty)',
    values: { ...STORY_TEXT.en.status, ...STORY_TEXT.en.kind, true: 'yes', false: 'no' } as Record<string, string>,
    blockTypes: { paragraph: 'Paragraph', heading: 'Heading', figure: 'Figure', quote: 'Quote', list: 'List', embed: 'Embed', 'ticker-entry': 'Ticker entry', box: 'Info box' } as Record<Block['type'], string>,
    fieldNames: {
      status: 'Status', kind: 'Kind', kicker: 'Kicker', headline: 'Headline', teaser: 'Teaser', byline: 'Byline', section: 'Section',
      topics: 'Topics', authors: 'Authors', slug: 'Slug', language: 'Language', broadcast: 'Broadcast', embargoUntil: 'Embargo', dateline: 'Dateline', sourceLine: 'Source line',
      scheduledPublishAt: 'Scheduled publication', scheduledDepublishAt: 'Scheduled depublication', lead: 'Lead figure', media: 'Media',
      related: 'Related', corrections: 'Corrections', 'lead.kind': 'Lead figure: kind', 'lead.src': 'Lead figure: source',
      'lead.alt': 'Lead figure: alt text', 'lead.caption': 'Lead figure: caption', 'lead.credit': 'Lead figure: credit',
      level: 'Level', speaker: 'Speaker', formatting: 'Formatting and links', ordered: 'Numbered', url: 'URL', provider: 'Provider',
      time: 'Time', location: 'Location', alt: 'Alt text', credit: 'Credit', src: 'Source', width: 'Width', height: 'Height', caption: 'Caption',
    } as Record<string, string>,
  },
};
type T = (typeof TEXT)['de'];

/** Screen CSS (appended to the newsroom stylesheet in styles.ts). Changes are marked by more than colour: underline, strike-through, labels. */
export const REVISIONS_CSS = `
.diff ins{background:#e3f6e8;color:#0f4d1f;text-decoration:underline;text-decoration-thickness:2px}
.diff del{background:#fde8e8;color:#7a1212;text-decoration:line-through}
.diff .blocks{list-style:none;margin:0;padding:0}
.diff .blocks>li,.diff .children>li{border-left:4px solid #d5dbe1;background:#fff;margin:.5rem 0;padding:.5rem .75rem}
.diff .op-ins{border-left-color:#1e7b34!important}
.diff .op-del{border-left-color:#a61b1b!important}
.diff .op-changed{border-left-color:#b36b00!important}
.diff .op-moved{border-left-color:#0b4f8a!important;border-left-style:dashed!important}
.diff .op-same{color:#4d5963}
.diff .label{display:inline-block;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;margin-right:.5rem}
.diff .text{white-space:pre-wrap;margin:.25rem 0 0}
.diff .children{list-style:none;padding-left:1rem}
.diff dl.fields{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.4rem 1rem;background:#fff;padding:.75rem;border:1px solid #d5dbe1}
.diff dl.fields dt{font-weight:600}
.diff dl.fields dd{margin:0;white-space:pre-wrap}
.revisions td form{display:inline}
`;

function Words(props: { words: WordOp[]; t: T }): Child {
  return (
    <>
      {props.words.map((w) => w.op === 'same'
        ? w.text
        : w.op === 'ins'
          ? <ins><span class="vh">{props.t.insStart} </span>{w.text}<span class="vh"> {props.t.end}</span></ins>
          : <del><span class="vh">{props.t.delStart} </span>{w.text}<span class="vh"> {props.t.end}</span></del>)}
    </>
  );
}

function Field(props: { change: FieldChange; t: T }): Child {
  const { change: f, t } = props;
  const name = t.fieldNames[f.field] ?? f.field;
  if (f.kind === 'text') return <><dt>{name}</dt><dd><Words words={f.words} t={t} /></dd></>;
  if (f.kind === 'list') {
    return (
      <><dt>{name}</dt><dd>
        {f.added.length ? <div>{t.added}: {f.added.map((a, i) => <>{i ? ', ' : ''}<ins>{a}</ins></>)}</div> : null}
        {f.removed.length ? <div>{t.removed}: {f.removed.map((a, i) => <>{i ? ', ' : ''}<del>{a}</del></>)}</div> : null}
        {f.reordered ? <div>{t.reordered}</div> : null}
      </dd></>
    );
  }
  // Workflow states, kinds and yes/no in words; other values (times, URLs, names) as they are.
  const word = (v: string) => (['status', 'kind', 'ordered'].includes(f.field) ? t.values[v] ?? v : v);
  return (
    <><dt>{name}</dt><dd>
      <div>{t.before}: {f.before !== undefined ? <del>{word(f.before)}</del> : t.empty}</div>
      <div>{t.after}: {f.after !== undefined ? <ins>{word(f.after)}</ins> : t.empty}</div>
    </dd></>
  );
}

/** One block operation; runs of unchanged blocks are folded into a <details> by BlockList. */
function BlockItem(props: { op: BlockOp; t: T }): Child {
  const { op, t } = props;
  const block = op.op === 'changed' ? op.after : op.block;
  const type = t.blockTypes[block.type];
  if (op.op === 'changed') {
    return (
      <li class="op-changed">
        <span class="label">{t.changed}</span>{type}
        {op.words ? <p class="text"><Words words={op.words} t={t} /></p> : null}
        {op.fields.length ? <dl class="fields">{op.fields.map((f) => <Field change={f} t={t} />)}</dl> : null}
        {op.children ? <BlockList ops={op.children} t={t} nested /> : null}
      </li>
    );
  }
  const text = blockText(block);
  const body = op.op === 'ins' ? <ins>{text}</ins> : op.op === 'del' ? <del>{text}</del> : text;
  return (
    <li class={`op-${op.op}`}>
      <span class="label">{t[op.op]}</span>{type}{op.op === 'moved' ? ` (${t.movedFrom(op.from)})` : ''}
      <p class="text">{body}</p>
    </li>
  );
}

function BlockList(props: { ops: BlockOp[]; t: T; nested?: boolean }): Child {
  const items: Child[] = [];
  for (let k = 0; k < props.ops.length;) {
    if (props.ops[k]!.op === 'same') {
      let end = k;
      while (end < props.ops.length && props.ops[end]!.op === 'same') end++;
      const run = props.ops.slice(k, end);
      items.push(
        <li class="op-same">
          <details>
            <summary>{props.t.unchangedRun(run.length)}</summary>
            {run.map((o) => <p class="text">{blockText((o as { block: Block }).block)}</p>)}
          </details>
        </li>,
      );
      k = end;
    } else {
      items.push(<BlockItem op={props.ops[k]!} t={props.t} />);
      k++;
    }
  }
  return <ol class={props.nested ? 'children' : 'blocks'}>{items}</ol>;
}

/** The revisions page, the diff page and the restore form (story.view / story.edit, with ownership). */
export function registerRevisionsPages(registry: EndpointRegistry, deps: NewsroomDeps): void {
  const css = () => deps.asset('newsroom.css');

  const revisionsPage = async (c: NewsroomContext, story: Story, notice?: { ok?: string; error?: string; status?: number }) => {
    const lang: UiLang = c.get('lang');
    const t = pick(TEXT, lang);
    const session = c.get('session')!;
    const revisions = await listRevisions(deps.db, story.id);
    const history = await listAudit(deps.db, { storyId: story.id, limit: 50 });
    const mayRestore = mayOnStory(session.user, 'story.edit', story);
    const fmt = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
    const defaultFrom = revisions[1]?.version ?? story.version;
    return c.html(page(
      <NewsroomLayout title={`${t.revisions}: ${story.headline}`} lang={lang} session={session} assets={{ css: css() }}>
        <h1>{t.revisions} <span class="muted">{t.of}</span> „{story.headline}“</h1>
        <p><a href={`/newsroom/stories/${story.id}`}>{t.back}</a></p>
        {notice?.ok ? <p class="notice ok" role="status">{notice.ok}</p> : null}
        {notice?.error ? <p class="notice error" role="alert">{notice.error}</p> : null}
        <p id="compare-hint">{t.compareHint}</p>
        <form method="get" action={`/newsroom/stories/${story.id}/diff`} id="compare" aria-describedby="compare-hint"></form>
        <table class="revisions">
          <caption class="vh">{t.revisions}</caption>
          <thead>
            <tr><th scope="col">{t.version}</th><th scope="col">{t.savedAt}</th><th scope="col">{t.savedBy}</th><th scope="col">{t.note}</th>
              <th scope="col">{t.fromCol}</th><th scope="col">{t.toCol}</th>{mayRestore ? <th scope="col">{t.actions}</th> : null}</tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr>
                <th scope="row">{r.version}{r.version === story.version ? <> <span class="muted">({t.current})</span></> : null}</th>
                <td><time datetime={r.savedAt}>{fmt.format(new Date(r.savedAt))}</time></td>
                <td>{r.savedByName ?? t.system}</td>
                <td>{r.note}</td>
                <td><input type="radio" form="compare" name="from" value={String(r.version)} id={`from-${r.version}`} checked={r.version === defaultFrom} />
                  <label for={`from-${r.version}`} class="vh">{`${t.version} ${r.version} ${t.asFrom}`}</label></td>
                <td><input type="radio" form="compare" name="to" value={String(r.version)} id={`to-${r.version}`} checked={r.version === story.version} />
                  <label for={`to-${r.version}`} class="vh">{`${t.version} ${r.version} ${t.asTo}`}</label></td>
                {mayRestore ? (
                  <td>{r.version === story.version ? null : (
                    <form method="post" action={`/newsroom/stories/${story.id}/restore`}>
                      <input type="hidden" name="_csrf" value={session.csrfToken} />
                      <input type="hidden" name="version" value={String(r.version)} />
                      <input type="hidden" name="expected" value={String(story.version)} />
                      <button type="submit" class="secondary" aria-label={t.restoreLabel(r.version)}>{t.restore}</button>
                    </form>
                  )}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        <p><button type="submit" form="compare">{t.compare}</button></p>
        <section aria-labelledby="history-h">
          <h2 id="history-h">{t.history}</h2>
          {history.length ? (
            <ul>
              {history.map((e) => (
                <li><time datetime={e.at}>{fmt.format(new Date(e.at))}</time> · {e.actor} · {auditActionText(lang, e.action)}
                  {typeof e.detail.note === 'string' ? `: „${e.detail.note}“` : ''}</li>
              ))}
            </ul>
          ) : <p>{t.noHistory}</p>}
          {hasPermission(session.user, 'audit.view') ? <p><a href={`/newsroom/audit?story=${story.id}`}>{t.fullLog}</a></p> : null}
        </section>
      </NewsroomLayout>,
    ), (notice?.status ?? 200) as 200);
  };

  registry.add({
    method: 'GET', path: '/newsroom/stories/:id/revisions', permission: 'story.view', kind: 'page', input: { params: idParams },
    handler: async (c, { params }) => {
      const ctx = c;
      const story = await storyFor(ctx, deps, params.id);
      const restored = Number(c.req.query('restored'));
      const t = pick(TEXT, ctx.get('lang'));
      return revisionsPage(ctx, story, Number.isInteger(restored) && restored > 0 ? { ok: t.restored(restored, story.version) } : undefined);
    },
  });

  registry.add({
    method: 'POST', path: '/newsroom/stories/:id/restore', permission: 'story.edit', kind: 'page', input: { params: idParams },
    handler: async (c, { params }) => {
      const ctx = c;
      const story = await storyFor(ctx, deps, params.id, 'story.edit');
      const form = await c.req.parseBody();
      const version = Number(form.version);
      const expected = Number(form.expected);
      if (!Number.isInteger(version) || version < 1 || !Number.isInteger(expected) || expected < 1) {
        throw new LedeError('VALIDATION', 'the form needs the version to restore and the version you saw', { reason: 'form_incomplete' });
      }
      try {
        await deps.stories.restore(story.id, version, { expectedVersion: expected, actor: actorOf(ctx) });
      } catch (err) {
        if (err instanceof LedeError && err.code === 'VERSION_CONFLICT') {
          return revisionsPage(ctx, await deps.stories.get(story.id), { error: pick(TEXT, ctx.get('lang')).conflict, status: 409 });
        }
        throw err;
      }
      return c.redirect(`/newsroom/stories/${story.id}/revisions?restored=${version}`, 303);
    },
  });

  registry.add({
    method: 'GET', path: '/newsroom/stories/:id/diff', permission: 'story.view', kind: 'page', input: { params: idParams, query: diffQuery },
    handler: async (c, { params, query }) => {
      const ctx = c;
      const lang = ctx.get('lang');
      const t = pick(TEXT, lang);
      const story = await storyFor(ctx, deps, params.id);
      const { diff } = await storyDiff(deps, story, query);
      const title = t.diffTitle(diff.fromVersion, diff.toVersion);
      const nothing = !diff.fields.length && diff.body.every((o) => o.op === 'same');
      return c.html(page(
        <NewsroomLayout title={`${title}: ${story.headline}`} lang={lang} session={ctx.get('session')} assets={{ css: css() }}>
          <h1>{title} <span class="muted">·</span> „{story.headline}“</h1>
          <p><a href={`/newsroom/stories/${story.id}/revisions`}>{t.toRevisions}</a></p>
          <div class="diff">
            <p>{t.summary(diff.summary)}</p>
            {nothing ? <p class="notice">{t.noChanges}</p> : null}
            <h2>{t.fields}</h2>
            {diff.fields.length ? <dl class="fields">{diff.fields.map((f) => <Field change={f} t={t} />)}</dl> : <p>{t.noFieldChanges}</p>}
            <h2>{t.body}</h2>
            <BlockList ops={diff.body} t={t} />
          </div>
        </NewsroomLayout>,
      ));
    },
  });
}
