import { LedeError, formatEnglishDateTime, formatGermanDateTime } from '../content/index.js';
import { hasPermission } from '../content/roles.js';
import type { Session } from '../store/session-repository.js';
import { WIRE_TEXT, pick, type UiLang } from './i18n.js';

/** What the desk's pages share: times in Europe/Berlin, the Eil and Sperrfrist badges, the desk's own navigation. */

export type WireT = (typeof WIRE_TEXT)['de'];

export const wireText = (lang: UiLang): WireT => pick(WIRE_TEXT, lang);

/** An instant as the newsroom writes it (Europe/Berlin). */
export function when(iso: string, lang: UiLang): string {
  return lang === 'en' ? formatEnglishDateTime(iso) : formatGermanDateTime(iso);
}

/** Urgency 1–2: an Eilmeldung. */
export const isEil = (urgency: number | undefined): boolean => urgency !== undefined && urgency >= 1 && urgency <= 2;

/** The Eil badge: a word, not only a colour. */
export function EilBadge(props: { t: WireT }) {
  return <strong class="badge eil">{props.t.eil}</strong>;
}

/** The Sperrfrist badge with its time in Europe/Berlin (a datetime attribute for machines). */
export function EmbargoBadge(props: { until: string; t: WireT; lang: UiLang }) {
  return <span class="badge embargo">{props.t.embargo} <time datetime={props.until}>{when(props.until, props.lang)}</time></span>;
}

export function StatusBadge(props: { status: string; t: WireT }) {
  return <span class={`badge status-${props.status}`}>{props.t.statusNames[props.status] ?? props.status}</span>;
}

/** Links between the desk's pages; the sources only for those who manage them. */
export function WireNav(props: { t: WireT; session: Session; current: 'desk' | 'dead' | 'sources' }) {
  const link = (href: string, label: string, key: string) => (
    <li><a href={href} aria-current={props.current === key ? 'page' : undefined}>{label}</a></li>
  );
  return (
    <nav class="wire-nav" aria-label={props.t.nav}>
      <ul>
        {link('/newsroom/agentur', props.t.deskNav, 'desk')}
        {link('/newsroom/agentur/fehler', props.t.deadLetters, 'dead')}
        {hasPermission(props.session.user, 'wire.manage') ? link('/newsroom/agentur/quellen', props.t.sources, 'sources') : null}
      </ul>
    </nav>
  );
}

/** The desk's own refusals in the editor's words (the newsroom's shared table does not know them yet); other errors as they are. */
const WIRE_ERRORS: Record<string, { de: (p: Record<string, unknown>) => string; en: (p: Record<string, unknown>) => string }> = {
  no_wire_item: { de: () => 'Diese Agenturmeldung gibt es nicht (mehr).', en: () => 'There is no such wire item.' },
  no_wire_version: { de: (p) => `Diese Fassung gibt es nicht; die aktuelle ist Fassung ${String(p.current ?? '?')}.`, en: (p) => `There is no such version; the current one is version ${String(p.current ?? '?')}.` },
  wire_withdrawn: { de: () => 'Die Agentur hat diese Meldung zurückgezogen; sie kann nicht übernommen werden.', en: () => 'The agency has withdrawn this item; it cannot be taken over.' },
  no_dead_letter: { de: () => 'Diese Lieferung gibt es nicht (mehr).', en: () => 'There is no such delivery.' },
  dead_letter_truncated: { de: () => 'Von dieser Lieferung wurde nur der Anfang gespeichert; bitte neu liefern lassen.', en: () => 'Only the start of this delivery was kept; have it delivered again.' },
  no_wire_source: { de: (p) => `Die Quelle „${String(p.source ?? '')}“ gibt es nicht.`, en: (p) => `There is no source "${String(p.source ?? '')}".` },
  wire_source_in_use: {
    de: (p) => `Die Quelle „${String(p.source ?? '')}“ hat ${String(p.items ?? '')} Meldungen und kann nicht gelöscht werden; bitte stattdessen deaktivieren.`,
    en: (p) => `The source "${String(p.source ?? '')}" has ${String(p.items ?? '')} items and cannot be deleted; deactivate it instead.`,
  },
};

/** `err` with its message in `lang` when it is one of the desk's own refusals; the same error otherwise. */
export function wireError(err: LedeError, lang: UiLang): LedeError {
  const words = WIRE_ERRORS[err.reason];
  if (!words) return err;
  return new LedeError(err.code, words[lang](err.params), { reason: err.reason, params: err.params, issues: [...err.issues] });
}

/** The text of a refusal on a desk page. */
export function wireErrorText(err: LedeError, lang: UiLang, fallback: (e: LedeError) => string | undefined): string {
  const local = wireError(err, lang);
  return local !== err ? local.message : fallback(err) ?? err.message;
}

/** Runs a page handler; a desk refusal it throws reaches the newsroom's error page in the editor's words. */
export async function inWords(lang: UiLang, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    throw err instanceof LedeError ? wireError(err, lang) : err;
  }
}

export const WIRE_CSS = `
.badge{display:inline-block;padding:.05rem .45rem;border-radius:3px;background:#e8edf2;font-size:.85rem;border:1px solid transparent}
.badge.eil{background:#a61b1b;color:#fff;text-transform:uppercase;letter-spacing:.04em}
.badge.embargo{background:#fff3cd;border-color:#7a4d00;color:#4d3000;font-weight:600}
.badge.status-withdrawn{background:#f4dcdc;border-color:#a61b1b;color:#7a1212;font-weight:600}
.badge.status-corrected{background:#fff3cd}.badge.status-taken{background:#dff3e4}
.wire-list tr.eil{background:#fff4f4;box-shadow:inset 4px 0 0 #a61b1b}
.wire-list tr.withdrawn .headline{text-decoration:line-through}
.wire-list tr.fresh{outline:2px solid #0b4f8a;outline-offset:-2px}
.wire-list td,.wire-list th{font-size:.95rem}
.wire-list th[scope=row]{font-weight:400}.wire-list .headline{font-weight:600}
.wire-list .teaser{margin:.15rem 0 0;color:#4d5963}
.wire-nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;margin:0 0 1rem;padding:0}
.wire-live{min-height:1.5rem;font-weight:600}
.wire-eil-alert:empty{display:none}
.wire-eil-alert{border-left:6px solid #a61b1b;background:#fff4f4;padding:.6rem .9rem;margin:1rem 0;font-weight:600}
.wire-warning{border:2px solid #a61b1b;background:#fff4f4;padding:.75rem 1rem;margin:1rem 0}
.wire-warning h2{margin:.1rem 0 .4rem;font-size:1.2rem;color:#7a1212}
.wire-embargo{border:2px solid #7a4d00;background:#fff8e1;padding:.75rem 1rem;margin:1rem 0}
.wire-embargo h2{margin:.1rem 0 .4rem;font-size:1.2rem}
.wire-internal{border:2px dashed #7a4d00;background:#fffdf5;padding:.75rem 1rem;margin:1rem 0}
.wire-internal h2::before{content:"\\26A0\\FE0E  "}
.wire-body{background:#fff;border:1px solid #d5dbe1;padding:1rem;margin:1rem 0;max-width:48rem}
.wire-body aside{border-left:4px solid #6b7680;padding:.25rem .75rem;margin:1rem 0;background:#f4f6f8}
.wire-fields{display:grid;grid-template-columns:minmax(8rem,12rem) 1fr;gap:.3rem 1rem;margin:0}
.wire-fields dt{font-weight:600}.wire-fields dd{margin:0}
.wire-take{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.field-error{color:#a61b1b;font-weight:600;margin:.2rem 0}
.wire-rules input,.wire-rules select{width:100%}
.wire-secret{font-family:ui-monospace,monospace;font-size:1.05rem;word-break:break-all;background:#fff;padding:.4rem;border:1px solid #6b7680}
`.trim().replace(/\n/g, '');
