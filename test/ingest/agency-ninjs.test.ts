import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { validateDraft } from '../../src/content/validate.js';
import { ninjsVersion, readNinjs } from '../../src/ingest/agency/ninjs.js';
import { checkNinjs } from '../../src/ingest/agency/ninjs-rules.js';
import { WireRefusal, type WireItem } from '../../src/ingest/agency/wire-item.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// IPTC's schemas, suites and examples are read where they lie; Lede carries its own rules (ninjs-rules.ts).
const NINJS = path.resolve(root, '../shared/conformance/ninjs');
const SUITE = path.join(NINJS, 'validation/test_suite');
const skip = fs.existsSync(path.join(NINJS, 'specification')) ? false : '../shared/conformance/ninjs absent';
const FIXTURES = path.resolve(root, 'test/fixtures/agency');

type Doc = Record<string, unknown>;
type IptcVersion = '2.2' | '3.0' | '3.1';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
let schemas: Record<IptcVersion, ValidateFunction> | undefined;

/** The real IPTC schemas (with the GeoJSON schema they reference), compiled as IPTC's own suite runner does. */
function iptc(v: IptcVersion): ValidateFunction {
  if (!schemas) {
    const read = (f: string): Doc => JSON.parse(fs.readFileSync(f, 'utf8')) as Doc;
    const geo = read(path.join(SUITE, 'GeoJSON-schema.json'));
    const compile = (ver: IptcVersion): ValidateFunction => {
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      addFormats(ajv);
      ajv.addSchema(geo);
      return ajv.compile(read(path.join(NINJS, `specification/ninjs-schema_${ver}.json`)));
    };
    schemas = { '2.2': compile('2.2'), '3.0': compile('3.0'), '3.1': compile('3.1') };
  }
  return schemas[v];
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function json(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function refusal(doc: unknown): WireRefusal {
  try {
    readNinjs(doc);
  } catch (err) {
    assert.ok(err instanceof WireRefusal, `WireRefusal expected, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a refusal');
}

/** The headline a desk item must show: the main headline, else title, slugline, the caption's first line, or the uri. */
function expectedHeadline(doc: Doc): string {
  const hl = (doc.headlines as { role?: string; value: string }[] | undefined) ?? [];
  const caption = ((doc.descriptions as { role?: string; value: string }[] | undefined) ?? []).find((d) => d.role === 'caption')?.value.split('\n')[0];
  const v = hl.find((h) => h.role === 'main')?.value ?? hl[0]?.value ?? doc.headline ?? doc.title ?? doc.slugline ?? caption ?? doc.uri;
  return String(v).replace(/\s+/g, ' ').trim();
}

function assertTakeable(item: WireItem): void {
  const r = validateDraft({ headline: item.headline, teaser: item.teaser, byline: item.byline, body: item.body });
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.issues));
}

const rel = (f: string): string => path.relative(NINJS, f);

describe("ninjs: Lede's rules agree with IPTC's schemas", { skip }, () => {
  test('every suite document, example and documentation example gets the same verdict under 2.2, 3.0 and 3.1', () => {
    const files = [...walk(SUITE), ...walk(path.join(NINJS, 'examples')), ...walk(path.join(NINJS, 'documentation'))]
      .filter((f) => f.endsWith('.json') && !f.endsWith('GeoJSON-schema.json'));
    let compared = 0;
    let refused = 0;
    for (const f of files) {
      const doc = json(f);
      for (const v of ['2.2', '3.0', '3.1'] as const) {
        const theirs = iptc(v)(doc) as boolean;
        const mine = checkNinjs(doc, v);
        assert.equal(mine.length === 0, theirs, `${rel(f)} under ${v}: IPTC ${theirs ? 'accepts' : 'refuses'}, Lede ${mine.join('; ') || 'accepts'}`);
        compared++;
        if (!theirs) refused++;
      }
    }
    // Enough material that agreement means something, both ways.
    assert.ok(compared >= 300, `compared ${compared}`);
    assert.ok(refused >= 100 && refused <= compared - 100, `refused ${refused} of ${compared}`);
  });
});

/**
 * The 2.0 suite has no schema in the material; its nearest is 2.2 (IPTC runs its
 * 2.1 suite with 2.2 as well). Its should_pass documents use bare ids as `uri`,
 * which 2.2 refuses as a URI. Lede's 2.0 rules (for documents that claim 2.0)
 * leave the uri unchecked; documents that claim nothing, or claim 1.3, get the
 * rules of what they are and are refused on the uri, as 2.2 refuses them.
 */
const SUITE_2_0_NOT_2_2: Record<string, { reads: boolean; path?: RegExp }> = {
  '002_schema.json': { reads: true },
  '004_headlines.json': { reads: true },
  '005_altids.json': { reads: true },
  '003_schema_only.json': { reads: false, path: /^\/standard: not a ninjs field here$/ },
  '006_genre.json': { reads: false, path: /^\/uri: must match format "uri"$/ },
  '007_trust_indicator.json': { reads: false, path: /^\/uri: must match format "uri"$/ },
};

describe('ninjs: IPTC validation suites', { skip }, () => {
  const versions = skip ? [] : fs.readdirSync(SUITE).filter((d) => /^\d/.test(d));
  for (const ver of versions) {
    for (const kind of ['should_pass', 'should_fail'] as const) {
      const dir = path.join(SUITE, ver, kind);
      if (!fs.existsSync(dir)) continue;
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
        test(`${ver}/${kind}/${file}`, () => {
          const doc = json(path.join(dir, file)) as Doc;
          // IPTC's runner: 3.0 and 3.1 suites with the 3.1 schema, 2.x with 2.2.
          const theirs = iptc(ver.startsWith('3') ? '3.1' : '2.2')(doc) as boolean;
          if (kind === 'should_fail') {
            assert.equal(theirs, false, 'the IPTC schema refuses it');
            const r = refusal(doc);
            assert.ok(r.paths.length > 0, 'the refusal lists the failing paths');
            assert.match(r.reason, /does not follow its rules/);
            return;
          }
          const known = ver === '2.0' ? SUITE_2_0_NOT_2_2[file] : undefined;
          if (known) {
            assert.equal(theirs, false, 'the nearest IPTC schema (2.2) refuses it');
            if (!known.reads) {
              const r = refusal(doc);
              assert.ok(r.paths.some((p) => known.path!.test(p)), r.paths.join('; '));
              return;
            }
          } else {
            assert.equal(theirs, true, 'the IPTC schema accepts it');
          }
          const item = readNinjs(doc);
          assert.equal(item.format, 'ninjs');
          assert.equal(item.guid, String(doc.uri).trim());
          assert.equal(item.headline, expectedHeadline(doc));
          assert.equal(item.pubStatus, 'usable');
          assert.ok(item.version >= 1);
          assertTakeable(item);
        });
      }
    }
  }

  test('refusals name the failing places', () => {
    assert.deepEqual(refusal(json(path.join(SUITE, '3.0/should_fail/006_bad_urgency.json'))).paths, ['/urgency: must be integer', '/urgency: must be >= 1']);
    assert.deepEqual(refusal(json(path.join(SUITE, '3.0/should_fail/001_bad_toplevel.json'))).paths, ['/random: not a ninjs field here']);
    assert.deepEqual(refusal(json(path.join(SUITE, '2.1/should_fail/002_good_association_but_no_name.json'))).paths, ['/associations/0/name: required']);
    assert.deepEqual(refusal(json(path.join(SUITE, '3.1/should_fail/001_bad_digital_source.json'))).paths, ['/digitalSourceType: must be object']);
    const geo = refusal(json(path.join(SUITE, '2.0/should_fail/001_bad_geojson.json')));
    assert.ok(geo.paths.some((p) => p.startsWith('/places/0/geojson')), geo.paths.join('; '));
    // A document that claims 2.2 is held to 2.2, whatever it looks like.
    const claimed = refusal(json(path.join(SUITE, '3.0/should_fail/003_event_with_conflicting_start.json')));
    assert.match(claimed.reason, /claims ninjs 2\.2/);
    assert.ok(claimed.paths.includes('/eventDetails: not a ninjs field here'));
  });
});

describe('ninjs: agency examples', { skip }, () => {
  const EX = path.join(NINJS, 'examples');
  const DOC = path.join(NINJS, 'documentation/includes/examples');

  test('each example reads exactly when the IPTC schema of its version accepts it (extensions aside)', () => {
    let read = 0;
    for (const f of [...walk(EX), ...walk(DOC)].filter((x) => x.endsWith('.json'))) {
      const doc = json(f);
      if (Array.isArray(doc)) {
        // A collection is a list of items; readWireDocument splits it, readNinjs takes one item.
        assert.match(refusal(doc).reason, /must be a JSON object, got a list/);
        continue;
      }
      const v = ninjsVersion(doc as Doc);
      const iptcVersion: IptcVersion = v.rules === '3.0' ? '3.0' : v.rules.startsWith('3') ? '3.1' : '2.2';
      const check = iptc(iptcVersion);
      const theirs = check(doc) as boolean;
      if (v.extension) {
        // An extension profile (TTNINJS) may add top-level fields: IPTC's schema refuses only those.
        if (!theirs) assert.ok(check.errors!.every((e) => e.instancePath === '' && e.keyword === 'unevaluatedProperties'), rel(f));
        const item = readNinjs(doc);
        assert.ok(item.warnings.some((w) => w.includes(`extension of ninjs (${v.extension})`)));
        read++;
        continue;
      }
      if (theirs) {
        const item = readNinjs(doc);
        assert.equal(item.guid, String((doc as Doc).uri));
        assertTakeable(item);
        read++;
      } else {
        assert.ok(refusal(doc).paths.length > 0, rel(f));
      }
    }
    assert.ok(read >= 30, `read ${read}`);
  });

  test('the 2.x and 3.x renderings of the same example read the same', () => {
    const pairs: [string, string][] = [];
    for (const f of fs.readdirSync(path.join(EX, '2.1'))) if (fs.existsSync(path.join(EX, '3.0', f))) pairs.push([path.join(EX, '2.1', f), path.join(EX, '3.0', f)]);
    for (const f of fs.readdirSync(path.join(DOC, '2.2'))) if (fs.existsSync(path.join(DOC, '3.1', f))) pairs.push([path.join(DOC, '2.2', f), path.join(DOC, '3.1', f)]);
    let same = 0;
    for (const [two, three] of pairs) {
      let a: WireItem;
      try {
        a = readNinjs(json(two));
      } catch {
        // Refused in both (the renditions example has a bare uri in both versions).
        assert.throws(() => readNinjs(json(three)), WireRefusal);
        continue;
      }
      const b = readNinjs(json(three));
      assert.deepEqual({ ...a, formatVersion: '' }, { ...b, formatVersion: '' }, path.basename(two));
      same++;
    }
    assert.ok(same >= 12, `compared ${same}`);
  });

  test('dpa text: identity, version, rights, byline, HTML body', () => {
    const doc = json(path.join(EX, '3.0/dpa_text.json')) as Doc;
    const item = readNinjs(doc);
    assert.equal(item.guid, 'urn:newsml:dpa.com:20090101:190510-99-167362');
    assert.equal(item.formatVersion, '3.x');
    assert.equal(item.version, 3, 'ninjs "2" counted from 0 → 3');
    assert.equal(item.versionCreated, '2019-05-10T16:02:28+02:00');
    assert.equal(item.urgency, 4);
    assert.equal(item.language, 'de');
    assert.equal(item.rights.copyrightHolder, 'dpa');
    assert.equal(item.byline, doc.by);
    assert.equal(item.type, 'text');
    assert.ok(item.body.length >= 5);
    assert.ok(item.body.every((b) => b.type === 'paragraph' || b.type === 'heading'));
    assert.deepEqual(item.warnings, []);
  });

  test('AP picture: its own renditions become the first association, edNote stays internal', () => {
    const item = readNinjs(json(path.join(EX, '3.0/ap_image.json')));
    assert.equal(item.type, 'picture');
    assert.equal(item.version, 1, 'AP counts from "0"');
    assert.equal(item.creditLine, 'ASSOCIATED PRESS');
    const pic = item.associations[0]!;
    assert.equal(pic.kind, 'picture');
    assert.equal(pic.guid, item.guid);
    assert.ok(pic.caption);
    const main = pic.renditions.find((r) => r.role === 'main')!;
    assert.deepEqual([main.width, main.height, main.sizeBytes, main.mimeType], [3000, 2208, 4764958, 'image/jpeg']);
    assert.deepEqual(item.notes.map((n) => [n.role, n.publishable]), [['ednote', false]]);
    assert.ok(item.categories.some((c) => c.scheme === 'geo' && c.name === 'Turkey'));
  });

  test('AP video: renditions with duration', () => {
    const item = readNinjs(json(path.join(EX, '3.0/ap_video.json')));
    assert.equal(item.type, 'video');
    const video = item.associations[0]!;
    assert.equal(video.kind, 'video');
    assert.ok(video.renditions.length >= 5);
    assert.ok(video.renditions.some((r) => r.durationSeconds && r.durationSeconds > 0 && r.mimeType === 'video/mpeg'));
  });

  test('NITF body: body.content becomes blocks; located, by, media topics', () => {
    const file = fs.readdirSync(path.join(EX, '3.0')).find((f) => f.endsWith('-ninjs-nitf.json'))!;
    const doc = json(path.join(EX, '3.0', file)) as Doc;
    const item = readNinjs(doc);
    assert.equal(item.formatVersion, '3.0');
    assert.equal(item.dateline, doc.located);
    assert.equal(item.byline, doc.by);
    assert.ok(item.body.length >= 10);
    assert.ok(!JSON.stringify(item.body).includes('<'), 'no markup left in the text');
    assert.ok(item.categories.some((c) => c.scheme === 'mediatopic' && c.code === 'http://cv.iptc.org/newscodes/mediatopic/15000000'));
  });

  test('TT text with a picture: association with renditions and credit, places as geo, expires as an internal note', () => {
    const item = readNinjs(json(path.join(EX, '3.0/tt_text_image_3.json')));
    assert.equal(item.rights.copyrightHolder, 'TT');
    const pic = item.associations.find((a) => a.kind === 'picture')!;
    assert.equal(pic.rights.credit, 'Karl Melander/TT');
    assert.equal(pic.guid, 'http://tt.se/media/image/sdlk2sirkPaauM');
    assert.ok(pic.renditions.some((r) => r.width === 4724 && r.height === 3149));
    assert.deepEqual(item.categories.filter((c) => c.scheme === 'geo').map((c) => c.name), ['Sverige', 'Gotland', 'Finland']);
    assert.deepEqual(item.notes.find((n) => n.role === 'expires'), { text: '2023-05-31T00:00:00+02:00', publishable: false, role: 'expires' });
  });
});

describe('ninjs: version from the claim or the shape', () => {
  const v = (doc: Doc) => {
    const r = ninjsVersion(doc);
    return [r.version, r.claimed, r.rules];
  };

  test('claims', () => {
    assert.deepEqual(v({ uri: 'urn:x', standard: { name: 'ninjs', version: '3.1' } }), ['3.1', true, '3.1']);
    assert.deepEqual(v({ uri: 'urn:x', standard: { schema: 'https://www.iptc.org/std/ninjs/ninjs-schema_3.0.json' } }), ['3.0', true, '3.0']);
    assert.deepEqual(v({ uri: 'urn:x', $schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json' }), ['2.2', true, '2.2']);
    assert.deepEqual(v({ uri: 'urn:x', standard: { version: '2.1' } }), ['2.1', true, '2.2']);
    assert.deepEqual(v({ uri: 'urn:x', standard: { version: '2.0' } }), ['2.0', true, '2.0']);
    assert.deepEqual(v({ uri: 'urn:x', $standard: { version: '1.3' } }), ['1.3', true, '1.x']);
    assert.deepEqual(v({ uri: 'urn:x', standard: { version: '3.3' } }), ['3.3', true, '3.1']);
  });

  test('shapes', () => {
    assert.deepEqual(v({ uri: 'urn:x', versionCreated: '2024-01-01T00:00:00Z' }), ['3.x', false, '3.1']);
    assert.deepEqual(v({ uri: 'urn:x', versioncreated: '2024-01-01T00:00:00Z', pubstatus: 'usable' }), ['2.x', false, '2.2']);
    assert.deepEqual(v({ uri: 'urn:x', bodies: [{ contenttype: 'text/html', value: '' }] }), ['2.x', false, '2.2']);
    assert.deepEqual(v({ uri: 'urn:x', headline: 'Alt', body_html: '<p>x</p>' }), ['1.x', false, '1.x']);
    assert.deepEqual(v({ uri: 'urn:x' }), ['3.x', false, '3.1']);
  });

  test('a claim that is no ninjs version falls back to the shape, and says so', () => {
    const item = readNinjs({ uri: 'urn:x', standard: { name: 'ninjs', version: 'neu' }, headlines: [{ value: 'H' }] });
    assert.equal(item.formatVersion, '3.x');
    assert.ok(item.warnings.some((w) => w.includes('claims version "neu"')));
  });

  test('a claimed version is held to its own rules', () => {
    const r = refusal({ uri: 'urn:x', standard: { version: '3.0' }, versioncreated: '2024-01-01T00:00:00Z' });
    assert.match(r.reason, /claims ninjs 3\.0/);
    assert.deepEqual(r.paths, ['/versioncreated: not a ninjs field here']);
    // 3.1's digitalSourceType is not 3.0.
    assert.deepEqual(refusal({ uri: 'urn:x', standard: { version: '3.0' }, digitalSourceType: { name: 'x' } }).paths, ['/digitalSourceType: not a ninjs field here']);
  });
});

describe('ninjs 1.x (invented document)', () => {
  const doc = json(path.join(FIXTURES, 'ninjs-1x-invented.json')) as Doc;
  const item = readNinjs(doc);

  test('identity, version, status, times', () => {
    assert.equal(item.formatVersion, '1.5');
    assert.equal(item.guid, 'urn:example.invalid:ninjs1:0042');
    assert.equal(item.version, 1);
    assert.equal(item.pubStatus, 'withheld');
    assert.equal(item.embargoUntil, '2026-01-15T10:00:00+01:00');
    assert.equal(item.firstCreated, '2026-01-15T08:00:00+01:00');
    assert.equal(item.urgency, 2);
  });

  test('headline, sub-headline, teaser, byline, dateline; HTML body preferred, sanitised', () => {
    assert.equal(item.headline, 'Erfundener Hochwasser-Bericht aus Musterhausen');
    assert.equal(item.subhead, 'Pegel steigt weiter');
    assert.equal(item.teaser, 'Ein erfundener Text im Format ninjs 1.x für Lede-Tests.');
    assert.equal(item.byline, 'Max Beispiel');
    assert.equal(item.dateline, 'Musterhausen');
    assert.deepEqual(item.body[1], { type: 'paragraph', content: [{ text: 'Klick ' }, { text: 'Pegelstand', href: 'https://example.org/pegel' }] });
    assert.ok(!JSON.stringify(item.body).includes('alert'));
  });

  test('associations from the map, renditions with http(s) only; categories with scheme + code', () => {
    assert.equal(item.associations.length, 1);
    const pic = item.associations[0]!;
    assert.deepEqual([pic.kind, pic.guid, pic.headline, pic.caption], ['picture', 'urn:example.invalid:pic:0042', 'Überflutete Wiese', 'Eine erfundene überflutete Wiese.']);
    assert.deepEqual(pic.renditions, [{ href: 'https://example.invalid/0042.jpg', role: 'baseImage', mimeType: 'image/jpeg', width: 1600, height: 900, sizeBytes: 240000 }]);
    assert.ok(item.warnings.includes('dropped 1 rendition without an http(s) link'));
    assert.deepEqual(item.categories.find((c) => c.scheme === 'mediatopic'), { scheme: 'mediatopic', code: 'http://cv.iptc.org/newscodes/mediatopic/06000000', name: 'Umwelt' });
    assert.deepEqual(item.categories.find((c) => c.scheme === 'geo'), { scheme: 'geo', code: 'http://example.invalid/geo/st', name: 'Sachsen-Anhalt' });
    assert.deepEqual(item.notes, [{ text: 'Intern: Fotos folgen.', publishable: false, role: 'ednote' }]);
  });

  test('1.x rules refuse what 1.x does not allow', () => {
    const r = refusal({ ...doc, renditions: [{ href: 'https://x.example/a.jpg' }], unknown_field: 1 });
    assert.ok(r.paths.includes('/renditions: must be object'), r.paths.join('; '));
    assert.ok(r.paths.includes('/unknown_field: not a ninjs field here'));
  });
});

describe('ninjs: hostile and odd input', () => {
  const base = { uri: 'urn:example.invalid:t1', standard: { name: 'ninjs', version: '3.1' } };

  test('not an object', () => {
    assert.match(refusal(null).reason, /must be a JSON object, got null/);
    assert.match(refusal('x').reason, /got string/);
  });

  test('script, handlers and javascript: links never survive an HTML body', () => {
    const item = readNinjs({
      ...base, headlines: [{ role: 'main', value: 'H' }],
      bodies: [{ role: 'main', contentType: 'text/html', value: '<p onmouseover="x()">Text<script>steal()</script> <a href="javascript:alert(1)">hier</a></p><img src=x onerror=alert(1)>' }],
    });
    assert.deepEqual(item.body, [{ type: 'paragraph', content: [{ text: 'Text hier' }] }]);
  });

  test('plain-text bodies: a paragraph per line; markup in them is text, not HTML', () => {
    const item = readNinjs({ ...base, headlines: [{ value: 'H' }], bodies: [{ contentType: 'text/plain', value: 'Erste Zeile.\n\nZweite <b>Zeile</b> & mehr.\n' }] });
    assert.deepEqual(item.body, [
      { type: 'paragraph', content: [{ text: 'Erste Zeile.' }] },
      { type: 'paragraph', content: [{ text: 'Zweite <b>Zeile</b> & mehr.' }] },
    ]);
  });

  test('NUL and lone surrogates are stripped from text fields', () => {
    const item = readNinjs({ ...base, headlines: [{ value: 'Schlag\u0000zeile \udc00' }], by: 'Autor\u0007in', descriptions: [{ role: 'summary', value: 'Vor\ud800spann' }] });
    assert.equal(item.headline, 'Schlagzeile');
    assert.equal(item.byline, 'Autorin');
    assert.equal(item.teaser, 'Vorspann');
  });

  test('versions: "0" → 1, "7" → 8, not a number → 1 with a warning', () => {
    assert.equal(readNinjs({ ...base, version: '0' }).version, 1);
    assert.equal(readNinjs({ ...base, version: '7' }).version, 8);
    const odd = readNinjs({ ...base, version: 'v2' });
    assert.equal(odd.version, 1);
    assert.ok(odd.warnings.some((w) => w.includes('version "v2" is not a number')));
  });

  test('withdrawal, embargo and the internal edNote', () => {
    const item = readNinjs({ ...base, pubStatus: 'canceled', embargoedUntil: '2026-05-01T06:00:00+02:00', edNote: 'Nicht verwenden' });
    assert.equal(item.pubStatus, 'canceled');
    assert.equal(item.embargoUntil, '2026-05-01T06:00:00+02:00');
    assert.deepEqual(item.notes, [{ text: 'Nicht verwenden', publishable: false, role: 'ednote' }]);
  });

  test('2.x allows any urgency number; Lede keeps only 1–9', () => {
    const item = readNinjs({ uri: 'urn:x', standard: { version: '2.2' }, urgency: 0.5 });
    assert.equal(item.urgency, undefined);
    assert.ok(item.warnings.includes('urgency 0.5 is not 1–9; ignored'));
  });

  test('recursion is bounded: associations nested thousands deep are refused, not overflowed', () => {
    let doc: Record<string, unknown> = { uri: 'urn:x:leaf', name: 'n' };
    for (let i = 0; i < 3000; i++) doc = { uri: `urn:x:${i}`, name: 'n', associations: [doc] };
    assert.match(refusal({ ...doc, standard: { version: '3.1' } }).reason, /^the ninjs document is nested deeper than 64 levels$/);
  });

  test('keys with NUL or lone surrogates do not reach a refusal unclean', () => {
    const r = refusal({ uri: 'urn:x', ['bad\u0000key\ud800']: 1 });
    assert.deepEqual(r.paths, ['/badkey: not a ninjs field here']);
  });

  test('a refusal lists at most 25 paths however broken the document is', () => {
    const r = refusal({ uri: 'urn:x', standard: { version: '3.1' }, headlines: Array.from({ length: 100 }, () => ({ value: 1, bad: true })) });
    assert.equal(r.paths.length, 25);
  });
});
