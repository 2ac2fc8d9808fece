import { formatEnglishDateTime, formatGermanDateTime, type Story } from '../content/index.js';
import { agencyKey, type StoryAgencyView } from '../services/wire-story-link.js';
import { EDITOR_AGENCY_TEXT, pick, type UiLang } from './i18n.js';
import { jsonIsland } from './story-text.js';
import { WireDiffView } from './wire-diff-view.js';

/**
 * The editor's "Agentur" panel for a story taken from a wire item, rendered
 * on the server so it works without JavaScript: where the story came from,
 * the agency's withdrawal (role=alert, worded, not only red) with what the
 * source's policy did, a newer version with the diff since the version taken
 * (words marked <ins>/<del> with spoken labels) and the Sperrfrist.
 * assets/newsroom/editor-agency.js adds the merge and the 30-second refresh.
 */

type T = (typeof EDITOR_AGENCY_TEXT)['de'];

const when = (iso: string, lang: UiLang) => (lang === 'en' ? formatEnglishDateTime(iso) : formatGermanDateTime(iso));

/** The Sperrfrist the editor must heed: the later of the story's and the item's, if still ahead; `storyCovers` when the story's own embargo holds it. */
export function agencyEmbargo(view: Pick<StoryAgencyView, 'embargoUntil'>, story: Pick<Story, 'embargoUntil'>, now: Date): { until: string; storyCovers: boolean } | undefined {
  const ahead = (iso: string | undefined) => (iso && Date.parse(iso) > now.getTime() ? Date.parse(iso) : undefined);
  const own = ahead(story.embargoUntil);
  const agency = ahead(view.embargoUntil);
  if (agency !== undefined && (own === undefined || own < agency)) return { until: view.embargoUntil!, storyCovers: false };
  if (own !== undefined) return { until: story.embargoUntil!, storyCovers: true };
  return undefined;
}

/** Withdrawn by the agency, or flagged/depublished for a withdrawal. */
export const isWithdrawn = (view: Pick<StoryAgencyView, 'withdrawn' | 'alert'>): boolean => view.withdrawn || view.alert !== undefined;

/** What the source's withdrawal policy did (or left to the editor) for this story. */
function policyText(view: StoryAgencyView, story: Story, t: T): string {
  const live = story.status === 'published' || story.status === 'scheduled';
  if (view.alert === 'depublished' && !live) return t.depublished;
  if (view.withdrawPolicy === 'depublish') return live ? t.depublishFailed : t.depublishNotLive;
  return live ? t.flagged : t.flaggedNotLive;
}

export interface AgencyPanelProps {
  view: StoryAgencyView;
  story: Story;
  lang: UiLang;
  /** The desk item link only for those who may open the desk. */
  canDesk: boolean;
  canEdit: boolean;
  now: Date;
}

export function AgencyPanel(props: AgencyPanelProps) {
  const { view, story, lang } = props;
  const t = pick(EDITOR_AGENCY_TEXT, lang);
  const embargo = agencyEmbargo(view, story, props.now);
  const update = view.update;
  const config = {
    storyId: story.id, url: `/newsroom/api/stories/${story.id}/agency`, page: `/newsroom/stories/${story.id}`,
    key: agencyKey(view, story.embargoUntil), canEdit: props.canEdit, text: t.client,
  };
  return (
    <>
      <section id="agency-panel" class="agency-panel panel" aria-labelledby="agency-h">
        <h2 id="agency-h">{t.title}</h2>
        {isWithdrawn(view) ? (
          <div id="agency-withdrawn" class="agency-withdrawn" role="alert">
            <p class="lead"><strong>{t.warning}</strong> {t.withdrawn}.</p>
            <p>{view.pubStatus !== 'usable' ? `${t.status(t.pubStatus[view.pubStatus] ?? view.pubStatus)} ` : ''}{policyText(view, story, t)}</p>
          </div>
        ) : null}
        <dl class="agency-facts">
          <div><dt>{t.source}</dt><dd>{view.sourceName}{view.sourceName !== view.source ? ` (${view.source})` : ''}</dd></div>
          <div><dt>{t.guid}</dt><dd><code>{view.guid}</code></dd></div>
          <div><dt>{t.taken}</dt><dd id="agency-taken">{String(view.takenVersion)}</dd></div>
          <div><dt>{t.current}</dt><dd id="agency-current">{String(view.currentVersion)}</dd></div>
        </dl>
        {props.canDesk ? <p><a href={view.deskPath}>{t.openDesk}</a></p> : null}
        {embargo ? (
          <p id="agency-embargo" class="notice agency-embargo">
            <strong>{t.embargo} <time datetime={embargo.until}>{when(embargo.until, lang)}</time></strong>. {embargo.storyCovers ? t.embargoStory : t.embargoItemOnly}
          </p>
        ) : null}
        {update ? (
          <section id="agency-update" class="agency-update" aria-labelledby="agency-update-h">
            <h3 id="agency-update-h">
              {t.newVersion(update.version)}{update.correction ? <> <strong class="badge correction">{t.correction}</strong></> : null}
            </h3>
            {update.correction ? <p>{t.correctionText}</p> : null}
            {props.canEdit ? (
              <>
                <p class="agency-merge-tools" id="agency-merge-tools" hidden>
                  <button type="button" id="agency-merge-open" aria-describedby="agency-merge-hint">{t.merge}</button>
                  <span class="hint" id="agency-merge-hint"> {t.mergeHint}</span>
                </p>
                <noscript><p class="hint">{t.noscript}</p></noscript>
              </>
            ) : null}
            <p>{t.sinceTaken(view.takenVersion)}</p>
            {update.diff ? <WireDiffView diff={update.diff} lang={lang} /> : <p class="muted">{t.noDiff}</p>}
          </section>
        ) : null}
        <script type="application/json" id="agency-config" dangerouslySetInnerHTML={{ __html: jsonIsland(config) }}></script>
      </section>
      <section id="agency-merge" class="merge panel agency-merge" hidden tabindex={-1} aria-labelledby="agency-merge-h"></section>
    </>
  );
}

/** Beside the status buttons: what "Veröffentlichen" will do under a Sperrfrist, and the withdrawal (the script ties it to the button). */
export function AgencyPublishHint(props: { view: StoryAgencyView; story: Story; lang: UiLang; now: Date }) {
  const t = pick(EDITOR_AGENCY_TEXT, props.lang);
  const embargo = agencyEmbargo(props.view, props.story, props.now);
  const lines: string[] = [];
  if (isWithdrawn(props.view)) lines.push(t.publishWithdrawn);
  if (embargo) lines.push(embargo.storyCovers ? t.publishEmbargo(when(embargo.until, props.lang)) : t.publishItemEmbargo(when(embargo.until, props.lang)));
  if (!lines.length) return null;
  return <p id="agency-publish-hint" class="hint agency-publish-hint">{lines.join(' ')}</p>;
}

export const EDITOR_AGENCY_CSS = `
.agency-panel{border-left:4px solid #0b4f8a}
.agency-panel h2{margin:0 0 .4rem;font-size:1.2rem}
.agency-panel h3{font-size:1.05rem;margin:.5rem 0}
.agency-withdrawn{border:2px solid #a61b1b;border-left-width:8px;background:#fff4f4;padding:.5rem .9rem;margin:.5rem 0 .75rem}
.agency-withdrawn p{margin:.2rem 0}
.agency-withdrawn .lead{font-size:1.1rem}
.agency-facts{display:flex;flex-wrap:wrap;gap:.2rem 2rem;margin:.3rem 0}
.agency-facts div{display:flex;gap:.4rem;align-items:baseline}
.agency-facts dt{font-weight:600}
.agency-facts dt::after{content:":"}
.agency-facts dd{margin:0;word-break:break-all}
.agency-embargo{border-color:#f0a500;background:#fff8e1}
.agency-update{border-top:1px solid #d5dbe1;margin-top:.75rem;padding-top:.25rem}
.badge.correction{display:inline-block;border:1px solid #a61b1b;color:#a61b1b;background:#fff;border-radius:3px;padding:0 .4rem;font-size:.9rem}
.agency-publish-hint{font-weight:600}
.agency-merge ol{margin:0;padding-left:1.2rem}
.agency-merge .choice div{white-space:nowrap;margin:.1rem 0}
.agency-merge .choice label{display:inline;font-weight:400;margin-left:.3rem}
`.trim().replace(/\n/g, '');
