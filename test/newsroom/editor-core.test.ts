/**
 * The editor's pure logic (assets/newsroom/editor-core.js): paste cleaning,
 * inline serialization, Berlin times and merging. It is browser code, so it
 * runs where it runs for editors: in Chromium, on a bare page. Each case is a
 * string evaluated in the page (the test's TypeScript transform would add
 * helpers the page does not have).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, missingChromium } from '../site/page-checkers.js';

const CORE = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../assets/newsroom/editor-core.js'), 'utf8');

describe('editor core in Chromium', { skip: missingChromium() }, () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html lang="de"><body></body></html>');
    await page.evaluate(CORE);
  });
  after(async () => {
    await browser?.close();
  });

  /** Calls LedeCore.<fn>(...args) in the page; args travel as JSON. */
  const call = async (fn: string, ...args: unknown[]): Promise<unknown> =>
    page.evaluate(`LedeCore.${fn}(...${JSON.stringify(args)})`);

  test('a web page: headings, marks, safe links only, lists, figure with caption, quote with speaker; scripts, styles and tables\' markup gone', async () => {
    const html = `<div class="article" style="color:red"><h1>Titel</h1><h4>Unter</h4>
      <p>Text <strong>fett</strong> und <em>kursiv</em>, <a href="javascript:alert(1)">böse</a> und <a href="/intern">intern</a>.</p>
      <ul><li>A</li><li>B <b>C</b></li></ul><ol><li>eins</li></ol>
      <figure><img src="https://example.org/y.jpg" alt="Ein Bild"><figcaption>Die Unterschrift</figcaption></figure>
      <blockquote><p>Zitat hier</p><footer>— Die Sprecherin</footer></blockquote>
      <script>alert(1)</script><style>p{color:red}</style><table><tr><td>Zelle</td></tr></table></div>`;
    assert.deepEqual(await call('blocksFromHtml', html), [
      { type: 'heading', level: 2, text: 'Titel' },
      { type: 'heading', level: 3, text: 'Unter' },
      { type: 'paragraph', content: [
        { text: 'Text ' }, { text: 'fett', marks: ['strong'] }, { text: ' und ' }, { text: 'kursiv', marks: ['em'] },
        { text: ', böse und ' }, { text: 'intern', href: '/intern' }, { text: '.' },
      ] },
      { type: 'list', ordered: false, items: [[{ text: 'A' }], [{ text: 'B ' }, { text: 'C', marks: ['strong'] }]] },
      { type: 'list', ordered: true, items: [[{ text: 'eins' }]] },
      { type: 'figure', kind: 'image', alt: 'Ein Bild', src: 'https://example.org/y.jpg', caption: 'Die Unterschrift' },
      { type: 'quote', text: 'Zitat hier', speaker: 'Die Sprecherin' },
      { type: 'paragraph', content: [{ text: 'Zelle' }] },
    ]);
  });

  test('Word: mso markup, o:p, list paragraphs with their bullets and numbers, empty paragraphs', async () => {
    const html = `<p class=MsoNormal style='mso-margin-top-alt:auto'><span style='font-family:Arial'>Erster <b>fetter</b> Absatz<o:p></o:p></span></p>
      <p class=MsoNormal><o:p>&nbsp;</o:p></p>
      <p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>1.<span style='font:7pt "Times"'>&nbsp;&nbsp;</span></span>Eins<o:p></o:p></p>
      <p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>2.<span style='font:7pt "Times"'>&nbsp;&nbsp;</span></span>Zwei<o:p></o:p></p>
      <p class=MsoNormal><span style='mso-bidi-font-weight:bold'>Danach.</span></p>`;
    assert.deepEqual(await call('blocksFromHtml', html), [
      { type: 'paragraph', content: [{ text: 'Erster ' }, { text: 'fetter', marks: ['strong'] }, { text: ' Absatz' }] },
      { type: 'list', ordered: true, items: [[{ text: 'Eins' }], [{ text: 'Zwei' }]] },
      { type: 'paragraph', content: [{ text: 'Danach.' }] },
    ]);
  });

  test('Google Docs: the outer <b style="font-weight:normal"> is not bold; bold spans are', async () => {
    const html = '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr"><span style="font-weight:700">Fett</span><span style="font-weight:400"> normal</span><span style="font-style:italic"> schräg</span></p></b>';
    assert.deepEqual(await call('blocksFromHtml', html), [
      { type: 'paragraph', content: [{ text: 'Fett', marks: ['strong'] }, { text: ' normal' }, { text: ' schräg', marks: ['em'] }] },
    ]);
  });

  test('plain text: paragraphs on blank lines, single line breaks become spaces', async () => {
    assert.deepEqual(await call('blocksFromText', 'Erster Absatz\r\nzweite Zeile\r\n\r\n\r\n  Zweiter   Absatz \n \n'), [
      { type: 'paragraph', content: [{ text: 'Erster Absatz zweite Zeile' }] },
      { type: 'paragraph', content: [{ text: 'Zweiter Absatz' }] },
    ]);
    assert.deepEqual(await call('blocksFromText', ' \n\n '), []);
  });

  test('inline serialization: nested marks, joined runs, escaping both ways', async () => {
    const runs = await page.evaluate(`(() => {
      const d = document.createElement('div');
      d.innerHTML = '<strong><em>beides</em></strong><b>fett</b><strong>er</strong> <a href="https://example.org/?a=1&amp;b=2"><i>Link</i></a> &lt;tag&gt;';
      return LedeCore.inlinesOf(d);
    })()`);
    assert.deepEqual(runs, [
      { text: 'beides', marks: ['strong', 'em'] },
      { text: 'fetter', marks: ['strong'] },
      { text: ' ' },
      { text: 'Link', marks: ['em'], href: 'https://example.org/?a=1&b=2' },
      { text: ' <tag>' },
    ]);
    const html = await call('inlinesToHtml', runs);
    assert.equal(html, '<strong><em>beides</em></strong><strong>fetter</strong> <a href="https://example.org/?a=1&amp;b=2"><em>Link</em></a> &lt;tag&gt;');
    // And back: the same runs.
    assert.deepEqual(await page.evaluate(`(() => { const d = document.createElement('div'); d.innerHTML = ${JSON.stringify(html)}; return LedeCore.inlinesOf(d); })()`), runs);
  });

  test('Berlin wall-clock times: winter, summer and the spring-forward gap', async () => {
    assert.equal(await call('berlinLocalToIso', '2026-12-01T12:00'), '2026-12-01T12:00:00+01:00');
    assert.equal(await call('berlinLocalToIso', '2026-07-01T12:00'), '2026-07-01T12:00:00+02:00');
    assert.equal(await call('berlinLocalToIso', '2026-03-29T01:30'), '2026-03-29T01:30:00+01:00');
    assert.equal(await call('berlinLocalToIso', '2026-03-29T04:00'), '2026-03-29T04:00:00+02:00');
    assert.equal(await call('berlinLocalToIso', ''), undefined);
    assert.equal(await call('isoToBerlinLocal', '2026-11-25T13:30:00Z'), '2026-11-25T14:30');
    assert.equal(await call('isoToBerlinLocal', '2026-07-01T10:00:00Z'), '2026-07-01T12:00');
  });

  test('merging: blocks lined up, chosen per row, fields chosen per field', async () => {
    const p = (text: string) => ({ type: 'paragraph', content: [{ text }] });
    const theirs = { headline: 'Ihre', teaser: 'gleich', body: [p('A'), p('B'), p('C')] };
    const mine = { headline: 'Meine', teaser: 'gleich', body: [p('A'), p('B2'), p('C'), p('D')] };
    const rows = await call('alignBlocks', theirs.body, mine.body) as Array<{ kind: string; theirs?: unknown; mine?: unknown }>;
    assert.deepEqual(rows.map((r) => r.kind), ['same', 'change', 'same', 'change']);
    assert.deepEqual([rows[1]!.theirs, rows[1]!.mine], [p('B'), p('B2')]);
    assert.deepEqual([rows[3]!.theirs, rows[3]!.mine], [undefined, p('D')]);
    assert.deepEqual(await call('differingFields', theirs, mine), ['headline']);
    assert.deepEqual(await call('mergeDrafts', theirs, mine, { headline: 'theirs' }, { 1: 'theirs' }),
      { headline: 'Ihre', teaser: 'gleich', body: [p('A'), p('B'), p('C'), p('D')] });
    assert.deepEqual(await call('mergeDrafts', theirs, mine, {}, {}), mine);
    assert.deepEqual(await call('mergeDrafts', theirs, mine, { headline: 'theirs' }, { 1: 'theirs', 3: 'theirs' }), theirs);
  });

  test('a library picture in a figure: alt and caption stay, address, size and credit go; every picture a draft names', async () => {
    const id = '0d6c5f1e-1111-4222-8333-444455556666';
    const block = { type: 'figure', kind: 'graphic', alt: 'Karte', caption: 'Die Lage', credit: 'MDR', src: '/karte.png', width: 800, height: 450 };
    assert.deepEqual(await call('withAsset', block, id), { type: 'figure', kind: 'graphic', alt: 'Karte', caption: 'Die Lage', assetId: id });
    assert.deepEqual(await call('withAsset', null, id), { kind: 'image', alt: '', assetId: id });
    assert.deepEqual(await call('withAsset', { kind: 'image', alt: 'x', assetId: 'old' }, id), { kind: 'image', alt: 'x', assetId: id });
    const other = '0d6c5f1e-1111-4222-8333-777788889999';
    assert.deepEqual(await call('assetIdsOf', {
      lead: { kind: 'image', alt: '', assetId: id },
      body: [{ type: 'figure', kind: 'image', alt: '', assetId: other }, { type: 'ticker-entry', body: [{ type: 'figure', kind: 'image', alt: '', assetId: id }] }],
      related: [{ title: 'a', image: { kind: 'image', alt: '', src: '/x.jpg' } }],
      authors: [{ name: 'A', image: { kind: 'image', alt: '', assetId: other } }],
    }), [id, other]);
    assert.equal(await call('blockSummary', { type: 'figure', kind: 'image', alt: 'Deich', assetId: id }), 'Deich · #0d6c5f1e');
  });

  test('durations of related items: m:ss and h:mm:ss both ways; anything else is refused, not guessed', async () => {
    const parse = async (s: string) => page.evaluate(`(() => { const v = LedeCore.parseDuration(${JSON.stringify(s)}); return v === undefined ? 'none' : v; })()`);
    assert.equal(await parse('2:34'), 154);
    assert.equal(await parse(' 1:00 '), 60);
    assert.equal(await parse('1:00 min'), 60);
    assert.equal(await parse('1:02:03'), 3723);
    assert.equal(await parse('90:00'), 5400);
    assert.equal(await parse(''), 'none');
    assert.equal(await parse('   '), 'none');
    for (const bad of ['zwei Minuten', '2:3', '2:60', '0:00', '25:00:00', '154', '2,34', '-1:00', '1:2:3']) {
      assert.equal(await parse(bad), null, bad);
    }
    assert.equal(await call('durationText', 154), '2:34');
    assert.equal(await call('durationText', 60), '1:00');
    assert.equal(await call('durationText', 3723), '1:02:03');
    assert.equal(await call('durationText', null), '');
  });

  test('related items are one field in the merge: compared whole, taken from one side', async () => {
    const a = [{ title: 'Video', mediaType: 'video', durationSeconds: 154, url: '/politik/v' }];
    const b = [{ title: 'Video', mediaType: 'video', durationSeconds: 155, url: '/politik/v' }];
    const theirs = { headline: 'H', related: a, body: [] };
    const mine = { headline: 'H', related: b, body: [] };
    assert.deepEqual(await call('differingFields', theirs, mine), ['related']);
    assert.deepEqual(await call('differingFields', theirs, { headline: 'H', related: a, body: [] }), []);
    assert.deepEqual(await call('differingFields', { headline: 'H', related: [], body: [] }, { headline: 'H', body: [] }), []);
    assert.deepEqual(((await call('mergeDrafts', theirs, mine, { related: 'theirs' }, {})) as { related: unknown }).related, a);
    assert.deepEqual(((await call('mergeDrafts', theirs, mine, {}, {})) as { related: unknown }).related, b);
  });
});
