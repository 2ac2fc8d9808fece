import { createHash } from 'node:crypto';

/**
 * The reader's push opt-in script (issue 14), for the control pushOptInHtml
 * renders into the footer (src/site/views/push-optin.ts).
 *
 * What it does, in the browser:
 * - shows the control (server-rendered with `hidden`) only where Web Push
 *   works: a service worker, PushManager and Notification; elsewhere, and
 *   without JavaScript, the page stays as it is;
 * - never asks for the notification permission on its own: only the reader's
 *   click on "subscribe" does (Notification.requestPermission in the click);
 * - on subscribe: registers /sw.js (scope "/"), subscribes the browser's
 *   PushManager with the site's VAPID key (GET /push/key) and posts the
 *   subscription with the ticked choices to /push/subscribe; the choices are
 *   remembered in this browser's localStorage only, to show them ticked next
 *   time (the server keeps no link between a reader and a page view);
 * - the same button saves changed choices; "unsubscribe" ends the browser's
 *   subscription and posts its endpoint to /push/unsubscribe;
 * - for a reader who subscribed, once a day on a page view: subscribes again
 *   with the current key (the same subscription when the key is unchanged),
 *   so a rotated VAPID key or a dropped row heals without a click;
 * - says what happened in a polite status region (role=status), never moves focus.
 * Texts come from data attributes on the control, so the script has no
 * language. Plain ES5-level code, no build step.
 */
const SOURCE = `(function () {
  var box = document.getElementById('push-optin');
  if (!box || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window) || !window.fetch || !window.Promise) return;
  var d = box.dataset, form = box.querySelector('form'), go = document.getElementById('push-go'), off = document.getElementById('push-off');
  var status = document.getElementById('push-status'), boxes = [].slice.call(form.querySelectorAll('input[type=checkbox]'));
  var KEY = 'lede-push-topics', busy = 0;
  function say(t) { status.textContent = t; }
  function remembered() { try { return JSON.parse(localStorage.getItem(KEY) || '[]'); } catch (e) { return []; } }
  function remember(t) { try { if (t) localStorage.setItem(KEY, JSON.stringify(t)); else localStorage.removeItem(KEY); } catch (e) {} }
  function show(on, topics) {
    off.hidden = !on;
    go.textContent = on ? d.save : d.subscribe;
    if (topics) boxes.forEach(function (c) { c.checked = topics.indexOf(c.value) >= 0; });
  }
  function post(path, body) {
    return fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r; });
  }
  function b64(s) {
    s = s.replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(s + '==='.slice((s.length + 3) % 4)), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  function same(a, b) {
    if (!a || a.byteLength != b.length) return false;
    a = new Uint8Array(a);
    for (var i = 0; i < b.length; i++) if (a[i] != b[i]) return false;
    return true;
  }
  function current() {
    return navigator.serviceWorker.getRegistration('/').then(function (reg) { return reg ? reg.pushManager.getSubscription() : null; });
  }
  function subscribe(topics) {
    return fetch('/push/key', { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (k) {
      var key = b64(k.publicKey);
      return navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(function () { return navigator.serviceWorker.ready; }).then(function (reg) {
        return reg.pushManager.getSubscription().then(function (old) {
          if (old && same(old.options && old.options.applicationServerKey, key)) return old;
          // A subscription made with an earlier key (rotated) is useless: replaced.
          return (old ? old.unsubscribe() : Promise.resolve()).then(function () {
            return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
          });
        });
      });
    }).then(function (sub) {
      var body = sub.toJSON();
      body.topics = topics;
      return post('/push/subscribe', body).then(function (r) { return r.status == 201; });
    });
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (busy) return;
    // Choices made on other pages (a topic page's topic) that this page has no box for are kept.
    var here = boxes.map(function (c) { return c.value; });
    var topics = boxes.filter(function (c) { return c.checked; }).map(function (c) { return c.value; })
      .concat(remembered().filter(function (t) { return here.indexOf(t) < 0; })).slice(0, 50);
    if (!topics.length) return say(d.none);
    busy = 1;
    say(d.busy);
    // Asked here, in the reader's click, and nowhere else.
    Promise.resolve(Notification.requestPermission()).then(function (p) {
      if (p != 'granted') { say(d.denied); return; }
      return subscribe(topics).then(function (created) {
        remember(topics);
        show(1);
        say(created ? d.done : d.saved);
      });
    }).catch(function () { say(d.failed); }).then(function () { busy = 0; });
  });
  off.addEventListener('click', function () {
    if (busy) return;
    busy = 1;
    say(d.busy);
    current().then(function (sub) {
      if (!sub) return;
      var endpoint = sub.endpoint;
      return sub.unsubscribe().then(function () { return post('/push/unsubscribe', { endpoint: endpoint }); });
    }).then(function () {
      remember(null);
      show(0, []);
      say(d.removed);
    }, function () { say(d.failed); }).then(function () { busy = 0; });
  });
  box.hidden = false;
  // A reader who subscribed before sees it: the choices ticked, "unsubscribe" offered.
  // Once a day it is also renewed with the site's key: after a key rotation the old subscription is replaced without a click
  // (the permission was given already), and a subscription the server dropped is stored again.
  if (Notification.permission == 'granted') current().then(function (sub) {
    var t = remembered(), last = 0;
    if (!sub) return;
    show(1, t.length ? t : null);
    try { last = Number(localStorage.getItem(KEY + '-renewed')) || 0; } catch (e) {}
    if (!t.length || Date.now() - last < 864e5) return;
    try { localStorage.setItem(KEY + '-renewed', String(Date.now())); } catch (e) {}
    return subscribe(t);
  }).catch(function () {});
})();
`;

/** The script as served: the source above without its indentation. */
export const PUSH_JS = SOURCE.replace(/^[ \t]+/gm, '');

const hash = createHash('sha256').update(PUSH_JS).digest('hex').slice(0, 12);

/** Where the script is served; the name changes with the content, so it can be cached for good. */
export const PUSH_SCRIPT_PATH = `/assets/push.${hash}.js`;
