import { sectionSlug, storyPath, type Story } from '../../content/index.js';
import { LIVE_TICKER_SCRIPT_PATH } from './live-ticker-script.js';

const TEXT = {
  de: {
    one: '1 neuer Eintrag',
    many: '{n} neue Einträge',
    gone: 'Dieser Live-Ticker ist nicht mehr verfügbar; es werden keine neuen Einträge mehr geladen.',
    auto: 'Neueste Einträge zuerst. Neue Einträge erscheinen automatisch.',
  },
  en: {
    one: '1 new entry',
    many: '{n} new entries',
    gone: 'This live blog is no longer available; no new entries will be loaded.',
    auto: 'Newest entries first. New entries appear automatically.',
  },
};

/** Address of a story's live fragment (live-routes.tsx). */
export function liveFragmentPath(story: Pick<Story, 'section' | 'slug'>): string {
  return `${storyPath({ sectionSlug: sectionSlug(story.section), slug: story.slug })}/live.json`;
}

/**
 * The live ticker script with what it needs to know: where to poll and what to
 * say, in the story's language. Deferred, same-origin (the CSP allows no inline
 * script), and only on live ticker pages.
 */
export function LiveTickerScript(props: { story: Story }) {
  const t = props.story.language.startsWith('de') ? TEXT.de : TEXT.en;
  return (
    <script defer src={LIVE_TICKER_SCRIPT_PATH} data-live={liveFragmentPath(props.story)}
      data-one={t.one} data-many={t.many} data-gone={t.gone} data-auto={t.auto}></script>
  );
}
