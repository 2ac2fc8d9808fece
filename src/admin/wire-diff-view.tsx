import type { Child } from 'hono/jsx';
import { blockText, type BlockOp, type FieldChange, type WordOp } from '../content/block-diff.js';
import type { WireDiff } from '../content/wire-diff.js';
import type { UiLang } from './i18n.js';
import { when } from './wire-common.js';

/**
 * Two versions of an agency item side by side in words: what was added is
 * <ins> and what was removed <del>, each with a hidden spoken label and a
 * visible underline/strike-through (REVISIONS_CSS under `.diff`), so the
 * change never rests on colour alone.
 */

const TEXT = {
  de: {
    fields: 'Felder', body: 'Text und Kästen', noChanges: 'Keine Unterschiede.', before: 'Vorher', after: 'Nachher', empty: '(leer)',
    yes: 'ja', no: 'nein', insStart: '[Einfügung:', delStart: '[Löschung:', end: ']', ins: 'Eingefügt', del: 'Gelöscht', changed: 'Geändert', moved: 'Verschoben',
    added: 'Hinzugefügt', removed: 'Entfernt', unchanged: (n: number) => (n === 1 ? '1 unveränderter Absatz' : `${n} unveränderte Absätze`),
    summary: (s: WireDiff['summary']) => `${s.fields} Felder geändert · ${s.inserted} Absätze eingefügt · ${s.deleted} gelöscht · ${s.changed} geändert · ${s.moved} verschoben`,
    names: {
      kicker: 'Dachzeile', headline: 'Überschrift', subhead: 'Unterzeile', teaser: 'Vorspann', byline: 'Autorenzeile', dateline: 'Ortsmarke',
      pubStatus: 'Status der Agentur', urgency: 'Dringlichkeit', embargoUntil: 'Sperrfrist', correction: 'Korrektur',
    } as Record<string, string>,
  },
  en: {
    fields: 'Fields', body: 'Text and boxes', noChanges: 'No differences.', before: 'Before', after: 'After', empty: '(empty)',
    yes: 'yes', no: 'no', insStart: '[insertion:', delStart: '[deletion:', end: ']', ins: 'Inserted', del: 'Deleted', changed: 'Changed', moved: 'Moved',
    added: 'Added', removed: 'Removed', unchanged: (n: number) => (n === 1 ? '1 unchanged paragraph' : `${n} unchanged paragraphs`),
    summary: (s: WireDiff['summary']) => `${s.fields} fields changed · ${s.inserted} paragraphs inserted · ${s.deleted} deleted · ${s.changed} changed · ${s.moved} moved`,
    names: {
      kicker: 'Kicker', headline: 'Headline', subhead: 'Subhead', teaser: 'Teaser', byline: 'Byline', dateline: 'Dateline',
      pubStatus: 'Agency status', urgency: 'Urgency', embargoUntil: 'Embargo', correction: 'Correction',
    } as Record<string, string>,
  },
};
type T = (typeof TEXT)['de'];

function Ins(props: { t: T; children?: Child }) {
  return <ins><span class="vh">{props.t.insStart} </span>{props.children}<span class="vh"> {props.t.end}</span></ins>;
}
function Del(props: { t: T; children?: Child }) {
  return <del><span class="vh">{props.t.delStart} </span>{props.children}<span class="vh"> {props.t.end}</span></del>;
}

function Words(props: { words: WordOp[]; t: T }) {
  return <>{props.words.map((w) => (w.op === 'same' ? w.text : w.op === 'ins' ? <Ins t={props.t}>{w.text}</Ins> : <Del t={props.t}>{w.text}</Del>))}</>;
}

function Field(props: { f: FieldChange; t: T; lang: UiLang }) {
  const { f, t } = props;
  const name = t.names[f.field] ?? f.field;
  if (f.kind === 'text') return <><dt>{name}</dt><dd><Words words={f.words} t={t} /></dd></>;
  if (f.kind === 'list') {
    return (
      <><dt>{name}</dt><dd>
        {f.added.length ? <div>{t.added}: {f.added.map((a, i) => <>{i ? ', ' : ''}<Ins t={t}>{a}</Ins></>)}</div> : null}
        {f.removed.length ? <div>{t.removed}: {f.removed.map((a, i) => <>{i ? ', ' : ''}<Del t={t}>{a}</Del></>)}</div> : null}
      </dd></>
    );
  }
  // Yes/no in words, instants in the newsroom's time; other values (statuses, urgencies) as the agency gives them.
  const word = (v: string) => (f.field === 'correction' ? (v === 'true' ? t.yes : t.no) : f.field === 'embargoUntil' && !Number.isNaN(Date.parse(v)) ? when(v, props.lang) : v);
  return (
    <><dt>{name}</dt><dd>
      <div>{t.before}: {f.before !== undefined ? <Del t={t}>{word(f.before)}</Del> : t.empty}</div>
      <div>{t.after}: {f.after !== undefined ? <Ins t={t}>{word(f.after)}</Ins> : t.empty}</div>
    </dd></>
  );
}

function Op(props: { op: BlockOp; t: T }) {
  const { op, t } = props;
  if (op.op === 'changed') {
    return (
      <li class="op-changed">
        <span class="label">{t.changed}</span>
        <p class="text">{op.words ? <Words words={op.words} t={t} /> : <><Del t={t}>{blockText(op.before)}</Del> <Ins t={t}>{blockText(op.after)}</Ins></>}</p>
      </li>
    );
  }
  if (op.op === 'same') return <li class="op-same"><p class="text">{blockText(op.block)}</p></li>;
  const text = blockText(op.block);
  return (
    <li class={`op-${op.op}`}>
      <span class="label">{t[op.op]}</span>
      <p class="text">{op.op === 'ins' ? <Ins t={t}>{text}</Ins> : op.op === 'del' ? <Del t={t}>{text}</Del> : text}</p>
    </li>
  );
}

/** The diff of two versions; `headingId` labels the section (its h2 is the caller's). */
export function WireDiffView(props: { diff: WireDiff; lang: UiLang }) {
  const t = props.lang === 'en' ? TEXT.en : TEXT.de;
  const d = props.diff;
  const items: Child[] = [];
  // Runs of unchanged paragraphs fold away: the changes are what an editor looks for.
  for (let k = 0; k < d.body.length;) {
    if (d.body[k]!.op === 'same') {
      let end = k;
      while (end < d.body.length && d.body[end]!.op === 'same') end++;
      const run = d.body.slice(k, end);
      items.push(
        <li class="op-same"><details><summary>{t.unchanged(run.length)}</summary>
          {run.map((o) => <p class="text">{blockText((o as { block: Parameters<typeof blockText>[0] }).block)}</p>)}
        </details></li>,
      );
      k = end;
    } else {
      items.push(<Op op={d.body[k]!} t={t} />);
      k++;
    }
  }
  const nothing = !d.fields.length && d.body.every((o) => o.op === 'same');
  return (
    <div class="diff">
      <p class="muted">{t.summary(d.summary)}</p>
      {nothing ? <p class="notice">{t.noChanges}</p> : null}
      {d.fields.length ? <><h3>{t.fields}</h3><dl class="fields">{d.fields.map((f) => <Field f={f} t={t} lang={props.lang} />)}</dl></> : null}
      {d.body.length ? <><h3>{t.body}</h3><ol class="blocks">{items}</ol></> : null}
    </div>
  );
}
