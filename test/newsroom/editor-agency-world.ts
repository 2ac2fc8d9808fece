/**
 * What the editor's agency panel tests stand on: the app with its services
 * (the desk reading documents through the real agency reader), two sources
 * ("dpa" flags stories of withdrawn items, "epd" depublishes them), people of
 * three roles, and invented digitalwires entries written for these tests.
 */
import type { Hono } from 'hono';
import { EventBus } from '../../src/events/event-bus.js';
import type { Role } from '../../src/content/roles.js';
import { createServices, type Services } from '../../src/services/index.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { Browser } from '../helpers/newsroom-browser.js';

export const PASSWORD = 'faehre-passwort-1';

let n = 0;

/** An invented digitalwires entry about a river ferry (dpa's field names, our words); `over` replaces fields. */
export function ferryEntry(over: Record<string, unknown> = {}): Record<string, unknown> {
  n++;
  return {
    format: 'digitalwires@0.9.1',
    urn: `urn:newsml:example.invalid:20261205:faehre-${process.pid}-${n}`,
    version: 1,
    pubstatus: 'usable',
    urgency: 5,
    language: 'de',
    kicker: 'Nahverkehr',
    headline: 'Elbfähre fährt wieder nach Fahrplan',
    teaser: 'Nach dem Niedrigwasser legt die Fähre bei Coswig wieder stündlich ab.',
    byline: 'Von Mira Sand, dpa',
    dateline: 'Coswig (dpa) - ',
    article_html: '<section><p>Der Pegel ist über Nacht um vierzig Zentimeter gestiegen.</p><p>Radfahrer müssen keinen Umweg mehr nehmen.</p></section>',
    creditline: 'dpa',
    notepad: { nonpublic_html: '<p>Nur für die Redaktion: Fährmann ruft zurück.</p>' },
    categories: [{ type: 'dnltype:desk', qcode: 'dpacat:vm', name: 'Vermischtes' }],
    ...over,
  };
}

export interface AgencyWorld {
  db: Database;
  app: Hono;
  services: Services;
  ids: Map<string, string>;
  as: Map<string, Browser>;
  anonymous: Browser;
  /** Ingests one entry as `source`; the item id (throws when refused). */
  ingest(doc: Record<string, unknown>, source?: string): Promise<string>;
  /** Ingests an entry and takes it over as `who`; the item and story ids. */
  taken(doc: Record<string, unknown>, source?: string, who?: string): Promise<{ itemId: string; storyId: string }>;
}

const PEOPLE: Array<[string, Role, 'de' | 'en']> = [['admin', 'admin', 'de'], ['editor', 'editor', 'en'], ['contributor', 'contributor', 'de']];

export async function openAgencyWorld(db: Database): Promise<AgencyWorld> {
  const events = new EventBus();
  const services = createServices(db, {}, { events });
  await services.wire.saveSource({ id: 'dpa', name: 'dpa Landesdienst', format: 'digitalwires', transport: 'manual', withdrawPolicy: 'flag' });
  await services.wire.saveSource({ id: 'epd', name: 'epd Ost', format: 'auto', transport: 'manual', withdrawPolicy: 'depublish' });
  const ids = new Map<string, string>();
  for (const [key, role, language] of PEOPLE) {
    const u = await services.accounts.createUser({ email: `agentur-${key}@example.org`, name: `Panel ${key}`, role, password: PASSWORD, language }, { name: 'test' });
    ids.set(key, u.id);
  }
  const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { services, events });
  const as = new Map<string, Browser>();
  for (const [key] of PEOPLE) {
    const b = new Browser(app);
    await b.login(`agentur-${key}@example.org`, PASSWORD);
    as.set(key, b);
  }
  const ingest = async (doc: Record<string, unknown>, source = 'dpa') => {
    const [o] = await services.wire.ingest(source, JSON.stringify(doc), { via: 'manual' });
    if (!o || o.result === 'refused') throw new Error(`not stored: ${JSON.stringify(o)}`);
    return o.itemId;
  };
  return {
    db, app, services, ids, as, anonymous: new Browser(app), ingest,
    async taken(doc, source = 'dpa', who = 'admin') {
      const itemId = await ingest(doc, source);
      const { story } = await services.wire.take(itemId, { id: ids.get(who)! });
      return { itemId, storyId: story.id };
    },
  };
}
