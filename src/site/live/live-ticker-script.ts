import { createHash } from 'node:crypto';

/**
 * The one script of the reader site: it keeps a live ticker page up to date.
 *
 * Why polling and not server-sent events: the poll asks for a small JSON
 * fragment (live-routes.tsx) that goes through the page cache like every page,
 * so thousands of readers during breaking news cost one render per change (the
 * story's surrogate key purges it), any app node can answer (no sticky
 * connections, no fan-out between nodes), and no connection is held open.
 *
 * What it does, in the browser:
 * - every 15 s while the tab is visible (Page Visibility API; a hidden tab does
 *   not poll, and polls at once when it comes back if a poll is due), asks for
 *   the entries at or after the newest time shown;
 * - puts the entries it does not show yet (known by their ids) on top of the
 *   list, as the server rendered them (no templating here, so no untrusted text
 *   is ever turned into markup in the browser);
 * - says "2 neue Einträge" in a polite status region, never moves focus or
 *   scrolls (browsers' scroll anchoring keeps a reader's place);
 * - backs off on errors (doubling, up to 5 minutes, with jitter); on 404/410
 *   (story taken down) it stops and says so.
 * Without JavaScript nothing changes: the page is complete and a reload shows
 * new entries. Texts come from data attributes on the script element, so the
 * script itself has no language. Plain ES5-level code, no build step; kept
 * under 2 KB (a test checks).
 */
const SOURCE = `(function () {
  var me = document.currentScript, list = document.querySelector('ol.ticker');
  if (!me || !list || !window.fetch || !('content' in document.createElement('template'))) return;
  var d = me.dataset, every = 15e3, wait = every, timer = 0, last = 0, busy = 0, done = 0;
  var status = document.createElement('p');
  status.className = 'live-status';
  status.setAttribute('role', 'status');
  list.parentNode.insertBefore(status, list);
  var note = document.getElementById('live-note');
  if (note && d.auto) note.textContent = d.auto;

  function newest() {
    var best = -Infinity, at = '';
    list.querySelectorAll('.entry-meta time').forEach(function (t) {
      var v = Date.parse(t.dateTime);
      if (v > best) { best = v; at = t.dateTime; }
    });
    return at;
  }
  function later(ms) {
    clearTimeout(timer);
    timer = setTimeout(poll, ms * (0.9 + Math.random() * 0.2));
  }
  function add(data) {
    var t = document.createElement('template'), n = 0;
    t.innerHTML = data.entries.map(function (e) { return e.html; }).join('');
    [].slice.call(t.content.children).reverse().forEach(function (li) {
      if (li.id && !document.getElementById(li.id)) { list.insertBefore(li, list.firstChild); n++; }
    });
    if (n) status.textContent = n > 1 ? d.many.replace('{n}', n) : d.one;
  }
  function poll() {
    if (done || document.hidden) return;
    busy = 1;
    last = Date.now();
    fetch(d.live + '?nach=' + encodeURIComponent(newest()), { cache: 'no-cache', credentials: 'omit' })
      .then(function (r) {
        if (r.status == 404 || r.status == 410) { done = 1; status.textContent = d.gone; return; }
        if (!r.ok) throw r.status;
        return r.json().then(add);
      })
      .then(function () { wait = every; }, function () { wait = Math.min(wait * 2, 3e5); })
      .then(function () { busy = 0; if (!done) later(wait); });
  }
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && !done && !busy) later(Math.max(0, wait - (Date.now() - last)));
  });
  later(every);
})();
`;

/** The script as served: the source above without its indentation. */
export const LIVE_TICKER_JS = SOURCE.replace(/^[ \t]+/gm, '');

const hash = createHash('sha256').update(LIVE_TICKER_JS).digest('hex').slice(0, 12);

/** Where the script is served; the name changes with the content, so it can be cached for good. */
export const LIVE_TICKER_SCRIPT_PATH = `/assets/live-ticker.${hash}.js`;
