import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LIMITS, type Block, type Inline } from '../../src/content/types.js';
import { validateDraft } from '../../src/content/validate.js';
import { htmlToBlocks, htmlToBox, htmlToText } from '../../src/ingest/agency/html-blocks.js';

/** The blocks must always pass the story model's own validation. */
function valid(blocks: Block[]): void {
  const r = validateDraft({ headline: 'Test', body: blocks });
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.issues));
}

function text(runs: Inline[]): string {
  return runs.map((r) => r.text).join('');
}

function allText(blocks: Block[]): string {
  return JSON.stringify(blocks);
}

describe('agency HTML → blocks: the allowlist', () => {
  test('paragraphs, headings, lists, quotes with marks and links', () => {
    const { blocks, warnings } = htmlToBlocks(
      '<section class="main"><p>Erster <strong>fetter</strong> und <em>kursiver</em> Satz mit <a href="https://www.mdr.de/x">Link</a>.</p>'
      + '<h2>Zwischentitel</h2><h3>Unterpunkt</h3><ul><li>eins</li><li><b>zwei</b></li></ul><ol><li>erstens</li></ol>'
      + '<blockquote><p>Ein Zitat.</p><p>Zweiter Absatz.</p></blockquote></section>',
    );
    assert.deepEqual(warnings, []);
    assert.deepEqual(blocks, [
      { type: 'paragraph', content: [
        { text: 'Erster ' }, { text: 'fetter', marks: ['strong'] }, { text: ' und ' }, { text: 'kursiver', marks: ['em'] },
        { text: ' Satz mit ' }, { text: 'Link', href: 'https://www.mdr.de/x' }, { text: '.' },
      ] },
      { type: 'heading', level: 2, text: 'Zwischentitel' },
      { type: 'heading', level: 3, text: 'Unterpunkt' },
      { type: 'list', ordered: false, items: [[{ text: 'eins' }], [{ text: 'zwei', marks: ['strong'] }]] },
      { type: 'list', ordered: true, items: [[{ text: 'erstens' }]] },
      { type: 'quote', text: 'Ein Zitat.\n\nZweiter Absatz.' },
    ]);
    valid(blocks);
  });

  test('nested marks come out in one order; b/i are strong/em', () => {
    const { blocks } = htmlToBlocks('<p><i><b>beides</b></i> <b><i>auch</i></b><b><i> hier</i></b></p>');
    // The space between them is not marked; runs of the same marks that touch are merged.
    assert.deepEqual(blocks, [{ type: 'paragraph', content: [
      { text: 'beides', marks: ['em', 'strong'] }, { text: ' ' }, { text: 'auch hier', marks: ['em', 'strong'] },
    ] }]);
  });

  test('h1 and h4–h6 become h2/h3 and say so', () => {
    const { blocks, warnings } = htmlToBlocks('<h1>Eins</h1><h4>Vier</h4><h6>Sechs</h6>');
    assert.deepEqual(blocks.map((b) => b.type === 'heading' && b.level), [2, 3, 3]);
    assert.ok(warnings.includes('read <h1> as <h2>'));
    assert.ok(warnings.includes('read <h4> as <h3>'));
    assert.ok(warnings.includes('read <h6> as <h3>'));
  });

  test('<br> in a paragraph splits it into lines; in a list item it is a space', () => {
    const { blocks } = htmlToBlocks('<p>Dienstag:<br/>A - B 1:2<br>C - D 0:0</p><ul><li>mit<br/>Umbruch</li></ul>');
    assert.deepEqual(blocks.slice(0, 3).map((b) => b.type === 'paragraph' && text(b.content)), ['Dienstag:', 'A - B 1:2', 'C - D 0:0']);
    assert.deepEqual(blocks[3], { type: 'list', ordered: false, items: [[{ text: 'mit Umbruch' }]] });
  });

  test('nested lists are flattened behind their parent item', () => {
    const { blocks, warnings } = htmlToBlocks('<ul><li>Bilder:<ul><li>Herbst</li><li>Winter</li></ul></li><li>Ende</li></ul>');
    assert.deepEqual(blocks, [{ type: 'list', ordered: false, items: [[{ text: 'Bilder:' }], [{ text: 'Herbst' }], [{ text: 'Winter' }], [{ text: 'Ende' }]] }]);
    assert.ok(warnings.includes('flattened 1 nested list'));
  });

  test('tables, images, iframes and unknown elements are dropped and counted by tag', () => {
    const { blocks, warnings } = htmlToBlocks(
      '<p>Vorher</p><table><tr><td>A</td></tr></table><figure class="table"><table><tr><td>B</td></tr></table></figure>'
      + '<p>Bild <img src="x.jpg" alt="y"> hier</p><iframe src="https://evil.example/"></iframe><dnl-image ref="urn:x"></dnl-image><p>Nachher</p>',
    );
    assert.deepEqual(blocks.map((b) => b.type === 'paragraph' && text(b.content)), ['Vorher', 'Bild hier', 'Nachher']);
    assert.ok(warnings.includes('dropped 2 <table>'), warnings.join('|'));
    assert.ok(warnings.includes('dropped 1 <img>'));
    assert.ok(warnings.includes('dropped 1 <iframe>'));
    assert.ok(warnings.includes('dropped 1 <dnl-image>'));
    assert.doesNotMatch(allText(blocks), /\bA\b|"B"/);
  });

  test('text of span and other inline tags is kept; unknown ones are named', () => {
    const { blocks, warnings } = htmlToBlocks('<p><span class="x">Text</span> in <marquee>Laufschrift</marquee></p>');
    assert.deepEqual(blocks, [{ type: 'paragraph', content: [{ text: 'Text in Laufschrift' }] }]);
    assert.deepEqual(warnings, ['kept only the text of 1 <marquee>']);
  });

  test("dpa's embeds become embed blocks (links on the page), only for http(s) sources", () => {
    const { blocks } = htmlToBlocks(
      '<dnl-youtubeembed src="https://www.youtube-nocookie.com/embed/abc"></dnl-youtubeembed>'
      + '<dnl-twitterembed src="javascript:alert(1)"></dnl-twitterembed>',
    );
    assert.deepEqual(blocks, [{ type: 'embed', url: 'https://www.youtube-nocookie.com/embed/abc', provider: 'YouTube' }]);
  });

  test('text straight in a container becomes a paragraph; empty paragraphs go', () => {
    const { blocks } = htmlToBlocks('<div>Lose <b>Text</b></div><p></p><p>  \u00a0 </p><p>Ende</p>');
    assert.deepEqual(blocks.map((b) => b.type === 'paragraph' && text(b.content)), ['Lose Text', 'Ende']);
  });

  test('whitespace is collapsed, entities decoded, no-break spaces kept', () => {
    const { blocks } = htmlToBlocks('<p>  Tom &amp; Jerry\n\t sagen &laquo;Hallo&raquo; &#8211; 5&nbsp;km  </p>');
    assert.deepEqual(blocks, [{ type: 'paragraph', content: [{ text: 'Tom & Jerry sagen «Hallo» – 5\u00a0km' }] }]);
  });

  test('empty and non-HTML input give no blocks and never throw', () => {
    assert.deepEqual(htmlToBlocks(''), { blocks: [], warnings: [] });
    assert.deepEqual(htmlToBlocks('   '), { blocks: [], warnings: [] });
    assert.deepEqual(htmlToBlocks(undefined as unknown as string), { blocks: [], warnings: [] });
    assert.deepEqual(htmlToBlocks('nur Text').blocks, [{ type: 'paragraph', content: [{ text: 'nur Text' }] }]);
    assert.doesNotThrow(() => htmlToBlocks('<p><b><i><<<>>></p></div></section><!-- x'));
  });
});

describe('agency HTML → blocks: hostile input', () => {
  test('script and style content never survives, attributes never reach a block', () => {
    const { blocks, warnings } = htmlToBlocks(
      '<p onclick="steal()" style="color:red">Hallo<script>alert("x")</script><style>p{}</style></p>'
      + '<script>document.cookie</script><p><img src=x onerror="alert(1)">Welt</p><svg><script>alert(2)</script></svg>',
    );
    assert.deepEqual(blocks.map((b) => b.type === 'paragraph' && text(b.content)), ['Hallo', 'Welt']);
    const json = allText(blocks);
    for (const bad of ['alert', 'cookie', 'onclick', 'onerror', 'steal', 'color:red', 'p{}']) assert.ok(!json.includes(bad), bad);
    assert.ok(warnings.includes('dropped 2 <script>'));
    assert.ok(warnings.includes('dropped 1 <style>'));
  });

  test('only http(s) links are kept; the text of others stays', () => {
    const { blocks, warnings } = htmlToBlocks(
      '<p><a href="javascript:alert(1)">a</a> <a href=" JaVaScRiPt:alert(1)">b</a> <a href="java&#x09;script:x">c</a> '
      + '<a href="data:text/html,<script>x</script>">d</a> <a href="mailto:x@y.de">e</a> <a href="/relativ">f</a> '
      + '<a href="vbscript:x">g</a> <a href="HTTPS://ok.example/p?q=1">h</a></p>',
    );
    assert.equal(blocks.length, 1);
    const runs = blocks[0]!.type === 'paragraph' ? blocks[0]!.content : [];
    assert.equal(text(runs), 'a b c d e f g h');
    assert.deepEqual(runs.filter((r) => r.href).map((r) => [r.text, r.href]), [['h', 'https://ok.example/p?q=1']]);
    assert.ok(warnings.includes('removed 7 links that were not http(s) (text kept)'), warnings.join('|'));
    valid(blocks);
  });

  test('text is NFC: a decomposed umlaut is the same text as a composed one', () => {
    const { blocks } = htmlToBlocks('<p>Gru\u0308ße aus Ko\u0308ln und A\u030a</p>');
    assert.deepEqual(blocks, [{ type: 'paragraph', content: [{ text: 'Grüße aus Köln und Å' }] }]);
  });

  test('NUL, control characters and lone surrogates are removed; pairs stay', () => {
    const { blocks } = htmlToBlocks('<p>A\u0000B\u0007C \ud800D\udc00E 😀</p><h2>Titel\u0000</h2>');
    assert.deepEqual(blocks, [
      { type: 'paragraph', content: [{ text: 'ABC DE 😀' }] },
      { type: 'heading', level: 2, text: 'Titel' },
    ]);
    valid(blocks);
  });

  test('a paragraph over the text limit is split, a heading over the headline limit becomes a paragraph', () => {
    const long = 'Wort '.repeat(LIMITS.inlineText / 2);
    const { blocks, warnings } = htmlToBlocks(`<p>${long}</p><h2>${'H'.repeat(LIMITS.headline + 5)}</h2>`);
    assert.ok(blocks.length >= 3);
    assert.ok(blocks.every((b) => b.type === 'paragraph'));
    assert.ok(warnings.some((w) => w.includes('became a paragraph')));
    valid(blocks);
  });

  test('more blocks than a story may have are cut, with a warning', () => {
    const { blocks, warnings } = htmlToBlocks('<p>x</p>'.repeat(LIMITS.blocks + 10));
    assert.equal(blocks.length, LIMITS.blocks);
    assert.ok(warnings.some((w) => w.startsWith(`kept the first ${LIMITS.blocks} blocks`)));
  });

  test('deeply nested markup does not overflow: past 200 levels it is read as plain text', () => {
    const shallow = '<div>'.repeat(150) + '<p>flach</p>' + '</div>'.repeat(150);
    assert.deepEqual(htmlToBlocks(shallow), { blocks: [{ type: 'paragraph', content: [{ text: 'flach' }] }], warnings: [] });
    const deep = '<div>'.repeat(100000) + '<p>tief <b>unten</b></p><script>x()</script>' + '</div>'.repeat(100000);
    const r = htmlToBlocks(deep);
    assert.deepEqual(r.blocks, [{ type: 'paragraph', content: [{ text: 'tief unten' }] }]);
    assert.deepEqual(r.warnings, ['markup nested deeper than 200 levels was read as plain text']);
    const inline = '<b>'.repeat(50000) + 'fett' + '</b>'.repeat(50000);
    assert.deepEqual(htmlToBlocks(inline).blocks, [{ type: 'paragraph', content: [{ text: 'fett', marks: ['strong'] }] }]);
  });
});

describe('agency boxes', () => {
  test('a leading heading becomes the box heading', () => {
    const { box } = htmlToBox('<section class="infobox"><h3>Zahlen</h3><ul><li>1</li></ul></section>', 'infobox');
    assert.deepEqual(box, { role: 'infobox', heading: 'Zahlen', blocks: [{ type: 'list', ordered: false, items: [[{ text: '1' }]] }] });
  });

  test('a bold first line also counts as the heading', () => {
    const { box } = htmlToBox('<p><strong>Hintergrund</strong></p><p>Text.</p>', 'infobox');
    assert.equal(box?.heading, 'Hintergrund');
    assert.equal(box?.blocks.length, 1);
  });

  test('a box without a heading keeps its blocks; an empty box is none', () => {
    const { box } = htmlToBox('<section class="linkbox"><ul><li><a href="https://dpaq.de/x">Quelle</a></li></ul></section>', 'linkbox');
    assert.equal(box?.heading, undefined);
    assert.deepEqual(box?.blocks, [{ type: 'list', ordered: false, items: [[{ text: 'Quelle', href: 'https://dpaq.de/x' }]] }]);
    assert.equal(htmlToBox('<section><ul></ul></section>', 'linkbox').box, undefined);
  });

  test('htmlToText gives lines, list items bulleted', () => {
    assert.equal(htmlToText('<h4>Kontakte</h4><ul><li>A</li><li>B</li></ul><p>Ende</p>'), 'Kontakte\n• A\n• B\nEnde');
    assert.equal(htmlToText('<ul></ul>'), undefined);
  });
});
