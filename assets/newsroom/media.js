// Lede newsroom: the media library. Uploads (file picker or drag and drop,
// several at once, one after another, each with its own progress bar and
// error), the focal point picker (a click on the picture fills the numeric
// inputs, which stay the keyboard way) and replacing an asset's file (with
// If-Match: the version the page was rendered with, so a file replaced
// over another editor's change is refused, not lost).
(function () {
  'use strict';
  var cfgEl = document.getElementById('media-config');
  if (!cfgEl) return;
  var T = JSON.parse(cfgEl.textContent).text;
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function errorText(xhr) {
    var j = null;
    try { j = JSON.parse(xhr.responseText); } catch (e) { j = null; }
    var err = (j && j.error) || {};
    if (xhr.status === 412 && T.conflict) return T.conflict;
    var msg = err.message || String(xhr.status);
    if (err.issues && err.issues.length) msg += ' (' + err.issues.map(function (i) { return (i.path ? i.path + ': ' : '') + i.message; }).join('; ') + ')';
    return msg;
  }

  /** Sends one file with XMLHttpRequest (for upload progress); calls back with the parsed answer or an error text. */
  function send(method, url, file, row, done, version) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    if (version) xhr.setRequestHeader('If-Match', '"v' + version + '"');
    var form = new FormData();
    form.append('file', file, file.name);
    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) return;
      row.progress.value = Math.round((e.loaded / e.total) * 100);
      row.state.textContent = e.loaded < e.total ? T.uploading : T.processing;
    });
    xhr.addEventListener('load', function () {
      row.progress.value = 100;
      if (xhr.status >= 200 && xhr.status < 300) {
        var j = null;
        try { j = JSON.parse(xhr.responseText); } catch (e) { j = null; }
        done(null, j);
      } else {
        done(errorText(xhr));
      }
    });
    xhr.addEventListener('error', function () { done(T.offline); });
    xhr.send(form);
  }

  function uploadRow(list, file) {
    var li = el('li');
    li.className = 'upload';
    var name = el('strong', 'name', file.name);
    var progress = el('progress');
    progress.max = 100;
    progress.value = 0;
    progress.setAttribute('aria-label', T.progress + ': ' + file.name);
    var state = el('span', 'state', T.waiting);
    li.appendChild(name);
    li.appendChild(progress);
    li.appendChild(state);
    list.appendChild(li);
    return { li: li, name: name, progress: progress, state: state };
  }

  function failRow(row, message) {
    row.li.setAttribute('data-state', 'failed');
    row.state.className = 'state error';
    row.state.textContent = T.failed + ' ' + message;
  }

  // --- Library page: uploads ---
  var input = document.getElementById('media-files');
  var list = document.getElementById('media-uploads');
  var drop = document.getElementById('media-drop');
  if (input && list) {
    var queue = [];
    var busy = false;
    var next = function () {
      if (busy || !queue.length) return;
      busy = true;
      var job = queue.shift();
      job.row.state.textContent = T.uploading;
      send('POST', '/newsroom/api/media', job.file, job.row, function (err, asset) {
        busy = false;
        if (err || !asset) {
          failRow(job.row, err || T.offline);
        } else {
          var row = job.row;
          row.li.setAttribute('data-state', 'done');
          row.li.setAttribute('data-asset', asset.id);
          var img = el('img');
          img.src = asset.urls.thumbnail;
          img.alt = '';
          row.li.insertBefore(img, row.name);
          var link = el('a', null, row.name.textContent);
          link.href = '/newsroom/media/' + asset.id;
          row.name.textContent = '';
          row.name.appendChild(link);
          row.state.textContent = (asset.created ? T.done : T.duplicate) + ' · '
            + (asset.rights && asset.rights.credit ? T.credit + ' ' + asset.rights.credit : T.noCredit);
        }
        next();
      });
    };
    var take = function (files) {
      for (var i = 0; i < files.length; i++) {
        var f = files[i];
        var row = uploadRow(list, f);
        if (f.size > T.maxBytes) { failRow(row, T.tooLarge); continue; }
        queue.push({ file: f, row: row });
      }
      next();
    };
    input.addEventListener('change', function () {
      take(input.files);
      input.value = '';
    });
    if (drop) {
      drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('over'); });
      drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
      drop.addEventListener('drop', function (e) {
        e.preventDefault();
        drop.classList.remove('over');
        if (e.dataTransfer && e.dataTransfer.files) take(e.dataTransfer.files);
      });
    }
  }

  // --- Detail page: focal point ---
  var frame = document.getElementById('focal-frame');
  var image = document.getElementById('focal-image');
  var marker = document.getElementById('focal-marker');
  var fx = document.getElementById('r-focalX');
  var fy = document.getElementById('r-focalY');
  var fstate = document.getElementById('focal-state');
  // The marker's place is set here (CSSOM), never by a style attribute: the newsroom's CSP refuses those.
  var placeAt = function (/** @type {unknown} */ px, /** @type {unknown} */ py) {
    var x = Math.min(100, Math.max(0, Number(px)));
    var y = Math.min(100, Math.max(0, Number(py)));
    if (!marker || !isFinite(x) || !isFinite(y)) return;
    marker.style.left = x + '%';
    marker.style.top = y + '%';
    marker.hidden = false;
  };
  if (marker) placeAt(marker.getAttribute('data-x'), marker.getAttribute('data-y'));
  if (frame && image && marker && fx && fy) {
    var place = function () { placeAt(fx.value, fy.value); };
    image.addEventListener('click', function (e) {
      var r = image.getBoundingClientRect();
      var x = Math.round(((e.clientX - r.left) / r.width) * 1000) / 10;
      var y = Math.round(((e.clientY - r.top) / r.height) * 1000) / 10;
      fx.value = String(Math.min(100, Math.max(0, x)));
      fy.value = String(Math.min(100, Math.max(0, y)));
      place();
      if (fstate) fstate.textContent = T.focalSet + ' ' + fx.value + ' % ' + T.left + ', ' + fy.value + ' % ' + T.top;
    });
    fx.addEventListener('input', place);
    fy.addEventListener('input', place);
  }

  // --- Detail page: replace the file ---
  var replaceForm = document.getElementById('replace-form');
  if (replaceForm && T.id) {
    var fileInput = document.getElementById('replace-file');
    var rstate = document.getElementById('replace-state');
    replaceForm.addEventListener('submit', function (e) {
      e.preventDefault();
      rstate.textContent = '';
      var file = fileInput.files[0];
      var row = uploadRow(rstate, file || { name: '' });
      if (!file) { failRow(row, T.chooseFile); return; }
      if (file.size > T.maxBytes) { failRow(row, T.tooLarge); return; }
      row.state.textContent = T.uploading;
      send('PUT', '/newsroom/api/media/' + T.id + '/file', file, row, function (err) {
        if (err) { failRow(row, err); return; }
        row.li.setAttribute('data-state', 'done');
        row.state.textContent = T.replaced;
        location.reload();
      }, T.version);
    });
  }
})();
