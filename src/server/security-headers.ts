import { createHash } from 'node:crypto';
import { SITE_CSS } from '../site/styles.js';

/** A CSP source that allows exactly one inline text (a `<style>` element's content), by its SHA-256. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The reader site's policy. Its stylesheet stays inlined (one request less on
 * a cold cache) and is allowed by its hash, not by 'unsafe-inline': an
 * injected `<style>` or style attribute does nothing. The only script is the
 * live ticker's, a same-origin file; its polls are same-origin (default-src).
 * Pictures: library pictures and demo pictures come from this origin
 * (/media, /demo-media), but a figure or a video/audio item may name an
 * outside https address (imports, agency pictures, a broadcaster's player
 * file), so img-src and media-src keep https:. Nothing uses data: images.
 */
export const READER_CSP = [
  "default-src 'self'",
  "img-src 'self' https:",
  "media-src 'self' https:",
  `style-src 'self' ${cspHash(SITE_CSS)}`,
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * The newsroom's policy: everything from this origin only. No inline styles
 * (the stylesheet is a hashed file; scripts position things through CSSOM,
 * which CSP allows), pictures only from this site (library thumbnails are
 * served under /newsroom/media; an outside figure address is shown as text,
 * and the upload list shows server thumbnails, so neither blob: nor data: is
 * needed), forms post only here, and no page may be framed: the preview opens
 * in its own tab, not in a frame.
 */
export const NEWSROOM_CSP = [
  "default-src 'self'",
  "img-src 'self'",
  "media-src 'self'",
  "style-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** HSTS for answers to HTTPS requests: a year, subdomains included (browsers ignore it over plain HTTP anyway). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** The draft preview renders a reader page (its inline stylesheet, outside pictures): it gets the reader's policy. */
const PREVIEW_PATH = /^\/newsroom\/(?:stories\/[^/]+\/)?preview$/;

/** Which policy a path gets. */
export function policyFor(pathname: string): 'reader' | 'newsroom' {
  if (pathname !== '/newsroom' && !pathname.startsWith('/newsroom/')) return 'reader';
  return PREVIEW_PATH.test(pathname) ? 'reader' : 'newsroom';
}

/**
 * Whether the request reached us over HTTPS: directly, or through a trusted
 * reverse proxy that says so in X-Forwarded-Proto (the first value: the hop
 * the browser talked to). Unlike isSecureContext, loopback over plain HTTP
 * does not count: HSTS is about the scheme, not about cookies.
 */
export function cameOverHttps(req: Request, trustProxy: boolean | number | undefined): boolean {
  if (req.url.startsWith('https:')) return true;
  if (!trustProxy) return false;
  return forwardedHttps(req.headers.get('x-forwarded-proto'));
}

/** Whether an X-Forwarded-Proto says the browser's hop was HTTPS (its first value). */
export function forwardedHttps(value: string | null | undefined): boolean {
  return value?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** Every security header of one answer. */
export function securityHeaders(req: Request, pathname: string, trustProxy: boolean | number | undefined): Record<string, string> {
  return securityHeadersFor(cameOverHttps(req, trustProxy), pathname);
}

/** Every security header of an answer on `pathname`, to a request that came over HTTPS or not. */
export function securityHeadersFor(https: boolean, pathname: string): Record<string, string> {
  const newsroom = policyFor(pathname) === 'newsroom';
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // For browsers without frame-ancestors; the same rule.
    'X-Frame-Options': newsroom ? 'DENY' : 'SAMEORIGIN',
    'Content-Security-Policy': newsroom ? NEWSROOM_CSP : READER_CSP,
  };
  if (https) headers['Strict-Transport-Security'] = HSTS;
  return headers;
}
