import { parseDocument } from 'htmlparser2';
import { LIMITS, MARKS, type Block, type Inline, type Mark } from '../../content/types.js';
import type { WireBox } from './wire-item.js';
import { chunk, finishRuns, splitRuns } from './inline-runs.js';
import { cleanLine, cleanMultiline, cleanText, httpUrl } from './wire-fields.js';

// The text helpers live in wire-fields.ts; other agency readers import them from here too.
export { cleanLine, cleanMultiline, cleanText, httpUrl };

/**
 * Agency HTML (dpa article_html, ninjs body_html, G2 XHTML) → Lede body blocks,
 * through an allowlist: p, h1–h6 (as h2/h3), ul/ol, blockquote, strong/b, em/i,
 * links with http(s) targets. Everything else is dropped or unwrapped, and each
 * kind of loss is named in `warnings` so the desk can show what the agency sent
 * that Lede does not carry. The blocks are built to pass validateDraft: no
 * empty runs, no control characters, within LIMITS.
 *
 * This is the one place agency HTML is parsed; nothing of its markup survives
 * (attributes such as onclick never reach a block, hrefs are http(s) only).
 */

export interface HtmlBlocks {
  blocks: Block[];
  warnings: string[];
}

/** Parsed node, as much of htmlparser2's DOM as this walker needs. */
interface Node {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: Node[];
  data?: string;
}

/** Dropped with everything inside (their content is code, media or a table Lede cannot render as blocks). */
const DROP = new Set([
  'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'img', 'picture',
  'source', 'video', 'audio', 'track', 'svg', 'math', 'canvas', 'map', 'area', 'form', 'input', 'button', 'select',
  'option', 'textarea', 'table', 'param', 'dialog', 'caption', 'colgroup',
]);

/** A full HTML document's head: not content, and nothing worth a warning. */
const SILENT = new Set(['head', 'title', 'meta', 'link', 'base']);

/** Block containers: walked through; their edges end a paragraph. */
const CONTAINERS = new Set([
  'html', 'body', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'figure', 'figcaption',
  'center', 'address', 'details', 'summary', 'hgroup', 'dl', 'dt', 'dd', 'pre', 'li',
]);

/** Inline tags whose text is kept as it is, silently (they carry no meaning Lede keeps). */
const PLAIN_INLINE = new Set([
  'span', 'font', 'u', 'ins', 'del', 's', 'strike', 'small', 'big', 'sub', 'sup', 'abbr', 'acronym', 'cite', 'q', 'time',
  'mark', 'code', 'kbd', 'samp', 'var', 'dfn', 'bdi', 'bdo', 'label', 'data', 'nobr', 'tt', 'a',
]);

const MARK_OF: Record<string, Mark> = { strong: 'strong', b: 'strong', em: 'em', i: 'em' };
const HEADINGS: Record<string, 2 | 3> = { h1: 2, h2: 2, h3: 3, h4: 3, h5: 3, h6: 3 };
const BLOCK_TAGS = new Set(['p', 'ul', 'ol', 'blockquote', 'hr', ...Object.keys(HEADINGS), ...CONTAINERS]);

/** Most list items validateDraft accepts in one list. */
const MAX_LIST_ITEMS = 500;

// Collapsible whitespace: everything \s matches except the no-break spaces German typesetting relies on (5 km, 10 %).
const SPACES = /[^\S\u00a0\u202f]+/g;

const EMBED_PROVIDERS: [RegExp, string][] = [
  [/youtube/, 'YouTube'], [/twitter|xembed/, 'X'], [/instagram/, 'Instagram'], [/facebook/, 'Facebook'],
  [/tiktok/, 'TikTok'], [/wgchart|webgrafik/, 'dpa-Webgrafik'],
];

class Builder {
  readonly blocks: Block[] = [];
  private readonly dropped = new Map<string, number>();
  private readonly unwrapped = new Map<string, number>();
  private readonly notes = new Set<string>();
  private runs: Inline[] = [];
  private badLinks = 0;
  private flattened = 0;

  drop(tag: string): void {
    this.dropped.set(tag, (this.dropped.get(tag) ?? 0) + 1);
  }

  note(text: string): void {
    this.notes.add(text);
  }

  warnings(): string[] {
    const out: string[] = [];
    for (const [tag, n] of this.dropped) out.push(`dropped ${n} <${tag}>`);
    for (const [tag, n] of this.unwrapped) out.push(`kept only the text of ${n} <${tag}>`);
    if (this.badLinks) out.push(`removed ${this.badLinks} link${this.badLinks > 1 ? 's' : ''} that ${this.badLinks > 1 ? 'were' : 'was'} not http(s) (text kept)`);
    if (this.flattened) out.push(`flattened ${this.flattened} nested list${this.flattened > 1 ? 's' : ''}`);
    return [...out, ...this.notes];
  }

  // ---- block level ----

  walk(nodes: Node[] | undefined): void {
    for (const n of nodes ?? []) this.node(n);
  }

  private node(n: Node): void {
    if (n.type === 'text') return this.text(n.data ?? '', [], undefined, this.runs);
    if (!isElement(n)) return; // comments, doctype, CDATA
    const tag = n.name!;
    if (SILENT.has(tag)) return;
    if (DROP.has(tag)) return this.drop(tag);
    if (tag.includes('-')) return this.custom(n);
    if (tag === 'p') {
      this.flush();
      this.inline(n.children, [], undefined, 'para');
      return this.flush();
    }
    const level = HEADINGS[tag];
    if (level) return this.heading(n, level);
    if (tag === 'ul' || tag === 'ol') return this.list(n);
    if (tag === 'blockquote') return this.quote(n);
    if (tag === 'hr' || tag === 'br') return this.flush();
    if (CONTAINERS.has(tag)) {
      this.flush();
      this.walk(n.children);
      return this.flush();
    }
    // An inline element between blocks: part of an implicit paragraph.
    this.inlineNode(n, [], undefined, 'para');
  }

  /** dpa's own elements: embeds become embed blocks (a link on the page), the rest is dropped. */
  private custom(n: Node): void {
    const tag = n.name!;
    const url = httpUrl(n.attribs?.src);
    if (/embed$|chart$/.test(tag) && url) {
      this.flush();
      const provider = EMBED_PROVIDERS.find(([re]) => re.test(tag))?.[1] ?? safeHost(url);
      this.push({ type: 'embed', url, ...(provider && { provider }) });
      return;
    }
    this.drop(tag);
  }

  private heading(n: Node, level: 2 | 3): void {
    this.flush();
    const tag = n.name!;
    if (tag !== 'h2' && tag !== 'h3') this.note(`read <${tag}> as <h${level}>`);
    const text = cleanLine(this.plain(n.children, ' '));
    if (!text) return;
    if ([...text].length > LIMITS.headline) {
      this.note(`a heading longer than ${LIMITS.headline} characters became a paragraph`);
      this.pushParagraph([{ text }]);
      return;
    }
    this.push({ type: 'heading', level, text });
  }

  private list(n: Node): void {
    this.flush();
    const items: Inline[][] = [];
    this.listItems(n, items, 0);
    const ordered = n.name === 'ol';
    for (let i = 0; i < items.length; i += MAX_LIST_ITEMS) this.push({ type: 'list', ordered, items: items.slice(i, i + MAX_LIST_ITEMS) });
  }

  /** The items of a list; a nested list's items follow their parent item (Lede's lists are flat). */
  private listItems(list: Node, items: Inline[][], depth: number): void {
    if (depth > 0) this.flattened++;
    for (const child of list.children ?? []) {
      if (!isElement(child)) {
        // Text straight inside <ul> is not an item; keep it as one.
        const t = child.type === 'text' ? cleanLine(child.data) : undefined;
        if (t) items.push([{ text: t }]);
        continue;
      }
      if (DROP.has(child.name!)) {
        this.drop(child.name!);
        continue;
      }
      if (child.name === 'ul' || child.name === 'ol') {
        this.listItems(child, items, depth + 1);
        continue;
      }
      const runs: Inline[] = [];
      const nested: Node[] = [];
      this.collect(child.children, [], undefined, runs, 'item', nested);
      const item = finishRuns(runs);
      if (item.length) items.push(...splitRuns(item));
      for (const sub of nested) this.listItems(sub, items, depth + 1);
    }
  }

  private quote(n: Node): void {
    this.flush();
    const text = cleanMultiline(this.plain(n.children, '\n\n'));
    if (!text) return;
    // A quote is plain text; a very long one is cut into several.
    for (const part of chunk(text, LIMITS.inlineText)) this.push({ type: 'quote', text: part });
  }

  /** Text of a subtree; block edges become `sep`, dropped elements give nothing. */
  private plain(nodes: Node[] | undefined, sep: string): string {
    let out = '';
    for (const n of nodes ?? []) {
      if (n.type === 'text') out += n.data ?? '';
      else if (isElement(n)) {
        const tag = n.name!;
        if (DROP.has(tag) || tag.includes('-')) this.drop(tag);
        else if (tag === 'br') out += sep === ' ' ? ' ' : '\n';
        else if (BLOCK_TAGS.has(tag)) out += sep + this.plain(n.children, sep) + sep;
        else {
          this.countInline(tag);
          if (tag === 'a' && n.attribs?.href !== undefined && !httpUrl(n.attribs.href)) this.badLinks++;
          out += this.plain(n.children, sep);
        }
      }
    }
    return out;
  }

  // ---- inline level ----

  /** Inline content of a paragraph: runs go to the open paragraph; <br> and nested blocks end it. */
  private inline(nodes: Node[] | undefined, marks: Mark[], href: string | undefined, mode: 'para'): void {
    for (const n of nodes ?? []) {
      if (n.type === 'text') this.text(n.data ?? '', marks, href, this.runs);
      else if (isElement(n)) this.inlineNode(n, marks, href, mode);
    }
  }

  private inlineNode(n: Node, marks: Mark[], href: string | undefined, mode: 'para'): void {
    const tag = n.name!;
    if (DROP.has(tag)) return this.drop(tag);
    if (tag.includes('-')) return this.custom(n);
    if (tag === 'br') {
      // A line break in agency copy separates lines (results, addresses); Lede's paragraphs have no line breaks.
      return this.flush();
    }
    if (BLOCK_TAGS.has(tag)) {
      // A block inside a paragraph (invalid HTML, but it happens): it ends the paragraph and stands on its own.
      this.flush();
      this.node(n);
      return this.flush();
    }
    const [m, h] = this.markAndLink(n, marks, href);
    this.inline(n.children, m, h, mode);
  }

  /** Runs of a list item: a nested list is set aside for after the item, other blocks become a space. */
  private collect(nodes: Node[] | undefined, marks: Mark[], href: string | undefined, runs: Inline[], mode: 'item', nested: Node[]): void {
    for (const n of nodes ?? []) {
      if (n.type === 'text') {
        this.text(n.data ?? '', marks, href, runs);
        continue;
      }
      if (!isElement(n)) continue;
      const tag = n.name!;
      if (DROP.has(tag) || tag.includes('-')) this.drop(tag);
      else if (tag === 'ul' || tag === 'ol') nested.push(n);
      else if (tag === 'br' || BLOCK_TAGS.has(tag)) {
        this.text(' ', marks, href, runs);
        if (tag !== 'br') this.collect(n.children, marks, href, runs, mode, nested);
        this.text(' ', marks, href, runs);
      } else {
        const [m, h] = this.markAndLink(n, marks, href);
        this.collect(n.children, m, h, runs, mode, nested);
      }
    }
  }

  private markAndLink(n: Node, marks: Mark[], href: string | undefined): [Mark[], string | undefined] {
    const tag = n.name!;
    const mark = MARK_OF[tag];
    if (mark) return [marks.includes(mark) ? marks : [...marks, mark], href];
    this.countInline(tag);
    if (tag === 'a' && n.attribs?.href !== undefined) {
      const url = httpUrl(n.attribs.href);
      if (!url) this.badLinks++;
      // A link inside a link keeps the outer target.
      return [marks, href ?? url];
    }
    return [marks, href];
  }

  private countInline(tag: string): void {
    if (!PLAIN_INLINE.has(tag) && !MARK_OF[tag] && tag !== 'br') this.unwrapped.set(tag, (this.unwrapped.get(tag) ?? 0) + 1);
  }

  private text(raw: string, marks: Mark[], href: string | undefined, runs: Inline[]): void {
    const text = cleanText(raw).replace(SPACES, ' ');
    if (!text) return;
    const run: Inline = { text };
    if (marks.length) run.marks = MARKS.filter((m) => marks.includes(m));
    if (href) run.href = href;
    runs.push(run);
  }

  // ---- output ----

  /** Ends the open paragraph (if it has any visible text). */
  private flush(): void {
    const runs = finishRuns(this.runs);
    this.runs = [];
    if (runs.length) this.pushParagraph(runs);
  }

  private pushParagraph(runs: Inline[]): void {
    for (const content of splitRuns(runs)) this.push({ type: 'paragraph', content });
  }

  private push(block: Block): void {
    if (this.blocks.length >= LIMITS.blocks) {
      this.note(`kept the first ${LIMITS.blocks} blocks; the rest was dropped`);
      return;
    }
    this.blocks.push(block);
  }

  end(): void {
    this.flush();
  }
}

function isElement(n: Node): boolean {
  return (n.type === 'tag' || n.type === 'script' || n.type === 'style') && typeof n.name === 'string';
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

function parse(html: string): Node[] {
  // decodeEntities: &amp; &laquo; &#8220; become characters once, here; recognizeSelfClosing for <br/> in XHTML bodies.
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true });
  return doc.children as unknown as Node[];
}

/** Real agency copy nests a dozen levels; the walker recurses, so deeper markup is read as plain text. */
const MAX_HTML_DEPTH = 200;

/** Replaces the content of elements nested deeper than MAX_HTML_DEPTH by their text. Iterative; true when it did. */
function flattenDeep(nodes: Node[]): boolean {
  let flattened = false;
  const stack: [Node, number][] = nodes.map((n) => [n, 1]);
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (!n.children?.length) continue;
    if (depth >= MAX_HTML_DEPTH) {
      n.children = [{ type: 'text', data: textOf(n) }];
      flattened = true;
      continue;
    }
    for (const c of n.children) stack.push([c, depth + 1]);
  }
  return flattened;
}

/** The text below a node, in document order, without script, style or dropped elements. Iterative. */
function textOf(root: Node): string {
  const parts: string[] = [];
  const stack: Node[] = [...(root.children ?? [])].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') parts.push(n.data ?? '');
    else if (isElement(n) && !DROP.has(n.name!) && !SILENT.has(n.name!)) {
      // Block edges separate words.
      if (BLOCK_TAGS.has(n.name!)) parts.push(' ');
      for (let i = (n.children?.length ?? 0) - 1; i >= 0; i--) stack.push(n.children![i]!);
    }
  }
  return parts.join('');
}

/** Agency HTML → body blocks and what was dropped. Never throws on any string. */
export function htmlToBlocks(html: string): HtmlBlocks {
  if (typeof html !== 'string' || !html.trim()) return { blocks: [], warnings: [] };
  const b = new Builder();
  const nodes = parse(html);
  if (flattenDeep(nodes)) b.note(`markup nested deeper than ${MAX_HTML_DEPTH} levels was read as plain text`);
  b.walk(nodes);
  b.end();
  return { blocks: b.blocks, warnings: b.warnings() };
}

/**
 * A dpa info or link box (infobox_html / linkbox_html) as a WireBox: its leading
 * heading (h1–h6, or a paragraph that is bold throughout) becomes the box's
 * heading; undefined when the box has no text at all.
 */
export function htmlToBox(html: string, role: WireBox['role']): { box?: WireBox; warnings: string[] } {
  const { blocks, warnings } = htmlToBlocks(html);
  let heading: string | undefined;
  const first = blocks[0];
  if (first?.type === 'heading') {
    heading = first.text;
    blocks.shift();
  } else if (first?.type === 'paragraph' && first.content.every((r) => r.marks?.includes('strong') && !r.href)) {
    const text = cleanLine(first.content.map((r) => r.text).join(''));
    if (text && [...text].length <= LIMITS.headline) {
      heading = text;
      blocks.shift();
    }
  }
  if (!heading && !blocks.length) return { warnings };
  return { box: { role, ...(heading && { heading }), blocks }, warnings: warnings.map((w) => `${role}: ${w}`) };
}

/** Plain text of agency HTML (notes, captions given as HTML): block edges become line breaks. */
export function htmlToText(html: string): string | undefined {
  if (typeof html !== 'string' || !html.trim()) return undefined;
  const lines: string[] = [];
  for (const b of htmlToBlocks(html).blocks) {
    if (b.type === 'paragraph') lines.push(b.content.map((r) => r.text).join(''));
    else if (b.type === 'heading') lines.push(b.text);
    else if (b.type === 'quote') lines.push(b.text);
    else if (b.type === 'list') for (const it of b.items) lines.push(`• ${it.map((r) => r.text).join('')}`);
    else if (b.type === 'embed') lines.push(b.url);
  }
  return cleanMultiline(lines.join('\n'));
}
