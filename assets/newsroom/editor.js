// Lede newsroom: the story editor. Plain JavaScript, no framework; the page
// is rendered on the server and this script brings the fields and the body
// blocks to life. It talks only to the JSON API (docs/newsroom-api.md).
(function () {
  'use strict';
  var C = globalThis.LedeCore;
  var cfgEl = document.getElementById('editor-config');
  if (!C || !cfgEl) return;
  var cfg = JSON.parse(cfgEl.textContent);
  var T = cfg.text;
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';
  var $ = function (id) { return document.getElementById(id); };

  var story = cfg.story;
  var baseVersion = story ? story.version : 0;
  var doc = story ? C.draftOf(story) : { kind: 'article', language: 'de', headline: '', authors: [], topics: [], related: [], body: [] };
  var lastSaved = story ? C.canon(payload()) : null;
  var dirty = false;
  var saving = null;
  var inConflict = false;
  var lastEdit = 0;
  var storageKey = function () { return 'lede:story:' + (story ? story.id : 'new'); };
  var uid = 0;
  var nextId = function (p) { uid += 1; return (p || 'x') + uid; };

  // ---------------------------------------------------------------- helpers

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === undefined || v === null || v === false) return;
      if (k === 'text') e.textContent = v;
      else if (k === 'class') e.className = v;
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
      else if (k === 'value') e.value = v;
      else if (k === 'checked') e.checked = !!v;
      else e.setAttribute(k, v === true ? '' : v);
    });
    (kids || []).forEach(function (k) { if (k) e.appendChild(typeof k === 'string' ? document.createTextNode(k) : k); });
    return e;
  }

  function say(node, text, kind) {
    node.textContent = '';
    if (text) node.appendChild(el('p', { class: 'notice ' + (kind || ''), text: text }));
  }

  function api(method, url, body, version) {
    var headers = { 'X-CSRF-Token': csrf, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (version) headers['If-Match'] = '"v' + version + '"';
    return fetch(url, { method: method, headers: headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  }

  async function showApiError(res, prefix, invalidText) {
    var box = $('messages');
    var j = null;
    try { j = await res.json(); } catch (e) { /* not JSON */ }
    var err = (j && j.error) || {};
    box.textContent = '';
    // err.text: the refusal in the user's language, when the server knows it (else its English message).
    var said = err.text || err.message;
    var msg = res.status === 401 ? T.sessionEnded : res.status === 403 ? T.forbidden + ' ' + (said || '') : (err.issues && err.issues.length ? (invalidText || T.invalid) : (prefix || T.failed) + ' ' + (said || res.status));
    var wrap = el('div', { class: 'notice error' }, [el('p', { text: msg })]);
    if (err.issues && err.issues.length) {
      wrap.appendChild(el('ul', null, err.issues.map(issueItem)));
    }
    box.appendChild(wrap);
  }

  /** Position in the editor of the payload's related[n] (a save leaves untouched new rows out). */
  function relatedIndex(n) {
    var k = -1;
    var items = doc.related || [];
    for (var i = 0; i < items.length; i++) {
      if (!isEmptyRelated(items[i])) { k += 1; if (k === n) return i; }
    }
    return n;
  }

  /** Position in the editor of the payload's body[n] (a save leaves empty blocks out). */
  function editorIndex(n) {
    var k = -1;
    for (var i = 0; i < doc.body.length; i++) {
      if (!isEmptyBlock(doc.body[i])) { k += 1; if (k === n) return i; }
    }
    return n;
  }

  /**
   * The server's wording of an issue in the user's language (issue.text), with
   * a body block numbered as the editor counts (empty blocks included), or null.
   */
  function serverIssueText(issue) {
    var text = issue.text;
    if (typeof text !== 'string' || !text) return null;
    var m = /^(body|related)\[(\d+)\]/.exec(issue.path || '');
    if (!m) return text;
    var n = Number(m[2]);
    var word = m[1] === 'body' ? T.position : T.relatedItem;
    var sent = word + ' ' + (n + 1);
    var shown = (m[1] === 'body' ? editorIndex(n) : relatedIndex(n)) + 1;
    var next = text.charAt(sent.length);
    if (shown !== n + 1 && text.indexOf(sent) === 0 && (next === '' || next === ':')) return word + ' ' + shown + text.slice(sent.length);
    return text;
  }

  /** One problem the server named, in the editor's words: pictures (which figure, and what to do), else the server's localized text. */
  function issueItem(issue) {
    var path = issue.path || '';
    var message = issue.message || '';
    var fig = /^(lead|body\[(\d+)\]|related\[(\d+)\]\.image|authors\[(\d+)\]\.image)(\.[a-zA-Z]+)?$/.exec(path);
    var text = null;
    if (fig) {
      var where = fig[1] === 'lead' ? T.leadImage
        : fig[2] !== undefined ? T.position + ' ' + (editorIndex(Number(fig[2])) + 1) + ' (' + T.types.figure + ')'
          : fig[3] !== undefined ? T.relatedImage + ' ' + (relatedIndex(Number(fig[3])) + 1)
            : T.authorImage + ' ' + (Number(fig[4]) + 1);
      if (/no credit line/.test(message)) text = where + ': ' + T.noCreditIssue;
      else if (/no picture/.test(message)) text = where + ': ' + T.noSuchPicture;
      else if (fig[5] === '.alt' && (!issue.code || issue.code === 'alt_required')) text = where + ': ' + T.altIssue;
    }
    var li = el('li', { text: text || serverIssueText(issue) || path + ': ' + message });
    var id = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(message);
    if (text && id && /no credit line/.test(message)) {
      li.appendChild(document.createTextNode(' '));
      li.appendChild(el('a', { href: '/newsroom/media/' + id[1], target: '_blank', rel: 'noopener' }, [T.openInLibrary]));
    }
    return li;
  }

  function setState(text) { $('save-state').textContent = text; }
  function timeNow() { return C.formatBerlin(new Date().toISOString()).split(', ')[1]; }

  // ---------------------------------------------------------------- fields

  var FIELD_IDS = ['f-kind', 'f-language', 'f-kicker', 'f-headline', 'f-teaser', 'f-section', 'f-topics', 'f-authors', 'f-programme', 'f-startsAt', 'f-embargo'];

  function fillFields() {
    $('f-kind').value = doc.kind || 'article';
    $('f-language').value = doc.language === 'en' ? 'en' : 'de';
    $('f-kicker').value = doc.kicker || '';
    $('f-headline').value = doc.headline || '';
    $('f-teaser').value = doc.teaser || '';
    $('f-section').value = doc.section || '';
    $('f-topics').value = (doc.topics || []).join(', ');
    $('f-authors').value = (doc.authors || []).map(function (a) { return a.affiliation ? a.name + ', ' + a.affiliation : a.name; }).join('\n');
    $('f-programme').value = doc.broadcast && doc.broadcast.programme || '';
    $('f-startsAt').value = doc.broadcast ? C.isoToBerlinLocal(doc.broadcast.startsAt) : '';
    $('f-embargo').value = doc.embargoUntil ? C.isoToBerlinLocal(doc.embargoUntil) : '';
    updateCounts();
    renderLead();
    renderRelated();
  }

  function setText(key, value) {
    var v = value.trim();
    if (v) doc[key] = value; else delete doc[key];
  }

  function readFields() {
    doc.kind = $('f-kind').value;
    doc.language = $('f-language').value;
    setText('kicker', $('f-kicker').value);
    doc.headline = $('f-headline').value;
    setText('teaser', $('f-teaser').value);
    setText('section', $('f-section').value);
    doc.topics = $('f-topics').value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
    var before = doc.authors || [];
    doc.authors = $('f-authors').value.split('\n').map(function (line) {
      var cut = line.indexOf(',');
      var name = (cut < 0 ? line : line.slice(0, cut)).trim();
      var aff = cut < 0 ? '' : line.slice(cut + 1).trim();
      if (!name) return null;
      var a = { name: name };
      if (aff) a.affiliation = aff;
      var old = before.find(function (b) { return b.name === name && b.image; });
      if (old) a.image = old.image;
      return a;
    }).filter(Boolean);
    var starts = C.berlinLocalToIso($('f-startsAt').value);
    var prog = $('f-programme').value.trim();
    if (starts) doc.broadcast = prog ? { programme: prog, startsAt: starts } : { startsAt: starts };
    else delete doc.broadcast;
    var emb = C.berlinLocalToIso($('f-embargo').value);
    if (emb) doc.embargoUntil = emb; else delete doc.embargoUntil;
  }

  function updateCounts() {
    document.querySelectorAll('[data-count-for]').forEach(function (c) {
      var input = $(c.getAttribute('data-count-for'));
      var max = Number(c.getAttribute('data-max'));
      var n = Array.from(input.value).length;
      c.textContent = n + '/' + max + ' ' + T.chars;
      c.classList.toggle('over', n > max);
      input.setAttribute('aria-invalid', n > max ? 'true' : 'false');
    });
  }

  // ---------------------------------------------------------------- the body

  function isEmptyBlock(b) {
    switch (b.type) {
      case 'paragraph': return !C.plainText(b.content || []).trim();
      case 'heading': return !(b.text || '').trim();
      case 'quote': return !(b.text || '').trim();
      case 'list': return !(b.items || []).some(function (it) { return C.plainText(it).trim(); });
      case 'embed': return !(b.url || '').trim();
      case 'figure': return !b.assetId && !(b.src || '').trim() && !(b.alt || '').trim() && !(b.caption || '').trim();
      case 'ticker-entry': return !(b.title || '').trim() && !(b.body || []).length;
      default: return false;
    }
  }

  function cleanBlock(b) {
    var o = {};
    Object.keys(b).forEach(function (k) { if (b[k] !== '' && b[k] !== undefined) o[k] = b[k]; });
    if (b.type === 'figure') o.alt = b.alt || '';
    if (b.type === 'list') o.items = b.items.filter(function (it) { return C.plainText(it).trim(); });
    if (b.type === 'ticker-entry') o.body = (b.body || []).filter(function (x) { return !isEmptyBlock(x); }).map(cleanBlock);
    return o;
  }

  /** What a save sends: the draft without the blocks and related rows that are still empty. */
  function payload() {
    var out = {};
    Object.keys(doc).forEach(function (k) { if (k !== 'body' && k !== 'related') out[k] = doc[k]; });
    out.related = (doc.related || []).filter(function (r) { return !isEmptyRelated(r); }).map(cleanRelated);
    out.body = (doc.body || []).filter(function (b) { return !isEmptyBlock(b); }).map(cleanBlock);
    return out;
  }

  function newBlock(type) {
    switch (type) {
      case 'heading': return { type: 'heading', level: 2, text: '' };
      case 'figure': return { type: 'figure', kind: 'image', alt: '', src: '' };
      case 'quote': return { type: 'quote', text: '' };
      case 'list': return { type: 'list', ordered: false, items: [[]] };
      case 'embed': return { type: 'embed', url: '' };
      case 'ticker-entry': return { type: 'ticker-entry', id: 'e' + Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36), time: C.berlinLocalToIso(C.isoToBerlinLocal(new Date().toISOString())), body: [] };
      default: return { type: 'paragraph', content: [] };
    }
  }

  // A ticker entry's text is one rich area. Figures and embeds have fields a
  // rich area cannot hold (caption, credit, library picture, provider), so when
  // `kept` is given they stand in it as an uneditable line and come back whole
  // (readEntryBody); deleting that line removes them.
  function entryBodyHtml(blocks, kept) {
    return (blocks || []).map(function (b) {
      if (kept && (b.type === 'figure' || b.type === 'embed')) {
        kept.push(b);
        var what = T.types[b.type] + ': ' + (C.blockSummary(b) || '–');
        return '<div class="kept-block" contenteditable="false" data-kept="' + (kept.length - 1) + '"><span>' + C.escapeHtml(what) + '</span> '
          + '<button type="button" class="secondary" data-remove-kept aria-label="' + C.escapeHtml(T.remove + ': ' + what) + '">✕</button></div>';
      }
      switch (b.type) {
        case 'paragraph': return '<p>' + C.inlinesToHtml(b.content) + '</p>';
        case 'heading': return '<h3>' + C.escapeHtml(b.text) + '</h3>';
        case 'quote': return '<blockquote><p>' + C.escapeHtml(b.text) + '</p>' + (b.speaker ? '<cite>' + C.escapeHtml(b.speaker) + '</cite>' : '') + '</blockquote>';
        case 'list': return '<' + (b.ordered ? 'ol' : 'ul') + '>' + b.items.map(function (it) { return '<li>' + C.inlinesToHtml(it) + '</li>'; }).join('') + '</' + (b.ordered ? 'ol' : 'ul') + '>';
        case 'figure': return b.src ? '<p><img src="' + C.escapeHtml(b.src) + '" alt="' + C.escapeHtml(b.alt || '') + '"></p>' : '';
        case 'embed': return '<p><a href="' + C.escapeHtml(b.url) + '">' + C.escapeHtml(b.title || b.url) + '</a></p>';
        default: return '';
      }
    }).join('');
  }

  function readEntryBody(root, kept) {
    var out = [];
    var run = document.createElement('div');
    function flush() {
      if (!run.firstChild) return;
      out.push.apply(out, C.blocksFromNode(run));
      run = document.createElement('div');
    }
    for (var n = root.firstChild; n; n = n.nextSibling) {
      var k = n.nodeType === 1 ? n.getAttribute('data-kept') : null;
      if (k !== null && kept[Number(k)]) { flush(); out.push(kept[Number(k)]); } else run.appendChild(n.cloneNode(true));
    }
    flush();
    return out;
  }

  function listHtml(b) {
    return '<' + (b.ordered ? 'ol' : 'ul') + '>' + (b.items.length ? b.items : [[]]).map(function (it) { return '<li>' + C.inlinesToHtml(it) + '</li>'; }).join('') + '</' + (b.ordered ? 'ol' : 'ul') + '>';
  }

  function readList(root) {
    var items = [];
    root.querySelectorAll('li').forEach(function (li) { items.push(C.inlinesOf(li)); });
    if (!items.length) {
      var all = C.inlinesOf(root);
      if (all.length) items.push(all);
    }
    return items;
  }

  /** The selection inside `root` as character offsets (they survive the area being re-rendered on blur). */
  function selectionOffsets(root) {
    var s = window.getSelection();
    if (!s.rangeCount || !root.contains(s.anchorNode)) return null;
    var r = s.getRangeAt(0);
    var pre = document.createRange();
    pre.selectNodeContents(root);
    pre.setEnd(r.startContainer, r.startOffset);
    var start = pre.toString().length;
    return { start: start, end: start + r.toString().length };
  }

  function selectOffsets(root, at) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var pos = 0, range = document.createRange(), startSet = false, node;
    range.selectNodeContents(root);
    range.collapse(true);
    while ((node = walker.nextNode())) {
      var len = node.nodeValue.length;
      if (!startSet && at.start <= pos + len) { range.setStart(node, at.start - pos); startSet = true; }
      if (startSet && at.end <= pos + len) { range.setEnd(node, at.end - pos); break; }
      pos += len;
    }
    var s = window.getSelection();
    s.removeAllRanges();
    s.addRange(range);
  }

  /** Bold / italic / link buttons for a rich-text area. */
  function formatBar(rich, label) {
    var savedRange = null;
    var linkRow = el('span', { class: 'fmt', hidden: true });
    var linkId = nextId('link');
    var linkInput = el('input', { type: 'url', id: linkId, placeholder: 'https://' });
    var keep = function (e) { e.preventDefault(); };
    var cmd = function (name) { return function () { rich.focus(); document.execCommand(name, false); changed(); }; };
    var setLink = function () {
      var url = C.safeHref(linkInput.value);
      rich.focus();
      if (savedRange) selectOffsets(rich, savedRange);
      if (url) document.execCommand('createLink', false, url);
      else document.execCommand('unlink', false);
      linkRow.hidden = true;
      rich.dispatchEvent(new Event('input', { bubbles: true }));
    };
    linkInput.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); setLink(); } if (e.key === 'Escape') { linkRow.hidden = true; rich.focus(); } });
    linkRow.appendChild(el('label', { for: linkId, class: 'vh', text: T.linkUrl + ' (' + label + ')' }));
    linkRow.appendChild(linkInput);
    linkRow.appendChild(el('button', { type: 'button', class: 'secondary', text: T.setLink, onclick: setLink }));
    var bar = el('div', { class: 'fmt', role: 'toolbar', 'aria-label': label }, [
      el('button', { type: 'button', class: 'secondary', 'data-cmd': 'bold', onmousedown: keep, onclick: cmd('bold') }, [el('strong', { text: T.bold })]),
      el('button', { type: 'button', class: 'secondary', 'data-cmd': 'italic', onmousedown: keep, onclick: cmd('italic') }, [el('em', { text: T.italic })]),
      el('button', {
        type: 'button', class: 'secondary', 'data-cmd': 'link', onmousedown: keep,
        onclick: function () {
          var s = window.getSelection();
          savedRange = selectionOffsets(rich);
          var a = s.anchorNode && s.anchorNode.parentElement && s.anchorNode.parentElement.closest('a');
          linkInput.value = a ? a.getAttribute('href') : '';
          linkRow.hidden = false;
          linkInput.focus();
        },
      }, [T.link]),
      linkRow,
    ]);
    return bar;
  }

  function richArea(html, label, onInput, multi) {
    var rich = el('div', { class: 'rich', contenteditable: 'true', role: 'textbox', 'aria-multiline': multi ? 'true' : 'false', 'aria-label': label, spellcheck: 'true' });
    rich.innerHTML = html;
    rich.addEventListener('input', function () { onInput(rich); changed(); });
    rich.addEventListener('keydown', function (e) {
      if ((e.ctrlKey || e.metaKey) && (e.key === 'b' || e.key === 'i')) { e.preventDefault(); document.execCommand(e.key === 'b' ? 'bold' : 'italic', false); onInput(rich); changed(); }
    });
    return rich;
  }

  function labelled(labelText, input) {
    var id = input.id || (input.id = nextId('f'));
    return el('div', null, [el('label', { for: id, text: labelText }), input]);
  }

  function input(value, onInput, attrs) {
    var a = Object.assign({ type: 'text', value: value || '' }, attrs || {});
    var i = el(a.rows ? 'textarea' : 'input', a);
    if (a.rows) { i.removeAttribute('type'); i.value = value || ''; }
    i.addEventListener('input', function () { onInput(i.value); changed(); });
    return i;
  }

  function blockEditor(b, i) {
    var label = T.types[b.type] + ' ' + (i + 1);
    switch (b.type) {
      case 'paragraph': {
        var rich = richArea(C.inlinesToHtml(b.content), label, function (r) { b.content = C.inlinesOf(r); }, true);
        rich.addEventListener('blur', function () { rich.innerHTML = C.inlinesToHtml(b.content); });
        rich.setAttribute('data-paste', 'paragraph');
        return [formatBar(rich, label), rich];
      }
      case 'heading': {
        var lvl = el('select', { onchange: function () { b.level = Number(lvl.value); changed(); } }, [
          el('option', { value: '2', text: T.level2, selected: b.level !== 3 }),
          el('option', { value: '3', text: T.level3, selected: b.level === 3 }),
        ]);
        return [labelled(T.level, lvl), labelled(T.text, input(b.text, function (v) { b.text = v; }, { maxlength: 200 }))];
      }
      case 'figure': {
        var kind = el('select', { onchange: function () { b.kind = kind.value; changed(); } }, ['image', 'graphic', 'map'].map(function (k) {
          return el('option', { value: k, text: T[k], selected: b.kind === k });
        }));
        var altHint = nextId('alth');
        var parts = [labelled(T.figureKind, kind)];
        // A library picture brings its own file and credit; a figure without one (external graphic, map) keeps its address and credit.
        if (b.assetId) parts.push(pictureInfo(b));
        else parts.push(labelled(T.src, input(b.src, function (v) { b.src = v.trim(); }, { type: 'url' })));
        parts.push(labelled(T.alt, input(b.alt, function (v) { b.alt = v; }, { maxlength: cfg.limits.alt, 'aria-describedby': altHint })));
        parts.push(el('p', { class: 'hint', id: altHint, text: T.altHint }));
        parts.push(labelled(T.caption, input(b.caption, function (v) { b.caption = v; }, { maxlength: cfg.limits.caption })));
        if (!b.assetId) parts.push(labelled(T.credit, input(b.credit, function (v) { b.credit = v; })));
        var tools = el('div', { class: 'pick-tools' });
        if (cfg.media) {
          tools.appendChild(el('button', {
            type: 'button', class: 'secondary', 'data-act': 'pick', 'aria-haspopup': 'dialog',
            onclick: function (e) { openPicker(e.currentTarget, function (asset) { chooseForBlock(b, asset); }); },
          }, [T.choose, el('span', { class: 'vh', text: ' – ' + label })]));
        }
        if (b.assetId) {
          tools.appendChild(el('button', {
            type: 'button', class: 'secondary', 'data-act': 'detach',
            onclick: function () {
              delete b.assetId;
              var at = doc.body.indexOf(b);
              renderBlocks({ index: at, selector: 'input[type=url]' });
              announce(T.pictureRemoved);
              changed();
            },
          }, [T.detach, el('span', { class: 'vh', text: ' – ' + label })]));
        }
        if (tools.firstChild) parts.push(tools);
        return parts;
      }
      case 'quote':
        return [
          labelled(T.text, input(b.text, function (v) { b.text = v; }, { rows: 3 })),
          labelled(T.speaker, input(b.speaker, function (v) { b.speaker = v; })),
        ];
      case 'list': {
        var wrap = el('div');
        var listRich = richArea(listHtml(b), label + ': ' + T.items, function (r) { b.items = readList(r); }, true);
        listRich.setAttribute('data-paste', 'list');
        var ord = el('input', { type: 'checkbox', checked: b.ordered, id: nextId('ord') });
        ord.addEventListener('change', function () {
          b.ordered = ord.checked;
          listRich.innerHTML = listHtml(b);
          changed();
        });
        wrap.appendChild(el('p', null, [ord, ' ', el('label', { for: ord.id, class: 'inline', text: T.ordered })]));
        wrap.appendChild(formatBar(listRich, label));
        wrap.appendChild(listRich);
        return [wrap];
      }
      case 'embed':
        return [
          labelled(T.url, input(b.url, function (v) { b.url = v.trim(); }, { type: 'url' })),
          labelled(T.provider, input(b.provider, function (v) { b.provider = v; })),
          labelled(T.title, input(b.title, function (v) { b.title = v; })),
        ];
      case 'ticker-entry': {
        var time = input(C.isoToBerlinLocal(b.time), function (v) { var iso = C.berlinLocalToIso(v); if (iso) b.time = iso; }, { type: 'datetime-local' });
        var kept = [];
        var body = richArea(entryBodyHtml(b.body, kept), label + ': ' + T.entryBody, function (r) { b.body = readEntryBody(r, kept); }, true);
        body.addEventListener('click', function (e) {
          var button = e.target.closest && e.target.closest('[data-remove-kept]');
          if (!button) return;
          button.parentNode.remove();
          body.dispatchEvent(new Event('input', { bubbles: true }));
          body.focus();
        });
        body.setAttribute('data-paste', 'entry');
        return [
          labelled(T.time, time),
          labelled(T.title, input(b.title, function (v) { b.title = v; })),
          labelled(T.location, input(b.location, function (v) { b.location = v; })),
          el('p', { class: 'hint', text: T.entryBody }),
          formatBar(body, label),
          body,
        ];
      }
      default:
        return [el('pre', { text: JSON.stringify(b, null, 1) })];
    }
  }

  // ---------------------------------------------------------------- pictures from the media library

  /** Library pictures as GET /newsroom/api/media/:id answers them, by id: a promise of the asset, null when there is none, undefined when the library could not be asked. */
  var assetCache = {};
  function loadAsset(id) {
    if (!assetCache[id]) {
      assetCache[id] = fetch('/newsroom/api/media/' + encodeURIComponent(id), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (res) {
          if (res.status === 404) return null;
          if (!res.ok) throw new Error(String(res.status));
          return res.json();
        })
        .catch(function () { delete assetCache[id]; return undefined; });
    }
    return assetCache[id];
  }
  function remember(asset) { assetCache[asset.id] = Promise.resolve(asset); }

  function rightsBadge(asset) {
    var st = asset.rightsStatus || 'valid';
    var r = asset.rights || {};
    var when = st === 'not-yet-valid' && r.validFrom ? ' (' + T.from + ' ' + C.formatBerlin(r.validFrom) + ')'
      : (st === 'expiring' || st === 'lapsed') && r.validUntil ? ' (' + T.until + ' ' + C.formatBerlin(r.validUntil) + ')' : '';
    return el('span', { class: 'rights-badge ' + st, text: (T.rights[st] || st) + when });
  }

  function creditText(asset) {
    var credit = asset.rights && asset.rights.credit;
    return credit ? el('p', { class: 'credit', text: T.creditLine + ' ' + credit }) : el('p', { class: 'credit warn', text: T.noCredit });
  }

  /**
   * What a figure shows: the library picture (thumbnail, name, credit, rights when not plainly valid) or the outside address
   * (with `noOutsideThumb`, as text only: a related item's outside picture is not fetched from elsewhere just to be listed).
   */
  function pictureInfo(fig, noOutsideThumb) {
    var box = el('div', { class: 'picked' });
    if (fig.assetId) {
      var id = fig.assetId;
      box.setAttribute('data-asset', id);
      var img = el('img', { alt: '', width: '160', height: '90', src: '/newsroom/media/' + id + '/16x9-320.webp' });
      var text = el('div', null, [el('p', { class: 'muted', text: T.assetLoading })]);
      box.appendChild(img);
      box.appendChild(text);
      loadAsset(id).then(function (a) {
        text.textContent = '';
        if (a === null) { img.hidden = true; text.appendChild(el('p', { class: 'warn', text: T.assetMissing })); return; }
        if (!a) { text.appendChild(el('p', { class: 'muted', text: id })); return; }
        if (a.urls && a.urls.thumbnail && img.getAttribute('src') !== a.urls.thumbnail) img.src = a.urls.thumbnail;
        text.appendChild(el('p', { class: 'name', text: a.originalName || T.untitled }));
        text.appendChild(creditText(a));
        if (a.rightsStatus && a.rightsStatus !== 'valid') text.appendChild(el('p', null, [rightsBadge(a)]));
        if (a.rightsStatus === 'lapsed') text.appendChild(el('p', { class: 'warn', text: T.lapsedChosen }));
        if (a.rightsStatus === 'not-yet-valid') text.appendChild(el('p', { class: 'hint', text: T.notYetWhy }));
        text.appendChild(el('p', { class: 'hint', text: T.creditFromLibrary }));
        text.appendChild(el('p', null, [el('a', { href: '/newsroom/media/' + id, target: '_blank', rel: 'noopener' }, [T.openInLibrary, el('span', { class: 'vh', text: ': ' + (a.originalName || T.untitled) })])]));
      });
    } else if (fig.src) {
      if (!noOutsideThumb) box.appendChild(el('img', { alt: '', src: fig.src }));
      box.appendChild(el('div', null, [
        el('p', { text: T.external }), el('p', { class: 'name', text: fig.src }),
        fig.credit ? el('p', { class: 'credit', text: T.creditLine + ' ' + fig.credit }) : null,
      ]));
    }
    return box;
  }

  function renderLead() {
    var box = $('lead-picture');
    if (!box) return;
    box.textContent = '';
    var lead = doc.lead;
    box.appendChild(lead ? pictureInfo(lead) : el('p', { class: 'muted', text: T.leadNone }));
    $('lead-fields').hidden = !lead;
    $('lead-remove').hidden = !lead;
    $('lead-alt').value = lead ? lead.alt || '' : '';
    $('lead-caption').value = lead ? lead.caption || '' : '';
  }

  function chooseForLead(asset) {
    doc.lead = C.withAsset(doc.lead || { kind: 'image', alt: '' }, asset.id);
    renderLead();
    announce(T.chosen + ' ' + (asset.originalName || T.untitled));
    changed();
  }

  function chooseForBlock(b, asset) {
    var at = doc.body.indexOf(b);
    if (at < 0) return;
    doc.body[at] = C.withAsset(b, asset.id);
    renderBlocks();
    // The block was drawn anew: focus goes back to its button, not to the one that is gone.
    pickerOpener = $('blocks').querySelector('li[data-index="' + at + '"] button[data-act="pick"]');
    announce(T.chosen + ' ' + (asset.originalName || T.untitled));
    changed();
  }

  var picker = $('picker');
  var pickerOpener = null;
  var pickerApply = null;
  var searchSeq = 0;

  function pickerSay(text) { $('picker-state').textContent = text; }

  function openPicker(opener, apply) {
    if (!picker) return;
    pickerOpener = opener;
    pickerApply = apply;
    if (!picker.open) picker.showModal();
    $('picker-q').focus();
    searchLibrary();
  }

  async function apiErrorText(res) {
    var j = null;
    try { j = await res.json(); } catch (e) { /* not JSON */ }
    var err = (j && j.error) || {};
    var msg = err.text || err.message || String(res.status);
    if (err.issues && err.issues.length) msg += ' (' + err.issues.map(function (i) { return i.text || (i.path ? i.path + ': ' : '') + i.message; }).join('; ') + ')';
    return msg;
  }

  function renderResults(items) {
    var list = $('picker-results');
    list.textContent = '';
    items.forEach(function (a) {
      remember(a);
      var name = a.originalName || T.untitled;
      var credit = a.rights && a.rights.credit;
      var kids = [
        el('img', { alt: '', src: a.urls && a.urls.thumbnail, width: '320', height: '180', loading: 'lazy' }),
        el('span', { class: 'name', text: name }),
        el('span', { class: credit ? 'credit' : 'credit warn', text: credit ? T.creditLine + ' ' + credit : T.noCredit }),
        rightsBadge(a),
      ];
      var li = el('li', { 'data-asset': a.id, 'data-status': a.rightsStatus });
      if (a.rightsStatus === 'lapsed') {
        // Shown, so nobody wonders where it went, but not offered: the site would not show it.
        kids.push(el('span', { class: 'why', text: T.lapsedWhy }));
        li.appendChild(el('div', { class: 'pick-off' }, kids));
      } else {
        li.appendChild(el('button', { type: 'button', class: 'pick', onclick: function () { choosePicture(a); } }, kids));
      }
      list.appendChild(li);
    });
  }

  function choosePicture(asset) {
    remember(asset);
    var apply = pickerApply;
    if (apply) apply(asset);
    picker.close();
  }

  async function searchLibrary() {
    var q = $('picker-q').value.trim();
    var seq = ++searchSeq;
    var params = new URLSearchParams();
    if (q) params.set('q', q);
    params.set('limit', '24');
    pickerSay(T.searching);
    try {
      var res = await fetch('/newsroom/api/media?' + params.toString(), { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (seq !== searchSeq) return;
      if (!res.ok) { $('picker-results').textContent = ''; pickerSay(T.libraryFailed + ' ' + await apiErrorText(res)); return; }
      var j = await res.json();
      if (seq !== searchSeq) return;
      var items = j.items || [];
      renderResults(items);
      pickerSay(items.length === 1 ? T.foundOne : items.length ? items.length + ' ' + T.found : T.noResults);
    } catch (e) {
      if (seq === searchSeq) pickerSay(T.offline);
    }
  }

  async function uploadPicture(file) {
    pickerSay(T.uploading);
    try {
      var res = await fetch('/newsroom/api/media', {
        method: 'POST', credentials: 'same-origin', body: file,
        headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name), 'X-CSRF-Token': csrf, Accept: 'application/json' },
      });
      if (!res.ok) { pickerSay(T.uploadFailed + ' ' + await apiErrorText(res)); return; }
      var asset = await res.json();
      if (asset.rightsStatus === 'lapsed') { renderResults([asset]); pickerSay(T.lapsedWhy); return; }
      choosePicture(asset);
    } catch (e) {
      pickerSay(T.uploadFailed + ' ' + T.offline);
    }
  }

  if (picker) {
    picker.addEventListener('close', function () {
      var back = pickerOpener;
      pickerOpener = null;
      pickerApply = null;
      if (back && document.contains(back)) back.focus();
    });
    $('picker-close').addEventListener('click', function () { picker.close(); });
    $('picker-search').addEventListener('submit', function (e) { e.preventDefault(); searchLibrary(); });
    var fileInput = $('picker-file');
    if (fileInput) fileInput.addEventListener('change', function () {
      var f = fileInput.files && fileInput.files[0];
      fileInput.value = '';
      if (f) uploadPicture(f);
    });
  }

  if ($('lead-choose')) $('lead-choose').addEventListener('click', function (e) { openPicker(e.currentTarget, chooseForLead); });
  $('lead-remove').addEventListener('click', function () {
    delete doc.lead;
    renderLead();
    announce(T.pictureRemoved);
    changed();
    ($('lead-choose') || $('lead-box')).focus();
  });
  $('lead-alt').addEventListener('input', function () { if (doc.lead) { doc.lead.alt = $('lead-alt').value; changed(); } });
  $('lead-caption').addEventListener('input', function () {
    if (!doc.lead) return;
    var v = $('lead-caption').value;
    if (v.trim()) doc.lead.caption = v; else delete doc.lead.caption;
    changed();
  });

  function renderBlocks(focus) {
    var list = $('blocks');
    list.textContent = '';
    var n = doc.body.length;
    var empty = $('blocks-empty');
    empty.hidden = n > 0;
    empty.textContent = T.emptyBody;
    doc.body.forEach(function (b, i) {
      var headId = nextId('bh');
      var li = el('li', { 'data-index': String(i), 'data-type': b.type, 'aria-labelledby': headId });
      var tools = el('div', { class: 'block-tools' }, [
        el('button', { type: 'button', class: 'secondary', 'data-act': 'up', disabled: i === 0, text: '↑', 'aria-label': T.moveUp + ': ' + T.types[b.type] + ' ' + (i + 1), onclick: function () { move(i, -1); } }),
        el('button', { type: 'button', class: 'secondary', 'data-act': 'down', disabled: i === n - 1, text: '↓', 'aria-label': T.moveDown + ': ' + T.types[b.type] + ' ' + (i + 1), onclick: function () { move(i, 1); } }),
        el('button', { type: 'button', class: 'secondary', 'data-act': 'remove', text: '✕', 'aria-label': T.remove + ': ' + T.types[b.type] + ' ' + (i + 1), onclick: function () { removeBlock(i); } }),
      ]);
      li.appendChild(el('div', { class: 'block-head' }, [el('h2', { id: headId, text: (i + 1) + '. ' + T.types[b.type] }), tools]));
      blockEditor(b, i).forEach(function (k) { li.appendChild(k); });
      list.appendChild(li);
    });
    if (focus) {
      var target = list.querySelector('li[data-index="' + focus.index + '"] ' + (focus.selector || 'input, select, textarea, [contenteditable]'));
      if (target && !target.disabled) target.focus();
      else {
        var first = list.querySelector('li[data-index="' + focus.index + '"] input, li[data-index="' + focus.index + '"] [contenteditable], li[data-index="' + focus.index + '"] textarea, li[data-index="' + focus.index + '"] select');
        if (first) first.focus();
      }
    }
  }

  function announce(text) { setState(text); }

  function move(i, by) {
    var j = i + by;
    if (j < 0 || j >= doc.body.length) return;
    var b = doc.body.splice(i, 1)[0];
    doc.body.splice(j, 0, b);
    renderBlocks({ index: j, selector: 'button[data-act="' + (by < 0 ? 'up' : 'down') + '"]' });
    announce(T.moved + ' ' + (j + 1));
    changed();
  }

  function removeBlock(i) {
    doc.body.splice(i, 1);
    renderBlocks(doc.body.length ? { index: Math.min(i, doc.body.length - 1), selector: 'button[data-act="remove"]' } : null);
    if (!doc.body.length) $('add-type').focus();
    announce(T.removedBlock);
    changed();
  }

  function addBlock(type) {
    var b = newBlock(type);
    if (type === 'ticker-entry') doc.body.unshift(b); else doc.body.push(b);
    var at = type === 'ticker-entry' ? 0 : doc.body.length - 1;
    renderBlocks({ index: at });
    announce(T.addedBlock);
    changed();
  }

  // ---------------------------------------------------------------- related items

  var MEDIA_TYPES = ['article', 'video', 'audio', 'graphic', 'image', 'gallery', 'liveticker'];

  /**
   * Duration fields whose text cannot be read, item → the text as typed. The
   * item keeps its last readable duration meanwhile, and no save goes out
   * until the field is fixed: nothing is stored as something else.
   */
  var badDurations = new Map();

  /** A row just added and not filled in: left out of a save, like an empty block. */
  function isEmptyRelated(r) {
    return !(r.title || '').trim() && !(r.url || '').trim() && !r.image && r.durationSeconds === undefined
      && Object.keys(r).every(function (k) { return k === 'title' || k === 'mediaType' || k === 'url' || r[k] === undefined; });
  }

  function cleanRelated(r) {
    var o = {};
    Object.keys(r).forEach(function (k) { if (r[k] !== '' && r[k] !== undefined) o[k] = r[k]; });
    if (o.image) {
      o.image = Object.assign({}, o.image);
      if (typeof o.image.alt !== 'string') o.image.alt = '';
    }
    return o;
  }

  function relatedUrlOk(v) {
    return !v || (v.charAt(0) === '/' && v.charAt(1) !== '/') || /^https?:\/\/\S+$/i.test(v);
  }

  /** One line for a related item (merge view): "Video 2:34: Title (/politik/…)". */
  function relatedSummary(r) {
    var d = C.durationText(r.durationSeconds);
    return (T.mediaTypes[r.mediaType] || r.mediaType || '') + (d ? ' ' + d : '') + ': ' + (r.title || T.relatedUntitled) + (r.url ? ' (' + r.url + ')' : '');
  }

  function renderRelated(focus) {
    if (!Array.isArray(doc.related)) doc.related = [];
    var items = doc.related;
    badDurations.forEach(function (_, r) { if (items.indexOf(r) < 0) badDurations.delete(r); });
    var list = $('related-list');
    if (!list) return;
    list.textContent = '';
    $('related-empty').hidden = items.length > 0;
    $('related-add').hidden = items.length >= (cfg.limits.related || 50);
    items.forEach(function (r, i) { list.appendChild(relatedRow(r, i, items.length)); });
    if (focus) {
      var row = list.querySelector('li[data-index="' + focus.index + '"]');
      var target = row && row.querySelector(focus.selector || 'input');
      if (!target || target.disabled) target = row && row.querySelector('input');
      if (target) target.focus();
    }
  }

  function fieldMessage(text) { return el('p', { class: 'field-error', id: nextId('err'), hidden: true, text: text }); }

  /** Shows or hides a field's inline message, naming it in aria-describedby while shown. */
  function flag(field, msg, hintId, bad) {
    msg.hidden = !bad;
    field.setAttribute('aria-invalid', bad ? 'true' : 'false');
    field.setAttribute('aria-describedby', bad ? msg.id + ' ' + hintId : hintId);
  }

  function relatedRow(r, i, n) {
    var label = T.relatedItem + ' ' + (i + 1);
    var headId = nextId('rh');
    var li = el('li', { 'data-index': String(i), 'aria-labelledby': headId });
    li.appendChild(el('div', { class: 'block-head' }, [
      el('h2', { id: headId, text: (i + 1) + '. ' + T.relatedItem }),
      el('div', { class: 'block-tools' }, [
        el('button', { type: 'button', class: 'secondary', 'data-act': 'up', disabled: i === 0, text: '↑', 'aria-label': T.moveUp + ': ' + label, onclick: function () { moveRelated(i, -1); } }),
        el('button', { type: 'button', class: 'secondary', 'data-act': 'down', disabled: i === n - 1, text: '↓', 'aria-label': T.moveDown + ': ' + label, onclick: function () { moveRelated(i, 1); } }),
        el('button', { type: 'button', class: 'secondary', 'data-act': 'remove', text: '✕', 'aria-label': T.remove + ': ' + label, onclick: function () { removeRelated(i); } }),
      ]),
    ]));

    li.appendChild(labelled(T.title, input(r.title, function (v) { r.title = v; }, { maxlength: cfg.limits.headline, required: true, 'data-field': 'title' })));

    var type = el('select', { 'data-field': 'mediaType', onchange: function () { r.mediaType = type.value; changed(); } }, MEDIA_TYPES.map(function (k) {
      return el('option', { value: k, text: T.mediaTypes[k], selected: (r.mediaType || 'article') === k });
    }));

    // Duration: "m:ss" or "h:mm:ss"; an unreadable value stays in the field with a message and blocks saving.
    var durHint = nextId('dh');
    var durMsg = fieldMessage(T.durationBad);
    var dur = el('input', { type: 'text', id: nextId('dur'), 'data-field': 'duration', autocomplete: 'off', 'aria-describedby': durHint, value: badDurations.has(r) ? badDurations.get(r) : C.durationText(r.durationSeconds) });
    var readDuration = function (show) {
      var v = C.parseDuration(dur.value);
      if (v === null) badDurations.set(r, dur.value);
      else {
        badDurations.delete(r);
        if (v === undefined) delete r.durationSeconds; else r.durationSeconds = v;
      }
      if (show || v !== null) flag(dur, durMsg, durHint, v === null);
    };
    dur.addEventListener('input', function () { readDuration(false); changed(); });
    dur.addEventListener('change', function () { readDuration(true); });
    if (badDurations.has(r)) readDuration(true);

    var urlHint = nextId('uh');
    var urlMsg = fieldMessage(T.relatedUrlBad);
    var url = el('input', { type: 'text', inputmode: 'url', 'data-field': 'url', autocomplete: 'off', spellcheck: 'false', maxlength: cfg.limits.url, 'aria-describedby': urlHint, value: r.url || '' });
    url.addEventListener('input', function () {
      var v = url.value.trim();
      if (v) r.url = v; else delete r.url;
      if (relatedUrlOk(v)) flag(url, urlMsg, urlHint, false);
      changed();
    });
    url.addEventListener('change', function () { flag(url, urlMsg, urlHint, !relatedUrlOk(url.value.trim())); });
    if (!relatedUrlOk(r.url || '')) flag(url, urlMsg, urlHint, true);

    li.appendChild(el('div', { class: 'related-grid' }, [
      labelled(T.mediaType, type),
      el('div', null, [el('label', { for: dur.id, text: T.duration }), dur, el('p', { class: 'hint', id: durHint, text: T.durationHint }), durMsg]),
    ]));
    li.appendChild(labelled(T.relatedUrl, url));
    li.appendChild(el('p', { class: 'hint', id: urlHint, text: T.relatedUrlHint }));
    li.appendChild(urlMsg);

    // The picture: from the library (or one from outside, kept as it is), with its own alt text.
    var pic = el('fieldset', { class: 'related-picture' }, [el('legend', { text: T.relatedPicture })]);
    if (r.image) {
      pic.appendChild(pictureInfo(r.image, true));
      var altHint = nextId('alth');
      pic.appendChild(labelled(T.relatedAlt, input(r.image.alt, function (v) { r.image.alt = v; }, { maxlength: cfg.limits.alt, 'aria-describedby': altHint, 'data-field': 'alt' })));
      pic.appendChild(el('p', { class: 'hint', id: altHint, text: T.altHint }));
    } else pic.appendChild(el('p', { class: 'muted', text: T.relatedNoPicture }));
    var tools = el('div', { class: 'pick-tools' });
    if (cfg.media) {
      tools.appendChild(el('button', {
        type: 'button', class: 'secondary', 'data-act': 'pick', 'aria-haspopup': 'dialog',
        onclick: function (e) { openPicker(e.currentTarget, function (asset) { chooseForRelated(r, asset); }); },
      }, [r.image ? T.chooseOther : T.choose, el('span', { class: 'vh', text: ' – ' + label })]));
    }
    if (r.image) {
      tools.appendChild(el('button', {
        type: 'button', class: 'secondary', 'data-act': 'remove-picture',
        onclick: function () { removeRelatedPicture(r); },
      }, [T.removePicture, el('span', { class: 'vh', text: ' – ' + T.relatedPicture + ', ' + label })]));
    }
    if (tools.firstChild) pic.appendChild(tools);
    li.appendChild(pic);
    return li;
  }

  function chooseForRelated(r, asset) {
    var at = doc.related.indexOf(r);
    if (at < 0) return;
    r.image = C.withAsset(r.image || { kind: 'image', alt: '' }, asset.id);
    renderRelated();
    // The row was drawn anew: focus goes back to its button, not to the one that is gone.
    pickerOpener = $('related-list').querySelector('li[data-index="' + at + '"] button[data-act="pick"]');
    changed();
    announce(T.chosen + ' ' + (asset.originalName || T.untitled));
  }

  function removeRelatedPicture(r) {
    var at = doc.related.indexOf(r);
    delete r.image;
    renderRelated({ index: at, selector: 'button[data-act="pick"]' });
    changed();
    announce(T.pictureRemoved);
  }

  function moveRelated(i, by) {
    var j = i + by;
    if (j < 0 || j >= doc.related.length) return;
    var r = doc.related.splice(i, 1)[0];
    doc.related.splice(j, 0, r);
    // The focus stays on the moved row's button, or on the other one when this one is now at its end.
    var act = by < 0 ? (j === 0 ? 'down' : 'up') : (j === doc.related.length - 1 ? 'up' : 'down');
    renderRelated({ index: j, selector: 'button[data-act="' + act + '"]' });
    changed();
    announce(T.relatedMoved + ' ' + (j + 1));
  }

  function removeRelated(i) {
    var r = doc.related.splice(i, 1)[0];
    badDurations.delete(r);
    renderRelated(doc.related.length ? { index: Math.min(i, doc.related.length - 1), selector: 'button[data-act="remove"]' } : null);
    if (!doc.related.length) $('related-add').focus();
    changed();
    announce(T.relatedRemoved);
  }

  function addRelated() {
    if (!Array.isArray(doc.related)) doc.related = [];
    doc.related.push({ title: '', mediaType: 'article' });
    renderRelated({ index: doc.related.length - 1, selector: 'input[data-field="title"]' });
    changed();
    announce(T.relatedAdded);
  }

  /** Before a save: an unreadable duration is shown at its field, and the save does not go out. */
  function durationsBlock(loud) {
    if (!badDurations.size) return false;
    if (!loud) return true;
    var rows = [];
    $('related-list').querySelectorAll('input[data-field="duration"]').forEach(function (f) {
      f.dispatchEvent(new Event('change'));
      if (f.getAttribute('aria-invalid') === 'true') rows.push(f);
    });
    var where = rows.map(function (f) { return T.relatedItem + ' ' + (Number(f.closest('li[data-index]').getAttribute('data-index')) + 1); });
    say($('messages'), T.durationBlocked + (where.length ? ' (' + where.join(', ') + ')' : ''), 'error');
    setState(T.unsaved);
    if (rows[0]) rows[0].focus();
    return true;
  }

  // ---------------------------------------------------------------- paste

  function pastedBlocks(e) {
    var cd = e.clipboardData;
    if (!cd) return null;
    var html = cd.getData('text/html');
    if (html) return C.blocksFromHtml(html);
    return C.blocksFromText(cd.getData('text/plain'));
  }

  document.addEventListener('paste', function (e) {
    var t = e.target;
    var host = t && t.closest ? t.closest('[contenteditable="true"]') : null;
    var inField = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA');
    if (inField) return; // plain fields take plain text as usual
    if (!host && !(t && t.closest && t.closest('#editor'))) return;
    var blocks = pastedBlocks(e);
    if (!blocks) return;
    e.preventDefault();
    if (!blocks.length) return;
    var li = host && host.closest('li[data-index]');
    var kind = host && host.getAttribute('data-paste');
    if (host && blocks.length === 1 && blocks[0].type === 'paragraph' && (kind === 'paragraph' || kind === 'list' || kind === 'entry')) {
      document.execCommand('insertHTML', false, C.inlinesToHtml(blocks[0].content));
      host.dispatchEvent(new Event('input', { bubbles: true }));
      return;
    }
    if (host && kind === 'entry') {
      document.execCommand('insertHTML', false, entryBodyHtml(blocks));
      host.dispatchEvent(new Event('input', { bubbles: true }));
      return;
    }
    var at = doc.body.length;
    if (li) {
      var i = Number(li.getAttribute('data-index'));
      if (isEmptyBlock(doc.body[i])) { doc.body.splice(i, 1); at = i; } else at = i + 1;
    }
    Array.prototype.splice.apply(doc.body, [at, 0].concat(blocks));
    renderBlocks({ index: at + blocks.length - 1 });
    announce(T.pasted + ' ' + blocks.map(function (b) { return T.types[b.type]; }).join(', '));
    changed();
  });

  // ---------------------------------------------------------------- local copy, autosave

  function changed() {
    lastEdit = Date.now();
    dirty = lastSaved !== C.canon(payload()) || badDurations.size > 0;
    if (dirty) setState(T.unsaved);
    try {
      localStorage.setItem(storageKey(), JSON.stringify({ changedAt: lastEdit, baseVersion: baseVersion, doc: doc }));
    } catch (e) { /* storage full or off: autosave still runs */ }
  }

  function dropLocal() { try { localStorage.removeItem(storageKey()); } catch (e) { /* ignore */ } }

  function offerLocalCopy() {
    var raw = null;
    try { raw = JSON.parse(localStorage.getItem(storageKey()) || 'null'); } catch (e) { raw = null; }
    if (!raw || !raw.doc) return;
    var serverAt = story ? Date.parse(story.modifiedAt) : 0;
    var differs = C.canon(payloadOf(raw.doc)) !== C.canon(payload());
    if (!differs) { dropLocal(); return; }
    if (!(raw.changedAt > serverAt || (story && raw.baseVersion < story.version))) return;
    var box = $('restore-offer');
    box.textContent = '';
    box.appendChild(el('p', { text: T.localCopy + ' ' + C.formatBerlin(new Date(raw.changedAt).toISOString()) + '.' }));
    box.appendChild(el('p', null, [
      el('button', { type: 'button', id: 'restore-local', text: T.restore, onclick: function () {
        doc = raw.doc;
        if (story && raw.baseVersion) baseVersion = raw.baseVersion;
        box.hidden = true;
        fillFields();
        renderBlocks();
        changed();
        say($('messages'), T.restored, 'ok');
      } }),
      ' ',
      el('button', { type: 'button', id: 'discard-local', class: 'secondary', text: T.discard, onclick: function () {
        dropLocal();
        box.hidden = true;
        say($('messages'), T.discarded, 'ok');
      } }),
    ]));
    box.hidden = false;
  }

  function payloadOf(d) {
    var keep = doc;
    doc = d;
    try { return payload(); } finally { doc = keep; }
  }

  function livePublic() { return story && (story.status === 'published' || story.status === 'scheduled'); }

  setInterval(function () {
    // Autosave drafts; what readers see (published, scheduled) changes only on an explicit save.
    if (!dirty || saving || inConflict || !cfg.canEdit || livePublic()) return;
    if (Date.now() - lastEdit < 1500) return;
    if (!(doc.headline || '').trim()) return;
    save({ auto: true });
  }, 3000);

  // ---------------------------------------------------------------- saving

  /** Fields the server sets on a story (first publication, update stamp, slug) join the draft, so merges and saves carry them. */
  var SERVER_SET = ['firstPublishedAt', 'updatedAt', 'slug'];
  function syncServerFields(target, s) {
    SERVER_SET.forEach(function (k) { if (s[k] !== undefined) target[k] = s[k]; });
    return target;
  }

  function accept(s, sent) {
    var wasNew = !story;
    var oldKey = storageKey();
    story = s;
    baseVersion = s.version;
    syncServerFields(doc, s);
    lastSaved = C.canon(syncServerFields(Object.assign({}, sent), s));
    dirty = lastSaved !== C.canon(payload());
    if (wasNew) {
      try { localStorage.removeItem(oldKey); } catch (e) { /* ignore */ }
      history.replaceState(null, '', '/newsroom/stories/' + s.id);
      $('preview-form').setAttribute('action', '/newsroom/stories/' + s.id + '/preview');
      startPresence();
    }
    if (!dirty) dropLocal(); else changed();
    showStatus();
  }

  function storyOf(j) { return j && j.story && j.story.id ? j.story : j; }

  async function save(opts) {
    opts = opts || {};
    if (saving) return saving;
    readFields();
    var body = payload();
    if (!(body.headline || '').trim()) { if (!opts.auto) say($('messages'), T.needHeadline, 'error'); return false; }
    if (durationsBlock(!opts.auto)) return false;
    var correction;
    if (!opts.auto && story && story.status === 'published' && $('as-correction').checked) {
      correction = $('correction-note').value.trim();
      if (!correction) { say($('messages'), T.needNote, 'error'); $('correction-note').focus(); return false; }
    }
    setState(T.saving);
    saving = (async function () {
      try {
        var res = story
          ? await api('PUT', '/newsroom/api/stories/' + story.id, correction ? { story: body, correction: correction } : { story: body }, baseVersion)
          : await api('POST', '/newsroom/api/stories', body);
        if (res.status === 412) {
          var j = await res.json();
          openMerge(j.current);
          return false;
        }
        if (!res.ok) { setState(T.unsaved); await showApiError(res); return false; }
        accept(storyOf(await res.json()), body);
        if (correction) { $('as-correction').checked = false; $('correction-note').value = ''; }
        if (!opts.quiet) $('messages').textContent = '';
        setState((opts.auto ? T.autosaved : T.savedAt) + ' ' + timeNow());
        return true;
      } catch (e) {
        setState(T.unsaved);
        say($('messages'), T.offline, 'error');
        return false;
      } finally {
        saving = null;
      }
    })();
    return saving;
  }

  // ---------------------------------------------------------------- workflow

  function showStatus() {
    $('status-name').textContent = story ? T.status[story.status]
      + (story.status === 'scheduled' && story.scheduledPublishAt ? ' (' + T.scheduledFor + ' ' + C.formatBerlin(story.scheduledPublishAt) + ')' : '')
      + (story.scheduledDepublishAt && story.status !== 'depublished' ? ' (' + T.depublishFor + ' ' + C.formatBerlin(story.scheduledDepublishAt) + ')' : '') : T.status.draft;
    var takedown = !!story && cfg.canDepublish && (story.status === 'published' || story.status === 'scheduled');
    $('depublish-group').hidden = !takedown;
    $('depublish-at-clear').hidden = !(story && story.scheduledDepublishAt);
    $('version-no').textContent = story ? String(story.version) : '–';
    $('correction-box').hidden = !(story && story.status === 'published' && cfg.canCorrect);
    renderMoves();
  }

  function renderMoves() {
    var box = $('moves');
    box.textContent = '';
    $('schedule-group').querySelectorAll('button[data-move]').forEach(function (b) { b.remove(); });
    var status = story ? story.status : 'draft';
    var moves = cfg.moves.filter(function (m) { return m.from === status; });
    $('schedule-group').hidden = !moves.some(function (m) { return m.to === 'scheduled'; });
    moves.forEach(function (m) {
      var b = el('button', { type: 'button', class: m.to === 'depublished' ? 'danger' : 'secondary', 'data-move': m.to, text: T.transitions[m.to], onclick: function () { transition(m.to); } });
      if (m.to === 'scheduled') $('schedule-group').appendChild(b);
      else box.appendChild(b);
    });
  }

  async function transition(to) {
    var body = { to: to };
    if (to === 'scheduled') {
      var at = C.berlinLocalToIso($('schedule-at').value);
      if (!at) { say($('messages'), T.needTime, 'error'); $('schedule-at').focus(); return; }
      body.at = at;
    }
    if (dirty || !story) {
      if (!story) say($('messages'), T.saveFirst, 'ok');
      var ok = await save({ quiet: true });
      if (!ok) return;
    }
    setState(T.saving);
    try {
      var res = await api('POST', '/newsroom/api/stories/' + story.id + '/transitions', body, baseVersion);
      if (res.status === 412) { var j = await res.json(); openMerge(j.current); return; }
      if (!res.ok) { setState(''); await showApiError(res, null, T.refused); return; }
      var s = storyOf(await res.json());
      var wasClean = !dirty;
      story = s;
      baseVersion = s.version;
      syncServerFields(doc, s);
      if (wasClean) lastSaved = C.canon(payload());
      showStatus();
      $('messages').textContent = '';
      say($('messages'), T.moved_to + ' ' + T.status[s.status], 'ok');
      setState(T.savedAt + ' ' + timeNow());
    } catch (e) {
      say($('messages'), T.offline, 'error');
    }
  }

  /** Sets (or with null clears) the time a published story comes down by itself. */
  async function depublishAt(at) {
    if (at === undefined) { say($('messages'), T.needTime, 'error'); $('depublish-at').focus(); return; }
    if (dirty) { var ok = await save({ quiet: true }); if (!ok) return; }
    try {
      var res = await api('PUT', '/newsroom/api/stories/' + story.id + '/depublish-at', { at: at }, baseVersion);
      if (res.status === 412) { var j = await res.json(); openMerge(j.current); return; }
      if (!res.ok) { await showApiError(res); return; }
      var s = storyOf(await res.json());
      var wasClean = !dirty;
      story = s;
      baseVersion = s.version;
      if (wasClean) lastSaved = C.canon(payload());
      showStatus();
      say($('messages'), at ? T.status[s.status] + ' (' + T.depublishFor + ' ' + C.formatBerlin(s.scheduledDepublishAt) + ')' : T.depublishCleared, 'ok');
    } catch (e) {
      say($('messages'), T.offline, 'error');
    }
  }

  // ---------------------------------------------------------------- merge view

  var FIELD_LABELS = function (k) {
    if (k === 'lead') return T.leadImage;
    if (k === 'related') return T.related;
    var map = { kind: $('f-kind'), language: $('f-language'), kicker: $('f-kicker'), headline: $('f-headline'), teaser: $('f-teaser'), section: $('f-section'), topics: $('f-topics'), authors: $('f-authors'), broadcast: $('f-startsAt'), embargoUntil: $('f-embargo') };
    var input = map[k];
    var lab = input && document.querySelector('label[for="' + input.id + '"]');
    return lab ? lab.textContent : k;
  };

  function fieldText(k, v) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) return T.empty;
    if (k === 'topics') return v.join(', ');
    if (k === 'authors') return v.map(function (a) { return a.affiliation ? a.name + ', ' + a.affiliation : a.name; }).join('; ');
    if (k === 'broadcast') return (v.programme ? v.programme + ', ' : '') + C.formatBerlin(v.startsAt);
    if (k === 'embargoUntil') return C.formatBerlin(v);
    if (k === 'lead') return C.blockSummary(Object.assign({ type: 'figure' }, v));
    if (k === 'related') return v.map(relatedSummary).join('; ');
    if (typeof v === 'string') return v;
    return JSON.stringify(v);
  }

  function openMerge(current) {
    inConflict = true;
    readFields();
    var theirs = C.draftOf(current);
    var mine = payload();
    var fields = C.differingFields(theirs, mine);
    var rows = C.alignBlocks(theirs.body || [], mine.body || []);
    var fieldChoice = {};
    var rowChoice = {};
    var sec = $('merge');
    sec.textContent = '';
    sec.appendChild(el('h2', { id: 'merge-h', text: T.mergeTitle }));
    sec.appendChild(el('p', { class: 'notice error', text: T.conflict + (current.modifiedByName ? ' (' + T.savedBy + ' ' + current.modifiedByName + ', ' + C.formatBerlin(current.modifiedAt) + ')' : ' (' + C.formatBerlin(current.modifiedAt) + ')') }));
    sec.appendChild(el('p', { text: T.mergeIntro }));
    var radios = [];
    function choice(name, what, set) {
      var wrap = el('div', { class: 'choice', role: 'radiogroup', 'aria-label': what });
      ['theirs', 'mine'].forEach(function (side) {
        var id = nextId('mc');
        var r = el('input', { type: 'radio', name: name, id: id, value: side, checked: side === 'mine', 'data-side': side });
        r.addEventListener('change', function () { if (r.checked) set(side); });
        radios.push(r);
        wrap.appendChild(r);
        wrap.appendChild(el('label', { for: id }, [side === 'theirs' ? T.takeTheirs : T.takeMine, el('span', { class: 'vh', text: ' – ' + what })]));
      });
      return wrap;
    }
    sec.appendChild(el('p', null, [
      el('button', { type: 'button', class: 'secondary', id: 'merge-all-theirs', text: T.allTheirs, onclick: function () { pickAll('theirs'); } }), ' ',
      el('button', { type: 'button', class: 'secondary', id: 'merge-all-mine', text: T.allMine, onclick: function () { pickAll('mine'); } }),
    ]));
    function pickAll(side) {
      radios.forEach(function (r) { r.checked = r.value === side; r.dispatchEvent(new Event('change')); });
    }
    if (fields.length) {
      sec.appendChild(el('h3', { text: T.mergeFields }));
      var ft = el('table', { id: 'merge-fields' }, [el('thead', null, [el('tr', null, [
        el('th', { scope: 'col', text: T.field }), el('th', { scope: 'col', text: T.theirs }), el('th', { scope: 'col', text: T.mine }), el('th', { scope: 'col', text: T.field + ': ' + T.mine + '/' + T.theirs }),
      ])])]);
      var tb = el('tbody');
      fields.forEach(function (k) {
        var name = FIELD_LABELS(k);
        tb.appendChild(el('tr', { 'data-field': k }, [
          el('th', { scope: 'row', text: name }),
          el('td', { class: 'side theirs', text: fieldText(k, theirs[k]) }),
          el('td', { class: 'side mine', text: fieldText(k, mine[k]) }),
          el('td', null, [choice('mf-' + k, name, function (side) { fieldChoice[k] = side; })]),
        ]));
      });
      ft.appendChild(tb);
      sec.appendChild(ft);
    }
    if (rows.some(function (r) { return r.kind === 'change'; })) {
      sec.appendChild(el('h3', { text: T.mergeBlocks }));
      var bt = el('table', { id: 'merge-blocks' }, [el('thead', null, [el('tr', null, [
        el('th', { scope: 'col', text: T.block }), el('th', { scope: 'col', text: T.theirs }), el('th', { scope: 'col', text: T.mine }), el('th', { scope: 'col', text: T.block + ': ' + T.mine + '/' + T.theirs }),
      ])])]);
      var bb = el('tbody');
      rows.forEach(function (row, i) {
        if (row.kind === 'same') {
          bb.appendChild(el('tr', { class: 'same' }, [el('th', { scope: 'row', text: String(i + 1) }), el('td', { class: 'side', colspan: '2', text: C.blockSummary(row.block) }), el('td')]));
          return;
        }
        var what = T.block + ' ' + (i + 1);
        bb.appendChild(el('tr', { class: 'change', 'data-row': String(i) }, [
          el('th', { scope: 'row', text: String(i + 1) }),
          el('td', { class: 'side theirs', text: row.theirs ? T.types[row.theirs.type] + ': ' + C.blockSummary(row.theirs) : T.empty }),
          el('td', { class: 'side mine', text: row.mine ? T.types[row.mine.type] + ': ' + C.blockSummary(row.mine) : T.empty }),
          el('td', null, [choice('mb-' + i, what, function (side) { rowChoice[i] = side; })]),
        ]));
      });
      bt.appendChild(bb);
      sec.appendChild(bt);
    }
    sec.appendChild(el('p', null, [
      el('button', { type: 'button', id: 'merge-save', text: T.saveMerged, onclick: async function () {
        doc = C.mergeDrafts(theirs, mine, fieldChoice, rowChoice);
        story = current;
        baseVersion = current.version;
        lastSaved = C.canon(C.draftOf(current));
        inConflict = false;
        sec.hidden = true;
        $('editor').hidden = false;
        fillFields();
        renderBlocks();
        changed();
        showStatus();
        var ok = await save({});
        if (ok) say($('messages'), T.merged, 'ok');
      } }), ' ',
      el('button', { type: 'button', class: 'secondary', id: 'merge-cancel', text: T.cancel, onclick: function () {
        sec.hidden = true;
        $('editor').hidden = false;
        $('save').focus();
      } }),
    ]));
    $('editor').hidden = true;
    sec.hidden = false;
    setState(T.conflict);
    sec.focus();
  }

  // ---------------------------------------------------------------- presence

  var presenceTimer = null;
  function startPresence() {
    if (!story || presenceTimer) return;
    var beat = async function () {
      if (document.hidden) return;
      try {
        var res = await api('POST', '/newsroom/api/stories/' + story.id + '/presence', {});
        if (res.status === 404 || res.status === 405) { clearInterval(presenceTimer); return; }
        if (!res.ok) return;
        var j = await res.json();
        var names = (j.others || []).map(function (o) { return o.name; }).filter(Boolean);
        var text = names.length ? T.alsoOpen + ' ' + names.join(', ') : '';
        if ($('presence').textContent !== text) $('presence').textContent = text;
      } catch (e) { /* offline: try again next time */ }
    };
    presenceTimer = setInterval(beat, 10000);
    beat();
    document.addEventListener('visibilitychange', function () { if (!document.hidden) beat(); });
    window.addEventListener('pagehide', function () {
      fetch('/newsroom/api/stories/' + story.id + '/presence', {
        method: 'POST', credentials: 'same-origin', keepalive: true,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: '{"leaving":true}',
      }).catch(function () { /* the entry expires by itself */ });
    });
  }

  // ---------------------------------------------------------------- live ticker quick entry

  var tqPost = $('tq-post');
  if (tqPost) {
    tqPost.addEventListener('click', async function () {
      var text = $('tq-text').value.trim();
      var title = $('tq-title').value.trim();
      if (!text) { $('tq-state').textContent = T.needText; $('tq-text').focus(); return; }
      tqPost.disabled = true;
      try {
        var res = await api('POST', '/newsroom/api/stories/' + story.id + '/ticker-entries', title ? { title: title, text: text } : { text: text });
        if (!res.ok) { await showApiError(res); return; }
        var s = storyOf(await res.json());
        var entry = s.body[0];
        readFields();
        var wasDirty = dirty;
        story = s;
        baseVersion = s.version;
        if (wasDirty) doc.body.unshift(entry); else doc = C.draftOf(s);
        lastSaved = C.canon(payloadOf(C.draftOf(s)));
        renderBlocks();
        renderRelated();
        changed();
        showStatus();
        $('tq-text').value = '';
        $('tq-title').value = '';
        $('tq-state').textContent = T.posted + ' ' + timeNow();
        $('tq-text').focus();
      } catch (e) {
        say($('messages'), T.offline, 'error');
      } finally {
        tqPost.disabled = false;
      }
    });
  }

  /** Someone who may look but not edit: fields locked, no save, no autosave. */
  function readOnly() {
    document.querySelectorAll('#editor fieldset:not(#actions-box)').forEach(function (f) { f.disabled = true; });
    document.querySelectorAll('#blocks [contenteditable]').forEach(function (r) { r.setAttribute('contenteditable', 'false'); });
    $('save').hidden = true;
    $('correction-box').hidden = true;
  }

  function showImportWarnings() {
    if (!story) return;
    var key = 'lede:import-warnings:' + story.id;
    var list = null;
    try { list = JSON.parse(sessionStorage.getItem(key) || 'null'); sessionStorage.removeItem(key); } catch (e) { list = null; }
    if (!list || !list.length) return;
    var box = el('div', { class: 'notice' }, [el('p', { text: T.importWarnings })]);
    box.appendChild(el('ul', null, list.map(function (w) { return el('li', { text: typeof w === 'string' ? w : (w.message || JSON.stringify(w)) }); })));
    $('messages').appendChild(box);
  }

  // ---------------------------------------------------------------- wiring

  FIELD_IDS.forEach(function (id) {
    $(id).addEventListener('input', function () { readFields(); updateCounts(); changed(); });
    $(id).addEventListener('change', function () { readFields(); changed(); });
  });
  $('editor').addEventListener('submit', function (e) { e.preventDefault(); save({}); });
  $('add-block').addEventListener('click', function () { addBlock($('add-type').value); });
  $('related-add').addEventListener('click', addRelated);
  $('depublish-at-set').addEventListener('click', function () { depublishAt(C.berlinLocalToIso($('depublish-at').value)); });
  $('depublish-at-clear').addEventListener('click', function () { depublishAt(null); });
  $('preview').addEventListener('click', function () {
    readFields();
    var f = $('preview-form');
    f.elements.story.value = JSON.stringify(payload());
    f.submit();
  });
  document.addEventListener('keydown', function (e) {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); save({}); }
  });

  fillFields();
  renderBlocks();
  showStatus();
  if (!cfg.canEdit) readOnly();
  offerLocalCopy();
  startPresence();
  showImportWarnings();
  document.documentElement.setAttribute('data-editor-ready', '');
})();
