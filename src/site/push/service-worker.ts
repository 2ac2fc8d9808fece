/**
 * The site's service worker (`/sw.js`, issue 14). It does one thing: Web Push.
 * No caching of pages, no fetch handler — every request goes to the network
 * exactly as without it.
 *
 * - `push`: the payload is the JSON PushService sends ({title, body, url,
 *   icon?}, PushPayload); shows it as a notification with the url in
 *   notification.data. A payload it cannot read still shows a notification
 *   (with userVisibleOnly a push must show one) naming the site, opening "/".
 * - `notificationclick`: opens the story: an open tab of this site is focused
 *   and navigated there, else a new window opens. Only a plain path on this
 *   site is ever opened ("/politik/wahl"); anything else (another host,
 *   "//evil.example", a javascript: URL, backslashes) opens "/".
 * - `install`/`activate`: takes over at once, so the tab that subscribed is
 *   controlled (and can be navigated by a click) without a reload.
 *
 * waitUntil is called after the work has started, and a refusal of it is
 * ignored: an event that is not the browser's own (dispatched by a test or a
 * debugger) cannot be extended, and its work must still run.
 */
const SOURCE = `'use strict';
var plain = /^\\/(?![\\/\\\\])[^\\s\\\\]*$/;
function localPath(u) {
  if (typeof u != 'string' || !plain.test(u)) return '/';
  try { return plain.test(decodeURIComponent(u)) ? u : '/'; } catch (e) { return '/'; }
}
function iconOf(i) {
  return typeof i == 'string' && (localPath(i) == i && i != '/' || /^https:\\/\\/[^\\/\\\\\\s]+\\/\\S*$/.test(i)) ? i : undefined;
}
function extend(e, work) { try { e.waitUntil(work); } catch (x) {} }
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (e) { extend(e, self.clients.claim()); });
self.addEventListener('push', function (e) {
  var p = {};
  try { p = e.data ? e.data.json() : {}; } catch (x) {}
  if (!p || typeof p != 'object') p = {};
  var options = { body: typeof p.body == 'string' ? p.body : '', data: { url: localPath(p.url) } }, icon = iconOf(p.icon);
  if (icon) options.icon = icon;
  extend(e, self.registration.showNotification(typeof p.title == 'string' && p.title ? p.title : self.location.host, options));
});
self.addEventListener('notificationclick', function (e) {
  var n = e.notification, url = new URL(localPath(n.data && n.data.url), self.location.origin).href;
  n.close();
  extend(e, self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (tabs) {
    var tab = tabs.filter(function (t) { return new URL(t.url).origin == self.location.origin; })[0];
    if (!tab) return self.clients.openWindow(url);
    return Promise.resolve().then(function () { return tab.focus(); }).catch(function () {}).then(function () {
      return tab.navigate(url);
    }).then(function (t) { return t || self.clients.openWindow(url); }, function () { return self.clients.openWindow(url); });
  }));
});
`;

/** The service worker as served. */
export const SERVICE_WORKER_JS = SOURCE;
