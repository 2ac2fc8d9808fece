// @ts-check
// Lede newsroom: the import page. Sends pasted or uploaded page text to the
// importer (POST /newsroom/api/import) and opens the new draft in the editor.
// A classic script (it imports nothing); its types are written inline, since
// a script's typedefs would be global to every checked file.
(function () {
  'use strict';
  var form = document.getElementById('import-form');
  var cfgEl = document.getElementById('import-config');
  if (!form || !cfgEl) return;
  /** @type {import('./import-types.js').ImportText} */
  var T = JSON.parse(cfgEl.textContent || 'null').text;
  var csrfMeta = /** @type {HTMLMetaElement | null} */ (document.querySelector('meta[name="csrf-token"]'));
  var csrf = (csrfMeta && csrfMeta.content) || '';
  // The import page always has these (it is the page that has #import-form).
  var msg = /** @type {HTMLElement} */ (document.getElementById('import-messages'));
  var state = /** @type {HTMLElement} */ (document.getElementById('import-state'));
  var button = /** @type {HTMLButtonElement} */ (document.getElementById('import-submit'));
  var fileInput = /** @type {HTMLInputElement} */ (document.getElementById('import-file'));
  var textInput = /** @type {HTMLTextAreaElement} */ (document.getElementById('import-text'));

  /**
   * Shows why the import did not happen, with the server's issues.
   * @param {string} text
   * @param {import('./import-types.js').ApiIssue[]} [issues]
   */
  function fail(text, issues) {
    msg.textContent = '';
    var box = document.createElement('div');
    box.className = 'notice error';
    var p = document.createElement('p');
    p.textContent = text;
    box.appendChild(p);
    if (issues && issues.length) {
      var ul = document.createElement('ul');
      issues.forEach(function (i) { var li = document.createElement('li'); li.textContent = i.text || (i.path ? i.path + ': ' : '') + (i.message || ''); ul.appendChild(li); });
      box.appendChild(ul);
    }
    msg.appendChild(box);
    msg.focus();
  }

  form.addEventListener('submit', async function (e) {
    e.preventDefault();
    msg.textContent = '';
    var file = fileInput.files && fileInput.files[0];
    var text = textInput.value;
    /** @type {string | undefined} */
    var source;
    if (file) {
      if (file.type && file.type !== 'text/plain' && !/\.txt$/i.test(file.name)) { fail(T.notText); return; }
      text = await file.text();
      source = file.name;
    }
    if (!text.trim()) { fail(T.empty); return; }
    button.disabled = true;
    state.textContent = T.working;
    try {
      var res = await fetch('/newsroom/api/import', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify(source ? { text: text, source: source } : { text: text }),
      });
      var j = null;
      try { j = await res.json(); } catch (err) { j = null; }
      if (!res.ok || !j || !j.id) {
        /** @type {import('./import-types.js').ApiError} */
        var err = (j && j.error) || {};
        // err.text: the refusal in the editor's language when the server words it.
        fail(T.failed + ' ' + (err.text || err.message || res.status), err.issues);
        state.textContent = '';
        return;
      }
      // The importer's warnings are stored with the draft; the editor shows them as "Import notes".
      state.textContent = T.done;
      location.href = '/newsroom/stories/' + j.id;
    } catch (err3) {
      fail(T.offline);
      state.textContent = '';
    } finally {
      button.disabled = false;
    }
  });
})();
