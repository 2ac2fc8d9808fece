import type { FeedImage } from './feed-items.js';
import { attributes, el } from './xml.js';

/**
 * Media RSS element for a lead image with its caption and rights line; RSS and
 * Atom carry it alike. It lives beside the formats that use it, not in xml.ts,
 * so the XML tools depend on no feed model (and feed-items on xml.ts alone).
 */
export function mediaContent(img: FeedImage): string {
  const inner = [
    el('media:title', img.alt),
    el('media:description', img.caption, { type: 'plain' }),
    el('media:credit', img.credit),
  ].join('');
  return `<media:content${attributes({ url: img.url, type: img.type, medium: 'image', width: img.width, height: img.height })}>${inner}</media:content>`;
}
