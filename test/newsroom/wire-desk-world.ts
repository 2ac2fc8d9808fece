/**
 * What the wire desk's page, API and Chromium tests stand on: the app with
 * its services (the desk reading dpa digitalwires entries through the real
 * digitalwires reader), a source "dpa", people of three roles, and invented
 * digitalwires entries written for these tests.
 */
import type { Hono } from 'hono';
import { EventBus } from '../../src/events/event-bus.js';
import { readDigitalwires } from '../../src/ingest/agency/digitalwires.js';
import { WireRefusal } from '../../src/ingest/agency/wire-item.js';
import type { Role } from '../../src/content/roles.js';
import { createServices, type Services } from '../../src/services/index.js';
import { WireDesk, type IngestOutcome } from '../../src/services/wire-desk.js';
import type { ReadWire } from '../../src/services/wire-reader.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { Browser } from '../helpers/newsroom-browser.js';

export const PASSWORD = 'agentur-passwort-1';

/** One digitalwires entry a test sends (a JSON object; `format` decides the reader). */
const readEntry: ReadWire = (input) => {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new WireRefusal('not a digitalwires entry: the document is not JSON');
  }
  return [readDigitalwires(doc)];
};

let n = 0;

/** An invented digitalwires entry (field names as dpa's format has them; the words are ours). */
export function entry(over: Record<string, unknown> = {}): Record<string, unknown> {
  n++;
  return {
    format: 'digitalwires@0.9.1',
    urn: `urn:newsml:test.invalid:20261205:agentur-${process.pid}-${n}`,
    version: 1,
    pubstatus: 'usable',
    urgency: 4,
    language: 'de',
    kicker: 'Verkehr',
    headline: `Neue Brücke über die Saale freigegeben ${n}`,
    teaser: 'Nach drei Jahren Bauzeit rollt der Verkehr wieder über den Fluss.',
    byline: 'Von Jonas Feld, dpa',
    dateline: 'Halle (dpa) - ',
    article_html: '<section><p>Die Landesverkehrsministerin durchschnitt am Morgen das Band.</p><h2>Umleitung endet</h2><p>Pendler sparen bis zu zwanzig Minuten.</p></section>',
    creditline: 'dpa',
    copyrightnotice: '© dpa-infocom GmbH',
    usageterms: 'Nur für Abonnenten des Landesdienstes Sachsen-Anhalt',
    notepad: { nonpublic_html: '<p>Bitte Foto vom Termin nachfordern.</p>' },
    categories: [
      { type: 'dnltype:desk', qcode: 'dpacat:vm', name: 'Vermischtes' },
      { type: 'dnltype:geosubject', qcode: 'dpacountry:st', name: 'Sachsen-Anhalt' },
    ],
    ...over,
  };
}

export interface WireWorld {
  db: Database;
  app: Hono;
  services: Services;
  ids: Map<string, string>;
  as: Map<string, Browser>;
  anonymous: Browser;
  /** Ingests entries as source "dpa"; the outcomes. */
  ingest(...docs: Record<string, unknown>[]): Promise<IngestOutcome[]>;
  /** The id of a stored item (throws on a refusal). */
  ingestOne(doc: Record<string, unknown>): Promise<string>;
}

const PEOPLE: Array<[string, Role, 'de' | 'en']> = [['admin', 'admin', 'de'], ['editor', 'editor', 'en'], ['contributor', 'contributor', 'de']];

export async function openWireWorld(db: Database): Promise<WireWorld> {
  const events = new EventBus();
  const services = createServices(db, {}, { events });
  services.wire = new WireDesk(db, services.stories, { events, read: readEntry, log: () => undefined });
  await services.wire.saveSource({ id: 'dpa', name: 'dpa Basisdienst', format: 'digitalwires', transport: 'manual' });
  const ids = new Map<string, string>();
  for (const [key, role, language] of PEOPLE) {
    const u = await services.accounts.createUser({ email: `${key}@example.org`, name: `Agentur ${key}`, role, password: PASSWORD, language }, { name: 'test' });
    ids.set(key, u.id);
  }
  const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { services, events });
  const as = new Map<string, Browser>();
  for (const [key] of PEOPLE) {
    const b = new Browser(app);
    await b.login(`${key}@example.org`, PASSWORD);
    as.set(key, b);
  }
  const ingest = (...docs: Record<string, unknown>[]) => Promise.all(docs.map((d) => services.wire.ingest('dpa', JSON.stringify(d), { via: 'manual' }))).then((r) => r.flat());
  return {
    db, app, services, ids, as, anonymous: new Browser(app), ingest,
    async ingestOne(doc) {
      const [o] = await services.wire.ingest('dpa', JSON.stringify(doc), { via: 'manual' });
      if (!o || o.result === 'refused') throw new Error(`not stored: ${JSON.stringify(o)}`);
      return o.itemId;
    },
  };
}
