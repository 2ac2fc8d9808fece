/**
 * Invented dpa digitalwires deliveries for crash tests: the same document
 * number always gives the same bytes, so a test can deliver again exactly
 * what a killed process was delivering.
 *
 * Document n is a wireQ answer of `perDoc` new items (version 1) plus, from
 * the second document on, version 2 of the first half of the previous
 * document's items.
 */
export const WIRE_CHILD_SOURCE = 'dpa-child';

const guidOf = (i: number) => `urn:newsml:dpa.com:20090101:261205-99-${String(i).padStart(6, '0')}`;

function entry(i: number, version: number): Record<string, unknown> {
  return {
    format: 'digitalwires@0.9.1', type: 'text', urn: guidOf(i), version, pubstatus: 'usable',
    version_created: new Date(Date.UTC(2026, 11, 5, 6) + i * 60_000 + version * 1000).toISOString(),
    language: 'de', urgency: 3 + (i % 3), kicker: 'Verkehr',
    headline: `Meldung ${i}: Brücke über die Saale ${version > 1 ? 'wieder offen' : 'gesperrt'}`,
    article_html: `<section class="main"><p>Halle (dpa) - Text ${i} in Fassung ${version}: die Brücke bleibt bis auf Weiteres ${version > 1 ? 'offen' : 'zu'}.</p></section>`,
    categories: [{ type: 'dnltype:desk', name: 'vm', qcode: 'dpacat:vm' }],
  };
}

export function wireDocument(n: number, perDoc: number): string {
  const entries = Array.from({ length: perDoc }, (_, k) => entry(n * perDoc + k, 1));
  if (n > 0) for (let k = 0; k < Math.floor(perDoc / 2); k++) entries.push(entry((n - 1) * perDoc + k, 2));
  return JSON.stringify({ entries });
}

/** What `docs` documents hold: distinct items, and version rows. */
export function wireDocumentTotals(docs: number, perDoc: number): { items: number; versions: number; atVersion2: number } {
  const second = Math.max(0, docs - 1) * Math.floor(perDoc / 2);
  return { items: docs * perDoc, versions: docs * perDoc + second, atVersion2: second };
}
