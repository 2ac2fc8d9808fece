import { PUBLIC_STORY } from './published-filter.js';
import { SUMMARY_SELECT, summaryFromRow, type SummaryRow } from './story-rows.js';
import type { Queryable, StorySummary } from './types.js';

export interface SectionInfo {
  name: string;
  slug: string;
}

export interface TopicInfo {
  name: string;
  count: number;
}

/**
 * Sections that have published stories, in alphabetical order; the site's navigation.
 * A loose index scan (one index probe per section) instead of GROUP BY over all
 * stories: it runs on every page, and must not grow with the archive.
 */
export async function listSections(db: Queryable): Promise<SectionInfo[]> {
  const rows = await db.query<{ section: string; section_slug: string }>(
    `WITH RECURSIVE s(slug) AS (
       (SELECT section_slug FROM stories WHERE ${PUBLIC_STORY} ORDER BY section_slug LIMIT 1)
       UNION ALL
       SELECT (SELECT section_slug FROM stories
                WHERE ${PUBLIC_STORY} AND section_slug > s.slug
                ORDER BY section_slug LIMIT 1)
         FROM s WHERE s.slug IS NOT NULL
     )
     SELECT s.slug AS section_slug,
            (SELECT section FROM stories
              WHERE ${PUBLIC_STORY} AND section_slug = s.slug
              ORDER BY first_published_at DESC, id DESC LIMIT 1) AS section
       FROM s WHERE s.slug IS NOT NULL`,
  );
  return rows.map((r) => ({ name: r.section, slug: r.section_slug }));
}

/** Topics of published stories with their story counts. */
export async function listTopics(db: Queryable): Promise<TopicInfo[]> {
  const rows = await db.query<{ topic: string; n: string | number }>(
    `SELECT t AS topic, count(*) AS n
       FROM stories, unnest(topics) AS t
      WHERE ${PUBLIC_STORY}
      GROUP BY t ORDER BY n DESC, t`,
  );
  return rows.map((r) => ({ name: r.topic, count: Number(r.n) }));
}

/**
 * Published stories tied to the broadcast slot starting in the minute of
 * `startsAt` (slot pages address minutes: /programm/2022-01-21/1300), newest first.
 */
export async function listByBroadcast(db: Queryable, startsAt: string, limit = 50): Promise<StorySummary[]> {
  const rows = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_SELECT} FROM stories
      WHERE ${PUBLIC_STORY} AND broadcast_at >= date_trunc('minute', $1::timestamptz) AND broadcast_at < date_trunc('minute', $1::timestamptz) + interval '1 minute'
      ORDER BY first_published_at DESC, id DESC LIMIT $2`,
    [startsAt, limit],
  );
  return rows.map(summaryFromRow);
}
