// @ts-check
// Lede newsroom: the editor's pure logic, without any page around it.
// Paste cleaning (Word and web HTML → our blocks), inline serialization
// (bold/italic/links ↔ Inline runs), Berlin wall-clock times and the
// merge helpers. A classic script, not a module: its one top-level `var`
// defines the global LedeCore, so the editor's modules (loaded after it) and
// the tests (which evaluate this text into a bare page) share it, and the
// type checker sees LedeCore's type from what this function returns.
/**
 * @typedef {import('./editor-types.js').Inline} Inline
 * @typedef {import('./editor-types.js').Block} Block
 * @typedef {import('./editor-types.js').Figure} Figure
 * @typedef {import('./editor-types.js').StoryDraft} StoryDraft
 * @typedef {import('./editor-types.js').StoryView} StoryView
 * @typedef {'strong' | 'em'} Mark
 * @typedef {{ text?: string | null, marks?: string[], href?: string }} LooseRun a run before normalizing (marks of any name, text maybe empty)
 * @typedef {'mine' | 'theirs'} Side
 */
/**
 * A row of two aligned block lists: a block both share, or a pair of blocks (either may be missing) only one side has or both changed.
 * @template T
 * @typedef {{ kind: 'same', block: T } | { kind: 'change', theirs: T | undefined, mine: T | undefined }} AlignRow
 */
var LedeCore = (function () {
  'use strict';

  /** @type {Record<string, 1>} */

  var BLOCK_TAGS = { P: 1, DIV: 1, H1: 1, H2: 1, H3: 1, H4: 1, H5: 1, H6: 1, UL: 1, OL: 1, LI: 1, BLOCKQUOTE: 1, FIGURE: 1, TABLE: 1, TR: 1, TD: 1, TH: 1, SECTION: 1, ARTICLE: 1, HEADER: 1, FOOTER: 1, MAIN: 1, PRE: 1, DL: 1, DT: 1, DD: 1 };
  /** @type {Record<string, 1>} */
  var DROP_TAGS = { SCRIPT: 1, STYLE: 1, META: 1, LINK: 1, TITLE: 1, HEAD: 1, NOSCRIPT: 1, TEMPLATE: 1, IFRAME: 1, OBJECT: 1, SVG: 1, BUTTON: 1, INPUT: 1, SELECT: 1, TEXTAREA: 1, XML: 1 };

  /** A link target the site may carry (a same-site path, http(s) or mailto), else undefined. @param {unknown} raw */
  function safeHref(raw) {
    if (typeof raw !== 'string') return undefined;
    var href = raw.trim();
    if (!href) return undefined;
    if (href.charAt(0) === '/' && href.charAt(1) !== '/') return href;
    if (/^(https?:|mailto:)/i.test(href)) return href;
    return undefined;
  }

  /** @param {LooseRun} a @param {LooseRun} b */
  function sameMarks(a, b) {
    var x = (a.marks || []).slice().sort().join(',');
    var y = (b.marks || []).slice().sort().join(',');
    return x === y && (a.href || '') === (b.href || '');
  }

  /**
   * Joins neighbouring runs with the same marks and link; collapses white space; trims the ends.
   * @param {LooseRun[]} runs
   * @returns {Inline[]}
   */
  function normalizeInlines(runs) {
    /** @type {Inline[]} */
    var out = [];
    runs.forEach(function (r) {
      var text = String(r.text || '').replace(/[\s\u00a0]+/g, ' ');
      if (!text) return;
      /** @type {Inline} */
      var run = { text: text };
      const marks = r.marks;
      if (marks && marks.length) run.marks = /** @type {Mark[]} */ (['strong', 'em']).filter(function (m) { return marks.indexOf(m) >= 0; });
      if (run.marks && !run.marks.length) delete run.marks;
      if (r.href) run.href = r.href;
      var last = out[out.length - 1];
      if (last && sameMarks(last, run)) last.text += run.text;
      else out.push(run);
    });
    var first = out[0];
    if (first) {
      first.text = first.text.replace(/^ +/, '');
      var end = /** @type {Inline} */ (out[out.length - 1]);
      end.text = end.text.replace(/ +$/, '');
    }
    return out.filter(function (r) { return r.text !== ''; });
  }

  /**
   * Pasted HTML's style attributes, renamed before parsing: the parsed document has the newsroom's CSP,
   * which refuses inline styles (el.style would stay empty, and each attribute would be reported as a violation).
   */
  var STYLE_ATTR = 'data-pasted-style';

  /**
   * One declaration of an element's inline style: a pasted element's from its renamed attribute's text
   * (the last one wins), an element of the editor's own page (the rich areas, where the browser's editing
   * commands set styles through CSSOM, which the CSP allows) from el.style.
   * @param {HTMLElement} el @param {string} property e.g. 'font-weight' @param {'fontWeight' | 'fontStyle'} cssom its CSSOM name
   */
  function styleValue(el, property, cssom) {
    var pasted = el.getAttribute ? el.getAttribute(STYLE_ATTR) : null;
    if (pasted === null) return el.style ? String(el.style[cssom] || '').toLowerCase() : '';
    var value = '';
    pasted.split(';').forEach(function (decl) {
      var colon = decl.indexOf(':');
      if (colon > 0 && decl.slice(0, colon).trim().toLowerCase() === property) {
        value = decl.slice(colon + 1).replace(/!important/i, '').trim().toLowerCase();
      }
    });
    return value;
  }

  /** @param {HTMLElement} el */
  function isBold(el) {
    var fw = styleValue(el, 'font-weight', 'fontWeight');
    if (el.tagName === 'B' || el.tagName === 'STRONG') {
      // Google Docs wraps everything in <b style="font-weight:normal">.
      return !(fw === 'normal' || fw === '400');
    }
    return el.tagName === 'SPAN' && (fw === 'bold' || fw === '700' || fw === '600' || fw === '800' || fw === '900');
  }

  /** @param {HTMLElement} el */
  function isItalic(el) {
    if (el.tagName === 'I' || el.tagName === 'EM') return true;
    return el.tagName === 'SPAN' && styleValue(el, 'font-style', 'fontStyle') === 'italic';
  }

  /**
   * Text runs of a node's inline content: b/strong → strong, i/em → em, a[href] → link; everything else is plain text.
   * @param {Node} node
   * @returns {Inline[]}
   */
  function inlinesOf(node) {
    /** @type {{ text: string | null, marks: string[], href: string | undefined }[]} */
    var runs = [];
    (/** @param {Node} node @param {string[]} marks @param {string | undefined} href */ function walk(node, marks, href) {
      if (node.nodeType === 3) {
        runs.push({ text: node.nodeValue, marks: marks.slice(), href: href });
        return;
      }
      if (node.nodeType !== 1) return;
      // nodeType 1: an element (of any document, so no instanceof); the style checks read HTML elements' inline style.
      var n = /** @type {HTMLElement} */ (node);
      var tag = n.tagName;
      if (DROP_TAGS[tag] || /^(O|V|W|M):/i.test(n.nodeName)) return;
      if (tag === 'BR') { runs.push({ text: ' ', marks: [], href: href }); return; }
      if (tag === 'IMG') return;
      var m = marks.slice();
      if (isBold(n) && m.indexOf('strong') < 0) m.push('strong');
      if (isItalic(n) && m.indexOf('em') < 0) m.push('em');
      var h = href;
      if (tag === 'A') h = safeHref(n.getAttribute('href')) || href;
      for (var c = n.firstChild; c; c = c.nextSibling) walk(c, m, h);
    })(node, [], undefined);
    // A link's runs keep their href; runs without text are dropped.
    return normalizeInlines(runs.map(function (r) {
      /** @type {LooseRun} */
      var o = { text: r.text, marks: r.marks };
      if (r.href) o.href = r.href;
      return o;
    }));
  }

  /** @param {Inline[]} inlines */
  function plain(inlines) {
    return inlines.map(function (r) { return r.text; }).join('');
  }

  /** @param {Element} el */
  function isWordListParagraph(el) {
    var cls = el.getAttribute && (el.getAttribute('class') || '');
    var style = el.getAttribute && (el.getAttribute(STYLE_ATTR) || '');
    return /MsoListParagraph/i.test(cls) || /mso-list:/i.test(style);
  }

  /** Word's list bullets ("·", "1.", "a)") sit in a span with mso-list:Ignore; they are not text. */
  /** @param {Element} el */
  function stripWordListMarker(el) {
    var clone = /** @type {Element} */ (el.cloneNode(true));
    var spans = clone.querySelectorAll ? clone.querySelectorAll('span') : [];
    spans.forEach(function (span) {
      if (/mso-list:\s*ignore/i.test(span.getAttribute(STYLE_ATTR) || '')) span.remove();
    });
    var inl = inlinesOf(clone);
    var lead = inl[0];
    if (lead) lead.text = lead.text.replace(/^([·•▪o§\-–]|\d+[.)]|[a-z][.)])\s+/, '');
    return inl.filter(function (r) { return r.text; });
  }

  /**
   * Clean blocks from pasted HTML (a Word document, a web page): paragraphs,
   * headings (h1–h2 → level 2, h3–h6 → level 3), lists, quotes and images;
   * bold, italic and links inside text. Styles, classes, Word's mso markup,
   * comments, scripts and everything else are dropped.
   * @param {string} html
   * @param {(html: string) => Document} [parse] another parser than the browser's DOMParser
   * @returns {Block[]}
   */
  function blocksFromHtml(html, parse) {
    // The parsed document is inert (nothing in it runs); event-handler attributes are cut
    // beforehand only so the browser does not report each one as a CSP violation.
    var source = String(html).replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
      // Style sheets (Word sends one) are dropped and style attributes kept under another name for the same
      // reason: the CSP refuses inline styles. styleValue reads the renamed attributes.
      .replace(/<style\b[\s\S]*?<\/style\s*>/gi, '')
      .replace(/<[a-z][^>]*>/gi, function (tag) { return tag.replace(/\sstyle\s*=/gi, ' ' + STYLE_ATTR + '='); });
    var doc = parse ? parse(source) : new DOMParser().parseFromString(source, 'text/html');
    return blocksFromNode(doc.body || doc);
  }

  /** Clean blocks from the content of a parsed node (see blocksFromHtml). @param {Node} root @returns {Block[]} */
  function blocksFromNode(root) {
    /** @type {Block[]} */
    var blocks = [];
    /** @type {Node[]} */
    var pending = [];
    /** @type {import('./editor-types.js').BlockOf<'list'> | null} */
    var wordList = null;

    function flushInline() {
      if (!pending.length) return;
      var span = /** @type {Document} */ (root.ownerDocument).createElement('span');
      pending.forEach(function (n) { span.appendChild(n.cloneNode(true)); });
      pending = [];
      var inl = inlinesOf(span);
      if (plain(inl).trim()) blocks.push({ type: 'paragraph', content: inl });
    }
    function endWordList() { wordList = null; }
    /** @param {Element} img */
    function pushImage(img) {
      var src = safeHref(img.getAttribute('src'));
      /** @type {import('./editor-types.js').BlockOf<'figure'>} */
      var fig = { type: 'figure', kind: 'image', alt: (img.getAttribute('alt') || '').trim() };
      if (src) fig.src = src;
      blocks.push(fig);
      return fig;
    }

    /** @param {Node} node */
    function visit(node) {
      if (node.nodeType === 3) { pending.push(node); return; }
      if (node.nodeType !== 1) return;
      var n = /** @type {Element} */ (node);
      var tag = n.tagName;
      if (DROP_TAGS[tag] || /^(O|V|W|M):/i.test(n.nodeName)) return;
      if (!BLOCK_TAGS[tag] && tag !== 'IMG' && tag !== 'HR' && tag !== 'BR') {
        // Inline element: may still hold images or (badly nested) blocks.
        if (n.querySelector && n.querySelector('p,div,h1,h2,h3,h4,h5,h6,ul,ol,blockquote,img,table')) {
          for (var k = n.firstChild; k; k = k.nextSibling) visit(k);
        } else pending.push(n);
        return;
      }
      if (tag === 'BR') { pending.push(n); return; }
      flushInline();
      if (tag === 'IMG') { endWordList(); pushImage(n); return; }
      var figImg = tag === 'FIGURE' ? n.querySelector('img') : null;
      if (figImg) {
        endWordList();
        var figure = pushImage(figImg);
        var cap = n.querySelector('figcaption');
        var capText = cap ? plain(inlinesOf(cap)).trim() : '';
        if (capText) figure.caption = capText;
        return;
      }
      if (tag === 'HR') { endWordList(); return; }
      if (/^H[1-6]$/.test(tag)) {
        endWordList();
        var text = plain(inlinesOf(n)).trim();
        if (text) blocks.push({ type: 'heading', level: tag === 'H1' || tag === 'H2' ? 2 : 3, text: text });
        return;
      }
      if (tag === 'UL' || tag === 'OL') {
        endWordList();
        /** @type {Inline[][]} */
        var items = [];
        for (var li = n.firstElementChild; li; li = li.nextElementSibling) {
          if (li.tagName !== 'LI') continue;
          var inner = /** @type {Element} */ (li.cloneNode(true));
          var nested = inner.querySelectorAll('ul,ol');
          nested.forEach(function (x) { x.remove(); });
          var it = inlinesOf(inner);
          if (plain(it).trim()) items.push(it);
          // Nested lists become further items of the same list.
          var sub = li.querySelectorAll('li');
          sub.forEach(function (subLi) {
            var subClone = /** @type {Element} */ (subLi.cloneNode(true));
            subClone.querySelectorAll('ul,ol').forEach(function (x) { x.remove(); });
            var si = inlinesOf(subClone);
            if (plain(si).trim()) items.push(si);
          });
        }
        if (items.length) blocks.push({ type: 'list', ordered: tag === 'OL', items: items });
        return;
      }
      if (tag === 'LI') {
        var lone = inlinesOf(n);
        if (plain(lone).trim()) blocks.push({ type: 'list', ordered: false, items: [lone] });
        return;
      }
      if (tag === 'BLOCKQUOTE') {
        endWordList();
        /** @type {string[]} */
        var parts = [];
        /** @type {string | undefined} */
        var speaker;
        var kids = n.querySelectorAll('p');
        var cite = n.querySelector('cite, footer');
        if (cite) { speaker = plain(inlinesOf(cite)).replace(/^[\s—–-]+/, '').trim(); if (cite.parentNode) cite.parentNode.removeChild(cite); }
        if (kids.length) kids.forEach(function (kid) { parts.push(plain(inlinesOf(kid)).trim()); });
        else parts.push(plain(inlinesOf(n)).trim());
        var qt = parts.filter(Boolean).join('\n\n');
        if (qt) blocks.push(speaker ? { type: 'quote', text: qt, speaker: speaker } : { type: 'quote', text: qt });
        return;
      }
      if (tag === 'P' && isWordListParagraph(n)) {
        var item = stripWordListMarker(n);
        if (!plain(item).trim()) return;
        var ordered = /^\s*(\d+|[a-z])[.)]/i.test((n.textContent || '').trim()) && !/^[·•▪o§]/.test((n.textContent || '').trim());
        if (wordList && blocks[blocks.length - 1] === wordList) wordList.items.push(item);
        else { wordList = { type: 'list', ordered: ordered, items: [item] }; blocks.push(wordList); }
        return;
      }
      endWordList();
      var hasBlockKids = false;
      for (var c = n.firstElementChild; c; c = c.nextElementSibling) {
        if (BLOCK_TAGS[c.tagName] || c.tagName === 'IMG' || (c.querySelector && c.querySelector('img'))) { hasBlockKids = true; break; }
      }
      if (hasBlockKids || tag !== 'P') {
        for (var ch = n.firstChild; ch; ch = ch.nextSibling) visit(ch);
        flushInline();
        return;
      }
      var inl = inlinesOf(n);
      if (plain(inl).trim()) blocks.push({ type: 'paragraph', content: inl });
    }

    for (var x = root.firstChild; x; x = x.nextSibling) visit(x);
    flushInline();
    return blocks;
  }

  /**
   * Plain text: paragraphs split on blank lines; single line breaks inside a paragraph become spaces.
   * @param {string | null | undefined} text
   * @returns {Block[]}
   */
  function blocksFromText(text) {
    return String(text || '').replace(/\r\n?/g, '\n').split(/\n[ \t\u00a0]*\n+/)
      .map(function (p) { return p.replace(/\s+/g, ' ').trim(); })
      .filter(Boolean)
      .map(function (p) { return /** @type {Block} */ ({ type: 'paragraph', content: [{ text: p }] }); });
  }

  /** @param {unknown} s */
  function escapeHtml(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  /** HTML for an editable paragraph: only strong, em and a. @param {Inline[] | null | undefined} inlines */
  function inlinesToHtml(inlines) {
    return (inlines || []).map(function (r) {
      var h = escapeHtml(r.text);
      var marks = r.marks || [];
      if (marks.indexOf('em') >= 0) h = '<em>' + h + '</em>';
      if (marks.indexOf('strong') >= 0) h = '<strong>' + h + '</strong>';
      if (r.href) h = '<a href="' + escapeHtml(r.href) + '">' + h + '</a>';
      return h;
    }).join('');
  }

  // --- Berlin wall-clock time <-> ISO 8601 with offset --------------------

  /** @type {Intl.DateTimeFormat | null} */
  var berlinFmt = null;
  /**
   * The parts of an instant's Berlin wall-clock time (two digits but the year).
   * @param {number} ms
   * @returns {Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>} (the format asks for each of them)
   */
  function berlinFields(ms) {
    berlinFmt = berlinFmt || new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    /** @type {Record<string, string>} */
    var o = {};
    berlinFmt.formatToParts(new Date(ms)).forEach(function (p) { o[p.type] = p.value; });
    return /** @type {Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>} */ (o);
  }
  /** @param {number} n */
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  /** @param {number} ms */
  function offsetMinutesAt(ms) {
    var f = berlinFields(ms);
    var asUtc = Date.UTC(+f.year, +f.month - 1, +f.day, +f.hour, +f.minute, +f.second);
    return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
  }
  /** @param {number} min */
  function offsetString(min) {
    var sign = min < 0 ? '-' : '+';
    var a = Math.abs(min);
    return sign + pad(Math.floor(a / 60)) + ':' + pad(a % 60);
  }

  /**
   * "2026-11-25T14:30" (Berlin) → "2026-11-25T14:30:00+01:00"; undefined for an empty or broken value.
   * @param {string | null | undefined} local
   * @returns {string | undefined}
   */
  function berlinLocalToIso(local) {
    var match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(String(local || ''));
    if (!match) return undefined;
    // Every group of the pattern takes part in a match.
    var m = /** @type {[string, string, string, string, string, string]} */ (/** @type {unknown} */ (match));
    var wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
    var off = offsetMinutesAt(wall - 60 * 60000);
    off = offsetMinutesAt(wall - off * 60000);
    return m[1] + '-' + m[2] + '-' + m[3] + 'T' + m[4] + ':' + m[5] + ':00' + offsetString(off);
  }

  /** ISO time → the value of a datetime-local field in Berlin time ("2026-11-25T14:30"). */
  /** @param {string | null | undefined} iso */
  function isoToBerlinLocal(iso) {
    var ms = Date.parse(iso || '');
    if (!isFinite(ms)) return '';
    var f = berlinFields(ms);
    return f.year + '-' + f.month + '-' + f.day + 'T' + f.hour + ':' + f.minute;
  }

  /** Berlin time of an instant, for people: "25.11.2026, 14:30". */
  /** @param {string | null | undefined} iso */
  function formatBerlin(iso) {
    var ms = Date.parse(iso || '');
    if (!isFinite(ms)) return '';
    var f = berlinFields(ms);
    return f.day + '.' + f.month + '.' + f.year + ', ' + f.hour + ':' + f.minute;
  }

  // --- Merging ------------------------------------------------------------

  var SERVER_FIELDS = ['id', 'status', 'version', 'createdAt', 'modifiedAt', 'scheduledPublishAt', 'scheduledDepublishAt', 'depublishedAt', 'corrections', 'ownerId', 'modifiedBy', 'ownerName', 'modifiedByName'];

  /** An object's fields by name, for code that walks them generically. @param {object} o */
  function fieldsOf(o) { return /** @type {Record<string, unknown>} */ (o); }

  /**
   * The editable part of a stored story (what a save sends).
   * @param {StoryView | StoryDraft | null | undefined} story
   * @returns {StoryDraft}
   */
  function draftOf(story) {
    /** @type {Record<string, unknown>} */
    var d = {};
    var all = fieldsOf(story || {});
    Object.keys(all).forEach(function (k) { if (SERVER_FIELDS.indexOf(k) < 0) d[k] = all[k]; });
    return /** @type {StoryDraft} */ (/** @type {unknown} */ (d));
  }

  /** Stable JSON (keys sorted) for comparing values. @param {unknown} value @returns {string} */
  function canon(value) {
    if (value === undefined) return 'undefined';
    if (Array.isArray(value)) return '[' + value.map(canon).join(',') + ']';
    if (value && typeof value === 'object') {
      var v = fieldsOf(value);
      return '{' + Object.keys(v).filter(function (k) { return v[k] !== undefined && v[k] !== ''; }).sort().map(function (k) { return JSON.stringify(k) + ':' + canon(v[k]); }).join(',') + '}';
    }
    return JSON.stringify(value);
  }
  /** Whether two values are the same, all empty values (none, "", []) alike. @param {unknown} a @param {unknown} b */
  function same(a, b) {
    var empty = /** @param {unknown} v */ function (v) { return v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length); };
    if (empty(a) && empty(b)) return true;
    return canon(a) === canon(b);
  }

  /**
   * Lines up two block lists: runs both share, and in between "hunks" of
   * blocks only one side has (or both changed). Each hunk row pairs
   * theirs[k] with mine[k], either possibly missing.
   * @template T
   * @param {T[]} theirs
   * @param {T[]} mine
   * @returns {AlignRow<T>[]}
   */
  function alignBlocks(theirs, mine) {
    var a = theirs.map(canon);
    var b = mine.map(canon);
    var n = a.length, m = b.length;
    // L[i][j]: length of the longest common run of a[i…] and b[j…]; read through lcs(), since every index used is inside the table.
    /** @type {number[][]} */
    var L = [];
    for (var i = 0; i <= n; i++) { L.push(new Array(m + 1).fill(0)); }
    /** @param {number} x @param {number} y */
    var lcs = function (x, y) { return /** @type {number} */ (/** @type {number[]} */ (L[x])[y]); };
    for (i = n - 1; i >= 0; i--) for (var j = m - 1; j >= 0; j--) /** @type {number[]} */ (L[i])[j] = a[i] === b[j] ? lcs(i + 1, j + 1) + 1 : Math.max(lcs(i + 1, j), lcs(i, j + 1));
    /** @typedef {{ kind: 'change', theirs: T[], mine: T[] }} Hunk */
    /** @type {({ kind: 'same', block: T } | Hunk)[]} */
    var out = [];
    /** @type {Hunk | null} */
    var hunk = null;
    i = 0; j = 0;
    /** The hunk being filled, opened when there is none. @returns {Hunk} */
    function open() { if (!hunk) { hunk = { kind: 'change', theirs: [], mine: [] }; out.push(hunk); } return hunk; }
    // Inside the loop j < m where mine[j] is read and i < n where theirs[i] is.
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) { hunk = null; out.push({ kind: 'same', block: /** @type {T} */ (mine[j]) }); i++; j++; }
      else if (j < m && (i >= n || lcs(i, j + 1) >= lcs(i + 1, j))) { open().mine.push(/** @type {T} */ (mine[j])); j++; }
      else { open().theirs.push(/** @type {T} */ (theirs[i])); i++; }
    }
    /** @type {AlignRow<T>[]} */
    var rows = [];
    out.forEach(function (h) {
      if (h.kind === 'same') { rows.push(h); return; }
      var k = Math.max(h.theirs.length, h.mine.length);
      for (var r = 0; r < k; r++) rows.push({ kind: 'change', theirs: h.theirs[r], mine: h.mine[r] });
    });
    return rows;
  }

  /** Fields (other than body) whose values differ. @param {StoryDraft} theirDraft @param {StoryDraft} myDraft */
  function differingFields(theirDraft, myDraft) {
    var theirs = fieldsOf(theirDraft), mine = fieldsOf(myDraft);
    /** @type {Record<string, 1>} */
    var keys = {};
    Object.keys(theirs).concat(Object.keys(mine)).forEach(function (k) { if (k !== 'body') keys[k] = 1; });
    return Object.keys(keys).filter(function (k) { return !same(theirs[k], mine[k]); });
  }

  /**
   * Builds the merged draft: `fieldChoice[key]` and `rowChoice[i]` are
   * 'mine' or 'theirs' (default 'mine').
   * @param {StoryDraft} theirDraft
   * @param {StoryDraft} myDraft
   * @param {Record<string, Side>} fieldChoice
   * @param {Record<number, Side>} rowChoice
   * @returns {StoryDraft}
   */
  function mergeDrafts(theirDraft, myDraft, fieldChoice, rowChoice) {
    var theirs = fieldsOf(theirDraft), mine = fieldsOf(myDraft);
    /** @type {Record<string, unknown>} */
    var out = {};
    /** @type {Record<string, 1>} */
    var keys = {};
    Object.keys(theirs).concat(Object.keys(mine)).forEach(function (k) { keys[k] = 1; });
    Object.keys(keys).forEach(function (k) {
      if (k === 'body') return;
      var v = (fieldChoice[k] || 'mine') === 'theirs' ? theirs[k] : mine[k];
      if (v !== undefined) out[k] = v;
    });
    /** @type {Block[]} */
    var body = [];
    alignBlocks(theirDraft.body || [], myDraft.body || []).forEach(function (row, i) {
      if (row.kind === 'same') { body.push(row.block); return; }
      var pickSide = (rowChoice[i] || 'mine') === 'theirs' ? row.theirs : row.mine;
      if (pickSide) body.push(pickSide);
    });
    out.body = body;
    return /** @type {StoryDraft} */ (/** @type {unknown} */ (out));
  }

  /** One line of plain text describing a block (merge view, screen readers). @param {Block | null | undefined} b @returns {string} */
  function blockSummary(b) {
    if (!b) return '';
    switch (b.type) {
      case 'paragraph': return plain(b.content || []);
      case 'heading': return b.text;
      case 'figure': return [b.alt, b.caption, b.src || (b.assetId ? '#' + b.assetId.slice(0, 8) : '')].filter(Boolean).join(' · ');
      case 'quote': return '„' + b.text + '“' + (b.speaker ? ' – ' + b.speaker : '');
      case 'list': return (b.items || []).map(function (it) { return '• ' + plain(it); }).join(' ');
      case 'embed': return [b.title, b.url].filter(Boolean).join(' · ');
      case 'ticker-entry': return [formatBerlin(b.time), b.title, (b.body || []).map(blockSummary).join(' ')].filter(Boolean).join(' · ');
      case 'box': return [b.heading, (b.body || []).map(blockSummary).join(' ')].filter(Boolean).join(' · ');
      default: return canon(b);
    }
  }

  // --- Pictures from the media library ---------------------------------------

  /**
   * A figure (lead or figure block) showing the library picture `assetId`:
   * alt text, caption and kind stay the figure's own (per use); its own
   * address, size and credit go, since the picture and its credit now come
   * from the library. The figure itself is left as it was.
   * @template {Figure} F
   * @param {F} fig
   * @param {string} assetId
   * @returns {F}
   */
  function withAsset(fig, assetId) {
    /** @type {Record<string, unknown>} */
    var out = {};
    var own = fieldsOf(fig || {});
    Object.keys(own).forEach(function (k) {
      if (k !== 'src' && k !== 'width' && k !== 'height' && k !== 'credit' && k !== 'assetId') out[k] = own[k];
    });
    if (!out.kind) out.kind = 'image';
    if (typeof out.alt !== 'string') out.alt = '';
    out.assetId = assetId;
    return /** @type {F} */ (out);
  }

  /**
   * Every library picture a draft names (lead, body figures also inside ticker entries, related teasers, author images), each once.
   * @param {StoryDraft | null | undefined} d
   */
  function assetIdsOf(d) {
    /** @type {string[]} */
    var ids = [];
    var add = /** @param {Figure | undefined} f */ function (f) { if (f && f.assetId && ids.indexOf(f.assetId) < 0) ids.push(f.assetId); };
    add(d ? d.lead : undefined);
    var walk = /** @param {Block[] | undefined} blocks */ function (blocks) {
      (blocks || []).forEach(function (b) { if (b.type === 'figure') add(b); if (b.type === 'ticker-entry') walk(b.body); });
    };
    walk(d ? d.body : undefined);
    ((d && d.related) || []).forEach(function (r) { add(r.image); });
    ((d && d.authors) || []).forEach(function (a) { add(a.image); });
    return ids;
  }

  // --- Durations of related items ("2:34", "1:02:03") ------------------------

  /**
   * "m:ss" or "h:mm:ss" (a trailing "min" is allowed) → seconds, 1 to 86400;
   * undefined for an empty field, null for anything else (never a guess).
   * @param {unknown} text
   * @returns {number | null | undefined}
   */
  function parseDuration(text) {
    var t = String(text == null ? '' : text).trim().replace(/\s*min\.?$/i, '');
    if (!t) return undefined;
    var m = /^(\d{1,4}):([0-5]\d)$/.exec(t);
    var h = /^(\d{1,2}):([0-5]\d):([0-5]\d)$/.exec(t);
    var secs = m ? Number(m[1]) * 60 + Number(m[2]) : h ? Number(h[1]) * 3600 + Number(h[2]) * 60 + Number(h[3]) : NaN;
    if (!isFinite(secs) || secs < 1 || secs > 86400) return null;
    return secs;
  }

  /** Seconds → what the duration field shows: 154 → "2:34", 3723 → "1:02:03"; "" for none. @param {unknown} secs */
  function durationText(secs) {
    if (typeof secs !== 'number' || !isFinite(secs) || secs < 0) return '';
    var s = Math.round(secs);
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var r = s % 60;
    return h ? h + ':' + pad(m) + ':' + pad(r) : m + ':' + pad(r);
  }

  var api = {
    withAsset: withAsset,
    parseDuration: parseDuration,
    durationText: durationText,
    assetIdsOf: assetIdsOf,
    blocksFromHtml: blocksFromHtml,
    blocksFromNode: blocksFromNode,
    blocksFromText: blocksFromText,
    inlinesOf: inlinesOf,
    inlinesToHtml: inlinesToHtml,
    normalizeInlines: normalizeInlines,
    safeHref: safeHref,
    escapeHtml: escapeHtml,
    berlinLocalToIso: berlinLocalToIso,
    isoToBerlinLocal: isoToBerlinLocal,
    formatBerlin: formatBerlin,
    draftOf: draftOf,
    canon: canon,
    same: same,
    alignBlocks: alignBlocks,
    differingFields: differingFields,
    mergeDrafts: mergeDrafts,
    blockSummary: blockSummary,
    plainText: plain,
  };
  return api;
})();
