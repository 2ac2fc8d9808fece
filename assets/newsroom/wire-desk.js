// @ts-check
// Lede newsroom: the live wire desk. Polls the desk's JSON list with the
// newest mark it has seen (every few seconds, not while the tab is hidden),
// puts what arrived at the top of the table (Eilmeldungen above the rest),
// says "n neue Meldungen" in a polite live region and each new Eilmeldung
// once in an alert. Never moves the focus. Without it the page is a plain
// list and filter form. A classic script; its types are written inline.
(function () {
  'use strict';
  var cfgEl = document.getElementById('wire-desk-config');
  var table = document.getElementById('wire-list');
  var live = document.getElementById('wire-live');
  var alertBox = document.getElementById('wire-eil-alert');
  if (!cfgEl || !table || !live || !alertBox) return;
  var tbody = table.querySelector('tbody');
  if (!tbody) return;
  var body = tbody;
  var liveEl = live;
  var alertEl = alertBox;

  /**
   * @typedef {{ id: string, source: string, urgency?: number, kicker?: string, headline: string, teaser?: string,
   *   desks: string[], receivedAt: string, status: string, versions: number, embargoUntil?: string }} Entry
   * @typedef {{ poll: string, newest: string, lang: 'de' | 'en', text: { eil: string, embargo: string,
   *   statusNames: Record<string, string>, newItems: { one: string, many: string }, moreNew: string, eilAlert: string, versionCount: string } }} Config
   */
  /** @type {Config} */
  var cfg = JSON.parse(cfgEl.textContent || 'null');
  var T = cfg.text;
  var newest = cfg.newest;
  var INTERVAL = 5000;
  /** Ids already announced as Eilmeldung (an alert once per item, even when later versions arrive). */
  /** @type {Set<string>} */
  var alerted = new Set();
  var fresh = 0;
  var busy = false;

  // The server's way of writing a time (formatGermanDateTime / formatEnglishDateTime), in Europe/Berlin.
  var fmt = new Intl.DateTimeFormat(cfg.lang === 'en' ? 'en-US' : 'de-DE', {
    timeZone: 'Europe/Berlin', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  /** @param {string} iso */
  function when(iso) {
    /** @type {Record<string, string>} */
    var p = {};
    fmt.formatToParts(new Date(iso)).forEach(function (x) { p[x.type] = x.value; });
    return cfg.lang === 'en'
      ? p.month + ' ' + p.day + ', ' + p.year + ', ' + p.hour + ':' + p.minute
      : p.day + '. ' + p.month + ' ' + p.year + ' | ' + p.hour + ':' + p.minute + ' Uhr';
  }

  /** @param {number | undefined} u */
  function isEil(u) { return typeof u === 'number' && u >= 1 && u <= 2; }

  /**
   * @param {string} tag
   * @param {string} [cls]
   * @param {string} [text]
   */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** @param {string} iso */
  function timeEl(iso) {
    var t = /** @type {HTMLTimeElement} */ (el('time', '', when(iso)));
    t.dateTime = iso;
    return t;
  }

  /** The same row the server renders (WireRow in src/admin/wire-desk-page.tsx), built without markup strings. @param {Entry} e */
  function row(e) {
    var tr = el('tr');
    var eil = isEil(e.urgency);
    var cls = [eil ? 'eil' : '', e.status === 'withdrawn' ? 'withdrawn' : '', 'fresh'].filter(Boolean).join(' ');
    tr.className = cls;
    tr.setAttribute('data-id', e.id);
    var td = el('td'); td.appendChild(timeEl(e.receivedAt)); tr.appendChild(td);
    tr.appendChild(el('td', '', e.source));
    td = el('td');
    if (eil) td.appendChild(el('strong', 'badge eil', T.eil));
    td.appendChild(document.createTextNode(' ' + (e.urgency === undefined ? '–' : String(e.urgency))));
    tr.appendChild(td);
    var th = el('th');
    th.setAttribute('scope', 'row');
    if (e.kicker) th.appendChild(el('span', 'muted', e.kicker + ': '));
    var a = /** @type {HTMLAnchorElement} */ (el('a', 'headline', e.headline));
    a.href = '/newsroom/agentur/' + encodeURIComponent(e.id);
    th.appendChild(a);
    if (e.teaser) th.appendChild(el('p', 'teaser', e.teaser));
    tr.appendChild(th);
    tr.appendChild(el('td', '', e.desks.filter(function (d) { return d.indexOf(':') < 0; }).join(', ')));
    td = el('td');
    td.appendChild(el('span', 'badge status-' + e.status, T.statusNames[e.status] || e.status));
    if (e.versions > 1) td.appendChild(el('div', 'muted', T.versionCount.replace('{n}', String(e.versions))));
    // A Sperrfrist that has passed is no longer news on the desk (the item page still names it).
    if (e.embargoUntil && Date.parse(e.embargoUntil) > Date.now()) {
      var d = el('div');
      var b = el('span', 'badge embargo', T.embargo + ' ');
      b.appendChild(timeEl(e.embargoUntil));
      d.appendChild(b);
      td.appendChild(d);
    }
    tr.appendChild(td);
    return tr;
  }

  /** Puts a row where the desk's order wants it: an Eilmeldung first, anything else after the Eilmeldungen on top. @param {Entry} e */
  function place(e) {
    var old = body.querySelector('tr[data-id="' + e.id.replace(/[^0-9a-f-]/gi, '') + '"]');
    if (old) old.remove();
    var tr = row(e);
    if (isEil(e.urgency)) { body.insertBefore(tr, body.firstChild); return; }
    var at = body.firstElementChild;
    while (at && at.classList.contains('eil')) at = at.nextElementSibling;
    body.insertBefore(tr, at);
  }

  /** @param {Entry[]} items newest first */
  function show(items) {
    var none = document.getElementById('wire-none');
    if (none) none.remove();
    // Oldest first, so the newest ends on top.
    for (var i = items.length - 1; i >= 0; i--) {
      var e = /** @type {Entry} */ (items[i]);
      place(e);
      if (isEil(e.urgency) && !alerted.has(e.id) && e.status !== 'withdrawn') {
        alerted.add(e.id);
        var p = el('p', '', T.eilAlert.replace('{h}', e.headline));
        alertEl.appendChild(p);
      }
    }
    fresh += items.length;
    liveEl.textContent = fresh === 1 ? T.newItems.one : T.newItems.many.replace('{n}', String(fresh));
  }

  function poll() {
    if (busy || document.hidden) return;
    busy = true;
    var url = cfg.poll + (cfg.poll.indexOf('?') < 0 ? '?' : '&') + 'after=' + encodeURIComponent(newest);
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (res) {
        // Logged out meanwhile: asking again every few seconds would only fill the log.
        if (res.status === 401 || res.status === 403) clearInterval(timer);
        return res.ok ? res.json() : null;
      })
      .then(function (/** @type {{ items: Entry[], more: boolean, newest: string } | null} */ data) {
        if (!data) return;
        if (data.items.length) show(data.items);
        if (data.more) liveEl.textContent = liveEl.textContent + ' ' + T.moreNew;
        newest = data.newest;
      })
      .catch(function () { /* offline for a moment: the next poll tries again */ })
      .then(function () { busy = false; });
  }

  var timer = setInterval(poll, INTERVAL);
  document.addEventListener('visibilitychange', function () { if (!document.hidden) poll(); });
})();
