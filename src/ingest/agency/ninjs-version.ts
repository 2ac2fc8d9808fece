import type { NinjsRules } from './ninjs-rules.js';
import { cleanLine, isObj, shown, type Obj } from './wire-fields.js';

/**
 * Which ninjs a document is: what it claims (`standard` / 1.x `$standard`:
 * version, or the schema URL's "ninjs-schema_3.0.json"; a top-level `$schema`
 * likewise), else its shape — 1.x has `headline`/`body_html`/renditions as a
 * map, 3.x camelCase fields (versionCreated, pubStatus …), 2.x the same in lower
 * case; a document with none of these is held to the newest rules (3.1).
 */

/** Fields only 3.x spells in camelCase; their lower-case twins are 2.x. */
const CAMEL_FIELDS = [
  'versionCreated', 'firstCreated', 'contentCreated', 'pubStatus', 'embargoedUntil', 'copyrightHolder', 'copyrightNotice',
  'usageTerms', 'edNote', 'altIds', 'infoSources', 'trustIndicators', 'rightsInfo', 'representationType', 'eventDetails',
  'plannedCoverage', 'digitalSourceType',
];
const LOWER_FIELDS = [
  'versioncreated', 'firstcreated', 'contentcreated', 'pubstatus', 'embargoed', 'copyrightholder', 'copyrightnotice',
  'usageterms', 'ednote', 'altids', 'infosources', 'trustindicators', 'rightsinfo', 'representationtype', 'digitalsourcetype',
];
const CAMEL_NESTED = ['contentType', 'charCount', 'wordCount', 'sizeInBytes', 'geoJSON', 'contactInfo'];
const LOWER_NESTED = ['contenttype', 'charcount', 'wordcount', 'sizeinbytes', 'geojson', 'contactinfo'];
const LEGACY_FIELDS = ['headline', 'byline', '$standard', 'person', 'organisation', 'place', 'subject', 'genre', 'mimetype', 'trustindicator', 'infosource'];

export interface NinjsVersion {
  /** The version as claimed ("2.1", "3.0") or the family the shape shows ("1.x", "2.x", "3.x"). */
  version: string;
  claimed: boolean;
  rules: NinjsRules;
  /** The profile's name when it extends ninjs (TT's "TTNINJS"). */
  extension?: string;
  /** What was unusual about the claim. */
  note?: string;
}

/** True for a JSON object that looks like a ninjs item (for detection; readNinjs checks it properly). */
export function looksLikeNinjs(doc: unknown): boolean {
  if (!isObj(doc)) return false;
  if (isObj(doc.standard) && /ninjs/i.test(`${String(doc.standard.name ?? '')} ${String(doc.standard.schema ?? '')}`)) return true;
  if (isObj(doc.$standard)) return true;
  const keys = Object.keys(doc);
  // Fields no other format has: ninjs even without a uri (then readNinjs says the uri is missing).
  if (keys.some((k) => NINJS_ONLY.includes(k) || /^(body|description|headline)_/.test(k))) return true;
  return typeof doc.uri === 'string' && keys.some((k) => COMMON_FIELDS.includes(k));
}

const NINJS_ONLY = [
  'headlines', 'bodies', 'versioncreated', 'versionCreated', 'firstcreated', 'firstCreated', 'pubstatus', 'pubStatus',
  'altids', 'altIds', 'representationtype', 'representationType', 'embargoedUntil',
];
const COMMON_FIELDS = ['headline', 'renditions', 'associations', 'descriptions', 'type', 'version', 'standard', 'title', 'subjects', 'language'];

/** Which version's rules a document is held to: its claim, else its shape. */
export function ninjsVersion(doc: Obj): NinjsVersion {
  const std = isObj(doc.standard) ? doc.standard : isObj(doc.$standard) ? doc.$standard : undefined;
  const name = cleanLine(std?.name, 60);
  const extension = name && !/^ninjs$/i.test(name) ? name : undefined;
  const claim = cleanLine(std?.version, 20) ?? schemaVersion(std?.schema) ?? schemaVersion(doc.$schema);
  if (claim) {
    const rules = rulesFor(claim);
    if (rules) return { version: claim, claimed: true, rules, ...(extension && { extension }) };
  }
  const shape = shapeOf(doc);
  const note = claim ? `claims version ${shown(claim)}, which is not a ninjs version; read by its shape (${shape.version})` : undefined;
  return { ...shape, ...(extension && { extension }), ...(note && { note }) };
}

/** "…/ninjs-schema_3.0.json" → "3.0" (IPTC's file names; TT's ttninjs-schema_2.1.json names TT's profile version, the same number). */
function schemaVersion(v: unknown): string | undefined {
  return typeof v === 'string' ? /ninjs-schema_(\d+(?:\.\d+)*)\.json/i.exec(v)?.[1] : undefined;
}

/** The rules for a claimed version; a newer minor version than Lede knows gets its family's newest rules. */
function rulesFor(version: string): NinjsRules | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2] ?? 0);
  if (major === 1) return '1.x';
  if (major === 2) return minor === 0 ? '2.0' : '2.2';
  if (major === 3) return minor === 0 ? '3.0' : '3.1';
  return undefined;
}

function shapeOf(doc: Obj): NinjsVersion {
  const keys = Object.keys(doc);
  const legacy = keys.some((k) => LEGACY_FIELDS.includes(k) || /^(body|description|headline)_/.test(k))
    || (isObj(doc.renditions) || isObj(doc.associations));
  if (legacy && !Array.isArray(doc.headlines) && !Array.isArray(doc.bodies)) return { version: '1.x', claimed: false, rules: '1.x' };
  const nested = nestedKeys(doc);
  const camel = keys.filter((k) => CAMEL_FIELDS.includes(k)).length + nested.filter((k) => CAMEL_NESTED.includes(k)).length
    + (doc.type === 'event' || doc.type === 'planning' ? 1 : 0);
  const lower = keys.filter((k) => LOWER_FIELDS.includes(k)).length + nested.filter((k) => LOWER_NESTED.includes(k)).length;
  // Nothing to tell them apart: the newest rules (a 2.x document without 2.x-only fields reads the same).
  if (lower > camel) return { version: '2.x', claimed: false, rules: '2.2' };
  return { version: '3.x', claimed: false, rules: '3.1' };
}

/** Keys of the objects in the item's lists (bodies, renditions, places …), one level down. */
function nestedKeys(doc: Obj): string[] {
  const out: string[] = [];
  for (const v of Object.values(doc)) for (const x of Array.isArray(v) ? v : []) if (isObj(x)) out.push(...Object.keys(x));
  return out;
}

