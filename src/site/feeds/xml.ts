import { toZonedIso } from '../../content/index.js';

/**
 * Characters XML 1.0 forbids (C0 controls except tab, LF, CR; lone surrogates;
 * U+FFFE/U+FFFF), plus DEL and the C1 controls, which are legal but break readers.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops characters that may not appear in an XML document (also used for JSON feeds, for the same readers). */
export function stripControls(text: string): string {
  return text.replace(NOT_XML, '');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for element content and attribute values (either quote style). */
export function xml(text: string | number | undefined): string {
  if (text === undefined) return '';
  return stripControls(String(text)).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Plain text as HTML, for the RSS elements readers render as HTML (`title`,
 * `description`): escaped here once for HTML, and once more by `el` for XML,
 * so a teaser that looks like markup arrives as the same words, never as tags.
 */
export function htmlText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/** `<name attr="…">text</name>`, or nothing when text is empty/undefined. */
export function el(name: string, text: string | number | undefined, attrs: Record<string, string | number | undefined> = {}): string {
  if (text === undefined || text === '') return '';
  return `<${name}${attributes(attrs)}>${xml(text)}</${name}>`;
}

export function attributes(attrs: Record<string, string | number | undefined>): string {
  let out = '';
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out += ` ${k}="${xml(v)}"`;
  return out;
}

/** RFC 822 (as RSS 2.0 wants it), in GMT: "Fri, 21 Jan 2022 13:35:00 GMT". */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/**
 * RFC 3339 / W3C datetime with seconds and the newsroom's offset
 * ("2022-01-21T14:35:00+01:00"): stored times may omit seconds or carry microseconds.
 */
export function rfc3339(iso: string): string {
  return toZonedIso(new Date(iso));
}

/** `path` made absolute against the site's address (as canonical links are); absolute URLs stay as they are. */
export function absoluteUrl(siteUrl: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
  if (path.startsWith('//')) return `${new URL(siteUrl).protocol}${path}`;
  return `${siteUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Media type of an image by its file extension (feeds' enclosures need one). */
export function imageType(src: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(src)?.[1]?.toLowerCase();
  switch (ext) {
    case 'svg': return 'image/svg+xml';
    case 'png': return 'image/png';
    case 'gif': return 'image/gif';
    case 'webp': return 'image/webp';
    case 'avif': return 'image/avif';
    default: return 'image/jpeg';
  }
}
