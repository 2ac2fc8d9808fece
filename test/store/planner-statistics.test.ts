import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoryRepository, listSections } from '../../src/store/index.js';
import { ANALYZE_AFTER_WRITES } from '../../src/store/checkpointer.js';
import { engines } from '../helpers/db.js';
import { makeStory } from '../helpers/stories.js';

const pglite = engines().find((e) => e.engine === 'pglite')!;

async function reltuples(db: { query: <T>(sql: string) => Promise<T[]> }): Promise<number> {
  const rows = await db.query<{ n: number }>("SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'stories'");
  return Number(rows[0]!.n);
}

test('PGlite has no autovacuum: the checkpoint timer refreshes planner statistics after many writes', async () => {
  const db = await pglite.open({ checkpointIntervalMs: 50 });
  try {
    const repo = new StoryRepository(db);
    const n = ANALYZE_AFTER_WRITES + 20;
    for (let i = 0; i < n; i++) await repo.insert(makeStory({ section: i % 2 ? 'Politik' : 'Welt' }));
    let seen = await reltuples(db);
    for (let waited = 0; seen < n && waited < 10_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await reltuples(db);
    }
    assert.ok(seen >= n, `statistics know ${seen} of ${n} rows`);
    // The navigation query's inner probe reads an index in order: no sort of the section's stories.
    const plan = (await db.query<{ 'QUERY PLAN': string }>(
      "EXPLAIN SELECT section FROM stories WHERE status = 'published' AND section_slug = 'politik' ORDER BY first_published_at DESC, id DESC LIMIT 1",
    )).map((r) => r['QUERY PLAN']).join('\n');
    assert.match(plan, /Index Scan using stories_(section_)?published_idx/);
    assert.doesNotMatch(plan, /Sort/);
    assert.deepEqual((await listSections(db)).map((s) => s.slug), ['politik', 'welt']);
  } finally {
    await db.close();
  }
});
