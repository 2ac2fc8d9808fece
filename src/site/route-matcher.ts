import type { PageRoute, RouteParams } from './page-routes.js';

export interface RouteMatch {
  route: PageRoute;
  params: RouteParams;
}

interface Compiled {
  route: PageRoute;
  pattern: RegExp;
  names: string[];
}

/**
 * Finds a path's route in a declared table the way Hono finds the handler:
 * the first route, in table order, whose pattern takes the whole path
 * (`:name` one segment, `:name{regex}` what the regex takes), matched
 * against the path with percent-escapes decoded (except %25 and %2F, as
 * decodeURI leaves them), parameters decoded as c.req.param() gives them.
 * Compiled once; a lookup is a few anchored regex tests, remembered per path.
 */
export function routeMatcher(routes: readonly PageRoute[]): (pathname: string) => RouteMatch | undefined {
  const compiled = routes.map(compile);
  // Readers ask for the same few thousand paths over and over: each is matched once (forgotten all at once past the bound).
  const known = new Map<string, RouteMatch | null>();
  return (pathname) => {
    let match = known.get(pathname);
    if (match === undefined) {
      match = find(compiled, pathname) ?? null;
      // Long (junk) paths are matched every time: 10,000 of 14 KB each would be 140 MB of memo.
      if (pathname.length <= MEMO_PATH_LENGTH) {
        if (known.size >= MEMO_SIZE) known.clear();
        known.set(pathname, match);
      }
    }
    return match ?? undefined;
  };
}

const MEMO_SIZE = 10_000;
const MEMO_PATH_LENGTH = 256;

function find(compiled: readonly Compiled[], pathname: string): RouteMatch | undefined {
  const path = pathname.includes('%') ? tryDecode(pathname.replace(/%25/g, '%2525'), decodeURI, pathname) : pathname;
  for (const c of compiled) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    for (let i = 0; i < c.names.length; i++) {
      const value = m[i + 1]!;
      params[c.names[i]!] = value.includes('%') ? tryDecode(value, decodeURIComponent, value) : value;
    }
    return { route: c.route, params };
  }
  return undefined;
}

function compile(route: PageRoute): Compiled {
  const names: string[] = [];
  const segments = route.path.split('/').slice(1).map((segment) => {
    if (!segment.startsWith(':')) return escapeRegex(segment);
    const brace = segment.indexOf('{');
    if (brace === -1) {
      names.push(segment.slice(1));
      return '([^/]+)';
    }
    if (!segment.endsWith('}')) throw new Error(`route ${route.path}: a parameter's pattern must end its segment`);
    names.push(segment.slice(1, brace));
    return `(${segment.slice(brace + 1, -1)})`;
  });
  return { route, pattern: new RegExp(`^/${segments.join('/')}$`), names };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function tryDecode(s: string, decode: (s: string) => string, fallback: string): string {
  try {
    return decode(s);
  } catch {
    return fallback;
  }
}
