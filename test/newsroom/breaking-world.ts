/**
 * What the newsroom's Eilmeldung tests (banner and push) stand on: the app
 * with its services, people of every role (two editors, for four eyes), and
 * published stories in two sections with topics.
 */
import { createECDH, randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type { StoryDraft, Story } from '../../src/content/index.js';
import { createServices, type Services } from '../../src/services/index.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { Browser } from '../helpers/newsroom-browser.js';

export const PASSWORD = 'eilmeldung-passwort-1';

export const DRAFT: StoryDraft = {
  kind: 'article', language: 'de', headline: 'Deich bei Magdeburg hält dem Hochwasser stand', teaser: 'Die Helfer sind erleichtert.',
  authors: [{ name: 'Rita Rad' }], section: 'Sachsen-Anhalt', topics: ['Hochwasser'], related: [],
  body: [{ type: 'paragraph', content: [{ text: 'Der Pegel sinkt seit dem Morgen.' }] }],
};

const PEOPLE = [
  ['admin', 'admin', 'de'], ['cvd', 'editor', 'de'], ['cvd2', 'editor', 'en'], ['author', 'author', 'de'], ['contributor', 'contributor', 'de'],
] as const;

export interface EilWorld {
  db: Database;
  app: Hono;
  services: Services;
  ids: Map<string, string>;
  as: Map<string, Browser>;
  published: Story;
  draft: Story;
  /** A published story in a second section ("Politik", topic "Landtag"). */
  politics: Story;
}

let n = 0;
/** A reader's subscription as the browser's PushSubscription.toJSON() gives it. */
export const subscription = (topics: string[]) => ({
  endpoint: `https://push.example.net/wpush/${process.pid}-${++n}-${randomBytes(4).toString('hex')}`,
  keys: { p256dh: createECDH('prime256v1').generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  topics,
});

export async function openEilWorld(db: Database): Promise<EilWorld> {
  const services = createServices(db);
  const ids = new Map<string, string>();
  for (const [key, role, language] of PEOPLE) {
    const u = await services.accounts.createUser({ email: `${key}@example.org`, name: `Eil ${key}`, role, password: PASSWORD, language }, { name: 'test' });
    ids.set(key, u.id);
  }
  const actor = { id: ids.get('cvd')!, name: 'Eil cvd' };
  const published = await services.stories.publish((await services.stories.create(DRAFT, { actor })).id, { actor });
  const politics = await services.stories.publish((await services.stories.create({ ...DRAFT, headline: 'Landtag beschließt Hilfspaket', section: 'Politik', topics: ['Landtag'] }, { actor })).id, { actor });
  const draft = await services.stories.create({ ...DRAFT, headline: 'Noch nicht fertig: Deichbau' }, { actor });
  const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { services }) as unknown as Hono;
  const as = new Map<string, Browser>();
  for (const [key] of PEOPLE) {
    const b = new Browser(app);
    await b.login(`${key}@example.org`, PASSWORD);
    as.set(key, b);
  }
  return { db, app, services, ids, as, published, draft, politics };
}

/** The page's hidden CSRF token. */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Posts a form the way a browser does from `page` (its CSRF token). */
export async function submit(b: Browser, page: string, action: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
  const html = await (await b.request(page)).text();
  const res = await b.form(action, { _csrf: csrfOf(html), ...fields });
  return { status: res.status, html: await res.text() };
}

export async function auditActions(db: Database, like: string): Promise<string[]> {
  const rows = await db.query<{ action: string; actor: string }>('SELECT action, actor FROM audit_log WHERE action LIKE $1 ORDER BY id', [like]);
  return rows.map((r) => `${r.action} ${r.actor}`);
}
