/**
 * The permission matrix: every endpoint the newsroom registers × every role
 * (and anonymous) × the caller's own story and someone else's, over HTTP.
 *
 * The endpoints come from the registry itself (createNewsroom with
 * NEWSROOM_MODULES), so an endpoint added later without an entry in
 * EXPECTATIONS below fails this test: add one (how to call it, and for story
 * endpoints which story to call it on).
 *
 * What each cell should answer is derived from ROLE_GRANTS and mayOnStory —
 * the one place roles are configured — and SPOT_CHECKS pins down the cases
 * that matter most in plain words, so a wrong grant table is caught too.
 *
 * Outcomes: `allowed` (any answer but 401/403, and not 404 on an existing
 * story; with `succeeds`, a 2xx/3xx), `forbidden` (403), `hidden` (404: the
 * story is not the caller's to see, so its existence is not revealed),
 * anonymous: 401 (API and form posts) or a 303 to the login page (pages).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import sharp from 'sharp';
import { DiskStorage } from '../../src/storage/storage.js';
import { newsroomMedia } from '../../src/services/media-library.js';
import type { Story, StoryDraft } from '../../src/content/index.js';
import { AccountService } from '../../src/services/account-service.js';
import { ROLES, ROLE_GRANTS, STORY_ACTIONS, hasPermission, mayOnStory, type GlobalPermission, type Role, type StoryAction } from '../../src/content/roles.js';
import { createNewsroom } from '../../src/server/newsroom-app.js';
import { createServices } from '../../src/services/index.js';
import type { RegisteredEndpoint } from '../../src/http/endpoints.js';
import { NEWSROOM_MODULES } from '../../src/server/newsroom-modules.js';
import { StoryService, draftOf } from '../../src/services/story-service.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';

const PASSWORD = 'matrix-passwort-1';
type Outcome = 'allowed' | 'forbidden' | 'hidden';
type Ownership = 'own' | 'foreign';

interface Ctx {
  /** The story the call is made on (story cases). */
  story: Story;
  /** An account to change in user-management calls (never one that logs in here). */
  spareUserId: string;
  /** Unique per call. */
  unique: string;
}

interface Req {
  path: string;
  json?: unknown;
  text?: string;
  form?: Record<string, string>;
  /** Send If-Match with the story's current version. */
  ifMatch?: boolean;
  /** Send If-Match with this media asset's current version. */
  assetIfMatch?: string;
  /** A raw body with its Content-Type (uploads). */
  raw?: { body: Buffer; type: string; name: string };
}

interface Case {
  /** Tells several cases of one endpoint apart. */
  label?: string;
  /** A story endpoint: each caller gets a fresh story of their own and one of someone else's, like this. */
  story?: { kind?: 'liveticker'; status?: 'in_review' | 'published' | 'depublished'; versions?: 2 };
  /** Story actions the handler checks on the story (default: the endpoint's declared permission). */
  needs?: StoryAction[];
  /** An allowed call must succeed (2xx/3xx), not just get past the checks. */
  succeeds?: boolean;
  /** Call on a session of its own (logout ends the session it is called on). */
  freshSession?: boolean;
  request(ctx: Ctx): Req;
}

const DRAFT: StoryDraft = {
  kind: 'article', language: 'de', headline: 'Matrix: Brücke in Magdeburg gesperrt', teaser: 'Die Strombrücke ist bis Freitag zu.',
  authors: [{ name: 'Rita Rad' }], section: 'Sachsen-Anhalt', topics: ['Verkehr'], related: [],
  body: [{ type: 'paragraph', content: [{ text: 'Die Strombrücke ist wegen Bauarbeiten gesperrt.' }] }],
};
const TICKER: StoryDraft = {
  ...DRAFT, kind: 'liveticker', headline: 'Matrix: Hochwasser im Ticker',
  body: [{ type: 'ticker-entry', time: '2026-11-25T08:00:00+01:00', title: 'Pegel steigt', body: [] }],
};
const PAGE_TEXT = 'Magdeburg\nNeue Brücke über die Elbe freigegeben\nNach drei Jahren Bauzeit ist die Brücke offen.\n';
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

const S = '/newsroom/api/stories/:id';
const id = (ctx: Ctx, path: string) => path.replace(':id', ctx.story.id);

/**
 * How to call each endpoint. Keys are "METHOD path" as registered. One case
 * per line where it fits; several for endpoints whose check depends on the
 * story (workflow moves, saving a live story, corrections).
 */
const EXPECTATIONS: Record<string, Case[]> = {
  // Built in: login, logout, account, assets.
  'GET /newsroom/assets/:file': [{ request: () => ({ path: '/newsroom/assets/nichts.css' }) }],
  'GET /newsroom/login': [{ request: () => ({ path: '/newsroom/login' }) }],
  'POST /newsroom/login': [{ request: () => ({ path: '/newsroom/login', form: { email: 'x@example.org', password: 'x' } }) }],
  'POST /newsroom/api/login': [{ request: () => ({ path: '/newsroom/api/login', json: {} }) }],
  'POST /newsroom/logout': [{ freshSession: true, succeeds: true, request: () => ({ path: '/newsroom/logout', form: {} }) }],
  'GET /newsroom/api/me': [{ succeeds: true, request: () => ({ path: '/newsroom/api/me' }) }],
  'GET /newsroom/account': [{ succeeds: true, request: () => ({ path: '/newsroom/account' }) }],
  'POST /newsroom/account/password': [{ request: () => ({ path: '/newsroom/account/password', form: { current: 'falsch', next: 'neu-neu-neu-neu-1', repeat: 'anders' } }) }],

  // Stories API (src/api/stories-api.ts).
  'GET /newsroom/api/stories': [{ succeeds: true, request: () => ({ path: '/newsroom/api/stories' }) }],
  'POST /newsroom/api/stories': [{ succeeds: true, request: () => ({ path: '/newsroom/api/stories', json: DRAFT }) }],
  'POST /newsroom/api/import': [{ succeeds: true, request: () => ({ path: '/newsroom/api/import', text: PAGE_TEXT }) }],
  [`GET ${S}`]: [{ story: {}, succeeds: true, request: (c) => ({ path: id(c, S) }) }],
  [`PUT ${S}`]: [
    { label: 'draft', story: {}, succeeds: true, request: (c) => ({ path: id(c, S), json: { story: { ...draftOf(c.story), teaser: 'Geändert.' } }, ifMatch: true }) },
    // Changing a live story is publishing: mayOnStory asks for story.publish then.
    { label: 'published', story: { status: 'published' }, succeeds: true, request: (c) => ({ path: id(c, S), json: { story: { ...draftOf(c.story), teaser: 'Geändert.' } }, ifMatch: true }) },
    { label: 'correction', story: { status: 'published' }, needs: ['story.edit', 'story.correct'], succeeds: true, request: (c) => ({ path: id(c, S), json: { story: draftOf(c.story), correction: 'Tippfehler berichtigt.' }, ifMatch: true }) },
  ],
  [`POST ${S}/transitions`]: [
    { label: 'submit', story: {}, needs: ['story.submit'], succeeds: true, request: (c) => ({ path: id(c, `${S}/transitions`), json: { to: 'in_review' }, ifMatch: true }) },
    { label: 'publish', story: { status: 'in_review' }, needs: ['story.publish'], succeeds: true, request: (c) => ({ path: id(c, `${S}/transitions`), json: { to: 'published' }, ifMatch: true }) },
    { label: 'schedule', story: {}, needs: ['story.publish'], succeeds: true, request: (c) => ({ path: id(c, `${S}/transitions`), json: { to: 'scheduled', at: inAnHour() }, ifMatch: true }) },
    { label: 'depublish', story: { status: 'published' }, needs: ['story.depublish'], succeeds: true, request: (c) => ({ path: id(c, `${S}/transitions`), json: { to: 'depublished' }, ifMatch: true }) },
    { label: 'republish', story: { status: 'depublished' }, needs: ['story.publish'], succeeds: true, request: (c) => ({ path: id(c, `${S}/transitions`), json: { to: 'published' }, ifMatch: true }) },
    { label: 'back to draft', story: { status: 'depublished' }, needs: ['story.edit'], succeeds: true, request: (c) => ({ path: id(c, `${S}/transitions`), json: { to: 'draft' }, ifMatch: true }) },
  ],
  [`PUT ${S}/depublish-at`]: [{ story: { status: 'published' }, succeeds: true, request: (c) => ({ path: id(c, `${S}/depublish-at`), json: { at: inAnHour() }, ifMatch: true }) }],
  [`POST ${S}/ticker-entries`]: [{ story: { kind: 'liveticker' }, succeeds: true, request: (c) => ({ path: id(c, `${S}/ticker-entries`), json: { text: 'Der Deich hält.' } }) }],
  [`GET ${S}/revisions`]: [{ story: {}, succeeds: true, request: (c) => ({ path: id(c, `${S}/revisions`) }) }],
  [`GET ${S}/revisions/:version`]: [{ story: {}, succeeds: true, request: (c) => ({ path: id(c, `${S}/revisions/1`) }) }],
  [`POST ${S}/restore`]: [{ story: { versions: 2 }, succeeds: true, request: (c) => ({ path: id(c, `${S}/restore`), json: { version: 1 }, ifMatch: true }) }],
  [`POST ${S}/preview`]: [{ story: {}, succeeds: true, request: (c) => ({ path: id(c, `${S}/preview`), json: draftOf(c.story) }) }],
  [`GET ${S}/audit`]: [{ story: {}, succeeds: true, request: (c) => ({ path: id(c, `${S}/audit`) }) }],
  [`GET ${S}/diff`]: [{ story: { versions: 2 }, request: (c) => ({ path: id(c, `${S}/diff?from=1&to=2`) }) }],
  [`POST ${S}/presence`]: [{ story: {}, request: (c) => ({ path: id(c, `${S}/presence`), json: {} }) }],
  [`DELETE ${S}/import-warnings`]: [
    { label: 'draft', story: {}, succeeds: true, request: (c) => ({ path: id(c, `${S}/import-warnings`) }) },
    // As saving: notes on a live story are for those who may change it.
    { label: 'published', story: { status: 'published' }, succeeds: true, request: (c) => ({ path: id(c, `${S}/import-warnings`) }) },
  ],

  // Accounts, taxonomy, audit (docs/newsroom-api.md).
  'GET /newsroom/api/users': [{ request: () => ({ path: '/newsroom/api/users' }) }],
  'POST /newsroom/api/users': [{ request: (c) => ({ path: '/newsroom/api/users', json: { email: `neu-${c.unique}@example.org`, name: 'Neu', role: 'contributor', password: 'ein-langes-passwort-1' } }) }],
  'PATCH /newsroom/api/users/:id': [{ request: (c) => ({ path: `/newsroom/api/users/${c.spareUserId}`, json: { name: `Ersatz ${c.unique}` } }) }],
  'GET /newsroom/api/api-keys': [{ succeeds: true, request: () => ({ path: '/newsroom/api/api-keys' }) }],
  'POST /newsroom/api/api-keys': [{ succeeds: true, request: (c) => ({ path: '/newsroom/api/api-keys', json: { name: `Matrix ${c.unique}` } }) }],
  'POST /newsroom/api/api-keys/:id/revoke': [{ request: () => ({ path: '/newsroom/api/api-keys/00000000-0000-4000-8000-00000000a91e/revoke', json: {} }) }],
  'GET /newsroom/api-keys': [{ succeeds: true, request: () => ({ path: '/newsroom/api-keys' }) }],
  'POST /newsroom/api-keys': [{ succeeds: true, request: (c) => ({ path: '/newsroom/api-keys', form: { name: `Formular ${c.unique}`, ratePerMinute: '60', expires: '' } }) }],
  'POST /newsroom/api-keys/:id/revoke': [{ request: () => ({ path: '/newsroom/api-keys/00000000-0000-4000-8000-00000000a91e/revoke', form: {} }) }],
  'GET /newsroom/api/webhooks': [{ succeeds: true, request: () => ({ path: '/newsroom/api/webhooks' }) }],
  'POST /newsroom/api/webhooks': [{ succeeds: true, request: () => ({ path: '/newsroom/api/webhooks', json: { url: 'https://hooks.example.org/matrix', events: ['story.published'] } }) }],
  'GET /newsroom/api/webhooks/:id': [{ request: () => ({ path: '/newsroom/api/webhooks/00000000-0000-4000-8000-0000000b00c5' }) }],
  'PATCH /newsroom/api/webhooks/:id': [{ request: () => ({ path: '/newsroom/api/webhooks/00000000-0000-4000-8000-0000000b00c5', json: { active: false } }) }],
  'DELETE /newsroom/api/webhooks/:id': [{ request: () => ({ path: '/newsroom/api/webhooks/00000000-0000-4000-8000-0000000b00c5' }) }],
  'POST /newsroom/api/webhooks/:id/test': [{ request: () => ({ path: '/newsroom/api/webhooks/00000000-0000-4000-8000-0000000b00c5/test', json: {} }) }],
  'GET /newsroom/webhooks': [{ succeeds: true, request: () => ({ path: '/newsroom/webhooks' }) }],
  'POST /newsroom/webhooks': [{ succeeds: true, request: () => ({ path: '/newsroom/webhooks', form: { url: 'https://hooks.example.org/formular', events: 'story.published' } }) }],
  'GET /newsroom/webhooks/:id': [{ request: () => ({ path: '/newsroom/webhooks/00000000-0000-4000-8000-0000000b00c5' }) }],
  'POST /newsroom/webhooks/:id/test': [{ request: () => ({ path: '/newsroom/webhooks/00000000-0000-4000-8000-0000000b00c5/test', form: {} }) }],
  'POST /newsroom/webhooks/:id/active': [{ request: () => ({ path: '/newsroom/webhooks/00000000-0000-4000-8000-0000000b00c5/active', form: { active: 'true' } }) }],
  'POST /newsroom/webhooks/:id/delete': [{ request: () => ({ path: '/newsroom/webhooks/00000000-0000-4000-8000-0000000b00c5/delete', form: {} }) }],
  'PUT /newsroom/api/me/password': [{ request: () => ({ path: '/newsroom/api/me/password', json: { current: 'falsch-falsch-1', next: 'neu-neu-neu-neu-1' } }) }],
  'GET /newsroom/api/topics': [{ request: () => ({ path: '/newsroom/api/topics' }) }],
  'GET /newsroom/api/topics/:slug': [{ succeeds: true, request: () => ({ path: '/newsroom/api/topics/verkehr' }) }],
  'PUT /newsroom/api/topics/:slug': [{ request: () => ({ path: '/newsroom/api/topics/verkehr', json: { name: 'Verkehr', introduction: 'Alles über Straßen und Schienen.' } }) }],
  'GET /newsroom/api/sections': [{ request: () => ({ path: '/newsroom/api/sections' }) }],
  'PUT /newsroom/api/sections/:slug': [{ request: () => ({ path: '/newsroom/api/sections/sachsen-anhalt', json: { retentionMonths: null } }) }],
  'GET /newsroom/api/audit': [{ request: () => ({ path: '/newsroom/api/audit' }) }],

  // Editorial UI pages (src/admin).
  'GET /newsroom': [{ succeeds: true, request: () => ({ path: '/newsroom' }) }],
  'GET /newsroom/stories/new': [{ succeeds: true, request: () => ({ path: '/newsroom/stories/new' }) }],
  'GET /newsroom/stories/:id': [{ story: {}, succeeds: true, request: (c) => ({ path: `/newsroom/stories/${c.story.id}` }) }],
  'POST /newsroom/stories/:id/preview': [{ story: {}, request: (c) => ({ path: `/newsroom/stories/${c.story.id}/preview`, form: { story: JSON.stringify(draftOf(c.story)) } }) }],
  'POST /newsroom/preview': [{ request: () => ({ path: '/newsroom/preview', form: { story: JSON.stringify(DRAFT) } }) }],
  'GET /newsroom/import': [{ succeeds: true, request: () => ({ path: '/newsroom/import' }) }],
  'GET /newsroom/stories/:id/revisions': [{ story: {}, succeeds: true, request: (c) => ({ path: `/newsroom/stories/${c.story.id}/revisions` }) }],
  'GET /newsroom/stories/:id/diff': [{ story: { versions: 2 }, succeeds: true, request: (c) => ({ path: `/newsroom/stories/${c.story.id}/diff?from=1&to=2` }) }],
  'POST /newsroom/stories/:id/restore': [
    { label: 'draft', story: { versions: 2 }, succeeds: true, request: (c) => ({ path: `/newsroom/stories/${c.story.id}/restore`, form: { version: '1', expected: String(c.story.version) } }) },
    // Restoring a live story changes what readers see: it needs the right to publish it.
    { label: 'published', story: { versions: 2, status: 'published' }, succeeds: true, request: (c) => ({ path: `/newsroom/stories/${c.story.id}/restore`, form: { version: '1', expected: String(c.story.version) } }) },
  ],
  'GET /newsroom/users': [{ request: () => ({ path: '/newsroom/users' }) }],
  'POST /newsroom/users': [{ request: (c) => ({ path: '/newsroom/users', form: { email: `form-${c.unique}@example.org`, name: 'Form', role: 'contributor', password: 'ein-langes-passwort-1' } }) }],
  'POST /newsroom/users/:id': [{ request: (c) => ({ path: `/newsroom/users/${c.spareUserId}`, form: { action: 'role', role: 'contributor' } }) }],
  'GET /newsroom/audit': [{ request: () => ({ path: '/newsroom/audit' }) }],
  'GET /newsroom/topics': [{ succeeds: true, request: () => ({ path: '/newsroom/topics' }) }],
  'POST /newsroom/topics': [{ request: (c) => ({ path: '/newsroom/topics', form: { name: `Thema ${c.unique}`, intro: '' } }) }],
  'GET /newsroom/topics/:slug': [{ request: () => ({ path: '/newsroom/topics/verkehr' }) }],
  'POST /newsroom/topics/:slug': [{ request: () => ({ path: '/newsroom/topics/verkehr', form: { name: 'Verkehr', intro: 'Straßen und Schienen.' } }) }],
  'GET /newsroom/sections': [{ succeeds: true, request: () => ({ path: '/newsroom/sections' }) }],
  'POST /newsroom/sections/:slug': [{ request: () => ({ path: '/newsroom/sections/sachsen-anhalt', form: { months_article: '' } }) }],

  // Media library (src/api/media-api.ts, src/admin/media-pages.tsx); MEDIA is set up in before().
  'POST /newsroom/api/media': [{ succeeds: true, request: () => ({ path: '/newsroom/api/media', raw: { body: MEDIA.picture, type: 'image/png', name: 'matrix.png' } }) }],
  'GET /newsroom/api/media': [{ succeeds: true, request: () => ({ path: '/newsroom/api/media' }) }],
  'GET /newsroom/api/media/expiring': [{ succeeds: true, request: () => ({ path: '/newsroom/api/media/expiring' }) }],
  'GET /newsroom/api/media/:id': [{ succeeds: true, request: () => ({ path: `/newsroom/api/media/${MEDIA.assetId}` }) }],
  'PATCH /newsroom/api/media/:id': [{ succeeds: true, request: () => ({ path: `/newsroom/api/media/${MEDIA.assetId}`, json: { credit: 'dpa' }, assetIfMatch: MEDIA.assetId }) }],
  'PUT /newsroom/api/media/:id/file': [{ succeeds: true, request: () => ({ path: `/newsroom/api/media/${MEDIA.assetId}/file`, raw: { body: MEDIA.picture, type: 'image/png', name: 'matrix.png' }, assetIfMatch: MEDIA.assetId }) }],
  'GET /newsroom/media/:id/:file': [{ succeeds: true, request: () => ({ path: `/newsroom/media/${MEDIA.assetId}/original` }) }],
  'GET /newsroom/media': [{ succeeds: true, request: () => ({ path: '/newsroom/media' }) }],
  'GET /newsroom/media/:id': [{ succeeds: true, request: () => ({ path: `/newsroom/media/${MEDIA.assetId}` }) }],
  'POST /newsroom/media/:id': [{ succeeds: true, request: () => ({ path: `/newsroom/media/${MEDIA.assetId}`, form: { credit: 'dpa', focalX: '50', focalY: '50' }, assetIfMatch: MEDIA.assetId }) }],
  'POST /newsroom/api/media/:id/replace-everywhere': [{ succeeds: true, request: () => ({ path: `/newsroom/api/media/${MEDIA.assetId}/replace-everywhere`, json: { with: MEDIA.otherId } }) }],
  'POST /newsroom/media/:id/replace-everywhere': [{ succeeds: true, request: () => ({ path: `/newsroom/media/${MEDIA.assetId}/replace-everywhere`, form: { with: MEDIA.otherId } }) }],

  // A story's agency link (src/api/wire-story-api.ts): its state, and recording a merged newer version.
  [`GET ${S}/agency`]: [{ story: {}, succeeds: true, request: (c) => ({ path: id(c, `${S}/agency`) }) }],
  [`POST ${S}/agency/accept`]: [{ story: {}, request: (c) => ({ path: id(c, `${S}/agency/accept`), json: { fromVersion: 1, toVersion: 2 } }) }],
  // The agency desk (src/api/wire-api.ts, src/admin/wire-*.tsx); WIRE is set up in before().
  'GET /newsroom/api/wire/items': [{ succeeds: true, request: () => ({ path: '/newsroom/api/wire/items' }) }],
  'GET /newsroom/api/wire/items/:id': [{ succeeds: true, request: () => ({ path: `/newsroom/api/wire/items/${WIRE.itemId}` }) }],
  'GET /newsroom/api/wire/items/:id/diff': [{ succeeds: true, request: () => ({ path: `/newsroom/api/wire/items/${WIRE.itemId}/diff?from=1&to=2` }) }],
  'GET /newsroom/api/wire/items/:id/versions/:version': [{ succeeds: true, request: () => ({ path: `/newsroom/api/wire/items/${WIRE.itemId}/versions/1` }) }],
  'POST /newsroom/api/wire/items/:id/take': [{ succeeds: true, request: () => ({ path: `/newsroom/api/wire/items/${WIRE.itemId}/take`, json: {} }) }],
  'GET /newsroom/api/wire/dead-letters': [{ succeeds: true, request: () => ({ path: '/newsroom/api/wire/dead-letters' }) }],
  'POST /newsroom/api/wire/dead-letters/:id/retry': [{ succeeds: true, request: () => ({ path: `/newsroom/api/wire/dead-letters/${WIRE.deadLetterId}/retry`, json: {} }) }],
  'GET /newsroom/api/wire/sources': [{ succeeds: true, request: () => ({ path: '/newsroom/api/wire/sources' }) }],
  'POST /newsroom/api/wire/sources': [{ succeeds: true, request: (c) => ({ path: '/newsroom/api/wire/sources', json: { id: `matrix-${c.unique}`.toLowerCase().replace(/[^a-z0-9-]/g, '').slice(0, 60), name: 'Matrix', transport: 'manual' } }) }],
  'GET /newsroom/api/wire/sources/:id': [{ succeeds: true, request: () => ({ path: '/newsroom/api/wire/sources/matrix' }) }],
  'PUT /newsroom/api/wire/sources/:id': [{ succeeds: true, request: () => ({ path: '/newsroom/api/wire/sources/matrix', json: { name: 'Matrix-Quelle', transport: 'manual' } }) }],
  // Only admins get past the check, once: the second call may find the source gone (404 is an allowed answer then).
  'DELETE /newsroom/api/wire/sources/:id': [{ request: () => ({ path: '/newsroom/api/wire/sources/matrix-weg' }) }],
  'GET /newsroom/api/wire/sources/:id/rules': [{ succeeds: true, request: () => ({ path: '/newsroom/api/wire/sources/matrix/rules' }) }],
  'PUT /newsroom/api/wire/sources/:id/rules': [{ succeeds: true, request: () => ({ path: '/newsroom/api/wire/sources/matrix/rules', json: { rules: [{ scheme: 'desk', code: 'pl', section: 'Politik' }] } }) }],
  'GET /newsroom/agentur': [{ succeeds: true, request: () => ({ path: '/newsroom/agentur' }) }],
  'GET /newsroom/agentur/:id': [{ succeeds: true, request: () => ({ path: `/newsroom/agentur/${WIRE.itemId}` }) }],
  'POST /newsroom/agentur/:id/uebernehmen': [{ succeeds: true, request: () => ({ path: `/newsroom/agentur/${WIRE.itemId}/uebernehmen`, form: {} }) }],
  'GET /newsroom/agentur/fehler': [{ succeeds: true, request: () => ({ path: '/newsroom/agentur/fehler' }) }],
  'POST /newsroom/agentur/fehler/:id/erneut': [{ succeeds: true, request: () => ({ path: `/newsroom/agentur/fehler/${WIRE.deadLetterId}/erneut`, form: {} }) }],
  'GET /newsroom/agentur/quellen': [{ succeeds: true, request: () => ({ path: '/newsroom/agentur/quellen' }) }],
  'POST /newsroom/agentur/quellen': [{ request: (c) => ({ path: '/newsroom/agentur/quellen', form: { id: `m-${c.unique}`.toLowerCase().replace(/[^a-z0-9-]/g, '').slice(0, 60), name: 'Matrix', format: 'auto', transport: 'manual', withdrawPolicy: 'flag' } }) }],
  'GET /newsroom/agentur/quellen/:sid': [{ succeeds: true, request: () => ({ path: '/newsroom/agentur/quellen/matrix' }) }],
  'POST /newsroom/agentur/quellen/:sid': [{ request: () => ({ path: '/newsroom/agentur/quellen/matrix', form: { name: 'Matrix', format: 'auto', transport: 'manual', withdrawPolicy: 'flag' } }) }],
  'POST /newsroom/agentur/quellen/:sid/regeln': [{ request: () => ({ path: '/newsroom/agentur/quellen/matrix/regeln', form: {} }) }],
  'POST /newsroom/agentur/quellen/:sid/loeschen': [{ request: () => ({ path: '/newsroom/agentur/quellen/matrix-weg2/loeschen', form: {} }) }],

  // Eilmeldung: the banner and Web Push sends (src/api/breaking-api.ts, src/api/push-api.ts, src/admin/breaking-page.tsx, src/admin/push-page.tsx).
  'GET /newsroom/api/breaking': [{ succeeds: true, request: () => ({ path: '/newsroom/api/breaking' }) }],
  'POST /newsroom/api/breaking': [{ succeeds: true, request: (c) => ({ path: '/newsroom/api/breaking', json: { headline: `Matrix-Eilmeldung ${c.unique}`, url: '/matrix/eil', minutes: 30 } }) }],
  'PATCH /newsroom/api/breaking/:id': [{ request: () => ({ path: `/newsroom/api/breaking/${NO_ID}`, json: { version: 1, headline: 'Geändert' } }) }],
  'PUT /newsroom/api/breaking/:id': [{ request: () => ({ path: `/newsroom/api/breaking/${NO_ID}`, json: { version: 1, headline: 'Geändert' } }) }],
  // 204, or 404 when an earlier call took it down already.
  'DELETE /newsroom/api/breaking': [{ request: () => ({ path: '/newsroom/api/breaking' }) }],
  'GET /newsroom/eilmeldung': [{ succeeds: true, request: () => ({ path: '/newsroom/eilmeldung' }) }],
  'POST /newsroom/eilmeldung': [{ succeeds: true, request: (c) => ({ path: '/newsroom/eilmeldung', form: { headline: `Formular-Eilmeldung ${c.unique}`, url: '/matrix/eil', minutes: '30', story: '', endsAt: '' } }) }],
  'POST /newsroom/eilmeldung/beenden': [{ succeeds: true, request: () => ({ path: '/newsroom/eilmeldung/beenden', form: { confirm: 'yes' } }) }],
  'POST /newsroom/eilmeldung/:id': [{ request: () => ({ path: `/newsroom/eilmeldung/${NO_ID}`, form: { version: '1', headline: 'Geändert', url: '/matrix/eil', minutes: '30' } }) }],
  'GET /newsroom/api/push': [{ succeeds: true, request: () => ({ path: '/newsroom/api/push' }) }],
  'GET /newsroom/api/push/audience': [{ succeeds: true, request: () => ({ path: '/newsroom/api/push/audience?filter=all' }) }],
  'POST /newsroom/api/push/preview': [{ succeeds: true, request: () => ({ path: '/newsroom/api/push/preview', json: PUSH }) }],
  'POST /newsroom/api/push': [{ succeeds: true, request: () => ({ path: '/newsroom/api/push', json: PUSH }) }],
  'GET /newsroom/api/push/:id': [{ request: () => ({ path: `/newsroom/api/push/${NO_ID}` }) }],
  'POST /newsroom/api/push/:id/approve': [{ request: () => ({ path: `/newsroom/api/push/${NO_ID}/approve`, json: {} }) }],
  'POST /newsroom/api/push/:id/reject': [{ request: () => ({ path: `/newsroom/api/push/${NO_ID}/reject`, json: {} }) }],
  'PUT /newsroom/api/settings/push-four-eyes': [{ succeeds: true, request: () => ({ path: '/newsroom/api/settings/push-four-eyes', json: { on: false } }) }],
  'GET /newsroom/push': [{ succeeds: true, request: () => ({ path: '/newsroom/push' }) }],
  'POST /newsroom/push/vorschau': [{ succeeds: true, request: () => ({ path: '/newsroom/push/vorschau', form: PUSH }) }],
  'POST /newsroom/push/senden': [{ succeeds: true, request: () => ({ path: '/newsroom/push/senden', form: { ...PUSH, icon: '' } }) }],
  'POST /newsroom/push/:id/freigeben': [{ request: () => ({ path: `/newsroom/push/${NO_ID}/freigeben`, form: {} }) }],
  'POST /newsroom/push/:id/ablehnen': [{ request: () => ({ path: `/newsroom/push/${NO_ID}/ablehnen`, form: {} }) }],
  'POST /newsroom/push/vier-augen': [{ succeeds: true, request: () => ({ path: '/newsroom/push/vier-augen', form: { on: 'false' } }) }],
};

/** An id nothing has (banner items, pushes). */
const NO_ID = '00000000-0000-4000-8000-0000000e11e0';
/** A push as the form and the API take it. */
const PUSH = { title: 'Matrix: Brücke gesperrt', body: 'Die Strombrücke ist zu.', url: '/sachsen-anhalt/matrix', filter: 'all' };

/** The agency item and dead letter the desk endpoints are called on (ingested in before()). */
const WIRE = { itemId: '', deadLetterId: '' };

/** An invented dpa digitalwires entry (two versions, so the diff has something to compare). */
const wireEntry = (version: number) => JSON.stringify({
  format: 'digitalwires@0.9.1', type: 'text', urn: 'urn:newsml:dpa.com:20090101:261125-99-000001', version, pubstatus: 'usable',
  version_created: `2026-11-25T0${version}:00:00+01:00`, language: 'de', urgency: 3, headline: `Matrix: Elbbrücke gesperrt (${version})`,
  article_html: '<section class="main"><p>Die Brücke ist bis Freitag gesperrt.</p></section>',
  categories: [{ type: 'dnltype:desk', name: 'vm', qcode: 'dpacat:vm' }],
});

/** The media library picture the media endpoints are called on (uploaded in before()). */
const MEDIA: { assetId: string; otherId: string; picture: Buffer } = { assetId: '', otherId: '', picture: Buffer.alloc(0) };

const isStoryAction = (p: string): p is StoryAction => (STORY_ACTIONS as readonly string[]).includes(p);

/** What a role should get, from ROLE_GRANTS and mayOnStory: the registry's check first, then the handler's. */
function expected(role: Role, endpoint: Pick<RegisteredEndpoint, 'method' | 'path' | 'permission'>, c: Case, ownership: Ownership, story?: Story): Outcome {
  const me = 'me';
  const actor = { id: me, role };
  const p = endpoint.permission;
  if (p === 'public') return 'allowed';
  const target = c.story && { ownerId: ownership === 'own' ? me : 'someone-else', status: story?.status ?? c.story.status ?? 'draft' };
  // A story the caller may not see does not exist for them, whatever they ask to do with it: not even a 403 may tell them otherwise.
  if (target && !mayOnStory(actor, 'story.view', target)) return 'hidden';
  if (isStoryAction(p)) {
    if (!ROLE_GRANTS[role].story[p]) return 'forbidden';
  } else if (!hasPermission(actor, p as GlobalPermission)) {
    return 'forbidden';
  }
  if (!target) return 'allowed';
  const needs = c.needs ?? [isStoryAction(p) ? p : 'story.view'];
  return needs.every((n) => mayOnStory(actor, n, target)) ? 'allowed' : 'forbidden';
}

function judge(outcome: Outcome, status: number, c: Case): boolean {
  switch (outcome) {
    case 'forbidden': return status === 403;
    case 'hidden': return status === 404;
    case 'allowed':
      if (c.succeeds) return status >= 200 && status < 400;
      return status !== 401 && status !== 403 && status < 500 && !(c.story && status === 404);
  }
}

/**
 * The cases that matter most, in plain words, independent of ROLE_GRANTS:
 * checked against the derivation above and against the HTTP answers.
 */
const SPOT_CHECKS: Array<[Role, string, string | undefined, Ownership, Outcome]> = [
  ['contributor', `PUT ${S}`, 'draft', 'own', 'allowed'],
  ['contributor', `PUT ${S}`, 'draft', 'foreign', 'hidden'],
  ['contributor', `GET ${S}`, undefined, 'foreign', 'hidden'],
  ['contributor', `PUT ${S}`, 'published', 'own', 'forbidden'],
  ['contributor', `POST ${S}/transitions`, 'submit', 'own', 'allowed'],
  ['contributor', `POST ${S}/transitions`, 'publish', 'own', 'forbidden'],
  ['contributor', `PUT ${S}/depublish-at`, undefined, 'own', 'forbidden'],
  ['contributor', `PUT ${S}/depublish-at`, undefined, 'foreign', 'hidden'],
  ['contributor', `POST ${S}/ticker-entries`, undefined, 'own', 'allowed'],
  ['author', `GET ${S}`, undefined, 'foreign', 'allowed'],
  ['author', `PUT ${S}`, 'draft', 'foreign', 'forbidden'],
  ['author', `PUT ${S}`, 'published', 'own', 'allowed'],
  ['author', `PUT ${S}`, 'published', 'foreign', 'forbidden'],
  ['author', `PUT ${S}`, 'correction', 'own', 'allowed'],
  ['author', `PUT ${S}`, 'correction', 'foreign', 'forbidden'],
  ['author', `POST ${S}/transitions`, 'publish', 'own', 'allowed'],
  ['author', `POST ${S}/transitions`, 'publish', 'foreign', 'forbidden'],
  ['author', `POST ${S}/transitions`, 'depublish', 'foreign', 'forbidden'],
  ['author', `POST ${S}/ticker-entries`, undefined, 'foreign', 'forbidden'],
  ['editor', `PUT ${S}`, 'draft', 'foreign', 'allowed'],
  ['editor', `PUT ${S}`, 'published', 'foreign', 'allowed'],
  ['editor', `PUT ${S}`, 'correction', 'foreign', 'allowed'],
  ['editor', `POST ${S}/transitions`, 'publish', 'foreign', 'allowed'],
  ['editor', `POST ${S}/transitions`, 'depublish', 'foreign', 'allowed'],
  ['editor', `POST ${S}/restore`, undefined, 'foreign', 'allowed'],
  ['admin', `PUT ${S}`, 'published', 'foreign', 'allowed'],
  ['admin', `POST ${S}/transitions`, 'publish', 'foreign', 'allowed'],
  ['contributor', 'GET /newsroom/api/stories', undefined, 'own', 'allowed'],
  ['contributor', 'POST /newsroom/api/import', undefined, 'own', 'allowed'],
  ['author', 'GET /newsroom/api/users', undefined, 'own', 'forbidden'],
  ['editor', 'GET /newsroom/api/users', undefined, 'own', 'forbidden'],
  ['admin', 'GET /newsroom/api/users', undefined, 'own', 'allowed'],
  ['author', 'GET /newsroom/api/audit', undefined, 'own', 'forbidden'],
  ['editor', 'GET /newsroom/api/audit', undefined, 'own', 'allowed'],
  ['author', 'PUT /newsroom/api/topics/:slug', undefined, 'own', 'forbidden'],
  ['editor', 'PUT /newsroom/api/topics/:slug', undefined, 'own', 'allowed'],
  ['contributor', 'GET /newsroom/stories/:id/diff', undefined, 'foreign', 'hidden'],
  ['author', 'GET /newsroom/stories/:id/diff', undefined, 'foreign', 'allowed'],
  ['author', 'POST /newsroom/stories/:id/restore', 'draft', 'foreign', 'forbidden'],
  ['contributor', 'POST /newsroom/stories/:id/restore', 'published', 'own', 'forbidden'],
  ['editor', 'POST /newsroom/stories/:id/restore', 'published', 'foreign', 'allowed'],
  ['contributor', `POST ${S}/presence`, undefined, 'foreign', 'hidden'],
  ['contributor', `DELETE ${S}/import-warnings`, 'draft', 'own', 'allowed'],
  ['contributor', `DELETE ${S}/import-warnings`, 'draft', 'foreign', 'hidden'],
  ['author', `DELETE ${S}/import-warnings`, 'draft', 'foreign', 'forbidden'],
  ['contributor', `DELETE ${S}/import-warnings`, 'published', 'own', 'forbidden'],
  ['editor', `DELETE ${S}/import-warnings`, 'published', 'foreign', 'allowed'],
  ['editor', 'GET /newsroom/users', undefined, 'own', 'forbidden'],
  ['admin', 'POST /newsroom/users/:id', undefined, 'own', 'allowed'],
  ['author', 'POST /newsroom/sections/:slug', undefined, 'own', 'forbidden'],
  ['editor', 'POST /newsroom/sections/:slug', undefined, 'own', 'allowed'],
  ['contributor', 'POST /newsroom/api/media', undefined, 'own', 'allowed'],
  ['contributor', 'GET /newsroom/api/media', undefined, 'own', 'allowed'],
  ['contributor', 'PATCH /newsroom/api/media/:id', undefined, 'own', 'forbidden'],
  ['author', 'PATCH /newsroom/api/media/:id', undefined, 'own', 'forbidden'],
  ['author', 'PUT /newsroom/api/media/:id/file', undefined, 'own', 'forbidden'],
  ['editor', 'PATCH /newsroom/api/media/:id', undefined, 'own', 'allowed'],
  ['editor', 'PUT /newsroom/api/media/:id/file', undefined, 'own', 'allowed'],
  ['author', 'POST /newsroom/media/:id', undefined, 'own', 'forbidden'],
  ['contributor', 'POST /newsroom/api/media/:id/replace-everywhere', undefined, 'own', 'forbidden'],
  ['editor', 'POST /newsroom/api/media/:id/replace-everywhere', undefined, 'own', 'allowed'],
  ['author', 'POST /newsroom/media/:id/replace-everywhere', undefined, 'own', 'forbidden'],
  ['contributor', 'POST /newsroom/api/breaking', undefined, 'own', 'forbidden'],
  ['author', 'POST /newsroom/api/breaking', undefined, 'own', 'forbidden'],
  ['editor', 'POST /newsroom/api/breaking', undefined, 'own', 'allowed'],
  ['admin', 'POST /newsroom/api/breaking', undefined, 'own', 'allowed'],
  ['author', 'POST /newsroom/push/senden', undefined, 'own', 'forbidden'],
  ['editor', 'POST /newsroom/push/senden', undefined, 'own', 'allowed'],
  ['author', 'POST /newsroom/api/push', undefined, 'own', 'forbidden'],
  ['editor', 'POST /newsroom/api/push', undefined, 'own', 'allowed'],
  ['editor', 'PUT /newsroom/api/settings/push-four-eyes', undefined, 'own', 'forbidden'],
  ['admin', 'PUT /newsroom/api/settings/push-four-eyes', undefined, 'own', 'allowed'],
  ['editor', 'POST /newsroom/push/vier-augen', undefined, 'own', 'forbidden'],
  ['admin', 'POST /newsroom/push/vier-augen', undefined, 'own', 'allowed'],
];

const keyOf = (e: { method: string; path: string }) => `${e.method} ${e.path}`;

/** The `code` of a JSON error answer (undefined for HTML pages and other bodies). */
function errorCodeOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

for (const engine of engines()) {
  describe(`newsroom permission matrix on ${engine.name}`, { skip: engine.skip }, () => {
    let db: Database;
    let app: Hono;
    let endpoints: RegisteredEndpoint[];
    let stories: StoryService;
    const people = new Map<Role | 'owner', { id: string; name: string; email: string; b: Browser }>();
    let spareUserId = '';
    let mediaDir = '';
    /** Every HTTP answer: `${role} ${key} ${label} ${ownership}` → status. */
    const seen = new Map<string, number>();
    let counter = 0;

    before(async () => {
      db = await engine.open();
      mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-matrix-media-'));
      const media = newsroomMedia({ db, storage: new DiskStorage(mediaDir) });
      MEDIA.picture = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#3366aa' } }).png().toBuffer();
      MEDIA.assetId = (await media.library.upload({ bytes: MEDIA.picture, fileName: 'matrix.png' })).asset.id;
      MEDIA.otherId = (await media.library.upload({ bytes: await sharp({ create: { width: 40, height: 30, channels: 3, background: '#aa6633' } }).jpeg().toBuffer(), fileName: 'ersatz.jpg' })).asset.id;
      const services = createServices(db, {}, { media });
      for (const id of ['matrix', 'matrix-weg', 'matrix-weg2']) await services.wire.saveSource({ id, name: id, transport: 'manual' });
      const [first] = await services.wire.ingest('matrix', wireEntry(1));
      await services.wire.ingest('matrix', wireEntry(2));
      WIRE.itemId = first && 'itemId' in first ? first.itemId : '';
      const [refused] = await services.wire.ingest('matrix', 'kein Agenturtext');
      WIRE.deadLetterId = refused && 'deadLetterId' in refused ? refused.deadLetterId : '';
      assert.ok(WIRE.itemId && WIRE.deadLetterId, 'the desk fixtures were stored');
      const built = createNewsroom(services, { siteName: 'Lede Test', siteUrl: 'http://localhost' }, { modules: NEWSROOM_MODULES });
      app = built.app as unknown as Hono;
      endpoints = built.registry.endpoints;
      stories = new StoryService(db);
      const accounts = new AccountService(db);
      for (const role of [...ROLES, 'owner'] as const) {
        const email = `${role}@example.org`;
        const user = await accounts.createUser({ email, name: `Matrix ${role}`, role: role === 'owner' ? 'author' : role, password: PASSWORD }, { name: 'test' });
        const b = new Browser(app);
        await b.apiLogin(email, PASSWORD);
        people.set(role, { id: user.id, name: user.name, email, b });
      }
      spareUserId = (await accounts.createUser({ email: 'ersatz@example.org', name: 'Ersatz', role: 'contributor', password: PASSWORD }, { name: 'test' })).id;
    });
    after(async () => {
      await db?.close();
      if (mediaDir) fs.rmSync(mediaDir, { recursive: true, force: true });
    });

    /** A fresh story for one call, owned by `ownerRole`'s account, in the state the case asks for. */
    async function storyFor(c: Case, ownerRole: Role | 'owner'): Promise<Story> {
      const owner = people.get(ownerRole)!;
      const actor = { id: owner.id, name: owner.name };
      let s = await stories.create(c.story?.kind === 'liveticker' ? TICKER : DRAFT, { actor });
      if (c.story?.versions === 2) s = await stories.update(s.id, { ...draftOf(s), teaser: 'Zweite Fassung.' }, { actor });
      const status = c.story?.status;
      if (status === 'in_review') s = await stories.setStatus(s.id, 'in_review', { actor });
      if (status === 'published' || status === 'depublished') s = await stories.publish(s.id, { actor });
      if (status === 'depublished') s = await stories.depublish(s.id, { actor });
      return s;
    }

    async function call(b: Browser, endpoint: RegisteredEndpoint, req: Req, story?: Story): Promise<Response> {
      const headers: Record<string, string> = {};
      if (req.ifMatch && story) headers['if-match'] = `"v${story.version}"`;
      if (req.assetIfMatch) {
        // An asset write names the version it was made against: the header for the API, the hidden field for the form.
        const version = (await db.query<{ version: number }>('SELECT version FROM media_assets WHERE id = $1', [req.assetIfMatch]))[0]!.version;
        if (req.form) req = { ...req, form: { ...req.form, version: String(version) } };
        else headers['if-match'] = `"v${version}"`;
      }
      if (req.form) {
        return b.api(endpoint.method, req.path, new URLSearchParams(req.form).toString(), { ...headers, 'content-type': 'application/x-www-form-urlencoded' });
      }
      if (req.raw) {
        const token = await b.csrf().catch(() => '');
        return b.request(req.path, {
          method: endpoint.method, body: new Uint8Array(req.raw.body),
          headers: { ...headers, 'content-type': req.raw.type, 'x-file-name': req.raw.name, ...(token && { 'x-csrf-token': token }) },
        });
      }
      if (req.text !== undefined) return b.api(endpoint.method, req.path, req.text, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      return b.api(endpoint.method, req.path, req.json, headers);
    }

    test('every registered endpoint has an expectation entry', () => {
      const missing = endpoints.filter((e) => !EXPECTATIONS[keyOf(e)]).map(keyOf);
      assert.deepEqual(missing, [], `add these endpoints to EXPECTATIONS in test/newsroom/permission-matrix.test.ts: ${missing.join(', ')}`);
      assert.ok(endpoints.length >= 20, 'the stories API is registered');
    });

    test('the spot checks agree with ROLE_GRANTS (a wrong grant table fails here)', () => {
      const wrong: string[] = [];
      for (const [role, key, label, ownership, outcome] of SPOT_CHECKS) {
        const c = EXPECTATIONS[key]!.find((x) => x.label === label)!;
        const [method, path] = key.split(' ') as [RegisteredEndpoint['method'], string];
        const permission = endpoints.find((e) => keyOf(e) === key)?.permission ?? PLANNED_PERMISSIONS[key];
        if (!permission) continue;
        const got = expected(role, { method, path, permission }, c, ownership);
        if (got !== outcome) wrong.push(`${role} ${key}${label ? ` (${label})` : ''} on ${ownership} story: derived ${got}, must be ${outcome}`);
      }
      assert.deepEqual(wrong, []);
    });

    test('every endpoint × role × own/foreign story answers as the grants say, over HTTP', async () => {
      const failures: string[] = [];
      let calls = 0;
      for (const endpoint of endpoints) {
        const key = keyOf(endpoint);
        for (const c of EXPECTATIONS[key] ?? []) {
          const name = `${key}${c.label ? ` (${c.label})` : ''}`;
          // Anonymous: no session, no access (public endpoints excepted).
          {
            const story = c.story ? await storyFor(c, 'owner') : undefined;
            const res = await call(new Browser(app), endpoint, c.request({ story: story!, spareUserId, unique: String(++counter) }), story);
            calls++;
            const ok = endpoint.permission === 'public'
              ? res.status !== 401 && res.status < 500
              : endpoint.kind === 'page' && endpoint.method === 'GET'
                ? res.status === 303 && (res.headers.get('location') ?? '').startsWith('/newsroom/login')
                : res.status === 401;
            if (!ok) failures.push(`anonymous ${name}: got ${res.status}`);
          }
          for (const role of ROLES) {
            for (const ownership of c.story ? (['own', 'foreign'] as const) : (['own'] as const)) {
              const story = c.story ? await storyFor(c, ownership === 'own' ? role : 'owner') : undefined;
              const person = people.get(role)!;
              let b = person.b;
              if (c.freshSession) {
                b = new Browser(app);
                await b.apiLogin(person.email, PASSWORD);
              }
              const res = await call(b, endpoint, c.request({ story: story!, spareUserId, unique: String(++counter) }), story);
              calls++;
              const want = expected(role, endpoint, c, ownership, story);
              seen.set(`${role} ${key} ${c.label ?? ''} ${ownership}`, res.status);
              // Public endpoints (login) have checks of their own (the login form's token): only "no login needed" is asserted.
              const fine = endpoint.permission === 'public' ? res.status !== 401 && res.status < 500 : judge(want, res.status, c);
              const body = await res.text();
              if (!fine) {
                failures.push(`${role} ${name}${c.story ? ` on ${ownership === 'own' ? 'own' : "someone else's"} story` : ''}: expected ${want}, got ${res.status} ${body.slice(0, 160).replace(/\s+/g, ' ')}`);
              }
              if (want === 'hidden' && story) {
                // Existence hiding: the same call on a story that does not exist must answer alike (status and error code).
                const missing = { ...story, id: randomUUID() };
                const none = await call(b, endpoint, c.request({ story: missing, spareUserId, unique: String(++counter) }), missing);
                calls++;
                const noneBody = await none.text();
                if (none.status !== res.status || errorCodeOf(noneBody) !== errorCodeOf(body)) {
                  failures.push(`${role} ${name} on someone else's story answers ${res.status} ${errorCodeOf(body) ?? ''}, on a missing one ${none.status} ${errorCodeOf(noneBody) ?? ''}: that tells the story exists`);
                }
              }
            }
          }
        }
      }
      assert.deepEqual(failures, [], `${failures.length} of ${calls} calls answered wrongly`);
    });

    test('spot checks over HTTP: editing and publishing someone else\'s story', () => {
      const wrong: string[] = [];
      for (const [role, key, label, ownership, outcome] of SPOT_CHECKS) {
        const status = seen.get(`${role} ${key} ${label ?? ''} ${ownership}`);
        if (status === undefined) continue; // an endpoint not registered (yet)
        const c = EXPECTATIONS[key]!.find((x) => x.label === label)!;
        if (!judge(outcome, status, c)) wrong.push(`${role} ${key}${label ? ` (${label})` : ''} on ${ownership} story: ${status}, must be ${outcome}`);
      }
      assert.deepEqual(wrong, []);
      for (const must of [`editor PUT ${S} draft foreign`, `editor POST ${S}/transitions publish foreign`, `author POST ${S}/transitions publish foreign`]) {
        assert.ok(seen.has(must), `${must} was called`);
      }
    });
  });
}

/** Permissions of endpoints the spot checks name that another module registers, as docs/newsroom-api.md plans them. */
const PLANNED_PERMISSIONS: Record<string, RegisteredEndpoint['permission']> = {
  'GET /newsroom/api/users': 'users.manage',
  'GET /newsroom/api/audit': 'audit.view',
  'PUT /newsroom/api/topics/:slug': 'taxonomy.manage',
};
