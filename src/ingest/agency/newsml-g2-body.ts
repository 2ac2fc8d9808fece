import type { Block } from '../../content/types.js';
import { htmlToBlocks, htmlToText } from './html-blocks.js';
import { blockText, element, elements, lineText, rawText, type XElement, type XNode } from './newsml-g2-xml.js';

/**
 * The text of a NewsML-G2 item (its contentSet) as Lede body blocks. Inline
 * XHTML and NITF are written back out as an HTML string and go through the one
 * agency allowlist (html-blocks.ts), so a G2 body and a dpa/ninjs body lose and
 * keep exactly the same things; plain inlineData becomes paragraphs.
 */

export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

export interface G2Body {
  blocks: Block[];
  warnings: string[];
  /** What a NITF body.head states: fallbacks for fields the item's contentMeta leaves out. */
  head: { headline?: string; subhead?: string; byline?: string; dateline?: string; teaser?: string };
}

const VOID = new Set(['br', 'hr', 'img', 'meta', 'link', 'input', 'area', 'base', 'col', 'embed', 'source', 'track', 'wbr', 'param']);

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function openTag(name: string, attrs: Record<string, string>): string {
  let s = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) {
    // xml:lang and friends mean nothing to the HTML reader; a name that is not a plain HTML attribute name is not written.
    if (!k.includes(':') && /^[a-zA-Z_][\w.-]*$/.test(k)) s += ` ${k}="${escapeAttr(v)}"`;
  }
  return `${s}>`;
}

/** Serialises XHTML nodes back to HTML. `skip` leaves out elements that repeat the item's metadata. */
function xhtmlToHtml(nodes: XNode[], skip: (el: XElement, depth: number) => boolean, foreign: Set<string>, depth = 0): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') {
      out += escapeText(n);
      continue;
    }
    if (n.ns !== XHTML_NS) {
      foreign.add(n.name);
      continue;
    }
    if (skip(n, depth)) continue;
    const name = n.name.toLowerCase();
    if (VOID.has(name)) out += openTag(name, n.attrs);
    else out += `${openTag(name, n.attrs)}${xhtmlToHtml(n.children, skip, foreign, depth + 1)}</${name}>`;
  }
  return out;
}

/** The XHTML body inside an inlineXML: html/body's children, or the XHTML elements given straight. */
function xhtmlContent(inline: XElement): XNode[] | undefined {
  const html = element(inline, 'html', XHTML_NS);
  if (html) return element(html, 'body', XHTML_NS)?.children ?? [];
  const direct = elements(inline).filter((e) => e.ns === XHTML_NS);
  if (!direct.length) return undefined;
  const body = direct.length === 1 && direct[0]!.name === 'body' ? direct[0]! : undefined;
  return body ? body.children : inline.children.filter((n) => typeof n === 'string' || n.ns === XHTML_NS);
}

function hasClass(el: XElement, name: string): boolean {
  return (el.attrs.class ?? '').split(/\s+/).includes(name);
}

function readXhtml(nodes: XNode[], teaser: string | undefined): G2Body {
  const foreign = new Set<string>();
  const html = xhtmlToHtml(
    nodes,
    (el, depth) =>
      // dpa's XHTML repeats headline, kicker, byline and slugline in a <header>, the teaser as p.teaser and
      // the dateline as span.dateline: the item's own fields carry them, and a story shows its dateline itself.
      (depth === 0 && el.name === 'header') ||
      (el.name === 'span' && hasClass(el, 'dateline')) ||
      (el.name === 'p' && hasClass(el, 'teaser') && teaser !== undefined && lineText(el) === teaser),
    foreign,
  );
  const { blocks, warnings } = htmlToBlocks(html);
  if (foreign.size) warnings.push(`dropped elements from another namespace in the text: ${[...foreign].map((n) => `<${n}>`).join(', ')}`);
  return { blocks, warnings, head: {} };
}

/**
 * The text of an element that may hold XHTML (dpa puts its whole notepad as an
 * XHTML section into an edNote): line breaks at block edges, markup gone.
 */
export function noteText(el: XElement): string | undefined {
  if (!el.children.some((n) => typeof n !== 'string' && n.ns === XHTML_NS)) return blockText(el);
  return htmlToText(xhtmlToHtml(el.children, () => false, new Set()));
}

// ── NITF ───────────────────────────────────────────────────────────────────

/** NITF elements written as their HTML namesakes; the rest of NITF's inline vocabulary keeps only its text. */
const NITF_AS_HTML: Record<string, string> = {
  p: 'p', hl1: 'h2', hl2: 'h2', ul: 'ul', ol: 'ol', li: 'li', bq: 'blockquote', em: 'em', br: 'br', pre: 'p', table: 'table',
};

function nitfToHtml(nodes: XNode[], dropped: Map<string, number>): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') {
      out += escapeText(n);
      continue;
    }
    const tag = NITF_AS_HTML[n.name];
    if (n.name === 'a') {
      const href = n.attrs.href;
      out += `${href === undefined ? '<a>' : openTag('a', { href })}${nitfToHtml(n.children, dropped)}</a>`;
    } else if (n.name === 'media' || n.name === 'nitf-table' || n.name === 'fn' || n.name === 'note') {
      dropped.set(n.name, (dropped.get(n.name) ?? 0) + 1);
    } else if (n.name === 'block') {
      out += `<div>${nitfToHtml(n.children, dropped)}</div>`;
    } else if (tag === 'br') {
      out += '<br>';
    } else if (tag) {
      out += `<${tag}>${nitfToHtml(n.children, dropped)}</${tag}>`;
    } else {
      out += nitfToHtml(n.children, dropped);
    }
  }
  return out;
}

function readNitf(nitf: XElement): G2Body {
  const body = element(nitf, 'body');
  const head = element(body, 'body.head');
  const hedline = element(head, 'hedline');
  const dropped = new Map<string, number>();
  const html = nitfToHtml(element(body, 'body.content')?.children ?? [], dropped);
  const { blocks, warnings } = htmlToBlocks(html);
  for (const [tag, n] of dropped) warnings.push(`dropped ${n} NITF <${tag}>`);
  return {
    blocks,
    warnings,
    head: {
      headline: lineText(element(hedline, 'hl1')),
      subhead: lineText(element(hedline, 'hl2')),
      byline: lineText(element(head, 'byline')),
      dateline: lineText(element(head, 'dateline')),
      teaser: blockText(element(head, 'abstract')),
    },
  };
}

// ── Plain text ─────────────────────────────────────────────────────────────

function readInlineData(data: XElement): G2Body {
  const type = (data.attrs.contenttype ?? 'text/plain').toLowerCase();
  if (data.attrs.encoding && data.attrs.encoding !== 'none') {
    return { blocks: [], warnings: [`inlineData in encoding ${data.attrs.encoding} was not read`], head: {} };
  }
  // Markup carried as escaped text in inlineData is still markup: the same allowlist reads it.
  if (type.includes('html')) return { ...htmlToBlocks(rawText(data)), head: {} };
  const blocks: Block[] = [];
  for (const para of rawText(data).split(/\n[ \t]*\n/)) {
    const text = lineText({ ns: '', name: '', attrs: {}, children: [para] });
    if (text) blocks.push({ type: 'paragraph', content: [{ text }] });
  }
  return { blocks, warnings: [], head: {} };
}

/**
 * Reads the first body the contentSet offers: inline XHTML or NITF, else
 * inlineData. `teaser` is the item's teaser, so a copy of it in the body is
 * not read twice.
 */
export function readG2Body(contentSet: XElement | undefined, teaser: string | undefined): G2Body {
  const empty: G2Body = { blocks: [], warnings: [], head: {} };
  for (const inline of elements(contentSet, 'inlineXML')) {
    const xhtml = xhtmlContent(inline);
    if (xhtml) return readXhtml(xhtml, teaser);
    const nitf = elements(inline).find((e) => e.name === 'nitf');
    if (nitf) return readNitf(nitf);
    const other = elements(inline)[0];
    if (other) empty.warnings.push(`inlineXML with <${other.name}> (${other.ns || 'no namespace'}) was not read`);
  }
  const data = element(contentSet, 'inlineData');
  if (data) {
    const read = readInlineData(data);
    return { ...read, warnings: [...empty.warnings, ...read.warnings] };
  }
  return empty;
}
