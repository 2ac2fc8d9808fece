import { PUSH_SCRIPT_PATH } from '../push/push-script.js';
import { esc } from './html-text.js';

/** A section as the navigation lists it (layout.tsx's NavSection; not imported, so the two views do not import each other). */
interface PushSection {
  name: string;
  slug: string;
}

const LABELS = {
  de: {
    title: 'Eilmeldungen als Benachrichtigung',
    intro: 'Wir schicken Ihnen eine Benachrichtigung, wenn etwas Wichtiges passiert. Gespeichert wird nur die Adresse, die Ihr Browser dafür vergibt, und Ihre Auswahl – kein Konto, kein Tracking.',
    legend: 'Worüber möchten Sie benachrichtigt werden?',
    all: 'Alle Eilmeldungen',
    sections: 'Rubriken',
    topic: 'Dieses Thema',
    subscribe: 'Benachrichtigungen erhalten',
    save: 'Auswahl speichern',
    unsubscribe: 'Benachrichtigungen abbestellen',
    busy: 'Einen Moment …',
    done: 'Sie erhalten jetzt Benachrichtigungen.',
    saved: 'Ihre Auswahl ist gespeichert.',
    removed: 'Sie erhalten keine Benachrichtigungen mehr.',
    none: 'Bitte wählen Sie mindestens ein Thema aus.',
    denied: 'Ihr Browser blockiert Benachrichtigungen dieser Seite. Sie können sie in den Website-Einstellungen des Browsers erlauben.',
    failed: 'Das hat nicht geklappt. Bitte versuchen Sie es später noch einmal.',
  },
  en: {
    title: 'Breaking news notifications',
    intro: 'We send you a notification when something important happens. Only the address your browser issues for it and your choices are stored – no account, no tracking.',
    legend: 'What would you like to be notified about?',
    all: 'All breaking news',
    sections: 'Sections',
    topic: 'This topic',
    subscribe: 'Get notifications',
    save: 'Save choices',
    unsubscribe: 'Stop notifications',
    busy: 'One moment …',
    done: 'You will now get notifications.',
    saved: 'Your choices are saved.',
    removed: 'You will not get notifications any more.',
    none: 'Please choose at least one topic.',
    denied: 'Your browser blocks notifications from this site. You can allow them in the browser\'s site settings.',
    failed: 'That did not work. Please try again later.',
  },
};

export function pushLabelsFor(lang: string) {
  return lang.startsWith('de') ? LABELS.de : LABELS.en;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The server takes at most 50 choices (PushService's MAX_CHOICES): "all" and 49 sections. */
const MAX_SECTIONS = 49;

/** Kept per section list (the reader keeps one array between story events) and language: the footer of every page. */
const kept = new WeakMap<readonly PushSection[], Map<string, string>>();

/**
 * The reader's Web Push opt-in control for the page footer (issue 14). It is
 * rendered `hidden`: the script (PUSH_SCRIPT_PATH, src/site/push/push-script.ts)
 * shows it only where the browser can take pushes, so without JavaScript or
 * without Web Push the page shows nothing of it. The texts the script says are
 * in data attributes; its status line is a polite live region. The form has
 * no action: only the script submits it (and it is never shown without one).
 */
export function pushOptInHtml(lang: string, sections: readonly PushSection[], topic?: { slug: string; name: string }): string {
  const l = pushLabelsFor(lang);
  // On a topic page the control also offers that topic (kept per topic too: a site has a bounded number of them).
  const shownTopic = topic && SLUG.test(topic.slug) ? topic : undefined;
  const key = `${l === LABELS.de ? 'de' : 'en'}${shownTopic ? `\n${shownTopic.slug}\n${shownTopic.name}` : ''}`;
  let byLang = kept.get(sections);
  const known = byLang?.get(key);
  if (known !== undefined) return known;
  const choice = (value: string, label: string) =>
    `<li><label><input type="checkbox" name="topics" value="${esc(value)}"/> ${esc(label)}</label></li>`;
  let sectionList = '';
  for (const s of sections.filter((s) => SLUG.test(s.slug)).slice(0, MAX_SECTIONS)) sectionList += choice(`section:${s.slug}`, s.name);
  const data = (['subscribe', 'save', 'busy', 'done', 'saved', 'removed', 'none', 'denied', 'failed'] as const)
    .map((k) => ` data-${k}="${esc(l[k])}"`).join('');
  const html = `<section id="push-optin" class="push-optin" aria-labelledby="push-optin-title" hidden${data}>`
    + `<h2 id="push-optin-title">${esc(l.title)}</h2><p>${esc(l.intro)}</p>`
    + `<form id="push-form"><fieldset><legend>${esc(l.legend)}</legend><ul class="push-choices">${choice('all', l.all)}</ul>`
    + (sectionList ? `<fieldset><legend>${esc(l.sections)}</legend><ul class="push-choices">${sectionList}</ul></fieldset>` : '')
    + (shownTopic ? `<fieldset><legend>${esc(l.topic)}</legend><ul class="push-choices">${choice(`topic:${shownTopic.slug}`, shownTopic.name)}</ul></fieldset>` : '')
    + `</fieldset><p class="push-actions"><button type="submit" id="push-go">${esc(l.subscribe)}</button> `
    + `<button type="button" id="push-off" hidden>${esc(l.unsubscribe)}</button></p>`
    + `<p id="push-status" class="push-status" role="status" aria-live="polite"></p></form>`
    + `<script src="${PUSH_SCRIPT_PATH}" defer></script></section>`;
  if (!byLang) kept.set(sections, (byLang = new Map()));
  if (byLang.size > 2000) byLang.clear();
  byLang.set(key, html);
  return html;
}
