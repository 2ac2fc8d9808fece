import { escapeToBuffer } from 'hono/utils/html';

/**
 * For the parts of pages built as strings rather than JSX (the head, the
 * header, text blocks, figures, teaser cards): hono/jsx's per-element work was
 * most of an uncached render. Escaping is hono's own, so a string prints
 * exactly what the JSX printed.
 */
export function esc(value: string): string {
  const buffer: [string] = [''];
  escapeToBuffer(value, buffer);
  return buffer[0];
}

/** ` name="value"`, or nothing when the value is undefined (as JSX leaves such an attribute out). */
export function attr(name: string, value: string | number | undefined): string {
  return value === undefined ? '' : ` ${name}="${typeof value === 'number' ? value : esc(value)}"`;
}
