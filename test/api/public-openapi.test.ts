/**
 * The OpenAPI 3.1 document and the reference page of /api/v1 are generated
 * from the route declarations: every registered route is documented, every
 * documented path answers (not the API's "no such route" 404), the document
 * is valid OpenAPI 3.1 (checked by @seriousme/openapi-schema-validator against
 * the OpenAPI Initiative's 3.1 schema) and holds together beyond what that
 * schema can say, parameter schemas compile as JSON Schema 2020-12 (Ajv),
 * and the reference page is valid HTML with no script.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { StoryDraft } from '../../src/content/index.js';
import { StoryService } from '../../src/services/story-service.js';
import { createApp } from '../../src/server/app.js';
import { createPublicApi } from '../../src/api/public/public-api.js';
import { openApiPath } from '../../src/api/public/openapi.js';
import { forEachEngine } from '../helpers/db.js';
import { missingJava, vnuErrors } from '../site/page-checkers.js';

const SITE = { siteName: 'Lede Test', siteUrl: 'https://news.example', trustProxy: false };
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Doc = {
  openapi: string; info: { title: string; version: string }; servers: { url: string }[]; security: Record<string, string[]>[];
  paths: Record<string, Record<string, { operationId: string; summary: string; parameters?: Param[]; responses: Record<string, Record<string, unknown>> }>>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string }>; schemas: Record<string, unknown>; responses: Record<string, unknown> };
};
type Param = { name: string; in: string; required: boolean; description: string; schema: Record<string, unknown> };

const draft = (headline: string): StoryDraft => ({
  kind: 'article', language: 'de', headline, teaser: 'Kurz.', authors: [{ name: 'Erika Beispiel' }], section: 'Politik', topics: ['Luftfahrt'], related: [],
  body: [{ type: 'paragraph', content: [{ text: 'Ein Absatz über die Werft.' }] }],
});

/** Every `$ref` in `value` resolves inside `doc`. */
function checkRefs(doc: unknown, value: unknown, where: string): void {
  if (Array.isArray(value)) return value.forEach((v, i) => checkRefs(doc, v, `${where}[${i}]`));
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref') {
      assert.match(String(v), /^#\//, `${where}: local ref`);
      let target: unknown = doc;
      for (const part of String(v).slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[part];
      assert.ok(target, `${where}: ${String(v)} resolves`);
    } else checkRefs(doc, v, `${where}.${k}`);
  }
}

forEachEngine('content API document and reference', (ctx) => {
  let app: ReturnType<typeof createApp>;
  let doc: Doc;
  let storyId = '';

  before(async () => {
    app = createApp(ctx.db, SITE, { apiGate: { anonymousPerMinute: 1_000_000 } });
    storyId = (await new StoryService(ctx.db).create(draft('Werft meldet Rekord'), { status: 'published' })).id;
    const res = await app.request('https://news.example/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^application\/json/);
    doc = (await res.json()) as Doc;
  });

  test('a real OpenAPI validator accepts the document', async () => {
    const result = await new Validator().validate(structuredClone(doc) as unknown as Parameters<Validator["validate"]>[0]);
    assert.equal(result.valid, true, `OpenAPI validator: ${JSON.stringify(result.errors)}`);
    // And refuses a broken one, so the check above can fail.
    const broken = structuredClone(doc) as unknown as { paths: Record<string, Record<string, { responses: unknown }>> };
    Object.values(Object.values(broken.paths)[0]!)[0]!.responses = 'none';
    assert.equal((await new Validator().validate(broken as unknown as Parameters<Validator["validate"]>[0])).valid, false);
  });

  test('the document is OpenAPI 3.1 and holds together', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(typeof doc.info.title, 'string');
    assert.equal(typeof doc.info.version, 'string');
    assert.equal(doc.servers[0]!.url, 'https://news.example');
    // The key is optional: anonymous ({}) or the bearer scheme.
    assert.deepEqual(doc.security, [{}, { apiKey: [] }]);
    assert.deepEqual(doc.components.securitySchemes.apiKey, { ...doc.components.securitySchemes.apiKey, type: 'http', scheme: 'bearer' });
    checkRefs(doc, doc, '#');
    const ajv = new Ajv2020({ strict: false });
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths)) {
      assert.match(p, /^\/api\/v1\//);
      const templated = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      for (const [method, op] of Object.entries(item)) {
        assert.ok(METHODS.includes(method), `${p}: ${method} is an HTTP method`);
        assert.ok(op.operationId && !ids.has(op.operationId), `${p}: a unique operationId`);
        ids.add(op.operationId);
        assert.ok(op.summary, `${p}: summary`);
        assert.ok(op.responses['200'], `${p}: 200 documented`);
        for (const [status, r] of Object.entries(op.responses)) {
          assert.match(status, /^[1-5]\d\d$/, `${p}: status ${status}`);
          assert.ok(r.$ref || typeof r.description === 'string', `${p} ${status}: a description`);
          for (const type of Object.keys((r.content as Record<string, unknown> | undefined) ?? {})) assert.match(type, /^[a-z]+\/[a-z0-9.+-]+(; ?[a-z]+=[0-9.]+)?$/, `${p} ${status}: media type ${type}`);
        }
        const params = op.parameters ?? [];
        const seen = new Set<string>();
        for (const param of params) {
          assert.ok(['path', 'query'].includes(param.in), `${p}: ${param.name} in ${param.in}`);
          assert.ok(!seen.has(`${param.in}:${param.name}`), `${p}: ${param.name} once`);
          seen.add(`${param.in}:${param.name}`);
          assert.equal(typeof param.description, 'string');
          if (param.in === 'path') {
            assert.equal(param.required, true, `${p}: path parameter ${param.name} required`);
            assert.ok(templated.includes(param.name), `${p}: ${param.name} is in the path`);
          }
          // Each schema is JSON Schema 2020-12 (OpenAPI 3.1's dialect): Ajv compiles it.
          assert.doesNotThrow(() => ajv.compile(param.schema), `${p}: ${param.name} schema compiles`);
        }
        for (const name of templated) assert.ok(params.some((x) => x.in === 'path' && x.name === name), `${p}: {${name}} declared`);
      }
    }
  });

  test('the schemas say what the server checks', () => {
    const list = doc.paths['/api/v1/stories']!.get!;
    const byName = new Map(list.parameters!.map((x) => [x.name, x]));
    for (const name of ['section', 'topic', 'author', 'kind', 'language', 'updated_since', 'published_since', 'q', 'limit', 'cursor', 'format']) {
      assert.ok(byName.has(name), name);
      assert.equal(byName.get(name)!.required, false, name);
    }
    assert.deepEqual(byName.get('kind')!.schema.enum, ['article', 'liveticker', 'video', 'audio']);
    assert.equal(byName.get('q')!.schema.maxLength, 200);
    assert.deepEqual(byName.get('format')!.schema.enum, ['json', 'ninjs', 'ninjs-3.1', 'ninjs-2.2']);
    const one = doc.paths['/api/v1/stories/{idOrSlug}']!.get!;
    assert.ok(Object.keys(one.responses['200']!.content as object).includes('application/vnd.iptc.g2.newsitem+xml'));
    assert.ok(one.responses['410'] && one.responses['404']);
    const search = doc.paths['/api/v1/search']!.get!;
    assert.equal(search.parameters!.find((x) => x.name === 'q')!.required, true);
  });

  test('every registered route is documented and every documented path answers', async () => {
    const api = createPublicApi(ctx.db, { siteUrl: SITE.siteUrl, siteName: SITE.siteName });
    const registered = api.registry.routes.map((r) => openApiPath(r.path));
    assert.ok(registered.length >= 8);
    const served = [...new Set(api.app.routes.filter((r) => r.method === 'GET').map((r) => openApiPath(r.path)))];
    for (const p of [...registered, ...served.filter((p) => p !== '/api/v1/docs.css' && p !== '*' && p !== '/*')]) assert.ok(doc.paths[p], `${p} is documented`);
    for (const p of Object.keys(doc.paths)) {
      const url = p.replace('{idOrSlug}', storyId).replace('{assetId}', crypto.randomUUID());
      const res = await app.request(`https://news.example${url}${p === '/api/v1/search' ? '?q=Werft' : ''}`);
      const body = res.headers.get('content-type')?.startsWith('application/json') ? ((await res.json()) as { error?: { reason: string } }) : undefined;
      assert.notEqual(body?.error?.reason, 'no_route', `${p} exists`);
      assert.ok(res.status < 500, `${p}: ${res.status}`);
      if (!p.includes('{assetId}')) assert.equal(res.status, 200, p);
    }
  });

  test('the reference page: every route, formats, curl with and without a key, errors; valid HTML without scripts', async (t) => {
    const res = await app.request('https://news.example/api/v1/docs');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/html/);
    assert.match(res.headers.get('content-security-policy')!, /script-src 'self'/);
    const html = await res.text();
    assert.doesNotMatch(html, /<script\b/i);
    assert.doesNotMatch(html, /\s(?:src|href)="(?:https?:)?\/\//i, 'nothing loaded from elsewhere');
    assert.doesNotMatch(html, /\sstyle="/i);
    for (const p of Object.keys(doc.paths).filter((p) => !p.endsWith('/openapi.json') && !p.endsWith('/docs'))) assert.ok(html.includes(`GET ${p}`), p);
    assert.match(html, /curl -s 'https:\/\/news\.example\/api\/v1\/stories\?section=politik&#38;limit=10'/);
    assert.match(html, /curl -s -H "Authorization: Bearer \$LEDE_KEY" -H .Accept: application\/vnd\.iptc\.g2\.newsitem\+xml. .https:\/\/news\.example\/api\/v1\/stories\/\{idOrSlug\}./);
    assert.match(html, /curl -s 'https:\/\/news\.example\/api\/v1\/sections'\n/, 'an example without a key');
    for (const s of ['400', '404', '406', '410', '429', 'application/ninjs+json', 'application/vnd.iptc.g2.newsitem+xml', 'If-None-Match', 'updated_since']) assert.ok(html.includes(s), s);
    const css = await app.request('https://news.example/api/v1/docs.css');
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type')!, /^text\/css/);
    const java = await missingJava();
    if (java) return t.skip(java);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-api-docs-'));
    try {
      const file = path.join(dir, 'docs.html');
      fs.writeFileSync(file, html);
      assert.deepEqual((await vnuErrors([file])).map((m) => `${m.lastLine}: ${m.message}`), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
