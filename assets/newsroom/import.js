// Lede newsroom: the import page. Sends pasted or uploaded page text to the
// importer (POST /newsroom/api/import) and opens the new draft in the editor.
(function () {
  'use strict';
  var form = document.getElementById('import-form');
  var cfgEl = document.getElementById('import-config');
  if (!form || !cfgEl) return;
  var T = JSON.parse(cfgEl.textContent).text;
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  var msg = document.getElementById('import-messages');
  var state = document.getElementById('import-state');
  var button = document.getElementById('import-submit');

  function fail(text, issues) {
    msg.textContent = '';
    var box = document.createElement('div');
    box.className = 'notice error';
    var p = document.createElement('p');
    p.textContent = text;
    box.appendChild(p);
    if (issues && issues.length) {
      var ul = document.createElement('ul');
      issues.forEach(function (i) { var li = document.createElement('li'); li.textContent = (i.path ? i.path + ': ' : '') + i.message; ul.appendChild(li); });
      box.appendChild(ul);
    }
    msg.appendChild(box);
    msg.focus();
  }

  form.addEventListener('submit', async function (e) {
    e.preventDefault();
    msg.textContent = '';
    var file = document.getElementById('import-file').files[0];
    var text = document.getElementById('import-text').value;
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
        var err = (j && j.error) || {};
        fail(T.failed + ' ' + (err.message || res.status), err.issues);
        state.textContent = '';
        return;
      }
      if (j.warnings && j.warnings.length) {
        try { sessionStorage.setItem('lede:import-warnings:' + j.id, JSON.stringify(j.warnings)); } catch (err2) { /* ignore */ }
      }
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
