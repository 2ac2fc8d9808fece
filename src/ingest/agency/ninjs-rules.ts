import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { cleanText } from './wire-fields.js';

/**
 * Lede's own rules for ninjs documents, one set per version family, written
 * from reading the IPTC ninjs specification (1.x user guide and the 2.x/3.x
 * schema documentation) and compiled with Ajv (draft 2020-12) and ajv-formats,
 * the same engine and format checks the IPTC validation suite is run with.
 * The IPTC schema files themselves are not part of Lede; test/ingest/agency-ninjs.test.ts
 * runs both over the IPTC suites and examples and asserts they agree.
 *
 * Where Lede's rules differ from the IPTC files, on purpose:
 * - "2.0": the 2.2 rules without digitalsourcetype, and the item's `uri` is not
 *   checked as a URI — IPTC's own 2.0 suite uses bare ids ("004-headlines-test")
 *   in documents that must pass, so 2.0-era validation did not check it.
 *   2.1 documents get the 2.2 rules (IPTC validates its 2.1 suite with 2.2 too).
 * - "1.x": ninjs 1.0–1.5 (headline, body_*, renditions as a map …); there is no
 *   1.x schema in the conformance material, so these follow the 1.5 user guide.
 * - 3.x `recurrenceDates` is a list of truncated date-times (the IPTC file asks
 *   for a value that is both a list and a string, which nothing can satisfy).
 * - An extension profile (standard.name other than "ninjs", e.g. TT's TTNINJS)
 *   may add top-level fields; everything ninjs defines is still checked.
 */

export const NINJS_RULES = ['1.x', '2.0', '2.2', '3.0', '3.1'] as const;
export type NinjsRules = (typeof NINJS_RULES)[number];

type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const uri: Schema = { type: 'string', format: 'uri' };
const time: Schema = { type: 'string', format: 'date-time' };
const num: Schema = { type: 'number' };
const int: Schema = { type: 'integer' };
const percent: Schema = { type: 'integer', minimum: 0, maximum: 100 };
const urgency3: Schema = { type: 'integer', minimum: 1, maximum: 9 };
const pubStatus: Schema = { type: 'string', enum: ['usable', 'withheld', 'canceled'] };
const listOf = (items: Schema): Schema => ({ type: 'array', items });
const closed = (properties: Schema, required?: string[]): Schema => ({
  type: 'object', additionalProperties: false, properties, ...(required && { required }),
});
const exactlyOne = (...keys: string[]): Schema => ({ oneOf: keys.map((k) => ({ required: [k] })) });

// ---- GeoJSON (RFC 7946 shapes, as ninjs places carry them) ----

const position = { type: 'array', minItems: 2, items: num };
const bbox = { type: 'array', minItems: 4, items: num };
const ring = { type: 'array', minItems: 4, items: position };
const geometryShapes: [string, Schema][] = [
  ['Point', position],
  ['LineString', { type: 'array', minItems: 2, items: position }],
  ['Polygon', listOf(ring)],
  ['MultiPoint', listOf(position)],
  ['MultiLineString', listOf({ type: 'array', minItems: 2, items: position })],
  ['MultiPolygon', listOf(listOf(ring))],
];
const geoObject = (type: string, key: string, value: Schema, extra: Schema = {}, required: string[] = [key]): Schema => ({
  type: 'object',
  required: ['type', ...required],
  properties: { type: { type: 'string', enum: [type] }, [key]: value, bbox, ...extra },
});
const geometries = geometryShapes.map(([t, coords]) => geoObject(t, 'coordinates', coords));
const collection = geoObject('GeometryCollection', 'geometries', listOf({ oneOf: geometries }));
const feature = geoObject('Feature', 'geometry', { oneOf: [{ type: 'null' }, ...geometries, collection] }, {
  id: { oneOf: [num, str] },
  properties: { oneOf: [{ type: 'null' }, { type: 'object' }] },
}, ['properties', 'geometry']);
const GEOJSON: Schema = {
  oneOf: [...geometries, collection, feature, geoObject('FeatureCollection', 'features', listOf(feature))],
};

// ---- ninjs 2.x and 3.x ----

/** 3.x spells its fields in camelCase, 2.x the same names in lower case. */
function modern(rules: '2.0' | '2.2' | '3.0' | '3.1'): Schema {
  const three = rules.startsWith('3');
  const k = (name: string): string => (three ? name : name.toLowerCase());
  const names = (props: Schema): Schema => Object.fromEntries(Object.entries(props).map(([n, s]) => [k(n), s]));
  const count = three ? int : num;
  const types = ['text', 'audio', 'video', 'picture', 'graphic', 'composite', 'component', ...(three ? ['event', 'planning'] : [])];
  const itemUri = rules === '2.0' ? str : uri;

  const contact = { $ref: '#/$defs/contact' };
  const contactList = listOf(contact);
  const entity = (extra: Schema = {}): Schema => closed(names({ name: str, rel: str, uri, literal: str, ...extra }));
  const text = (extra: Schema = {}): Schema => closed(names({ role: str, contentType: str, ...extra, value: str }), ['value']);
  const rendition = closed(names({
    name: str, href: uri, contentType: str, title: str, width: count, height: count, sizeInBytes: count, duration: num, format: str,
    ...(three && {
      aspectRatio: str, videoCodec: str, frameRate: num, poi: closed({ x: int, y: int }), transportProtocol: str,
      scanType: { type: 'string', enum: ['progressive', 'interlaced'] }, bitrate: str,
    }),
  }), ['name']);

  const defs: Schema = {
    contact: {
      ...closed(names({
        type: str, role: str, lang: str, name: str, value: str,
        address: closed(names({ lines: listOf(str), locality: str, area: str, postalCode: str, country: str })),
      })),
      ...exactlyOne('value', 'address'),
    },
    organisation: entity({
      symbols: listOf(closed(names({ ...(!three && { ticker: str }), exchange: str, symbolType: uri, symbol: str }))),
      contactInfo: contactList,
    }),
    geojson: GEOJSON,
  };

  const props: Schema = names({
    uri: itemUri,
    type: { type: 'string', enum: types },
    representationType: { type: 'string', enum: ['full', 'partial'] },
    profile: str,
    version: str,
    firstCreated: time,
    versionCreated: time,
    contentCreated: time,
    [three ? 'embargoedUntil' : 'embargoed']: time,
    pubStatus,
    urgency: three ? urgency3 : num,
    copyrightHolder: str,
    copyrightNotice: str,
    usageTerms: str,
    edNote: str,
    language: str,
    descriptions: listOf(text()),
    bodies: listOf(text({ charCount: count, wordCount: count })),
    headlines: listOf(text()),
    people: listOf(entity({ contactInfo: contactList })),
    organisations: listOf({ $ref: '#/$defs/organisation' }),
    places: listOf(entity({ contactInfo: contactList, geoJSON: { $ref: '#/$defs/geojson' } })),
    subjects: listOf(entity({ creator: str, relevance: percent, confidence: percent })),
    events: listOf(entity(three ? { id: str } : {})),
    objects: listOf(entity()),
    infoSources: listOf(closed(names({ name: str, role: str, uri, literal: str, contactInfo: contactList }))),
    title: str,
    by: str,
    slugline: str,
    located: str,
    renditions: listOf(rendition),
    associations: listOf({ $ref: '#/$defs/association' }),
    altIds: listOf(closed({ role: str, value: str })),
    trustIndicators: listOf(closed({ role: uri, title: str, href: uri })),
    standard: closed({ name: str, version: str, schema: uri }),
    genres: listOf(closed({ name: str, uri: str, literal: str })),
    expires: time,
    rightsInfo: {
      type: 'object',
      ...(three && { additionalProperties: false }),
      properties: names({ langId: uri, linkedRights: uri, encodedRights: str }),
      ...exactlyOne(k('linkedRights'), k('encodedRights')),
    },
    ...((rules === '2.2' || rules === '3.1') && { digitalSourceType: closed({ name: str, uri, literal: str }) }),
  });

  if (three) {
    const truncated = {
      type: 'string',
      pattern: '^-?(?:[1-9][0-9]*)?[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01])(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?)?)?)?$',
    };
    defs.dates = {
      ...closed({
        startDate: time, endDate: time, expectedStartDate: truncated, expectedEndDate: truncated, expectedDuration: str,
        recurrence: closed({
          recurrenceDates: listOf(truncated),
          recurrenceRules: listOf(closed({
            frequency: { type: 'string', enum: ['secondly', 'minutely', 'hourly', 'daily', 'weekly', 'monthly', 'yearly'] },
            interval: int, until: time, count: int,
          })),
        }),
      }),
      // A start (exact or expected, not both) or an end (likewise).
      anyOf: [exactlyOne('startDate', 'expectedStartDate'), exactlyOne('endDate', 'expectedEndDate')],
    };
    const dates = { $ref: '#/$defs/dates' };
    props.eventDetails = closed({
      eventStatus: uri, plannedCoverageStatus: uri, dates, organiser: { $ref: '#/$defs/organisation' },
    });
    props.plannedCoverage = listOf(closed({
      uri, title: str, pubStatus, type: { type: 'string', enum: types },
      commissioned: closed({ by: str, on: time, references: listOf(closed({ name: str, value: str })) }),
      dates,
      audiences: listOf(closed({ audience: str, significance: int })),
      exclAudience: listOf(str), edNote: str, urgency: urgency3, language: str,
      itemCount: closed({ rangeFrom: int, rangeTo: int }), wordCount: int, renditions: listOf(rendition),
    }));
  }

  // An association is a ninjs object of its own, named (and in 3.x related) to the item.
  defs.association = closed({ ...props, name: str, ...(three && { rel: str }) }, ['name', 'uri']);
  return { $defs: defs, ...closed(props, ['uri']) };
}

// ---- ninjs 1.x ----

function legacy(): Schema {
  const contact = {
    ...closed({
      type: str, role: str, lang: str, name: str, value: str,
      address: closed({ lines: listOf(str), locality: str, area: str, postalcode: str, country: str }),
    }),
    ...exactlyOne('value', 'address'),
  };
  const coded = (extra: Schema = {}): Schema => closed({ name: str, rel: str, scheme: uri, code: str, ...extra });
  const place = { ...coded({ contactinfo: listOf(contact) }), patternProperties: { '^geometry_[a-zA-Z0-9_]+': { type: 'object' } } };
  const rendition = closed({ href: uri, mimetype: str, title: str, height: num, width: num, sizeinbytes: num, duration: num, format: str });
  return {
    type: 'object',
    additionalProperties: false,
    required: ['uri'],
    // Extra headlines, descriptions and bodies are named by suffix: body_html, description_text, headline_kicker …
    patternProperties: { '^description_[a-zA-Z0-9_]+': str, '^body_[a-zA-Z0-9_]+': str, '^headline_[a-zA-Z0-9_]+': str },
    properties: {
      uri,
      type: { type: 'string', enum: ['text', 'audio', 'video', 'picture', 'graphic', 'composite', 'component'] },
      mimetype: str,
      representationtype: { type: 'string', enum: ['complete', 'incomplete'] },
      profile: str, version: str,
      firstcreated: time, versioncreated: time, contentcreated: time, embargoed: time,
      pubstatus: pubStatus,
      urgency: num,
      copyrightholder: str, copyrightnotice: str, usageterms: str, ednote: str, language: str,
      person: listOf(coded({ contactinfo: listOf(contact) })),
      organisation: listOf(coded({
        symbols: listOf(closed({ ticker: str, exchange: str, symboltype: uri, symbol: str })),
        contactinfo: listOf(contact),
      })),
      place: listOf(place),
      subject: listOf(coded({ creator: str, relevance: percent, confidence: percent })),
      event: listOf(coded()),
      object: listOf(coded()),
      infosource: listOf(coded({ contactinfo: listOf(contact) })),
      title: str, byline: str, headline: str, slugline: str, located: str,
      charcount: num, wordcount: num,
      renditions: { type: 'object', additionalProperties: false, patternProperties: { '^[a-zA-Z0-9_]+': rendition } },
      associations: { type: 'object', additionalProperties: false, patternProperties: { '^[a-zA-Z0-9_]+': { $ref: '#' } } },
      altids: { type: 'object' },
      trustindicator: listOf(closed({ scheme: uri, code: str, title: str, href: uri })),
      $standard: closed({ name: str, version: str, schema: uri }),
      genre: listOf(closed({ name: str, scheme: uri, code: str })),
      expires: time,
      rightsinfo: {
        type: 'object',
        properties: { langid: uri, linkedrights: uri, encodedrights: str },
        ...exactlyOne('linkedrights', 'encodedrights'),
      },
    },
  };
}

/** The rules as a JSON Schema (draft 2020-12): for the tests, and for anyone who wants to read them. */
export function ninjsRulesSchema(rules: NinjsRules, opts: { extension?: boolean } = {}): Schema {
  const schema = rules === '1.x' ? legacy() : modern(rules);
  // An extension profile adds its own top-level fields; its associations stay plain ninjs.
  return opts.extension ? { ...schema, additionalProperties: true } : schema;
}

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Compiled once per rules and profile, on first use (compiling all five at start-up would cost every process). */
function validator(rules: NinjsRules, extension: boolean): ValidateFunction {
  const key = `${rules}${extension ? '+ext' : ''}`;
  let fn = compiled.get(key);
  if (!fn) {
    if (!ajv) {
      // strictRequired would reject the "exactly one of value/address" idiom (required keys named inside oneOf).
      ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowMatchingProperties: true });
      addFormats(ajv);
    }
    fn = ajv.compile(ninjsRulesSchema(rules, { extension }));
    compiled.set(key, fn);
  }
  return fn;
}

/** How many failing paths a refusal lists (a broken document can fail in thousands of places). */
const MAX_PATHS = 25;

/** The places where `doc` breaks the rules ("/urgency: must be integer"); empty when it follows them. */
export function checkNinjs(doc: unknown, rules: NinjsRules, opts: { extension?: boolean } = {}): string[] {
  const fn = validator(rules, opts.extension === true);
  if (fn(doc)) return [];
  const out = new Set<string>();
  for (const e of fn.errors ?? []) {
    out.add(describe(e));
    if (out.size >= MAX_PATHS) break;
  }
  return [...out];
}

/** One failing place; keys come from the document, so the text is cleaned like any field. */
function describe(e: ErrorObject): string {
  return cleanText(place(e)).slice(0, 300);
}

function place(e: ErrorObject): string {
  const at = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${String(p.additionalProperty)}: not a ninjs field here`;
  if (e.keyword === 'required') return `${e.instancePath}/${String(p.missingProperty)}: required`;
  if (e.keyword === 'enum') return `${at}: must be one of ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
  return `${at}: ${e.message ?? e.keyword}`;
}
