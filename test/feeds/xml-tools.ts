/** xmllint and the shared sitemap schemas for the feed and sitemap tests; each absent tool skips with one line. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCHEMA_DIR = path.resolve(root, '..', 'shared', 'conformance', 'sitemaps');

export function missingXmllint(): string | undefined {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  return r.error ? 'xmllint not installed (Debian: libxml2-utils): XML checks skipped' : undefined;
}

/** Why schema validation cannot run, or undefined. */
export function missingSchemas(...names: string[]): string | undefined {
  const gone = names.filter((n) => !existsSync(path.join(SCHEMA_DIR, n)));
  if (gone.length) return `../shared/conformance/sitemaps/${gone.join(', ')} not found: schema validation skipped`;
  return missingXmllint();
}

export class XmlWorkspace {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'lede-feeds-'));
  #n = 0;

  write(text: string, ext = 'xml'): string {
    const file = path.join(this.dir, `doc-${++this.#n}.${ext}`);
    writeFileSync(file, text);
    return file;
  }

  /**
   * A schema importing the core sitemap schema and its image and news
   * extensions: the core schema's wildcards are strict, so extension
   * elements validate only when their schema is loaded alongside.
   */
  combinedSchema(): string {
    const imports = [
      ['http://www.sitemaps.org/schemas/sitemap/0.9', 'sitemap.xsd'],
      ['http://www.google.com/schemas/sitemap-image/1.1', 'sitemap-image.xsd'],
      ['http://www.google.com/schemas/sitemap-news/0.9', 'sitemap-news.xsd'],
    ].map(([ns, file]) => `<xsd:import namespace="${ns}" schemaLocation="${path.join(SCHEMA_DIR, file!)}"/>`);
    const file = path.join(this.dir, 'combined.xsd');
    writeFileSync(file, `<?xml version="1.0"?>\n<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n${imports.join('\n')}\n</xsd:schema>\n`);
    return file;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** xmllint's complaints about `file` ('' when it is well-formed, and valid against `schema` when given). */
export function xmllint(file: string, schema?: string): string {
  const args = ['--noout', ...(schema ? ['--schema', schema] : []), file];
  const r = spawnSync('xmllint', args, { encoding: 'utf8' });
  if (r.status === 0) return '';
  return `${r.stderr}${r.stdout}`.trim() || `xmllint exited with ${r.status}`;
}
