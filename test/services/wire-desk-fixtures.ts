/**
 * Invented agency items for the wire desk's tests, and a stand-in reader that
 * takes them as JSON ({ "test": "wire", "items": [...] }), refusing anything
 * else the way the real readers refuse: with a WireRefusal naming it.
 */
import { WireRefusal, type WireItem } from '../../src/ingest/agency/wire-item.js';
import type { ReadWire } from '../../src/services/wire-reader.js';

let n = 0;

/** A usable German text item; `over` replaces fields. Each call without a guid gets a fresh one. */
export function wireItem(over: Partial<WireItem> = {}): WireItem {
  n++;
  return {
    format: 'digitalwires',
    guid: `urn:newsml:example.test:20261205:wire-${process.pid}-${n}`,
    version: 1,
    pubStatus: 'usable',
    signals: [],
    correction: false,
    urgency: 3,
    language: 'de',
    type: 'text',
    kicker: 'Landtag',
    headline: `Haushalt für das Land beschlossen ${n}`,
    teaser: 'Der Landtag hat nach langer Debatte den Doppelhaushalt verabschiedet.',
    byline: 'Von Greta Sommer, dpa',
    dateline: 'Magdeburg (dpa) -',
    body: [
      { type: 'paragraph', content: [{ text: 'Die Abgeordneten stimmten mit knapper Mehrheit für den Entwurf der Landesregierung.' }] },
      { type: 'paragraph', content: [{ text: 'Die Opposition kritisierte die Kürzungen bei den Kommunen.' }] },
    ],
    boxes: [],
    creditLine: 'dpa',
    rights: { credit: 'dpa', usageTerms: 'Nur für Kunden mit Landesdienst' },
    notes: [
      { text: 'Intern: Bitte Zahlen mit dem Finanzministerium abgleichen', publishable: false },
      { text: 'Korrigiert wird der Name im dritten Absatz', publishable: true },
    ],
    associations: [],
    categories: [
      { scheme: 'desk', code: 'dpacat:pl', name: 'Politik' },
      { scheme: 'geo', code: 'dpacountry:sachsen-anhalt', name: 'Sachsen-Anhalt' },
      { scheme: 'mediatopic', code: 'medtop:11000000', name: 'Politik' },
    ],
    warnings: [],
    ...over,
  };
}

/** The document a transport would deliver for `items`. */
export function wireDoc(...items: WireItem[]): string {
  return JSON.stringify({ test: 'wire', items });
}

/** Reads wireDoc documents; refuses everything else (and, while `refuseAll` is set, everything). */
export function testReader(): ReadWire & { refuseAll?: string } {
  const read = ((input: Uint8Array | string) => {
    if (read.refuseAll) throw new WireRefusal(read.refuseAll);
    const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      throw new WireRefusal('not an agency document: neither JSON nor XML');
    }
    if (typeof doc !== 'object' || doc === null || (doc as { test?: unknown }).test !== 'wire') throw new WireRefusal('JSON, but not a format this reader knows');
    return (doc as { items: WireItem[] }).items;
  }) as ReadWire & { refuseAll?: string };
  return read;
}
