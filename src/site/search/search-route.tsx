import type { Context } from 'hono';
import { PAGE_ROUTES } from '../page-routes.js';
import type { SiteReader } from '../read-model.js';
import { Layout, renderPage } from '../views/layout.js';
import { SearchView } from '../views/search.js';
import { parseSearchParams, SEARCH_PAGE_SIZE } from './search-params.js';

/**
 * GET /suche: the search page. Bad parameters (date, length, page, unknown
 * section or topic) answer 400 with the form and a message saying what to fix.
 */
export async function searchPage(c: Context, reader: SiteReader, opts: { siteName: string; siteUrl: string; lang: string }): Promise<Response> {
  const parsed = parseSearchParams((name) => c.req.query(name));
  const sections = await reader.sections();
  const errors = [...parsed.errors];
  if (parsed.sectionSlug && !sections.some((s) => s.slug === parsed.sectionSlug)) {
    errors.push('Diese Rubrik gibt es nicht.');
    delete parsed.sectionSlug;
  }
  const response = await reader.search({
    query: errors.length ? '' : parsed.query,
    ...(parsed.sectionSlug && { sectionSlug: parsed.sectionSlug }),
    ...(parsed.topicSlug && { topicSlug: parsed.topicSlug }),
    ...(parsed.from && { from: parsed.from }),
    ...(parsed.until && { until: parsed.until }),
    order: parsed.order,
    page: parsed.page,
    pageSize: SEARCH_PAGE_SIZE,
  });
  if (parsed.topicSlug && !response.topic) errors.push('Dieses Thema gibt es nicht.');
  const result = errors.length ? undefined : response.result;
  const title = parsed.form.q && !errors.length ? `Suche: ${parsed.form.q} – ${opts.siteName}` : `Suche – ${opts.siteName}`;
  const page = renderPage(
    <Layout title={title} siteName={opts.siteName} lang={opts.lang} sections={sections}>
      <SearchView
        form={parsed.form}
        errors={[...new Set(errors)]}
        sections={sections}
        topics={response.topics}
        page={parsed.page}
        {...(result && { result })}
        {...(!errors.length && response.suggestion && { suggestion: response.suggestion })}
        lang={opts.lang}
      />
    </Layout>,
  );
  // Results change with every published story; the form with an error is not worth caching either.
  c.header('Cache-Control', errors.length ? 'no-store' : PAGE_ROUTES.search.cacheControl);
  c.header('X-Robots-Tag', 'noindex');
  return c.html(page, errors.length ? 400 : 200);
}
