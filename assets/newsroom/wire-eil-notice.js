// @ts-check
// Lede newsroom: the Eilmeldung notice on every page (issue 12: "a
// notification in the newsroom"). The layout renders an empty alert region
// for people who may read the wire (wire.view); this script asks the desk's
// JSON list for Eilmeldungen newer than a mark every 20 seconds while the tab
// is visible, and shows each new one once: "Eilmeldung: <headline>" linking
// to the item. The mark lives in sessionStorage, so moving from page to page
// neither announces an item twice nor misses one that arrived in between;
// the first page of a tab starts from the newest Eilmeldung there is (only
// what arrives later is news). On the desk itself (which announces its own
// arrivals) it stays silent but keeps the mark moving. Never moves the focus,
// except back to the page when the focused dismiss button goes away.
// Without JavaScript there is no notice: the desk page is the place.
// A classic script; its types are written inline.
(function () {
  'use strict';
  var box = document.getElementById('wire-eil-notice');
  if (!box) return;
  var root = box;
  var regionEl = root.querySelector('[role="alert"]');
  var dismissEl = root.querySelector('button');
  if (!regionEl || !dismissEl) return;
  var region = regionEl;
  var dismiss = /** @type {HTMLButtonElement} */ (dismissEl);

  /** @typedef {{ id: string, headline: string, status: string, urgency?: number }} Entry */
  /** @typedef {{ items: Entry[], more?: boolean, newest: string }} Answer */

  var POLL = root.getAttribute('data-poll') || '';
  var LABEL = root.getAttribute('data-label') || '';
  // 20 s unless the page says otherwise (a test asks for less); never a busy loop.
  var INTERVAL = Math.max(100, Number(root.getAttribute('data-interval')) || 20000);
  // The desk page has its own alert for arrivals: this one only keeps the mark there.
  var quiet = !!document.getElementById('wire-eil-alert');
  var MARK_KEY = 'lede.wireEil.mark';
  var SEEN_KEY = 'lede.wireEil.seen';
  /** How many notices stay on screen at once (older ones are on the desk). */
  var SHOWN_MAX = 3;
  if (!POLL) return;

  /** sessionStorage can be refused (privacy settings); then the mark lives as long as the page. */
  /** @type {Record<string, string>} */
  var memory = {};
  /** @param {string} key */
  function load(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return memory[key] === undefined ? null : memory[key]; }
  }
  /** @param {string} key @param {string | null} value */
  function store(key, value) {
    try {
      if (value === null) window.sessionStorage.removeItem(key); else window.sessionStorage.setItem(key, value);
    } catch (e) {
      if (value === null) delete memory[key]; else memory[key] = value;
    }
  }

  /** Ids already announced in this tab: a later version of an item moves it past the mark again, but is not news again. */
  /** @returns {string[]} */
  function seen() {
    try {
      var v = JSON.parse(load(SEEN_KEY) || '[]');
      return Array.isArray(v) ? v.filter(function (x) { return typeof x === 'string'; }) : [];
    } catch (e) { return []; }
  }
  /** @param {string[]} ids */
  function remember(ids) {
    store(SEEN_KEY, JSON.stringify(seen().concat(ids).slice(-50)));
  }

  /** @param {Entry} e */
  function show(e) {
    var p = document.createElement('p');
    p.appendChild(document.createTextNode(LABEL + ' '));
    var a = document.createElement('a');
    a.href = '/newsroom/agentur/' + encodeURIComponent(e.id);
    a.textContent = e.headline;
    p.appendChild(a);
    // Newest on top; appended nodes are what a screen reader announces, so the region only ever gains the new one.
    region.insertBefore(p, region.firstChild);
    while (region.children.length > SHOWN_MAX) {
      var last = region.lastElementChild;
      if (last) last.remove();
    }
    dismiss.hidden = false;
    root.classList.add('shown');
  }

  dismiss.addEventListener('click', function () {
    var hadFocus = document.activeElement === dismiss;
    region.textContent = '';
    dismiss.hidden = true;
    root.classList.remove('shown');
    // The button the person pressed is gone: the focus goes to the page's content, not to the top of the document.
    if (hadFocus) {
      var main = document.getElementById('main');
      if (main) main.focus();
    }
  });

  var busy = false;
  var stopped = false;

  function poll() {
    if (busy || stopped || document.hidden) return;
    busy = true;
    var mark = load(MARK_KEY);
    var url = mark ? POLL + (POLL.indexOf('?') < 0 ? '?' : '&') + 'after=' + encodeURIComponent(mark) : POLL;
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (res) {
        // Logged out meanwhile (or no longer allowed): asking again would only fill the log.
        if (res.status === 401 || res.status === 403) stopped = true;
        // A mark the server no longer reads (say, after an update): start afresh from the newest item.
        if ((res.status === 400 || res.status === 422) && mark) store(MARK_KEY, null);
        return res.ok ? res.json() : null;
      })
      .then(function (/** @type {Answer | null} */ data) {
        if (!data || typeof data.newest !== 'string') return;
        store(MARK_KEY, data.newest);
        // Without a mark this was the first look: what is there already is not news.
        if (!mark) return;
        var known = seen();
        var fresh = data.items.filter(function (e) { return e.status !== 'withdrawn' && known.indexOf(e.id) < 0; });
        if (!fresh.length) return;
        remember(fresh.map(function (e) { return e.id; }));
        if (quiet) return;
        // Oldest first, so the newest ends on top.
        for (var i = fresh.length - 1; i >= 0; i--) show(/** @type {Entry} */ (fresh[i]));
      })
      .catch(function () { /* offline for a moment: the next poll tries again */ })
      .then(function () { busy = false; });
  }

  // The first page of a tab takes its mark at once; later pages have one and wait for the next turn.
  if (!load(MARK_KEY)) poll();
  setInterval(poll, INTERVAL);
  document.addEventListener('visibilitychange', function () { if (!document.hidden) poll(); });
})();
