import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';

/**
 * The session cookie: `__Host-` prefixed (no Domain, Path=/, so no other host
 * or path can set or shadow it), HttpOnly, SameSite=Lax, Secure. Browsers
 * accept Secure cookies over HTTPS and from loopback (localhost, 127.0.0.1)
 * only; the newsroom therefore needs HTTPS anywhere else — see README.
 */
export const SESSION_COOKIE = '__Host-lede_session';
/** Double-submit token for the login form (there is no session yet to hold one). */
export const LOGIN_COOKIE = '__Host-lede_login';

/** True when the browser will keep a Secure cookie from this request: HTTPS, or a loopback host. */
export function isSecureContext(c: Context, trustProxy: boolean | number | undefined): boolean {
  const url = new URL(c.req.url);
  if (url.protocol === 'https:') return true;
  if (trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true;
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
}

export function setSessionCookie(c: Context, token: string): void {
  // No Max-Age: the server decides when a session ends; a closed browser drops the cookie.
  setCookie(c, SESSION_COOKIE, token, { path: '/', httpOnly: true, secure: true, sameSite: 'Lax' });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
}

export function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function loginToken(c: Context): string | undefined {
  return getCookie(c, LOGIN_COOKIE);
}

export function setLoginToken(c: Context, token: string): void {
  setCookie(c, LOGIN_COOKIE, token, { path: '/', httpOnly: true, secure: true, sameSite: 'Strict', maxAge: 3600 });
}

/** A fresh random token (login form double-submit). */
export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}
