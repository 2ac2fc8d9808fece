/**
 * A browser's cookie handling, reduced to what the newsroom uses, plus a JSON
 * API client on top of it that sends the session's CSRF token like the UI
 * does.
 *
 *   const b = new Browser(app);
 *   await b.apiLogin('cvd@example.org', PASSWORD);
 *   const res = await b.api('PUT', `/newsroom/api/stories/${id}`, { story }, { 'if-match': '"v1"' });
 */

export const BASE = 'http://localhost';

/** Anything that answers requests like a Hono app. */
export interface Fetcher {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

export class Browser {
  readonly cookies = new Map<string, string>();
  #csrf: string | undefined;

  constructor(private readonly app: Fetcher) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(`${BASE}${path}`, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (!value || /Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }

  /** Opens the login page (for its token) and logs in. */
  async login(email: string, password: string, next?: string): Promise<Response> {
    const page = await (await this.request(`/newsroom/login${next ? `?next=${encodeURIComponent(next)}` : ''}`)).text();
    const token = /name="_login" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const nextField = /name="next" value="([^"]*)"/.exec(page)?.[1] ?? '';
    return this.form('/newsroom/login', { _login: token, email, password, next: nextField.replace(/&amp;/g, '&') });
  }

  /** Logs in through the JSON API and keeps the CSRF token it returns. */
  async apiLogin(email: string, password: string): Promise<void> {
    const res = await this.request('/newsroom/api/login', { method: 'POST', body: JSON.stringify({ email, password }), headers: { 'content-type': 'application/json' } });
    if (res.status !== 200) throw new Error(`login of ${email} failed with ${res.status}: ${await res.text()}`);
    this.#csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  async csrf(): Promise<string> {
    const me = await this.request('/newsroom/api/me');
    return ((await me.json()) as { csrfToken: string }).csrfToken;
  }

  /**
   * A JSON API call as the UI makes it: the CSRF token on every change, the
   * body as JSON (a string is sent as it is, with the content type you give).
   */
  async api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (method !== 'GET' && method !== 'HEAD' && this.cookies.size) {
      this.#csrf ??= await this.csrf().catch(() => undefined);
      if (this.#csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = this.#csrf;
    }
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      if (!('content-type' in h)) h['content-type'] = 'application/json';
    }
    return this.request(path, { method, headers: h, ...(payload !== undefined && { body: payload }) });
  }

  /** api() and the parsed JSON answer. */
  async json<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; res: Response }> {
    const res = await this.api(method, path, body, headers);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, res };
  }
}
