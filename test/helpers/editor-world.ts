/**
 * What the story editor's Chromium tests stand on: an embedded database with
 * an editor (Clara Dienst, German) and an English author, the app with a media
 * library in a temporary folder, an API session as the editor, the app served
 * on loopback, and Chromium (unless the test is skipped).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser as Chromium } from 'playwright-core';
import { DiskStorage } from '../../src/storage/storage.js';
import { AccountService } from '../../src/services/account-service.js';
import { newsroomMedia } from '../../src/services/media-library.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { launchChromium } from '../site/page-checkers.js';
import { engines } from './db.js';
import { Browser } from './newsroom-browser.js';
import { serveOnLoopback } from './newsroom-chromium.js';

export interface EditorWorld {
  db: Database;
  service: StoryService;
  /** An API session as the editor cvd@example.org. */
  api: Browser;
  base: string;
  chromium: Chromium | undefined;
  clara: { id: string };
  close(): Promise<void>;
}

export async function openEditorWorld(name: string, password: string, withChromium: boolean): Promise<EditorWorld> {
  const db = await engines()[0]!.open();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lede-${name}-`));
  const accounts = new AccountService(db);
  const clara = await accounts.createUser({ email: 'cvd@example.org', name: 'Clara Dienst', role: 'editor', password }, { name: 'test' });
  await accounts.createUser({ email: 'en@example.org', name: 'Eli English', role: 'author', password, language: 'en' }, { name: 'test' });
  const app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { media: newsroomMedia({ db, storage: new DiskStorage(dir) }) });
  const api = new Browser(app);
  await api.apiLogin('cvd@example.org', password);
  const served = await serveOnLoopback(app.fetch);
  const chromium = withChromium ? await launchChromium() : undefined;
  return {
    db, service: new StoryService(db), api, base: served.base, chromium, clara,
    async close() {
      await chromium?.close();
      served.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
