import { FORMAT_NAMES, FORMAT_TYPES, PublicApiError, badParameter, type PublicFormat } from './public-route.js';

/** `?format=` values and the format each names. */
export const FORMAT_PARAM: Record<string, PublicFormat> = { json: 'json', ninjs: 'ninjs', 'ninjs-3.1': 'ninjs', 'ninjs-2.2': 'ninjs-2.2', newsml: 'newsml' };

function notAcceptable(offered: readonly PublicFormat[], asked: string): PublicApiError {
  const list = offered.map((f) => `${FORMAT_NAMES[f]} (${FORMAT_TYPES[f]}${f === 'ninjs-2.2' ? '; version=2.2' : ''}, ?format=${f})`).join(', ');
  return new PublicApiError(406, 'NOT_ACCEPTABLE', 'format_not_offered', `${asked} is not offered here; this resource answers in ${list}`, {
    formats: offered.map((f) => f),
  });
}

/**
 * The format of an answer: `?format=` when given (it wins: a link can name
 * it), else the first range of `Accept` (by q-value, then order) that the
 * route offers; `*\/*`, `application/*` or no Accept at all take the route's
 * default. Nothing offered: 406 naming the formats there are.
 */
export function negotiateFormat(offered: readonly [PublicFormat, ...PublicFormat[]], formatParam: string | undefined, accept: string | null): PublicFormat {
  if (formatParam !== undefined) {
    const f = FORMAT_PARAM[formatParam.trim().toLowerCase()];
    if (!f) throw badParameter('format', `"${formatParam}" is not a format; use one of ${Object.keys(FORMAT_PARAM).join(', ')}`, 'unknown_format');
    if (!offered.includes(f)) throw notAcceptable(offered, FORMAT_NAMES[f]);
    return f;
  }
  if (!accept || !accept.trim()) return offered[0];
  const ranges = accept.split(',').map((part, i) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim());
    let q = 1;
    let version: string | undefined;
    for (const p of params) {
      const [k, v] = p.split('=').map((s) => s.trim().toLowerCase());
      if (k === 'q') q = Number(v);
      if (k === 'version') version = v?.replace(/"/g, '');
    }
    return { type: type.toLowerCase(), q: Number.isFinite(q) ? q : 0, version, i };
  }).filter((r) => r.type && r.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranges) {
    let f: PublicFormat | undefined;
    if (r.type === '*/*' || r.type === 'application/*') f = offered[0];
    else if (r.type === 'application/json') f = 'json';
    else if (r.type === FORMAT_TYPES.ninjs) f = r.version === '2.2' ? 'ninjs-2.2' : 'ninjs';
    else if (r.type === FORMAT_TYPES.newsml) f = 'newsml';
    if (f && offered.includes(f)) return f;
  }
  throw notAcceptable(offered, `Accept: ${accept.slice(0, 200)}`);
}
