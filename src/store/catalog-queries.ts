import type { Queryable } from './types.js';

export interface SectionInfo {
  name: string;
  slug: string;
  count: number;
}

export interface TopicInfo {
  name: string;
  count: number;
}

/** Sections that have published stories, largest first; the site's navigation. */
export async function listSections(db: Queryable): Promise<SectionInfo[]> {
  const rows = await db.query<{ section: string; section_slug: string; n: string | number }>(
    `SELECT section_slug, min(section) AS section, count(*) AS n
       FROM stories WHERE status = 'published'
      GROUP BY section_slug ORDER BY n DESC, section_slug`,
  );
  return rows.map((r) => ({ name: r.section, slug: r.section_slug, count: Number(r.n) }));
}

/** Topics of published stories with their story counts. */
export async function listTopics(db: Queryable): Promise<TopicInfo[]> {
  const rows = await db.query<{ topic: string; n: string | number }>(
    `SELECT t AS topic, count(*) AS n
       FROM stories, unnest(topics) AS t
      WHERE status = 'published'
      GROUP BY t ORDER BY n DESC, t`,
  );
  return rows.map((r) => ({ name: r.topic, count: Number(r.n) }));
}
