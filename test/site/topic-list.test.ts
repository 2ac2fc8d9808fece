import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cachedTopicList } from '../../src/site/topic-list.js';
import { StoryRepository } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { makeStory } from '../helpers/stories.js';

test('the topic list is read once per minute, and an unknown slug forces a fresh read', async () => {
  const db = await engines()[0]!.open();
  try {
    let clock = 0;
    const list = cachedTopicList(db, () => clock);
    const repo = new StoryRepository(db);
    await repo.insert(makeStory({ topics: ['Hochwasser an der Elbe'] }));
    assert.deepEqual((await list.all()).map((t) => t.name), ['Hochwasser an der Elbe']);

    await repo.insert(makeStory({ topics: ['Landeshaushalt'] }));
    assert.equal((await list.all()).length, 1, 'still the cached list');
    assert.equal(await list.bySlug('landeshaushalt'), 'Landeshaushalt', 'a miss reads again');
    assert.equal((await list.all()).length, 2);
    assert.equal(await list.bySlug('gibt-es-nicht'), undefined);

    await repo.insert(makeStory({ topics: ['Schule'] }));
    clock += 61_000;
    assert.equal((await list.all()).length, 3, 'expired after a minute');
  } finally {
    await db.close();
  }
});
