import type { z } from 'zod';
import { FORMAT_NAMES, FORMAT_TYPES } from './public-route.js';
import type { RegisteredRoute } from './public-registry.js';
import { openApiPath, parameterSchema } from './openapi.js';
import { INTERNAL_STORY_FIELDS } from './public-story-json.js';

/**
 * The human-readable reference at /api/v1/docs, made from the route
 * declarations like the OpenAPI document: every route with its parameters,
 * formats, errors and example calls with and without a key. Plain HTML and
 * one same-origin stylesheet: no script, nothing from elsewhere (the reader
 * site's Content-Security-Policy applies).
 */

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** `text` with `code` spans as <code>. */
const prose = (text: string): string => esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');

export const DOCS_CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.25rem;color:#1a1a1a}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}pre{background:#f4f4f4;padding:.6rem;overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
h2{border-top:2px solid #222;padding-top:1rem;margin-top:2rem}h3{margin-top:1.5rem}`;

export function docsPage(routes: readonly RegisteredRoute[], opts: { siteUrl: string; siteName: string }): string {
  const base = opts.siteUrl;
  const toc = routes.map((r) => `<li><a href="#${anchor(r.path)}"><code>GET ${esc(openApiPath(r.path))}</code></a> – ${esc(r.summary)}</li>`).join('');
  const sections = routes.map((r) => route(r, base)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.siteName)} content API – reference</title>
<link rel="stylesheet" href="/api/v1/docs.css">
</head>
<body>
<main>
<h1>${esc(opts.siteName)} content API</h1>
<p>Public stories by machine, read only. Base address: <code>${esc(base)}/api/v1</code>. The same reference as an
<a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>.</p>
<h2 id="basics">Basics</h2>
<h3>Keys and quotas</h3>
<p>A key is optional. Without one, a small anonymous quota applies per address. With one (admins create keys in the newsroom; a key is shown once),
send it as <code>Authorization: Bearer &lt;key&gt;</code>. Past the quota the answer is <code>429</code> with <code>Retry-After</code> (seconds) and
<code>RateLimit</code> headers.</p>
<h3>Formats</h3>
<table><thead><tr><th>Format</th><th>Accept</th><th>?format=</th></tr></thead><tbody>
<tr><td>${esc(FORMAT_NAMES.json)} (default)</td><td><code>${FORMAT_TYPES.json}</code></td><td><code>json</code></td></tr>
<tr><td>${esc(FORMAT_NAMES.ninjs)}</td><td><code>${FORMAT_TYPES.ninjs}</code></td><td><code>ninjs</code></td></tr>
<tr><td>${esc(FORMAT_NAMES['ninjs-2.2'])}</td><td><code>${FORMAT_TYPES['ninjs-2.2']}; version=2.2</code></td><td><code>ninjs-2.2</code></td></tr>
<tr><td>${esc(FORMAT_NAMES.newsml)} (single stories only)</td><td><code>${FORMAT_TYPES.newsml}</code></td><td><code>newsml</code></td></tr>
</tbody></table>
<p><code>?format=</code> wins over <code>Accept</code>. A format a resource does not offer is a <code>406</code> that lists the formats it does.
Lists come as <code>{"items": [...], "next": "…"}</code>, the items in the chosen format.</p>
<p>Lede JSON is the story document as <code>lede story --json</code> prints it, less the newsroom's own fields
(${INTERNAL_STORY_FIELDS.map((f) => `<code>${f}</code>`).join(', ')}), plus <code>url</code> (the reader page) and <code>apiUrl</code>.
Media library pictures come with their rendition as <code>src</code> and the credit of the picture's rights; <code>assetId</code> leads to
<code>/api/v1/media/{assetId}</code>.</p>
<h3>What you see</h3>
<p>Exactly what readers may see: drafts, stories in review, scheduled and embargoed stories are never listed and answer <code>404</code>, like ids that never
existed. A depublished story answers <code>410</code> with <code>{"id": "…", "status": "depublished"}</code>: delete your copy. A picture whose rights have
lapsed is absent from every format.</p>
<h3>Paging</h3>
<p>Lists are pages of at most 100 (<code>limit</code>, default 20). Follow <code>next</code> (an address, or <code>null</code> on the last page); its
<code>cursor</code> is opaque. <code>/api/v1/stories</code> is ordered by last change, newest first, then by id, so paging through all stories
changed since a time neither skips nor repeats one:</p>
<pre>url="${esc(base)}/api/v1/stories?updated_since=2026-12-01T00:00:00%2B01:00&amp;limit=100"
while [ "$url" != "null" ]; do
  page=$(curl -s -H "Authorization: Bearer $LEDE_KEY" "$url")
  echo "$page" | jq -c '.items[] | {id, headline}'
  url=$(echo "$page" | jq -r '.next')
done</pre>
<h3>Caching</h3>
<p>Every success has an <code>ETag</code>: send it back as <code>If-None-Match</code> and an unchanged answer is a bodiless <code>304</code>.
<code>Cache-Control</code> says how long to keep it; <code>Surrogate-Key</code> names what it shows with the keys the site's pages use (a CDN in front
purges both together). Answers are compressed (gzip, brotli) when <code>Accept-Encoding</code> asks. Any origin may call the API from a browser (CORS).</p>
<h3>Errors</h3>
<p>Every error is JSON: <code>{"error": {"code", "reason", "message"}}</code>. <code>400</code>: a parameter is unknown, repeated, malformed or holds a
NUL or an unpaired surrogate; <code>error.parameter</code> names it. <code>404</code>, <code>406</code>, <code>410</code>, <code>429</code> as below.</p>
<h2 id="routes">Resources</h2>
<ul>${toc}</ul>
${sections}
</main>
</body>
</html>
`;
}

function anchor(path: string): string {
  return `r-${path.replace(/^\/api\/v1\//, '').replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

function route(r: RegisteredRoute, base: string): string {
  const rows: string[] = [];
  const row = (name: string, where: string, s: z.ZodType, required: boolean) => {
    const schema = parameterSchema(s);
    const type = [schema.type, schema.enum ? `one of ${(schema.enum as unknown[]).join(', ')}` : '', schema.maxLength ? `≤ ${schema.maxLength} characters` : '']
      .filter(Boolean).join(', ');
    rows.push(`<tr><td><code>${esc(name)}</code></td><td>${where}${required ? ', required' : ''}</td><td>${esc(String(type))}</td><td>${prose(s.description ?? '')}</td></tr>`);
  };
  for (const [name, s] of Object.entries(r.params?.shape ?? {})) row(name, 'path', s as z.ZodType, true);
  for (const [name, s] of Object.entries(r.query?.shape ?? {})) row(name, 'query', s as z.ZodType, !(s as z.ZodType).safeParse(undefined).success);
  rows.push(`<tr><td><code>format</code></td><td>query</td><td>string</td><td>${r.formats.map((f) => `<code>${f}</code>`).join(', ')} (instead of Accept)</td></tr>`);
  const example = `${base}${r.example ?? r.path}`;
  const errors = [
    '<li><code>400</code> a parameter is unknown, repeated or malformed (named in <code>error.parameter</code>)</li>',
    ...(r.errors ?? []).map((e) => `<li><code>${e.status}</code> ${prose(e.description)}</li>`),
    `<li><code>406</code> a format other than ${r.formats.map((f) => esc(FORMAT_NAMES[f])).join(', ')}</li>`,
    '<li><code>429</code> quota used up (see Retry-After)</li>',
  ];
  return `<h2 id="${anchor(r.path)}"><code>GET ${esc(openApiPath(r.path))}</code></h2>
<p>${prose(r.summary)}.${r.description ? ` ${prose(r.description)}` : ''}</p>
<table><thead><tr><th>Parameter</th><th>Where</th><th>Type</th><th>Meaning</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<p>Formats: ${r.formats.map((f) => `${esc(FORMAT_NAMES[f])} (<code>${esc(FORMAT_TYPES[f])}</code>)`).join(', ')}. Success: ${prose(r.description200)}
Kept ${r.cache.maxAge} s by browsers, ${r.cache.sMaxAge} s by shared caches.</p>
<p>Errors:</p><ul>${errors.join('')}</ul>
<pre>curl -s '${esc(example)}'
curl -s -H "Authorization: Bearer $LEDE_KEY" -H 'Accept: ${esc(FORMAT_TYPES[r.formats.at(-1)!])}' '${esc(example)}'</pre>`;
}
