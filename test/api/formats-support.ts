import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { slugify, validateDraft, type Figure, type Story, type StoryDraft } from '../../src/content/index.js';
import { demoStories } from '../../src/services/demo/demo-stories.js';
import { buildStory } from '../../src/services/story-service.js';
import { importPageText } from '../../src/ingest/index.js';
import { resolveFigure } from '../../src/site/media-figures.js';
import type { MediaAsset } from '../../src/store/asset-repository.js';

/**
 * What the format tests share: stories as the read model gives them (demo,
 * seed, invented), a media library picture resolved the resolver's way, and
 * the real IPTC validators read from ../shared where they lie.
 */

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NINJS = path.resolve(root, '../shared/conformance/ninjs');
export const G2_XSD = path.resolve(root, '../shared/conformance/agency/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd');
export const SEED = path.resolve(root, '../shared/seed/000_fca6cdd7775836e7.txt');
export const XMLLINT = '/usr/bin/xmllint';

export const NOW = new Date('2026-03-10T12:00:00Z');
export const SITE = { siteUrl: 'https://www.example.org', siteName: 'Lede Beispiel', now: NOW };

/** A draft made a stored, published story, as the story service does it. */
export function published(input: unknown, now = NOW): Story {
  const r = validateDraft(input);
  if (!r.ok) throw new Error(`invalid test draft: ${JSON.stringify(r.issues)}`);
  const draft: StoryDraft = r.value;
  return buildStory(draft, { id: randomUUID(), slug: draft.slug ?? slugify(draft.headline), status: 'published', now });
}

export function demo(now = NOW): Story[] {
  return demoStories(now).map((d) => published(d, now));
}

export function seedStory(): Story | undefined {
  if (!fs.existsSync(SEED)) return undefined;
  const { draft } = importPageText(fs.readFileSync(SEED, 'utf8'), { source: 'seed.txt' });
  return published(draft);
}

/** An invented library picture (4000 × 3000) with rights valid until `validUntil`. */
export function asset(rights: MediaAsset['rights'], id = randomUUID()): MediaAsset {
  return {
    id, sha256: 'a'.repeat(64), mime: 'image/jpeg', width: 4000, height: 3000, bytes: 1_000_000, storageKey: `k/${id}`,
    focalX: 0.5, focalY: 0.4, rights, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1,
  };
}

/** A figure resolved against a picture as the read model does (undefined when its rights have lapsed). */
export function resolved(f: Figure, a: MediaAsset, now = NOW): Figure | undefined {
  return resolveFigure({ ...f, assetId: a.id }, a, now);
}

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
const compiled = new Map<string, ValidateFunction>();

/** The IPTC ninjs schema of a version, compiled with Ajv 2020 and formats; undefined when ../shared is absent. */
export function ninjsSchema(version: '3.1' | '2.2'): ValidateFunction | undefined {
  const file = path.join(NINJS, `specification/ninjs-schema_${version}.json`);
  if (!fs.existsSync(file)) return undefined;
  let v = compiled.get(version);
  if (!v) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const geo = path.join(NINJS, 'validation/test_suite/GeoJSON-schema.json');
    if (fs.existsSync(geo)) ajv.addSchema(JSON.parse(fs.readFileSync(geo, 'utf8')));
    v = ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')));
    compiled.set(version, v);
  }
  return v;
}

/** xmllint against the NewsML-G2 power XSD: '' when valid, else its complaints. */
export function xsdErrors(xml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-g2-'));
  try {
    const file = path.join(dir, 'item.xml');
    fs.writeFileSync(file, xml, 'utf8');
    const r = spawnSync(XMLLINT, ['--noout', '--nonet', '--schema', G2_XSD, file], { encoding: 'utf8' });
    if (r.error) return String(r.error);
    return r.status === 0 ? '' : `${r.stderr}`.trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const canValidateG2 = (): string | false =>
  !fs.existsSync(G2_XSD) ? '../shared/conformance/agency/newsml-g2 absent' : !fs.existsSync(XMLLINT) ? 'xmllint absent' : false;

/** Invented stories for what the demo does not show (in our own words; people and places fictional). */
export function inventedStories(): Record<'ticker' | 'video' | 'agencyBox' | 'odd' | 'library', Story> {
  const t = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();
  const ticker = published({
    kind: 'liveticker',
    headline: 'Sturmtief über dem Harz: alle Entwicklungen',
    teaser: 'Wir berichten laufend.',
    section: 'Sachsen-Anhalt',
    topics: ['Unwetter'],
    firstPublishedAt: t(300),
    body: [
      { type: 'ticker-entry', id: 'drei', time: t(10), title: 'Brockenbahn fährt wieder', body: [{ type: 'paragraph', content: [{ text: 'Die Bahn nimmt den Betrieb am Mittag auf.' }] }] },
      { type: 'ticker-entry', time: t(60), location: 'Wernigerode', body: [
        { type: 'paragraph', content: [{ text: 'Umgestürzte Bäume blockieren die Landstraße.' }] },
        { type: 'figure', kind: 'image', alt: 'Ein Baum liegt quer über einer Straße', caption: 'Aufräumen am Morgen', credit: 'Leser-Foto', src: '/uploads/baum.jpg', width: 1600, height: 900 },
      ] },
      { type: 'ticker-entry', time: t(240), title: 'Warnung ausgegeben', body: [{ type: 'paragraph', content: [{ text: 'Der Wetterdienst warnt vor Orkanböen.' }] }] },
    ],
  });
  const video = published({
    kind: 'video',
    headline: 'Im Kanu durch die Saaleauen',
    teaser: 'Ein Tag auf dem Wasser, in drei Minuten.',
    section: 'Reise',
    media: { durationSeconds: 185, src: '/video/saaleauen.mp4' },
    lead: { kind: 'image', alt: 'Ein Kanu auf ruhigem Wasser', credit: 'Lede', src: '/uploads/kanu.jpg', width: 1280, height: 720 },
    body: [{ type: 'paragraph', content: [{ text: 'Start ist am Bootsverleih in Naumburg.' }] }],
  });
  const agencyBox = published({
    headline: 'Länder einigen sich auf gemeinsame Regeln für Windräder',
    teaser: 'Abstände und Fristen sollen künftig überall gleich sein.',
    dateline: 'Berlin (dpa)',
    sourceLine: 'dpa',
    byline: 'Von Tom Muster, dpa',
    section: 'Politik',
    topics: ['Energie', 'Bund und Länder'],
    body: [
      { type: 'paragraph', content: [{ text: 'Die Ministerinnen und Minister haben sich am Abend geeinigt. ' }, { text: 'Details', href: '/politik/details-zur-einigung' }, { text: ' folgen.' }] },
      { type: 'paragraph', content: [{ text: '<script>alert("x")</script> & Co. stehen nicht im Text.' }, { text: 'böser Link', href: '/ok' }] },
      { type: 'box', heading: 'Das Wichtigste in Kürze', body: [
        { type: 'list', ordered: true, items: [[{ text: 'Mindestabstand 800 Meter' }], [{ text: 'Genehmigung binnen ', marks: ['em'] }, { text: 'sechs Monaten', marks: ['strong'] }]] },
      ] },
      { type: 'heading', level: 3, text: 'Wie es weitergeht' },
      { type: 'quote', text: 'Das ist ein guter Tag für den Klimaschutz.', speaker: 'Eine Ministerin' },
      { type: 'embed', url: 'https://video.example.net/v/123', provider: 'Beispiel-Video', title: 'Die Pressekonferenz' },
    ],
  });
  // Validation refuses such a link today; an old row might still hold one.
  (agencyBox.body[1] as { content: { href?: string }[] }).content[1]!.href = 'javascript:alert(1)';
  agencyBox.corrections = [{ at: NOW.toISOString(), note: 'Der Mindestabstand beträgt 800, nicht 1000 Meter.' }];
  agencyBox.version = 3;

  const odd = published({ headline: 'Ungewöhnliche Zeichen', section: 'Test', body: [{ type: 'paragraph', content: [{ text: 'Text' }] }] });
  // Old rows may hold what validation refuses today: the formats must still answer clean documents.
  odd.headline = 'Null\u0000byte und \uD800 halbes Paar \uFFFF';
  odd.kicker = 'Steuer\u0007zeichen';
  odd.teaser = 'Ende \uDC00';
  odd.body = [{ type: 'paragraph', content: [{ text: 'Absatz mit \u0000 und \uD83D allein, 😀 ganz' }] }];
  odd.authors = [{ name: 'Ann\u0000a' }];

  const library = published({
    headline: 'Neue Brücke über die Mulde eröffnet',
    section: 'Sachsen',
    lead: { kind: 'image', alt: 'Die neue Brücke', caption: 'Die Brücke bei Grimma', assetId: '00000000-0000-4000-8000-000000000000' },
    body: [{ type: 'paragraph', content: [{ text: 'Nach zwei Jahren Bauzeit ist die Brücke offen.' }] }],
  });
  const pic = asset({ credit: 'dpa', copyrightHolder: 'dpa Picture-Alliance', licence: 'nur redaktionelle Nutzung', creator: 'Max Fotograf' });
  library.lead = resolved(library.lead!, pic);

  return { ticker, video, agencyBox, odd, library };
}
